"""The upload history on the Uploaden page: every upload with its status, and undo and
redo that ask first.

A click on *Ongedaan maken* changes nothing: it opens a panel under that row with what
the undo takes away (``monitor.undo.summary``, a dry run) and an explicit second button.
*Opnieuw publiceren* on an undone upload works the same way: the panel shows what
reading the stored file again gives (``monitor.undo.prepare_redo``) before anything is
published. The buttons are offered only for uploads the user may change (an analist
their own, a beheerder anyone's); the callbacks refuse the rest anyway, and the core
functions check again.
"""

from __future__ import annotations

from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, html, no_update

from monitor.errors import MonitorError
from monitor.ingest.upload import kind_label
from monitor.messages import t
from monitor.times import format_time
from monitor.undo import (
    check_may_change,
    may_change,
    prepare_redo,
    redo,
    redoable,
    redone_message,
    republished,
    republishes,
    summary,
    undo,
    undone_message,
)
from web import allows, changes, current_actor, current_role, needs

#: The role that may undo and redo (its own uploads; ``beheerder``: anyone's).
ROLE = "analist"
#: How many uploads the history shows, newest first.
SHOWN = 50
#: Columns only analists (and up) see: people's names and the names of their files.
PERSONAL = ("file", "uploader")


def _time(moment: Any, lang: str) -> str:
    """Amsterdam time with its zone (``4 dec 2026 15:02 CET``), as everywhere."""
    return "" if moment is None or moment != moment else format_time(moment, lang)


def _status(row: Any, again: dict[int, int], lang: str, named: bool = True) -> str:
    """The status in words: published, or undone by whom (``named``: for analists) and
    when; and the redo links."""
    if row.status == "undone":
        by = (row.undone_by or "?") if named else t("upload.someone", lang)
        parts = [t("upload.status_undone", lang, by=by, time=_time(row.undone_at, lang))]
        if int(row.id) in again:
            parts.append(t("upload.status_republished", lang, id=again[int(row.id)]))
    else:
        parts = [t(f"upload.status_{row.status}", lang)]
    source = republishes(row)
    if source is not None:
        parts.append(t("upload.status_republishes", lang, id=source))
    return "; ".join(parts)


def history(store: Any, lang: str, ask: Any = None, ask_id: int | None = None) -> Any:
    """The history table; ``ask`` (a confirmation panel) goes under the row of ``ask_id``."""
    frame = store.uploads_frame()
    if frame.empty:
        return html.P(t("upload.no_uploads", lang), className="empty-state", id="upload-none")
    again = republished(frame)
    role, actor = current_role(), current_actor()
    allowed = allows(role, ROLE)
    # Who uploaded and the file's name are for analists (and up): with public read on,
    # anonymous visitors and lezers see what changed and when, not by whom.
    columns = ("id", "kind", "file", "uploader", "time", "rows", "status")
    if not allowed:
        columns = tuple(c for c in columns if c not in PERSONAL)
    headers = [t(f"col.{c}", lang) for c in columns]
    rows: list[Any] = [html.Tr([html.Th(h) for h in [*headers, *([""] if allowed else [])]])]
    others = False
    for r in frame.sort_values("id", ascending=False).head(SHOWN).itertuples():
        values = {
            "id": r.id,
            "kind": kind_label(r.kind, lang),
            "file": r.filename or "",
            "uploader": r.uploader or "",
            "time": _time(r.created_at, lang),
            "rows": r.row_count,
            "status": _status(r, again, lang, allowed),
        }
        cells: list[Any] = [values[c] for c in columns]
        if allowed:
            cells.append(_button(r, again, role, actor, lang))
            others |= cells[-1] == "" and not may_change(role, actor, r.uploader)
        rows.append(html.Tr([html.Td(c) for c in cells], **{"data-upload": str(r.id)}))
        if ask is not None and int(r.id) == ask_id:
            rows.append(html.Tr(html.Td(ask, colSpan=len(cells)), className="upload-ask-row"))
    parts: list[Any] = [html.Table(rows, id="upload-history-table", className="data")]
    if others:
        parts.append(html.P(t("undo.others_hint", lang), className="hint", id="upload-others"))
    return html.Div(parts)


def _button(row: Any, again: dict[int, int], role: Any, actor: str, lang: str) -> Any:
    """Undo on a published upload, redo on an undone one that can come back; only for
    uploads this user may change."""
    if not may_change(role, actor, row.uploader):
        return ""
    if row.status == "published":
        return html.Button(t("upload.undo", lang), id={"type": "undo-upload", "index": int(row.id)})
    if row.status == "undone" and int(row.id) not in again and redoable(row):
        return html.Button(t("redo.button", lang), id={"type": "redo-upload", "index": int(row.id)})
    return ""


