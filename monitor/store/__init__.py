"""The store: one SQLAlchemy Core schema for SQLite (default) and PostgreSQL, and every
statement the core runs against it.

One module per responsibility: ``schema`` (tables), ``connect`` (engine, clock,
transactions), ``core`` (:class:`Store`: settings, divisions, areas, indicators),
``versioned`` (:class:`VersionedTable`: publish, current rows, undo), ``values``
(measurements), ``budget`` (budget lines), ``undo`` (uploads and undo), ``snapshot``,
``bulk`` (fast inserts), ``marks`` (scores to redo); and the statements of domain
modules: ``accounts`` (``monitor.users``), ``audit`` (``monitor.audit``), ``geography``
(``monitor.areas``), ``polarity`` (``monitor.polarity_users``), ``scores``
(``monitor.scoring``), ``agenda`` (``monitor.agenda``), which those modules import as
``from monitor.store import accounts``.
"""

from monitor.store.budget import BUDGET, BUDGET_COLUMNS, BUDGET_KEY, BUDGET_KIND
from monitor.store.bulk import REBUILD_INDEXES_FROM, _chunks, _records, insert_frame, insert_rows
from monitor.store.connect import make_engine, now
from monitor.store.core import Store
from monitor.store.marks import DIRTY, RESCORERS, _divisions_of, mark_scores
from monitor.store.schema import (
    LEVELS,
    PARENT_COLUMNS,
    actions,
    api_tokens,
    area_aliases,
    areas,
    audit_log,
    budget_lines,
    divisions,
    goals,
    indicators,
    login_attempts,
    measurements,
    metadata,
    notes,
    points,
    polarity_overrides,
    score_groups,
    score_rows,
    score_state,
    sessions,
    settings_table,
    uploads,
    users,
)
from monitor.store.snapshot import Snapshot
from monitor.store.undo import VERSIONED, UndoPlan, versioned_for
from monitor.store.values import MEASUREMENT_COLUMNS, MEASUREMENTS
from monitor.store.versioned import VersionedTable, insert_upload

__all__ = [
    "BUDGET",
    "BUDGET_COLUMNS",
    "BUDGET_KEY",
    "BUDGET_KIND",
    "DIRTY",
    "LEVELS",
    "MEASUREMENTS",
    "MEASUREMENT_COLUMNS",
    "PARENT_COLUMNS",
    "REBUILD_INDEXES_FROM",
    "RESCORERS",
    "VERSIONED",
    "Snapshot",
    "Store",
    "UndoPlan",
    "VersionedTable",
    "_chunks",
    "_divisions_of",
    "_records",
    "actions",
    "api_tokens",
    "area_aliases",
    "areas",
    "audit_log",
    "budget_lines",
    "divisions",
    "goals",
    "indicators",
    "insert_frame",
    "insert_rows",
    "insert_upload",
    "login_attempts",
    "make_engine",
    "mark_scores",
    "measurements",
    "metadata",
    "notes",
    "now",
    "points",
    "polarity_overrides",
    "score_groups",
    "score_rows",
    "score_state",
    "sessions",
    "settings_table",
    "uploads",
    "users",
    "versioned_for",
]
