"""Single flight in the shared cache: one build per key while others ask for it at the
same time — threads of one process, and instances (each its own ``Cache``) on one Redis;
a builder that fails leaves the key to the next, who builds it."""

from __future__ import annotations

import threading
import time
import uuid
from typing import Any

import pytest

from monitor import cache
from tests.support import require_redis


class Builder:
    """A slow build that counts its calls (and fails once when told to)."""

    def __init__(self, seconds: float, value: Any, fail: bool = False) -> None:
        self.seconds, self.value, self.fail = seconds, value, fail
        self.calls = 0
        self.started = threading.Event()

    def __call__(self) -> Any:
        self.calls += 1
        self.started.set()
        time.sleep(self.seconds)
        if self.fail:
            raise RuntimeError("build failed")
        return self.value


def run_all(calls: list[Any]) -> list[Any]:
    """Call each in its own thread at once; their results (or raised errors) in order."""
    out: list[Any] = [None] * len(calls)

    def one(n: int) -> None:
        try:
            out[n] = calls[n]()
        except Exception as exc:  # the test looks at it
            out[n] = exc

    threads = [threading.Thread(target=one, args=(n,)) for n in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return out


def test_threads_of_one_process_build_a_key_once() -> None:
    local = cache.Cache(None)
    build = Builder(0.3, {"areas": [1, 2, 3]})
    parts = ("flight", uuid.uuid4().hex)
    got = run_all([lambda: local.remember("t", parts, build)] * 6)
    assert build.calls == 1
    assert got == [{"areas": [1, 2, 3]}] * 6
    assert local.counts == {"local": 5, "shared": 0, "built": 1}
    # Callers get copies: one changing its value does not change the others'.
    got[0]["areas"].append(4)
    assert local.remember("t", parts, build) == {"areas": [1, 2, 3]}
    assert local._flights == {}


def test_other_keys_do_not_wait_for_a_build() -> None:
    local = cache.Cache(None)
    slow = Builder(1.0, "slow")
    quick = Builder(0.0, "quick")
    thread = threading.Thread(target=local.remember, args=("t", ("slow",), slow))
    thread.start()
    slow.started.wait(5)
    start = time.monotonic()
    assert local.remember("t", ("quick",), quick) == "quick"
    assert time.monotonic() - start < 0.5
    thread.join()


@pytest.mark.redis
def test_two_instances_on_one_redis_build_once() -> None:
    client = cache.redis_client(require_redis())
    a, b = cache.Cache(client), cache.Cache(client)
    build_a = Builder(0.4, [10, 20])
    build_b = Builder(0.4, [10, 20])
    parts = ("flight", uuid.uuid4().hex)

    def second() -> Any:
        build_a.started.wait(5)  # the first instance is building
        return b.remember("t", parts, build_b)

    got = run_all([lambda: a.remember("t", parts, build_a), second])
    assert got == [[10, 20], [10, 20]]
    assert (build_a.calls, build_b.calls) == (1, 0)
    assert b.counts == {"local": 0, "shared": 1, "built": 0}
    # The claim is gone with the build.
    assert not client.exists(cache.key_of("t", parts) + cache.CLAIM_SUFFIX)


@pytest.mark.redis
def test_a_failed_build_lets_the_waiting_instance_build() -> None:
    client = cache.redis_client(require_redis())
    a, b = cache.Cache(client), cache.Cache(client)
    failing = Builder(0.3, None, fail=True)
    build_b = Builder(0.0, "from b")
    parts = ("flight", uuid.uuid4().hex)

    def second() -> Any:
        failing.started.wait(5)
        return b.remember("t", parts, build_b)

    start = time.monotonic()
    got = run_all([lambda: a.remember("t", parts, failing), second])
    assert isinstance(got[0], RuntimeError)
    assert got[1] == "from b" and build_b.calls == 1
    # b built as soon as a's claim ended, not after the claim's full time.
    assert time.monotonic() - start < cache.CLAIM_SECONDS / 2
    # And a failed build keeps nothing: the next ask on a reads what b built.
    assert a.remember("t", parts, failing) == "from b" and failing.calls == 1
