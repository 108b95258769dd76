"""Budget lines (buurtbegroting; the rules are in ``monitor.budget``): versioned like
measurements, an upload supersedes and undo restores."""

from __future__ import annotations

from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor.store.connect import Connected
from monitor.store.schema import areas, budget_lines
from monitor.store.versioned import VersionedTable

#: The upload kind of budget files, and the key of one budget line.
BUDGET_KIND = "begroting"
BUDGET_KEY = ("area_id", "year", "programme", "description")
#: Budget lines as a versioned table; budgets are small (thousands of lines), so a plain
#: ``executemany`` serves both backends.
BUDGET = VersionedTable(
    table=budget_lines,
    key=BUDGET_KEY,
    values=("planned", "realised", "source", "note"),
    kind=BUDGET_KIND,
    chunk_by="area_id",
    types={"area_id": "int64", "year": "int64", "planned": "float64", "realised": "float64"},
    refused="budget.publish_refused",
)
#: Every column a budget upload writes.
BUDGET_COLUMNS = BUDGET.columns


class BudgetMixin(Connected):
    """The budget methods of :class:`monitor.store.Store`."""

    def publish_budget(
        self,
        frame: pd.DataFrame,
        *,
        conn: Connection,
        filename: str | None = None,
        sha256: str | None = None,
        uploader: str | None = None,
        source: str | None = None,
        meta: dict[str, Any] | None = None,
    ) -> int:
        """Publish budget lines as one upload of kind ``begroting`` in the caller's
        transaction, as :meth:`publish` does for measurements: the current lines with the
        same key (area, year, programme, description) stop being current and stay for undo.

        ``frame`` has columns area_id, year, programme, description, planned, realised
        and optionally source, note.
        """
        return BUDGET.publish(conn, frame, BUDGET_KIND, filename, sha256, uploader, source, meta)

    def current_budget_rows(self, conn: Connection, keys: pd.DataFrame) -> pd.DataFrame:
        """Current budget lines (id, key, planned, realised, source, note) for these keys."""
        return BUDGET.current_rows(conn, keys)

    def budget_frame(self, division_id: int, years: list[int] | None = None) -> pd.DataFrame:
        """Current budget lines of a division with their area's code and level."""
        b, a = budget_lines, areas
        query = (
            sa.select(
                b.c.id,
                b.c.area_id,
                a.c.code,
                a.c.level,
                b.c.year,
                b.c.programme,
                b.c.description,
                b.c.planned,
                b.c.realised,
                b.c.source,
                b.c.note,
                b.c.upload_id,
            )
            .join(a, a.c.id == b.c.area_id)
            .where(a.c.division_id == division_id, b.c.is_current.is_(True))
            .order_by(a.c.code, b.c.year, b.c.programme, b.c.description)
        )
        if years is not None:
            query = query.where(b.c.year.in_([int(y) for y in years]))
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        frame = pd.DataFrame(rows, columns=list(query.selected_columns.keys()))
        return frame.astype(
            {"id": "int64", "area_id": "int64", "year": "int64", "upload_id": "int64"}
        ).astype({"planned": "float64", "realised": "float64"})

    def budget_years(self, division_id: int) -> list[int]:
        """Years with at least one current budget line in the division."""
        query = (
            sa.select(budget_lines.c.year)
            .distinct()
            .join(areas, areas.c.id == budget_lines.c.area_id)
            .where(areas.c.division_id == division_id, budget_lines.c.is_current.is_(True))
            .order_by(budget_lines.c.year)
        )
        with self.engine.connect() as conn:
            return [int(y) for y in conn.scalars(query)]
