"""Gebiedsagenda and verhalen (PRODUCT.md §3.6): goals, actions and notes per area.

The city's cycle runs gebiedsanalyse ("cijfers en verhalen") → gebiedsagenda →
gebiedsplan → gebiedsmonitor. This module keeps the agenda beside the numbers:

* **goals** per area, optionally linked to an indicator with a target by a year: a value
  (respecting the indicator's polarity) or "NAP" (reached when the area's class is *rond*
  or better), and their progress against the latest value and class;
* **actions** per goal with an owner organisation and a status; *niet mogelijk* needs a
  reason, because a promise that cannot be kept must say why;
* **notes** ("verhalen"): what residents and partners said, who (role), where (source
  type) and when. Plain text, always shown as text.

One set of checks serves the app's forms and the CSV import, so what a form refuses a
file refuses too, with the same message (plus row and column). A file with any error
changes nothing. Every change writes who and when on the row and a line in the audit log
with the old and new values, in the same transaction. Removing sets ``deleted_at``.
An edit reads the row it changes inside that transaction (locked on PostgreSQL) and
writes only while the row is live: a row someone removed meanwhile is refused, not edited.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor import audit
from monitor.areas import resolve_codes
from monitor.catalog import Indicator, load_from_store
from monitor.errors import MonitorError
from monitor.ingest.parse import ParseOptions, normalise, read_cells
from monitor.ingest.validate import parse_numbers, uses_comma_decimals
from monitor.messages import average_name, class_label, t
from monitor.numbers import format_difference, format_value
from monitor.scoring import UNCERTAIN
from monitor.store import LEVELS, PARENT_COLUMNS, Store, actions, areas, goals, notes, now

STATUSES: tuple[str, ...] = ("toegezegd", "in uitvoering", "gerealiseerd", "niet mogelijk")
#: The status that needs a reason.
NOT_POSSIBLE = "niet mogelijk"
TARGET_KINDS: tuple[str, ...] = ("nap", "waarde")
#: Who told the story. Stored in Dutch; "anders" for everyone else.
AUTHOR_ROLES: tuple[str, ...] = (
    "gebiedsmanager",
    "bewoner",
    "wijkagent",
    "opbouwwerker",
    "ondernemer",
    "jongerenwerker",
    "woningcorporatie",
    "school",
    "welzijnswerker",
    "handhaver",
    "anders",
)
#: Where the story was heard.
SOURCE_TYPES: tuple[str, ...] = (
    "bewonersavond",
    "schouw",
    "interview",
    "enquête",
    "spreekuur",
    "buurtgesprek",
    "melding",
    "overleg",
    "anders",
)
#: Classes that count as "NAP reached" (neutral indicators: only *rond*).
REACHED_CLASSES = frozenset({"rond", "beter", "veel_beter"})
#: Plausible target ranges per unit, as for measurements.
UNIT_RANGES = {"%": (0.0, 100.0), "rapportcijfer": (1.0, 10.0)}
MAX_GOAL = 1000
MAX_ACTION = 1000
MAX_OWNER = 200
MAX_REASON = 1000
MAX_NOTE = 5000
YEARS = (1900, 2100)
#: Files larger than this are not an agenda.
MAX_IMPORT_BYTES = 10 * 1024 * 1024
MAX_IMPORT_ROWS = 50_000
#: Everything below a space except tab and newline: invisible, and PostgreSQL refuses NUL.
THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

#: CSV columns (canonical name → accepted spellings, compared like meetingen headers).
AGENDA_COLUMNS: dict[str, tuple[str, ...]] = {
    "gebiedcode": ("gebiedcode", "gebiedscode", "code", "buurtcode", "buurt", "gebied"),
    "doel": ("doel", "doelstelling", "opgave", "goal"),
    "indicator": ("indicator", "indicatorid", "variabele"),
    "streefwaarde": ("streefwaarde", "doelwaarde", "target", "streven"),
    "doeljaar": ("doeljaar", "streefjaar", "jaar", "targetyear"),
    "actie": ("actie", "maatregel", "action"),
    "eigenaar": ("eigenaar", "organisatie", "trekker", "owner"),
    "status": ("status",),
    "reden": ("reden", "toelichting", "reason"),
}
NOTE_COLUMNS: dict[str, tuple[str, ...]] = {
    "gebiedcode": ("gebiedcode", "gebiedscode", "code", "buurtcode", "buurt", "gebied"),
    "datum": ("datum", "date"),
    "periode": ("periode", "jaar", "year", "period"),
    "rol": ("rol", "auteur", "auteursrol", "role", "author"),
    "bron": ("bron", "brontype", "soortbron", "source"),
    "tekst": ("tekst", "verhaal", "notitie", "text", "note"),
}


# -- problems --------------------------------------------------------------------------


@dataclass
class Problem:
    """One thing wrong with a value: which field, what, and where in a file."""

    field: str  # canonical column name, also the form field
    key: str  # message key under ``agenda.err.``
    params: dict[str, Any] = field(default_factory=dict)
    row: int | None = None
    column: str | None = None  # the header as the file spells it

    def text(self, lang: str = "nl") -> str:
        message = t(f"agenda.err.{self.key}", lang, **self.params)
        if self.row is not None:
            where = t("agenda.where.row", lang, row=self.row, column=self.column or self.field)
        else:
            where = t(f"agenda.field.{self.field}", lang)
        return f"{where}: {message}"


class AgendaError(MonitorError):
    """Input that was refused; ``problems`` says what, per field (and row for files)."""

    def __init__(self, problems: list[Problem], lang: str = "nl", name: str | None = None):
        self.problems = problems
        self.lang = lang
        lines = [p.text(lang) for p in problems]
        if name is not None:
            lines.insert(0, t("agenda.err.file", lang, name=name, count=len(problems)))
        super().__init__("\n".join(lines))


def _short(value: Any, limit: int = 60) -> str:
    text = str(value).replace("\n", " ").replace("\r", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _hint(value: str, candidates: Iterable[str], lang: str) -> str:
    match = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.6)
    return t("agenda.err.did_you_mean", lang, match=match[0]) if match else ""


def _fold(text: str) -> str:
    """For matching choices: no accents, case or repeated spaces, '_' and '-' as space."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[\s_\-]+", " ", plain.casefold()).strip()


def _key(text: str) -> str:
    """Two goals (or actions) are the same when their texts differ only in case and spaces."""
    return re.sub(r"\s+", " ", text.casefold()).strip()


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and np.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


# -- checking values -------------------------------------------------------------------


