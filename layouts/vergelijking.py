"""NAP-vergelijking: all areas of a level against NAP, stadsdelen side by side, and per
area the number of indicators *slechter* than NAP (computations in monitor/compare.py)."""

from __future__ import annotations

import textwrap
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from dash import Dash, Input, Output, State, dcc, html, no_update

from layouts import reference_choice, urlstate
from layouts.common import (
    DEFAULT_PALETTE,
    chosen_level,
    context,
    controls,
    empty_figure,
    empty_page,
    fictional_banner,
    no_values,
    own_method,
    palette_control,
    register_methods,
    register_periods,
)
from monitor.blocks import MAX_ALL_INDICATORS, key_set
from monitor.catalog import Indicator, domain_label
from monitor.compare import (
    average_name,
    coloured_indicators,
    ranking,
    worse_counts,
    worse_sentence,
)
from monitor.errors import MonitorError
from monitor.export import plot_text
from monitor.messages import class_label, t
from monitor.numbers import difference_unit, format_difference, format_value
from monitor.palette import colour
from monitor.period_kinds import label as period_label
from monitor.period_kinds import year_of
from monitor.scoring import Scorer, nap_source_label
from monitor.scoring.coverage import incomplete, nap_line
from monitor.store import Store
from web import reads

#: Characters per line of the bar chart's title at 12 px: on a phone the title is
#: centred on a plot of about 230 px (the area names take the rest).
TITLE_WIDTH = 36


def layout(store: Store, lang: str, query: dict[str, str]) -> html.Div:
    empty = empty_page(store, lang, indicators=True)
    if empty is not None:
        return empty
    ctx = context(store, lang)
    return html.Div(
        [
            *urlstate.location("vergelijking-url"),
            fictional_banner(ctx),
            controls(store, ctx, lang, "vergelijking", query),
            reference_choice.control(
                store, query, lang, "vergelijking", chosen_level(ctx, query.get("niveau"))
            ),
            palette_control("vergelijking", query, lang),
            html.P(id="vergelijking-nap"),
            html.Div(
                [
                    dcc.Graph(id="vergelijking-bars", config={"displaylogo": False}),
                    html.Section(
                        [
                            html.H3(t("compare.stadsdelen", lang)),
                            dcc.Graph(
                                id="vergelijking-stadsdelen", config={"displayModeBar": False}
                            ),
                        ],
                        className="panel",
                    ),
                ],
                className="vergelijking-grid",
            ),
            html.H3(id="vergelijking-counts-title"),
            set_control(store, lang, query.get("set")),
            html.Div(id="vergelijking-rule", className="note"),
            html.Div(id="vergelijking-table"),
        ]
    )


#: The indicators the counts go over: the whole catalogue, the block set, one domain.
ALL, BLOCK_SET, DOMAIN = "alle", "blokset", "domein:"


def set_options(scorer: Scorer, lang: str) -> list[dict[str, str]]:
    """Whole catalogue; the block set where the catalogue is large (BBGA); each domain."""
    coloured = coloured_indicators(scorer)
    options = [{"label": t("compare.set.all", lang, count=len(coloured)), "value": ALL}]
    if len(coloured) > MAX_ALL_INDICATORS:
        options.append({"label": t("compare.set.blocks", lang), "value": BLOCK_SET})
    domains: dict[str, int] = {}
    for ind in coloured:
        domains[ind.domain] = domains.get(ind.domain, 0) + 1
    options += [
        {
            "label": t("compare.set.domain", lang, domain=domain_label(d, lang), count=n),
            "value": f"{DOMAIN}{d}",
        }
        for d, n in domains.items()
    ]
    return options


def set_control(store: Store, lang: str, chosen: str | None) -> html.Label:
    options = set_options(Scorer(store), lang)
    value = chosen if chosen in {o["value"] for o in options} else ALL
    return html.Label(
        [
            t("compare.set", lang),
            dcc.Dropdown(options, value, id="vergelijking-set", clearable=False),
        ],
        className="vergelijking-set",
    )


def chosen_indicators(scorer: Scorer, chosen: str | None) -> list[str] | None:
    """The ids the counts go over (None: every coloured indicator)."""
    if chosen == BLOCK_SET:
        preset = key_set(scorer)
        return preset.indicator_ids if preset else None
    if chosen and chosen.startswith(DOMAIN):
        domain = chosen.removeprefix(DOMAIN)
        return [i.id for i in coloured_indicators(scorer) if i.domain == domain]
    return None


