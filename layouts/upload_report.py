"""The Uploaden page's report, preview and progress bar, rendered from the JSON a check
job leaves (:func:`monitor.jobs.uploads.report_payload`); all user content as text."""

from __future__ import annotations

import math
from typing import Any

from dash import html

from layouts.common import data_table, problem_list
from layouts.upload_points import render_points_payload
from monitor.jobs import JobStatus
from monitor.jobs.uploads import report_payload
from monitor.messages import format_name, t
from monitor.numbers import format_number, format_value
from monitor.scoring.coverage import Coverage, upload_warning
from monitor.store import BUDGET_KIND

PREVIEW_COLUMNS = ("indicator", "period", "nieuw", "gewijzigd", "ongewijzigd")


def progress_bar(
    status: JobStatus | None, lang: str, prefix: str = "upload", waiting: str = "job.waiting"
) -> html.Div:
    """A progress bar with the stage in words ("Bestand controleren… (30%)"); ``prefix``
    names its ids (``upload-progress-bar``), ``waiting`` the hint while it is queued. Any
    page polling a job (``monitor.jobs``) shows it: Uploaden, Beheer (rebuild), the PDF of
    profiles."""
    fraction = status.fraction if status is not None else 0.0
    stage = status.stage_text(lang) if status is not None else t("job.stage.queued", lang)
    text = t("job.progress", lang, stage=stage, percent=round(100 * fraction))
    parts: list[Any] = [
        html.Progress(value=str(round(fraction, 3)), max="1", id=f"{prefix}-progress-bar"),
        html.Span(text, id=f"{prefix}-progress-text"),
    ]
    if status is not None and status.state == "wachtend":
        parts.append(html.P(t(waiting, lang), className="hint"))
    return html.Div(parts, className="upload-progress")


def render_report(checked: Any, lang: str) -> list[Any]:
    """Report, skipped lines and preview of a checked file (``monitor.ingest``)."""
    return render_payload(report_payload(checked), lang)


def render_payload(payload: dict[str, Any], lang: str) -> list[Any]:
    """Report, skipped lines and preview from a check job's JSON result."""
    if payload.get("points"):  # meldingen or voorzieningen (layouts.upload_points)
        return render_points_payload(payload, lang)
    budget = payload["kind"] == BUDGET_KIND
    parts: list[Any] = [
        html.P(
            t(
                "upload.summary_budget" if budget else "upload.summary",
                lang,
                name=payload["name"],
                format=format_name(payload["format"], lang),
                rows=payload["rows"],
                errors=payload["errors"],
                warnings=payload["warnings"],
            ),
            id="upload-summary",
        ),
        html.H3(t("upload.report", lang)),
    ]
    parts.append(problem_list(payload["lines"], lang))
    skipped = payload["skipped"]
    if skipped:
        parts.append(
            html.Details(
                [
                    html.Summary(f"{t('upload.skipped', lang)} ({len(skipped)})"),
                    html.Ul([html.Li(s) for s in skipped]),
                ]
            )
        )
    preview = payload.get("preview")
    if preview is None:
        return parts
    if budget:
        return parts + render_budget_preview(preview, lang)
    parts += [
        html.H3(t("upload.preview", lang)),
        data_table(
            [
                t(f"col.{c}", lang)
                for c in ("indicator", "period", "nieuw", "gewijzigd", "ongewijzigd")
            ],
            preview["table"],
            "upload-preview",
        ),
    ]
    parts += _incomplete(preview, lang)
    if preview["changes"]:
        parts += [
            html.H4(t("upload.changed_values", lang)),
            data_table(
                [t(f"col.{c}", lang) for c in ("code", "indicator", "period", "oud", "nieuw")],
                [
                    [code, indicator, period, _number(old, lang), _number(new, lang)]
                    for code, indicator, period, old, new in preview["changes"]
                ],
                "upload-changes",
            ),
        ]
    return parts


def _number(value: Any, lang: str) -> str:
    return format_number(math.nan if value is None else value, 2, lang)


def _incomplete(preview: dict[str, Any], lang: str) -> list[Any]:
    """The warning about indicator-years that would get no colours (publishing stays
    allowed)."""
    if not preview["incomplete"]:
        return []
    found = [Coverage(**c) for c in preview["incomplete"]]
    return [
        html.Div(
            [
                html.H4(t("coverage.upload_title", lang)),
                html.Ul([html.Li(upload_warning(c, lang)) for c in found]),
                html.P(t("coverage.upload_note", lang, code=preview["city_code"] or "?")),
            ],
            id="upload-coverage",
            className="waarschuwing",
            role="status",
        )
    ]


def render_budget_preview(preview: dict[str, Any], lang: str) -> list[Any]:
    """The preview of a budget file: new, changed and unchanged lines per programme and
    year, and the changed lines with old and new amounts (all as text)."""

    def euro(value: Any) -> str:
        return format_value(math.nan if value is None else value, "€", 2, lang)

    heads = ("programme", "year", "nieuw", "gewijzigd", "ongewijzigd")
    parts: list[Any] = [
        html.H3(t("upload.preview", lang)),
        data_table([t(f"col.{c}", lang) for c in heads], preview["table"], "upload-preview"),
    ]
    if preview["changes"]:
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
            data_table(
                [t(f"col.{c}", lang) for c in heads],
                [
                    [code, year, programme, text, euro(po), euro(pn), euro(ro), euro(rn)]
                    for code, year, programme, text, po, pn, ro, rn in preview["changes"]
                ],
                "upload-changes",
            ),
        ]
    return parts
