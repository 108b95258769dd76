"""Aandachtsbuurten (``/aandacht``): status × ontwikkeling per area as a map, the 4 × 3
cross table with counts and the list of aandachtsbuurten (CSV), with the multi-criteria
filter beside it (:mod:`layouts.aandacht_filter`). The numbers come from
:mod:`monitor.typology` and :mod:`monitor.criteria` (materialised scores only).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import Dash, Input, Output, State, dcc, html, no_update

from layouts import aandacht_filter, urlstate
from layouts.common import (
    chosen_level,
    context,
    empty_page,
    fictional_banner,
    level_control,
    level_options,
)
from layouts.indicator_set import (
    base_preset,
    register_periods,
    register_set,
    resolve_set,
    set_controls,
    set_periods,
    year_value,
)
from layouts.level_map import area_map, level_geometry
from monitor import typology
from monitor.blocks import table_csv
from monitor.messages import average_name, t
from monitor.scoring import Scorer
from monitor.store import LEVELS, Store
from web import reads

SPANS = [1, 2, 3, 4, 5]
#: Client-side order of the cells: the hideout sends indexes.
CELL_ORDER = [*typology.CELLS, typology.UNKNOWN]


def layout(store: Store, lang: str, query: dict[str, str]) -> html.Div:
    empty = empty_page(store, lang, indicators=True)
    if empty is not None:
        return empty
    ctx = context(store, lang)
    scorer = Scorer(store)
    base, _missing = base_preset(scorer.indicators, store)
    if base is None:
        return html.Div(html.P(t("blokjes.no_set", lang), id="aandacht-error"))
    preset = resolve_set(query.get("set"), scorer.indicators, base)
    years = set_periods(store, preset)
    level = chosen_level(ctx, query.get("niveau"))
    span = int(query["jaren"]) if query.get("jaren", "").isdigit() else typology.DEFAULT_SPAN
    return html.Div(
        [
            *urlstate.location("aandacht-url"),
            fictional_banner(ctx),
            html.H2(t("typ.title", lang)),
            html.P(id="aandacht-intro", className="hint"),
            html.Div(
                [
                    html.Label(
                        [
                            t("app.period", lang),
                            dcc.Dropdown(
                                years,
                                year_value(query, years, store, preset, level),
                                id="aandacht-period",
                                clearable=False,
                            ),
                        ]
                    ),
                    level_control(level_options(ctx, lang), level, "aandacht-level", lang),
                    html.Label(
                        [
                            t("typ.span", lang),
                            dcc.Dropdown(
                                SPANS,
                                span if span in SPANS else typology.DEFAULT_SPAN,
                                id="aandacht-span",
                                clearable=False,
                            ),
                        ]
                    ),
                ],
                className="controls",
            ),
            set_controls("aandacht", ctx, scorer.indicators, base, query, lang, "typ.set"),
            aandacht_filter.section(ctx, query, lang),
            html.P(id="aandacht-years", className="hint", role="status"),
            html.Div(
                [
                    area_map("aandacht", t("typ.map_label", lang)),
                    html.Div(id="aandacht-cross", className="aandacht-cross"),
                ],
                className="kaart-wrap aandacht-wrap",
            ),
            html.H3(id="aandacht-list-title"),
            html.Div(
                [
                    html.Button(t("typ.export", lang), id="aandacht-csv"),
                    dcc.Download(id="aandacht-download"),
                ],
                className="export-buttons no-print",
            ),
            html.Div(id="aandacht-list", className="vergelijken-scroll"),
        ],
        className="aandacht-page",
    )


def status_word(status: str, lang: str) -> str:
    return t(f"typ.status.{status}", lang)


def ontwikkeling_word(ontwikkeling: str, lang: str) -> str:
    return t(f"typ.ont.{ontwikkeling}", lang)


def cell_words(cell: str, lang: str) -> str:
    if cell == typology.UNKNOWN:
        return t("typ.cell_unknown", lang)
    status, ontwikkeling = cell.split(":")
    return t(
        "typ.cell",
        lang,
        status=status_word(status, lang),
        ontwikkeling=ontwikkeling_word(ontwikkeling, lang),
    )


def describe(row: dict[str, Any], lang: str) -> str:
    return t(
        "typ.tooltip",
        lang,
        naam=row["naam"],
        code=row["code"],
        status=status_word(row["status"], lang),
        worse=int(row["slechter"]),
        scored=int(row["gescoord"]),
        ontwikkeling=ontwikkeling_word(row["ontwikkeling"], lang),
        up=int(row["verbeterd"]),
        down=int(row["verslechterd"]),
        compared=int(row["vergeleken"]),
    )


def hideout(typ: typology.Typology, matches: set[str] | None, lang: str) -> dict[str, Any]:
    index = {c: i for i, c in enumerate(CELL_ORDER)}
    return {
        "areas": {
            r["code"]: [
                index[r["cel"]],
                describe(r, lang),
                1 if matches and r["code"] in matches else 0,
            ]
            for r in typ.frame.to_dict("records")
        },
        "cells": CELL_ORDER,
        "colours": [typology.COLOURS[c] for c in CELL_ORDER],
        "filtering": matches is not None,
        "matchWords": t("typ.match", lang),
        "noData": t("typ.cell_unknown", lang),
    }


def cross_table(typ: typology.Typology, lang: str) -> list[Any]:
    """The 4 × 3 table: a coloured cell with its count per status and ontwikkeling."""
    counts = typ.counts()
    head = html.Tr(
        [html.Th(t("typ.cross_corner", lang), scope="col")]
        + [html.Th(ontwikkeling_word(o, lang), scope="col") for o in typology.ONTWIKKELING]
    )
    rows = [
        html.Tr(
            [html.Th(status_word(s, lang), scope="row")]
            + [
                html.Td(
                    str(counts[f"{s}:{o}"]),
                    style={"background": typology.COLOURS[f"{s}:{o}"]},
                    className="cell dark" if _dark(typology.COLOURS[f"{s}:{o}"]) else "cell",
                    title=cell_words(f"{s}:{o}", lang),
                    **{"data-cell": f"{s}:{o}"},
                )
                for o in typology.ONTWIKKELING
            ]
        )
        for s in typology.STATUS
    ]
    return [
        html.Table(
            [html.Caption(t("typ.cross", lang)), html.Thead(head), html.Tbody(rows)],
            className="data typology-cross",
            id="aandacht-cross-table",
        ),
        html.P(t("typ.unknown_count", lang, n=counts[typology.UNKNOWN]), className="hint"),
    ]


def _dark(colour: str) -> bool:
    """Dark fills get white text (contrast)."""
    return typology.ink(colour) == "#ffffff"


def export_frame(typ: typology.Typology, rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The list as shown, in words, for CSV."""
    return pd.DataFrame(
        {
            t("typ.col.code", lang): rows["code"],
            t("typ.col.naam", lang): rows["naam"],
            t("typ.col.typology", lang): [cell_words(c, lang) for c in rows["cel"]],
            t("typ.col.status", lang): [status_word(s, lang) for s in rows["status"]],
            t("typ.col.worse", lang): rows["slechter"],
            t("typ.col.scored", lang): rows["gescoord"],
            t("typ.col.share", lang): rows["aandeel"].round(3),
            t("typ.col.ontwikkeling", lang): [
                ontwikkeling_word(o, lang) for o in rows["ontwikkeling"]
            ],
            t("typ.col.improved", lang): rows["verbeterd"],
            t("typ.col.declined", lang): rows["verslechterd"],
            t("typ.col.compared", lang): rows["vergeleken"],
        }
    )


