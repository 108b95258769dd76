"""The store's write clock (monitor/store/write_clock.py): with Redis an instance keeps the
request's state between requests, and reads it anew at the next request after any process
committed a write — on SQLite and PostgreSQL. A write that bypasses the engine (no tick)
stays unseen until the state's maximum age; a rolled-back write does not tick; without
Redis every request reads the state, as before."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from monitor.ingest.upload import check, publish
from monitor.store import Store, request_state, write_clock
from monitor.store.materialised import score_stamp
from monitor.store.request_memo import request_scope
from tests.support import BACKENDS, demo_store, free_port, require_redis

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(params=BACKENDS)
def store(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Store]:
    monkeypatch.setenv("MONITOR_REDIS_URL", require_redis())
    # The clock alone decides here: no state grows old during a test.
    monkeypatch.setattr(write_clock, "MAX_AGE_SECONDS", 3600.0)
    with demo_store(request.param, tmp_path) as found:
        write_clock.forget()
        yield found
    write_clock.forget()


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How often the request's state was read from the database."""
    count = [0]
    real = request_state._read

    def counted(engine: object) -> request_state.RequestState:
        count[0] += 1
        return real(engine)  # type: ignore[arg-type]

    monkeypatch.setattr(request_state, "_read", counted)
    return count


def setting(store: Store, key: str) -> str | None:
    with request_scope():
        return store.get_setting(key)


def clock(store: Store) -> int:
    return int(redis.Redis.from_url(require_redis()).get(write_clock.key(store.url)) or 0)


def raw_write(store: Store, key: str, value: str) -> None:
    """Write a setting past the engine (no listener sees it: no tick)."""
    sql = f"INSERT INTO settings (key, value) VALUES ('{key}', '{value}')"
    if store.url.startswith("sqlite"):
        with sqlite3.connect(store.url.split("///", 1)[1]) as conn:
            conn.execute(sql)
        return
    import psycopg

    with psycopg.connect(store.url) as conn:
        conn.execute(sql)


def test_the_state_is_kept_while_nothing_is_written(store: Store, reads: list[int]) -> None:
    for _ in range(3):
        assert setting(store, "population_indicator") == "bev_totaal"
    assert reads == [1]
    # Written past the engine: unseen while the clock stands still (the state is kept) …
    raw_write(store, "probe", "stil")
    assert setting(store, "probe") is None
    assert reads == [1]
    # … and seen once the state is older than its maximum age.
    write_clock.MAX_AGE_SECONDS = 0.2
    time.sleep(0.3)
    assert setting(store, "probe") == "stil"
    assert reads == [2]


def test_a_write_in_this_process_is_seen_at_the_next_request(
    store: Store, reads: list[int]
) -> None:
    division = store.division_id()
    with request_scope():
        before = score_stamp(store, division)
    start = clock(store)
    raw = b"gebiedcode;indicator;periode;waarde\nO01a;werkloosheid_p;2024;12,3\n"
    publish(store, check(store, raw, "w.csv"), uploader="t", confirm_changes=True)
    assert clock(store) > start
    with request_scope():
        assert score_stamp(store, division) > before
    store.set_setting("probe", "1")
    assert setting(store, "probe") == "1"


def test_a_write_of_another_process_is_seen_at_the_next_request(
    store: Store, reads: list[int]
) -> None:
    assert setting(store, "probe") is None
    start = clock(store)
    script = (
        "import sys; from monitor.store import Store; "
        "Store(sys.argv[1]).set_setting('probe', 'daar')"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, "-c", script, store.url], env=env, check=True, timeout=120)
    assert clock(store) > start
    assert setting(store, "probe") == "daar"
    assert reads == [2]


def test_a_rolled_back_write_does_not_tick(store: Store) -> None:
    start = clock(store)
    with pytest.raises(RuntimeError), store.begin() as conn:
        store.set_setting("probe", "1", conn=conn)
        raise RuntimeError("afgebroken")
    assert clock(store) == start
    with store.engine.connect() as conn:  # a read does not tick either
        conn.exec_driver_sql("SELECT 1")
    assert clock(store) == start
    assert setting(store, "probe") is None


def test_without_redis_every_request_reads_the_state(
    store: Store, reads: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MONITOR_REDIS_URL")
    for _ in range(3):
        setting(store, "population_indicator")
    assert reads == [3]
    raw_write(store, "probe", "direct")
    assert setting(store, "probe") == "direct"


def test_a_redis_that_does_not_answer_reads_every_time(
    store: Store, reads: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MONITOR_REDIS_URL", f"redis://127.0.0.1:{free_port()}/0")
    for _ in range(3):
        assert setting(store, "population_indicator") == "bev_totaal"
    store.set_setting("probe", "1")  # the raise fails quietly
    assert setting(store, "probe") == "1"
    assert reads == [4]
