"""Upload page for analysts: drop a file → report → preview → publish; history with undo.

Thin: parsing, validation, preview, publish and undo all live in ``monitor.ingest``.
The uploaded bytes are kept server-side by content hash; the browser only holds the
hash, and publishing re-validates on the server. Publishing and undo are behind the
``MONITOR_UI_PUBLISH`` switch (off by default) until accounts and roles exist.
"""

from __future__ import annotations

import base64
from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, dcc, html, no_update

from monitor.config import get_settings
from monitor.errors import MonitorError
from monitor.ingest.parse import FORMATS, ParseOptions
from monitor.ingest.upload import Checked, check, publish, store_original
from monitor.messages import t
from monitor.numbers import format_number

#: Who publishes from the app until accounts exist (the roles issue replaces this).
APP_USER = "app (zonder login)"


def layout(store: Any, lang: str = "nl", query: dict[str, str] | None = None) -> html.Div:
    settings = get_settings()
    return html.Div(
        [
            html.H2(t("upload.title", lang)),
            dcc.Upload(
                html.Div(t("upload.drop", lang)),
                id="upload-file",
                className="dropzone",
                multiple=False,
                max_size=50 * 1024 * 1024,
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
                    html.Button(
                        t("upload.publish", lang),
                        id="upload-publish",
                        disabled=not settings.ui_publish,
                    ),
                    None
                    if settings.ui_publish
                    else html.P(t("upload.publish_disabled", lang), className="hint"),
                ],
                id="upload-actions",
            ),
            html.Div(id="upload-result", role="status"),
            html.H3(t("upload.history", lang)),
            html.Div(id="upload-history"),
        ]
    )


def _options(
    fmt: str, pattern: str | None, indicator: str | None, period: Any, mapping: str | None
) -> ParseOptions:
    rename = {}
    for part in (mapping or "").split(","):
        if "=" in part:
            old, new = part.split("=", 1)
            rename[old.strip()] = new.strip()
    return ParseOptions(
        format=fmt or "auto",
        code_pattern=pattern or None,
        indicator=(indicator or "").strip() or None,
        period=int(period) if period not in (None, "") else None,
        rename=rename,
    )


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
                "upload.summary",
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
    if checked.preview is not None:
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


def _history(get_store: Any, lang: str) -> html.Table:
    frame = get_store().uploads_frame().sort_values("id", ascending=False).head(50)
    allowed = get_settings().ui_publish
    rows = [
        [
            r.id,
            r.kind,
            r.filename or "",
            r.uploader or "",
            f"{r.created_at:%Y-%m-%d %H:%M}",
            r.row_count,
            r.status,
            html.Button(
                t("upload.undo", lang),
                id={"type": "undo-upload", "index": int(r.id)},
                disabled=not allowed or r.status != "published",
            ),
        ]
        for r in frame.itertuples()
    ]
    headers = [
        t(f"col.{c}", lang) for c in ("id", "kind", "file", "uploader", "time", "rows", "status")
    ]
    return _table([*headers, ""], rows, "upload-history-table")


def register(app: Dash, get_store: Any) -> None:
    """Callbacks of the upload page."""

    @app.callback(
        Output("upload-report", "children"),
        Output("upload-staged", "data"),
        Output("upload-result", "children", allow_duplicate=True),
        Input("upload-file", "contents"),
        Input("upload-format", "value"),
        Input("upload-code-pattern", "value"),
        Input("upload-indicator", "value"),
        Input("upload-period", "value"),
        Input("upload-map", "value"),
        State("upload-file", "filename"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    def checked(
        contents: str | None,
        fmt: str,
        pattern: str | None,
        indicator: str | None,
        period: Any,
        mapping: str | None,
        filename: str | None,
        lang: str,
    ):
        if not contents:
            return no_update, no_update, no_update
        raw = base64.b64decode(contents.split(",", 1)[1])
        name = filename or "upload"
        store = get_store()
        try:
            options = _options(fmt, pattern, indicator, period, mapping)
            result = check(store, raw, name, options)
        except MonitorError as exc:
            return html.P(str(exc), className="fout", id="upload-error"), None, None
        sha = store_original(raw, result.sha256)
        staged = {
            "sha256": sha.name,
            "name": name,
            "fmt": fmt,
            "pattern": pattern,
            "indicator": indicator,
            "period": period,
            "mapping": mapping,
        }
        return render_report(result, lang), staged, None  # a new file clears old results

    @app.callback(
        Output("upload-result", "children"),
        Output("upload-history", "children"),
        Input("upload-publish", "n_clicks"),
        Input({"type": "undo-upload", "index": ALL}, "n_clicks"),
        Input("upload-result", "id"),
        State("upload-staged", "data"),
        State("upload-confirm", "value"),
        State("lang", "data"),
    )
    def act(
        _publish_clicks: int | None,
        _undo: list,
        _init: str,
        staged: dict | None,
        confirm: list[str],
        lang: str,
    ):
        """Publish or undo; both re-checked on the server and behind the switch."""
        trigger = ctx.triggered_id
        message: Any = None
        if trigger in ("upload-publish",) or isinstance(trigger, dict):
            if not get_settings().ui_publish:
                message = html.P(t("upload.publish_disabled", lang), className="fout")
            elif trigger == "upload-publish" and staged:
                message = _publish_staged(get_store(), staged, bool(confirm), lang)
            elif isinstance(trigger, dict) and any(_undo):
                upload_id = int(trigger["index"])
                try:
                    restored = get_store().undo_upload(upload_id, by=APP_USER)
                    message = html.P(t("upload.undone", lang, id=upload_id, restored=restored))
                except (ValueError, LookupError) as exc:
                    message = html.P(str(exc), className="fout")
        return message, _history(get_store, lang)


def _publish_staged(store: Any, staged: dict, confirm: bool, lang: str) -> html.P:
    path = get_settings().data_dir / "uploads" / staged["sha256"]
    if not staged["sha256"].isalnum() or not path.is_file():
        return html.P(t("upload.has_errors", lang), className="fout")
    try:
        options = _options(
            staged["fmt"],
            staged["pattern"],
            staged["indicator"],
            staged["period"],
            staged["mapping"],
        )
        checked = check(store, path.read_bytes(), staged["name"], options)
        upload_id = publish(store, checked, uploader=APP_USER, confirm_changes=confirm)
    except MonitorError as exc:
        return html.P(str(exc), className="fout", id="upload-error")
    return html.P(
        t("upload.published", lang, id=upload_id, rows=len(checked.report.frame)),
        id="upload-published",
    )