def list_table(rows: pd.DataFrame, lang: str) -> Any:
    if rows.empty:
        return html.P(t("typ.list_none", lang), id="aandacht-none")
    heads = ("code", "naam", "typology", "worse", "scored", "improved", "declined", "compared")
    body = [
        html.Tr(
            [
                html.Td(r["code"]),
                html.Th(r["naam"], scope="row"),
                html.Td(
                    cell_words(r["cel"], lang),
                    style={"borderLeft": f"12px solid {typology.COLOURS[r['cel']]}"},
                ),
                html.Td(int(r["slechter"])),
                html.Td(int(r["gescoord"])),
                html.Td(int(r["verbeterd"])),
                html.Td(int(r["verslechterd"])),
                html.Td(int(r["vergeleken"])),
            ],
            **{"data-code": r["code"]},
        )
        for r in rows.to_dict("records")
    ]
    return html.Table(
        [
            html.Thead(html.Tr([html.Th(t(f"typ.col.{h}", lang), scope="col") for h in heads])),
            html.Tbody(body),
        ],
        className="data",
        id="aandacht-table",
    )


def _typology(store: Store, text: str | None, period: int, level: str, span: int) -> Any:
    scorer = Scorer(store)
    base, _ = base_preset(scorer.indicators, store)
    ids = resolve_set(text, scorer.indicators, base).indicator_ids if base is not None else []
    return scorer, typology.typology(scorer, int(period), level, indicators=ids, span=int(span))


