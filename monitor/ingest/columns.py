"""Column names of meetingen files: the canonical columns, the spellings accepted for
each, and how a header is compared (no accents, case, spaces, underscores or dashes)."""

from __future__ import annotations

import re
import unicodedata

#: Canonical column → accepted spellings (compared without case, accents, spaces, _ or -).
ALIASES: dict[str, tuple[str, ...]] = {
    "gebiedcode": (
        "gebiedcode",
        "gebiedscode",
        "gebiedcode15",
        "gebiedcode22",
        "code",
        "areacode",
        "area",
        "regiocode",
        "buurtcode",
        "wijkcode",
        "buurt",
        "wijk",
        "gebied",
        "stadsdeel",
        "codering",
        "gwbcode",
    ),
    "indicator": ("indicator", "variabele", "variable", "kenmerk", "indicatorid"),
    "periode": ("periode", "jaar", "year", "period", "peiljaar"),
    "waarde": ("waarde", "value", "waarden"),
    "n": ("n", "respondenten", "aantalrespondenten", "respondents", "noemer"),
    "peildatum": ("peildatum", "datum", "date", "referencedate"),
    "bron": ("bron", "source"),
    "opmerking": ("opmerking", "opmerkingen", "toelichting", "note", "notes", "comment"),
}
OPTIONAL = ("n", "peildatum", "bron", "opmerking")


def normalise(name: str) -> str:
    """Header text for matching: no accents, no case, no spaces, underscores or dashes."""
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    return re.sub(r"[\s_\-.]+", "", text.lower())


_LOOKUP = {normalise(a): canon for canon, names in ALIASES.items() for a in names}


def canonical(header: str) -> str | None:
    """The canonical column a header stands for (see :data:`ALIASES`), or None."""
    return _LOOKUP.get(normalise(header))
