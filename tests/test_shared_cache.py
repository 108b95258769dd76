"""The shared cache: two app instances (two stores, two caches) on one database and one
Redis. A publish on one is seen by the other at its next read, never a stale value; what
one instance computed, the other reads from Redis instead of computing again."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import redis

from monitor import cache, demo
from monitor.area_geometry import area_geojson
from monitor.ingest.upload import check, publish
from monitor.scoring.compute import Options
from monitor.scoring.coverage import Coverage
from monitor.scoring.read import Scores, generation
from monitor.store import Store
from tests.support import require_redis

#: A published value the demo does not have: N01a's unemployment in 2024 becomes 3,3.
NEW_VALUE = b"gebiedcode;indicator;periode;waarde\nN01a;werkloosheid_p;2024;3,3\n"


@pytest.fixture
def two_instances(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Store, Store, str]]:
    """Two stores on one (demo) database, like two gunicorn workers or machines."""
    url = require_redis()
    monkeypatch.setenv("MONITOR_REDIS_URL", url)
    first = Store(database_url)
    first.upgrade()
    demo.install(first)
    second = Store(database_url)
    yield first, second, url
    first.engine.dispose()
    second.engine.dispose()


@contextmanager
def on(instance: cache.Cache, url: str) -> Iterator[cache.Cache]:
    """Make ``instance`` this process's shared cache for a while (one app instance)."""
    before = cache._caches.get(url)
    cache._caches[url] = instance
    try:
        yield instance
    finally:
        if before is None:
            cache._caches.pop(url, None)
        else:
            cache._caches[url] = before


def _n01a(frame: pd.DataFrame) -> float:
    return float(frame.loc[frame["code"] == "N01a", "value"].iloc[0])


@pytest.mark.redis
def test_a_publish_on_one_instance_is_seen_by_the_other(
    two_instances: tuple[Store, Store, str],
) -> None:
    first, second, url = two_instances
    client = cache.redis_client(url)
    a, b = cache.Cache(client), cache.Cache(client)
    with on(a, url):
        before = Scores(first).frame("werkloosheid_p", 2024, "buurt")
        geometry = area_geojson(first, first.division_id(), "wijk")
    assert a.counts == {"local": 0, "shared": 0, "built": 2}
    old = _n01a(before)
    assert old != 3.3

    # The other instance reads what the first computed from Redis: equal, not rebuilt.
    with on(b, url):
        seen = Scores(second).frame("werkloosheid_p", 2024, "buurt")
        assert area_geojson(second, second.division_id(), "wijk") == geometry
    assert b.counts == {"local": 0, "shared": 2, "built": 0}
    pd.testing.assert_frame_equal(seen, before)
    assert seen.attrs == before.attrs and seen.attrs["gemeente"] == "Voorbeeldstad"

    # Publish on the first instance; the second sees the new generation's data at once.
    checked = check(first, NEW_VALUE, "nieuw.csv")
    publish(first, checked, uploader="anna", confirm_changes=True)
    with on(b, url):
        after = Scores(second).frame("werkloosheid_p", 2024, "buurt")
        # Its own process copy of the old generation is never served again.
        again = Scores(second).frame("werkloosheid_p", 2024, "buurt")
    assert _n01a(after) == 3.3 and _n01a(again) == 3.3
    assert b.counts["built"] == 1 and b.counts["local"] == 1
    with on(a, url):
        assert _n01a(Scores(first).frame("werkloosheid_p", 2024, "buurt")) == 3.3
    assert a.counts["shared"] == 1  # the second instance built it; the first reads it


@pytest.mark.redis
def test_on_demand_methods_are_shared_too(two_instances: tuple[Store, Store, str]) -> None:
    first, second, url = two_instances
    client = cache.redis_client(url)
    a, b = cache.Cache(client), cache.Cache(client)
    z5 = Options(method="z5")
    with on(a, url):
        built = Scores(first).frame("werkloosheid_p", 2024, "buurt", options=z5)
    with on(b, url):
        read = Scores(second).frame("werkloosheid_p", 2024, "buurt", options=z5)
    assert b.counts == {"local": 0, "shared": 1, "built": 0}
    pd.testing.assert_frame_equal(read, built)


