"""Gebiedsagenda: an area's goals with actions and progress, and its verhalen; forms to
add, edit and remove them (analysts only).

Thin: checks, storage, the audit log and progress live in ``monitor.agenda``. Everything
a user typed is passed to Dash as text children, never as markup, so a note reading
``<script>`` shows those characters. The forms are only sent to an analist; the save
and remove callbacks are marked ``@changes("analist")`` and refused by the server to
anyone else.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote, urlencode

from dash import ALL, Dash, Input, Output, State, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from layouts import urlstate
from layouts.common import context, fictional_banner
from monitor import agenda
from monitor.auth import allows, changes, current_role, reads
from monitor.catalog import domain_label
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.scoring import Scorer
from monitor.store import LEVELS, Store

#: The role that may change the agenda and the verhalen.
ROLE = "analist"


def may_edit() -> bool:
    """Whether the current user sees the forms (the server checks again on saving)."""
    return allows(current_role(), ROLE)


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


def _meta(row: dict[str, Any], lang: str) -> str:
    """Who added and last changed a row, and when."""
    parts = [t("agenda.meta.created", lang, by=row["created_by"], at=_day(row["created_at"]))]
    if row.get("updated_by"):
        parts.append(
            t("agenda.meta.updated", lang, by=row["updated_by"], at=_day(row["updated_at"]))
        )
    return "; ".join(parts)


def _day(value: Any) -> str:
    return f"{value:%Y-%m-%d}" if hasattr(value, "strftime") else str(value or "")


def _buttons(kind: str, row_id: int, lang: str) -> html.Span:
    return html.Span(
        [
            html.Button(
                t("agenda.edit", lang),
                id={"type": f"agenda-edit-{kind}", "index": row_id},
                className="link-button",
            ),
            html.Button(
                t("agenda.remove", lang),
                id={"type": "agenda-remove", "kind": kind, "index": row_id},
                className="link-button",
            ),
        ],
        className="agenda-buttons",
    )


def goal_block(
    view: agenda.GoalView, lang: str, gemeente: str | None, editable: bool = False
) -> html.Article:
    """One goal: text, target, progress, and its actions (all as text children)."""
    goal = view.goal
    progress = agenda.progress_text(view, lang, gemeente)
    actions = (
        html.Table(
            [
                html.Tr(
                    [
                        html.Th(t("agenda.field.actie", lang)),
                        html.Th(t("agenda.col.eigenaar", lang)),
                        html.Th(t("agenda.field.status", lang)),
                        html.Th(t("agenda.col.reden", lang)),
                        html.Th("") if editable else None,
                    ]
                ),
                *[
                    html.Tr(
                        [
                            html.Td(act["text"], className="agenda-text"),
                            html.Td(act["owner"]),
                            html.Td(
                                agenda.status_label(act["status"], lang),
                                **{"data-status": act["status"]},
                            ),
                            html.Td(act["reason"] or "", className="agenda-text"),
                            html.Td(_buttons("action", act["id"], lang)) if editable else None,
                        ],
                        title=_meta(act, lang),
                        **{"data-action": str(act["id"])},
                    )
                    for act in view.actions
                ],
            ],
            className="data agenda-actions",
        )
        if view.actions
        else html.P(t("agenda.no_actions", lang), className="hint")
    )
    state = view.progress.state
    return html.Article(
        [
            html.H4([html.Span(goal["text"], className="agenda-text")]),
            _buttons("goal", view.id, lang) if editable else None,
            html.P(agenda.target_text(view, lang, gemeente), className="agenda-target"),
            html.P(
                [html.Strong(f"{t('agenda.progress', lang)}: "), progress],
                className="agenda-progress",
                **{"data-state": state},
            )
            if progress
            else None,
            actions,
            html.P(_meta(goal, lang), className="hint"),
        ],
        className="agenda-goal",
        **{"data-goal": str(view.id), "data-state": state},
    )


def note_block(note: dict[str, Any], lang: str, editable: bool = False) -> html.Article:
    """One story: date, role, source (and area when it is about an area inside), text."""
    meta = f"{note['date']} · {note['role']} · {note['source']}"
    if not note["own"]:
        meta += " · " + t("agenda.note.within", lang, area=f"{note['area']} ({note['code']})")
    return html.Article(
        [
            html.P(meta, className="note-meta"),
            html.P(note["text"], className="note-text agenda-text"),
            _buttons("note", note["id"], lang) if editable and note["own"] else None,
        ],
        className="agenda-note",
        **{"data-note": str(note["id"])},
    )


def goals_section(views: list[agenda.GoalView], lang: str, gemeente: str, editable: bool) -> list:
    if not views:
        return [html.P(t("agenda.no_goals", lang), className="hint", id="agenda-no-goals")]
    return [goal_block(v, lang, gemeente, editable) for v in views]


def notes_section(notes: list[dict[str, Any]], lang: str, editable: bool) -> list:
    if not notes:
        return [html.P(t("agenda.no_notes", lang), className="hint", id="agenda-no-notes")]
    return [note_block(n, lang, editable) for n in notes]


# -- the page ---------------------------------------------------------------------------


def _field(label_key: str, control: Any, lang: str, hint: str | None = None) -> html.Label:
    return html.Label(
        [
            html.Span(t(label_key, lang), className="field-label"),
            control,
            html.Span(hint, className="hint") if hint else None,
        ],
        className="agenda-field",
    )


def _indicator_options(store: Store, lang: str) -> list[dict[str, str]]:
    frame = store.indicators_frame()
    frame = frame[(frame["polarity"] != "geen") & ~frame["forecast"].astype(bool)]
    return [
        {
            "label": f"{domain_label(r.domain, lang)} · "
            f"{(r.label_en if lang == 'en' and r.label_en else r.label_nl)} ({r.id})",
            "value": r.id,
        }
        for r in frame.sort_values(["domain", "id"]).itertuples()
    ]


def _choices(kind: str, values: tuple[str, ...], lang: str) -> list[dict[str, str]]:
    return [{"label": t(f"agenda.{kind}.{v}", lang), "value": v} for v in values]


def _buttons_row(prefix: str, lang: str) -> html.Div:
    return html.Div(
        [
            html.Button(t("agenda.save", lang), id=f"{prefix}-save"),
            html.Button(t("agenda.cancel", lang), id=f"{prefix}-cancel", className="link-button"),
        ],
        className="agenda-form-buttons",
    )


def forms(store: Store, lang: str) -> html.Div:
    """The three forms: goal, action, note. Each keeps the id it edits in a Store."""
    goal_form = html.Section(
        [
            html.H3(t("agenda.form.goal", lang), id="agenda-goal-title"),
            dcc.Store(id="agenda-goal-id"),
            _field("agenda.field.doel", dcc.Textarea(id="agenda-goal-text", rows=2), lang),
            _field(
                "agenda.field.indicator",
                dcc.Dropdown(
                    _indicator_options(store, lang),
                    None,
                    id="agenda-goal-indicator",
                    placeholder=t("agenda.form.no_indicator", lang),
                ),
                lang,
            ),
            _field(
                "agenda.field.streefwaarde",
                dcc.Input(id="agenda-goal-target", type="text"),
                lang,
                t("agenda.form.target_hint", lang),
            ),
            _field("agenda.field.doeljaar", dcc.Input(id="agenda-goal-year", type="text"), lang),
            _buttons_row("agenda-goal", lang),
            html.Div(id="agenda-goal-msg", role="status"),
        ],
        className="agenda-form",
        id="agenda-goal-form",
    )
    action_form = html.Section(
        [
            html.H3(t("agenda.form.action", lang), id="agenda-action-title"),
            dcc.Store(id="agenda-action-id"),
            _field(
                "agenda.field.goal_id",
                dcc.Dropdown([], None, id="agenda-action-goal", clearable=False),
                lang,
            ),
            _field("agenda.field.actie", dcc.Textarea(id="agenda-action-text", rows=2), lang),
            _field("agenda.field.eigenaar", dcc.Input(id="agenda-action-owner", type="text"), lang),
            _field(
                "agenda.field.status",
                dcc.Dropdown(
                    _choices("status", agenda.STATUSES, lang),
                    agenda.STATUSES[0],
                    id="agenda-action-status",
                    clearable=False,
                ),
                lang,
            ),
            _field("agenda.field.reden", dcc.Textarea(id="agenda-action-reason", rows=2), lang),
            _buttons_row("agenda-action", lang),
            html.Div(id="agenda-action-msg", role="status"),
        ],
        className="agenda-form",
        id="agenda-action-form",
    )
    note_form = html.Section(
        [
            html.H3(t("agenda.form.note", lang), id="agenda-note-title"),
            dcc.Store(id="agenda-note-id"),
            _field("agenda.field.tekst", dcc.Textarea(id="agenda-note-text", rows=4), lang),
            _field(
                "agenda.field.rol",
                dcc.Dropdown(
                    _choices("role", agenda.AUTHOR_ROLES, lang), None, id="agenda-note-role"
                ),
                lang,
            ),
            _field(
                "agenda.field.bron",
                dcc.Dropdown(
                    _choices("source", agenda.SOURCE_TYPES, lang), None, id="agenda-note-source"
                ),
                lang,
            ),
            _field(
                "agenda.field.datum",
                dcc.Input(id="agenda-note-date", type="text", value=date.today().isoformat()),
                lang,
                t("agenda.form.date_hint", lang),
            ),
            _field(
                "agenda.field.periode",
                dcc.Input(id="agenda-note-period", type="text"),
                lang,
                t("agenda.form.period_hint", lang),
            ),
            _buttons_row("agenda-note", lang),
            html.Div(id="agenda-note-msg", role="status"),
        ],
        className="agenda-form",
        id="agenda-note-form",
    )
    return html.Div(
        [
            goal_form,
            action_form,
            note_form,
            html.P(t("agenda.form.csv_hint", lang), className="hint"),
        ],
        className="agenda-forms",
        id="agenda-forms",
    )


def layout(store: Store, lang: str, query: dict[str, str]) -> html.Div:
    try:
        ctx_ = context(store, lang)
        division_id = store.division_id()
    except LookupError:
        return html.Div(html.P(t("app.empty", lang), id="empty-store"))
    options = area_options(store, division_id, lang)
    codes = {o["value"] for o in options}
    wanted = query.get("gebied")
    code = wanted if wanted in codes else default_area(store, division_id, options)
    editable = may_edit()
    return html.Div(
        [
            *urlstate.location("agenda-url"),
            fictional_banner(ctx_),
            html.H2(t("agenda.title", lang)),
            html.P(t("agenda.intro", lang), className="intro"),
            html.Div(
                _field(
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


def _problems(exc: MonitorError, lang: str) -> html.Div:
    """A refused save: every problem as a list item, as text."""
    lines = (
        [p.text(lang) for p in exc.problems] if isinstance(exc, agenda.AgendaError) else [str(exc)]
    )
    return html.Div(
        [html.P(t("agenda.form.fix", lang)), html.Ul([html.Li(line) for line in lines])],
        className="fout agenda-problems",
    )


def _clicked() -> Any:
    """The id of the button that fired, or PreventUpdate when a re-render fired it."""
    if not ctx.triggered or not ctx.triggered[0].get("value"):
        raise PreventUpdate
    return ctx.triggered_id


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
        stories = _stories(store, scorer.division_id, code, lang)
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
            {"label": f"{r.id}: {_shorten(r.text)}", "value": int(r.id)} for r in frame.itertuples()
        ]

    # -- goals --------------------------------------------------------------------------

    goal_fields = [
        Output("agenda-goal-id", "data", allow_duplicate=True),
        Output("agenda-goal-title", "children", allow_duplicate=True),
        Output("agenda-goal-text", "value", allow_duplicate=True),
        Output("agenda-goal-indicator", "value", allow_duplicate=True),
        Output("agenda-goal-target", "value", allow_duplicate=True),
        Output("agenda-goal-year", "value", allow_duplicate=True),
    ]

    @app.callback(
        Output("agenda-goal-msg", "children"),
        Output("agenda-version", "data", allow_duplicate=True),
        *goal_fields,
        Input("agenda-goal-save", "n_clicks"),
        State("agenda-area", "value"),
        State("agenda-goal-id", "data"),
        State("agenda-goal-text", "value"),
        State("agenda-goal-indicator", "value"),
        State("agenda-goal-target", "value"),
        State("agenda-goal-year", "value"),
        State("agenda-version", "data"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @changes(ROLE)
    def save_goal(clicks, code, goal_id, text, indicator, target, year, version, lang):
        lang = lang or "nl"
        if not clicks:
            raise PreventUpdate
        store = get_store()
        try:
            if goal_id:
                agenda.update_goal(
                    store,
                    goal_id,
                    text=text,
                    indicator=indicator,
                    target=target,
                    year=year,
                    lang=lang,
                )
            else:
                agenda.add_goal(
                    store,
                    store.division_id(),
                    code=code or "",
                    text=text,
                    indicator=indicator,
                    target=target,
                    year=year,
                    lang=lang,
                )
        except MonitorError as exc:
            return _problems(exc, lang), no_update, *[no_update] * len(goal_fields)
        saved = html.P(t("agenda.saved.goal", lang), id="agenda-goal-saved")
        return saved, (version or 0) + 1, None, t("agenda.form.goal", lang), "", None, "", ""

    @app.callback(
        *goal_fields,
        Output("agenda-goal-msg", "children", allow_duplicate=True),
        Input({"type": "agenda-edit-goal", "index": ALL}, "n_clicks"),
        Input("agenda-goal-cancel", "n_clicks"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @reads
    def edit_goal(_edits, _cancel, lang):
        """Fill the goal form with a stored goal (or empty it again)."""
        lang = lang or "nl"
        clicked = _clicked()
        if clicked == "agenda-goal-cancel":
            return None, t("agenda.form.goal", lang), "", None, "", "", None
        goal = _row(get_store(), "goal", clicked["index"])
        if goal is None:
            raise PreventUpdate
        target = "NAP" if goal["target_kind"] == "nap" else _plain(goal["target_value"])
        return (
            goal["id"],
            t("agenda.form.goal_edit", lang, id=goal["id"]),
            goal["text"],
            goal["indicator_id"],
            target,
            "" if goal["target_year"] is None else str(goal["target_year"]),
            None,
        )

    # -- actions ------------------------------------------------------------------------

    action_fields = [
        Output("agenda-action-id", "data", allow_duplicate=True),
        Output("agenda-action-title", "children", allow_duplicate=True),
        Output("agenda-action-goal", "value", allow_duplicate=True),
        Output("agenda-action-text", "value", allow_duplicate=True),
        Output("agenda-action-owner", "value", allow_duplicate=True),
        Output("agenda-action-status", "value", allow_duplicate=True),
        Output("agenda-action-reason", "value", allow_duplicate=True),
    ]

    @app.callback(
        Output("agenda-action-msg", "children"),
        Output("agenda-version", "data", allow_duplicate=True),
        *action_fields,
        Input("agenda-action-save", "n_clicks"),
        State("agenda-action-id", "data"),
        State("agenda-action-goal", "value"),
        State("agenda-action-text", "value"),
        State("agenda-action-owner", "value"),
        State("agenda-action-status", "value"),
        State("agenda-action-reason", "value"),
        State("agenda-version", "data"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @changes(ROLE)
    def save_action(clicks, action_id, goal_id, text, owner, status, reason, version, lang):
        lang = lang or "nl"
        if not clicks:
            raise PreventUpdate
        store = get_store()
        try:
            if action_id:
                agenda.update_action(
                    store,
                    action_id,
                    text=text,
                    owner=owner,
                    status=status,
                    reason=reason,
                    lang=lang,
                )
            else:
                agenda.add_action(
                    store,
                    goal_id,
                    text=text,
                    owner=owner,
                    status=status,
                    reason=reason,
                    lang=lang,
                )
        except MonitorError as exc:
            return _problems(exc, lang), no_update, *[no_update] * len(action_fields)
        saved = html.P(t("agenda.saved.action", lang), id="agenda-action-saved")
        return (
            saved,
            (version or 0) + 1,
            None,
            t("agenda.form.action", lang),
            no_update,
            "",
            "",
            agenda.STATUSES[0],
            "",
        )

    @app.callback(
        *action_fields,
        Output("agenda-action-msg", "children", allow_duplicate=True),
        Input({"type": "agenda-edit-action", "index": ALL}, "n_clicks"),
        Input("agenda-action-cancel", "n_clicks"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @reads
    def edit_action(_edits, _cancel, lang):
        lang = lang or "nl"
        clicked = _clicked()
        if clicked == "agenda-action-cancel":
            return (
                None,
                t("agenda.form.action", lang),
                no_update,
                "",
                "",
                agenda.STATUSES[0],
                "",
                None,
            )
        act = _row(get_store(), "action", clicked["index"])
        if act is None:
            raise PreventUpdate
        return (
            act["id"],
            t("agenda.form.action_edit", lang, id=act["id"]),
            act["goal_id"],
            act["text"],
            act["owner"],
            act["status"],
            act["reason"] or "",
            None,
        )

    # -- notes --------------------------------------------------------------------------

    note_fields = [
        Output("agenda-note-id", "data", allow_duplicate=True),
        Output("agenda-note-title", "children", allow_duplicate=True),
        Output("agenda-note-text", "value", allow_duplicate=True),
        Output("agenda-note-role", "value", allow_duplicate=True),
        Output("agenda-note-source", "value", allow_duplicate=True),
        Output("agenda-note-date", "value", allow_duplicate=True),
        Output("agenda-note-period", "value", allow_duplicate=True),
    ]

    @app.callback(
        Output("agenda-note-msg", "children"),
        Output("agenda-version", "data", allow_duplicate=True),
        *note_fields,
        Input("agenda-note-save", "n_clicks"),
        State("agenda-area", "value"),
        State("agenda-note-id", "data"),
        State("agenda-note-text", "value"),
        State("agenda-note-role", "value"),
        State("agenda-note-source", "value"),
        State("agenda-note-date", "value"),
        State("agenda-note-period", "value"),
        State("agenda-version", "data"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @changes(ROLE)
    def save_note(clicks, code, note_id, text, role, source, when, period, version, lang):
        lang = lang or "nl"
        if not clicks:
            raise PreventUpdate
        store = get_store()
        try:
            if note_id:
                agenda.update_note(
                    store,
                    note_id,
                    text=text,
                    author_role=role,
                    source_type=source,
                    date=when,
                    period=period,
                    lang=lang,
                )
            else:
                agenda.add_note(
                    store,
                    store.division_id(),
                    code=code or "",
                    text=text,
                    author_role=role,
                    source_type=source,
                    date=when,
                    period=period,
                    lang=lang,
                )
        except MonitorError as exc:
            return _problems(exc, lang), no_update, *[no_update] * len(note_fields)
        saved = html.P(t("agenda.saved.note", lang), id="agenda-note-saved")
        return (
            saved,
            (version or 0) + 1,
            None,
            t("agenda.form.note", lang),
            "",
            None,
            None,
            date.today().isoformat(),
            "",
        )

    @app.callback(
        *note_fields,
        Output("agenda-note-msg", "children", allow_duplicate=True),
        Input({"type": "agenda-edit-note", "index": ALL}, "n_clicks"),
        Input("agenda-note-cancel", "n_clicks"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @reads
    def edit_note(_edits, _cancel, lang):
        lang = lang or "nl"
        clicked = _clicked()
        if clicked == "agenda-note-cancel":
            return (
                None,
                t("agenda.form.note", lang),
                "",
                None,
                None,
                date.today().isoformat(),
                "",
                None,
            )
        note = _row(get_store(), "note", clicked["index"])
        if note is None:
            raise PreventUpdate
        return (
            note["id"],
            t("agenda.form.note_edit", lang, id=note["id"]),
            note["text"],
            note["author_role"],
            note["source_type"],
            agenda.as_date(note["date"]).isoformat(),
            str(note["period"]),
            None,
        )

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
        clicked = _clicked()
        kind, row_id = clicked["kind"], int(clicked["index"])
        remover = {
            "goal": agenda.remove_goal,
            "action": agenda.remove_action,
            "note": agenda.remove_note,
        }[kind]
        try:
            remover(get_store(), row_id, lang=lang)
        except MonitorError as exc:
            return _problems(exc, lang), no_update
        return (
            html.P(t(f"agenda.removed.{kind}", lang, id=row_id), id="agenda-removed"),
            (version or 0) + 1,
        )


def _stories(store: Store, division_id: int, code: str, lang: str) -> list[dict[str, Any]]:
    from monitor.report import story_rows

    return story_rows(store, division_id, code, lang)


def _row(store: Store, kind: str, row_id: Any) -> dict[str, Any] | None:
    """A live goal, action or note by id (for filling a form)."""
    from monitor.store import actions, goals, notes

    table = {"goal": goals, "action": actions, "note": notes}[kind]
    with store.engine.connect() as conn:
        return agenda.live_row(conn, table, int(row_id))


def _plain(value: float | None) -> str:
    """A stored number as a user would type it back (Dutch decimal comma)."""
    if value is None:
        return ""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
