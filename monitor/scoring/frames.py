"""Score frames as pages and exports use them: one row per area of a level.

Scores (computed now, or read back from the store) come as groups (NAP and spread per
indicator, period, level and reference area) and rows (one per area with a value).
:func:`score_frame` turns those of one indicator, period and level into the familiar
frame (``code, naam, value, nap, nap_source, spread, z, klasse, reden …``): every area of
the level, *geen meting* for areas without a value and *prognose* for forecasts, with
reason sentences in the reader's language.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from monitor.catalog import Indicator
from monitor.errors import MonitorError
from monitor.messages import OWN_GEMEENTE, t
from monitor.numbers import format_number
from monitor.scoring.compute import reference_codes
from monitor.scoring.coverage import Coverage
from monitor.scoring.coverage import reason as coverage_reason
from monitor.scoring.methods import resolve_band
from monitor.scoring.reasons import GROUP_REASONS, reason_texts
from monitor.scoring.spread import SKEW_LIMIT, SKEW_MIN_AREAS

COLUMNS = [
    "area_id",
    "code",
    "naam",
    "value",
    "n",
    "upload_id",
    "origin",
    "nap",
    "nap_source",
    "spread",
    "z",
    "measure",
    "klasse",
    "ci_low",
    "ci_high",
    "reden_code",
    "reden",
    "indicator",
    "period",
    "referentie",  # the gemeente's name when the division holds several, else None
]
ORIGINS = {0: "meting", 1: "geaggregeerd"}


def score_frame(
    groups: pd.DataFrame,
    rows: pd.DataFrame,
    areas: pd.DataFrame,
    ind: Indicator,
    period: int,
    level: str,
    *,
    reference_level: str = "gemeente",
    method: str | None = None,
    band: float | None = None,
    lang: str = "nl",
    explain: bool = True,
    gemeente: str | None = None,
) -> pd.DataFrame:
    """The score frame of one indicator, period and level, in area-code order.

    ``groups`` are the groups of this indicator, period and level (one per reference
    area); ``rows`` their rows, with ``ref_code`` or ``group`` (a position in ``groups``).
    With ``gemeente`` (a code) only the areas of that gemeente.
    """
    level_areas = areas[areas["level"] == level].sort_values("code")
    if gemeente is not None:
        own = level_areas["code"] if level == "gemeente" else level_areas["gemeente_code"]
        level_areas = level_areas[own == gemeente]
    base = pd.DataFrame(
        {
            "area_id": level_areas["id"].to_numpy(dtype="int64"),
            "code": level_areas["code"].to_numpy(dtype=object),
            "naam": level_areas["name"].to_numpy(dtype=object),
            "ref_code": reference_codes(level_areas, level, reference_level),
        }
    )
    size = len(base)
    by_ref = groups.drop_duplicates("ref_code").set_index("ref_code")
    at = by_ref.index.get_indexer(base["ref_code"]) if len(by_ref) else np.full(size, -1)
    found = at >= 0

    def group_column(name: str, default: object) -> np.ndarray:
        if not len(by_ref):
            return np.full(size, default, dtype=object if isinstance(default, str) else float)
        column = by_ref[name].to_numpy()[np.maximum(at, 0)]
        if isinstance(default, str):
            return np.where(found, column, default).astype(object)
        return np.where(found, column.astype(float), np.nan)

    picked = rows.set_index("area_id")
    picked = picked[~picked.index.duplicated()].reindex(base["area_id"])

    def row_column(name: str) -> np.ndarray:
        return picked[name].to_numpy() if name in picked else np.full(size, np.nan)

    has_row = picked["klasse"].notna().to_numpy() if "klasse" in picked else np.zeros(size, bool)
    missing_code = "prognose" if ind.forecast else "geen_meting"
    klasse = np.where(has_row, row_column("klasse"), "geen_gegevens").astype(object)
    codes = np.where(has_row, row_column("reden_code"), missing_code).astype(object)
    try:
        band_width = resolve_band(
            method or ind.method, ind.unit, band if band is not None else ind.band
        )
    except MonitorError:
        band_width = np.nan
    origin = pd.Series(row_column("origin")).map(lambda o: ORIGINS.get(int(o)) if o == o else None)
    out = pd.DataFrame(
        {
            "area_id": base["area_id"].to_numpy(),
            "code": base["code"].to_numpy(),
            "naam": base["naam"].to_numpy(),
            "value": row_column("value").astype(float),
            "n": row_column("n").astype(float),
            "upload_id": row_column("upload_id").astype(float),
            "origin": origin.to_numpy(dtype=object),
            "nap": group_column("nap", np.nan),
            "nap_source": group_column("nap_source", ""),
            "spread": group_column("spread", np.nan),
            "z": row_column("z").astype(float),
            "measure": row_column("measure").astype(float),
            "klasse": klasse,
            "ci_low": row_column("ci_low").astype(float),
            "ci_high": row_column("ci_high").astype(float),
            "reden_code": codes,
            "population": row_column("population").astype(float),
            "band": band_width,
            "indicator": ind.id,
            "period": int(period),
            "referentie": _gemeente_names(areas, level_areas, level),
        }
    )
    out["reden"] = reason_texts(out, ind, lang, only_missing=not explain)
    out = out.drop(columns=["population", "band"])[COLUMNS]
    _group_reasons(out, by_ref, at, ind, lang)
    _describe(out, by_ref, ind, method or ind.method, level)
    return out


def _gemeente_names(areas: pd.DataFrame, level_areas: pd.DataFrame, level: str) -> np.ndarray:
    """Per area the name of its gemeente when the division holds several gemeenten; None
    otherwise, so that one gemeente keeps being named by ``attrs["gemeente"]``."""
    gemeenten = areas[areas["level"] == "gemeente"]
    if len(gemeenten) <= 1:
        return np.full(len(level_areas), None, dtype=object)
    names = dict(zip(gemeenten["code"], gemeenten["name"], strict=True))
    codes = reference_codes(level_areas, level, "gemeente")
    return np.array([names.get(c) for c in codes], dtype=object)


def reference_name(areas: pd.DataFrame, gemeente: str) -> str:
    """The name pages give the reference of a whole division: its gemeente, or
    :data:`OWN_GEMEENTE` when it holds several (each area then has its own)."""
    several = int((areas["level"] == "gemeente").sum()) > 1
    return OWN_GEMEENTE if several else gemeente


def reference_names(frame: pd.DataFrame) -> list[str | None]:
    """Per row the gemeente whose average the class compares with (for
    :func:`monitor.messages.class_label`): the row's own gemeente when the division holds
    several, else the division's gemeente ``frame.attrs["gemeente"]``."""
    single = frame.attrs.get("gemeente")
    if "referentie" not in frame:
        return [single] * len(frame)
    return [r if isinstance(r, str) and r else single for r in frame["referentie"]]


