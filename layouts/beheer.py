"""Beheer (administration): users, roles, disabling, API tokens, recomputing the scores
(``layouts.beheer_rebuild``), and the audit log with a CSV export.

Only a ``beheerder`` sees anything here. The layout checks the role on the server (it is
rendered per request), the callbacks carry ``@changes("beheerder")`` or
``@needs("beheerder")``, and the CSV export is a Flask view with the same mark. New and
reset passwords are generated on the server and shown once; nobody types a password
into this page. API tokens too are shown once, when they are made.
"""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, State, ctx, dcc, html, no_update
from flask import Response

from layouts import beheer_rebuild
from layouts.common import empty_state
from monitor import audit, tokens, users
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.numbers import format_number
from monitor.times import format_time
from web import ROLES, allows, changes, current_actor, current_role, needs

ROLE = "beheerder"
#: Audit lines shown on the page; the export has all of them.
AUDIT_SHOWN = 200
EXPORT_PATH = "/beheer/audit.csv"


def layout(store: Any, lang: str = "nl", query: dict[str, str] | None = None) -> html.Div:
    if not allows(current_role(), ROLE):
        return html.Div(
            [html.H2(t("beheer.title", lang)), html.P(t("beheer.denied", lang), id="beheer-denied")]
        )
    role_options = [{"label": t(f"role.{r}", lang), "value": r} for r in ROLES]
    return html.Div(
        [
            html.H2(t("beheer.title", lang)),
            empty_state(store, lang),  # the pages show nothing: say why, here too
            html.H3(t("beheer.users", lang)),
            html.Div(_users_table(store, lang), id="beheer-users"),
            html.Div(
                [
                    html.Fieldset(
                        [
                            html.Legend(t("beheer.add", lang)),
                            html.Label(
                                [
                                    t("beheer.name", lang),
                                    dcc.Input(id="beheer-new-name", type="text", maxLength=120),
                                ]
                            ),
                            html.Label(
                                [
                                    t("beheer.role", lang),
                                    dcc.Dropdown(
                                        role_options, "lezer", id="beheer-new-role", clearable=False
                                    ),
                                ]
                            ),
                            html.Button(t("beheer.add_button", lang), id="beheer-add"),
                        ]
                    ),
                    html.Fieldset(
                        [
                            html.Legend(t("beheer.change", lang)),
                            html.Label(
                                [
                                    t("beheer.user", lang),
                                    dcc.Dropdown(_user_options(store), id="beheer-user"),
                                ]
                            ),
                            html.Label(
                                [
                                    t("beheer.role", lang),
                                    dcc.Dropdown(
                                        role_options, "lezer", id="beheer-role", clearable=False
                                    ),
                                ]
                            ),
                            html.Div(
                                [
                                    html.Button(
                                        t("beheer.role_button", lang), id="beheer-set-role"
                                    ),
                                    html.Button(t("beheer.reset_button", lang), id="beheer-reset"),
                                    html.Button(
                                        t("beheer.disable_button", lang), id="beheer-disable"
                                    ),
                                    html.Button(
                                        t("beheer.enable_button", lang), id="beheer-enable"
                                    ),
                                    html.Button(
                                        t("beheer.remove_button", lang), id="beheer-remove"
                                    ),
                                ],
                                className="export-buttons",
                            ),
                            dcc.Checklist(
                                [{"label": t("beheer.remove_confirm", lang), "value": "ja"}],
                                [],
                                id="beheer-remove-confirm",
                            ),
                        ]
                    ),
                    html.Fieldset(
                        [
                            html.Legend(t("beheer.tokens", lang)),
                            html.Label(
                                [
                                    t("beheer.token_name", lang),
                                    dcc.Input(id="beheer-token-name", type="text", maxLength=80),
                                ]
                            ),
                            html.Button(t("beheer.token_button", lang), id="beheer-token"),
                            html.Label(
                                [
                                    t("beheer.token_id", lang),
                                    dcc.Input(id="beheer-token-id", type="number", min=1),
                                ]
                            ),
                            html.Button(t("beheer.revoke_button", lang), id="beheer-revoke"),
                        ]
                    ),
                ],
                className="beheer-forms",
            ),
            html.Div(id="beheer-result", role="status"),
            beheer_rebuild.section(lang),
            html.H3(t("beheer.tokens", lang)),
            html.Div(_tokens_table(store, lang), id="beheer-tokens"),
            html.H3(t("beheer.audit", lang)),
            html.Div(
                [
                    html.Label(
                        [
                            t("beheer.audit_filter", lang),
                            dcc.Input(id="beheer-audit-filter", type="search", debounce=True),
                        ]
                    ),
                    html.A(
                        t("beheer.audit_export", lang),
                        href=EXPORT_PATH,
                        id="beheer-audit-export",
                        className="export-button",
                    ),
                ],
                className="export-buttons",
            ),
            html.Div(id="beheer-audit"),
        ]
    )


