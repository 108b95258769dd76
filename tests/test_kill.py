"""Kill the publishing process with SIGKILL at random moments: the store is exactly as
before the publish or exactly as after it, never in between, on SQLite and PostgreSQL.

Set-up per backend: the demo city plus one extra upload (so there are current values to
supersede), then a meetingen file of 18,000 rows that changes values and adds new ones. It
is checked once in this process and handed to every child pickled; the child only
publishes, printing "begin" inside the transaction and "committed" after it. One complete
run gives the "after" state and how long the parts take: P before the transaction, X in
it. Then each of KILLS runs gets a fresh copy of the "before" store and a child that is
killed after a seeded, stratified random delay: 8 spread over [0, P + X] from the start,
8 over [0, X] from "begin", 4 over [0, 0.1 s] from "committed". Anchoring to the markers
keeps every phase covered however busy the machine is. Children are fresh Python
processes; a couple are started ahead, so their imports overlap with the previous run.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter, deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from monitor import demo
from monitor.ingest import upload
from monitor.store import Store
from tests.support import POSTGRES_ADMIN, postgres_database

ROOT = Path(__file__).resolve().parents[1]
SEED = 2024
#: Kills per anchor: from the start of publishing, from "begin", from "committed".
PLAN = {"start": 8, "begin": 8, "committed": 4}
KILLS = sum(PLAN.values())
AHEAD = 2  # children importing in the background while a run goes on
#: Percentages, so random values between 1 and 60 are all valid.
INDICATORS = (
    "werkloosheid_p",
    "bijstand_p",
    "minima_p",
    "werkzaam_p",
    "vsv_p",
    "havovwo_p",
    "onveilig_p",
    "eenouder_p",
    "jeugdwerkloos_p",
    "overgewicht10_p",
)
#: 90 buurten × 10 indicators × 20 years = 18,000 rows: about 0.6 s to publish on SQLite and
#: 1.3 s on PostgreSQL on the 2-core dev machine (publish runs at only ~15-45k rows/s).
YEARS = range(2005, 2025)
ROWS = 18_000
MEASUREMENTS = (
    "SELECT id, area_id, indicator_id, period, value, n, flag, upload_id, is_current "
    "FROM measurements ORDER BY id"
)
UPLOADS = "SELECT id, kind, filename, sha256, uploader, status, row_count FROM uploads ORDER BY id"

#: The child: import, load the checked file, say "ready"; on a line "URL DATA_DIR" publish.
#: It prints "begin" inside the transaction and "committed" after it, then waits to be killed.
CHILD = """
import contextlib, pickle, sys
from pathlib import Path
from monitor.ingest import upload
from monitor.store import Store

checked = pickle.loads(Path(sys.argv[1]).read_bytes())
print("ready", flush=True)
url, data_dir = sys.stdin.readline().split()
store = Store(url)
begin = store.begin

@contextlib.contextmanager
def marked_begin(**options):
    with begin(**options) as conn:
        print("begin", flush=True)
        yield conn
    print("committed", flush=True)

store.begin = marked_begin
upload.publish(store, checked, uploader="kill-test", confirm_changes=True, data_dir=Path(data_dir))
print("done", flush=True)
sys.stdin.read()
"""


def meetingen(codes: list[str], indicators: tuple[str, ...], years: range, seed: int) -> bytes:
    """A long meetingen CSV with decimal commas and random valid percentages."""
    rng = np.random.default_rng(seed)
    keys = [(c, i, y) for c in codes for i in indicators for y in years]
    values = rng.uniform(1, 60, len(keys))
    lines = [
        f"{c};{i};{y};{v:.1f}".replace(".", ",") for (c, i, y), v in zip(keys, values, strict=True)
    ]
    return "\n".join(["gebiedcode;indicator;periode;waarde", *lines, ""]).encode()


def prepare(store: Store, tmp_path: Path) -> upload.Checked:
    """Demo city + one extra upload in the store; returns the big file, checked."""
    store.upgrade()
    demo.install(store)
    codes = sorted(store.areas_frame(store.division_id(), "buurt")["code"])
    extra = upload.check(store, meetingen(codes, INDICATORS[:2], range(2017, 2025), 1), "a.csv")
    upload.publish(store, extra, uploader="pytest", confirm_changes=True, data_dir=tmp_path)
    checked = upload.check(store, meetingen(codes, INDICATORS, YEARS, 2), "b.csv")
    assert checked.report.ok and checked.preview is not None
    assert len(checked.report.frame) == ROWS and checked.preview.changed > 0
    store.engine.dispose()
    return checked


def snapshot(conn: Any) -> tuple[list[tuple], list[tuple]]:
    """All measurement rows and uploads (without timestamps); sqlite3 or psycopg."""
    return conn.execute(MEASUREMENTS).fetchall(), conn.execute(UPLOADS).fetchall()


def current(state: tuple[list[tuple], list[tuple]]) -> int:
    """How many measurement rows are current (is_current is the last column)."""
    return sum(bool(row[-1]) for row in state[0])


class SQLite:
    """Each run works on a copy of the prepared file."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.base = tmp_path / "base.sqlite"
        self.checked = prepare(Store(f"sqlite:///{self.base}"), tmp_path)

    def fresh(self, run: int) -> str:
        path = self.tmp_path / f"run{run}.sqlite"
        with (
            contextlib.closing(sqlite3.connect(self.base)) as src,
            contextlib.closing(sqlite3.connect(path)) as dst,
        ):
            src.backup(dst)
        return f"sqlite:///{path}"

    def base_url(self) -> str:
        return f"sqlite:///{self.base}"

    def state(self, url: str) -> tuple[list[tuple], list[tuple]]:
        with contextlib.closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as db:
            assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert db.execute("PRAGMA foreign_key_check").fetchall() == []
            return snapshot(db)

    def discard(self, url: str) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)

    def close(self) -> None:
        pass


