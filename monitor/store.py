"""The store: one SQLAlchemy Core schema for SQLite (default) and PostgreSQL.

Why Core and not the ORM: every read here becomes a pandas frame and every write is a
bulk insert, so table objects and plain statements are the simplest fit.

Measurements are never overwritten in place. Each row belongs to an upload; for one
(area, indicator, period) key exactly one row is *current* (``is_current``). Publishing
marks the old current row as not current and inserts the new one; undoing an upload
restores the newest remaining row. A partial unique index guards the "one current row"
rule in the database itself, on both backends.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from monitor.config import get_settings
from monitor.errors import MonitorError

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

#: Area levels from small to large; the order is the hierarchy.
LEVELS: tuple[str, ...] = ("buurt", "wijk", "gebied", "stadsdeel", "gemeente")
#: Levels that can be a parent, each with the column that holds the parent's code.
PARENT_COLUMNS: dict[str, str] = {lvl: f"{lvl}_code" for lvl in LEVELS[1:]}

divisions = sa.Table(
    "divisions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(100), nullable=False, unique=True),
    sa.Column("gemeente", sa.String(200), nullable=False),
    sa.Column("valid_from", sa.Integer),
    sa.Column("valid_to", sa.Integer),
    sa.Column("fictional", sa.Boolean, nullable=False, default=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

areas = sa.Table(
    "areas",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("division_id", sa.ForeignKey("divisions.id"), nullable=False),
    sa.Column("code", sa.String(40), nullable=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("level", sa.String(20), nullable=False),
    *(sa.Column(col, sa.String(40)) for col in PARENT_COLUMNS.values()),
    sa.Column("geometry", sa.LargeBinary),
    sa.Column("display_geometry", sa.LargeBinary),
    sa.Column("label_lon", sa.Float),
    sa.Column("label_lat", sa.Float),
    sa.Column("area_m2", sa.Float),
    sa.UniqueConstraint("division_id", "code", name="uq_areas_division_code"),
    sa.Index("ix_areas_division_level", "division_id", "level"),
)

area_aliases = sa.Table(
    "area_aliases",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("division_id", sa.ForeignKey("divisions.id"), nullable=False),
    sa.Column("alias", sa.String(40), nullable=False),
    sa.Column("code", sa.String(40), nullable=False),
    sa.Column("system", sa.String(40)),
    sa.UniqueConstraint("division_id", "alias", name="uq_area_aliases_division_alias"),
)

indicators = sa.Table(
    "indicators",
    metadata,
    sa.Column("id", sa.String(80), primary_key=True),
    sa.Column("label_nl", sa.String(300), nullable=False),
    sa.Column("label_en", sa.String(300)),
    sa.Column("definition", sa.Text),
    sa.Column("domain", sa.String(80), nullable=False),
    sa.Column("theme", sa.String(120)),
    sa.Column("unit", sa.String(40), nullable=False),
    sa.Column("polarity", sa.String(20), nullable=False),
    sa.Column("decimals", sa.Integer, nullable=False),
    sa.Column("source", sa.String(300)),
    sa.Column("min_population", sa.Float, nullable=False),
    sa.Column("min_population_indicator", sa.String(80)),
    sa.Column("min_respondents", sa.Float, nullable=False),
    sa.Column("aggregation", sa.String(20), nullable=False),
    sa.Column("weight_indicator", sa.String(80)),
    sa.Column("method", sa.String(20), nullable=False),
    sa.Column("spread", sa.String(10), nullable=False, server_default="sd"),
    sa.Column("band", sa.Float),
    sa.Column("base_year", sa.Integer),
    sa.Column("survey", sa.Boolean, nullable=False),
    sa.Column("sd_individual", sa.Float),
    sa.Column("forecast", sa.Boolean, nullable=False),
    sa.Column("catalog", sa.String(80)),
    # Where ``polarity`` came from (see ``monitor.polarity``): metadata, catalogus, regel,
    # override or gebruiker; why (Dutch, English); what the metadata itself said; who.
    sa.Column("polarity_source", sa.String(20)),
    sa.Column("polarity_reason", sa.Text),
    sa.Column("polarity_reason_en", sa.Text),
    sa.Column("polarity_metadata", sa.String(20)),
    sa.Column("polarity_by", sa.String(120)),
)

#: A user's own polarity for an indicator; outlives every re-import of the metadata.
#: ``base_*`` keep what it replaced (the curated or metadata polarity), for "undo".
polarity_overrides = sa.Table(
    "polarity_overrides",
    metadata,
    sa.Column("indicator_id", sa.String(80), primary_key=True),
    sa.Column("polarity", sa.String(20), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("created_by", sa.String(120), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("base_polarity", sa.String(20)),
    sa.Column("base_source", sa.String(20)),
    sa.Column("base_reason", sa.Text),
    sa.Column("base_reason_en", sa.Text),
    sa.Column("base_by", sa.String(120)),
)

uploads = sa.Table(
    "uploads",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("filename", sa.String(300)),
    sa.Column("sha256", sa.String(64)),
    sa.Column("uploader", sa.String(120)),
    sa.Column("source", sa.String(300)),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("row_count", sa.Integer, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("undone_at", sa.DateTime(timezone=True)),
    sa.Column("undone_by", sa.String(120)),
    sa.Column("meta", sa.Text),
)

measurements = sa.Table(
    "measurements",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("area_id", sa.ForeignKey("areas.id"), nullable=False),
    sa.Column("indicator_id", sa.ForeignKey("indicators.id"), nullable=False),
    sa.Column("period", sa.Integer, nullable=False),
    sa.Column("value", sa.Float),
    sa.Column("n", sa.Float),
    sa.Column("peildatum", sa.Date),
    sa.Column("source", sa.String(300)),
    sa.Column("note", sa.Text),
    #: Why a value is missing or must not be used: see ``scoring.REASONS``.
    sa.Column("flag", sa.String(20)),
    sa.Column("upload_id", sa.ForeignKey("uploads.id"), nullable=False),
    sa.Column("is_current", sa.Boolean, nullable=False),
    sa.Index("ix_measurements_lookup", "indicator_id", "period", "is_current"),
    sa.Index("ix_measurements_upload", "upload_id"),
    sa.Index(
        "uq_measurements_current",
        "area_id",
        "indicator_id",
        "period",
        unique=True,
        sqlite_where=sa.text("is_current = 1"),
        postgresql_where=sa.text("is_current"),
    ),
)

settings_table = sa.Table(
    "settings",
    metadata,
    sa.Column("key", sa.String(80), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

# -- accounts and the audit log (roles: see ``monitor.access``) ---------------------------

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("username", sa.String(120), nullable=False, unique=True),
    #: An argon2 hash; empty for accounts that only log in through single sign-on.
    sa.Column("password_hash", sa.String(300)),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("display_name", sa.String(200)),
    sa.Column("disabled", sa.Boolean, nullable=False, default=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_login_at", sa.DateTime(timezone=True)),
)

#: Every login attempt, kept so that rate limiting works across gunicorn workers.
login_attempts = sa.Table(
    "login_attempts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("username", sa.String(120), nullable=False),
    sa.Column("remote", sa.String(64)),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("success", sa.Boolean, nullable=False),
    sa.Index("ix_login_attempts_username_at", "username", "at"),
    sa.Index("ix_login_attempts_remote_at", "remote", "at"),
)

#: Who did what, when: logins, uploads, publishes, undos, edits, user changes.
audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor", sa.String(120), nullable=False),
    sa.Column("action", sa.String(60), nullable=False),
    sa.Column("target", sa.String(300)),
    #: JSON: what changed (old and new values for edits).
    sa.Column("detail", sa.Text),
    sa.Index("ix_audit_log_at", "at"),
)

# -- buurtbegroting and gebiedsagenda (PRODUCT.md §3.6) ----------------------------------

#: Budget lines are versioned like measurements: an upload supersedes, undo restores.
budget_lines = sa.Table(
    "budget_lines",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("area_id", sa.ForeignKey("areas.id"), nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("programme", sa.String(120), nullable=False),
    #: Empty string, not NULL, so that the unique index below also covers it.
    sa.Column("description", sa.String(500), nullable=False),
    sa.Column("planned", sa.Float),
    sa.Column("realised", sa.Float),
    sa.Column("source", sa.String(300)),
    sa.Column("note", sa.Text),
    sa.Column("upload_id", sa.ForeignKey("uploads.id"), nullable=False),
    sa.Column("is_current", sa.Boolean, nullable=False),
    sa.Index("ix_budget_lines_upload", "upload_id"),
    sa.Index(
        "uq_budget_lines_current",
        "area_id",
        "year",
        "programme",
        "description",
        unique=True,
        sqlite_where=sa.text("is_current = 1"),
        postgresql_where=sa.text("is_current"),
    ),
)


# -- materialised scores (``monitor.scoring``): computed when data changes, read by pages --

#: One row per indicator, period, level and reference area: NAP, spread and counts.
score_groups = sa.Table(
    "score_groups",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("division_id", sa.ForeignKey("divisions.id"), nullable=False),
    sa.Column("indicator_id", sa.String(80), nullable=False),
    sa.Column("period", sa.Integer, nullable=False),
    sa.Column("level", sa.String(20), nullable=False),
    #: The reference area's code (its gemeente by default); empty when it has none.
    sa.Column("ref_code", sa.String(40), nullable=False),
    sa.Column("nap", sa.Float),
    sa.Column("nap_source", sa.String(40), nullable=False),
    sa.Column("spread", sa.Float),
    sa.Column("areas", sa.Integer, nullable=False),
    sa.Column("measured", sa.Integer, nullable=False),
    sa.Column("usable", sa.Integer, nullable=False),
    #: Coverage (``monitor.scoring.coverage``): areas with a measurement that counts, and their
    #: population beside the level's (both NULL when not known for every area).
    sa.Column("covered", sa.Integer, nullable=False),
    sa.Column("population_covered", sa.Float),
    sa.Column("population_total", sa.Float),
    #: Sample skewness of the usable values (the hint that the band says little).
    sa.Column("skewness", sa.Float),
    #: A ``log`` spread refused: the first area with a value ≤ 0, its value, how many.
    sa.Column("refused_code", sa.String(40)),
    sa.Column("refused_value", sa.Float),
    sa.Column("refused_count", sa.Integer, nullable=False),
    sa.UniqueConstraint(
        "division_id", "indicator_id", "period", "level", "ref_code", name="uq_score_groups_key"
    ),
    sa.Index("ix_score_groups_level_period", "division_id", "level", "period"),
)

#: One row per area of a scored group: the value shown, its class and the reason code.
scores = sa.Table(
    "scores",
    metadata,
    sa.Column("group_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("area_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("value", sa.Float),
    sa.Column("n", sa.Float),
    sa.Column("z", sa.Float),
    sa.Column("measure", sa.Float),
    sa.Column("ci_low", sa.Float),
    sa.Column("ci_high", sa.Float),
    sa.Column("klasse", sa.String(20), nullable=False),
    sa.Column("reden_code", sa.String(40), nullable=False),
    sa.Column("population", sa.Float),
    sa.Column("upload_id", sa.Integer),
    #: 0: measured for this area; 1: aggregated from the areas below it.
    sa.Column("origin", sa.SmallInteger),
    sa.Index("ix_scores_area", "area_id"),
)

#: The generation of a division's scores: it grows with every change that rescored.
score_state = sa.Table(
    "score_state",
    metadata,
    sa.Column("division_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("generation", sa.Integer, nullable=False),
    sa.Column("built_at", sa.DateTime(timezone=True), nullable=False),
)


def _edited_columns() -> list[sa.Column]:
    """Who made and last changed a row; a removed row keeps its history (``deleted_at``)."""
    return [
        sa.Column("created_by", sa.String(120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(120)),
        sa.Column("updated_at", sa.DateTime(timezone=True)),
        sa.Column("deleted_at", sa.DateTime(timezone=True)),
    ]


goals = sa.Table(
    "goals",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("area_id", sa.ForeignKey("areas.id"), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("indicator_id", sa.String(80)),
    #: "waarde" (reach target_value) or "nap" (reach the NAP class rond or beter).
    sa.Column("target_kind", sa.String(10)),
    sa.Column("target_value", sa.Float),
    sa.Column("target_year", sa.Integer),
    *_edited_columns(),
    sa.Index("ix_goals_area", "area_id"),
)

actions = sa.Table(
    "actions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("goal_id", sa.ForeignKey("goals.id"), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("owner", sa.String(200), nullable=False),
    #: toegezegd / in uitvoering / gerealiseerd / niet mogelijk (then ``reason`` is required).
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("reason", sa.Text),
    *_edited_columns(),
    sa.Index("ix_actions_goal", "goal_id"),
)

#: Verhalen: what residents and partners say, beside the numbers. Plain text only.
notes = sa.Table(
    "notes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("area_id", sa.ForeignKey("areas.id"), nullable=False),
    sa.Column("period", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("author_role", sa.String(60), nullable=False),
    sa.Column("source_type", sa.String(60), nullable=False),
    sa.Column("date", sa.Date, nullable=False),
    *_edited_columns(),
    sa.Index("ix_notes_area", "area_id"),
)


def now() -> datetime:
    """Timezone-aware UTC timestamp for rows we write."""
    return datetime.now(UTC)


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


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets foreign keys, WAL and a busy timeout."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, connect_args={"timeout": 30})

        @sa.event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            # Bulk publishes update three indexes; a larger page cache keeps them in memory.
            cur.execute("PRAGMA cache_size=-131072")
            cur.close()

        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return sa.create_engine(url, pool_pre_ping=True)


class Store:
    """Access to one database. Cheap to create; share one per process."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or get_settings().database_url
        self.engine = make_engine(self.url)

    # -- lifecycle -------------------------------------------------------------------

    def upgrade(self) -> None:
        """Create the schema or upgrade an existing store in place (Alembic)."""
        from monitor.migrate import upgrade

        upgrade(self.engine)

    def is_initialised(self) -> bool:
        return sa.inspect(self.engine).has_table("measurements")

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """One transaction: everything inside commits together or not at all.

        Scores marked as changed inside it (:func:`mark_scores`) are recomputed before
        the commit, so readers never see new values beside old colours."""
        with self.engine.begin() as conn:
            conn.info.pop(DIRTY, None)
            try:
                yield conn
                if conn.info.get(DIRTY):
                    if not RESCORERS:
                        raise RuntimeError("scores changed but no rescorer is registered")
                    for rescore in RESCORERS:
                        rescore(self, conn)
            finally:
                conn.info.pop(DIRTY, None)

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """One read transaction: every query inside sees the store at the same moment (a
        dry run that reads several times must not mix two states). Nothing is written:
        the transaction is rolled back at the end.

        PostgreSQL runs it as REPEATABLE READ; SQLite gets an explicit ``BEGIN``, which in
        WAL mode keeps one snapshot from the first read to the end.
        """
        with self.engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                conn.execution_options(isolation_level="REPEATABLE READ")
            else:
                conn.exec_driver_sql("BEGIN")
            try:
                yield conn
            finally:
                conn.rollback()

    @contextmanager
    def _transaction(self, conn: Connection | None) -> Iterator[Connection]:
        """The caller's transaction when given, else a new one."""
        if conn is not None:
            yield conn
            return
        with self.begin() as own:
            yield own

    # -- settings --------------------------------------------------------------------

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        with self.engine.connect() as conn:
            value = conn.scalar(
                sa.select(settings_table.c.value).where(settings_table.c.key == key)
            )
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
        """The division to work in: by name, else the active one, else the newest."""
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
            found = conn.scalar(query.order_by(divisions.c.id.desc()).limit(1))
        if found is None:
            raise LookupError(
                f"Gebiedsindeling '{name}' bestaat niet."
                if name
                else "Er is nog geen gebiedsindeling."
            )
        return int(found)

    def division(self, division_id: int) -> dict[str, Any]:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(divisions).where(divisions.c.id == division_id)).one()
        return dict(row._mapping)

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
                raise LookupError(f"Gebiedscode '{code}' bestaat niet in deze gebiedsindeling.")
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

    def upsert_indicators(self, rows: Iterable[dict[str, Any]], conn: Connection) -> int:
        """Insert new indicator definitions and update existing ones in place (measurements
        refer to them, so a re-import must not delete them). A user's own polarity
        (``monitor.polarity``) is applied again afterwards: it survives every re-import."""
        from monitor.polarity_users import apply_user_overrides

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

    # -- measurements ----------------------------------------------------------------

    def publish(
        self,
        frame: pd.DataFrame,
        *,
        kind: str,
        conn: Connection,
        filename: str | None = None,
        sha256: str | None = None,
        uploader: str | None = None,
        source: str | None = None,
        meta: dict[str, Any] | None = None,
    ) -> int:
        """Publish measurements as one upload inside the caller's transaction.

        ``frame`` has columns area_id, indicator_id, period, value and optionally n,
        peildatum, source, note, flag. Earlier current rows for the same keys stop
        being current; they stay in the table so an undo can bring them back.
        """
        upload_id = _insert_upload(conn, kind, len(frame), filename, sha256, uploader, source, meta)
        if frame.empty:
            return upload_id
        replaced = self.current_rows(conn, frame[["area_id", "indicator_id", "period"]])
        ids = replaced["id"].astype(int).tolist()
        for chunk in _chunks(ids, 900):
            conn.execute(
                sa.update(measurements).where(measurements.c.id.in_(chunk)).values(is_current=False)
            )
        rows = frame.assign(upload_id=upload_id, is_current=True)
        for col in MEASUREMENT_COLUMNS:
            if col not in rows:
                rows[col] = None
        _bulk_insert(conn, rows[list(MEASUREMENT_COLUMNS)])
        mark_scores(
            conn,
            _divisions_of(conn, frame["area_id"].unique()),
            frame["indicator_id"].unique(),
            frame["period"].unique(),
        )
        return upload_id

    def current_rows(self, conn: Connection, keys: pd.DataFrame) -> pd.DataFrame:
        """Current measurement rows (id, key, value, n, flag) for the given keys."""
        m = measurements
        found = []
        indicator_ids = sorted(keys["indicator_id"].unique())
        periods = sorted(int(p) for p in keys["period"].unique())
        for chunk in _chunks(indicator_ids, 200):
            query = sa.select(
                m.c.id, m.c.area_id, m.c.indicator_id, m.c.period, m.c.value, m.c.n, m.c.flag
            ).where(m.c.is_current.is_(True), m.c.indicator_id.in_(chunk), m.c.period.in_(periods))
            found.append(
                pd.DataFrame(conn.execute(query).all(), columns=list(query.selected_columns.keys()))
            )
        current = pd.concat(found, ignore_index=True)
        wanted = keys.drop_duplicates().astype({"area_id": "int64", "period": "int64"})
        current = current.astype({"area_id": "int64", "period": "int64"})
        return current.merge(wanted, on=["area_id", "indicator_id", "period"])

    def current_values(
        self,
        division_id: int,
        indicator_ids: list[str] | None,
        periods: list[int] | None = None,
        level: str | None = None,
    ) -> pd.DataFrame:
        """Current measurements joined with their area code and level (None: all indicators)."""
        m, a = measurements, areas
        query = (
            sa.select(
                a.c.code,
                a.c.level,
                m.c.area_id,
                m.c.indicator_id,
                m.c.period,
                m.c.value,
                m.c.n,
                m.c.flag,
                m.c.upload_id,
            )
            .join(a, a.c.id == m.c.area_id)
            .where(a.c.division_id == division_id, m.c.is_current.is_(True))
        )
        if indicator_ids is not None:
            query = query.where(m.c.indicator_id.in_(indicator_ids))
        if periods is not None:
            query = query.where(m.c.period.in_([int(p) for p in periods]))
        if level is not None:
            query = query.where(a.c.level == level)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        # Column by column with known types: read_sql's type inference costs more than
        # the query itself on a map switch.
        names = list(query.selected_columns.keys())
        columns = list(zip(*rows, strict=True)) if rows else [()] * len(names)
        numeric = {"area_id": "int64", "period": "int64", "upload_id": "int64"}
        numeric |= {"value": "float64", "n": "float64"}
        return pd.DataFrame(
            {
                name: np.array(col, dtype=numeric[name])
                if name in numeric
                else pd.array(col, dtype="str")
                for name, col in zip(names, columns, strict=True)
            }
        )

    def periods(self, division_id: int, indicator_id: str) -> list[int]:
        """Periods with at least one current measurement for this indicator."""
        query = (
            sa.select(measurements.c.period)
            .distinct()
            .join(areas, areas.c.id == measurements.c.area_id)
            .where(
                areas.c.division_id == division_id,
                measurements.c.indicator_id == indicator_id,
                measurements.c.is_current.is_(True),
            )
            .order_by(measurements.c.period)
        )
        with self.engine.connect() as conn:
            return [int(p) for p in conn.scalars(query)]

    def measured_levels(self, division_id: int) -> list[str]:
        """Levels that have current measurements of their own, smallest first."""
        query = (
            sa.select(areas.c.level)
            .distinct()
            .join(measurements, measurements.c.area_id == areas.c.id)
            .where(areas.c.division_id == division_id, measurements.c.is_current.is_(True))
        )
        with self.engine.connect() as conn:
            found = set(conn.scalars(query))
        return [lvl for lvl in LEVELS if lvl in found]

    def uploads_frame(self) -> pd.DataFrame:
        with self.engine.connect() as conn:
            return pd.read_sql(sa.select(uploads).order_by(uploads.c.id), conn)

    def undo_upload(
        self, upload_id: int, by: str | None = None, conn: Connection | None = None
    ) -> int:
        """Undo an upload: its rows stop being current and what they replaced returns.

        Measurements and budget lines (kind ``begroting``) alike. The undo is recorded on
        the upload (who, when). Returns the number of keys restored to an earlier value.
        With ``conn`` it runs in the caller's transaction (so an audit line can join it).
        An unknown upload, or one already undone, is refused with a MonitorError.
        """
        with self._transaction(conn) as conn:
            kind = conn.scalar(sa.select(uploads.c.kind).where(uploads.c.id == upload_id))
            if kind is None:
                raise MonitorError(f"Upload {upload_id} bestaat niet.")
            # The status changes only from published, checked by the database in this
            # transaction: of two undos at once, the second finds nothing to change.
            done = conn.execute(
                sa.update(uploads)
                .where(uploads.c.id == upload_id, uploads.c.status == "published")
                .values(status="undone", undone_at=now(), undone_by=by)
            )
            if done.rowcount != 1:
                raise MonitorError(f"Upload {upload_id} is al ongedaan gemaakt.")
            touched = pd.DataFrame()
            if kind != BUDGET_KIND:
                key = ["area_id", "indicator_id", "period"]
                touched = pd.DataFrame(
                    conn.execute(
                        sa.select(*(measurements.c[k] for k in key))
                        .distinct()
                        .where(measurements.c.upload_id == upload_id)
                    ).all(),
                    columns=key,
                )
            restored = _restore_newest(conn, *_undo_target(kind), upload_id)
            if not touched.empty:
                mark_scores(
                    conn,
                    _divisions_of(conn, touched["area_id"].unique()),
                    touched["indicator_id"].unique(),
                    touched["period"].unique(),
                )
            return restored

    def plan_undo(self, conn: Connection, upload_id: int) -> UndoPlan:
        """What undoing ``upload_id`` would change, read in ``conn`` (changes nothing):
        its rows that are current, and per key the row of a still published upload that
        would become current again. An unknown upload is refused with a MonitorError."""
        kind = conn.scalar(sa.select(uploads.c.kind).where(uploads.c.id == upload_id))
        if kind is None:
            raise MonitorError(f"Upload {upload_id} bestaat niet.")
        table, key, chunk_by, narrow_by = _undo_target(kind)
        current, restored = _undo_plan(conn, table, key, upload_id, chunk_by, narrow_by)
        others = conn.scalar(
            sa.select(table.c.id)
            .where(table.c.is_current == sa.true(), table.c.upload_id != upload_id)
            .limit(1)
        )
        return UndoPlan(kind, current, restored, others is None and restored.empty)

    # -- budget lines (buurtbegroting; the rules are in ``monitor.budget``) -----------

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
        and optionally source, note. Budgets are small (thousands of lines), so a plain
        ``executemany`` serves both backends.
        """
        upload_id = _insert_upload(
            conn, BUDGET_KIND, len(frame), filename, sha256, uploader, source, meta
        )
        if frame.empty:
            return upload_id
        replaced = self.current_budget_rows(conn, frame[list(BUDGET_KEY)])
        for chunk in _chunks(replaced["id"].astype(int).tolist(), 900):
            conn.execute(
                sa.update(budget_lines).where(budget_lines.c.id.in_(chunk)).values(is_current=False)
            )
        rows = frame.assign(upload_id=upload_id, is_current=True)
        for col in BUDGET_COLUMNS:
            if col not in rows:
                rows[col] = None
        try:
            conn.execute(sa.insert(budget_lines), _records(rows[list(BUDGET_COLUMNS)]))
        except sa.exc.IntegrityError as exc:
            # The unique index on current lines: two lines of one key in this frame, or
            # another upload that published the same lines at the same moment.
            raise MonitorError(
                "Deze begrotingsregels zijn niet gepubliceerd: een regel (gebied, jaar, "
                "programma, omschrijving) staat twee keer in het bestand of is net door een "
                "andere upload gepubliceerd. Controleer de preview opnieuw en probeer het "
                "nog eens. Er is niets opgeslagen."
            ) from exc
        return upload_id

    def current_budget_rows(self, conn: Connection, keys: pd.DataFrame) -> pd.DataFrame:
        """Current budget lines (id, key, planned, realised, source, note) for these keys."""
        b = budget_lines
        query = sa.select(
            b.c.id, *(b.c[k] for k in BUDGET_KEY), b.c.planned, b.c.realised, b.c.source, b.c.note
        )
        found = []
        for chunk in _chunks(sorted(int(a) for a in keys["area_id"].unique()), 900):
            found += conn.execute(
                query.where(b.c.is_current.is_(True), b.c.area_id.in_(chunk))
            ).all()
        current = pd.DataFrame(found, columns=list(query.selected_columns.keys()))
        current = current.astype({"id": "int64", "area_id": "int64", "year": "int64"})
        current = current.astype({"planned": "float64", "realised": "float64"})
        wanted = keys.drop_duplicates().astype({"area_id": "int64", "year": "int64"})
        return current.merge(wanted, on=list(BUDGET_KEY))

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


class Snapshot(Store):
    """Current measurements of one division in memory, read in one query, for work that
    would otherwise query many times: a profile of hundreds of BBGA indicators, or one
    map switch (value, previous year, population, city value). Optionally limited to some
    indicators and periods; anything outside that scope goes to the database. Read-only
    and only as fresh as the moment it was taken: use one per request.
    """

    def __init__(
        self,
        store: Store,
        division_id: int,
        indicator_ids: list[str] | None = None,
        periods: list[int] | None = None,
    ) -> None:
        self.url, self.engine = store.url, store.engine
        self.snapshot_division = division_id
        self._indicators = None if indicator_ids is None else set(indicator_ids)
        self._periods = None if periods is None else {int(p) for p in periods}
        frame = Store.current_values(store, division_id, indicator_ids, periods)
        self._groups = dict(tuple(frame.groupby("indicator_id", sort=False)))
        self._empty = frame.iloc[0:0]

    def _covers(
        self, division_id: int, indicator_ids: list[str] | None, periods: list[int] | None
    ) -> bool:
        if division_id != self.snapshot_division or indicator_ids is None:
            return False
        if self._indicators is not None and not set(indicator_ids) <= self._indicators:
            return False
        if self._periods is None:
            return True
        return periods is not None and {int(p) for p in periods} <= self._periods

    def current_values(
        self,
        division_id: int,
        indicator_ids: list[str] | None,
        periods: list[int] | None = None,
        level: str | None = None,
    ) -> pd.DataFrame:
        if not self._covers(division_id, indicator_ids, periods):
            return super().current_values(division_id, indicator_ids, periods, level)
        parts = [self._groups[i] for i in indicator_ids or [] if i in self._groups]
        frame = pd.concat(parts) if parts else self._empty
        if periods is not None:
            frame = frame[frame["period"].isin([int(p) for p in periods])]
        if level is not None:
            frame = frame[frame["level"] == level]
        return frame.reset_index(drop=True)

    def periods(self, division_id: int, indicator_id: str) -> list[int]:
        if self._periods is not None or not self._covers(division_id, [indicator_id], None):
            return super().periods(division_id, indicator_id)
        group = self._groups.get(indicator_id)
        return [] if group is None else sorted(int(p) for p in group["period"].unique())


MEASUREMENT_COLUMNS = (
    "area_id",
    "indicator_id",
    "period",
    "value",
    "n",
    "peildatum",
    "source",
    "note",
    "flag",
    "upload_id",
    "is_current",
)

#: The upload kind of budget files, and the key of one budget line.
BUDGET_KIND = "begroting"
BUDGET_KEY = ("area_id", "year", "programme", "description")
BUDGET_COLUMNS = (
    *BUDGET_KEY,
    "planned",
    "realised",
    "source",
    "note",
    "upload_id",
    "is_current",
)


def _insert_upload(
    conn: Connection,
    kind: str,
    rows: int,
    filename: str | None,
    sha256: str | None,
    uploader: str | None,
    source: str | None,
    meta: dict[str, Any] | None,
) -> int:
    """The upload row every publish starts with (provenance); returns its id."""
    return int(
        conn.execute(
            sa.insert(uploads).values(
                kind=kind,
                filename=filename,
                sha256=sha256,
                uploader=uploader,
                source=source,
                status="published",
                row_count=rows,
                created_at=now(),
                meta=json.dumps(meta or {}, ensure_ascii=False, default=str),
            )
        ).inserted_primary_key[0]
    )


@dataclass
class UndoPlan:
    """What an undo changes (:meth:`Store.plan_undo`): the key columns of the upload's
    current rows (``current``), the rows that become current again (``restored``: id
    and key), and whether nothing current of this kind (measurements or budget lines)
    would be left afterwards."""

    kind: str
    current: pd.DataFrame
    restored: pd.DataFrame
    nothing_left: bool


def _undo_target(kind: str) -> tuple[sa.Table, list[str], str, str | None]:
    """Table, key, and how to read candidates in chunks, for an upload of ``kind``."""
    if kind == BUDGET_KIND:
        return budget_lines, list(BUDGET_KEY), "area_id", None
    return measurements, ["area_id", "indicator_id", "period"], "indicator_id", "period"


def _undo_plan(
    conn: Connection,
    table: sa.Table,
    key: list[str],
    upload_id: int,
    chunk_by: str,
    narrow_by: str | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read only: the keys of the upload's current rows, and per key the newest row of
    another still published upload (id and key), which an undo makes current again.
    Candidates are read in chunks of ``chunk_by`` values (and only for the ``narrow_by``
    values the upload held)."""
    c = table.c
    keys = pd.DataFrame(
        conn.execute(
            sa.select(*(c[k] for k in key)).where(c.upload_id == upload_id, c.is_current.is_(True))
        ).all(),
        columns=key,
    )
    live = sa.select(uploads.c.id).where(uploads.c.status == "published", uploads.c.id != upload_id)
    found: list[Any] = []
    for chunk in _chunks(sorted(keys[chunk_by].unique().tolist()), 500):
        query = sa.select(c.id, *(c[k] for k in key), c.upload_id).where(
            c[chunk_by].in_(chunk), c.upload_id.in_(live)
        )
        if narrow_by is not None:
            query = query.where(c[narrow_by].in_(keys[narrow_by].unique().tolist()))
        found += conn.execute(query).all()
    if not found:
        return keys, pd.DataFrame(columns=["id", *key])
    candidates = pd.DataFrame(found, columns=["id", *key, "upload_id"])
    newest = (
        candidates.merge(keys, on=key)
        .sort_values(["upload_id", "id"])
        .drop_duplicates(key, keep="last")
    )
    return keys, newest[["id", *key]].reset_index(drop=True)


