"""Statements of the national reference (:mod:`monitor.scoring.national`): the country's
own value of an indicator in a year, as CBS publishes it in the KWB's *Nederland* row."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor.store.schema import national_values

COLUMNS = ["indicator_id", "period", "value", "flag", "source"]


def write(conn: Connection, rows: Iterable[dict]) -> int:
    """Replace the national values of the (indicator, period) pairs in ``rows``."""
    rows = [{c: r.get(c) for c in COLUMNS} for r in rows]
    for r in rows:
        conn.execute(
            sa.delete(national_values).where(
                national_values.c.indicator_id == r["indicator_id"],
                national_values.c.period == int(r["period"]),
            )
        )
    if rows:
        conn.execute(sa.insert(national_values), rows)
    return len(rows)


def read(conn: Connection, indicator_ids: list[str] | None = None) -> pd.DataFrame:
    """The national values (of ``indicator_ids``) as a frame of :data:`COLUMNS`."""
    query = sa.select(*(national_values.c[c] for c in COLUMNS))
    if indicator_ids is not None:
        query = query.where(national_values.c.indicator_id.in_(indicator_ids))
    frame = pd.DataFrame(conn.execute(query).all(), columns=COLUMNS)
    frame["period"] = frame["period"].astype("int64")
    frame["value"] = frame["value"].astype("float64")
    return frame
