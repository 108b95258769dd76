"""What the store holds for the pages: is there anything to show, and if not, why.

A page with nothing to show says why and what to do (``empty.*`` messages), instead of
an empty map or table: no division yet, no current measurements (for example because
every upload was undone), or no budget lines. Read in one read transaction, with
queries that use the partial indexes on current rows (cheap on every page load).
"""

from __future__ import annotations

from dataclasses import astuple, dataclass

from monitor import cache
from monitor.store import BUDGET, BUDGET_KIND, MEASUREMENTS, Store


@dataclass(frozen=True)
class Contents:
    """Whether the active division has current measurements and budget lines, and how
    many uploads of each were undone (and might be published again)."""

    division: bool
    measurements: bool
    budget: bool
    undone: int
    undone_budget: int

    def reason(self, need: str = "meetingen") -> str | None:
        """The ``empty.*`` message key saying why a page that needs ``need``
        (``meetingen`` or ``begroting``) has nothing to show; None when it has."""
        if not self.division:
            return "empty.no_division"
        if need == BUDGET_KIND:
            return None if self.budget else "empty.no_budget"
        return None if self.measurements else "empty.no_measurements"


def contents(store: Store) -> Contents:
    """What the active division (the one pages show) holds, read in one transaction; kept
    per data stamp (only a publish, an undo or new areas change it)."""
    try:
        division_id = store.division_id()
    except LookupError:
        return Contents(False, False, False, 0, 0)
    key = (store.url, division_id, store.data_stamp(division_id))
    return Contents(*cache.remember("contents", key, lambda: list(astuple(_contents(store)))))


def _contents(store: Store) -> Contents:
    with store.reading() as conn:
        division_id = store.active_division(conn)
        if division_id is None:
            return Contents(False, False, False, 0, 0)
        undone = store.undone_counts(conn)
        return Contents(
            True,
            MEASUREMENTS.has_current(conn, division_id),
            BUDGET.has_current(conn, division_id),
            undone["meetingen"],
            undone[BUDGET_KIND],
        )