class Checker:
    """What checks need to know about the store: areas, the catalogue, the data's years.

    Read once per form submission or file, so a 1,000-row file does not query per row.
    """

    def __init__(self, store: Store, division_id: int, lang: str = "nl") -> None:
        self.store = store
        self.division_id = division_id
        self.lang = lang
        self.indicators: dict[str, Indicator] = load_from_store(store)
        self._area_ids: dict[str, int] = {}
        self._latest: dict[str, int | None] = {}
        self._codes: list[str] | None = None

    def resolve(self, codes: Iterable[str]) -> None:
        """Look up many codes (own codes, aliases, any case) in one go."""
        wanted = [c for c in {str(c).strip() for c in codes} if c and c not in self._area_ids]
        if wanted:
            self._area_ids |= resolve_codes(self.store, self.division_id, wanted)

    def area_id(self, code: str) -> int | None:
        code = str(code).strip()
        if code not in self._area_ids:
            self.resolve([code])
        return self._area_ids.get(code)

    def known_codes(self) -> list[str]:
        if self._codes is None:
            self._codes = self.store.areas_frame(self.division_id)["code"].tolist()
        return self._codes

    def indicator(self, text: str) -> Indicator | None:
        """By id, also when the case differs (BBGA ids are upper case, people type lower)."""
        if text in self.indicators:
            return self.indicators[text]
        folded = {i.casefold(): ind for i, ind in self.indicators.items()}
        return folded.get(text.casefold())

    def latest_period(self, indicator_id: str) -> int | None:
        if indicator_id not in self._latest:
            periods = self.store.periods(self.division_id, indicator_id)
            self._latest[indicator_id] = periods[-1] if periods else None
        return self._latest[indicator_id]


def _text(
    value: Any, name: str, limit: int, problems: list[Problem], required: bool = True
) -> str | None:
    """Plain text: line ends normalised, trimmed, no control characters, not too long."""
    text = "" if _blank(value) else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        if required:
            problems.append(Problem(name, "empty"))
        return None
    if CONTROL.search(text):
        problems.append(Problem(name, "control"))
    if len(text) > limit:
        problems.append(Problem(name, "too_long", {"length": len(text), "max": limit}))
    return text


def _year(value: Any, name: str, key: str, problems: list[Problem]) -> int | None:
    text = str(value).strip()
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    text = text.removesuffix(".0")
    if re.fullmatch(r"\d{4}", text) and YEARS[0] <= int(text) <= YEARS[1]:
        return int(text)
    problems.append(Problem(name, key, {"value": _short(value)}))
    return None


def _number(value: Any, comma: bool | None = None) -> float | None:
    """A target value as typed: ``7,5``, ``7.5``, ``1.250``, ``8%``, ``€ 1.250``."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value) if np.isfinite(value) else None
    text = str(value).strip()
    cells = pd.Series([text])
    if comma is None:
        # One typed value: "45.000" is forty-five thousand to a Dutch reader.
        comma = uses_comma_decimals(cells) or bool(THOUSANDS.fullmatch(text.lstrip("€ ")))
    values, ok = parse_numbers(cells, comma)
    number = values.iloc[0]
    return float(number) if ok.iloc[0] and not np.isnan(number) else None


def parse_date(value: Any) -> date | None:
    """``2024-03-14``, ``14-03-2024``, ``14/03/2024`` or a date object; None otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip().removesuffix(" 00:00:00")  # Excel dates as text
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _choice(
    value: Any, name: str, options: tuple[str, ...], key: str, problems: list[Problem]
) -> str | None:
    """One of ``options``, matched without case or accents (``enquete`` is ``enquête``)."""
    if _blank(value):
        problems.append(Problem(name, "empty"))
        return None
    folded = {_fold(o): o for o in options}
    found = folded.get(_fold(str(value)))
    if found is None:
        problems.append(Problem(name, key, {"value": _short(value), "options": ", ".join(options)}))
    return found


def check_goal(
    checker: Checker,
    raw: dict[str, Any],
    existing: dict[str, Any] | None = None,
    comma: bool | None = None,
) -> tuple[dict[str, Any], list[Problem]]:
    """A goal's fields (``gebiedcode``, ``doel``, ``indicator``, ``streefwaarde``,
    ``doeljaar``) → clean values for the ``goals`` table, and what is wrong.

    ``existing`` is the stored goal when editing: its area stays, and an unchanged target
    year is not refused for lying in the past (data for that year may have come in since).
    """
    problems: list[Problem] = []
    lang = checker.lang
    clean: dict[str, Any] = {}
    if existing is None:
        code = "" if _blank(raw.get("gebiedcode")) else str(raw["gebiedcode"]).strip()
        if not code:
            problems.append(Problem("gebiedcode", "empty"))
        else:
            clean["area_id"] = checker.area_id(code)
            if clean["area_id"] is None:
                hint = _hint(code, checker.known_codes(), lang)
                problems.append(
                    Problem("gebiedcode", "area", {"value": _short(code), "hint": hint})
                )
    clean["text"] = _text(raw.get("doel"), "doel", MAX_GOAL, problems)
    clean |= {"indicator_id": None, "target_kind": None, "target_value": None, "target_year": None}
    indicator_text = "" if _blank(raw.get("indicator")) else str(raw["indicator"]).strip()
    target, year = raw.get("streefwaarde"), raw.get("doeljaar")
    if not indicator_text:
        for name, value in (("streefwaarde", target), ("doeljaar", year)):
            if not _blank(value):
                problems.append(Problem(name, "needs_indicator", {"value": _short(value)}))
        return clean, problems
    ind = checker.indicator(indicator_text)
    if ind is None:
        hint = _hint(indicator_text, checker.indicators, lang)
        problems.append(
            Problem("indicator", "indicator", {"value": _short(indicator_text), "hint": hint})
        )
        return clean, problems
    clean["indicator_id"] = ind.id
    if ind.polarity == "geen" or ind.forecast:
        problems.append(Problem("indicator", "uncoloured", {"value": ind.id}))
    # The target: a number, or NAP.
    if _blank(target):
        problems.append(Problem("streefwaarde", "target_missing"))
    elif str(target).strip().casefold() == "nap":
        clean["target_kind"] = "nap"
    else:
        number = _number(target, comma)
        if number is None:
            problems.append(Problem("streefwaarde", "target", {"value": _short(target)}))
        else:
            clean["target_kind"], clean["target_value"] = "waarde", number
            if ind.polarity == "neutraal":
                problems.append(Problem("streefwaarde", "neutral_value", {"value": _short(target)}))
            low, high = UNIT_RANGES.get(ind.unit, (-np.inf, np.inf))
            if not low <= number <= high:
                problems.append(
                    Problem(
                        "streefwaarde",
                        "target_range",
                        {
                            "value": _short(target),
                            "low": f"{low:g}",
                            "high": f"{high:g}",
                            "unit": ind.unit,
                        },
                    )
                )
    # The year: not before the data we already have, unless it was already so.
    if _blank(year):
        problems.append(Problem("doeljaar", "year_missing"))
    else:
        clean["target_year"] = _year(year, "doeljaar", "year", problems)
        latest = checker.latest_period(ind.id)
        unchanged = existing is not None and (
            existing.get("indicator_id"),
            existing.get("target_year"),
        ) == (ind.id, clean["target_year"])
        if (
            clean["target_year"] is not None
            and latest is not None
            and clean["target_year"] < latest
            and not unchanged
        ):
            problems.append(
                Problem("doeljaar", "year_past", {"value": clean["target_year"], "latest": latest})
            )
    return clean, problems


