"""A large store is rebuilt in passes of a few indicators and published in parts: the
scores equal a fresh computation all the same (SQLite and PostgreSQL), and an upload fed
in parts is one upload with the table's indexes intact."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings

from monitor.scoring import materialise
from monitor.scoring.passes import plan_passes
from monitor.store import Store
from tests.support import BACKENDS, database
from tests.test_scores_materialised import _city, _run, operations


def test_plan_passes_keeps_whole_indicators_within_the_size() -> None:
    counts = {"c": 4, "a": 3, "b": 3, "d": 9, "e": 1}
    # In id order: a+b = 6 fits 7, c would make 10; c alone 4 (+d = 13); d 9 > 7 alone.
    assert plan_passes(counts, 7) == [["a", "b"], ["c"], ["d"], ["e"]]
    assert plan_passes(counts, 100) == [["a", "b", "c", "d", "e"]]
    assert plan_passes({}, 7) == [[]]


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=operations)
def test_rebuilt_in_passes_equals_fresh_sqlite(tmp_path: Path, ops) -> None:
    copy = tmp_path / f"{uuid.uuid4().hex}.sqlite"
    store = Store(f"sqlite:///{copy}")
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(materialise, "VALUES_PER_PASS", 1)  # one indicator per pass
            _run(store, ops)
    finally:
        store.engine.dispose()
        shutil.rmtree(tmp_path, ignore_errors=True)


@pytest.mark.postgres
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=operations)
def test_rebuilt_in_passes_equals_fresh_postgresql(ops) -> None:
    from tests.support import postgres_database

    with postgres_database() as url, pytest.MonkeyPatch.context() as patch:
        patch.setattr(materialise, "VALUES_PER_PASS", 1)
        store = Store(url)
        try:
            _run(store, ops)
        finally:
            store.engine.dispose()


def _parts(store: Store, indicators: list[str]) -> list[pd.DataFrame]:
    frame = store.areas_frame(store.division_id(), "buurt")
    return [
        pd.DataFrame(
            {"area_id": frame["id"], "indicator_id": ind, "period": 2020, "value": float(k + 1)}
        )
        for k, ind in enumerate(indicators)
    ]


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_upload_in_parts_is_one_upload(backend: str, tmp_path: Path) -> None:
    with database(backend, tmp_path) as url:
        store = Store(url)
        _city(store)
        from tests.test_scores_materialised import _define

        spec = {"polarity": "hoger-beter", "method": "z", "aggregation": "som"}
        for ind in ("a", "b"):
            _define(store, ind, spec | {"min_population": 0.0, "unit": "aantal"})
        with store.begin() as conn:
            store.publish(iter(_parts(store, ["a", "b"])), kind="meetingen", conn=conn)
        uploads = store.uploads_frame()
        assert len(uploads) == 1 and int(uploads["row_count"].iloc[0]) == 24
        values = store.current_values(store.division_id(), ["a", "b"])
        assert sorted(values.groupby("indicator_id")["value"].first().tolist()) == [1.0, 2.0]
        # A key in a later part replaces the earlier one, as a later upload would.
        with store.begin() as conn:
            store.publish(iter(_parts(store, ["a", "a"])), kind="meetingen", conn=conn)
        values = store.current_values(store.division_id(), ["a"])
        assert len(values) == 12 and set(values["value"]) == {2.0}
        store.engine.dispose()


def test_a_large_upload_in_parts_keeps_its_indexes(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'big.sqlite'}")
    _city(store)
    from monitor.store import bulk
    from tests.test_scores_materialised import _define

    spec = {"polarity": "hoger-beter", "method": "z", "aggregation": "som"}
    _define(store, "a", spec | {"min_population": 0.0, "unit": "aantal"})
    frame = store.areas_frame(store.division_id(), "buurt")
    periods = range(1, 1 + (bulk.REBUILD_INDEXES_FROM + 10_000) // len(frame))
    big = pd.DataFrame(
        [(a, "a", p, 1.0) for p in periods for a in frame["id"]],
        columns=["area_id", "indicator_id", "period", "value"],
    )
    parts = [big.iloc[: bulk.REBUILD_INDEXES_FROM], big.iloc[bulk.REBUILD_INDEXES_FROM :]]
    with store.begin() as conn:  # the first part is large: indexes dropped, rebuilt once
        store.publish(iter(parts), kind="meetingen", conn=conn)
    with store.engine.connect() as conn:
        names = set(conn.scalars(sa.text("SELECT name FROM sqlite_master WHERE type='index'")))
    assert {"ix_measurements_lookup", "ix_measurements_upload", "uq_measurements_current"} <= names
    assert len(store.current_values(store.division_id(), ["a"])) == len(big)
    store.engine.dispose()
