"""Users' own polarities (``polarity_overrides``): the statements behind
``monitor.polarity_users``, and applying them again after every write of definitions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor.store.bulk import _chunks
from monitor.store.marks import mark_scores
from monitor.store.schema import divisions, indicators, polarity_overrides

_o = polarity_overrides


def apply_user_overrides(conn: Connection, ids: list[str] | None = None) -> list[str]:
    """Give the indicators ``ids`` (all: None) their user's own polarity again; called by
    ``Store.upsert_indicators`` after every write of definitions. What the override
    replaces is remembered on the override, so removing it restores the curated value."""
    query = sa.select(_o)
    rows: list[Any] = []
    if ids is None:
        rows = list(conn.execute(query).mappings())
    else:
        for chunk in _chunks(list(ids), 500):
            rows.extend(conn.execute(query.where(_o.c.indicator_id.in_(chunk))).mappings())
    applied = []
    for row in rows:
        current = (
            conn.execute(sa.select(indicators).where(indicators.c.id == row["indicator_id"]))
            .mappings()
            .first()
        )
        if current is None:
            continue
        if current["polarity_source"] != "gebruiker":
            conn.execute(
                _o.update()
                .where(_o.c.indicator_id == row["indicator_id"])
                .values(
                    base_polarity=current["polarity"],
                    base_source=current["polarity_source"],
                    base_reason=current["polarity_reason"],
                    base_reason_en=current["polarity_reason_en"],
                    base_by=current["polarity_by"],
                )
            )
        conn.execute(
            indicators.update()
            .where(indicators.c.id == row["indicator_id"])
            .values(
                polarity=row["polarity"],
                polarity_source="gebruiker",
                polarity_reason=row["reason"],
                polarity_reason_en=None,
                polarity_by=row["created_by"],
            )
        )
        applied.append(row["indicator_id"])
    if applied:
        mark_scores(conn, conn.scalars(sa.select(divisions.c.id)), applied)
    return applied


def overrides_of(conn: Connection, ids: list[str]) -> dict[str, Any]:
    """The overrides of these indicators, by indicator id."""
    query = sa.select(_o).where(_o.c.indicator_id.in_(ids))
    return {r["indicator_id"]: r for r in conn.execute(query).mappings()}


def save_override(
    conn: Connection,
    indicator_id: str,
    polarity: str,
    reason: str,
    created_by: str,
    created_at: datetime,
    exists: bool,
) -> None:
    """Write one override (a new one, or over the existing one of ``indicator_id``); it
    takes effect with :func:`apply_user_overrides`."""
    values = {
        "polarity": polarity,
        "reason": reason,
        "created_by": created_by,
        "created_at": created_at,
    }
    if exists:
        conn.execute(_o.update().where(_o.c.indicator_id == indicator_id).values(**values))
    else:
        conn.execute(sa.insert(_o).values(indicator_id=indicator_id, **values))


def remove_override(conn: Connection, indicator_id: str) -> Any | None:
    """Drop the override of ``indicator_id`` and give the indicator back the polarity it
    replaced; returns the removed override (None: there was none, nothing changed)."""
    row = conn.execute(sa.select(_o).where(_o.c.indicator_id == indicator_id)).mappings().first()
    if row is None:
        return None
    conn.execute(sa.delete(_o).where(_o.c.indicator_id == indicator_id))
    if row["base_polarity"] is not None:
        conn.execute(
            indicators.update()
            .where(indicators.c.id == indicator_id)
            .values(
                polarity=row["base_polarity"],
                polarity_source=row["base_source"],
                polarity_reason=row["base_reason"],
                polarity_reason_en=row["base_reason_en"],
                polarity_by=row["base_by"],
            )
        )
        mark_scores(conn, conn.scalars(sa.select(divisions.c.id)), [indicator_id])
    return row


def overrides_frame(conn: Connection) -> pd.DataFrame:
    """Every override, by indicator id."""
    return pd.read_sql(sa.select(_o).order_by(_o.c.indicator_id), conn)
