"""Server-side sessions and API tokens: the statements behind ``monitor.sessions`` and
``monitor.tokens``. Both are keyed by the SHA-256 of a random secret; the secret itself
(the cookie's session id, the bearer token) is never stored."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor.store.schema import api_tokens, sessions, users

# -- sessions -------------------------------------------------------------------------


def add_session(conn: Connection, key: str, user_id: int, at: datetime, remote: str | None) -> None:
    values = {"id": key, "user_id": user_id, "created_at": at, "seen_at": at, "remote": remote}
    conn.execute(sa.insert(sessions).values(**values))


def find_session(conn: Connection, key: str) -> sa.Row | None:
    """The session ``key`` with its account: created_at, seen_at and the user's row."""
    s = sessions.c
    query = (
        sa.select(s.created_at, s.seen_at, users)
        .select_from(sessions.join(users, users.c.id == s.user_id))
        .where(s.id == key)
    )
    return conn.execute(query).first()


def touch_session(conn: Connection, key: str, at: datetime) -> None:
    conn.execute(sa.update(sessions).where(sessions.c.id == key).values(seen_at=at))


def delete_session(conn: Connection, key: str) -> int:
    return int(conn.execute(sa.delete(sessions).where(sessions.c.id == key)).rowcount or 0)


def delete_sessions_of(conn: Connection, user_id: int) -> int:
    """End every session of one account; returns how many there were."""
    found = conn.execute(sa.delete(sessions).where(sessions.c.user_id == user_id))
    return int(found.rowcount or 0)


def delete_sessions_before(conn: Connection, created: datetime, seen: datetime) -> int:
    """Drop sessions that can no longer be used: begun before ``created`` or idle since
    before ``seen``."""
    s = sessions.c
    found = conn.execute(
        sa.delete(sessions).where(sa.or_(s.created_at < created, s.seen_at < seen))
    )
    return int(found.rowcount or 0)


def count_sessions(conn: Connection, user_id: int) -> int:
    query = sa.select(sa.func.count()).select_from(sessions).where(sessions.c.user_id == user_id)
    return int(conn.scalar(query) or 0)


# -- API tokens -----------------------------------------------------------------------


def add_token(conn: Connection, **values: Any) -> int:
    return int(conn.execute(sa.insert(api_tokens).values(**values)).inserted_primary_key[0])


def find_token(conn: Connection, token_hash: str) -> sa.Row | None:
    """The token (id, last_used_at) with its account's row."""
    a = api_tokens.c
    query = (
        sa.select(a.id.label("token_id"), a.last_used_at, users)
        .select_from(api_tokens.join(users, users.c.id == a.user_id))
        .where(a.token_hash == token_hash)
    )
    return conn.execute(query).first()


def token_used(conn: Connection, token_id: int, at: datetime) -> None:
    conn.execute(sa.update(api_tokens).where(api_tokens.c.id == token_id).values(last_used_at=at))


def token_owner(conn: Connection, token_id: int) -> str | None:
    """The username a token belongs to, or None when there is no such token."""
    query = (
        sa.select(users.c.username)
        .select_from(api_tokens.join(users, users.c.id == api_tokens.c.user_id))
        .where(api_tokens.c.id == token_id)
    )
    return conn.scalar(query)


def delete_token(conn: Connection, token_id: int) -> int:
    return int(conn.execute(sa.delete(api_tokens).where(api_tokens.c.id == token_id)).rowcount or 0)


def delete_tokens_of(conn: Connection, user_id: int) -> None:
    conn.execute(sa.delete(api_tokens).where(api_tokens.c.user_id == user_id))


def token_listing(conn: Connection, username: str | None = None) -> pd.DataFrame:
    """Tokens without their hashes: id, username, name, prefix, created_at, created_by,
    last_used_at; by username and id."""
    a = api_tokens.c
    query = (
        sa.select(
            a.id, users.c.username, a.name, a.prefix, a.created_at, a.created_by, a.last_used_at
        )
        .select_from(api_tokens.join(users, users.c.id == a.user_id))
        .order_by(users.c.username, a.id)
    )
    if username is not None:
        query = query.where(users.c.username == username)
    return pd.DataFrame(conn.execute(query).all(), columns=list(query.selected_columns.keys()))