def years_note(typ: typology.Typology, lang: str) -> str:
    if not typ.before:
        return t("typ.no_change", lang, span=typ.span)
    before = sorted(set(typ.before.values()))
    after = sorted({typ.years[i] for i in typ.before})
    return t(
        "typ.years",
        lang,
        year=typ.year,
        before="/".join(map(str, before)),
        after="/".join(map(str, after)),
        n=len(typ.before),
    )


def register(app: Dash, get_store: Any) -> None:
    urlstate.sync(
        app,
        "aandacht-url",
        {
            "jaar": "aandacht-period",
            "niveau": "aandacht-level",
            "jaren": "aandacht-span",
            "set": "aandacht-set",
            "filter": "aandacht-filter",
        },
    )
    register_set(app, get_store, "aandacht")
    register_periods(app, get_store, "aandacht")
    aandacht_filter.register(app, get_store)

    @app.callback(
        Output("aandacht-geojson", "data"),
        Output("aandacht-map", "viewport"),
        Input("aandacht-level", "value"),
    )
    @reads
    def geometry(level: str | None):
        return level_geometry(get_store(), level or "buurt")

    @app.callback(
        Output("aandacht-geojson", "hideout"),
        Output("aandacht-cross", "children"),
        Output("aandacht-list-title", "children"),
        Output("aandacht-list", "children"),
        Output("aandacht-years", "children"),
        Output("aandacht-intro", "children"),
        Output("aandacht-filter-result", "children"),
        Input("aandacht-period", "value"),
        Input("aandacht-level", "value"),
        Input("aandacht-span", "value"),
        Input("aandacht-set", "value"),
        Input("aandacht-filter", "value"),
        State("lang", "data"),
    )
    @reads
    def show(period, level, span, text, criteria_text, lang):
        lang = lang if isinstance(lang, str) else "nl"
        if not (period and level):
            return (no_update,) * 7
        if level not in LEVELS or not _whole(period) or not _whole(span or 1):
            return (no_update,) * 6 + (
                html.P(t("upload.bad_request", lang, what="aandacht"), className="fout"),
            )
        scorer, typ = _typology(get_store(), text, period, level, span or typology.DEFAULT_SPAN)
        matches, result = aandacht_filter.result(scorer, criteria_text, int(period), level, lang)
        rows = typology.aandacht_frame(typ)
        intro = t("typ.intro", lang, gemiddelde=average_name(scorer.gemeente, lang), span=typ.span)
        return (
            hideout(typ, matches, lang),
            cross_table(typ, lang),
            t("typ.list", lang, n=len(rows)),
            list_table(rows, lang),
            years_note(typ, lang),
            intro,
            result,
        )

    @app.callback(
        Output("aandacht-download", "data"),
        Input("aandacht-csv", "n_clicks"),
        State("aandacht-period", "value"),
        State("aandacht-level", "value"),
        State("aandacht-span", "value"),
        State("aandacht-set", "value"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @reads
    def download(_clicks, period, level, span, text, lang):
        lang = lang or "nl"
        if not (period and level):
            return no_update
        _scorer, typ = _typology(get_store(), text, period, level, span or typology.DEFAULT_SPAN)
        frame = export_frame(typ, typology.aandacht_frame(typ), lang)
        return dcc.send_string(table_csv(frame), f"aandachtsbuurten-{level}-{period}.csv")


def _whole(value: Any) -> bool:
    """A year or a number of years as the page sends it (a whole number)."""
    try:
        return not isinstance(value, bool) and float(value) == int(float(value))
    except (TypeError, ValueError, OverflowError):
        return False
