"""A first import's scores, computed in a forked child while its rows are inserted.

A first import on SQLite (the measurements table was empty: :mod:`monitor.store.published`)
spends about as long inserting its rows and rebuilding the table's indexes as the commit's
rebuild spends scoring them (a million rows: about 1.5 s each on the benchmark machine),
one after the other in one process. Its scores read only those rows and the division's
areas and catalogue, so they need not wait for the insert: :func:`begin`, called just
before it with the rebuild the commit will run already planned, forks a child
(:class:`monitor.forked.Forked`) that scores the rows from the frame while this process
inserts them. The rebuild then takes the child's pass (:func:`take`) only where it is
provably the pass it would compute itself:

* the same transaction, division, indicators and periods (nothing marked since);
* the memo of :mod:`monitor.store.published` still holds, for the same upload: the table
  is exactly the rows the child scored;
* areas, catalogue, population indicator, gemeente and national values, read again, equal
  those the child was given.

Otherwise the child is stopped and the rebuild scores as before. Only in a process without
other threads (:func:`monitor.forked.can_fork`: a command, a job worker); a web server's
publish scores in its own process.
"""

from __future__ import annotations

import contextlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy.engine import Connection

from monitor import forked
from monitor.scoring.inputs import Given, read_given
from monitor.scoring.passes import ScoredPass, scored_pass
from monitor.store import bulk, published
from monitor.store.score_inputs import read_ids


@dataclass
class Begun:
    """A first import being scored in a child: what it was asked and given."""

    transaction: Any
    division_id: int
    asked: tuple[list[str] | None, list[int] | None, list[int] | None]  # ids, read, chosen
    upload_id: int
    given: Given
    child: forked.Forked

    def close(self) -> None:
        self.child.close()


def begin(
    conn: Connection,
    division_id: int,
    ids: list[str] | None,
    read: list[int] | None,
    chosen: list[int] | None,
    frame: pd.DataFrame,
    upload_id: int,
) -> None:
    """Score ``frame`` (about to be the whole measurements table, as ``upload_id``) as
    :func:`monitor.scoring.passes.score_pass` would score ``ids`` after the insert, in a
    forked child; :func:`take` gets the pass. The caller has seen that this process may
    fork (:func:`monitor.forked.can_fork`)."""
    published.stop_begun(conn)
    given = read_given(conn, division_id, ids)
    area_ids = given.areas["id"].tolist()
    value_ids = read_ids(conn, given.value_ids)  # as current_values reads them

    def score() -> ScoredPass:
        values = published.values_of(frame, upload_id, area_ids, value_ids, read)
        return scored_pass(given.inputs(values), ids, chosen)

    try:
        child = forked.Forked(score)
    except OSError:  # no fork now (memory, processes): the rebuild scores here
        return
    conn.info[published.BEGUN] = Begun(
        conn.get_transaction(), division_id, (ids, read, chosen), upload_id, given, child
    )


def take(
    conn: Connection,
    division_id: int,
    ids: list[str] | None,
    read: list[int] | None,
    chosen: list[int] | None,
) -> ScoredPass | None:
    """The pass a child of :func:`begin` scored, when it is the one asked for now (see the
    module); None (the child stopped) otherwise. The indexes the insert left to rebuild
    are rebuilt meanwhile, while a thread receives the pass (SQLite builds them without
    holding the GIL; unpickling forty megabytes of packed scores takes a tenth of a
    second)."""
    begun = conn.info.pop(published.BEGUN, None)
    if begun is None:
        return None
    with contextlib.closing(begun):
        held = published.noted(conn)
        same = (
            begun.transaction is conn.get_transaction()
            and (begun.division_id, begun.asked) == (division_id, (ids, read, chosen))
            and held is not None
            and held.upload_id == begun.upload_id
            and begun.given.same_as(read_given(conn, division_id, ids))
        )
        if not same:
            return None
        # From here the thread alone uses the child; leaving the pool waits for it.
        with ThreadPoolExecutor(1, thread_name_prefix="first-import") as pool:
            received = pool.submit(begun.child.result)
            bulk.build_late_indexes(conn)
        try:
            return received.result()
        except forked.ChildFailed:
            return None  # scored here instead (an error of the scoring is raised there)
