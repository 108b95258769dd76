"""Trends: chosen areas against NAP and their stadsdeel over the years (monitor/trends.py);
with another "Vergelijk met" choice, each area's own reference (layouts/trends_reference.py)."""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go
from dash import Dash, Input, Output, State, dcc, html, no_update
from plotly.colors import qualitative

from layouts import period_axis, reference_choice, trends_reference, urlstate
from layouts.common import (
    DEFAULT_PALETTE,
    chosen_indicator,
    chosen_level,
    context,
    empty_figure,
    empty_page,
    fictional_banner,
    level_control,
    level_options,
    method_dropdown,
    no_values,
    palette_control,
    register_methods,
)
from monitor import period_kinds
from monitor.compare import average_name
from monitor.errors import MonitorError
from monitor.export import plot_text
from monitor.messages import class_label, t
from monitor.numbers import format_difference, format_number, format_value
from monitor.palette import colour
from monitor.scoring import Scorer
from monitor.store import Store
from monitor.trends import Trend, area_trend, sentence, translate
from web import reads

AREA_COLOURS = qualitative.Dark2
BAND_FILL = "rgba(120, 120, 120, 0.22)"


def _area_options(scorer: Scorer, level: str) -> list[dict[str, str]]:
    areas = scorer.areas(level)
    return [{"label": f"{r.name} ({r.code})", "value": r.code} for r in areas.itertuples()]


def _initial_codes(scorer: Scorer, level: str, text: str | None) -> list[str]:
    """The areas from the URL (any level, translated), else the first area of the level."""
    codes = translate(scorer, [c for c in (text or "").split(",") if c], level)
    if not codes:
        areas = scorer.areas(level)
        codes = [str(areas["code"].iloc[0])] if not areas.empty else []
    return codes


def _years(scorer: Scorer, indicator_id: str | None) -> list[int]:
    """The indicator's measured years: the base years on offer."""
    if not indicator_id:
        return []
    return sorted(int(p) for p in scorer.store.periods(scorer.division_id, indicator_id))


def layout(store: Store, lang: str, query: dict[str, str]) -> html.Div:
    empty = empty_page(store, lang, indicators=True)
    if empty is not None:
        return empty
    ctx = context(store, lang)
    scorer = Scorer(store)
    indicator = chosen_indicator(ctx, query.get("indicator"))
    level = chosen_level(ctx, query.get("niveau"))
    method = query.get("methode")
    level_opts = level_options(ctx, lang)
    return html.Div(
        [
            *urlstate.location("trends-url"),
            fictional_banner(ctx),
            html.Div(
                [
                    html.Label(
                        [
                            t("app.indicator", lang),
                            dcc.Dropdown(
                                ctx.options, indicator, id="trends-indicator", clearable=False
                            ),
                        ]
                    ),
                    level_control(level_opts, level, "trends-level", lang),
                    html.Label(
                        [
                            t("trends.areas", lang),
                            dcc.Dropdown(
                                _area_options(scorer, level),
                                _initial_codes(scorer, level, query.get("gebieden")),
                                id="trends-areas",
                                multi=True,
                            ),
                        ]
                    ),
                    html.Label(
                        [
                            t("app.method", lang),
                            method_dropdown(store, indicator, method, lang, "trends-method"),
                        ]
                    ),
                ],
                className="controls trends-controls",
            ),
            reference_choice.control(store, query, lang, "trends", level),
            dcc.Store(id="trends-years", data=_years(scorer, indicator)),
            palette_control("trends", query, lang),
            html.P(id="trends-reference", className="hint"),
            dcc.Graph(id="trends-graph", config={"displaylogo": False}),
            html.P(id="trends-note", className="note"),
            html.Ul(id="trends-sentences", className="sentences"),
        ]
    )


