"""Upload page for analysts: drop a file → report → preview → publish; history with undo
and redo, which ask first (``layouts.upload_history``).

Thin: parsing, validation, preview, publish and undo all live in ``monitor.ingest``.
The uploaded bytes are kept server-side by content hash; the browser only holds the
hash, and publishing re-validates on the server. Checking (which keeps the file),
publishing and undo need the role ``analist``: the server refuses those callbacks to
anyone else (``@changes("analist")``), and the page shows others an explanation instead
of the controls. The history is for every reader (file names and who uploaded: for
analists). A request no browser would send (a crafted callback body) gets a Dutch
message, never a 500.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any

from dash import Dash, Input, Output, State, dcc, html, no_update

from layouts import upload_history
from layouts.common import empty_state
from monitor.channel import channel
from monitor.config import get_settings
from monitor.errors import MonitorError
from monitor.ingest import budget as budget_ingest
from monitor.ingest.parse import FORMATS, ParseOptions
from monitor.ingest.upload import (
    Checked,
    Preview,
    check,
    log_check,
    publish,
    store_original,
)
from monitor.messages import t
from monitor.numbers import format_number, format_value
from monitor.scoring.coverage import upload_warning
from monitor.store import BUDGET_KIND
from web import allows, changes, current_actor, current_role, reads

#: The role that may check, publish and undo uploads.
ROLE = "analist"
#: What uploads feed: the page says when there is none of either (and what to do).
NEEDS = ("meetingen", "begroting")


def layout(store: Any, lang: str = "nl", query: dict[str, str] | None = None) -> html.Div:
    role = current_role()
    if not allows(role, ROLE):
        # Server-side: the controls are not even sent; the callbacks refuse as well.
        reason = (
            t("upload.need_login", lang)
            if role is None
            else t("upload.need_role", lang, role=t(f"role.{role}", lang))
        )
        return html.Div(
            [
                html.H2(t("upload.title", lang)),
                empty_state(store, lang, NEEDS, link=False),
                html.P(reason, className="hint", id="upload-denied"),
                html.H3(t("upload.history", lang)),
                html.Div(id="upload-history"),
            ]
        )
    return html.Div(
        [
            html.H2(t("upload.title", lang)),
            empty_state(store, lang, NEEDS, link=False),
            dcc.Upload(
                html.Div(t("upload.drop", lang)),
                id="upload-file",
                className="dropzone",
                multiple=False,
                max_size=50 * 1024 * 1024,
            ),
            html.Label(
                [
                    t("upload.kind", lang),
                    dcc.RadioItems(
                        [
                            {"label": t(f"upload.kind_{k}", lang), "value": k}
                            for k in budget_ingest.KINDS
                        ],
                        "auto",
                        id="upload-kind",
                        inline=True,
                    ),
                ],
                className="upload-kind",
            ),
            html.Details(
                [
                    html.Summary(t("upload.options", lang)),
                    html.Label(
                        [
                            t("upload.format", lang),
                            dcc.Dropdown(
                                list(FORMATS), "auto", id="upload-format", clearable=False
                            ),
                        ]
                    ),
                    html.Label(
                        [
                            t("upload.code_pattern", lang),
                            dcc.Input(id="upload-code-pattern", type="text", debounce=True),
                        ]
                    ),
                    html.Label(
                        [
                            t("upload.indicator", lang),
                            dcc.Input(id="upload-indicator", type="text", debounce=True),
                        ]
                    ),
                    html.Label(
                        [
                            t("upload.period", lang),
                            dcc.Input(id="upload-period", type="number", debounce=True),
                        ]
                    ),
                    html.Label(
                        [
                            t("upload.map", lang),
                            dcc.Input(id="upload-map", type="text", debounce=True),
                        ]
                    ),
                ],
                className="upload-options",
            ),
            dcc.Store(id="upload-staged"),
            dcc.Loading(
                html.Div(id="upload-report"),
                type="default",
                overlay_style={"visibility": "visible", "opacity": 0.5},
            ),
            html.Div(
                [
                    dcc.Checklist(
                        [{"label": t("upload.confirm", lang), "value": "ja"}],
                        [],
                        id="upload-confirm",
                    ),
                    # Enabled only for a checked file without errors (see ``checked``).
                    html.Button(t("upload.publish", lang), id="upload-publish", disabled=True),
                ],
                id="upload-actions",
            ),
            html.Div(id="upload-result", role="status"),
            html.H3(t("upload.history", lang)),
            html.Div(id="upload-history"),
        ]
    )


def _text(value: Any, what: str) -> str | None:
    """A text field of a callback as the browser sends it (a string, or nothing); any
    other shape is a crafted request, refused with a message."""
    if value is None or isinstance(value, str):
        return value or None
    raise MonitorError(t("upload.bad_request", what=what))


def _period(value: Any) -> int | None:
    """The year field: empty, or a whole number (``2024``, ``"2024"``, ``2024.0``)."""
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise MonitorError(t("upload.bad_request", what="periode"))
    text = str(value).strip()
    try:
        number = float(text)
    except ValueError:
        number = float("nan")
    if not (number == number and number.is_integer() and abs(number) < 10_000):
        raise MonitorError(t("upload.bad_period", value=text[:20]))
    return int(number)


def _options(fmt: Any, pattern: Any, indicator: Any, period: Any, mapping: Any) -> ParseOptions:
    """The parse options of the page's fields; a value no browser sends is refused."""
    rename = {}
    for part in (_text(mapping, "kolommen") or "").split(","):
        if "=" in part:
            old, new = part.split("=", 1)
            rename[old.strip()] = new.strip()
    return ParseOptions(
        format=_text(fmt, "formaat") or "auto",
        code_pattern=_text(pattern, "codepatroon"),
        indicator=(_text(indicator, "indicator") or "").strip() or None,
        period=_period(period),
        rename=rename,
    )


