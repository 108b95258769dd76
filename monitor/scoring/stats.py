"""Per-group statistics of usable values, for all groups at once.

A *group* is one indicator, period, level and reference area; rows carry their group
number. Everything here is a handful of ``bincount`` passes (sums) or one sort (medians),
so the cost grows with the number of rows, not with the number of groups.

* mean and weighted mean (weights of the indicator's weight indicator; the weighted mean
  only when every usable row has a finite weight and the weights sum above 0);
* spread by kind (:mod:`monitor.scoring.spread`): ``sd`` (ddof=0), ``mad`` (1.4826 × median
  absolute deviation from the median), ``log`` (sd of ln x; refused when a usable value
  is 0 or less, and the first such area is remembered for the reason);
* sample skewness g1 (for the hint that a band of half an sd says little);
* coverage (:mod:`monitor.scoring.coverage`): areas with a measurement that counts, and their
  share of the population when it is known for every area of the group.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from monitor.scoring.coverage import MINIMUM, NOT_MEASURED_FLAGS
from monitor.scoring.spread import MAD_SCALE

Array = np.ndarray


def grouped_median(group: Array, values: Array, mask: Array, size: int) -> Array:
    """The median of ``values[mask]`` per group (NaN for a group without such rows)."""
    g, v = group[mask], values[mask]
    order = np.lexsort((v, g))
    g, v = g[order], v[order]
    counts = np.bincount(g, minlength=size)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    has = counts > 0
    lo = starts + (counts - 1) // 2
    hi = starts + counts // 2
    out = np.full(size, np.nan)
    out[has] = (v[lo[has]] + v[hi[has]]) / 2
    return out


def group_stats(
    group: Array,
    size: int,
    value: Array,
    ok: Array,
    weight: Array,
    kind: Array,
) -> dict[str, Array]:
    """Counts, means, spread (by each group's ``kind``) and skewness of usable values."""
    x = np.where(ok, value, 0.0)
    finite = ok & np.isfinite(weight)
    usable = np.bincount(group, weights=ok, minlength=size)
    sx = np.bincount(group, weights=x, minlength=size)
    sw = np.bincount(group, weights=np.where(finite, weight, 0.0), minlength=size)
    swx = np.bincount(group, weights=np.where(finite, weight * x, 0.0), minlength=size)
    w_ok = np.bincount(group, weights=finite, minlength=size)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where(usable > 0, sx / usable, np.nan)
        dev = np.where(ok, x - mean[group], 0.0)
        m2 = np.bincount(group, weights=dev**2, minlength=size) / usable
        m3 = np.bincount(group, weights=dev**3, minlength=size) / usable
        sd = np.where(usable >= 2, np.sqrt(m2), np.nan)
        skewness = np.where((usable >= 3) & (m2 > 0), m3 / m2**1.5, np.nan)
        weighted = (w_ok == usable) & (sw > 0)
        weighted_mean = np.where(weighted, swx / sw, np.nan)
    spread = sd.copy()
    refused = np.full(size, -1, dtype="int64")  # row of the first value ≤ 0 under ``log``
    refused_count = np.zeros(size, dtype="int64")
    row_kind = kind[group]
    if (kind == "mad").any():
        rows = ok & (row_kind == "mad")
        median = grouped_median(group, value, rows, size)
        deviation = np.abs(value - median[group])
        mad = MAD_SCALE * grouped_median(group, deviation, rows, size)
        spread = np.where(kind == "mad", np.where(usable >= 2, mad, np.nan), spread)
    if (kind == "log").any():
        rows = ok & (row_kind == "log")
        bad = rows & ~(value > 0)
        refused_count = np.bincount(group[bad], minlength=size).astype("int64")
        first = np.full(size, np.iinfo("int64").max)
        np.minimum.at(first, group[bad], np.flatnonzero(bad))
        refused = np.where(refused_count > 0, first, -1)
        logs = np.where(rows & (value > 0), np.log(np.where(value > 0, value, 1.0)), 0.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            log_mean = np.bincount(group, weights=logs, minlength=size) / usable
            log_dev = np.where(rows & (value > 0), logs - log_mean[group], 0.0)
            log_sd = np.sqrt(np.bincount(group, weights=log_dev**2, minlength=size) / usable)
        log_sd = np.where((usable >= 2) & (refused_count == 0), log_sd, np.nan)
        spread = np.where(kind == "log", log_sd, spread)
    return {
        "usable": usable.astype("int64"),
        "mean": mean,
        "weighted": weighted,
        "weighted_mean": weighted_mean,
        "spread": spread,
        "skewness": skewness,
        "refused_row": refused,
        "refused_count": refused_count,
    }


def coverage(
    group: Array,
    size: int,
    measured: Array,
    value: Array,
    flag: Array,
    population: Array,
) -> dict[str, Array]:
    """Per group: areas, areas covered, population covered and total (NaN when not known
    for every area), and whether a mean of the areas may be called NAP."""
    flags = pd.Series(flag, dtype=object)
    flagged = (flags.notna() & ~flags.isin(NOT_MEASURED_FLAGS)).to_numpy()
    covered = measured & (~np.isnan(value) | flagged)
    areas = np.bincount(group, minlength=size)
    count = np.bincount(group, weights=covered, minlength=size)
    known = np.bincount(group, weights=~np.isnan(population), minlength=size)
    pop = np.nan_to_num(population)
    total = np.bincount(group, weights=pop, minlength=size)
    part = np.bincount(group, weights=np.where(covered, pop, 0.0), minlength=size)
    by_population = (known == areas) & (total > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(by_population, part / total, count / areas)
    return {
        "areas": areas.astype("int64"),
        "covered": count.astype("int64"),
        "population_covered": np.where(by_population, part, np.nan),
        "population_total": np.where(by_population, total, np.nan),
        "adequate": (areas > 0) & (np.round(share, 9) >= MINIMUM),
    }
