"""A level's materialised scores of a few indicators for every area at once: what a
buurtprofiel renews after a publish of one indicator (``monitor.profile_level``)."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from monitor.store.bulk import fetch_rows
from monitor.store.core import Store
from monitor.store.materialised import AREA_FIELDS, ROW_FIELDS
from monitor.store.schema import score_groups, scores


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
    floats = ["nap", "spread", "population_covered", "population_total", "skewness"]
    frame = pd.DataFrame(found_groups, columns=["id", "ref_code", *group_fields])
    frame = frame.astype({c: "float64" for c in [*floats, "refused_value"]})
    return frame, pd.DataFrame(found_rows, columns=["group_id", "area_id", *ROW_FIELDS])
