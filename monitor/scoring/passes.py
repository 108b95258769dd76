"""A rebuild's passes: which indicators each scores (:func:`plan_passes`), scoring one
(:func:`score_pass`: read, compute, pack) and, for a whole rebuild of a large store,
scoring them ahead in worker processes (:class:`Ahead`) while this one writes.

A whole rebuild reads and scores about 14 M measurements nationally and writes 1 M packed
score groups; reading and scoring take about twice as long as writing. The workers read
through connections of their own, so they see only committed data: they are used only
where the rebuilding transaction has changed no measurement, area or catalogue row
(``monitor scores rebuild``), and they start reading after that transaction holds the
score lock (on SQLite the write lock), when no other change can commit any more until it
does.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy.engine import Connection

from monitor.scoring.compute import Inputs, Result, compute
from monitor.scoring.inputs import load_inputs
from monitor.store import Store, bulk
from monitor.store.score_pack import Packed, pack


@dataclass
class ScoredPass:
    """One pass's score groups, their packed rows and counts, ready to write."""

    groups: pd.DataFrame
    packed: Packed
    #: level → (indicator-period groups, score rows)
    per_level: dict[str, tuple[int, int]]
    rows: int
    #: "read" and "compute" → seconds (where the pass was scored)
    seconds: dict[str, float] = field(default_factory=dict)


def plan_passes(counts: dict[str, int], size: int) -> list[list[str]]:
    """Indicators (with values) in passes of at most about ``size`` values each, in id
    order; an indicator larger than ``size`` is a pass of its own."""
    passes: list[list[str]] = []
    held = size
    for indicator_id in sorted(counts):
        if held + counts[indicator_id] > size:
            passes.append([])
            held = 0
        passes[-1].append(indicator_id)
        held += counts[indicator_id]
    return passes or [[]]


def score_pass(
    store: Store,
    division_id: int,
    ids: list[str] | None,
    read: list[int] | None,
    chosen: list[int] | None,
    conn: Connection | None = None,
) -> ScoredPass:
    """Read the current values of ``ids`` (None: all) in the periods ``read``, score them
    in the periods ``chosen`` (None: all) and pack the rows of each group.

    Indexes that ``conn``'s transaction left to rebuild (a first import on SQLite,
    :func:`monitor.store.bulk.build_late_indexes`) are rebuilt in a thread once the
    values are read, while this one scores them: ``conn`` is the thread's until then."""
    start = time.perf_counter()
    inputs = load_inputs(store, division_id, conn=conn, indicator_ids=ids, periods=read)
    loaded = time.perf_counter()
    with contextlib.ExitStack() as stack:
        if conn is not None and bulk.late_indexes(conn):
            pool = stack.enter_context(ThreadPoolExecutor(1, thread_name_prefix="indexes"))
            built = pool.submit(bulk.build_late_indexes, conn)
            # Leaving waits for the thread (an error here included): conn is shared.
            stack.callback(built.result)
        scored = scored_pass(inputs, ids, chosen)
    scored.seconds["read"] = loaded - start
    return scored


def scored_pass(inputs: Inputs, ids: list[str] | None, chosen: list[int] | None) -> ScoredPass:
    """Score ``inputs`` (of ``ids``; None: all) in the periods ``chosen`` and pack them.
    ``inputs.values`` is released once scored (memory: a million rows are not kept
    beside their packed scores)."""
    start = time.perf_counter()
    result = compute(inputs, indicator_ids=ids, periods=chosen)
    inputs.values = inputs.values.iloc[:0].copy()
    packed = pack(result.rows, len(result.groups))
    seconds = {"compute": time.perf_counter() - start}
    return ScoredPass(result.groups, packed, _per_level(result), len(result.rows), seconds)


def _per_level(result: Result) -> dict[str, tuple[int, int]]:
    """level → (groups, score rows) of one computed result (levels in order of appearance)."""
    codes, levels = pd.factorize(result.groups["level"].to_numpy(dtype=object))
    groups = np.bincount(codes, minlength=len(levels))
    rows = np.bincount(codes[result.rows["group"].to_numpy(dtype="int64")], minlength=len(levels))
    return {str(level): (int(groups[k]), int(rows[k])) for k, level in enumerate(levels)}


def reads_apart(store: Store) -> bool:
    """Whether another process can read this store (not an in-memory SQLite database)."""
    url = store.engine.url
    return not (url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"))


class WorkerStopped(RuntimeError):
    """The worker process of a rebuild failed or ended before its passes were scored."""


class Ahead:
    """Worker processes that score a rebuild's passes ahead of the writer.

    Each worker is ``python -m monitor.scoring.pass_worker`` (it imports the scoring code
    while this process goes on; no module of the caller is imported again). Pass *k* goes
    to worker *k* mod ``workers``; each worker is asked for two passes at first and one
    more whenever one of its passes is taken, so it never waits for the writer. Iterating
    yields the passes scored, in order. Requests and passes travel pickled through the
    workers' stdin and stdout. An error in a worker, or its end, raises
    :class:`WorkerStopped`; leaving on an error stops the workers at once."""

    def __init__(
        self,
        url: str,
        division_id: int,
        passes: list[list[str]],
        read: list[int] | None,
        chosen: list[int] | None,
        workers: int = 1,
    ) -> None:
        command = [sys.executable, "-m", "monitor.scoring.pass_worker"]
        # The same code as this process's, wherever that was imported from.
        root = str(Path(__file__).resolve().parents[2])
        path = os.pathsep.join(p for p in [root, os.environ.get("PYTHONPATH", "")] if p)
        environment = {**os.environ, "PYTHONPATH": path}
        self._processes: list[subprocess.Popen] = []
        self._requests = [(ids, read, chosen) for ids in passes]
        self._sent = self._taken = 0
        try:
            for _ in range(max(1, min(workers, len(passes)))):
                pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE}
                self._processes.append(subprocess.Popen(command, env=environment, **pipes))
                # Not on the command line: a URL may hold a password.
                self._send(len(self._processes) - 1, (url, division_id))
            for _ in range(2 * len(self._processes)):
                self._send_next()
        except BaseException as error:
            self.__exit__(type(error))
            raise
        self.pids = [process.pid for process in self._processes]

    def __enter__(self) -> Ahead:
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        for process in self._processes:
            if kind is not None:
                process.kill()
            with contextlib.suppress(OSError):
                process.stdin.close()  # the end of the requests: the worker ends
        for process in self._processes:
            process.stdout.close()
            process.wait()

    def __iter__(self) -> Iterator[ScoredPass]:
        while self._taken < len(self._requests):
            scored = self._receive(self._taken % len(self._processes))
            self._taken += 1
            self._send_next()
            yield scored

    def _send_next(self) -> None:
        if self._sent < len(self._requests):
            self._send(self._sent % len(self._processes), self._requests[self._sent])
            self._sent += 1

    def _send(self, worker: int, request: object) -> None:
        process = self._processes[worker]
        try:
            pickle.dump(request, process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            process.stdin.flush()
        except OSError as error:  # its end of the pipe closed
            raise WorkerStopped(self._stopped(worker)) from error

    def _receive(self, worker: int) -> ScoredPass:
        try:
            outcome, found = pickle.load(self._processes[worker].stdout)
        except (EOFError, pickle.UnpicklingError) as error:
            raise WorkerStopped(self._stopped(worker)) from error
        if outcome != "ok":
            raise WorkerStopped(f"the scoring worker failed:\n{found}")
        return found

    def _stopped(self, worker: int) -> str:
        return f"the scoring worker stopped (exit code {self._processes[worker].wait()})"
