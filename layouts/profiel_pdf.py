"""On the buurtprofiel: "PDF van alle buurten in …", made in the background.

A gebiedsmanager opens the profile of their gebied (or of a buurt in it) and wants the
profiles of all its buurten on paper. The button starts the job ``profiles.pdf``
(:mod:`monitor.jobs.profiles_pdf`: RQ with Redis, a thread without); the page polls it
for the progress bar (:func:`layouts.upload_report.progress_bar`, as the Uploaden page)
and shows a download link when it is done. Which buurten: those of the area shown when it
is above buurt level; on a buurt's profile, those of its gebied (else its stadsdeel, else
its wijk).

Who may: anyone logged in, any role (``@changes(READ)``: a lezer too). With public read
on, a visitor who is not logged in sees the profile and its one-area PDF, but not this
button: a PDF of hundreds of pages is work on the server, not to be queued by anyone
anonymous. The job's status, and so its file, is readable only by who started it
(``monitor.jobs.status`` is per actor); the download view refuses anyone else with 404.
"""

from __future__ import annotations

from typing import Any

from dash import Input, Output, State, dcc, html, no_update

from layouts.upload_report import progress_bar
from monitor import jobs
from monitor.jobs.profiles_pdf import stored
from monitor.messages import LANGUAGES, t
from web import READ, changes, current_actor, current_role

#: How often the page asks how far the PDF is.
POLL_MS = 500
#: The level whose profiles the button puts in the PDF.
LEVEL = "buurt"
#: On a buurt's profile: the parent whose buurten, best first.
PARENTS = ("gebied", "stadsdeel", "wijk")
#: The download of a finished job's PDF.
DOWNLOAD = "/pdf/profielen/<job_id>.pdf"


def target(profile: Any) -> tuple[str, str, str] | None:
    """(level, code, name) of the area whose buurten the button offers; None for an
    area without buurten inside or above it (the gemeente of a buurt-less division)."""
    if profile.level != LEVEL:
        return profile.level, profile.code, profile.name
    parents = {lvl: (lvl, code, name) for lvl, code, name in profile.parents}
    return next((parents[lvl] for lvl in PARENTS if lvl in parents), None)


def download_href(job_id: str) -> str:
    return DOWNLOAD.replace("<job_id>", job_id)


def section(profile: Any, lang: str) -> html.Div | None:
    """The button (logged in), or a line saying to log in (public read)."""
    found = target(profile)
    if found is None:
        return None
    level, code, name = found
    parent = f"{t(f'level.{level}', lang).lower()} {name}"
    if current_role() is None:
        return html.Div(
            html.P(t("pdf.need_login", lang, parent=parent), className="hint"),
            id="profiel-pdf-all-login",
            className="profiel-pdf-all",
        )
    return html.Div(
        [
            html.Button(t("pdf.button", lang, parent=parent), id="profiel-pdf-all", type="button"),
            html.Span(t("pdf.button_hint", lang), className="hint"),
            dcc.Store(id="profiel-pdf-all-area", data=code),
            dcc.Store(id="profiel-pdf-job"),
            dcc.Interval(id="profiel-pdf-poll", interval=POLL_MS, disabled=True),
            html.Div(id="profiel-pdf-progress", role="status", **{"aria-live": "polite"}),
            html.Div(id="profiel-pdf-result", role="status"),
        ],
        id="profiel-pdf-all-section",
        className="profiel-pdf-all",
    )


def register(app: Any, get_store: Any) -> None:
    """Start the job, poll it, and serve its PDF to who started it."""
    from flask import Response, request, send_file

    @app.callback(
        Output("profiel-pdf-job", "data"),
        Output("profiel-pdf-poll", "disabled"),
        Output("profiel-pdf-progress", "children"),
        Output("profiel-pdf-result", "children"),
        Output("profiel-pdf-all", "disabled"),
        Input("profiel-pdf-all", "n_clicks"),
        State("profiel-pdf-all-area", "data"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @changes(READ)
    def start(clicks: int | None, area: Any, lang: Any):
        if not clicks or not isinstance(area, str) or not area:
            return (no_update,) * 5
        lang = lang if lang in LANGUAGES else "nl"
        args = {"level": LEVEL, "within": area, "lang": lang, "channel": "web"}
        job_id = jobs.enqueue("profiles.pdf", args, get_store(), current_actor())
        bar = progress_bar(None, lang, prefix="profiel-pdf", waiting="pdf.waiting")
        return {"id": job_id}, False, bar, None, True

    @app.callback(
        Output("profiel-pdf-progress", "children", allow_duplicate=True),
        Output("profiel-pdf-result", "children", allow_duplicate=True),
        Output("profiel-pdf-poll", "disabled", allow_duplicate=True),
        Output("profiel-pdf-all", "disabled", allow_duplicate=True),
        Input("profiel-pdf-poll", "n_intervals"),
        State("profiel-pdf-job", "data"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @changes(READ)  # a logged-in user's own job; nothing for anonymous visitors
    def poll(_n: int | None, job: Any, lang: Any):
        lang = lang if lang in LANGUAGES else "nl"
        job_id = job.get("id") if isinstance(job, dict) else None
        status = jobs.status(job_id, current_actor())
        if status is None:
            return None, html.P(t("pdf.unknown", lang), className="fout"), True, False
        if not status.finished:
            bar = progress_bar(status, lang, prefix="profiel-pdf", waiting="pdf.waiting")
            return bar, no_update, False, True
        if status.state == "fout":
            return None, html.P(status.error, className="fout", id="profiel-pdf-error"), True, False
        result = status.result or {}
        done = progress_bar(status, lang, prefix="profiel-pdf")
        link = html.A(
            t("pdf.ready", lang, pages=result.get("pages", "?")),
            href=download_href(status.id),
            download=str(result.get("download") or "profielen.pdf"),
            id="profiel-pdf-download",
            className="button-link",
        )
        return done, html.P(link), True, False

    @changes(READ)  # a login even with public read: the file is its maker's alone
    def download(job_id: str) -> Response:
        lang = request.args.get("lang", "nl")
        lang = lang if lang in LANGUAGES else "nl"
        status = jobs.status(job_id, current_actor())
        result = status.result if status is not None and status.state == "klaar" else None
        path = stored((result or {}).get("file"))
        if path is None:
            return Response(
                t("pdf.err.gone", lang),
                status=404,
                mimetype="text/plain",
                headers={"X-Content-Type-Options": "nosniff"},
            )
        answer = send_file(
            path,
            mimetype="application/pdf",
            as_attachment=True,
            download_name=str(result.get("download") or "profielen.pdf"),
            max_age=0,
        )
        answer.headers["Cache-Control"] = "no-store"
        answer.headers["X-Content-Type-Options"] = "nosniff"
        return answer

    app.server.add_url_rule(DOWNLOAD, endpoint="profiles_pdf", view_func=download)
