"""Area hierarchy and geometry import: buurt < wijk < gebied < stadsdeel < gemeente.

Every way areas enter the store (GeoJSON, GeoPackage or Shapefile from a municipality)
ends in the same checks, the same parent completion and the same two geometries per
area: the full one for overlays and area sizes, and a simplified, rounded one that the
browser draws. Codes are the join key for every measurement, so bad codes are refused
with a Dutch message instead of being imported.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS
from sqlalchemy.engine import Connection

from monitor.area_files import WGS84, cell_text, check_level, clean, listing, read_area_file
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.store import LEVELS, PARENT_COLUMNS, Store, geography, mark_scores

RD_NEW = "EPSG:28992"
#: A child whose second-largest overlap share with a parent exceeds this is ambiguous.
AMBIGUOUS_SHARE = 0.2
#: Display coordinates are rounded to this grid in degrees (about 1 m).
DISPLAY_GRID = 1e-5
#: Dutch words per level for messages: plural, and the name of its code.
PLURAL = dict(
    zip(LEVELS, ["buurten", "wijken", "gebieden", "stadsdelen", "gemeenten"], strict=True)
)
CODE_WORD = {lvl: f"{lvl}code" for lvl in LEVELS} | {"gebied": "gebiedscode"}


def _above(level: str) -> list[str]:
    """Parent levels above ``level`` that are completed here (gemeente is always set)."""
    return list(LEVELS[LEVELS.index(level) + 1 : -1])


def _metric_crs(frame: gpd.GeoDataFrame) -> Any:
    """RD New inside the Netherlands, else the local UTM zone: metres for areas and overlaps."""
    west, south, east, north = frame.total_bounds
    w, s, e, n = CRS.from_user_input(RD_NEW).area_of_use.bounds
    if west >= w and east <= e and south >= s and north <= n:
        return RD_NEW
    return frame.estimate_utm_crs()


def _shapes(frame: gpd.GeoDataFrame, simplify_m: float) -> tuple[list[dict], Any, str | None]:
    """Per row: code, name, full and display WKB, label point and area in m²."""
    metric = _metric_crs(frame)
    projected = frame.geometry.to_crs(metric).values
    geoms, warning = projected, None
    if simplify_m > 0 and shapely.coverage_is_valid(projected):
        geoms = shapely.coverage_simplify(projected, simplify_m)  # shared borders stay shared
    elif simplify_m > 0:
        geoms = shapely.simplify(projected, simplify_m, preserve_topology=True)
        warning = (
            "De vlakken overlappen of sluiten niet op elkaar aan; ze zijn per vlak "
            "vereenvoudigd, dus buren kunnen op de kaart iets afwijken."
        )
    back = gpd.GeoSeries(geoms, crs=metric).to_crs(WGS84).values
    display = shapely.transform(shapely.set_precision(back, DISPLAY_GRID), lambda xy: xy.round(5))
    display = np.where(shapely.is_empty(display), np.asarray(frame.geometry.values), display)
    labels = shapely.point_on_surface(frame.geometry.values)
    columns = {
        "code": frame["code"].to_numpy(),
        "name": frame["name"].to_numpy(),
        "geometry": shapely.to_wkb(frame.geometry.values),
        "display_geometry": shapely.to_wkb(display),
        "label_lon": shapely.get_x(labels),
        "label_lat": shapely.get_y(labels),
        "area_m2": shapely.area(projected),
    }
    return pd.DataFrame(columns).to_dict("records"), metric, warning


def load_codes(conn: Connection, division_id: int) -> dict[str, dict[str, Any]]:
    """Existing areas of a division by code, without geometry."""
    return geography.area_codes(conn, division_id)


def _via_chain(row: dict[str, Any], level: str, target: str, lookup: dict) -> str | None:
    """The ``target`` code of the nearest known parent between ``level`` and ``target``."""
    for mid in LEVELS[LEVELS.index(level) + 1 : LEVELS.index(target)]:
        parent = lookup.get((mid, row.get(PARENT_COLUMNS[mid])))
        if parent and parent[PARENT_COLUMNS[target]]:
            return parent[PARENT_COLUMNS[target]]
    return None


def _overlay(
    conn: Connection,
    division_id: int,
    children: gpd.GeoDataFrame,
    level: str,
    target: str,
    metric: Any,
) -> list[str] | None:
    """Parent per child by largest overlapping share; None when no parents have geometry."""
    rows = geography.geometries(conn, division_id, target)
    if not rows:
        return None
    parents = gpd.GeoSeries(shapely.from_wkb([r.geometry for r in rows]), crs=WGS84)
    parents = parents.to_crs(metric).values
    kids = children.geometry.to_crs(metric).values
    ci, pi = shapely.STRtree(parents).query(kids, predicate="intersects")
    shares = shapely.area(shapely.intersection(kids[ci], parents[pi])) / shapely.area(kids[ci])
    ranked: dict[int, list[tuple[float, int]]] = {}
    for c, p, s in sorted(zip(ci, pi, shares, strict=True), key=lambda found: -found[2]):
        ranked.setdefault(int(c), []).append((float(s), int(p)))
    codes = list(children["code"])
    words = dict(
        level_plural=PLURAL[level], target_plural=PLURAL[target], code_word=CODE_WORD[target]
    )
    if lost := [codes[k] for k in range(len(codes)) if not ranked.get(k) or ranked[k][0][0] <= 0]:
        raise MonitorError(t("areas.overlap_none", codes=listing(lost), **words))
    if ambiguous := [
        f"{codes[k]} ({r[0][0]:.0%}/{r[1][0]:.0%})"
        for k, r in ranked.items()
        if len(r) > 1 and r[1][0] > AMBIGUOUS_SHARE
    ]:
        raise MonitorError(t("areas.overlap_ambiguous", codes=listing(ambiguous), **words))
    return [rows[ranked[k][0][1]].code for k in range(len(codes))]


def _fill_parents(
    conn: Connection,
    division_id: int,
    frame: gpd.GeoDataFrame,
    level: str,
    existing: dict[str, dict[str, Any]],
    metric: Any,
) -> tuple[list[dict[str, Any]], int, list[str]]:
    """Parent codes per row: given field, else chain, else overlay, else as stored before."""
    lookup = {(r["level"], r["code"]): r for r in existing.values()}
    cols = [PARENT_COLUMNS[p] for p in _above(level)]
    known = [{c: (cell_text(row.get(c)) or None) for c in cols} for row in frame.to_dict("records")]
    by_overlay, warnings = 0, []
    for target in _above(level):
        col = PARENT_COLUMNS[target]
        given = sorted({r[col] for r in known if r[col]} - {c for lv, c in lookup if lv == target})
        if given and any(lv == target for lv, _ in lookup):
            warnings.append(f"Onbekende {CODE_WORD[target]}s in het bestand: {listing(given)}.")
        for row in known:
            row[col] = row[col] or _via_chain(row, level, target, lookup)
        todo = [i for i, row in enumerate(known) if not row[col]]
        found = (
            _overlay(conn, division_id, frame.iloc[todo], level, target, metric) if todo else None
        )
        for i, code in zip(todo, found or [], strict=False):
            known[i][col] = code
            by_overlay += 1
    for code, row in zip(frame["code"], known, strict=True):
        old = existing.get(code, {})
        row.update({c: row[c] or old.get(c) for c in cols})
    return known, by_overlay, warnings


def _fill_gemeenten(
    frame: gpd.GeoDataFrame, level: str, existing: dict, parents: list[dict[str, Any]]
) -> None:
    """The gemeente of each row when a division holds several: the file's gemeente field,
    else a known parent's gemeente, else as stored before, else the only gemeente."""
    col = PARENT_COLUMNS["gemeente"]
    if level == "gemeente":
        for code, row in zip(frame["code"], parents, strict=True):
            row[col] = code
        return
    known = sorted(c for c, r in existing.items() if r["level"] == "gemeente")
    lookup = {(r["level"], r["code"]): r for r in existing.values()}
    given = _given_gemeenten(frame)
    if unknown := sorted({g for g in given if g} - set(known)):
        raise MonitorError(
            t("areas.gemeente_unknown", codes=listing(unknown), known=listing(known))
        )
    for code, row, value in zip(frame["code"], parents, given, strict=True):
        stored = existing.get(code, {}).get(col)
        row[col] = (
            value
            or _via_chain(row, level, "gemeente", lookup)
            or (stored if stored in known else None)
            or (known[0] if len(known) == 1 else None)
        )
    if lost := [c for c, row in zip(frame["code"], parents, strict=True) if not row[col]]:
        raise MonitorError(
            t(
                "areas.gemeente_missing",
                known=listing(known),
                level_plural=PLURAL[level],
                codes=listing(lost),
            )
        )


