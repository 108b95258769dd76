"""Kaart: choropleth of one indicator, year, level and method in the NAP classes.

Geometry of a level is sent once (simplified display geometry); switching indicator,
year, method or palette sends only the ``hideout`` (per area: class, value, change,
reason, number of verhalen) and the map restyles client-side (``assets/kaart.js``). Works without a
basemap: the tile URL is configuration, and an empty one means none.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import dash_leaflet as dl
import numpy as np
import shapely
from dash import Dash, Input, Output, State, dcc, html, no_update
from dash_extensions.javascript import Namespace, arrow_function

from layouts import kaart_gemeente, kaart_pick, kaart_points, reference_choice, urlstate
from layouts.common import (
    chosen_level,
    context,
    controls,
    empty_page,
    fictional_banner,
    no_values,
    palette_control,
    register_methods,
    register_periods,
)
from layouts.kaart_legend import legend
from layouts.kept import kept
from layouts.level_map import bounds_view
from monitor import cache
from monitor.agenda import noted_areas
from monitor.area_geometry import area_geojson, areas_geodataframe
from monitor.config import get_settings
from monitor.messages import class_label, t
from monitor.numbers import format_difference, format_value
from monitor.palette import colour
from monitor.period_kinds import label as period_label
from monitor.period_kinds import previous as previous_period
from monitor.scoring import CLASSES, Scorer, nap_source_label, uncertain
from monitor.scoring.coverage import incomplete, nap_line
from monitor.scoring.read import stored_values
from monitor.store import Store
from web import reads

ns = Namespace("buurtmonitor", "kaart")
#: Same order client-side: the hideout sends class indexes, not names.
CLASS_INDEX = {k: i for i, k in enumerate(CLASSES)}


def layout(store: Store, lang: str, query: dict[str, str]) -> html.Div:
    empty = empty_page(store, lang, indicators=True)
    if empty is not None:
        return empty
    ctx = context(store, lang)
    settings = get_settings()
    tiles = (
        [dl.TileLayer(url=settings.tile_url, attribution="PDOK / Kadaster")]
        if settings.tile_url
        else []
    )
    zoom, _shapes = zoom_targets(store, store.division_id())
    zoom_value = query.get("zoom")
    # Several gemeenten (the national view): the gemeente level on the map too.
    national = bool(kaart_gemeente.options(store, store.division_id()))
    return html.Div(
        [
            *urlstate.location("kaart-url"),
            fictional_banner(ctx),
            controls(store, ctx, lang, "kaart", query, gemeente=national),
            reference_choice.control(
                store, query, lang, "kaart", chosen_level(ctx, query.get("niveau"), national)
            ),
            html.Div(
                [
                    palette_control("kaart", query, lang),
                    kaart_gemeente.control(store, store.division_id(), query, lang),
                    html.Label(
                        [
                            t("kaart.zoom", lang),
                            # Options and value from the start, as for the year: a
                            # dropdown drops a value it does not (yet) offer, and the
                            # permalink's zoom would be lost.
                            dcc.Dropdown(
                                zoom,
                                zoom_value if zoom_value in {o["value"] for o in zoom} else None,
                                id="kaart-zoom",
                                placeholder=t("kaart.zoom_all", lang),
                            ),
                        ]
                    ),
                ],
                className="controls-2",
            ),
            html.P(id="kaart-nap"),
            kaart_pick.panel(lang),
            # Every area is a Tab stop (481 on Amsterdam): a keyboard user can jump past them.
            html.A(t("a11y.skip_map", lang), href="#kaart-legend", className="skip-link"),
            html.Div(
                [
                    dl.Map(
                        [
                            *tiles,
                            dl.GeoJSON(
                                id="kaart-geojson",
                                style=ns("style"),
                                onEachFeature=ns("onEachFeature"),
                                hoverStyle=arrow_function({"weight": 3, "color": "#000"}),
                                hideout={},
                            ),
                            *kaart_points.layers(),
                        ],
                        id="kaart-map",
                        center=[52.37, 4.9],
                        zoom=11,
                        style={"height": "620px"},
                        className="kaart",
                    ),
                    # Beside the map: the legend, then the point layers' toggles.
                    html.Div(
                        [
                            html.Div(
                                id="kaart-legend", className="legend", role="list", tabIndex="-1"
                            ),
                            kaart_points.controls(store, lang, query),
                        ],
                        className="kaart-side",
                    ),
                ],
                className="kaart-wrap",
            ),
            dcc.Location(id="kaart-goto", refresh="callback-nav"),
        ]
    )


def zoom_targets(store: Store, division_id: int) -> tuple[list[dict[str, str]], dict[str, Any]]:
    """The zoom list (stadsdelen, then gebieden) and each target's geometry by code."""
    frames = [areas_geodataframe(store, division_id, lvl) for lvl in ("stadsdeel", "gebied")]
    options = [
        {"label": f"{r.name} ({r.code})", "value": r.code} for f in frames for r in f.itertuples()
    ]
    return options, {r.code: r.geometry for f in frames for r in f.itertuples()}