def figure(trend: Trend, lang: str, palette: str = DEFAULT_PALETTE) -> go.Figure:
    """Band, NAP, stadsdelen and the chosen areas; ``meta`` names each trace's role.

    The markers of the chosen areas carry their class colour in ``palette``.
    """
    ind = trend.indicator
    ref = trend.reference
    years = ref["period"].tolist()
    average = average_name(trend.gemeente, lang)

    def fmt(values: Any) -> list[str]:
        return [format_value(v, ind.unit, ind.decimals, lang) for v in values]

    traces: list[go.Scatter] = []
    shown_band = trends_reference.band(trend)
    if shown_band is not None:  # not when each area has a reference of its own
        band_years, low, high, around = shown_band
        band_x, band_y = band_polygons(band_years, low, high)
        rond = class_label("rond", lang, trend.gemeente, gemiddelde=around)
        traces.append(
            go.Scatter(
                x=band_x,
                y=plain(band_y),
                mode="lines",
                line={"width": 0},
                fill="toself",
                fillcolor=BAND_FILL,
                connectgaps=False,
                hoverinfo="skip",
                name=plot_text(t("trends.band", lang, label=rond)),
                meta="band",
            )
        )
    traces += [
        go.Scatter(
            x=years,
            y=plain(ref["nap"]),
            mode="lines+markers",
            line={"color": "#000000", "dash": "dash", "width": 2},
            marker={"size": 5, "color": "#000000"},
            connectgaps=False,
            name=plot_text(t("trends.nap", lang, gemiddelde=average)),
            customdata=fmt(ref["nap"]),
            hovertemplate="NAP %{x}: %{customdata}<extra></extra>",
            meta="nap",
        ),
    ]
    area_colour = {c: AREA_COLOURS[i % len(AREA_COLOURS)] for i, c in enumerate(trend.codes)}
    # A stadsdeel takes the colour of its first chosen area, dotted.
    line_colours = dict(area_colour)
    for code, sd in trend.stadsdeel_of.items():
        line_colours.setdefault(sd, area_colour[code])
    traces += trends_reference.traces(trend, lang, area_colour, fmt, plain)
    own_names = trends_reference.averages(trend)
    for role, dash, width in (("stadsdeel", "dot", 2), ("gebied", "solid", 3)):
        lines = trend.lines[trend.lines["role"] == role]
        for code, rows in lines.groupby("code", sort=False):
            naam = str(rows["naam"].iloc[0])
            # Plotly renders markup in legends and hover text: names from uploads go as text.
            name = plot_text(
                t("trends.stadsdeel", lang, naam=naam) if role == "stadsdeel" else naam
            )
            line_colour = line_colours.get(code, "#555555")
            labels = [
                plot_text(
                    class_label(
                        k, lang, trend.gemeente, gemiddelde=own_names.get((str(code), int(p)))
                    )
                )
                for k, p in zip(rows["klasse"], rows["period"], strict=True)
            ]
            traces.append(
                go.Scatter(
                    x=[int(p) for p in rows["period"]],
                    y=plain(rows["value"]),
                    mode="lines+markers",
                    connectgaps=False,
                    name=name,
                    line={"color": line_colour, "dash": dash, "width": width},
                    marker={
                        "size": 10 if role == "gebied" else 6,
                        "color": [colour(k, palette) for k in rows["klasse"]]
                        if role == "gebied"
                        else line_colour,
                        "line": {"color": line_colour, "width": 2},
                    },
                    customdata=[
                        list(pair) for pair in zip(fmt(rows["value"]), labels, strict=True)
                    ],
                    hovertemplate=f"<b>{name}</b> %{{x}}: %{{customdata[0]}}"
                    "<br>%{customdata[1]}<extra></extra>",
                    meta=role,
                    legendgroup=code,
                )
            )
    fig = go.Figure(traces)
    mark_recomputed(fig, trend.recomputed, years, lang)
    fig.update_layout(
        height=480,
        margin={"l": 60, "r": 20, "t": 20, "b": 40},
        plot_bgcolor="white",
        hovermode="closest",
        legend={"orientation": "h", "y": -0.12},
        xaxis={
            "title": t("app.period", lang),
            "tickmode": "array",
            "tickvals": years,
            "showgrid": False,
        },
        yaxis={
            "title": plot_text(ind.label(lang)),
            "gridcolor": "#e5e5e5",
            "zeroline": False,
            "tickformat": ",~f",  # with ``separators``: 46.000 and 2,4 in Dutch
            "tickprefix": "€ " if ind.unit == "€" else "",
            "ticksuffix": "%" if ind.unit == "%" else "",
        },
        separators=",." if lang == "nl" else ".,",
    )
    period_axis.relabel(fig, years, lang)  # quarters and months: labelled, one step apart
    return fig


