"""Which year a page opens on: the latest year that gets colours, not merely the latest.

A year published for part of the city only, without a city value, colours nothing
(:mod:`monitor.coverage`). Opening the Kaart on it would show a grey map; pages open on
the latest year in which the indicator gets colours at the chosen level (a city value,
or a mean over an adequately covered level) instead. Later years stay selectable and
say why they are grey.
"""

from __future__ import annotations

from collections.abc import Iterable

from monitor.scoring import Scorer
from monitor.store import Store


def coloured_period(scorer: Scorer, indicator_id: str, level: str) -> int | None:
    """The latest period in which ``indicator_id`` gets colours at ``level``; None when
    there is none (also for an unknown indicator)."""
    ind = scorer.find(indicator_id)
    if ind is None:
        return None
    periods = scorer.store.periods(scorer.division_id, indicator_id)
    for period in reversed(periods):
        if scorer.has_colours(ind, period, level):
            return period
    return None


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
    if scorer.find(indicator_id) is None:
        return periods[-1]
    scorer.prefetch(indicator_id, periods)  # one query for every year it may look at
    found = coloured_period(scorer, indicator_id, level)
    return found if found is not None else periods[-1]


def default_set_period(
    store: Store, indicator_ids: Iterable[str], level: str, division_id: int | None = None
) -> int | None:
    """The year a page with a set of indicators (blokjeskaart, buurtbegroting) opens on:
    the latest year in which at least one of them was measured and gets colours at
    ``level``; else the latest year any of them was measured; else None."""
    division_id = division_id if division_id is not None else store.division_id()
    ids = list(dict.fromkeys(indicator_ids))
    measured = {i: set(store.periods(division_id, i)) for i in ids}
    years = sorted(set().union(*measured.values())) if measured else []
    scorer = Scorer(store, division_id)
    for year in reversed(years):
        for indicator_id in ids:
            ind = scorer.find(indicator_id)
            measured_then = ind is not None and year in measured[indicator_id]
            if measured_then and scorer.has_colours(ind, year, level):
                return year
    return years[-1] if years else None
