"""Writing the materialised scores: the score lock and generation, deleting the scores a
rescoring replaces and writing the new ones (what :mod:`monitor.scoring.materialise` calls
inside the transaction of the change). Reading them is :mod:`monitor.store.materialised`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor.store.bulk import deferred_indexes, insert_frame, is_empty
from monitor.store.connect import now
from monitor.store.schema import score_groups, score_rows, score_state
from monitor.store.score_pack import Packed


@contextlib.contextmanager
def deferred_score_indexes(conn: Connection, rows: int, *, fresh: bool = False) -> Iterator[None]:
    """Writes of scores for about ``rows`` measurements in several parts: the score
    groups' indexes built once at the end (:func:`monitor.store.bulk.deferred_indexes`)
    where that is worth it. SQLite: when no score group is left (a whole rebuild or a
    first import; readers keep reading the old scores and their indexes until the
    commit, as ever). PostgreSQL: when ``fresh`` (no score rows existed before this
    transaction, or :func:`delete_scores` deleted them all: a whole-store rebuild, whose
    readers then wait for the commit instead of reading the old scores meanwhile), the
    keys of both score tables (the groups' secondary indexes are kept up to date). The
    packed rows have no secondary index."""
    with contextlib.ExitStack() as stack:
        if conn.dialect.name == "postgresql":
            # Its foreign key (divisions) stays: dropping it would lock every reader of
            # the divisions out until the commit; a few rows per indicator are checked.
            # Its secondary indexes stay too, kept up to date while the rebuild's workers
            # compute the next pass: built at the end instead, they were 3.6 s of a
            # national rebuild's last 12 s with nothing else to do (same-window pairs:
            # 67–73 s against 74–79 s; bench/README.md).
            groups = deferred_indexes(
                conn, score_groups, rows, fresh=fresh, foreign_keys=False, secondary=False
            )
            stack.enter_context(groups)
            stack.enter_context(deferred_indexes(conn, score_rows, rows, fresh=fresh))
        elif is_empty(conn, score_groups):
            stack.enter_context(deferred_indexes(conn, score_groups, rows))
        yield


@contextlib.contextmanager
def derived_deletes(conn: Connection) -> Iterator[None]:
    """SQLite: freed pages of score rows and indexes are not overwritten with zeros for
    the block (``secure_delete = FAST``; Debian's SQLite zeroes them by default). Scores
    are derived from stored measurements: zeroing them buys nothing, and a full rebuild
    would write every page of the old scores to the WAL once more. The setting of the
    connection is restored afterwards."""
    if conn.dialect.name != "sqlite":
        yield
        return
    before = int(conn.exec_driver_sql("PRAGMA secure_delete").scalar() or 0)
    conn.exec_driver_sql("PRAGMA secure_delete = FAST")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA secure_delete = {before}")


def has_scores(conn: Connection) -> bool:
    """Whether any score row exists (of any division)."""
    return not is_empty(conn, score_rows)


def lock_generation(conn: Connection, division_id: int) -> int:
    """Take the division's score lock (one rescoring at a time) and return its generation.

    On SQLite the lock is the store's write lock, taken here by a write that changes
    nothing: from here on no other transaction commits until this one does."""
    query = sa.select(score_state.c.generation).where(score_state.c.division_id == division_id)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()
    else:
        state = score_state.c
        held = sa.update(score_state).where(state.division_id == division_id)
        conn.execute(held.values(generation=state.generation))
    generation = conn.scalar(query)
    if generation is None:
        conn.execute(
            sa.insert(score_state).values(division_id=division_id, generation=0, built_at=now())
        )
        generation = conn.scalar(query)
    return int(generation)


def set_generation(conn: Connection, division_id: int, generation: int) -> None:
    conn.execute(
        sa.update(score_state)
        .where(score_state.c.division_id == division_id)
        .values(generation=generation, built_at=now())
    )


def delete_scores(
    conn: Connection, division_id: int, indicators: list[str] | None, periods: list[int] | None
) -> bool:
    """Delete the division's scores of ``indicators`` in ``periods`` (None: all). True
    when that deleted every score row of the store (the whole division's, no other's)."""
    g = score_groups
    where = [g.c.division_id == division_id]
    if indicators is None and periods is None:
        others = sa.select(g.c.id).where(g.c.division_id != division_id).limit(1)
        if conn.scalar(others) is None:
            # The division's every score is every score: a delete without a condition
            # (SQLite empties the table at once instead of row by row, index by index).
            conn.execute(sa.delete(score_rows))
            conn.execute(sa.delete(g))
            return True
    if periods is not None:
        where.append(g.c.period.in_(periods))
    chunks = (
        [None]
        if indicators is None
        else [indicators[i : i + 500] for i in range(0, len(indicators), 500)]
    )
    for chunk in chunks:
        clause = [*where] if chunk is None else [*where, g.c.indicator_id.in_(chunk)]
        ids = sa.select(g.c.id).where(*clause)
        conn.execute(sa.delete(score_rows).where(score_rows.c.group_id.in_(ids)))
        conn.execute(sa.delete(g).where(*clause))
    return False


def write_scores(conn: Connection, division_id: int, groups: pd.DataFrame, packed: Packed) -> None:
    """Store computed groups and their rows, packed per group (:func:`monitor.store.
    score_pack.pack`: the blob, extra texts and own-row count of each group, by position)."""
    if groups.empty:
        return
    first = (conn.scalar(sa.select(sa.func.max(score_groups.c.id))) or 0) + 1
    ids = np.arange(first, first + len(groups), dtype="int64")
    groups = groups.assign(id=ids, division_id=division_id, own=packed.own)
    names = [c.name for c in score_groups.columns if c.name in groups.columns]
    insert_frame(conn, score_groups, groups[names], empty_text_is_null=False)
    blobs = pd.DataFrame(
        {
            "group_id": ids,
            "reasons": pd.Series(packed.extras, dtype=object),
            "rows": pd.Series(packed.blobs, dtype=object),
        }
    )
    insert_frame(conn, score_rows, blobs)
