"""Shared pytest fixtures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from monitor.store import Store
from tests.support import BACKENDS, database, require_shared

# Timing is the benchmark's business: on a busy 2-core machine one example can take longer
# than Hypothesis' default 200 ms deadline, which says nothing about correctness.
settings.register_profile("buurtmonitor", deadline=None)
settings.load_profile("buurtmonitor")


@pytest.fixture
def shared_data() -> Path:
    """The shared data folder; skip without it, but fail on CI where it must exist."""
    return require_shared()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh, migrated SQLite store for one test."""
    fresh = Store(f"sqlite:///{tmp_path / 't.sqlite'}")
    fresh.upgrade()
    yield fresh
    fresh.engine.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database for one test, on each backend: a SQLite file, and a fresh
    PostgreSQL database (127.0.0.1:5432; skipped without the server, failed on CI)."""
    with database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def backend(database_url: str) -> Iterator[Store]:
    """A fresh, migrated store for one test, on SQLite and on PostgreSQL. Test files that
    need it filled override it by name (``def backend(backend): …``)."""
    fresh = Store(database_url)
    fresh.upgrade()
    yield fresh
    fresh.engine.dispose()
