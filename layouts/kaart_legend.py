"""The Kaart's legend: per class its colour and count, the grey areas with a value
apart, the ± line (rond door onzekerheid) and the skew hint, and how to read the colours
of the indicator (its polarity and where that came from)."""

from __future__ import annotations

from typing import Any

from dash import html

from monitor.catalog import Indicator
from monitor.messages import class_label, t
from monitor.palette import colour
from monitor.polarity import explain
from monitor.scoring import CLASSES, uncertain


def legend(
    frame: Any,
    palette: str,
    lang: str,
    gemeente: str,
    ind: Indicator | None = None,
    gemiddelde: str | None = None,
) -> list[Any]:
    """Per class its colour and count; the ± line (rond door onzekerheid) and the skew
    hint when present; then how to read the colours for ``ind`` and where its polarity
    came from (metadata, curation or a user)."""
    counts = {str(k): int(n) for k, n in frame["klasse"].value_counts().items()}
    # Grey areas with a value (no colour: a year without a city value, too few
    # inhabitants…) are counted apart from those without one.
    unknown = frame["klasse"] == "geen_gegevens"
    valued = int((unknown & frame["value"].notna()).sum()) if "value" in frame else 0
    if valued:
        counts["geen_gegevens"] -= valued
    note = (
        [
            html.Div(
                [html.Strong(t("polarity.legend", lang) + ": "), explain(ind, lang)],
                className="legend-polariteit",
                role="listitem",
                id="kaart-polariteit",
            )
        ]
        if ind is not None
        else []
    )
    return (
        [
            html.Div(
                [
                    html.Span(className="swatch", style={"background": colour(k, palette)}),
                    html.Span(
                        f"{class_label(k, lang, gemeente, gemiddelde=gemiddelde)}: {int(counts[k])}"
                    ),
                ],
                className="legend-item",
                role="listitem",
                **{"data-klasse": k},
            )
            for k in CLASSES
            if counts.get(k, 0) > 0
        ]
        + (
            [
                html.Div(
                    [
                        html.Span(
                            className="swatch",
                            style={"background": colour("geen_gegevens", palette)},
                        ),
                        html.Span(f"{t('class.geen_klasse', lang)}: {valued}"),
                    ],
                    className="legend-item",
                    role="listitem",
                    # hatched like the map draws them; apart from those without a value
                    **{"data-klasse": "geen_gegevens", "data-waarde": "bekend"},
                )
            ]
            if valued
            else []
        )
        + uncertainty_legend(frame, lang)
        + note
    )


def uncertainty_legend(frame: Any, lang: str) -> list[Any]:
    """The legend lines under the classes: ± (with how many areas) and the skew hint."""
    items: list[Any] = []
    unsure = int(uncertain(frame["reden_code"]).sum())
    if unsure:
        items.append(
            html.Div(
                t("uncertain.legend_count", lang, count=unsure),
                className="legend-item legend-uncertain",
                role="listitem",
            )
        )
    if frame.attrs.get("scheef"):
        level = str(frame.attrs.get("level", "buurt"))
        items.append(
            html.Div(
                t("skew.hint", lang, areas=t(f"skew.areas.{level}", lang)),
                className="legend-item legend-skew hint",
                role="listitem",
            )
        )
    return items
