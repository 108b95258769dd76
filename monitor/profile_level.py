"""Buurtprofielen renewed after a publish, for every area of a level at once.

A publish of werkloosheid moves one indicator's stamp; every profile kept in a process
(:func:`monitor.profile.cached_profile`) then reads that indicator again, one area at a
time — a query and the same row-building per buurt, fifty times in the seconds after a
publish. Here the changed indicators' rows of every area of the level are built from two
queries (:func:`monitor.store.level_scores.level_area_scores`), once per process and
stamps (in-process single flight: one thread builds, the others wait for it), and each
profile takes its own part. The parts equal what :func:`monitor.profile.area_profile`
reads for one area (tested row by row). Above :data:`MAX_CELLS` areas × indicators (a
national level) the profile renews its own area as before.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from monitor import cache
from monitor.scoring import Scorer
from monitor.scoring.read import division_areas
from monitor.scoring.reference_areas import reference_codes
from monitor.store.level_scores import level_area_scores
from monitor.store.materialised import ROW_FIELDS
from monitor.store.stamps import indicator_stamp_keys, subject_key

#: Areas × changed indicators above which each profile renews only its own area.
MAX_CELLS = 5_000
SERIES_COLUMNS = ["indicator_id", "period", "value", "nap"]
#: What a part is: the indicators' profile rows (as records) and their series.
Part = tuple[list[dict[str, Any]], pd.DataFrame]


def level_part(scorer: Scorer, code: str, level: str, ids: list[str], lang: str) -> Part | None:
    """Area ``code``'s rows and series of ``ids`` (as :func:`monitor.profile.area_profile`
    with ``indicator_ids``), taken from its level's renewal; None when the level is too
    large to renew at once (the caller reads its own area)."""
    store, division = scorer.store, scorer.division_id
    areas = division_areas(store, division)
    count = int((areas["level"] == level).sum())
    if not ids or count * len(ids) > MAX_CELLS:
        return None
    stamps = indicator_stamp_keys(store, division, ids)
    subjects = tuple(subject_key(store, division, s) for s in ("catalogue", "areas"))
    key = (store.url, division, *subjects, level, lang, tuple((i, stamps[i]) for i in ids))
    parts = cache.remember(
        "profile-level", key, lambda: level_parts(scorer, level, ids, lang), cache.LOCAL
    )
    return parts.get(code, ([], _empty_series()))


def level_parts(scorer: Scorer, level: str, ids: list[str], lang: str) -> dict[str, Part]:
    """Per area code of ``level``: its profile rows and series of ``ids``."""
    from monitor.profile import Sources, coloured, latest, profile_row

    store = scorer.store
    areas = division_areas(store, scorer.division_id)
    own = areas.loc[areas["level"] == level, ["id", "code"]].copy()
    own["ref_code"] = reference_codes(areas[areas["level"] == level], level, "gemeente")
    catalogue = scorer.indicators
    shown = {i: catalogue[i] for i in ids if i in catalogue and coloured(catalogue[i])}
    if own.empty or not shown:
        return {}
    groups, rows = level_area_scores(
        store, scorer.division_id, level, own["ref_code"].tolist(), sorted(shown)
    )
    # Each area with its reference's groups, and its own row in each (or none).
    found = own.rename(columns={"id": "area_id"}).merge(groups, on="ref_code")
    found = found.merge(
        rows, left_on=["id", "area_id"], right_on=["group_id", "area_id"], how="left"
    )
    found = found.sort_values(["code", "indicator_id", "period"], kind="stable")
    found = _typed(found.reset_index(drop=True))
    sources = Sources(store, lang)
    rows_of: dict[str, list[dict[str, Any]]] = {code: [] for code in own["code"]}
    for g in latest(found, ("code", "indicator_id")).to_dict("records"):
        row = profile_row(shown[str(g["indicator_id"])], g, level, lang, sources)
        rows_of[str(g["code"])].append(row)
    series_of: dict[str, pd.DataFrame] = {}
    if not found.empty:  # the series: each area's slice of the frame (sorted by area)
        codes = found["code"].to_numpy()
        series = found[SERIES_COLUMNS]
        starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
        for start, end in zip(starts, [*starts[1:], len(codes)], strict=True):
            series_of[str(codes[start])] = series.iloc[start:end].reset_index(drop=True)
    # Areas without rows (a level not scored) share one empty series: parts are read only.
    empty = _empty_series()
    return {code: (rows, series_of.get(code, empty)) for code, rows in rows_of.items()}


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """The row fields as :func:`monitor.store.level_scores.area_scores` types them: numbers
    as floats (NaN where the area has no row), texts as objects (None there)."""
    texts = [f for f in ROW_FIELDS if f in ("klasse", "reden_code")]
    numbers = [f for f in ROW_FIELDS if f not in texts]
    frame = frame.astype({c: "float64" for c in numbers})
    for column in texts:
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


def _empty_series() -> pd.DataFrame:
    return pd.DataFrame(columns=SERIES_COLUMNS)
