"""What the store holds for the pages: is there anything to show, and if not, why.

A page with nothing to show says why and what to do (``empty.*`` messages), instead of
an empty map or table: no division yet, no current measurements (for example because
every upload was undone), or no budget lines. Read in one read transaction, with
queries that use the partial indexes on current rows (cheap on every page load).
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from monitor.store import (
    BUDGET_KIND,
    Store,
    areas,
    budget_lines,
    divisions,
    measurements,
    settings_table,
    uploads,
)


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
    """What the active division (the one pages show) holds, read in one transaction."""
    with store.reading() as conn:
        name = conn.scalar(
            sa.select(settings_table.c.value).where(settings_table.c.key == "active_division")
        )
        query = sa.select(divisions.c.id).order_by(divisions.c.id.desc()).limit(1)
        if name is not None:
            query = sa.select(divisions.c.id).where(divisions.c.name == name)
        division_id = conn.scalar(query)
        if division_id is None:
            return Contents(False, False, False, 0, 0)

        def current(table: sa.Table) -> bool:
            found = conn.scalar(
                sa.select(table.c.id)
                .join(areas, areas.c.id == table.c.area_id)
                .where(table.c.is_current == sa.true(), areas.c.division_id == division_id)
                .limit(1)
            )
            return found is not None

        undone = dict(
            conn.execute(
                sa.select(uploads.c.kind == BUDGET_KIND, sa.func.count())
                .where(uploads.c.status == "undone")
                .group_by(uploads.c.kind == BUDGET_KIND)
            ).all()
        )
        return Contents(
            True,
            current(measurements),
            current(budget_lines),
            int(undone.get(False, 0)),
            int(undone.get(True, 0)),
        )
