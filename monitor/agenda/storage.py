"""The agenda's reads and writes as the domain sees them: the statements live in
:mod:`monitor.store.agenda`; here a row that is gone becomes an :class:`AgendaError`,
and every write gets its line in the audit log, in the caller's transaction.

An edit reads the row it changes inside that transaction (locked on PostgreSQL) and
writes only while the row is live: a row someone removed meanwhile is refused, not edited.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Connection

from monitor import audit, cache
from monitor.agenda.model import AgendaError, problem
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.problems import shorten
from monitor.store import LEVELS, PARENT_COLUMNS, Store
from monitor.store import agenda as rows
from monitor.store.agenda import (
    TABLES,
    actions_frame,
    area_of,
    goals_frame,
    live_action_ids,
    live_row,
    notes_frame,
    stored_row,
)
from monitor.store.stamps import subject_key

__all__ = [
    "TABLES",
    "actions_frame",
    "area_of",
    "existing",
    "goals_frame",
    "gone",
    "insert",
    "live_action_ids",
    "live_row",
    "noted_areas",
    "notes_count",
    "notes_frame",
    "soft_delete",
    "stored_row",
    "update",
]

# -- reading ---------------------------------------------------------------------------


def notes_count(
    store: Store, division_id: int, level: str, period: int | None = None
) -> dict[str, int]:
    """Live notes per area of ``level`` (for the map tooltip): every area of the level,
    counting the notes on the area itself and on the areas inside it; 0 when none. Kept
    per the agenda's and the areas' change stamps."""
    key = _count_key(store, division_id, level, period)
    return cache.remember(
        "notes-count", key, lambda: _notes_count(store, division_id, level, period)
    )


def noted_areas(
    store: Store, division_id: int, level: str, period: int | None = None
) -> dict[str, int]:
    """:func:`notes_count` of only the areas with a live note (every map switch asks: a
    copy of a count for each of a national store's 14,000 buurten cost ~20 ms)."""

    def build() -> dict[str, int]:
        counts = _notes_count(store, division_id, level, period)
        return {code: count for code, count in counts.items() if count}

    return cache.remember("noted-areas", _count_key(store, division_id, level, period), build)


def _count_key(store: Store, division_id: int, level: str, period: int | None) -> tuple:
    """The cache key of a level's note counts (refused: a level that does not exist)."""
    if level not in LEVELS:
        raise MonitorError(
            t("scoring.err.unknown_level", "nl", level=level, choices=", ".join(LEVELS))
        )
    subjects = tuple(subject_key(store, division_id, s) for s in ("agenda", "areas"))
    return (store.url, division_id, *subjects, level, period)


def _notes_count(store: Store, division_id: int, level: str, period: int | None) -> dict[str, int]:
    per_area, level_codes = rows.notes_per_area(store, division_id, level, period)
    counts = dict.fromkeys(level_codes, 0)
    rank = LEVELS.index(level)
    for row in per_area:
        if row["level"] == level:
            owner = row["code"]
        elif LEVELS.index(row["level"]) < rank:
            owner = row[PARENT_COLUMNS[level]]
        else:
            continue
        if owner in counts:
            counts[owner] += int(row["count"])
    return counts


def existing(
    conn: Connection, kind: str, row_id: Any, lang: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A live row and its area, read in the writing transaction and locked until it ends
    (see :func:`monitor.store.agenda.existing`); refused when it is gone."""
    found = rows.existing(conn, kind, row_id)
    if found is None:
        raise gone(kind, row_id, lang)
    return found


# -- writing ---------------------------------------------------------------------------


def gone(kind: str, row_id: Any, lang: str) -> AgendaError:
    """The refusal for a row that does not exist (any more)."""
    field_name = {"goal": "doel", "action": "actie", "note": "tekst"}[kind]
    return AgendaError([problem(field_name, kind, {"value": shorten(row_id)})], lang)


def insert(
    store: Store,
    conn: Connection,
    kind: str,
    values: dict[str, Any],
    actor: str,
    extra: dict[str, Any] | None = None,
) -> int:
    """A new row with who and when, and its audit line; the new id."""
    row_id = rows.insert(conn, kind, values, actor)
    detail = {"new": values} | (extra or {})
    audit.record(store, actor, f"{kind}.add", f"{kind} {row_id}", detail, conn=conn)
    return row_id


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
    """Change a live row; False when nothing changed (nothing is logged). The audit line
    holds the values this change overwrites (read locked, in the writing transaction)."""
    changed = rows.update(conn, kind, row_id, values, names, actor)
    if changed is None:
        raise gone(kind, row_id, lang)
    if not changed:
        return False
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
    old = rows.soft_delete(conn, kind, row_id, actor)
    if old is None:
        raise gone(kind, row_id, lang)
    detail = {"old": {n: old.get(n) for n in names}}
    audit.record(store, actor, f"{kind}.remove", f"{kind} {row_id}", detail, conn=conn)
