"""Goals, actions and notes: the statements behind ``monitor.agenda``.

Reading the live rows (as frames, one by id, or locked for a change) and writing them
with who and when on the row, in the caller's transaction. A write only touches a row
that is still live; a row that is gone comes back as ``None`` and the agenda refuses it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor.store.connect import now
from monitor.store.core import Store
from monitor.store.schema import PARENT_COLUMNS, actions, areas, goals, notes

TABLES = {"goal": goals, "action": actions, "note": notes}

# -- reading ---------------------------------------------------------------------------


def _area_filter(division_id: int, code: str | None, within: bool) -> Any:
    """Areas of a division: all, one, or one with every area inside it."""
    condition = areas.c.division_id == division_id
    if code is None:
        return condition
    if not within:
        return condition & (areas.c.code == code)
    inside = [areas.c[col] == code for col in PARENT_COLUMNS.values()]
    return condition & sa.or_(areas.c.code == code, *inside)


def _frame(store: Store, query: Any) -> pd.DataFrame:
    with store.engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).all(), columns=list(query.selected_columns.keys()))


def goals_frame(store: Store, division_id: int, code: str | None = None) -> pd.DataFrame:
    """Live goals (of one area, or the division), oldest first, with the area's code."""
    query = (
        sa.select(goals, areas.c.code, areas.c.name.label("area_name"), areas.c.level)
        .join(areas, areas.c.id == goals.c.area_id)
        .where(_area_filter(division_id, code, within=False), goals.c.deleted_at.is_(None))
        .order_by(goals.c.id)
    )
    return _frame(store, query)


def goal_indicator_ids(store: Store, division_id: int) -> list[str]:
    """The indicators that live goals of the division follow, sorted."""
    query = (
        sa.select(goals.c.indicator_id)
        .distinct()
        .join(areas, areas.c.id == goals.c.area_id)
        .where(
            areas.c.division_id == division_id,
            goals.c.deleted_at.is_(None),
            goals.c.indicator_id.is_not(None),
        )
    )
    with store.engine.connect() as conn:
        return sorted(str(i) for (i,) in conn.execute(query))


def actions_frame(store: Store, goal_ids: Iterable[int]) -> pd.DataFrame:
    """Live actions of these goals, oldest first."""
    ids = [int(i) for i in goal_ids]
    query = (
        sa.select(actions)
        .where(actions.c.goal_id.in_(ids), actions.c.deleted_at.is_(None))
        .order_by(actions.c.goal_id, actions.c.id)
    )
    return _frame(store, query)


def notes_frame(
    store: Store,
    division_id: int,
    code: str | None = None,
    within: bool = True,
    period: int | None = None,
) -> pd.DataFrame:
    """Live notes of an area (and, with ``within``, of the areas inside it), newest first."""
    query = (
        sa.select(notes, areas.c.code, areas.c.name.label("area_name"), areas.c.level)
        .join(areas, areas.c.id == notes.c.area_id)
        .where(_area_filter(division_id, code, within), notes.c.deleted_at.is_(None))
        .order_by(notes.c.date.desc(), notes.c.id.desc())
    )
    if period is not None:
        query = query.where(notes.c.period == int(period))
    return _frame(store, query)


def notes_per_area(
    store: Store, division_id: int, level: str, period: int | None = None
) -> tuple[list[dict[str, Any]], list[str]]:
    """Live notes counted per area that has any (code, level, its parent codes, count),
    and the codes of every area of ``level`` in the division."""
    query = (
        sa.select(
            areas.c.code,
            areas.c.level,
            *(areas.c[col] for col in PARENT_COLUMNS.values()),
            sa.func.count(notes.c.id).label("count"),
        )
        .join(notes, notes.c.area_id == areas.c.id)
        .where(areas.c.division_id == division_id, notes.c.deleted_at.is_(None))
        .group_by(areas.c.id)
    )
    if period is not None:
        query = query.where(notes.c.period == int(period))
    with store.engine.connect() as conn:
        rows = [dict(row) for row in conn.execute(query).mappings().all()]
        level_codes = conn.scalars(
            sa.select(areas.c.code).where(
                areas.c.division_id == division_id, areas.c.level == level
            )
        ).all()
    return rows, list(level_codes)


def live_row(
    conn: Connection, table: sa.Table, row_id: int, lock: bool = False
) -> dict[str, Any] | None:
    """A row that is not removed; with ``lock`` held (FOR UPDATE on PostgreSQL) until the
    transaction ends, so nobody changes or removes it between this read and our write."""
    query = sa.select(table).where(table.c.id == int(row_id), table.c.deleted_at.is_(None))
    if lock:
        query = query.with_for_update()
    row = conn.execute(query).mappings().first()
    return dict(row) if row else None


