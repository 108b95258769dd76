"""Vergelijken: two to four areas side by side on every indicator (``/vergelijken?gebieden=
A,B``). The rows come from :mod:`monitor.sidebyside` (materialised scores, nothing is
scored here); this page lays them out, sorts and filters them, and exports them.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from dash import ALL, Dash, Input, Output, State, callback_context, dcc, html, no_update

from layouts import urlstate
from layouts.common import empty_page, store_banner
from monitor import messages
from monitor.errors import MonitorError
from monitor.messages import class_label, t
from monitor.numbers import format_value
from monitor.palette import colour
from monitor.scoring import Scorer
from monitor.sidebyside import (
    MAX_AREAS,
    MIN_AREAS,
    SideBySide,
    export_frame,
    is_large,
    parse_codes,
    side_by_side,
    sort_rows,
    visible_rows,
)
from monitor.store import Store
from web import reads

PATH = "/vergelijken"


def href(codes: list[str], lang: str) -> str:
    """The page for these areas."""
    return f"{PATH}?gebieden={','.join(codes)}&lang={lang}"


def area_options(store: Store, lang: str) -> list[dict[str, str]]:
    """Every area of every level: "Pareldorp (N01a) · Buurt"."""
    areas = store.areas_frame(store.division_id())
    return [
        {"label": f"{r.name} ({r.code}) · {t(f'level.{r.level}', lang)}", "value": r.code}
        for r in areas.sort_values(["name", "code"]).itertuples()
    ]


def layout(store: Store, lang: str, query: dict[str, str]) -> html.Div:
    empty = empty_page(store, lang)
    if empty is not None:
        return empty
    options = area_options(store, lang)
    known = {o["value"].casefold(): o["value"] for o in options}
    codes = [known.get(c.casefold(), c) for c in parse_codes(query.get("gebieden"))]
    body, count, large = render(store, codes, "", {}, False, lang)
    return html.Div(
        [
            store_banner(store, lang),
            *urlstate.location("vergelijken-url"),
            html.H2(t("sbs.title", lang)),
            html.P(t("sbs.intro", lang), className="hint no-print"),
            html.Div(
                [
                    html.Label(t("sbs.pick", lang), htmlFor="vergelijken-areas"),
                    dcc.Dropdown(
                        options,
                        [c for c in codes if c in known.values()][:MAX_AREAS],
                        id="vergelijken-areas",
                        multi=True,
                    ),
                ],
                className="vergelijken-pick no-print",
            ),
            html.Div(
                [
                    html.Label(t("sbs.filter", lang), htmlFor="vergelijken-filter"),
                    dcc.Input(id="vergelijken-filter", type="search", debounce=0.4, value=""),
                    html.Span(count, id="vergelijken-count", role="status", className="hint"),
                    dcc.Checklist(
                        [{"label": t("sbs.show_all", lang), "value": "alle"}],
                        [],
                        id="vergelijken-all",
                        style=None if large else {"display": "none"},
                    ),
                    html.Button(t("sbs.sort_reset", lang), id="vergelijken-sort-reset"),
                    html.Button(t("sbs.export_csv", lang), id="vergelijken-csv"),
                    html.Button(t("sbs.export_xlsx", lang), id="vergelijken-xlsx"),
                    dcc.Download(id="vergelijken-download"),
                ],
                className="vergelijken-tools no-print",
            ),
            dcc.Store(id="vergelijken-sort", data={"col": None, "desc": False}),
            html.Div(body, id="vergelijken-table"),
            html.P(t("sbs.print", lang), className="hint no-print"),
        ],
        className="vergelijken-page",
    )


def _compared(store: Store, codes: list[str], lang: str) -> SideBySide | str:
    """The side-by-side rows, or why there are none (a sentence)."""
    if len(codes) < MIN_AREAS:
        return t("sbs.pick_more", lang, n=MIN_AREAS - len(codes))
    try:
        return side_by_side(Scorer(store), codes, lang)
    except (MonitorError, LookupError) as exc:
        return str(exc)


def render(
    store: Store,
    codes: list[str],
    text: str | None,
    sort: dict[str, Any],
    show_all: bool,
    lang: str,
) -> tuple[Any, str, bool]:
    """The table (or why there is none), the "n van m indicatoren" count, and whether
    the catalogue is large (then only the block set shows until all are asked for)."""
    found = _compared(store, codes, lang)
    if isinstance(found, str):
        return html.P(found, id="vergelijken-message", role="status"), "", False
    rows = _shown(found, text, sort, show_all)
    count = t("sbs.filter_count", lang, n=len(rows), total=len(found.rows))
    grouped = not sort.get("col")
    note = t("sbs.nap_note", lang, gemiddelde=messages.average_name(found.gemeente, lang))
    return (
        [
            html.P(note, className="hint", id="vergelijken-note"),
            html.Div(table(found, rows, sort, grouped, lang), className="vergelijken-scroll"),
        ],
        count,
        is_large(found.rows),
    )


def _shown(found: SideBySide, text: str | None, sort: dict[str, Any], show_all: bool) -> Any:
    rows = visible_rows(found.rows, text, show_all)
    return sort_rows(rows, sort.get("col"), bool(sort.get("desc")))


def _sort_button(label: str, col: str, sort: dict[str, Any], lang: str) -> html.Button:
    arrow = ""
    if sort.get("col") == col:
        arrow = " ▼" if sort.get("desc") else " ▲"
    # On paper a class button disappears; the names stay (assets/vergelijken.css).
    kind = "sort-class" if col.startswith("klasse_") else "sort-name"
    return html.Button(
        label + arrow,
        id={"type": "vergelijken-sort-button", "col": col},
        className=f"sort-button {kind}",
        title=t("sbs.sort", lang, label=label),
    )


def _aria(col: str, sort: dict[str, Any]) -> dict[str, str]:
    if sort.get("col") != col:
        return {}
    return {"aria-sort": "descending" if sort.get("desc") else "ascending"}


def table(sbs: SideBySide, rows: Any, sort: dict[str, Any], grouped: bool, lang: str) -> html.Table:
    """Indicator | per area value and class | NAP | difference in words."""
    head = [
        html.Th(
            _sort_button(t("sbs.col.indicator", lang), "indicator", sort, lang),
            scope="col",
            **_aria("indicator", sort),
        )
    ]
    for pos, area in enumerate(sbs.areas):
        head.append(
            html.Th(
                [
                    _sort_button(area["name"], f"value_{pos}", sort, lang),
                    html.Small(f" {area['code']} · {t('level.' + area['level'], lang)} "),
                    _sort_button(t("profiel.class", lang), f"klasse_{pos}", sort, lang),
                ],
                scope="col",
                **{"data-area": area["code"]},
                **_aria(f"value_{pos}", sort),
            )
        )
    head += [
        html.Th(t("sbs.col.nap", lang), scope="col"),
        html.Th(t("sbs.col.diff", lang), scope="col"),
    ]
    width = len(head)
    body: list[Any] = []
    last_group = None
    for r in rows.to_dict("records"):
        if grouped and r["group"] != last_group:
            title = html.Th(r["group_title"], colSpan=width, scope="colgroup")
            body.append(html.Tr(title, className="group"))
            last_group = r["group"]
        body.append(_row(sbs, r, lang))
    return html.Table(
        [html.Thead(html.Tr(head)), html.Tbody(body)],
        className="data vergelijken",
        id="vergelijken-grid",
    )


def _row(sbs: SideBySide, r: dict[str, Any], lang: str) -> html.Tr:
    n = len(sbs.areas)
    periods = [r[f"period_{i}"] for i in range(n) if r[f"period_{i}"] == r[f"period_{i}"]]
    periods = [int(p) for p in periods if p is not None]
    common = Counter(periods).most_common(1)[0][0] if periods else None
    unit, decimals = r["unit"], int(r["decimals"])
    cells: list[Any] = [
        html.Th(
            [r["label"], html.Small(f" {common}" if common else "", className="jaar")],
            scope="row",
        )
    ]
    naps: dict[str, set[int]] = {}
    for i in range(n):
        period = r[f"period_{i}"]
        klasse = r[f"klasse_{i}"]
        other_year = period == period and period is not None and int(period) != common
        nap = format_value(r[f"nap_{i}"], unit, decimals, lang)
        if nap != "–":
            naps.setdefault(nap, set()).add(int(period))
        full = class_label(klasse, lang, sbs.gemeente)
        cells.append(
            html.Td(
                [
                    html.Span(
                        format_value(r[f"value_{i}"], unit, decimals, lang), className="waarde"
                    ),
                    " ",
                    # The short word on the chip (the note above says against what);
                    # the full class in its title and for screen readers.
                    html.Span(
                        [
                            html.Span(t(f"class_short.{klasse}", lang), **{"aria-hidden": "true"}),
                            html.Span(full, className="sr-only"),
                        ],
                        className="chip",
                        title=full,
                        style={"background": colour(klasse)},
                    ),
                    html.Small(t("sbs.in_year", lang, year=int(period)), className="jaar")
                    if other_year
                    else None,
                ],
                title=str(r[f"reden_{i}"] or ""),
                **{"data-klasse": klasse},
            )
        )
    cells.append(html.Td(_naps(naps, lang), className="nap"))
    cells.append(html.Td(r["verschil"], className="verschil"))
    return html.Tr(cells, **{"data-indicator": r["indicator_id"]})


def _naps(naps: dict[str, set[int]], lang: str) -> str:
    """One NAP, or (areas of other levels or years) each with its year: "7,6% (2024) /
    7,3% (2023)"."""
    if len(naps) <= 1:
        return next(iter(naps), "–")
    return " / ".join(
        f"{nap} ({', '.join(str(y) for y in sorted(years))})" for nap, years in naps.items()
    )


