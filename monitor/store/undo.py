"""Undoing an upload: its rows stop being current and what they replaced returns, for
every versioned table alike (``monitor.store.versioned``); and the plan of what an undo
would change."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor.errors import MonitorError
from monitor.messages import t
from monitor.store import request_state
from monitor.store.budget import BUDGET
from monitor.store.connect import Connected, now
from monitor.store.point_table import POINTS, POINTS_KIND
from monitor.store.schema import score_state, uploads
from monitor.store.values import MEASUREMENTS
from monitor.store.versioned import VersionedTable

#: Every versioned table; the first whose upload kind matches (or that takes every kind).
VERSIONED: tuple[VersionedTable, ...] = (BUDGET, POINTS, MEASUREMENTS)


def versioned_for(kind: str) -> VersionedTable:
    """The versioned table an upload of ``kind`` wrote to."""
    return next(v for v in VERSIONED if v.kind in (kind, None))


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


def _kind(conn: Connection, upload_id: int) -> str:
    kind = conn.scalar(sa.select(uploads.c.kind).where(uploads.c.id == upload_id))
    if kind is None:
        raise MonitorError(t("undo.unknown", id=upload_id))
    return kind


class UndoMixin(Connected):
    """The upload and undo methods of :class:`monitor.store.Store`."""

    def uploads_frame(self) -> pd.DataFrame:
        with self.engine.connect() as conn:
            return pd.read_sql(sa.select(uploads).order_by(uploads.c.id), conn)

    def upload(self, conn: Connection, upload_id: int) -> sa.Row | None:
        """The upload's row, or None."""
        return conn.execute(sa.select(uploads).where(uploads.c.id == upload_id)).one_or_none()

    def upload_rows(self, conn: Connection) -> pd.DataFrame:
        """Every upload as read in ``conn`` (columns as in the table, in no order)."""
        return pd.DataFrame(conn.execute(sa.select(uploads)).mappings().all())

    def upload_counts(self) -> tuple[int | None, int, int]:
        """(newest upload id, uploads, undone uploads): changes with every publish or undo."""
        u = uploads.c
        query = sa.select(sa.func.max(u.id), sa.func.count(u.id), sa.func.count(u.undone_at))
        with self.engine.connect() as conn:
            newest, count, undone = conn.execute(query).one()
        return newest, int(count), int(undone)

    def data_stamp(self, division_id: int) -> tuple[Any, ...]:
        """What every derived read of a division depends on, in one query: its score
        generation and build moment (every rescoring raises it) and
        :meth:`upload_counts` (every publish or undo of any table changes them). Read once
        per request scope (:mod:`monitor.store.request_state`)."""
        found = request_state.state(self.engine, self.url)
        if found is None:
            return self._data_stamp(division_id)
        generation, built = found.scores.get(division_id, (0, ""))
        kinds = found.uploads.values()
        newest = max((k[1] for k in kinds if k[1] is not None), default=None)
        count, undone = sum(k[2] for k in kinds), sum(k[3] for k in kinds)
        return (generation, built, newest, count, undone)

    def _data_stamp(self, division_id: int) -> tuple[Any, ...]:
        u, s = uploads.c, score_state.c
        state = sa.select(s.generation, s.built_at).where(s.division_id == division_id)
        query = sa.select(
            state.with_only_columns(s.generation).scalar_subquery(),
            state.with_only_columns(s.built_at).scalar_subquery(),
            sa.select(sa.func.max(u.id)).scalar_subquery(),
            sa.select(sa.func.count(u.id)).scalar_subquery(),
            sa.select(sa.func.count(u.undone_at)).scalar_subquery(),
        )
        with self.engine.connect() as conn:
            generation, built, newest, count, undone = conn.execute(query).one()
        built_text = built.isoformat() if built is not None else ""
        return (generation or 0, built_text, newest, int(count or 0), int(undone or 0))

    def undone_counts(self, conn: Connection) -> dict[str, int]:
        """Undone uploads per versioned table: ``meetingen`` and ``begroting``."""
        is_budget = uploads.c.kind == BUDGET.kind
        rows = conn.execute(
            sa.select(is_budget, sa.func.count())
            .where(uploads.c.status == "undone")
            .group_by(is_budget)
        ).all()
        found = {bool(b): int(n) for b, n in rows}
        return {"meetingen": found.get(False, 0), "begroting": found.get(True, 0)}

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
            kind = _kind(conn, upload_id)
            # The status changes only from published, checked by the database in this
            # transaction: of two undos at once, the second finds nothing to change.
            done = conn.execute(
                sa.update(uploads)
                .where(uploads.c.id == upload_id, uploads.c.status == "published")
                .values(status="undone", undone_at=now(), undone_by=by)
            )
            if done.rowcount != 1:
                raise MonitorError(t("undo.not_published", id=upload_id))
            restored = versioned_for(kind).undo(conn, upload_id)
            if kind == POINTS_KIND:
                # A points upload also published the indicators counted from its points.
                restored += MEASUREMENTS.undo(conn, upload_id)
            return restored

    def plan_undo(self, conn: Connection, upload_id: int) -> UndoPlan:
        """What undoing ``upload_id`` would change, read in ``conn`` (changes nothing):
        its rows that are current, and per key the row of a still published upload that
        would become current again. An unknown upload is refused with a MonitorError."""
        kind = _kind(conn, upload_id)
        versioned = versioned_for(kind)
        current, restored = versioned.plan_undo(conn, upload_id)
        others = versioned.others_current(conn, upload_id)
        return UndoPlan(kind, current, restored, not others and restored.empty)
