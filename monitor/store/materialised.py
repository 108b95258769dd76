"""The materialised scores in the store: every query pages, the CLI and the API use to
read scores back (``monitor.scoring`` holds the rules; what a rescoring reads is
:mod:`monitor.store.score_inputs`). A group's area rows are stored packed
(:mod:`monitor.store.score_pack`) and unpacked here.

A rescoring locks the division's generation (``lock_generation``; ``FOR UPDATE`` on
PostgreSQL), deletes the touched groups, writes the new ones fast and raises the
generation, all inside the caller's transaction: :mod:`monitor.store.score_writes`.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor.store import request_state
from monitor.store.bulk import fetch_rows
from monitor.store.core import Store
from monitor.store.schema import (
    LEVELS,
    score_groups,
    score_rows,
    score_state,
)
from monitor.store.score_pack import unpack_columns

#: The stored fields of a score row (besides its group and area).
ROW_FIELDS = [
    "value",
    "n",
    "z",
    "measure",
    "ci_low",
    "ci_high",
    "klasse",
    "reden_code",
    "population",
    "upload_id",
    "origin",
]
GROUP_FIELDS = ["id", "indicator_id", "period", "level", "ref_code", "nap", "nap_source", "spread"]
GROUP_FIELDS += ["areas", "measured", "usable", "covered", "population_covered"]
GROUP_FIELDS += ["population_total", "skewness", "refused_code", "refused_value", "refused_count"]

# -- reading ---------------------------------------------------------------------------


def generation(store: Store, division_id: int) -> int:
    """The division's score generation (0 before its first scoring)."""
    with store.engine.connect() as conn:
        found = conn.scalar(
            sa.select(score_state.c.generation).where(score_state.c.division_id == division_id)
        )
    return int(found or 0)


def score_stamp(store: Store, division_id: int) -> tuple[int, str]:
    """The division's score generation and the moment it was built, for cache keys: a
    database created again or restored from a backup can repeat a generation number,
    never with the same moment. ``(0, "")``: never scored. Read once per request scope
    (:mod:`monitor.store.request_state`)."""
    found = request_state.state(store.engine, store.url)
    if found is not None:
        return found.scores.get(division_id, (0, ""))
    return _score_stamp(store, division_id)


def _score_stamp(store: Store, division_id: int) -> tuple[int, str]:
    query = sa.select(score_state.c.generation, score_state.c.built_at).where(
        score_state.c.division_id == division_id
    )
    with store.engine.connect() as conn:
        found = conn.execute(query).one_or_none()
    if found is None:
        return (0, "")
    built = found.built_at.isoformat() if found.built_at is not None else ""
    return (int(found.generation), built)


def generation_stamp(store: Store, division_id: int) -> str:
    """:func:`score_stamp` as one text (``"7@2026-12-04T15:02:01.123456"``)."""
    generation, built = score_stamp(store, division_id)
    return f"{generation}@{built}" if generation or built else "0"


def read_groups(
    store: Store,
    division_id: int,
    *,
    indicator_ids: list[str] | None = None,
    periods: list[int] | None = None,
    levels: list[str] | None = None,
    ref_codes: list[str] | None = None,
) -> pd.DataFrame:
    """Score groups (NAP, spread and counts per indicator, period, level, reference),
    optionally only those of some reference areas (one gemeente's)."""
    g = score_groups
    query = sa.select(*(g.c[f] for f in GROUP_FIELDS)).where(g.c.division_id == division_id)
    if indicator_ids is not None:
        query = query.where(g.c.indicator_id.in_(indicator_ids))
    if periods is not None:
        query = query.where(g.c.period.in_([int(p) for p in periods]))
    if levels is not None:
        query = query.where(g.c.level.in_(levels))
    if ref_codes is not None:
        query = query.where(g.c.ref_code.in_(ref_codes))
    with store.engine.connect() as conn:
        found = fetch_rows(conn, query)
    return frame_of(found, GROUP_FIELDS, GROUP_NUMBERS)


