"""Gebiedsagenda: an area's goals with actions and progress, and its verhalen; forms to
add, edit and remove them (analysts only).

Thin: checks, storage, the audit log and progress live in ``monitor.agenda``; the goal
and story blocks in :mod:`layouts.agenda_blocks`, the forms in :mod:`layouts.agenda_forms`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from dash import ALL, Dash, Input, Output, State, dcc, html, no_update

from layouts import urlstate
from layouts.agenda_blocks import goals_section, notes_section
from layouts.agenda_forms import (
    FORMS,
    ROLE,
    clicked_id,
    field,
    forms,
    may_edit,
    refusal,
    register_form,
)
from layouts.common import context, empty_page, empty_state, fictional_banner
from monitor import agenda
from monitor.emptiness import contents
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.problems import shorten
from monitor.scoring import Scorer
from monitor.store import LEVELS, Store
from web import changes, current_actor, reads


def area_options(store: Store, division_id: int, lang: str) -> list[dict[str, str]]:
    """Every area, small levels first: "Naam (code) · Buurt"."""
    frame = store.areas_frame(division_id)
    frame = frame.assign(_rank=frame["level"].map({lvl: i for i, lvl in enumerate(LEVELS)}))
    return [
        {"label": f"{r.name} ({r.code}) · {t(f'level.{r.level}', lang)}", "value": r.code}
        for r in frame.sort_values(["_rank", "code"]).itertuples()
    ]


def default_area(store: Store, division_id: int, options: list[dict[str, str]]) -> str | None:
    """The first area with goals (so a first look shows an agenda), else the first area."""
    goals = agenda.goals_frame(store, division_id)
    if not goals.empty:
        return str(goals.sort_values(["code"])["code"].iloc[0])
    return options[0]["value"] if options else None


def profile_href(code: str, lang: str) -> str:
    return "/profiel?" + urlencode({"gebied": code, "lang": lang})


def agenda_href(code: str, lang: str) -> str:
    return "/agenda?" + urlencode({"gebied": code, "lang": lang})


def pdf_href(code: str, lang: str) -> str:
    return f"/gebiedsanalyse/{quote(code, safe='')}.pdf?lang={lang}"


def layout(store: Store, lang: str, query: dict[str, str]) -> html.Div:
    found = contents(store)
    if not found.division:
        return empty_page(store, lang)
    ctx_ = context(store, lang)
    division_id = store.division_id()
    options = area_options(store, division_id, lang)
    codes = {o["value"] for o in options}
    wanted = query.get("gebied")
    code = wanted if wanted in codes else default_area(store, division_id, options)
    editable = may_edit()
    return html.Div(
        [
            *urlstate.location("agenda-url"),
            fictional_banner(ctx_),
            empty_state(store, lang, found=found),  # goals without numbers: progress unknown
            html.H2(t("agenda.title", lang)),
            html.P(t("agenda.intro", lang), className="intro"),
            html.Div(
                field(
                    "agenda.area",
                    dcc.Dropdown(options, code, id="agenda-area", clearable=False),
                    lang,
                ),
                className="controls-2",
            ),
            html.P(id="agenda-links", className="agenda-links"),
            dcc.Store(id="agenda-version", data=0),
            html.Div(id="agenda-status", role="status"),
            html.Div(
                [
                    html.Section(
                        [html.H3(t("agenda.goals", lang)), html.Div(id="agenda-goals")],
                        className="agenda-column",
                    ),
                    html.Section(
                        [html.H3(t("agenda.notes", lang)), html.Div(id="agenda-notes")],
                        className="agenda-column",
                    ),
                ],
                className="agenda-grid",
            ),
            forms(store, lang)
            if editable
            else html.P(t("agenda.form.readonly", lang), className="hint", id="agenda-readonly"),
        ],
        className="agenda-page",
    )


def register(app: Dash, get_store: Any) -> None:
    urlstate.sync(app, "agenda-url", {"gebied": "agenda-area"})

    @app.callback(
        Output("agenda-goals", "children"),
        Output("agenda-notes", "children"),
        Output("agenda-links", "children"),
        Input("agenda-area", "value"),
        Input("agenda-version", "data"),
        State("lang", "data"),
    )
    @reads
    def show(code: str | None, _version: int, lang: str | None):
        lang = lang or "nl"
        if not code:
            return [html.P(t("agenda.choose_area", lang))], [], []
        store = get_store()
        scorer = Scorer(store)
        try:
            views = agenda.area_agenda(scorer, code, lang)
        except MonitorError as exc:
            return [html.P(str(exc), className="fout")], [], []
        stories = agenda.story_rows(store, scorer.division_id, code, lang)
        editable = may_edit()
        links = [
            dcc.Link(t("agenda.profile_link", lang), href=profile_href(code, lang)),
            " · ",
            html.A(t("agenda.pdf_link", lang), href=pdf_href(code, lang), id="agenda-pdf"),
        ]
        return (
            goals_section(views, lang, scorer.gemeente, editable),
            notes_section(stories, lang, editable),
            links,
        )

    @app.callback(
        Output("agenda-action-goal", "options"),
        Input("agenda-area", "value"),
        Input("agenda-version", "data"),
    )
    @reads
    def goal_choices(code: str | None, _version: int):
        """The goals an action can belong to: those of the chosen area."""
        if not code:
            return []
        store = get_store()
        frame = agenda.goals_frame(store, store.division_id(), code)
        return [
            {"label": f"{r.id}: {shorten(' '.join(str(r.text).split()))}", "value": int(r.id)}
            for r in frame.itertuples()
        ]

    for form in FORMS:
        register_form(app, get_store, form)

    # -- removing -----------------------------------------------------------------------

    @app.callback(
        Output("agenda-status", "children"),
        Output("agenda-version", "data", allow_duplicate=True),
        Input({"type": "agenda-remove", "kind": ALL, "index": ALL}, "n_clicks"),
        State("agenda-version", "data"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @changes(ROLE)
    def remove(_clicks, version, lang):
        """Soft delete (``deleted_at``); the audit log keeps what was removed."""
        lang = lang or "nl"
        clicked = clicked_id()
        kind, row_id = clicked["kind"], int(clicked["index"])
        remover = {
            "goal": agenda.remove_goal,
            "action": agenda.remove_action,
            "note": agenda.remove_note,
        }[kind]
        try:
            remover(get_store(), row_id, actor=current_actor(), lang=lang)
        except MonitorError as exc:
            return refusal(exc, lang), no_update
        return (
            html.P(t(f"agenda.removed.{kind}", lang, id=row_id), id="agenda-removed"),
            (version or 0) + 1,
        )
