"""Accounts and login attempts: the statements behind ``monitor.users``."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor.store.schema import login_attempts, users


def find(conn: Connection, username: str) -> sa.Row | None:
    """The account row (hash included) of ``username``, or None."""
    return conn.execute(sa.select(users).where(users.c.username == username)).first()


def listing(conn: Connection) -> pd.DataFrame:
    """All accounts without their hashes: username, role, display_name, disabled,
    created_at, last_login_at; by username."""
    c = users.c
    query = sa.select(
        c.username, c.role, c.display_name, c.disabled, c.created_at, c.last_login_at
    ).order_by(c.username)
    return pd.DataFrame(conn.execute(query).all(), columns=list(query.selected_columns.keys()))


def count(conn: Connection) -> int:
    return int(conn.scalar(sa.select(sa.func.count()).select_from(users)) or 0)


def insert(conn: Connection, **values: Any) -> None:
    conn.execute(sa.insert(users).values(**values))


def update(conn: Connection, user_id: int, **values: Any) -> None:
    conn.execute(sa.update(users).where(users.c.id == user_id).values(**values))


def delete(conn: Connection, user_id: int) -> None:
    conn.execute(sa.delete(users).where(users.c.id == user_id))


def other_admins(conn: Connection, username: str) -> int:
    """Enabled ``beheerder`` accounts besides ``username``."""
    c = users.c
    query = sa.select(sa.func.count()).select_from(users)
    query = query.where(c.role == "beheerder", c.disabled.is_(False), c.username != username)
    return int(conn.scalar(query) or 0)


# -- login attempts (the rate limit) ----------------------------------------------------


def add_attempt(
    conn: Connection, username: str, remote: str | None, at: datetime, success: bool
) -> int:
    """Record one login attempt; returns its id."""
    values = {"username": username, "remote": remote, "at": at, "success": success}
    return int(conn.execute(sa.insert(login_attempts).values(**values)).inserted_primary_key[0])


def attempt_succeeded(conn: Connection, attempt_id: int) -> None:
    a = login_attempts
    conn.execute(sa.update(a).where(a.c.id == attempt_id).values(success=True))


def delete_attempt(conn: Connection, attempt_id: int) -> None:
    conn.execute(sa.delete(login_attempts).where(login_attempts.c.id == attempt_id))


def last_success(
    conn: Connection, username: str, *, remote: str | None = None, both: bool = False
) -> datetime | None:
    """The last good login of ``username`` (with ``both``: from ``remote``)."""
    a = login_attempts.c
    which = [a.username == username, a.success.is_(True)]
    if both:
        which.append(a.remote.is_(None) if remote is None else a.remote == remote)
    return conn.scalar(sa.select(sa.func.max(a.at)).where(*which))


def failures(
    conn: Connection,
    since: datetime,
    *,
    username: str | None = None,
    remote: str | None = None,
    both: bool = False,
    exclude: int | None = None,
) -> tuple[int, datetime | None]:
    """(count, latest time) of failed or unsettled attempts after ``since``, of one
    username, one remote address, or (``both``) one username from one address (an
    unknown address counts as one address), leaving out the attempt ``exclude``."""
    a = login_attempts.c
    if both:
        from_remote = a.remote.is_(None) if remote is None else a.remote == remote
        which = [a.username == username, from_remote]
    elif username is not None:
        which = [a.username == username]
    else:
        which = [a.remote == remote]
    others = [a.id != exclude] if exclude is not None else []
    found = conn.execute(
        sa.select(sa.func.count(), sa.func.max(a.at)).where(
            *which, a.success.is_(False), a.at > since, *others
        )
    ).one()
    return int(found[0]), found[1]


def known_address(conn: Connection, username: str, remote: str | None, since: datetime) -> bool:
    """Whether ``username`` logged in successfully from ``remote`` after ``since``."""
    if remote is None:
        return False
    a = login_attempts.c
    query = (
        sa.select(a.id)
        .where(a.username == username, a.remote == remote, a.success.is_(True), a.at > since)
        .limit(1)
    )
    return conn.scalar(query) is not None


def lock(conn: Connection, key: str) -> None:
    """Serialise transactions about ``key`` until this one ends: a PostgreSQL advisory
    lock; SQLite serialises writing transactions anyway."""
    if conn.dialect.name == "postgresql":
        number = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big", signed=True)
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(number)))