def _hover_data(frame: pd.DataFrame, ind: Indicator, lang: str, gemeente: str) -> np.ndarray:
    def fmt(value: float) -> str:
        return format_value(value, ind.unit, ind.decimals, lang)

    diffs = [format_difference(d, ind.unit, ind.decimals, lang) for d in frame["diff"]]
    # Another reference than NAP: each class names its own ("… van stadsdeel Oost").
    averages = reference_choice.hover_averages(frame, lang)
    return np.column_stack(
        [
            [
                plot_text(class_label(k, lang, gemeente, gemiddelde=a))
                for k, a in zip(frame["klasse"], averages, strict=True)
            ],
            [fmt(v) for v in frame["value"]],
            [fmt(v) for v in frame["nap"]],
            diffs,
        ]
    )


HOVER = (
    "<b>%{customdata[4]}</b><br>{value}: %{customdata[1]}<br>NAP: %{customdata[2]}"
    "<br>{diff}: %{customdata[3]}<br>%{customdata[0]}<extra></extra>"
)


def _bars(
    frame: pd.DataFrame,
    ind: Indicator,
    lang: str,
    gemeente: str,
    *,
    horizontal: bool,
    palette: str = DEFAULT_PALETTE,
) -> go.Bar:
    pairs = zip(frame["naam"], frame["code"], strict=True)
    # Tick labels and hover text render markup: names from uploads are shown as text.
    labels = [plot_text(f"{n} ({c})" if horizontal else n) for n, c in pairs]
    custom = np.column_stack([_hover_data(frame, ind, lang, gemeente), labels])
    diff = [float(d) for d in frame["diff"].fillna(0)]  # no value: an empty bar with its text
    position = dict(x=diff, y=labels, orientation="h") if horizontal else dict(x=labels, y=diff)
    return go.Bar(
        **position,
        marker={
            "color": [colour(k, palette) for k in frame["klasse"]],
            "line": {"color": "#555555", "width": 0.6},
            "pattern": {
                "shape": ["/" if k == "geen_gegevens" else "" for k in frame["klasse"]],
                "fgcolor": "#999999",
            },
        },
        text=[t(f"compare.short.{k}", lang) for k in frame["klasse"]],
        textposition="outside",
        cliponaxis=False,
        customdata=custom.tolist(),
        hovertemplate=HOVER.replace("{value}", t("col.value", lang))
        .replace("{diff}", t("profiel.diff", lang))
        .replace("NAP:", reference_choice.value_label(frame, lang) + ":"),
        meta=[str(c) for c in frame["code"]],
        showlegend=False,
    )


def _axis_title(ind: Indicator, lang: str) -> str:
    """ "Verschil met het NAP in procentpunt": the bars are differences, not values."""
    unit = difference_unit(ind.unit, lang)
    return t("compare.axis_in", lang, unit=unit) if unit else t("compare.axis", lang)


def wrapped(text: str, width: int = TITLE_WIDTH) -> str:
    """A chart title as lines of at most ``width`` characters (``<br>`` between them, each
    line :func:`plot_text`): a phone's chart (about 360 px) cuts one long line."""
    return "<br>".join(plot_text(line) for line in textwrap.wrap(text, width)) or plot_text(text)


def _axis_range(frame: pd.DataFrame) -> list[float]:
    """Symmetric around NAP with room for the text outside the bars."""
    largest = float(np.nanmax(np.abs(frame["diff"]))) if frame["diff"].notna().any() else 1.0
    largest = largest or 1.0
    return [-1.45 * largest, 1.45 * largest]


