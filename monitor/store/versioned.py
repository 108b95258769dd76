"""One mechanism for every versioned table: rows published by an upload, never
overwritten in place.

Each row belongs to an upload; for one key exactly one row is *current* (``is_current``).
Publishing marks the old current rows of the same keys as not current and inserts the new
ones; undoing an upload makes, per key it held, the newest row of a still published upload
current again. Measurements (``monitor.store.values``) and budget lines
(``monitor.store.budget``) are both a :class:`VersionedTable`.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor.errors import MonitorError
from monitor.messages import t
from monitor.store import bulk, published
from monitor.store.bulk import _chunks
from monitor.store.connect import now
from monitor.store.schema import areas, uploads

#: Rows read per statement (keys of one chunk column), and ids changed per statement.
READ_CHUNK = 500
WRITE_CHUNK = 900


@dataclass(frozen=True)
class VersionedTable:
    """What makes a table versioned: its key, the values read with current rows, the
    other columns an upload writes, and the upload kind it belongs to (None: every kind
    that no other versioned table claims).

    Current rows are read in chunks of ``chunk_by`` values, narrowed to the ``narrow_by``
    values of the keys asked for. ``bulk``: a large table, inserted by
    :func:`bulk.insert_frame`; else a plain ``executemany``. ``refused``: the catalogue
    key of the message of a publish the unique index on current rows refuses (None: the
    database error stays).
    ``changed``: called with the keys a publish or undo changed (rescoring).
    ``remembered``: a first import of one frame into the empty table (SQLite) is held in
    memory until the commit (:mod:`monitor.store.published`), any later write forgets it;
    its scores are marked before its insert, and the hooks told (scored meanwhile).
    """

    table: sa.Table
    key: tuple[str, ...]
    values: tuple[str, ...]
    other: tuple[str, ...] = ()
    kind: str | None = None
    chunk_by: str = "area_id"
    narrow_by: str | None = None
    bulk: bool = False
    types: dict[str, str] = field(default_factory=dict)
    refused: str | None = None
    changed: Callable[[Connection, pd.DataFrame], None] | None = None
    remembered: bool = False

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column an upload writes."""
        return (*self.key, *self.values, *self.other, "upload_id", "is_current")

    # -- publish -----------------------------------------------------------------------

    def publish(
        self,
        conn: Connection,
        frame: pd.DataFrame | Iterable[pd.DataFrame],
        kind: str,
        filename: str | None = None,
        sha256: str | None = None,
        uploader: str | None = None,
        source: str | None = None,
        meta: dict[str, Any] | None = None,
        current: pd.DataFrame | None = None,
        upload_id: int | None = None,
    ) -> int:
        """Publish ``frame`` (key, values, optionally the other columns) as one upload in
        the caller's transaction; returns the upload's id. The current rows of the same
        keys stop being current and stay in the table, so an undo can bring them back.

        ``frame`` may also be an iterable of frames (parts of one upload, e.g. a few
        indicators each; a key in a later part replaces the earlier one): a national
        upload is then never in memory at once. A large first part defers the table's
        secondary indexes to the end. ``current``: the current rows of the keys of a
        single frame (:meth:`current_rows`), when the caller has read them in this
        transaction already (to compare before publishing); other columns are ignored.
        With ``upload_id`` the rows join that upload (one file that writes two tables,
        such as points and the indicators counted from them) instead of a new one."""
        parts = iter([frame] if isinstance(frame, pd.DataFrame) else frame)
        first = next(parts, None)
        rows_hint = 0 if first is None else len(first)
        joined = upload_id is not None
        bulk.build_late_indexes(conn)  # a first import's, earlier in this transaction
        # The whole table after this publish is this one frame (first import, SQLite)?
        whole = self.remembered and isinstance(frame, pd.DataFrame)
        whole = whole and conn.dialect.name == "sqlite" and bulk.is_empty(conn, self.table)
        if self.remembered:
            published.forget(conn)
        if upload_id is None:
            upload_id = insert_upload(
                conn, kind, rows_hint, filename, sha256, uploader, source, meta
            )
        if first is None:
            return upload_id
        total = 0
        try:
            # A first import into an empty table (PostgreSQL): indexes built at the end.
            fresh = self.bulk and conn.dialect.name == "postgresql"
            fresh = fresh and bulk.is_empty(conn, self.table)
            hint = rows_hint if self.bulk else 0
            # A fresh table whose indexes are deferred (locked against other writers) and
            # still empty: every current row is one of this upload's earlier parts, so a
            # part sharing no ``chunk_by`` value with them replaces nothing and is not
            # looked up (a scan of the table without its indexes, per part).
            seen: set[Any] = set()
            if whole and self.changed is not None:
                # Marked before the insert, so a rescorer may begin scoring the rows
                # while they are inserted (monitor.scoring.first_import).
                self.changed(conn, first[list(self.key)])
                published.before_insert(conn, first, upload_id)
            # A first import on SQLite: its indexes are rebuilt while its scores are
            # computed (from the memo), in the same transaction (bulk.build_late_indexes).
            with bulk.deferred_indexes(conn, self.table, hint, fresh=fresh, late=whole):
                bare = fresh and self.table.name in conn.info.get(bulk.DEFERRED, ())
                bare = bare and bulk.is_empty(conn, self.table)
                for part in itertools.chain([first], parts):
                    if bare:
                        values = set(self._plain(part, self.chunk_by))
                        if current is None and seen.isdisjoint(values):
                            current = self._no_rows()
                        seen |= values
                    self._publish_part(conn, part, upload_id, current, marked=whole)
                    current = None  # read for the first (only) frame
                    total += len(part)
        except sa.exc.IntegrityError as exc:
            # The unique index on current rows: one key twice in this frame, or another
            # upload that published the same key at the same moment.
            if self.refused is None:
                raise
            raise MonitorError(t(self.refused)) from exc
        if whole:
            published.note(conn, first, upload_id)
        if total != rows_hint and not joined:
            conn.execute(
                sa.update(uploads).where(uploads.c.id == upload_id).values(row_count=total)
            )
        return upload_id

    def _publish_part(
        self,
        conn: Connection,
        frame: pd.DataFrame,
        upload_id: int,
        current: pd.DataFrame | None = None,
        marked: bool = False,
    ) -> None:
        """Insert one frame, superseding the current rows of its keys; ``marked``: the
        scores it changes were marked before (a first import: :meth:`publish`)."""
        if frame.empty:
            return
        replaced = self.current_rows(conn, frame[list(self.key)]) if current is None else current
        c = self.table.c
        for chunk in _chunks(replaced["id"].astype(int).tolist(), WRITE_CHUNK):
            conn.execute(sa.update(self.table).where(c.id.in_(chunk)).values(is_current=False))
        rows = frame.assign(upload_id=upload_id, is_current=True)
        for col in self.columns:
            if col not in rows:
                rows[col] = None
        rows = rows[list(self.columns)]
        if self.bulk:
            bulk.insert_frame(conn, self.table, rows)
        else:
            bulk.insert_rows(conn, self.table, rows)
        if self.changed is not None and not marked:
            self.changed(conn, frame[list(self.key)])

    # -- read ----------------------------------------------------------------------------

    def current_rows(self, conn: Connection, keys: pd.DataFrame) -> pd.DataFrame:
        """Current rows (id, key, values) for the given keys (extra keys are ignored)."""
        c = self.table.c
        query = sa.select(c.id, *(c[k] for k in self.key), *(c[v] for v in self.values))
        names = list(query.selected_columns.keys())
        found: list[Any] = []
        for part in self._chunked(keys):
            found += conn.execute(query.where(c.is_current.is_(True), part)).all()
        current = pd.DataFrame(found, columns=names).astype(self.types | {"id": "int64"})
        wanted = keys[list(self.key)]
        # None found (a first import): the same empty result without a million-row pass.
        wanted = wanted.head(0) if current.empty else wanted.drop_duplicates()
        wanted = wanted.astype({k: dtype for k, dtype in self.types.items() if k in self.key})
        return current.merge(wanted, on=list(self.key))

    def _no_rows(self) -> pd.DataFrame:
        """What :meth:`current_rows` returns when no key has a current row."""
        names = ["id", *self.key, *self.values]
        return pd.DataFrame(columns=names).astype(self.types | {"id": "int64"})

    def _chunked(self, keys: pd.DataFrame) -> list[sa.ColumnElement[bool]]:
        """Conditions that together cover ``keys``: one per chunk of ``chunk_by`` values."""
        c = self.table.c
        narrow = None
        if self.narrow_by is not None:
            narrow = c[self.narrow_by].in_(self._plain(keys, self.narrow_by))
        parts = []
        for chunk in _chunks(self._plain(keys, self.chunk_by), READ_CHUNK):
            part = c[self.chunk_by].in_(chunk)
            parts.append(part if narrow is None else sa.and_(part, narrow))
        return parts

    def _plain(self, keys: pd.DataFrame, column: str) -> list[Any]:
        """The distinct values of a key column, sorted, as Python values (bound parameters)."""
        values = keys[column].unique()
        if self.types.get(column) == "int64":
            return sorted(int(v) for v in values)
        return sorted(v.item() if hasattr(v, "item") else v for v in values)

    # -- undo ----------------------------------------------------------------------------

    def plan_undo(self, conn: Connection, upload_id: int) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Read only: the keys of the upload's current rows, and per key the newest row of
        another still published upload (id and key), which an undo makes current again."""
        c, key = self.table.c, list(self.key)
        keys = pd.DataFrame(
            conn.execute(
                sa.select(*(c[k] for k in key)).where(
                    c.upload_id == upload_id, c.is_current.is_(True)
                )
            ).all(),
            columns=key,
        )
        live = sa.select(uploads.c.id).where(
            uploads.c.status == "published", uploads.c.id != upload_id
        )
        query = sa.select(c.id, *(c[k] for k in key), c.upload_id).where(c.upload_id.in_(live))
        found: list[Any] = []
        for part in self._chunked(keys):
            found += conn.execute(query.where(part)).all()
        if not found:
            return keys, pd.DataFrame(columns=["id", *key])
        candidates = pd.DataFrame(found, columns=["id", *key, "upload_id"])
        newest = (
            candidates.merge(keys, on=key)
            .sort_values(["upload_id", "id"])
            .drop_duplicates(key, keep="last")
        )
        return keys, newest[["id", *key]].reset_index(drop=True)

    def undo(self, conn: Connection, upload_id: int) -> int:
        """The rows of an upload stop being current and, per key they held, the newest row
        of a still published upload becomes current again (:meth:`plan_undo`). Returns
        the number of keys restored. The upload's own status is the caller's business."""
        c = self.table.c
        if self.remembered:
            published.forget(conn)
        bulk.build_late_indexes(conn)
        touched = None
        if self.changed is not None:
            touched = pd.DataFrame(
                conn.execute(
                    sa.select(*(c[k] for k in self.key)).distinct().where(c.upload_id == upload_id)
                ).all(),
                columns=list(self.key),
            )
        _keys, newest = self.plan_undo(conn, upload_id)
        conn.execute(sa.update(self.table).where(c.upload_id == upload_id).values(is_current=False))
        ids = newest["id"].astype(int).tolist()
        for chunk in _chunks(ids, WRITE_CHUNK):
            conn.execute(sa.update(self.table).where(c.id.in_(chunk)).values(is_current=True))
        if self.changed is not None and touched is not None and not touched.empty:
            self.changed(conn, touched)
        return len(ids)

    def has_current(self, conn: Connection, division_id: int) -> bool:
        """Whether any row of an area of ``division_id`` is current."""
        c = self.table.c
        found = conn.scalar(
            sa.select(c.id)
            .join(areas, areas.c.id == c.area_id)
            .where(c.is_current == sa.true(), areas.c.division_id == division_id)
            .limit(1)
        )
        return found is not None

    def others_current(self, conn: Connection, upload_id: int) -> bool:
        """Whether any current row belongs to another upload than ``upload_id``."""
        c = self.table.c
        found = conn.scalar(
            sa.select(c.id).where(c.is_current == sa.true(), c.upload_id != upload_id).limit(1)
        )
        return found is not None


def insert_upload(
    conn: Connection,
    kind: str,
    rows: int,
    filename: str | None,
    sha256: str | None,
    uploader: str | None,
    source: str | None,
    meta: dict[str, Any] | None,
) -> int:
    """The upload row every publish starts with (provenance); returns its id."""
    return int(
        conn.execute(
            sa.insert(uploads).values(
                kind=kind,
                filename=filename,
                sha256=sha256,
                uploader=uploader,
                source=source,
                status="published",
                row_count=rows,
                created_at=now(),
                meta=json.dumps(meta or {}, ensure_ascii=False, default=str),
            )
        ).inserted_primary_key[0]
    )
