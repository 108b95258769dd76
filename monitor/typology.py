"""Status × ontwikkeling: a typology of every area of a level, as Berlin's *Monitoring
Soziale Stadtentwicklung* draws it, read from the materialised scores (nothing is scored).

On a set of indicators (default the block set of the Blokjeskaart and Buurtbegroting):

* **Status**: the share of the indicators with a class for the area (beter, rond or
  slechter) on which it is *slechter* (or *veel slechter*) than NAP, counted exactly as
  the NAP-vergelijking counts (:func:`monitor.compare.worse_counts`: each indicator in its
  latest year not after the chosen one). Four groups with fixed cut-offs
  (:data:`STATUS_CUTS`): *hoog* below 20%, *midden* from 20% to below 40%, *laag* from
  40% to below 60%, *zeer laag* from 60%. Fewer than :data:`MIN_INDICATORS` indicators
  with a class: status unknown.
* **Ontwikkeling** over ``span`` years (default 3): per indicator, its value in the year
  the status used is compared with its value in its latest year not after ``year −
  span``. Whether that is a change is decided by the scoring rule itself: the newer value
  is classified against the older one as if that were NAP — the indicator's own method
  and band (for ``z``: half a spread of the newer year, the *rond* band Trends draws), and
  for survey values the reliability rule (the newer value's 95% interval holds the older
  value: no change). *Beter* is an improvement, *slechter* a decline, *rond* no change —
  noise is not change. The balance (improved − declined) / compared gives *verbeterend*
  from +:data:`BALANCE` on, *verslechterend* from −:data:`BALANCE` down, else *stabiel*;
  fewer than :data:`MIN_INDICATORS` indicators compared: unknown.
* **Aandachtsbuurten**: status *laag* or *zeer laag*, or *verslechterend*.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from monitor.blocks import best_preset, measured_indicators, usable_preset
from monitor.compare import coloured_indicators, worse_counts
from monitor.scoring import Scorer, fold, resolve_band
from monitor.scoring.methods import classify_rows
from monitor.scoring.read import latest_periods, level_rows

STATUS = ("hoog", "midden", "laag", "zeer_laag")
#: Upper limits (exclusive) of the share *slechter* for hoog, midden and laag.
STATUS_CUTS = (0.20, 0.40, 0.60)
ONTWIKKELING = ("verbeterend", "stabiel", "verslechterend")
#: The balance (improved − declined) / compared from which an area improves or declines.
BALANCE = 0.2
#: At least this many indicators with a class (status) or compared (ontwikkeling).
MIN_INDICATORS = 3
DEFAULT_SPAN = 3
UNKNOWN = "onbekend"
#: The twelve cells, status by status: "hoog:verbeterend", …, "zeer_laag:verslechterend".
CELLS = tuple(f"{s}:{o}" for s in STATUS for o in ONTWIKKELING)
#: One colour per cell: status from blue (hoog) to dark orange (zeer laag), the same hue
#: family as the class colours; within a status lighter when improving, darker when
#: declining. Unknown cells are white (hatched on the map), as *geen gegevens*.
COLOURS = {
    "hoog:verbeterend": "#9ecae1",
    "hoog:stabiel": "#4292c6",
    "hoog:verslechterend": "#08519c",
    "midden:verbeterend": "#f0f0f0",
    "midden:stabiel": "#bdbdbd",
    "midden:verslechterend": "#737373",
    "laag:verbeterend": "#fee6ce",
    "laag:stabiel": "#fdae6b",
    "laag:verslechterend": "#e6550d",
    "zeer_laag:verbeterend": "#fdd0a2",
    "zeer_laag:stabiel": "#d94801",
    "zeer_laag:verslechterend": "#7f2704",
    UNKNOWN: "#ffffff",
}


def _luminance(colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    parts = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in parts]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def ink(colour: str) -> str:
    """Black or white text on ``colour``, whichever contrasts more (WCAG ratio); on every
    cell colour that is at least 4.5:1."""
    light = _luminance(colour)
    return "#000000" if (light + 0.05) / 0.05 >= 1.05 / (light + 0.05) else "#ffffff"


COLUMNS = ["code", "naam", "slechter", "gescoord", "aandeel", "status", "verbeterd"]
COLUMNS += ["verslechterd", "vergeleken", "balans", "ontwikkeling", "cel", "aandacht"]


@dataclass
class Typology:
    #: per area: code, naam, slechter, gescoord, aandeel (share slechter), status,
    #: verbeterd, verslechterd, vergeleken, balans, ontwikkeling, cel, aandacht (bool)
    frame: pd.DataFrame
    year: int
    span: int
    level: str
    #: indicator → the year its status (and newer value) comes from
    years: dict[str, int]
    #: indicator → the older year it is compared with (only those compared)
    before: dict[str, int] = field(default_factory=dict)
    gemeente: str = ""

    def counts(self) -> dict[str, int]:
        """Areas per cell (every cell, zero included) and unknown."""
        found = self.frame["cel"].value_counts()
        return {c: int(found.get(c, 0)) for c in (*CELLS, UNKNOWN)}


def default_set(scorer: Scorer) -> list[str]:
    """The block set's indicators (the preset that fits the catalogue, else a stand-in)."""
    catalogue = scorer.indicators
    measured = measured_indicators(scorer.store, scorer.division_id)
    preset, _ = usable_preset(best_preset(catalogue), catalogue, measured)
    return [] if preset is None else list(preset.indicator_ids)


