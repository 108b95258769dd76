"""The audit log's statements: append one entry, read the log."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor.store.schema import audit_log


def fit(text: Any, column: str) -> str:
    """``text`` cut to the length of ``audit_log``'s ``column``: an actor or target can
    come from outside (a single sign-on claim, a file name), and PostgreSQL refuses a
    longer value where SQLite would store it, so the log line and the change it belongs
    to would be lost."""
    value = "" if text is None else str(text)
    length = audit_log.c[column].type.length  # type: ignore[attr-defined]
    return value[:length] if length else value


def append(
    conn: Connection, at: datetime, actor: str, action: str, target: str, detail: str | None
) -> None:
    """One entry, in the caller's transaction; texts are cut to their columns."""
    conn.execute(
        sa.insert(audit_log),
        {
            "at": at,
            "actor": fit(actor, "actor"),
            "action": fit(action, "action"),
            "target": fit(target, "target"),
            "detail": detail,
        },
    )


def entries(conn: Connection, limit: int | None = None) -> pd.DataFrame:
    """The log, newest first: id, at, actor, action, target, detail."""
    c = audit_log.c
    query = sa.select(c.id, c.at, c.actor, c.action, c.target, c.detail).order_by(c.id.desc())
    if limit:
        query = query.limit(limit)
    return pd.read_sql(query, conn)


def blocked_written(
    conn: Connection, by: str, name: str, remote: str | None, since: datetime
) -> bool:
    """Whether a ``login.blocked`` line for this limit (``by``: ``gebruiker`` or ``account``
    for the username ``name``, ``adres`` for ``remote``) was written after ``since`` and after
    the last ``login.failure`` of the same key (which is what began the wait)."""
    log = audit_log.c
    if by != "adres":  # the username from one address, or the username's ceiling
        key = log.target == name
    else:  # '"remote": "192.0.2.7"' in the detail of failures and blocked lines alike
        fragment = json.dumps({"remote": remote}, ensure_ascii=False)[1:-1]
        key = log.detail.contains(fragment, autoescape=True)
    recent = log.at >= since  # the log's time index; older failures count for nothing
    failed = conn.scalar(
        sa.select(sa.func.max(log.id)).where(log.action == "login.failure", recent, key)
    )
    written = conn.scalar(
        sa.select(log.id)
        .where(
            log.action == "login.blocked",
            recent,
            key,
            log.detail.contains(f'"grens": "{by}"'),
            log.id > (failed or 0),
        )
        .limit(1)
    )
    return written is not None
