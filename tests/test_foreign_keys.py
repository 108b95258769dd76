"""A bulk-load transaction on SQLite (``Store.begin(bulk_load=True)``, a large first
import) checks foreign keys once per distinct value instead of row by row
(``monitor.store.foreign_keys``): a reference to a missing row is refused all the same,
whichever way it was written, nothing stays behind, and the connection enforces foreign
keys again afterwards."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from monitor.store import Store, bulk, foreign_keys
from monitor.store.schema import audit_log, measurements
from tests.test_published_memo import CSV, _city, _publish, _table


def _store(tmp_path: Path) -> Store:
    store = Store(f"sqlite:///{tmp_path / 's.sqlite'}")
    _city(store)
    return store


def _enforced(store: Store) -> list[int]:
    """``PRAGMA foreign_keys`` of every connection the pool holds."""
    found = []
    with store.engine.connect() as conn:
        found.append(conn.exec_driver_sql("PRAGMA foreign_keys").scalar())
    return found


def _rows(store: Store, area_ids: list[int]) -> pd.DataFrame:
    with store.begin() as conn:
        upload_id = conn.execute(
            sa.text(
                "INSERT INTO uploads (kind, status, row_count, created_at) "
                "VALUES ('meetingen', 'gepubliceerd', 0, '2026-01-01') RETURNING id"
            )
        ).scalar()
    return pd.DataFrame(
        {
            "area_id": area_ids,
            "indicator_id": ["pop"] * len(area_ids),
            "period": [2020 + k for k in range(len(area_ids))],
            "value": [1.0] * len(area_ids),
            "upload_id": upload_id,
            "is_current": True,
        }
    )


def test_a_missing_area_is_refused_and_nothing_stays(tmp_path: Path) -> None:
    store = _store(tmp_path)
    known = int(store.areas_frame(store.division_id())["id"].iloc[0])
    rows = _rows(store, [known, known, 99_999])
    with (
        pytest.raises(sa.exc.IntegrityError, match="FOREIGN KEY"),
        store.begin(bulk_load=True) as conn,
    ):
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 0
        bulk.insert_frame(conn, measurements, rows)
    assert _table(tmp_path / "s.sqlite", "SELECT count(*) FROM measurements") == [(0,)]
    assert _enforced(store) == [1]
    # The same rows without the missing area: inserted, keys checked per distinct value.
    with store.begin(bulk_load=True) as conn:
        bulk.insert_frame(conn, measurements, rows.head(2))
        assert conn.info[foreign_keys.OWN] == {"measurements"}
    assert _table(tmp_path / "s.sqlite", "SELECT count(*) FROM measurements") == [(2,)]
    assert _enforced(store) == [1]


def test_a_missing_upload_given_as_one_value_throughout_is_refused(tmp_path: Path) -> None:
    store = _store(tmp_path)
    known = int(store.areas_frame(store.division_id())["id"].iloc[0])
    rows = _rows(store, [known, known]).assign(upload_id=12_345)  # a constant column
    with (
        pytest.raises(sa.exc.IntegrityError, match="upload_id"),
        store.begin(bulk_load=True) as conn,
    ):
        bulk.insert_frame(conn, measurements, rows)


def test_a_bad_reference_written_another_way_is_refused_at_the_commit(tmp_path: Path) -> None:
    """A row inserted by a plain statement (not verified on the way in) with a user that
    does not exist: SQLite's foreign_key_check before the commit refuses it."""
    store = _store(tmp_path)
    before = _table(tmp_path / "s.sqlite", "SELECT count(*) FROM sessions")
    with (
        pytest.raises(sa.exc.IntegrityError, match="sessions"),
        store.begin(bulk_load=True) as conn,
    ):
        conn.exec_driver_sql(
            "INSERT INTO sessions (id, user_id, created_at, seen_at) "
            "VALUES ('x', 4242, '2026-01-01', '2026-01-01')"
        )
    assert _table(tmp_path / "s.sqlite", "SELECT count(*) FROM sessions") == before
    assert _enforced(store) == [1]


def test_without_bulk_load_sqlite_checks_every_row(tmp_path: Path) -> None:
    store = _store(tmp_path)
    rows = _rows(store, [99_999])
    with pytest.raises(sa.exc.IntegrityError), store.begin() as conn:
        assert foreign_keys.OWN not in conn.info
        bulk.insert_frame(conn, measurements, rows)


def test_a_large_first_import_checks_its_keys_in_bulk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The upload path: a first import above the bulk threshold runs as a bulk load (its
    rows verified per distinct value), a later one into the filled table does not."""
    seen: list[set[str]] = []
    real = foreign_keys.check

    def watched(conn):
        if foreign_keys.OWN in conn.info:  # a bulk load: the tables it verified itself
            seen.append(set(conn.info[foreign_keys.OWN]))
        real(conn)

    monkeypatch.setattr(foreign_keys, "check", watched)
    monkeypatch.setattr(bulk, "REBUILD_INDEXES_FROM", 2)
    store = _store(tmp_path)
    _publish(store, tmp_path)
    assert len(seen) == 1 and "measurements" in seen[0]
    seen.clear()
    _publish(store, tmp_path, CSV.replace("12,5", "13,5"))
    assert seen == []
    assert _enforced(store) == [1]
    assert _table(tmp_path / "s.sqlite", f"SELECT count(*) FROM {audit_log.name}") == [(2,)]