def test_frames_travel_as_arrow_with_their_attrs() -> None:
    frame = pd.DataFrame(
        {"code": ["A", "B"], "value": [1.5, np.nan], "n": pd.array([3, None], dtype="Int64")}
    )
    # A score frame of a year without colours says why in its attrs (a Coverage).
    coverage = Coverage("werkloosheid_p", 2025, "buurt", 31, 90, None, None)
    frame.attrs = {"gemeente": "Voorbeeldstad", "level": "buurt", "coverage": coverage}
    data = cache.FRAME.encode(frame)
    assert not data.startswith(b"\x80")  # an Arrow stream, not a pickle
    back = cache.FRAME.decode(data)
    pd.testing.assert_frame_equal(back, frame)
    assert back.attrs == frame.attrs and back.attrs["coverage"].share == 31 / 90
    pair = cache.FRAMES.decode(cache.FRAMES.encode((frame, frame.iloc[:1])))
    assert len(pair) == 2 and len(pair[1]) == 1
    # What the local cache counts against its budget: the columns' and index's bytes.
    assert cache.FRAME.size(frame) == int(frame.memory_usage(index=True, deep=False).sum())
    # pandas copies ``attrs`` deeply in every operation on a frame; the frozen Coverage
    # is its own copy, so a score frame's every column read does not rebuild it.
    assert frame[["code"]].attrs["coverage"] is coverage


def test_without_redis_the_cache_is_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MONITOR_REDIS_URL", raising=False)
    here = cache.shared()
    assert not here.shared
    calls: list[int] = []
    key = ("sqlite:///x", 1, 7)
    assert here.remember("t", key, lambda: calls.append(1) or {"a": [1]}) == {"a": [1]}
    got = here.remember("t", key, lambda: calls.append(1) or {"a": [2]})
    got["a"].append(5)  # a caller changing what it got does not change the cache
    assert here.remember("t", key, lambda: {"a": [3]}) == {"a": [1]} and calls == [1]
    # A new generation is a new key.
    assert here.remember("t", (*key[:2], 8), lambda: {"a": [9]}) == {"a": [9]}


def test_an_unreachable_redis_never_breaks_a_read() -> None:
    down = cache.Cache(redis.Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.2))
    assert down.remember("t", ("k", 1), lambda: [1, 2]) == [1, 2]
    assert down.remember("t", ("k", 2), lambda: [3]) == [3]  # paused: no second wait
    assert down.counts["built"] == 2


@pytest.mark.redis
def test_a_database_made_again_never_gets_the_old_one_s_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store created again (or restored from a backup) at the same URL repeats
    generation numbers; the cache keys hold when each generation was built, so Redis
    never answers with the other database's values."""
    url = require_redis()
    monkeypatch.setenv("MONITOR_REDIS_URL", url)
    database = f"sqlite:///{tmp_path / 'again.sqlite'}"
    client = cache.redis_client(url)
    found = []
    for value in ("3,3", "7,7"):
        store = Store(database)
        store.upgrade()
        demo.install(store)
        raw = NEW_VALUE.replace(b"3,3", value.encode())
        publish(store, check(store, raw, "nieuw.csv"), uploader="anna", confirm_changes=True)
        with on(cache.Cache(client), url):  # a fresh process: only Redis remembers
            found.append(
                (
                    generation(store, store.division_id()),
                    _n01a(Scores(store).frame("werkloosheid_p", 2024, "buurt")),
                )
            )
        store.engine.dispose()
        (tmp_path / "again.sqlite").unlink()
    (first_generation, first), (second_generation, second) = found
    assert first_generation == second_generation  # the same number …
    assert (first, second) == (3.3, 7.7)  # … and yet each database's own values


def test_the_process_keeps_at_most_its_budget() -> None:
    small = cache.Cache(None, size=3, max_bytes=10_000)
    frame = pd.DataFrame({"x": np.arange(500, dtype="float64")})  # 4 KB
    for generation_ in range(4):
        small.remember("t", ("k", generation_), lambda: frame, cache.FRAME)
    assert len(small._local) == 2 and small._bytes <= 10_000  # bytes decide, not the count
    small.remember("t", ("k", 3), lambda: frame, cache.FRAME)
    assert small.counts["local"] == 1  # the newest is still there


