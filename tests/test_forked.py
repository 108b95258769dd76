"""``monitor.forked``: a function run in a forked child, its value or its error back, a
child that is not wanted any more stopped, and no fork beside another thread."""

from __future__ import annotations

import os
import signal
import threading
import time
import weakref

import numpy as np
import pytest

from monitor import forked

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")


def test_the_child_reads_the_parents_memory_and_sends_its_value_back() -> None:
    values = np.arange(1_000_000, dtype="float64")  # not pickled on the way in
    child = forked.Forked(lambda: (os.getpid(), float(values.sum()), values[:3] * 2))
    pid, total, head = child.result()
    assert pid == child.pid != os.getpid()
    assert total == float(values.sum())
    assert head.tolist() == [0.0, 2.0, 4.0]
    with pytest.raises(ChildProcessError):
        os.waitpid(child.pid, os.WNOHANG)  # reaped


def test_an_error_in_the_child_is_raised_with_its_traceback() -> None:
    def fails() -> None:
        raise ValueError("kapot in het kind")

    child = forked.Forked(fails)
    with pytest.raises(forked.ChildFailed, match="ValueError: kapot in het kind"):
        child.result()


def test_a_child_that_dies_without_an_answer_is_a_failure() -> None:
    child = forked.Forked(lambda: os._exit(3))
    with pytest.raises(forked.ChildFailed, match="without an answer"):
        child.result()


def test_close_stops_a_child_that_still_runs() -> None:
    child = forked.Forked(lambda: time.sleep(60))
    start = time.monotonic()
    child.close()
    assert time.monotonic() - start < 5
    with pytest.raises(ChildProcessError):
        os.waitpid(child.pid, os.WNOHANG)
    child.close()  # twice: nothing


def test_no_fork_beside_another_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    # Threads other tests left running (a checkpoint, a server) are not this test's.
    monkeypatch.setattr(forked, "_tolerated", weakref.WeakSet(threading.enumerate()))
    assert forked.can_fork()
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not forked.can_fork()
    finally:
        stop.set()
        other.join()
    assert forked.can_fork()


def test_the_parents_signal_handlers_are_not_the_childs() -> None:
    """A handler the parent installed (a job worker's) does not run in the child: a
    SIGTERM simply ends it, and the parent sees no answer."""
    called: list[int] = []
    before = signal.signal(signal.SIGTERM, lambda number, _frame: called.append(number))
    try:
        child = forked.Forked(lambda: (os.kill(os.getpid(), signal.SIGTERM), "gebleven"))
        with pytest.raises(forked.ChildFailed, match="without an answer"):
            child.result()
    finally:
        signal.signal(signal.SIGTERM, before)
    assert called == []


def test_a_tolerated_thread_does_not_stop_a_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    """A thread declared harmless (a progress display's) leaves forking possible; any
    other thread beside it does not."""
    monkeypatch.setattr(forked, "_tolerated", weakref.WeakSet(threading.enumerate()))
    stop = threading.Event()
    display = threading.Thread(target=stop.wait)
    other = threading.Thread(target=stop.wait)
    display.start()
    try:
        assert not forked.can_fork()
        forked.tolerate(display)
        assert forked.can_fork()
        other.start()
        assert not forked.can_fork()
    finally:
        stop.set()
        display.join()
        if other.is_alive():
            other.join()
