"""Upload page for analysts: drop a file → report → preview → publish; history with undo
and redo, which ask first (``layouts.upload_history``).

Thin: parsing, validation, preview, publish and undo all live in ``monitor.ingest``.
The uploaded bytes are kept server-side by content hash; the browser only holds the
hash, and publishing re-validates on the server. Checking and publishing run as
background jobs (``monitor.jobs``: RQ with Redis, threads without): the callbacks queue
them and return at once, and the page polls the job for its progress bar and result, so
no request waits for a large file. Checking (which keeps the file),
publishing and undo need the role ``analist``: the server refuses those callbacks to
anyone else (``@changes("analist")``), and the page shows others an explanation instead
of the controls. The history is for every reader.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from typing import Any

from dash import Dash, Input, Output, State, dcc, html, no_update

from layouts import upload_history
from layouts.common import empty_state, store_banner
from layouts.upload_report import (
    progress_bar,
    render_budget_preview,
    render_payload,
    render_report,
)
from monitor import jobs
from monitor.errors import MonitorError
from monitor.ingest import budget as budget_ingest
from monitor.ingest.parse import FORMATS
from monitor.ingest.upload import store_original
from monitor.jobs.point_uploads import POINT_KINDS
from monitor.jobs.uploads import parse_options, text_field, valid_staged
from monitor.messages import format_name, t
from monitor.store import BUDGET_KIND
from web import allows, changes, current_actor, current_role, reads

#: Kept importable from here (the renderers moved to ``layouts.upload_report``).
__all__ = ["layout", "register", "render_budget_preview", "render_payload", "render_report"]

#: The role that may check, publish and undo uploads.
ROLE = "analist"
#: What uploads feed: the page says when there is none of either (and what to do).
NEEDS = ("meetingen", "begroting")
#: How often the page asks how far a check or publish is.
POLL_MS = 400


def layout(store: Any, lang: str = "nl", query: dict[str, str] | None = None) -> html.Div:
    role = current_role()
    if not allows(role, ROLE):
        # Server-side: the controls are not even sent; the callbacks refuse as well.
        reason = (
            t("upload.need_login", lang)
            if role is None
            else t("upload.need_role", lang, role=t(f"role.{role}", lang))
        )
        empty = empty_state(store, lang, NEEDS, link=False)
        return html.Div(
            [
                store_banner(store, lang) if empty is None else None,
                html.H2(t("upload.title", lang)),
                html.P(t("upload.intro", lang), className="hint", id="upload-intro"),
                empty,
                html.P(reason, className="hint", id="upload-denied"),
                html.H3(t("upload.history", lang)),
                html.Div(id="upload-history"),
            ]
        )
    empty = empty_state(store, lang, NEEDS, link=False)  # with the banner when it applies
    return html.Div(
        [
            store_banner(store, lang) if empty is None else None,
            html.H2(t("upload.title", lang)),
            html.P(t("upload.intro", lang), className="hint", id="upload-intro"),
            empty,
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
                            for k in (*budget_ingest.KINDS, *POINT_KINDS)
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
                                [{"label": format_name(f, lang), "value": f} for f in FORMATS],
                                "auto",
                                id="upload-format",
                                clearable=False,
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
            # Checking and publishing run as background jobs: the page polls their status.
            dcc.Store(id="upload-job"),
            dcc.Interval(id="upload-poll", interval=POLL_MS, disabled=True),
            html.Div(id="upload-progress", role="status", **{"aria-live": "polite"}),
            html.Div(id="upload-report"),
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


def register(app: Dash, get_store: Any) -> None:
    """Callbacks of the upload page. Checking and publishing start a background job
    (``monitor.jobs``) and return at once; ``poll`` shows its progress and, when it is
    done, the report or the result."""

    @app.callback(
        Output("upload-report", "children"),
        Output("upload-staged", "data"),
        Output("upload-result", "children", allow_duplicate=True),
        Output("upload-publish", "disabled"),
        Output("upload-job", "data"),
        Output("upload-poll", "disabled"),
        Output("upload-progress", "children"),
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
            return (no_update,) * 7
        lang = lang if isinstance(lang, str) else "nl"
        try:  # refused before queueing: crafted fields get a message, not a 500
            raw = _contents(contents)
            parse_options(fmt, pattern, indicator, period, mapping)
            text_field(kind, "soort")
        except MonitorError as exc:
            error = html.P(str(exc), className="fout", id="upload-error")
            return error, None, None, True, None, True, None
        sha = store_original(raw, hashlib.sha256(raw).hexdigest())
        staged = {
            "sha256": sha.name,
            "name": filename if isinstance(filename, str) and filename else "upload",
            "fmt": fmt,
            "pattern": pattern,
            "indicator": indicator,
            "period": period,
            "mapping": mapping,
            "kind": kind,
        }
        job = _start("upload.check", {"staged": staged}, get_store())
        # A new file clears old results; Publiceren stays off until the report is there.
        return None, None, None, True, job, False, progress_bar(None, lang)

    @app.callback(
        Output("upload-history", "children"),
        Input("upload-history", "id"),
        State("lang", "data"),
    )
    @reads
    def history(_init: str, lang: str):
        return upload_history.history(get_store(), lang or "nl")

    upload_history.register(app, get_store)

    @app.callback(Output("upload-confirm", "style"), Input("upload-kind", "value"))
    @reads
    def confirm_shown(kind: Any):
        """Points replace points by their key, never published values: no confirmation."""
        return {"display": "none"} if kind in POINT_KINDS else {}

    @app.callback(
        Output("upload-result", "children"),
        Output("upload-publish", "disabled", allow_duplicate=True),
        Output("upload-job", "data", allow_duplicate=True),
        Output("upload-poll", "disabled", allow_duplicate=True),
        Output("upload-progress", "children", allow_duplicate=True),
        Input("upload-publish", "n_clicks"),
        State("upload-staged", "data"),
        State("upload-confirm", "value"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @changes(ROLE)
    def act(publish_clicks: int | None, staged: dict | None, confirm: list[str], lang: str):
        """Publish; the job checks the file again on the server first. (Undo and redo,
        which ask first: ``layouts.upload_history``.)"""
        if not publish_clicks:
            return (no_update,) * 5
        try:
            valid_staged(staged)
        except MonitorError as exc:  # a crafted request: the page never sends this
            return html.P(str(exc), className="fout", id="upload-error"), *(no_update,) * 4
        job = _start("upload.publish", {"staged": staged, "confirm": bool(confirm)}, get_store())
        return None, True, job, False, progress_bar(None, lang or "nl")

    @app.callback(
        Output("upload-report", "children", allow_duplicate=True),
        Output("upload-staged", "data", allow_duplicate=True),
        Output("upload-result", "children", allow_duplicate=True),
        Output("upload-publish", "disabled", allow_duplicate=True),
        Output("upload-history", "children", allow_duplicate=True),
        Output("upload-poll", "disabled", allow_duplicate=True),
        Output("upload-progress", "children", allow_duplicate=True),
        Input("upload-poll", "n_intervals"),
        State("upload-job", "data"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @changes(ROLE)
    def poll(_n: int | None, job: dict | None, lang: str):
        """How far the job is; its report or result once it is done."""
        lang = lang or "nl"
        job_id = job.get("id") if isinstance(job, dict) else None
        status = jobs.status(job_id, current_actor())
        if status is None:
            unknown = html.P(t("job.unknown", lang), className="fout", id="upload-error")
            return no_update, no_update, unknown, True, no_update, True, None
        if not status.finished:
            return (no_update,) * 6 + (progress_bar(status, lang),)
        error = html.P(status.error, className="fout", id="upload-error")
        result = status.result or {}
        if status.kind == "upload.check":
            if status.state == "fout":
                return error, None, None, True, no_update, True, None
            report = result["report"]
            return (
                render_payload(report, lang),
                result["staged"],
                None,
                not report["ok"],  # Publiceren stays off while errors are listed
                no_update,
                True,
                None,
            )
        if status.state == "fout":  # a refused publish can be tried again (confirm first)
            return no_update, no_update, error, False, no_update, True, None
        return (
            no_update,
            no_update,
            _published(result, lang),
            True,
            upload_history.history(get_store(), lang),
            True,
            None,
        )


def _contents(contents: Any) -> bytes:
    """The file of an upload field: a data URL (``data:…;base64,<bytes>``)."""
    if not isinstance(contents, str) or "," not in contents:
        raise MonitorError(t("upload.bad_request", what="bestand"))
    try:
        return base64.b64decode(contents.split(",", 1)[1], validate=True)
    except (binascii.Error, ValueError):
        raise MonitorError(t("upload.bad_request", what="bestand")) from None


def _start(kind: str, args: dict[str, Any], store: Any) -> dict[str, str]:
    """Queue a job for the logged-in analist; what the page keeps of it."""
    job_id = jobs.enqueue(kind, {**args, "channel": "web"}, store, current_actor())
    return {"id": job_id, "kind": kind}


def _published(result: dict[str, Any], lang: str) -> html.P:
    key = "upload.published_budget" if result.get("kind") == BUDGET_KIND else "upload.published"
    if result.get("kind") in POINT_KINDS:
        key = "upload.published_points"
    return html.P(t(key, lang, id=result["upload_id"], rows=result["rows"]), id="upload-published")