def mark_recomputed(fig: go.Figure, periods: list[int], years: list[int], lang: str) -> None:
    """A grey band over each run of *omgerekend* periods, labelled: the series' break."""
    runs: list[list[int]] = []
    for year in years:
        if year not in periods:
            continue
        if runs and years.index(year) == years.index(runs[-1][-1]) + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    for run in runs:
        fig.add_vrect(
            x0=run[0] - 0.5,
            x1=run[-1] + 0.5,
            fillcolor="#8a8a8a",
            opacity=0.15,
            line_width=0,
            layer="below",
            annotation_text=plot_text(t("crosswalk.trend_marker", lang)),
            annotation_position="top left",
            annotation_font_size=11,
        )


def plain(values: Any) -> list[float | None]:
    """Plain JSON numbers with ``null`` for a gap (no typed arrays, no NaN)."""
    return [float(v) if v is not None and np.isfinite(v) else None for v in values]


def band_polygons(
    years: list[int], low: list[float], high: list[float]
) -> tuple[list[Any], list[Any]]:
    """The band as closed shapes, one per run of years with a band, split by ``None``.

    A fill between two lines would bridge a gap year; separate shapes do not.
    """
    xs: list[Any] = []
    ys: list[Any] = []
    run: list[int] = []
    for i in [*range(len(years)), None]:
        if i is not None and np.isfinite(low[i]) and np.isfinite(high[i]):
            run.append(i)
            continue
        if run:
            if xs:
                xs.append(None)
                ys.append(None)
            if len(run) == 1:  # a lone year: a narrow box, else nothing would show
                j = run[0]
                xs += [years[j] - 0.15, years[j] + 0.15, years[j] + 0.15, years[j] - 0.15]
                ys += [high[j], high[j], low[j], low[j]]
            else:
                xs += [years[j] for j in run] + [years[j] for j in reversed(run)]
                ys += [high[j] for j in run] + [low[j] for j in reversed(run)]
        run = []
    return xs, ys


def that_period(trend: Trend, lang: str) -> str:
    """ "dat jaar" / "dat kwartaal" / "die maand": the indicator's period kind."""
    return t(f"period.that.{period_kinds.indicator_kind(trend.indicator.id)}", lang)


def note(trend: Trend, lang: str) -> str:
    if trend.own is not None and not trend.shared:  # each area its own reference
        text = trends_reference.own_note(trend, lang)
        if trend.recomputed:
            periods = ", ".join(str(p) for p in trend.recomputed)
            text += " " + t("crosswalk.trend_note", lang, periods=periods)
        return text
    shown_band = trends_reference.band(trend)
    around = shown_band[3] if shown_band is not None else None
    average = around or average_name(trend.gemeente, lang)
    key = "z" if trend.method == "z5" else trend.method
    band = trend.band
    params: dict[str, str] = {"gemiddelde": average, "die_periode": that_period(trend, lang)}
    if key == "z":
        params["band"] = format_number(band, 1, lang)
    elif key == "relatief":
        params["band"] = f"{format_number(100 * band, 0, lang)}%"
    elif key == "index":
        params["low"] = format_number(100 - band, 0, lang)
        params["high"] = format_number(100 + band, 0, lang)
    else:
        params["band"] = format_difference(
            band, trend.indicator.unit, trend.indicator.decimals, lang, signed=False
        )
    text = t(f"trends.note.{key}", lang, **params)
    if key == "z" and trend.indicator.spread != "sd":
        # The band's spread is the indicator's robust one (monitor/scoring/spread.py).
        text += " " + t(
            "trends.note.spread", lang, kind=t(f"spread.kind.{trend.indicator.spread}", lang)
        )
    if trend.recomputed:
        periods = ", ".join(str(p) for p in trend.recomputed)
        text += " " + t("crosswalk.trend_note", lang, periods=periods)
    return text


