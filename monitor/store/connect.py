"""Connecting to the database: the engine (SQLite pragmas, PostgreSQL driver), the clock,
and transactions (:class:`Connected`, the base of :class:`monitor.store.Store`)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from monitor.config import get_settings
from monitor.store import bulk, checkpoint, foreign_keys, published, request_memo, write_clock
from monitor.store.marks import DIRTY, RESCORERS


def now() -> datetime:
    """Timezone-aware UTC timestamp for rows we write."""
    return datetime.now(UTC)


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets foreign keys, WAL and a busy timeout."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, connect_args={"timeout": 30})

        @sa.event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            # Bulk publishes update three indexes; a larger page cache keeps them in memory.
            cur.execute("PRAGMA cache_size=-131072")
            cur.close()

        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    engine = sa.create_engine(url)
    _ping_when_idle(engine)
    return engine


#: A pooled connection unused for longer than this is pinged before it is handed out.
PING_AFTER_IDLE_SECONDS = 2.0
_LAST_USED = "monitor_last_used"


def _ping_when_idle(engine: Engine) -> None:
    """SQLAlchemy's ``pool_pre_ping``, only for a connection that has been idle: a
    server restart or a dropped connection is found before a request uses it, without a
    round trip on every checkout of a busy pool (a map switch checks out four)."""

    @sa.event.listens_for(engine, "checkout")
    def _checkout(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        used = record.info.get(_LAST_USED)
        if used is not None and time.monotonic() - used < PING_AFTER_IDLE_SECONDS:
            return
        try:
            alive = engine.dialect.do_ping(dbapi_conn)
        except engine.dialect.loaded_dbapi.Error as exc:
            raise sa.exc.DisconnectionError(str(exc)) from exc
        if not alive:
            raise sa.exc.DisconnectionError("ping")

    @sa.event.listens_for(engine, "checkin")
    def _checkin(_dbapi_conn: Any, record: Any) -> None:
        record.info[_LAST_USED] = time.monotonic()


class Connected:
    """One database and its transactions. Cheap to create; share one per process."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or get_settings().database_url
        self.engine = make_engine(self.url)
        # Writes of the catalogue, areas and national values raise their change stamps
        # (imported here: the stamps module reads the schema, which imports this one).
        from monitor.store.stamps import PENDING, raise_pending, watch

        watch(self.engine)
        write_clock.watch(self.engine, self.url)
        self._stamps = (PENDING, raise_pending)

    @contextmanager
    def begin(self, *, bulk_load: bool = False) -> Iterator[Connection]:
        """One transaction: everything inside commits together or not at all.

        Scores marked as changed inside it (:func:`mark_scores`) are recomputed before
        the commit, so readers never see new values beside old colours. ``bulk_load``
        (SQLite, a large insert): foreign keys are checked once per distinct value and
        table instead of row by row (:mod:`monitor.store.foreign_keys`)."""
        pending, raise_pending = self._stamps
        with self.engine.connect() as conn:
            own_keys = bulk_load and foreign_keys.switch_off(conn)
            try:
                with conn.begin():
                    conn.info.pop(DIRTY, None)
                    conn.info[pending] = set()
                    try:
                        yield conn
                        if conn.info.get(DIRTY):
                            if not RESCORERS:
                                raise RuntimeError("scores changed but no rescorer is registered")
                            for rescore in RESCORERS:
                                rescore(self, conn)
                        bulk.build_late_indexes(conn)  # if no rescore has taken them over
                        foreign_keys.check(conn)  # after a bulk load: what it did not verify
                        raise_pending(conn)  # the change stamps of what it wrote, last
                    finally:
                        conn.info.pop(DIRTY, None)
                        conn.info.pop(pending, None)
                        published.end(conn)
                        conn.info.pop(bulk.LATE, None)
                        request_memo.forget()
            finally:
                if own_keys:
                    foreign_keys.switch_on(conn)
                checkpoint.after_commit(conn)  # SQLite, after a large write

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """One read transaction: every query inside sees the store at the same moment (a
        dry run that reads several times must not mix two states). Nothing is written:
        the transaction is rolled back at the end.

        PostgreSQL runs it as REPEATABLE READ; SQLite gets an explicit ``BEGIN``, which in
        WAL mode keeps one snapshot from the first read to the end.
        """
        with self.engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                conn.execution_options(isolation_level="REPEATABLE READ")
            else:
                conn.exec_driver_sql("BEGIN")
            try:
                yield conn
            finally:
                conn.rollback()

    @contextmanager
    def _connected(self, conn: Connection | None) -> Iterator[Connection]:
        """For a read: the caller's connection when given, else one of its own."""
        if conn is not None:
            yield conn
            return
        with self.engine.connect() as own:
            yield own

    @contextmanager
    def _transaction(self, conn: Connection | None) -> Iterator[Connection]:
        """The caller's transaction when given, else a new one."""
        if conn is not None:
            yield conn
            return
        with self.begin() as own:
            yield own
