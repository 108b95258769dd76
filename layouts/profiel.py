"""Buurtprofiel: an area's indicators by domain with value, NAP, class and a sparkline,
its verhalen and its gebiedsagenda; printable, and as a PDF (the gebiedsanalyse).

The PDF is served by a plain Flask view, ``/gebiedsanalyse/<code>.pdf``, built by
``monitor.report``; like every view it carries an access mark (``@reads``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import plotly.graph_objects as go
from dash import dcc, html

from layouts.agenda import agenda_href, goals_section, may_edit, notes_section, pdf_href
from layouts.common import context, empty_page, fictional_banner
from monitor import agenda, messages, report
from monitor.catalog import domain_label
from monitor.errors import MonitorError
from monitor.messages import LANGUAGES, class_label, t
from monitor.numbers import format_difference, format_value
from monitor.palette import colour
from monitor.profile import area_profile, indicator_subset
from monitor.scoring import Scorer, uncertain
from monitor.store import Snapshot, Store
from web import reads

#: For a visual marker whose meaning a screen reader hears in words instead.
ARIA_HIDDEN = {"aria-hidden": "true"}


def sparkline(series, unit: str) -> dcc.Graph:
    """Small line of the area's values with the NAP as a dashed line; gaps stay gaps."""
    fig = go.Figure(
        [
            go.Scatter(
                x=series["period"],
                y=series["nap"],
                mode="lines",
                name="NAP",
                line={"dash": "dash", "color": "#777", "width": 1},
                connectgaps=False,
            ),
            go.Scatter(
                x=series["period"],
                y=series["value"],
                mode="lines+markers",
                name="",
                line={"color": "#08519c", "width": 2},
                marker={"size": 4},
                connectgaps=False,
            ),
        ]
    )
    fig.update_layout(
        height=60,
        width=200,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        showlegend=False,
        xaxis={"visible": False},
        yaxis={"visible": False},
        plot_bgcolor="white",
    )
    return dcc.Graph(figure=fig, config={"staticPlot": True}, className="sparkline")


def layout(store: Store, lang: str, query: dict[str, str]) -> html.Div:
    code = query.get("gebied", "")
    empty = empty_page(store, lang)
    if empty is not None:
        return empty
    if not code:
        return html.Div(
            html.P(t("empty.pick_area", lang)),
            id="empty-state",
            className="empty-state",
            role="status",
            **{"data-reason": "pick_area"},
        )
    try:
        # One query for all indicators: a BBGA profile scores many of them.
        scorer = Scorer(Snapshot(store, store.division_id()))
        chosen, note = indicator_subset(scorer, lang)
        profile = area_profile(scorer, code, lang, chosen)
    except (MonitorError, LookupError) as exc:
        return html.Div(html.P(str(exc), className="fout", id="profiel-error"))
    chain = " › ".join(f"{t(f'level.{lvl}', lang)} {name}" for lvl, _, name in profile.parents)
    sections = []
    for domain, rows in profile.rows.groupby("domain", sort=False):
        body = []
        for r in rows.itertuples():
            series = profile.series[profile.series["indicator_id"] == r.indicator_id]
            diff = (r.value - r.nap) if r.value == r.value and r.nap == r.nap else None
            body.append(
                html.Tr(
                    [
                        html.Td(r.label),
                        html.Td(str(r.period)),
                        html.Td(format_value(r.value, r.unit, r.decimals, lang)),
                        html.Td(format_value(r.nap, r.unit, r.decimals, lang)),
                        html.Td(format_difference(diff, r.unit, r.decimals, lang)),
                        html.Td(
                            class_cell(r, lang, scorer.gemeente),
                            title=f"{r.reden}\n{r.polariteit}",
                            **{"data-klasse": r.klasse, "data-polariteit": r.polariteit},
                        ),
                        html.Td(sparkline(series, r.unit)),
                        html.Td(r.herkomst, className="herkomst"),
                    ],
                    **{"data-indicator": r.indicator_id},
                )
            )
        sections.append(
            html.Section(
                [
                    html.H3(domain_label(domain, lang)),
                    html.Table(
                        [
                            html.Tr(
                                [
                                    html.Th(t(f"profiel.{c}", lang))
                                    for c in (
                                        "indicator",
                                        "year",
                                        "value",
                                        "nap",
                                        "diff",
                                        "class",
                                        "trend",
                                        "herkomst",
                                    )
                                ]
                            ),
                            *body,
                        ],
                        className="data profiel",
                    ),
                ]
            )
        )
    views = agenda.area_agenda(scorer, profile.code, lang)
    stories = agenda.story_rows(store, scorer.division_id, profile.code, lang)
    budget = report.budget_summary(store, scorer.division_id, profile.code, lang)
    return html.Div(
        [
            fictional_banner(context(store, lang)),
            html.H2(f"{profile.name} ({profile.code})", id="profiel-title"),
            html.P(f"{t(f'level.{profile.level}', lang)} · {chain}", id="profiel-chain"),
            # On paper the class is one short word (data-short above; a long label wraps
            # over four lines in a narrow column); this line says against what.
            html.P(
                t(
                    "profiel.class_note",
                    lang,
                    gemiddelde=messages.average_name(scorer.gemeente, lang),
                ),
                className="print-only",
                id="profiel-class-note",
            ),
            html.P(
                [
                    html.A(
                        t("agenda.pdf_link", lang),
                        href=pdf_href(profile.code, lang),
                        id="profiel-pdf",
                    ),
                    " · ",
                    dcc.Link(
                        t("agenda.agenda_link" if may_edit() else "nav.agenda", lang),
                        href=agenda_href(profile.code, lang),
                        id="profiel-agenda-link",
                    ),
                ],
                className="profiel-links",
            ),
            html.P(note, id="profiel-subset") if note else None,
            *profile_notes(profile.rows, profile.level, lang),
            *sections,
            html.Section(
                [
                    html.H3(t("agenda.notes", lang)),
                    *notes_section(stories, lang, editable=False),
                ],
                id="profiel-verhalen",
                className="profiel-verhalen",
            ),
            html.Section(
                [
                    html.H3(t("agenda.goals", lang)),
                    *goals_section(views, lang, scorer.gemeente, editable=False),
                ],
                id="profiel-agenda",
                className="profiel-agenda",
            ),
            _budget(budget, lang) if budget is not None else None,
            html.P(
                t("profiel.printed", lang, date=date.today().isoformat()), className="print-only"
            ),
        ],
        className="profiel-page",
    )


