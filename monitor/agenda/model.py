"""What the agenda is made of: its choices and limits, the file columns, and how a
problem with agenda input is said (the project's one :class:`~monitor.problems.Problem`).
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from monitor.messages import t
from monitor.problems import Problem, ProblemsError, Suggestion

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
THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+")
#: Everything below a space except tab and newline: invisible, and PostgreSQL refuses NUL.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

#: Fields a user edits, per table (the rest is bookkeeping).
GOAL_FIELDS = ("text", "indicator_id", "target_kind", "target_value", "target_year")
ACTION_FIELDS = ("text", "owner", "status", "reason")
NOTE_FIELDS = ("text", "author_role", "source_type", "date", "period")
#: What ``created_by``/``updated_by`` hold (as ``audit_log.actor``).
MAX_ACTOR = 120
#: Who a change is written to when the given name is empty (as the login names nobody).
ANONYMOUS = "anoniem"

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


def problem(
    field: str,
    key: str,
    params: dict[str, Any] | None = None,
    suggestion: Suggestion | None = None,
) -> Problem:
    """A problem with the agenda field ``field`` (also the file's canonical column):
    message ``agenda.err.<key>``, shown under the form's name for the field."""
    return Problem(
        f"agenda.err.{key}",
        params or {},
        field=field,
        label=f"agenda.field.{field}",
        suggestion=suggestion,
    )


class AgendaError(ProblemsError):
    """Input that was refused; ``problems`` says what, per field (and row for files)."""

    def __init__(self, problems: list[Problem], lang: str = "nl", name: str | None = None):
        title = None
        if name is not None:
            title = t("agenda.err.file", lang, name=name, count=len(problems))
        super().__init__(problems, lang, title)


def raise_problems(problems: list[Problem], lang: str) -> None:
    if problems:
        raise AgendaError(problems, lang)


def same_text(text: str) -> str:
    """Two goals (or actions) are the same when their texts differ only in case and spaces."""
    return re.sub(r"\s+", " ", text.casefold()).strip()


def blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and np.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def actor_name(actor: str) -> str:
    """Who changes something, as the columns can hold it: a CLI ``--uploader`` can be any
    text, and PostgreSQL refuses a longer one (or a NUL) where SQLite keeps it; so control
    characters go and the name is cut to :data:`MAX_ACTOR` characters. The caller says
    who it is (the page its logged-in user, the CLI its uploader); an empty name is
    :data:`ANONYMOUS`."""
    name = CONTROL.sub("", actor or "").strip()
    return (name or ANONYMOUS)[:MAX_ACTOR]
