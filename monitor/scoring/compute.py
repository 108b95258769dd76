"""Scores for many indicators, periods and levels at once (vectorised).

For indicator *i*, period *t*, level *L* and reference area *R* (the area's ancestor at
the reference level, default the gemeente):

* Usable values: a value, no source flag, at least the indicator's minimum population
  (its population indicator, same area and period) and minimum respondents.
* NAP: the value published for *R* itself (``stadswaarde``); else the (weighted) mean of
  the usable values of level *L* within *R*. With reference ``basisjaar`` the NAP of the
  base year is used for every year. With the reference level :data:`NATIONAL`
  (``nederland``) every area of *L* is in one group, *R* is the country: its NAP is the
  national value CBS publishes (``landelijke waarde``, :attr:`Inputs.national`), else
  the (weighted) mean of all areas of *L* in the store.
* Spread: standard deviation (ddof=0) of the usable values of *L* within *R*.
* Class: by the indicator's method (:mod:`monitor.scoring.methods`).

The result is two frames: one row per group (*i*, *t*, *L*, *R*) with NAP, spread and
counts, and one row per area with its value, class and reason code. Reason sentences are
not written here; :mod:`monitor.scoring.reasons` renders them for whoever shows them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from monitor.catalog import Indicator
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.period_kinds import year_of
from monitor.scoring.cross import base_year_nap, build_cross
from monitor.scoring.encode import Encoded, Lookup, encode
from monitor.scoring.levels import LevelValues, level_values
from monitor.scoring.methods import classify_rows, resolve_band
from monitor.scoring.reference_areas import (
    NATIONAL,
    NATIONAL_CODE,
)
from monitor.scoring.similar_nap import SOURCE, TOO_FEW, neighbour_matrix, similar_reference
from monitor.store import LEVELS
from monitor.store.materialised import ROW_FIELDS

#: Reasons that hide the value itself (only the reason is shown).
HIDDEN = ("te_weinig_inwoners", "te_weinig_respondenten", "leeg", "onderdrukt")
#: Reason codes of a class decided by the band (the method names).
METHOD_REASONS = ("z", "z5", "relatief", "absoluut", "index")

GROUP_COLUMNS = [
    "indicator_id",
    "period",
    "level",
    "ref_code",
    "nap",
    "nap_source",
    "spread",
    "areas",
    "measured",
    "usable",
    # coverage: areas with a measurement that counts, their population and the total
    "covered",
    "population_covered",
    "population_total",
    "skewness",
    # ``log`` spread refused: the first area with a value ≤ 0, that value, how many
    "refused_code",
    "refused_value",
    "refused_count",
]
ROW_COLUMNS = ["group", "area_id", *ROW_FIELDS]
#: The references :class:`Options` knows (the reference area's level is apart).
REFERENCES = ("stadswaarde", "basisjaar", "vergelijkbaar")


@dataclass
class Inputs:
    """Everything scoring reads: the division's areas, current values and catalogue."""

    areas: pd.DataFrame  # id, code, name, level, parent code columns
    values: pd.DataFrame  # area_id, indicator_id, period, value, n, flag, upload_id
    catalog: dict[str, Indicator]
    population_indicator: str | None = None
    gemeente: str = ""
    #: The country's own values: indicator_id, period, value (:data:`NATIONAL`).
    national: pd.DataFrame | None = None
    #: Reference ``vergelijkbaar``: per area its similar areas (``area_id, neighbour_id,
    #: rank``, :func:`monitor.similar_table.neighbour_table`); None otherwise.
    neighbours: pd.DataFrame | None = None


@dataclass(frozen=True)
class Options:
    """How to score; the defaults are what is materialised."""

    method: str | None = None  # None: each indicator's own method
    band: float | None = None
    reference: str = "stadswaarde"  # or "basisjaar", "vergelijkbaar"
    base_year: int | None = None
    reliability: bool = True
    reference_level: str = "gemeente"  # a level above the scored one, or NATIONAL
    similar_k: int = 5  # reference "vergelijkbaar": how many similar areas


