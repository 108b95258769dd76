"""All the agenda's SQL: reading goals, actions and notes, and writing them with who and
when on the row and a line in the audit log, in the caller's transaction.

An edit reads the row it changes inside that transaction (locked on PostgreSQL) and
writes only while the row is live: a row someone removed meanwhile is refused, not edited.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor import audit
from monitor.agenda.model import AgendaError, problem
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.problems import shorten
from monitor.store import LEVELS, PARENT_COLUMNS, Store, actions, areas, goals, notes, now

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


def notes_count(
    store: Store, division_id: int, level: str, period: int | None = None
) -> dict[str, int]:
    """Live notes per area of ``level`` (for the map tooltip): every area of the level,
    counting the notes on the area itself and on the areas inside it; 0 when none."""
    if level not in LEVELS:
        raise MonitorError(t("agenda.err.level", "nl", level=level, levels=", ".join(LEVELS)))
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
        rows = conn.execute(query).mappings().all()
        level_codes = conn.scalars(
            sa.select(areas.c.code).where(
                areas.c.division_id == division_id, areas.c.level == level
            )
        ).all()
    counts = dict.fromkeys(level_codes, 0)
    rank = LEVELS.index(level)
    for row in rows:
        if row["level"] == level:
            owner = row["code"]
        elif LEVELS.index(row["level"]) < rank:
            owner = row[PARENT_COLUMNS[level]]
        else:
            continue
        if owner in counts:
            counts[owner] += int(row["count"])
    return counts


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


def stored_row(store: Store, kind: str, row_id: Any) -> dict[str, Any] | None:
    """A live goal, action or note by id (to fill an edit form); None when it is gone."""
    number = _row_number(row_id)
    if number is None:
        return None
    with store.engine.connect() as conn:
        return live_row(conn, TABLES[kind], number)


def _row_number(row_id: Any) -> int | None:
    try:
        return int(row_id)
    except (TypeError, ValueError):
        return None


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
    conn: Connection, kind: str, row_id: Any, lang: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A live row and its area, read in the writing transaction and locked until it ends
    (so nobody removes it between this read and the write); refused when it is gone.

    An action counts only under a live goal. The goal is locked before the action, the
    order :func:`monitor.agenda.edits.remove_goal` takes them in, so the two cannot
    deadlock on PostgreSQL.
    """
    number = _row_number(row_id)
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
        raise gone(kind, row_id, lang)
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


def gone(kind: str, row_id: Any, lang: str) -> AgendaError:
    """The refusal for a row that does not exist (any more)."""
    field_name = {"goal": "doel", "action": "actie", "note": "tekst"}[kind]
    return AgendaError([problem(field_name, kind, {"value": shorten(row_id)})], lang)


def _changes(old: dict[str, Any], new: dict[str, Any], names: tuple[str, ...]) -> dict:
    return {n: (old.get(n), new.get(n)) for n in names if old.get(n) != new.get(n)}


def _stamp(actor: str) -> dict[str, Any]:
    return {"updated_by": actor, "updated_at": now()}


def insert(
    store: Store,
    conn: Connection,
    kind: str,
    values: dict[str, Any],
    actor: str,
    extra: dict[str, Any] | None = None,
) -> int:
    """A new row with who and when, and its audit line; the new id."""
    row_id = int(
        conn.execute(
            sa.insert(TABLES[kind]).values(**values, created_by=actor, created_at=now())
        ).inserted_primary_key[0]
    )
    detail = {"new": values} | (extra or {})
    audit.record(store, actor, f"{kind}.add", f"{kind} {row_id}", detail, conn=conn)
    return row_id


def _write_live(
    conn: Connection, kind: str, row_id: int, values: dict[str, Any], lang: str
) -> None:
    """UPDATE a row only while it is live; someone who removed it first wins, and this
    change is refused (rolled back with the rest of the transaction)."""
    table = TABLES[kind]
    done = conn.execute(
        sa.update(table)
        .where(table.c.id == int(row_id), table.c.deleted_at.is_(None))
        .values(**values)
    )
    if done.rowcount != 1:
        raise gone(kind, row_id, lang)


def update(
    store: Store,
    conn: Connection,
    kind: str,
    row_id: int,
    values: dict[str, Any],
    names: tuple[str, ...],
    actor: str,
    extra: dict[str, Any] | None = None,
    lang: str = "nl",
) -> bool:
    """Change a live row; False when nothing changed (nothing is logged). The old values
    for the audit line are read here, in the writing transaction and locked, so they are
    the values this change overwrites."""
    old = live_row(conn, TABLES[kind], row_id, lock=True)
    if old is None:
        raise gone(kind, row_id, lang)
    changed = _changes(old, values, names)
    if not changed:
        return False
    _write_live(conn, kind, row_id, {n: values[n] for n in changed} | _stamp(actor), lang)
    detail = {
        "old": {n: o for n, (o, _) in changed.items()},
        "new": {n: v for n, (_, v) in changed.items()},
    } | (extra or {})
    audit.record(store, actor, f"{kind}.update", f"{kind} {row_id}", detail, conn=conn)
    return True


def soft_delete(
    store: Store,
    conn: Connection,
    kind: str,
    row_id: int,
    names: tuple[str, ...],
    actor: str,
    lang: str = "nl",
) -> None:
    """Set ``deleted_at`` on a live row; the audit line keeps what it held."""
    old = live_row(conn, TABLES[kind], row_id, lock=True)
    if old is None:
        raise gone(kind, row_id, lang)
    stamp = _stamp(actor)
    _write_live(conn, kind, row_id, stamp | {"deleted_at": stamp["updated_at"]}, lang)
    detail = {"old": {n: old.get(n) for n in names}}
    audit.record(store, actor, f"{kind}.remove", f"{kind} {row_id}", detail, conn=conn)