def status_of(share: float, scored: int) -> str:
    """The status group of a share *slechter* among ``scored`` indicators."""
    if scored < MIN_INDICATORS or not np.isfinite(share):
        return UNKNOWN
    for name, cut in zip(STATUS, STATUS_CUTS, strict=False):
        if share < cut:
            return name
    return STATUS[-1]


def ontwikkeling_of(improved: int, declined: int, compared: int) -> tuple[float, str]:
    """The balance and its word: (improved − declined) / compared against ±BALANCE."""
    if compared < MIN_INDICATORS:
        return float("nan"), UNKNOWN
    balance = (improved - declined) / compared
    if round(balance, 9) >= BALANCE:
        return balance, "verbeterend"
    if round(balance, 9) <= -BALANCE:
        return balance, "verslechterend"
    return balance, "stabiel"


def cell_of(status: str, ontwikkeling: str) -> str:
    return UNKNOWN if UNKNOWN in (status, ontwikkeling) else f"{status}:{ontwikkeling}"


def is_aandacht(status: str, ontwikkeling: str) -> bool:
    return status in ("laag", "zeer_laag") or ontwikkeling == "verslechterend"


def changes(pairs: pd.DataFrame, scorer: Scorer) -> pd.Series:
    """+1 (improved), −1 (declined), 0 (no change) or NaN (undecidable) per row of
    ``pairs`` (indicator_id, value (newer), n (its respondents), before (older value),
    spread (newer year)): the newer value classified against the older one as NAP."""
    if pairs.empty:
        return pd.Series(dtype="float64")
    inds = [scorer.indicator(i) for i in pairs["indicator_id"]]
    classified = classify_rows(
        pairs["value"].to_numpy(dtype=float),
        pairs["before"].to_numpy(dtype=float),
        pairs["spread"].to_numpy(dtype=float),
        polarity=np.array([i.polarity for i in inds], dtype=object),
        method_name=np.array([i.method for i in inds], dtype=object),
        band=np.array([resolve_band(i.method, i.unit, i.band) for i in inds], dtype=float),
        unit=np.array([i.unit for i in inds], dtype=object),
        n=pairs["n"].to_numpy(dtype=float),
        sd_individual=np.array([i.sd_individual or np.nan for i in inds], dtype=float),
        log=np.array([i.spread == "log" for i in inds], dtype=bool),
    )
    step = {"beter": 1.0, "rond": 0.0, "slechter": -1.0}
    return pd.Series([step.get(fold(k), np.nan) for k in classified.klasse], index=pairs.index)