def class_cell(row: Any, lang: str, gemeente: str) -> list[Any]:
    """The class chip; "±" on it when only survey uncertainty made the value *rond* (the
    reason sentence is printed under it on paper); a tag when the level is skewed."""
    unsure = bool(uncertain(row.reden_code))
    chip = [class_label(row.klasse, lang, gemeente)]
    if unsure:
        chip += [
            " ",
            html.Span(t("uncertain.marker", lang), className="marker-onzeker", **ARIA_HIDDEN),
            html.Span(f", {t('uncertain.words', lang)}", className="sr-only"),
        ]
    cell: list[Any] = [
        html.Span(
            chip,
            className="chip" + (" onzeker" if unsure else ""),
            # on paper the class is one short word (the long label would wrap)
            **{"data-short": t(f"class_short.{row.klasse}", lang)},
            style={"background": colour(row.klasse)},
        )
    ]
    # Neutral or changed polarities say why, in words.
    if isinstance(getattr(row, "polariteit_kort", None), str):
        cell.append(html.Small(row.polariteit_kort, className="polariteit"))
    if row.scheef:
        cell.append(html.Span(t("skew.tag", lang), className="tag-scheef"))
    if unsure:
        cell.append(html.Div(row.reden, className="print-only reden-print"))
    return cell


def profile_notes(rows: Any, level: str, lang: str) -> list[Any]:
    """Above the tables: what "±" means, and which indicators are too skewed for the band."""
    if rows.empty:
        return []
    notes = []
    if uncertain(rows["reden_code"]).any():
        notes.append(html.P(t("uncertain.legend", lang), id="profiel-uncertain", className="hint"))
    skewed = rows.loc[rows["scheef"].astype(bool), "label"].tolist()
    if skewed:
        hint = t("skew.hint", lang, areas=t(f"skew.areas.{level}", lang))
        text = t("skew.profile", lang, indicators=", ".join(skewed))
        notes.append(html.P(f"{text} {hint}", id="profiel-skew", className="hint"))
    return notes


def _budget(frame: Any, lang: str) -> html.Section:
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


def register(app: Any, get_store: Any) -> None:
    """The profile has no callbacks (it renders once per area); the PDF is a Flask view."""
    from flask import Response, request

    @app.server.route("/gebiedsanalyse/<code>.pdf")
    @reads
    def gebiedsanalyse_pdf(code: str) -> Response:
        """One area's gebiedsanalyse as a PDF download."""
        lang = request.args.get("lang", "nl")
        lang = lang if lang in LANGUAGES else "nl"
        try:
            analysis = report.gebiedsanalyse(get_store(), code, lang)
        except (MonitorError, LookupError):
            return Response(
                t("report.not_found", lang, code=code),
                status=404,
                mimetype="text/plain",
                headers={"X-Content-Type-Options": "nosniff"},
            )
        name = report.pdf_filename(analysis.code)
        return Response(
            report.pdf(analysis),
            mimetype="application/pdf",
            headers={
                "Content-Disposition": f'attachment; filename="{name}"',
                "Cache-Control": "no-store",
                "X-Content-Type-Options": "nosniff",
            },
        )
