"""The store's write clock: a counter in Redis that every committed write raises.

Each request reads the request's state (:mod:`monitor.store.request_state`: settings,
divisions, change, score and indicator stamps, uploads) before anything else, two
queries. With Redis (``MONITOR_REDIS_URL``) an instance keeps that state between
requests and reads one number instead: this clock. Every transaction of any process on
the store that wrote something raises it once it is committed (a listener on the engine:
every insert, update, delete or DDL statement marks the connection, the commit arms it,
and the connection's return to the pool raises it, after the commit), so the next
request of any instance sees a new time and reads the state anew. A state is also read
anew when it is older than :data:`MAX_AGE_SECONDS` (a writer without Redis configured,
or a raise that failed, is seen within that time). Without Redis, or when Redis does not
answer, there is no clock and every request reads the state, as before.
"""

from __future__ import annotations

import hashlib
import threading
import time
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from monitor import cache

#: A kept request state is read anew after this long, whatever the clock says.
MAX_AGE_SECONDS = 1.0
#: The first word of a statement that writes (SQLAlchemy's and hand-written SQL alike).
WRITES = ("insert", "update", "delete", "copy", "create", "drop", "alter", "truncate", "replace")
#: ``conn.info`` keys: this transaction wrote; this connection committed a write.
WROTE, COMMITTED = "write_clock_wrote", "write_clock_committed"

#: Per store URL: (clock read, monotonic moment, state) of the newest state kept.
_kept: dict[str, tuple[int, float, Any]] = {}
_lock = threading.Lock()


def key(url: str) -> str:
    """The Redis key of the store's clock (the URL hashed: it may hold a password)."""
    return "buurtmonitor:writes:" + hashlib.sha256(url.encode()).hexdigest()[:40]


def watch(engine: Engine, url: str) -> None:
    """Raise the store's clock after every committed transaction that wrote."""

    def seen(conn: Connection, _cursor: Any, statement: str, *_: Any) -> None:
        # A prefix only: a statement can be long, and this runs for every one.
        if statement[:64].lstrip()[:9].lower().startswith(WRITES):
            conn.info[WROTE] = True

    def committing(conn: Connection) -> None:
        if conn.info.pop(WROTE, False):
            conn.info[COMMITTED] = True

    def rolled_back(conn: Connection) -> None:
        conn.info.pop(WROTE, None)

    def returned(_dbapi: Any, record: Any) -> None:  # after the commit
        committed = record.info.pop(COMMITTED, False)
        if record.info.pop(WROTE, False) or committed:  # also a write outside a transaction
            tick(url)

    event.listen(engine, "after_cursor_execute", seen)
    event.listen(engine, "commit", committing)
    event.listen(engine, "rollback", rolled_back)
    event.listen(engine, "checkin", returned)


def tick(url: str) -> None:
    """A write on the store was committed: forget the state kept here, raise the clock."""
    with _lock:
        _kept.pop(url, None)
    # Without Redis, or when it did not answer (logged), the others see the write once
    # their state is MAX_AGE_SECONDS old.
    cache.shared().raise_counter(key(url))


def kept_or_read(url: str, read: Any) -> Any:
    """The state kept for ``url`` when the clock has not moved since it was read (and it
    is younger than :data:`MAX_AGE_SECONDS`), else ``read()`` — kept under the time read
    just before it, so a write during the read makes the next request read again."""
    now = cache.shared().counter(key(url))
    if now is None:  # no Redis, or it did not answer: read every time
        return read()
    moment = time.monotonic()
    with _lock:
        held = _kept.get(url)
    if held is not None and held[0] == now and moment - held[1] < MAX_AGE_SECONDS:
        return held[2]
    found = read()
    with _lock:
        _kept[url] = (now, moment, found)
    return found


def forget() -> None:
    """Drop every kept state of this process (tests)."""
    with _lock:
        _kept.clear()
