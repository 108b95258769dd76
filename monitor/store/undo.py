"""Undoing an upload: its rows stop being current and what they replaced returns, for
measurements and budget lines alike; and the plan of what an undo would change."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor.errors import MonitorError
from monitor.store.budget import BUDGET_KEY, BUDGET_KIND
from monitor.store.bulk import _chunks
from monitor.store.connect import Connected, now
from monitor.store.marks import _divisions_of, mark_scores
from monitor.store.schema import budget_lines, measurements, uploads


@dataclass
class UndoPlan:
    """What an undo changes (:meth:`Store.plan_undo`): the key columns of the upload's
    current rows (``current``), the rows that become current again (``restored``: id
    and key), and whether nothing current of this kind (measurements or budget lines)
    would be left afterwards."""

    kind: str
    current: pd.DataFrame
    restored: pd.DataFrame
    nothing_left: bool


def _undo_target(kind: str) -> tuple[sa.Table, list[str], str, str | None]:
    """Table, key, and how to read candidates in chunks, for an upload of ``kind``."""
    if kind == BUDGET_KIND:
        return budget_lines, list(BUDGET_KEY), "area_id", None
    return measurements, ["area_id", "indicator_id", "period"], "indicator_id", "period"


def _undo_plan(
    conn: Connection,
    table: sa.Table,
    key: list[str],
    upload_id: int,
    chunk_by: str,
    narrow_by: str | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read only: the keys of the upload's current rows, and per key the newest row of
    another still published upload (id and key), which an undo makes current again.
    Candidates are read in chunks of ``chunk_by`` values (and only for the ``narrow_by``
    values the upload held)."""
    c = table.c
    keys = pd.DataFrame(
        conn.execute(
            sa.select(*(c[k] for k in key)).where(c.upload_id == upload_id, c.is_current.is_(True))
        ).all(),
        columns=key,
    )
    live = sa.select(uploads.c.id).where(uploads.c.status == "published", uploads.c.id != upload_id)
    found: list[Any] = []
    for chunk in _chunks(sorted(keys[chunk_by].unique().tolist()), 500):
        query = sa.select(c.id, *(c[k] for k in key), c.upload_id).where(
            c[chunk_by].in_(chunk), c.upload_id.in_(live)
        )
        if narrow_by is not None:
            query = query.where(c[narrow_by].in_(keys[narrow_by].unique().tolist()))
        found += conn.execute(query).all()
    if not found:
        return keys, pd.DataFrame(columns=["id", *key])
    candidates = pd.DataFrame(found, columns=["id", *key, "upload_id"])
    newest = (
        candidates.merge(keys, on=key)
        .sort_values(["upload_id", "id"])
        .drop_duplicates(key, keep="last")
    )
    return keys, newest[["id", *key]].reset_index(drop=True)


def _restore_newest(
    conn: Connection,
    table: sa.Table,
    key: list[str],
    chunk_by: str,
    narrow_by: str | None,
    upload_id: int,
) -> int:
    """The rest of an undo, for measurements and budget lines alike: the upload's rows
    stop being current and, per key they held, the newest row of a still published upload
    becomes current again (:func:`_undo_plan`). Returns the number of keys restored."""
    _keys, newest = _undo_plan(conn, table, key, upload_id, chunk_by, narrow_by)
    c = table.c
    conn.execute(sa.update(table).where(c.upload_id == upload_id).values(is_current=False))
    ids = newest["id"].astype(int).tolist()
    for chunk in _chunks(ids, 900):
        conn.execute(sa.update(table).where(c.id.in_(chunk)).values(is_current=True))
    return len(ids)


class UndoMixin(Connected):
    """The upload and undo methods of :class:`monitor.store.Store`."""

    def uploads_frame(self) -> pd.DataFrame:
        with self.engine.connect() as conn:
            return pd.read_sql(sa.select(uploads).order_by(uploads.c.id), conn)

    def undo_upload(
        self, upload_id: int, by: str | None = None, conn: Connection | None = None
    ) -> int:
        """Undo an upload: its rows stop being current and what they replaced returns.

        Measurements and budget lines (kind ``begroting``) alike. The undo is recorded on
        the upload (who, when). Returns the number of keys restored to an earlier value.
        With ``conn`` it runs in the caller's transaction (so an audit line can join it).
        An unknown upload, or one already undone, is refused with a MonitorError.
        """
        with self._transaction(conn) as conn:
            kind = conn.scalar(sa.select(uploads.c.kind).where(uploads.c.id == upload_id))
            if kind is None:
                raise MonitorError(f"Upload {upload_id} bestaat niet.")
            # The status changes only from published, checked by the database in this
            # transaction: of two undos at once, the second finds nothing to change.
            done = conn.execute(
                sa.update(uploads)
                .where(uploads.c.id == upload_id, uploads.c.status == "published")
                .values(status="undone", undone_at=now(), undone_by=by)
            )
            if done.rowcount != 1:
                raise MonitorError(f"Upload {upload_id} is al ongedaan gemaakt.")
            touched = pd.DataFrame()
            if kind != BUDGET_KIND:
                key = ["area_id", "indicator_id", "period"]
                touched = pd.DataFrame(
                    conn.execute(
                        sa.select(*(measurements.c[k] for k in key))
                        .distinct()
                        .where(measurements.c.upload_id == upload_id)
                    ).all(),
                    columns=key,
                )
            restored = _restore_newest(conn, *_undo_target(kind), upload_id)
            if not touched.empty:
                mark_scores(
                    conn,
                    _divisions_of(conn, touched["area_id"].unique()),
                    touched["indicator_id"].unique(),
                    touched["period"].unique(),
                )
            return restored

    def plan_undo(self, conn: Connection, upload_id: int) -> UndoPlan:
        """What undoing ``upload_id`` would change, read in ``conn`` (changes nothing):
        its rows that are current, and per key the row of a still published upload that
        would become current again. An unknown upload is refused with a MonitorError."""
        kind = conn.scalar(sa.select(uploads.c.kind).where(uploads.c.id == upload_id))
        if kind is None:
            raise MonitorError(f"Upload {upload_id} bestaat niet.")
        table, key, chunk_by, narrow_by = _undo_target(kind)
        current, restored = _undo_plan(conn, table, key, upload_id, chunk_by, narrow_by)
        others = conn.scalar(
            sa.select(table.c.id)
            .where(table.c.is_current == sa.true(), table.c.upload_id != upload_id)
            .limit(1)
        )
        return UndoPlan(kind, current, restored, others is None and restored.empty)
