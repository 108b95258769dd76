"""The report of a validation: its problems, listed and counted, and the rows ready for
the store. Meetingen (:mod:`monitor.ingest.validate`) and budget files
(:mod:`monitor.ingest.budget_validate`) collect their problems in a :class:`Collector`
and return a :class:`Report`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from monitor.messages import t
from monitor.problems import ERROR, WARNING, Problem, Suggestion

MAX_LISTED = 200  # problems of one kind listed one by one; the rest are counted

#: A kind of problem, for counting: its message key and parameters.
Kind = tuple[str, tuple[tuple[str, Any], ...]]


def kind(problem: Problem) -> Kind:
    return problem.key, tuple(sorted(problem.params.items()))


@dataclass
class Report:
    """Validation result: problems plus the rows ready for the store."""

    problems: list[Problem]
    frame: (
        pd.DataFrame
    )  # area_id, indicator_id, period, value, n, peildatum, source, note, flag, row
    counts: dict[Kind, int] = field(default_factory=dict)  # problems per kind, all of them
    skipped: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    def lines(self, lang: str = "nl") -> list[str]:
        out = [p.text(lang) for p in self.problems]
        listed = Counter(kind(p) for p in self.problems)
        for (key, params), total in self.counts.items():
            more = total - listed[(key, params)]
            if more > 0:
                message = t(key, lang, **dict(params))
                out.append(t("problem.more", lang, n=more, message=message))
        return out


#: What to suggest for a problem: one suggestion for all rows, a function of the value,
#: or one per row.
Suggest = Suggestion | Callable[[str], Suggestion | None] | list[Suggestion] | None


class Collector:
    """Gathers problems; lists the first ``MAX_LISTED`` of each kind, counts all."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.counts: dict[Kind, int] = {}

    def add(
        self,
        severity: str,
        rows: pd.DataFrame,
        column: str,
        values: pd.Series,
        key: str,
        suggest: Suggest = None,
        **params: Any,
    ) -> None:
        """Problems for ``rows``: message ``key`` with ``params``, and ``suggest``."""
        count = (key, tuple(sorted(params.items())))
        self.counts[count] = self.counts.get(count, 0) + len(rows)
        hints = suggest if isinstance(suggest, list) else None
        # Only the listed rows are turned into problems (a million bad rows are counted).
        shown = values.iloc[:MAX_LISTED] if isinstance(values, pd.Series) else values[:MAX_LISTED]
        listed = zip(rows.iloc[:MAX_LISTED].iterrows(), list(shown), strict=True)
        for i, ((_, r), v) in enumerate(listed):
            hint = hints[i] if hints is not None else suggest(v) if callable(suggest) else suggest
            self.problems.append(
                Problem(
                    key,
                    params,
                    row=int(r["row"]),
                    column=column,
                    value=str(v),
                    suggestion=hint,
                    severity=severity,
                )
            )

    def note(self, problem: Problem) -> None:
        """One problem found outside the rows (a header, a spelling mapped once)."""
        count = kind(problem)
        self.counts[count] = self.counts.get(count, 0) + 1
        self.problems.append(problem)

    def in_order(self) -> list[Problem]:
        """Errors first, each in the order of the file."""
        return sorted(self.problems, key=lambda p: (p.severity != ERROR, p.row or 0))
