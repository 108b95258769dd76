"""Points (meldingen, voorzieningen): versioned like measurements, so an upload of points
can be undone; and the reads the signals and the aggregation need."""

from __future__ import annotations

from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor.store.connect import Connected
from monitor.store.point_months import month_counts
from monitor.store.schema import areas, points
from monitor.store.versioned import VersionedTable

#: From this many points a publish reads the soort's current points in one query.
BULK_READ = 20_000
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
#: A point's columns as an upload writes them: key, values, the other columns.
POINT_COLUMNS = (*POINTS.key, *POINTS.values, *POINTS.other)


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
        current = self._current_points(conn, frame)
        return POINTS.publish(
            conn, frame, POINTS_KIND, filename, sha256, uploader, source, meta, current=current
        )

    def _current_points(self, conn: Connection, frame: pd.DataFrame) -> pd.DataFrame | None:
        """The current points the frame's keys replace, read in one query of the soort's
        current points when the file is large (a million keys in chunks of a few hundred
        cost thousands of queries); None: the usual chunked read."""
        if len(frame) < BULK_READ or frame["soort"].nunique() != 1:
            return None
        p = points.c
        query = sa.select(p.id, p.soort, p.point_key, p.area_id, p.datum, p.category).where(
            p.is_current.is_(True), p.soort == frame["soort"].iloc[0]
        )
        rows = list(map(tuple, conn.execute(query)))
        current = pd.DataFrame.from_records(
            rows, columns=["id", "soort", "point_key", "area_id", "datum", "category"]
        ).astype({"id": "int64", "area_id": "int64"})
        if current.empty:  # a first import: nothing to match a million keys against
            return current
        keys = frame[["soort", "point_key"]].drop_duplicates()
        return current.merge(keys, on=["soort", "point_key"])

    def point_month_counts(self, division_id: int, soort: str = "meldingen") -> pd.DataFrame:
        """Current points per buurt code × category × month: area, category, month
        (``YYYY-MM``), count. Points without a date are left out."""
        return self.point_month_totals(division_id, soort)

    def point_year_counts(
        self, division_id: int, soort: str, conn: Connection | None = None
    ) -> pd.DataFrame:
        """Current points per area id × category × year (voorzieningen without a date:
        year None), counted in the database: area_id, category, year, count; read in
        ``conn`` when given (the publishing transaction)."""
        p = points.c
        year = sa.func.substr(sa.cast(p.datum, sa.String), 1, 4).label("year")
        query = (
            sa.select(p.area_id, p.category, year, sa.func.count().label("n"))
            .join(areas, areas.c.id == p.area_id)
            .where(p.is_current.is_(True), p.soort == soort, areas.c.division_id == division_id)
            .group_by(p.area_id, p.category, year)
        )
        frame = self._point_frame(query, ["area_id", "category", "year", "count"], conn)
        if frame.empty:
            return pd.DataFrame(columns=["area_id", "category", "year", "count"])
        frame["year"] = pd.to_numeric(frame["year"]).astype(float)
        frame["count"] = frame["count"].astype("int64")
        return frame

    def point_month_id_counts(
        self, division_id: int, soort: str, conn: Connection | None = None
    ) -> pd.DataFrame:
        """Current dated points per area id × category × month, counted in the database:
        area_id, category, month (``YYYY-MM``), count, last (the group's latest date,
        ``YYYY-MM-DD``: their maximum is the extract's last day); read in ``conn`` when
        given."""
        if self._counts_here(conn):
            with self._connected(conn) as c:
                found = month_counts(c, division_id, soort)
            return found.drop(columns="code")
        last = sa.func.max(points.c.datum).label("last")
        query = _month_groups(division_id, soort, points.c.area_id, last)
        frame = self._point_frame(query, ["area_id", "category", "month", "count", "last"], conn)
        frame["count"] = frame["count"].astype("int64")
        frame["last"] = frame["last"].map(lambda d: str(d)[:10], na_action="ignore")
        return frame

    def point_handling_days(
        self, division_id: int, soort: str, conn: Connection | None = None
    ) -> pd.DataFrame:
        """Every current dated point's afhandeltermijn (the points that have one):
        area_id, datum, handling_days."""
        p = points.c
        query = (
            sa.select(p.area_id, p.datum, p.handling_days)
            .join(areas, areas.c.id == p.area_id)
            .where(
                p.is_current.is_(True),
                p.soort == soort,
                areas.c.division_id == division_id,
                p.handling_days.is_not(None),
                p.datum.is_not(None),
            )
        )
        frame = self._point_frame(query, ["area_id", "datum", "handling_days"], conn)
        frame["handling_days"] = frame["handling_days"].astype(float)
        return frame

    def _point_frame(self, query, columns: list[str], conn: Connection | None) -> pd.DataFrame:
        """The query's rows as a frame (plain tuples: quick for many rows)."""
        with self._connected(conn) as c:
            rows = _scan(c, query)
        return pd.DataFrame.from_records(rows, columns=columns)

    def _counts_here(self, conn: Connection | None) -> bool:
        """Whether the month counts are counted in numpy (SQLite: its ``GROUP BY`` sorts
        every point; :mod:`monitor.store.point_months`) rather than in the database."""
        return (conn.dialect if conn is not None else self.engine.dialect).name == "sqlite"

    def point_month_totals(
        self, division_id: int, soort: str = "meldingen", category: str | None = None
    ) -> pd.DataFrame:
        """Current points per buurt code × category × month (``YYYY-MM``), counted in the
        database (one row per group, not per point): area, category, month, count.
        Points without a date are left out."""
        if self._counts_here(None):
            with self._connected(None) as c:
                found = month_counts(c, division_id, soort, category)
            found = found.rename(columns={"code": "area"})[["area", "category", "month", "count"]]
            return found.sort_values(["area", "category", "month"], ignore_index=True)
        query = _month_groups(division_id, soort, areas.c.code, name="area")
        if category is not None:
            query = query.where(points.c.category == category)
        frame = self._point_frame(query, ["area", "category", "month", "count"], None)
        frame["count"] = frame["count"].astype("int64")
        return frame.sort_values(["area", "category", "month"], ignore_index=True)

    def current_points(
        self, division_id: int, soort: str, conn: Connection | None = None
    ) -> pd.DataFrame:
        """Every current point of a soort with its buurt: code, area_id, lon, lat, datum,
        category, subcategory, status, handling_days, name, address (ordered by datum,
        category and point key, so a reader gets the same order every time)."""
        p = points.c
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
        query = (
            sa.select(areas.c.code, *(getattr(p, c) for c in columns[1:]))
            .join(areas, areas.c.id == p.area_id)
            .where(p.is_current.is_(True), p.soort == soort, areas.c.division_id == division_id)
            .order_by(p.datum, p.category, p.point_key)
        )
        with self._connected(conn) as c:
            rows = c.execute(query).all()
        return pd.DataFrame(rows, columns=columns)


