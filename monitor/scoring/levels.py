"""Values per area of every level at once: measured where published, else aggregated.

Sources publish at different levels: the BBGA gives gebieden and the city, the demo gives
buurten. A wijk map of buurt data needs values per wijk, computed the way the catalogue
says (counts sum; rates and ratings use the weighted mean; otherwise not aggregated).

Rules, per indicator, period and target level *L*:

* When *L* has any measurement row of its own for that indicator and period, only those
  are used (never mixed with aggregated values).
* Otherwise the finest level below *L* with at least one value is the source; its
  usable values (a value, no source flag) are combined per parent at *L*. A weighted
  mean uses the weight indicator of the same child area and period, and falls back to a
  plain mean when any weight is unknown or the weights sum to zero.
* Flagged values (suppressed, capped, unpublished) never enter a total.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from monitor.scoring.encode import Encoded, Lookup
from monitor.store import LEVELS

MEASURED, AGGREGATED = 0, 1


@dataclass
class LevelValues:
    """Values at one level: measured rows and aggregated ones, as parallel arrays."""

    ind: np.ndarray
    per: np.ndarray
    area: np.ndarray
    value: np.ndarray
    n: np.ndarray
    flag: np.ndarray
    upload: np.ndarray
    origin: np.ndarray

    def __len__(self) -> int:
        return int(self.ind.size)

    def take(self, mask: np.ndarray) -> LevelValues:
        """The rows of a boolean ``mask`` (itself when the mask keeps every row: the
        arrays are never changed in place, so they may be shared)."""
        if mask.dtype == bool and mask.all():
            return self
        return LevelValues(*(getattr(self, f)[mask] for f in _FIELDS))


_FIELDS = ("ind", "per", "area", "value", "n", "flag", "upload", "origin")


def _concat(parts: list[LevelValues]) -> LevelValues:
    return LevelValues(*(np.concatenate([getattr(p, f) for p in parts]) for f in _FIELDS))


def level_values(enc: Encoded, levels: list[str]) -> dict[str, LevelValues]:
    """Values of every indicator for every area of ``levels`` (by level name)."""
    row_level = enc.area_level[enc.area]
    measured = LevelValues(
        enc.ind,
        enc.per,
        enc.area,
        enc.value,
        enc.n,
        enc.flag,
        enc.upload,
        np.zeros(enc.ind.size, dtype="int64"),
    )
    out: dict[str, LevelValues] = {}
    for level in levels:
        index = LEVELS.index(level)
        own = measured.take(row_level == index)
        if index == 0:
            out[level] = own
            continue
        out[level] = _concat([own, _aggregate(enc, measured, row_level, own, level)])
    return out


def _aggregate(
    enc: Encoded, measured: LevelValues, row_level: np.ndarray, own: LevelValues, level: str
) -> LevelValues:
    """Aggregated values at ``level`` for the (indicator, period) pairs it lacks."""
    taken = np.unique(enc.pair(own.ind, own.per))
    parent = enc.parents[level]
    parts = []
    for child in range(LEVELS.index(level)):
        at_child = row_level == child
        rows = measured.take(at_child & (enc.aggregation[measured.ind] > 0))
        if len(rows) == 0:
            continue
        pairs = enc.pair(rows.ind, rows.per)
        has_value = ~np.isnan(rows.value)
        sources = np.setdiff1d(np.unique(pairs[has_value]), taken, assume_unique=True)
        if sources.size == 0:
            continue
        # The finest level with a value is the source of truth for these pairs.
        taken = np.union1d(taken, sources)
        use = np.isin(pairs, sources) & has_value & _unflagged(rows.flag)
        rows = rows.take(use)
        target = parent[rows.area]
        rows, target = rows.take(target >= 0), target[target >= 0]
        if len(rows) == 0:
            continue
        parts.append(_combine(enc, rows, target, measured.take(at_child)))
    if not parts:
        return LevelValues(*(np.empty(0, dtype=getattr(own, f).dtype) for f in _FIELDS))
    return _concat(parts)


def _unflagged(flag: np.ndarray) -> np.ndarray:
    return pd.isna(flag)


def _combine(
    enc: Encoded, rows: LevelValues, target: np.ndarray, at_child: LevelValues
) -> LevelValues:
    """Sum or (weighted) mean per (indicator, period, parent)."""
    weight_ind = enc.weight[rows.ind]
    w = np.full(len(rows), np.nan)
    has_weight = weight_ind >= 0
    if has_weight.any():
        lookup = Lookup(enc.key(at_child.ind, at_child.per, at_child.area))
        pos = enc.helper_positions(lookup, weight_ind, rows.per, rows.area)
        found = has_weight & (pos >= 0)
        w[found] = at_child.value[pos[found]]
    keys = enc.key(rows.ind, rows.per, target)
    groups, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    size = groups.size
    x = rows.value
    finite = np.isfinite(w)
    count = np.bincount(inverse, minlength=size)
    sx = np.bincount(inverse, weights=x, minlength=size)
    sw = np.bincount(inverse, weights=np.where(finite, w, 0.0), minlength=size)
    swx = np.bincount(inverse, weights=np.where(finite, w * x, 0.0), minlength=size)
    w_ok = np.bincount(inverse, weights=finite.astype(float), minlength=size)
    n_known = np.bincount(inverse, weights=~np.isnan(rows.n), minlength=size)
    n_sum = np.bincount(inverse, weights=np.nan_to_num(rows.n), minlength=size)
    weighted = (w_ok == count) & (sw > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where(weighted, swx / sw, sx / count)
    ind = rows.ind[first]
    value = np.where(enc.aggregation[ind] == 1, sx, mean)
    n = np.where((n_known > 0) & (n_sum > 0), n_sum, np.nan)
    return LevelValues(
        ind,
        rows.per[first],
        target[first],
        value,
        n,
        np.full(size, None, dtype=object),
        np.full(size, np.nan),
        np.full(size, AGGREGATED, dtype="int64"),
    )
