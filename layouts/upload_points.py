"""The Uploaden page's report of a points file (meldingen, voorzieningen), rendered from
the JSON a check job leaves (:func:`monitor.jobs.point_uploads.points_payload`): the
counts, the errors (row, column and value), the points outside every buurt (row and
coordinates) and the points per category. All user content as text."""

from __future__ import annotations

from typing import Any

from dash import html

from layouts.common import data_table, problem_list
from monitor.messages import t
from monitor.numbers import format_number


def render_points_payload(payload: dict[str, Any], lang: str) -> list[Any]:
    """Summary, problems, points outside every buurt and the preview per category."""
    if payload["rows"] is None:  # refused: nothing was assigned or counted
        summary = t("points.refused", lang, name=payload["name"], errors=payload["errors"])
    else:
        summary = t(
            "upload.summary_points",
            lang,
            name=payload["name"],
            rows=payload["rows"],
            soort=payload["kind"],
            inside=payload["inside"],
            outside=payload["outside"],
            errors=payload["errors"],
        )
    parts: list[Any] = [
        html.P(summary, id="upload-summary"),
        html.H3(t("upload.report", lang)),
    ]
    parts.append(problem_list(payload["lines"], lang))
    if payload["outside_rows"]:
        shown = [
            [row, format_number(lat, 6, lang), format_number(lon, 6, lang), category]
            for row, lat, lon, category in payload["outside_rows"]
        ]
        parts += [
            html.H4(t("upload.points_outside_title", lang)),
            data_table(
                [t(f"col.{c}", lang) for c in ("row", "lat", "lon", "category")],
                shown,
                "upload-outside",
            ),
        ]
        more = payload["outside"] - len(shown)
        if more > 0:
            parts.append(html.P(t("upload.points_outside_more", lang, n=more), className="hint"))
    if payload["categories"]:
        parts += [
            html.H3(t("upload.preview", lang)),
            data_table(
                [t("col.category", lang), t("col.points", lang)],
                payload["categories"],
                "upload-preview",
            ),
            html.P(t("upload.points_preview_note", lang), className="hint"),
        ]
    return parts
