"""Wijktypen (``/wijktypen``): every area of a level in the colour of its type, the
legend describing each type in words, why this many types, the areas per type and a CSV.
The types come from :mod:`monitor.wijktypen` (materialised values, cached per score
generation); this page only lays them out.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from dash import Dash, Input, Output, State, dcc, html, no_update

from layouts import urlstate
from layouts.common import (
    chosen_level,
    context,
    empty_page,
    fictional_banner,
    level_control,
    level_options,
)
from layouts.level_map import area_map, level_geometry
from monitor import wijktypen as wt
from monitor.blocks import table_csv
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.scoring import Scorer
from monitor.store import LEVELS, Store
from web import reads

PATH = "/wijktypen"
AUTO = "auto"
#: The dropdown's values are texts ("auto", "2" … "9"): the URL gives them back as texts.
K_CHOICES = [str(k) for k in range(wt.MIN_K, wt.MAX_K + 1)]


def k_options(lang: str) -> list[dict[str, Any]]:
    return [{"label": t("wijktypen.k_auto_option", lang), "value": AUTO}] + [
        {"label": k, "value": k} for k in K_CHOICES
    ]


def k_value(text: Any) -> Any:
    """The URL's ``typen`` as the dropdown holds it: a number offered, else automatic."""
    return text if text in K_CHOICES else AUTO


def layout(store: Store, lang: str, query: dict[str, str]) -> html.Div:
    empty = empty_page(store, lang)
    if empty is not None:
        return empty
    ctx = context(store, lang)
    level = chosen_level(ctx, query.get("niveau"))
    return html.Div(
        [
            *urlstate.location("wijktypen-url"),
            fictional_banner(ctx),
            html.H2(t("wijktypen.title", lang)),
            html.P(t("wijktypen.intro", lang), className="hint"),
            html.Div(
                [
                    level_control(level_options(ctx, lang), level, "wijktypen-level", lang),
                    html.Label(
                        [
                            t("wijktypen.k", lang),
                            dcc.Dropdown(
                                k_options(lang),
                                k_value(query.get("typen")),
                                id="wijktypen-k",
                                clearable=False,
                            ),
                        ]
                    ),
                ],
                className="controls-2 wijktypen-controls",
            ),
            html.P(id="wijktypen-choice", role="status"),
            html.Div(
                [
                    area_map("wijktypen", t("wijktypen.map_label", lang)),
                    html.Div(
                        [
                            html.H3(t("wijktypen.legend", lang)),
                            html.Div(id="wijktypen-legend", role="list"),
                        ],
                        className="legend wijktypen-legend",
                    ),
                ],
                className="kaart-wrap wijktypen-wrap",
            ),
            html.Div(id="wijktypen-method", className="hint"),
            html.H3(t("wijktypen.list", lang)),
            html.Div(
                [
                    html.Button(t("wijktypen.export", lang), id="wijktypen-csv"),
                    dcc.Download(id="wijktypen-download"),
                ],
                className="export-buttons no-print",
            ),
            html.Div(id="wijktypen-list"),
        ],
        className="wijktypen-page",
    )


def hideout(found: wt.Wijktypen, words: dict[int, str], lang: str) -> dict[str, Any]:
    """Per area [type number, accessible description]; colours by type number."""
    return {
        "areas": {
            code: [
                int(n),
                t(
                    "wijktypen.tooltip",
                    lang,
                    naam=naam,
                    code=code,
                    type=wt.type_name(int(n), lang),
                    beschrijving=words[int(n)],
                ),
            ]
            for code, naam, n in zip(
                found.frame.index, found.frame["naam"], found.frame["type"], strict=True
            )
        },
        "colours": {str(n): wt.colour(n) for n in range(found.k + 1)},
        "noData": t("wijktypen.unassigned", lang),
    }


def legend(found: wt.Wijktypen, words: dict[int, str], lang: str) -> list[Any]:
    sizes = found.sizes()
    items = [
        html.Div(
            [
                html.Span(className="swatch", style={"background": wt.colour(n)}),
                html.Span(
                    [
                        html.Strong(f"{wt.type_name(n, lang)} "),
                        f"({t('wijktypen.count', lang, n=sizes[n])}): {words[n]}",
                    ]
                ),
            ],
            className="legend-item",
            role="listitem",
            **{"data-type": str(n)},
        )
        for n in range(1, found.k + 1)
    ]
    missing = found.unassigned()
    if missing:
        items.append(
            html.Div(
                [
                    html.Span(className="swatch swatch-none"),
                    html.Span(
                        f"{wt.type_name(0, lang)} "
                        f"({t('wijktypen.count', lang, n=len(missing))}): {words[0]}"
                    ),
                ],
                className="legend-item",
                role="listitem",
                **{"data-type": "0"},
            )
        )
    return items


