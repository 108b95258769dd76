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

from monitor.catalog import Indicator, load_from_store
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.scoring.compute import Options, compute
from monitor.scoring.frames import reference_name, score_frame
from monitor.scoring.inputs import load_inputs
from monitor.store import LEVELS, Store
from monitor.store.materialised import (
    AREA_FIELDS,
    GROUP_FIELDS,
    ROW_FIELDS,
    area_scores,
    coloured_periods,
    generation,
    latest_level_values,
    latest_periods,
    level_classes,
    level_rows,
    measured_levels,
    read_groups,
    read_rows,
    score_summary,
    stored_values,
)

#: The readers live with the SQL in ``monitor.store.materialised``; pages reach them here.
__all__ = [
    "AREA_FIELDS",
    "GROUP_FIELDS",
    "ROW_FIELDS",
    "Scores",
    "area_scores",
    "coloured_periods",
    "generation",
    "latest_level_values",
    "latest_periods",
    "level_classes",
    "level_rows",
    "measured_levels",
    "read_groups",
    "read_rows",
    "score_summary",
    "stored_values",
]

DEFAULT = Options()

_cache_lock = threading.Lock()
#: (database url, division, generation, indicator, options) → (groups, rows); small LRU.
_on_demand: OrderedDict[tuple, tuple[pd.DataFrame, pd.DataFrame]] = OrderedDict()
ON_DEMAND_SIZE = 64


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
        gemeente = self.store.division(self.division_id)["gemeente"]
        frame.attrs["gemeente"] = reference_name(self.areas, gemeente)
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
