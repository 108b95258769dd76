"""The audit log: who did what, when (logins, uploads, publishes, undos, edits, users).

One function writes, taking the caller's connection when there is one, so that an
entry lands in the same transaction as the change it describes: a rolled-back publish
leaves no "published" line behind.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor.store import Store, audit_log, now


def record(
    store: Store,
    actor: str,
    action: str,
    target: str = "",
    detail: dict[str, Any] | None = None,
    conn: Connection | None = None,
) -> None:
    """Append one entry. ``action`` is a short dotted name such as ``upload.publish``."""
    row = {
        "at": now(),
        "actor": actor,
        "action": action,
        "target": target[:300],
        "detail": json.dumps(detail, ensure_ascii=False, default=str) if detail else None,
    }
    if conn is not None:
        conn.execute(sa.insert(audit_log), row)
        return
    with store.begin() as c:
        c.execute(sa.insert(audit_log), row)


def entries(store: Store, limit: int | None = None) -> pd.DataFrame:
    """The log, newest first: at, actor, action, target, detail."""
    query = sa.select(
        audit_log.c.id,
        audit_log.c.at,
        audit_log.c.actor,
        audit_log.c.action,
        audit_log.c.target,
        audit_log.c.detail,
    ).order_by(audit_log.c.id.desc())
    if limit:
        query = query.limit(limit)
    with store.engine.connect() as conn:
        return pd.read_sql(query, conn)


def to_csv(store: Store) -> str:
    """The whole log as CSV (``;``, as Dutch Excel opens it), oldest first. Actors,
    targets and details can hold anything a user typed (a username, a file name), so every
    text cell is neutralised against spreadsheet formulas."""
    from monitor.export import safe_text

    frame = entries(store).sort_values("id")
    frame["at"] = pd.to_datetime(frame["at"]).dt.strftime("%Y-%m-%d %H:%M:%S")
    for column in ("actor", "action", "target", "detail"):
        frame[column] = frame[column].map(safe_text)
    return frame.to_csv(sep=";", index=False)
