"""The areas of Voorbeeldstad: buurten as one Voronoi coverage inside an invented
coastline, grouped into wijken, gebieden and stadsdelen whose borders are unions."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import shapely
import shapely.geometry

from monitor.demo.city import CENTRE, RD_NEW, STADSDELEN

PREFIXES = (
    "Linden",
    "Eiken",
    "Molen",
    "Haven",
    "Kerk",
    "Dijk",
    "Vaart",
    "Sluis",
    "Wilgen",
    "Beuken",
    "Rozen",
    "Zuider",
    "Noorder",
    "Ooster",
    "Wester",
    "Brug",
    "Markt",
    "Veer",
    "Zand",
    "Klei",
    "Riet",
    "Duin",
    "Meeuwen",
    "Zeilmakers",
    "Touwslagers",
    "Lantaarn",
    "Schelpen",
    "Tuin",
    "Bloemen",
    "Parel",
    "Koren",
    "Hout",
    "Vlas",
    "Zout",
    "Turf",
    "Anker",
)
SUFFIXES = ("buurt", "hof", "kwartier", "park", "veld", "kade", "oord", "dorp", "eiland", "wijk")
WIJK_SUFFIXES = ("kwartier", "gebied", "stad", "wijk", "polder")


def _outline(rng: np.random.Generator) -> shapely.Polygon:
    angles = np.linspace(0, 2 * np.pi, 160, endpoint=False)
    radius = 5200 * (1 + 0.12 * np.sin(3 * angles + 0.7) + 0.07 * np.sin(5 * angles + 2.1))
    radius *= 1 + 0.015 * rng.standard_normal(angles.size)
    xs = CENTRE[0] + radius * np.cos(angles)
    ys = CENTRE[1] + 0.8 * radius * np.sin(angles)
    return shapely.Polygon(np.column_stack([xs, ys]))


def _sample_in(poly: shapely.Geometry, k: int, rng: np.random.Generator) -> np.ndarray:
    minx, miny, maxx, maxy = poly.bounds
    points: list[tuple[float, float]] = []
    while len(points) < k:
        cand = rng.uniform([minx, miny], [maxx, maxy], size=(4 * k, 2))
        inside = shapely.contains_xy(poly, cand[:, 0], cand[:, 1])
        points.extend(map(tuple, cand[inside]))
    return np.array(points[:k])


def _voronoi(seeds: np.ndarray, clip: shapely.Geometry) -> list[shapely.Geometry]:
    """Voronoi cells of ``seeds`` clipped to ``clip``, in seed order."""
    cells = shapely.voronoi_polygons(shapely.MultiPoint(seeds), extend_to=clip)
    by_seed = [None] * len(seeds)
    for cell in shapely.get_parts(cells):
        inside = shapely.contains_xy(cell, seeds[:, 0], seeds[:, 1])
        by_seed[int(np.flatnonzero(inside)[0])] = cell.intersection(clip)
    return by_seed


def _relax(seeds: np.ndarray, region: shapely.Geometry, rounds: int = 4) -> np.ndarray:
    """Lloyd relaxation: move seeds to their cell centroids for even, plausible buurten."""
    for _ in range(rounds):
        cells = _voronoi(seeds, region)
        seeds = np.array([[c.centroid.x, c.centroid.y] for c in cells])
    return seeds


def _kmeans(points: np.ndarray, k: int, rounds: int = 20) -> np.ndarray:
    """Deterministic k-means (farthest-point start) to group buurten into wijken."""
    centres = [points[0]]
    while len(centres) < k:
        dist = np.min([np.linalg.norm(points - c, axis=1) for c in centres], axis=0)
        centres.append(points[int(np.argmax(dist))])
    centres = np.array(centres)
    labels = np.zeros(len(points), dtype=int)
    for _ in range(rounds):
        labels = np.argmin(np.linalg.norm(points[:, None] - centres[None], axis=2), axis=1)
        centres = np.array(
            [
                points[labels == j].mean(axis=0) if (labels == j).any() else centres[j]
                for j in range(k)
            ]
        )
    # Number groups from north-west to south-east so codes read like a map.
    order = np.lexsort((centres[:, 0], -np.round(centres[:, 1], -3)))
    rank = np.empty(k, dtype=int)
    rank[order] = np.arange(k)
    return rank[labels]


def _names(
    rng: np.random.Generator, count: int, suffixes: tuple[str, ...], used: set[str]
) -> list[str]:
    names = []
    while len(names) < count:
        name = f"{rng.choice(PREFIXES)}{rng.choice(suffixes)}"
        if name not in used:
            used.add(name)
            names.append(name)
    return names


def build_geometry(rng: np.random.Generator) -> dict[str, gpd.GeoDataFrame]:
    """Buurten as one Voronoi coverage; higher levels as unions, so borders match."""
    outline = _outline(rng)
    centres = np.array(
        [[CENTRE[0] + 2600 * dx, CENTRE[1] + 2100 * dy] for _, _, (dx, dy), _ in STADSDELEN]
    )
    regions = _voronoi(centres, outline)
    seeds, owner = [], []
    for i, (_, _, _, count) in enumerate(STADSDELEN):
        local = _relax(_sample_in(regions[i], count, rng), regions[i])
        seeds.append(local)
        owner += [i] * count
    all_seeds = _relax(np.vstack(seeds), outline, rounds=1)
    cells = shapely.set_precision(np.array(_voronoi(all_seeds, outline), dtype=object), 0.01)
    owner_arr = np.array(owner)

    used: set[str] = set()
    rows = []
    gebied_no = 0
    for i, (sd_code, _, _, count) in enumerate(STADSDELEN):
        idx = np.flatnonzero(owner_arr == i)
        wijk_of = _kmeans(all_seeds[idx], k=max(3, round(count / 4.5)))
        wijk_centres = np.array(
            [all_seeds[idx][wijk_of == w].mean(axis=0) for w in range(wijk_of.max() + 1)]
        )
        gebied_of_wijk = _kmeans(wijk_centres, k=2)
        wijk_names = _names(rng, len(wijk_centres), WIJK_SUFFIXES, used)
        for w in range(len(wijk_centres)):
            members = idx[wijk_of == w]
            buurt_names = _names(rng, len(members), SUFFIXES, used)
            for j, (cell_index, name) in enumerate(zip(members, buurt_names, strict=True)):
                rows.append(
                    {
                        "code": f"{sd_code}{w + 1:02d}{chr(ord('a') + j)}",
                        "name": name,
                        "wijk_code": f"{sd_code}{w + 1:02d}",
                        "wijk_name": wijk_names[w],
                        "gebied_code": f"G{gebied_no + gebied_of_wijk[w] + 1:02d}",
                        "stadsdeel_code": sd_code,
                        "geometry": cells[cell_index],
                    }
                )
        gebied_no += 2
    buurten = gpd.GeoDataFrame(rows, geometry="geometry", crs=RD_NEW)
    return _levels(buurten)


def _levels(buurten: gpd.GeoDataFrame) -> dict[str, gpd.GeoDataFrame]:
    names = {code: name for code, name, *_ in STADSDELEN}
    wijken = buurten.dissolve("wijk_code", as_index=False, aggfunc="first")
    wijken = wijken.assign(code=wijken["wijk_code"], name=wijken["wijk_name"])
    gebieden = buurten.dissolve("gebied_code", as_index=False, aggfunc="first")
    gebieden["code"] = gebieden["gebied_code"]
    # Two gebieden per stadsdeel: "Oost 1", "Oost 2", numbered in code order.
    number = gebieden.groupby("stadsdeel_code").cumcount() + 1
    gebieden["name"] = gebieden["stadsdeel_code"].map(names) + " " + number.astype(str)
    stadsdelen = buurten.dissolve("stadsdeel_code", as_index=False, aggfunc="first")
    stadsdelen["code"] = stadsdelen["stadsdeel_code"]
    stadsdelen["name"] = stadsdelen["code"].map(names)
    keep = {
        "buurt": ["code", "name", "wijk_code", "gebied_code", "stadsdeel_code"],
        "wijk": ["code", "name", "gebied_code", "stadsdeel_code"],
        "gebied": ["code", "name", "stadsdeel_code"],
        "stadsdeel": ["code", "name"],
    }
    frames = {"buurt": buurten, "wijk": wijken, "gebied": gebieden, "stadsdeel": stadsdelen}
    return {
        lvl: frames[lvl][[*cols, "geometry"]].sort_values("code").reset_index(drop=True)
        for lvl, cols in keep.items()
    }


def geojson(frame: gpd.GeoDataFrame, name: str, fields: dict[str, str]) -> bytes:
    """One level as a GeoJSON file in RD New, as Dutch municipalities publish them: the
    coordinate system in the ``crs`` member (GDAL reads it), one feature per line, and
    coordinates exactly as generated. ``fields`` maps a frame column to a property name."""
    header = {
        "type": "FeatureCollection",
        "name": name,
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
    }
    features = [
        json.dumps(
            {
                "type": "Feature",
                "properties": {fields[c]: row[c] for c in fields},
                "geometry": shapely.geometry.mapping(row["geometry"]),
            },
            ensure_ascii=False,
        )
        for row in frame.to_dict("records")
    ]
    opening = json.dumps(header, ensure_ascii=False)[:-1] + ', "features": [\n'
    return (opening + ",\n".join(features) + "\n]}\n").encode("utf-8")