def typology(
    scorer: Scorer,
    year: int,
    level: str,
    *,
    indicators: list[str] | None = None,
    span: int = DEFAULT_SPAN,
) -> Typology:
    """Status × ontwikkeling for every area of ``level`` (see the module docstring)."""
    chosen = default_set(scorer) if indicators is None else list(indicators)
    coloured = {i.id for i in coloured_indicators(scorer)}
    chosen = [i for i in dict.fromkeys(chosen) if i in coloured]
    worse = worse_counts(scorer, int(year), level, indicators=chosen)
    out = worse.frame[["code", "naam", "slechter", "gescoord"]].copy()
    with np.errstate(divide="ignore", invalid="ignore"):
        out["aandeel"] = out["slechter"] / out["gescoord"].where(out["gescoord"] > 0)
    out["status"] = [
        status_of(s, int(n)) for s, n in zip(out["aandeel"], out["gescoord"], strict=True)
    ]
    newer = worse.years
    older_all = latest_periods(scorer.store, scorer.division_id, list(newer), int(year) - int(span))
    before = {i: p for i, p in older_all.items() if i in newer and p < newer[i]}
    step = _steps(scorer, level, newer, before)
    codes = scorer.areas(level).set_index("id")["code"]
    step["code"] = step["area_id"].map(codes)
    per_area = step.groupby("code")["step"]
    out["verbeterd"] = out["code"].map(per_area.apply(lambda s: int((s > 0).sum()))).fillna(0)
    out["verslechterd"] = out["code"].map(per_area.apply(lambda s: int((s < 0).sum()))).fillna(0)
    out["vergeleken"] = out["code"].map(per_area.count()).fillna(0)
    for col in ("verbeterd", "verslechterd", "vergeleken"):
        out[col] = out[col].astype(int)
    found = [
        ontwikkeling_of(u, d, c)
        for u, d, c in zip(out["verbeterd"], out["verslechterd"], out["vergeleken"], strict=True)
    ]
    out["balans"] = [b for b, _ in found]
    out["ontwikkeling"] = [o for _, o in found]
    out["cel"] = [cell_of(s, o) for s, o in zip(out["status"], out["ontwikkeling"], strict=True)]
    out["aandacht"] = [
        is_aandacht(s, o) for s, o in zip(out["status"], out["ontwikkeling"], strict=True)
    ]
    return Typology(out[COLUMNS], int(year), int(span), level, newer, before, scorer.gemeente)


def _steps(
    scorer: Scorer, level: str, newer: dict[str, int], before: dict[str, int]
) -> pd.DataFrame:
    """Per area and compared indicator its step (+1, 0, −1; NaN dropped)."""
    if not before:
        return pd.DataFrame(columns=["area_id", "indicator_id", "step"])
    now = level_rows(scorer.store, scorer.division_id, level, {i: newer[i] for i in before})
    then = level_rows(scorer.store, scorer.division_id, level, before)
    pairs = now.merge(
        then[["indicator_id", "area_id", "value"]].rename(columns={"value": "before"}),
        on=["indicator_id", "area_id"],
    )
    pairs = pairs[pairs["value"].notna() & pairs["before"].notna()].reset_index(drop=True)
    pairs["step"] = changes(pairs, scorer)
    return pairs.loc[pairs["step"].notna(), ["area_id", "indicator_id", "step"]]


def aandacht_frame(typ: Typology) -> pd.DataFrame:
    """The aandachtsbuurten, worst first: zeer laag before laag before the rest, declining
    before stable before improving, then the share *slechter* (high first), then code."""
    rows = typ.frame[typ.frame["aandacht"]]
    rank_s = {s: i for i, s in enumerate(reversed(STATUS))} | {UNKNOWN: len(STATUS)}
    rank_o = {o: i for i, o in enumerate(reversed(ONTWIKKELING))} | {UNKNOWN: 3}
    return (
        rows.assign(
            _s=rows["status"].map(rank_s), _o=rows["ontwikkeling"].map(rank_o), _a=-rows["aandeel"]
        )
        .sort_values(["_s", "_o", "_a", "code"], na_position="last")
        .drop(columns=["_s", "_o", "_a"])
        .reset_index(drop=True)
    )
