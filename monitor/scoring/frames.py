"""Score frames as pages and exports use them: one row per area of a level.

Scores (computed now, or read back from the store) come as groups (NAP and spread per
indicator, period, level and reference area) and rows (one per area with a value).
:func:`score_frame` turns those of one indicator, period and level into the familiar
frame (``code, naam, value, nap, nap_source, spread, z, klasse, reden …``): every area of
the level, *geen meting* for areas without a value and *prognose* for forecasts, with
reason sentences in the reader's language.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from monitor.catalog import Indicator
from monitor.errors import MonitorError
from monitor.messages import OWN_GEMEENTE, t
from monitor.numbers import format_number
from monitor.scoring import area_selection
from monitor.scoring.coverage import Coverage
from monitor.scoring.coverage import reason as coverage_reason
from monitor.scoring.encode import Lookup
from monitor.scoring.methods import resolve_band
from monitor.scoring.reasons import GROUP_REASONS, reason_texts
from monitor.scoring.reference_areas import NATIONAL_SOURCE
from monitor.scoring.similar_nap import SOURCE as SIMILAR
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
    # the gemeente's name when the division holds several, else None; with a reference
    # level below the gemeente (stadsdeel …): the name of the area compared with
    "referentie",
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
    out, by_ref, at = _frames(
        groups,
        rows,
        areas,
        ind,
        [int(period)],
        level,
        None,
        reference_level,
        method,
        band,
        gemeente,
    )
    return _finish(out, by_ref, at, ind, method, level, lang, explain)


def score_frames(
    groups: pd.DataFrame,
    rows: pd.DataFrame,
    areas: pd.DataFrame,
    ind: Indicator,
    periods: list[int],
    level: str,
    codes: list[str] | None = None,
    *,
    reference_level: str = "gemeente",
    method: str | None = None,
    band: float | None = None,
    lang: str = "nl",
) -> pd.DataFrame:
    """:func:`score_frame` of several periods at once, for the areas ``codes`` of
    ``level`` (all: None): the rows of each period in area-code order, periods in the
    order given, every row as :func:`score_frame` would give it (a trend over the years
    is one read and one frame instead of one per year). ``groups`` are those of these
    periods and level; ``rows`` carry ``group_id`` (a group's ``id``)."""
    periods = [int(p) for p in periods]
    out, by_ref, at = _frames(
        groups, rows, areas, ind, periods, level, codes, reference_level, method, band
    )
    return _finish(out, by_ref, at, ind, method, level, lang, True)


def _frames(
    groups: pd.DataFrame,
    rows: pd.DataFrame,
    areas: pd.DataFrame,
    ind: Indicator,
    periods: list[int],
    level: str,
    codes: list[str] | None,
    reference_level: str,
    method: str | None,
    band: float | None,
    gemeente: str | None = None,
) -> tuple[dict[str, Any], pd.DataFrame, np.ndarray]:
    """The columns of :func:`score_frames`' frame before its reason sentences, the groups (one
    per period and reference area) and per row the position of its group (-1: none)."""
    chosen = area_selection.select(areas, level, reference_level, codes, gemeente)
    count = len(periods)
    base = {
        "area_id": np.tile(chosen.ids, count),
        "code": np.tile(chosen.codes, count),
        "naam": np.tile(chosen.names, count),
        "ref_code": np.tile(chosen.ref_codes, count),
        "period": np.repeat(np.asarray(periods, dtype="int64"), len(chosen.ids)),
    }
    size = len(base["area_id"])
    if count == 1:  # one period: the groups and rows are that period's (any ``id``)
        by_ref = groups.drop_duplicates("ref_code").set_index("ref_code")
        at = by_ref.index.get_indexer(base["ref_code"]) if len(by_ref) else np.full(size, -1)
        position = Lookup(rows["area_id"].to_numpy(dtype="int64")).find(base["area_id"])
    else:  # a few rows per period (a trend): plain lookups beat pandas indexes here
        group_periods = groups["period"].astype("int64").tolist()
        first: dict[tuple[int, str], int] = {}
        for i, key in enumerate(zip(group_periods, groups["ref_code"].tolist(), strict=True)):
            first.setdefault(key, i)
        kept = sorted(first.values())
        by_ref = groups.iloc[kept].reset_index(drop=True)
        rank = {key: kept.index(i) for key, i in first.items()}
        pairs = zip(base["period"].tolist(), base["ref_code"].tolist(), strict=True)
        at = np.array([rank.get(key, -1) for key in pairs], dtype="int64")
        period_of = dict(zip(groups["id"].astype("int64").tolist(), group_periods, strict=True))
        row_at: dict[tuple[int, int], int] = {}
        row_keys = zip(rows["group_id"].tolist(), rows["area_id"].tolist(), strict=True)
        for i, (group_id, area_id) in enumerate(row_keys):
            if (period := period_of.get(int(group_id))) is not None:
                row_at.setdefault((period, int(area_id)), i)
        pairs = zip(base["period"].tolist(), base["area_id"].tolist(), strict=True)
        position = np.array([row_at.get(key, -1) for key in pairs], dtype="int64")
    hit = position >= 0

    def row_column(name: str) -> np.ndarray:
        if name not in rows:
            return np.full(size, np.nan)
        column = rows[name].to_numpy()
        if not len(column):
            return np.full(size, np.nan, dtype=object)
        taken = column[np.maximum(position, 0)]
        if taken.dtype.kind in "iufb":
            return np.where(hit, taken.astype(float), np.nan)
        return np.where(hit, taken.astype(object), None)

    found = at >= 0

    def group_column(name: str, default: object) -> np.ndarray:
        if not len(by_ref):
            return np.full(size, default, dtype=object if isinstance(default, str) else float)
        column = by_ref[name].to_numpy()[np.maximum(at, 0)]
        if isinstance(default, str):
            return np.where(found, column, default).astype(object)
        return np.where(found, column.astype(float), np.nan)

    has_row = hit & pd.notna(row_column("klasse")) if "klasse" in rows else np.zeros(size, bool)
    missing_code = "prognose" if ind.forecast else "geen_meting"
    klasse = np.where(has_row, row_column("klasse"), "geen_gegevens").astype(object)
    reason_codes = np.where(has_row, row_column("reden_code"), missing_code).astype(object)
    try:
        band_width = resolve_band(
            method or ind.method, ind.unit, band if band is not None else ind.band
        )
    except MonitorError:
        band_width = np.nan
    origin_codes = row_column("origin")
    origin = np.full(size, None, dtype=object)
    for code, word in ORIGINS.items():
        origin[origin_codes == code] = word
    out: dict[str, Any] = {
        "area_id": base["area_id"],
        "code": base["code"],
        "naam": base["naam"],
        "value": row_column("value").astype(float),
        "n": row_column("n").astype(float),
        "upload_id": row_column("upload_id").astype(float),
        "origin": origin,
        "nap": group_column("nap", np.nan),
        "nap_source": group_column("nap_source", ""),
        "spread": group_column("spread", np.nan),
        "z": row_column("z").astype(float),
        "measure": row_column("measure").astype(float),
        "klasse": klasse,
        "ci_low": row_column("ci_low").astype(float),
        "ci_high": row_column("ci_high").astype(float),
        "reden_code": reason_codes,
        "population": row_column("population").astype(float),
        "band": band_width,
        "indicator": ind.id,
        "period": base["period"] if count != 1 else int(periods[0]),
        "referentie": np.tile(chosen.referentie, count),
    }
    if "ref_nap" in rows:  # reference ``vergelijkbaar``: each row its own reference
        out["nap"] = row_column("ref_nap").astype(float)
        sources = row_column("ref_source")
        out["nap_source"] = np.where(pd.notna(sources), sources, "").astype(object)
    return out, by_ref, at


def _finish(
    columns: dict[str, Any],
    by_ref: pd.DataFrame,
    at: np.ndarray,
    ind: Indicator,
    method: str | None,
    level: str,
    lang: str,
    explain: bool,
) -> pd.DataFrame:
    """Reason sentences, the frame in column order and what pages say beside the classes."""
    reden = reason_texts(columns, ind, lang, only_missing=not explain)
    _group_reasons(reden, columns["reden_code"], by_ref, at, ind, lang)
    columns["reden"] = reden
    out = pd.DataFrame({name: columns[name] for name in COLUMNS})
    _describe(out, by_ref, ind, method or ind.method, level)
    return out


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
    reden: np.ndarray,
    codes: np.ndarray,
    by_ref: pd.DataFrame,
    at: np.ndarray,
    ind: Indicator,
    lang: str,
) -> None:
    """Reasons that are the same for every area of a group (:data:`GROUP_REASONS`),
    written into ``reden`` (per row, beside the rows' reason ``codes``)."""
    for code in GROUP_REASONS:
        rows = np.flatnonzero(codes == code)
        for ref in np.unique(at[rows]) if rows.size else []:
            if ref < 0:
                continue
            group = by_ref.iloc[int(ref)]
            text = group_reason(code, group, ind, str(group["level"]), lang)
            reden[rows[at[rows] == ref]] = text


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
    if first["nap_source"] not in ("stadswaarde", NATIONAL_SOURCE, SIMILAR):
        out.attrs["coverage"] = group_coverage(first, ind, level)
    out.attrs["scheef"] = bool(
        method in ("z", "z5")
        and ind.spread == "sd"
        and int(first["usable"]) >= SKEW_MIN_AREAS
        and float(first["skewness"]) > SKEW_LIMIT
    )
