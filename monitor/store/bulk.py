"""Writing many rows fast, and the small helpers every store module uses for it."""

from __future__ import annotations

import contextlib
import gc
import io
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor.store import checkpoint, foreign_keys

#: A SQLite insert at least this large, and larger than half the table, rebuilds the
#: table's secondary indexes afterwards instead of updating them row by row.
REBUILD_INDEXES_FROM = 50_000
#: SQLite: rows per ``INSERT … VALUES (…), (…)`` statement of a bulk insert, and the most
#: parameters one statement takes (SQLite's own limit is 32,766 since 3.32; 999 before).
ROWS_PER_INSERT = 64
MAX_PARAMETERS = 999
#: ``conn.info`` key: names of tables whose secondary indexes are dropped until the end
#: of a :func:`deferred_indexes` block (inserts into them leave the indexes alone).
DEFERRED = "deferred_indexes"
#: ``conn.info`` key: the indexes whose rebuild a :func:`deferred_indexes`
#: block with ``late`` left for later in the transaction (:func:`build_late_indexes`).
LATE = "late_indexes"


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts of plain Python values (numpy scalars and NaN are not SQL values)."""
    columns = []
    for name in frame.columns:
        values = frame[name].tolist()
        missing = frame[name].isna().tolist()
        columns.append([None if gone else v for v, gone in zip(values, missing, strict=True)])
    return [dict(zip(frame.columns, row, strict=True)) for row in zip(*columns, strict=True)]


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Python's cyclic garbage collector paused while millions of row tuples are made:
    they hold no cycles, and every collection would walk all of them again (a third of
    the time of reading a million rows)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def fetch_rows(conn: Connection, query: sa.Select) -> list[tuple[Any, ...]]:
    """All rows of a large ``query`` as plain tuples, through the driver's own cursor in
    the caller's transaction: SQLAlchemy's row objects cost more than the query itself.
    Only for columns the driver returns as they are (numbers, texts, no type processing)."""
    return _fetch(conn, query, [{}])[0]


def fetch_rows_each(
    conn: Connection, query: sa.Select, name: str, values: list[Any]
) -> list[list[tuple[Any, ...]]]:
    """:func:`fetch_rows` of ``query`` once for each of ``values`` as its bound parameter
    ``name`` (``sa.bindparam(name, placeholder)``), compiled once: one list of rows per
    value. An indexed equality per value instead of one ``IN`` list: SQLite plans a long
    ``IN`` list with a join as a walk over the joined table (a random read per row)."""
    return _fetch(conn, query, [{name: value} for value in values])


def _fetch(
    conn: Connection, query: sa.Select, bindings: list[dict[str, Any]]
) -> list[list[tuple[Any, ...]]]:
    """``query`` compiled once and run through the driver's cursor once per binding (the
    compiled parameters with the binding's values in place): one list of rows each."""
    compiled = query.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    params: dict[str, Any] = dict(compiled.params)
    order = list(compiled.positiontup) if compiled.positional else None
    dbapi, sql = conn.dialect.dbapi, str(compiled)
    driver = conn.connection.driver_connection
    # PostgreSQL: results in the binary format (numbers not printed as text and parsed
    # again: half the time of a million-row read).
    cursor = driver.cursor(binary=True) if conn.dialect.name == "postgresql" else driver.cursor()
    out: list[list[tuple[Any, ...]]] = []
    bound: Any = params
    try:
        with paused_gc():
            for binding in bindings:
                params.update(binding)
                bound = tuple(params[k] for k in order) if order is not None else params
                cursor.execute(sql, bound)
                out.append(cursor.fetchall())
    except dbapi.Error as exc:
        raise sa.exc.DBAPIError.instance(sql, bound, exc, dbapi.Error) from exc
    finally:
        cursor.close()
    return out


def insert_rows(conn: Connection, table: sa.Table, frame: pd.DataFrame) -> None:
    """Insert a small frame (columns named as the table's) with one ``executemany``."""
    if not frame.empty:
        conn.execute(sa.insert(table), _records(frame))


