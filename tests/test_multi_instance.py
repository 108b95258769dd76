"""Two app instances (gunicorn, two ports) on one PostgreSQL store: a login on one holds
on the other, a logout on one ends the session on both, the login lockout is shared, and
an account change or an API token acts on both at once."""

from __future__ import annotations

import re
import secrets
from contextlib import ExitStack
from pathlib import Path

import pytest

from monitor import demo, users
from monitor.store import Store
from tests.support import TEST_PASSWORD, gunicorn_server, postgres_database


def login(session, base: str, password: str = TEST_PASSWORD):
    page = session.get(f"{base}/login", timeout=30)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)[1]
    data = {"username": "anna", "password": password, "csrf_token": token}
    return session.post(f"{base}/login", data=data, timeout=30, allow_redirects=False)


def me(session, base: str) -> int:
    return session.get(f"{base}/api/v1/ik", timeout=30).status_code


@pytest.mark.postgres
def test_two_instances_share_sessions_and_lockout(tmp_path: Path) -> None:
    import requests

    with postgres_database() as url, ExitStack() as servers:
        store = Store(url)
        store.upgrade()
        demo.install(store)
        users.add(store, "anna", TEST_PASSWORD, "analist", actor="test")
        env = {
            "MONITOR_PUBLIC_READ": "0",
            "MONITOR_SECRET_KEY": secrets.token_hex(16),  # one key for every instance
            "MONITOR_DATA_DIR": str(tmp_path / "data"),
        }
        one = servers.enter_context(gunicorn_server(url, workers=1, extra_env=env))
        two = servers.enter_context(gunicorn_server(url, workers=1, extra_env=env))
        assert one != two

        # Logged in on one, logged in on the other.
        browser = requests.Session()
        assert login(browser, one).status_code == 302
        assert me(browser, one) == 200 and me(browser, two) == 200
        assert browser.get(f"{two}/api/v1/ik", timeout=30).json()["gebruiker"] == "anna"
        stolen = requests.Session()
        stolen.cookies.update(browser.cookies)  # a copy of the cookie, used elsewhere
        assert me(stolen, two) == 200

        # Logged out on two: the session has ended on one as well, and for the copy.
        csrf = browser.cookies["_csrf_token"]
        out = browser.post(
            f"{two}/logout", headers={"X-CSRFToken": csrf}, timeout=30, allow_redirects=False
        )
        assert out.status_code == 302
        assert me(browser, one) == 401 and me(stolen, one) == 401 and me(stolen, two) == 401

        # A change of the account on the store ends the sessions on both instances.
        assert login(browser, two).status_code == 302
        assert me(browser, one) == 200
        users.set_disabled(store, "anna", True, actor="test")
        assert me(browser, one) == 401 and me(browser, two) == 401
        users.set_disabled(store, "anna", False, actor="test")

        # Five wrong passwords on one: the sixth attempt on two waits.
        guesser = requests.Session()
        for base in (one, two, one, two, one):
            assert login(guesser, base, "verkeerd wachtwoord").status_code == 401
        assert login(guesser, two).status_code == 429

        # An API token made on the store works on both, and stops on both when revoked.
        from monitor import tokens

        number, token = tokens.create(store, "anna", "script", actor="test")
        bearer = {"Authorization": f"Bearer {token}"}
        for base in (one, two):
            assert requests.get(f"{base}/api/v1/ik", headers=bearer, timeout=30).ok
        tokens.revoke(store, number, actor="test")
        for base in (one, two):
            answer = requests.get(f"{base}/api/v1/ik", headers=bearer, timeout=30)
            assert answer.status_code == 401
        store.engine.dispose()
