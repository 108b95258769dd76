"""The store: access to one database (SQLite by default, or PostgreSQL).

:class:`Store` is composed of one mixin per kind of data (``values``: measurements,
``budget``: budget lines, ``undo``: uploads and undo); this module adds the lifecycle,
settings, divisions, areas, aliases and indicators.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor.messages import t
from monitor.migrate import upgrade as migrate_upgrade
from monitor.store import request_state
from monitor.store.budget import BudgetMixin
from monitor.store.bulk import _chunks
from monitor.store.connect import now
from monitor.store.marks import mark_scores
from monitor.store.point_table import PointsMixin
from monitor.store.polarity import apply_user_overrides
from monitor.store.schema import area_aliases, areas, divisions, indicators, settings_table
from monitor.store.undo import UndoMixin
from monitor.store.values import MeasurementsMixin


class Store(MeasurementsMixin, BudgetMixin, PointsMixin, UndoMixin):
    """Access to one database. Cheap to create; share one per process."""

    # -- lifecycle -------------------------------------------------------------------

    def upgrade(self) -> None:
        """Create the schema or upgrade an existing store in place (Alembic)."""
        migrate_upgrade(self.engine)

    def is_initialised(self) -> bool:
        return sa.inspect(self.engine).has_table("measurements")

    # -- settings --------------------------------------------------------------------

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        """A setting (in a request scope from the request's state,
        :mod:`monitor.store.request_state`; a write forgets it)."""

        found = request_state.state(self.engine, self.url)
        if found is not None:
            value = found.settings.get(key)
        else:
            with self.engine.connect() as conn:
                query = sa.select(settings_table.c.value).where(settings_table.c.key == key)
                value = conn.scalar(query)
        return default if value is None else value

    def set_setting(self, key: str, value: str, conn: Connection | None = None) -> None:
        def _write(c: Connection) -> None:
            c.execute(sa.delete(settings_table).where(settings_table.c.key == key))
            c.execute(sa.insert(settings_table).values(key=key, value=value))
            if key == "population_indicator":
                mark_scores(c, c.scalars(sa.select(divisions.c.id)))

        if conn is not None:
            _write(conn)
        else:
            with self.begin() as c:
                _write(c)

    # -- divisions -------------------------------------------------------------------

    def ensure_division(
        self,
        conn: Connection,
        name: str,
        gemeente: str = "Gemeente",
        valid_from: int | None = None,
        valid_to: int | None = None,
        fictional: bool = False,
    ) -> int:
        """Return the id of division ``name``, creating it when new."""
        found = conn.scalar(sa.select(divisions.c.id).where(divisions.c.name == name))
        if found is not None:
            return int(found)
        result = conn.execute(
            sa.insert(divisions).values(
                name=name,
                gemeente=gemeente,
                valid_from=valid_from,
                valid_to=valid_to,
                fictional=fictional,
                created_at=now(),
            )
        )
        return int(result.inserted_primary_key[0])

    def division_id(self, name: str | None = None) -> int:
        """The division to work in: by name, else the active one, else the newest (in a
        request scope from the request's state, :mod:`monitor.store.request_state`)."""
        found = request_state.state(self.engine, self.url)
        if found is not None:
            name = name if name is not None else found.settings.get("active_division")
            ids = [i for i, row in found.divisions.items() if name is None or row["name"] == name]
            if ids:
                return max(ids)
            raise LookupError(
                t("areas.division_missing", name=name) if name else t("areas.no_division")
            )
        with self.engine.connect() as conn:
            if name is None:
                name = conn.scalar(
                    sa.select(settings_table.c.value).where(
                        settings_table.c.key == "active_division"
                    )
                )
            query = sa.select(divisions.c.id)
            if name is not None:
                query = query.where(divisions.c.name == name)
            newest = conn.scalar(query.order_by(divisions.c.id.desc()).limit(1))
        if newest is None:
            raise LookupError(
                t("areas.division_missing", name=name) if name else t("areas.no_division")
            )
        return int(newest)

    def active_division(self, conn: Connection) -> int | None:
        """In ``conn``: the id of the active division (setting ``active_division``), else of
        the newest; None when there is none (:meth:`division_id` without a name)."""
        name = conn.scalar(
            sa.select(settings_table.c.value).where(settings_table.c.key == "active_division")
        )
        query = sa.select(divisions.c.id).order_by(divisions.c.id.desc()).limit(1)
        if name is not None:
            query = sa.select(divisions.c.id).where(divisions.c.name == name)
        return conn.scalar(query)

    def division(self, division_id: int) -> dict[str, Any]:
        found = request_state.state(self.engine, self.url)
        if found is not None and division_id in found.divisions:
            return dict(found.divisions[division_id])

        with self.engine.connect() as conn:
            query = sa.select(divisions).where(divisions.c.id == division_id)
            return dict(conn.execute(query).one()._mapping)

    # -- areas -----------------------------------------------------------------------

    def areas_frame(
        self, division_id: int, level: str | None = None, with_geometry: bool = False
    ) -> pd.DataFrame:
        """Areas of a division (optionally one level) as a frame indexed by nothing."""
        cols = [
            c for c in areas.c if with_geometry or c.name not in ("geometry", "display_geometry")
        ]
        query = sa.select(*cols).where(areas.c.division_id == division_id)
        if level is not None:
            query = query.where(areas.c.level == level)
        with self.engine.connect() as conn:
            return pd.read_sql(query.order_by(areas.c.code), conn)

    def alias_map(self, division_id: int) -> dict[str, str]:
        """alias → area code, for resolving codes from other code systems."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(area_aliases.c.alias, area_aliases.c.code).where(
                    area_aliases.c.division_id == division_id
                )
            )
            return {a: c for a, c in rows}

    def add_alias(self, division_id: int, alias: str, code: str, system: str | None = None) -> None:
        with self.begin() as conn:
            target = conn.scalar(
                sa.select(areas.c.id).where(
                    areas.c.division_id == division_id, areas.c.code == code
                )
            )
            if target is None:
                raise LookupError(t("areas.code_missing", code=code))
            conn.execute(
                sa.delete(area_aliases).where(
                    area_aliases.c.division_id == division_id, area_aliases.c.alias == alias
                )
            )
            conn.execute(
                sa.insert(area_aliases).values(
                    division_id=division_id, alias=alias, code=code, system=system
                )
            )

    # -- indicators ------------------------------------------------------------------

    def indicators_frame(self, ids: list[str] | None = None) -> pd.DataFrame:
        """Indicator definitions (all, or only ``ids``), ordered by id."""
        query = sa.select(indicators).order_by(indicators.c.id)
        if ids is not None:
            query = query.where(indicators.c.id.in_(ids))
        with self.engine.connect() as conn:
            return pd.read_sql(query, conn)

    def indicator_ids(self, conn: Connection, polarity_source: str | None = None) -> list[str]:
        """Ids of the stored indicators (only those whose polarity came from
        ``polarity_source``, when given)."""
        query = sa.select(indicators.c.id)
        if polarity_source is not None:
            query = query.where(indicators.c.polarity_source == polarity_source)
        return list(conn.scalars(query))

    def indicator_units(self, conn: Connection) -> dict[str, str]:
        """Indicator id → unit."""
        return dict(conn.execute(sa.select(indicators.c.id, indicators.c.unit)).all())

    def upsert_indicators(self, rows: Iterable[dict[str, Any]], conn: Connection) -> int:
        """Insert new indicator definitions and update existing ones in place (measurements
        refer to them, so a re-import must not delete them). A user's own polarity
        (``monitor.polarity``) is applied again afterwards: it survives every re-import."""

        # A later row of the same id wins.
        rows = list({r["id"]: r for r in rows}.values())
        ids = [r["id"] for r in rows]
        existing: set[str] = set()
        for chunk in _chunks(ids, 500):
            existing.update(
                conn.scalars(sa.select(indicators.c.id).where(indicators.c.id.in_(chunk)))
            )
        new = [r for r in rows if r["id"] not in existing]
        old = [r for r in rows if r["id"] in existing]
        if new:
            conn.execute(sa.insert(indicators), new)
        if old:
            columns = [c for c in old[0] if c != "id"]
            statement = (
                indicators.update()
                .where(indicators.c.id == sa.bindparam("b_id"))
                .values({c: sa.bindparam(f"b_{c}") for c in columns})
            )
            conn.execute(statement, [{f"b_{k}": v for k, v in r.items()} for r in old])
        apply_user_overrides(conn, ids)
        if rows:
            mark_scores(conn, conn.scalars(sa.select(divisions.c.id)), ids)
        return len(rows)