@dataclass
class Result:
    groups: pd.DataFrame  # GROUP_COLUMNS
    rows: pd.DataFrame  # ROW_COLUMNS; ``group`` is a position in ``groups``
    # (in both frames texts are Python objects: ``infer_objects()`` gives pandas' types)
    errors: dict[str, str] = field(default_factory=dict)  # indicator → why not scored


@dataclass
class _Params:
    """Per indicator index: how to classify it."""

    scored: np.ndarray  # bool
    method: np.ndarray
    band: np.ndarray
    polarity: np.ndarray
    unit: np.ndarray
    sd_individual: np.ndarray
    min_population: np.ndarray
    min_respondents: np.ndarray
    base_year: np.ndarray  # int, −1: none
    spread: np.ndarray  # sd, mad or log (:mod:`monitor.scoring.spread`)


def compute(
    inputs: Inputs,
    *,
    indicator_ids: list[str] | None = None,
    periods: list[int] | None = None,
    levels: list[str] | None = None,
    options: Options | None = None,
) -> Result:
    """Score ``indicator_ids`` (default: every non-forecast indicator with values) in
    ``periods`` (default: all) at ``levels`` (default: every level with areas)."""
    options = options or Options()
    catalog = inputs.catalog
    present = set(inputs.areas["level"])
    levels = [lvl for lvl in (levels or LEVELS) if lvl in present]
    asked = [i for i in (indicator_ids if indicator_ids is not None else catalog) if i in catalog]
    values = inputs.values
    if periods is not None:
        wanted = {int(p) for p in periods}
        if options.reference == "basisjaar":
            bases = (
                [options.base_year] if options.base_year else [catalog[i].base_year for i in asked]
            )
            wanted |= {int(b) for b in bases if b is not None}
        # A quarter or month reads its year's population (and weights).
        wanted |= {year_of(p) for p in wanted}
        values = values[values["period"].isin(sorted(wanted))]
    enc = encode(inputs.areas, values, catalog, inputs.population_indicator)
    params, errors = _parameters(enc, set(asked), options)
    needed = sorted({*levels, options.reference_level, "gemeente"} & present, key=LEVELS.index)
    lv = level_values(enc, needed)
    city = _city_lookup(enc, inputs.national)
    chosen = (
        None if periods is None else np.array(sorted({int(p) for p in periods})) - enc.first_year
    )

    groups, rows = [], []
    offset = 0
    for level in levels:
        g, r = _score_level(enc, lv[level], city, level, params, chosen, options, inputs.neighbours)
        if g is None:
            continue
        r["group"] += offset
        offset += len(g)
        groups.append(g)
        rows.append(r)
    if not groups:
        return Result(
            pd.DataFrame(columns=GROUP_COLUMNS), pd.DataFrame(columns=ROW_COLUMNS), errors
        )
    return Result(pd.concat(groups, ignore_index=True), pd.concat(rows, ignore_index=True), errors)


def _parameters(enc: Encoded, asked: set[str], options: Options) -> tuple[_Params, dict[str, str]]:
    size = len(enc.indicator_ids)
    p = _Params(
        scored=np.zeros(size, dtype=bool),
        method=np.full(size, "z", dtype=object),
        band=np.full(size, np.nan),
        polarity=np.full(size, "geen", dtype=object),
        unit=np.full(size, "", dtype=object),
        sd_individual=np.full(size, np.nan),
        min_population=np.zeros(size),
        min_respondents=np.zeros(size),
        base_year=np.full(size, -1, dtype="int64"),
        spread=np.full(size, "sd", dtype=object),
    )
    errors: dict[str, str] = {}
    for k, i in enumerate(enc.indicator_ids):
        ind = enc.catalog[i]
        method = options.method or ind.method
        p.method[k], p.polarity[k], p.unit[k] = method, ind.polarity, ind.unit
        p.spread[k] = ind.spread
        p.sd_individual[k] = ind.sd_individual or np.nan
        p.min_population[k] = ind.min_population or 0.0
        p.min_respondents[k] = ind.min_respondents or 0.0
        base = options.base_year or ind.base_year
        p.base_year[k] = -1 if base is None else int(base) - enc.first_year
        if i not in asked or ind.forecast:
            continue
        try:
            band = options.band if options.band is not None else ind.band
            p.band[k] = resolve_band(method, ind.unit, band)
        except MonitorError as exc:
            errors[i] = str(exc)
            continue
        if options.reference == "basisjaar" and base is None:
            raise MonitorError(t("scoring.err.base_year", id=i))
        p.scored[k] = True
    if options.reference not in REFERENCES:
        raise MonitorError(t("scoring.err.reference", reference=options.reference))
    return p, errors


