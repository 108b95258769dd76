"""Buurtprofiel: an area's indicators by domain with value, NAP, class and a sparkline."""

from __future__ import annotations

from datetime import date
from typing import Any

import plotly.graph_objects as go
from dash import dcc, html

from monitor.blocks import key_set
from monitor.catalog import domain_label
from monitor.errors import MonitorError
from monitor.messages import class_label, t
from monitor.numbers import format_value
from monitor.palette import colour
from monitor.profile import area_profile
from monitor.scoring import Scorer
from monitor.store import Snapshot, Store


def sparkline(series, unit: str) -> dcc.Graph:
    """Small line of the area's values with the NAP as a dashed line; gaps stay gaps."""
    fig = go.Figure(
        [
            go.Scatter(
                x=series["period"],
                y=series["nap"],
                mode="lines",
                name="NAP",
                line={"dash": "dash", "color": "#777", "width": 1},
                connectgaps=False,
            ),
            go.Scatter(
                x=series["period"],
                y=series["value"],
                mode="lines+markers",
                name="",
                line={"color": "#08519c", "width": 2},
                marker={"size": 4},
                connectgaps=False,
            ),
        ]
    )
    fig.update_layout(
        height=60,
        width=200,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        showlegend=False,
        xaxis={"visible": False},
        yaxis={"visible": False},
        plot_bgcolor="white",
    )
    return dcc.Graph(figure=fig, config={"staticPlot": True}, className="sparkline")


def _indicator_set(scorer: Scorer, lang: str) -> tuple[list[str] | None, str | None]:
    """All coloured indicators, or for a large catalogue the block set, with a note."""
    preset = key_set(scorer)
    if preset is None:
        return None, None
    total = sum(1 for i in scorer.indicators.values() if i.polarity != "geen" and not i.forecast)
    note = t(
        "profiel.subset",
        lang,
        count=len(preset.indicator_ids),
        total=total,
        name=preset.title(lang),
    )
    return preset.indicator_ids, note


def layout(store: Store, lang: str, query: dict[str, str]) -> html.Div:
    code = query.get("gebied", "")
    try:
        # One query for all indicators: a BBGA profile scores many of them.
        scorer = Scorer(Snapshot(store, store.division_id()))
        chosen, note = _indicator_set(scorer, lang)
        profile = area_profile(scorer, code, lang, chosen)
    except (MonitorError, LookupError) as exc:
        return html.Div(html.P(str(exc), className="fout", id="profiel-error"))
    chain = " › ".join(f"{t(f'level.{lvl}', lang)} {name}" for lvl, _, name in profile.parents)
    sections = []
    for domain, rows in profile.rows.groupby("domain", sort=False):
        body = []
        for r in rows.itertuples():
            series = profile.series[profile.series["indicator_id"] == r.indicator_id]
            diff = (r.value - r.nap) if r.value == r.value and r.nap == r.nap else None
            body.append(
                html.Tr(
                    [
                        html.Td(r.label),
                        html.Td(str(r.period)),
                        html.Td(format_value(r.value, r.unit, r.decimals, lang)),
                        html.Td(format_value(r.nap, r.unit, r.decimals, lang)),
                        html.Td(
                            format_value(diff, r.unit, r.decimals, lang)
                            if diff is not None
                            else "–"
                        ),
                        html.Td(
                            html.Span(
                                class_label(r.klasse, lang, scorer.gemeente),
                                className="chip",
                                style={"background": colour(r.klasse)},
                            ),
                            title=r.reden,
                            **{"data-klasse": r.klasse},
                        ),
                        html.Td(sparkline(series, r.unit)),
                        html.Td(r.herkomst, className="herkomst"),
                    ],
                    **{"data-indicator": r.indicator_id},
                )
            )
        sections.append(
            html.Section(
                [
                    html.H3(domain_label(domain, lang)),
                    html.Table(
                        [
                            html.Tr(
                                [
                                    html.Th(t(f"profiel.{c}", lang))
                                    for c in (
                                        "indicator",
                                        "year",
                                        "value",
                                        "nap",
                                        "diff",
                                        "class",
                                        "trend",
                                        "herkomst",
                                    )
                                ]
                            ),
                            *body,
                        ],
                        className="data profiel",
                    ),
                ]
            )
        )
    return html.Div(
        [
            html.H2(f"{profile.name} ({profile.code})", id="profiel-title"),
            html.P(f"{t(f'level.{profile.level}', lang)} · {chain}", id="profiel-chain"),
            html.P(note, id="profiel-subset") if note else None,
            *sections,
            html.P(
                t("profiel.printed", lang, date=date.today().isoformat()), className="print-only"
            ),
        ],
        className="profiel-page",
    )


def register(app: Any, get_store: Any) -> None:
    """The profile has no callbacks: it renders once per area."""