def _restore_newest(
    conn: Connection,
    table: sa.Table,
    key: list[str],
    chunk_by: str,
    narrow_by: str | None,
    upload_id: int,
) -> int:
    """The rest of an undo, for measurements and budget lines alike: the upload's rows
    stop being current and, per key they held, the newest row of a still published upload
    becomes current again (:func:`_undo_plan`). Returns the number of keys restored."""
    _keys, newest = _undo_plan(conn, table, key, upload_id, chunk_by, narrow_by)
    c = table.c
    conn.execute(sa.update(table).where(c.upload_id == upload_id).values(is_current=False))
    ids = newest["id"].astype(int).tolist()
    for chunk in _chunks(ids, 900):
        conn.execute(sa.update(table).where(c.id.in_(chunk)).values(is_current=True))
    return len(ids)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts of plain Python values (numpy scalars and NaN are not SQL values)."""
    columns = []
    for name in frame.columns:
        values = frame[name].tolist()
        missing = frame[name].isna().tolist()
        columns.append([None if gone else v for v, gone in zip(values, missing, strict=True)])
    return [dict(zip(frame.columns, row, strict=True)) for row in zip(*columns, strict=True)]


#: A SQLite upload at least this large, and larger than half the table, rebuilds the
#: secondary indexes after inserting instead of updating them row by row.
REBUILD_INDEXES_FROM = 50_000


def _bulk_insert(conn: Connection, rows: pd.DataFrame) -> None:
    """Insert measurement rows fast, inside the caller's transaction.

    PostgreSQL gets ``COPY`` of CSV text; SQLite an ``executemany`` of tuples, and for a
    large upload the secondary indexes are dropped and rebuilt (a sort instead of a
    million B-tree updates). SQLite's DDL is transactional, so either way an interrupted
    publish still leaves nothing behind, indexes included.
    """
    columns = ", ".join(MEASUREMENT_COLUMNS)
    dbapi = conn.dialect.dbapi
    driver = conn.connection.driver_connection
    if conn.dialect.name == "postgresql":
        sql = f"COPY measurements ({columns}) FROM STDIN WITH (FORMAT csv)"
        try:
            with driver.cursor() as cur, cur.copy(sql) as copy:
                for start in range(0, len(rows), 100_000):
                    copy.write(rows.iloc[start : start + 100_000].to_csv(header=False, index=False))
        except dbapi.Error as exc:  # same exception types as SQLAlchemy's own statements
            raise sa.exc.DBAPIError.instance(sql, None, exc, dbapi.Error) from exc
        return
    # Column by column: ``tolist()`` gives Python scalars at C speed; missing → None.
    # Columns that are empty throughout are left to their default (NULL), and the upload
    # id and current flag are constants: fewer parameters per row is the main cost here.
    upload_id, constant = int(rows["upload_id"].iloc[0]), rows["upload_id"].nunique() == 1
    names, lists = [], []
    for name in rows.columns:
        if constant and name in ("upload_id", "is_current"):
            continue
        column = rows[name]
        missing = column.isna().to_numpy()
        if missing.all():
            continue
        values = column.tolist()
        if missing.any():
            values = [None if gone else v for v, gone in zip(values, missing, strict=True)]
        names.append(name)
        lists.append(values)
    existing = conn.scalar(sa.select(sa.func.max(measurements.c.id))) or 0
    rebuild = len(rows) >= REBUILD_INDEXES_FROM and len(rows) > existing / 2
    if rebuild:
        for index in measurements.indexes:
            conn.execute(sa.schema.DropIndex(index))
    marks = ", ".join("?" * len(names))
    if constant:
        names, marks = [*names, "upload_id", "is_current"], f"{marks}, {upload_id}, 1"
    sql = f"INSERT INTO measurements ({', '.join(names)}) VALUES ({marks})"
    cursor = driver.cursor()
    try:
        cursor.executemany(sql, zip(*lists, strict=True))
    except dbapi.Error as exc:
        raise sa.exc.DBAPIError.instance(sql, None, exc, dbapi.Error) from exc
    finally:
        cursor.close()
    if rebuild:
        for index in measurements.indexes:
            conn.execute(sa.schema.CreateIndex(index))


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
