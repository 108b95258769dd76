"""Reading scores: the materialised ones, or other methods and references on demand.

Pages, the CLI and the API read through :class:`Scores`. With the default method and
reference a read is two small indexed queries; another method, band or reference (a
base year) is computed by the same vectorised code for that one indicator, and kept per
score generation, so that it is never computed twice for the same data.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import replace

import pandas as pd
import sqlalchemy as sa

from monitor.catalog import Indicator, load_from_store
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.scoring.compute import ROW_FIELDS, Options, compute
from monitor.scoring.frames import score_frame
from monitor.scoring.inputs import load_inputs
from monitor.store import LEVELS, Store, divisions, score_groups, score_state, scores

GROUP_FIELDS = ["id", "indicator_id", "period", "level", "ref_code", "nap", "nap_source", "spread"]
GROUP_FIELDS += ["areas", "measured", "usable", "covered", "population_covered"]
GROUP_FIELDS += ["population_total", "skewness", "refused_code", "refused_value", "refused_count"]
DEFAULT = Options()

_cache_lock = threading.Lock()
#: (database url, division, generation, indicator, options) → (groups, rows); small LRU.
_on_demand: OrderedDict[tuple, tuple[pd.DataFrame, pd.DataFrame]] = OrderedDict()
ON_DEMAND_SIZE = 64


def generation(store: Store, division_id: int) -> int:
    """The division's score generation (0 before its first scoring)."""
    with store.engine.connect() as conn:
        found = conn.scalar(
            sa.select(score_state.c.generation).where(score_state.c.division_id == division_id)
        )
    return int(found or 0)


def read_groups(
    store: Store,
    division_id: int,
    *,
    indicator_ids: list[str] | None = None,
    periods: list[int] | None = None,
    levels: list[str] | None = None,
) -> pd.DataFrame:
    """Score groups (NAP, spread and counts per indicator, period, level, reference)."""
    g = score_groups
    query = sa.select(*(g.c[f] for f in GROUP_FIELDS)).where(g.c.division_id == division_id)
    if indicator_ids is not None:
        query = query.where(g.c.indicator_id.in_(indicator_ids))
    if periods is not None:
        query = query.where(g.c.period.in_([int(p) for p in periods]))
    if levels is not None:
        query = query.where(g.c.level.in_(levels))
    with store.engine.connect() as conn:
        found = conn.execute(query).all()
    frame = pd.DataFrame(found, columns=GROUP_FIELDS)
    floats = ["nap", "spread", "population_covered", "population_total", "skewness"]
    return frame.astype({c: "float64" for c in [*floats, "refused_value"]})


def coloured_periods(
    store: Store, division_id: int, indicator_ids: list[str], level: str
) -> dict[str, list[int]]:
    """Per indicator the periods in which areas of ``level`` get colours: a NAP is known
    (a city value, or a mean over an adequately covered level) and some value is usable."""
    g = score_groups
    query = (
        sa.select(g.c.indicator_id, g.c.period)
        .distinct()
        .where(
            g.c.division_id == division_id,
            g.c.level == level,
            g.c.indicator_id.in_(indicator_ids),
            g.c.usable > 0,
            g.c.nap.is_not(None),
        )
        .order_by(g.c.indicator_id, g.c.period)
    )
    out: dict[str, list[int]] = {}
    with store.engine.connect() as conn:
        for indicator_id, period in conn.execute(query):
            out.setdefault(indicator_id, []).append(int(period))
    return out


def division_names(store: Store) -> list[str]:
    """Every division's name, oldest first (what ``monitor scores rebuild`` walks)."""
    with store.engine.connect() as conn:
        return list(conn.scalars(sa.select(divisions.c.name).order_by(divisions.c.id)))


def score_summary(store: Store, division_id: int) -> pd.DataFrame:
    """Per indicator and level: the first and last scored period and how many there are
    (a small summary for catalogues, the API and page controls)."""
    g = score_groups
    query = (
        sa.select(
            g.c.indicator_id,
            g.c.level,
            sa.func.min(g.c.period),
            sa.func.max(g.c.period),
            sa.func.count(sa.distinct(g.c.period)),
        )
        .where(g.c.division_id == division_id)
        .group_by(g.c.indicator_id, g.c.level)
        .order_by(g.c.indicator_id, g.c.level)
    )
    with store.engine.connect() as conn:
        found = conn.execute(query).all()
    return pd.DataFrame(found, columns=["indicator_id", "level", "first", "last", "periods"])