class PostgreSQL:
    """Each run works on a database cloned from the prepared one (CREATE DATABASE TEMPLATE)."""

    def __init__(self, tmp_path: Path) -> None:
        import psycopg

        self.psycopg = psycopg
        self.database = postgres_database()
        self.base = self.database.__enter__()
        self.template = self.base.rsplit("/", 1)[1]
        self.runs: set[str] = set()
        self.admin = psycopg.connect(POSTGRES_ADMIN, autocommit=True)
        try:
            self.checked = prepare(Store(self.base), tmp_path)
        except BaseException:
            self.close()
            raise

    def fresh(self, run: int) -> str:
        name = f"{self.template}_run{run}"
        self.admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        self.runs.add(name)
        return f"{self.base.rsplit('/', 1)[0]}/{name}"

    def base_url(self) -> str:
        return self.base

    def state(self, url: str) -> tuple[list[tuple], list[tuple]]:
        # The server may not have noticed the dead client yet; wait until its backend is
        # gone, so that what we read is final (a COMMIT already sent would still land).
        name = url.rsplit("/", 1)[1]
        deadline = time.monotonic() + 10
        while self.admin.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [name]
        ).fetchone()[0]:
            assert time.monotonic() < deadline, "the killed client's backend did not go away"
            time.sleep(0.01)
        with self.psycopg.connect(url) as conn:
            return snapshot(conn)

    def discard(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self.admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.runs.discard(name)

    def close(self) -> None:
        for name in list(self.runs):  # left behind by a failed run
            self.discard(f"/{name}")
        self.admin.close()
        self.database.__exit__(None, None, None)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SQLite | PostgreSQL]:
    made = SQLite(tmp_path) if request.param == "sqlite" else PostgreSQL(tmp_path)
    try:
        yield made
    finally:
        made.close()


class Children:
    """Fresh publishing processes, started AHEAD of need; each waits for its store URL."""

    def __init__(self, tmp_path: Path, checked: upload.Checked) -> None:
        self.script = tmp_path / "child.py"
        self.script.write_text(CHILD)
        self.checked = tmp_path / "checked.pickle"
        self.checked.write_bytes(pickle.dumps(checked))
        self.logs = tmp_path / "logs"
        self.logs.mkdir()
        self.started = 0
        self.waiting: deque[subprocess.Popen] = deque(self._start() for _ in range(AHEAD))

    def _start(self) -> subprocess.Popen:
        self.started += 1
        with (self.logs / f"child{self.started}.err").open("wb") as err:
            return subprocess.Popen(
                [sys.executable, str(self.script), str(self.checked)],
                cwd=ROOT,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=err,
                text=True,
            )

    def take(self) -> subprocess.Popen:
        """The oldest child, once it is ready; a new one starts in its place."""
        child = self.waiting.popleft()
        self.waiting.append(self._start())
        assert child.stdout is not None
        if child.stdout.readline() != "ready\n":
            child.wait()
            raise AssertionError(f"child failed to start:\n{self.stderr()}")
        return child

    def stderr(self) -> str:
        """What the children wrote to stderr (tracebacks), for failure messages."""
        return "\n".join(p.read_text()[-3000:] for p in sorted(self.logs.iterdir()))

    def close(self) -> None:
        for child in self.waiting:
            child.kill()
            child.wait()
            for stream in (child.stdin, child.stdout):
                if stream is not None:
                    stream.close()


