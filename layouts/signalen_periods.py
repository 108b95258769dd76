"""The Signalen page's table of meldingen per month, quarter or year, per area of a
level (one category or all), and its CSV download. Thin: the counting is
:func:`monitor.points_table.current_table` (cached per data generation); months and
quarters are counted here; their scores are the ``_kwartaal`` / ``_maand`` indicators
(:mod:`monitor.points_indicators`). The table's heads are the period labels of
:mod:`monitor.period_kinds` ("december 2024", "2024 K1"); the CSV keeps the raw keys
("2024-12", "2024-K1")."""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import Dash, Input, Output, State, dcc, html, no_update

from monitor import period_kinds
from monitor.blocks import table_csv
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.points_indicators import count_id
from monitor.points_table import PER, categories, current_table, wide
from monitor.scoring.read import catalogue
from monitor.store import LEVELS, Store
from web import reads

#: Periods shown in the table (the CSV has them all).
SHOWN = {"maand": 12, "kwartaal": 8, "jaar": 5}
ALL = "__alle__"


def section(store: Store, division_id: int, lang: str) -> html.Div:
    """The controls and the table (filled by the callback)."""
    levels = [lvl for lvl in LEVELS[:-1] if not store.areas_frame(division_id, lvl).empty]
    options = [{"label": t("points.table.all", lang), "value": ALL}] + [
        {"label": c, "value": c} for c in categories(store, division_id)
    ]
    return html.Div(
        [
            html.H3(t("points.page.title", lang)),
            html.P(t(_intro(store, division_id), lang), className="hint"),
            html.Div(
                [
                    html.Label(
                        [
                            t("points.page.per", lang),
                            dcc.RadioItems(
                                [{"label": t(f"points.per.{p}", lang), "value": p} for p in PER],
                                "kwartaal",
                                id="punten-per",
                                inline=True,
                            ),
                        ]
                    ),
                    html.Label(
                        [
                            t("points.page.niveau", lang),
                            dcc.Dropdown(
                                [{"label": lvl, "value": lvl} for lvl in levels],
                                "wijk" if "wijk" in levels else levels[0],
                                id="punten-niveau",
                                clearable=False,
                            ),
                        ]
                    ),
                    html.Label(
                        [
                            t("points.page.category", lang),
                            dcc.Dropdown(options, ALL, id="punten-categorie", clearable=False),
                        ]
                    ),
                    html.Button(t("points.page.csv", lang), id="punten-csv"),
                    dcc.Download(id="punten-download"),
                ],
                className="punten-controls",
            ),
            html.Div(id="punten-table"),
        ],
        id="punten-periods",
        className="punten-periods",
    )


def _intro(store: Store, division_id: int) -> str:
    """Point to the meldingen indicators only where they are in the catalogue (the demo
    loads its meldingen for the signals only)."""
    counted = count_id("meldingen") in catalogue(store, division_id)
    return "points.page.intro" if counted else "points.page.intro_uncounted"


def _table(store: Store, per: Any, niveau: Any, category: Any) -> pd.DataFrame:
    if per not in PER or niveau not in LEVELS or not isinstance(category, str | None):
        raise MonitorError(t("upload.bad_request", what="punten"))
    return current_table(
        store,
        store.division_id(),
        per=per,
        niveau=niveau,
        category=None if category in (None, ALL) else category,
    )


def period_head(key: Any, lang: str) -> str:
    """A table head for a period key of :mod:`monitor.points_table` ("2024-12" →
    "december 2024", "2024-K1" → "2024 K1", "2024" → "2024"); the key itself when it is
    not a period."""
    try:
        return period_kinds.label(period_kinds.parse(str(key)), lang)
    except MonitorError:
        return str(key)


def register(app: Dash, get_store: Any) -> None:
    @app.callback(
        Output("punten-table", "children"),
        Input("punten-per", "value"),
        Input("punten-niveau", "value"),
        Input("punten-categorie", "value"),
        State("lang", "data"),
    )
    @reads
    def table(per: Any, niveau: Any, category: Any, lang: str):
        lang = lang if isinstance(lang, str) else "nl"
        try:
            found = _table(get_store(), per, niveau, category)
        except MonitorError as exc:
            return html.P(str(exc), className="fout")
        if found.empty:
            return html.P(t("points.page.empty", lang), className="empty-state")
        shown = wide(found, SHOWN[per])
        periods = [c for c in shown.columns if c not in ("code", "name")]
        head = [
            t("points.table.col.code", lang),
            t("points.table.col.name", lang),
            *[period_head(p, lang) for p in periods],
        ]
        return html.Div(
            [
                html.Table(
                    [
                        html.Tr([html.Th(h) for h in head]),
                        *[
                            html.Tr(
                                [html.Td(str(row[0])), html.Td(str(row[1]))]
                                + [html.Td(str(int(v)), className="num") for v in row[2:]]
                            )
                            for row in shown.itertuples(index=False)
                        ],
                    ],
                    id="punten-tabel",
                    className="data",
                ),
                html.P(t("points.page.note", lang), className="hint"),
            ],
            className="table-scroll",
        )

    @app.callback(
        Output("punten-download", "data"),
        Input("punten-csv", "n_clicks"),
        State("punten-per", "value"),
        State("punten-niveau", "value"),
        State("punten-categorie", "value"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @reads
    def download(_clicks: Any, per: Any, niveau: Any, category: Any, lang: str):
        lang = lang if isinstance(lang, str) else "nl"
        try:
            found = _table(get_store(), per, niveau, category)
        except MonitorError:
            return no_update
        out = found.assign(
            category=found["category"].where(found["category"] != "", t("points.table.all", lang))
        )
        out = out.rename(columns={c: t(f"points.table.col.{c}", lang) for c in out.columns})
        return dcc.send_string(table_csv(out), f"meldingen-{niveau}-{per}.csv")
