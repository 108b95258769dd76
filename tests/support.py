"""Helpers for tests that need real services or the shared Amsterdam data.

On a laptop without them such tests skip; with ``CI=true`` they fail loudly, because
CI must prove them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pytest

from bench.dash_bodies import callback_body as dash_body

#: Real Amsterdam open data, kept beside the project and never copied into it.
SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
#: The local PostgreSQL server (trust auth); override with MONITOR_TEST_POSTGRES.
POSTGRES_ADMIN = os.environ.get(
    "MONITOR_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test"
)


def on_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def unavailable(reason: str) -> None:
    """Skip on a laptop, fail on CI."""
    if on_ci():
        pytest.fail(f"{reason} (CI=true: this test must run)")
    pytest.skip(reason)


def require_shared() -> Path:
    if not SHARED_DATA.is_dir():
        unavailable(f"shared data not found: {SHARED_DATA}")
    return SHARED_DATA


@contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test (module); dropped afterwards."""
    import psycopg

    name = f"buurtmonitor_test_{uuid.uuid4().hex[:10]}"
    try:
        admin = psycopg.connect(POSTGRES_ADMIN, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        unavailable(f"PostgreSQL not reachable at {POSTGRES_ADMIN}: {exc}")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES_ADMIN.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


#: The local Redis (override with MONITOR_TEST_REDIS). Tests use their own database
#: number, so that their queue and keys stay apart from a Redis the app uses.
REDIS_TEST = os.environ.get("MONITOR_TEST_REDIS", "redis://127.0.0.1:6379/11")


def require_redis() -> str:
    """The URL of the local Redis; skip without it, fail on CI (``.ci/run`` starts it)."""
    import redis

    try:
        redis.Redis.from_url(REDIS_TEST, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        unavailable(f"Redis not reachable at {REDIS_TEST}: {exc}")
    return REDIS_TEST


#: Both backends, as fixture parameters: PostgreSQL's marked ``postgres``.
BACKENDS = ("sqlite", pytest.param("postgresql", marks=pytest.mark.postgres))


@contextmanager
def database(backend: str, folder: Path) -> Iterator[str]:
    """The URL of an empty database: a new SQLite file in ``folder``, or a fresh
    PostgreSQL database (:func:`postgres_database`, dropped afterwards)."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'store.sqlite'}"
        return
    with postgres_database() as url:
        yield url


@contextmanager
def demo_store(backend: str, folder: Path) -> Iterator[Any]:
    """A Store on a new :func:`database` of ``backend`` with Voorbeeldstad installed."""
    from monitor import demo
    from monitor.store import Store

    with database(backend, folder) as url:
        store = Store(url)
        store.upgrade()
        demo.install(store, data_dir=folder / "data")
        try:
            yield store
        finally:
            store.engine.dispose()


CHROMIUM = os.environ.get("MONITOR_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
#: How long a browser assertion waits for the page (``expect``), in milliseconds.
BROWSER_TIMEOUT_MS = 30_000


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(
    command: list[str], database_url: str, port: int, extra_env: dict[str, str] | None = None
) -> Iterator[str]:
    """Run a web server command against ``database_url``; yields its base URL once it answers.

    Test servers speak plain http on 127.0.0.1, so the Secure cookie flag is off; public
    read is on (as in the demo) unless ``extra_env`` says otherwise, and the secret key is
    random per server (``MONITOR_SECRET_KEY=""`` in ``extra_env``: the key file instead).
    """
    import secrets
    import subprocess
    import tempfile
    import time
    import urllib.request

    env = dict(os.environ, MONITOR_DATABASE_URL=database_url, MONITOR_PORT=str(port))
    env.update(
        MONITOR_PUBLIC_READ="1",
        MONITOR_COOKIE_SECURE="0",
        MONITOR_SECRET_KEY=secrets.token_hex(16),
    )
    env.update(extra_env or {})
    root = Path(__file__).resolve().parents[1]
    # The server's log goes to a file: a pipe nobody reads fills up after ~64 KB of
    # access-log lines and then blocks the server in the middle of a test.
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(base, timeout=2)
                    break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        proc.kill()
                        proc.wait(timeout=20)
                        log.seek(0)
                        output = log.read().decode(errors="replace")
                        raise RuntimeError(f"server did not start:\n{output}") from None
                    time.sleep(0.3)
            yield base
        finally:
            proc.terminate()
            proc.wait(timeout=20)


def app_server(
    database_url: str, extra_env: dict[str, str] | None = None
) -> AbstractContextManager[str]:
    """``python app.py`` (the development server) on a free port."""
    import sys

    return serving([sys.executable, "app.py"], database_url, free_port(), extra_env)


def gunicorn_server(
    database_url: str, workers: int = 2, extra_env: dict[str, str] | None = None
) -> AbstractContextManager[str]:
    """The production setup: ``gunicorn app:server`` with several workers."""
    import sys

    port = free_port()
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    command = [gunicorn, "--workers", str(workers), "--bind", f"127.0.0.1:{port}", "app:server"]
    return serving(command, database_url, port, extra_env)


#: Password of the accounts tests create (long enough for the password rule).
TEST_PASSWORD = "test-wachtwoord-123"


def create_user(database_url: str, username: str, role: str, password: str = TEST_PASSWORD) -> None:
    """An account in the store at ``database_url`` (migrated first)."""
    from monitor import users
    from monitor.store import Store

    store = Store(database_url)
    store.upgrade()
    users.add(store, username, password, role, actor="test")
    store.engine.dispose()


def login(page: object, base: str, username: str, password: str = TEST_PASSWORD) -> None:
    """Log in through the login form in Playwright, as a user would."""
    page.goto(f"{base}/login")  # type: ignore[attr-defined]
    page.fill("#username", username)  # type: ignore[attr-defined]
    page.fill("#password", password)  # type: ignore[attr-defined]
    with page.expect_navigation():  # type: ignore[attr-defined]
        page.click("#login-submit")  # type: ignore[attr-defined]
    page.wait_for_selector("#current-user")  # type: ignore[attr-defined]


def http_session(base: str, username: str | None = None, password: str = TEST_PASSWORD):
    """A ``requests`` session that behaves like the browser: it has the CSRF cookie and
    sends it back in ``X-CSRFToken`` (as dash-renderer does); logged in when ``username``
    is given."""
    import requests

    session = requests.Session()
    answer = session.get(f"{base}/login", timeout=30)
    answer.raise_for_status()
    if username is not None:
        answer = session.post(
            f"{base}/login",
            data={
                "username": username,
                "password": password,
                "csrf_token": login_form_token(answer),
            },
            timeout=30,
        )
        assert answer.status_code == 200, answer.text[:300]  # refused logins are 401/429
    session.headers["X-CSRFToken"] = session.cookies["_csrf_token"]
    return session


def post_callback(session, base: str, payload: dict):
    """POST a Dash callback request; refreshes the CSRF header from the cookie first."""
    session.headers["X-CSRFToken"] = session.cookies["_csrf_token"]
    return session.post(f"{base}/_dash-update-component", json=payload, timeout=30)


@contextmanager
def browser_page(enforce_csp: bool = False) -> Iterator[object]:
    """A Playwright page in Debian's headless Chromium (no browser download).

    The app's Content-Security-Policy forbids eval, which Playwright's string predicates
    (``wait_for_function("…")``) need; so tests bypass the CSP unless they check it
    (``enforce_csp=True``, as ``test_auth`` does for every page).
    """
    if not Path(CHROMIUM).exists():
        unavailable(f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import expect, sync_playwright

    # Assertions wait as long as actions do: on a busy 2-core machine a page's callbacks
    # can take longer than Playwright's default of 5 seconds.
    expect.set_options(timeout=BROWSER_TIMEOUT_MS)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, bypass_csp=not enforce_csp)
        try:
            yield page
        finally:
            browser.close()


def demo_database(folder: Path) -> str:
    """A new SQLite store in ``folder`` with Voorbeeldstad installed; its URL (for a
    fixture: install once, open a store per test or server)."""
    from monitor import demo
    from monitor.store import Store

    url = f"sqlite:///{folder / 'demo.sqlite'}"
    store = Store(url)
    store.upgrade()
    demo.install(store)
    store.engine.dispose()
    return url


@contextmanager
def dash_app_in_process(folder: Path, public_read: bool = False) -> Iterator[object]:
    """The Dash app of ``app.py``, built in this process on a fresh demo store in ``folder``
    with one account per role (``lezer-user``, ``analist-user``, ``beheerder-user``), for
    Flask's test client. The environment is restored afterwards."""
    from monitor import demo, users
    from monitor.access import ROLES
    from monitor.store import Store

    url = f"sqlite:///{folder / 'app.sqlite'}"
    patch = pytest.MonkeyPatch()
    for key, value in {
        "MONITOR_DATABASE_URL": url,
        "MONITOR_DATA_DIR": str(folder / "data"),
        "MONITOR_SECRET_KEY": "test-key-in-process-0f3a9c2e7b41d8a6",
        "MONITOR_COOKIE_SECURE": "0",
        "MONITOR_PUBLIC_READ": "1" if public_read else "0",
        "MONITOR_TILE_URL": "",
    }.items():
        patch.setenv(key, value)
    store = Store(url)
    store.upgrade()
    demo.install(store)
    for role in ROLES:
        users.add(store, f"{role}-user", TEST_PASSWORD, role, actor="test")
    store.engine.dispose()
    import app as app_module

    app_module.get_store.cache_clear()
    try:
        yield app_module.create_app()
    finally:
        app_module.get_store.cache_clear()
        patch.undo()


def login_form_token(answer: object) -> str:
    """The CSRF field of a login page response (Flask test client or requests)."""
    import re

    text = answer.get_data(as_text=True) if hasattr(answer, "get_data") else answer.text
    found = re.search(r'name="csrf_token" value="([^"]+)"', text)
    assert found, "no CSRF field on the page"
    return found[1]


def client_for(dash_app: object, username_or_role: str | None, password: str = TEST_PASSWORD):
    """A Flask test client that has the CSRF cookie, logged in through the login form
    (a role name means that role's test account)."""
    client = dash_app.server.test_client()  # type: ignore[attr-defined]
    page = client.get("/login")
    assert page.status_code == 200
    if username_or_role is not None:
        from monitor.access import ROLES

        name = f"{username_or_role}-user" if username_or_role in ROLES else username_or_role
        answer = client.post(
            "/login",
            data={"username": name, "password": password, "csrf_token": login_form_token(page)},
        )
        assert answer.status_code == 302, answer.get_data(as_text=True)
    return client


def csrf_header(client: object) -> dict[str, str]:
    """What dash-renderer sends: the ``_csrf_token`` cookie in ``X-CSRFToken``."""
    return {"X-CSRFToken": client.get_cookie("_csrf_token").value}  # type: ignore[attr-defined]


def server_callbacks(dash_app: object) -> dict:
    """The app's callbacks that run on the server (output → entry): a clientside callback
    (``app.clientside_callback``, run in the browser) has no ``callback`` and never
    reaches the server, so access marks and guards are not about it."""
    return {o: e for o, e in dash_app.callback_map.items() if "callback" in e}


def callback_body(
    dash_app: object, first: str, values: dict | None = None, changed: str | None = None
) -> dict:
    """The body dash-renderer POSTs for the app's callback whose (first) output is
    ``first``: :func:`bench.dash_bodies.callback_body` on ``dash_app.callback_map``."""
    return dash_body(dash_app.callback_map, first, values, changed)


@contextmanager
def pdok_stand_in() -> Iterator[tuple[str, list[dict[str, list[str]]]]]:
    """A local stand-in for the PDOK Locatieserver: ``GET /free?q=…`` answers the recorded
    ``tests/pdok/<q>.json`` (``q`` folded: lower case, spaces as ``-``), or no documents.
    Yields the base URL and the list of query parameters of every request it received."""
    import http.server
    import threading
    from urllib.parse import parse_qs, urlparse

    folder = Path(__file__).resolve().parent / "pdok"
    received: list[dict[str, list[str]]] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlparse(self.path)
            params = parse_qs(url.query)
            received.append(params)
            if url.path != "/free":
                self.send_error(404)
                return
            name = "-".join(params.get("q", [""])[0].lower().split())
            path = folder / f"{name}.json"
            body = (
                path.read_bytes()
                if name and path.is_file()
                else (
                    b'{"response":{"numFound":0,"start":0,"maxScore":0.0,'
                    b'"numFoundExact":true,"docs":[]}}'
                )
            )
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", received
    finally:
        server.shutdown()
        server.server_close()


def choose_option(page: Any, dropdown: str, text: str, *, search: bool = False) -> None:
    """Open the ``dcc.Dropdown`` with id ``dropdown`` and pick the option reading ``text``
    (typed into its search box first with ``search``). Waits until the previous dropdown's
    options have closed before opening this one (else the keys can reach the one still
    closing), and tries again when a callback redraws the dropdown under the click."""
    from playwright.sync_api import Error as PlaywrightError

    options = page.locator(".dash-dropdown-options")
    for attempt in range(4):
        options.wait_for(state="hidden")
        page.click(f"#{dropdown}")
        options.wait_for()
        if search:
            page.keyboard.type(text)
        try:
            options.get_by_text(text, exact=True).click(timeout=5_000)
            break
        except PlaywrightError:
            if attempt == 3:
                raise
        finally:
            page.keyboard.press("Escape")
    options.wait_for(state="hidden")
