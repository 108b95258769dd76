"""Points as the Kaart shows them: every current meldingen or voorzieningen point of a
division as GeoJSON-ready records, read from the store once per data generation (kept in
the shared cache, :mod:`monitor.cache`), and filtered by category and month into a
FeatureCollection for dash-leaflet's clustered GeoJSON layer.

A point's details travel as plain text in short properties; the browser writes the
tooltip from them into the DOM as text, never as HTML (``assets/kaart_points.js``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from monitor import cache
from monitor.messages import t
from monitor.store import Store
from monitor.store.point_table import POINTS_KIND
from monitor.store.stamps import subject_key, uploads_key

SOORTEN = ("meldingen", "voorzieningen")
#: The columns of :func:`point_frame`.
COLUMNS = [
    "lon",
    "lat",
    "category",
    "datum",
    "month",
    "subcategory",
    "status",
    "handling_days",
    "name",
    "address",
    "buurt",
    "buurt_name",
]
#: Optional details per point, by their short name in a feature's properties.
DETAILS = {
    "u": "subcategory",
    "d": "datum",
    "s": "status",
    "h": "handling_days",
    "n": "name",
    "a": "address",
}


def _text(values: pd.Series) -> pd.Series:
    """Stripped text, None for empty or missing."""
    text = values.astype("object").where(values.notna(), None)
    text = text.map(lambda v: None if v is None else (str(v).strip() or None))
    return text.astype("object")


def _frame(store: Store, division_id: int, soort: str) -> pd.DataFrame:
    found = store.current_points(division_id, soort)
    names = store.areas_frame(division_id, "buurt").set_index("code")["name"]
    when = pd.to_datetime(found["datum"])
    frame = pd.DataFrame(
        {
            "lon": found["lon"].astype(float).round(6),
            "lat": found["lat"].astype(float).round(6),
            "category": found["category"].astype(str),
            "datum": _text(when.dt.strftime("%Y-%m-%d")),
            "month": _text(when.dt.strftime("%Y-%m")),
            "subcategory": _text(found["subcategory"]),
            "status": _text(found["status"]),
            "handling_days": found["handling_days"].astype(float),
            "name": _text(found["name"]),
            "address": _text(found["address"]),
            "buurt": found["code"].astype(str),
            "buurt_name": _text(found["code"].map(names)),
        },
        columns=COLUMNS,
    )
    frame.attrs = {
        "soort": soort,
        "categories": sorted(frame["category"].unique().tolist()),
        "months": sorted(frame["month"].dropna().unique().tolist()),
    }
    return frame


def point_frame(store: Store, division_id: int, soort: str) -> pd.DataFrame:
    """The current points of ``soort``, one row each (:data:`COLUMNS`: lon, lat, category,
    datum and month as text, subcategory, status, handling_days, name, address, buurt code
    and name), with ``attrs`` ``categories`` and ``months`` (``YYYY-MM``), sorted. Cached
    per store, division, areas stamp and points uploads (``monitor.store.stamps``: a
    publish of meetingen leaves it), as an Arrow frame (a copy per call is cheap)."""
    if soort not in SOORTEN:
        raise ValueError(soort)
    areas = subject_key(store, division_id, "areas")
    key = (store.url, division_id, soort, areas, uploads_key(store, POINTS_KIND))
    return cache.remember(
        "points", key, lambda: _frame(store, division_id, soort), codec=cache.FRAME
    )


def point_records(store: Store, division_id: int, soort: str) -> dict[str, Any]:
    """:func:`point_frame` as GeoJSON-ready ``records`` (dicts, missing values None),
    with its ``categories`` and ``months``: for small sets (the profile, tests)."""
    frame = point_frame(store, division_id, soort)
    records = frame.astype("object").where(frame.notna(), None).to_dict("records")
    return {
        "soort": soort,
        "records": records,
        "categories": list(frame.attrs.get("categories", [])),
        "months": list(frame.attrs.get("months", [])),
    }


def select(
    frame: pd.DataFrame,
    categories: Iterable[str] | None,
    start: str | None = None,
    end: str | None = None,
) -> pd.DataFrame:
    """The points of the chosen categories (None: all) and months ``start``–``end``
    (``YYYY-MM``, both included; None: open). Undated points pass a month filter."""
    keep = pd.Series(True, index=frame.index)
    if categories is not None:
        keep &= frame["category"].isin(list(categories))
    month = frame["month"]
    if start:
        keep &= month.isna() | (month.fillna("") >= start)
    if end:
        keep &= month.isna() | (month.fillna("") <= end)
    return frame[keep]


def feature_collection(
    frame: pd.DataFrame, categories: list[str]
) -> tuple[dict[str, Any], list[str]]:
    """A GeoJSON FeatureCollection of the points in ``frame`` and the buurt labels its
    features point to. Per point: ``c`` its category's index in ``categories`` (colour
    and name), ``b`` its buurt's index in the labels ("Pareldorp (N01a)"), and the
    details it has (:data:`DETAILS`: ``d`` datum, ``s`` status, ``n`` name, …), plain
    text as the file said it; the browser writes the tooltip from them as text."""
    index = {c: i for i, c in enumerate(categories)}
    codes = sorted(frame["buurt"].unique().tolist())
    names = frame.drop_duplicates("buurt").set_index("buurt")["buurt_name"]
    labels = [f"{names.get(code) or code} ({code})" for code in codes]
    buurt_index = frame["buurt"].map({code: i for i, code in enumerate(codes)})
    columns = [
        frame[column].astype("object").where(frame[column].notna(), None)
        for column in DETAILS.values()
    ]
    keys = list(DETAILS)
    features = []
    for lon, lat, category, b, *details in zip(
        frame["lon"].tolist(),
        frame["lat"].tolist(),
        frame["category"].tolist(),
        buurt_index.tolist(),
        *(c.tolist() for c in columns),
        strict=True,
    ):
        props: dict[str, Any] = {"c": index.get(category, 0), "b": b}
        for key, value in zip(keys, details, strict=True):
            if value is not None:
                props[key] = value
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": props,
            }
        )
    return {"type": "FeatureCollection", "features": features}, labels


def tooltip_labels(soort: str, lang: str = "nl") -> dict[str, str]:
    """The words the browser puts around a point's details."""
    kind = "kaartpunten.melding" if soort == "meldingen" else "kaartpunten.voorziening"
    return {
        "kind": t(kind, lang),
        "datum": t("kaartpunten.datum", lang),
        "status": t("kaartpunten.status", lang),
        "days": t("kaartpunten.days", lang, days="{days}"),
        "buurt": t("kaartpunten.buurt", lang),
    }


def voorzieningen_near(store: Store, division_id: int, code: str, level: str) -> pd.DataFrame:
    """The voorzieningen in or within 500 m of the area ``code`` (of ``level``): category,
    name, address, buurt, distance (metres, 0 inside), inside; nearest first. Empty when
    the store has none or the area has no geometry."""
    from monitor.area_geometry import areas_geodataframe
    from monitor.points_reach import near_buurt

    def build() -> pd.DataFrame:
        found = point_frame(store, division_id, "voorzieningen")
        if found.empty:
            columns = ["category", "name", "address", "buurt", "distance", "inside"]
            return pd.DataFrame(columns=columns)
        areas = areas_geodataframe(store, division_id, level, display=False)
        return near_buurt(areas[areas["code"] == code], found)

    # Kept per points uploads and areas stamp: a points upload, an undo, new areas.
    areas = subject_key(store, division_id, "areas")
    key = (store.url, division_id, areas, uploads_key(store, POINTS_KIND), code, level)
    return cache.remember("voorzieningen-near", key, build, cache.FRAME)
