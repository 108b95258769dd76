"""SQL of pruning (``monitor.prune``): old login attempts, and which files uploads keep."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor.store.schema import login_attempts, uploads


def count_attempts_before(conn: Connection, before: datetime) -> int:
    """How many login attempts are older than ``before``."""
    query = sa.select(sa.func.count()).where(login_attempts.c.at < before)
    return int(conn.scalar(query.select_from(login_attempts)) or 0)


def delete_attempts_before(conn: Connection, before: datetime) -> int:
    """Delete login attempts older than ``before``; returns how many."""
    result = conn.execute(sa.delete(login_attempts).where(login_attempts.c.at < before))
    return int(result.rowcount or 0)


def kept_files(conn: Connection) -> set[str]:
    """The content hashes of every upload's file: published or undone, they are kept
    (undo and publishing again read them)."""
    return {h for h in conn.scalars(sa.select(uploads.c.sha256).distinct()) if h}