def bar_figure(
    frame: pd.DataFrame, ind: Indicator, lang: str, gemeente: str, palette: str = DEFAULT_PALETTE
) -> go.Figure:
    """Ranked horizontal bars: deviation from NAP, highest value on top."""
    fig = go.Figure(_bars(frame, ind, lang, gemeente, horizontal=True, palette=palette))
    nap = format_value(frame["nap"].iloc[0], ind.unit, ind.decimals, lang)
    fig.update_layout(
        height=max(320, 22 * len(frame) + 110),
        margin={"l": 10, "r": 20, "t": 50, "b": 40},
        plot_bgcolor="white",
        bargap=0.25,
        xaxis={
            "title": {
                "text": wrapped(
                    reference_choice.axis_title(
                        frame, difference_unit(ind.unit, lang), _axis_title(ind, lang), lang
                    )
                    + f" ({ind.label(lang)})"
                ),
                "font": {"size": 12},
            },
            "side": "top",
            "automargin": True,
            "range": _axis_range(frame),
            "zeroline": True,
            "zerolinecolor": "#000000",
            "zerolinewidth": 2,
            "gridcolor": "#eeeeee",
            "tickformat": ",~f",
        },
        yaxis={"autorange": "reversed", "automargin": True, "type": "category"},
        annotations=[
            {
                "x": 0,
                "y": 1,
                "xref": "x",
                "yref": "paper",
                "yanchor": "bottom",
                "text": reference_choice.zero_label(frame, f"NAP {nap}", lang),
                "showarrow": False,
                "font": {"size": 12},
                "bgcolor": "white",
            }
        ],
        separators=",." if lang == "nl" else ".,",
    )
    return fig


def stadsdelen_figure(
    frame: pd.DataFrame, ind: Indicator, lang: str, gemeente: str, palette: str = DEFAULT_PALETTE
) -> go.Figure:
    """The stadsdelen in code order, as columns around the NAP line."""
    ordered = frame.sort_values("code").reset_index(drop=True)
    fig = go.Figure(_bars(ordered, ind, lang, gemeente, horizontal=False, palette=palette))
    fig.update_layout(
        height=340,
        margin={"l": 50, "r": 10, "t": 10, "b": 40},
        plot_bgcolor="white",
        yaxis={
            "title": plot_text(_axis_title(ind, lang)),
            "range": _axis_range(ordered),
            "zeroline": True,
            "zerolinecolor": "#000000",
            "zerolinewidth": 2,
            "gridcolor": "#eeeeee",
            "tickformat": ",~f",
        },
        separators=",." if lang == "nl" else ".,",
    )
    return fig


def count_table(counts: Any, lang: str) -> html.Table:
    frame = counts.frame.sort_values(["slechter", "code"], ascending=[False, True])
    header = [
        t("col.naam", lang),
        t("col.code", lang),
        t("compare.col.slechter", lang),
        t("compare.col.rond", lang),
        t("compare.col.beter", lang),
        t("compare.col.geen", lang),
        t("compare.col.sentence", lang),
    ]
    rows = [
        html.Tr(
            [
                html.Td(r.naam),
                html.Td(r.code),
                html.Td(str(r.slechter), className="num worse"),
                html.Td(str(r.rond), className="num"),
                html.Td(str(r.beter), className="num"),
                html.Td(str(r.geen_gegevens), className="num"),
                html.Td(
                    worse_sentence(
                        r.naam,
                        r.slechter,
                        r.gescoord,
                        counts.gemeente,
                        lang,
                        missing=r.geen_gegevens,
                    ),
                    className="sentence",
                ),
            ],
            **{"data-code": r.code, "data-slechter": str(r.slechter)},
        )
        for r in frame.itertuples()
    ]
    return html.Table(
        [html.Tr([html.Th(h) for h in header]), *rows],
        className="data vergelijking",
        id="vergelijking-counts",
    )


