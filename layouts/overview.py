"""Tabel: one indicator scored against NAP for every area of a level, with reasons."""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, State, dcc, html

from layouts.common import (
    chosen_indicator,
    context,
    empty_page,
    fictional_banner,
    level_control,
    level_options,
    method_dropdown,
    no_values,
    register_methods,
)
from monitor import period_kinds
from monitor.messages import class_label, t
from monitor.numbers import format_number, format_value
from monitor.palette import colour
from monitor.period_kinds import options as period_options
from monitor.periods import default_period
from monitor.polarity import explain
from monitor.scoring import CLASSES, Scorer, nap_source_label
from monitor.scoring.coverage import incomplete
from monitor.scoring.coverage import nap_line as nap_line_text
from monitor.store import Store
from web import reads


def layout(store: Store, lang: str = "nl", query: dict[str, str] | None = None) -> html.Div:
    """The page; shows how to start when the store is empty."""
    empty = empty_page(store, lang, indicators=True)
    if empty is not None:
        return empty
    ctx = context(store, lang)
    options, level = ctx.options, ctx.default_level
    default = chosen_indicator(ctx, (query or {}).get("indicator"))  # a link may name it
    level_opts = level_options(ctx, lang)
    return html.Div(
        [
            fictional_banner(ctx),
            html.Div(
                [
                    html.Label(
                        [
                            t("app.indicator", lang),
                            dcc.Dropdown(options, default, id="indicator", clearable=False),
                        ]
                    ),
                    html.Label(
                        [
                            html.Span(period_word(default, lang), id="period-label"),
                            dcc.Dropdown(id="period", clearable=False),
                        ]
                    ),
                    level_control(level_opts, level, "level", lang),
                    html.Label(
                        [
                            t("app.method", lang),
                            method_dropdown(store, default, None, lang, "method"),
                        ]
                    ),
                ],
                className="controls",
            ),
            html.P(id="nap-line"),
            html.Div(id="class-counts"),
            html.Div(id="score-table"),
        ]
    )


def period_word(indicator_id: str | None, lang: str) -> str:
    """The period control's label: "Jaar" for a yearly indicator, else "Periode"."""
    if indicator_id and period_kinds.is_sub_year(indicator_id):
        return t("app.period_any", lang)
    return t("app.period", lang)


def register(app: Dash, get_store: Any) -> None:
    """Callbacks of this page; ``get_store`` returns the process's store."""
    register_methods(app, get_store, "indicator", "method")

    @app.callback(
        Output("period-label", "children"),
        Input("indicator", "value"),
        State("lang", "data"),
    )
    @reads
    def period_label(indicator_id: str | None, lang: str | None = None) -> str:
        return period_word(indicator_id, lang or "nl")

    @app.callback(
        Output("period", "options"),
        Output("period", "value"),
        Input("indicator", "value"),
        State("level", "value"),
        State("lang", "data"),
    )
    @reads
    def periods(indicator_id: str | None, level: str | None, lang: str | None = None):
        if not indicator_id:
            return [], None
        store = get_store()
        years = store.periods(store.division_id(), indicator_id)
        # The latest year with colours, not merely the latest (monitor/periods.py).
        default = default_period(store, indicator_id, level or "buurt")
        return period_options(years, lang or "nl"), default  # quarters, months: labelled

    @app.callback(
        Output("nap-line", "children"),
        Output("class-counts", "children"),
        Output("score-table", "children"),
        Input("indicator", "value"),
        Input("period", "value"),
        Input("level", "value"),
        Input("method", "value"),
        Input("lang", "data"),
    )
    @reads
    def scores(indicator_id: str, period: int, level: str, method: str | None, lang: str) -> tuple:
        if not (indicator_id and level):
            return "", None, None
        scorer = Scorer(get_store())
        ind = scorer.indicator(indicator_id)
        if not period:  # an indicator without values
            return no_values(ind.label(lang), lang), None, None
        frame = scorer.score(indicator_id, int(period), level, method=method, lang=lang)
        if frame.empty or frame["value"].isna().all():
            return no_values(ind.label(lang), lang, int(period), level, len(frame)), None, None
        first = frame.iloc[0]
        source = nap_source_label(first["nap_source"], lang)
        nap_line = t(
            "app.nap_line",
            lang,
            source=source,
            nap=format_value(first["nap"], ind.unit, ind.decimals, lang),
            spread=format_number(first["spread"], ind.decimals + 1, lang)
            + (f" ({t(f'spread.kind.{ind.spread}', lang)})" if ind.spread != "sd" else ""),
        )
        coverage = incomplete(frame)
        if coverage is not None:  # no NAP: say why nothing is coloured
            nap_line = html.Span(nap_line_text(coverage, lang), className="waarschuwing")
        counts = frame["klasse"].value_counts()
        chips = [
            html.Span(
                f"{class_label(k, lang, scorer.gemeente)}: {int(counts[k])}",
                className="chip",
                style={"background": colour(k)},
                **{"data-klasse": k},
            )
            for k in CLASSES
            if k in counts
        ]
        header = html.Tr(
            [html.Th(t(f"col.{c}", lang)) for c in ("code", "naam", "value", "klasse", "reden")]
        )
        rows = [
            html.Tr(
                [
                    html.Td(r.code),
                    html.Td(r.naam),
                    html.Td(format_value(r.value, ind.unit, ind.decimals, lang)),
                    html.Td(
                        class_label(r.klasse, lang, scorer.gemeente),
                        style={"background": colour(r.klasse)},
                        **{"data-klasse": r.klasse},
                    ),
                    html.Td(r.reden),
                ]
            )
            for r in frame.itertuples()
        ]
        return (
            nap_line,
            [
                html.H3(t("app.counts", lang)),
                *chips,
                html.P(explain(ind, lang), id="tabel-polariteit", className="hint"),
            ],
            html.Table([header, *rows], id="scores"),
        )
