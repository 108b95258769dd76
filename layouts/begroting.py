"""Buurtbegroting: areas × indicators in NAP colours, grouped by domain.

A plain HTML table, so every cell carries its value as text, its class in words (for
screen readers, and as the cell's title) and its colour. Sorting is done on the server
(click a column head; again for descending), filtering by stadsdeel or gebied, and the
indicator multi-select is the column chooser. Exports (CSV, Excel) carry the class as
text and are spreadsheet-safe (``monitor.blocks``).

Beside each area's block (its *opgave*) stands its *inzet*: per programme what was
planned and realised in the chosen budget year, per inhabitant or in euros
(``monitor.budget``). In code order the rows are grouped as in Oost's buurtbegroting:
buurten per wijk, a subtotal row per wijk, a total row for the chosen stadsdeel or
gebied (or the city). Sorting on any other column shows the areas without groups, and
still closes with the total. The budget year is chosen apart from the indicator year.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pandas as pd
from dash import Dash, Input, Output, State, callback_context, dcc, html, no_update

from layouts import urlstate
from layouts.aandacht import cell_words
from layouts.begroting_table import table_spec
from layouts.blokjes import (
    base_preset,
    missing_note,
    register_periods,
    register_set,
    resolve_set,
    set_controls,
    set_periods,
    year_level_filter,
    year_value,
)
from layouts.common import (
    chosen_level,
    context,
    empty_page,
    empty_state,
    fictional_banner,
    level_options,
)
from monitor import typology
from monitor.blocks import (
    Preset,
    area_codes,
    cached_block_scores,
    table_csv,
    table_frame,
    table_xlsx,
)
from monitor.budget import (
    BudgetTable,
    Programmes,
    arrange,
    export_frames,
    load_programmes,
    slug,
)
from monitor.budget import table_csv as budget_csv
from monitor.budget import table_xlsx as budget_xlsx
from monitor.emptiness import contents
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.scoring import Scorer, uncertain
from monitor.store import Store
from web import reads

#: Budget amounts per inhabitant (default) or in euros.
UNITS = ("inwoner", "euro")


#: What this page shows: indicators (meetingen) beside budget lines (begroting).
NEEDS = ("meetingen", "begroting")


def layout(store: Store, lang: str, query: dict[str, str]) -> html.Div:
    found = contents(store)
    if not found.division or not (found.measurements or found.budget):
        return empty_page(store, lang, NEEDS)
    notice = empty_state(store, lang, NEEDS, found)  # one of the two is missing, or None
    ctx = context(store, lang)
    scorer = Scorer(store)
    base, missing = base_preset(scorer.indicators, store)
    if base is None:
        return html.Div(html.P(t("blokjes.no_set", lang), id="begroting-error"))
    preset = resolve_set(query.get("set"), scorer.indicators, base)
    years = set_periods(store, preset)
    level = chosen_level(ctx, query.get("niveau"))
    config = load_programmes(store)
    return html.Div(
        [
            *urlstate.location("begroting-url"),
            fictional_banner(ctx),
            notice,
            html.H2(t("begroting.title", lang)),
            html.P(t("begroting.intro", lang), className="intro"),
            html.Div(
                [
                    *year_level_filter(
                        "begroting",
                        store,
                        years,
                        year_value(query, years, store, preset, level),
                        level,
                        query,
                        lang,
                        level_options(ctx, lang),
                    ),
                    html.Div(
                        [
                            html.Button(
                                t("begroting.export_csv", lang),
                                id="begroting-csv",
                                className="export-button",
                            ),
                            html.Button(
                                t("begroting.export_xlsx", lang),
                                id="begroting-xlsx",
                                className="export-button",
                            ),
                            dcc.Download(id="begroting-download"),
                        ],
                        className="export-buttons",
                    ),
                ],
                className="controls",
            ),
            budget_controls(store, config, query, lang),
            set_controls(
                "begroting",
                ctx,
                scorer.indicators,
                base,
                query,
                lang,
                label_key="begroting.columns",
            ),
            html.P(missing_note(base, missing, lang), className="hint"),
            dcc.Store(id="begroting-sort", data={"col": "code", "desc": False}),
            html.P(id="begroting-info", role="status"),
            # The table's data; assets/begroting.js builds the table into the div below.
            html.Div(id="begroting-spec", hidden=True),
            html.Div(id="begroting-table", className="begroting-scroll"),
            html.P(t("begroting.budget_note", lang), id="begroting-budget-note", className="hint"),
        ]
    )


def budget_controls(store: Store, config: Programmes, query: dict[str, str], lang: str) -> html.Div:
    """Budget year (latest with lines by default), unit, and the programme chooser."""
    division_id = store.division_id()
    years = store.budget_years(division_id)
    wanted = query.get("begrotingsjaar", "")
    year = int(wanted) if wanted.isdigit() and int(wanted) in years else None
    year = year if year is not None else (years[-1] if years else None)
    unit = query.get("bedrag") if query.get("bedrag") in UNITS else UNITS[0]
    found = list(store.budget_frame(division_id)["programme"].unique()) if years else []
    options = [{"label": config.label(p, lang), "value": slug(p)} for p in config.order(found)]
    chosen = [
        s for s in query.get("programmas", "").split(",") if s in {o["value"] for o in options}
    ]
    return html.Div(
        [
            html.Label(
                [
                    t("begroting.budget_year", lang),
                    dcc.Dropdown(years, year, id="begroting-budget-year", clearable=False),
                ]
            ),
            html.Label(
                [
                    t("begroting.unit", lang),
                    dcc.RadioItems(
                        [{"label": t(f"begroting.unit_{u}", lang), "value": u} for u in UNITS],
                        unit,
                        id="begroting-unit",
                        inline=True,
                    ),
                ]
            ),
            html.Label(
                [
                    t("begroting.programmes", lang),
                    dcc.Dropdown(options, chosen, id="begroting-programmes", multi=True),
                ],
                className="wide-control",
            ),
        ],
        className="controls budget-controls",
    )


def typology_column(
    scorer: Scorer, preset: Preset, period: int, level: str, lang: str
) -> dict[str, tuple[str, str, str]]:
    """Per area its status × ontwikkeling on the table's set (see Aandachtsbuurten)."""
    found = typology.typology(scorer, period, level, indicators=preset.indicator_ids)
    return {
        r.code: (r.cel, cell_words(r.cel, lang), typology.COLOURS[r.cel])
        for r in found.frame.itertuples()
    }


