"""What every benchmark shares: fresh-process steps, peak memory, CPU time, load."""

from __future__ import annotations

import contextlib
import json
import os
import re
import resource
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def load() -> list[float]:
    """The machine's load average (1, 5, 15 minutes), rounded."""
    return [round(x, 2) for x in os.getloadavg()]


def host_reference(runs: int = 3) -> float:
    """Seconds of a fixed single-threaded workload (a numpy sort, a pandas groupby, a
    Python loop, SQLite inserts in memory), the fastest of ``runs``: how fast this host
    ran at that moment. The load average misses a host that is slower for reasons of its
    own (a shared machine's other guests); the same work timed in every run shows it."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(0)
    values = rng.random(3_000_000)
    keys = rng.integers(0, 1_000, 3_000_000)
    rows = list(zip(range(300_000), values[:300_000].tolist(), strict=True))

    def once() -> float:
        start = time.perf_counter()
        np.sort(values)
        pd.Series(values).groupby(keys).mean()
        total = 0
        for i in range(1_000_000):
            total += i * i
        conn = sqlite3.connect(":memory:")
        conn.execute("CREATE TABLE t (a INTEGER, b REAL)")
        conn.executemany("INSERT INTO t VALUES (?, ?)", rows)
        conn.close()
        return time.perf_counter() - start

    return round(min(once() for _ in range(runs)), 3)


def checkpoint_after() -> float:
    """Seconds the background WAL checkpoint still ran after the measured step returned
    (SQLite: a large write's commit leaves it to a thread, ``monitor.store.checkpoint``;
    a command waits for it before it exits, a page's upload answers before it)."""
    from monitor.store import checkpoint

    start = time.perf_counter()
    checkpoint.wait()
    return round(time.perf_counter() - start, 2)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_peak_mb() -> float:
    """The largest peak RSS of this process's ended children (a rebuild's worker)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def children_cpu_seconds() -> float:
    """CPU time (user + system) of this process's ended children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cpu_seconds() -> float:
    """CPU time of this process (user + system): less sensitive to a busy machine than wall."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def rss_mb() -> float:
    """This process's resident memory now."""
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024


class Phases:
    """Wall time and peak RSS per phase of our pipeline, by wrapping its functions."""

    def __init__(self) -> None:
        self.found: dict[str, dict[str, float]] = {}
        self.peak_mb = 0  # resetting VmHWM also resets ru_maxrss, so we keep the maximum

    @contextlib.contextmanager
    def timing(self, name: str, reset_peak: bool = True) -> Iterator[None]:
        if reset_peak:
            self.peak_mb = max(self.peak_mb, _hwm_mb())
            _reset_peak()
        start = time.perf_counter()
        try:
            yield
        finally:
            entry = self.found.setdefault(name, {"seconds": 0.0, "calls": 0, "peak_mb": 0})
            entry["seconds"] = round(entry["seconds"] + time.perf_counter() - start, 3)
            entry["calls"] += 1
            entry["peak_mb"] = max(entry["peak_mb"], _hwm_mb())

    def wrap(self, owner: Any, attr: str, name: str, reset_peak: bool = True) -> None:
        inner = getattr(owner, attr)

        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.timing(name, reset_peak):
                return inner(*args, **kwargs)

        setattr(owner, attr, timed)

    def wrap_context(self, owner: Any, attr: str, name: str) -> None:
        """The same for a context manager: from entering to leaving (e.g. the commit)."""
        inner = getattr(owner, attr)

        @contextlib.contextmanager
        def timed(*args: Any, **kwargs: Any) -> Iterator[Any]:
            with self.timing(name), inner(*args, **kwargs) as value:
                yield value

        setattr(owner, attr, timed)


def _reset_peak() -> None:
    """Reset the kernel's peak-RSS counter (VmHWM), so each phase gets its own peak."""
    with contextlib.suppress(OSError):  # if not allowed, a phase's peak is the peak so far
        Path("/proc/self/clear_refs").write_text("5")


def _hwm_mb() -> int:
    status = Path("/proc/self/status").read_text()
    return round(int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024)


def measure(
    step: str, a: Path, b: Path, profile: bool = False, env: dict[str, str] | None = None
) -> dict[str, Any]:
    """Run one step in a fresh interpreter; returns its JSON result."""
    command = [sys.executable, "-m", "bench.run", "--step", step, str(a), str(b)]
    done = subprocess.run(
        command + (["--profile"] if profile else []),
        cwd=ROOT,
        env=dict(os.environ) | (env or {}),
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.splitlines()[-1])


def count_rows(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        count = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    conn.close()
    return count