def profile_href(code: str, lang: str) -> str:
    return f"/profiel?{urlencode({'gebied': code, 'lang': lang})}"


def area_list(found: wt.Wijktypen, words: dict[int, str], lang: str) -> list[Any]:
    """Per type a heading with its description and its areas (name and code, each a link
    to its buurtprofiel)."""
    sections = []
    for n in [*range(1, found.k + 1), wt.UNASSIGNED]:
        rows = found.frame[found.frame["type"] == n]
        if rows.empty:
            continue
        sections.append(
            html.Section(
                [
                    html.H4(
                        [
                            html.Span(className="swatch", style={"background": wt.colour(n)}),
                            f" {wt.type_name(n, lang)} ({t('wijktypen.count', lang, n=len(rows))})",
                        ]
                    ),
                    html.P(words[n], className="hint"),
                    html.Ul(
                        [
                            html.Li(
                                dcc.Link(f"{naam} ({code})", href=profile_href(code, lang)),
                                **{"data-code": code},
                            )
                            for code, naam in zip(rows.index, rows["naam"], strict=True)
                        ],
                        className="wijktypen-areas",
                    ),
                ],
                className="wijktypen-type",
                **{"data-type": str(n)},
            )
        )
    return sections


def _found(store: Store, level: str, k: Any) -> tuple[Scorer, wt.Wijktypen]:
    scorer = Scorer(store)
    return scorer, wt.wijktypen(scorer, level, k=None if k in (None, AUTO) else int(k))


def show(store: Store, level: str | None, k: Any, lang: str) -> tuple:
    """Hideout, legend, the choice sentence, method notes and the list."""
    if level not in LEVELS or (k not in (None, AUTO) and k not in K_CHOICES):
        message = html.Span(t("upload.bad_request", lang, what="wijktypen"), className="fout")
        return no_update, [], message, [], []
    try:
        scorer, found = _found(store, level, k)
    except MonitorError as exc:
        return {"areas": {}, "colours": {}}, [], html.Span(str(exc), className="fout"), [], []
    catalogue = scorer.indicators
    words = {n: wt.describe(found, n, catalogue, lang) for n in range(found.k + 1)}
    notes = [html.P(n) for n in wt.method_note(found, catalogue, lang)]
    return (
        hideout(found, words, lang),
        legend(found, words, lang),
        wt.choice_text(found, lang),
        notes,
        area_list(found, words, lang),
    )


def register(app: Dash, get_store: Any) -> None:
    urlstate.sync(app, "wijktypen-url", {"niveau": "wijktypen-level", "typen": "wijktypen-k"})

    @app.callback(
        Output("wijktypen-geojson", "data"),
        Output("wijktypen-map", "viewport"),
        Input("wijktypen-level", "value"),
    )
    @reads
    def geometry(level: str | None):
        return level_geometry(get_store(), level)

    @app.callback(
        Output("wijktypen-geojson", "hideout"),
        Output("wijktypen-legend", "children"),
        Output("wijktypen-choice", "children"),
        Output("wijktypen-method", "children"),
        Output("wijktypen-list", "children"),
        Input("wijktypen-level", "value"),
        Input("wijktypen-k", "value"),
        State("lang", "data"),
    )
    @reads
    def restyle(level: str | None, k: Any, lang: str | None):
        lang = lang if isinstance(lang, str) else "nl"
        if not level:
            return (no_update,) * 5
        return show(get_store(), level, k, lang)

    @app.callback(
        Output("wijktypen-download", "data"),
        Input("wijktypen-csv", "n_clicks"),
        State("wijktypen-level", "value"),
        State("wijktypen-k", "value"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @reads
    def download(_clicks, level, k, lang):
        lang = lang if isinstance(lang, str) else "nl"
        if level not in LEVELS or (k not in (None, AUTO) and k not in K_CHOICES):
            return no_update
        try:
            scorer, found = _found(get_store(), level, k)
        except MonitorError:
            return no_update
        frame = wt.export_frame(found, scorer.indicators, lang)
        return dcc.send_string(table_csv(frame), f"wijktypen-{level}-{found.k}.csv")