def _city_lookup(enc: Encoded, national: pd.DataFrame | None = None) -> Lookup:
    """Usable published values of every area by (indicator, period, area): the NAP of a
    reference area is its own value; and the country's by (indicator, period)."""
    ok = ~np.isnan(enc.value) & pd.isna(enc.flag)
    city = _CityLookup(Lookup(enc.key(enc.ind[ok], enc.per[ok], enc.area[ok])), enc.value[ok])
    if national is not None and len(national):
        index = {i: k for k, i in enumerate(enc.indicator_ids)}
        for row in national.itertuples():
            per = int(row.period) - enc.first_year
            flagged = "flag" in national and isinstance(row.flag, str) and row.flag
            known = row.indicator_id in index and 0 <= per < enc.years
            if known and not flagged and not np.isnan(row.value):
                city.national[(index[row.indicator_id], per)] = float(row.value)
    return city


class _CityLookup(Lookup):
    def __init__(self, lookup: Lookup, values: np.ndarray) -> None:
        self.order, self.sorted, self.values = lookup.order, lookup.sorted, values
        #: (indicator index, period index) → the country's own value
        self.national: dict[tuple[int, int], float] = {}

    def national_value(self, ind: np.ndarray, per: np.ndarray) -> np.ndarray:
        return np.array(
            [self.national.get((int(i), int(p)), np.nan) for i, p in zip(ind, per, strict=True)],
            dtype=float,
        )

    def value(self, keys: np.ndarray) -> np.ndarray:
        pos = self.find(keys)
        return np.where(
            pos >= 0, self.values[np.maximum(pos, 0)] if self.values.size else np.nan, np.nan
        )


