"""Server-side sessions: logout, a new password, a new role and disabling an account end
every copy of a session; the cookie is not permanent, so Flask-Login's strong protection
holds; HEAD /login is not a login. On SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

import web as auth
from monitor import sessions, users
from monitor.config import get_settings
from monitor.store import Store, audit_log, login_attempts
from monitor.store import sessions as sessions_table
from tests.support import TEST_PASSWORD, csrf_header, login_form_token


def make_server(store: Store, tmp_path: Path, name: str = "bare") -> Flask:
    """``auth.install`` on a plain Flask app with one read view and one analist action."""
    server = Flask(name)

    @server.route("/wie")
    @auth.reads
    def who() -> str:
        return auth.current_actor()

    @server.route("/wijzig", methods=["POST"])
    @auth.changes("analist")
    def change() -> str:
        return "gewijzigd door " + auth.current_actor()

    config = replace(get_settings(), data_dir=tmp_path, secret_key="x" * 32, cookie_secure=False)
    auth.install(
        server,
        get_store=lambda: store,
        callback_of=lambda _output: None,
        csp_hashes=lambda: ["'sha256-test='"],
        settings=config,
    )
    return server


@pytest.fixture
def bare(backend: Store, tmp_path: Path, monkeypatch) -> Iterator[tuple[Flask, Store]]:
    monkeypatch.setenv("MONITOR_PUBLIC_READ", "0")
    users.add(backend, "anna", TEST_PASSWORD, "analist", actor="test")
    users.add(backend, "beheer", TEST_PASSWORD, "beheerder", actor="test")
    yield make_server(backend, tmp_path), backend


def log_in(client: Any, name: str = "anna", password: str = TEST_PASSWORD) -> Any:
    page = client.get("/login")
    data = {"username": name, "password": password, "csrf_token": login_form_token(page)}
    return client.post("/login", data=data)


def copy_of(server: Flask, client: Any) -> Any:
    """Another client holding a copy of ``client``'s session cookie (a stolen cookie)."""
    other = server.test_client()
    cookie = client.get_cookie(auth.SESSION_COOKIE)
    other.set_cookie(auth.SESSION_COOKIE, cookie.value)
    return other


def session_rows(store: Store) -> list[sa.Row]:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(sessions_table)).all()


def test_a_copied_cookie_is_worthless_after_logout(bare) -> None:
    server, store = bare
    client = server.test_client()
    assert log_in(client).status_code == 302
    stolen = copy_of(server, client)
    assert stolen.get("/wie").get_data(as_text=True) == "anna"  # the copy works meanwhile
    answer = client.post("/logout", headers=csrf_header(client))
    assert answer.status_code == 302
    assert client.get("/wie").status_code == 302
    # A signed cookie stayed valid for hours after logout; the server has ended it now.
    assert stolen.get("/wie").status_code == 302
    assert session_rows(store) == []


def test_the_store_keeps_only_a_hash_of_the_session_id(bare) -> None:
    server, store = bare
    client = server.test_client()
    log_in(client)
    with client.session_transaction() as cookie_session:
        session_id = cookie_session["_user_id"]
    rows = session_rows(store)
    assert len(rows) == 1 and len(session_id) >= 43  # 256 random bits
    assert rows[0].id == hashlib.sha256(session_id.encode()).hexdigest() != session_id


@pytest.mark.parametrize("change", ["password", "role", "disable"])
def test_account_changes_end_every_session(bare, change: str) -> None:
    """Two logins of anna (two browsers) and a copy of one: all end at once."""
    server, store = bare
    first, second = server.test_client(), server.test_client()
    log_in(first)
    log_in(second)
    stolen = copy_of(server, first)
    assert [c.get("/wie").status_code for c in (first, second, stolen)] == [200, 200, 200]
    assert sessions.count(store, "anna") == 2
    if change == "password":
        users.set_password(store, "anna", "een heel ander wachtwoord", actor="beheer")
    elif change == "role":
        users.set_role(store, "anna", "lezer", actor="beheer")
    else:
        users.set_disabled(store, "anna", True, actor="beheer")
    assert [c.get("/wie").status_code for c in (first, second, stolen)] == [302, 302, 302]
    assert sessions.count(store, "anna") == 0


def test_a_disabled_account_cannot_log_in_until_enabled(bare) -> None:
    server, store = bare
    users.set_disabled(store, "anna", True, actor="beheer")
    client = server.test_client()
    refused = log_in(client)
    assert refused.status_code == 401
    assert "Gebruikersnaam of wachtwoord klopt niet." in refused.get_data(as_text=True)
    assert users.frame(store).set_index("username").loc["anna", "disabled"]
    users.set_disabled(store, "anna", False, actor="beheer")
    assert log_in(client).status_code == 302
    assert client.get("/wie").get_data(as_text=True) == "anna"
    with store.engine.connect() as conn:
        actions = conn.execute(sa.select(audit_log.c.action, audit_log.c.actor)).all()
    assert ("user.disable", "beheer") in actions and ("user.enable", "beheer") in actions


def test_the_last_beheerder_cannot_be_disabled(bare) -> None:
    from monitor.errors import MonitorError

    _server, store = bare
    with pytest.raises(MonitorError, match="laatste beheerder"):
        users.set_disabled(store, "beheer", True, actor="beheer")


def test_the_session_cookie_is_not_permanent_and_strong_protection_holds(bare) -> None:
    """A permanent session made Flask-Login's strong protection basic: a cookie shown
    from another browser stayed valid (only marked not fresh)."""
    server, _store = bare
    client = server.test_client()
    answer = log_in(client)
    cookie = next(
        c for c in answer.headers.getlist("Set-Cookie") if c.startswith(auth.SESSION_COOKIE)
    )
    assert "Expires=" not in cookie and "Max-Age" not in cookie
    stolen = copy_of(server, client)
    assert stolen.get("/wie", headers={"User-Agent": "een andere browser"}).status_code == 302
    assert stolen.get("/wie").status_code == 302  # the protection cleared the copy
    assert client.get("/wie").get_data(as_text=True) == "anna"  # the owner is still in


def test_head_login_is_not_a_login(bare) -> None:
    """HEAD /login ran the POST branch without CSRF (Flask-WTF exempts HEAD): it counted
    as a failed login, and with the right password it logged in."""
    server, store = bare
    client = server.test_client()
    for data in ({"username": "anna", "password": "fout"}, {"username": "anna"}):
        answer = client.open("/login", method="HEAD", data=data)
        assert answer.status_code == 200
    answer = client.open(
        "/login", method="HEAD", data={"username": "anna", "password": TEST_PASSWORD}
    )
    assert answer.status_code == 200
    assert client.get("/wie").status_code == 302  # not logged in
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(login_attempts)).all() == []
        assert conn.execute(sa.select(audit_log.c.action)).scalars().all() == [
            "user.add",
            "user.add",
        ]
    assert session_rows(store) == []
