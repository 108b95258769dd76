"""``monitor scores rebuild`` of a store of several passes scores them in worker
processes while it writes (:class:`monitor.scoring.passes.Ahead`): the scores equal a
fresh computation on SQLite and PostgreSQL, and a worker that dies leaves the store as
it was."""

from __future__ import annotations

import contextlib
import os
import random
import signal
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from monitor.config import get_settings
from monitor.scoring import materialise, passes
from monitor.scoring.read import generation
from monitor.store import Store
from monitor.store.materialised import every_row
from tests.support import BACKENDS, database
from tests.test_scores_materialised import (
    BUURTEN,
    INDICATORS,
    PERIODS,
    _check,
    _city,
    _define,
    _publish,
)

#: The group fields read beside each score row.
FIELDS = ["indicator_id", "period", "level", "ref_code", "nap", "spread"]


def _filled(store: Store) -> None:
    """The small city with three indicators and the population (each its own polarity),
    values of every buurt, wijk and stadsdeel in three years (a few missing)."""
    _city(store)
    pick = random.Random(12)
    for k, indicator_id in enumerate(INDICATORS):
        polarity = ["geen", "hoger-beter", "lager-beter", "neutraal"][k]
        spec = {"polarity": polarity, "method": "z", "aggregation": "som", "min_population": 0}
        _define(store, indicator_id, spec | {"unit": "aantal"})
    with store.begin() as conn:
        store.set_setting("population_indicator", "pop", conn)
    rows = [
        (code, ind, period, None if pick.random() < 0.05 else round(pick.uniform(1, 200), 1), None)
        for code in [*BUURTEN, "W0", "W1", "S0", "S1"]
        for ind in INDICATORS
        for period in PERIODS
    ]
    _publish(store, rows)


@pytest.fixture
def workers(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """One indicator per pass; records each worker's process id."""
    monkeypatch.setattr(materialise, "VALUES_PER_PASS", 1)
    seen: list[int] = []
    real = passes.Ahead.__init__

    def counted(self: passes.Ahead, *args: object, **kwargs: object) -> None:
        real(self, *args, **kwargs)
        seen.extend(self.pids)

    monkeypatch.setattr(passes.Ahead, "__init__", counted)
    yield seen


@contextlib.contextmanager
def _city_on(backend: str, tmp_path: Path) -> Iterator[tuple[Store, int, pd.DataFrame]]:
    """The filled city on ``backend``: its store, division and score rows."""
    with database(backend, tmp_path) as url:
        store = Store(url)
        _filled(store)
        try:
            yield store, store.division_id(), every_row(store, FIELDS)
        finally:
            store.engine.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_whole_rebuild_scored_ahead_equals_a_fresh_computation(
    backend: str, tmp_path: Path, workers: list[int]
) -> None:
    with _city_on(backend, tmp_path) as (store, division_id, before):
        built = materialise.rebuild_all(store, division_id)
        assert len(workers) == get_settings().rebuild_workers == 2, "no worker processes"
        assert set(built.seconds) == {"read", "compute"}
        _check(store)
        again = every_row(store, FIELDS)
        # The same scores as the publish computed in this process, row by row.
        key = ["indicator_id", "period", "level", "area_id"]
        assert len(again) == len(before) == built.rows
        columns = [c for c in before.columns if c != "group_id"]
        assert (
            again[columns]
            .sort_values(key)
            .reset_index(drop=True)
            .equals(before[columns].sort_values(key).reset_index(drop=True))
        )
        # --exclusief alike.
        materialise.rebuild_all(store, division_id, exclusive=True)
        _check(store)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_worker_that_dies_leaves_the_store_as_it_was(
    backend: str, tmp_path: Path, workers: list[int]
) -> None:
    with _city_on(backend, tmp_path) as (store, division_id, before):
        was = generation(store, division_id)
        killed: list[int] = []

        def kill_the_worker(stage: str) -> None:
            # Before the first pass arrives: the old scores deleted, every pass asked
            # for, the workers still starting (importing pandas alone takes longer).
            if stage == "compute" and not killed:
                killed.append(workers[0])
                os.kill(workers[0], signal.SIGKILL)

        with pytest.raises(passes.WorkerStopped, match="exit code -9"):
            materialise.rebuild_all(store, division_id, progress=kill_the_worker)
        assert generation(store, division_id) == was
        after = every_row(store, FIELDS)
        assert after.equals(before)
        _check(store)


def test_an_error_in_a_worker_is_raised_with_its_traceback(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'city.sqlite'}")
    _filled(store)
    with (
        passes.Ahead(store.url, store.division_id(), [["a"], ["b"]], ["x"], None) as ahead,
        pytest.raises(passes.WorkerStopped, match=r"(?s)failed.*ValueError"),
    ):
        next(iter(ahead))
    for pid in ahead.pids:  # stopped and reaped on the way out
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    store.engine.dispose()


def test_no_workers_when_the_setting_says_none(
    tmp_path: Path, workers: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MONITOR_REBUILD_WORKERS", "0")
    with _city_on("sqlite", tmp_path) as (store, division_id, before):
        built = materialise.rebuild_all(store, division_id)
        assert not workers and built.rows == len(before)
        _check(store)
    monkeypatch.setenv("MONITOR_REBUILD_WORKERS", "zwei")  # unreadable: the default
    assert get_settings().rebuild_workers == 2
