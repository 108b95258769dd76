"""What a rescoring reads from the store: a division's areas, catalogue rows and
population indicator (:func:`score_inputs`), the current measurements
(:func:`current_values`) and their counts per indicator (:func:`value_counts`, how a
rebuild splits its work). The scores themselves: :mod:`monitor.store.materialised`
(read) and :mod:`monitor.store.score_writes` (write).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor.store import published
from monitor.store.bulk import fetch_rows, fetch_rows_each, paused_gc
from monitor.store.schema import PARENT_COLUMNS, areas, divisions, indicators, measurements


def score_inputs(
    conn: Connection, division_id: int
) -> tuple[pd.DataFrame, dict[str, dict], str | None, str]:
    """Areas, indicator rows (by id), the population indicator and the gemeente of one
    division (with :func:`current_values`: what a rescoring reads)."""
    area_cols = [areas.c.id, areas.c.code, areas.c.name, areas.c.level]
    area_cols += [areas.c[col] for col in PARENT_COLUMNS.values()]
    query = sa.select(*area_cols).where(areas.c.division_id == division_id)
    # Tuples: pandas probes every SQLAlchemy row for its fields (17,000 areas, every pass).
    area_rows = fetch_rows(conn, query.order_by(areas.c.code))
    frame_areas = pd.DataFrame(area_rows, columns=[col.name for col in area_cols])
    frame_areas["id"] = frame_areas["id"].astype("int64")
    rows = {r["id"]: dict(r) for r in conn.execute(sa.select(indicators)).mappings()}
    population = conn.scalar(
        sa.text("SELECT value FROM settings WHERE key = 'population_indicator'")
    )
    gemeente = conn.scalar(sa.select(divisions.c.gemeente).where(divisions.c.id == division_id))
    return frame_areas, rows, population, str(gemeente or "")


def current_values(
    conn: Connection, division_id: int, ids: list[str] | None, periods: list[int] | None
) -> pd.DataFrame:
    """The current value, n, flag and upload of every measurement of a division (of the
    indicators ``ids`` and ``periods``, when given)."""
    m = measurements
    names = ["area_id", "period", "value", "n", "flag", "upload_id"]
    query = (
        sa.select(*(m.c[name] for name in names))
        .join(areas, areas.c.id == m.c.area_id)
        .where(areas.c.division_id == division_id, m.c.is_current.is_(True))
    )
    if periods is not None:
        query = query.where(m.c.period.in_([int(p) for p in periods]))
    indicator: np.ndarray | None = None
    if conn.dialect.name == "sqlite":
        # One indexed query per indicator, its id not read back for every row.
        ids = read_ids(conn, ids)
        held = published.current_values(conn, division_id, ids, periods)
        if held is not None:  # a first import, still in memory: the same rows
            return held
        each = query.where(m.c.indicator_id == sa.bindparam("indicator", ""))
        parts = fetch_rows_each(conn, each, "indicator", ids)
        indicator = np.repeat(np.array(ids, dtype=object), [len(part) for part in parts])
    else:
        # PostgreSQL plans the IN list well (and a generic plan per indicator badly).
        query = query.add_columns(m.c.indicator_id)
        if ids is not None:
            query = query.where(m.c.indicator_id.in_(ids))
        parts = [fetch_rows(conn, query)]
        names = [*names, "indicator_id"]
    size = sum(len(part) for part in parts)
    types = {"area_id": "int64", "period": "int64", "value": "float64", "n": "float64"}
    types |= {"upload_id": "float64", "flag": object, "indicator_id": object}
    # Column by column (from_records checks every row's length: seconds for millions).
    # Texts stay Python objects (None where missing): scoring encodes them as such, and
    # pandas' own string type would cost a conversion there and back for every row.
    with paused_gc():
        rows = [row for part in parts for row in part] if len(parts) > 1 else (parts or [[]])[0]
        del parts
        columns = list(zip(*rows, strict=True)) if rows else [()] * len(names)
        del rows
    found = {name: _column(c, types[name], size) for name, c in zip(names, columns, strict=True)}
    if indicator is not None:
        found["indicator_id"] = pd.Series(indicator, dtype=object)
    order = ["area_id", "indicator_id", "period", "value", "n", "flag", "upload_id"]
    return pd.DataFrame({name: found[name] for name in order})


def read_ids(conn: Connection, ids: list[str] | None) -> list[str]:
    """The indicators whose values :func:`current_values` reads on SQLite, in its order:
    ``ids`` (each once), or every indicator of the catalogue in id order."""
    if ids is None:
        ids = sorted(str(i) for i in conn.scalars(sa.select(indicators.c.id)))
    return list(dict.fromkeys(ids))


def _column(values: tuple, dtype: object, size: int) -> np.ndarray | pd.Series:
    """One fetched column as an array: integers (never missing) read straight from the
    tuple, floats with None as NaN, texts as Python objects."""
    if dtype == "int64":
        return np.fromiter(values, dtype="int64", count=size)
    if dtype is object:
        return pd.Series(np.array(values, dtype=object), dtype=object)
    return np.array(values, dtype=dtype)  # a missing number (None) becomes NaN


def value_counts(
    conn: Connection, ids: list[str] | None, periods: list[int] | None
) -> dict[str, int]:
    """Current measurements per indicator (of every division: an upper bound for one),
    optionally only ``ids`` and ``periods``: how a rebuild splits its work."""
    held = published.value_counts(conn, ids, periods)
    if held is not None:
        return held  # a first import's rows, counted in memory
    m = measurements
    query = (
        sa.select(m.c.indicator_id, sa.func.count())
        .where(m.c.is_current.is_(True))
        .group_by(m.c.indicator_id)
    )
    if periods is not None:
        query = query.where(m.c.period.in_([int(p) for p in periods]))
    if ids is None:
        return {str(i): int(n) for i, n in conn.execute(query)}
    out: dict[str, int] = {}
    for start in range(0, len(ids), 500):
        chunk = query.where(m.c.indicator_id.in_(ids[start : start + 500]))
        out |= {str(i): int(n) for i, n in conn.execute(chunk)}
    return out
