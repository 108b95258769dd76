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
    # -- errors in the curation and in users' polarity files (monitor/polarity*.py) -------
    "polarity.err.reason_missing": {
        "nl": "{where}, veld 'reason': ontbreekt; geef een reden van één regel.",
        "en": "{where}, field 'reason': missing; give a reason of one line.",
    },
    "polarity.err.reason_languages": {
        "nl": "{where}, veld 'reason': onbekende talen {languages}.",
        "en": "{where}, field 'reason': unknown languages {languages}.",
    },
    "polarity.err.reason_long": {
        "nl": "{where}, veld 'reason': langer dan {max} tekens.",
        "en": "{where}, field 'reason': longer than {max} characters.",
    },
    "polarity.err.unknown": {
        "nl": "{where}, veld 'polarity': '{value}' onbekend; kies uit {choices}.",
        "en": "{where}, field 'polarity': '{value}' unknown; choose from {choices}.",
    },
    "polarity.err.pattern": {
        "nl": "{where}, veld '{field}': '{value}' is geen geldig patroon ({error}).",
        "en": "{where}, field '{field}': '{value}' is not a valid pattern ({error}).",
    },
    "polarity.err.not_blocks": {
        "nl": "{name}: '[[{block}]]' moet een lijst van blokken zijn.",
        "en": "{name}: '[[{block}]]' must be a list of blocks.",
    },
    "polarity.err.unknown_blocks": {
        "nl": "{name}: onbekende blokken {blocks}.",
        "en": "{name}: unknown blocks {blocks}.",
    },
    "polarity.err.id_missing": {
        "nl": "{where}, veld 'id': ontbreekt.",
        "en": "{where}, field 'id': missing.",
    },
    "polarity.err.twice": {
        "nl": "{where}: staat al eerder in het bestand.",
        "en": "{where}: is in the file before.",
    },
    "polarity.err.no_pattern": {
        "nl": "{where}: geef minstens één van 'theme', 'variable' of 'label'.",
        "en": "{where}: give at least one of 'theme', 'variable' or 'label'.",
    },
    "polarity.where.rule": {"nl": "{name}, regel {i}", "en": "{name}, rule {i}"},
    "polarity.where.rule_named": {
        "nl": "{name}, regel {i} ({rule})",
        "en": "{name}, rule {i} ({rule})",
    },
    "polarity.rule_name": {"nl": "regel {i}", "en": "rule {i}"},
    "polarity.where.override": {"nl": "{name}, override {i}", "en": "{name}, override {i}"},
    "polarity.where.override_named": {
        "nl": "{name}, override {i} ({id})",
        "en": "{name}, override {i} ({id})",
    },
    "polarity.err.unknown_indicator": {
        "nl": "onbekende indicator {hints}.",
        "en": "unknown indicator {hints}.",
    },
    "polarity.err.did_you_mean": {"nl": " (bedoelt u '{id}'?)", "en": " (do you mean '{id}'?)"},
    "polarity.err.nothing_changed": {
        "nl": " Er is niets gewijzigd.",
        "en": " Nothing has been changed.",
    },
    "polarity.err.no_own": {
        "nl": "Indicator '{id}' heeft geen eigen polariteit; er is niets gewijzigd.",
        "en": "Indicator '{id}' has no polarity of its own; nothing has been changed.",
    },
    "polarity.err.own_blocks": {
        "nl": "{name}: onbekende blokken {blocks}; een eigen bestand bevat alleen "
        "[[override]]-blokken.",
        "en": "{name}: unknown blocks {blocks}; a file of your own holds [[override]] blocks only.",
    },
    "polarity.err.no_overrides": {
        "nl": "{name}: bevat geen [[override]]-blokken.",
        "en": "{name}: holds no [[override]] blocks.",
    },
    # -- reading configuration files (TOML) -----------------------------------------------
    "file.bad_toml": {
        "nl": "{name}: geen geldige TOML ({error}).",
        "en": "{name}: not valid TOML ({error}).",
    },
    "file.not_utf8": {
        "nl": "{name}: geen UTF-8-tekst ({error}).",
        "en": "{name}: not UTF-8 text ({error}).",
    },
    "file.unknown_fields": {
        "nl": "{where}: onbekende velden {fields}.",
        "en": "{where}: unknown fields {fields}.",
    },
    # -- indicator sets of the blocks (monitor/blocks.py) --------------------------------
    "blocks.err.label": {
        "nl": "{where}: 'label'/'name' moet tekst zijn of {{ nl = ..., en = ... }}.",
        "en": "{where}: 'label'/'name' must be text or {{ nl = ..., en = ... }}.",
    },
    "blocks.err.no_domains": {
        "nl": "{source}: de set bevat geen domeinen.",
        "en": "{source}: the set holds no domains.",
    },
    "blocks.err.empty_domain": {
        "nl": "{source}: domein '{domain}' bevat geen indicatoren.",
        "en": "{source}: domain '{domain}' holds no indicators.",
    },
    "blocks.err.indicator_twice": {
        "nl": "{source}: indicator '{id}' staat twee keer in de set.",
        "en": "{source}: indicator '{id}' is in the set twice.",
    },
    "blocks.err.too_many": {
        "nl": "{source}: {n} indicatoren; een blok heeft er hoogstens {max}.",
        "en": "{source}: {n} indicators; a block has at most {max}.",
    },
    "blocks.err.domain_twice": {
        "nl": "{source}: een domein staat twee keer in de set.",
        "en": "{source}: a domain is in the set twice.",
    },
    "blocks.err.bad_key": {
        "nl": "{name}: ongeldige sleutel '{set}' voor de set.",
        "en": "{name}: invalid key '{set}' for the set.",
    },
    "blocks.where.domain": {"nl": "{name}, domein {i}", "en": "{name}, domain {i}"},
    "blocks.err.key_missing": {
        "nl": "{where}: 'key' ontbreekt.",
        "en": "{where}: 'key' is missing.",
    },
    "blocks.err.indicators": {
        "nl": "{where}: 'indicators' moet een lijst met indicator-ids zijn.",
        "en": "{where}: 'indicators' must be a list of indicator ids.",
    },
    "blocks.err.choose": {
        "nl": "Kies minstens één indicator.",
        "en": "Choose at least one indicator.",
    },
    "blocks.err.too_many_chosen": {
        "nl": "{n} indicatoren gekozen; een blok heeft er hoogstens {max}.",
        "en": "{n} indicators chosen; a block has at most {max}.",
    },
    "blocks.err.not_in_set": {
        "nl": "Indicator '{id}' staat niet in de set.",
        "en": "Indicator '{id}' is not in the set.",
    },
    # -- indicator definitions and catalogue files (monitor/catalog.py) ---------------
    "catalog.where.indicator": {"nl": "indicator '{id}'", "en": "indicator '{id}'"},
    "catalog.err.bad_id": {
        "nl": "Ongeldige indicator-id '{id}': gebruik letters, cijfers, '_', '-' of '.'.",
        "en": "Invalid indicator id '{id}': use letters, digits, '_', '-' or '.'.",
    },
    "catalog.err.polarity": {
        "nl": "{where}: polariteit '{value}' onbekend; kies uit {choices}.",
        "en": "{where}: polarity '{value}' unknown; choose from {choices}.",
    },
    "catalog.err.polarity_source": {
        "nl": "{where}: herkomst van de polariteit '{value}' onbekend; kies uit {choices}.",
        "en": "{where}: source of the polarity '{value}' unknown; choose from {choices}.",
    },
    "catalog.err.aggregation": {
        "nl": "{where}: aggregatie '{value}' onbekend; kies uit {choices}.",
        "en": "{where}: aggregation '{value}' unknown; choose from {choices}.",
    },
    "catalog.err.method": {
        "nl": "{where}: methode '{value}' onbekend; kies uit {choices}.",
        "en": "{where}: method '{value}' unknown; choose from {choices}.",
    },
    "catalog.err.spread": {
        "nl": "{where}: spreiding '{value}' onbekend; kies uit {choices}.",
        "en": "{where}: spread '{value}' unknown; choose from {choices}.",
    },
    "catalog.err.log_spread": {
        "nl": "{where}: spreiding 'log' is alleen voor verhoudingen die altijd boven 0 "
        "liggen (zoals misdrijven per 1.000 inwoners), niet voor eenheid '{unit}'; kies "
        "'mad' of 'sd'.",
        "en": "{where}: spread 'log' is only for ratios that are always above 0 (such as "
        "crimes per 1,000 residents), not for unit '{unit}'; choose 'mad' or 'sd'.",
    },
    "catalog.err.negative_minimum": {
        "nl": "{where}: minimum aantal inwoners/respondenten mag niet negatief zijn.",
        "en": "{where}: the minimum number of residents/respondents may not be negative.",
    },
    "catalog.err.decimals": {
        "nl": "{where}: decimalen moet tussen 0 en 6 liggen.",
        "en": "{where}: decimals must lie between 0 and 6.",
    },
    "catalog.err.band": {
        "nl": "{where}: de bandbreedte moet groter dan 0 zijn.",
        "en": "{where}: the band width must be greater than 0.",
    },
    "catalog.err.internal_fields": {
        "nl": "Indicator '{id}': onbekende velden {fields} (alleen 'polarity_reason' hoort "
        "in een catalogus).",
        "en": "Indicator '{id}': unknown fields {fields} (only 'polarity_reason' belongs in "
        "a catalogue).",
    },
    "catalog.err.required": {
        "nl": "Indicator '{id}' mist verplichte velden: {fields}.",
        "en": "Indicator '{id}' lacks required fields: {fields}.",
    },
    "catalog.err.unknown_fields": {
        "nl": "Indicator '{id}': onbekende velden {fields}.",
        "en": "Indicator '{id}': unknown fields {fields}.",
    },
    "catalog.err.no_indicators": {
        "nl": "{name}: bevat geen [[indicator]]-blokken.",
        "en": "{name}: holds no [[indicator]] blocks.",
    },
    "catalog.err.row": {"nl": "{name}, rij {i}: {error}", "en": "{name}, row {i}: {error}"},
    "catalog.err.kind": {
        "nl": "{name}: kies een .toml- of .csv-catalogus.",
        "en": "{name}: choose a .toml or .csv catalogue.",
    },
    "catalog.err.twice": {
        "nl": "Indicator '{id}' staat twee keer in de catalogus.",
        "en": "Indicator '{id}' is in the catalogue twice.",
    },
    "catalog.err.not_bbga": {
        "nl": "{name}: kolom 'Variabele' ontbreekt; is dit BBGA-metadata?",
        "en": "{name}: column 'Variabele' is missing; is this BBGA metadata?",
    },
    "catalog.err.new_needs": {
        "nl": "Indicator '{id}' bestaat nog niet; geef voor een nieuwe indicator ook {options} op.",
        "en": "Indicator '{id}' does not exist yet; for a new indicator give {options} too.",
    },
    "catalog.err.case": {
        "nl": "Er is al een indicator '{id}' (alleen hoofdletters verschillen); gebruik "
        "'monitor indicator add {id} …' om hem bij te werken.",
        "en": "There is an indicator '{id}' already (only upper and lower case differ); use "
        "'monitor indicator add {id} …' to update it.",
    },
}
