"""The store: migrations, supersede-not-overwrite, undo, on SQLite and PostgreSQL."""

from __future__ import annotations

import pandas as pd
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from monitor import demo, emptiness
from monitor.catalog import Indicator
from monitor.errors import MonitorError
from monitor.ingest.upload import provenance
from monitor.migrate import current_revision
from monitor.store import (
    BUDGET,
    BUDGET_KIND,
    MEASUREMENTS,
    Store,
    areas,
    budget_lines,
    insert_frame,
    insert_upload,
    measurements,
    metadata,
    score_rows,
    versioned_for,
)


def _seed(store: Store) -> tuple[int, list[int]]:
    """One division with gemeente and two buurten, one indicator."""
    with store.begin() as conn:
        division_id = store.ensure_division(conn, "test", gemeente="Teststad")
        ids = []
        for code, level in (("STAD", "gemeente"), ("A01a", "buurt"), ("A01b", "buurt")):
            ids.append(
                int(
                    conn.execute(
                        sa.insert(areas).values(
                            division_id=division_id, code=code, name=code, level=level
                        )
                    ).inserted_primary_key[0]
                )
            )
        ind = Indicator(id="x_p", label_nl="X", domain="overig", unit="%", polarity="hoger-beter")
        store.upsert_indicators([ind.row()], conn)
    return division_id, ids


def _publish(store: Store, values: dict[int, float], period: int = 2024) -> int:
    frame = pd.DataFrame(
        {
            "area_id": list(values),
            "indicator_id": "x_p",
            "period": period,
            "value": list(values.values()),
        }
    )
    with store.begin() as conn:
        return store.publish(frame, kind="test", conn=conn, uploader="pytest")


def _current(store: Store, division_id: int) -> dict[str, float]:
    frame = store.current_values(division_id, ["x_p"])
    return dict(zip(frame["code"], frame["value"], strict=True))


def test_schema_matches_models(backend: Store) -> None:
    """Migrations produce exactly the schema of ``monitor.store`` (nothing to autogenerate)."""
    with backend.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []
    assert current_revision(backend.engine) is not None


def test_upgrade_is_idempotent(backend: Store) -> None:
    division_id, ids = _seed(backend)
    _publish(backend, {ids[1]: 10.0})
    backend.upgrade()  # an existing store upgrades in place, data intact
    assert _current(backend, division_id) == {"A01a": 10.0}


def test_newer_upload_supersedes_and_undo_restores(backend: Store) -> None:
    division_id, ids = _seed(backend)
    first = _publish(backend, {ids[1]: 10.0, ids[2]: 20.0})
    second = _publish(backend, {ids[1]: 11.0})
    assert _current(backend, division_id) == {"A01a": 11.0, "A01b": 20.0}
    with backend.engine.connect() as conn:
        total = conn.scalar(sa.select(sa.func.count()).select_from(measurements))
    assert total == 3  # nothing overwritten in place
    assert backend.undo_upload(second) == 1
    assert _current(backend, division_id) == {"A01a": 10.0, "A01b": 20.0}
    assert backend.undo_upload(first) == 0
    assert _current(backend, division_id) == {}
    uploads = backend.uploads_frame().set_index("id")
    assert uploads.loc[second, "status"] == "undone"
    assert uploads.loc[second, "undone_at"] is not None
    with pytest.raises(MonitorError, match="al ongedaan"):
        backend.undo_upload(second)


def test_undo_of_a_middle_upload(backend: Store) -> None:
    division_id, ids = _seed(backend)
    _publish(backend, {ids[1]: 1.0})
    middle = _publish(backend, {ids[1]: 2.0})
    _publish(backend, {ids[1]: 3.0})
    backend.undo_upload(middle)
    assert _current(backend, division_id) == {"A01a": 3.0}


def test_one_current_row_is_enforced_by_the_database(backend: Store) -> None:
    _, ids = _seed(backend)
    upload = _publish(backend, {ids[1]: 1.0})
    row = {
        "area_id": ids[1],
        "indicator_id": "x_p",
        "period": 2024,
        "value": 2.0,
        "upload_id": upload,
        "is_current": True,
    }
    with pytest.raises(sa.exc.IntegrityError), backend.begin() as conn:
        conn.execute(sa.insert(measurements).values(**row))


def test_failed_publish_changes_nothing(backend: Store) -> None:
    division_id, ids = _seed(backend)
    _publish(backend, {ids[1]: 1.0})
    bad = pd.DataFrame(
        {"area_id": [ids[1], 999_999], "indicator_id": "x_p", "period": 2024, "value": [5.0, 6.0]}
    )
    with pytest.raises(sa.exc.IntegrityError), backend.begin() as conn:
        backend.publish(bad, kind="test", conn=conn)
    assert _current(backend, division_id) == {"A01a": 1.0}
    assert len(backend.uploads_frame()) == 1


