"""The buurtprofiel's sections below the indicator tables — verhalen, gebiedsagenda and
buurtbegroting — each kept rendered (:mod:`layouts.kept`) under the stamps of what it
reads: an edit of the agenda renders the first two anew, a budget upload the last, a
publish of an indicator only the agenda whose goals follow it."""

from __future__ import annotations

from typing import Any

from dash import html

from layouts.agenda import goals_section, notes_section
from layouts.kept import kept
from monitor import agenda, report
from monitor.budget.table import budget_key
from monitor.messages import t
from monitor.scoring import Scorer
from monitor.store.stamps import subject_key


def verhalen(scorer: Scorer, code: str, lang: str) -> Any:
    """The area's verhalen (and those of the areas inside it)."""
    store, division = scorer.store, scorer.division_id
    key = (store.url, division, *(subject_key(store, division, s) for s in ("agenda", "areas")))

    def build() -> html.Section:
        stories = agenda.story_rows(store, division, code, lang)
        return html.Section(
            [html.H3(t("agenda.notes", lang)), *notes_section(stories, lang, editable=False)],
            id="profiel-verhalen",
            className="profiel-verhalen",
        )

    return kept("profiel-verhalen", (*key, code, lang), build)


def goals(scorer: Scorer, code: str, lang: str) -> Any:
    """The area's gebiedsagenda: its goals with their progress and actions."""

    def build() -> html.Section:
        views = agenda.area_agenda(scorer, code, lang)
        return html.Section(
            [
                html.H3(t("agenda.goals", lang)),
                *goals_section(views, lang, scorer.gemeente, editable=False),
            ],
            id="profiel-agenda",
            className="profiel-agenda",
        )

    return kept("profiel-goals", (agenda.agenda_key(scorer, code), lang, scorer.gemeente), build)


def budget(scorer: Scorer, code: str, lang: str) -> Any:
    """The area's buurtbegroting in a few rows, or None when it has no budget lines."""
    store, division = scorer.store, scorer.division_id

    def build() -> html.Section | None:
        frame = report.budget_summary(store, division, code, lang)
        return None if frame is None else table(frame, lang)

    return kept("profiel-budget", (budget_key(store, division), code, lang), build)


def table(frame: Any, lang: str) -> html.Section:
    """The area's budget summary (from the budget module) as a plain table."""
    columns = list(frame.columns)
    return html.Section(
        [
            html.H3(t("report.budget", lang)),
            html.Table(
                [
                    html.Tr([html.Th(c) for c in columns]),
                    *[
                        html.Tr(
                            [
                                html.Td(report.budget_cell(c, v, lang, frame.attrs.get("formats")))
                                for c, v in zip(columns, row, strict=True)
                            ]
                        )
                        for row in frame.itertuples(index=False)
                    ],
                ],
                className="data",
            ),
        ],
        id="profiel-begroting",
    )
