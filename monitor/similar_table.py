"""The similar areas of *every* area of a level at once: the reference ``vergelijkbaar``.

:func:`monitor.similar.similar_areas` explains the neighbours of one area on its profile;
scoring against similar areas needs the neighbours of all areas of a level, so this
module computes the same thing for all of them together, vectorised per gemeente: the
same structural set (:func:`monitor.similar.best_set`), the same z-scores within the
gemeente, the same NaN-Euclidean distance scaled up for missing indicators, the same
rule that a candidate must share at least half of the area's indicators, and the same
order (distance, then code). ``tests/test_reference.py`` checks that both agree.

The table is kept per catalogue, the values of the structural set, level and *k*.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from monitor.lru import LRU
from monitor.scoring import Scorer
from monitor.similar import DEFAULT_K, best_set, level_matrix, standardise, values_key
from monitor.store.stamps import subject_key

COLUMNS = ["area_id", "neighbour_id", "rank"]

_tables: LRU[pd.DataFrame] = LRU(16)


def neighbour_table(scorer: Scorer, level: str, k: int = DEFAULT_K) -> pd.DataFrame:
    """Per area of ``level`` its ``k`` most similar areas of the same gemeente:
    ``area_id, neighbour_id, rank`` (0 = closest); areas without any have no rows."""
    ids = best_set(scorer.indicators).indicators
    catalogue = subject_key(scorer.store, scorer.division_id, "catalogue")
    key = (*values_key(scorer, ids), catalogue, level, k)
    return _tables.get_or_build(key, lambda: _compute(scorer, level, k))


def _compute(scorer: Scorer, level: str, k: int) -> pd.DataFrame:
    chosen = best_set(scorer.indicators)
    ids = tuple(dict.fromkeys(chosen.indicators))
    if not ids:
        return pd.DataFrame(columns=COLUMNS)
    raw, refs, _periods = level_matrix(scorer, level, ids)
    raw = raw.loc[:, [i for i in ids if not raw[i].isna().all()]]
    ids_of = scorer.areas(level).set_index("code")["id"]
    parts = []
    for _ref, codes in refs.groupby(refs, sort=False).groups.items():
        local = raw.loc[raw.index.isin(codes)]
        z, _dropped = standardise(local)
        if z.shape[1] == 0 or len(z) < 2:
            continue
        found = nearest_all(z.to_numpy(dtype=float), k)
        own, other, rank = found
        index = z.index.to_numpy(dtype=object)
        parts.append(
            pd.DataFrame(
                {
                    "area_id": ids_of.reindex(index[own]).to_numpy(dtype="int64"),
                    "neighbour_id": ids_of.reindex(index[other]).to_numpy(dtype="int64"),
                    "rank": rank,
                }
            )
        )
    if not parts:
        return pd.DataFrame(columns=COLUMNS).astype("int64")
    return pd.concat(parts, ignore_index=True)


def nearest_all(z: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For every row of ``z`` (areas × indicators, NaN = missing; rows in code order) its
    ``k`` nearest other rows as :func:`monitor.similar.nearest` finds them one by one:
    (row, neighbour row, rank) arrays."""
    n, m = z.shape
    present = ~np.isnan(z)
    diff = z[:, None, :] - z[None, :, :]
    both = present[:, None, :] & present[None, :, :]
    shared = both.sum(axis=2)
    squares = np.where(both, diff**2, 0.0).sum(axis=2)
    with np.errstate(divide="ignore", invalid="ignore"):
        dist = np.sqrt(squares * m / np.where(shared > 0, shared, np.nan))
    has = present.sum(axis=1)
    needed = np.maximum(1, np.ceil(has / 2)).astype("int64")
    valid = (shared >= needed[:, None]) & ~np.eye(n, dtype=bool) & (has[:, None] > 0)
    dist = np.where(valid, dist, np.inf)
    # Distance first, then code (rows are in code order, so the column index).
    order = np.lexsort((np.broadcast_to(np.arange(n), (n, n)), dist), axis=1)[:, :k]
    taken = np.take_along_axis(dist, order, axis=1)
    keep = np.isfinite(taken)
    rows = np.broadcast_to(np.arange(n)[:, None], order.shape)
    ranks = np.broadcast_to(np.arange(order.shape[1]), order.shape)
    return rows[keep], order[keep], ranks[keep]
