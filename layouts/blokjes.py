"""Blokjeskaart: on every area a block of up to 18 indicator cells in NAP colours.

Stadsdeel Oost's view: three domain rows of six cells on every
buurt. The area outlines and the representative points are sent once per level; a
switch of year, indicator set, filter or palette sends only the ``hideout`` (per area
the class index and value text of each cell), and ``assets/blokjes.js`` builds the
blocks with DOM calls. Works without a basemap (empty ``MONITOR_TILE_URL``).

The indicator-set controls and their URL state are shared with the Buurtbegroting
(``layouts/begroting.py``) and live in ``layouts/indicator_set.py`` (re-exported here):
a multi-select that overrides the preset, mirrored into a hidden text field that
:func:`layouts.urlstate.sync` keeps in the URL: ``set=a,b,...`` for a choice of one's
own, nothing for the preset.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import dash_leaflet as dl
import numpy as np
import pandas as pd
from dash import Dash, Input, Output, State, html, no_update
from dash_extensions.javascript import Namespace, arrow_function

from layouts import urlstate
from layouts.common import (
    chosen_level,
    context,
    empty_page,
    fictional_banner,
    level_options,
    no_values,
    palette_control,
)
from layouts.indicator_set import (
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
from layouts.level_map import bounds_view
from monitor.area_geometry import area_geojson, areas_geodataframe
from monitor.blocks import (
    BLOCK_CLASSES,
    Preset,
    area_codes,
    cached_block_scores,
)
from monitor.catalog import Indicator
from monitor.config import get_settings
from monitor.errors import MonitorError
from monitor.messages import class_label, t
from monitor.numbers import format_value
from monitor.palette import colour
from monitor.scoring import CLASSES, Scorer, uncertain
from monitor.store import Store
from web import reads

ns = Namespace("buurtmonitor", "blokjes")
CLASS_INDEX = {k: i for i, k in enumerate(CLASSES)}
EXTRA_CLASSES = ("meer", "minder", "niet_gekleurd")


# -- the page --------------------------------------------------------------------------


def layout(store: Store, lang: str, query: dict[str, str]) -> html.Div:
    empty = empty_page(store, lang)
    if empty is not None:
        return empty
    ctx = context(store, lang)
    scorer = Scorer(store)
    base, missing = base_preset(scorer.indicators, store)
    if base is None:
        return html.Div(html.P(t("blokjes.no_set", lang), id="blokjes-error"))
    preset = resolve_set(query.get("set"), scorer.indicators, base)
    years = set_periods(store, preset)
    level = chosen_level(ctx, query.get("niveau"))
    settings = get_settings()
    tiles = (
        [dl.TileLayer(url=settings.tile_url, attribution="PDOK / Kadaster")]
        if settings.tile_url
        else []
    )
    stadsdelen = area_geojson(store, store.division_id(), "stadsdeel")
    return html.Div(
        [
            *urlstate.location("blokjes-url"),
            fictional_banner(ctx),
            html.H2(t("blokjes.title", lang)),
            html.P(t("blokjes.intro", lang), className="intro"),
            html.Div(
                [
                    *year_level_filter(
                        "blokjes",
                        store,
                        years,
                        year_value(query, years, store, preset, level),
                        level,
                        query,
                        lang,
                        level_options(ctx, lang),
                    ),
                    palette_control("blokjes", query, lang),
                ],
                className="controls",
            ),
            set_controls("blokjes", ctx, scorer.indicators, base, query, lang),
            html.P(missing_note(base, missing, lang), className="hint"),
            html.P(id="blokjes-info", role="status"),
            # Up to 90 blocks are 90 tab stops: a keyboard user can jump past them.
            html.P(
                [
                    t("blokjes.keyboard", lang),
                    " ",
                    html.A(t("a11y.skip_map", lang), href="#blokjes-legend", id="blokjes-skip"),
                ],
                className="hint",
            ),
            html.Div(
                [
                    dl.Map(
                        [
                            *tiles,
                            dl.GeoJSON(
                                id="blokjes-outline",
                                style=arrow_function(
                                    {
                                        "color": "#7a838c",
                                        "weight": 1,
                                        "fillColor": "#ffffff",
                                        "fillOpacity": 0.55,
                                    }
                                ),
                                interactive=False,
                            ),
                            dl.GeoJSON(
                                data=stadsdelen,
                                id="blokjes-stadsdelen",
                                style=arrow_function(
                                    {"color": "#333", "weight": 2.5, "fill": False}
                                ),
                                interactive=False,
                            ),
                            dl.GeoJSON(
                                id="blokjes-points",
                                pointToLayer=ns("pointToLayer"),
                                filter=ns("filter"),
                                hideout={},
                            ),
                        ],
                        id="blokjes-map",
                        center=[52.37, 4.9],
                        zoom=11,
                        # The city fills the map (not the next whole zoom level down):
                        # larger blocks at the first view.
                        zoomSnap=0.25,
                        style={"height": "620px"},
                        className="kaart blokjes-map",
                    ),
                    html.Div(id="blokjes-legend", className="legend blokjes-legend", tabIndex="-1"),
                ],
                className="kaart-wrap",
            ),
        ]
    )


def points_geojson(areas: pd.DataFrame) -> dict[str, Any]:
    """Representative points of the areas (code and name only; names are text data)."""
    features = [
        {
            "type": "Feature",
            "properties": {"code": r.code, "name": r.name},
            "geometry": {"type": "Point", "coordinates": [r.label_lon, r.label_lat]},
        }
        for r in areas.itertuples()
        if np.isfinite(r.label_lon) and np.isfinite(r.label_lat)
    ]
    return {"type": "FeatureCollection", "features": features}


def typical_side(areas: pd.DataFrame) -> float | None:
    """The median width (√area, metres) of the areas of a level."""
    sizes = pd.to_numeric(areas.get("area_m2"), errors="coerce").dropna()
    sizes = sizes[sizes > 0]
    return round(float(np.sqrt(sizes.median())), 1) if not sizes.empty else None


def hideout(
    scores: pd.DataFrame,
    preset: Preset,
    indicators: Mapping[str, Indicator],
    codes: list[str],
    palette: str,
    lang: str,
    side: float | None = None,
) -> dict[str, Any]:
    """Per area of ``codes``: class indexes and value texts of its cells, in set order.

    ``side`` (metres, the typical width of an area) lets the client size the cells.
    """
    gemeente = scores.attrs.get("gemeente")
    ids = preset.indicator_ids
    units = [(indicators[i].unit, indicators[i].decimals) for i in ids]
    wanted = scores[scores["code"].isin(codes)]
    areas: dict[str, dict[str, list[Any]]] = {}
    for code, rows in wanted.groupby("code", sort=False):
        areas[str(code)] = {
            "k": [CLASS_INDEX[k] for k in rows["klasse"]],
            # 1: rond door onzekerheid (a dot on the cell, "±" in the tooltip)
            "u": uncertain(rows["reden_code"]).astype(int).tolist(),
            "v": [
                format_value(v, unit, dec, lang)
                for v, (unit, dec) in zip(rows["value"], units, strict=True)
            ],
        }
    first = scores.drop_duplicates("indicator").set_index("indicator")
    domain_titles = {d.key: d.title(lang) for d in preset.domains}
    return {
        "ids": ids,
        "indicators": [indicators[i].label(lang) for i in ids],
        "domains": [domain_titles[preset.domain_of(i)] for i in ids],
        "naps": [
            format_value(first.at[i, "nap"], unit, dec, lang)
            for i, (unit, dec) in zip(ids, units, strict=True)
        ],
        "years": [None if pd.isna(first.at[i, "jaar"]) else int(first.at[i, "jaar"]) for i in ids],
        "rows": preset.rows(),
        "side": side,
        "classes": list(CLASSES),
        "colors": {k: colour(k, palette) for k in CLASSES},
        "classLabels": {k: class_label(k, lang, gemeente) for k in CLASSES},
        "areas": areas,
        "labels": {
            "value": t("col.value", lang),
            "nap": t("col.nap", lang),
            "year": t("app.period", lang),
            "noYear": t("blokjes.no_year", lang, period=scores.attrs.get("period")),
            "hover": t("blokjes.hover", lang),
            "uncertain": t("uncertain.marker", lang),
            "uncertainWords": t("uncertain.words", lang),
            "hidden": t("blokjes.hidden", lang, shown="{shown}", total="{total}"),
        },
    }


def _uncertain_item(scores: pd.DataFrame, lang: str) -> list[Any]:
    """The legend line for the dot on a cell that is rond door onzekerheid, if any is."""
    if not uncertain(scores["reden_code"]).any():
        return []
    return [
        html.Div(
            [
                html.Span(className="swatch swatch-onzeker", **{"data-onzeker": "1"}),
                html.Span(t("uncertain.legend", lang)),
            ],
            className="legend-item legend-uncertain",
            role="listitem",
        )
    ]


def legend(
    scores: pd.DataFrame,
    preset: Preset,
    indicators: Mapping[str, Indicator],
    palette: str,
    lang: str,
) -> list[Any]:
    """The class colours in words, then how a block is built: domain rows and cells."""
    gemeente = scores.attrs.get("gemeente")
    period = scores.attrs.get("period")
    present = set(scores["klasse"])
    classes = [*BLOCK_CLASSES, *(k for k in EXTRA_CLASSES if k in present)]
    years = scores.drop_duplicates("indicator").set_index("indicator")["jaar"]
    items: list[Any] = [
        html.H3(t("blokjes.legend_classes", lang)),
        html.Div(
            [
                html.Div(
                    [
                        html.Span(
                            className="swatch",
                            style={"background": colour(k, palette)},
                            **{"data-klasse": k},
                        ),
                        html.Span(class_label(k, lang, gemeente)),
                    ],
                    className="legend-item",
                    role="listitem",
                )
                for k in classes
            ]
            + _uncertain_item(scores, lang),
            role="list",
        ),
        html.H3(t("blokjes.legend_rows", lang)),
    ]
    position = 0
    for dom in preset.domains:
        entries = []
        for ind_id in dom.indicators:
            position += 1
            year = years.get(ind_id)
            note = ""
            if pd.isna(year):
                note = f" ({t('blokjes.no_year', lang, period=period)})"
            elif int(year) != period:
                note = f" ({t('blokjes.year_used', lang, year=int(year))})"
            entries.append(html.Li(indicators[ind_id].label(lang) + note))
        cells = [html.Span(str(i), className="legend-cel") for i in range(1, len(entries) + 1)]
        items.append(
            html.Div(
                [
                    html.Div(html.Strong(dom.title(lang)), className="legend-domain"),
                    html.Div(cells, className="legend-rij", **{"aria-hidden": "true"}),
                    html.Ol(entries, start=position - len(entries) + 1),
                ],
                className="legend-row",
                **{"data-domain": dom.key},
            )
        )
    return items


def register(app: Dash, get_store: Any) -> None:
    urlstate.sync(
        app,
        "blokjes-url",
        {
            "jaar": "blokjes-period",
            "niveau": "blokjes-level",
            "gebied": "blokjes-filter",
            "set": "blokjes-set",
            "palet": "blokjes-palette",
        },
    )
    register_set(app, get_store, "blokjes")
    register_periods(app, get_store, "blokjes")

    @app.callback(
        Output("blokjes-outline", "data"),
        Output("blokjes-points", "data"),
        Output("blokjes-map", "viewport"),
        Input("blokjes-level", "value"),
        Input("blokjes-filter", "value"),
    )
    @reads
    def geometry(level: str, within: str | None):
        """Outlines and points only when the level changes; the view follows the filter."""
        store = get_store()
        division_id = store.division_id()
        outline = area_geojson(store, division_id, level)
        points = points_geojson(store.areas_frame(division_id, level))
        frame = None
        if within:
            for lvl in ("stadsdeel", "gebied"):
                found = areas_geodataframe(store, division_id, lvl)
                found = found[found["code"] == within]
                if not found.empty:
                    frame = found
                    break
        if frame is None:
            frame = areas_geodataframe(store, division_id, level)
        return outline, points, bounds_view(frame.total_bounds, "flyToBounds")

    @app.callback(
        Output("blokjes-points", "hideout"),
        Output("blokjes-legend", "children"),
        Output("blokjes-info", "children"),
        Input("blokjes-set", "value"),
        Input("blokjes-period", "value"),
        Input("blokjes-level", "value"),
        Input("blokjes-filter", "value"),
        Input("blokjes-palette", "value"),
        State("lang", "data"),
    )
    @reads
    def restyle(
        text: str | None,
        period: int | None,
        level: str | None,
        within: str | None,
        palette: str | None,
        lang: str | None,
    ):
        if not (period and level):
            return no_update, no_update, no_update
        lang, palette = lang or "nl", palette or "standaard"
        scorer = Scorer(get_store())
        base, _ = base_preset(scorer.indicators, scorer.store)
        if base is None:
            return no_update, no_update, no_update
        level_areas = scorer.areas(level)
        if level_areas.empty:  # a division without this level
            return {}, None, no_values("", lang, level=level, areas=0)
        try:
            preset = resolve_set(text, scorer.indicators, base)
            scores = cached_block_scores(scorer, preset, int(period), level, lang=lang)
        except MonitorError as exc:
            return {}, None, html.Span(str(exc), className="fout")
        codes = area_codes(level_areas, within)
        data = hideout(
            scores, preset, scorer.indicators, codes, palette, lang, typical_side(level_areas)
        )
        info = t(
            "blokjes.info",
            lang,
            set=preset.title(lang) if preset is base else t("blokjes.set_custom", lang),
            count=len(codes),
            indicators=len(preset.indicator_ids),
            level=t(f"level.{level}", lang).lower(),
            period=period,
        )
        if not codes:
            info = t("blokjes.no_areas", lang)
        return data, legend(scores, preset, scorer.indicators, palette, lang), info
