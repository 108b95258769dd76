"""Materialised scores: computed when data changes, in the same transaction, read by pages.

Whatever changes scores (a publish, an undo, a catalogue change, new areas) marks what it
touched on its connection (``monitor.store.mark_scores``). Before that transaction
commits, ``Store.begin`` calls :func:`refresh`, which rescores what was marked and raises
the division's *generation*. A reader therefore sees the old scores or the new ones,
never a mix, and the generation tells caches when to forget.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor.scoring.compute import Result, compute
from monitor.scoring.inputs import load_inputs
from monitor.store import DIRTY, Store, now, score_groups, score_state, scores


@dataclass
class Rebuilt:
    division_id: int
    generation: int
    groups: int
    rows: int
    per_level: dict[str, int]


def refresh(store: Store, conn: Connection) -> list[Rebuilt]:
    """Rescore everything marked on ``conn`` (inside its transaction)."""
    dirty = conn.info.pop(DIRTY, {})
    return [
        rebuild(store, conn, division_id, inds, periods)
        for division_id, (inds, periods) in sorted(dirty.items())
    ]


def _lock(conn: Connection, division_id: int) -> int:
    """Take the division's score lock (one rescoring at a time) and return its generation."""
    query = sa.select(score_state.c.generation).where(score_state.c.division_id == division_id)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()
    generation = conn.scalar(query)
    if generation is None:
        conn.execute(
            sa.insert(score_state).values(division_id=division_id, generation=0, built_at=now())
        )
        generation = conn.scalar(query)
    return int(generation)


def dependents(catalog: dict, touched: set[str], population_indicator: str | None) -> set[str]:
    """``touched`` and the indicators whose scores read them (population, weight)."""
    out = set(touched)
    for ind in catalog.values():
        population = ind.min_population_indicator or (
            population_indicator if ind.min_population else None
        )
        if population in touched or ind.weight_indicator in touched:
            out.add(ind.id)
    return out


def rebuild(
    store: Store,
    conn: Connection,
    division_id: int,
    indicators: set[str] | None = None,
    periods: set[int] | None = None,
    progress: Callable[[str], None] | None = None,
) -> Rebuilt:
    """Recompute and store the scores of a division (or of some indicators/periods)."""
    generation = _lock(conn, division_id) + 1
    inputs = load_inputs(store, division_id, conn=conn)
    wanted = None
    if indicators is not None:
        wanted = sorted(dependents(inputs.catalog, set(indicators), inputs.population_indicator))
    chosen = sorted(periods) if periods is not None else None
    if progress:
        progress("compute")
    result = compute(inputs, indicator_ids=wanted, periods=chosen)
    if progress:
        progress("write")
    _delete(conn, division_id, wanted, chosen)
    _write(conn, division_id, result)
    conn.execute(
        sa.update(score_state)
        .where(score_state.c.division_id == division_id)
        .values(generation=generation, built_at=now())
    )
    per_level = result.groups.groupby("level")["areas"].sum().astype(int).to_dict()
    return Rebuilt(division_id, generation, len(result.groups), len(result.rows), per_level)


def _delete(
    conn: Connection, division_id: int, indicators: list[str] | None, periods: list[int] | None
) -> None:
    g = score_groups
    where = [g.c.division_id == division_id]
    if periods is not None:
        where.append(g.c.period.in_(periods))
    chunks = (
        [None]
        if indicators is None
        else [indicators[i : i + 500] for i in range(0, len(indicators), 500)]
    )
    for chunk in chunks:
        clause = [*where] if chunk is None else [*where, g.c.indicator_id.in_(chunk)]
        ids = sa.select(g.c.id).where(*clause)
        conn.execute(sa.delete(scores).where(scores.c.group_id.in_(ids)))
        conn.execute(sa.delete(g).where(*clause))


def _write(conn: Connection, division_id: int, result: Result) -> None:
    if result.groups.empty:
        return
    first = (conn.scalar(sa.select(sa.func.max(score_groups.c.id))) or 0) + 1
    groups = result.groups.assign(
        id=np.arange(first, first + len(result.groups), dtype="int64"), division_id=division_id
    )
    rows = result.rows.assign(group_id=result.rows["group"].to_numpy(dtype="int64") + first)
    rows = rows.assign(
        upload_id=rows["upload_id"].astype("Int64"), origin=rows["origin"].astype("Int64")
    )
    bulk_insert(conn, score_groups, groups)
    bulk_insert(conn, scores, rows)


def bulk_insert(conn: Connection, table: sa.Table, frame: pd.DataFrame) -> None:
    """Insert a frame's columns that the table has, fast: COPY on PostgreSQL, a driver
    ``executemany`` on SQLite, inside the caller's transaction."""
    names = [c.name for c in table.columns if c.name in frame.columns]
    if frame.empty:
        return
    data = frame[names]
    driver = conn.connection.driver_connection
    dbapi = conn.dialect.dbapi
    if conn.dialect.name == "postgresql":
        sql = f"COPY {table.name} ({', '.join(names)}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"
        try:
            with driver.cursor() as cur, cur.copy(sql) as copy:
                for start in range(0, len(data), 200_000):
                    buffer = io.StringIO()
                    data.iloc[start : start + 200_000].to_csv(
                        buffer, header=False, index=False, na_rep="\\N"
                    )
                    copy.write(buffer.getvalue())
        except dbapi.Error as exc:
            raise sa.exc.DBAPIError.instance(sql, None, exc, dbapi.Error) from exc
        return
    columns = []
    for name in names:
        column = data[name]
        missing = column.isna().to_numpy()
        values = (
            column.astype(object).tolist() if column.dtype.kind not in "fiub" else column.tolist()
        )
        if missing.any():
            values = [None if gone else v for v, gone in zip(values, missing, strict=True)]
        columns.append(values)
    sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
    cursor = driver.cursor()
    try:
        cursor.executemany(sql, zip(*columns, strict=True))
    except dbapi.Error as exc:
        raise sa.exc.DBAPIError.instance(sql, None, exc, dbapi.Error) from exc
    finally:
        cursor.close()
