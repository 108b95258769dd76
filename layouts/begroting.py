"""Buurtbegroting: areas × indicators in NAP colours, grouped by domain (PRODUCT.md §3.5).

A plain HTML table, so every cell carries its value as text, its class in words (for
screen readers, and as the cell's title) and its colour. Sorting is done on the server
(click a column head; again for descending), filtering by stadsdeel or gebied, and the
indicator multi-select is the column chooser. Exports (CSV, Excel) carry the class as
text and are spreadsheet-safe (``monitor.blocks``). The budget columns have their
place already; they fill when budget lines can be imported.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pandas as pd
from dash import ALL, Dash, Input, Output, State, callback_context, dcc, html, no_update

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
from layouts.common import SCORABLE_LEVELS, context, fictional_banner
from monitor.blocks import (
    Preset,
    area_codes,
    cached_block_scores,
    sort_codes,
    table_csv,
    table_frame,
    table_xlsx,
)
from monitor.catalog import Indicator
from monitor.errors import MonitorError
from monitor.messages import class_label, t
from monitor.numbers import format_value
from monitor.palette import colour
from monitor.scoring import Scorer
from monitor.store import Store

SORT_ID = "begroting-sort-button"
#: Budget columns to come (message keys); empty until budget lines can be imported.
BUDGET_COLUMNS = ("begroting.budget_planned", "begroting.budget_realised")


def layout(store: Store, lang: str, query: dict[str, str]) -> html.Div:
    try:
        ctx = context(store, lang)
    except LookupError:
        return html.Div(html.P(t("app.empty", lang), id="empty-store"))
    scorer = Scorer(store)
    base, missing = base_preset(scorer.indicators, store)
    if base is None:
        return html.Div(html.P(t("blokjes.no_set", lang), id="begroting-error"))
    preset = resolve_set(query.get("set"), scorer.indicators, base)
    years = set_periods(store, preset)
    level = query.get("niveau", ctx.default_level)
    level = level if level in SCORABLE_LEVELS else ctx.default_level
    return html.Div(
        [
            *urlstate.location("begroting-url"),
            fictional_banner(ctx),
            html.H2(t("begroting.title", lang)),
            html.P(t("begroting.intro", lang), className="intro"),
            html.Div(
                [
                    *year_level_filter(
                        "begroting", store, years, year_value(query, years), level, query, lang
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
            html.Div(id="begroting-table", className="begroting-scroll"),
            html.P(t("begroting.budget_note", lang), id="begroting-budget-note", className="hint"),
        ]
    )


def _sort_button(label: str, col: str, lang: str) -> html.Button:
    return html.Button(
        label,
        id={"type": SORT_ID, "col": col},
        className="sort-button",
        title=t("begroting.sort", lang, label=label),
    )


def _aria_sort(col: str, sort: dict[str, Any]) -> str:
    if sort.get("col") != col:
        return "none"
    return "descending" if sort.get("desc") else "ascending"


def render_table(
    scores: pd.DataFrame,
    preset: Preset,
    indicators: Mapping[str, Indicator],
    codes: list[str],
    sort: dict[str, Any],
    lang: str,
    palette: str = "standaard",
) -> html.Table:
    """The table: two header rows (domains, indicators), a NAP row, one row per area."""
    gemeente = scores.attrs.get("gemeente")
    period = scores.attrs.get("period")
    ids = preset.indicator_ids
    first = scores.drop_duplicates("indicator").set_index("indicator")
    cells = scores.set_index(["code", "indicator"])
    names = scores.drop_duplicates("code").set_index("code")["naam"]

    def head(col: str, label: str, **extra: Any) -> html.Th:
        return html.Th(
            _sort_button(label, col, lang),
            scope="col",
            **{"aria-sort": _aria_sort(col, sort)},
            **extra,
        )

    top = [
        head("code", t("col.code", lang), rowSpan=2),
        head("naam", t("col.naam", lang), rowSpan=2),
        *(
            html.Th(
                dom.title(lang),
                colSpan=len(dom.indicators),
                scope="colgroup",
                className="domain-head",
                **{"data-domain": dom.key},
            )
            for dom in preset.domains
        ),
        html.Th(
            t("begroting.budget", lang, period=period),
            colSpan=len(BUDGET_COLUMNS),
            scope="colgroup",
            className="domain-head budget-head",
        ),
    ]
    second = []
    for ind_id in ids:
        label = indicators[ind_id].label(lang)
        year = first.at[ind_id, "jaar"]
        if pd.isna(year):
            label += f" ({t('blokjes.no_year', lang, period=period)})"
        elif int(year) != period:
            label += f" ({int(year)})"
        second.append(head(ind_id, label, className="ind-head", **{"data-indicator": ind_id}))
    second += [html.Th(t(k, lang), scope="col", className="budget-head") for k in BUDGET_COLUMNS]

    def fmt(ind_id: str, value: float) -> str:
        ind = indicators[ind_id]
        return format_value(value, ind.unit, ind.decimals, lang)

    nap_row = html.Tr(
        [
            html.Th("NAP", scope="row"),
            html.Td(t("begroting.nap_row", lang)),
            *(html.Td(fmt(i, first.at[i, "nap"]), className="nap-cell") for i in ids),
            *(html.Td("", className="budget-cell") for _ in BUDGET_COLUMNS),
        ],
        className="nap-row",
    )
    body = []
    for code in codes:
        row = [html.Th(code, scope="row"), html.Td(names.get(code, ""))]
        for ind_id in ids:
            cell = cells.loc[(code, ind_id)]
            words = class_label(cell["klasse"], lang, gemeente)
            row.append(
                html.Td(
                    [
                        fmt(ind_id, cell["value"]),
                        html.Span(f", {words}", className="sr-only"),
                    ],
                    title=f"{words}. {cell['reden']}",
                    className="klasse-cell",
                    style={"background": colour(cell["klasse"], palette)},
                    **{"data-klasse": cell["klasse"], "data-indicator": ind_id},
                )
            )
        row += [html.Td("", className="budget-cell") for _ in BUDGET_COLUMNS]
        body.append(html.Tr(row, **{"data-code": code}))
    return html.Table(
        [
            html.Caption(t("begroting.caption", lang, period=period, count=len(codes))),
            html.Thead([html.Tr(top), html.Tr(second)]),
            html.Tbody([nap_row, *body]),
        ],
        id="begroting",
        className="begroting",
    )


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


def _ordered(scores: pd.DataFrame, codes: list[str], sort: dict[str, Any] | None) -> list[str]:
    sort = sort or {}
    col = sort.get("col") or "code"
    if col not in ("code", "naam") and col not in set(scores["indicator"]):
        col = "code"
    wanted = set(codes)
    return [c for c in sort_codes(scores, col, bool(sort.get("desc"))) if c in wanted]


def register(app: Dash, get_store: Any) -> None:
    urlstate.sync(
        app,
        "begroting-url",
        {
            "jaar": "begroting-period",
            "niveau": "begroting-level",
            "gebied": "begroting-filter",
            "set": "begroting-set",
        },
    )
    register_set(app, get_store, "begroting")
    register_periods(app, get_store, "begroting")

    @app.callback(
        Output("begroting-sort", "data"),
        Input({"type": SORT_ID, "col": ALL}, "n_clicks"),
        State("begroting-sort", "data"),
        prevent_initial_call=True,
    )
    def sort(clicks: list[int | None], current: dict[str, Any] | None):
        trigger = callback_context.triggered_id
        if not trigger or not any(clicks or []):
            return no_update
        col = trigger["col"]
        current = current or {}
        desc = not current.get("desc") if current.get("col") == col else False
        return {"col": col, "desc": desc}

    @app.callback(
        Output("begroting-table", "children"),
        Output("begroting-info", "children"),
        Input("begroting-set", "value"),
        Input("begroting-period", "value"),
        Input("begroting-level", "value"),
        Input("begroting-filter", "value"),
        Input("begroting-sort", "data"),
        State("lang", "data"),
    )
    def table(
        text: str | None,
        period: int | None,
        level: str | None,
        within: str | None,
        sort: dict[str, Any] | None,
        lang: str | None,
    ):
        if not (period and level):
            return no_update, no_update
        lang = lang or "nl"
        try:
            scorer, preset, scores, codes = _scores(get_store, text, period, level, within, lang)
        except MonitorError as exc:
            return None, html.Span(str(exc), className="fout")
        if not codes:
            return None, t("blokjes.no_areas", lang)
        ordered = _ordered(scores, codes, sort)
        info = t("begroting.year_note", lang, period=period)
        return render_table(scores, preset, scorer.indicators, ordered, sort or {}, lang), info

    @app.callback(
        Output("begroting-download", "data"),
        Input("begroting-csv", "n_clicks"),
        Input("begroting-xlsx", "n_clicks"),
        State("begroting-set", "value"),
        State("begroting-period", "value"),
        State("begroting-level", "value"),
        State("begroting-filter", "value"),
        State("begroting-sort", "data"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    def download(
        _csv: int | None,
        _xlsx: int | None,
        text: str | None,
        period: int | None,
        level: str | None,
        within: str | None,
        sort: dict[str, Any] | None,
        lang: str | None,
    ):
        if not (period and level):
            return no_update
        lang = lang or "nl"
        try:
            scorer, preset, scores, codes = _scores(get_store, text, period, level, within, lang)
        except MonitorError:
            return no_update
        frame = table_frame(
            scores, preset, scorer.indicators, lang, codes=_ordered(scores, codes, sort)
        )
        # Only known codes reach the file name, and only as letters and digits.
        where = re.sub(r"[^A-Za-z0-9]", "", within or "")
        name = f"buurtbegroting-{period}-{level}" + (f"-{where}" if where else "")
        if callback_context.triggered_id == "begroting-xlsx":
            return dcc.send_bytes(table_xlsx(frame), f"{name}.xlsx")
        return {"content": table_csv(frame), "filename": f"{name}.csv", "type": "text/csv"}
