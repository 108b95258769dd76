"""Kaart: the gemeente choice of a store with several gemeenten.

A national store holds 14,000 buurten; a map of all of them is neither readable nor fast.
When the division holds more than one gemeente the Kaart offers a "Gemeente" choice (in
the URL as ``gemeente=``): buurt, wijk, gebied and stadsdeel maps then show only that
gemeente's areas (their geometry and their scores), while the gemeente level still shows
every gemeente. The choice defaults to ``MONITOR_KAART_GEMEENTE`` or the store setting
``kaart_gemeente`` when it names a gemeente of the division, else to the first by name.
A store with one gemeente keeps the control hidden and its value empty: the map shows the
whole division as before.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely.geometry
from dash import dcc, html

from monitor import cache
from monitor.area_geometry import area_geojson
from monitor.config import get_settings
from monitor.messages import t
from monitor.scoring.read import generation_stamp
from monitor.store import Store

#: Store setting: the gemeente a multi-gemeente Kaart opens on (a gemeente code).
SETTING = "kaart_gemeente"


def options(store: Store, division_id: int) -> list[dict[str, str]]:
    """The division's gemeenten as dropdown options (by name), empty with one or none."""
    frame = store.areas_frame(division_id, "gemeente")
    if len(frame) < 2:
        return []
    frame = frame.sort_values(["name", "code"])
    return [{"label": f"{r.name} ({r.code})", "value": r.code} for r in frame.itertuples()]


def chosen(store: Store, choices: list[dict[str, str]], wanted: str | None) -> str | None:
    """The gemeente to show: ``wanted`` (from the URL) when offered, else the one in the
    settings (``MONITOR_KAART_GEMEENTE``, else the store setting ``kaart_gemeente``), else
    the first; None when there is no choice (one gemeente)."""
    codes = [o["value"] for o in choices]
    if not codes:
        return None
    if wanted in codes:
        return wanted
    for setting in (get_settings().kaart_gemeente, store.get_setting(SETTING)):
        if setting in codes:
            return setting
    return codes[0]


def control(store: Store, division_id: int, query: dict[str, str], lang: str) -> html.Label:
    """The "Gemeente" dropdown, hidden (and empty) on a store with one gemeente. Always
    present, so the page's callbacks have their input."""
    choices = options(store, division_id)
    return html.Label(
        [
            t("kaart.gemeente", lang),
            dcc.Dropdown(
                choices,
                chosen(store, choices, query.get("gemeente")),
                id="kaart-gemeente",
                clearable=False,
            ),
        ],
        id="kaart-gemeente-label",
        hidden=not choices,
    )


def scope(gemeente: str | None, level: str | None) -> str | None:
    """The gemeente a map of ``level`` is limited to: none at the gemeente level itself."""
    return gemeente if gemeente and level != "gemeente" else None


def geometry(
    store: Store, division_id: int, level: str, gemeente: str
) -> tuple[dict[str, Any], tuple[float, float, float, float]]:
    """:func:`monitor.area_geometry.area_geojson` limited to the areas of ``gemeente``, and their
    bounds; kept per score generation (every import of areas rescores the division), so a
    switch back to a gemeente copies only its own geometry."""

    def build() -> dict[str, Any]:
        frame = store.areas_frame(division_id, level)
        codes = set(frame.loc[frame["gemeente_code"] == gemeente, "code"].tolist())
        whole = area_geojson(store, division_id, level)
        features = [f for f in whole["features"] if f["properties"]["code"] in codes]
        collection = {"type": "FeatureCollection", "features": features}
        return {"geojson": collection, "bounds": list(bounds(collection))}

    key = (store.url, division_id, generation_stamp(store, division_id), level, gemeente)
    found = cache.remember("kaart-gemeente", key, build)
    minx, miny, maxx, maxy = (float(v) for v in found["bounds"])
    return found["geojson"], (minx, miny, maxx, maxy)


def bounds(collection: dict[str, Any]) -> tuple[float, float, float, float]:
    """(minx, miny, maxx, maxy) of a FeatureCollection's geometries (NaN when empty)."""
    boxes = [
        shapely.geometry.shape(f["geometry"]).bounds
        for f in collection["features"]
        if f.get("geometry")
    ]
    if not boxes:
        return (float("nan"),) * 4
    found = np.array(boxes, dtype=float)
    return (
        float(found[:, 0].min()),
        float(found[:, 1].min()),
        float(found[:, 2].max()),
        float(found[:, 3].max()),
    )