def _contents(contents: Any) -> bytes:
    """The file of an upload field: a data URL (``data:…;base64,<bytes>``)."""
    if not isinstance(contents, str) or "," not in contents:
        raise MonitorError(t("upload.bad_request", what="bestand"))
    try:
        return base64.b64decode(contents.split(",", 1)[1], validate=True)
    except (binascii.Error, ValueError):
        raise MonitorError(t("upload.bad_request", what="bestand")) from None


def _table(headers: list[str], rows: list[list[Any]], table_id: str) -> html.Table:
    return html.Table(
        [
            html.Tr([html.Th(h) for h in headers]),
            *[html.Tr([html.Td(c) for c in row]) for row in rows],
        ],
        id=table_id,
        className="data",
    )


def render_report(checked: Checked, lang: str) -> list[Any]:
    """Report, skipped lines and preview; all user content rendered as text."""
    report = checked.report
    parts: list[Any] = [
        html.P(
            t(
                "upload.summary_budget" if checked.kind == BUDGET_KIND else "upload.summary",
                lang,
                name=checked.name,
                format=checked.parsed.format,
                rows=len(checked.parsed.frame),
                errors=len(report.errors),
                warnings=len(report.warnings),
            ),
            id="upload-summary",
        ),
        html.H3(t("upload.report", lang)),
    ]
    lines = report.lines()
    parts.append(
        html.Ul(
            [
                html.Li(line, className="fout" if line.startswith("Fout") else "waarschuwing")
                for line in lines
            ],
            id="upload-problems",
        )
        if lines
        else html.P(t("upload.no_problems", lang))
    )
    if report.skipped:
        parts.append(
            html.Details(
                [
                    html.Summary(f"{t('upload.skipped', lang)} ({len(report.skipped)})"),
                    html.Ul([html.Li(s) for s in report.skipped]),
                ]
            )
        )
    if checked.kind == BUDGET_KIND and checked.preview is not None:
        parts += render_budget_preview(checked.preview, lang)
    elif checked.preview is not None:
        table = checked.preview.table
        parts += [
            html.H3(t("upload.preview", lang)),
            _table(
                [
                    t(f"col.{c}", lang)
                    for c in ("indicator", "period", "nieuw", "gewijzigd", "ongewijzigd")
                ],
                [list(r) for r in table.itertuples(index=False)],
                "upload-preview",
            ),
        ]
        parts += _incomplete(checked.preview, lang)
        changes = checked.preview.changes.head(50)
        if not changes.empty:
            parts += [
                html.H4(t("upload.changed_values", lang)),
                _table(
                    [t(f"col.{c}", lang) for c in ("code", "indicator", "period", "oud", "nieuw")],
                    [
                        [
                            r.code,
                            r.indicator_id,
                            r.period,
                            format_number(r.oud, 2, lang),
                            format_number(r.nieuw, 2, lang),
                        ]
                        for r in changes.itertuples()
                    ],
                    "upload-changes",
                ),
            ]
    return parts


def _incomplete(preview: Preview, lang: str) -> list[Any]:
    """The warning about indicator-years that would get no colours (publishing stays
    allowed)."""
    if not preview.incomplete:
        return []
    return [
        html.Div(
            [
                html.H4(t("coverage.upload_title", lang)),
                html.Ul([html.Li(upload_warning(c, lang)) for c in preview.incomplete]),
                html.P(t("coverage.upload_note", lang, code=preview.city_code or "?")),
            ],
            id="upload-coverage",
            className="waarschuwing",
            role="status",
        )
    ]


def render_budget_preview(preview: Preview, lang: str) -> list[Any]:
    """The preview of a budget file: new, changed and unchanged lines per programme and
    year, and the changed lines with old and new amounts (all as text)."""

    def euro(value: float) -> str:
        return format_value(value, "€", 2, lang)

    heads = ("programme", "year", "nieuw", "gewijzigd", "ongewijzigd")
    parts: list[Any] = [
        html.H3(t("upload.preview", lang)),
        _table(
            [t(f"col.{c}", lang) for c in heads],
            [list(r) for r in preview.table.itertuples(index=False)],
            "upload-preview",
        ),
    ]
    changes = preview.changes.head(50)
    if not changes.empty:
        heads = (
            "code",
            "year",
            "programme",
            "description",
            "planned_old",
            "planned_new",
            "realised_old",
            "realised_new",
        )
        parts += [
            html.H4(t("upload.changed_values", lang)),
            _table(
                [t(f"col.{c}", lang) for c in heads],
                [
                    [
                        r.code,
                        r.year,
                        r.programme,
                        r.description,
                        euro(r.planned_oud),
                        euro(r.planned),
                        euro(r.realised_oud),
                        euro(r.realised),
                    ]
                    for r in changes.itertuples()
                ],
                "upload-changes",
            ),
        ]
    return parts


