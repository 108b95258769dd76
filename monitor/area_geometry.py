"""The stored areas as geometry: a GeoDataFrame of one level (display or full geometry)
for overlays and exports, and the small GeoJSON the browser draws, kept per areas stamp."""

from __future__ import annotations

import json
from typing import Any

import geopandas as gpd
import shapely

from monitor.area_files import WGS84, check_level
from monitor.store import Store, geography
from monitor.store.stamps import subject_key


def areas_geodataframe(
    store: Store, division_id: int, level: str, display: bool = True
) -> gpd.GeoDataFrame:
    """Areas of one level with their display (or full) geometry, in WGS84."""
    check_level(level)
    with store.engine.connect() as conn:
        frame = geography.areas_with_wkb(conn, division_id, level, display)
    geometry = shapely.from_wkb(frame.pop("wkb").to_numpy())
    return gpd.GeoDataFrame(frame, geometry=geometry, crs=WGS84)


def _outlines(store: Store, division_id: int, level: str) -> list[list[Any]]:
    """[code, name, GeoJSON geometry] of the areas of one level that have a geometry."""
    frame = areas_geodataframe(store, division_id, level, display=True)
    return [
        [code, name, json.loads(shapely.to_geojson(geom))]
        for code, name, geom in zip(frame["code"], frame["name"], frame.geometry, strict=True)
        if geom is not None
    ]


def area_geojson(store: Store, division_id: int, level: str) -> dict[str, Any]:
    """A small FeatureCollection (display geometry; code and name) for the browser.

    The geometry is decoded once per areas stamp (every write of areas raises it) and kept
    in the shared cache (:mod:`monitor.cache`); each call gets its own features and
    properties (callers rename properties); the geometry dicts are shared, not copied:
    read only.
    Every write of areas raises the areas stamp (:mod:`monitor.store.stamps`).
    """
    from monitor import cache

    stamp = subject_key(store, division_id, "areas")
    if stamp != ("scores", 0, ""):
        key = (store.url, division_id, level, *stamp)
        shapes = cache.remember(
            "geojson", key, lambda: _outlines(store, division_id, level), cache.READ_ONLY_JSON
        )
    else:  # no stamp and never scored: nothing tells a change apart
        shapes = _outlines(store, division_id, level)
    features = [
        {"type": "Feature", "properties": {"code": code, "name": name}, "geometry": geometry}
        for code, name, geometry in shapes
    ]
    return {"type": "FeatureCollection", "features": features}