def _scores(
    get_store: Any, text: str | None, period: int, level: str, within: str | None, lang: str
) -> tuple[Scorer, Preset, pd.DataFrame, list[str]]:
    scorer = Scorer(get_store())
    base, _ = base_preset(scorer.indicators, scorer.store)
    if base is None:
        raise MonitorError(t("blokjes.no_set", lang))
    preset = resolve_set(text, scorer.indicators, base)
    scores = cached_block_scores(scorer, preset, int(period), level, lang=lang)
    codes = area_codes(scorer.areas(level), within)
    return scorer, preset, scores, codes


def _shown(
    get_store: Any,
    text: str | None,
    period: int,
    level: str,
    within: str | None,
    sort: dict[str, Any] | None,
    budget_year: int | None,
    chosen: list[str] | None,
    unit: str,
    lang: str,
) -> tuple[Scorer, Preset, pd.DataFrame, list[str], BudgetTable | None, Programmes]:
    """What the table and its exports show: the scores, the area codes in the chosen
    order, and the budget beside them (``monitor.budget.arrange``)."""
    scorer, preset, scores, codes = _scores(get_store, text, period, level, within, lang)
    ordered, budget, config = arrange(
        scorer.store,
        scores,
        codes,
        sort,
        budget_year,
        level,
        within,
        chosen,
        per_inhabitant=unit == "inwoner",
    )
    return scorer, preset, scores, ordered, budget, config