def _user_options(store: Any) -> list[str]:
    return users.frame(store)["username"].tolist()


def _when(value: Any, lang: str = "nl") -> str:
    """A stored (UTC) time in Amsterdam time, with its zone: ``1 mrt 2025 10:00 CET``."""
    return format_time(value, lang)


def _table(headers: list[str], rows: list[list[Any]], table_id: str) -> html.Table:
    """Every cell is plain text: names and targets can hold anything a user typed."""
    return html.Table(
        [
            html.Tr([html.Th(h) for h in headers]),
            *[html.Tr([html.Td(str(c)) for c in row]) for row in rows],
        ],
        id=table_id,
        className="data",
    )


def _users_table(store: Any, lang: str) -> html.Table:
    frame = users.frame(store)
    columns = ("username", "role", "display_name", "disabled", "created_at", "last_login_at")
    rows = [
        [
            r.username,
            t(f"role.{r.role}", lang),
            r.display_name or "",
            t("beheer.yes", lang) if r.disabled else "",
            _when(r.created_at, lang),
            _when(r.last_login_at, lang),
        ]
        for r in frame.itertuples()
    ]
    return _table([t(f"col.{c}", lang) for c in columns], rows, "beheer-users-table")


def _tokens_table(store: Any, lang: str) -> Any:
    """Every API token by number, never the token itself (only its first characters)."""
    frame = tokens.frame(store)
    if frame.empty:
        return html.P(t("beheer.no_tokens", lang), className="hint")
    columns = ("id", "username", "name", "prefix", "created_at", "created_by", "last_used_at")
    rows = [
        [
            r.id,
            r.username,
            r.name,
            r.prefix + "…",
            _when(r.created_at, lang),
            r.created_by,
            _when(r.last_used_at, lang),
        ]
        for r in frame.itertuples()
    ]
    return _table([t(f"col.{c}", lang) for c in columns], rows, "beheer-tokens-table")


def _audit_table(store: Any, text: str | None, lang: str) -> list[Any]:
    frame = audit.entries(store)
    total = len(frame)
    if text:
        needle = text.strip().lower()
        hay = (
            frame["actor"].fillna("")
            + " "
            + frame["action"].fillna("")
            + " "
            + frame["action"].fillna("").map(lambda a: audit.action_label(a, lang))
            + " "
            + frame["target"].fillna("")
        ).str.lower()
        frame = frame[hay.str.contains(needle, regex=False)]
    shown = frame.head(AUDIT_SHOWN)
    columns = ("at", "actor", "action", "target", "detail")
    rows = [
        [
            _when(r.at, lang),
            r.actor,
            audit.action_label(r.action, lang),
            r.target or "",
            r.detail or "",
        ]
        for r in shown.itertuples()
    ]
    return [
        html.P(
            t(
                "beheer.audit_shown",
                lang,
                shown=format_number(len(shown), 0, lang),
                total=format_number(total, 0, lang),
            ),
            className="hint",
        ),
        _table([t(f"col.{c}", lang) for c in columns], rows, "beheer-audit-table"),
    ]


