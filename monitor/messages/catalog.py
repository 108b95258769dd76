"""Polarity and where it came from (curation, metadata, a user)."""

MESSAGES: dict[str, dict[str, str]] = {
    # -- polarity and where it came from (monitor/polarity.py) ----------------------
    "polarity.name.hoger-beter": {"nl": "hoger is beter", "en": "higher is better"},
    "polarity.name.lager-beter": {"nl": "lager is beter", "en": "lower is better"},
    "polarity.name.neutraal": {"nl": "neutraal", "en": "neutral"},
    "polarity.name.geen": {"nl": "niet gekleurd", "en": "not coloured"},
    "polarity.source.metadata": {"nl": "Bron: {reason}.", "en": "Source: {reason}."},
    "polarity.source.catalogus": {
        "nl": "Bron: de catalogus '{catalog}'.",
        "en": "Source: the catalogue '{catalog}'.",
    },
    "polarity.source.regel": {
        "nl": "Aangepast door een regel van de curatie: {reason}",
        "en": "Changed by a curation rule: {reason}",
    },
    "polarity.source.override": {
        "nl": "Aangepast in de curatie: {reason}",
        "en": "Changed in the curation: {reason}",
    },
    "polarity.source.gebruiker": {
        "nl": "Aangepast door {by}: {reason}",
        "en": "Changed by {by}: {reason}",
    },
    "polarity.source.onbekend": {
        "nl": "Herkomst onbekend (geen metadata).",
        "en": "Source unknown (no metadata).",
    },
    "polarity.was": {"nl": "De metadata zei: {polarity}.", "en": "The metadata said: {polarity}."},
    "polarity.explain.geen": {
        "nl": "Niet gekleurd: een aantal zegt zonder verhouding niets over beter of slechter.",
        "en": "Not coloured: a count says nothing about better or worse on its own.",
    },
    "polarity.short": {"nl": "{polarity}: {reason}", "en": "{polarity}: {reason}"},
    "polarity.legend": {"nl": "Zo lees je de kleuren", "en": "How to read the colours"},
}
