"""The reference ``vergelijkbaar``: each area against the mean of its similar areas.

For indicator *i*, period *t* and an area *a* of level *L*, the reference value is the
mean of the usable values of *i* in *t* of *a*'s *k* most similar areas
(:mod:`monitor.similar_table`), weighted by the indicator's weight (population) when
every one of them has a weight and the weights sum above 0 — the same rule as the NAP's
mean of the areas — else plain. At least half of the neighbours (rounded up) must have a
usable value; otherwise there is no reference (reason ``te_weinig_vergelijkbaar``).
The spread stays that of the level within the gemeente (five neighbours are too few to
measure one), so the band means the same as against NAP. Pure and vectorised: every
pair (indicator, period) × area at once.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: ``nap_source`` of a row compared with its similar areas: "vergelijkbaar 5" (plain
#: mean of 5), "vergelijkbaar gewogen 5" (weighted).
SOURCE = "vergelijkbaar"
#: Reason code of a row whose similar areas have too few usable values.
TOO_FEW = "te_weinig_vergelijkbaar"


def neighbour_matrix(level_ids: np.ndarray, neighbours: pd.DataFrame | None) -> np.ndarray:
    """Per area of the level (``level_ids``, database ids in row order) the positions of
    its neighbours in that order, by rank; −1 pads."""
    size = len(level_ids)
    if neighbours is None or neighbours.empty:
        return np.full((size, 0), -1, dtype="int64")
    index = pd.Index(np.asarray(level_ids, dtype="int64"))
    own = index.get_indexer(neighbours["area_id"].to_numpy(dtype="int64"))
    other = index.get_indexer(neighbours["neighbour_id"].to_numpy(dtype="int64"))
    rank = neighbours["rank"].to_numpy(dtype="int64")
    keep = (own >= 0) & (other >= 0)
    width = int(rank[keep].max()) + 1 if keep.any() else 0
    out = np.full((size, width), -1, dtype="int64")
    out[own[keep], rank[keep]] = other[keep]
    return out


def similar_reference(
    matrix: np.ndarray, n_pairs: int, value: np.ndarray, ok: np.ndarray, weight: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per row (pair-major, area-minor, as the scoring cross product) the reference value
    and its ``nap_source``. ``value``, ``ok`` (usable) and ``weight`` are per row."""
    n_areas = matrix.shape[0]
    total = n_pairs * n_areas
    if matrix.shape[1] == 0 or total == 0:
        return np.full(total, np.nan), np.full(total, "", dtype=object)
    v = value.reshape(n_pairs, n_areas)
    usable = ok.reshape(n_pairs, n_areas)
    w = weight.reshape(n_pairs, n_areas)
    exists = matrix >= 0
    at = np.maximum(matrix, 0)
    take = v[:, at]  # pairs × areas × k
    mask = usable[:, at] & exists[None, :, :]
    count = mask.sum(axis=2)
    x = np.where(mask, take, 0.0)
    wt = w[:, at]
    finite = mask & np.isfinite(wt)
    sw = np.where(finite, wt, 0.0).sum(axis=2)
    swx = np.where(finite, wt * x, 0.0).sum(axis=2)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = x.sum(axis=2) / count
        weighted = (finite.sum(axis=2) == count) & (count > 0) & (sw > 0)
        ref = np.where(weighted, swx / sw, mean)
    needed = np.ceil(exists.sum(axis=1) / 2)[None, :]
    enough = (count >= needed) & (count > 0)
    ref = np.where(enough, ref, np.nan)
    kind = np.where(weighted, f"{SOURCE} gewogen ", f"{SOURCE} ").astype(object)
    source = np.where(enough, kind + count.astype(str).astype(object), "").astype(object)
    return ref.reshape(total), source.reshape(total)
