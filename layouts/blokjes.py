"""Blokjeskaart: on every area a block of up to 18 indicator cells in NAP colours.

Stadsdeel Oost's view (PRODUCT.md §1, §3.5): three domain rows of six cells on every
buurt. The area outlines and the representative points are sent once per level; a
switch of year, indicator set, filter or palette sends only the ``hideout`` (per area
the class index and value text of each cell), and ``assets/blokjes.js`` builds the
blocks with DOM calls. Works without a basemap (empty ``MONITOR_TILE_URL``).

The indicator-set controls and their URL state are shared with the Buurtbegroting
(``layouts/begroting.py``): a multi-select that overrides the preset, mirrored into a
hidden text field that :func:`layouts.urlstate.sync` keeps in the URL: ``set=a,b,...``
for a choice of one's own, nothing for the preset.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import dash_leaflet as dl
import numpy as np
import pandas as pd
from dash import Dash, Input, Output, State, callback_context, dcc, html, no_update
from dash_extensions.javascript import Namespace, arrow_function

from layouts import urlstate
from layouts.common import (
    SCORABLE_LEVELS,
    Context,
    chosen_level,
    context,
    empty_page,
    fictional_banner,
    level_options,
    no_values,
    palette_control,
)
from monitor.areas import area_geojson, areas_geodataframe
from monitor.blocks import (
    BLOCK_CLASSES,
    DEFAULT_PRESET,
    MAX_INDICATORS,
    STANDIN_KEY,
    Preset,
    area_codes,
    best_preset,
    cached_block_scores,
    custom_preset,
    load_preset,
    measured_indicators,
    usable_preset,
)
from monitor.catalog import Indicator, load_from_store
from monitor.config import get_settings
from monitor.errors import MonitorError
from monitor.messages import class_label, t
from monitor.numbers import format_value
from monitor.palette import colour
from monitor.periods import default_set_period
from monitor.scoring import CLASSES, Scorer, uncertain
from monitor.store import Store
from web import reads

ns = Namespace("buurtmonitor", "blokjes")
CLASS_INDEX = {k: i for i, k in enumerate(CLASSES)}
EXTRA_CLASSES = ("meer", "minder", "niet_gekleurd")


# -- the indicator set, shared with the Buurtbegroting ------------------------------------


def base_preset(
    indicators: Mapping[str, Indicator], store: Store
) -> tuple[Preset | None, list[str]]:
    """The preset that fits the catalogue best (Oost; its BBGA twin on Amsterdam data) as
    far as the catalogue has it, and the ids it lacks; for another municipality's data a
    stand-in set of measured indicators."""
    preset = best_preset(indicators)
    if all(i in indicators for i in preset.indicator_ids):
        return preset, []
    measured = measured_indicators(store, store.division_id())
    return usable_preset(preset, indicators, measured)


def missing_note(base: Preset, missing: list[str], lang: str) -> str | None:
    """Why the set differs from the preset file: ids the catalogue lacks."""
    if not missing:
        return None
    if base.key == STANDIN_KEY:
        return t("blokjes.standin_note", lang, name=load_preset(DEFAULT_PRESET).title(lang))
    return t("blokjes.set_missing", lang, ids=", ".join(missing))


def split_set(text: str | None) -> list[str]:
    return [i.strip() for i in (text or "").split(",") if i.strip()]


def resolve_set(text: str | None, indicators: Mapping[str, Indicator], base: Preset) -> Preset:
    """The set a page shows: the user's choice from the URL field (indicator ids), else
    the preset (its key, or nothing)."""
    if (text or "").strip() == base.key:
        return base
    chosen = [i for i in split_set(text) if i in indicators][:MAX_INDICATORS]
    if not chosen:
        return base
    return custom_preset(chosen, indicators, base)


def set_periods(store: Store, preset: Preset) -> list[int]:
    division_id = store.division_id()
    return sorted({p for i in preset.indicator_ids for p in store.periods(division_id, i)})


def area_options(store: Store, lang: str) -> list[dict[str, str]]:
    """Stadsdelen and gebieden to filter on (and zoom to)."""
    division_id = store.division_id()
    return [
        {"label": f"{t(f'level.{lvl}', lang)} {r.name} ({r.code})", "value": r.code}
        for lvl in ("stadsdeel", "gebied")
        for r in store.areas_frame(division_id, lvl).itertuples()
    ]


def year_level_filter(
    prefix: str,
    store: Store,
    years: list[int],
    year: int | None,
    level: str,
    query: dict[str, str],
    lang: str,
    levels: list[dict[str, Any]] | None = None,
) -> list[html.Label]:
    """Year, level and stadsdeel/gebied filter: the controls both block pages share
    (``levels``: the level options, see :func:`layouts.common.level_options`)."""
    if levels is None:
        levels = [{"label": t(f"level.{lvl}", lang), "value": lvl} for lvl in SCORABLE_LEVELS]
    return [
        html.Label(
            [
                t("app.period", lang),
                dcc.Dropdown(years, year, id=f"{prefix}-period", clearable=False),
            ]
        ),
        html.Label(
            [
                t("app.level", lang),
                dcc.Dropdown(levels, level, id=f"{prefix}-level", clearable=False),
            ]
        ),
        html.Label(
            [
                t("blokjes.filter", lang),
                dcc.Dropdown(
                    area_options(store, lang),
                    query.get("gebied"),
                    id=f"{prefix}-filter",
                    placeholder=t("blokjes.filter_all", lang),
                ),
            ]
        ),
    ]


def year_value(
    query: dict[str, str], years: list[int], store: Store, preset: Preset, level: str
) -> int | None:
    """The year in the URL when the set has it; else the latest year in which the set has
    colours at ``level`` (:func:`monitor.periods.default_set_period`)."""
    wanted = int(query["jaar"]) if query.get("jaar", "").isdigit() else None
    return wanted if wanted in years else default_set_period(store, preset.indicator_ids, level)


def set_options(ctx: Context, indicators: Mapping[str, Indicator], preset: Preset, lang: str):
    """The multi-select's options: coloured indicators by domain, plus any preset id
    the options lack (a preset may list an uncoloured one)."""
    options = list(ctx.options)
    known = {o["value"] for o in options}
    for ind_id in preset.indicator_ids:
        if ind_id not in known:
            options.append({"label": indicators[ind_id].label(lang), "value": ind_id})
    return options


def set_controls(
    prefix: str,
    ctx: Context,
    indicators: Mapping[str, Indicator],
    base: Preset,
    query: dict[str, str],
    lang: str,
    label_key: str = "blokjes.set",
) -> html.Div:
    """Multi-select of indicators (overrides the preset) and its hidden URL twin."""
    text = query.get("set", "")
    preset = resolve_set(text, indicators, base)
    return html.Div(
        [
            html.Label(
                [
                    t(label_key, lang, max=MAX_INDICATORS),
                    dcc.Dropdown(
                        set_options(ctx, indicators, base, lang),
                        preset.indicator_ids,
                        id=f"{prefix}-indicators",
                        multi=True,
                    ),
                ]
            ),
            dcc.Input(
                id=f"{prefix}-set",
                type="hidden",
                value="" if preset is base else ",".join(preset.indicator_ids),
            ),
            html.P(
                t("blokjes.set_hint", lang, name=base.title(lang)),
                className="hint",
            ),
            html.P(id=f"{prefix}-set-note", className="hint", role="status"),
        ],
        className="set-controls",
    )


def register_set(app: Dash, get_store: Any, prefix: str) -> None:
    """Keep the multi-select, its hidden URL field and the page's URL in step; at most
    18 indicators. The page's ``dcc.Location`` is ``{prefix}-url``."""
    dropdown, hidden, location = f"{prefix}-indicators", f"{prefix}-set", f"{prefix}-url"

    @app.callback(
        Output(dropdown, "value"),
        Output(hidden, "value", allow_duplicate=True),
        Output(f"{prefix}-set-note", "children"),
        Input(dropdown, "value"),
        Input(hidden, "value"),
        Input(location, "search"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @reads
    def _set(chosen: list[str] | None, text: str | None, search: str | None, lang: str | None):
        lang = lang or "nl"
        store = get_store()
        indicators = load_from_store(store)
        base, _ = base_preset(indicators, store)
        if base is None:
            return no_update, no_update, no_update
        trigger = callback_context.triggered_id
        if trigger == location:
            # Back/forward to a URL without a set: the preset again. (With a set in the
            # URL, urlstate.sync fills the hidden field and the branch below follows.)
            if "set" in urlstate.read(search) or not text:
                return no_update, no_update, no_update
            return base.indicator_ids, "", ""
        if trigger == hidden:
            # Back/forward or a pasted link: the URL field sets the selection.
            ids = resolve_set(text, indicators, base).indicator_ids
            return (ids if ids != (chosen or []) else no_update), no_update, ""
        ids = [i for i in (chosen or []) if i in indicators]
        shown: Any = no_update
        note = ""
        if not ids:
            ids = shown = base.indicator_ids
            note = t("blokjes.set_reset", lang, name=base.title(lang))
        elif len(ids) > MAX_INDICATORS:
            ids = shown = ids[:MAX_INDICATORS]
            note = t("blokjes.set_max", lang, max=MAX_INDICATORS)
        preset = custom_preset(ids, indicators, base)
        new = "" if preset is base else ",".join(ids)
        return shown, (new if new != (text or "") else no_update), note


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
        minx, miny, maxx, maxy = frame.total_bounds
        viewport: Any = {"bounds": [[miny, minx], [maxy, maxx]], "transition": "flyToBounds"}
        if not np.all(np.isfinite([minx, miny, maxx, maxy])):
            viewport = no_update
        return outline, points, viewport

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


def register_periods(app: Dash, get_store: Any, prefix: str) -> None:
    """The year list follows the set: every year any of its indicators was measured; a
    year the new set lacks becomes the latest year with colours."""

    @app.callback(
        Output(f"{prefix}-period", "options"),
        Output(f"{prefix}-period", "value", allow_duplicate=True),
        Input(f"{prefix}-set", "value"),
        State(f"{prefix}-period", "value"),
        State(f"{prefix}-level", "value"),
        prevent_initial_call=True,
    )
    @reads
    def periods(text: str | None, current: int | None, level: str | None):
        store = get_store()
        indicators = load_from_store(store)
        base, _ = base_preset(indicators, store)
        if base is None:
            return [], None
        preset = resolve_set(text, indicators, base)
        years = set_periods(store, preset)
        if current in years:
            return years, no_update
        level = level if level in SCORABLE_LEVELS else "buurt"
        return years, default_set_period(store, preset.indicator_ids, level)
