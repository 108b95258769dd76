"""A first import on SQLite is scored in a forked child while its rows are inserted
(``monitor.scoring.first_import``): the commit's rebuild takes the child's pass only when
it is the one it would compute itself, and the stored scores are exactly those of a
rebuild in this process; a child whose pass is not taken, or that fails, is stopped."""

from __future__ import annotations

import dataclasses
import os
import threading
import weakref
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from monitor import catalog, forked
from monitor.cli import app as cli_app
from monitor.cli import output
from monitor.ingest import upload
from monitor.scoring import first_import
from monitor.store import Store, bulk
from monitor.store.materialised import every_row
from monitor.store.schema import indicators, measurements
from tests.test_published_memo import CSV, _city, _indexes, _publish, _table

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")

GROUPS = (
    "SELECT division_id, indicator_id, period, level, ref_code, nap, nap_source, spread, "
    "areas, measured, usable, covered, population_covered, population_total, skewness, "
    "refused_code, refused_value, refused_count, own FROM score_groups "
    "ORDER BY indicator_id, period, level, ref_code"
)
KEY = ["indicator_id", "period", "level", "ref_code"]


class Watch:
    """The children forked and what the rebuild took from them."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, fork: bool | None) -> None:
        """``fork``: whether forking is possible (None: as ``forked.can_fork`` finds)."""
        self.pids: list[int] = []
        self.taken: list[bool] = []
        if fork is not None:
            monkeypatch.setattr(forked, "can_fork", lambda: fork)
        real_fork, real_take = forked.Forked, first_import.take

        def forking(function):
            child = real_fork(function)
            self.pids.append(child.pid)
            return child

        def taking(*args, **kwargs):
            found = real_take(*args, **kwargs)
            self.taken.append(found is not None)
            return found

        monkeypatch.setattr(forked, "Forked", forking)
        monkeypatch.setattr(first_import, "take", taking)

    def reaped(self) -> bool:
        for pid in self.pids:
            try:
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                continue
            return False
        return True


def _store(path: Path) -> Store:
    store = Store(f"sqlite:///{path}")
    _city(store)
    return store


def _scores(path: Path) -> tuple[list[tuple], pd.DataFrame]:
    rows = every_row(Store(f"sqlite:///{path}"), KEY).sort_values([*KEY, "area_id"])
    return _table(path, GROUPS), rows.reset_index(drop=True)


def _assert_same_scores(a: Path, b: Path) -> None:
    groups_a, rows_a = _scores(a)
    groups_b, rows_b = _scores(b)
    assert len(groups_a) > 10 and len(rows_a) > 10
    assert groups_a == groups_b
    pd.testing.assert_frame_equal(rows_a, rows_b, check_exact=True)


def test_scores_from_the_child_equal_scores_computed_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same file into two empty stores, scored in a child and here: every group and
    score row is the same, and the indexes the insert left to rebuild are all there."""
    monkeypatch.setattr(bulk, "REBUILD_INDEXES_FROM", 2)  # the late-index path too
    paths = {}
    for fork in (True, False):
        path = tmp_path / f"{fork}.sqlite"
        store = _store(path)
        watch = Watch(monkeypatch, fork)
        _publish(store, tmp_path)
        store.engine.dispose()
        paths[fork] = path
        assert len(watch.pids) == int(fork)
        assert watch.taken == [fork]
        assert watch.reaped()
    _assert_same_scores(paths[True], paths[False])
    assert _indexes(paths[True]) >= {i.name for i in measurements.indexes}