def insert_frame(
    conn: Connection, table: sa.Table, frame: pd.DataFrame, *, empty_text_is_null: bool = True
) -> None:
    """Insert a large frame (columns named as ``table``'s) fast, in the caller's transaction.

    PostgreSQL gets ``COPY`` of CSV text, written by Arrow (:func:`_copy_arrow`) or else
    ``to_csv`` (a missing value and an empty text both become NULL there, unless
    ``empty_text_is_null`` is False: then only a missing value is); SQLite an
    ``executemany`` of multi-row ``INSERT`` statements, and for a large insert the table's
    secondary indexes are dropped and rebuilt (a sort instead of a million B-tree
    updates). SQLite's DDL is transactional, so either way an interrupted insert still
    leaves nothing behind, indexes included.
    """
    if frame.empty:
        return
    dbapi = conn.dialect.dbapi
    driver = conn.connection.driver_connection
    if conn.dialect.name == "postgresql":
        if any(isinstance(table.c[name].type, sa.LargeBinary) for name in frame.columns):
            _copy_binary(conn, table, frame)
            return
        if _copy_arrow(conn, table, frame, empty_text_is_null):
            return
        null = "" if empty_text_is_null else ", NULL '\\N'"
        sql = f"COPY {table.name} ({', '.join(frame.columns)}) FROM STDIN WITH (FORMAT csv{null})"
        na_rep = "" if empty_text_is_null else "\\N"
        try:
            with driver.cursor() as cur, cur.copy(sql) as copy:
                for start in range(0, len(frame), 100_000):
                    part = frame.iloc[start : start + 100_000]
                    copy.write(part.to_csv(header=False, index=False, na_rep=na_rep))
        except dbapi.Error as exc:  # same exception types as SQLAlchemy's own statements
            raise sa.exc.DBAPIError.instance(sql, None, exc, dbapi.Error) from exc
        return
    # Column by column: ``tolist()`` gives Python scalars at C speed; missing → None.
    # Columns that are empty throughout are left to their default (NULL), and integer or
    # boolean columns with one value throughout (an upload id, a current flag) become
    # constants: fewer parameters per row is the main cost here.
    names, lists, constants = [], [], {}
    for name in frame.columns:
        column = frame[name]
        if column.dtype == object and not table.c[name].nullable:
            # A text that may not be missing (a class, a reason): no search for missing
            # values in millions of texts; one would be refused by NOT NULL all the same.
            names.append(name)
            lists.append(column.tolist())
            continue
        missing = column.isna().to_numpy()
        if missing.all():
            continue
        whole = pd.api.types.is_integer_dtype(column) or pd.api.types.is_bool_dtype(column)
        if whole and not missing.any() and _one_value(column.to_numpy()):
            constants[name] = int(column.iloc[0])
            continue
        if isinstance(column.dtype, pd.StringDtype):
            values = _texts(column)
        else:
            values = column.tolist()
            # SQLite stores a bound NaN as NULL: a float column needs no None in its place.
            if missing.any() and column.dtype != "float64":
                values = _none_where(values, missing)
        names.append(name)
        lists.append(values)
    foreign_keys.verify(conn, table, frame, constants)  # a bulk load's own check
    if len(frame) >= REBUILD_INDEXES_FROM:
        checkpoint.large_write(conn)  # its commit leaves the WAL checkpoint to a thread
    deferred = table.name in conn.info.get(DEFERRED, ())
    rebuild = not deferred and _worth_rebuilding(conn, table, len(frame))
    if rebuild:
        for index in table.indexes:
            conn.execute(sa.schema.DropIndex(index))
    marks = "(" + ", ".join(["?"] * len(names) + [str(v) for v in constants.values()]) + ")"
    sql = f"INSERT INTO {table.name} ({', '.join([*names, *constants])}) VALUES {marks}"
    # Many rows per statement (a third less time than one row per step), the rest one by one.
    per = max(1, min(ROWS_PER_INSERT, MAX_PARAMETERS // max(len(names), 1)))
    blocked = len(frame) - len(frame) % per if names and per > 1 else 0
    cursor = driver.cursor()
    try:
        if blocked:
            many = f"{sql}{f', {marks}' * (per - 1)}"
            cursor.executemany(many, _row_blocks(lists, blocked, per))
        cursor.executemany(sql, zip(*(values[blocked:] for values in lists), strict=True))
    except dbapi.Error as exc:
        raise sa.exc.DBAPIError.instance(sql, None, exc, dbapi.Error) from exc
    finally:
        cursor.close()
    if rebuild:
        for index in table.indexes:
            conn.execute(sa.schema.CreateIndex(index))


#: Arrow types whose CSV text PostgreSQL reads back as the same value: numbers (floats
#: in their shortest exact form), booleans, texts (always quoted), dates and all-null.
_ARROW_PLAIN = (
    pa.types.is_integer,
    pa.types.is_floating,
    pa.types.is_boolean,
    pa.types.is_string,
    pa.types.is_large_string,
    pa.types.is_date32,
    pa.types.is_null,
)


def _copy_arrow(
    conn: Connection, table: sa.Table, frame: pd.DataFrame, empty_text_is_null: bool
) -> bool:
    """PostgreSQL: ``COPY`` of CSV written by Arrow (a tenth of the time of
    ``DataFrame.to_csv``). A missing value is written as an unquoted empty field (NULL),
    a text always quoted, so an empty text stays empty unless ``empty_text_is_null``
    (``FORCE_NULL`` on the text columns). False, having written nothing, when a column
    is of another kind (timestamps, mixed objects): then ``to_csv`` does it."""
    try:
        arrow = pa.Table.from_pandas(frame, preserve_index=False)
    except (pa.ArrowException, TypeError, ValueError):
        return False
    if not all(any(plain(f.type) for plain in _ARROW_PLAIN) for f in arrow.schema):
        return False
    texts = [
        f.name
        for f in arrow.schema
        if pa.types.is_string(f.type) or pa.types.is_large_string(f.type)
    ]
    force = f", FORCE_NULL ({', '.join(texts)})" if empty_text_is_null and texts else ""
    sql = f"COPY {table.name} ({', '.join(frame.columns)}) FROM STDIN WITH (FORMAT csv{force})"
    options = pacsv.WriteOptions(include_header=False)
    dbapi = conn.dialect.dbapi
    try:
        with conn.connection.driver_connection.cursor() as cur, cur.copy(sql) as copy:
            for batch in arrow.to_batches(max_chunksize=100_000):
                sink = io.BytesIO()
                pacsv.write_csv(batch, sink, options)
                copy.write(sink.getvalue())
    except dbapi.Error as exc:  # same exception types as SQLAlchemy's own statements
        raise sa.exc.DBAPIError.instance(sql, None, exc, dbapi.Error) from exc
    return True


def _copy_binary(conn: Connection, table: sa.Table, frame: pd.DataFrame) -> None:
    """PostgreSQL: ``COPY`` in the binary format, row by row from Python values: for
    blobs (packed score rows), which CSV text would carry as hex at twice their size.
    Missing values (None, NaN) become NULL."""
    types = [table.c[name].type.compile(dialect=conn.dialect).lower() for name in frame.columns]
    columns = [_none_where(frame[n].tolist(), frame[n].isna().to_numpy()) for n in frame.columns]
    sql = f"COPY {table.name} ({', '.join(frame.columns)}) FROM STDIN WITH (FORMAT binary)"
    dbapi = conn.dialect.dbapi
    try:
        with conn.connection.driver_connection.cursor() as cur, cur.copy(sql) as copy:
            copy.set_types(types)
            for row in zip(*columns, strict=True):
                copy.write_row(row)
    except dbapi.Error as exc:  # same exception types as SQLAlchemy's own statements
        raise sa.exc.DBAPIError.instance(sql, None, exc, dbapi.Error) from exc


def _texts(column: pd.Series) -> list[Any]:
    """A text column (pandas' string type) as Python values, missing ones None, with one
    string object per distinct text: an indicator id or a flag repeated a million times
    is made a Python string once (a third of the time of ``tolist``, and its memory)."""
    codes, distinct = pd.factorize(column)
    return np.append(np.asarray(distinct, dtype=object), None)[codes].tolist()


def _one_value(values: np.ndarray) -> bool:
    """Whether a (non-empty) array holds one value throughout (``nunique() == 1``)."""
    return bool((values == values[0]).all())


def _none_where(values: list[Any], missing: np.ndarray) -> list[Any]:
    """``values`` with None where ``missing``: a Python step only per missing value, or
    per present one when most are missing (a flag column), not per row."""
    gone = np.flatnonzero(missing)
    if gone.size <= len(values) // 2:
        for k in gone.tolist():
            values[k] = None
        return values
    out: list[Any] = [None] * len(values)
    for k in np.flatnonzero(~missing).tolist():
        out[k] = values[k]
    return out


def _row_blocks(lists: list[list[Any]], size: int, per: int) -> Iterator[list[Any]]:
    """The first ``size`` rows of columns ``lists`` as flat parameter lists of ``per``
    rows each (row after row), interleaved by slice assignment a part at a time."""
    width = len(lists)
    part = per * 4096
    for start in range(0, size, part):
        stop = min(start + part, size)
        flat: list[Any] = [None] * ((stop - start) * width)
        for j, values in enumerate(lists):
            flat[j::width] = values[start:stop]
        step = per * width
        for k in range(0, len(flat), step):
            yield flat[k : k + step]


def _worth_rebuilding(conn: Connection, table: sa.Table, rows: int) -> bool:
    """Whether inserting ``rows`` into ``table`` (SQLite) is cheaper with its secondary
    indexes dropped and rebuilt afterwards: a large insert, larger than half the table.
    Never for a table without secondary indexes (nothing to rebuild; no rows counted)."""
    if rows < REBUILD_INDEXES_FROM or not table.indexes:
        return False
    size = sa.func.max(table.c.id) if "id" in table.c else sa.func.count()
    existing = conn.scalar(sa.select(size).select_from(table)) or 0
    return rows > existing / 2


@contextlib.contextmanager
def deferred_indexes(
    conn: Connection,
    table: sa.Table,
    rows: int,
    *,
    fresh: bool = False,
    foreign_keys: bool = True,
    secondary: bool = True,
    late: bool = False,
) -> Iterator[None]:
    """Inserts of many parts into ``table`` as one: on SQLite, when the first part
    (``rows``) is worth it, the secondary indexes are dropped once here and rebuilt once
    at the end (a unique index refuses duplicates then, as an ``IntegrityError``).
    SQLite's DDL is transactional: an interrupted block leaves nothing behind.

    PostgreSQL keeps its indexes (dropping one locks out readers until the commit),
    except when the caller says the table is ``fresh``: it held no row any reader could
    see before this transaction (a first import), or the caller has deleted every row in
    it and accepts that readers wait for the commit (a whole-store score rebuild). Then
    ``COPY`` fills the bare table and the indexes (primary key and unique constraints
    included) are built, and the foreign keys checked, once at the end, as on SQLite;
    PostgreSQL's DDL is transactional too, and an index built in the transaction also
    holds the rows it deleted, for readers whose snapshot is older than the commit. The
    table is analysed afterwards (the planner's row counts; autovacuum may be off or not
    yet there). Until the commit, readers of the table and other writers of the tables
    the foreign keys name (areas, indicators, uploads) wait: dropping a foreign key locks
    the table it names exclusively (its triggers). ``foreign_keys=False`` keeps them (and
    that lock away) where they are checked row by row instead (few rows);
    ``secondary=False`` (PostgreSQL) defers only the keys and keeps the secondary indexes
    up to date during the inserts (for a table whose parts come while other processes
    still compute the next ones: the index work then overlaps with theirs instead of
    being left for the end).

    ``late`` (SQLite): the indexes are not rebuilt at the end of the block but left to
    :func:`build_late_indexes`, later in the same transaction (at the latest just before
    its commit: :meth:`monitor.store.connect.Connected.begin`), so that the rebuild can
    run in a thread while this one computes the new rows' scores (SQLite releases the GIL
    while it sorts). Until then the table must not be written again; a query of it scans.
    A unique index that finds a key twice then raises SQLAlchemy's ``IntegrityError``."""
    if conn.dialect.name == "postgresql":
        if not fresh or rows < REBUILD_INDEXES_FROM:
            yield
            return
    elif conn.dialect.name != "sqlite" or not _worth_rebuilding(conn, table, rows):
        yield
        return
    constraints = []
    if conn.dialect.name == "postgresql":
        constraints = _drop_constraints(conn, table, "pu" + ("f" if foreign_keys else ""))
    indexes = list(table.indexes) if secondary or conn.dialect.name != "postgresql" else []
    for index in indexes:
        conn.execute(sa.schema.DropIndex(index))
    deferred = conn.info.setdefault(DEFERRED, set())
    deferred.add(table.name)
    try:
        yield
    finally:
        deferred.discard(table.name)
    if late and conn.dialect.name == "sqlite":
        conn.info.setdefault(LATE, []).extend(indexes)
        return
    if conn.dialect.name == "postgresql":
        # One sort per index in memory rather than on disk (this transaction only).
        conn.execute(sa.text("SET LOCAL maintenance_work_mem = '256MB'"))
    keys = [c for c in constraints if c[2] in ("p", "u")]
    for name, definition, _ in keys:  # the primary key's and unique keys' indexes: one sort each
        conn.execute(sa.text(f'ALTER TABLE {table.name} ADD CONSTRAINT "{name}" {definition}'))
    for index in indexes:
        conn.execute(sa.schema.CreateIndex(index))
    for name, definition, _ in [c for c in constraints if c[2] == "f"]:
        # Checked once, as one join, instead of row by row.
        conn.execute(sa.text(f'ALTER TABLE {table.name} ADD CONSTRAINT "{name}" {definition}'))
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text(f"ANALYZE {table.name}"))


def build_late_indexes(conn: Connection) -> None:
    """Rebuild the indexes :func:`deferred_indexes` left for later (none: nothing)."""
    for index in conn.info.pop(LATE, []):
        conn.execute(sa.schema.CreateIndex(index))


def late_indexes(conn: Connection) -> bool:
    """Whether ``conn``'s transaction has indexes left to rebuild."""
    return bool(conn.info.get(LATE))


def _drop_constraints(conn: Connection, table: sa.Table, kinds: str) -> list[tuple[str, str, str]]:
    """PostgreSQL: drop ``table``'s primary key, unique constraints and foreign keys (of
    ``kinds``: ``p``, ``u``, ``f``), returning (name, definition, kind) of each to add
    them back, primary key first: maintaining the keys' indexes and checking every
    ``COPY``'d row's references one by one costs more than the load itself. (No table
    references the tables this is used for: measurements, points, scores, score_groups.)"""
    query = sa.text(
        "SELECT conname, pg_get_constraintdef(oid), contype FROM pg_constraint "
        "WHERE conrelid = CAST(:table AS regclass) AND CAST(contype AS text) = ANY(:kinds) "
        "ORDER BY contype = 'p' DESC, contype, conname"
    )
    found = [
        (str(n), str(d), str(k))
        for n, d, k in conn.execute(query, {"table": table.name, "kinds": list(kinds)})
    ]
    for name, _, _ in found:
        conn.execute(sa.text(f'ALTER TABLE {table.name} DROP CONSTRAINT "{name}"'))
    return found


def is_empty(conn: Connection, table: sa.Table) -> bool:
    """Whether ``table`` holds no row (as this transaction sees it)."""
    return conn.scalar(sa.select(sa.literal(1)).select_from(table).limit(1)) is None


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
