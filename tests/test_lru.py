"""The small per-process LRU the modules keep their reads in (monitor.lru)."""

from __future__ import annotations

import threading

from monitor.lru import LRU


def test_the_least_recently_used_value_goes_first() -> None:
    kept: LRU[int] = LRU(2)
    kept.put("a", 1)
    kept.put("b", 2)
    assert kept.get("a") == 1  # now "b" is the least recently used
    kept.put("c", 3)
    assert "b" not in kept and kept.get("a") == 1 and kept.get("c") == 3
    assert len(kept) == 2
    kept.clear()
    assert len(kept) == 0 and kept.get("a") is None


def test_a_value_is_built_once_while_kept_and_again_after_it_fell_out() -> None:
    built: list[str] = []
    kept: LRU[str] = LRU(1)

    def build(key: str) -> str:
        built.append(key)
        return key.upper()

    assert kept.get_or_build("x", lambda: build("x")) == "X"
    assert kept.get_or_build("x", lambda: build("x")) == "X"
    assert kept.get_or_build("y", lambda: build("y")) == "Y"
    assert kept.get_or_build("x", lambda: build("x")) == "X"
    assert built == ["x", "y", "x"]


def test_threads_share_it() -> None:
    kept: LRU[int] = LRU(50)

    def work(offset: int) -> None:
        for k in range(200):
            kept.get_or_build((offset + k) % 80, lambda k=k: k)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(kept) == 50
