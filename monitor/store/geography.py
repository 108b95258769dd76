"""Areas and divisions as ``monitor.areas`` writes them: the statements of an area import
and of reading geometry."""

from __future__ import annotations

from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor.store.schema import PARENT_COLUMNS, areas, divisions


def area_codes(conn: Connection, division_id: int) -> dict[str, dict[str, Any]]:
    """Existing areas of a division by code: id, code, name, level and parent codes."""
    names = ("id", "code", "name", "level", *PARENT_COLUMNS.values())
    cols = [c for c in areas.c if c.name in names]
    rows = conn.execute(sa.select(*cols).where(areas.c.division_id == division_id)).mappings()
    return {r["code"]: dict(r) for r in rows}


def geometries(conn: Connection, division_id: int, level: str) -> list[sa.Row]:
    """(code, geometry as WKB) of the areas of one level that have a geometry."""
    c = areas.c
    query = sa.select(c.code, c.geometry).where(
        c.division_id == division_id, c.level == level, c.geometry.is_not(None)
    )
    return list(conn.execute(query).all())


def areas_with_wkb(
    conn: Connection, division_id: int, level: str, display: bool = True
) -> pd.DataFrame:
    """Areas of one level by code without division and geometries, and their display (or
    full) geometry as WKB in the column ``wkb``."""
    c = areas.c
    wkb = sa.func.coalesce(c.display_geometry, c.geometry) if display else c.geometry
    cols = [col for col in c if col.name not in ("division_id", "geometry", "display_geometry")]
    query = sa.select(*cols, wkb.label("wkb"))
    query = query.where(c.division_id == division_id, c.level == level)
    return pd.read_sql(query.order_by(c.code), conn)


def division_gemeente(conn: Connection, division_id: int) -> str | None:
    """The gemeente name of a division."""
    return conn.scalar(sa.select(divisions.c.gemeente).where(divisions.c.id == division_id))


def set_division_gemeente(conn: Connection, division_id: int, gemeente: str) -> None:
    conn.execute(
        sa.update(divisions).where(divisions.c.id == division_id).values(gemeente=gemeente)
    )


def insert_areas(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """New areas (each row holds its ``division_id``)."""
    if rows:
        conn.execute(sa.insert(areas), rows)


def area_code(conn: Connection, area_id: int) -> str | None:
    return conn.scalar(sa.select(areas.c.code).where(areas.c.id == area_id))


def insert_area(conn: Connection, **values: Any) -> int:
    """One new area; returns its id."""
    return int(conn.execute(sa.insert(areas).values(**values)).inserted_primary_key[0])


def update_area(conn: Connection, area_id: int, **values: Any) -> None:
    conn.execute(sa.update(areas).where(areas.c.id == area_id).values(**values))


def update_areas(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Existing areas in place (measurements refer to their ids): each row holds its
    ``_id`` and the columns to set."""
    if rows:
        conn.execute(sa.update(areas).where(areas.c.id == sa.bindparam("_id")), rows)


def set_gemeente_code(conn: Connection, division_id: int, code: str) -> None:
    """Every area of the division belongs to gemeente ``code``."""
    conn.execute(
        sa.update(areas).where(areas.c.division_id == division_id).values(gemeente_code=code)
    )


def areas_signature(conn: Connection, division_id: int) -> tuple[int, int | None, int | None]:
    """(count, highest id, total length of names and codes) of a division's areas: a
    cheap fingerprint that changes when areas are added, removed or renamed."""
    query = sa.select(
        sa.func.count(areas.c.id),
        sa.func.max(areas.c.id),
        sa.func.sum(sa.func.length(areas.c.name) + sa.func.length(areas.c.code)),
    ).where(areas.c.division_id == division_id)
    count, last, lengths = conn.execute(query).one()
    return int(count), last, lengths


def area_names(
    conn: Connection, division_id: int, levels: tuple[str, ...]
) -> list[tuple[str, str, str]]:
    """(code, name, level) of a division's areas of ``levels``, by code."""
    query = (
        sa.select(areas.c.code, areas.c.name, areas.c.level)
        .where(areas.c.division_id == division_id, areas.c.level.in_(levels))
        .order_by(areas.c.code)
    )
    return [tuple(row) for row in conn.execute(query)]


def division_names(conn: Connection) -> list[str]:
    """Every division's name, oldest first (what ``monitor scores rebuild`` walks)."""
    return list(conn.scalars(sa.select(divisions.c.name).order_by(divisions.c.id)))
