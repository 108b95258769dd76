"""Voorzieningen within reach: per buurt and category, the share of the buurt within
500 m of a voorziening of that category.

Without an address layer the share is of the buurt's **area**: the part of the buurt
polygon (full geometry) that lies within 500 m (straight line) of at least one
voorziening, computed in RD New (EPSG:28992, metres) with Shapely. A voorziening counts
wherever it lies, also in a neighbouring buurt.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

#: Metres: "binnen 500 m".
REACH_METRES = 500.0
RD_NEW = 28992
WGS84 = 4326


def reach_shares(
    buurten: gpd.GeoDataFrame, voorzieningen: pd.DataFrame, metres: float = REACH_METRES
) -> pd.DataFrame:
    """Per buurt (``buurten``: id and geometry, any CRS) and category of
    ``voorzieningen`` (category, lon, lat in WGS84): area_id, category, share (0–100).
    Every buurt with a geometry gets a share for every category (0 when none is near)."""
    columns = ["area_id", "category", "share"]
    buurten = buurten[buurten.geometry.notna() & ~buurten.geometry.is_empty]
    if buurten.empty or voorzieningen.empty:
        return pd.DataFrame(columns=columns)
    shapes = buurten.to_crs(RD_NEW).geometry.to_numpy()
    ids = buurten["id"].astype("int64").to_numpy()
    areas = shapely.area(shapes)
    located = gpd.GeoSeries(
        shapely.points(voorzieningen["lon"].to_numpy(), voorzieningen["lat"].to_numpy()),
        crs=WGS84,
    ).to_crs(RD_NEW)
    frames = []
    for category in sorted(voorzieningen["category"].unique()):
        own = located[(voorzieningen["category"] == category).to_numpy()].to_numpy()
        near = shapely.union_all(shapely.buffer(own, metres, quad_segs=16))
        covered = shapely.area(shapely.intersection(shapes, near))
        share = np.where(areas > 0, covered / np.where(areas > 0, areas, 1) * 100, np.nan)
        frames.append(pd.DataFrame({"area_id": ids, "category": category, "share": share}))
    found = pd.concat(frames, ignore_index=True)
    found["share"] = found["share"].clip(0, 100)
    return found[found["share"].notna()].reset_index(drop=True)


def near_buurt(
    buurt: gpd.GeoDataFrame, voorzieningen: pd.DataFrame, metres: float = REACH_METRES
) -> pd.DataFrame:
    """The voorzieningen in or within ``metres`` of one buurt (``buurt``: one row, any
    CRS), with ``distance`` in metres (0 inside) and ``inside``; nearest first, then by
    category and name."""
    if buurt.empty or voorzieningen.empty or buurt.geometry.iloc[0] is None:
        return voorzieningen.iloc[0:0].assign(distance=[], inside=[])
    shape = buurt.to_crs(RD_NEW).geometry.iloc[0]
    located = gpd.GeoSeries(
        shapely.points(voorzieningen["lon"].to_numpy(), voorzieningen["lat"].to_numpy()),
        crs=WGS84,
    ).to_crs(RD_NEW)
    distance = shapely.distance(shape, located.to_numpy())
    found = voorzieningen.assign(distance=distance, inside=distance <= 0)
    found = found[found["distance"] <= metres]
    return found.sort_values(["distance", "category", "name"], kind="stable").reset_index(drop=True)