def _token_number(value: Any) -> int:
    """The token number typed on the page (anything else: no such token)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        raise MonitorError(t("token.unknown", id=str(value)[:20])) from None


def register(app: Dash, get_store: Any) -> None:
    """Callbacks of the beheer page, and the audit export view."""
    beheer_rebuild.register(app, get_store)

    @app.callback(
        Output("beheer-result", "children"),
        Output("beheer-users", "children"),
        Output("beheer-user", "options"),
        Output("beheer-tokens", "children"),
        Input("beheer-add", "n_clicks"),
        Input("beheer-set-role", "n_clicks"),
        Input("beheer-reset", "n_clicks"),
        Input("beheer-remove", "n_clicks"),
        Input("beheer-disable", "n_clicks"),
        Input("beheer-enable", "n_clicks"),
        Input("beheer-token", "n_clicks"),
        Input("beheer-revoke", "n_clicks"),
        State("beheer-new-name", "value"),
        State("beheer-new-role", "value"),
        State("beheer-user", "value"),
        State("beheer-role", "value"),
        State("beheer-remove-confirm", "value"),
        State("beheer-token-name", "value"),
        State("beheer-token-id", "value"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @changes(ROLE)
    def manage(
        _add: int | None,
        _set_role: int | None,
        _reset: int | None,
        _remove: int | None,
        _disable: int | None,
        _enable: int | None,
        _token: int | None,
        _revoke: int | None,
        new_name: str | None,
        new_role: str | None,
        user: str | None,
        role: str | None,
        confirm: list[str] | None,
        token_name: str | None,
        token_id: Any,
        lang: str | None,
    ):
        """Add, change the role of, reset, disable, enable or remove a user, make or revoke
        an API token; each writes an audit line."""
        lang = lang or "nl"
        store = get_store()
        actor = current_actor()
        action = ctx.triggered_id
        if not ctx.triggered or not ctx.triggered[0]["value"]:
            return no_update, no_update, no_update, no_update
        message: list[Any]
        try:
            if action == "beheer-revoke":
                number = _token_number(token_id)
                owner = tokens.revoke(store, number, actor=actor)
                message = [html.P(t("beheer.revoked", lang, id=number, user=owner))]
                return message, no_update, no_update, _tokens_table(store, lang)
            if action == "beheer-add":
                password = users.generate_password()
                account = users.add(store, new_name or "", password, new_role or "", actor=actor)
                message = [
                    html.P(t("beheer.added", lang, user=account.username, role=account.role)),
                    html.Code(password, id="beheer-password"),
                ]
            elif not user:
                message = [html.P(t("beheer.choose_user", lang), className="fout")]
            elif action == "beheer-set-role":
                users.set_role(store, user, role or "", actor=actor)
                message = [html.P(t("beheer.role_changed", lang, user=user, role=role))]
            elif action == "beheer-reset":
                password = users.generate_password()
                users.set_password(store, user, password, actor=actor)
                message = [
                    html.P(t("beheer.reset", lang, user=user)),
                    html.Code(password, id="beheer-password"),
                ]
            elif action in ("beheer-disable", "beheer-enable"):
                disabled = action == "beheer-disable"
                users.set_disabled(store, user, disabled, actor=actor)
                key = "beheer.disabled" if disabled else "beheer.enabled"
                message = [html.P(t(key, lang, user=user))]
            elif action == "beheer-token":
                label = (token_name or "").strip() or "token"
                number, token = tokens.create(store, user, label, actor=actor)
                message = [
                    html.P(t("beheer.token_made", lang, name=label, user=user, id=number)),
                    html.Code(token, id="beheer-token-value"),
                ]
            elif action == "beheer-remove":
                if not confirm:
                    message = [html.P(t("beheer.remove_unconfirmed", lang), className="fout")]
                else:
                    users.remove(store, user, actor=actor)
                    message = [html.P(t("beheer.removed", lang, user=user))]
            else:
                return no_update, no_update, no_update, no_update
        except MonitorError as exc:
            message = [html.P(str(exc), className="fout", id="beheer-error")]
        tokens_now = _tokens_table(store, lang)
        return message, _users_table(store, lang), _user_options(store), tokens_now

    @app.callback(
        Output("beheer-audit", "children"),
        Input("beheer-audit-filter", "value"),
        Input("beheer-result", "children"),
        Input("beheer-rebuild-result", "children"),
        State("lang", "data"),
    )
    @needs(ROLE)
    def audit_table(text: str | None, _changed: Any, _rebuilt: Any, lang: str | None):
        return _audit_table(get_store(), text, lang or "nl")

    @app.server.route(EXPORT_PATH, endpoint="beheer_audit_csv")
    @needs(ROLE)
    def audit_csv() -> Response:
        return Response(
            "\ufeff" + audit.to_csv(get_store()),  # BOM: Excel reads UTF-8
            mimetype="text/csv",
            headers={"Content-Disposition": 'attachment; filename="auditlog.csv"'},
        )
