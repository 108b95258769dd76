"""The cross product of one level: every (indicator, period) pair × every area of the
level, with its value, whether it is usable (and why not) and the statistics of each
group (pair × reference area): NAP, spread, coverage. :mod:`monitor.scoring.compute`
classes the rows from it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from monitor.scoring.encode import Encoded, Lookup
from monitor.scoring.levels import LevelValues
from monitor.scoring.reference_areas import NATIONAL, NATIONAL_SOURCE, reference_areas
from monitor.scoring.stats import coverage, group_stats

if TYPE_CHECKING:
    from monitor.scoring.compute import Options, _CityLookup, _Params


def take(array: np.ndarray, pos: np.ndarray, missing: object) -> np.ndarray:
    found = pos >= 0
    if array.size == 0:
        return np.full(pos.shape, missing, dtype=array.dtype if missing is not None else object)
    out = array[np.maximum(pos, 0)]
    if array.dtype == object:
        out = out.copy()
        out[~found] = missing
        return out
    return np.where(found, out, missing)


@dataclass
class Cross:
    """The cross product (pair × area) of one level, with values and group statistics."""

    ind: np.ndarray
    area: np.ndarray
    refs: np.ndarray  # reference area indexes (−1: none), one group each per pair
    group: np.ndarray  # pair × reference: position in the level's groups
    value: np.ndarray
    n: np.ndarray
    upload: np.ndarray
    origin: np.ndarray
    population: np.ndarray
    weight: np.ndarray  # the value of the indicator's weight indicator (NaN: none)
    ok: np.ndarray  # usable
    reason: np.ndarray  # why not usable (None when usable)
    stats: dict[str, np.ndarray]


def build_cross(
    enc: Encoded,
    here: LevelValues,
    level: str,
    level_areas: np.ndarray,
    pairs: np.ndarray,
    params: _Params,
    options: Options,
    city: _CityLookup,
) -> Cross:
    """The cross product (pair × area) with values, usability and group statistics."""
    n_pairs, n_areas = pairs.size, level_areas.size
    pair_index = np.repeat(np.arange(n_pairs), n_areas)
    area = np.tile(level_areas, n_pairs)
    ind = pairs[pair_index] // enc.years
    per = pairs[pair_index] % enc.years

    ref_area = reference_areas(enc, level_areas, level, options.reference_level)
    refs, ref_inverse = np.unique(ref_area, return_inverse=True)
    ref_slot = np.tile(ref_inverse, n_pairs)
    group = pair_index * refs.size + ref_slot

    lookup = Lookup(enc.key(here.ind, here.per, here.area))
    pos = lookup.find(enc.key(ind, per, area))
    value = take(here.value, pos, np.nan)
    n = take(here.n, pos, np.nan)
    flag = take(here.flag, pos, None)
    upload = take(here.upload, pos, np.nan)
    origin = take(here.origin.astype(float), pos, np.nan)
    measured = pos >= 0

    reason = np.full(value.size, None, dtype=object)
    has_flag = ~pd.isna(flag)
    reason[has_flag] = flag[has_flag]
    reason[np.isnan(value) & ~has_flag] = "leeg"
    helper = enc.population[ind]
    population = take(here.value, enc.helper_positions(lookup, helper, per, area), np.nan)
    min_pop = params.min_population[ind]
    small = (min_pop > 0) & (population < min_pop) & pd.isna(reason)
    reason[small] = "te_weinig_inwoners"
    min_resp = params.min_respondents[ind]
    few = (min_resp > 0) & (n < min_resp) & pd.isna(reason)
    reason[few] = "te_weinig_respondenten"
    reason[~measured] = "geen_meting"
    ok = pd.isna(reason)

    weight = enc.weight[ind]
    w = take(here.value, enc.helper_positions(lookup, weight, per, area), np.nan)
    size = n_pairs * refs.size
    group_pair = np.repeat(pairs, refs.size)
    group_ref = np.tile(refs, n_pairs)
    group_ind = group_pair // enc.years
    stats = group_stats(group, size, value, ok, w, params.spread[group_ind])
    # Coverage by the catalogue's population where it is known for every area.
    counted = enc.catalog_population
    people = (
        take(
            here.value,
            enc.helper_positions(lookup, np.full(ind.size, counted), per, area),
            np.nan,
        )
        if counted >= 0
        else np.full(ind.size, np.nan)
    )
    stats |= coverage(group, size, measured, value, flag, people)
    # NAP: the reference area's own published value, else the (weighted) mean of an
    # adequately covered level, else none ("onvolledig").
    own = np.where(
        group_ref >= 0,
        city.value(enc.key(group_ind, group_pair % enc.years, np.maximum(group_ref, 0))),
        np.nan,
    )
    if options.reference_level == NATIONAL:
        own = city.national_value(group_ind, group_pair % enc.years)
    has_own = ~np.isnan(own)
    weighted = stats["weighted"]
    mean = np.where(weighted, stats["weighted_mean"], stats["mean"])
    stats["incomplete"] = ~has_own & ~stats["adequate"]
    stats["nap"] = np.where(has_own, own, np.where(stats["incomplete"], np.nan, mean))
    stats["nap_source"] = np.where(
        has_own,
        NATIONAL_SOURCE if options.reference_level == NATIONAL else "stadswaarde",
        np.where(
            stats["incomplete"],
            "onvolledig",
            np.where(weighted, "gewogen gemiddelde", "gemiddelde"),
        ),
    ).astype(object)
    stats["measured"] = np.bincount(group, weights=measured, minlength=size).astype("int64")
    refused = stats["refused_row"]
    codes_of = enc.areas["code"].to_numpy(dtype=object)
    stats["refused_code"] = np.where(
        refused >= 0, codes_of[area[np.maximum(refused, 0)]], None
    ).astype(object)
    stats["refused_value"] = np.where(refused >= 0, value[np.maximum(refused, 0)], np.nan)
    return Cross(ind, area, refs, group, value, n, upload, origin, population, w, ok, reason, stats)


def base_year_nap(enc, here, level, level_areas, pairs, refs, params, options, city):
    """NAP of each group's base year (its city value or mean), kept for every year."""
    ind = pairs // enc.years
    base = params.base_year[ind]
    valid = (base >= 0) & (base < enc.years)
    base = np.where(valid, base, -1)
    base_pairs = np.unique(enc.pair(ind, base)[valid])
    nap = np.full(pairs.size * refs.size, np.nan)
    source = np.full(pairs.size * refs.size, "", dtype=object)
    group_base = np.repeat(base, refs.size)
    source[:] = [f"basisjaar {b + enc.first_year}" if b >= 0 else "" for b in group_base]
    if base_pairs.size == 0:
        return nap, source
    stats = build_cross(enc, here, level, level_areas, base_pairs, params, options, city).stats
    key = Lookup(
        np.repeat(base_pairs, refs.size) * (refs.size)
        + np.tile(np.arange(refs.size), base_pairs.size)
    )
    wanted = np.repeat(enc.pair(ind, np.maximum(base, 0)), refs.size) * refs.size + np.tile(
        np.arange(refs.size), pairs.size
    )
    pos = key.find(wanted)
    found = (pos >= 0) & (group_base >= 0)
    nap[found] = stats["nap"][pos[found]]
    return nap, source