def check_action(raw: dict[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """An action's fields (``actie``, ``eigenaar``, ``status``, ``reden``) → clean values."""
    problems: list[Problem] = []
    clean = {
        "text": _text(raw.get("actie"), "actie", MAX_ACTION, problems),
        "owner": _text(raw.get("eigenaar"), "eigenaar", MAX_OWNER, problems),
        "status": _choice(raw.get("status"), "status", STATUSES, "status", problems),
        "reason": _text(raw.get("reden"), "reden", MAX_REASON, problems, required=False),
    }
    reason_checked = any(p.field == "reden" for p in problems)
    if clean["status"] == NOT_POSSIBLE and not clean["reason"] and not reason_checked:
        problems.append(Problem("reden", "reason"))
    return clean, problems


def check_note(
    checker: Checker, raw: dict[str, Any], existing: dict[str, Any] | None = None
) -> tuple[dict[str, Any], list[Problem]]:
    """A note's fields (``gebiedcode``, ``tekst``, ``rol``, ``bron``, ``datum``,
    ``periode``) → clean values. The period defaults to the year of the date."""
    problems: list[Problem] = []
    clean: dict[str, Any] = {}
    if existing is None:
        code = "" if _blank(raw.get("gebiedcode")) else str(raw["gebiedcode"]).strip()
        if not code:
            problems.append(Problem("gebiedcode", "empty"))
        else:
            clean["area_id"] = checker.area_id(code)
            if clean["area_id"] is None:
                hint = _hint(code, checker.known_codes(), checker.lang)
                problems.append(
                    Problem("gebiedcode", "area", {"value": _short(code), "hint": hint})
                )
    clean["text"] = _text(raw.get("tekst"), "tekst", MAX_NOTE, problems)
    clean["author_role"] = _choice(raw.get("rol"), "rol", AUTHOR_ROLES, "choice", problems)
    clean["source_type"] = _choice(raw.get("bron"), "bron", SOURCE_TYPES, "choice", problems)
    clean["date"] = None
    if _blank(raw.get("datum")):
        problems.append(Problem("datum", "empty"))
    else:
        clean["date"] = parse_date(raw["datum"])
        if clean["date"] is None:
            problems.append(Problem("datum", "date", {"value": _short(raw["datum"])}))
        elif clean["date"] > date.today():
            problems.append(Problem("datum", "date_future", {"value": clean["date"].isoformat()}))
    if _blank(raw.get("periode")):
        clean["period"] = clean["date"].year if clean["date"] else None
    else:
        clean["period"] = _year(raw["periode"], "periode", "period", problems)
    return clean, problems


# -- reading ---------------------------------------------------------------------------


def _area_filter(division_id: int, code: str | None, within: bool) -> Any:
    """Areas of a division: all, one, or one with every area inside it."""
    condition = areas.c.division_id == division_id
    if code is None:
        return condition
    if not within:
        return condition & (areas.c.code == code)
    inside = [areas.c[col] == code for col in PARENT_COLUMNS.values()]
    return condition & sa.or_(areas.c.code == code, *inside)


def goals_frame(store: Store, division_id: int, code: str | None = None) -> pd.DataFrame:
    """Live goals (of one area, or the division), oldest first, with the area's code."""
    query = (
        sa.select(goals, areas.c.code, areas.c.name.label("area_name"), areas.c.level)
        .join(areas, areas.c.id == goals.c.area_id)
        .where(_area_filter(division_id, code, within=False), goals.c.deleted_at.is_(None))
        .order_by(goals.c.id)
    )
    with store.engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).all(), columns=_names(query))
    return frame


def actions_frame(store: Store, goal_ids: Iterable[int]) -> pd.DataFrame:
    """Live actions of these goals, oldest first."""
    ids = [int(i) for i in goal_ids]
    query = (
        sa.select(actions)
        .where(actions.c.goal_id.in_(ids), actions.c.deleted_at.is_(None))
        .order_by(actions.c.goal_id, actions.c.id)
    )
    with store.engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).all(), columns=_names(query))


def notes_frame(
    store: Store,
    division_id: int,
    code: str | None = None,
    within: bool = True,
    period: int | None = None,
) -> pd.DataFrame:
    """Live notes of an area (and, with ``within``, of the areas inside it), newest first."""
    query = (
        sa.select(notes, areas.c.code, areas.c.name.label("area_name"), areas.c.level)
        .join(areas, areas.c.id == notes.c.area_id)
        .where(_area_filter(division_id, code, within), notes.c.deleted_at.is_(None))
        .order_by(notes.c.date.desc(), notes.c.id.desc())
    )
    if period is not None:
        query = query.where(notes.c.period == int(period))
    with store.engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).all(), columns=_names(query))


def notes_count(
    store: Store, division_id: int, level: str, period: int | None = None
) -> dict[str, int]:
    """Live notes per area of ``level`` (for the map tooltip): every area of the level,
    counting the notes on the area itself and on the areas inside it; 0 when none."""
    if level not in LEVELS:
        raise MonitorError(f"Niveau '{level}' bestaat niet; kies uit {', '.join(LEVELS)}.")
    query = (
        sa.select(
            areas.c.code,
            areas.c.level,
            *(areas.c[col] for col in PARENT_COLUMNS.values()),
            sa.func.count(notes.c.id).label("count"),
        )
        .join(notes, notes.c.area_id == areas.c.id)
        .where(areas.c.division_id == division_id, notes.c.deleted_at.is_(None))
        .group_by(areas.c.id)
    )
    if period is not None:
        query = query.where(notes.c.period == int(period))
    with store.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
        level_codes = conn.scalars(
            sa.select(areas.c.code).where(
                areas.c.division_id == division_id, areas.c.level == level
            )
        ).all()
    counts = dict.fromkeys(level_codes, 0)
    rank = LEVELS.index(level)
    for row in rows:
        if row["level"] == level:
            owner = row["code"]
        elif LEVELS.index(row["level"]) < rank:
            owner = row[PARENT_COLUMNS[level]]
        else:
            continue
        if owner in counts:
            counts[owner] += int(row["count"])
    return counts


