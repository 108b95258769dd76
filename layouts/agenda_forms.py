"""Gebiedsagenda forms: add and edit a goal, an action or a story (analysts only).

The forms are only sent to an analist; their save callbacks (and the page's remove) are
marked ``@changes("analist")`` and refused by the server to anyone else. Who saves is
passed to ``monitor.agenda`` explicitly (the logged-in user).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from monitor import agenda
from monitor.catalog import domain_label
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.store import Store
from web import allows, changes, current_actor, current_role, reads

#: The role that may change the agenda and the verhalen.
ROLE = "analist"


def may_edit() -> bool:
    """Whether the current user sees the forms (the server checks again on saving)."""
    return allows(current_role(), ROLE)


def field(label_key: str, control: Any, lang: str, hint: str | None = None) -> html.Label:
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
            field("agenda.field.doel", dcc.Textarea(id="agenda-goal-text", rows=2), lang),
            field(
                "agenda.field.indicator",
                dcc.Dropdown(
                    _indicator_options(store, lang),
                    None,
                    id="agenda-goal-indicator",
                    placeholder=t("agenda.form.no_indicator", lang),
                ),
                lang,
            ),
            field(
                "agenda.field.streefwaarde",
                dcc.Input(id="agenda-goal-target", type="text"),
                lang,
                t("agenda.form.target_hint", lang),
            ),
            field("agenda.field.doeljaar", dcc.Input(id="agenda-goal-year", type="text"), lang),
        ],
        lang,
    )
    action_form = _form(
        "action",
        [
            field(
                "agenda.field.goal_id",
                dcc.Dropdown([], None, id="agenda-action-goal", clearable=False),
                lang,
            ),
            field("agenda.field.actie", dcc.Textarea(id="agenda-action-text", rows=2), lang),
            field("agenda.field.eigenaar", dcc.Input(id="agenda-action-owner", type="text"), lang),
            field(
                "agenda.field.status",
                dcc.Dropdown(
                    _choices("status", agenda.STATUSES, lang),
                    agenda.STATUSES[0],
                    id="agenda-action-status",
                    clearable=False,
                ),
                lang,
            ),
            field("agenda.field.reden", dcc.Textarea(id="agenda-action-reason", rows=2), lang),
        ],
        lang,
    )
    note_form = _form(
        "note",
        [
            field("agenda.field.tekst", dcc.Textarea(id="agenda-note-text", rows=4), lang),
            field(
                "agenda.field.rol",
                dcc.Dropdown(
                    _choices("role", agenda.AUTHOR_ROLES, lang), None, id="agenda-note-role"
                ),
                lang,
            ),
            field(
                "agenda.field.bron",
                dcc.Dropdown(
                    _choices("source", agenda.SOURCE_TYPES, lang), None, id="agenda-note-source"
                ),
                lang,
            ),
            field(
                "agenda.field.datum",
                dcc.Input(id="agenda-note-date", type="text", value=date.today().isoformat()),
                lang,
                t("agenda.form.date_hint", lang),
            ),
            field(
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


def refusal(exc: MonitorError, lang: str) -> html.Div:
    """A refused save: every problem as a list item, as text."""
    lines = (
        [p.text(lang) for p in exc.problems] if isinstance(exc, agenda.AgendaError) else [str(exc)]
    )
    return html.Div(
        [html.P(t("agenda.form.fix", lang)), html.Ul([html.Li(line) for line in lines])],
        className="fout agenda-problems",
    )


def clicked_id() -> Any:
    """The id of the button that fired, or PreventUpdate when a re-render fired it."""
    if not ctx.triggered or not ctx.triggered[0].get("value"):
        raise PreventUpdate
    return ctx.triggered_id


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


def register_form(app: Dash, get_store: Any, form: Form) -> None:
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
            return refusal(exc, lang), no_update, *[no_update] * len(outputs)
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
        clicked = clicked_id()
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
