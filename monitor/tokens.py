"""Personal API tokens: ``Authorization: Bearer <token>`` on ``/api/v1/*``.

A beheerder (Beheer page, ``monitor user token``) or the user makes one; it is shown
once and only its SHA-256 is stored (a token is 240 random bits, so a fast hash is
enough: nobody can guess one to match). A request with a token acts as its user, with
the user's role at that moment; a disabled account's tokens stop working (and work again
when it is enabled), a removed account's are gone. Revoking deletes the token. Creating
and revoking land in the audit log.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

import pandas as pd

from monitor import audit, users
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.store import Store, accounts, now
from monitor.store import credentials as sql

#: Every token starts with this, so that a leaked one is recognisable (secret scanners).
PREFIX = "bm_"
#: ``last_used_at`` is written at most this often.
TOUCH_EVERY = timedelta(minutes=1)
MAX_NAME = 80


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create(store: Store, username: str, name: str, *, actor: str) -> tuple[int, str]:
    """A new token for ``username``, called ``name``: (its id, the token). The token is
    not kept: show it once."""
    label = (name or "").strip()[:MAX_NAME] or "token"
    token = PREFIX + secrets.token_urlsafe(30)
    with store.begin() as conn:
        row = accounts.find(conn, users.normalise_username(username))
        if row is None:
            raise MonitorError(t("user.unknown", name=username))
        token_id = sql.add_token(
            conn,
            user_id=row.id,
            name=label,
            token_hash=_hash(token),
            prefix=token[:10],
            created_at=now(),
            created_by=actor[:120],
        )
        detail = {"token": token_id, "naam": label}
        audit.record(store, actor, "token.add", row.username, detail, conn=conn)
    return token_id, token


def resolve(store: Store, token: str, at: datetime | None = None) -> users.Account | None:
    """The account a token acts for; None for an unknown, revoked or disabled one."""
    if not token or not token.startswith(PREFIX) or len(token) > 200:
        return None
    at = at or now()
    with store.engine.connect() as conn:
        row = sql.find_token(conn, _hash(token))
    if row is None or row.disabled:
        return None
    last = row.last_used_at
    if last is None or at - users._aware(last) >= TOUCH_EVERY:
        with store.begin() as conn:
            sql.token_used(conn, row.token_id, at)
    return users.account_of(row)


def revoke(store: Store, token_id: int, *, actor: str, owner: str | None = None) -> str:
    """Delete a token; returns its user's name. With ``owner``, only that user's token
    (a user revoking their own)."""
    with store.begin() as conn:
        username = sql.token_owner(conn, token_id)
        if username is None or (owner is not None and username != owner):
            raise MonitorError(t("token.unknown", id=token_id))
        sql.delete_token(conn, token_id)
        audit.record(store, actor, "token.revoke", username, {"token": token_id}, conn=conn)
    return username


def frame(store: Store, username: str | None = None) -> pd.DataFrame:
    """Tokens without their hashes: id, username, name, prefix, created_at, created_by,
    last_used_at."""
    name = users.normalise_username(username) if username is not None else None
    with store.engine.connect() as conn:
        return sql.token_listing(conn, name)
