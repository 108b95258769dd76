"""A synthetic "2022" buurt division of Amsterdam, derived deterministically from the real
2015 buurten (``../shared/data/amsterdam/gebiedsindeling_2015/GEBIED_BUURTEN.json``).

The real 2022 boundaries are not available offline, so the crosswalk's acceptance case
redraws the 2015 ones the way a new division does: in every fifth wijk the first two
buurten are merged (code ``A00ab``), and every ninth other buurt is split by a north-south
line through its centroid into a west (``…w``) and an east (``…o``) part. Everything else
stays. The result has the fields of the 2015 file (``Buurt_code``, ``Buurt``,
``Buurtcombinatie_code``, ``Stadsdeel_code``), WGS84, so ``monitor import areas`` reads it
with the same options.

    python -m tests.amsterdam_2022_synthetic OUT.geojson
"""

from __future__ import annotations

import sys
from pathlib import Path

import geopandas as gpd
from shapely.geometry import box
from shapely.ops import unary_union

from tests.support import SHARED_DATA

BUURTEN_2015 = SHARED_DATA / "amsterdam" / "gebiedsindeling_2015" / "GEBIED_BUURTEN.json"
RD = "EPSG:28992"
MERGE_EVERY = 5
SPLIT_EVERY = 9


def derive(buurten: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, dict[str, list[str]]]:
    """The synthetic division, and for every new code the 2015 codes it came from."""
    source = buurten.to_crs(RD).sort_values("Buurt_code").reset_index(drop=True)
    rows: list[dict] = []
    origin: dict[str, list[str]] = {}
    merged: set[str] = set()
    for i, (_wijk, group) in enumerate(source.groupby("Buurtcombinatie_code", sort=True)):
        if i % MERGE_EVERY == 0 and len(group) >= 2:
            first, second = group.iloc[0], group.iloc[1]
            code = first["Buurt_code"] + second["Buurt_code"][-1]
            rows.append(
                {
                    "Buurt_code": code,
                    "Buurt": f"{first['Buurt']} / {second['Buurt']}",
                    "Buurtcombinatie_code": first["Buurtcombinatie_code"],
                    "Stadsdeel_code": first["Stadsdeel_code"],
                    "geometry": unary_union([first.geometry, second.geometry]),
                }
            )
            origin[code] = [first["Buurt_code"], second["Buurt_code"]]
            merged |= set(origin[code])
    rest = source[~source["Buurt_code"].isin(merged)].reset_index(drop=True)
    for j, row in rest.iterrows():
        base = {
            k: row[k] for k in ("Buurt_code", "Buurt", "Buurtcombinatie_code", "Stadsdeel_code")
        }
        if j % SPLIT_EVERY == SPLIT_EVERY // 2:
            minx, miny, maxx, maxy = row.geometry.bounds
            cx = row.geometry.centroid.x
            parts = {
                "w": row.geometry.intersection(box(minx - 1, miny - 1, cx, maxy + 1)),
                "o": row.geometry.intersection(box(cx, miny - 1, maxx + 1, maxy + 1)),
            }
            if all(not p.is_empty and p.area > 0 for p in parts.values()):
                for side, part in parts.items():
                    code = f"{row['Buurt_code']}{side}"
                    rows.append(
                        base
                        | {
                            "Buurt_code": code,
                            "Buurt": f"{row['Buurt']} ({side})",
                            "geometry": part,
                        }
                    )
                    origin[code] = [row["Buurt_code"]]
                continue
        rows.append(base | {"geometry": row.geometry})
        origin[row["Buurt_code"]] = [row["Buurt_code"]]
    frame = gpd.GeoDataFrame(rows, geometry="geometry", crs=RD).sort_values("Buurt_code")
    return frame.to_crs("EPSG:4326").reset_index(drop=True), origin


def write(path: Path) -> dict[str, list[str]]:
    frame, origin = derive(gpd.read_file(BUURTEN_2015))
    frame.to_file(path, driver="GeoJSON")
    return origin


if __name__ == "__main__":
    write(Path(sys.argv[1]))
