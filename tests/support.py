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

import pytest

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


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(
    command: list[str], database_url: str, port: int, extra_env: dict[str, str] | None = None
) -> Iterator[str]:
    """Run a web server command against ``database_url``; yields its base URL once it answers."""
    import subprocess
    import time
    import urllib.request

    env = dict(os.environ, MONITOR_DATABASE_URL=database_url, MONITOR_PORT=str(port))
    env.update(extra_env or {})
    root = Path(__file__).resolve().parents[1]
    proc = subprocess.Popen(
        command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
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
                    output = proc.stdout.read().decode() if proc.stdout else ""
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


def gunicorn_server(database_url: str, workers: int = 2) -> AbstractContextManager[str]:
    """The production setup: ``gunicorn app:server`` with several workers."""
    import sys

    port = free_port()
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    command = [gunicorn, "--workers", str(workers), "--bind", f"127.0.0.1:{port}", "app:server"]
    return serving(command, database_url, port)


@contextmanager
def browser_page() -> Iterator[object]:
    """A Playwright page in Debian's headless Chromium (no browser download)."""
    if not Path(CHROMIUM).exists():
        unavailable(f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        try:
            yield page
        finally:
            browser.close()