def _names(query: Any) -> list[str]:
    return list(query.selected_columns.keys())


def live_row(
    conn: Connection, table: sa.Table, row_id: int, lock: bool = False
) -> dict[str, Any] | None:
    """A row that is not removed; with ``lock`` held (FOR UPDATE on PostgreSQL) until the
    transaction ends, so nobody changes or removes it between this read and our write."""
    query = sa.select(table).where(table.c.id == int(row_id), table.c.deleted_at.is_(None))
    if lock:
        query = query.with_for_update()
    row = conn.execute(query).mappings().first()
    return dict(row) if row else None


def stored_row(store: Store, kind: str, row_id: Any) -> dict[str, Any] | None:
    """A live goal, action or note by id (to fill an edit form); None when it is gone."""
    number = _row_number(row_id)
    if number is None:
        return None
    with store.engine.connect() as conn:
        return live_row(conn, TABLES[kind], number)


def _row_number(row_id: Any) -> int | None:
    try:
        return int(row_id)
    except (TypeError, ValueError):
        return None


def _area_of(conn: Connection, area_id: int) -> dict[str, Any]:
    row = (
        conn.execute(
            sa.select(areas.c.id, areas.c.division_id, areas.c.code, areas.c.name).where(
                areas.c.id == area_id
            )
        )
        .mappings()
        .one()
    )
    return dict(row)


# -- writing ---------------------------------------------------------------------------

#: Fields a user edits, per table (the rest is bookkeeping).
GOAL_FIELDS = ("text", "indicator_id", "target_kind", "target_value", "target_year")
ACTION_FIELDS = ("text", "owner", "status", "reason")
NOTE_FIELDS = ("text", "author_role", "source_type", "date", "period")
TABLES = {"goal": goals, "action": actions, "note": notes}
#: What ``created_by``/``updated_by`` hold (as ``audit_log.actor``).
MAX_ACTOR = 120


def _actor(actor: str | None) -> str:
    """Who changes something, as the columns can hold it: a CLI ``--uploader`` can be any
    text, and PostgreSQL refuses a longer one (or a NUL) where SQLite keeps it; so control
    characters go and the name is cut to :data:`MAX_ACTOR` characters."""
    if actor is None or not CONTROL.sub("", actor).strip():
        from web.auth import current_actor

        actor = current_actor()
    return CONTROL.sub("", actor).strip()[:MAX_ACTOR]


def _changes(old: dict[str, Any], new: dict[str, Any], names: tuple[str, ...]) -> dict:
    return {n: (old.get(n), new.get(n)) for n in names if old.get(n) != new.get(n)}


def _insert(
    store: Store,
    conn: Connection,
    kind: str,
    values: dict[str, Any],
    actor: str,
    extra: dict[str, Any] | None = None,
) -> int:
    row_id = int(
        conn.execute(
            sa.insert(TABLES[kind]).values(**values, created_by=actor, created_at=now())
        ).inserted_primary_key[0]
    )
    detail = {"new": values} | (extra or {})
    audit.record(store, actor, f"{kind}.add", f"{kind} {row_id}", detail, conn=conn)
    return row_id


def _gone(kind: str, row_id: Any, lang: str) -> AgendaError:
    field_name = {"goal": "doel", "action": "actie", "note": "tekst"}[kind]
    return AgendaError([Problem(field_name, kind, {"value": _short(row_id)})], lang)


def _write_live(
    conn: Connection, kind: str, row_id: int, values: dict[str, Any], lang: str
) -> None:
    """UPDATE a row only while it is live; someone who removed it first wins, and this
    change is refused (rolled back with the rest of the transaction)."""
    table = TABLES[kind]
    done = conn.execute(
        sa.update(table)
        .where(table.c.id == int(row_id), table.c.deleted_at.is_(None))
        .values(**values)
    )
    if done.rowcount != 1:
        raise _gone(kind, row_id, lang)


def _update(
    store: Store,
    conn: Connection,
    kind: str,
    row_id: int,
    values: dict[str, Any],
    names: tuple[str, ...],
    actor: str,
    extra: dict[str, Any] | None = None,
    lang: str = "nl",
) -> bool:
    """Change a live row; False when nothing changed (nothing is logged). The old values
    for the audit line are read here, in the writing transaction and locked, so they are
    the values this change overwrites."""
    old = live_row(conn, TABLES[kind], row_id, lock=True)
    if old is None:
        raise _gone(kind, row_id, lang)
    changed = _changes(old, values, names)
    if not changed:
        return False
    _write_live(conn, kind, row_id, {n: values[n] for n in changed} | _stamp(actor), lang)
    detail = {
        "old": {n: o for n, (o, _) in changed.items()},
        "new": {n: v for n, (_, v) in changed.items()},
    } | (extra or {})
    audit.record(store, actor, f"{kind}.update", f"{kind} {row_id}", detail, conn=conn)
    return True


def _soft_delete(
    store: Store,
    conn: Connection,
    kind: str,
    row_id: int,
    names: tuple[str, ...],
    actor: str,
    lang: str = "nl",
) -> None:
    """Set ``deleted_at`` on a live row; the audit line keeps what it held."""
    old = live_row(conn, TABLES[kind], row_id, lock=True)
    if old is None:
        raise _gone(kind, row_id, lang)
    stamp = _stamp(actor)
    _write_live(conn, kind, row_id, stamp | {"deleted_at": stamp["updated_at"]}, lang)
    detail = {"old": {n: old.get(n) for n in names}}
    audit.record(store, actor, f"{kind}.remove", f"{kind} {row_id}", detail, conn=conn)


def _stamp(actor: str) -> dict[str, Any]:
    return {"updated_by": actor, "updated_at": now()}


def _raise(problems: list[Problem], lang: str) -> None:
    if problems:
        raise AgendaError(problems, lang)


