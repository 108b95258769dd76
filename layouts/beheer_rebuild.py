"""Beheer: "Scores opnieuw berekenen" as a background job with a progress bar.

The button queues the job ``scores.rebuild`` (``monitor.jobs``: RQ with Redis, a thread
without), as ``monitor scores rebuild --achtergrond`` does, and returns at once; the page
polls the job and shows its bar (``layouts.upload_report.progress_bar``, as on the
Uploaden page) and, when it is done, what was rebuilt. Only a beheerder: the section is
part of the Beheer page's server-side layout, the button's callback is
``@changes("beheerder")`` and the poll ``@needs("beheerder")``; the job's status is read
for the person who started it only.
"""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, State, dcc, html, no_update

from layouts.upload import POLL_MS
from layouts.upload_report import progress_bar
from monitor import audit, jobs
from monitor.messages import t
from monitor.numbers import format_number
from web import changes, current_actor, needs

ROLE = "beheerder"
KIND = "scores.rebuild"


def section(lang: str) -> html.Div:
    """The button, its hint, the bar and the result (a beheerder's page only)."""
    return html.Div(
        [
            html.H3(t("beheer.rebuild_title", lang)),
            html.P(t("beheer.rebuild_hint", lang), className="hint"),
            html.Button(t("beheer.rebuild_button", lang), id="beheer-rebuild"),
            dcc.Store(id="beheer-rebuild-job"),
            dcc.Interval(id="beheer-rebuild-poll", interval=POLL_MS, disabled=True),
            html.Div(id="beheer-rebuild-progress", role="status", **{"aria-live": "polite"}),
            html.Div(id="beheer-rebuild-result", role="status"),
        ],
        id="beheer-rebuild-section",
    )


def register(app: Dash, get_store: Any) -> None:
    @app.callback(
        Output("beheer-rebuild-job", "data"),
        Output("beheer-rebuild-poll", "disabled"),
        Output("beheer-rebuild-progress", "children"),
        Output("beheer-rebuild-result", "children"),
        Output("beheer-rebuild", "disabled"),
        Input("beheer-rebuild", "n_clicks"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @changes(ROLE)
    def start(clicks: int | None, lang: str | None):
        """Queue the rebuild of every division; the button waits until it is done."""
        if not clicks:
            return (no_update,) * 5
        lang = lang if isinstance(lang, str) else "nl"
        store, actor = get_store(), current_actor()
        job_id = jobs.enqueue(KIND, {"division": None, "channel": "web"}, store, actor)
        audit.record(store, actor, "scores.rebuild", "", {"taak": job_id})
        bar = progress_bar(None, lang, prefix="beheer", waiting="beheer.rebuild_waiting")
        return {"id": job_id, "kind": KIND}, False, bar, None, True

    @app.callback(
        Output("beheer-rebuild-poll", "disabled", allow_duplicate=True),
        Output("beheer-rebuild-progress", "children", allow_duplicate=True),
        Output("beheer-rebuild-result", "children", allow_duplicate=True),
        Output("beheer-rebuild", "disabled", allow_duplicate=True),
        Input("beheer-rebuild-poll", "n_intervals"),
        State("beheer-rebuild-job", "data"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @needs(ROLE)
    def poll(_n: int | None, job: Any, lang: str | None):
        """How far the rebuild is; what it rebuilt, or why it failed, once it is done."""
        lang = lang if isinstance(lang, str) else "nl"
        job_id = job.get("id") if isinstance(job, dict) else None
        status = jobs.status(job_id, current_actor())
        if status is None or status.kind != KIND:
            unknown = html.P(t("job.unknown_task", lang), className="fout", id="beheer-error")
            return True, None, unknown, False
        if not status.finished:
            bar = progress_bar(status, lang, prefix="beheer", waiting="beheer.rebuild_waiting")
            return False, bar, no_update, True
        if status.state == "fout":
            return True, None, html.P(status.error, className="fout", id="beheer-error"), False
        done = [
            html.Li(t("rebuild.done", lang, **_counted(division, lang)))
            for division in (status.result or {}).get("divisions", [])
        ]
        result = html.Div(
            [html.P(t("beheer.rebuild_done", lang)), html.Ul(done)], id="beheer-rebuild-done"
        )
        return True, None, result, False


def _counted(division: dict[str, Any], lang: str) -> dict[str, Any]:
    """A rebuilt division's counts as the project writes numbers ("15.744 scores")."""
    return {
        key: format_number(value, 0, lang) if key in ("groups", "rows") else value
        for key, value in division.items()
    }
