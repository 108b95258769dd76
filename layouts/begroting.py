"""Buurtbegroting: areas × indicators in NAP colours, grouped by domain (PRODUCT.md §3.5).

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
from collections.abc import Mapping
from typing import Any

import pandas as pd
from dash import Dash, Input, Output, State, callback_context, dcc, html, no_update

from layouts import urlstate
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
from monitor.blocks import (
    Preset,
    area_codes,
    cached_block_scores,
    table_csv,
    table_frame,
    table_xlsx,
)
from monitor.budget import (
    MEASURES,
    TOTAL,
    BudgetTable,
    Programmes,
    arrange,
    export_frames,
    load_programmes,
    slug,
)
from monitor.budget import table_csv as budget_csv
from monitor.budget import table_xlsx as budget_xlsx
from monitor.catalog import Indicator
from monitor.emptiness import contents
from monitor.errors import MonitorError
from monitor.messages import class_label, t
from monitor.numbers import format_number, format_value
from monitor.palette import colour
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


def _aria_sort(col: str, sort: dict[str, Any]) -> str:
    if sort.get("col") != col:
        return "none"
    return "descending" if sort.get("desc") else "ascending"


def budget_key(programme: str, measure: str) -> str:
    """Sort key of a budget column: ``budget:<programme slug or totaal>:<measure>``."""
    return f"budget:{'totaal' if programme == TOTAL else slug(programme)}:{measure}"


def _cell(tag: str, text: Any = "", **extra: Any) -> dict[str, Any]:
    """One cell of the table spec; keys that are None are left out (a smaller payload)."""
    cell = {"tag": tag, "text": "" if text is None else str(text)}
    cell.update({k: v for k, v in extra.items() if v is not None and v != {}})
    return cell


def _budget_cells(
    budget: BudgetTable | None, index: int | None, unit: str, config: Programmes, lang: str
) -> list[dict[str, Any]]:
    """The budget cells of one row: inhabitants, then per programme planned and realised."""
    if budget is None:
        return [_cell("td", className="budget-cell")]
    if index is None:
        return [
            _cell("td", className="budget-cell")
            for _ in range(1 + 2 * (len(budget.programmes) + 1))
        ]
    people = budget.rows["inwoners"].iloc[index]
    # A not-split row shares its area's inhabitants with the subtotal below: not twice.
    split = budget.rows["kind"].iloc[index] != "niet_verdeeld"
    counted = format_number(people, 0, lang) if split else ""
    cells = [_cell("td", counted, className="budget-cell inwoners-cell")]
    planned = (budget.amounts("planned"), budget.amounts("planned", per_inhabitant=True))
    realised = (budget.amounts("realised"), budget.amounts("realised", per_inhabitant=True))
    for prog in [TOTAL, *budget.programmes]:
        name = t("begroting.all_programmes", lang) if prog == TOTAL else config.label(prog, lang)
        for measure, (in_euros, per_head) in zip(MEASURES, (planned, realised), strict=True):
            euros = in_euros[prog].iloc[index]
            each = per_head[prog].iloc[index]
            shown = (
                format_value(each, "€", 2, lang)
                if unit == "inwoner"
                else format_value(euros, "€", 0, lang)
            )
            title = t(
                "begroting.cell_title",
                lang,
                programme=name,
                measure=t(f"begroting.{measure}", lang),
                year=budget.year,
                euros=format_value(euros, "€", 2, lang),
                each=format_value(each, "€", 2, lang),
                people=format_number(people, 0, lang),
            )
            cells.append(
                _cell(
                    "td",
                    shown,
                    title=title,
                    className="budget-cell" + (" budget-total" if prog == TOTAL else ""),
                    attrs={
                        "data-programme": "totaal" if prog == TOTAL else slug(prog),
                        "data-measure": measure,
                        "data-euros": "" if pd.isna(euros) else f"{float(euros):.2f}",
                    },
                )
            )
    return cells


def table_spec(
    scores: pd.DataFrame,
    preset: Preset,
    indicators: Mapping[str, Indicator],
    codes: list[str],
    sort: dict[str, Any],
    lang: str,
    palette: str = "standaard",
    budget: BudgetTable | None = None,
    unit: str = "inwoner",
    config: Programmes | None = None,
) -> dict[str, Any]:
    """The table as data for ``assets/begroting.js``: header rows (domains and budget;
    indicators and programmes; planned and realised), a NAP row, one row per area with
    its block and its budget, and, with a budget, the subtotal and total rows in the
    order ``budget.rows`` gives.

    Why not Dash components: the renderer's cost grows much faster than the number of
    components, and the city's 90 buurten with their budget are some 5,000 cells (three
    minutes in Chromium, against a fraction of a second built with DOM calls). The
    browser puts every text in with ``textContent``, so nothing from an upload can run.
    """
    gemeente = scores.attrs.get("gemeente")
    period = scores.attrs.get("period")
    ids = preset.indicator_ids
    first = scores.drop_duplicates("indicator").set_index("indicator")
    cells = scores.set_index(["code", "indicator"])
    names = scores.drop_duplicates("code").set_index("code")["naam"]
    if budget is not None and budget.year is None:
        budget = None
    config = config or Programmes("leeg", ())
    # All programmes first, next to the block: the sum a reader looks for before the parts.
    programmes = [TOTAL, *budget.programmes] if budget is not None else []

    def head(col: str, label: str, **extra: Any) -> dict[str, Any]:
        attrs = {"aria-sort": _aria_sort(col, sort), **extra.pop("attrs", {})}
        sort_title = t("begroting.sort", lang, label=label)
        return _cell("th", label, scope="col", sort=col, sortTitle=sort_title, attrs=attrs, **extra)

    top = [
        head("code", t("col.code", lang), rowSpan=3),
        head("naam", t("col.naam", lang), rowSpan=3),
        *(
            _cell(
                "th",
                dom.title(lang),
                colSpan=len(dom.indicators),
                scope="colgroup",
                className="domain-head",
                attrs={"data-domain": dom.key},
            )
            for dom in preset.domains
        ),
    ]
    if budget is not None:
        unit_label = t(f"begroting.unit_{unit}", lang)
        top.append(
            _cell(
                "th",
                t("begroting.budget_unit", lang, year=budget.year, unit=unit_label),
                colSpan=1 + 2 * len(programmes),
                scope="colgroup",
                className="domain-head budget-head",
            )
        )
    else:
        top.append(
            _cell(
                "th",
                t("begroting.budget", lang, period="").strip(),
                rowSpan=3,
                scope="col",
                className="domain-head budget-head",
            )
        )
    second = []
    for ind_id in ids:
        label = indicators[ind_id].label(lang)
        year = first.at[ind_id, "jaar"]
        if pd.isna(year):
            label += f" ({t('blokjes.no_year', lang, period=period)})"
        elif int(year) != period:
            label += f" ({int(year)})"
        second.append(
            head(ind_id, label, className="ind-head", rowSpan=2, attrs={"data-indicator": ind_id})
        )
    third = []
    if budget is not None:
        year_used = budget.population_year if budget.population_year is not None else ""
        second.append(
            head(
                "budget:inwoners",
                t("begroting.inhabitants", lang, year=year_used).strip(),
                rowSpan=2,
                className="budget-col",
            )
        )
        for prog in programmes:
            total = prog == TOTAL
            second.append(
                _cell(
                    "th",
                    t("begroting.all_programmes", lang) if total else config.label(prog, lang),
                    colSpan=2,
                    scope="colgroup",
                    className="budget-prog" + (" budget-total" if total else ""),
                    attrs={"data-programme": "totaal" if total else slug(prog)},
                )
            )
            for measure in MEASURES:
                key = budget_key(prog, measure)
                third.append(
                    head(
                        key,
                        t(f"begroting.{measure}", lang),
                        className="budget-col",
                        attrs={"data-sort-key": key},
                    )
                )

    def fmt(ind_id: str, value: float) -> str:
        ind = indicators[ind_id]
        return format_value(value, ind.unit, ind.decimals, lang)

    body: list[dict[str, Any]] = [
        {
            "className": "nap-row",
            "cells": [
                _cell("th", "NAP", scope="row"),
                _cell("td", t("begroting.nap_row", lang)),
                *(_cell("td", fmt(i, first.at[i, "nap"]), className="nap-cell") for i in ids),
                *_budget_cells(budget, None, unit, config, lang),
            ],
        }
    ]

    def area_row(code: str, index: int | None) -> dict[str, Any]:
        row = [_cell("th", code, scope="row"), _cell("td", names.get(code, ""))]
        for ind_id in ids:
            cell = cells.loc[(code, ind_id)]
            words = class_label(cell["klasse"], lang, gemeente)
            # "±": rond door onzekerheid (the words for screen readers, the reason in the title)
            unsure = bool(uncertain(cell["reden_code"]))
            marker = f" {t('uncertain.marker', lang)}" if unsure else ""
            said = f", {t('uncertain.words', lang)}" if unsure else ""
            row.append(
                _cell(
                    "td",
                    fmt(ind_id, cell["value"]) + marker,
                    sr=f", {words}{said}",
                    title=f"{words}{said}. {cell['reden']}",
                    className="klasse-cell" + (" onzeker" if unsure else ""),
                    bg=colour(cell["klasse"], palette),
                    attrs={"data-klasse": cell["klasse"], "data-indicator": ind_id},
                )
            )
        row += _budget_cells(budget, index, unit, config, lang)
        return {"attrs": {"data-code": code}, "cells": row}

    if budget is None:
        body += [area_row(code, None) for code in codes]
    else:
        labels = {
            "subtotaal": "begroting.subtotal",
            "totaal": "begroting.total",
            "niet_verdeeld": "begroting.unallocated",
        }
        for index, info in enumerate(budget.rows.itertuples(index=False)):
            if info.kind == "gebied":
                body.append(area_row(info.code, index))
                continue
            body.append(
                {
                    "className": f"{info.kind.replace('_', '-')}-row",
                    "attrs": {"data-total": info.code, "data-kind": info.kind},
                    "cells": [
                        _cell("th", info.code if info.kind != "niet_verdeeld" else "", scope="row"),
                        _cell("td", t(labels[info.kind], lang, name=info.naam)),
                        _cell("td", colSpan=len(ids), className="gap-cell"),
                        *_budget_cells(budget, index, unit, config, lang),
                    ],
                }
            )
    return {
        "id": "begroting",
        "className": "begroting",
        "caption": t("begroting.caption", lang, period=period, count=len(codes)),
        "sort": {"col": sort.get("col") or "code", "desc": bool(sort.get("desc"))},
        "head": [top, second, third],
        "body": body,
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