def register(app: Dash, get_store: Any) -> None:
    """Callbacks of the upload page."""

    @app.callback(
        Output("upload-report", "children"),
        Output("upload-staged", "data"),
        Output("upload-result", "children", allow_duplicate=True),
        Output("upload-publish", "disabled"),
        Input("upload-file", "contents"),
        Input("upload-format", "value"),
        Input("upload-code-pattern", "value"),
        Input("upload-indicator", "value"),
        Input("upload-period", "value"),
        Input("upload-map", "value"),
        Input("upload-kind", "value"),
        State("upload-file", "filename"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @changes(ROLE)
    def checked(
        contents: str | None,
        fmt: str,
        pattern: str | None,
        indicator: str | None,
        period: Any,
        mapping: str | None,
        kind: str | None,
        filename: str | None,
        lang: str,
    ):
        if not contents:
            return no_update, no_update, no_update, no_update
        name = filename if isinstance(filename, str) and filename else "upload"
        store = get_store()
        try:
            raw = _contents(contents)
            options = _options(fmt, pattern, indicator, period, mapping)
            kind = _text(kind, "soort")
            with channel("web"):  # hints name this page's controls, not CLI commands
                result = _check(store, raw, name, options, kind)
        except MonitorError as exc:
            return html.P(str(exc), className="fout", id="upload-error"), None, None, True
        sha = store_original(raw, result.sha256)
        log_check(store, result, current_actor())
        staged = {
            "sha256": sha.name,
            "name": name,
            "fmt": fmt,
            "pattern": pattern,
            "indicator": indicator,
            "period": period,
            "mapping": mapping,
            "kind": getattr(result, "kind", "meetingen"),
        }
        # A new file clears old results; Publiceren stays off while errors are listed.
        return render_report(result, lang), staged, None, not result.report.ok

    @app.callback(
        Output("upload-history", "children"),
        Input("upload-history", "id"),
        State("lang", "data"),
    )
    @reads
    def history(_init: str, lang: str):
        return upload_history.history(get_store(), lang or "nl")

    upload_history.register(app, get_store)

    @app.callback(
        Output("upload-result", "children"),
        Output("upload-history", "children", allow_duplicate=True),
        Input("upload-publish", "n_clicks"),
        State("upload-staged", "data"),
        State("upload-confirm", "value"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @changes(ROLE)
    def act(publish_clicks: int | None, staged: dict | None, confirm: list[str], lang: str):
        """Publish; the file is checked again on the server first. (Undo and redo, which
        ask first: ``layouts.upload_history``.)"""
        if not (publish_clicks and staged):
            return no_update, no_update
        with channel("web"):
            message = _publish_staged(get_store(), staged, bool(confirm), lang)
        return message, upload_history.history(get_store(), lang or "nl")


def _publish_staged(store: Any, staged: Any, confirm: bool, lang: str) -> html.P:
    """Publish the staged file; a staged value of any other shape than the check left
    (a crafted request) is refused with a message."""
    sha = staged.get("sha256") if isinstance(staged, dict) else None
    if not isinstance(sha, str) or not re.fullmatch(r"[0-9a-f]{64}", sha):
        return html.P(t("upload.bad_request", lang, what="upload-staged"), className="fout")
    path = get_settings().data_dir / "uploads" / sha
    if not path.is_file():
        return html.P(t("upload.has_errors", lang), className="fout")
    try:
        options = _options(
            *(staged.get(k) for k in ("fmt", "pattern", "indicator", "period")),
            staged.get("mapping"),
        )
        name = _text(staged.get("name"), "naam") or "upload"
        kind = _text(staged.get("kind"), "soort")
        checked = _check(store, path.read_bytes(), name, options, kind)
        run = budget_ingest.publish if checked.kind == BUDGET_KIND else publish
        upload_id = run(store, checked, uploader=current_actor(), confirm_changes=confirm)
    except MonitorError as exc:
        return html.P(str(exc), className="fout", id="upload-error")
    key = "upload.published_budget" if checked.kind == BUDGET_KIND else None
    return html.P(
        t(key or "upload.published", lang, id=upload_id, rows=len(checked.report.frame)),
        id="upload-published",
    )


def _check(store: Any, raw: bytes, name: str, options: ParseOptions, kind: str | None) -> Any:
    """Meetingen or a budget file (begroting): as chosen, or recognised by its header."""
    if kind not in ("meetingen", "begroting"):
        kind = budget_ingest.sniff_kind(raw, name, options.sheet)
    if kind == "begroting":
        return budget_ingest.check(store, raw, name, options)
    return check(store, raw, name, options)
