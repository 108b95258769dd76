"""Boundaries of gemeenten, wijken and buurten from the CBS/PDOK *wijk- en buurtkaart*.

Two ways in, one result:

- the OGC API Features of PDOK (``https://api.pdok.nl/cbs/wijken-en-buurten-2024/ogc/v1``,
  collections ``gemeenten``, ``wijken`` and ``buurten``; GeoJSON in CRS84, paged with
  ``links`` of rel ``next``), asked per gemeente (``gemeentecode=GM0363``);
- a downloaded file (``--bestand``): the GeoPackage CBS publishes (layers ``gemeenten``,
  ``wijken``, ``buurten``, in RD New) or any GeoJSON of one of the levels.

Codes come from the properties CBS uses (``buurtcode``, ``buurtnaam``, ``wijkcode``,
``wijknaam``, ``gemeentecode``, ``gemeentenaam``); level and parents from the code
itself (BU03630000 → WK036300 → GM0363). Areas that are only water (``water = 'JA'``)
are left out. A level the source does not have (a file with buurten only) is made by
joining the areas below it. Everything is written through :func:`monitor.areas.write_areas`,
so each buurt lands under its own gemeente (its reference area) in one gebiedsindeling
that holds any number of gemeenten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pyogrio

from monitor.area_geometry import areas_geodataframe
from monitor.areas import write_areas
from monitor.connectors import codes, paging
from monitor.connectors.download import Download, HttpStatusError
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.store import Store

BASE_URL = "https://api.pdok.nl/cbs/wijken-en-buurten-{jaar}/ogc/v1"
#: Levels from the top, with their collection (and GeoPackage layer) and property names.
LEVELS = ("gemeente", "wijk", "buurt")
COLLECTIONS = {"gemeente": "gemeenten", "wijk": "wijken", "buurt": "buurten"}
FIELDS = {
    "gemeente": ("gemeentecode", "gemeentenaam"),
    "wijk": ("wijkcode", "wijknaam"),
    "buurt": ("buurtcode", "buurtnaam"),
}
#: Field names of the kaart before 2021 (``BU_CODE``…) → the names PDOK uses now.
OLD_FIELDS = {
    "bu_code": "buurtcode",
    "bu_naam": "buurtnaam",
    "wk_code": "wijkcode",
    "wk_naam": "wijknaam",
    "gm_code": "gemeentecode",
    "gm_naam": "gemeentenaam",
}
PAGE_SIZE = 1000
CRS84 = "OGC:CRS84"


def division_name(jaar: int) -> str:
    return f"wijken-en-buurten-{jaar}"


@dataclass
class PdokResult:
    """What an import did, per level: new and updated areas, water areas left out."""

    division: str
    levels: dict[str, dict[str, int]] = field(default_factory=dict)
    gemeenten: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def fetch_items(
    base: str,
    collection: str,
    gemeente: str | None,
    *,
    data_dir: Path | None = None,
    refresh: bool = False,
) -> tuple[list[dict[str, Any]], list[Download]]:
    """All features of one collection (of one gemeente), following ``next`` links. A
    server that refuses the ``gemeentecode`` filter (HTTP 400) is asked for the whole
    collection; the caller keeps the gemeente's areas."""
    if gemeente:
        try:
            return _fetch_pages(base, collection, {"gemeentecode": gemeente}, data_dir, refresh)
        except HttpStatusError as exc:
            if exc.status != 400:
                raise
    return _fetch_pages(base, collection, {}, data_dir, refresh)


def _fetch_pages(
    base: str,
    collection: str,
    extra: dict[str, Any],
    data_dir: Path | None,
    refresh: bool,
) -> tuple[list[dict[str, Any]], list[Download]]:
    url = f"{base.rstrip('/')}/collections/{collection}/items"
    params: dict[str, Any] = {"f": "json", "limit": PAGE_SIZE, **extra}
    features: list[dict[str, Any]] = []
    pages: list[Download] = []

    def following(page: Download) -> paging.Next:
        # The next link carries its own query.
        links = page.data.get("links") or []
        return next(
            (
                link.get("href")
                for link in links
                if isinstance(link, dict) and link.get("rel") == "next" and link.get("href")
            ),
            None,
        )

    for page in paging.pages(url, params, following, data_dir=data_dir, refresh=refresh):
        pages.append(page)
        data = page.data if isinstance(page.data, dict) else {}
        if data.get("type") != "FeatureCollection":
            raise MonitorError(t("opendata.pdok_not_features", url=page.url))
        features.extend(data.get("features") or [])
    return features, pages


