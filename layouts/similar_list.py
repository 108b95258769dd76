"""The buurtprofiel's "Vergelijkbare gebieden": the areas most alike in make-up
(:mod:`monitor.similar`), each with why, a link to its profile and one to compare both."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from layouts.kept import kept
from layouts.vergelijken import href as compare_href
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.numbers import format_number
from monitor.scoring import Scorer
from monitor.similar import method_note, similar_areas, similar_key, why_text


def compare_link(code: str, name: str, lang: str) -> dcc.Link:
    """ "Vergelijk Pareldorp met een ander gebied": the Vergelijken page with this area."""
    return dcc.Link(
        t("sbs.compare_link", lang, naam=name),
        href=compare_href([code], lang),
        id="profiel-compare-link",
    )


def section(scorer: Scorer, code: str, lang: str) -> Any:
    """The list, or None when there is nothing to compare on (no structural set); kept
    rendered per :func:`monitor.similar.similar_key` (a publish outside the set leaves it)."""
    try:
        key = similar_key(scorer, code)
    except (MonitorError, LookupError, KeyError):
        return None
    return kept("similar", (key, lang), lambda: _section(scorer, code, lang))


def _section(scorer: Scorer, code: str, lang: str) -> html.Section | None:
    try:
        sim = similar_areas(scorer, code)
    except (MonitorError, LookupError, KeyError):
        return None
    catalogue = scorer.indicators
    items = [
        html.Li(
            [
                dcc.Link(
                    f"{r.naam} ({c})",
                    href=f"/profiel?gebied={c}&lang={lang}",
                    className="similar-profile",
                ),
                " · ",
                dcc.Link(
                    t("similar.compare", lang),
                    href=compare_href([sim.code, str(c)], lang),
                    className="similar-compare",
                ),
                html.Small(
                    " " + t("similar.distance", lang, d=format_number(r.distance, 2, lang)),
                    className="hint",
                ),
                html.Div(why_text(sim, c, catalogue, lang), className="similar-why"),
            ],
            **{"data-code": str(c)},
        )
        for c, r in sim.neighbours.iterrows()
    ]
    body = html.Ol(items) if items else html.P(t("similar.none", lang))
    notes = [html.P(n, className="hint") for n in method_note(sim, catalogue, lang)]
    return html.Section(
        [html.H3(t("similar.title", lang)), body, *notes],
        id="profiel-similar",
        className="profiel-similar",
    )
