"""The preview's coverage warning: indicator-years of a file that, once published, would
colour nothing (:func:`incomplete_years`).

The rule is :func:`monitor.scoring.coverage.nap_coverage`'s, counted for every
indicator × period × level of the file at once. A million rows hold a few hundred such
groups, so every row gets one integer per group (indicator, period and level numbered)
and the counts are ``numpy.bincount``s over those, not groupbys over a million texts.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from monitor.catalog import load_from_store
from monitor.scoring.coverage import NOT_MEASURED_FLAGS, Coverage
from monitor.store import LEVELS, Store


@dataclass
class _Rows:
    """Rows as numbers: area position, indicator and period number, level, value, flag."""

    area: np.ndarray
    indicator: np.ndarray
    period: np.ndarray
    level: np.ndarray
    value: np.ndarray
    flag: pd.Series

    def take(self, keep: np.ndarray) -> _Rows:
        return _Rows(
            self.area[keep],
            self.indicator[keep],
            self.period[keep],
            self.level[keep],
            self.value[keep],
            self.flag[keep].reset_index(drop=True),
        )

    @staticmethod
    def join(first: _Rows, second: _Rows) -> _Rows:
        return _Rows(
            *(np.concatenate([a, b]) for a, b in zip(first.arrays(), second.arrays(), strict=True)),
            pd.concat([first.flag, second.flag], ignore_index=True),
        )

    def arrays(self) -> list[np.ndarray]:
        return [self.area, self.indicator, self.period, self.level, self.value]


def incomplete_years(
    store: Store, rows: pd.DataFrame, division_id: int | None = None
) -> list[Coverage]:
    """Indicator-years of ``rows`` that, once published, would colour nothing: no city
    value (neither in the file nor in the store) and, at a level the file has rows for,
    less than the coverage :func:`monitor.scoring.coverage.nap_coverage` asks, counting the
    file's rows and the current rows they do not replace (population too). Only coloured
    indicators (not polarity ``geen``, not forecasts)."""
    if rows.empty:
        return []
    division_id = division_id if division_id is not None else store.division_id()
    all_areas = store.areas_frame(division_id)[["id", "level"]]
    area_index = pd.Index(all_areas["id"])
    level_of = np.array([LEVELS.index(lv) for lv in all_areas["level"]], dtype="int64")
    codes, names = pd.factorize(rows["indicator_id"])
    population_id = store.get_setting("population_indicator")
    names = [str(n) for n in names]
    if population_id and population_id not in names:
        names.append(population_id)  # read from the store only
    periods = np.unique(rows["period"].to_numpy(dtype="int64"))
    n_ind, n_per, n_lev = len(names), len(periods), len(LEVELS)
    place = area_index.get_indexer(rows["area_id"])
    mine = _Rows(
        place,
        codes.astype("int64"),
        np.searchsorted(periods, rows["period"].to_numpy(dtype="int64")),
        level_of[place],
        rows["value"].to_numpy(dtype="float64", na_value=np.nan),
        rows["flag"].reset_index(drop=True),
    )
    catalogue = load_from_store(store, sorted(set(names)))
    coloured = np.array(
        [
            n in catalogue and catalogue[n].polarity != "geen" and not catalogue[n].forecast
            for n in names
        ],
        dtype=bool,
    )
    gemeente = LEVELS.index("gemeente")

    def group(r: _Rows) -> np.ndarray:
        return (r.indicator * n_per + r.period) * n_lev + r.level

    size = n_ind * n_per * n_lev
    asked = coloured[mine.indicator] & (mine.level != gemeente)
    wanted = np.bincount(group(mine)[asked], minlength=size) > 0
    if not wanted.any():
        return []
    wanted_ind = np.unique(np.flatnonzero(wanted) // (n_per * n_lev))
    ids = sorted({*(names[i] for i in wanted_ind), *([population_id] if population_id else [])})
    asked_periods = np.unique(np.flatnonzero(wanted) // n_lev % n_per)
    # The store as it will be: the file's rows (of these indicators and periods) and the
    # current rows they do not replace (one row per key either way).
    number = {n: k for k, n in enumerate(names)}
    in_ids = np.isin(mine.indicator, [number[i] for i in ids])
    after = mine.take(in_ids & np.isin(mine.period, asked_periods))
    current = store.current_values(division_id, ids, [int(p) for p in periods[asked_periods]])
    if not current.empty:
        spot = area_index.get_indexer(current["area_id"])
        theirs = _Rows(
            spot,
            current["indicator_id"].map(number).to_numpy(dtype="int64"),
            np.searchsorted(periods, current["period"].to_numpy(dtype="int64")),
            level_of[spot],
            current["value"].to_numpy(dtype="float64", na_value=np.nan),
            current["flag"].reset_index(drop=True),
        )

        def key(r: _Rows) -> np.ndarray:
            return (r.area * n_ind + r.indicator) * n_per + r.period

        after = _Rows.join(theirs.take(~np.isin(key(theirs), key(mine))), after)
    usable = ~np.isnan(after.value) & after.flag.isna().to_numpy()
    at = after.indicator * n_per + after.period
    has_city = np.bincount(at[usable & (after.level == gemeente)], minlength=n_ind * n_per) > 0
    wanted &= ~np.repeat(has_city, n_lev)
    if not wanted.any():
        return []
    # Covered: a value, or a flag saying a value exists (monitor.scoring.coverage).
    flag = after.flag
    flagged = (flag.notna() & ~flag.isin(NOT_MEASURED_FLAGS)).to_numpy()
    covered_rows = ~np.isnan(after.value) | flagged
    groups = group(after)
    covered = np.bincount(groups[covered_rows], minlength=size)
    totals = np.bincount(level_of, minlength=n_lev)
    people_total = people_covered = complete = None
    if population_id:
        # The population decides where it is known for every area of the level.
        pop = usable & (after.indicator == number[population_id])
        per_level = after.period[pop] * n_lev + after.level[pop]
        known = np.bincount(per_level, minlength=n_per * n_lev)
        people_total = np.bincount(per_level, weights=after.value[pop], minlength=n_per * n_lev)
        # Each covered row's area's population in its period (none: adds nothing).
        of_area = np.zeros(len(area_index) * n_per)
        of_area[after.area[pop] * n_per + after.period[pop]] = after.value[pop]
        people_covered = np.bincount(
            groups[covered_rows],
            weights=of_area[after.area[covered_rows] * n_per + after.period[covered_rows]],
            minlength=size,
        )
        level_totals = np.tile(totals, n_per)  # per period × level, as ``known``
        complete = (known == level_totals) & (level_totals > 0)
    out = []
    for g in np.flatnonzero(wanted):
        ind, rest = divmod(int(g), n_per * n_lev)
        per, lev = divmod(rest, n_lev)
        whole = people_total is not None and bool(complete[per * n_lev + lev])
        found = Coverage(
            indicator=names[ind],
            period=int(periods[per]),
            level=LEVELS[lev],
            covered=int(covered[g]),
            total=int(totals[lev]),
            population_covered=float(people_covered[g]) if whole else None,
            population_total=float(people_total[per * n_lev + lev]) if whole else None,
        )
        if not found.adequate:
            out.append(found)
    return sorted(out, key=lambda c: (c.indicator, c.period, LEVELS.index(c.level)))