def go(child: subprocess.Popen, url: str, data_dir: Path) -> float:
    """Tell a ready child to publish into ``url``; returns the moment it was told."""
    assert child.stdin is not None
    child.stdin.write(f"{url} {data_dir}\n")
    child.stdin.flush()
    return time.monotonic()


def wait_for(child: subprocess.Popen, marker: str, seen: list[str]) -> float:
    """Read the child's lines into ``seen`` up to ``marker``; returns when it came."""
    assert child.stdout is not None
    while (line := child.stdout.readline().strip()) != marker:
        assert line, f"the child died before printing {marker!r} (see its stderr log)"
        seen.append(line)
    seen.append(line)
    return time.monotonic()


def kill(child: subprocess.Popen, seen: list[str]) -> list[str]:
    """SIGKILL the child; returns all marker lines it printed."""
    os.kill(child.pid, signal.SIGKILL)
    assert child.stdout is not None and child.stdin is not None
    seen = seen + child.stdout.read().split()
    child.wait()
    child.stdout.close()
    child.stdin.close()
    assert child.returncode == -signal.SIGKILL, f"child exited by itself: {child.returncode}"
    return seen


def test_killed_publish_leaves_store_before_or_after(
    backend: SQLite | PostgreSQL, tmp_path: Path
) -> None:
    checked = backend.checked
    before = backend.state(backend.base_url())
    children = Children(tmp_path, checked)
    try:
        # A complete run: the "after" state, and how long the parts of publishing take.
        url, seen = backend.fresh(0), []
        child = children.take()
        told = go(child, url, tmp_path / "data0")
        began = wait_for(child, "begin", seen)
        committed = wait_for(child, "committed", seen)
        wait_for(child, "done", seen)
        kill(child, seen)
        span = {"start": committed - told, "begin": committed - began, "committed": 0.1}
        after = backend.state(url)
        backend.discard(url)
        # Sanity of "after": one more upload, its rows added and current, the rest superseded.
        assert after[1][:-1] == before[1] and after[1][-1][5:] == ("published", ROWS)
        assert after[0][: len(before[0])] != before[0] and len(after[0]) == len(before[0]) + ROWS
        assert all(row[-1] for row in after[0][len(before[0]) :])
        added = int(checked.preview.table["nieuw"].sum())
        assert current(after) == current(before) + added

        rng = random.Random(SEED)
        plan = [
            (anchor, (k + rng.random()) / count * span[anchor])
            for anchor, count in PLAN.items()
            for k in range(count)
        ]
        rng.shuffle(plan)
        outcomes: Counter[str] = Counter()
        log = []
        for run, (anchor, delay) in enumerate(plan, start=1):
            url, data_dir, seen = backend.fresh(run), tmp_path / f"data{run}", []
            child = children.take()
            start = go(child, url, data_dir)
            if anchor != "start":
                start = wait_for(child, anchor, seen)
            time.sleep(max(0.0, start + delay - time.monotonic()))
            printed = kill(child, seen)
            state = backend.state(url)
            backend.discard(url)
            moment = (
                "after commit"
                if "committed" in printed
                else "in transaction"
                if "begin" in printed
                else "before transaction"
            )
            result = "before" if state == before else "after" if state == after else "BETWEEN"
            log.append(f"run {run}: {delay:.3f}s after {anchor}, {moment}: store {result}")
            assert result != "BETWEEN", "\n".join(log)
            if moment == "before transaction":
                assert result == "before", "\n".join(log)
            if moment == "after commit":
                assert result == "after", "\n".join(log)
            original = data_dir / "uploads" / checked.sha256
            if original.exists():  # written atomically, or not at all
                assert hashlib.sha256(original.read_bytes()).hexdigest() == checked.sha256
            assert result == "before" or original.exists(), "published without the original"
            outcomes[result] += 1
            outcomes[moment] += 1
    finally:
        children.close()
    spans = ", ".join(f"{k} {v:.2f}s" for k, v in span.items())
    summary = f"spans: {spans}; {dict(outcomes)}\n" + "\n".join(log)
    print(summary)
    assert outcomes["before"] + outcomes["after"] == KILLS
    assert outcomes["before"] and outcomes["after"], summary
    assert outcomes["in transaction"], summary