@dataclass(frozen=True)
class MapChoice:
    """What one map shows: the Kaart's choices (indicator, year, level, method, palette,
    language, one gemeente of a store of several, another reference than NAP)."""

    indicator_id: str
    period: int
    level: str
    method: str | None = None
    palette: str = "standaard"
    lang: str = "nl"
    #: Only this gemeente's areas (its code), as a map of one gemeente reads them.
    gemeente: str | None = None
    #: Another reference than NAP: :func:`reference_choice.score_options`, as sorted pairs.
    reference: tuple[tuple[str, Any], ...] = ()

    @property
    def options(self) -> dict[str, Any]:
        """The reference as keyword arguments of :meth:`Scorer.score`."""
        return dict(self.reference)

    @property
    def whole(self) -> bool:
        """Similar areas as the reference read every indicator's scores."""
        return "vergelijkbaar" in self.options.values()


def hideout(scorer: Scorer, choice: MapChoice) -> tuple[dict[str, Any], Any]:
    """Per-area styling data for the client (the verhalen counts 0: :func:`restyle` fills
    them in), plus the score frame it came from (with a gemeente: only that gemeente's
    areas). Kept in the shared cache per :func:`hideout_key` (a publish of another
    indicator leaves it)."""
    # The stamp before the frame: a publish in between then files the new data under the
    # old key (never read again), never old data under the new key.
    key = hideout_key(scorer, choice)
    frame = scorer.score(
        choice.indicator_id,
        choice.period,
        choice.level,
        method=choice.method,
        lang=choice.lang,
        explain=False,
        gemeente=choice.gemeente,
        **choice.options,
    )
    data = cache.remember("hideout", key, lambda: _hideout(scorer, frame, choice))
    return data, frame


def hideout_key(scorer: Scorer, choice: MapChoice) -> tuple:
    """What a map's styling is kept under: the stamp of the indicator's scores (of every
    indicator for similar areas, ``choice.whole``), its definition and the choices."""
    key = scorer.indicator_key(choice.indicator_id, whole=choice.whole)
    ind = scorer.indicator(choice.indicator_id)
    key += (repr(ind), choice.period, choice.level, choice.method, choice.palette, choice.lang)
    return (*key, *choice.reference) + ((choice.gemeente,) if choice.gemeente else ())


def _hideout(scorer: Scorer, frame: Any, choice: MapChoice) -> dict[str, Any]:
    ind = scorer.indicator(choice.indicator_id)
    period, lang = choice.period, choice.lang
    # Last year's values as the stored scores show them (a hidden value stays hidden);
    # of one gemeente: the stored scores of its areas are those with it as reference.
    before_period = previous_period(period)
    previous = stored_values(
        scorer.store,
        scorer.division_id,
        ind.id,
        before_period,
        choice.level,
        ref_code=choice.gemeente,
    )
    # Column lists, not itertuples: 500 rows of arrow-backed strings iterate slowly.
    values = frame["value"].to_numpy(dtype=float)
    before = frame["area_id"].map(previous).to_numpy(dtype=float)
    diffs = values - before
    reasons: list[str] = []
    areas: dict[str, list[Any]] = {}
    for code, klasse, value, diff, reden, unsure in zip(
        frame["code"].tolist(),
        frame["klasse"].tolist(),
        values.tolist(),
        diffs.tolist(),
        frame["reden"].tolist(),
        uncertain(frame["reden_code"]).tolist(),
        strict=True,
    ):
        change = None
        if np.isfinite(diff):
            change = format_difference(diff, ind.unit, ind.decimals, lang)
        reason = None
        if klasse == "geen_gegevens":
            if reden not in reasons:
                reasons.append(reden)
            reason = reasons.index(reden)
        areas[code] = [
            CLASS_INDEX[klasse],
            format_value(value, ind.unit, ind.decimals, lang),
            change,
            reason,
            0,  # verhalen: filled in by ``hideout``
            1 if unsure else 0,  # rond door onzekerheid: the tooltip marks the class
        ]
    nap = frame["nap"].iloc[0] if len(frame) else float("nan")  # no areas at this level
    data = {
        "areas": areas,
        "classes": list(CLASSES),
        "colors": {k: colour(k, choice.palette) for k in CLASSES},
        "classLabels": {k: class_label(k, lang, scorer.gemeente) for k in CLASSES},
        "reasons": reasons,
        "nap": format_value(nap, ind.unit, ind.decimals, lang),
        "labels": {
            "value": t("col.value", lang),
            "nap": t("col.nap", lang),
            "change": t("kaart.change", lang, period=period_label(before_period, lang)),
            "notes": t("kaart.notes", lang),
            "uncertain": t("uncertain.marker", lang),
            "uncertainWords": t("uncertain.words", lang),
        },
        "noData": t("class.geen_gegevens", lang),
    }
    reference_choice.per_area(data, frame, ind, lang)  # another reference: named per area
    return data


