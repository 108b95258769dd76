"""Which year a page opens on: the latest year that gets colours, not merely the latest.

A year published for part of the city only, without a city value, colours nothing
(:mod:`monitor.coverage`). Opening the Kaart on it would show a grey map; pages open on
the latest year in which the indicator gets colours at the chosen level (a city value,
or a mean over an adequately covered level) instead. Later years stay selectable and
say why they are grey.
"""

from __future__ import annotations

from collections.abc import Iterable

from monitor.catalog import Indicator
from monitor.scoring import Scorer
from monitor.store import LEVELS, Store


def has_colours(scorer: Scorer, indicator: Indicator, period: int, level: str) -> bool:
    """Whether areas of ``level`` can get a class in ``period``: some area has a value,
    and NAP is known (a city value, or a mean over an adequately covered level)."""
    frame = scorer.values(indicator, period, level)
    if not frame["value"].notna().any():
        return False
    if scorer.city_value(indicator, period) is not None:
        return True
    return scorer.coverage(indicator, period, level, frame).adequate


def _possible(store: Store, division_id: int, indicator_ids: list[str], level: str) -> bool:
    """Whether ``level`` can have values of these indicators at all: measured at the
    level itself or finer (a BBGA store has gebieden and stadsdelen, no buurten). Saves
    asking every year of every indicator when the answer is no."""
    for lvl in reversed(LEVELS[: LEVELS.index(level) + 1]):
        if store.current_values(division_id, indicator_ids, None, level=lvl)["value"].notna().any():
            return True
    return False


def default_period(
    store: Store, indicator_id: str | None, level: str, division_id: int | None = None
) -> int | None:
    """The year a page opens on for one indicator: the latest with colours at ``level``,
    else the latest with any measurement, else None."""
    if not indicator_id:
        return None
    division_id = division_id if division_id is not None else store.division_id()
    periods = store.periods(division_id, indicator_id)
    if not periods:
        return None
    scorer = Scorer(store, division_id)
    ind = scorer.find(indicator_id)
    if ind is None:
        return periods[-1]
    scorer.prefetch(indicator_id, periods)  # one query for every year it may look at
    for period in reversed(periods):
        if has_colours(scorer, ind, period, level):
            return period
    return periods[-1]


def default_set_period(
    store: Store, indicator_ids: Iterable[str], level: str, division_id: int | None = None
) -> int | None:
    """The year a page with a set of indicators (blokjeskaart, buurtbegroting) opens on:
    the latest year in which at least one of them gets colours at ``level``; else the
    latest year any of them was measured; else None."""
    division_id = division_id if division_id is not None else store.division_id()
    ids = list(dict.fromkeys(indicator_ids))
    measured = {i: set(store.periods(division_id, i)) for i in ids}
    years = sorted(set().union(*measured.values())) if measured else []
    if not years or not _possible(store, division_id, ids, level):
        return years[-1] if years else None
    scorer = Scorer(store, division_id)
    for year in reversed(years):
        for indicator_id in ids:
            ind = scorer.find(indicator_id)
            if ind is None or year not in measured[indicator_id]:
                continue
            if has_colours(scorer, ind, year, level):
                return year
    return years[-1]
