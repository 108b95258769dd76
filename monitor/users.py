"""Accounts: add, remove, change password or role, verify a login, and slow down guessing.

Passwords are stored only as argon2id hashes (argon2-cffi); the store never holds a
plain password, and a new one must pass ``monitor.passwords`` (zxcvbn). Every login
attempt is kept in ``login_attempts`` so that rate limiting counts across all app
instances and survives a restart. Three limits, each making further attempts wait (twice
as long after every new failure):

- five wrong passwords for one username *from one address* (reset by a good login from
  there): a guesser elsewhere cannot lock the owner out;
- twenty from one address, whatever the usernames (one address guessing many names);
- a ceiling of fifty for one username from all addresses together (a guesser with many
  addresses), which holds only for addresses the account never logged in from: the
  owner, coming from an address they used before, is not locked out.

Changing the password or the role, disabling and removing an account end every session
of it (``monitor.sessions``). Every change and every login lands in the audit log.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pandas as pd
import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from monitor import audit, passwords
from monitor.access import ROLES
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.store import Store, accounts, now
from monitor.store import audit as audit_sql
from monitor.store import credentials as sessions_sql

#: Lower case letters, digits and ``. _ @ -`` (an e-mail address fits, for single sign-on).
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{0,119}$")
MIN_PASSWORD = passwords.MIN_LENGTH
MAX_PASSWORD = passwords.MAX_LENGTH
#: Wrong passwords for one username from one address before attempts from that address
#: slow down (reset by a good login).
FAIL_LIMIT = 5
#: Wrong passwords for one username from all addresses together before attempts from
#: addresses the account never logged in from slow down (reset by a good login).
ACCOUNT_FAIL_LIMIT = 50
#: An address the account logged in from within this time is known: the ceiling above
#: does not hold for it.
KNOWN_FOR = timedelta(days=90)
#: Wrong passwords from one remote address (an office behind one NAT address has many
#: users, so this is higher; a good login does not reset it).
REMOTE_FAIL_LIMIT = 20
#: Failures older than this no longer count.
WINDOW = timedelta(hours=1)
#: Wait after the limit is reached; doubles with every further failure, up to MAX_DELAY.
FIRST_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(minutes=15)

_hasher = PasswordHasher()  # argon2id, RFC 9106 low-memory parameters
#: Verified against when the username does not exist, so both take as long.
_DUMMY_HASH = _hasher.hash("not a password of anyone")


@dataclass(frozen=True)
class Account:
    """One user as the web app sees it (the hash stays in the store)."""

    username: str
    role: str
    display_name: str | None
    disabled: bool
    #: Changes whenever the password changes; binds sessions to the current password.
    fingerprint: str


@dataclass(frozen=True)
class LoginResult:
    """The outcome of a login attempt: the account, or how long to wait, or neither."""

    account: Account | None
    wait_seconds: float = 0.0


def normalise_username(name: str) -> str:
    """Usernames are case-insensitive: stored and compared in lower case."""
    return (name or "").strip().lower()


def valid_username(name: str) -> str:
    username = normalise_username(name)
    if not USERNAME.match(username):
        raise MonitorError(t("user.invalid_name", name=name))
    return username


def valid_role(role: str) -> str:
    if role not in ROLES:
        raise MonitorError(t("user.unknown_role", role=role, roles=", ".join(ROLES)))
    return role


def check_password(password: str, username: str = "", display_name: str | None = None) -> None:
    """A password must be long and hard to guess (NIST SP 800-63B: no composition rules,
    but no common, trivial or personal passwords): see ``monitor.passwords``."""
    passwords.check(password, [username, display_name or ""])


def generate_password() -> str:
    """A random password for a new account or a reset (16 characters, about 96 bits)."""
    return secrets.token_urlsafe(12)


def _fingerprint(password_hash: str | None) -> str:
    return hashlib.sha256((password_hash or "").encode()).hexdigest()[:16]


def account_of(row: sa.Row) -> Account:
    return Account(
        username=row.username,
        role=row.role,
        display_name=row.display_name,
        disabled=bool(row.disabled),
        fingerprint=_fingerprint(row.password_hash),
    )


def get(store: Store, username: str) -> Account | None:
    """The account, or None when there is none by that name."""
    with store.engine.connect() as conn:
        row = accounts.find(conn, normalise_username(username))
    return account_of(row) if row else None


def frame(store: Store) -> pd.DataFrame:
    """All accounts without their hashes: username, role, display_name, disabled,
    created_at, last_login_at."""
    with store.engine.connect() as conn:
        return accounts.listing(conn)


def count(store: Store) -> int:
    with store.engine.connect() as conn:
        return accounts.count(conn)


def add(
    store: Store,
    username: str,
    password: str,
    role: str,
    *,
    actor: str,
    display_name: str | None = None,
) -> Account:
    """Create an account; the password is hashed before it reaches the store."""
    name = valid_username(username)
    valid_role(role)
    check_password(password, name, display_name)
    hashed = _hasher.hash(password)
    with store.begin() as conn:
        if accounts.find(conn, name) is not None:
            raise MonitorError(t("user.exists", name=name))
        accounts.insert(
            conn,
            username=name,
            password_hash=hashed,
            role=role,
            display_name=display_name,
            disabled=False,
            created_at=now(),
        )
        audit.record(store, actor, "user.add", name, {"rol": role}, conn=conn)
    account = get(store, name)
    assert account is not None
    return account


def _existing(conn: sa.Connection, username: str) -> sa.Row:
    row = accounts.find(conn, normalise_username(username))
    if row is None:
        raise MonitorError(t("user.unknown", name=username))
    return row


def _keep_one_admin(conn: sa.Connection, username: str) -> None:
    """Refuse a change that would leave nobody who can manage users."""
    if not accounts.other_admins(conn, username):
        raise MonitorError(t("user.last_admin", name=username))


def remove(store: Store, username: str, *, actor: str) -> None:
    with store.begin() as conn:
        row = _existing(conn, username)
        if row.role == "beheerder":
            _keep_one_admin(conn, row.username)
        sessions_sql.delete_sessions_of(conn, row.id)
        sessions_sql.delete_tokens_of(conn, row.id)
        accounts.delete(conn, row.id)
        audit.record(store, actor, "user.remove", row.username, {"rol": row.role}, conn=conn)


def set_password(store: Store, username: str, password: str, *, actor: str) -> None:
    """A new password; every session of the account ends."""
    with store.engine.connect() as conn:
        row = _existing(conn, username)
    check_password(password, row.username, row.display_name)
    hashed = _hasher.hash(password)
    with store.begin() as conn:
        row = _existing(conn, username)
        accounts.update(conn, row.id, password_hash=hashed)
        sessions_sql.delete_sessions_of(conn, row.id)
        audit.record(store, actor, "user.passwd", row.username, conn=conn)


def set_role(store: Store, username: str, role: str, *, actor: str) -> None:
    valid_role(role)
    with store.begin() as conn:
        row = _existing(conn, username)
        if row.role == role:
            return
        if row.role == "beheerder":
            _keep_one_admin(conn, row.username)
        accounts.update(conn, row.id, role=role)
        sessions_sql.delete_sessions_of(conn, row.id)
        audit.record(
            store, actor, "user.role", row.username, {"oud": row.role, "nieuw": role}, conn=conn
        )


def set_disabled(store: Store, username: str, disabled: bool, *, actor: str) -> None:
    """Disable an account (it cannot log in, its sessions end, its API tokens stop
    working) or enable it again. The last enabled beheerder cannot be disabled."""
    with store.begin() as conn:
        row = _existing(conn, username)
        if bool(row.disabled) == disabled:
            return
        if disabled and row.role == "beheerder":
            _keep_one_admin(conn, row.username)
        accounts.update(conn, row.id, disabled=disabled)
        if disabled:
            sessions_sql.delete_sessions_of(conn, row.id)
        action = "user.disable" if disabled else "user.enable"
        audit.record(store, actor, action, row.username, conn=conn)


def ensure_admin(store: Store, *, actor: str, username: str = "admin") -> str | None:
    """When the store has no account at all, create a ``beheerder`` with a random password
    and return that password (to be shown once); otherwise do nothing and return None."""
    if count(store):
        return None
    password = generate_password()
    add(store, username, password, "beheerder", actor=actor)
    return password


# -- login and rate limiting ---------------------------------------------------------


def _aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; everything we write is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _delay(failures: int, limit: int) -> timedelta:
    if failures < limit:
        return timedelta(0)
    return min(FIRST_DELAY * 2 ** (failures - limit), MAX_DELAY)


def _wait(
    conn: sa.Connection,
    name: str,
    remote: str | None,
    at: datetime,
    exclude: int | None = None,
) -> tuple[float, str]:
    """(seconds to wait, which limit holds: ``gebruiker`` for the username from this
    address, ``adres`` for the address, ``account`` for the username's ceiling), counting
    every failed or still unsettled attempt except ``exclude``."""
    # The username from this address: counted since its last good login from there.
    since = at - WINDOW
    last_good = accounts.last_success(conn, name, remote=remote, both=True)
    if last_good is not None and _aware(last_good) > since:
        since = _aware(last_good)
    pair = accounts.failures(conn, since, username=name, remote=remote, both=True, exclude=exclude)
    nothing: tuple[int, datetime | None] = (0, None)
    by_remote = nothing
    if remote:
        by_remote = accounts.failures(conn, at - WINDOW, remote=remote, exclude=exclude)
    by_name = nothing
    if not accounts.known_address(conn, name, remote, at - KNOWN_FOR):
        # Not reset by a good login: a guesser with many addresses could wait for one.
        by_name = accounts.failures(conn, at - WINDOW, username=name, exclude=exclude)
    wait, by = timedelta(0), "gebruiker"
    for (failures, last), limit, kind in (
        (pair, FAIL_LIMIT, "gebruiker"),
        (by_remote, REMOTE_FAIL_LIMIT, "adres"),
        (by_name, ACCOUNT_FAIL_LIMIT, "account"),
    ):
        delay = _delay(int(failures), limit)
        # Under the limit there is no wait, even when another attempt was written a moment
        # after this one (its later time alone gave a wait of a few milliseconds).
        if delay and last is not None and _aware(last) + delay - at > wait:
            wait, by = _aware(last) + delay - at, kind
    return max(wait.total_seconds(), 0.0), by


def login_wait(
    store: Store, username: str, remote: str | None, at: datetime | None = None
) -> float:
    """Seconds until ``username`` may try again from ``remote`` (0: now)."""
    with store.engine.connect() as conn:
        wait, _by = _wait(conn, normalise_username(username)[:120], remote, at or now())
    return wait


def authenticate(
    store: Store, username: str, password: str, remote: str | None, at: datetime | None = None
) -> LoginResult:
    """Check a login. Refused without looking at the password while the rate limit holds;
    otherwise the attempt is recorded (for the limit) and written to the audit log.

    The attempt is written *before* the limit is checked, as a failure until the password
    proves otherwise, and the check counts every other attempt. Of requests that arrive
    together (any gunicorn worker), the last to be written sees all the others, so
    parallel guesses cannot all slip under the limit: a check-then-record order let each
    of them pass. A refused attempt is taken out again, so waiting is not prolonged.
    """
    at = at or now()
    name = normalise_username(username)[:120]
    remote = remote[:64] if remote else remote  # the column's length
    with store.begin() as conn:
        attempt = accounts.add_attempt(conn, name, remote, at, success=False)
    with store.engine.connect() as conn:
        wait, by = _wait(conn, name, remote, at, exclude=attempt)
    if wait > 0:
        _refuse(store, attempt, name, remote, at, round(wait), by)
        return LoginResult(None, wait)
    with store.engine.connect() as conn:
        row = accounts.find(conn, name)
    ok, reason = False, "onbekende gebruiker"
    try:
        if row is None or not row.password_hash:
            _hasher.verify(_DUMMY_HASH, password or "-")  # same cost as a real check
        else:
            ok = _hasher.verify(row.password_hash, password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        ok, reason = False, "verkeerd wachtwoord" if row is not None else reason
    if ok and row is not None and row.disabled:
        ok, reason = False, "account uitgeschakeld"
    with store.begin() as conn:
        if ok and row is not None:
            accounts.attempt_succeeded(conn, attempt)
            values: dict[str, object] = {"last_login_at": at}
            if _hasher.check_needs_rehash(row.password_hash):
                values["password_hash"] = _hasher.hash(password)
            accounts.update(conn, row.id, **values)
        detail = {"remote": remote} if ok else {"remote": remote, "reden": reason}
        action = "login.success" if ok else "login.failure"
        audit.record(store, name, action, name, detail, conn=conn, at=at)
    if not ok or row is None:
        return LoginResult(None, 0.0)
    return LoginResult(get(store, name))


def _refuse(
    store: Store, attempt: int, name: str, remote: str | None, at: datetime, wait: int, by: str
) -> None:
    """Take the refused attempt out again and write ``login.blocked`` once per wait: only
    when the username (or, when the address limit holds, the address) has no such line
    since its last checked failure, which is what began the wait. Hammering a blocked
    login cannot flood the audit log."""
    lock = f"login.blocked|{by}|{remote if by == 'adres' else name}"
    with store.begin() as conn:
        # Writing first makes SQLite serialise these transactions; PostgreSQL takes a lock
        # per key. Either way the check below sees the line another worker just wrote.
        accounts.delete_attempt(conn, attempt)
        accounts.lock(conn, lock)
        if not audit_sql.blocked_written(conn, by, name, remote, at - WINDOW):
            detail = {"remote": remote, "wacht_s": wait, "grens": by}
            audit.record(store, name, "login.blocked", name, detail, conn=conn, at=at)


# -- single sign-on ------------------------------------------------------------------------

#: The actor of the account changes a single sign-on login makes (creation, a new role).
SSO_ACTOR = "sso"


class SsoRefused(MonitorError):
    """A single sign-on login the store will not accept. ``code`` picks the message on the
    login page (see ``web.sso.ERRORS``); ``reason`` goes to the audit log."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def sso_login(
    store: Store,
    username: str,
    role: str,
    *,
    display_name: str | None = None,
    remote: str | None = None,
    link_local: bool = False,
    at: datetime | None = None,
) -> Account:
    """The account for a login the identity provider vouched for: found, or created
    without a password, and given ``role`` (from the user's groups) on every login, so
    that taking someone out of a group takes effect at their next login. This holds for
    the last beheerder too: the identity provider decides, not the store.

    An account with a password is a local account. Single sign-on does not take it over,
    because whoever gets an organisation account by that name would own it, unless
    ``link_local`` says the local names are the organisation's. A disabled account stays
    disabled. Refusals raise :class:`SsoRefused`; the caller writes the audit line.
    """
    at = at or now()
    try:
        name = valid_username(username)
    except MonitorError as exc:
        raise SsoRefused("geen_naam", f"gebruikersnaam {username!r} is ongeldig") from exc
    valid_role(role)
    for attempt in range(2):
        try:
            _sso_login(store, name, role, display_name, remote, link_local, at)
            break
        except sa.exc.IntegrityError:
            if attempt:  # pragma: no cover - two first logins of one user at once, twice
                raise
    account = get(store, name)
    assert account is not None
    return account


