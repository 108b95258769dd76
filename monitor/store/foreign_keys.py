"""SQLite: a bulk load checks its foreign keys once per distinct value, not row by row.

SQLite checks each foreign key of an inserted row with a lookup in the parent table: the
three of a measurement (area, indicator, upload) cost a quarter of a million-row insert
(0.2 of 0.7 s on the benchmark machine), for a few thousand distinct areas, a few dozen
indicators and one upload. A transaction begun with ``bulk_load``
(:meth:`monitor.store.connect.Connected.begin`) switches the connection's enforcement
off before it begins (SQLite allows that only outside a transaction) and on again after
it ends; inside it:

* :func:`verify` (called by :func:`monitor.store.bulk.insert_frame` for every frame it
  inserts) looks each distinct referenced value up in its parent table, in this
  transaction, and refuses the insert as SQLite would (``IntegrityError``);
* :func:`check`, before the commit, runs SQLite's own ``PRAGMA foreign_key_check`` on
  every other table with foreign keys: whatever else the transaction wrote is checked as
  a whole (the small tables of a publish: the upload's audit row, its scores, stamps).

The store ends as it would have with enforcement on: a violation rolls the transaction
back. PostgreSQL is not concerned (its ``COPY`` checks keys in bulk itself).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor.store.schema import metadata

#: ``conn.info`` key: foreign keys are checked by this module; the tables verified so far.
OWN = "foreign_keys_checked_here"
#: Distinct values looked up per query.
CHUNK = 500


def switch_off(conn: Connection) -> bool:
    """Before a transaction begins: SQLite stops enforcing foreign keys on ``conn`` and
    :func:`verify` / :func:`check` take over. False (nothing changed) elsewhere."""
    if conn.dialect.name != "sqlite" or conn.in_transaction():
        return False
    driver = conn.connection.driver_connection
    if driver.in_transaction:
        return False  # the pragma would do nothing
    driver.execute("PRAGMA foreign_keys = OFF")
    conn.info[OWN] = set()
    return True


def switch_on(conn: Connection) -> None:
    """After the transaction ended (committed or not): enforcement on again. A connection
    that cannot be switched back is not returned to the pool."""
    conn.info.pop(OWN, None)
    try:
        conn.connection.driver_connection.execute("PRAGMA foreign_keys = ON")
    except Exception:
        conn.invalidate()
        raise


def verify(
    conn: Connection, table: sa.Table, frame: pd.DataFrame, constants: dict[str, Any]
) -> None:
    """The foreign keys of rows about to be inserted into ``table`` (columns of ``frame``
    and ``constants``, the same value in every row), when :func:`switch_off` made them
    this module's: every distinct value must exist in its parent table."""
    verified = conn.info.get(OWN)
    if verified is None:
        return
    for key in table.foreign_keys:
        name = key.parent.name
        if name in constants:
            values = [constants[name]]
        elif name in frame:
            values = pd.unique(frame[name].dropna()).tolist()  # Python scalars
        else:
            continue
        missing = _absent(conn, key.column, values)
        if missing:
            raise sa.exc.IntegrityError(
                f"INSERT INTO {table.name}",
                {name: missing[0]},
                Exception(f"FOREIGN KEY constraint failed ({table.name}.{name})"),
            )
    verified.add(table.name)


def check(conn: Connection) -> None:
    """Before the commit: SQLite's ``foreign_key_check`` of every table with foreign keys
    that :func:`verify` did not see. A violation raises ``IntegrityError``."""
    verified = conn.info.get(OWN)
    if verified is None:
        return
    driver = conn.connection.driver_connection
    for table in metadata.sorted_tables:
        if table.foreign_keys and table.name not in verified:
            found = driver.execute(f"PRAGMA foreign_key_check({table.name})").fetchone()
            if found is not None:
                raise sa.exc.IntegrityError(
                    f"PRAGMA foreign_key_check({table.name})",
                    {"rowid": found[1], "parent": found[2]},
                    Exception(f"FOREIGN KEY constraint failed ({table.name} → {found[2]})"),
                )


def _absent(conn: Connection, column: sa.Column, values: list[Any]) -> list[Any]:
    """The ``values`` that no row of ``column``'s table has in ``column``."""
    found: set[Any] = set()
    for start in range(0, len(values), CHUNK):
        part = values[start : start + CHUNK]
        query = sa.select(column).where(column.in_(part))
        found.update(conn.scalars(query))
    return [v for v in values if v not in found]
