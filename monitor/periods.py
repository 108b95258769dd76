"""Which year a page opens on: the latest year that gets colours, not merely the latest.

A year published for part of the city only, without a city value, colours nothing
(:mod:`monitor.scoring.coverage`). Opening the Kaart on it would show a grey map; pages open on
the latest year in which the indicator gets colours at the chosen level (a city value,
or a mean over an adequately covered level) instead. Later years stay selectable and
say why they are grey. The answer is read from the materialised score groups.
"""

from __future__ import annotations

from collections.abc import Iterable

from monitor.period_kinds import yearly
from monitor.scoring.read import coloured_periods
from monitor.store import Store


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
    coloured = coloured_periods(store, division_id, [indicator_id], level).get(indicator_id)
    return max(coloured) if coloured else periods[-1]


def default_set_period(
    store: Store, indicator_ids: Iterable[str], level: str, division_id: int | None = None
) -> int | None:
    """The year a page with a set of indicators (blokjeskaart, buurtbegroting) opens on:
    the latest year in which at least one of them gets colours at ``level``; else the
    latest year any of them was measured; else None. Indicators per quarter or month
    (:mod:`monitor.period_kinds`) are no part of a set's year."""
    division_id = division_id if division_id is not None else store.division_id()
    ids = yearly(dict.fromkeys(indicator_ids))  # a month is never a set's year
    coloured = coloured_periods(store, division_id, ids, level)
    years = {p for periods in coloured.values() for p in periods}
    if years:
        return max(years)
    measured = {p for i in ids for p in store.periods(division_id, i)}
    return max(measured) if measured else None
