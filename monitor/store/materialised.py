"""The materialised scores in the store: what scoring reads, and every query pages, the
CLI and the API use to read scores back (``monitor.scoring`` holds the rules).

A rescoring locks the division's generation (``lock_generation``; ``FOR UPDATE`` on
PostgreSQL), deletes the touched groups, writes the new ones fast and raises the
generation, all inside the caller's transaction: :mod:`monitor.store.score_writes`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor.store import published, request_state
from monitor.store.bulk import fetch_rows, fetch_rows_each, paused_gc
from monitor.store.core import Store
from monitor.store.schema import (
    LEVELS,
    PARENT_COLUMNS,
    areas,
    divisions,
    indicators,
    measurements,
    score_groups,
    score_state,
    scores,
)

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
    first; read from the score tables, one small indexed query per level."""
    g, s = score_groups, scores
    found = []
    with store.engine.connect() as conn:
        for level in LEVELS:
            query = (
                sa.select(s.c.group_id)
                .join(g, g.c.id == s.c.group_id)
                .where(g.c.division_id == division_id, g.c.level == level, s.c.origin == 0)
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
    conn: Connection, division_id: int, level: str, periods: dict[str, int], columns: list
) -> list:
    """``columns`` (of score_groups and scores) of every area of ``level`` for each
    indicator in the period given for it (``indicator_id → period``): one query per
    distinct period (usually one or two)."""
    g, s = score_groups, scores
    by_period: dict[int, list[str]] = {}
    for indicator_id, period in periods.items():
        by_period.setdefault(int(period), []).append(indicator_id)
    found: list = []
    for period, ids in sorted(by_period.items()):
        query = (
            sa.select(*columns)
            .join(s, s.c.group_id == g.c.id)
            .where(
                g.c.division_id == division_id,
                g.c.level == level,
                g.c.period == period,
                g.c.indicator_id.in_(ids),
            )
        )
        found += conn.execute(query).all()
    return found


def level_classes(
    store: Store, division_id: int, level: str, periods: dict[str, int]
) -> pd.DataFrame:
    """The stored class of every area of ``level`` for each indicator in the period
    given for it (``indicator_id → period``): columns indicator_id, area_id, klasse.
    One query per distinct period (usually one or two)."""
    g, s = score_groups, scores
    with store.engine.connect() as conn:
        found = _rows_per_period(
            conn, division_id, level, periods, [g.c.indicator_id, s.c.area_id, s.c.klasse]
        )
    return pd.DataFrame(found, columns=["indicator_id", "area_id", "klasse"])


def level_rows(store: Store, division_id: int, level: str, periods: dict[str, int]) -> pd.DataFrame:
    """As :func:`level_classes`, with the value, its number of respondents and the
    group's NAP and spread: columns indicator_id, period, area_id, value, n, klasse, nap,
    spread (what a change between two years is judged with)."""
    g, s = score_groups, scores
    columns = ["indicator_id", "period", "area_id", "value", "n", "klasse", "nap", "spread"]
    selected = [g.c.indicator_id, g.c.period, s.c.area_id, s.c.value, s.c.n, s.c.klasse]
    with store.engine.connect() as conn:
        found = _rows_per_period(
            conn, division_id, level, periods, [*selected, g.c.nap, g.c.spread]
        )
    floats = ["value", "n", "nap", "spread"]
    return pd.DataFrame(found, columns=columns).astype({c: "float64" for c in floats})


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
    g, s = score_groups, scores
    query = (
        sa.select(s.c.area_id, s.c.value)
        .join(g, g.c.id == s.c.group_id)
        .where(
            g.c.division_id == division_id,
            g.c.indicator_id == indicator_id,
            g.c.period == int(period),
            g.c.level == level,
        )
    )
    if ref_code is not None:
        query = query.where(g.c.ref_code == ref_code)
    with store.engine.connect() as conn:
        found = fetch_rows(conn, query)  # tuples: pandas probes SQLAlchemy rows slowly
    area_ids = np.fromiter((row[0] for row in found), dtype="int64", count=len(found))
    values = np.array([row[1] for row in found], dtype="float64")  # None becomes NaN
    return pd.Series(values, index=pd.Index(area_ids, name="area_id"), name="value")