def register(app: Dash, get_store: Any) -> None:
    urlstate.sync(
        app,
        "begroting-url",
        {
            "jaar": "begroting-period",
            "niveau": "begroting-level",
            "gebied": "begroting-filter",
            "set": "begroting-set",
            "begrotingsjaar": "begroting-budget-year",
            "bedrag": "begroting-unit",
            "programmas": "begroting-programmes",
        },
    )
    register_set(app, get_store, "begroting")
    register_periods(app, get_store, "begroting")

    # Sorting: the column heads (built by assets/begroting.js) set ``begroting-sort``.
    @app.callback(
        Output("begroting-spec", "children"),
        Output("begroting-info", "children"),
        Input("begroting-set", "value"),
        Input("begroting-period", "value"),
        Input("begroting-level", "value"),
        Input("begroting-filter", "value"),
        Input("begroting-sort", "data"),
        Input("begroting-budget-year", "value"),
        Input("begroting-unit", "value"),
        Input("begroting-programmes", "value"),
        State("lang", "data"),
    )
    @reads
    def table(
        text: str | None,
        period: int | None,
        level: str | None,
        within: str | None,
        sort: dict[str, Any] | None,
        budget_year: int | None,
        unit: str | None,
        chosen: list[str] | None,
        lang: str | None,
    ):
        if not (period and level):
            return no_update, no_update
        lang = lang or "nl"
        unit = unit if unit in UNITS else UNITS[0]
        try:
            scorer, preset, scores, ordered, budget, config = _shown(
                get_store, text, period, level, within, sort, budget_year, chosen, unit, lang
            )
        except MonitorError as exc:
            return "", html.Span(str(exc), className="fout")
        if not ordered:
            return "", t("blokjes.no_areas", lang)
        info: list[Any] = [t("begroting.year_note", lang, period=period), " "]
        if budget is None:
            info.append(t("begroting.no_budget", lang))
        elif budget.population_year is None:
            info += [
                t(
                    "begroting.budget_info",
                    lang,
                    year=budget.year,
                    indicator="–",
                    population_year="",
                ),
                " ",
                t("begroting.no_population", lang),
            ]
        else:
            info.append(
                t(
                    "begroting.budget_info",
                    lang,
                    year=budget.year,
                    indicator=_indicator_label(scorer, budget.population_indicator, lang),
                    population_year=budget.population_year,
                )
            )
        if uncertain(scores.loc[scores["code"].isin(ordered), "reden_code"]).any():
            info += [" ", t("uncertain.legend", lang) + "."]
        shown = table_spec(
            scores,
            preset,
            scorer.indicators,
            ordered,
            sort or {},
            lang,
            budget=budget,
            unit=unit,
            config=config,
            types=typology_column(scorer, preset, int(period), level, lang),
        )
        return json.dumps(shown, ensure_ascii=False, separators=(",", ":")), info

    @app.callback(
        Output("begroting-download", "data"),
        Input("begroting-csv", "n_clicks"),
        Input("begroting-xlsx", "n_clicks"),
        State("begroting-set", "value"),
        State("begroting-period", "value"),
        State("begroting-level", "value"),
        State("begroting-filter", "value"),
        State("begroting-sort", "data"),
        State("begroting-budget-year", "value"),
        State("begroting-unit", "value"),
        State("begroting-programmes", "value"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @reads
    def download(
        _csv: int | None,
        _xlsx: int | None,
        text: str | None,
        period: int | None,
        level: str | None,
        within: str | None,
        sort: dict[str, Any] | None,
        budget_year: int | None,
        unit: str | None,
        chosen: list[str] | None,
        lang: str | None,
    ):
        if not (period and level):
            return no_update
        lang = lang or "nl"
        unit = unit if unit in UNITS else UNITS[0]
        try:
            scorer, preset, scores, ordered, budget, config = _shown(
                get_store, text, period, level, within, sort, budget_year, chosen, unit, lang
            )
        except MonitorError:
            return no_update
        frame = table_frame(scores, preset, scorer.indicators, lang, codes=ordered)
        types = typology_column(scorer, preset, int(period), level, lang)
        frame[t("typ.col.typology", lang)] = ["", *(types.get(c, ("", "", ""))[1] for c in ordered)]
        totals = None
        if budget is not None:
            frame, totals = export_frames(frame, budget, ordered, config, lang)
        # Only known codes reach the file name, and only as letters and digits.
        where = re.sub(r"[^A-Za-z0-9]", "", within or "")
        name = f"buurtbegroting-{period}-{level}" + (f"-{where}" if where else "")
        if budget is not None and budget.year != int(period):
            name += f"-begroting{budget.year}"
        if callback_context.triggered_id == "begroting-xlsx":
            content = table_xlsx(frame) if totals is None else budget_xlsx(frame, totals, lang)
            return dcc.send_bytes(content, f"{name}.xlsx")
        content = table_csv(frame) if totals is None else budget_csv(frame, totals)
        return {"content": content, "filename": f"{name}.csv", "type": "text/csv"}


def _indicator_label(scorer: Scorer, indicator_id: str | None, lang: str) -> str:
    ind = scorer.indicators.get(indicator_id or "")
    return ind.label(lang) if ind is not None else (indicator_id or "–")