def measured_levels(store: Store, division_id: int) -> list[str]:
    """Levels with scores of their own measurements (not only aggregated), smallest
    first; read from the score tables, one small indexed query per level."""
    g, s = score_groups, scores
    found = []
    with store.engine.connect() as conn:
        for level in LEVELS:
            query = (
                sa.select(s.c.group_id)
                .join(g, g.c.id == s.c.group_id)
                .where(g.c.division_id == division_id, g.c.level == level, s.c.origin == 0)
                .limit(1)
            )
            if conn.scalar(query) is not None:
                found.append(level)
    return found


def latest_periods(
    store: Store, division_id: int, indicator_ids: list[str], year: int
) -> dict[str, int]:
    """Per indicator its latest scored period not after ``year`` (at any level: the
    periods it has measurements in), in one query."""
    g = score_groups
    query = (
        sa.select(g.c.indicator_id, sa.func.max(g.c.period))
        .where(
            g.c.division_id == division_id,
            g.c.period <= int(year),
            g.c.indicator_id.in_(indicator_ids),
        )
        .group_by(g.c.indicator_id)
    )
    with store.engine.connect() as conn:
        return {str(i): int(p) for i, p in conn.execute(query)}


def level_classes(
    store: Store, division_id: int, level: str, periods: dict[str, int]
) -> pd.DataFrame:
    """The stored class of every area of ``level`` for each indicator in the period
    given for it (``indicator_id → period``): columns indicator_id, area_id, klasse.
    One query per distinct period (usually one or two)."""
    g, s = score_groups, scores
    by_period: dict[int, list[str]] = {}
    for indicator_id, period in periods.items():
        by_period.setdefault(int(period), []).append(indicator_id)
    found: list = []
    with store.engine.connect() as conn:
        for period, ids in sorted(by_period.items()):
            query = (
                sa.select(g.c.indicator_id, s.c.area_id, s.c.klasse)
                .join(s, s.c.group_id == g.c.id)
                .where(
                    g.c.division_id == division_id,
                    g.c.level == level,
                    g.c.period == period,
                    g.c.indicator_id.in_(ids),
                )
            )
            found += conn.execute(query).all()
    return pd.DataFrame(found, columns=["indicator_id", "area_id", "klasse"])


def stored_values(
    store: Store, division_id: int, indicator_id: str, period: int, level: str
) -> pd.Series:
    """area_id → the value the stored scores show for ``level`` in ``period`` (NaN where
    a value is hidden, e.g. too few residents); empty when nothing was scored."""
    g, s = score_groups, scores
    query = (
        sa.select(s.c.area_id, s.c.value)
        .join(g, g.c.id == s.c.group_id)
        .where(
            g.c.division_id == division_id,
            g.c.indicator_id == indicator_id,
            g.c.period == int(period),
            g.c.level == level,
        )
    )
    with store.engine.connect() as conn:
        found = conn.execute(query).all()
    frame = pd.DataFrame(found, columns=["area_id", "value"])
    return frame.set_index("area_id")["value"].astype("float64")


def read_rows(store: Store, group_ids: list[int], area_id: int | None = None) -> pd.DataFrame:
    """Score rows of these groups (optionally of one area)."""
    s = scores
    columns = ["group_id", "area_id", *ROW_FIELDS]
    query = sa.select(*(s.c[c] for c in columns))
    found: list = []
    with store.engine.connect() as conn:
        if area_id is not None:
            found = conn.execute(query.where(s.c.area_id == area_id)).all()
            frame = pd.DataFrame(found, columns=columns)
            return frame[frame["group_id"].isin(group_ids)] if group_ids is not None else frame
        for start in range(0, len(group_ids), 900):
            chunk = group_ids[start : start + 900]
            found += conn.execute(query.where(s.c.group_id.in_(chunk))).all()
    return _typed(pd.DataFrame(found, columns=columns))


#: What :func:`area_scores` returns per score group: the group's reference numbers and
#: the area's row (NaN/None where the area has no row in that group).
AREA_FIELDS = ["indicator_id", "period", "nap", "nap_source", "spread", "areas", "usable"]
AREA_FIELDS += ["covered", "population_covered", "population_total", "skewness"]
AREA_FIELDS += ["refused_code", "refused_value", "refused_count", *ROW_FIELDS]