def _goal_raw(code: str | None, text: Any, indicator: Any, target: Any, year: Any) -> dict:
    return {
        "gebiedcode": code,
        "doel": text,
        "indicator": indicator,
        "streefwaarde": target,
        "doeljaar": year,
    }


def add_goal(
    store: Store,
    division_id: int,
    *,
    code: str,
    text: str,
    indicator: str | None = None,
    target: Any = None,
    year: Any = None,
    actor: str | None = None,
    lang: str = "nl",
) -> int:
    """A new goal for area ``code``. ``target`` is a number (or its text) or "NAP"."""
    checker = Checker(store, division_id, lang)
    clean, problems = check_goal(checker, _goal_raw(code, text, indicator, target, year))
    _raise(problems, lang)
    who = _actor(actor)
    with store.begin() as conn:
        area = _area_of(conn, clean["area_id"])
        return _insert(store, conn, "goal", clean, who, {"area": area["code"]})


def update_goal(
    store: Store,
    goal_id: int,
    *,
    text: str,
    indicator: str | None = None,
    target: Any = None,
    year: Any = None,
    actor: str | None = None,
    lang: str = "nl",
) -> bool:
    """Replace a goal's text and target; False when nothing changed (nothing is logged)."""
    who = _actor(actor)
    with store.begin() as conn:
        old, area = _existing(conn, "goal", goal_id, lang)
        checker = Checker(store, area["division_id"], lang)
        clean, problems = check_goal(
            checker, _goal_raw(None, text, indicator, target, year), existing=old
        )
        _raise(problems, lang)
        return _update(
            store, conn, "goal", old["id"], clean, GOAL_FIELDS, who, {"area": area["code"]}, lang
        )


def remove_goal(store: Store, goal_id: int, *, actor: str | None = None, lang: str = "nl") -> None:
    """Soft-delete a goal and its actions (each logged)."""
    who = _actor(actor)
    with store.begin() as conn:
        old, _ = _existing(conn, "goal", goal_id, lang)
        live = conn.scalars(
            sa.select(actions.c.id)
            .where(actions.c.goal_id == old["id"], actions.c.deleted_at.is_(None))
            .order_by(actions.c.id)
        ).all()
        for action_id in live:
            _soft_delete(store, conn, "action", action_id, ACTION_FIELDS, who, lang)
        _soft_delete(store, conn, "goal", old["id"], GOAL_FIELDS, who, lang)