@pytest.mark.redis
def test_the_building_instance_gets_what_the_others_decode() -> None:
    """Arrow turns an object column of ints and None into floats: the instance that built a
    frame must see the same dtypes as the instance that reads it from Redis."""
    client = redis.Redis.from_url(require_redis())
    key = ("redis-dtypes", np.random.default_rng().integers(1 << 40))
    first, second = cache.Cache(client), cache.Cache(client)
    built = pd.DataFrame({"code": ["A", "B"], "n": pd.Series([3, None], dtype=object)})
    here = first.remember("t", key, lambda: built, cache.FRAME)
    there = second.remember("t", key, lambda: pytest.fail("built twice"), cache.FRAME)
    assert first.counts["built"] == 1 and second.counts["shared"] == 1
    assert here["n"].dtype == there["n"].dtype == np.float64
    pd.testing.assert_frame_equal(here, there)


def test_read_only_values_are_not_copied_per_call() -> None:
    here = cache.Cache()
    outlines = [["A", "Pareldorp", {"type": "Point", "coordinates": [4.9, 52.4]}]]
    first = here.remember("geo", ("k", 1), lambda: outlines, cache.READ_ONLY_JSON)
    again = here.remember("geo", ("k", 1), lambda: pytest.fail("built twice"), cache.READ_ONLY_JSON)
    assert again is first  # one decoded value for every caller
    # The mutable codec still hands out copies.
    mine = here.remember("ctx", ("k", 1), lambda: {"a": [1]})
    mine["a"].append(2)
    assert here.remember("ctx", ("k", 1), lambda: {}) == {"a": [1]}


def test_local_values_never_go_to_redis() -> None:
    """A value only this process reads (a dataclass of frames) is kept here, never encoded
    for Redis: the other instance builds its own, and Redis is not paused by a failed
    encoding."""
    client = redis.Redis.from_url(require_redis())
    key = ("local", int(np.random.default_rng().integers(1 << 40)))
    first, second = cache.Cache(client), cache.Cache(client)
    value = object()
    assert first.remember("t", key, lambda: value, cache.LOCAL) is value
    assert first.remember("t", key, lambda: pytest.fail("built twice"), cache.LOCAL) is value
    assert client.get(cache.key_of("t", key)) is None
    assert second.remember("t", key, lambda: "own", cache.LOCAL) == "own"
    assert first._usable() and second.counts == {"local": 0, "shared": 0, "built": 1}


@pytest.mark.redis
def test_a_profile_built_on_one_instance_is_read_by_the_other(
    two_instances: tuple[Store, Store, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The buurtprofiel's data (monitor.profile.cached_profile) travels through Redis: the
    second instance reads what the first built; after a publish the renewed profile equals
    one built from scratch, on both."""
    from monitor import profile
    from monitor.scoring import Scorer

    first, second, url = two_instances
    client = cache.redis_client(url)
    a, b = cache.Cache(client), cache.Cache(client)
    built: list[str] = []
    real = profile.area_profile
    monkeypatch.setattr(
        profile,
        "area_profile",
        lambda s, code, *x, **k: built.append(code) or real(s, code, *x, **k),
    )
    profile._profiles.clear()
    with on(a, url):
        mine = profile.cached_profile(Scorer(first), "N01a")
    profile._profiles.clear()  # the other instance's process keeps nothing
    with on(b, url):
        theirs = profile.cached_profile(Scorer(second), "N01a")
    assert built == ["N01a"] and b.counts["built"] == 0
    assert (theirs.code, theirs.name, theirs.parents) == (mine.code, mine.name, mine.parents)
    pd.testing.assert_frame_equal(theirs.rows, mine.rows)
    pd.testing.assert_frame_equal(theirs.series, mine.series)

    publish(first, check(first, NEW_VALUE, "nieuw.csv"), uploader="anna", confirm_changes=True)
    with on(b, url):
        renewed = profile.cached_profile(Scorer(second), "N01a")
    assert renewed.rows.set_index("indicator_id").loc["werkloosheid_p", "value"] == 3.3
    profile._profiles.clear()
    with on(cache.Cache(None), url):
        fresh = profile.cached_profile(Scorer(first), "N01a")
    pd.testing.assert_frame_equal(renewed.rows, fresh.rows, check_dtype=False)
    pd.testing.assert_frame_equal(renewed.series, fresh.series, check_dtype=False)
