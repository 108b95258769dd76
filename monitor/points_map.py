"""Points as the Kaart shows them: every current meldingen or voorzieningen point of a
division as GeoJSON-ready records, read from the store once per data generation (kept in
the shared cache, :mod:`monitor.cache`), and filtered by category and month into a
FeatureCollection for dash-leaflet's clustered GeoJSON layer.

The details a tooltip shows are plain text (``lines``); the browser puts them in the DOM
as text, never as HTML (``assets/kaart_points.js``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import pandas as pd

from monitor import cache
from monitor.messages import t
from monitor.numbers import format_number
from monitor.store import Store
from monitor.store.materialised import generation_stamp

SOORTEN = ("meldingen", "voorzieningen")


def _text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def _records(store: Store, division_id: int, soort: str) -> dict[str, Any]:
    frame = store.current_points(division_id, soort)
    names = store.areas_frame(division_id, "buurt").set_index("code")["name"]
    months = pd.to_datetime(frame["datum"]).dt.strftime("%Y-%m")
    records = [
        {
            "lon": round(float(lon), 6),
            "lat": round(float(lat), 6),
            "category": category,
            "datum": None if pd.isna(datum) else str(datum)[:10],
            "month": None if pd.isna(month) else month,
            "subcategory": _text(sub),
            "status": _text(status),
            "handling_days": None if pd.isna(days) else float(days),
            "name": _text(name),
            "address": _text(address),
            "buurt": code,
            "buurt_name": _text(names.get(code)),
        }
        for lon, lat, category, datum, month, sub, status, days, name, address, code in zip(
            frame["lon"],
            frame["lat"],
            frame["category"],
            frame["datum"],
            months,
            frame["subcategory"],
            frame["status"],
            frame["handling_days"],
            frame["name"],
            frame["address"],
            frame["code"],
            strict=True,
        )
    ]
    categories = sorted({r["category"] for r in records})
    found_months = sorted({r["month"] for r in records if r["month"]})
    return {"soort": soort, "records": records, "categories": categories, "months": found_months}


def point_records(store: Store, division_id: int, soort: str) -> dict[str, Any]:
    """The current points of ``soort``: ``records`` (lon, lat, category, datum, month,
    subcategory, status, handling_days, name, address, buurt, buurt_name), the sorted
    ``categories`` and ``months`` (``YYYY-MM``). Cached per store, division and data
    generation (score generation and uploads: undoing a points upload changes both)."""
    if soort not in SOORTEN:
        raise ValueError(soort)
    key = (store.url, division_id, soort, generation_stamp(store, division_id))
    key += tuple(store.upload_counts())
    return cache.remember("points", key, lambda: _records(store, division_id, soort))


def select(
    records: Iterable[dict[str, Any]],
    categories: Iterable[str] | None,
    start: str | None = None,
    end: str | None = None,
) -> list[dict[str, Any]]:
    """The records of the chosen categories (None: all) and months ``start``–``end``
    (``YYYY-MM``, both included; None: open). Undated points pass a month filter."""
    wanted = None if categories is None else set(categories)
    found = []
    for record in records:
        if wanted is not None and record["category"] not in wanted:
            continue
        month = record["month"]
        if month is not None and ((start and month < start) or (end and month > end)):
            continue
        found.append(record)
    return found


def lines(record: dict[str, Any], soort: str, lang: str = "nl") -> list[str]:
    """A point's details as plain-text lines, for the tooltip and its accessible name."""
    kind = t("kaartpunten.melding" if soort == "meldingen" else "kaartpunten.voorziening", lang)
    category = record["category"]
    if record.get("subcategory"):
        category += f" – {record['subcategory']}"
    found = [f"{kind}: {category}"]
    if record.get("name"):
        found.append(record["name"])
    if record.get("address"):
        found.append(record["address"])
    if record.get("datum"):
        found.append(f"{t('kaartpunten.datum', lang)}: {record['datum']}")
    if record.get("status"):
        found.append(f"{t('kaartpunten.status', lang)}: {record['status']}")
    if record.get("handling_days") is not None:
        days = format_number(record["handling_days"], 0, lang)
        found.append(t("kaartpunten.days", lang, days=days))
    buurt = record.get("buurt_name") or record["buurt"]
    found.append(f"{t('kaartpunten.buurt', lang)}: {buurt} ({record['buurt']})")
    return found


def feature_collection(
    records: list[dict[str, Any]],
    soort: str,
    categories: list[str],
    lang: str = "nl",
    tooltips: bool = True,
) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of ``records``: per point its category's index in
    ``categories`` (``c``, for the colour) and the tooltip's text (``t``, lines joined by
    a newline)."""
    index = {c: i for i, c in enumerate(categories)}
    features = []
    for i, record in enumerate(records):
        props: dict[str, Any] = {"id": i, "c": index.get(record["category"], 0)}
        if tooltips:
            props["t"] = "\n".join(lines(record, soort, lang))
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [record["lon"], record["lat"]]},
                "properties": props,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def voorzieningen_near(store: Store, division_id: int, code: str, level: str) -> pd.DataFrame:
    """The voorzieningen in or within 500 m of the area ``code`` (of ``level``): category,
    name, address, buurt, distance (metres, 0 inside), inside; nearest first. Empty when
    the store has none or the area has no geometry."""
    from monitor.areas import areas_geodataframe
    from monitor.points_reach import near_buurt

    found = pd.DataFrame(point_records(store, division_id, "voorzieningen")["records"])
    if found.empty:
        return pd.DataFrame(columns=["category", "name", "address", "buurt", "distance", "inside"])
    areas = areas_geodataframe(store, division_id, level, display=False)
    return near_buurt(areas[areas["code"] == code], found)
