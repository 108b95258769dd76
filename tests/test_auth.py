"""Accounts, login, sessions and safety: hashing, rate limiting, CSRF, cookies, headers,
the CLI, the audit log, and the whole flow in headless Chromium and under gunicorn."""

from __future__ import annotations

import csv
import getpass
import io
import json
import stat
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import sqlalchemy as sa
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import web as auth
from monitor import audit, demo, users
from monitor.config import get_settings
from monitor.errors import MonitorError
from monitor.store import Store, audit_log, login_attempts, now
from monitor.store import users as users_table
from tests.support import (
    SCREENSHOTS,
    TEST_PASSWORD,
    app_server,
    browser_page,
    create_user,
    csrf_header,
    demo_database,
    gunicorn_server,
    http_session,
    login,
    login_form_token,
    post_callback,
)

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(backend: Store) -> Store:
    """Here ``store`` is conftest's ``backend`` (SQLite and PostgreSQL), not its SQLite-only
    ``store``: accounts, the rate limit and the audit log run on both, and PostgreSQL is
    stricter (column lengths, concurrent transactions)."""
    return backend


def _actions(store: Store) -> list[tuple[str, str, str]]:
    """(actor, action, target) of every audit line, oldest first."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(audit_log.c.actor, audit_log.c.action, audit_log.c.target).order_by(
                audit_log.c.id
            )
        ).all()
    return [tuple(r) for r in rows]


# -- accounts ----------------------------------------------------------------------------


def test_the_store_never_holds_a_plain_password(store: Store) -> None:
    users.add(store, "Anna", "een lang geheim 42", "analist", actor="test")
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(users_table)).one()
        dump = " ".join(str(v) for v in row) + str(conn.execute(sa.select(audit_log)).all())
    assert "een lang geheim 42" not in dump
    assert row.username == "anna"  # case-insensitive names
    assert row.password_hash.startswith("$argon2id$")
    ok = users.authenticate(store, "ANNA", "een lang geheim 42", "10.0.0.1", at=T0)
    assert ok.account is not None and ok.account.role == "analist"
    assert (
        users.authenticate(store, "anna", "een lang geheim 43", "10.0.0.1", at=T0).account is None
    )
    with store.engine.connect() as conn:
        attempts = conn.execute(sa.select(login_attempts.c.success)).scalars().all()
    assert attempts == [True, False]
    assert [a for _, a, _ in _actions(store)] == ["user.add", "login.success", "login.failure"]


def test_account_rules(store: Store) -> None:
    users.add(store, "beheer", "beheerder-wachtwoord", "beheerder", actor="test")
    with pytest.raises(MonitorError, match="minstens 10 tekens"):
        users.add(store, "kort", "123456789", "lezer", actor="test")
    with pytest.raises(MonitorError, match="ongeldig"):
        users.add(store, "<script>", "lang genoeg wachtwoord", "lezer", actor="test")
    with pytest.raises(MonitorError, match="Rol 'baas' bestaat niet"):
        users.add(store, "piet", "lang genoeg wachtwoord", "baas", actor="test")
    with pytest.raises(MonitorError, match="bestaat al"):
        users.add(store, "BEHEER", "lang genoeg wachtwoord", "lezer", actor="test")
    # Nobody can remove or demote the last beheerder.
    with pytest.raises(MonitorError, match="laatste beheerder"):
        users.remove(store, "beheer", actor="test")
    with pytest.raises(MonitorError, match="laatste beheerder"):
        users.set_role(store, "beheer", "analist", actor="test")
    users.add(store, "tweede", "lang genoeg wachtwoord", "beheerder", actor="test")
    users.set_role(store, "beheer", "analist", actor="tweede")
    users.remove(store, "beheer", actor="tweede")
    assert users.frame(store)["username"].tolist() == ["tweede"]
    assert "password_hash" not in users.frame(store).columns
    assert _actions(store)[-2:] == [
        ("tweede", "user.role", "beheer"),
        ("tweede", "user.remove", "beheer"),
    ]


def test_a_new_password_ends_old_sessions(store: Store) -> None:
    before = users.add(store, "anna", "eerste wachtwoord", "analist", actor="test")
    users.set_password(store, "anna", "tweede wachtwoord", actor="anna")
    after = users.get(store, "anna")
    assert after is not None and after.fingerprint != before.fingerprint
    assert users.authenticate(store, "anna", "eerste wachtwoord", None, at=T0).account is None
    assert users.authenticate(store, "anna", "tweede wachtwoord", None, at=T0).account is not None


def test_ensure_admin_only_on_an_empty_store(store: Store) -> None:
    password = users.ensure_admin(store, actor="make run")
    assert password is not None and len(password) == 16
    assert users.authenticate(store, "admin", password, None, at=T0).account.role == "beheerder"
    assert users.ensure_admin(store, actor="make run") is None


# -- rate limiting -----------------------------------------------------------------------


def _fail(store: Store, name: str, at: datetime, remote: str = "10.0.0.1") -> None:
    assert users.authenticate(store, name, "verkeerd wachtwoord", remote, at=at).account is None


def test_five_wrong_passwords_slow_down_further_attempts(store: Store) -> None:
    """Five failures for one username from one address slow that address down for that
    username; the owner elsewhere is not locked out (see ``test_lockout.py``)."""
    users.add(store, "anna", TEST_PASSWORD, "analist", actor="test")
    for i in range(4):
        _fail(store, "anna", T0 + timedelta(seconds=i))
    assert users.login_wait(store, "anna", "10.0.0.1", at=T0 + timedelta(seconds=4)) == 0
    _fail(store, "anna", T0 + timedelta(seconds=4))  # the fifth: 30 s from now on
    at = T0 + timedelta(seconds=5)
    assert users.login_wait(store, "anna", "10.0.0.1", at=at) == 29
    assert users.login_wait(store, "anna", "10.0.0.2", at=at) == 0  # another address
    blocked = users.authenticate(store, "anna", TEST_PASSWORD, "10.0.0.1", at=at)
    assert blocked.account is None and blocked.wait_seconds == 29  # right password, refused
    # Not recorded as an attempt (it would prolong the wait), but audited.
    assert _actions(store)[-1] == ("anna", "login.blocked", "anna")
    later = T0 + timedelta(seconds=34)
    _fail(store, "anna", later)  # the sixth failure: 60 s
    assert users.login_wait(store, "anna", "10.0.0.1", at=later) == 60
    ok = users.authenticate(
        store, "anna", TEST_PASSWORD, "10.0.0.1", at=later + timedelta(seconds=60)
    )
    assert ok.account is not None
    # A good login resets the count for the username.
    _fail(store, "anna", later + timedelta(seconds=61))
    assert users.login_wait(store, "anna", "10.0.0.1", at=later + timedelta(seconds=62)) == 0


def test_failures_from_one_address_slow_down_every_username(store: Store) -> None:
    users.add(store, "anna", TEST_PASSWORD, "analist", actor="test")
    for i in range(users.REMOTE_FAIL_LIMIT):  # one guess each at twenty usernames
        _fail(store, f"gebruiker{i}", T0 + timedelta(seconds=i), remote="192.0.2.7")
    at = T0 + timedelta(seconds=20)
    assert users.login_wait(store, "anna", "192.0.2.7", at=at) == 29
    assert users.authenticate(store, "anna", TEST_PASSWORD, "192.0.2.7", at=at).account is None
    assert users.authenticate(store, "anna", TEST_PASSWORD, "192.0.2.8", at=at).account is not None
    # Failures older than the window no longer count.
    assert users.login_wait(store, "anna", "192.0.2.7", at=T0 + timedelta(hours=1, seconds=20)) == 0


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(failures=st.integers(min_value=0, max_value=14))
def test_the_wait_doubles_per_failure_up_to_fifteen_minutes(store: Store, failures: int) -> None:
    """Right after the n-th failure: 0 below five, then 30 s · 2^(n−5), at most 900 s."""
    name = f"u{failures}-{time.monotonic_ns()}"
    rows = [
        {"username": name, "remote": None, "at": T0 + timedelta(seconds=i), "success": False}
        for i in range(failures)
    ]
    if rows:
        with store.begin() as conn:
            conn.execute(sa.insert(login_attempts), rows)
    at = T0 + timedelta(seconds=max(failures - 1, 0))
    expected = 0 if failures < 5 else min(30 * 2 ** (failures - 5), 900)
    assert users.login_wait(store, name, None, at=at) == expected


def _rows(store: Store, table: sa.Table, *where: Any) -> list[sa.Row]:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(table).where(*where).order_by(table.c.id)).all()


def _together(count: int, work: Any) -> list[Any]:
    """Run ``work(i)`` in ``count`` threads released at the same moment; their results."""
    start = threading.Barrier(count)
    results: list[Any] = [None] * count
    errors: list[BaseException] = []

    def run(i: int) -> None:
        start.wait()
        try:
            results[i] = work(i)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results


def test_parallel_guesses_cannot_pass_the_limit_together(store: Store) -> None:
    """Four failures, then twelve guesses at once from the same address (as through many
    gunicorn workers): at most
    one of them is checked (the fifth failure); the others are refused unchecked. Checking
    the limit before recording the attempt let all twelve through."""
    users.add(store, "anna", TEST_PASSWORD, "analist", actor="test")
    for _ in range(users.FAIL_LIMIT - 1):
        _fail(store, "anna", now(), remote="10.0.0.1")
    results = _together(
        12, lambda i: users.authenticate(store, "anna", f"gok nummer {i}", "10.0.0.1")
    )
    assert all(r.account is None for r in results)
    failures = _rows(store, login_attempts, login_attempts.c.success.is_(False))
    assert users.FAIL_LIMIT - 1 <= len(failures) <= users.FAIL_LIMIT
    checked = [a for _, a, _ in _actions(store)].count("login.failure")
    assert checked == len(failures)
    assert sum(r.wait_seconds > 0 for r in results) == 12 - (checked - (users.FAIL_LIMIT - 1))
    # Refused attempts are not kept: they would prolong the wait.
    assert len(_rows(store, login_attempts)) == len(failures)
    # At most one login.blocked line per wait, that is between two checked failures (the
    # unchecked guesses also wait for the one being checked; its failure begins a new wait).
    actions = " ".join(a for _, a, _ in _actions(store) if a.startswith("login."))
    assert all(part.count("login.blocked") <= 1 for part in actions.split("login.failure"))


def test_parallel_logins_of_different_users_all_succeed(store: Store) -> None:
    """The claim-first order costs nothing to users who do not guess."""
    for i in range(6):
        users.add(store, f"gebruiker{i}", TEST_PASSWORD, "lezer", actor="test")
    results = _together(
        6, lambda i: users.authenticate(store, f"gebruiker{i}", TEST_PASSWORD, f"10.0.2.{i}")
    )
    assert [r.account.username for r in results] == [f"gebruiker{i}" for i in range(6)]
    assert [r.success for r in _rows(store, login_attempts)] == [True] * 6


def test_a_blocked_login_is_audited_once_per_wait(store: Store) -> None:
    """Hammering a blocked login writes one ``login.blocked`` line per wait, per username
    or, when the address limit holds, per address; a new wait gets a new line."""
    users.add(store, "anna", TEST_PASSWORD, "analist", actor="test")
    for i in range(users.FAIL_LIMIT):
        _fail(store, "anna", T0 + timedelta(seconds=i))
    for i in range(30):  # within the 30 s wait
        at = T0 + timedelta(seconds=5 + i * 0.9)
        assert users.authenticate(store, "anna", TEST_PASSWORD, "10.0.0.1", at=at).wait_seconds
    blocked = _rows(store, audit_log, audit_log.c.action == "login.blocked")
    assert [(b.actor, b.target) for b in blocked] == [("anna", "anna")]
    assert json.loads(blocked[0].detail) == {
        "remote": "10.0.0.1",
        "wacht_s": 29,
        "grens": "gebruiker",
    }
    # The wait is over: one more failure, a 60 s wait, and one more line.
    _fail(store, "anna", T0 + timedelta(seconds=40))
    for i in range(10):
        at = T0 + timedelta(seconds=41 + i)
        assert users.authenticate(store, "anna", TEST_PASSWORD, "10.0.0.1", at=at).wait_seconds
    assert len(_rows(store, audit_log, audit_log.c.action == "login.blocked")) == 2

    # One address guessing many usernames: one line for the address, not one per name.
    for i in range(users.REMOTE_FAIL_LIMIT):
        _fail(store, f"naam{i}", T0 + timedelta(seconds=100 + i), remote="192.0.2.9")
    for i in range(25):
        at = T0 + timedelta(seconds=121 + i)
        refused = users.authenticate(store, f"ander{i}", "geraden", "192.0.2.9", at=at)
        assert refused.wait_seconds > 0
    lines = _rows(store, audit_log, audit_log.c.action == "login.blocked")
    assert len(lines) == 3 and json.loads(lines[-1].detail)["grens"] == "adres"


def test_audit_fits_actor_and_target_to_their_columns(store: Store) -> None:
    """An actor or target longer than its column (a single sign-on claim, a file name) is
    cut to fit: PostgreSQL would refuse it, and the change it belongs to with it."""
    actor, target = "a" * 500, "b" * 1000
    with store.begin() as conn:
        audit.record(store, actor, "upload.check", target, {"x": 1}, conn=conn)
    audit.record(store, "ü" * 121, "x" * 80, None)  # type: ignore[arg-type]
    rows = _rows(store, audit_log)
    assert [(len(r.actor), len(r.target)) for r in rows] == [(120, 300), (120, 0)]
    assert rows[0].actor == "a" * 120 and rows[1].actor == "ü" * 120
    assert rows[1].action == "x" * 60
    # A login with an overlong name and address is recorded, cut to the columns.
    assert users.authenticate(store, "n" * 300, "fout", "f" * 100).account is None
    attempt = _rows(store, login_attempts)[-1]
    assert len(attempt.username) == 120 and len(attempt.remote) == 64


def test_audit_times_in_amsterdam_time(store: Store) -> None:
    """Stored in UTC, shown in Amsterdam time with the zone (CET in winter, CEST in
    summer), exported as ISO 8601 with the offset."""
    from layouts.beheer import _when

    winter = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
    summer = datetime(2025, 7, 1, 22, 30, tzinfo=UTC)
    audit.record(store, "anna", "upload.check", "w.csv", at=winter)
    audit.record(store, "anna", "upload.check", "z.csv", at=summer)
    rows = list(csv.reader(io.StringIO(audit.to_csv(store)), delimiter=";"))
    assert [r[1] for r in rows[1:]] == ["2025-03-01T10:00:00+01:00", "2025-07-02T00:30:00+02:00"]
    stored = audit.entries(store).sort_values("id")["at"].tolist()
    assert [_when(v) for v in stored] == ["1 mrt 2025 10:00 CET", "2 jul 2025 00:30 CEST"]
    assert _when(None) == "" and _when(pd.NaT) == ""


# -- configuration and helpers -----------------------------------------------------------


def test_secret_key_is_generated_once_with_mode_600(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("MONITOR_SECRET_KEY", raising=False)
    monkeypatch.setenv("MONITOR_DATA_DIR", str(tmp_path / "data"))
    first = auth.secret_key(get_settings())
    path = tmp_path / "data" / "secret_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(first) == 64 and auth.secret_key(get_settings()) == first
    assert list(path.parent.iterdir()) == [path]  # no temp files left behind
    monkeypatch.setenv("MONITOR_SECRET_KEY", "uit-de-omgeving")
    assert auth.secret_key(get_settings()) == "uit-de-omgeving"


def test_settings_defaults(monkeypatch) -> None:
    for name in ("MONITOR_PUBLIC_READ", "MONITOR_COOKIE_SECURE", "MONITOR_SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    defaults = get_settings()
    assert defaults.public_read is False and defaults.cookie_secure is True
    assert defaults.session_hours == 8 and defaults.secret_key is None
    monkeypatch.setenv("MONITOR_PUBLIC_READ", "ja")
    monkeypatch.setenv("MONITOR_COOKIE_SECURE", "0")
    assert get_settings().public_read is True and get_settings().cookie_secure is False


def test_content_security_policy() -> None:
    pdok = "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/grijs/EPSG:3857/{z}/{x}/{y}.png"
    assert auth.tile_source(pdok) == "https://service.pdok.nl"
    assert auth.tile_source("https://{s}.tile.osm.org/{z}/{x}/{y}.png") == "https://*.tile.osm.org"
    assert auth.tile_source("") is None
    policy = auth.content_security_policy(["'sha256-abc='"], pdok)
    directives = dict(part.split(" ", 1) for part in policy.split("; "))
    assert directives["script-src"] == "'self' 'sha256-abc='"
    assert directives["img-src"] == "'self' data: https://service.pdok.nl"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-eval" not in policy
    no_tiles = auth.content_security_policy([], "")
    assert "img-src 'self' data:;" in no_tiles


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/upload?lang=en", "/upload?lang=en"),
        (None, "/"),
        ("https://kwaad.example/", "/"),
        ("//kwaad.example/", "/"),
        ("/\\kwaad.example", "/"),
        ("javascript:alert(1)", "/"),
        ("/login?next=/", "/"),
    ],
)
def test_after_login_only_local_paths(target: str | None, expected: str) -> None:
    assert auth.safe_next(target) == expected


# -- the Flask glue on a small app -------------------------------------------------------


@pytest.fixture
def bare(tmp_path: Path, monkeypatch) -> Iterator[tuple[Flask, Store]]:
    """``auth.install`` on a plain Flask app with one read view and one analist action."""
    monkeypatch.setenv("MONITOR_PUBLIC_READ", "0")
    store = Store(f"sqlite:///{tmp_path / 'bare.sqlite'}")
    store.upgrade()
    users.add(store, "anna", TEST_PASSWORD, "analist", actor="test")
    users.add(store, "lea", TEST_PASSWORD, "lezer", actor="test")
    server = Flask("bare")

    @server.route("/wie")
    @auth.reads
    def who() -> str:
        return auth.current_actor()

    @server.route("/wijzig", methods=["POST"])
    @auth.changes("analist")
    def change() -> str:
        return "gewijzigd door " + auth.current_actor()

    base = get_settings()
    config = replace(base, data_dir=tmp_path, secret_key="x" * 32, cookie_secure=False)
    auth.install(
        server,
        get_store=lambda: store,
        callback_of=lambda _output: None,
        csp_hashes=lambda: ["'sha256-test='"],
        settings=config,
    )
    yield server, store
    store.engine.dispose()


def _login(client: Any, name: str, password: str = TEST_PASSWORD, nxt: str = "") -> Any:
    page = client.get("/login" + (f"?next={nxt}" if nxt else ""))
    return client.post(
        "/login",
        data={
            "username": name,
            "password": password,
            "csrf_token": login_form_token(page),
            "next": nxt,
        },
    )


def test_login_sets_a_safe_session_and_goes_back(bare) -> None:
    server, store = bare
    client = server.test_client()
    assert client.get("/wie?x=1").headers["Location"] == "/login?next=%2Fwie%3Fx%3D1"
    answer = _login(client, "anna", nxt="/wie?x=1")
    assert answer.status_code == 302 and answer.headers["Location"] == "/wie?x=1"
    cookies = answer.headers.getlist("Set-Cookie")
    session_cookie = next(c for c in cookies if c.startswith(auth.SESSION_COOKIE + "="))
    assert "HttpOnly" in session_cookie and "SameSite=Lax" in session_cookie
    # Not permanent: a permanent session turns Flask-Login's strong protection into basic.
    # The server ends it after 8 hours (test_sessions_expire).
    assert "Expires=" not in session_cookie
    csrf_cookie = next(c for c in cookies if c.startswith(auth.CSRF_COOKIE + "="))
    assert "HttpOnly" not in csrf_cookie and "SameSite=Strict" in csrf_cookie
    assert client.get("/wie").get_data(as_text=True) == "anna"
    assert ("anna", "login.success", "anna") in _actions(store)
    # An absolute target elsewhere is ignored.
    other = server.test_client()
    assert _login(other, "lea", nxt="https://kwaad.example/").headers["Location"] == "/"


def test_secure_cookies_by_default(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("MONITOR_COOKIE_SECURE", raising=False)
    monkeypatch.setenv("MONITOR_SECRET_KEY", "y" * 32)
    server = Flask("secure")
    store = Store(f"sqlite:///{tmp_path / 's.sqlite'}")
    auth.install(server, get_store=lambda: store, callback_of=lambda _o: None, csp_hashes=list)
    answer = server.test_client().get("/login", base_url="https://localhost")
    cookies = answer.headers.getlist("Set-Cookie")
    assert cookies and all("Secure" in c for c in cookies)
    assert answer.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_wrong_passwords_then_blocked_over_http(bare) -> None:
    server, store = bare
    client = server.test_client()
    for _ in range(5):
        answer = _login(client, "anna", "verkeerd wachtwoord")
        assert answer.status_code == 401
        assert "Gebruikersnaam of wachtwoord klopt niet." in answer.get_data(as_text=True)
    blocked = _login(client, "anna")
    assert blocked.status_code == 429
    assert "Te veel mislukte pogingen. Probeer het over" in blocked.get_data(as_text=True)
    assert client.get("/wie").status_code == 302  # still not logged in
    actions = [a for _, a, _ in _actions(store)]
    assert actions.count("login.failure") == 5 and actions[-1] == "login.blocked"


def test_csrf_is_required_for_every_post(bare) -> None:
    server, _store = bare
    client = server.test_client()
    client.get("/login")
    refused = client.post("/login", data={"username": "anna", "password": TEST_PASSWORD})
    assert refused.status_code == 400
    assert "beveiligingstoken" in refused.get_data(as_text=True)
    assert _login(client, "anna").status_code == 302
    assert client.post("/wijzig").status_code == 400
    answer = client.post("/wijzig", headers=csrf_header(client))
    assert answer.get_data(as_text=True) == "gewijzigd door anna"


def test_roles_are_checked_on_every_request(bare) -> None:
    server, store = bare
    lezer = server.test_client()
    _login(lezer, "lea")
    assert lezer.post("/wijzig", headers=csrf_header(lezer)).status_code == 403
    users.set_role(store, "lea", "analist", actor="test")  # ends her sessions at once
    assert lezer.post("/wijzig", headers=csrf_header(lezer)).status_code == 401
    _login(lezer, "lea")  # logged in again, with the new role
    assert lezer.post("/wijzig", headers=csrf_header(lezer)).status_code == 200
    anonymous = server.test_client()
    anonymous.get("/login")
    assert anonymous.post("/wijzig", headers=csrf_header(anonymous)).status_code == 401


def _shift_sessions(
    store: Store, *, created: timedelta = timedelta(0), seen: timedelta = timedelta(0)
) -> None:
    """Make every server-side session older: begun ``created`` and last seen ``seen`` ago."""
    from monitor.store import sessions as sessions_table

    with store.begin() as conn:
        conn.execute(
            sa.update(sessions_table).values(created_at=now() - created, seen_at=now() - seen)
        )


def test_sessions_expire(bare) -> None:
    server, store = bare
    client = server.test_client()
    _login(client, "anna")
    _shift_sessions(store, seen=timedelta(minutes=61))  # idle for 61 minutes
    answer = client.get("/wie")
    assert answer.status_code == 302 and "verlopen=1" in answer.headers["Location"]
    assert "Uw sessie is verlopen" in client.get(answer.headers["Location"]).get_data(True)
    _login(client, "anna")
    _shift_sessions(store, created=timedelta(hours=8, seconds=1))  # active, 8 hours long
    assert client.get("/wie").status_code == 302
    _login(client, "anna")
    users.set_password(store, "anna", "een nieuw wachtwoord", actor="test")
    assert client.get("/wie").status_code == 302  # the old password's session ended


def test_logout_is_a_post_with_csrf(bare) -> None:
    server, store = bare
    client = server.test_client()
    _login(client, "anna")
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 400
    assert client.get("/wie").status_code == 200  # still logged in
    answer = client.post("/logout", headers=csrf_header(client))
    assert answer.headers["Location"] == "/login?lang=nl&uitgelogd=1"
    assert "U bent uitgelogd." in client.get(answer.headers["Location"]).get_data(True)
    assert client.get("/wie").status_code == 302
    assert _actions(store)[-1] == ("anna", "logout", "anna")


def test_security_headers_on_every_response(bare) -> None:
    server, _store = bare
    client = server.test_client()
    for path in ("/login", "/wie", "/bestaat-niet"):
        headers = client.get(path).headers
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["X-Frame-Options"] == "DENY", path
        assert headers["Referrer-Policy"] == "same-origin", path
        policy = headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in policy and "'sha256-test='" in policy, path


def test_login_page_renders_input_as_text(bare) -> None:
    server, _store = bare
    client = server.test_client()
    answer = _login(client, "<img src=x onerror=alert(1)>")
    text = answer.get_data(as_text=True)
    assert "<img src=x" not in text and "&lt;img src=x onerror=alert(1)&gt;" in text


# -- CLI and audit -----------------------------------------------------------------------


def test_user_commands(tmp_path: Path, monkeypatch) -> None:
    from monitor.cli import app as cli

    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    monkeypatch.setenv("MONITOR_DATABASE_URL", url)
    runner = CliRunner()
    first = runner.invoke(cli, ["user", "ensure-admin"])
    assert first.exit_code == 0, first.output
    password = first.output.split("wachtwoord:")[1].split()[0]
    assert runner.invoke(cli, ["user", "ensure-admin"]).output.startswith("Er zijn al")
    added = runner.invoke(
        cli,
        ["user", "add", "Anna", "--rol", "analist", "--wachtwoord-stdin"],
        input="analist-wachtwoord\n",
    )
    assert added.exit_code == 0 and "Gebruiker anna (analist) aangemaakt." in added.output
    typed = runner.invoke(cli, ["user", "add", "bob"], input="bob-wachtwoord\nbob-wachtwoord\n")
    assert typed.exit_code == 0, typed.output
    mismatch = runner.invoke(
        cli, ["user", "passwd", "bob"], input="een-wachtwoord\nander-wachtwoord\n"
    )
    assert mismatch.exit_code != 0
    listed = runner.invoke(cli, ["user", "list"])
    assert "anna" in listed.output and "analist" in listed.output
    assert password not in listed.output and "argon2" not in listed.output
    assert runner.invoke(cli, ["user", "role", "bob", "analist"]).exit_code == 0
    assert runner.invoke(cli, ["user", "remove", "bob"]).exit_code == 0
    store = Store(url)
    assert users.authenticate(store, "admin", password, None, at=T0).account is not None
    assert [a for _, a, _ in _actions(store)] == [
        "user.add",
        "user.add",
        "user.add",
        "user.role",
        "user.remove",
        "login.success",
    ]
    assert _actions(store)[1][0] == getpass.getuser()  # the CLI's actor is the OS user


def test_cli_uploads_are_audited(tmp_path: Path, monkeypatch) -> None:
    from monitor.cli import app as cli

    url = f"sqlite:///{tmp_path / 'up.sqlite'}"
    monkeypatch.setenv("MONITOR_DATABASE_URL", url)
    monkeypatch.setenv("MONITOR_DATA_DIR", str(tmp_path / "data"))
    store = Store(url)
    store.upgrade()
    demo.install(store)
    data = tmp_path / "nieuw.csv"
    data.write_text("gebiedcode;indicator;periode;waarde\nN01a;werkloosheid_p;2030;4\n")
    runner = CliRunner()
    done = runner.invoke(cli, ["import", "meetingen", str(data), "--uploader", "ois"])
    assert done.exit_code == 0, done.output
    upload_id = int(store.uploads_frame()["id"].max())
    assert (
        runner.invoke(
            cli, ["uploads", "undo", str(upload_id), "--uploader", "ois", "--bevestig"]
        ).exit_code
        == 0
    )
    assert _actions(store)[-3:] == [
        ("ois", "upload.check", "nieuw.csv"),
        ("ois", "upload.publish", f"upload {upload_id}: nieuw.csv"),
        ("ois", "upload.undo", f"upload {upload_id}"),
    ]


def test_audit_csv_neutralises_formulas(store: Store) -> None:
    audit.record(store, '=HYPERLINK("http://x")', "upload.check", "+kwaad.csv", {"a": 1})
    rows = list(csv.reader(io.StringIO(audit.to_csv(store)), delimiter=";"))
    assert rows[0] == ["id", "at", "actor", "action", "target", "detail"]
    assert rows[1][2] == '\'=HYPERLINK("http://x")'
    assert rows[1][4] == "'+kwaad.csv" and rows[1][5] == '{"a": 1}'


def test_audit_actions_and_upload_status_in_words(tmp_path: Path) -> None:
    """What the Beheer page, the Uploaden page and the CLI show: every action the app
    writes to the log, and an upload's status, in Dutch words (English with lang=en);
    the stored codes stay as they are."""
    from monitor.ingest.upload import status_label
    from monitor.undo import undo

    store = Store(f"sqlite:///{tmp_path / 'words.sqlite'}")
    store.upgrade()
    demo.install(store)  # upload.publish, goal.add, action.add, note.add
    users.add(store, "beheer", TEST_PASSWORD, "beheerder", actor="test")
    users.add(store, "anna", TEST_PASSWORD, "lezer", actor="test")
    users.set_role(store, "anna", "analist", actor="test")
    users.set_password(store, "anna", TEST_PASSWORD + "-2", actor="test")
    users.authenticate(store, "anna", TEST_PASSWORD + "-2", None)
    users.authenticate(store, "anna", "fout", None)
    users.remove(store, "anna", actor="test")
    undo(store, int(store.uploads_frame()["id"].max()), by="test", role="beheerder")
    actions = set(audit.entries(store)["action"])
    assert {"upload.publish", "upload.undo", "user.add", "login.success"} <= actions
    untranslated = {a for a in actions if audit.action_label(a) == a}
    assert untranslated == set()
    assert audit.action_label("upload.publish") == "upload gepubliceerd"
    assert audit.action_label("upload.undo") == "upload ongedaan gemaakt"
    assert audit.action_label("upload.undo", "en") == "upload undone"
    assert audit.action_label("iets.nieuws") == "iets.nieuws"  # unknown: its own name

    statuses = set(store.uploads_frame()["status"])
    assert statuses == {"published", "undone"}
    assert {status_label(s) for s in statuses} == {"gepubliceerd", "ongedaan gemaakt"}
    assert {status_label(s, "en") for s in statuses} == {"published", "undone"}


# -- the real app: Chromium and gunicorn ---------------------------------------------------


@pytest.fixture
def demo_url(tmp_path: Path) -> str:
    return demo_database(tmp_path)


@pytest.mark.browser
def test_login_and_logout_in_chromium(demo_url: str, tmp_path: Path) -> None:
    """Everything behind the login (public read off): login page, wrong password, the user in
    the header, no beheer link for an analist, logout."""
    SCREENSHOTS.mkdir(exist_ok=True)
    create_user(demo_url, "anna", "analist")
    env = {"MONITOR_PUBLIC_READ": "0", "MONITOR_DATA_DIR": str(tmp_path / "data")}
    with app_server(demo_url, env) as base, browser_page(enforce_csp=True) as page:
        page.goto(f"{base}/trends?lang=nl")
        assert page.url.startswith(f"{base}/login?")
        page.screenshot(path=str(SCREENSHOTS / "login.png"))
        page.fill("#username", "anna")
        page.fill("#password", "verkeerd wachtwoord")
        page.click("#login-submit")
        assert page.inner_text("#login-error") == "Gebruikersnaam of wachtwoord klopt niet."
        assert page.input_value("#username") == "anna"
        page.fill("#password", TEST_PASSWORD)
        page.click("#login-submit")
        page.wait_for_selector("#current-user")
        assert page.url == f"{base}/trends?lang=nl" or page.url.startswith(f"{base}/trends?")
        assert page.inner_text("#current-user") == "anna (analist)"
        assert page.locator(".header nav a", has_text="Beheer").count() == 0
        page.wait_for_selector("#trends-graph .main-svg")
        page.click("#logout-button")
        page.wait_for_selector("#login-info")
        assert page.inner_text("#login-info") == "U bent uitgelogd."
        page.goto(f"{base}/upload")
        assert page.url.startswith(f"{base}/login?")


@pytest.mark.browser
def test_every_page_under_the_csp_in_chromium(demo_url: str, tmp_path: Path) -> None:
    """Every page as beheerder, and as a public reader: no CSP violation, no page error.
    The beheer page: users, a new user with a one-time password, the audit log and its
    export."""
    import app as app_module

    create_user(demo_url, "beheer", "beheerder")
    env = {"MONITOR_TILE_URL": "", "MONITOR_DATA_DIR": str(tmp_path / "data")}
    paths = [p for p in app_module.ROUTES if p != "/profiel"] + ["/profiel?gebied=N01a"]
    with app_server(demo_url, env) as base, browser_page(enforce_csp=True) as page:
        problems: list[str] = []

        def listen(tab: Any) -> None:
            tab.on(
                "console",
                lambda m: (
                    problems.append(m.text)
                    if "Content Security Policy" in m.text or "Refused to" in m.text
                    else None
                ),
            )
            tab.on("pageerror", lambda exc: problems.append(str(exc)))

        def visit_all(paths: list[str]) -> None:
            # A tab per page: a heavy page cannot hold up the next navigation.
            browser = page.context.browser
            for path in paths:
                context = browser.new_context(storage_state=page.context.storage_state())
                tab = context.new_page()
                listen(tab)
                pending: dict[str, int] = {}
                tab.on("request", lambda r, p=pending: p.__setitem__(r.url, 1))
                tab.on("requestfinished", lambda r, p=pending: p.pop(r.url, None))
                tab.goto(base + path, timeout=60_000)
                try:
                    tab.wait_for_load_state("networkidle", timeout=60_000)
                except Exception as exc:  # name the page that did not settle
                    raise AssertionError(f"{path} did not finish loading: {pending}") from exc
                context.close()

        listen(page)
        visit_all([*paths, "/login"])  # as a public reader
        login(page, base, "beheer")
        visit_all(paths)
        page.goto(f"{base}/beheer")
        page.wait_for_selector("#beheer-users-table")
        assert page.inner_text("#current-user") == "beheer (beheerder)"
        page.fill("#beheer-new-name", "nieuwe-analist")
        page.click("#beheer-new-role")
        page.get_by_role("dialog").get_by_text("analist", exact=True).click()
        page.click("#beheer-add")
        page.wait_for_selector("#beheer-password")
        password = page.inner_text("#beheer-password")
        assert "nieuwe-analist" in page.inner_text("#beheer-users-table")
        # (No wait_for_function: its string predicate needs eval, which the CSP forbids.)
        # Actions in words ("user.add" is the stored code).
        page.locator("#beheer-audit-table", has_text="gebruiker toegevoegd").wait_for()
        audit_table = page.inner_text("#beheer-audit-table")
        assert "user.add" not in audit_table and "login.success" not in audit_table
        assert "ingelogd" in audit_table
        # The times carry their zone (CET/CEST, not UTC as the header once said), on one line.
        assert "UTC" not in page.inner_text("#beheer-audit-table tr >> nth=0")
        time_cell = page.locator("#beheer-audit-table tr >> nth=1").locator("td").first
        tops = time_cell.evaluate(
            """td => { const r = document.createRange(); r.selectNodeContents(td);
                       return [...r.getClientRects()].map(x => Math.round(x.top)); }"""
        )
        assert len(set(tops)) == 1
        page.screenshot(path=str(SCREENSHOTS / "beheer.png"), full_page=True)
        with page.expect_download() as download:
            page.click("#beheer-audit-export")
        exported = Path(download.value.path()).read_text(encoding="utf-8-sig")
        assert "login.success" in exported and "nieuwe-analist" in exported
        assert problems == []
    store = Store(demo_url)
    assert users.authenticate(store, "nieuwe-analist", password, None).account.role == "analist"


@pytest.mark.browser
def test_rate_limit_and_sessions_across_gunicorn_workers(demo_url: str, tmp_path: Path) -> None:
    """Two workers, the secret key from the shared key file: the login count and the
    session hold whichever worker answers."""
    create_user(demo_url, "anna", "analist")
    env = {
        "MONITOR_SECRET_KEY": "",
        "MONITOR_PUBLIC_READ": "0",
        "MONITOR_DATA_DIR": str(tmp_path / "data"),
    }
    with gunicorn_server(demo_url, workers=2, extra_env=env) as base:
        session = http_session(base, "anna")
        payload = {
            "output": "..header.children...page.children...lang.data..",
            "outputs": [
                {"id": "header", "property": "children"},
                {"id": "page", "property": "children"},
                {"id": "lang", "property": "data"},
            ],
            "inputs": [{"id": "url", "property": "pathname", "value": "/upload"}],
            "state": [{"id": "url", "property": "search", "value": ""}],
            "changedPropIds": ["url.pathname"],
        }
        for _ in range(8):  # several requests, answered by both workers
            answer = post_callback(session, base, payload)
            assert answer.status_code == 200
            assert "anna (analist)" in answer.text
        guesser = http_session(base)
        for _ in range(5):
            token = login_form_token(guesser.get(f"{base}/login"))
            refused = guesser.post(
                f"{base}/login",
                data={"username": "anna", "password": "fout-fout-fout", "csrf_token": token},
            )
            assert refused.status_code == 401
        token = login_form_token(guesser.get(f"{base}/login"))
        blocked = guesser.post(
            f"{base}/login",
            data={"username": "anna", "password": TEST_PASSWORD, "csrf_token": token},
        )
        assert blocked.status_code == 429
    key = tmp_path / "data" / "secret_key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
