"""Measurements: publishing an upload, and reading current values.

Measurements are never overwritten in place. Each row belongs to an upload; for one
(area, indicator, period) key exactly one row is *current* (``is_current``). Publishing
marks the old current row as not current and inserts the new one; undoing an upload
restores the newest remaining row.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor.store import bulk
from monitor.store.bulk import _chunks
from monitor.store.connect import Connected
from monitor.store.marks import _divisions_of, mark_scores
from monitor.store.schema import LEVELS, areas, measurements
from monitor.store.versioned import _insert_upload

MEASUREMENT_COLUMNS = (
    "area_id",
    "indicator_id",
    "period",
    "value",
    "n",
    "peildatum",
    "source",
    "note",
    "flag",
    "upload_id",
    "is_current",
)


class MeasurementsMixin(Connected):
    """The measurement methods of :class:`monitor.store.Store`."""

    def publish(
        self,
        frame: pd.DataFrame,
        *,
        kind: str,
        conn: Connection,
        filename: str | None = None,
        sha256: str | None = None,
        uploader: str | None = None,
        source: str | None = None,
        meta: dict[str, Any] | None = None,
    ) -> int:
        """Publish measurements as one upload inside the caller's transaction.

        ``frame`` has columns area_id, indicator_id, period, value and optionally n,
        peildatum, source, note, flag. Earlier current rows for the same keys stop
        being current; they stay in the table so an undo can bring them back.
        """
        upload_id = _insert_upload(conn, kind, len(frame), filename, sha256, uploader, source, meta)
        if frame.empty:
            return upload_id
        replaced = self.current_rows(conn, frame[["area_id", "indicator_id", "period"]])
        ids = replaced["id"].astype(int).tolist()
        for chunk in _chunks(ids, 900):
            conn.execute(
                sa.update(measurements).where(measurements.c.id.in_(chunk)).values(is_current=False)
            )
        rows = frame.assign(upload_id=upload_id, is_current=True)
        for col in MEASUREMENT_COLUMNS:
            if col not in rows:
                rows[col] = None
        bulk.insert_frame(conn, measurements, rows[list(MEASUREMENT_COLUMNS)])
        mark_scores(
            conn,
            _divisions_of(conn, frame["area_id"].unique()),
            frame["indicator_id"].unique(),
            frame["period"].unique(),
        )
        return upload_id

    def current_rows(self, conn: Connection, keys: pd.DataFrame) -> pd.DataFrame:
        """Current measurement rows (id, key, value, n, flag) for the given keys."""
        m = measurements
        found = []
        indicator_ids = sorted(keys["indicator_id"].unique())
        periods = sorted(int(p) for p in keys["period"].unique())
        for chunk in _chunks(indicator_ids, 200):
            query = sa.select(
                m.c.id, m.c.area_id, m.c.indicator_id, m.c.period, m.c.value, m.c.n, m.c.flag
            ).where(m.c.is_current.is_(True), m.c.indicator_id.in_(chunk), m.c.period.in_(periods))
            found.append(
                pd.DataFrame(conn.execute(query).all(), columns=list(query.selected_columns.keys()))
            )
        current = pd.concat(found, ignore_index=True)
        wanted = keys.drop_duplicates().astype({"area_id": "int64", "period": "int64"})
        current = current.astype({"area_id": "int64", "period": "int64"})
        return current.merge(wanted, on=["area_id", "indicator_id", "period"])

    def current_values(
        self,
        division_id: int,
        indicator_ids: list[str] | None,
        periods: list[int] | None = None,
        level: str | None = None,
    ) -> pd.DataFrame:
        """Current measurements joined with their area code and level (None: all indicators)."""
        m, a = measurements, areas
        query = (
            sa.select(
                a.c.code,
                a.c.level,
                m.c.area_id,
                m.c.indicator_id,
                m.c.period,
                m.c.value,
                m.c.n,
                m.c.flag,
                m.c.upload_id,
            )
            .join(a, a.c.id == m.c.area_id)
            .where(a.c.division_id == division_id, m.c.is_current.is_(True))
        )
        if indicator_ids is not None:
            query = query.where(m.c.indicator_id.in_(indicator_ids))
        if periods is not None:
            query = query.where(m.c.period.in_([int(p) for p in periods]))
        if level is not None:
            query = query.where(a.c.level == level)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        # Column by column with known types: read_sql's type inference costs more than
        # the query itself on a map switch.
        names = list(query.selected_columns.keys())
        columns = list(zip(*rows, strict=True)) if rows else [()] * len(names)
        numeric = {"area_id": "int64", "period": "int64", "upload_id": "int64"}
        numeric |= {"value": "float64", "n": "float64"}
        return pd.DataFrame(
            {
                name: np.array(col, dtype=numeric[name])
                if name in numeric
                else pd.array(col, dtype="str")
                for name, col in zip(names, columns, strict=True)
            }
        )

    def periods(self, division_id: int, indicator_id: str) -> list[int]:
        """Periods with at least one current measurement for this indicator."""
        query = (
            sa.select(measurements.c.period)
            .distinct()
            .join(areas, areas.c.id == measurements.c.area_id)
            .where(
                areas.c.division_id == division_id,
                measurements.c.indicator_id == indicator_id,
                measurements.c.is_current.is_(True),
            )
            .order_by(measurements.c.period)
        )
        with self.engine.connect() as conn:
            return [int(p) for p in conn.scalars(query)]

    def measured_levels(self, division_id: int) -> list[str]:
        """Levels that have current measurements of their own, smallest first."""
        query = (
            sa.select(areas.c.level)
            .distinct()
            .join(measurements, measurements.c.area_id == areas.c.id)
            .where(areas.c.division_id == division_id, measurements.c.is_current.is_(True))
        )
        with self.engine.connect() as conn:
            found = set(conn.scalars(query))
        return [lvl for lvl in LEVELS if lvl in found]
