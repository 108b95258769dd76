"""Find an area by what a user types: a code or a name, accent- and case-blind.

:func:`find_areas` ranks in three tiers: the exact code first, then names (and codes)
that begin with (or contain) the text, then names that resemble it (a typo: "pareldrop" finds
"Pareldorp"). The folded names of a division are kept per division and changed only when
its areas or its score generation change, so typing in the search box reads one small
aggregate per keystroke.

Postcodes and addresses go to a geocoder (:mod:`monitor.geocode`); the header's search box
(``layouts/search_box.py``) lists both.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import NamedTuple

from monitor.lru import LRU
from monitor.problems import fold
from monitor.store import Store, geography
from monitor.store.materialised import generation

#: The levels searched, from the largest area down (the order breaks ties).
SEARCH_LEVELS = ("stadsdeel", "gebied", "wijk", "buurt")
#: Below this similarity (0..1) a name is not offered as a fuzzy match.
FUZZY_CUTOFF = 0.72
#: Fuzzy matching starts at this many typed characters (fewer match almost anything).
FUZZY_MIN_LENGTH = 3
#: Divisions whose prepared names are kept (a small LRU).
CACHE_SIZE = 8


class AreaMatch(NamedTuple):
    """One search result: the area and how well it matched (1.0 is the exact code)."""

    code: str
    name: str
    level: str
    score: float


@dataclass(frozen=True)
class _Entry:
    code: str
    name: str
    level: str
    folded_code: str
    folded_name: str
    words: tuple[str, ...]


_cache: LRU[list[_Entry]] = LRU(CACHE_SIZE)


def _signature(store: Store, division_id: int) -> tuple:
    """What the prepared names depend on: the areas (count, last id, name lengths) and
    the score generation (every import of areas or values rescores)."""
    with store.engine.connect() as conn:
        count, last, lengths = geography.areas_signature(conn, division_id)
    url = str(store.engine.url)
    return (url, division_id, generation(store, division_id), count, last, lengths)


def _entries(store: Store, division_id: int) -> list[_Entry]:
    return _cache.get_or_build(_signature(store, division_id), lambda: _read(store, division_id))


def _read(store: Store, division_id: int) -> list[_Entry]:
    with store.engine.connect() as conn:
        rows = geography.area_names(conn, division_id, SEARCH_LEVELS)
    return [
        _Entry(code, name, level, fold(code), fold(name), tuple(fold(name).split()))
        for code, name, level in rows
    ]


def _similarity(text: str, entry: _Entry) -> float:
    """How much ``text`` resembles the name: the whole name, a word of it, or the name's
    beginning as long as the text (a misspelt name still being typed)."""
    candidates = {entry.folded_name, entry.folded_name[: len(text)], *entry.words}
    return max(difflib.SequenceMatcher(None, text, c).ratio() for c in candidates)


def _score(text: str, entry: _Entry) -> float:
    """1.0 exact code; 0.95 exact name; 0.9 name prefix; 0.85 word prefix; 0.8 code
    prefix; 0.75 within the name (from 3 characters: "hof" in "Beukenhof"); then fuzzy,
    a similarity of at least 0.72 scaled into 0.52..0.72; otherwise 0 (no match)."""
    if text == entry.folded_code:
        return 1.0
    if text == entry.folded_name:
        return 0.95
    if entry.folded_name.startswith(text):
        return 0.9
    if any(word.startswith(text) for word in entry.words):
        return 0.85
    if entry.folded_code.startswith(text):
        return 0.8
    if len(text) < FUZZY_MIN_LENGTH:
        return 0.0
    if text in entry.folded_name:
        return 0.75
    ratio = _similarity(text, entry)
    return round(0.72 * ratio, 4) if ratio >= FUZZY_CUTOFF else 0.0


def find_areas(store: Store, division_id: int, text: str, limit: int = 8) -> list[AreaMatch]:
    """The areas of ``division_id`` that ``text`` names, best first, at most ``limit``.

    Each result is ``(code, name, level, score)``. Ties go to the larger area
    (stadsdeel before buurt), then the shorter name, then the code.
    """
    query = fold(text or "")
    if not query or limit <= 0:
        return []
    found = []
    for entry in _entries(store, division_id):
        score = _score(query, entry)
        if score > 0:
            found.append((score, entry))
    found.sort(
        key=lambda item: (
            -item[0],
            SEARCH_LEVELS.index(item[1].level),
            len(item[1].name),
            item[1].code,
        )
    )
    return [AreaMatch(e.code, e.name, e.level, s) for s, e in found[:limit]]