def latest_level_values(
    store: Store, division_id: int, level: str, indicator_ids: list[str]
) -> pd.DataFrame:
    """Per indicator and reference area (``ref_code``: the gemeente for the default
    scores) the stored values of every area of ``level`` in the latest period in which
    the level has a usable value in that reference area: columns indicator_id, period,
    ref_code, area_id, value (NaN where the stored score hides the value). Two gemeenten
    of one store may have their latest values in different years; each keeps its own.
    One query (the latest periods as a subquery)."""
    g, s = score_groups, scores
    columns = ["indicator_id", "period", "ref_code", "area_id", "value"]
    if not indicator_ids:
        return pd.DataFrame(columns=columns)
    found: list = []
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
                sa.select(g.c.indicator_id, g.c.period, g.c.ref_code, s.c.area_id, s.c.value)
                .join(
                    latest,
                    sa.and_(
                        g.c.indicator_id == latest.c.indicator_id,
                        g.c.ref_code == latest.c.ref_code,
                        g.c.period == latest.c.period,
                    ),
                )
                .join(s, s.c.group_id == g.c.id)
                .where(g.c.division_id == division_id, g.c.level == level)
            )
            found += conn.execute(query).all()
    frame = pd.DataFrame(found, columns=columns)
    return frame.astype({"value": "float64"})


def read_rows(
    store: Store, group_ids: list[int], *, area_ids: list[int] | None = None
) -> pd.DataFrame:
    """Score rows of these groups (optionally only of the areas ``area_ids``)."""
    s = scores
    columns = ["group_id", "area_id", *ROW_FIELDS]
    query = sa.select(*(s.c[c] for c in columns))
    if area_ids is not None:
        query = query.where(s.c.area_id.in_([int(a) for a in area_ids]))
    found: list = []
    with store.engine.connect() as conn:
        for start in range(0, len(group_ids), 900):
            chunk = group_ids[start : start + 900]
            found += fetch_rows(conn, query.where(s.c.group_id.in_(chunk)))
    return frame_of(found, columns, ROW_NUMBERS)


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
    columns = zip(*found, strict=True)
    return pd.DataFrame(
        {
            name: np.array(column, dtype="float64") if name in floats else list(column)
            for name, column in zip(names, columns, strict=True)
        },
        columns=names,
    )


# -- what scoring reads (the writing: monitor.store.score_writes) -------------------------


def score_inputs(
    conn: Connection, division_id: int
) -> tuple[pd.DataFrame, dict[str, dict], str | None, str]:
    """Areas, indicator rows (by id), the population indicator and the gemeente of one
    division (with :func:`current_values`: what a rescoring reads)."""
    area_cols = [areas.c.id, areas.c.code, areas.c.name, areas.c.level]
    area_cols += [areas.c[col] for col in PARENT_COLUMNS.values()]
    query = sa.select(*area_cols).where(areas.c.division_id == division_id)
    # Tuples: pandas probes every SQLAlchemy row for its fields (17,000 areas, every pass).
    area_rows = fetch_rows(conn, query.order_by(areas.c.code))
    frame_areas = pd.DataFrame(area_rows, columns=[col.name for col in area_cols])
    frame_areas["id"] = frame_areas["id"].astype("int64")
    rows = {r["id"]: dict(r) for r in conn.execute(sa.select(indicators)).mappings()}
    population = conn.scalar(
        sa.text("SELECT value FROM settings WHERE key = 'population_indicator'")
    )
    gemeente = conn.scalar(sa.select(divisions.c.gemeente).where(divisions.c.id == division_id))
    return frame_areas, rows, population, str(gemeente or "")


