"""Read what scoring needs from the store, in as few queries as possible.

With ``conn`` the reads happen inside the caller's transaction, so a publish can score
the rows it has just written before it commits. The queries are in
``monitor.store.materialised``; here the catalogue is narrowed to what a rescoring needs.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy.engine import Connection

from monitor.catalog import Indicator
from monitor.scoring.compute import Inputs
from monitor.store import Store
from monitor.store import national as national_store
from monitor.store.score_inputs import current_values, score_inputs


def load_inputs(
    store: Store,
    division_id: int,
    *,
    conn: Connection | None = None,
    indicator_ids: list[str] | None = None,
    periods: list[int] | None = None,
) -> Inputs:
    """Areas, current values and catalogue of one division (optionally a subset)."""
    with store._transaction(conn) if conn is not None else store.engine.connect() as c:
        given = read_given(c, division_id, indicator_ids)
        values = current_values(c, division_id, given.value_ids, periods)
    return given.inputs(values)


@dataclass(frozen=True)
class Given:
    """What scoring reads beside the values: areas, catalogue, population indicator,
    gemeente and national values of a division (:func:`read_given`)."""

    areas: pd.DataFrame
    rows: dict[str, dict]  # every catalogue row, by id
    catalog: dict[str, Indicator]  # what is scored: the asked ones and their helpers
    population: str | None
    gemeente: str
    national: pd.DataFrame
    #: The indicators whose values are read (None: all).
    value_ids: list[str] | None

    def inputs(self, values: pd.DataFrame) -> Inputs:
        return Inputs(
            self.areas, values, self.catalog, self.population, self.gemeente, self.national
        )

    def same_as(self, other: Given) -> bool:
        """Whether ``other`` (read later) is the same in everything scoring reads."""
        return (
            self.areas.equals(other.areas)
            and self.rows == other.rows
            and (self.population, self.gemeente) == (other.population, other.gemeente)
            and self.national.equals(other.national)
            and self.value_ids == other.value_ids
        )


def read_given(conn: Connection, division_id: int, indicator_ids: list[str] | None) -> Given:
    """Everything :func:`load_inputs` reads but the current values."""
    frame_areas, rows, population, gemeente = score_inputs(conn, division_id)
    catalog = _catalog(rows, indicator_ids, population)
    ids = list(catalog) if indicator_ids is not None else None
    national = national_store.read(conn, ids)
    return Given(frame_areas, rows, catalog, population, gemeente, national, ids)


def _catalog(
    everything: dict[str, dict], ids: list[str] | None, population: str | None
) -> dict[str, Indicator]:
    """The catalogue (or ``ids`` and the helper indicators they name)."""
    if ids is None:
        wanted = set(everything)
    else:
        wanted = {i for i in ids if i in everything}
        for i in list(wanted):
            row = everything[i]
            for helper in (row["min_population_indicator"], row["weight_indicator"], population):
                if helper and helper in everything:
                    wanted.add(helper)
    return {i: Indicator.from_row(everything[i]) for i in sorted(wanted)}