def register(app: Dash, get_store: Any) -> None:
    urlstate.sync(
        app,
        "vergelijking-url",
        {
            "indicator": "vergelijking-indicator",
            "jaar": "vergelijking-period",
            "niveau": "vergelijking-level",
            "methode": "vergelijking-method",
            "palet": "vergelijking-palette",
            "set": "vergelijking-set",
            **reference_choice.url_params("vergelijking"),
        },
    )
    reference_choice.register(app, get_store, "vergelijking")

    register_periods(app, get_store, "vergelijking")
    register_methods(app, get_store, "vergelijking-indicator", "vergelijking-method")

    @app.callback(
        Output("vergelijking-bars", "figure"),
        Output("vergelijking-stadsdelen", "figure"),
        Output("vergelijking-nap", "children"),
        Input("vergelijking-indicator", "value"),
        Input("vergelijking-period", "value"),
        Input("vergelijking-level", "value"),
        Input("vergelijking-method", "value"),
        Input("vergelijking-palette", "value"),
        Input("vergelijking-referentie", "value"),
        Input("vergelijking-basisjaar", "value"),
        State("lang", "data"),
    )
    @reads
    def charts(
        indicator_id: str | None,
        period: int | None,
        level: str | None,
        method: str | None,
        palette: str | None,
        referentie: str | None,
        base_year: int | None,
        lang: str | None,
    ):
        lang, palette = lang or "nl", palette or DEFAULT_PALETTE
        if not (indicator_id and level):
            return no_update, no_update, no_update
        scorer = Scorer(get_store())
        blank = empty_figure(t("class.geen_gegevens", lang))
        if not period:  # an indicator without values
            name = scorer.indicator(indicator_id).label(lang)
            return blank, blank, no_values(name, lang)
        try:
            ind = scorer.indicator(indicator_id)
            reference = reference_choice.score_options(referentie, base_year)
            frame = ranking(
                scorer, indicator_id, int(period), level, method=method, lang=lang, **reference
            )
            sd = ranking(
                scorer, indicator_id, int(period), "stadsdeel", method=method, lang=lang,
                **reference,
            )  # fmt: skip
        except MonitorError as exc:
            return go.Figure(), go.Figure(), html.Span(str(exc), className="fout")
        if frame.empty or frame["value"].isna().all():
            return blank, blank, no_values(ind.label(lang), lang, int(period), level, len(frame))
        first = frame.iloc[0]
        nap = t(
            "compare.nap",
            lang,
            period=period_label(int(period), lang),
            source=nap_source_label(str(first["nap_source"]), lang),
            nap=format_value(first["nap"], ind.unit, ind.decimals, lang),
        )
        coverage = incomplete(frame)
        if coverage is not None:  # no NAP: say why nothing is coloured
            nap = html.Span(nap_line(coverage, lang), className="waarschuwing")
        if reference:  # another reference: what the bars are differences from
            nap = reference_choice.line(frame, ind, lang)
        return (
            bar_figure(frame, ind, lang, scorer.gemeente, palette),
            stadsdelen_figure(sd, ind, lang, scorer.gemeente, palette),
            nap,
        )

    @app.callback(
        Output("vergelijking-counts-title", "children"),
        Output("vergelijking-rule", "children"),
        Output("vergelijking-table", "children"),
        Input("vergelijking-period", "value"),
        Input("vergelijking-level", "value"),
        Input("vergelijking-method", "value"),
        Input("vergelijking-set", "value"),
        State("vergelijking-indicator", "value"),
        State("lang", "data"),
    )
    @reads
    def table(
        period: int | None,
        level: str | None,
        method: str | None,
        chosen: str | None,
        indicator_id: str | None,
        lang: str | None,
    ):
        """Counts over the chosen set (the whole catalogue by default) from the stored
        classes; another than the "(standaard)" method is scored on demand."""
        lang = lang or "nl"
        if not (period and level):
            return no_update, no_update, no_update
        store = get_store()
        method = own_method(store, indicator_id, method)
        scorer = Scorer(store)
        # The counts are over yearly indicators: a quarter or month counts its year.
        period = year_of(int(period))
        counts = worse_counts(
            scorer,
            period,
            level,
            method=method,
            indicators=chosen_indicators(scorer, chosen),
        )
        average = average_name(scorer.gemeente, lang)
        title = t(
            "compare.counts",
            lang,
            gemiddelde=average,
            level=t(f"level.{level}", lang).split(" (")[0].lower(),
            year=period,
        )
        rule = [t("compare.rule", lang, total=counts.indicator_count, year=period)]
        if counts.own_method:
            names = ", ".join(scorer.indicator(i).label(lang) for i in counts.own_method)
            label = t(f"method.{method}", lang)
            rule.append(t("compare.own_method", lang, method=f"'{label}'", indicators=names))
        if counts.without_year:
            names = ", ".join(scorer.indicator(i).label(lang) for i in counts.without_year)
            rule.append(t("compare.without_year", lang, year=period, indicators=names))
        years = html.Details(
            [
                html.Summary(t("compare.years_used", lang)),
                html.Ul(
                    [
                        html.Li(f"{scorer.indicator(i).label(lang)}: {y}", **{"data-year": str(y)})
                        for i, y in sorted(
                            counts.years.items(), key=lambda kv: scorer.indicator(kv[0]).label(lang)
                        )
                    ]
                ),
            ],
            id="vergelijking-years",
        )
        return title, [html.P(" ".join(rule)), years], count_table(counts, lang)
