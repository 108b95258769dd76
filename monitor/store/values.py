"""Measurements: publishing an upload, and reading current values.

Measurements are a versioned table (``monitor.store.versioned``): for one (area,
indicator, period) key exactly one row is *current*; publishing supersedes it and undoing
an upload restores the newest remaining row.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor.store.connect import Connected
from monitor.store.marks import _divisions_of, mark_scores
from monitor.store.schema import areas, measurements, uploads
from monitor.store.versioned import VersionedTable


def _rescore(conn: Connection, keys: pd.DataFrame) -> None:
    """Changed measurements: their scores are redone before the transaction commits."""
    mark_scores(
        conn,
        _divisions_of(conn, keys["area_id"].unique()),
        keys["indicator_id"].unique(),
        keys["period"].unique(),
    )


#: Measurements as a versioned table: every upload kind except budgets.
MEASUREMENTS = VersionedTable(
    table=measurements,
    key=("area_id", "indicator_id", "period"),
    values=("value", "n", "flag"),
    other=("peildatum", "source", "note"),
    chunk_by="indicator_id",
    narrow_by="period",
    bulk=True,
    types={"area_id": "int64", "period": "int64"},
    changed=_rescore,
    remembered=True,
)
#: Every column a measurement upload writes.
MEASUREMENT_COLUMNS = MEASUREMENTS.columns


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
        current: pd.DataFrame | None = None,
        upload_id: int | None = None,
    ) -> int:
        """Publish measurements as one upload inside the caller's transaction (or as part
        of ``upload_id``, see :meth:`VersionedTable.publish`).

        ``frame`` has columns area_id, indicator_id, period, value and optionally n,
        peildatum, source, note, flag. Earlier current rows for the same keys stop
        being current; they stay in the table so an undo can bring them back. ``current``:
        those rows, when the caller read them in this transaction (:meth:`current_rows`).
        """
        return MEASUREMENTS.publish(
            conn,
            frame,
            kind,
            filename,
            sha256,
            uploader,
            source,
            meta,
            current=current,
            upload_id=upload_id,
        )

    def current_rows(self, conn: Connection, keys: pd.DataFrame) -> pd.DataFrame:
        """Current measurement rows (id, key, value, n, flag) for the given keys."""
        return MEASUREMENTS.current_rows(conn, keys)

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

    def periods_of(self, division_id: int, indicator_ids: list[str]) -> dict[str, list[int]]:
        """:meth:`periods` of several indicators in one query (every id a key)."""
        m = measurements
        query = (
            sa.select(m.c.indicator_id, m.c.period)
            .distinct()
            .join(areas, areas.c.id == m.c.area_id)
            .where(
                areas.c.division_id == division_id,
                m.c.indicator_id.in_(list(indicator_ids)),
                m.c.is_current.is_(True),
            )
            .order_by(m.c.indicator_id, m.c.period)
        )
        out: dict[str, list[int]] = {i: [] for i in indicator_ids}
        with self.engine.connect() as conn:
            for indicator_id, period in conn.execute(query):
                out.setdefault(indicator_id, []).append(int(period))
        return out

    def measured_indicators(self, division_id: int) -> set[str]:
        """Ids of the indicators with current measurements in a division."""
        m = measurements
        query = (
            sa.select(m.c.indicator_id)
            .distinct()
            .join(areas, areas.c.id == m.c.area_id)
            .where(areas.c.division_id == division_id, m.c.is_current.is_(True))
        )
        with self.engine.connect() as conn:
            return set(conn.scalars(query))

    def measurement_history(self, area_id: int, indicator_id: str, period: int) -> pd.DataFrame:
        """Every row ever published for one key, newest first, with its upload: value, n,
        flag, is_current, bron, upload, kind, filename, sha256, uploader, created_at, status."""
        m, u = measurements, uploads
        query = (
            sa.select(
                m.c.value,
                m.c.n,
                m.c.flag,
                m.c.is_current,
                m.c.source.label("bron"),
                u.c.id.label("upload"),
                u.c.kind,
                u.c.filename,
                u.c.sha256,
                u.c.uploader,
                u.c.created_at,
                u.c.status,
            )
            .join(u, u.c.id == m.c.upload_id)
            .join(areas, areas.c.id == m.c.area_id)
            .where(
                m.c.area_id == area_id, m.c.indicator_id == indicator_id, m.c.period == int(period)
            )
            .order_by(u.c.id.desc(), m.c.id.desc())
        )
        with self.engine.connect() as conn:
            return pd.DataFrame(conn.execute(query).mappings().all())

    def measurement_sources(self, division_id: int, indicator_ids: list[str]) -> pd.DataFrame:
        """Per indicator and period of a division: each source text of its current
        measurements and how many there are (indicator_id, period, source, n)."""
        m = measurements
        query = (
            sa.select(m.c.indicator_id, m.c.period, m.c.source, sa.func.count().label("n"))
            .join(areas, areas.c.id == m.c.area_id)
            .where(
                areas.c.division_id == division_id,
                m.c.indicator_id.in_(indicator_ids),
                m.c.is_current.is_(True),
            )
            .group_by(m.c.indicator_id, m.c.period, m.c.source)
            .order_by(m.c.indicator_id, m.c.period)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        frame = pd.DataFrame(rows, columns=["indicator_id", "period", "source", "n"])
        return frame.astype({"period": "int64", "n": "int64"})
