"""The schema: one SQLAlchemy Core metadata for SQLite (default) and PostgreSQL.

Why Core and not the ORM: every read here becomes a pandas frame and every write is a
bulk insert, so table objects and plain statements are the simplest fit.

Measurements and budget lines are never overwritten in place (``monitor.store.versioned``):
each row belongs to an upload, and for one key exactly one row is *current*. A partial
unique index guards the "one current row" rule in the database itself, on both backends.
"""

from __future__ import annotations

import sqlalchemy as sa

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

#: The country's own published value of an indicator in a year (CBS KWB's *Nederland*
#: row, ``NL00``): the reference of the national view (:mod:`monitor.scoring.national`).
#: One row per indicator and year, replaced by the next import; not tied to a division.
national_values = sa.Table(
    "national_values",
    metadata,
    sa.Column("indicator_id", sa.String(80), primary_key=True),
    sa.Column("period", sa.Integer, primary_key=True),
    sa.Column("value", sa.Float),
    sa.Column("flag", sa.String(20)),
    sa.Column("source", sa.Text, nullable=False),
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

#: Logged-in sessions, held on the server: the cookie carries only a random id, whose
#: SHA-256 is the key here. Deleting a row ends that session on every app instance.
sessions = sa.Table(
    "sessions",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("remote", sa.String(64)),
    sa.Index("ix_sessions_user_id", "user_id"),
)

#: Personal API tokens (``Authorization: Bearer``): only their SHA-256 is kept.
api_tokens = sa.Table(
    "api_tokens",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("name", sa.String(80), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    #: The first characters of the token, to recognise it in a listing.
    sa.Column("prefix", sa.String(12), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("created_by", sa.String(120), nullable=False),
    sa.Column("last_used_at", sa.DateTime(timezone=True)),
    sa.Index("ix_api_tokens_user_id", "user_id"),
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

# -- buurtbegroting and gebiedsagenda ----------------------------------------------------

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


#: Points (meldingen, voorzieningen) assigned to the buurt they lie in; versioned like
#: measurements, keyed by kind and the point's own key (its id in the file, or a hash of
#: its contents), so a later extract that repeats a melding replaces it.
points = sa.Table(
    "points",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("soort", sa.String(20), nullable=False),
    sa.Column("point_key", sa.String(80), nullable=False),
    sa.Column("area_id", sa.ForeignKey("areas.id"), nullable=False),
    sa.Column("datum", sa.Date),
    sa.Column("category", sa.String(120), nullable=False),
    sa.Column("subcategory", sa.String(120)),
    sa.Column("status", sa.String(60)),
    sa.Column("handling_days", sa.Float),
    sa.Column("name", sa.String(200)),
    sa.Column("address", sa.String(300)),
    sa.Column("lon", sa.Float, nullable=False),
    sa.Column("lat", sa.Float, nullable=False),
    sa.Column("upload_id", sa.ForeignKey("uploads.id"), nullable=False),
    sa.Column("is_current", sa.Boolean, nullable=False),
    sa.Index("ix_points_upload", "upload_id"),
    sa.Index("ix_points_area", "area_id", "soort", "is_current"),
    sa.Index(
        "uq_points_current",
        "soort",
        "point_key",
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
    #: Rows of the areas' own measurements (origin 0; the others are aggregated).
    sa.Column("own", sa.Integer, nullable=False, server_default="0"),
    sa.UniqueConstraint(
        "division_id", "indicator_id", "period", "level", "ref_code", name="uq_score_groups_key"
    ),
    sa.Index("ix_score_groups_level_period", "division_id", "level", "period"),
    #: One area's profile: the groups of its level under its reference area.
    sa.Index(
        "ix_score_groups_reference", "division_id", "level", "ref_code", "indicator_id", "period"
    ),
)

#: One row per score group: its areas' rows packed (:mod:`monitor.store.score_pack`):
#: fixed-width records sorted by area id, and the group's texts outside the fixed
#: class and reason lists (JSON; NULL: none).
score_rows = sa.Table(
    "score_rows",
    metadata,
    sa.Column("group_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("reasons", sa.Text),
    sa.Column("rows", sa.LargeBinary, nullable=False),
)

#: The generation of a division's scores: it grows with every change that rescored.
score_state = sa.Table(
    "score_state",
    metadata,
    sa.Column("division_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("generation", sa.Integer, nullable=False),
    sa.Column("built_at", sa.DateTime(timezone=True), nullable=False),
)

#: Per division and indicator: the score generation in which its scores were last
#: written, and when (``monitor.store.stamps``): caches of one indicator keep across a
#: publish of another.
indicator_stamps = sa.Table(
    "indicator_stamps",
    metadata,
    sa.Column("division_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("indicator_id", sa.String(80), primary_key=True),
    sa.Column("generation", sa.Integer, nullable=False),
    sa.Column("built_at", sa.DateTime(timezone=True), nullable=False),
)

#: What else caches depend on ("catalogue", "areas"): a counter and the moment it last
#: rose, raised by every write to the tables behind it (``monitor.store.stamps``).
change_stamps = sa.Table(
    "change_stamps",
    metadata,
    sa.Column("name", sa.String(40), primary_key=True),
    sa.Column("generation", sa.Integer, nullable=False),
    sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
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
