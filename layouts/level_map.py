"""The map of one level's areas, styled in the browser, that Aandachtsbuurten and
Wijktypen share: the component, the outlines of a level with the view on them, and the
view on a bounding box (the Kaart and the Blokjeskaart too)."""

from __future__ import annotations

from typing import Any

import dash_leaflet as dl
import numpy as np
from dash import html, no_update
from dash_extensions.javascript import Namespace

from monitor.area_geometry import area_geojson, areas_geodataframe
from monitor.store import LEVELS, Store


def area_map(prefix: str, label: str) -> html.Div:
    """A map of one level's areas styled in the browser from a ``hideout``
    (``assets/{prefix}.js``: ``buurtmonitor.{prefix}.style`` and ``onEachFeature``):
    ``{prefix}-map`` with ``{prefix}-geojson``, a named region, tiles when configured."""
    from monitor.config import get_settings

    tile_url = get_settings().tile_url
    ns = Namespace("buurtmonitor", prefix)
    return html.Div(
        dl.Map(
            [
                *([dl.TileLayer(url=tile_url)] if tile_url else []),
                dl.GeoJSON(
                    id=f"{prefix}-geojson",
                    style=ns("style"),
                    onEachFeature=ns("onEachFeature"),
                    hideout={},
                ),
            ],
            id=f"{prefix}-map",
            center=[52.37, 4.9],
            zoom=11,
            style={"height": "560px"},
            className="kaart",
        ),
        role="region",
        **{"aria-label": label},
    )


def bounds_view(bounds: Any, transition: str | None = None) -> Any:
    """The map's view on ``(minx, miny, maxx, maxy)``; ``no_update`` (the view stays)
    when the box is not finite, as for a level without areas."""
    minx, miny, maxx, maxy = bounds
    if not np.all(np.isfinite([minx, miny, maxx, maxy])):
        return no_update
    view: dict[str, Any] = {"bounds": [[miny, minx], [maxy, maxx]]}
    if transition:
        view["transition"] = transition
    return view


def level_geometry(store: Store, level: str | None) -> tuple[Any, Any]:
    """The outlines of ``level``'s areas and the view on them; ``no_update`` twice for
    what is not a level (a crafted request: nothing to draw)."""
    if level not in LEVELS:
        return no_update, no_update
    division_id = store.division_id()
    data = area_geojson(store, division_id, level)
    return data, bounds_view(areas_geodataframe(store, division_id, level).total_bounds)