def test_aliases_and_settings(backend: Store) -> None:
    division_id, _ = _seed(backend)
    backend.add_alias(division_id, "BU00000001", "A01a", system="cbs")
    assert backend.alias_map(division_id) == {"BU00000001": "A01a"}
    with pytest.raises(LookupError):
        backend.add_alias(division_id, "X", "GEEN")
    backend.set_setting("population_indicator", "bev")
    backend.set_setting("population_indicator", "bev2")
    assert backend.get_setting("population_indicator") == "bev2"


def test_text_and_dates_round_trip(backend: Store) -> None:
    """COPY (PostgreSQL) and executemany (SQLite) keep quotes, separators and newlines."""
    import datetime

    _, ids = _seed(backend)
    note = 'a;b,"c"\nregel 2 <script>alert(1)</script> \\N'
    frame = pd.DataFrame(
        {
            "area_id": [ids[1]],
            "indicator_id": "x_p",
            "period": 2024,
            "value": [1.5],
            "n": [None],
            "peildatum": [datetime.date(2024, 1, 1)],
            "source": ['=HYPERLINK("x")'],
            "note": [note],
            "flag": [None],
        }
    )
    with backend.begin() as conn:
        backend.publish(frame, kind="test", conn=conn)
    with backend.engine.connect() as conn:
        row = conn.execute(sa.select(measurements)).mappings().one()
    assert row["note"] == note
    assert row["source"] == '=HYPERLINK("x")'
    assert row["peildatum"] == datetime.date(2024, 1, 1)
    assert row["n"] is None and row["flag"] is None and row["is_current"] is True


def test_large_upload_rebuilds_indexes(backend: Store) -> None:
    """A big first upload takes the drop-and-rebuild path; the indexes come back intact."""
    division_id, _ = _seed(backend)
    with backend.begin() as conn:
        base = conn.execute(sa.select(areas.c.id).where(areas.c.code == "A01a")).scalar_one()
        extra = [
            {"division_id": division_id, "code": f"B{i:05d}", "name": f"B{i}", "level": "buurt"}
            for i in range(600)
        ]
        conn.execute(sa.insert(areas), extra)
        area_ids = [
            base,
            *conn.execute(sa.select(areas.c.id).where(areas.c.code.like("B%"))).scalars(),
        ]
    rows = [(a, p) for a in area_ids for p in range(1925, 2025)]  # 60,100 rows
    frame = pd.DataFrame(rows, columns=["area_id", "period"]).assign(indicator_id="x_p", value=1.0)
    with backend.begin() as conn:
        backend.publish(frame, kind="test", conn=conn)
    names = {ix["name"] for ix in sa.inspect(backend.engine).get_indexes("measurements")}
    assert {"ix_measurements_lookup", "ix_measurements_upload", "uq_measurements_current"} <= names
    second = _publish(backend, {base: 2.0}, period=2000)
    assert _current(backend, division_id)["A01a"] in (1.0, 2.0)
    with backend.engine.connect() as conn:
        current = (
            conn.execute(
                sa.select(measurements.c.value).where(
                    measurements.c.area_id == base,
                    measurements.c.period == 2000,
                    measurements.c.is_current.is_(True),
                )
            )
            .scalars()
            .all()
        )
    assert current == [2.0]
    backend.undo_upload(second)
    upload = int(backend.uploads_frame()["id"].max())
    with pytest.raises(sa.exc.IntegrityError), backend.begin() as conn:
        conn.execute(
            sa.insert(measurements).values(
                area_id=base,
                indicator_id="x_p",
                period=1990,
                value=3.0,
                upload_id=upload,
                is_current=True,
            )
        )


def test_every_upload_kind_has_one_versioned_table() -> None:
    """Budget files undo budget lines; every other kind undoes measurements."""
    assert versioned_for(BUDGET_KIND) is BUDGET
    for kind in ("meetingen", "bbga", "demo", "test"):
        assert versioned_for(kind) is MEASUREMENTS
    assert set(BUDGET.columns) <= set(budget_lines.c.keys())
    assert set(MEASUREMENTS.columns) <= set(measurements.c.keys())


