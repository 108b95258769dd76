"""Integer encoding of scoring inputs, so that all work is done on numpy arrays.

Indicators, areas and periods become small integers; an (indicator, period, area) key is
one int64, and lookups are sorted-array searches. Strings appear again only in results.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from monitor.catalog import Indicator
from monitor.period_kinds import years_of
from monitor.store import LEVELS, PARENT_COLUMNS

AGGREGATION = {"geen": 0, "som": 1, "gewogen-gemiddelde": 2}


class Lookup:
    """Positions of int64 keys in a key array (first occurrence; −1 when absent)."""

    def __init__(self, keys: np.ndarray) -> None:
        self.order = np.argsort(keys, kind="stable")
        self.sorted = keys[self.order]

    def find(self, wanted: np.ndarray) -> np.ndarray:
        wanted = np.asarray(wanted, dtype="int64")
        if self.sorted.size == 0:
            return np.full(wanted.shape, -1, dtype="int64")
        pos = np.searchsorted(self.sorted, wanted)
        pos = np.minimum(pos, self.sorted.size - 1)
        hit = self.sorted[pos] == wanted
        return np.where(hit, self.order[pos], -1)


@dataclass
class Encoded:
    """The division's areas, catalogue and values as arrays."""

    areas: pd.DataFrame  # the original frame, position = area index
    area_ids: np.ndarray  # database id per area index
    area_level: np.ndarray  # index into LEVELS
    parents: dict[str, np.ndarray]  # level → ancestor area index at that level (−1: none)
    indicator_ids: list[str]
    catalog: dict[str, Indicator]
    first_year: int
    years: int
    # current values, one row each
    ind: np.ndarray
    per: np.ndarray  # period − first_year
    area: np.ndarray
    value: np.ndarray
    n: np.ndarray
    flag: np.ndarray  # object: None or the source flag
    upload: np.ndarray
    # per indicator
    aggregation: np.ndarray
    weight: np.ndarray  # indicator index of the weight (−1: none)
    population: np.ndarray  # indicator index of the population (−1: none)
    #: The catalogue's population indicator (index, −1: none): coverage by population.
    catalog_population: int = -1

    def key(self, ind: np.ndarray, per: np.ndarray, area: np.ndarray) -> np.ndarray:
        count = len(self.areas)
        return (np.asarray(ind, "int64") * self.years + np.asarray(per, "int64")) * count + area

    def pair(self, ind: np.ndarray, per: np.ndarray) -> np.ndarray:
        return np.asarray(ind, "int64") * self.years + np.asarray(per, "int64")

    def helper_positions(
        self, lookup: Lookup, helper: np.ndarray, per: np.ndarray, area: np.ndarray
    ) -> np.ndarray:
        """Where ``lookup`` holds the value of a helper indicator (population, weight;
        −1: none) for the same area: in the same period, else, for a quarter or a month
        (:mod:`monitor.period_kinds`), in the period's year (inhabitants are counted per
        year)."""
        helper = np.asarray(helper, "int64")
        per = np.asarray(per, "int64")
        pos = lookup.find(self.key(np.maximum(helper, 0), per, area))
        pos = np.where(helper >= 0, pos, -1)
        year = years_of(per + self.first_year) - self.first_year
        retry = (pos < 0) & (helper >= 0) & (year != per) & (year >= 0) & (year < self.years)
        if retry.any():
            found = lookup.find(
                self.key(np.maximum(helper[retry], 0), year[retry], np.asarray(area)[retry])
            )
            pos[retry] = found
        return pos


def encode(
    areas: pd.DataFrame,
    values: pd.DataFrame,
    catalog: dict[str, Indicator],
    population_indicator: str | None,
) -> Encoded:
    areas = areas.reset_index(drop=True)
    area_ids = areas["id"].to_numpy(dtype="int64")
    code_index = pd.Index(areas["code"].astype(object))
    parents = {}
    for level, column in PARENT_COLUMNS.items():
        parent = code_index.get_indexer(
            areas[column].astype(object).where(areas[column].notna(), None)
        )
        own = (areas["level"] == level).to_numpy()
        parents[level] = np.where(own, np.arange(len(areas)), parent).astype("int64")
    area_level = (
        areas["level"].map({lvl: i for i, lvl in enumerate(LEVELS)}).to_numpy(dtype="int64")
    )

    ids = sorted(catalog)
    position = {i: k for k, i in enumerate(ids)}
    by_id = pd.Index(area_ids).get_indexer(values["area_id"].to_numpy(dtype="int64"))
    ind = pd.Index(ids, dtype=object).get_indexer(values["indicator_id"].astype(object))
    keep = (by_id >= 0) & (ind >= 0)
    periods = values["period"].to_numpy(dtype="int64")
    first = int(periods.min()) if periods.size else 0
    years = int(periods.max()) - first + 1 if periods.size else 1

    def helper(name: str | None) -> int:
        return position.get(name, -1) if name else -1

    return Encoded(
        areas=areas,
        area_ids=area_ids,
        area_level=area_level,
        parents=parents,
        indicator_ids=ids,
        catalog=catalog,
        first_year=first,
        years=years,
        ind=ind[keep].astype("int64"),
        per=(periods - first)[keep],
        area=by_id[keep].astype("int64"),
        value=values["value"].to_numpy(dtype=float)[keep],
        n=values["n"].to_numpy(dtype=float)[keep],
        flag=values["flag"].to_numpy(dtype=object)[keep],
        upload=values["upload_id"].to_numpy(dtype=float)[keep],
        aggregation=np.array([AGGREGATION[catalog[i].aggregation] for i in ids], dtype="int64"),
        weight=np.array([helper(catalog[i].weight_indicator) for i in ids], dtype="int64"),
        population=np.array(
            [helper(catalog[i].min_population_indicator or population_indicator) for i in ids],
            dtype="int64",
        ),
        catalog_population=helper(population_indicator),
    )
