"""Changed scores: what a transaction marks for rescoring, and who rescores.

``Store.begin`` calls every registered rescorer before the commit of a transaction that
marked scores (``monitor.scoring`` registers itself when the package is imported).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor.store.bulk import _chunks
from monitor.store.schema import areas

if TYPE_CHECKING:
    from monitor.store.core import Store

#: ``conn.info`` key of the scores a transaction must redo before it commits.
DIRTY = "score_dirty"
#: Rescoring, called inside a transaction that marked score changes, before it commits.
#: ``monitor.scoring`` registers itself here when the package is imported.
RESCORERS: list[Callable[[Store, Connection], object]] = []


def mark_scores(
    conn: Connection,
    division_ids: Iterable[int],
    indicators: Iterable[str] | None = None,
    periods: Iterable[int] | None = None,
) -> None:
    """Record that scores of ``indicators`` × ``periods`` (None: all) must be redone."""
    dirty = conn.info.setdefault(DIRTY, {})
    indicators = None if indicators is None else set(indicators)
    periods = None if periods is None else {int(p) for p in periods}
    for division_id in division_ids:
        old_inds, old_periods = dirty.get(int(division_id), (set(), set()))
        dirty[int(division_id)] = (
            None if indicators is None or old_inds is None else old_inds | indicators,
            None if periods is None or old_periods is None else old_periods | periods,
        )


def _divisions_of(conn: Connection, area_ids: Iterable[int]) -> list[int]:
    ids = sorted({int(a) for a in area_ids})
    found: set[int] = set()
    for chunk in _chunks(ids, 900):
        found |= set(
            conn.scalars(sa.select(areas.c.division_id).distinct().where(areas.c.id.in_(chunk)))
        )
    return sorted(found)