def current_values(
    conn: Connection, division_id: int, ids: list[str] | None, periods: list[int] | None
) -> pd.DataFrame:
    """The current value, n, flag and upload of every measurement of a division (of the
    indicators ``ids`` and ``periods``, when given)."""
    m = measurements
    names = ["area_id", "period", "value", "n", "flag", "upload_id"]
    query = (
        sa.select(*(m.c[name] for name in names))
        .join(areas, areas.c.id == m.c.area_id)
        .where(areas.c.division_id == division_id, m.c.is_current.is_(True))
    )
    if periods is not None:
        query = query.where(m.c.period.in_([int(p) for p in periods]))
    indicator: np.ndarray | None = None
    if conn.dialect.name == "sqlite":
        # One indexed query per indicator, its id not read back for every row.
        if ids is None:
            ids = sorted(str(i) for i in conn.scalars(sa.select(indicators.c.id)))
        ids = list(dict.fromkeys(ids))
        held = published.current_values(conn, division_id, ids, periods)
        if held is not None:  # a first import, still in memory: the same rows
            return held
        each = query.where(m.c.indicator_id == sa.bindparam("indicator", ""))
        parts = fetch_rows_each(conn, each, "indicator", ids)
        indicator = np.repeat(np.array(ids, dtype=object), [len(part) for part in parts])
    else:
        # PostgreSQL plans the IN list well (and a generic plan per indicator badly).
        query = query.add_columns(m.c.indicator_id)
        if ids is not None:
            query = query.where(m.c.indicator_id.in_(ids))
        parts = [fetch_rows(conn, query)]
        names = [*names, "indicator_id"]
    size = sum(len(part) for part in parts)
    types = {"area_id": "int64", "period": "int64", "value": "float64", "n": "float64"}
    types |= {"upload_id": "float64", "flag": object, "indicator_id": object}
    # Column by column (from_records checks every row's length: seconds for millions).
    # Texts stay Python objects (None where missing): scoring encodes them as such, and
    # pandas' own string type would cost a conversion there and back for every row.
    with paused_gc():
        rows = [row for part in parts for row in part] if len(parts) > 1 else (parts or [[]])[0]
        del parts
        columns = list(zip(*rows, strict=True)) if rows else [()] * len(names)
        del rows
    found = {name: _column(c, types[name], size) for name, c in zip(names, columns, strict=True)}
    if indicator is not None:
        found["indicator_id"] = pd.Series(indicator, dtype=object)
    order = ["area_id", "indicator_id", "period", "value", "n", "flag", "upload_id"]
    return pd.DataFrame({name: found[name] for name in order})


def _column(values: tuple, dtype: object, size: int) -> np.ndarray | pd.Series:
    """One fetched column as an array: integers (never missing) read straight from the
    tuple, floats with None as NaN, texts as Python objects."""
    if dtype == "int64":
        return np.fromiter(values, dtype="int64", count=size)
    if dtype is object:
        return pd.Series(np.array(values, dtype=object), dtype=object)
    return np.array(values, dtype=dtype)  # a missing number (None) becomes NaN


def value_counts(
    conn: Connection, ids: list[str] | None, periods: list[int] | None
) -> dict[str, int]:
    """Current measurements per indicator (of every division: an upper bound for one),
    optionally only ``ids`` and ``periods``: how a rebuild splits its work."""
    m = measurements
    query = (
        sa.select(m.c.indicator_id, sa.func.count())
        .where(m.c.is_current.is_(True))
        .group_by(m.c.indicator_id)
    )
    if periods is not None:
        query = query.where(m.c.period.in_([int(p) for p in periods]))
    if ids is None:
        return {str(i): int(n) for i, n in conn.execute(query)}
    out: dict[str, int] = {}
    for start in range(0, len(ids), 500):
        chunk = query.where(m.c.indicator_id.in_(ids[start : start + 500]))
        out |= {str(i): int(n) for i, n in conn.execute(chunk)}
    return out
