"""Checking what a form or a file says about a goal, an action or a note.

One set of checks serves the app's forms and the CSV import, so what a form refuses a
file refuses too, with the same message (plus row and column).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

from monitor.agenda.model import (
    AUTHOR_ROLES,
    CONTROL,
    MAX_ACTION,
    MAX_GOAL,
    MAX_NOTE,
    MAX_OWNER,
    MAX_REASON,
    NOT_POSSIBLE,
    SOURCE_TYPES,
    STATUSES,
    THOUSANDS,
    UNIT_RANGES,
    YEARS,
    blank,
    problem,
)
from monitor.areas import resolve_codes
from monitor.catalog import Indicator, load_from_store
from monitor.ingest.validate import parse_numbers, uses_comma_decimals
from monitor.problems import Problem, did_you_mean, fold, shorten
from monitor.store import Store


class Checker:
    """What checks need to know about the store: areas, the catalogue, the data's years.

    Read once per form submission or file, so a 1,000-row file does not query per row.
    """

    def __init__(self, store: Store, division_id: int, lang: str = "nl") -> None:
        self.store = store
        self.division_id = division_id
        self.lang = lang
        self.indicators: dict[str, Indicator] = load_from_store(store)
        self._area_ids: dict[str, int] = {}
        self._latest: dict[str, int | None] = {}
        self._codes: list[str] | None = None

    def resolve(self, codes: Iterable[str]) -> None:
        """Look up many codes (own codes, aliases, any case) in one go."""
        wanted = [c for c in {str(c).strip() for c in codes} if c and c not in self._area_ids]
        if wanted:
            self._area_ids |= resolve_codes(self.store, self.division_id, wanted)

    def area_id(self, code: str) -> int | None:
        code = str(code).strip()
        if code not in self._area_ids:
            self.resolve([code])
        return self._area_ids.get(code)

    def known_codes(self) -> list[str]:
        if self._codes is None:
            self._codes = self.store.areas_frame(self.division_id)["code"].tolist()
        return self._codes

    def indicator(self, text: str) -> Indicator | None:
        """By id, also when the case differs (BBGA ids are upper case, people type lower)."""
        if text in self.indicators:
            return self.indicators[text]
        folded = {i.casefold(): ind for i, ind in self.indicators.items()}
        return folded.get(text.casefold())

    def latest_period(self, indicator_id: str) -> int | None:
        if indicator_id not in self._latest:
            periods = self.store.periods(self.division_id, indicator_id)
            self._latest[indicator_id] = periods[-1] if periods else None
        return self._latest[indicator_id]


def _text(
    value: Any, name: str, limit: int, problems: list[Problem], required: bool = True
) -> str | None:
    """Plain text: line ends normalised, trimmed, no control characters, not too long."""
    text = "" if blank(value) else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        if required:
            problems.append(problem(name, "empty"))
        return None
    if CONTROL.search(text):
        problems.append(problem(name, "control"))
    if len(text) > limit:
        problems.append(problem(name, "too_long", {"length": len(text), "max": limit}))
    return text


def _year(value: Any, name: str, key: str, problems: list[Problem]) -> int | None:
    text = str(value).strip()
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    text = text.removesuffix(".0")
    if re.fullmatch(r"\d{4}", text) and YEARS[0] <= int(text) <= YEARS[1]:
        return int(text)
    problems.append(problem(name, key, {"value": shorten(value)}))
    return None


def parse_number(value: Any, comma: bool | None = None) -> float | None:
    """A target value as typed: ``7,5``, ``7.5``, ``1.250``, ``8%``, ``€ 1.250``."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value) if np.isfinite(value) else None
    text = str(value).strip()
    cells = pd.Series([text])
    if comma is None:
        # One typed value: "45.000" is forty-five thousand to a Dutch reader.
        comma = uses_comma_decimals(cells) or bool(THOUSANDS.fullmatch(text.lstrip("€ ")))
    values, ok = parse_numbers(cells, comma)
    number = values.iloc[0]
    return float(number) if ok.iloc[0] and not np.isnan(number) else None