def test_insert_frame_rebuilds_indexes_and_keeps_constants(
    backend: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The generic fast insert, on a large insert (index rebuild on SQLite, COPY on
    PostgreSQL): constant and missing columns arrive as given, indexes survive."""
    monkeypatch.setattr("monitor.store.bulk.REBUILD_INDEXES_FROM", 2)
    division_id, ids = _seed(backend)
    with backend.begin() as conn:
        upload_id = insert_upload(conn, "test", 2, None, None, "pytest", None, None)
        frame = pd.DataFrame(
            {
                "area_id": ids[1:],
                "indicator_id": "x_p",
                "period": [2020, 2021],
                "value": [1.5, None],
                "upload_id": upload_id,
                "is_current": True,
            }
        )
        insert_frame(conn, measurements, frame)
    assert _current(backend, division_id) == pytest.approx(
        {"A01a": 1.5, "A01b": float("nan")}, nan_ok=True
    )
    names = {i["name"] for i in sa.inspect(backend.engine).get_indexes("measurements")}
    assert {i.name for i in measurements.indexes} <= names


def test_insert_frame_writes_string_typed_texts_as_given(
    backend: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Text columns of pandas' string type (as validation leaves them) are bound one
    Python string per distinct text: repeated, empty and missing texts arrive as given."""
    monkeypatch.setattr("monitor.store.bulk.REBUILD_INDEXES_FROM", 2)
    _, ids = _seed(backend)
    with backend.begin() as conn:
        upload_id = insert_upload(conn, "test", 4, None, None, "pytest", None, None)
        frame = pd.DataFrame(
            {
                "area_id": [ids[1], ids[2], ids[1], ids[2]],
                "indicator_id": pd.Series(["x_p"] * 4, dtype="str"),
                "period": [2020, 2020, 2021, 2021],
                "value": [1.5, None, None, 2.0],
                "flag": pd.Series([None, "onderdrukt", "leeg", None], dtype="str"),
                "note": pd.Series(["één", "", None, "één"], dtype="str"),
                "upload_id": upload_id,
                "is_current": True,
            }
        )
        insert_frame(conn, measurements, frame)
    with backend.engine.connect() as conn:
        stored = conn.execute(
            sa.select(
                measurements.c.indicator_id, measurements.c.flag, measurements.c.note
            ).order_by(measurements.c.period, measurements.c.area_id)
        ).all()
    # PostgreSQL's COPY stores an empty text as NULL (insert_frame's empty_text_is_null).
    empty = None if backend.engine.dialect.name == "postgresql" else ""
    assert [tuple(r) for r in stored] == [
        ("x_p", None, "één"),
        ("x_p", "onderdrukt", empty),
        ("x_p", "leeg", None),
        ("x_p", None, "één"),
    ]


def test_a_table_without_secondary_indexes_is_not_counted_before_a_large_insert(
    store: Store,
) -> None:
    """The packed score rows have only their key: a large insert has no index to drop,
    and counting the table first (a scan of every blob on SQLite) would buy nothing."""
    seen: list[str] = []
    sa.event.listen(store.engine, "before_cursor_execute", lambda *a: seen.append(a[2]))
    blobs = pd.DataFrame({"group_id": range(1, 60_001), "rows": [b"x" * 72] * 60_000})
    with store.begin() as conn:
        insert_frame(conn, score_rows, blobs)
    assert not [s for s in seen if "count(" in s.lower() and "score_rows" in s]
    with store.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(score_rows)) == 60_000


def test_reads_behind_the_empty_states_and_provenance(store: Store, tmp_path) -> None:
    """What the pages ask the store when data comes and goes (SQL moved into the store)."""
    assert emptiness.contents(store) == emptiness.Contents(False, False, False, 0, 0)
    demo.install(store, data_dir=tmp_path / "data")
    assert emptiness.contents(store) == emptiness.Contents(True, True, True, 0, 0)
    division_id = store.division_id()
    assert "bijstand_p" in store.measured_indicators(division_id)
    row = store.current_values(division_id, ["bijstand_p"]).iloc[0]
    history = provenance(store, row["code"], "bijstand_p", int(row["period"]))
    assert history["is_current"].tolist() == [True]
    measured = int(history["upload"].iloc[0])
    newest, count, undone = store.upload_counts()
    assert (count, undone) == (len(store.uploads_frame()), 0)
    stamp = store.data_stamp(division_id)
    assert stamp[2:] == (newest, count, 0) and stamp[0] >= 1
    store.undo_upload(measured, by="pytest")
    assert emptiness.contents(store) == emptiness.Contents(True, False, True, 1, 0)
    assert store.upload_counts() == (newest, count, 1)
    # The data stamp moves with the undo: the rescoring and the undone count.
    after = store.data_stamp(division_id)
    assert after[0] > stamp[0] and after[2:] == (newest, count, 1)
