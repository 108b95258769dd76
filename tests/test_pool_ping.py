"""PostgreSQL's pool pings a connection only after it has been idle (monitor.store.connect):
a server that dropped an idle connection is survived, a busy pool pays no round trip."""

from __future__ import annotations

import psycopg
import pytest
import sqlalchemy as sa

from monitor.store import connect
from tests.support import postgres_database

pytestmark = pytest.mark.postgres


def test_a_connection_dropped_while_idle_is_replaced_before_use(monkeypatch) -> None:
    with postgres_database() as url:
        engine = connect.make_engine(url)
        try:
            with engine.connect() as conn:
                first = conn.scalar(sa.text("SELECT pg_backend_pid()"))
            with psycopg.connect(url, autocommit=True) as admin:  # the server drops it
                admin.execute("SELECT pg_terminate_backend(%s)", (first,))
            monkeypatch.setattr(connect, "PING_AFTER_IDLE_SECONDS", 0.0)  # idle long enough
            with engine.connect() as conn:
                second = conn.scalar(sa.text("SELECT pg_backend_pid()"))
            assert second != first
        finally:
            engine.dispose()


def test_a_busy_pool_hands_out_connections_without_a_ping() -> None:
    with postgres_database() as url:
        engine = connect.make_engine(url)
        try:
            pings: list[object] = []
            ping = engine.dialect.do_ping
            engine.dialect.do_ping = lambda dbapi_conn: pings.append(dbapi_conn) or ping(dbapi_conn)
            for _ in range(5):
                with engine.connect() as conn:
                    assert conn.scalar(sa.text("SELECT 1")) == 1
            assert len(pings) == 1  # the new connection's first checkout only
        finally:
            engine.dispose()
