"""Reading an area file (GeoJSON, GeoPackage or Shapefile) into one level of areas:
the fields named, the coordinate system checked, codes and geometries cleaned row by
row, with a Dutch message naming what is wrong. What happens to the areas next (their
parents, the store) is in :mod:`monitor.areas`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from monitor.errors import MonitorError
from monitor.messages import t
from monitor.store import LEVELS, PARENT_COLUMNS

WGS84 = "EPSG:4326"


def check_level(level: str) -> None:
    """Refuse a level that is not one of :data:`monitor.store.LEVELS`."""
    if level not in LEVELS:
        raise MonitorError(t("areas.unknown_level", level=level, choices=", ".join(LEVELS)))


def cell_text(value: Any) -> str:
    """A cell as clean text: integral numbers without '.0', missing as ''."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def listing(items: list[str], limit: int = 10) -> str:
    """The first ``limit`` items for a message, and how many more there are."""
    more = f" (en nog {len(items) - limit})" if len(items) > limit else ""
    return ", ".join(items[:limit]) + more


def polygonal(geom: Any) -> Any:
    """The valid polygonal part of a geometry; None when nothing polygonal remains."""
    geom = shapely.force_2d(geom)
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else shapely.union_all(parts)


def clean(frame: gpd.GeoDataFrame, source: str) -> gpd.GeoDataFrame:
    """Check codes and geometries row by row; repair invalid polygons with make_valid."""
    for col in ("code", "name"):
        if col not in frame.columns:
            raise MonitorError(t("areas.column_missing", source=source, column=col))
    if frame.crs is None:
        raise MonitorError(t("areas.no_crs", source=source))
    if frame.empty:
        raise MonitorError(t("areas.empty", source=source))
    frame = frame.to_crs(WGS84)
    frame["code"] = [cell_text(v) for v in frame["code"]]
    frame["name"] = [cell_text(n) or c for n, c in zip(frame["name"], frame["code"], strict=True)]
    codes = list(frame["code"])
    if empty := [str(i + 1) for i, c in enumerate(codes) if not c]:
        raise MonitorError(t("areas.empty_code", source=source, rows=listing(empty)))
    dups = pd.Series(codes)[pd.Series(codes).duplicated(keep=False)]
    if len(dups):
        found = [
            f"'{c}' (rij {', '.join(str(i + 1) for i in g.index)})"
            for c, g in dups.groupby(dups, sort=False)
        ]
        raise MonitorError(t("areas.duplicate_codes", source=source, codes=listing(found)))
    geoms = list(frame.geometry.values)
    if empty := [c for c, g in zip(codes, geoms, strict=True) if g is None or g.is_empty]:
        raise MonitorError(t("areas.no_geometry", source=source, codes=listing(empty)))
    fixed = [polygonal(g) for g in geoms]
    if bad := [c for c, g in zip(codes, fixed, strict=True) if g is None]:
        raise MonitorError(t("areas.not_polygon", source=source, codes=listing(bad)))
    repaired = [c for c, g in zip(codes, geoms, strict=True) if not g.is_valid]
    frame = frame.set_geometry(gpd.GeoSeries(fixed, index=frame.index, crs=WGS84))
    if repaired:
        frame.attrs["warnings"] = [f"Ongeldige geometrie hersteld: {listing(repaired)}."]
    return frame


def read_area_file(
    path: str | Path,
    level: str,
    code_field: str,
    name_field: str,
    parent_fields: dict[str, str] | None = None,
    layer: str | None = None,
    crs: str | None = None,
) -> gpd.GeoDataFrame:
    """Read one level of areas from a GeoJSON, GeoPackage or Shapefile, in WGS84.

    ``parent_fields`` maps a parent level to the field holding its code, e.g.
    ``{"stadsdeel": "Stadsdeel_code"}``. ``crs`` overrides the file's coordinate
    system, for files without one or with a wrong one (RD coordinates in a GeoJSON).
    Returns columns code, name, ``<parent>_code`` per mapped parent, geometry.
    """
    check_level(level)
    parent_fields = dict(parent_fields or {})
    allowed = LEVELS[LEVELS.index(level) + 1 :]
    if wrong := [p for p in parent_fields if p not in allowed]:
        choices = ", ".join(allowed) or t("areas.no_levels")
        raise MonitorError(
            t("areas.not_above", wrong=", ".join(wrong), level=level, choices=choices)
        )
    path = Path(path)
    if not path.exists():
        raise MonitorError(t("file.missing", path=path))
    try:
        layers = list(pyogrio.list_layers(path)[:, 0])
        raw = (
            gpd.read_file(path, layer=layer, engine="pyogrio") if layer in (None, *layers) else None
        )
    except Exception as exc:  # pyogrio raises several types for unreadable input
        raise MonitorError(t("areas.unreadable", name=path.name, error=exc)) from exc
    if raw is None:
        raise MonitorError(
            t("areas.no_layer", layer=layer, name=path.name, layers=", ".join(layers))
        )
    if not isinstance(raw, gpd.GeoDataFrame) or raw.geometry.name not in raw.columns:
        raise MonitorError(t("areas.no_geometry_in_file", name=path.name))
    fields = [c for c in raw.columns if c != raw.geometry.name]
    if missing := [f for f in (code_field, name_field, *parent_fields.values()) if f not in fields]:
        raise MonitorError(
            t(
                "areas.fields_missing",
                fields=", ".join(repr(m) for m in missing),
                name=path.name,
                available=", ".join(fields),
            )
        )
    if crs is not None:
        raw = raw.set_crs(crs, allow_override=True)
    elif raw.crs is None:
        raise MonitorError(t("areas.file_no_crs", name=path.name))
    bounds = raw.total_bounds
    if (
        raw.crs.is_geographic
        and np.isfinite(bounds).all()
        and (np.abs(bounds[[0, 2]]).max() > 180 or np.abs(bounds[[1, 3]]).max() > 90)
    ):
        raise MonitorError(t("areas.metres_not_degrees", name=path.name))
    columns = {"code": raw[code_field], "name": raw[name_field]}
    for parent, field in parent_fields.items():
        columns[PARENT_COLUMNS[parent]] = [cell_text(v) or None for v in raw[field]]
    frame = gpd.GeoDataFrame(columns, geometry=raw.geometry.values, crs=raw.crs)
    return clean(frame, f"'{path.name}'")
