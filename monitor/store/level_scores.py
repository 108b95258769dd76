"""One area's materialised scores with their groups (a buurtprofiel), and a level's of a
few indicators for every area at once: what a buurtprofiel renews after a publish of one
indicator (``monitor.profile_level``)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor.store.bulk import fetch_rows
from monitor.store.core import Store
from monitor.store.materialised import (
    GROUP_NUMBERS,
    ROW_FIELDS,
    ROW_NUMBERS,
    columns_of,
    frame_of,
    group_rows,
    packed_query,
)
from monitor.store.schema import score_groups, score_rows
from monitor.store.score_pack import RECORD, WIDTH, unpack_columns

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
    area's gemeente for the default scores) with the area's own row.

    One row per (indicator, period); the row fields are empty where the area has no
    score in that group (no value). A buurtprofiel reads a whole catalogue this way:
    the groups of one level and reference hold the same areas, so the area's record
    lies at the same place in each, and only that record is read (``substr``); a group
    where another area lies there is read whole.
    """
    g, r = score_groups, score_rows
    group_fields = [f for f in AREA_FIELDS if f not in ROW_FIELDS]
    where = [g.c.division_id == division_id, g.c.level == level, g.c.ref_code == ref_code]
    if indicator_ids is not None:
        where.append(g.c.indicator_id.in_(indicator_ids))
    if periods is not None:
        where.append(g.c.period.in_([int(p) for p in periods]))
    with store.engine.connect() as conn:
        place = _place(conn, where, int(area_id))
        record = r.c.rows
        if place is not None:
            start, width = sa.literal_column(str(place * WIDTH + 1)), sa.literal_column(str(WIDTH))
            record = sa.func.substr(r.c.rows, start, width)
        query = (
            sa.select(g.c.id, *(g.c[f] for f in group_fields), r.c.reasons, record)
            .select_from(g.outerjoin(r, r.c.group_id == g.c.id))
            .where(*where)
            .order_by(g.c.indicator_id, g.c.period)
        )
        found = fetch_rows(conn, query)
        pieces = [f[-1] or b"" for f in found]
        extras = [f[-2] for f in found]
        mine = _own_rows(pieces, extras, int(area_id), range(len(found)))
        if place is not None:
            # Groups whose record there is another area's (or none): read them whole.
            missing = np.setdiff1d(np.arange(len(found)), mine["group_id"]).tolist()
            if missing:
                whole = dict(fetch_rows(conn, _blobs([found[k][0] for k in missing])))
                for k in missing:
                    pieces[k] = whole.get(found[k][0], b"")
                more = _own_rows(pieces, extras, int(area_id), missing)
                mine = {name: np.concatenate([mine[name], more[name]]) for name in mine}
    if not found:
        return frame_of([], AREA_FIELDS, [*GROUP_NUMBERS, *ROW_NUMBERS])
    columns = columns_of([f[1:-2] for f in found], group_fields, GROUP_NUMBERS)
    return pd.DataFrame(columns | _aligned(mine, len(found)), columns=AREA_FIELDS)


def _place(conn: Connection, where: list, area_id: int) -> int | None:
    """Where ``area_id``'s record lies in the first group of ``where`` (None: not there)."""
    g, r = score_groups, score_rows
    query = sa.select(r.c.rows).join(g, g.c.id == r.c.group_id).where(*where).limit(1)
    blob = conn.scalar(query)
    if blob is None:
        return None
    found = np.flatnonzero(np.frombuffer(blob, dtype=RECORD)["area_id"] == area_id)
    return int(found[0]) if found.size else None


def _blobs(group_ids: list[int]) -> sa.Select:
    r = score_rows
    return sa.select(r.c.group_id, r.c.rows).where(r.c.group_id.in_(group_ids))


def _own_rows(
    pieces: list[bytes], extras: list[str | None], area_id: int, chosen: Iterable[int]
) -> dict[str, np.ndarray]:
    """The area's rows in the ``chosen`` groups' packed ``pieces`` as columns,
    ``group_id`` being the group's position."""
    chosen = [k for k in chosen if pieces[k]]
    rows = unpack_columns(chosen, [pieces[k] for k in chosen], [extras[k] for k in chosen])
    mine = rows["area_id"] == area_id
    return {name: column[mine] for name, column in rows.items()}


def _aligned(mine: dict[str, np.ndarray], size: int) -> dict[str, np.ndarray]:
    """The area's rows by group position, missing where it has none."""
    at = mine["group_id"]
    out = {}
    for name in ROW_FIELDS:
        number = name in ROW_NUMBERS
        column = np.full(size, np.nan if number else None, dtype="float64" if number else object)
        column[at] = mine[name]
        out[name] = column
    return out


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
    g = score_groups
    group_fields = [f for f in AREA_FIELDS if f not in ROW_FIELDS]
    where = (
        g.c.division_id == division_id,
        g.c.level == level,
        g.c.ref_code.in_(sorted(set(ref_codes))),
        g.c.indicator_id.in_(sorted(set(indicator_ids))),
    )
    groups = sa.select(g.c.id, g.c.ref_code, *(g.c[f] for f in group_fields)).where(*where)
    with store.engine.connect() as conn:
        found_groups = fetch_rows(conn, groups.order_by(g.c.indicator_id, g.c.period))
        rows = group_rows(conn, packed_query([g.c.id]).where(*where), ["id"])
    frame = frame_of(found_groups, ["id", "ref_code", *group_fields], GROUP_NUMBERS)
    return frame, rows.rename(columns={"id": "group_id"})
