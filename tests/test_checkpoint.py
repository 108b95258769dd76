"""SQLite: the commit of a large write leaves the WAL checkpoint to a background thread
(``monitor.store.checkpoint``); small writes keep SQLite's automatic checkpoint."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from monitor.store import Store, bulk, checkpoint

TABLE = sa.Table(
    "wide", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True), sa.Column("v", sa.Float)
)


def _store(tmp_path: Path) -> tuple[Store, Path]:
    path = tmp_path / "s.sqlite"
    store = Store(f"sqlite:///{path}")
    TABLE.create(store.engine)
    return store, path


def _in_file(path: Path) -> int:
    """Bytes of the database file itself: pages a checkpoint has not copied from the WAL
    yet are not in it."""
    return path.stat().st_size


def test_a_large_write_commits_without_checkpoint_and_is_checkpointed_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, path = _store(tmp_path)
    started: list[str] = []
    real = checkpoint._checkpoint
    monkeypatch.setattr(checkpoint, "_checkpoint", lambda db: started.append(db))
    rows = pd.DataFrame({"v": np.arange(bulk.REBUILD_INDEXES_FROM, dtype=float)})
    with store.begin() as conn:
        bulk.insert_frame(conn, TABLE, rows)
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0
    # Committed: another connection reads every row, though the pages are still only in
    # the WAL (the commit did not copy them), and the checkpoint was handed to a thread.
    checkpoint.wait()
    assert started == [str(path)]
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT count(*) FROM wide").fetchone() == (len(rows),)
    raw.close()
    assert _in_file(path) < 100_000 < (tmp_path / "s.sqlite-wal").stat().st_size
    # The pooled connection has SQLite's automatic checkpoint back.
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 1000
    real(str(path))  # what the thread runs: the WAL copied into the database file
    assert _in_file(path) > 500_000


def test_the_thread_checkpoints_and_a_small_write_does_not_start_one(tmp_path: Path) -> None:
    store, path = _store(tmp_path)
    with store.begin() as conn:
        bulk.insert_frame(
            conn, TABLE, pd.DataFrame({"v": np.arange(bulk.REBUILD_INDEXES_FROM, dtype=float)})
        )
    checkpoint.wait()
    assert _in_file(path) > 500_000
    before = len(checkpoint._running)
    with store.begin() as conn:
        conn.execute(sa.insert(TABLE).values(v=1.0))
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 1000
    assert len(checkpoint._running) == before


def test_a_large_write_rolled_back_restores_the_automatic_checkpoint(tmp_path: Path) -> None:
    store, _ = _store(tmp_path)
    with pytest.raises(RuntimeError), store.begin() as conn:
        bulk.insert_frame(conn, TABLE, pd.DataFrame({"v": np.ones(bulk.REBUILD_INDEXES_FROM)}))
        raise RuntimeError("interrupted")
    checkpoint.wait()
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 1000
        assert conn.scalar(sa.select(sa.func.count()).select_from(TABLE)) == 0


def test_a_database_removed_before_its_checkpoint_is_not_made_again(tmp_path: Path) -> None:
    gone = tmp_path / "gone.sqlite"
    checkpoint._checkpoint(str(gone))
    assert not gone.exists()
