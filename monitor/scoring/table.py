"""Every materialised score of a level at once: for exports, the API and analysts.

Two queries (the level's groups, then their rows) and a few merges; the sentences come
from the same functions :func:`monitor.scoring.frames.score_frame` uses, so an export says
exactly what a page says (``tests/test_score_table.py`` holds them to that).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from monitor.catalog import load_from_store
from monitor.errors import MonitorError
from monitor.scoring.frames import group_reason
from monitor.scoring.methods import resolve_band
from monitor.scoring.read import read_groups, read_rows
from monitor.scoring.reasons import GROUP_REASONS, reason_texts
from monitor.scoring.reference_areas import reference_codes
from monitor.store import Store

#: The columns of a score table (``monitor export scores``, ``/api/v1/scores``).
TABLE_COLUMNS = ["indicator", "periode", "code", "naam", "waarde", "nap", "klasse", "reden"]


def score_table(
    store: Store,
    division_id: int,
    level: str,
    *,
    indicator_ids: list[str] | None = None,
    periods: list[int] | None = None,
    lang: str = "nl",
) -> pd.DataFrame:
    """All scores of ``level``: every area × every indicator-period with a materialised
    group (the default method and reference), sorted by indicator, period and code.

    Columns :data:`TABLE_COLUMNS`; forecasts and indicator-years nobody measured are left
    out, areas without a value in a scored year are in it as *geen gegevens*.
    """
    groups = read_groups(
        store, division_id, indicator_ids=indicator_ids, periods=periods, levels=[level]
    )
    catalog = load_from_store(store, sorted(groups["indicator_id"].unique()))
    groups = groups[groups["indicator_id"].map(lambda i: i in catalog and not catalog[i].forecast)]
    if groups.empty:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    areas = store.areas_frame(division_id)
    level_areas = areas[areas["level"] == level]
    base = pd.DataFrame(
        {
            "area_id": level_areas["id"].to_numpy(dtype="int64"),
            "code": level_areas["code"].to_numpy(dtype=object),
            "naam": level_areas["name"].to_numpy(dtype=object),
            "ref_code": reference_codes(level_areas, level, "gemeente"),
        }
    )
    table = groups.rename(columns={"id": "group_id"}).merge(base, on="ref_code")
    rows = read_rows(store, groups["id"].astype(int).tolist())
    table = table.merge(rows, on=["group_id", "area_id"], how="left")
    table["period"] = table["period"].astype("int64")
    table = table.sort_values(["indicator_id", "period", "code"], ignore_index=True)
    table["reden_code"] = table["reden_code"].fillna("geen_meting")
    table["klasse"] = table["klasse"].fillna("geen_gegevens")
    table["reden"] = _reasons(table, groups, catalog, lang)
    return pd.DataFrame(
        {
            "indicator": table["indicator_id"],
            "periode": table["period"],
            "code": table["code"],
            "naam": table["naam"],
            "waarde": table["value"],
            "nap": table["nap"],
            "klasse": table["klasse"],
            "reden": table["reden"],
        }
    )


def _reasons(table: pd.DataFrame, groups: pd.DataFrame, catalog: dict, lang: str) -> np.ndarray:
    out = np.full(len(table), "", dtype=object)
    for indicator_id, at in table.groupby("indicator_id", sort=False).indices.items():
        ind = catalog[indicator_id]
        try:
            band = resolve_band(ind.method, ind.unit, ind.band)
        except MonitorError:
            band = np.nan
        part = table.iloc[at].assign(band=band)
        out[at] = reason_texts(part, ind, lang)
    shared = np.flatnonzero(table["reden_code"].isin(GROUP_REASONS).to_numpy())
    if shared.size:
        by_id = groups.set_index("id")
        for (group_id, code), at in (
            table.iloc[shared].groupby(["group_id", "reden_code"]).indices.items()
        ):
            group = by_id.loc[group_id]
            ind = catalog[group["indicator_id"]]
            out[shared[at]] = group_reason(code, group, ind, str(group["level"]), lang)
    return out