def parse_date(value: Any) -> date | None:
    """``2024-03-14``, ``14-03-2024``, ``14/03/2024`` or a date object; None otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip().removesuffix(" 00:00:00")  # Excel dates as text
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def as_date(value: Any) -> date | None:
    """A stored date (a date, a timestamp or its text) as a date; None when missing."""
    if value is None:
        return None
    if isinstance(value, pd.Timestamp | datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_date(value)


def _choice(
    value: Any, name: str, options: tuple[str, ...], key: str, problems: list[Problem]
) -> str | None:
    """One of ``options``, matched without case or accents (``enquete`` is ``enquête``)."""
    if blank(value):
        problems.append(problem(name, "empty"))
        return None
    folded = {fold(o): o for o in options}
    found = folded.get(fold(str(value)))
    if found is None:
        problems.append(
            problem(name, key, {"value": shorten(value), "options": ", ".join(options)})
        )
    return found


def _area(checker: Checker, value: Any, problems: list[Problem]) -> int | None:
    """The area a new goal or note is for, by its code (or alias)."""
    code = "" if blank(value) else str(value).strip()
    if not code:
        problems.append(problem("gebiedcode", "empty"))
        return None
    area_id = checker.area_id(code)
    if area_id is None:
        hint = did_you_mean(code, checker.known_codes())
        problems.append(problem("gebiedcode", "area", {"value": shorten(code)}, hint))
    return area_id


def check_goal(
    checker: Checker,
    raw: dict[str, Any],
    existing: dict[str, Any] | None = None,
    comma: bool | None = None,
) -> tuple[dict[str, Any], list[Problem]]:
    """A goal's fields (``gebiedcode``, ``doel``, ``indicator``, ``streefwaarde``,
    ``doeljaar``) → clean values for the ``goals`` table, and what is wrong.

    ``existing`` is the stored goal when editing: its area stays, and an unchanged target
    year is not refused for lying in the past (data for that year may have come in since).
    """
    problems: list[Problem] = []
    clean: dict[str, Any] = {}
    if existing is None:
        clean["area_id"] = _area(checker, raw.get("gebiedcode"), problems)
    clean["text"] = _text(raw.get("doel"), "doel", MAX_GOAL, problems)
    clean |= {"indicator_id": None, "target_kind": None, "target_value": None, "target_year": None}
    indicator_text = "" if blank(raw.get("indicator")) else str(raw["indicator"]).strip()
    target, year = raw.get("streefwaarde"), raw.get("doeljaar")
    if not indicator_text:
        for name, value in (("streefwaarde", target), ("doeljaar", year)):
            if not blank(value):
                problems.append(problem(name, "needs_indicator", {"value": shorten(value)}))
        return clean, problems
    ind = checker.indicator(indicator_text)
    if ind is None:
        hint = did_you_mean(indicator_text, checker.indicators)
        problems.append(problem("indicator", "indicator", {"value": shorten(indicator_text)}, hint))
        return clean, problems
    clean["indicator_id"] = ind.id
    if ind.polarity == "geen" or ind.forecast:
        problems.append(problem("indicator", "uncoloured", {"value": ind.id}))
    # The target: a number, or NAP.
    if blank(target):
        problems.append(problem("streefwaarde", "target_missing"))
    elif str(target).strip().casefold() == "nap":
        clean["target_kind"] = "nap"
    else:
        number = parse_number(target, comma)
        if number is None:
            problems.append(problem("streefwaarde", "target", {"value": shorten(target)}))
        else:
            clean["target_kind"], clean["target_value"] = "waarde", number
            if ind.polarity == "neutraal":
                problems.append(
                    problem("streefwaarde", "neutral_value", {"value": shorten(target)})
                )
            low, high = UNIT_RANGES.get(ind.unit, (-np.inf, np.inf))
            if not low <= number <= high:
                problems.append(
                    problem(
                        "streefwaarde",
                        "target_range",
                        {
                            "value": shorten(target),
                            "low": f"{low:g}",
                            "high": f"{high:g}",
                            "unit": ind.unit,
                        },
                    )
                )
    # The year: not before the data we already have, unless it was already so.
    if blank(year):
        problems.append(problem("doeljaar", "year_missing"))
    else:
        clean["target_year"] = _year(year, "doeljaar", "year", problems)
        latest = checker.latest_period(ind.id)
        unchanged = existing is not None and (
            existing.get("indicator_id"),
            existing.get("target_year"),
        ) == (ind.id, clean["target_year"])
        if (
            clean["target_year"] is not None
            and latest is not None
            and clean["target_year"] < latest
            and not unchanged
        ):
            problems.append(
                problem("doeljaar", "year_past", {"value": clean["target_year"], "latest": latest})
            )
    return clean, problems


def check_action(raw: dict[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """An action's fields (``actie``, ``eigenaar``, ``status``, ``reden``) → clean values."""
    problems: list[Problem] = []
    clean = {
        "text": _text(raw.get("actie"), "actie", MAX_ACTION, problems),
        "owner": _text(raw.get("eigenaar"), "eigenaar", MAX_OWNER, problems),
        "status": _choice(raw.get("status"), "status", STATUSES, "status", problems),
        "reason": _text(raw.get("reden"), "reden", MAX_REASON, problems, required=False),
    }
    reason_checked = any(p.field == "reden" for p in problems)
    if clean["status"] == NOT_POSSIBLE and not clean["reason"] and not reason_checked:
        problems.append(problem("reden", "reason"))
    return clean, problems


def check_note(
    checker: Checker, raw: dict[str, Any], existing: dict[str, Any] | None = None
) -> tuple[dict[str, Any], list[Problem]]:
    """A note's fields (``gebiedcode``, ``tekst``, ``rol``, ``bron``, ``datum``,
    ``periode``) → clean values. The period defaults to the year of the date."""
    problems: list[Problem] = []
    clean: dict[str, Any] = {}
    if existing is None:
        clean["area_id"] = _area(checker, raw.get("gebiedcode"), problems)
    clean["text"] = _text(raw.get("tekst"), "tekst", MAX_NOTE, problems)
    clean["author_role"] = _choice(raw.get("rol"), "rol", AUTHOR_ROLES, "choice", problems)
    clean["source_type"] = _choice(raw.get("bron"), "bron", SOURCE_TYPES, "choice", problems)
    clean["date"] = None
    if blank(raw.get("datum")):
        problems.append(problem("datum", "empty"))
    else:
        clean["date"] = parse_date(raw["datum"])
        if clean["date"] is None:
            problems.append(problem("datum", "date", {"value": shorten(raw["datum"])}))
        elif clean["date"] > date.today():
            problems.append(problem("datum", "date_future", {"value": clean["date"].isoformat()}))
    if blank(raw.get("periode")):
        clean["period"] = clean["date"].year if clean["date"] else None
    else:
        clean["period"] = _year(raw["periode"], "periode", "period", problems)
    return clean, problems
