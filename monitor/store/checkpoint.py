"""SQLite: after a large write, the WAL checkpoint runs in the background.

In WAL mode a commit appends the transaction's pages to the ``-wal`` file; a *checkpoint*
copies them into the database file and syncs it. SQLite runs one automatically in the
commit that grows the WAL past 1,000 pages, so the commit of a first import (a million
measurements and their scores, ~170 MB of pages) waited for that copy (about 0.8 s of its
1.1 s on this project's benchmark machine). SQLite's documentation suggests the alternative
used here for large writes: the writing connection does not checkpoint
(``wal_autocheckpoint = 0`` for that one transaction), and after its commit a thread of
this process runs a ``PASSIVE`` checkpoint through a connection of its own (it blocks no
reader and no writer; what it has not copied yet is read from the WAL meanwhile).

The store is as safe as before: a committed transaction is in the WAL either way and an
interrupted checkpoint is repeated by the next one. (With ``synchronous = NORMAL`` a
power cut, not a crash of the process, may lose the transactions the last checkpoint has
not synced, as for every small commit between automatic checkpoints.) The thread is not
a daemon: a command that publishes and exits waits for it at the end, and so does an RQ
job (:func:`monitor.jobs.running.execute`: its process ends with ``os._exit``). A small
write keeps SQLite's automatic checkpoint (nothing to gain). PostgreSQL is not concerned.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor import forked

#: ``conn.info`` key: this transaction wrote enough to checkpoint after its commit.
LARGE = "large_sqlite_write"
#: SQLite's default ``wal_autocheckpoint`` (pages), restored after a large write.
AUTOCHECKPOINT_PAGES = 1000

_lock = threading.Lock()
_running: list[threading.Thread] = []


def large_write(conn: Connection) -> None:
    """``conn``'s transaction writes many rows (SQLite): its commit does not checkpoint;
    :func:`after_commit` starts the checkpoint afterwards."""
    if conn.dialect.name != "sqlite" or conn.info.get(LARGE):
        return
    database = conn.engine.url.database
    if not database or database == ":memory:":
        return  # no WAL
    conn.exec_driver_sql("PRAGMA wal_autocheckpoint = 0")
    conn.info[LARGE] = database


def after_commit(conn: Connection) -> None:
    """After ``conn``'s transaction ended (committed or not): SQLite's automatic
    checkpoint back on for the connection's next user, and, when the transaction was a
    large write, a background checkpoint of its WAL."""
    database = conn.info.pop(LARGE, None)
    if database is None:
        return
    try:
        conn.exec_driver_sql(f"PRAGMA wal_autocheckpoint = {AUTOCHECKPOINT_PAGES}")
    except sa.exc.DBAPIError:
        conn.invalidate()  # not back into the pool without its automatic checkpoint
    thread = threading.Thread(target=_checkpoint, args=(database,), name="wal-checkpoint")
    forked.tolerate(thread)  # SQLite's C code on its own connection: a fork may go on
    with _lock:
        _running[:] = [t for t in _running if t.is_alive()] + [thread]
    thread.start()


def _checkpoint(database: str) -> None:
    try:
        # ``mode=rw``: a database removed meanwhile is not created again, empty.
        conn: Any = sqlite3.connect(f"{Path(database).resolve().as_uri()}?mode=rw", uri=True)
    except sqlite3.Error:
        return  # gone: nothing to copy
    try:
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
    except sqlite3.Error:
        pass  # busy: the next checkpoint (automatic or ours) copies it
    finally:
        conn.close()


def wait() -> None:
    """Wait for the background checkpoints started so far (tests, benchmarks)."""
    with _lock:
        threads = list(_running)
    for thread in threads:
        thread.join()