@pytest.mark.parametrize("marked", [True, False])
def test_a_changed_catalogue_after_the_insert_is_scored_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, marked: bool
) -> None:
    """The catalogue changed later in the same transaction (the child scored the old
    one): the rebuild does not take the child's pass, and the scores are those of the
    new catalogue. Whether the change marked its scores (every period of the indicator:
    another rebuild than the child's) or not (a bare update: the catalogue read again
    differs from the one the child was given)."""
    paths = {}
    for fork in (True, False):
        path = tmp_path / f"{fork}.sqlite"
        store = _store(path)
        watch = Watch(monkeypatch, fork)
        frame = upload.check(store, CSV.encode(), "m.csv").report.frame
        rate = catalog.load_from_store(store)["rate"]
        with store.begin() as conn:
            store.publish(frame, kind="meetingen", conn=conn, filename="m.csv", uploader="t")
            assert len(watch.pids) == int(fork)  # begun before the insert
            if marked:
                flipped = dataclasses.replace(rate, polarity="lager-beter")
                store.upsert_indicators([flipped.row()], conn)
            else:
                ind = indicators.c
                conn.execute(
                    sa.update(indicators).where(ind.id == "rate").values(polarity="lager-beter")
                )
        store.engine.dispose()
        paths[fork] = path
        assert watch.taken == [False]
        assert watch.reaped()
    _assert_same_scores(paths[True], paths[False])
    stored = catalog.load_from_store(Store(f"sqlite:///{paths[True]}"))
    assert stored["rate"].polarity == "lager-beter"


def test_a_failing_child_is_scored_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args, **_kwargs):
        raise RuntimeError("kapot")

    paths = {}
    for fork in (True, False):
        path = tmp_path / f"{fork}.sqlite"
        store = _store(path)
        watch = Watch(monkeypatch, fork)
        # Only the child's scoring breaks (the rebuild here calls passes.scored_pass).
        monkeypatch.setattr(first_import, "scored_pass", broken)
        _publish(store, tmp_path)
        store.engine.dispose()
        paths[fork] = path
        assert watch.taken == [False] and watch.reaped()
    _assert_same_scores(paths[True], paths[False])


def test_a_rolled_back_publish_stops_its_child(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _store(tmp_path / "s.sqlite")
    watch = Watch(monkeypatch, True)
    frame = upload.check(store, CSV.encode(), "m.csv").report.frame
    with pytest.raises(RuntimeError, match="afgebroken"), store.begin() as conn:
        store.publish(frame, kind="meetingen", conn=conn, filename="m.csv", uploader="t")
        assert len(watch.pids) == 1
        raise RuntimeError("afgebroken")
    assert watch.taken == [] and watch.reaped()
    assert _table(tmp_path / "s.sqlite", "SELECT count(*) FROM measurements") == [(0,)]


def test_no_fork_possible_is_scored_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The system refuses the fork (memory, processes): the publish goes on, scored here."""
    path = tmp_path / "s.sqlite"
    store = _store(path)
    watch = Watch(monkeypatch, True)

    def refused(_function):
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(forked, "Forked", refused)
    _publish(store, tmp_path)
    assert watch.taken == [False]
    assert len(_scores(path)[1]) > 10


def test_the_import_command_scores_in_a_child_beside_its_progress_display(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``monitor import meetingen`` on a terminal shows a bar of its steps, whose refresh
    thread is tolerated (it only redraws the terminal): a first import is still scored
    in a child."""
    path = tmp_path / "s.sqlite"
    _store(path).engine.dispose()
    monkeypatch.setattr(output.err, "_force_terminal", True)  # the bar and its thread
    started: list[threading.Thread] = []
    real_start = threading.Thread.start

    def start(thread: threading.Thread) -> None:
        started.append(thread)
        real_start(thread)

    monkeypatch.setattr(threading.Thread, "start", start)
    # Threads other tests left behind are not this test's: only the command's count.
    monkeypatch.setattr(forked, "_tolerated", weakref.WeakSet(threading.enumerate()))
    watch = Watch(monkeypatch, None)
    csv = tmp_path / "m.csv"
    csv.write_text(CSV, encoding="utf-8")
    env = {"MONITOR_DATABASE_URL": f"sqlite:///{path}", "MONITOR_DATA_DIR": str(tmp_path / "d")}
    result = CliRunner().invoke(cli_app, ["import", "meetingen", str(csv)], env=env)
    assert result.exit_code == 0, (result.output, result.exception)
    assert started, "the bar ran no refresh thread: nothing tested"
    assert len(watch.pids) == 1 and watch.taken == [True] and watch.reaped()
    assert len(_scores(path)[1]) > 10