def panel(action: str, upload_id: int, lines: list[str], lang: str, ok: bool = True) -> Any:
    """The confirmation under a row: what happens, and an explicit second button."""
    title = t(f"{action}.title", lang, id=upload_id)
    buttons = [
        html.Button(
            t("undo.cancel", lang),
            id={"type": "upload-ask-no", "index": upload_id},
            className="upload-ask-no",
        )
    ]
    if ok:
        buttons.insert(
            0,
            html.Button(
                t(f"{action}.confirm", lang, id=upload_id),
                id={"type": "upload-ask-yes", "action": action, "index": upload_id},
                className="upload-ask-yes",
            ),
        )
    return html.Div(
        [
            html.H4(title, id="upload-ask-title"),
            html.Ul([html.Li(line) for line in lines], id="upload-ask-lines"),
            html.Div(buttons, className="upload-ask-buttons"),
        ],
        id="upload-ask",
        className=f"upload-ask upload-ask-{action}",
        role="alertdialog",
        **{"aria-labelledby": "upload-ask-title", "data-action": action},
    )


def _upload_id(trigger: dict) -> int | None:
    """The upload a button is for; None for an id no page draws (a crafted request)."""
    index = trigger.get("index")
    return index if isinstance(index, int) and not isinstance(index, bool) else None


def _clicked() -> bool:
    """A real click: a newly drawn button also triggers, with no clicks."""
    return bool(ctx.triggered and ctx.triggered[0]["value"])


def register(app: Dash, get_store: Any) -> None:
    """The ask (dry run) and the confirmed undo or redo."""

    @app.callback(
        Output("upload-history", "children", allow_duplicate=True),
        Output("upload-result", "children", allow_duplicate=True),
        Input({"type": "undo-upload", "index": ALL}, "n_clicks"),
        Input({"type": "redo-upload", "index": ALL}, "n_clicks"),
        Input({"type": "upload-ask-no", "index": ALL}, "n_clicks"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @needs(ROLE)
    def ask(_undo: list, _redo: list, _cancel: list, lang: str | None):
        """First click: show what would happen; changes nothing (a read for analists)."""
        trigger, lang = ctx.triggered_id, lang or "nl"
        if not isinstance(trigger, dict) or not _clicked():
            return no_update, no_update
        store, upload_id = get_store(), _upload_id(trigger)
        if upload_id is None:
            return no_update, html.P(t("upload.bad_request", lang, what="upload"), className="fout")
        if trigger["type"] == "upload-ask-no":
            return history(store, lang), html.P(t("undo.cancelled", lang, id=upload_id))
        actor, role = current_actor(), current_role()
        try:
            if trigger["type"] == "undo-upload":
                found = summary(store, upload_id)
                check_may_change(upload_id, found.uploader, actor, role)
                shown = panel("undo", upload_id, found.lines(lang), lang)
            else:
                prepared = prepare_redo(store, upload_id, by=actor, role=role)
                report = prepared.checked.report
                lines = prepared.lines(lang)
                if not report.ok:
                    lines += [t("redo.has_errors", lang, id=upload_id, n=len(report.errors))]
                    lines += report.lines()[:10]
                shown = panel("redo", upload_id, lines, lang, ok=report.ok)
        except MonitorError as exc:
            return history(store, lang), html.P(str(exc), className="fout", id="upload-error")
        return history(store, lang, shown, upload_id), None

    @app.callback(
        Output("upload-result", "children", allow_duplicate=True),
        Output("upload-history", "children", allow_duplicate=True),
        Input({"type": "upload-ask-yes", "action": ALL, "index": ALL}, "n_clicks"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @changes(ROLE)
    def confirmed(_yes: list, lang: str | None):
        """The second, explicit click: undo or publish again (checked again in the core:
        role, ownership, status, the file)."""
        trigger, lang = ctx.triggered_id, lang or "nl"
        if not isinstance(trigger, dict) or not _clicked():
            return no_update, no_update
        store, upload_id = get_store(), _upload_id(trigger)
        if upload_id is None or trigger.get("action") not in ("undo", "redo"):
            return html.P(t("upload.bad_request", lang, what="upload"), className="fout"), no_update
        actor, role = current_actor(), current_role()
        try:
            if trigger["action"] == "undo":
                restored = undo(store, upload_id, by=actor, role=role)
                message = undone_message(store, upload_id, restored, lang)
            else:
                new_id = redo(store, upload_id, by=actor, role=role, confirm_changes=True)
                message = redone_message(store, upload_id, new_id, lang)
        except MonitorError as exc:
            return html.P(str(exc), className="fout", id="upload-error"), history(store, lang)
        return html.P(message, id="upload-done"), history(store, lang)
