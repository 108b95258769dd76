"""Kaart: meldingen and voorzieningen as clustered point layers on top of the areas.

One dash-leaflet GeoJSON layer per soort with ``cluster=True`` (supercluster in the
browser); a checkbox per category (none on at first: the map opens on the areas), a
month range for the meldingen, and a tooltip per point with its details as plain text
(``assets/kaart_points.js`` puts them in the DOM as text). The points come from
:func:`monitor.points_map.point_frame` (cached per generation); this page only filters
and sends them.
"""

from __future__ import annotations

from typing import Any

import dash_leaflet as dl
from dash import Dash, Input, Output, State, dcc, html
from dash_extensions.javascript import Namespace

from monitor.messages import t
from monitor.points_map import feature_collection, point_frame, select, tooltip_labels
from monitor.store import Store
from web import reads

ns = Namespace("buurtmonitor", "kaartpunten")
#: Category colours per soort (by the category's place in the sorted list; repeats after
#: the last). Meldingen: dark, with a white ring; voorzieningen: with a black ring.
COLOURS = {
    "meldingen": ["#b2182b", "#d95f02", "#67001f", "#8c510a", "#e7298a", "#525252"],
    "voorzieningen": ["#1f78b4", "#33a02c", "#6a3d9a", "#b15928", "#01665e", "#e7298a"],
}
SOORTEN = ("meldingen", "voorzieningen")
EMPTY: dict[str, Any] = {"type": "FeatureCollection", "features": []}
#: The toggles in the Kaart's URL (query name → control), as its other choices: a shared
#: or reloaded link shows the same points ("?meldingen=afval,verkeer&meldingen_van=2024-11").
URL_PARAMS = {
    "meldingen": "kaart-punten-meldingen-categories",
    "voorzieningen": "kaart-punten-voorzieningen-categories",
    "meldingen_van": "kaart-punten-van",
    "meldingen_tot": "kaart-punten-tot",
}


def layer_id(soort: str) -> str:
    return f"kaart-punten-{soort}"


def layers() -> list[Any]:
    """The two clustered point layers (empty until a category is chosen), for the map."""
    return [
        dl.GeoJSON(
            id=layer_id(soort),
            data=EMPTY,
            cluster=True,
            zoomToBoundsOnClick=True,
            superClusterOptions={"radius": 60, "maxZoom": 17},
            pointToLayer=ns("pointToLayer"),
            clusterToLayer=ns("clusterToLayer"),
            onEachFeature=ns("onEachFeature"),
            hideout={"soort": soort, "colours": COLOURS[soort]},
        )
        for soort in SOORTEN
    ]


def chosen_categories(text: str | None, categories: list[str]) -> list[str]:
    """The known categories a URL lists ("afval,verkeer"), in the page's order; a name
    with a comma in it ("grof, klein") is found whole."""
    found: set[str] = set()
    part = ""
    for piece in (text or "").split(","):
        part = f"{part},{piece}" if part else piece
        if part in categories:
            found.add(part)
            part = ""
    return [c for c in categories if c in found]


def _checklist(
    soort: str, categories: list[str], lang: str, chosen: list[str] | None = None
) -> html.Fieldset:
    colours = COLOURS[soort]
    options = [
        {
            "label": html.Span(
                [
                    html.Span(
                        className=f"punten-swatch punten-swatch-{soort}",
                        style={"background": colours[i % len(colours)]},
                    ),
                    category,
                ]
            ),
            "value": category,
        }
        for i, category in enumerate(categories)
    ]
    return html.Fieldset(
        [
            html.Legend(t(f"kaartpunten.{soort}", lang)),
            dcc.Checklist(
                options, chosen or [], id=f"kaart-punten-{soort}-categories", inline=True
            ),
        ],
        className="punten-categories",
    )