def _given_gemeenten(frame: gpd.GeoDataFrame) -> list[str | None]:
    """The gemeente code per row from the file's gemeente field (None when not given)."""
    col = PARENT_COLUMNS["gemeente"]
    return [cell_text(v) or None for v in frame[col]] if col in frame else [None] * len(frame)


def _several_gemeenten(frame: gpd.GeoDataFrame, level: str, existing: dict) -> bool:
    """Whether the division holds (or this import brings) more than one gemeente."""
    known = {c for c, r in existing.items() if r["level"] == "gemeente"}
    if level == "gemeente":
        return len(frame) > 1 or len(known) > 1
    given = set(_given_gemeenten(frame)) - {None}
    return len(known) > 1 or len(given) > 1 or bool(known and given - known)


def ensure_gemeente(
    conn: Connection, division_id: int, existing: dict, name: str | None, code: str | None
) -> str:
    """The one gemeente area of a division with a single gemeente; returns its code."""
    current = next((r for r in existing.values() if r["level"] == "gemeente"), None)
    name = name or (current["name"] if current else geography.division_gemeente(conn, division_id))
    code = code or (current["code"] if current else "STAD")
    if code in existing and existing[code]["level"] != "gemeente":
        raise MonitorError(t("areas.gemeente_code_taken", code=code, level=existing[code]["level"]))
    if current is None:
        geography.insert_areas(
            conn,
            [
                {
                    "division_id": division_id,
                    "code": code,
                    "name": name,
                    "level": "gemeente",
                    "gemeente_code": code,
                }
            ],
        )
    elif (current["code"], current["name"]) != (code, name):
        geography.update_area(conn, current["id"], code=code, name=name)
    return code


