"""One model of a validation problem, for every importer and form.

A :class:`Problem` says *where* (row and column of a file, or a form field), *what* (a
message key of the catalogue with its parameters), the offending *value*, and optionally
a *suggestion* (another message key, such as "bedoelt u …?"). The words come from the
message catalogue when the problem is shown, in the reader's language; code never puts
Dutch sentences into problems.

Also here, because every importer needs them: :func:`shorten` (a value as it is quoted
in a message) and :func:`closest` (the "bedoelt u" candidate for a misspelling).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from monitor.errors import MonitorError
from monitor.messages import t

#: Severities: an error blocks publishing, a warning does not.
ERROR, WARNING = "fout", "waarschuwing"


def shorten(value: Any, limit: int = 60) -> str:
    """A value as a message quotes it: one line, at most ``limit`` characters."""
    text = str(value).replace("\n", " ").replace("\r", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def fold(text: str) -> str:
    """For matching names: no accents, case or repeated spaces; '_' and '-' as a space."""
    plain = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[\s_\-]+", " ", plain.casefold()).strip()


def closest(value: Any, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate a misspelt ``value`` most likely meant (accent- and case-blind), or
    None when nothing is close enough."""
    options = list(dict.fromkeys(str(c) for c in candidates))
    by_fold: dict[str, str] = {}
    for option in options:
        by_fold.setdefault(fold(option), option)
    match = difflib.get_close_matches(fold(value), list(by_fold), n=1, cutoff=cutoff)
    return by_fold[match[0]] if match else None


@dataclass(frozen=True)
class Suggestion:
    """What to do about a problem: a message key and its parameters."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "nl") -> str:
        return t(self.key, lang, **self.params)


def did_you_mean(value: Any, candidates: Iterable[str], cutoff: float = 0.6) -> Suggestion | None:
    """ "Bedoelt u 'X'?" for the closest candidate, or None."""
    match = closest(value, candidates, cutoff)
    return Suggestion("problem.did_you_mean", {"match": match}) if match else None


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input."""

    key: str  # message key: what is wrong
    params: dict[str, Any] = field(default_factory=dict)
    row: int | None = None  # 1-based row of a file (the header is row 1)
    column: str | None = None  # the header as the file spells it
    value: Any = None
    suggestion: Suggestion | None = None
    severity: str = ERROR
    #: The canonical field (a form field, or the column's standard name).
    field: str | None = None
    #: Message key of the field's name as a form shows it (default ``field.<field>``).
    label: str | None = None

    @property
    def blocking(self) -> bool:
        return self.severity == ERROR

    def message(self, lang: str = "nl") -> str:
        """What is wrong, without where."""
        return t(self.key, lang, **self.params)

    def where(self, lang: str = "nl") -> str:
        """ "rij 4, kolom 'waarde'", or the form field's name."""
        parts = []
        if self.row is not None:
            parts.append(t("problem.row", lang, row=self.row))
        if self.column:
            parts.append(t("problem.column", lang, column=self.column))
        if not parts and (self.label or self.field):
            parts.append(t(self.label or f"field.{self.field}", lang))
        return ", ".join(parts)

    def text(self, lang: str = "nl") -> str:
        """The whole line: "Fout: rij 4, kolom 'waarde': 'x' is geen getal. Bedoelt u …?"."""
        where = self.where(lang)
        value = f" '{shorten(self.value)}'" if self.value not in (None, "") else ""
        head = t(f"problem.{self.severity}", lang)
        line = f"{head}: {where}{':' if where else ''}{value} {self.message(lang)}"
        line = line.rstrip(" .") + "."
        if self.suggestion is not None:
            line += " " + self.suggestion.text(lang)
        return line.replace("  ", " ")


class ProblemsError(MonitorError):
    """Input that was refused, with every problem found (nothing was changed)."""

    def __init__(self, problems: list[Problem], lang: str = "nl", title: str | None = None):
        self.problems = problems
        self.lang = lang
        lines = [p.text(lang) for p in problems]
        if title is not None:
            lines.insert(0, title)
        super().__init__("\n".join(lines))