def _blank(lang: str) -> dict[str, Any]:
    """A hideout without values: every area uncoloured, saying there is no data."""
    return {"areas": {}, "classes": list(CLASSES), "noData": t("class.geen_gegevens", lang)}


def restyle(
    store: Store,
    indicator_id: str | None,
    period: int | None,
    level: str | None,
    method: str | None,
    palette: str | None,
    lang: str | None,
    referentie: str | None = None,
    base_year: int | None = None,
    gemeente: str | None = None,
) -> tuple[Any, Any, Any]:
    """A map switch: the styling data, the legend and the NAP line. Reads stored scores
    (two small queries with the default method); another method is scored on demand.
    With ``gemeente`` (a store of several): only that gemeente's areas."""
    if not (indicator_id and level):
        return no_update, no_update, no_update
    lang = lang or "nl"
    scorer = Scorer(store)
    if not period:  # an indicator without values: say so, and no colours of another
        ind = scorer.indicator(indicator_id)
        return _blank(lang), None, no_values(ind.label(lang), lang)
    reference = reference_choice.score_options(referentie, base_year)
    choice = MapChoice(
        indicator_id,
        int(period),
        level,
        method,
        palette or "standaard",
        lang,
        gemeente,
        tuple(sorted(reference.items())),
    )
    # The whole answer kept rendered under the hideout's key (layouts.kept): a switch to
    # a map seen before reads no frame and builds no legend; the verhalen counts, which
    # change without a rescoring, are filled in fresh.
    parts = (*hideout_key(scorer, choice), scorer.gemeente)
    data, legend_items, nap = kept("kaart-restyle", parts, lambda: _restyled(scorer, choice))
    notes = noted_areas(store, scorer.division_id, level)
    areas = {code: [*a[:4], notes.get(code, 0), *a[5:]] for code, a in data["areas"].items()}
    return {**data, "areas": areas}, legend_items, nap


def _restyled(scorer: Scorer, choice: MapChoice) -> list[Any]:
    """The answer of a map switch (styling data, legend, NAP line), without verhalen."""
    data, frame = hideout(scorer, choice)
    ind = scorer.indicator(choice.indicator_id)
    palette, lang = choice.palette, choice.lang
    if frame.empty or frame["value"].isna().all():
        legend_items = legend(frame, palette, lang, scorer.gemeente)
        areas = len(frame)
        message = no_values(ind.label(lang), lang, choice.period, choice.level, areas=areas)
        return [data, legend_items, message]
    first = frame.iloc[0]
    nap: Any = t(
        "kaart.nap",
        lang,
        nap=data["nap"],
        source=nap_source_label(first["nap_source"], lang),
        period=period_label(choice.period, lang),
    )
    coverage = incomplete(frame)
    if coverage is not None:  # no NAP: say why nothing is coloured
        nap = html.Span(nap_line(coverage, lang), className="waarschuwing")
    if choice.reference:  # another reference than NAP: the line and the legend name it
        nap = reference_choice.line(frame, ind, lang)
        average = reference_choice.frame_average(frame, lang)
        items = legend(frame, palette, lang, scorer.gemeente, ind, average)
        return [data, reference_choice.legend_title(frame, lang) + items, nap]
    return [data, legend(frame, palette, lang, scorer.gemeente, ind), nap]


