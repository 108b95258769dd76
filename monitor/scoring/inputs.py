"""Read what scoring needs from the store, in as few queries as possible.

With ``conn`` the reads happen inside the caller's transaction, so a publish can score
the rows it has just written before it commits. The queries are in
``monitor.store.materialised``; here the catalogue is narrowed to what a rescoring needs.
"""

from __future__ import annotations

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
        frame_areas, rows, population, gemeente = score_inputs(c, division_id)
        catalog = _catalog(rows, indicator_ids, population)
        values = current_values(
            c, division_id, list(catalog) if indicator_ids is not None else None, periods
        )
        national = national_store.read(c, list(catalog) if indicator_ids is not None else None)
    return Inputs(frame_areas, values, catalog, population, gemeente, national)


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