def group_coverage(group: pd.Series, ind: Indicator, level: str) -> Coverage:
    """The coverage of a scored group (:mod:`monitor.scoring.coverage`)."""
    covered = group.get("population_covered")
    total = group.get("population_total")
    return Coverage(
        indicator=ind.id,
        period=int(group["period"]),
        level=level,
        covered=int(group["covered"]),
        total=int(group["areas"]),
        population_covered=None if pd.isna(covered) else float(covered),
        population_total=None if pd.isna(total) else float(total),
    )


def _group_reasons(
    out: pd.DataFrame, by_ref: pd.DataFrame, at: np.ndarray, ind: Indicator, lang: str
) -> None:
    """Reasons that are the same for every area of a group (:data:`GROUP_REASONS`)."""
    codes = out["reden_code"].to_numpy(dtype=object)
    for code in GROUP_REASONS:
        rows = np.flatnonzero(codes == code)
        for ref in np.unique(at[rows]) if rows.size else []:
            if ref < 0:
                continue
            group = by_ref.iloc[int(ref)]
            text = group_reason(code, group, ind, str(group["level"]), lang)
            out.loc[rows[at[rows] == ref], "reden"] = text


def group_reason(code: str, group: pd.Series, ind: Indicator, level: str, lang: str) -> str:
    """The sentence of a reason shared by a whole group: too little coverage for a NAP
    (``onvolledig``) or a ``log`` spread refused by a value ≤ 0."""
    if code == "onvolledig":
        return coverage_reason(group_coverage(group, ind, level), lang)
    return t(
        "spread.log_not_positive",
        lang,
        area=group["refused_code"],
        value=format_number(float(group["refused_value"]), 2, lang),
        count=int(group["refused_count"]),
    )


def _describe(
    out: pd.DataFrame, by_ref: pd.DataFrame, ind: Indicator, method: str, level: str
) -> None:
    """What pages say beside the classes: the coverage when NAP had to come from the
    areas, and whether the level is so skewed that a band of half an sd says little."""
    out.attrs["spread_kind"] = ind.spread
    out.attrs["level"] = level
    out.attrs["coverage"] = None
    out.attrs["scheef"] = False
    if not len(by_ref):
        return
    first = by_ref.iloc[0]
    if first["nap_source"] != "stadswaarde":
        out.attrs["coverage"] = group_coverage(first, ind, level)
    out.attrs["scheef"] = bool(
        method in ("z", "z5")
        and ind.spread == "sd"
        and int(first["usable"]) >= SKEW_MIN_AREAS
        and float(first["skewness"]) > SKEW_LIMIT
    )