def row_number(row_id: Any) -> int | None:
    """An id as a number; None for what is not one."""
    try:
        return int(row_id)
    except (TypeError, ValueError):
        return None


def stored_row(store: Store, kind: str, row_id: Any) -> dict[str, Any] | None:
    """A live goal, action or note by id (to fill an edit form); None when it is gone."""
    number = row_number(row_id)
    if number is None:
        return None
    with store.engine.connect() as conn:
        return live_row(conn, TABLES[kind], number)


def area_of(conn: Connection, area_id: int) -> dict[str, Any]:
    """An area's id, division, code and name."""
    row = (
        conn.execute(
            sa.select(areas.c.id, areas.c.division_id, areas.c.code, areas.c.name).where(
                areas.c.id == area_id
            )
        )
        .mappings()
        .one()
    )
    return dict(row)


def existing(
    conn: Connection, kind: str, row_id: Any
) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """A live row and its area, read in the writing transaction and locked until it ends
    (so nobody removes it between this read and the write); None when it is gone.

    An action counts only under a live goal. The goal is locked before the action, the
    order :func:`monitor.agenda.edits.remove_goal` takes them in, so the two cannot
    deadlock on PostgreSQL.
    """
    number = row_number(row_id)
    old = area_id = None
    if number is not None and kind == "action":
        goal_id = conn.scalar(sa.select(actions.c.goal_id).where(actions.c.id == number))
        goal = live_row(conn, goals, goal_id, lock=True) if goal_id is not None else None
        old = live_row(conn, actions, number, lock=True) if goal is not None else None
        area_id = goal["area_id"] if goal is not None else None
    elif number is not None:
        old = live_row(conn, TABLES[kind], number, lock=True)
        area_id = old["area_id"] if old is not None else None
    if old is None:
        return None
    return old, area_of(conn, area_id)


def live_action_ids(conn: Connection, goal_id: int) -> list[int]:
    """The live actions of a goal, oldest first."""
    return list(
        conn.scalars(
            sa.select(actions.c.id)
            .where(actions.c.goal_id == goal_id, actions.c.deleted_at.is_(None))
            .order_by(actions.c.id)
        ).all()
    )


# -- writing ---------------------------------------------------------------------------


def _stamp(actor: str) -> dict[str, Any]:
    return {"updated_by": actor, "updated_at": now()}


def insert(conn: Connection, kind: str, values: dict[str, Any], actor: str) -> int:
    """A new row with who and when; its id."""
    return int(
        conn.execute(
            sa.insert(TABLES[kind]).values(**values, created_by=actor, created_at=now())
        ).inserted_primary_key[0]
    )


def _write_live(conn: Connection, kind: str, row_id: int, values: dict[str, Any]) -> bool:
    """UPDATE a row only while it is live; False when someone removed it first (this
    change then is refused, and rolled back with the rest of the transaction)."""
    table = TABLES[kind]
    done = conn.execute(
        sa.update(table)
        .where(table.c.id == int(row_id), table.c.deleted_at.is_(None))
        .values(**values)
    )
    return done.rowcount == 1


def update(
    conn: Connection,
    kind: str,
    row_id: int,
    values: dict[str, Any],
    names: tuple[str, ...],
    actor: str,
) -> dict[str, tuple[Any, Any]] | None:
    """Change a live row: the changed fields as (old, new), empty when nothing changed
    (nothing is written); None when the row is gone. The old values are read here, in the
    writing transaction and locked, so they are the values this change overwrites."""
    old = live_row(conn, TABLES[kind], row_id, lock=True)
    if old is None:
        return None
    changed = {n: (old.get(n), values.get(n)) for n in names if old.get(n) != values.get(n)}
    if not changed:
        return changed
    if not _write_live(conn, kind, row_id, {n: values[n] for n in changed} | _stamp(actor)):
        return None
    return changed


def soft_delete(conn: Connection, kind: str, row_id: int, actor: str) -> dict[str, Any] | None:
    """Set ``deleted_at`` on a live row: what it held, or None when it is gone."""
    old = live_row(conn, TABLES[kind], row_id, lock=True)
    if old is None:
        return None
    stamp = _stamp(actor)
    if not _write_live(conn, kind, row_id, stamp | {"deleted_at": stamp["updated_at"]}):
        return None
    return old