def _sso_login(
    store: Store,
    name: str,
    role: str,
    display_name: str | None,
    remote: str | None,
    link_local: bool,
    at: datetime,
) -> None:
    with store.begin() as conn:
        row = accounts.find(conn, name)
        if row is None:
            accounts.insert(
                conn,
                username=name,
                password_hash=None,
                role=role,
                display_name=display_name,
                disabled=False,
                created_at=at,
                last_login_at=at,
            )
            audit.record(store, SSO_ACTOR, "user.add", name, {"rol": role}, conn=conn)
        else:
            if row.password_hash and not link_local:
                raise SsoRefused("lokaal", "er bestaat al een account met een wachtwoord")
            if row.disabled:
                raise SsoRefused("uitgeschakeld", "account uitgeschakeld")
            values: dict[str, object] = {"last_login_at": at}
            if display_name and display_name != row.display_name:
                values["display_name"] = display_name
            if row.role != role:
                values["role"] = role
                detail = {"oud": row.role, "nieuw": role}
                audit.record(store, SSO_ACTOR, "user.role", name, detail, conn=conn)
            accounts.update(conn, row.id, **values)
        # A good login, as with a password (it resets the username's failure count).
        accounts.add_attempt(conn, name, remote, at, success=True)
        audit.record(store, name, "login.sso", name, {"remote": remote, "rol": role}, conn=conn)
