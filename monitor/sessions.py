"""Logged-in sessions, held in the store so that every app instance sees the same ones.

The browser's cookie carries a random session id (256 bits); the store keeps only its
SHA-256 with the account, when the session began and when it was last used. A session
ends when its row goes: at logout, after ``session_hours`` or ``session_idle_minutes``
without a request, and for every session of an account when its password or role
changes or it is disabled or removed (``monitor.users``). A copied cookie is worth
nothing once its row is gone, on whichever instance it is shown.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from monitor import users
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.store import Store, accounts, now
from monitor.store import credentials as sql

#: ``seen_at`` is written at most this often (not on every request); the idle limit is
#: therefore exact to within this time.
TOUCH_EVERY = timedelta(seconds=60)


@dataclass(frozen=True)
class Loaded:
    """A session looked up: its account, or None with ``expired`` saying why."""

    account: users.Account | None
    expired: bool = False


def key(session_id: str) -> str:
    """What the store keeps of a session id: its SHA-256 (hex)."""
    return hashlib.sha256(session_id.encode()).hexdigest()


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def start(
    store: Store,
    username: str,
    remote: str | None,
    *,
    max_age: timedelta,
    max_idle: timedelta,
    at: datetime | None = None,
) -> str:
    """Begin a session for ``username``; returns the new session id (for the cookie).
    Sessions that can no longer be used are pruned on the way."""
    at = at or now()
    session_id = secrets.token_urlsafe(32)
    with store.begin() as conn:
        row = accounts.find(conn, users.normalise_username(username))
        if row is None or row.disabled:
            raise MonitorError(t("user.unknown", name=username))
        sql.delete_sessions_before(conn, at - max_age, at - max_idle)
        sql.add_session(conn, key(session_id), row.id, at, remote[:64] if remote else None)
    return session_id


def load(
    store: Store,
    session_id: str,
    *,
    max_age: timedelta,
    max_idle: timedelta,
    at: datetime | None = None,
) -> Loaded:
    """The account of a live session; an expired one is ended here."""
    at = at or now()
    if not session_id:
        return Loaded(None)
    found_key = key(session_id)
    with store.engine.connect() as conn:
        row = sql.find_session(conn, found_key)
    if row is None:
        return Loaded(None)
    created, seen = _aware(row.created_at), _aware(row.seen_at)
    if row.disabled or at - created > max_age or at - seen > max_idle:
        with store.begin() as conn:
            sql.delete_session(conn, found_key)
        return Loaded(None, expired=not row.disabled)
    if at - seen >= TOUCH_EVERY:
        with store.begin() as conn:
            sql.touch_session(conn, found_key, at)
    return Loaded(users.account_of(row))


def end(store: Store, session_id: str) -> bool:
    """End one session (every copy of its cookie); whether it was still there."""
    with store.begin() as conn:
        return sql.delete_session(conn, key(session_id)) > 0


def count(store: Store, username: str) -> int:
    """Live or not yet pruned sessions of ``username``."""
    with store.engine.connect() as conn:
        row = accounts.find(conn, users.normalise_username(username))
        return sql.count_sessions(conn, row.id) if row is not None else 0