def register(app: Dash, get_store: Any) -> None:
    urlstate.sync(app, "vergelijken-url", {"gebieden": "vergelijken-areas"})

    @app.callback(
        Output("vergelijken-sort", "data"),
        Input({"type": "vergelijken-sort-button", "col": ALL}, "n_clicks"),
        Input("vergelijken-sort-reset", "n_clicks"),
        State("vergelijken-sort", "data"),
        prevent_initial_call=True,
    )
    @reads
    def sort(clicks: list[int | None], _reset: int | None, current: dict | None):
        """A column head sorts on it; again reverses; the reset returns to the groups."""
        trigger = callback_context.triggered_id
        if trigger == "vergelijken-sort-reset":
            return {"col": None, "desc": False}
        if not isinstance(trigger, dict) or not any(clicks or []):
            return no_update
        current = current or {}
        col = trigger["col"]
        desc = not current.get("desc") if current.get("col") == col else False
        return {"col": col, "desc": desc}

    @app.callback(
        Output("vergelijken-table", "children"),
        Output("vergelijken-count", "children"),
        Output("vergelijken-all", "style"),
        Input("vergelijken-areas", "value"),
        Input("vergelijken-filter", "value"),
        Input("vergelijken-sort", "data"),
        Input("vergelijken-all", "value"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @reads
    def show(
        codes: list[str] | None,
        text: str | None,
        sort: dict | None,
        show_all: list[str] | None,
        lang: str | None,
    ):
        body, count, large = render(
            get_store(), list(codes or []), text, sort or {}, bool(show_all), lang or "nl"
        )
        return body, count, None if large else {"display": "none"}

    @app.callback(
        Output("vergelijken-download", "data"),
        Input("vergelijken-csv", "n_clicks"),
        Input("vergelijken-xlsx", "n_clicks"),
        State("vergelijken-areas", "value"),
        State("vergelijken-filter", "value"),
        State("vergelijken-sort", "data"),
        State("vergelijken-all", "value"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @reads
    def download(_csv, _xlsx, codes, text, sort, show_all, lang):
        from monitor.blocks import table_csv, table_xlsx

        lang = lang or "nl"
        found = _compared(get_store(), list(codes or []), lang)
        if isinstance(found, str):
            return no_update
        frame = export_frame(found, _shown(found, text, sort or {}, bool(show_all)), lang)
        name = "vergelijken-" + "-".join(a["code"] for a in found.areas)
        if callback_context.triggered_id == "vergelijken-xlsx":
            return dcc.send_bytes(table_xlsx(frame, "vergelijken"), f"{name}.xlsx")
        return dcc.send_string(table_csv(frame), f"{name}.csv")
