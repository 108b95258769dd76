"""Signalen: buurten whose meldingen of one category break their own pattern in the
latest month, newest first, each with the expected and the observed number in words and
a small chart of the buurt's months. Thin: the signals are computed by the core
(:mod:`monitor.signal_list`, cached per data generation); this page only renders them."""

from __future__ import annotations

from typing import Any

from dash import Dash, dcc, html

from layouts import signalen_periods
from layouts.common import store_banner
from monitor import period_kinds
from monitor.messages import t
from monitor.numbers import format_number
from monitor.signal_list import SignalList, current
from monitor.signals import MIN_HISTORY
from monitor.store import Store


def layout(store: Store, lang: str = "nl", query: dict[str, str] | None = None) -> html.Div:
    """The list of signals, or why there is none."""
    try:
        division_id = store.division_id()
    except LookupError:
        return html.Div(
            [html.H2(t("signals.title", lang)), html.P(t("signals.no_data_page", lang))]
        )
    listed = current(store, division_id)
    body: list[Any] = [store_banner(store, lang, division_id), html.H2(t("signals.title", lang))]
    if listed.counts.empty:
        body.append(html.P(t("signals.no_data_page", lang), id="signalen-empty"))
    elif listed.period is None:
        body.append(html.P(t("signals.short_history", lang, months=MIN_HISTORY)))
    elif listed.found.empty:
        period = month_label(listed.period, lang)
        body.append(html.P(t("signals.none", lang, period=period), id="signalen-empty"))
    else:
        body.append(
            html.P(
                t(
                    "signals.count_one" if len(listed.found) == 1 else "signals.count",
                    lang,
                    n=len(listed.found),
                    period=month_label(listed.period, lang),
                    tested=listed.tested,
                )
            )
        )
        body.append(
            html.Ol(
                [_item(listed, row, lang) for row in listed.found.itertuples()],
                id="signalen-list",
                className="signalen-list",
            )
        )
    body.append(html.P(t("signals.rule", lang), className="hint"))
    if not listed.counts.empty:
        body.append(signalen_periods.section(store, division_id, lang))
    return html.Div(body, className="signalen")


def month_label(month: str, lang: str, short: bool = False) -> str:
    """A month of the signals (``2024-12``) as the rest of the app writes it: "december
    2024" (en "December 2024"), on a chart's axis "dec 2024"."""
    period = period_kinds.parse(month)
    return period_kinds.short_label(period, lang) if short else period_kinds.label(period, lang)


def _item(listed: SignalList, row: Any, lang: str) -> html.Li:
    """One signal: the sentence, and the buurt's months with what was expected."""
    numbers = {
        "name": row.name,
        "code": row.code,
        "category": row.category,
        "period": month_label(row.period, lang),
        "observed": int(row.observed),
        "expected": format_number(row.expected, 0, lang),
        "ratio": format_number(row.ratio, 1, lang),
    }
    return html.Li(
        [
            html.P(
                [
                    dcc.Link(row.name, href=f"/profiel?gebied={row.code}&lang={lang}"),
                    " " + t("signals.sentence_rest", lang, **numbers),
                ],
                className="signal-sentence",
                title=t("signals.sentence", lang, **numbers),
            ),
            _chart(listed, row, lang),
        ],
        **{"data-code": row.code, "data-category": row.category},
    )


def _chart(listed: SignalList, row: Any, lang: str) -> dcc.Graph:
    """The buurt's meldingen of the category per month (bars) and the expected (a line)."""
    series = listed.series(row.code, row.category)
    months = [month_label(m, lang, short=True) for m in series["month"]]
    figure = {
        "data": [
            {
                "type": "bar",
                "x": months,
                "y": series["observed"].tolist(),
                "name": t("signals.chart_observed", lang),
                "marker": {"color": ["#9ecae1"] * (len(months) - 1) + ["#b30000"]},
            },
            {
                "type": "scatter",
                "x": months,
                "y": [round(v, 1) for v in series["expected"].tolist()],
                "mode": "lines",
                "name": t("signals.chart_expected", lang),
                "line": {"color": "#333", "dash": "dash", "width": 1.5},
            },
        ],
        "layout": {
            "title": {
                "text": t("signals.chart_title", lang, name=row.name, category=row.category),
                "font": {"size": 13},
            },
            "height": 180,
            "autosize": True,
            "margin": {"l": 30, "r": 10, "t": 30, "b": 40},
            "showlegend": True,
            "legend": {"orientation": "h", "y": -0.3},
            "plot_bgcolor": "white",
            "xaxis": {"type": "category", "nticks": 5, "tickangle": 0},
        },
    }
    return dcc.Graph(
        figure=figure,
        config={"staticPlot": True, "responsive": True},
        className="signal-chart",
    )


def register(app: Dash, get_store: Any) -> None:
    """The list is rendered whole when the page is opened; the table of meldingen per
    period has its own callbacks (``layouts.signalen_periods``)."""
    signalen_periods.register(app, get_store)