def _existing(
    conn: Connection, kind: str, row_id: Any, lang: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A live row and its area, read in the writing transaction and locked until it ends
    (so nobody removes it between this read and the write); a Dutch error when it is gone.

    An action counts only under a live goal. The goal is locked before the action, the
    order :func:`remove_goal` takes them in, so the two cannot deadlock on PostgreSQL.
    """
    number = _row_number(row_id)
    old = area_id = None
    if number is not None and kind == "action":
        goal_id = conn.scalar(sa.select(actions.c.goal_id).where(actions.c.id == number))
        goal = live_row(conn, goals, goal_id, lock=True) if goal_id is not None else None
        old = live_row(conn, actions, number, lock=True) if goal is not None else None
        area_id = goal["area_id"] if goal is not None else None
    elif number is not None:
        old = live_row(conn, TABLES[kind], number, lock=True)
        area_id = old["area_id"] if old is not None else None
    if old is None:
        raise _gone(kind, row_id, lang)
    return old, _area_of(conn, area_id)


def _action_raw(text: Any, owner: Any, status: Any, reason: Any) -> dict:
    return {"actie": text, "eigenaar": owner, "status": status, "reden": reason}


def add_action(
    store: Store,
    goal_id: int,
    *,
    text: str,
    owner: str,
    status: str,
    reason: str | None = None,
    actor: str | None = None,
    lang: str = "nl",
) -> int:
    """A new action under a live goal (locked while the action is added, so a goal being
    removed at the same moment cannot end up with a live action)."""
    clean, problems = check_action(_action_raw(text, owner, status, reason))
    who = _actor(actor)
    with store.begin() as conn:
        try:
            _, area = _existing(conn, "goal", goal_id, lang)
        except AgendaError:
            problems = [Problem("goal_id", "goal", {"value": _short(goal_id)}), *problems]
        _raise(problems, lang)
        return _insert(
            store,
            conn,
            "action",
            clean | {"goal_id": int(goal_id)},
            who,
            {"goal": int(goal_id), "area": area["code"]},
        )


def update_action(
    store: Store,
    action_id: int,
    *,
    text: str,
    owner: str,
    status: str,
    reason: str | None = None,
    actor: str | None = None,
    lang: str = "nl",
) -> bool:
    """Replace an action's text, owner, status and reason; False when nothing changed."""
    clean, problems = check_action(_action_raw(text, owner, status, reason))
    who = _actor(actor)
    with store.begin() as conn:
        old, area = _existing(conn, "action", action_id, lang)
        _raise(problems, lang)
        extra = {"goal": old["goal_id"], "area": area["code"]}
        return _update(store, conn, "action", old["id"], clean, ACTION_FIELDS, who, extra, lang)


def remove_action(
    store: Store, action_id: int, *, actor: str | None = None, lang: str = "nl"
) -> None:
    who = _actor(actor)
    with store.begin() as conn:
        old, _ = _existing(conn, "action", action_id, lang)
        _soft_delete(store, conn, "action", old["id"], ACTION_FIELDS, who, lang)


def _note_raw(code: str | None, text: Any, role: Any, source: Any, when: Any, period: Any) -> dict:
    return {
        "gebiedcode": code,
        "tekst": text,
        "rol": role,
        "bron": source,
        "datum": when,
        "periode": period,
    }


def add_note(
    store: Store,
    division_id: int,
    *,
    code: str,
    text: str,
    author_role: str,
    source_type: str,
    date: Any,
    period: Any = None,
    actor: str | None = None,
    lang: str = "nl",
) -> int:
    """A new story for area ``code``; ``period`` defaults to the year of ``date``."""
    checker = Checker(store, division_id, lang)
    clean, problems = check_note(
        checker, _note_raw(code, text, author_role, source_type, date, period)
    )
    _raise(problems, lang)
    who = _actor(actor)
    with store.begin() as conn:
        area = _area_of(conn, clean["area_id"])
        return _insert(store, conn, "note", clean, who, {"area": area["code"]})


def update_note(
    store: Store,
    note_id: int,
    *,
    text: str,
    author_role: str,
    source_type: str,
    date: Any,
    period: Any = None,
    actor: str | None = None,
    lang: str = "nl",
) -> bool:
    who = _actor(actor)
    with store.begin() as conn:
        old, area = _existing(conn, "note", note_id, lang)
        checker = Checker(store, area["division_id"], lang)
        clean, problems = check_note(
            checker, _note_raw(None, text, author_role, source_type, date, period), existing=old
        )
        _raise(problems, lang)
        return _update(
            store, conn, "note", old["id"], clean, NOTE_FIELDS, who, {"area": area["code"]}, lang
        )


def remove_note(store: Store, note_id: int, *, actor: str | None = None, lang: str = "nl") -> None:
    who = _actor(actor)
    with store.begin() as conn:
        old, _ = _existing(conn, "note", note_id, lang)
        _soft_delete(store, conn, "note", old["id"], NOTE_FIELDS, who, lang)


# -- progress --------------------------------------------------------------------------


def judge(
    target_kind: str | None,
    target_value: float | None,
    target_year: int | None,
    polarity: str,
    period: int | None,
    value: float | None,
    klasse: str | None,
) -> tuple[str, float | None]:
    """Progress state of one goal and, for a value target, the gap still to go.

    States: ``bereikt``; ``nog_niet`` (not yet, the target year's figures are not in);
    ``niet_gehaald`` (the latest figures are for the target year or later, and the
    target is not met); ``geen_gegevens`` (no latest value; for a NAP target also no
    class); ``geen_doel``. A value target needs only the value and the polarity, so it is
    judged also when the class could not be decided (no spread, NAP missing).
    The gap is positive while the target is not reached, in the indicator's unit and
    counted in the good direction (for lager-beter: value − target).
    """
    if target_kind is None or target_year is None:
        return "geen_doel", None
    has_value = value is not None and not np.isnan(value)
    has_class = klasse not in (None, "geen_gegevens")
    if period is None or not has_value or (target_kind == "nap" and not has_class):
        return "geen_gegevens", None
    gap = None
    if target_kind == "nap":
        reached = klasse == "rond" if polarity == "neutraal" else klasse in REACHED_CLASSES
    else:
        sign = 1.0 if polarity == "hoger-beter" else -1.0
        gap = round(sign * (float(target_value) - float(value)), 9)
        reached = gap <= 0
    if reached:
        return "bereikt", gap
    return ("niet_gehaald" if period >= target_year else "nog_niet"), gap


@dataclass
class Progress:
    """Where a goal stands: the latest value and class of its indicator, and the verdict."""

    state: str
    period: int | None = None
    value: float | None = None
    nap: float | None = None
    klasse: str | None = None
    reden: str | None = None
    gap: float | None = None
    #: the reason code and 95% interval of the latest value (survey indicators with n)
    reden_code: str | None = None
    ci_low: float | None = None
    ci_high: float | None = None

    def within_margin(self, target_kind: str | None, target_value: float | None) -> bool:
        """A goal reached on a value whose 95% interval also holds what it was measured
        against: NAP (the value is *rond door onzekerheid*) or the target value."""
        if self.state != "bereikt" or self.ci_low is None or self.ci_high is None:
            return False
        if target_kind == "nap":
            return self.reden_code == UNCERTAIN
        if target_value is None:
            return False
        return self.ci_low <= float(target_value) <= self.ci_high


@dataclass
class GoalView:
    """A goal as pages and the PDF show it: the row, its indicator, actions and progress."""

    goal: dict[str, Any]
    indicator: Indicator | None
    actions: list[dict[str, Any]]
    progress: Progress

    @property
    def id(self) -> int:
        return int(self.goal["id"])


def area_agenda(scorer: Any, code: str, lang: str = "nl") -> list[GoalView]:
    """The live goals of area ``code`` with their actions and progress.

    Latest value and class come from :func:`monitor.profile.area_profile`, the same
    numbers the buurtprofiel shows, scored at the area's own level.
    """
    from monitor.profile import area_profile

    store = scorer.store
    frame = goals_frame(store, scorer.division_id, code)
    if frame.empty:
        return []
    ids = sorted({str(i) for i in frame["indicator_id"].dropna()})
    latest: dict[str, dict[str, Any]] = {}
    if ids:
        rows = area_profile(scorer, code, lang, ids).rows
        latest = {r["indicator_id"]: r for r in rows.to_dict("records")} if not rows.empty else {}
    acts = actions_frame(store, frame["id"].tolist())
    by_goal: dict[int, list[dict[str, Any]]] = {}
    for act in records(acts):
        by_goal.setdefault(int(act["goal_id"]), []).append(act)
    views = []
    for goal in records(frame):
        ind = scorer.indicators.get(goal["indicator_id"]) if goal["indicator_id"] else None
        hit = latest.get(goal["indicator_id"] or "")
        progress = Progress("geen_doel")
        if ind is not None:
            period = int(hit["period"]) if hit else None
            value = _float(hit["value"]) if hit else None
            state, gap = judge(
                goal["target_kind"],
                goal["target_value"],
                goal["target_year"],
                ind.polarity,
                period,
                value,
                hit["klasse"] if hit else None,
            )
            progress = Progress(
                state,
                period,
                value,
                _float(hit["nap"]) if hit else None,
                hit["klasse"] if hit else None,
                hit["reden"] if hit else None,
                gap,
                reden_code=hit["reden_code"] if hit else None,
                ci_low=_float(hit["ci_low"]) if hit else None,
                ci_high=_float(hit["ci_high"]) if hit else None,
            )
        views.append(GoalView(goal, ind, by_goal.get(int(goal["id"]), []), progress))
    return views


def _float(value: Any) -> float | None:
    if value is None:
        return None
    number = float(value)
    return None if np.isnan(number) else number


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts with None (not NaN/NaT) for missing values and plain Python numbers."""
    out = []
    for row in frame.astype(object).where(frame.notna(), None).to_dict("records"):
        for key in ("target_value",):
            if row.get(key) is not None:
                row[key] = float(row[key])
        for key in ("target_year", "period", "id", "goal_id", "area_id"):
            if row.get(key) is not None:
                row[key] = int(row[key])
        out.append(row)
    return out


# -- words (shared by the pages and the PDF) -------------------------------------------


def status_label(status: str, lang: str = "nl") -> str:
    return t(f"agenda.status.{status}", lang)


def role_label(role: str, lang: str = "nl") -> str:
    return t(f"agenda.role.{role}", lang)


def source_label(source: str, lang: str = "nl") -> str:
    return t(f"agenda.source.{source}", lang)


def story_rows(store: Store, division_id: int, code: str, lang: str) -> list[dict[str, Any]]:
    """The area's verhalen (and those of the areas inside it), newest first, as texts."""
    out = []
    for row in records(notes_frame(store, division_id, code, within=True)):
        when = row["date"]
        out.append(
            {
                "id": row["id"],
                "code": row["code"],
                "area": row["area_name"],
                "own": str(row["code"]).casefold() == str(code).casefold(),
                "date": when.isoformat() if hasattr(when, "isoformat") else str(when),
                "period": row["period"],
                "role": role_label(row["author_role"], lang),
                "source": source_label(row["source_type"], lang),
                "author_role": row["author_role"],
                "source_type": row["source_type"],
                "text": row["text"],
                "created_by": row["created_by"],
            }
        )
    return out


def target_text(view: GoalView, lang: str = "nl", gemeente: str | None = None) -> str:
    """ "Werkloosheid: hoogstens 6,0% in 2026" or "…: rond of beter dan het … in 2026"."""
    goal, ind = view.goal, view.indicator
    if ind is None or goal["target_kind"] is None:
        return t("agenda.target.none", lang)
    label = ind.label(lang)
    year = goal["target_year"]
    if goal["target_kind"] == "nap":
        key = "agenda.target.nap_neutral" if ind.polarity == "neutraal" else "agenda.target.nap"
        return t(key, lang, indicator=label, gemiddelde=average_name(gemeente, lang), year=year)
    value = format_value(goal["target_value"], ind.unit, ind.decimals, lang)
    key = "agenda.target.min" if ind.polarity == "hoger-beter" else "agenda.target.max"
    return t(key, lang, indicator=label, value=value, year=year)


def progress_text(view: GoalView, lang: str = "nl", gemeente: str | None = None) -> str:
    """The latest value, NAP and class in words, then the verdict (and the gap)."""
    p, ind = view.progress, view.indicator
    if ind is None or p.state == "geen_doel":
        return ""
    parts = []
    if p.period is not None:
        parts.append(
            t(
                "agenda.latest",
                lang,
                period=p.period,
                value=format_value(p.value, ind.unit, ind.decimals, lang),
                nap=format_value(p.nap, ind.unit, ind.decimals, lang),
                klasse=class_label(p.klasse or "geen_gegevens", lang, gemeente),
            )
        )
    verdict = t(f"agenda.state.{p.state}", lang, year=view.goal["target_year"])
    if p.within_margin(view.goal["target_kind"], view.goal["target_value"]):
        verdict = t(
            f"agenda.state.bereikt_marge.{view.goal['target_kind']}",
            lang,
            low=format_value(p.ci_low, ind.unit, ind.decimals, lang),
            high=format_value(p.ci_high, ind.unit, ind.decimals, lang),
        )
    if p.gap and p.state != "geen_gegevens":
        amount = format_difference(p.gap, ind.unit, ind.decimals, lang, signed=False)
        key = "agenda.gap.to_go" if p.gap > 0 else "agenda.gap.ahead"
        verdict = f"{verdict} ({t(key, lang, gap=amount)})"
    verdict += "."
    parts.append(verdict)
    return " ".join(parts)


# -- CSV import ------------------------------------------------------------------------


@dataclass
class ImportResult:
    """What an import did (or, with ``dry_run``, would do)."""

    name: str
    goals_added: int = 0
    goals_updated: int = 0
    actions_added: int = 0
    actions_updated: int = 0
    notes_added: int = 0
    unchanged: int = 0

    def summary(self, kind: str, lang: str = "nl") -> str:
        return t(f"agenda.imported.{kind}", lang, **vars(self))


def _read(
    raw: bytes,
    name: str,
    columns: dict[str, tuple[str, ...]],
    required: tuple[str, ...],
    lang: str,
) -> tuple[pd.DataFrame, dict[str, str]]:
    """The file as text cells with canonical column names; header problems end here."""
    options = ParseOptions(max_bytes=MAX_IMPORT_BYTES, max_rows=MAX_IMPORT_ROWS)
    frame = read_cells(raw, name, options).frame
    lookup = {normalise(a): canon for canon, names in columns.items() for a in names}
    header: dict[str, str] = {}  # canonical → as in the file
    expected = ", ".join(columns)
    for column in frame.columns[1:]:
        canon = lookup.get(normalise(column))
        if canon is None or canon in header:
            raise MonitorError(
                t(
                    "agenda.err.columns_unknown",
                    lang,
                    name=name,
                    column=_short(column),
                    expected=expected,
                )
            )
        header[canon] = column
    missing = [c for c in required if c not in header]
    if missing:
        raise MonitorError(
            t(
                "agenda.err.columns_missing",
                lang,
                name=name,
                columns=", ".join(missing),
                expected=expected,
            )
        )
    if frame.empty:
        raise MonitorError(t("agenda.err.only_header", lang, name=name))
    frame = frame.rename(columns={v: k for k, v in header.items()})
    for canon in columns:
        if canon not in frame:
            frame[canon] = ""
    return frame, header


class _DryRun(Exception):
    """Raised at the end of a dry run's transaction, so everything in it is rolled back."""


def _prepare(
    store: Store,
    raw: bytes,
    name: str,
    columns: dict[str, tuple[str, ...]],
    required: tuple[str, ...],
    division_id: int | None,
    lang: str,
) -> tuple[pd.DataFrame, dict[str, str], Checker]:
    """The file's cells, its header and a checker that knows all the file's areas."""
    division_id = division_id if division_id is not None else store.division_id()
    frame, header = _read(raw, name, columns, required, lang)
    checker = Checker(store, division_id, lang)
    checker.resolve(frame["gebiedcode"])
    return frame, header, checker


@contextmanager
def _importing(
    store: Store,
    result: ImportResult,
    action: str,
    actor: str | None,
    problems: list[Problem],
    lang: str,
    dry_run: bool,
) -> Iterator[tuple[Connection, str]]:
    """All or nothing: any problem in the file stops the import before anything is
    written; else one transaction (connection and actor) that ends with the import's
    audit line, and a dry run rolls it all back again."""
    if problems:
        raise AgendaError(problems, lang, name=result.name)
    who = _actor(actor)
    with suppress(_DryRun), store.begin() as conn:
        yield conn, who
        audit.record(store, who, action, result.name, vars(result), conn=conn)
        if dry_run:
            raise _DryRun


def _placed(problems: list[Problem], row: int, header: dict[str, str]) -> list[Problem]:
    for p in problems:
        p.row, p.column = row, header.get(p.field, p.field)
    return problems


def import_agenda(
    store: Store,
    raw: bytes,
    name: str,
    *,
    actor: str | None = None,
    division_id: int | None = None,
    lang: str = "nl",
    dry_run: bool = False,
) -> ImportResult:
    """Goals and actions from a CSV or Excel file, one row per action (or per goal
    without actions); rows with the same area and goal text share one goal.

    Existing goals (same area, same text up to case and spaces) get the file's target;
    existing actions (same goal, same text) its owner, status and reason. Nothing is
    removed. Any error anywhere: nothing is stored, and every problem is reported.
    """
    frame, header, checker = _prepare(
        store, raw, name, AGENDA_COLUMNS, ("gebiedcode", "doel"), division_id, lang
    )
    comma = uses_comma_decimals(frame["streefwaarde"])
    stored_goals = goals_frame(store, checker.division_id)
    known_goals = {(int(g["area_id"]), _key(g["text"])): g for g in records(stored_goals)}
    stored_actions = actions_frame(store, stored_goals["id"].tolist() if len(stored_goals) else [])
    known_actions = {(int(a["goal_id"]), _key(a["text"])): a for a in records(stored_actions)}

    problems: list[Problem] = []
    plan: dict[tuple[int, str], dict[str, Any]] = {}
    for cells in frame.to_dict("records"):
        row = int(cells["row"])
        area_id = checker.area_id(cells["gebiedcode"]) if not _blank(cells["gebiedcode"]) else None
        text_key = _key(str(cells["doel"]))
        key = (area_id, text_key) if area_id is not None else None
        entry = plan.get(key) if key else None
        if entry is None:
            existing = known_goals.get(key) if key else None
            clean, found = check_goal(checker, cells, existing=existing, comma=comma)
            problems += _placed(found, row, header)
            if key and not found:
                entry = plan[key] = {
                    "clean": clean,
                    "row": row,
                    "existing": existing,
                    "actions": {},
                }
        else:
            clean, found = check_goal(checker, cells, existing=entry["existing"], comma=comma)
            problems += _placed(found, row, header)
            for canon, column in (
                ("indicator_id", "indicator"),
                ("target_kind", "streefwaarde"),
                ("target_value", "streefwaarde"),
                ("target_year", "doeljaar"),
            ):
                if not found and clean[canon] != entry["clean"][canon]:
                    problems += _placed(
                        [
                            Problem(
                                column,
                                "conflict",
                                {"value": _short(cells[column]), "first": entry["row"]},
                            )
                        ],
                        row,
                        header,
                    )
                    break
        if all(_blank(cells[c]) for c in ("actie", "eigenaar", "status", "reden")):
            continue
        act, found = check_action(cells)
        problems += _placed(found, row, header)
        if entry is not None and not found:
            akey = _key(act["text"])
            if akey in entry["actions"]:
                problems += _placed(
                    [Problem("actie", "duplicate", {"first": entry["actions"][akey]["row"]})],
                    row,
                    header,
                )
            else:
                entry["actions"][akey] = {"clean": act, "row": row}
    result = ImportResult(name)
    with _importing(store, result, "agenda.import", actor, problems, lang, dry_run) as (
        conn,
        who,
    ):
        for (area_id, _), entry in plan.items():
            clean, old = entry["clean"], entry["existing"]
            code = _area_of(conn, area_id)["code"]
            extra = {"area": code, "file": name, "row": entry["row"]}
            if old is None:
                goal_id = _insert(store, conn, "goal", clean, who, extra)
                result.goals_added += 1
            else:
                # Read again, locked, by _update: a goal removed since is refused.
                goal_id = int(old["id"])
                new = clean | {"text": old["text"]}  # matched up to case and spaces: keep it
                if _update(store, conn, "goal", goal_id, new, GOAL_FIELDS, who, extra, lang):
                    result.goals_updated += 1
                else:
                    result.unchanged += 1
            for akey, item in entry["actions"].items():
                act, previous = item["clean"], known_actions.get((goal_id, akey))
                extra = {"goal": goal_id, "area": code, "file": name, "row": item["row"]}
                if previous is None:
                    _insert(store, conn, "action", act | {"goal_id": goal_id}, who, extra)
                    result.actions_added += 1
                elif _update(
                    store,
                    conn,
                    "action",
                    int(previous["id"]),
                    act | {"text": previous["text"]},
                    ACTION_FIELDS,
                    who,
                    extra,
                    lang,
                ):
                    result.actions_updated += 1
                else:
                    result.unchanged += 1
    return result


def import_notes(
    store: Store,
    raw: bytes,
    name: str,
    *,
    actor: str | None = None,
    division_id: int | None = None,
    lang: str = "nl",
    dry_run: bool = False,
) -> ImportResult:
    """Stories from a CSV or Excel file, one per row. A story already stored (same area,
    date, role, source and text) is skipped, so importing a file twice adds nothing."""
    required = ("gebiedcode", "datum", "rol", "bron", "tekst")
    frame, header, checker = _prepare(store, raw, name, NOTE_COLUMNS, required, division_id, lang)

    def identity(clean: dict[str, Any]) -> tuple:
        return (
            clean["area_id"],
            clean["date"],
            clean["author_role"],
            clean["source_type"],
            _key(clean["text"]),
        )

    stored = {
        identity(
            {
                "area_id": int(r["area_id"]),
                "date": as_date(r["date"]),
                "author_role": r["author_role"],
                "source_type": r["source_type"],
                "text": r["text"],
            }
        )
        for r in records(notes_frame(store, checker.division_id))
    }
    problems: list[Problem] = []
    planned: dict[tuple, dict[str, Any]] = {}
    skipped = 0
    for cells in frame.to_dict("records"):
        row = int(cells["row"])
        clean, found = check_note(checker, cells)
        problems += _placed(found, row, header)
        if found:
            continue
        ident = identity(clean)
        if ident in planned:
            problems += _placed(
                [Problem("tekst", "duplicate", {"first": planned[ident]["row"]})], row, header
            )
        elif ident in stored:
            skipped += 1
        else:
            planned[ident] = {"clean": clean, "row": row}
    result = ImportResult(name, unchanged=skipped)
    with _importing(store, result, "notes.import", actor, problems, lang, dry_run) as (
        conn,
        who,
    ):
        for item in planned.values():
            code = _area_of(conn, item["clean"]["area_id"])["code"]
            extra = {"area": code, "file": name, "row": item["row"]}
            _insert(store, conn, "note", item["clean"], who, extra)
            result.notes_added += 1
    return result


def as_date(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, pd.Timestamp | datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_date(value)
