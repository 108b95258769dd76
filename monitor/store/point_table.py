"""Points (meldingen, voorzieningen): versioned like measurements, so an upload of points
can be undone; and the reads the signals and the aggregation need."""

from __future__ import annotations

from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor.store.connect import Connected
from monitor.store.schema import areas, points
from monitor.store.versioned import VersionedTable

#: The upload kind of a points file, and the kinds of points.
POINTS_KIND = "punten"
SOORTEN = ("meldingen", "voorzieningen")
POINTS = VersionedTable(
    table=points,
    key=("soort", "point_key"),
    values=("area_id", "datum", "category"),
    other=("subcategory", "status", "handling_days", "name", "address", "lon", "lat"),
    kind=POINTS_KIND,
    chunk_by="point_key",
    narrow_by="soort",
    bulk=True,
    types={"area_id": "int64"},
    refused="points.publish_refused",
)


class PointsMixin(Connected):
    """The points methods of :class:`monitor.store.Store`."""

    def publish_points(
        self,
        frame: pd.DataFrame,
        *,
        conn: Connection,
        filename: str | None = None,
        sha256: str | None = None,
        uploader: str | None = None,
        source: str | None = None,
        meta: dict[str, Any] | None = None,
    ) -> int:
        """Publish points as one upload of kind ``punten`` in the caller's transaction:
        current points with the same (soort, point_key) stop being current."""
        return POINTS.publish(conn, frame, POINTS_KIND, filename, sha256, uploader, source, meta)

    def point_month_counts(self, division_id: int, soort: str = "meldingen") -> pd.DataFrame:
        """Current points per buurt code × category × month: area, category, month
        (``YYYY-MM``), count. Points without a date are left out."""
        p = points.c
        query = (
            sa.select(areas.c.code.label("area"), p.category, p.datum)
            .join(areas, areas.c.id == p.area_id)
            .where(
                p.is_current.is_(True),
                p.soort == soort,
                p.datum.is_not(None),
                areas.c.division_id == division_id,
            )
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        frame = pd.DataFrame(rows, columns=["area", "category", "datum"])
        if frame.empty:
            return pd.DataFrame(columns=["area", "category", "month", "count"])
        frame["month"] = pd.to_datetime(frame["datum"]).dt.strftime("%Y-%m")
        return frame.groupby(["area", "category", "month"]).size().rename("count").reset_index()

    def point_year_counts(
        self, division_id: int, soort: str, conn: Connection | None = None
    ) -> pd.DataFrame:
        """Current points per area id × category × year (voorzieningen without a date:
        year None): area_id, category, year, count; read in ``conn`` when given (the
        publishing transaction)."""
        frame = self._point_rows(division_id, soort, conn)
        if frame.empty:
            return pd.DataFrame(columns=["area_id", "category", "year", "count"])
        return (
            frame.groupby(["area_id", "category", "year"], dropna=False)
            .size()
            .rename("count")
            .reset_index()
        )

    def point_year_handling(
        self, division_id: int, soort: str, conn: Connection | None = None
    ) -> pd.DataFrame:
        """The median afhandeltermijn (days) of current points per area id × year, over
        the points that have one: area_id, year, median, n."""
        frame = self._point_rows(division_id, soort, conn)
        frame = frame[frame["handling_days"].notna() & frame["year"].notna()]
        if frame.empty:
            return pd.DataFrame(columns=["area_id", "year", "median", "n"])
        grouped = frame.groupby(["area_id", "year"])["handling_days"]
        return pd.DataFrame({"median": grouped.median(), "n": grouped.size()}).reset_index()

    def current_points(
        self, division_id: int, soort: str, conn: Connection | None = None
    ) -> pd.DataFrame:
        """Every current point of a soort with its buurt: code, area_id, lon, lat, datum,
        category, subcategory, status, handling_days, name, address (ordered by datum,
        category and point key, so a reader gets the same order every time)."""
        p = points.c
        query = (
            sa.select(
                areas.c.code,
                p.area_id,
                p.lon,
                p.lat,
                p.datum,
                p.category,
                p.subcategory,
                p.status,
                p.handling_days,
                p.name,
                p.address,
            )
            .join(areas, areas.c.id == p.area_id)
            .where(p.is_current.is_(True), p.soort == soort, areas.c.division_id == division_id)
            .order_by(p.datum, p.category, p.point_key)
        )
        if conn is not None:
            rows = conn.execute(query).all()
        else:
            with self.engine.connect() as own:
                rows = own.execute(query).all()
        columns = [
            "code",
            "area_id",
            "lon",
            "lat",
            "datum",
            "category",
            "subcategory",
            "status",
            "handling_days",
            "name",
            "address",
        ]
        return pd.DataFrame(rows, columns=columns)

    def _point_rows(self, division_id: int, soort: str, conn: Connection | None) -> pd.DataFrame:
        p = points.c
        query = (
            sa.select(p.area_id, p.category, p.datum, p.handling_days)
            .join(areas, areas.c.id == p.area_id)
            .where(p.is_current.is_(True), p.soort == soort, areas.c.division_id == division_id)
        )
        if conn is not None:
            rows = conn.execute(query).all()
        else:
            with self.engine.connect() as own:
                rows = own.execute(query).all()
        frame = pd.DataFrame(rows, columns=["area_id", "category", "datum", "handling_days"])
        frame["year"] = pd.to_datetime(frame["datum"]).dt.year
        frame["handling_days"] = frame["handling_days"].astype(float)
        return frame
