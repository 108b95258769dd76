"""The audit log: who did what, when (logins, uploads, publishes, undos, edits, users).

One function writes, taking the caller's connection when there is one, so that an
entry lands in the same transaction as the change it describes: a rolled-back publish
leaves no "published" line behind.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pandas as pd
from sqlalchemy.engine import Connection

from monitor.messages import MESSAGES, t
from monitor.store import Store, now
from monitor.store import audit as audit_sql
from monitor.times import TIMEZONE, iso_time, local_time

__all__ = ["TIMEZONE", "entries", "local_time", "record", "to_csv"]


def record(
    store: Store,
    actor: str,
    action: str,
    target: str = "",
    detail: dict[str, Any] | None = None,
    conn: Connection | None = None,
    at: datetime | None = None,
) -> None:
    """Append one entry. ``action`` is a short dotted name such as ``upload.publish``;
    ``at`` is now unless the caller works on its own clock (the login rate limit). Texts
    too long for their column are cut (PostgreSQL would refuse them)."""
    text = json.dumps(detail, ensure_ascii=False, default=str) if detail else None
    if conn is not None:
        audit_sql.append(conn, at or now(), actor, action, target, text)
        return
    with store.begin() as c:
        audit_sql.append(c, at or now(), actor, action, target, text)


def entries(store: Store, limit: int | None = None) -> pd.DataFrame:
    """The log, newest first: at, actor, action, target, detail."""
    with store.engine.connect() as conn:
        return audit_sql.entries(conn, limit)


def to_csv(store: Store) -> str:
    """The whole log as CSV (``;``, as Dutch Excel opens it), oldest first, times in ISO
    8601 with their UTC offset (``2025-03-01T10:00:00+01:00``). Actors, targets and details
    can hold anything a user typed (a username, a file name), so every text cell is
    neutralised against spreadsheet formulas."""
    from monitor.export import safe_frame

    frame = entries(store).sort_values("id")
    frame["at"] = [iso_time(m) for m in frame["at"]]
    return safe_frame(frame).to_csv(sep=";", index=False)


def action_label(action: str, lang: str = "nl") -> str:
    """An action in words (``upload.publish`` → *upload gepubliceerd*); an action the
    catalogue does not know keeps its name."""
    key = f"audit.action.{action}"
    return t(key, lang) if key in MESSAGES else action
