"""The multi-criteria filter: "buurten waar A slechter is én B slechter (én …)", or a
value condition ("C groter dan 12"), read from the materialised scores.

Every condition holds for an area when, in the indicator's latest year not after the
chosen one (the year rule of the NAP-vergelijking and the blocks), its stored class
(folded to the four of the buurtbegroting) is the one asked, or its value satisfies the
comparison. An area without a value or class for a condition does not match it. All
conditions must hold (én).

In the URL a filter is one parameter: conditions separated by ``;``, the parts of one by
``:`` — ``filter=werkloosheid_p:slechter;inkomen:lt:30000`` (operators ``lt``, ``le``,
``gt``, ``ge``; a decimal point or comma).
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from monitor.errors import MonitorError
from monitor.messages import t
from monitor.scoring import Scorer, fold
from monitor.scoring.read import latest_periods, level_rows

CLASS_OPS = ("slechter", "rond", "beter")
VALUE_OPS: dict[str, Callable[[float, float], bool]] = {
    "lt": operator.lt,
    "le": operator.le,
    "gt": operator.gt,
    "ge": operator.ge,
}
OPS = (*CLASS_OPS, *VALUE_OPS)
MAX_CRITERIA = 6


@dataclass(frozen=True)
class Criterion:
    indicator: str
    op: str
    value: float | None = None

    def text(self) -> str:
        """The URL form: ``id:op`` or ``id:op:value``."""
        if self.value is None:
            return f"{self.indicator}:{self.op}"
        return f"{self.indicator}:{self.op}:{self.value:.15g}"


def parse(text: str | None) -> list[Criterion]:
    """The URL form to conditions; a malformed one is refused with its reason."""
    found: list[Criterion] = []
    for part in (text or "").split(";"):
        part = part.strip()
        if not part:
            continue
        bits = [b.strip() for b in part.split(":")]
        if len(bits) < 2 or not bits[0] or bits[1] not in OPS:
            raise MonitorError(t("criteria.err.bad", part=part[:60]))
        if bits[1] in CLASS_OPS:
            if len(bits) != 2:
                raise MonitorError(t("criteria.err.bad", part=part[:60]))
            found.append(Criterion(bits[0], bits[1]))
            continue
        try:
            number = float(bits[2].replace(",", ".")) if len(bits) == 3 else math.nan
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            raise MonitorError(t("criteria.err.number", part=part[:60]))
        found.append(Criterion(bits[0], bits[1], number))
    if len(found) > MAX_CRITERIA:
        raise MonitorError(t("criteria.err.too_many", max=MAX_CRITERIA))
    return found


def unparse(criteria: list[Criterion]) -> str:
    return ";".join(c.text() for c in criteria)


def holds(criterion: Criterion, klasse: object, value: float) -> bool:
    """One condition on one area's folded class and value."""
    if criterion.op in CLASS_OPS:
        return isinstance(klasse, str) and fold(klasse) == criterion.op
    if value is None or not math.isfinite(value) or criterion.value is None:
        return False
    return bool(VALUE_OPS[criterion.op](value, criterion.value))


def evaluate(
    scorer: Scorer, criteria: list[Criterion], year: int, level: str
) -> tuple[pd.DataFrame, dict[str, int]]:
    """Every area of ``level`` with, per condition i, ``value_i``, ``klasse_i`` and
    ``ok_i``, and ``match`` (all hold); and the year used per indicator. Unknown
    indicators are refused."""
    for c in criteria:
        scorer.indicator(c.indicator)  # an unknown id fails here, with its message
    areas = scorer.areas(level)
    out = areas[["id", "code", "name"]].rename(columns={"name": "naam"}).reset_index(drop=True)
    ids = list(dict.fromkeys(c.indicator for c in criteria))
    years = latest_periods(scorer.store, scorer.division_id, ids, int(year)) if ids else {}
    rows = level_rows(scorer.store, scorer.division_id, level, years) if years else None
    match = pd.Series(True, index=out.index)
    for pos, c in enumerate(criteria):
        own = (
            rows[rows["indicator_id"] == c.indicator].set_index("area_id")
            if rows is not None
            else pd.DataFrame(columns=["value", "klasse"])
        )
        values = out["id"].map(own["value"]).astype("float64")
        classes = out["id"].map(own["klasse"]).map(lambda k: fold(k) if isinstance(k, str) else k)
        ok = pd.Series(
            [holds(c, k, v) for k, v in zip(classes, values, strict=True)], index=out.index
        )
        out[f"value_{pos}"], out[f"klasse_{pos}"], out[f"ok_{pos}"] = values, classes, ok
        match &= ok
    out["match"] = match if criteria else False
    return out.drop(columns="id"), years
