"""Reading scores: the materialised ones, or other methods and references on demand.

Pages, the CLI and the API read through :class:`Scores`. With the default method and
reference a read is two small indexed queries; another method, band or reference (a
base year) is computed by the same vectorised code for that one indicator, and kept per
score generation, so that it is never computed twice for the same data.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from monitor import cache
from monitor.catalog import Indicator, load_from_store
from monitor.errors import MonitorError
from monitor.lru import LRU
from monitor.messages import NEDERLAND, t
from monitor.scoring.compute import Options, compute
from monitor.scoring.frames import reference_name, score_frame, score_frames
from monitor.scoring.inputs import load_inputs
from monitor.scoring.reference_areas import NATIONAL
from monitor.store import LEVELS, Store
from monitor.store.level_scores import AREA_FIELDS, area_scores
from monitor.store.materialised import (
    GROUP_FIELDS,
    ROW_FIELDS,
    coloured_periods,
    generation,
    generation_stamp,
    latest_level_values,
    latest_periods,
    level_classes,
    level_rows,
    measured_levels,
    read_groups,
    read_rows,
    read_scored,
    score_stamp,
    stored_values,
)
from monitor.store.materialised import score_summary as _score_summary
from monitor.store.stamps import indicator_stamp_key, subject_key

#: The readers live with the SQL in ``monitor.store.materialised``; pages reach them here.
__all__ = [
    "AREA_FIELDS",
    "GROUP_FIELDS",
    "ROW_FIELDS",
    "Scores",
    "area_scores",
    "catalogue",
    "coloured_periods",
    "division_areas",
    "generation",
    "generation_stamp",
    "latest_level_values",
    "latest_periods",
    "level_classes",
    "level_rows",
    "measured_levels",
    "read_groups",
    "read_rows",
    "score_stamp",
    "score_summary",
    "stored_values",
]

DEFAULT = Options()

#: (database url, division, catalogue stamp) → the whole catalogue; every write to the
#: indicators table raises the stamp (:mod:`monitor.store.stamps`): none is stale, and a
#: publish of measurements leaves it.
_catalogues: LRU[dict[str, Indicator]] = LRU(8)
#: The fallback key of a store that never wrote a stamp and never scored.
_NOTHING = ("scores", 0, "")


def catalogue(store: Store, division_id: int) -> dict[str, Indicator]:
    """Every indicator definition by id, read once per catalogue stamp (BBGA: 800
    definitions, ~40 ms to read and build). Returns copies: callers may change them."""
    stamp = subject_key(store, division_id, "catalogue")
    if stamp == _NOTHING:  # nothing tells a change apart, so read it
        return load_from_store(store)
    found = _catalogues.get_or_build(
        (store.url, division_id, stamp), lambda: load_from_store(store)
    )
    return {i: _fresh(ind) for i, ind in found.items()}


def _fresh(ind: Indicator) -> Indicator:
    """A shallow copy of a definition (``copy.copy`` costs five times as much)."""
    out = object.__new__(Indicator)
    out.__dict__.update(ind.__dict__)
    return out


#: (database url, division, areas stamp) → the division's areas; small LRU. Every write
#: to areas, divisions or aliases raises the stamp (:mod:`monitor.store.stamps`).
_areas: LRU[pd.DataFrame] = LRU(8)


def division_areas(store: Store, division_id: int) -> pd.DataFrame:
    """The division's areas without geometry (``Store.areas_frame``), read once per areas
    stamp: a national division has 17,000 and every request needs them. Shared between
    callers: read only."""
    stamp = subject_key(store, division_id, "areas")
    if stamp == _NOTHING:  # nothing tells a change apart
        return store.areas_frame(division_id)
    key = (store.url, division_id, *stamp)
    return _areas.get_or_build(key, lambda: store.areas_frame(division_id))


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
            self._areas = division_areas(self.store, self.division_id)
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
        gemeente: str | None = None,
    ) -> pd.DataFrame:
        """Every area of ``level`` with value, NAP, class and reason (with ``gemeente``, a
        gemeente's code: only the areas of that gemeente, as a map of it reads them); kept
        in the shared cache (:mod:`monitor.cache`) per :meth:`indicator_key`."""
        if level not in LEVELS:
            raise MonitorError(
                t("scoring.err.unknown_level", level=level, choices=", ".join(LEVELS))
            )
        ind = self.indicator(indicator_id)
        whole = options.reference == "vergelijkbaar"
        key = self.indicator_key(ind.id, whole=whole)
        parts = (key, repr(ind), int(period), level, options, lang, explain, gemeente)
        return cache.remember(
            "frame",
            parts,
            lambda: self._frame(ind, int(period), level, options, lang, explain, gemeente),
            cache.FRAME,
        )

    def _key(self) -> tuple:
        return (self.store.url, self.division_id, generation_stamp(self.store, self.division_id))

    def indicator_key(self, indicator_id: str, *, whole: bool = False) -> tuple:
        """What a cache of one indicator's scores is kept under: the stamp of its own
        scores (:mod:`monitor.store.stamps`), the areas' and the national values' (the
        catalogue's is in the definition callers add); ``whole``: it reads other
        indicators too (similar areas), so the division's score stamp."""
        if whole:
            return self._key()
        store, division = self.store, self.division_id
        return (
            store.url,
            division,
            indicator_stamp_key(store, division, indicator_id),
            subject_key(store, division, "areas"),
            subject_key(store, division, "national"),
        )

    def _frame(
        self,
        ind: Indicator,
        period: int,
        level: str,
        options: Options,
        lang: str,
        explain: bool,
        gemeente: str | None = None,
    ) -> pd.DataFrame:
        if ind.forecast:
            groups, rows = _empty_groups(), _empty_rows()
        elif _is_default(options, ind):
            groups, rows = read_scored(
                self.store, self.division_id, ind.id, int(period), level, gemeente
            )
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
            gemeente=gemeente,
        )
        name = self.store.division(self.division_id)["gemeente"]
        frame.attrs["gemeente"] = _reference_name(self.areas, name, options)
        return frame

    # -- one indicator and level over several periods ------------------------------

    def frames(
        self,
        indicator_id: str,
        periods: list[int],
        level: str,
        codes: list[str] | None = None,
        *,
        options: Options = DEFAULT,
        lang: str = "nl",
    ) -> pd.DataFrame:
        """:meth:`frame` of every period in ``periods`` for the areas ``codes`` of
        ``level`` (all: None), in one frame (periods in the order given, areas by code):
        with the default options two queries for all periods together."""
        if level not in LEVELS:
            raise MonitorError(
                t("scoring.err.unknown_level", level=level, choices=", ".join(LEVELS))
            )
        ind = self.indicator(indicator_id)
        periods = [int(p) for p in periods]
        if ind.forecast or not periods:
            groups, rows = _empty_groups(), _empty_rows()
        elif _is_default(options, ind):
            groups = read_groups(
                self.store, self.division_id, indicator_ids=[ind.id], periods=periods,
                levels=[level],
            )  # fmt: skip
            areas = self.areas
            chosen = None if codes is None else areas.loc[areas["code"].isin(codes), "id"]
            rows = read_rows(
                self.store,
                groups["id"].astype(int).tolist(),
                area_ids=None if chosen is None else chosen.astype(int).tolist(),
            )
        else:
            parts = [self._on_demand(ind, period, level, options) for period in periods]
            groups, rows, start = [], [], 0
            for part_groups, part_rows in parts:  # group ids made unique over the periods
                groups.append(part_groups.assign(id=part_groups["id"] + start))
                rows.append(part_rows.assign(group_id=part_rows["group_id"] + start))
                start += len(part_groups)
            groups = pd.concat(groups, ignore_index=True)
            rows = pd.concat(rows, ignore_index=True)
        frame = score_frames(
            groups,
            rows,
            self.areas,
            ind,
            periods,
            level,
            codes,
            reference_level=options.reference_level,
            method=options.method,
            band=options.band,
            lang=lang,
        )
        gemeente = self.store.division(self.division_id)["gemeente"]
        frame.attrs["gemeente"] = _reference_name(self.areas, gemeente, options)
        return frame

    def _on_demand(
        self, ind: Indicator, period: int, level: str, options: Options
    ) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Another method or reference: computed for this indicator, cached per
        :meth:`indicator_key`."""
        whole = options.reference == "vergelijkbaar"
        parts = (self.indicator_key(ind.id, whole=whole), repr(ind), period, level, options)
        groups, rows = cache.remember(
            "on-demand",
            parts,
            lambda: self._compute(ind, period, level, options),
            cache.FRAMES,
        )
        return groups, rows

    def _compute(
        self, ind: Indicator, period: int, level: str, options: Options
    ) -> tuple[pd.DataFrame, pd.DataFrame]:
        inputs = load_inputs(self.store, self.division_id, indicator_ids=[ind.id])
        if options.reference == "vergelijkbaar":
            # Lazily: the similar areas are found through the scorer, which imports this.
            from monitor.scoring import Scorer
            from monitor.similar_table import neighbour_table

            scorer = Scorer(self.store, self.division_id)
            inputs.neighbours = neighbour_table(scorer, level, options.similar_k)
        result = compute(
            inputs, indicator_ids=[ind.id], periods=[period], levels=[level], options=options
        )
        if ind.id in result.errors:
            raise MonitorError(result.errors[ind.id])
        groups = result.groups.reset_index(drop=True).infer_objects()
        rows = result.rows.assign(group_id=result.rows["group"]).infer_objects()
        groups = groups.assign(id=range(len(groups)))
        return groups, rows


def score_summary(store: Store, division_id: int) -> pd.DataFrame:
    """Per indicator and level the first and last scored period and how many there are
    (``monitor.store.materialised.score_summary``), in the shared cache per generation."""
    key = (store.url, division_id, generation_stamp(store, division_id))
    return cache.remember("summary", key, lambda: _score_summary(store, division_id), cache.FRAME)


def _reference_name(areas: pd.DataFrame, gemeente: str, options: Options) -> str:
    """Whom the classes compare with: the country, or the division's gemeente(n)."""
    if options.reference_level == NATIONAL:
        return NEDERLAND
    return reference_name(areas, gemeente)


def _is_default(options: Options, ind: Indicator) -> bool:
    """Options that the materialised scores answer."""
    own = replace(options, method=None if options.method == ind.method else options.method)
    own = replace(own, band=None if own.band == ind.band else own.band)
    return own == DEFAULT


def _empty_groups() -> pd.DataFrame:
    return pd.DataFrame(columns=GROUP_FIELDS)


def _empty_rows() -> pd.DataFrame:
    return pd.DataFrame(columns=["group_id", "area_id", *ROW_FIELDS])
