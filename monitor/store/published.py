"""A first import's rows, held in memory until its transaction ends, so the score rebuild
before the commit takes the current measurements from them instead of reading a million
rows back from the table it has just written (SQLite).

Only where that is provably the same as reading the store: the measurements table held no
row before the publish (:func:`note`, called by :class:`monitor.store.versioned.VersionedTable`
for one frame on SQLite), nothing else wrote to it since in the same transaction (any
other publish or an undo calls :func:`forget`; the table's row count is checked again at
use) and the rows come in the order the query of
:func:`monitor.store.score_inputs.current_values` returns them: per indicator in the
order asked, then by period (the index ``ix_measurements_lookup``), then by row id, which
for a table that was empty is the order of the frame. Values are as SQLite gives them
back: a missing number NaN, a missing text None, −0.0 as 0.0.

Before such rows are inserted, :func:`before_insert` tells the hooks of
:data:`BEFORE_INSERT` (the scoring engine begins scoring them in a forked child:
:mod:`monitor.scoring.first_import`); what a hook began is stopped when the transaction
ends (:func:`end`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor.store.schema import areas, measurements

#: ``conn.info`` key of the rows a first import published in the current transaction.
MEMO = "published_measurements"
#: ``conn.info`` key of what a hook of :data:`BEFORE_INSERT` began for the transaction (an
#: object with ``close()``, called when the transaction ends: :func:`end`).
BEGUN = "published_begun"
#: Called with ``(conn, frame, upload_id)`` when a first import's rows are about to be
#: inserted, their scores already marked: ``monitor.scoring`` registers
#: :func:`monitor.scoring.materialise.begin_first_import` here, which has them scored
#: meanwhile (:mod:`monitor.scoring.first_import`).
BEFORE_INSERT: list[Callable[[Connection, pd.DataFrame, int], object]] = []


@dataclass(frozen=True)
class Published:
    transaction: Any  # the transaction that wrote them: the memo means nothing after it
    frame: pd.DataFrame  # area_id, indicator_id, period, value and optionally n, flag
    upload_id: int


#: The columns a rescoring reads (beside the upload).
COLUMNS = ("area_id", "indicator_id", "period", "value", "n", "flag")


def note(conn: Connection, frame: pd.DataFrame, upload_id: int) -> None:
    """``frame`` is now every row of the measurements table (which was empty before).
    Its columns are copied: a caller changing its frame afterwards changes nothing here."""
    kept = frame[[c for c in COLUMNS if c in frame]].copy()
    conn.info[MEMO] = Published(conn.get_transaction(), kept, int(upload_id))


def before_insert(conn: Connection, frame: pd.DataFrame, upload_id: int) -> None:
    """``frame`` is about to be every row of the measurements table: tell the hooks."""
    for hook in BEFORE_INSERT:
        hook(conn, frame, upload_id)


def forget(conn: Connection) -> None:
    """Something else was written: read the table again."""
    conn.info.pop(MEMO, None)


def stop_begun(conn: Connection) -> None:
    """Stop what a hook of :data:`BEFORE_INSERT` began, if anything."""
    begun = conn.info.pop(BEGUN, None)
    if begun is not None:
        begun.close()


def end(conn: Connection) -> None:
    """``conn``'s transaction is over: the memo goes, and what a hook began is stopped."""
    conn.info.pop(MEMO, None)
    stop_begun(conn)


def noted(conn: Connection) -> Published | None:
    """The memo, when it still is the measurements table of ``conn``'s transaction."""
    held = conn.info.get(MEMO)
    if held is None or held.transaction is not conn.get_transaction() or held.transaction is None:
        return None
    # The table holds exactly the noted rows (all current): nothing else wrote to it.
    if conn.scalar(sa.select(sa.func.count()).select_from(measurements)) != len(held.frame):
        return None
    return held


def value_counts(
    conn: Connection, ids: list[str] | None, periods: list[int] | None
) -> dict[str, int] | None:
    """What :func:`monitor.store.score_inputs.value_counts` counts (current rows per
    indicator, optionally of ``ids`` in ``periods``), from the noted frame; None when
    there is none."""
    held = noted(conn)
    return None if held is None else counts_of(held.frame, ids, periods)


def counts_of(
    frame: pd.DataFrame, ids: list[str] | None, periods: list[int] | None
) -> dict[str, int]:
    """:func:`value_counts` of a first import's ``frame``."""
    keep = np.ones(len(frame), dtype=bool)
    if periods is not None:
        wanted = np.array([int(p) for p in periods], dtype="int64")
        keep &= np.isin(frame["period"].to_numpy(dtype="int64"), wanted)
    counts = frame.loc[keep, "indicator_id"].value_counts(sort=False)
    found = {str(i): int(n) for i, n in counts.items() if n}
    if ids is not None:
        found = {i: found[i] for i in dict.fromkeys(str(i) for i in ids) if i in found}
    return found


def current_values(
    conn: Connection, division_id: int, ids: list[str], periods: list[int] | None
) -> pd.DataFrame | None:
    """What :func:`monitor.store.score_inputs.current_values` reads for the (distinct)
    indicators ``ids``, taken from the noted frame; None when there is none."""
    held = noted(conn)
    if held is None:
        return None
    area_ids = conn.scalars(sa.select(areas.c.id).where(areas.c.division_id == division_id)).all()
    return values_of(held.frame, held.upload_id, area_ids, ids, periods)


def values_of(
    frame: pd.DataFrame,
    upload_id: int,
    area_ids: list[int],
    ids: list[str],
    periods: list[int] | None,
) -> pd.DataFrame:
    """:func:`current_values` of a first import's ``frame`` (published as ``upload_id``),
    for the areas ``area_ids`` (a division's)."""
    # Each distinct id looked up once (not a million texts made Python objects).
    codes, distinct = pd.factorize(frame["indicator_id"])
    position = pd.Index(ids, dtype=object).get_indexer(np.asarray(distinct, dtype=object))
    ind = np.append(position, -1)[codes]  # code −1 (a missing id): not asked
    period = frame["period"].to_numpy(dtype="int64")
    area_id = frame["area_id"].to_numpy(dtype="int64")
    keep = (ind >= 0) & np.isin(area_id, np.array(area_ids, dtype="int64"))
    if periods is not None:
        keep &= np.isin(period, np.array([int(p) for p in periods], dtype="int64"))
    rows = np.flatnonzero(keep)
    # Indicator (in the order asked), then period; a stable sort keeps the frame's order.
    rows = rows[np.lexsort((period[rows], ind[rows]))]
    size = rows.size

    def number(name: str) -> np.ndarray:
        if name not in frame:
            return np.full(size, np.nan)
        values = frame[name].to_numpy(dtype="float64", na_value=np.nan)[rows]
        return values + 0.0  # SQLite keeps −0.0 as 0.0

    if "flag" in frame:
        flag = frame["flag"].to_numpy(dtype=object, na_value=None)[rows]
    else:
        flag = np.full(size, None, dtype=object)
    return pd.DataFrame(
        {
            "area_id": area_id[rows],
            "indicator_id": pd.Series(np.array(ids, dtype=object)[ind[rows]], dtype=object),
            "period": period[rows],
            "value": number("value"),
            "n": number("n"),
            "flag": pd.Series(flag, dtype=object),
            "upload_id": np.full(size, float(upload_id)),
        }
    )
