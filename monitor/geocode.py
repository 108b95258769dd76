"""Find the area of a postcode or an address through a geocoder (PDOK Locatieserver).

The header's search box finds areas by name or code (:mod:`monitor.search`); a user who
types a postcode ("1012 LG") or an address ("Damrak 1") is looked up here. The geocoder is
the PDOK Locatieserver (``/free``, version 3.1) by default, or any server answering in its
format (``MONITOR_GEOCODER_URL``; empty turns it off). Each place it returns is placed in
an area of the store in two ways, the first that works:

1. its ``buurtcode`` (CBS, "BU03630000") is a code or an alias of a buurt in the store;
2. its point (``centroide_ll``, WGS84) lies inside an area of the lowest level with
   geometries (so Amsterdam's own codes such as "A00a" are found too).

Offline (no answer within :data:`TIMEOUT_SECONDS`) the search keeps working on local names;
after a failure the geocoder is not asked again for :data:`BACKOFF_SECONDS`, so typing does
not wait on a dead server at every key.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from typing import Any

import requests
import shapely

from monitor.area_geometry import areas_geodataframe
from monitor.areas import resolve_codes
from monitor.lru import LRU
from monitor.store import Store, geography

TIMEOUT_SECONDS = 2.0
BACKOFF_SECONDS = 60.0
#: Places asked of the geocoder per search.
ROWS = 5
#: Fields asked for (the Locatieserver refuses parameters outside its specification).
FIELDS = "id type weergavenaam postcode buurtcode buurtnaam wijkcode gemeentecode centroide_ll"
#: Levels a place is put in by its point, the smallest first.
POINT_LEVELS = ("buurt", "wijk", "gebied", "stadsdeel")
CACHE_SIZE = 256

#: A Dutch postcode ("1012LG", "1012 lg"), possibly followed by a house number.
_POSTCODE = re.compile(r"^\s*[1-9]\d{3}\s?[a-zA-Z]{2}\b")
#: A street and a house number ("Damrak 1", "Eerste Helmersstraat 22-h").
_ADDRESS = re.compile(r"^\s*\D{3,}\s+\d+\s*[a-zA-Z]?(?:[-\s]\w{1,4})?\s*(?:,.*)?$")
_POSTCODE_SPACE = re.compile(r"^([1-9]\d{3})\s([a-z]{2})\b")
_POINT = re.compile(r"POINT\s*\(\s*([-\d.]+)\s+([-\d.]+)\s*\)")


@dataclass(frozen=True)
class Place:
    """One place the geocoder knows: its label, postcode, CBS buurtcode and point."""

    label: str
    postcode: str
    buurtcode: str
    lon: float | None
    lat: float | None


@dataclass(frozen=True)
class PlaceMatch:
    """A place and the area of the store it lies in."""

    label: str
    code: str
    name: str
    level: str


def looks_like_address(text: str | None) -> bool:
    """True for a postcode or a street with a house number: only these go to the geocoder."""
    value = (text or "").strip()
    return bool(_POSTCODE.match(value) or _ADDRESS.match(value))


class Geocoder:
    """A Locatieserver client with a small answer cache and a back-off after failures."""

    def __init__(self, base_url: str, timeout: float = TIMEOUT_SECONDS) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self._answers: LRU[list[Place]] = LRU(CACHE_SIZE)
        self._failed_at = float("-inf")
        self._lock = threading.Lock()

    def places(self, text: str) -> list[Place]:
        """Addresses and postcodes for ``text``; empty when offline or nothing is found."""
        key = _POSTCODE_SPACE.sub(r"\1\2", " ".join(text.split()).casefold())
        known = self._answers.get(key)
        if known is not None:
            return known
        with self._lock:
            if time.monotonic() - self._failed_at < BACKOFF_SECONDS:
                return []
        try:
            response = requests.get(
                f"{self.base_url}/free",
                params={"q": key, "fq": "type:(adres OR postcode)", "rows": ROWS, "fl": FIELDS},
                timeout=self.timeout,
                headers={"Accept": "application/json"},
            )
            if response.status_code >= 500:
                raise requests.ConnectionError(response.status_code)
            response.raise_for_status()
            found = [_place(doc) for doc in response.json()["response"]["docs"]]
        except (requests.ConnectionError, requests.Timeout):
            # The server is down or unreachable: leave it alone for a while.
            with self._lock:
                self._failed_at = time.monotonic()
            return []
        except (requests.RequestException, ValueError, KeyError, TypeError):
            return []  # this query was refused or answered oddly: no places for it
        return self._answers.put(key, found)


def _place(doc: dict[str, Any]) -> Place:
    point = _POINT.match(str(doc.get("centroide_ll") or ""))
    lon, lat = (float(point.group(1)), float(point.group(2))) if point else (None, None)
    return Place(
        label=str(doc.get("weergavenaam") or doc.get("postcode") or ""),
        postcode=str(doc.get("postcode") or ""),
        buurtcode=str(doc.get("buurtcode") or ""),
        lon=lon,
        lat=lat,
    )


_geocoders: dict[str, Geocoder] = {}
_geocoders_lock = threading.Lock()


def geocoder(base_url: str) -> Geocoder:
    """One client per URL in this process (its cache and back-off are shared)."""
    with _geocoders_lock:
        return _geocoders.setdefault(base_url, Geocoder(base_url))


def locate(store: Store, division_id: int, places: list[Place]) -> list[PlaceMatch]:
    """The area of the store each place lies in (by buurtcode, else by its point);
    places outside every area are left out, and one area is listed once."""
    if not places:
        return []
    by_code = resolve_codes(store, division_id, [p.buurtcode for p in places if p.buurtcode])
    with store.engine.connect() as conn:
        known = {row["id"]: row for row in geography.area_codes(conn, division_id).values()}
    matches: list[PlaceMatch] = []
    seen: set[str] = set()
    for place in places:
        area = known.get(by_code.get(place.buurtcode, -1)) or _by_point(store, division_id, place)
        if area is None or area["code"] in seen:
            continue
        seen.add(area["code"])
        matches.append(PlaceMatch(place.label, area["code"], area["name"], area["level"]))
    return matches


_shapes: LRU[Any] = LRU(2 * len(POINT_LEVELS))


def _level_shapes(store: Store, division_id: int, level: str) -> Any:
    """The areas of one level with a geometry (WGS84, full detail), kept while the
    division's areas stay the same."""
    with store.engine.connect() as conn:
        key = (
            str(store.engine.url),
            division_id,
            level,
            *geography.areas_signature(conn, division_id),
        )
    return _shapes.get_or_build(key, lambda: _with_geometry(store, division_id, level))


def _with_geometry(store: Store, division_id: int, level: str) -> Any:
    frame = areas_geodataframe(store, division_id, level, display=False)
    return frame[frame.geometry.notna()].reset_index(drop=True)


def _by_point(store: Store, division_id: int, place: Place) -> dict[str, Any] | None:
    if place.lon is None or place.lat is None:
        return None
    point = shapely.Point(place.lon, place.lat)
    for level in POINT_LEVELS:
        frame = _level_shapes(store, division_id, level)
        if frame.empty:
            continue
        hits = frame.sindex.query(point, predicate="within")
        if len(hits):
            row = frame.iloc[int(hits[0])]
            return {"code": row["code"], "name": row["name"], "level": level}
    return None