def register(app: Dash, get_store: Any) -> None:
    urlstate.sync(
        app,
        "kaart-url",
        {
            "indicator": "kaart-indicator",
            "jaar": "kaart-period",
            "niveau": "kaart-level",
            "methode": "kaart-method",
            "palet": "kaart-palette",
            "zoom": "kaart-zoom",
            **reference_choice.url_params("kaart"),
            "gemeente": "kaart-gemeente",
            **kaart_points.URL_PARAMS,
        },
    )
    reference_choice.register(app, get_store, "kaart")

    register_periods(app, get_store, "kaart")
    kaart_points.register(app, get_store)
    register_methods(app, get_store, "kaart-indicator", "kaart-method")
    kaart_pick.register(app, get_store, _clicked_code)

    @app.callback(
        Output("kaart-geojson", "data"),
        Output("kaart-zoom", "options"),
        Output("kaart-map", "viewport"),
        Input("kaart-level", "value"),
        Input("kaart-zoom", "value"),
        Input("kaart-gemeente", "value"),
    )
    @reads
    def geometry(level: str, zoom_code: str | None, gemeente: str | None = None):
        """Geometry only when the level (or gemeente) changes; the zoom list is the
        stadsdelen/gebieden."""
        store = get_store()
        division_id = store.division_id()
        own = kaart_gemeente.scope(gemeente, level)
        if own is not None:
            data, box = kaart_gemeente.geometry(store, division_id, level, own)
        else:
            data = area_geojson(store, division_id, level)
        options, shapes = zoom_targets(store, division_id)
        if zoom_code in shapes and shapes[zoom_code] is not None:
            bounds = shapes[zoom_code].bounds
        elif own is not None:
            bounds = box
        else:
            bounds = areas_geodataframe(store, division_id, level).total_bounds
        return data, options, bounds_view(bounds, "flyToBounds")

    @app.callback(
        Output("kaart-geojson", "hideout"),
        Output("kaart-legend", "children"),
        Output("kaart-nap", "children"),
        Input("kaart-indicator", "value"),
        Input("kaart-period", "value"),
        Input("kaart-level", "value"),
        Input("kaart-method", "value"),
        Input("kaart-palette", "value"),
        Input("kaart-referentie", "value"),
        Input("kaart-basisjaar", "value"),
        Input("kaart-gemeente", "value"),
        State("lang", "data"),
    )
    @reads
    def restyle_callback(
        indicator_id: str,
        period: int,
        level: str,
        method: str | None,
        palette: str,
        referentie: str | None,
        base_year: int | None,
        gemeente: str | None,
        lang: str,
    ):
        own = kaart_gemeente.scope(gemeente, level)
        return restyle(
            get_store(),
            indicator_id,
            period,
            level,
            method,
            palette,
            lang,
            referentie,
            base_year,
            gemeente=own,
        )

    @app.callback(
        Output("kaart-goto", "href"),
        Input("kaart-geojson", "clickData"),
        State("kaart-level", "value"),
        State("lang", "data"),
        State("kaart-referentie", "value"),
        State("kaart-basisjaar", "value"),
        State("kaart-pick-on", "value"),
        prevent_initial_call=True,
    )
    @reads
    def open_profile(
        click: dict | None,
        level: str,
        lang: str,
        referentie: str | None,
        base: int | None,
        pick: Any = None,
    ):
        if kaart_pick.picking(pick):  # picking areas to compare: the click adds one
            return no_update
        code = _clicked_code(get_store(), click, level)
        if not code:
            return no_update
        return f"/profiel?gebied={code}&lang={lang}" + reference_choice.query_tail(referentie, base)


def _clicked_code(store: Store, click: dict | None, level: str) -> str | None:
    """The clicked area: from the feature when sent, else by point-in-polygon."""
    if not click:
        return None
    props = click.get("properties") or {}
    if props.get("code"):
        return str(props["code"])
    latlng = click.get("latlng")
    if not latlng:
        return None
    lat, lon = (latlng["lat"], latlng["lng"]) if isinstance(latlng, dict) else latlng[:2]
    frame = areas_geodataframe(store, store.division_id(), level)
    hit = frame[frame.contains(shapely.Point(lon, lat))]
    return str(hit["code"].iloc[0]) if not hit.empty else None