def register(app: Dash, get_store: Any) -> None:
    urlstate.sync(
        app,
        "trends-url",
        {
            "indicator": "trends-indicator",
            "niveau": "trends-level",
            "gebieden": "trends-areas",
            "methode": "trends-method",
            "palet": "trends-palette",
            **reference_choice.url_params("trends"),
        },
    )
    register_methods(app, get_store, "trends-indicator", "trends-method")
    reference_choice.register(app, get_store, "trends", years="trends-years")

    @app.callback(
        Output("trends-years", "data"),
        Input("trends-indicator", "value"),
        prevent_initial_call=True,
    )
    @reads
    def years(indicator_id: str | None):
        return _years(Scorer(get_store()), indicator_id)

    @app.callback(
        Output("trends-areas", "options"),
        Output("trends-areas", "value", allow_duplicate=True),
        Input("trends-level", "value"),
        State("trends-areas", "value"),
        prevent_initial_call="initial_duplicate",
    )
    @reads
    def areas(level: str | None, current: list[str] | None):
        """A new level keeps the selection where it can: a buurt becomes its wijk."""
        if not level:
            return no_update, no_update
        scorer = Scorer(get_store())
        codes = _initial_codes(scorer, level, ",".join(current or []))
        return _area_options(scorer, level), (no_update if codes == current else codes)

    @app.callback(
        Output("trends-graph", "figure"),
        Output("trends-note", "children"),
        Output("trends-sentences", "children"),
        Output("trends-reference", "children"),
        Input("trends-indicator", "value"),
        Input("trends-level", "value"),
        Input("trends-areas", "value"),
        Input("trends-method", "value"),
        Input("trends-palette", "value"),
        Input("trends-referentie", "value"),
        Input("trends-basisjaar", "value"),
        State("lang", "data"),
    )
    @reads
    def chart(
        indicator_id: str | None,
        level: str | None,
        codes: list[str] | None,
        method: str | None,
        palette: str | None,
        referentie: str | None,
        base_year: int | None,
        lang: str | None,
    ):
        return chart_outputs(
            get_store(), indicator_id, level, codes, method, palette, lang, referentie, base_year
        )


def chart_outputs(
    store: Store,
    indicator_id: str | None,
    level: str | None,
    codes: list[str] | None,
    method: str | None,
    palette: str | None,
    lang: str | None,
    referentie: str | None = None,
    base_year: int | None = None,
) -> tuple[Any, Any, Any, Any]:
    """The chart, its note, the sentences and the line naming the reference."""
    lang, palette = lang or "nl", palette or DEFAULT_PALETTE
    if not (indicator_id and level):
        return no_update, no_update, no_update, no_update
    scorer = Scorer(store)
    if scorer.areas(level).empty:  # a division without this level
        blank = empty_figure(t("class.geen_gegevens", lang))
        name = scorer.indicator(indicator_id).label(lang)
        return blank, no_values(name, lang, level=level, areas=0), [], ""
    chosen = translate(scorer, list(codes or []), level)
    reference = reference_choice.score_options(referentie, base_year)
    try:
        trend = area_trend(
            scorer, indicator_id, level, chosen, method=method, lang=lang, **reference
        )
    except MonitorError as exc:
        return go.Figure(), html.Span(str(exc), className="fout"), [], ""
    if trend.reference["nap"].isna().all() and trend.lines["value"].isna().all():
        blank = empty_figure(t("class.geen_gegevens", lang))
        return blank, no_values(trend.indicator.label(lang), lang), [], ""
    if not trend.codes:
        return figure(trend, lang, palette), t("trends.choose", lang), [], ""
    sentences = [
        html.Li(sentence(trend, code, lang), **{"data-code": code}) for code in trend.codes
    ]
    line = trends_reference.line(trend, lang)
    return figure(trend, lang, palette), note(trend, lang), sentences, line
