"""Read what scoring needs from the store, in as few queries as possible.

With ``conn`` the reads happen inside the caller's transaction, so a publish can score
the rows it has just written before it commits.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor.catalog import Indicator
from monitor.scoring.compute import Inputs
from monitor.store import PARENT_COLUMNS, Store, areas, divisions, indicators, measurements


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
        area_cols = [areas.c.id, areas.c.code, areas.c.name, areas.c.level]
        area_cols += [areas.c[col] for col in PARENT_COLUMNS.values()]
        area_rows = c.execute(
            sa.select(*area_cols).where(areas.c.division_id == division_id).order_by(areas.c.code)
        ).all()
        frame_areas = pd.DataFrame(area_rows, columns=[col.name for col in area_cols])
        frame_areas["id"] = frame_areas["id"].astype("int64")
        catalog = _catalog(c, indicator_ids)
        values = _values(
            c, division_id, list(catalog) if indicator_ids is not None else None, periods
        )
        population = c.scalar(
            sa.text("SELECT value FROM settings WHERE key = 'population_indicator'")
        )
        gemeente = c.scalar(sa.select(divisions.c.gemeente).where(divisions.c.id == division_id))
    return Inputs(frame_areas, values, catalog, population, str(gemeente or ""))


def _catalog(conn: Connection, ids: list[str] | None) -> dict[str, Indicator]:
    """The catalogue (or ``ids`` and the helper indicators they name)."""
    query = sa.select(indicators)
    rows = [dict(r._mapping) for r in conn.execute(query)]
    everything = {r["id"]: r for r in rows}
    if ids is None:
        wanted = set(everything)
    else:
        population = conn.scalar(
            sa.text("SELECT value FROM settings WHERE key = 'population_indicator'")
        )
        wanted = {i for i in ids if i in everything}
        for i in list(wanted):
            row = everything[i]
            for helper in (row["min_population_indicator"], row["weight_indicator"], population):
                if helper and helper in everything:
                    wanted.add(helper)
    return {i: Indicator.from_row(everything[i]) for i in sorted(wanted)}


def _values(
    conn: Connection, division_id: int, ids: list[str] | None, periods: list[int] | None
) -> pd.DataFrame:
    m = measurements
    query = (
        sa.select(
            m.c.area_id, m.c.indicator_id, m.c.period, m.c.value, m.c.n, m.c.flag, m.c.upload_id
        )
        .join(areas, areas.c.id == m.c.area_id)
        .where(areas.c.division_id == division_id, m.c.is_current.is_(True))
    )
    if ids is not None:
        query = query.where(m.c.indicator_id.in_(ids))
    if periods is not None:
        query = query.where(m.c.period.in_([int(p) for p in periods]))
    rows = conn.execute(query).all()
    names = ["area_id", "indicator_id", "period", "value", "n", "flag", "upload_id"]
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(names)
    types = {"area_id": "int64", "period": "int64", "value": "float64", "n": "float64"}
    types["upload_id"] = "float64"
    return pd.DataFrame(
        {
            name: np.array(col, dtype=types[name]) if name in types else np.array(col, dtype=object)
            for name, col in zip(names, columns, strict=True)
        }
    )