def area_scores(
    store: Store,
    division_id: int,
    area_id: int,
    level: str,
    ref_code: str,
    *,
    indicator_ids: list[str] | None = None,
    periods: list[int] | None = None,
) -> pd.DataFrame:
    """Every materialised score group of ``level`` under reference ``ref_code`` (the
    area's gemeente for the default scores) with the area's own row, in ONE query.

    One row per (indicator, period); the row fields are empty where the area has no
    score in that group (no value). A buurtprofiel reads a whole catalogue this way.
    """
    g, s = score_groups, scores
    group_fields = [f for f in AREA_FIELDS if f not in ROW_FIELDS]
    joined = g.outerjoin(s, sa.and_(s.c.group_id == g.c.id, s.c.area_id == int(area_id)))
    query = (
        sa.select(*(g.c[f] for f in group_fields), *(s.c[f] for f in ROW_FIELDS))
        .select_from(joined)
        .where(g.c.division_id == division_id, g.c.level == level, g.c.ref_code == ref_code)
        .order_by(g.c.indicator_id, g.c.period)
    )
    if indicator_ids is not None:
        query = query.where(g.c.indicator_id.in_(indicator_ids))
    if periods is not None:
        query = query.where(g.c.period.in_([int(p) for p in periods]))
    with store.engine.connect() as conn:
        found = conn.execute(query).all()
    frame = _typed(pd.DataFrame(found, columns=[*group_fields, *ROW_FIELDS]))
    floats = ["nap", "spread", "population_covered", "population_total", "skewness"]
    return frame.astype({c: "float64" for c in [*floats, "refused_value"]})


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    floats = ["value", "n", "z", "measure", "ci_low", "ci_high", "population", "upload_id"]
    return frame.astype({c: "float64" for c in floats} | {"origin": "float64"})


class Scores:
    """Scores of one division for one request: catalogue and areas read once."""

    def __init__(self, store: Store, division_id: int | None = None) -> None:
        self.store = store
        self.division_id = division_id if division_id is not None else store.division_id()
        self._indicators: dict[str, Indicator] = {}
        self._areas: pd.DataFrame | None = None

    # -- what there is --------------------------------------------------------------

    @property
    def areas(self) -> pd.DataFrame:
        if self._areas is None:
            self._areas = self.store.areas_frame(self.division_id)
        return self._areas

    def indicator(self, indicator_id: str) -> Indicator:
        if indicator_id not in self._indicators:
            found = load_from_store(self.store, [indicator_id])
            if indicator_id not in found:
                raise MonitorError(t("scoring.err.unknown_indicator", id=indicator_id))
            self._indicators.update(found)
        return self._indicators[indicator_id]

    def generation(self) -> int:
        return generation(self.store, self.division_id)

    # -- one indicator, period and level --------------------------------------------

    def frame(
        self,
        indicator_id: str,
        period: int,
        level: str,
        *,
        options: Options = DEFAULT,
        lang: str = "nl",
        explain: bool = True,
    ) -> pd.DataFrame:
        """Every area of ``level`` with value, NAP, class and reason."""
        if level not in LEVELS:
            raise MonitorError(
                t("scoring.err.unknown_level", level=level, choices=", ".join(LEVELS))
            )
        ind = self.indicator(indicator_id)
        if ind.forecast:
            groups, rows = _empty_groups(), _empty_rows()
        elif _is_default(options, ind):
            groups = read_groups(
                self.store,
                self.division_id,
                indicator_ids=[ind.id],
                periods=[int(period)],
                levels=[level],
            )
            rows = read_rows(self.store, groups["id"].astype(int).tolist())
        else:
            groups, rows = self._on_demand(ind, int(period), level, options)
        frame = score_frame(
            groups,
            rows,
            self.areas,
            ind,
            int(period),
            level,
            reference_level=options.reference_level,
            method=options.method,
            band=options.band,
            lang=lang,
            explain=explain,
        )
        frame.attrs["gemeente"] = self.store.division(self.division_id)["gemeente"]
        return frame

    def _on_demand(
        self, ind: Indicator, period: int, level: str, options: Options
    ) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Another method or reference: computed for this indicator, cached per generation."""
        key = (self.store.url, self.division_id, self.generation(), ind.id, period, level, options)
        with _cache_lock:
            if key in _on_demand:
                _on_demand.move_to_end(key)
                return _on_demand[key]
        inputs = load_inputs(self.store, self.division_id, indicator_ids=[ind.id])
        result = compute(
            inputs, indicator_ids=[ind.id], periods=[period], levels=[level], options=options
        )
        if ind.id in result.errors:
            raise MonitorError(result.errors[ind.id])
        groups = result.groups.reset_index(drop=True)
        rows = result.rows.assign(group_id=result.rows["group"])
        groups = groups.assign(id=range(len(groups)))
        with _cache_lock:
            _on_demand[key] = (groups, rows)
            while len(_on_demand) > ON_DEMAND_SIZE:
                _on_demand.popitem(last=False)
        return groups, rows


def _is_default(options: Options, ind: Indicator) -> bool:
    """Options that the materialised scores answer."""
    own = replace(options, method=None if options.method == ind.method else options.method)
    own = replace(own, band=None if own.band == ind.band else own.band)
    return own == DEFAULT


def _empty_groups() -> pd.DataFrame:
    return pd.DataFrame(columns=GROUP_FIELDS)


def _empty_rows() -> pd.DataFrame:
    return pd.DataFrame(columns=["group_id", "area_id", *ROW_FIELDS])