def _complete_chains(conn: Connection, division_id: int) -> int:
    """Fill missing parent codes of all areas from their parents' chains (top down)."""
    existing = load_codes(conn, division_id)
    lookup = {(r["level"], r["code"]): r for r in existing.values()}
    changed: dict[int, dict[str, Any]] = {}
    for level in reversed(LEVELS[:-1]):
        for row in (r for r in existing.values() if r["level"] == level):
            for target in _above(level):
                col = PARENT_COLUMNS[target]
                if not row[col] and (code := _via_chain(row, level, target, lookup)):
                    row[col] = code
                    changed[row["id"]] = row
    for row in changed.values():
        values = {c: row[c] for c in PARENT_COLUMNS.values()}
        geography.update_area(conn, row["id"], **values)
    return len(changed)


def _default_division(store: Store) -> str:
    try:
        return str(store.division(store.division_id())["name"])
    except LookupError:
        return "standaard"


def write_areas(
    store: Store,
    frame: gpd.GeoDataFrame,
    level: str,
    division: str | None = None,
    gemeente: str | None = None,
    gemeente_code: str | None = None,
    fictional: bool = False,
    simplify_m: float = 5.0,
) -> dict[str, Any]:
    """Upsert one level of areas in one transaction; existing area ids are kept.

    ``gemeente``/``gemeente_code`` default to the division's existing gemeente area, else
    to the division's gemeente name and ``STAD``. Missing parent codes above ``level``
    are filled from the chain of a known parent, else by spatial overlay; afterwards
    lower levels imported earlier get the parent codes this import makes known.
    """
    check_level(level)
    frame = clean(frame.copy(), "Gebiedsindeling")
    if level == "gemeente":
        if gemeente_code not in (None, *frame["code"]):
            codes = listing(list(frame["code"]))
            raise MonitorError(t("areas.gemeente_file", code=gemeente_code, codes=codes))
        if len(frame) == 1:
            gemeente_code, gemeente = frame["code"].iloc[0], gemeente or frame["name"].iloc[0]
    division = division or _default_division(store)
    shapes, metric, warning = _shapes(frame, simplify_m)
    warnings = [*frame.attrs.get("warnings", []), *([warning] if warning else [])]
    with store.begin() as conn:
        division_id = store.ensure_division(
            conn, division, gemeente or "Gemeente", fictional=fictional
        )
        existing = load_codes(conn, division_id)
        several = _several_gemeenten(frame, level, existing)
        if gemeente and not several:
            geography.set_division_gemeente(conn, division_id, gemeente)
        other = {c: r["level"] for c, r in existing.items() if r["level"] != level}
        if clash := [f"{c} ({other[c]})" for c in frame["code"] if c in other]:
            raise MonitorError(t("areas.codes_on_other_level", codes=listing(clash)))
        if not several:
            given = sorted(set(_given_gemeenten(frame)) - {None}) if level != "gemeente" else []
            gemeente_code = gemeente_code or (given[0] if given else None)
            gemeente_code = ensure_gemeente(conn, division_id, existing, gemeente, gemeente_code)
        existing = load_codes(conn, division_id)
        parents, by_overlay, notes = _fill_parents(
            conn, division_id, frame, level, existing, metric
        )
        if several:
            _fill_gemeenten(frame, level, existing, parents)
        base = dict.fromkeys(PARENT_COLUMNS.values()) | {"level": level}
        records = [base | shape | parent for shape, parent in zip(shapes, parents, strict=True)]
        updates = [r | {"_id": existing[r["code"]]["id"]} for r in records if r["code"] in existing]
        inserts = [r | {"division_id": division_id} for r in records if r["code"] not in existing]
        geography.update_areas(conn, updates)  # in place: measurements refer to area ids
        geography.insert_areas(conn, inserts)
        if not several:
            geography.set_gemeente_code(conn, division_id, gemeente_code)
        propagated = _complete_chains(conn, division_id)
        mark_scores(conn, [division_id])
    if kept := sorted({c for c, r in existing.items() if r["level"] == level} - {*frame["code"]}):
        warnings.append(
            f"Deze {PLURAL[level]} staan niet in het bestand en blijven: {listing(kept)}."
        )
    return {
        "division": division,
        "division_id": division_id,
        "level": level,
        "inserted": len(inserts),
        "updated": len(updates),
        "parents_by_overlay": by_overlay,
        "propagated": propagated,
        "warnings": warnings + notes,
    }