def read_scored(
    store: Store,
    division_id: int,
    indicator_id: str,
    period: int,
    level: str,
    ref_code: str | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`read_groups` and :func:`read_rows` of one indicator, period and level (of
    one reference area, or all) in one query: what a map switch reads."""
    g = score_groups
    columns = [g.c[f] for f in GROUP_FIELDS]
    query = _scored_query(columns, division_id, indicator_id, period, level, ref_code)
    with store.engine.connect() as conn:
        found = fetch_rows(conn, query)
    width = len(GROUP_FIELDS)
    groups = frame_of([f[:width] for f in found], GROUP_FIELDS, GROUP_NUMBERS)
    ids = [f[0] for f in found]
    rows = unpack_columns(ids, [f[width + 1] for f in found], [f[width] for f in found])
    return groups, pd.DataFrame(rows, columns=["group_id", "area_id", *ROW_FIELDS])


def _scored_query(
    columns: list[sa.ColumnElement],
    division_id: int,
    indicator_id: str,
    period: int,
    level: str,
    ref_code: str | None,
) -> sa.Select:
    """A :func:`packed_query` of the groups of one indicator, period and level (of one
    reference area, or all)."""
    g = score_groups
    query = packed_query(columns).where(
        g.c.division_id == division_id,
        g.c.indicator_id == indicator_id,
        g.c.period == int(period),
        g.c.level == level,
    )
    return query if ref_code is None else query.where(g.c.ref_code == ref_code)


def coloured_periods(
    store: Store, division_id: int, indicator_ids: list[str], level: str
) -> dict[str, list[int]]:
    """Per indicator the periods in which areas of ``level`` get colours: a NAP is known
    (a city value, or a mean over an adequately covered level) and some value is usable."""
    g = score_groups
    query = (
        sa.select(g.c.indicator_id, g.c.period)
        .distinct()
        .where(
            g.c.division_id == division_id,
            g.c.level == level,
            g.c.indicator_id.in_(indicator_ids),
            g.c.usable > 0,
            g.c.nap.is_not(None),
        )
        .order_by(g.c.indicator_id, g.c.period)
    )
    out: dict[str, list[int]] = {}
    with store.engine.connect() as conn:
        for indicator_id, period in conn.execute(query):
            out.setdefault(indicator_id, []).append(int(period))
    return out


def score_summary(store: Store, division_id: int) -> pd.DataFrame:
    """Per indicator and level: the first and last scored period and how many there are
    (a small summary for catalogues, the API and page controls)."""
    g = score_groups
    query = (
        sa.select(
            g.c.indicator_id,
            g.c.level,
            sa.func.min(g.c.period),
            sa.func.max(g.c.period),
            sa.func.count(sa.distinct(g.c.period)),
        )
        .where(g.c.division_id == division_id)
        .group_by(g.c.indicator_id, g.c.level)
        .order_by(g.c.indicator_id, g.c.level)
    )
    with store.engine.connect() as conn:
        found = conn.execute(query).all()
    return pd.DataFrame(found, columns=["indicator_id", "level", "first", "last", "periods"])


def measured_levels(store: Store, division_id: int) -> list[str]:
    """Levels with scores of their own measurements (not only aggregated), smallest
    first; read from the score groups (their count of own rows), one query per level."""
    g = score_groups
    found = []
    with store.engine.connect() as conn:
        for level in LEVELS:
            query = (
                sa.select(g.c.id)
                .where(g.c.division_id == division_id, g.c.level == level, g.c.own > 0)
                .limit(1)
            )
            if conn.scalar(query) is not None:
                found.append(level)
    return found


def latest_periods(
    store: Store, division_id: int, indicator_ids: list[str], year: int
) -> dict[str, int]:
    """Per indicator its latest scored period not after ``year`` (at any level: the
    periods it has measurements in), in one query."""
    g = score_groups
    query = (
        sa.select(g.c.indicator_id, sa.func.max(g.c.period))
        .where(
            g.c.division_id == division_id,
            g.c.period <= int(year),
            g.c.indicator_id.in_(indicator_ids),
        )
        .group_by(g.c.indicator_id)
    )
    with store.engine.connect() as conn:
        return {str(i): int(p) for i, p in conn.execute(query)}


def _rows_per_period(
    conn: Connection, division_id: int, level: str, periods: dict[str, int], fields: list[str]
) -> pd.DataFrame:
    """The group ``fields`` and every row of the groups of ``level`` for each indicator
    in the period given for it (``indicator_id → period``): one query per distinct
    period (usually one or two)."""
    g = score_groups
    by_period: dict[int, list[str]] = {}
    for indicator_id, period in periods.items():
        by_period.setdefault(int(period), []).append(indicator_id)
    parts = []
    for period, ids in sorted(by_period.items()):
        query = packed_query(g.c[f] for f in fields).where(
            g.c.division_id == division_id,
            g.c.level == level,
            g.c.period == period,
            g.c.indicator_id.in_(ids),
        )
        parts.append(group_rows(conn, query, fields))
    if not parts:
        return group_rows(conn, None, fields)
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]


def level_classes(
    store: Store, division_id: int, level: str, periods: dict[str, int]
) -> pd.DataFrame:
    """The stored class of every area of ``level`` for each indicator in the period
    given for it (``indicator_id → period``): columns indicator_id, area_id, klasse.
    One query per distinct period (usually one or two)."""
    with store.engine.connect() as conn:
        found = _rows_per_period(conn, division_id, level, periods, ["indicator_id"])
    return found[["indicator_id", "area_id", "klasse"]]


def level_rows(store: Store, division_id: int, level: str, periods: dict[str, int]) -> pd.DataFrame:
    """As :func:`level_classes`, with the value, its number of respondents and the
    group's NAP and spread: columns indicator_id, period, area_id, value, n, klasse, nap,
    spread (what a change between two years is judged with)."""
    columns = ["indicator_id", "period", "area_id", "value", "n", "klasse", "nap", "spread"]
    fields = ["indicator_id", "period", "nap", "spread"]
    with store.engine.connect() as conn:
        found = _rows_per_period(conn, division_id, level, periods, fields)
    return found[columns]


def stored_values(
    store: Store,
    division_id: int,
    indicator_id: str,
    period: int,
    level: str,
    ref_code: str | None = None,
) -> pd.Series:
    """area_id → the value the stored scores show for ``level`` in ``period`` (NaN where
    a value is hidden, e.g. too few residents); empty when nothing was scored. With
    ``ref_code`` (a gemeente: the stored scores' reference area): only its areas (a map
    of one gemeente of a national store reads its 43 buurten, not 14,000)."""
    query = _scored_query([], division_id, indicator_id, period, level, ref_code)
    with store.engine.connect() as conn:
        found = group_rows(conn, query, [])
    index = pd.Index(found["area_id"].to_numpy(dtype="int64"), name="area_id")
    return pd.Series(found["value"].to_numpy(dtype="float64"), index=index, name="value")


def latest_level_values(
    store: Store, division_id: int, level: str, indicator_ids: list[str]
) -> pd.DataFrame:
    """Per indicator and reference area (``ref_code``: the gemeente for the default
    scores) the stored values of every area of ``level`` in the latest period in which
    the level has a usable value in that reference area: columns indicator_id, period,
    ref_code, area_id, value (NaN where the stored score hides the value). Two gemeenten
    of one store may have their latest values in different years; each keeps its own.
    One query (the latest periods as a subquery)."""
    g = score_groups
    columns = ["indicator_id", "period", "ref_code", "area_id", "value"]
    fields = ["indicator_id", "period", "ref_code"]
    if not indicator_ids:
        return pd.DataFrame(columns=columns).astype({"value": "float64"})
    found: list[pd.DataFrame] = []
    with store.engine.connect() as conn:
        for start in range(0, len(indicator_ids), 500):
            chunk = indicator_ids[start : start + 500]
            latest = (
                sa.select(
                    g.c.indicator_id,
                    g.c.ref_code,
                    sa.func.max(g.c.period).label("period"),
                )
                .where(
                    g.c.division_id == division_id,
                    g.c.level == level,
                    g.c.indicator_id.in_(chunk),
                    g.c.usable > 0,
                )
                .group_by(g.c.indicator_id, g.c.ref_code)
                .subquery()
            )
            query = (
                packed_query(g.c[f] for f in fields)
                .join(
                    latest,
                    sa.and_(
                        g.c.indicator_id == latest.c.indicator_id,
                        g.c.ref_code == latest.c.ref_code,
                        g.c.period == latest.c.period,
                    ),
                )
                .where(g.c.division_id == division_id, g.c.level == level)
            )
            found.append(group_rows(conn, query, fields)[columns])
    return pd.concat(found, ignore_index=True) if len(found) > 1 else found[0]


def read_rows(
    store: Store, group_ids: list[int], *, area_ids: list[int] | None = None
) -> pd.DataFrame:
    """Score rows of these groups (optionally only of the areas ``area_ids``): columns
    group_id, area_id and :data:`ROW_FIELDS`."""
    r = score_rows
    query = sa.select(r.c.group_id, r.c.reasons, r.c.rows)
    found: list = []
    with store.engine.connect() as conn:
        for start in range(0, len(group_ids), 900):
            chunk = group_ids[start : start + 900]
            found += fetch_rows(conn, query.where(r.c.group_id.in_(chunk)))
    rows = unpack_columns([f[0] for f in found], [f[2] for f in found], [f[1] for f in found])
    if area_ids is not None:
        kept = np.isin(rows["area_id"], np.asarray([int(a) for a in area_ids], dtype="int64"))
        rows = {name: column[kept] for name, column in rows.items()}
    return pd.DataFrame(rows, columns=["group_id", "area_id", *ROW_FIELDS])


def every_row(store: Store, fields: list[str]) -> pd.DataFrame:
    """Every score row of the store, the group ``fields`` beside each (for checks and
    comparisons of whole stores; a page reads what it shows)."""
    g = score_groups
    with store.engine.connect() as conn:
        return group_rows(conn, packed_query(g.c[f] for f in fields), fields)


def packed_query(columns: Iterable[sa.ColumnElement]) -> sa.Select:
    """A select of score group ``columns`` with their packed rows (for :func:`group_rows`):
    the groups' own conditions are added by the caller."""
    g, r = score_groups, score_rows
    query = sa.select(*columns, r.c.reasons, r.c.rows).select_from(g)
    return query.join(r, r.c.group_id == g.c.id)


def group_rows(conn: Connection, query: sa.Select | None, fields: list[str]) -> pd.DataFrame:
    """Run a :func:`packed_query` with group ``fields`` and unpack it: one row per area
    of every group found, the group's fields beside the area's (columns ``fields``,
    area_id and :data:`ROW_FIELDS`). ``query`` None: the empty frame."""
    found = fetch_rows(conn, query) if query is not None else []
    width = len(fields)
    rows = unpack_columns(
        range(len(found)), [f[width + 1] for f in found], [f[width] for f in found]
    )
    position = rows["group_id"]
    out = {}
    if fields:
        groups = frame_of([f[:width] for f in found], fields, GROUP_NUMBERS)
        out = {name: groups[name].to_numpy()[position] for name in fields}
    out |= {name: rows[name] for name in ["area_id", *ROW_FIELDS]}
    return pd.DataFrame(out, columns=[*fields, "area_id", *ROW_FIELDS])


#: The numbers of a score row and of a score group, read back as floats (missing: NaN).
ROW_NUMBERS = ["value", "n", "z", "measure", "ci_low", "ci_high", "population", "upload_id"]
ROW_NUMBERS += ["origin"]
GROUP_NUMBERS = ["nap", "spread", "population_covered", "population_total", "skewness"]
GROUP_NUMBERS += ["refused_value"]


def frame_of(found: list[tuple], names: list[str], floats: list[str]) -> pd.DataFrame:
    """Fetched rows as a frame: the columns ``floats`` as floats (None: NaN), straight
    into arrays column by column (a conversion of the whole frame afterwards costs more
    than the query for a map's few rows), the others as pandas infers them."""
    if not found:
        frame = pd.DataFrame(columns=names)
        return frame.astype({name: "float64" for name in floats if name in names})
    return pd.DataFrame(columns_of(found, names, floats), columns=names)


def columns_of(found: list[tuple], names: list[str], floats: list[str]) -> dict[str, object]:
    """:func:`frame_of`'s columns (``found`` not empty), to make one frame with others."""
    columns = zip(*found, strict=True)
    return {
        name: np.array(column, dtype="float64") if name in floats else list(column)
        for name, column in zip(names, columns, strict=True)
    }