def _score_level(
    enc: Encoded,
    here: LevelValues,
    city: _CityLookup,
    level: str,
    params: _Params,
    periods: np.ndarray | None,
    options: Options,
    neighbours: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    level_areas = np.flatnonzero(enc.area_level == LEVELS.index(level))
    select = params.scored[here.ind]
    if periods is not None:
        select &= np.isin(here.per, periods)
    pairs = np.unique(enc.pair(here.ind[select], here.per[select]))
    if pairs.size == 0 or level_areas.size == 0:
        return None, None
    c = build_cross(enc, here, level, level_areas, pairs, params, options, city)
    ind, area, refs, group, value, n, ok, stats = (
        c.ind,
        c.area,
        c.refs,
        c.group,
        c.value,
        c.n,
        c.ok,
        c.stats,
    )
    nap, nap_source = stats["nap"], stats["nap_source"]
    if options.reference == "basisjaar":
        nap, nap_source = base_year_nap(
            enc, here, level, level_areas, pairs, refs, params, options, city
        )
    row_nap, row_source = nap[group], None
    if options.reference == "vergelijkbaar":  # per area: its similar areas' mean
        nap, nap_source = np.full(nap.shape, np.nan), np.full(nap.shape, SOURCE, dtype=object)
        matrix = neighbour_matrix(enc.area_ids[level_areas], neighbours)
        row_nap, row_source = similar_reference(matrix, pairs.size, value, ok, c.weight)
    row_spread = stats["spread"][group]

    x = np.where(ok, value, np.nan)
    result = classify_rows(
        x,
        row_nap,
        row_spread,
        polarity=params.polarity[ind],
        method_name=params.method[ind],
        band=params.band[ind],
        unit=params.unit[ind],
        n=n,
        sd_individual=params.sd_individual[ind],
        reliability=options.reliability,
        log=params.spread[ind] == "log",
    )
    codes = np.where(ok, result.reason, c.reason)
    incomplete = stats["incomplete"][group] & (options.reference == "stadswaarde")
    # (picked from two texts: not a million fixed-width texts made objects again)
    no_nap = np.array(["geen_nap", "onvolledig"], dtype=object)[incomplete.astype("int8")]
    if row_source is not None:
        no_nap = np.full(codes.shape, TOO_FEW, dtype=object)
    codes = np.where(ok & np.isnan(row_nap), no_nap, codes)
    refused = stats["refused_count"][group] > 0
    codes = np.where(refused & (codes == "geen_spreiding"), "spreiding_geweigerd", codes)
    # A method reason on a row without a class: no usable reference after all.
    undecided = ok & (result.klasse == "geen_gegevens") & _isin(codes, METHOD_REASONS)
    codes = np.where(undecided, "geen_nap", codes).astype(object)
    klasse = result.klasse
    shown = np.where(_isin(codes, HIDDEN), np.nan, value)
    z = np.where(_isin(klasse, ("geen_gegevens", "niet_gekleurd")), np.nan, result.z)
    rows = _frame(
        {
            "group": group,
            "area_id": enc.area_ids[area],
            "value": shown,
            "n": n,
            "z": z,
            "measure": result.measure,
            "ci_low": result.ci_low,
            "ci_high": result.ci_high,
            "klasse": klasse,
            "reden_code": codes,
            "population": np.where(codes == "te_weinig_inwoners", c.population, np.nan),
            "upload_id": c.upload,
            "origin": c.origin,
        }
    )
    if row_source is not None:  # read by :mod:`monitor.scoring.frames` over the group's
        rows["ref_nap"] = row_nap
        rows["ref_source"] = pd.Series(np.asarray(row_source, dtype=object), dtype=object)
    codes_of = enc.areas["code"].to_numpy(dtype=object)
    group_pair = np.repeat(pairs, refs.size)
    group_ref = np.tile(refs, pairs.size)
    groups = _frame(
        {
            "indicator_id": np.array(enc.indicator_ids, dtype=object)[group_pair // enc.years],
            "period": (group_pair % enc.years) + enc.first_year,
            "level": np.full(group_pair.size, level, dtype=object),
            "ref_code": np.where(
                group_ref >= 0,
                codes_of[np.maximum(group_ref, 0)],
                NATIONAL_CODE if options.reference_level == NATIONAL else "",
            ),
            "nap": nap,
            "nap_source": nap_source,
            "spread": stats["spread"],
            "areas": stats["areas"],
            "measured": stats["measured"],
            "usable": stats["usable"],
            "covered": stats["covered"],
            "population_covered": stats["population_covered"],
            "population_total": stats["population_total"],
            "skewness": stats["skewness"],
            "refused_code": stats["refused_code"],
            "refused_value": stats["refused_value"],
            "refused_count": stats["refused_count"],
        }
    )
    keep = groups["areas"].to_numpy() > 0
    if not keep.all():
        # Groups without areas (a reference area with no areas of this level) drop out.
        new_index = np.cumsum(keep) - 1
        rows["group"] = new_index[rows["group"].to_numpy()]
        groups = groups[keep].reset_index(drop=True)
    return groups, rows


def _isin(texts: np.ndarray, choices: tuple[str, ...]) -> np.ndarray:
    """``np.isin`` for an object array of texts, by hashing instead of sorting them."""
    return pd.Series(texts, dtype=object, copy=False).isin(choices).to_numpy(dtype=bool)


def _frame(columns: dict[str, np.ndarray]) -> pd.DataFrame:
    """A result frame whose texts stay Python objects (``Result``): pandas' own string
    type would cost a conversion of millions of rows here and another one back when
    they are written. A reader that wants pandas' types calls ``infer_objects()``.
    Put together column by column: no copy of the arrays into one block per type."""
    size = len(next(iter(columns.values())))
    index = pd.RangeIndex(size)
    return pd.concat(
        [
            pd.Series(values, index=index, name=name, dtype=values.dtype, copy=False)
            for name, values in columns.items()
        ],
        axis=1,
    )
