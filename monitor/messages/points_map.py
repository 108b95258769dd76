"""Texts of points on the map and in the buurtprofiel (meldingen and voorzieningen as
layers of the Kaart, the voorzieningen in and near a buurt) and of the "binnen 500 m"
indicators, merged into ``monitor.messages.MESSAGES``. Key → {nl, en}."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- the "binnen 500 m" indicators ---------------------------------------------------
    "points.ind.reach": {
        "nl": "Buurt binnen 500 m van {category} (% van de oppervlakte)",
        "en": "Buurt within 500 m of {category} (% of the area)",
    },
    "points.ind.reach_definition": {
        "nl": "Het deel van de oppervlakte van de buurt (de volledige buurtgrens) dat in "
        "rechte lijn binnen 500 m van ten minste één voorziening van de categorie "
        "'{category}' ligt, ook als die voorziening in een andere buurt staat. Berekend in "
        "RD New (EPSG:28992) met GeoPandas/Shapely. Er is geen adressenlaag: het is een "
        "aandeel van de oppervlakte, niet van de adressen of inwoners.",
        "en": "The part of the buurt's area (its full boundary) within 500 m in a straight "
        "line of at least one voorziening of the category '{category}', also when that "
        "voorziening is in another buurt. Computed in RD New (EPSG:28992) with "
        "GeoPandas/Shapely. There is no address layer: it is a share of the area, not of "
        "addresses or residents.",
    },
    "points.ind.reach_polarity": {
        "nl": "Hoe meer van de buurt dicht bij een voorziening ligt, hoe beter bediend.",
        "en": "The more of the buurt lies near a voorziening, the better it is served.",
    },
    # -- the Kaart's point layers ----------------------------------------------------------
    "kaartpunten.title": {"nl": "Punten op de kaart", "en": "Points on the map"},
    "kaartpunten.meldingen": {"nl": "Meldingen", "en": "Meldingen (reports)"},
    "kaartpunten.voorzieningen": {"nl": "Voorzieningen", "en": "Voorzieningen (facilities)"},
    "kaartpunten.period": {"nl": "Periode meldingen", "en": "Period of the meldingen"},
    "kaartpunten.from": {"nl": "van", "en": "from"},
    "kaartpunten.to": {"nl": "tot en met", "en": "up to and including"},
    "kaartpunten.period_all": {"nl": "alle maanden", "en": "all months"},
    "kaartpunten.shown": {
        "nl": "Op de kaart: {meldingen} meldingen en {voorzieningen} voorzieningen "
        "(gebundeld; klik op een bundel om in te zoomen).",
        "en": "On the map: {meldingen} meldingen and {voorzieningen} voorzieningen "
        "(clustered; click a cluster to zoom in).",
    },
    "kaartpunten.melding": {"nl": "Melding", "en": "Melding"},
    "kaartpunten.voorziening": {"nl": "Voorziening", "en": "Voorziening"},
    "kaartpunten.datum": {"nl": "datum", "en": "date"},
    "kaartpunten.status": {"nl": "status", "en": "status"},
    "kaartpunten.days": {"nl": "afgehandeld in {days} dagen", "en": "handled in {days} days"},
    "kaartpunten.buurt": {"nl": "buurt", "en": "buurt"},
    "kaartpunten.none": {
        "nl": "Er zijn geen meldingen of voorzieningen als punten geladen.",
        "en": "No meldingen or voorzieningen have been loaded as points.",
    },
    # -- the buurtprofiel's voorzieningen ------------------------------------------------
    "profiel.voorzieningen": {
        "nl": "Voorzieningen in en bij de buurt (tot 500 m)",
        "en": "Voorzieningen in and near the buurt (up to 500 m)",
    },
    "profiel.voorzieningen_none": {
        "nl": "Geen voorzieningen in de buurt of binnen 500 m.",
        "en": "No voorzieningen in the buurt or within 500 m.",
    },
    "profiel.voorziening_in": {"nl": "in de buurt", "en": "in the buurt"},
    "profiel.voorziening_near": {"nl": "{m} m buiten de buurt", "en": "{m} m outside"},
    "profiel.voorziening_more": {
        "nl": "en nog {n} voorzieningen",
        "en": "and {n} more voorzieningen",
    },
}
