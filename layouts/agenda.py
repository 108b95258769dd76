"""Gebiedsagenda: an area's goals with actions and progress, and its verhalen; forms to
add, edit and remove them (analysts only).

Thin: checks, storage, the audit log and progress live in ``monitor.agenda``. Everything
a user typed is passed to Dash as text children, never as markup, so a note reading
``<script>`` shows those characters. The forms are only sent to an analist; the save
and remove callbacks are marked ``@changes("analist")`` and refused by the server to
anyone else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote, urlencode

from dash import ALL, Dash, Input, Output, State, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from layouts import urlstate
from layouts.common import context, empty_page, empty_state, fictional_banner
from monitor import agenda
from monitor.auth import allows, changes, current_actor, current_role, reads
from monitor.catalog import domain_label
from monitor.emptiness import contents
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


def _form(kind: str, fields: list[Any], lang: str) -> html.Section:
    """A form's frame: title, the id of the row it edits (None: a new one), its fields,
    save and cancel, and where its messages go; ids as :class:`Form` expects them."""
    prefix = f"agenda-{kind}"
    return html.Section(
        [
            html.H3(t(f"agenda.form.{kind}", lang), id=f"{prefix}-title"),
            dcc.Store(id=f"{prefix}-id"),
            *fields,
            _buttons_row(prefix, lang),
            html.Div(id=f"{prefix}-msg", role="status"),
        ],
        className="agenda-form",
        id=f"{prefix}-form",
    )


def forms(store: Store, lang: str) -> html.Div:
    """The three forms: goal, action, note. Each keeps the id it edits in a Store."""
    goal_form = _form(
        "goal",
        [
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
        ],
        lang,
    )
    action_form = _form(
        "action",
        [
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
        ],
        lang,
    )
    note_form = _form(
        "note",
        [
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
        ],
        lang,
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
            {"label": f"{r.id}: {_shorten(r.text)}", "value": int(r.id)} for r in frame.itertuples()
        ]

    for form in FORMS:
        _register_form(app, get_store, form)

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
            remover(get_store(), row_id, actor=current_actor(), lang=lang)
        except MonitorError as exc:
            return _problems(exc, lang), no_update
        return (
            html.P(t(f"agenda.removed.{kind}", lang, id=row_id), id="agenda-removed"),
            (version or 0) + 1,
        )


# -- the three forms -----------------------------------------------------------------


@dataclass(frozen=True)
class Form:
    """One edit form (goal, action or note): its controls, what an empty form holds,
    how a stored row fills it and which ``monitor.agenda`` function saves it.

    Control ids are ``agenda-<kind>-<field>``; every form also has ``-id`` (the row it
    edits, None for a new one), ``-title``, ``-save``, ``-cancel`` and ``-msg``.
    """

    kind: str
    fields: tuple[str, ...]
    blank: Callable[[], dict[str, Any]]
    fill: Callable[[dict[str, Any]], dict[str, Any]]
    save: Callable[[Store, Any, str, dict[str, Any], str, str], Any]


def _save_goal(
    store: Store, row_id: Any, code: str, v: dict[str, Any], actor: str, lang: str
) -> Any:
    values = {"text": v["text"], "indicator": v["indicator"], "target": v["target"]}
    values |= {"year": v["year"], "actor": actor, "lang": lang}
    if row_id:
        return agenda.update_goal(store, row_id, **values)
    return agenda.add_goal(store, store.division_id(), code=code, **values)


def _save_action(
    store: Store, row_id: Any, _code: str, v: dict[str, Any], actor: str, lang: str
) -> Any:
    values = {"text": v["text"], "owner": v["owner"], "status": v["status"]}
    values |= {"reason": v["reason"], "actor": actor, "lang": lang}
    if row_id:
        return agenda.update_action(store, row_id, **values)
    return agenda.add_action(store, v["goal"], **values)


def _save_note(
    store: Store, row_id: Any, code: str, v: dict[str, Any], actor: str, lang: str
) -> Any:
    values = {"text": v["text"], "author_role": v["role"], "source_type": v["source"]}
    values |= {"date": v["date"], "period": v["period"], "actor": actor, "lang": lang}
    if row_id:
        return agenda.update_note(store, row_id, **values)
    return agenda.add_note(store, store.division_id(), code=code, **values)


FORMS = (
    Form(
        "goal",
        ("text", "indicator", "target", "year"),
        lambda: {"text": "", "indicator": None, "target": "", "year": ""},
        lambda goal: {
            "text": goal["text"],
            "indicator": goal["indicator_id"],
            "target": "NAP" if goal["target_kind"] == "nap" else _plain(goal["target_value"]),
            "year": "" if goal["target_year"] is None else str(goal["target_year"]),
        },
        _save_goal,
    ),
    Form(
        "action",
        ("goal", "text", "owner", "status", "reason"),
        # The goal stays chosen: the next action is often for the same goal.
        lambda: {
            "goal": no_update,
            "text": "",
            "owner": "",
            "status": agenda.STATUSES[0],
            "reason": "",
        },
        lambda act: {
            "goal": act["goal_id"],
            "text": act["text"],
            "owner": act["owner"],
            "status": act["status"],
            "reason": act["reason"] or "",
        },
        _save_action,
    ),
    Form(
        "note",
        ("text", "role", "source", "date", "period"),
        lambda: {
            "text": "",
            "role": None,
            "source": None,
            "date": date.today().isoformat(),
            "period": "",
        },
        lambda note: {
            "text": note["text"],
            "role": note["author_role"],
            "source": note["source_type"],
            "date": agenda.as_date(note["date"]).isoformat(),
            "period": str(note["period"]),
        },
        _save_note,
    ),
)


def _register_form(app: Dash, get_store: Any, form: Form) -> None:
    """A form's two callbacks: save (add or update; analist) and fill (edit or cancel)."""
    prefix = f"agenda-{form.kind}"
    outputs = [
        Output(f"{prefix}-id", "data", allow_duplicate=True),
        Output(f"{prefix}-title", "children", allow_duplicate=True),
        *(Output(f"{prefix}-{name}", "value", allow_duplicate=True) for name in form.fields),
    ]

    def shown(row_id: Any, values: dict[str, Any], lang: str) -> tuple:
        """The form's outputs: which row, the title, and the value of every control."""
        title = (
            t(f"agenda.form.{form.kind}_edit", lang, id=row_id)
            if row_id is not None
            else t(f"agenda.form.{form.kind}", lang)
        )
        return (row_id, title, *(values[name] for name in form.fields))

    @app.callback(
        Output(f"{prefix}-msg", "children"),
        Output("agenda-version", "data", allow_duplicate=True),
        *outputs,
        Input(f"{prefix}-save", "n_clicks"),
        State("agenda-area", "value"),
        State(f"{prefix}-id", "data"),
        *(State(f"{prefix}-{name}", "value") for name in form.fields),
        State("agenda-version", "data"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @changes(ROLE)
    def save(clicks: int | None, code: str | None, row_id: Any, *rest: Any):
        *typed, version, lang = rest
        lang = lang or "nl"
        if not clicks:
            raise PreventUpdate
        values = dict(zip(form.fields, typed, strict=True))
        try:
            form.save(get_store(), row_id, code or "", values, current_actor(), lang)
        except MonitorError as exc:
            return _problems(exc, lang), no_update, *[no_update] * len(outputs)
        saved = html.P(t(f"agenda.saved.{form.kind}", lang), id=f"{prefix}-saved")
        return saved, (version or 0) + 1, *shown(None, form.blank(), lang)

    @app.callback(
        *outputs,
        Output(f"{prefix}-msg", "children", allow_duplicate=True),
        Input({"type": f"agenda-edit-{form.kind}", "index": ALL}, "n_clicks"),
        Input(f"{prefix}-cancel", "n_clicks"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @reads
    def fill(_edits: list, _cancel: int | None, lang: str | None):
        """Fill the form with a stored row (or empty it again)."""
        lang = lang or "nl"
        clicked = _clicked()
        if clicked == f"{prefix}-cancel":
            return *shown(None, form.blank(), lang), None
        row = agenda.stored_row(get_store(), form.kind, clicked["index"])
        if row is None:
            raise PreventUpdate
        return *shown(row["id"], form.fill(row), lang), None


def _plain(value: float | None) -> str:
    """A stored number as a user would type it back (Dutch decimal comma)."""
    if value is None:
        return ""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
