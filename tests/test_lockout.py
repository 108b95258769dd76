"""The login rate limit per (account, address), per address, and the account's ceiling
that does not lock the owner out. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from monitor import users
from monitor.store import Store, login_attempts
from tests.support import TEST_PASSWORD

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(backend: Store) -> Store:
    users.add(backend, "admin", TEST_PASSWORD, "beheerder", actor="test")
    return backend


def fail(store: Store, remote: str | None, at: datetime, name: str = "admin") -> None:
    assert users.authenticate(store, name, "verkeerd wachtwoord", remote, at=at).account is None


def failures(store: Store, network: str, start: datetime, count: int) -> None:
    """``count`` failed attempts for admin, one a second, each from its own address (as
    ``authenticate`` records them; argon2 for each would only make the test slow)."""
    rows = [
        {
            "username": "admin",
            "remote": f"{network}.{i}",
            "at": start + timedelta(seconds=i),
            "success": False,
        }
        for i in range(count)
    ]
    with store.begin() as conn:
        conn.execute(sa.insert(login_attempts), rows)


def test_a_guesser_cannot_lock_the_owner_out_from_another_address(store: Store) -> None:
    """Today's main: five wrong passwords from anywhere locked ``admin`` for everyone, and
    about one request per fifteen minutes kept it locked."""
    for i in range(users.FAIL_LIMIT):
        fail(store, "203.0.113.66", T0 + timedelta(seconds=i))
    at = T0 + timedelta(seconds=5)
    assert users.login_wait(store, "admin", "203.0.113.66", at=at) == 29  # the guesser waits
    owner = users.authenticate(store, "admin", TEST_PASSWORD, "10.1.2.3", at=at)
    assert owner.account is not None and owner.wait_seconds == 0
    # The guesser keeps going, slower and slower; the owner logs in whenever.
    moment = at
    for _ in range(6):
        moment += timedelta(seconds=users.login_wait(store, "admin", "203.0.113.66", at=moment) + 1)
        fail(store, "203.0.113.66", moment)
    assert users.login_wait(store, "admin", "203.0.113.66", at=moment) == 900  # capped: 15 min
    assert users.authenticate(store, "admin", TEST_PASSWORD, "10.1.2.3", at=moment).account


def test_the_ceiling_slows_many_addresses_but_not_a_known_one(store: Store) -> None:
    """Fifty failures from fifty addresses (under each address's limit) reach the
    account's ceiling: new addresses wait, the owner's known address does not."""
    assert users.authenticate(store, "admin", TEST_PASSWORD, "10.1.2.3", at=T0).account
    start = T0 + timedelta(minutes=1)
    failures(store, "198.51.100", start, users.ACCOUNT_FAIL_LIMIT - 1)
    at = start + timedelta(seconds=users.ACCOUNT_FAIL_LIMIT - 1)
    assert users.login_wait(store, "admin", "192.0.2.200", at=at) == 0  # just under
    fail(store, "198.51.100.250", at)
    later = at + timedelta(seconds=1)
    assert users.login_wait(store, "admin", "192.0.2.200", at=later) == 29  # a new address
    refused = users.authenticate(store, "admin", TEST_PASSWORD, "192.0.2.200", at=later)
    assert refused.account is None and refused.wait_seconds == 29
    # The owner's address (a good login within KNOWN_FOR) is not held by the ceiling.
    assert users.login_wait(store, "admin", "10.1.2.3", at=later) == 0
    owner = users.authenticate(store, "admin", TEST_PASSWORD, "10.1.2.3", at=later)
    assert owner.account is not None
    # An address known long ago is no longer known.
    old = later + users.KNOWN_FOR + timedelta(days=1)
    failures(store, "198.51.101", old, users.ACCOUNT_FAIL_LIMIT)
    after = old + timedelta(seconds=users.ACCOUNT_FAIL_LIMIT)
    assert users.login_wait(store, "admin", "10.1.2.3", at=after) == 29


def test_the_address_limit_counts_every_username(store: Store) -> None:
    for i in range(users.REMOTE_FAIL_LIMIT):
        fail(store, "192.0.2.7", T0 + timedelta(seconds=i), name=f"naam{i}")
    at = T0 + timedelta(seconds=users.REMOTE_FAIL_LIMIT)
    assert users.login_wait(store, "admin", "192.0.2.7", at=at) == 29
    assert users.login_wait(store, "admin", "192.0.2.8", at=at) == 0


def test_the_lockout_over_http_holds_per_address(store: Store, tmp_path, monkeypatch) -> None:
    """Through the login form: five failures from one address give 429 there, while the
    owner logs in from another address."""
    from tests.test_sessions import log_in, make_server

    monkeypatch.setenv("MONITOR_PUBLIC_READ", "0")
    server = make_server(store, tmp_path)
    guesser = server.test_client()
    guesser.environ_base["REMOTE_ADDR"] = "203.0.113.66"
    for _ in range(users.FAIL_LIMIT):
        assert log_in(guesser, "admin", "verkeerd wachtwoord").status_code == 401
    assert log_in(guesser, "admin").status_code == 429
    owner = server.test_client()
    owner.environ_base["REMOTE_ADDR"] = "10.1.2.3"
    assert log_in(owner, "admin").status_code == 302
    assert owner.get("/wie").get_data(as_text=True) == "admin"
