"""One area's materialised scores with their groups (a buurtprofiel), and a level's of a
few indicators for every area at once: what a buurtprofiel renews after a publish of one
indicator (``monitor.profile_level``)."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from monitor.store.bulk import fetch_rows
from monitor.store.core import Store
from monitor.store.materialised import GROUP_NUMBERS, ROW_FIELDS, ROW_NUMBERS, frame_of
from monitor.store.schema import score_groups, scores

#: What :func:`area_scores` returns per score group: the group's reference numbers and
#: the area's row (NaN/None where the area has no row in that group).
AREA_FIELDS = ["indicator_id", "period", "nap", "nap_source", "spread", "areas", "usable"]
AREA_FIELDS += ["covered", "population_covered", "population_total", "skewness"]
AREA_FIELDS += ["refused_code", "refused_value", "refused_count", *ROW_FIELDS]


def area_scores(
    store: Store,
    division_id: int,
    area_id: int,
    level: str,
    ref_code: str,
    *,
    indicator_ids: list[str] | None = None,
    periods: list[int] | None = None,
) -> pd.DataFrame:
    """Every materialised score group of ``level`` under reference ``ref_code`` (the
    area's gemeente for the default scores) with the area's own row, in ONE query.

    One row per (indicator, period); the row fields are empty where the area has no
    score in that group (no value). A buurtprofiel reads a whole catalogue this way.
    """
    g, s = score_groups, scores
    group_fields = [f for f in AREA_FIELDS if f not in ROW_FIELDS]
    joined = g.outerjoin(s, sa.and_(s.c.group_id == g.c.id, s.c.area_id == int(area_id)))
    query = (
        sa.select(*(g.c[f] for f in group_fields), *(s.c[f] for f in ROW_FIELDS))
        .select_from(joined)
        .where(g.c.division_id == division_id, g.c.level == level, g.c.ref_code == ref_code)
        .order_by(g.c.indicator_id, g.c.period)
    )
    if indicator_ids is not None:
        query = query.where(g.c.indicator_id.in_(indicator_ids))
    if periods is not None:
        query = query.where(g.c.period.in_([int(p) for p in periods]))
    with store.engine.connect() as conn:
        found = fetch_rows(conn, query)
    names = [*group_fields, *ROW_FIELDS]
    return frame_of(found, names, [*GROUP_NUMBERS, *ROW_NUMBERS])


def level_area_scores(
    store: Store,
    division_id: int,
    level: str,
    ref_codes: list[str],
    indicator_ids: list[str],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What :func:`area_scores` gives for every area of ``level`` at once, for a few
    indicators: the score groups under ``ref_codes`` (with ``id`` and ``ref_code``) and
    every area's rows in them (with ``group_id`` and ``area_id``), two queries. Left
    joined per area (an area's groups are those of its reference) they are its
    :func:`area_scores`, typed alike."""
    g, s = score_groups, scores
    group_fields = [f for f in AREA_FIELDS if f not in ROW_FIELDS]
    where = (
        g.c.division_id == division_id,
        g.c.level == level,
        g.c.ref_code.in_(sorted(set(ref_codes))),
        g.c.indicator_id.in_(sorted(set(indicator_ids))),
    )
    groups = sa.select(g.c.id, g.c.ref_code, *(g.c[f] for f in group_fields)).where(*where)
    rows = (
        sa.select(s.c.group_id, s.c.area_id, *(s.c[f] for f in ROW_FIELDS))
        .select_from(s.join(g, g.c.id == s.c.group_id))
        .where(*where)
    )
    with store.engine.connect() as conn:
        found_groups = fetch_rows(conn, groups.order_by(g.c.indicator_id, g.c.period))
        found_rows = fetch_rows(conn, rows)
    frame = frame_of(found_groups, ["id", "ref_code", *group_fields], GROUP_NUMBERS)
    return frame, frame_of(found_rows, ["group_id", "area_id", *ROW_FIELDS], ROW_NUMBERS)