def import_areas(
    store: Store,
    path: str | Path,
    level: str,
    code_field: str,
    name_field: str,
    parent_fields: dict[str, str] | None = None,
    division: str | None = None,
    gemeente: str | None = None,
    gemeente_code: str | None = None,
    layer: str | None = None,
    crs: str | None = None,
    simplify_m: float = 5.0,
    fictional: bool = False,
) -> dict[str, Any]:
    """Read an area file and write it to the store (see the two functions)."""
    frame = read_area_file(path, level, code_field, name_field, parent_fields, layer, crs)
    return write_areas(
        store, frame, level, division, gemeente, gemeente_code, fictional, simplify_m
    )


def resolve_codes(store: Store, division_id: int, codes: Iterable[str]) -> dict[str, int]:
    """Input codes (own codes or aliases, any case, stray spaces) → area ids; unknown left out."""
    frame = store.areas_frame(division_id)
    ids = dict(zip(frame["code"], frame["id"].tolist(), strict=True))
    aliases = store.alias_map(division_id).items()
    index = {cell_text(alias).casefold(): ids[code] for alias, code in aliases if code in ids}
    index |= {code.strip().casefold(): area_id for code, area_id in ids.items()}
    return {c: index[k] for c in codes if (k := cell_text(c).casefold()) and k in index}