def frame_from_features(features: list[dict[str, Any]]) -> gpd.GeoDataFrame:
    """GeoJSON features (CRS84) as a frame with their properties."""
    if not features:
        return gpd.GeoDataFrame({"geometry": []}, geometry="geometry", crs=CRS84)
    return standard_columns(gpd.GeoDataFrame.from_features(features, crs=CRS84))


def standard_columns(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Field names as PDOK writes them now, whatever the year or the case of the file."""
    wanted = {*OLD_FIELDS.values(), "water"}
    renamed = {}
    for column in frame.columns:
        key = str(column).lower()
        key = OLD_FIELDS.get(key, key)
        if key in wanted and key not in frame.columns:
            renamed[column] = key
    return frame.rename(columns=renamed)


def _level_of_frame(frame: pd.DataFrame) -> str | None:
    """The level a layer holds: the lowest whose code field it has."""
    return next((lvl for lvl in reversed(LEVELS) if FIELDS[lvl][0] in frame.columns), None)


def areas_of_level(
    raw: gpd.GeoDataFrame, level: str, gemeenten: list[str]
) -> tuple[gpd.GeoDataFrame, int]:
    """The areas of ``level`` in ``raw`` (of ``gemeenten``, when given), water-only ones
    left out; columns code, name, parent codes, geometry. Returns the frame and how many
    water areas were skipped."""
    code_field, name_field = FIELDS[level]
    if not raw.empty and code_field not in raw.columns:
        raise MonitorError(
            t(
                "areas.fields_missing",
                fields=repr(code_field),
                name=COLLECTIONS[level],
                available=", ".join(map(str, raw.columns)),
            )
        )
    if raw.empty:
        return gpd.GeoDataFrame(
            {"code": [], "name": []}, geometry=gpd.GeoSeries([], crs=raw.crs), crs=raw.crs
        ), 0
    frame = raw.copy()
    frame["code"] = [codes.clean_code(c) for c in frame[code_field]]
    frame = frame[[codes.level_of(c) == level for c in frame["code"]]]
    if gemeenten:
        frame = frame[[codes.gemeente_of(c) in gemeenten for c in frame["code"]]]
    water = 0
    if "water" in frame.columns:
        is_water = frame["water"].astype(str).str.strip().str.upper().eq("JA")
        water = int(is_water.sum())
        frame = frame[~is_water]
    names = frame[name_field] if name_field in frame.columns else frame["code"]
    out = gpd.GeoDataFrame(
        {
            "code": frame["code"].to_numpy(),
            "name": [str(n).strip() if n is not None else "" for n in names],
            **{col: [codes.parents(c)[col] for c in frame["code"]] for col in _parent_cols(level)},
        },
        geometry=frame.geometry.to_numpy(),
        crs=raw.crs,
    )
    return out, water


def _parent_cols(level: str) -> list[str]:
    return {"gemeente": [], "wijk": ["gemeente_code"], "buurt": ["wijk_code", "gemeente_code"]}[
        level
    ]


def dissolve_up(lower: gpd.GeoDataFrame, level: str, names: dict[str, str]) -> gpd.GeoDataFrame:
    """Areas of ``level`` made by joining the areas below (a file with buurten only)."""
    key = "gemeente_code" if level == "gemeente" else "wijk_code"
    joined = lower[[key, "geometry"]].dissolve(by=key).reset_index()
    joined = joined.rename(columns={key: "code"})
    joined["name"] = [names.get(c, c) for c in joined["code"]]
    if level == "wijk":
        joined["gemeente_code"] = [codes.gemeente_of(c) for c in joined["code"]]
    return joined


def read_bestand(paths: list[Path]) -> dict[str, gpd.GeoDataFrame]:
    """The raw layers of downloaded files by level (GeoPackage layers or GeoJSON files)."""
    found: dict[str, gpd.GeoDataFrame] = {}
    for path in paths:
        path = Path(path)
        if not path.is_file():
            raise MonitorError(t("file.missing", path=path))
        try:
            layers = [str(name) for name in pyogrio.list_layers(path)[:, 0]]
            frames = [gpd.read_file(path, layer=layer, engine="pyogrio") for layer in layers]
        except Exception as exc:  # pyogrio raises several types for unreadable input
            raise MonitorError(t("areas.unreadable", name=path.name, error=exc)) from exc
        for layer, frame in zip(layers, frames, strict=True):
            frame = standard_columns(frame)
            level = next((lvl for lvl, name in COLLECTIONS.items() if layer.lower() == name), None)
            level = level or _level_of_frame(frame)
            if level is not None and level not in found:
                found[level] = frame
    if not found:
        raise MonitorError(t("opendata.pdok_no_levels", names=", ".join(p.name for p in paths)))
    return found


def _names(raw: dict[str, gpd.GeoDataFrame], level: str) -> dict[str, str]:
    """Names for a level that is made by joining: from the lower layers' properties."""
    code_field, name_field = FIELDS[level]
    names: dict[str, str] = {}
    for frame in raw.values():
        if code_field in frame.columns and name_field in frame.columns:
            for code, name in zip(frame[code_field], frame[name_field], strict=True):
                if code is not None and name is not None:
                    names.setdefault(codes.clean_code(code), str(name).strip())
    return names


def _codes_in(store: Store, division: str) -> set[str]:
    try:
        return set(store.areas_frame(store.division_id(division))["code"])
    except LookupError:
        return set()


def _existing_gemeenten(store: Store, division: str, keep: set[str]) -> gpd.GeoDataFrame | None:
    """Gemeenten already in the division and not in this import, with their geometry, so
    that adding a gemeente keeps the others (a gemeente file is the whole level)."""
    try:
        division_id = store.division_id(division)
    except LookupError:
        return None
    frame = areas_geodataframe(store, division_id, "gemeente", display=False)
    frame = frame[~frame["code"].isin(keep) & frame.geometry.notna()]
    return frame[["code", "name", "geometry"]] if len(frame) else None


def import_wijkenbuurten(
    store: Store,
    jaar: int,
    gemeenten: list[str] | None = None,
    *,
    url: str | None = None,
    bestand: list[Path] | None = None,
    division: str | None = None,
    data_dir: Path | None = None,
    refresh: bool = False,
) -> PdokResult:
    """Load gemeenten, wijken and buurten of the wijk- en buurtkaart of ``jaar``."""
    wanted = codes.gemeente_codes(gemeenten)
    division = division or division_name(jaar)
    result = PdokResult(division=division, gemeenten=wanted)
    raw: dict[str, gpd.GeoDataFrame] = {}
    if bestand:
        raw = read_bestand(bestand)
        result.sources = [Path(p).name for p in bestand]
    else:
        base = url or BASE_URL.format(jaar=jaar)
        for level in LEVELS:
            features: list[dict[str, Any]] = []
            for gemeente in wanted or [None]:
                found, pages = fetch_items(
                    base, COLLECTIONS[level], gemeente, data_dir=data_dir, refresh=refresh
                )
                features += found
                result.sources += [f"{p.url} ({p.date})" for p in pages[:1]]
            raw[level] = frame_from_features(features)
    frames: dict[str, gpd.GeoDataFrame] = {}
    water: dict[str, int] = {}
    for level in LEVELS:
        if level in raw:
            frames[level], water[level] = areas_of_level(raw[level], level, wanted)
    if frames.get("buurt") is None or frames["buurt"].empty:
        raise MonitorError(t("opendata.pdok_no_buurten", gemeenten=", ".join(wanted) or "-"))
    for level, lower in (("wijk", "buurt"), ("gemeente", "wijk")):
        if frames.get(level) is None or frames[level].empty:
            frames[level] = dissolve_up(frames[lower], level, _names(raw, level))
            water.setdefault(level, 0)
    others = _existing_gemeenten(store, division, set(frames["gemeente"]["code"]))
    if others is not None:
        others = others.to_crs(frames["gemeente"].crs)
        frames["gemeente"] = pd.concat([frames["gemeente"], others], ignore_index=True)
    result.gemeenten = sorted(set(frames["buurt"]["gemeente_code"]))
    before = _codes_in(store, division)
    for level in LEVELS:
        done = write_areas(store, frames[level], level, division=division)
        # Counted against the division before this import: write_areas creates a single
        # gemeente just before it updates it, which is still a new area here.
        new = len(set(frames[level]["code"]) - before)
        result.levels[level] = {
            "inserted": new,
            "updated": len(frames[level]) - new,
            "water": water.get(level, 0),
        }
        result.warnings += done["warnings"]
    return result