def controls(store: Store, lang: str, query: dict[str, str] | None = None) -> html.Section:
    """The toggles per category and the meldingen's month range (hidden without points),
    as the URL ``query`` chose them (what it names that is not there is left out)."""
    query = query or {}
    division_id = store.division_id()
    found = {soort: point_frame(store, division_id, soort).attrs for soort in SOORTEN}
    months = found["meldingen"].get("months", [])
    start, end = (query.get(f"meldingen_{k}") for k in ("van", "tot"))
    month_options = [{"label": m, "value": m} for m in months]
    has_points = any(found[s].get("categories") for s in SOORTEN)
    children: list[Any] = [html.H2(t("kaartpunten.title", lang))]
    if not has_points:
        children.append(html.P(t("kaartpunten.none", lang), className="hint"))
    children += [
        _checklist(
            soort,
            found[soort]["categories"],
            lang,
            chosen_categories(query.get(soort), found[soort]["categories"]),
        )
        for soort in SOORTEN
        if found[soort].get("categories")
    ]
    period = html.Div(
        [
            html.Span(t("kaartpunten.period", lang), className="punten-period-title"),
            html.Label(
                [
                    t("kaartpunten.from", lang),
                    dcc.Dropdown(
                        month_options,
                        start if start in months else None,
                        id="kaart-punten-van",
                        placeholder=t("kaartpunten.period_all", lang),
                    ),
                ]
            ),
            html.Label(
                [
                    t("kaartpunten.to", lang),
                    dcc.Dropdown(
                        month_options,
                        end if end in months else None,
                        id="kaart-punten-tot",
                        placeholder=t("kaartpunten.period_all", lang),
                    ),
                ]
            ),
        ],
        className="punten-period",
        hidden=not months,
    )
    children += [
        period,
        html.P(id="kaart-punten-shown", className="hint", **{"aria-live": "polite"}),
    ]
    # Callbacks need every input on the page, also when a soort has no points.
    for soort in SOORTEN:
        if not found[soort].get("categories"):
            children.append(
                dcc.Checklist(
                    [], [], id=f"kaart-punten-{soort}-categories", style={"display": "none"}
                )
            )
    return html.Section(children, className="kaart-punten", id="kaart-punten")


def layer_data(
    store: Store,
    soort: str,
    categories: list[str] | None,
    start: str | None,
    end: str | None,
    lang: str,
) -> tuple[dict[str, Any], dict[str, Any], int]:
    """The FeatureCollection of the chosen categories (and months, for meldingen), the
    layer's hideout (colours, category names, buurt labels, tooltip words), and how many
    points it holds."""
    found = point_frame(store, store.division_id(), soort)
    names = list(found.attrs.get("categories", []))
    hideout = {
        "soort": soort,
        "colours": COLOURS[soort],
        "categories": names,
        "labels": tooltip_labels(soort, lang),
        "buurten": [],
    }
    if not categories:
        return EMPTY, hideout, 0
    if soort != "meldingen":
        start = end = None
    if start and end and start > end:
        start, end = end, start
    chosen = select(found, categories, start, end)
    collection, hideout["buurten"] = feature_collection(chosen, names)
    return collection, hideout, len(chosen)


def register(app: Dash, get_store: Any) -> None:
    @app.callback(
        Output(layer_id("meldingen"), "data"),
        Output(layer_id("voorzieningen"), "data"),
        Output(layer_id("meldingen"), "hideout"),
        Output(layer_id("voorzieningen"), "hideout"),
        Output("kaart-punten-shown", "children"),
        Input("kaart-punten-meldingen-categories", "value"),
        Input("kaart-punten-voorzieningen-categories", "value"),
        Input("kaart-punten-van", "value"),
        Input("kaart-punten-tot", "value"),
        State("lang", "data"),
    )
    @reads
    def points_layers(
        meldingen: list[str] | None,
        voorzieningen: list[str] | None,
        start: str | None,
        end: str | None,
        lang: str | None,
    ):
        store = get_store()
        lang = lang or "nl"
        m_data, m_hideout, m_count = layer_data(store, "meldingen", meldingen, start, end, lang)
        v_data, v_hideout, v_count = layer_data(
            store, "voorzieningen", voorzieningen, start, end, lang
        )
        shown = t("kaartpunten.shown", lang, meldingen=m_count, voorzieningen=v_count)
        return m_data, v_data, m_hideout, v_hideout, shown