def _month_groups(
    division_id: int, soort: str, key: Any, *extra: Any, name: str | None = None
) -> sa.Select:
    """The current dated points of a soort in a division grouped by ``key`` (the area id
    or the buurt code; selected as ``name`` when given), category and month
    (``YYYY-MM``): key, category, month, n (the count) and the ``extra`` aggregates."""
    p = points.c
    month = sa.func.substr(sa.cast(p.datum, sa.String), 1, 7).label("month")
    return (
        sa.select(
            key if name is None else key.label(name),
            p.category,
            month,
            sa.func.count().label("n"),
            *extra,
        )
        .join(areas, areas.c.id == p.area_id)
        .where(
            p.is_current.is_(True),
            p.soort == soort,
            p.datum.is_not(None),
            areas.c.division_id == division_id,
        )
        .group_by(key, p.category, month)
    )


def _scan(conn: Connection, query: sa.Select) -> list[tuple]:
    """Run a query over (nearly) all current points. SQLite would walk the partial index
    of current keys and fetch each row by its id, in key order (hashes: random), which is
    three times slower for a million points than reading the table through: there the
    query is told ``NOT INDEXED`` (its values bound as literals by SQLAlchemy's own
    escaping). Other databases plan it themselves."""
    if conn.dialect.name != "sqlite":
        return list(map(tuple, conn.execute(query)))
    sql = str(query.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    sql = sql.replace("FROM points JOIN", "FROM points NOT INDEXED JOIN", 1)
    return list(map(tuple, conn.exec_driver_sql(sql)))
