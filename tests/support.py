"""Helpers for tests that need real services or the shared Amsterdam data.

On a laptop without them such tests skip; with ``CI=true`` they fail loudly, because
CI must prove them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
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
