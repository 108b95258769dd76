"""Texts of the area import and the gebiedsindeling: refused files, codes and levels.

Raised by ``monitor.areas`` (reading and writing area files) and by the store when a
gebiedsindeling or gebiedscode does not exist. Level words (``buurten``, ``wijkcode``)
are Dutch domain terms and come in as parameters. Same shape as the catalogue:
key → {nl, en}.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- levels ---------------------------------------------------------------------
    "areas.unknown_level": {
        "nl": "Onbekend niveau '{level}'; kies uit: {choices}.",
        "en": "Unknown level '{level}'; choose from: {choices}.",
    },
    "areas.not_above": {
        "nl": "'{wrong}' is geen niveau boven '{level}'; kies uit: {choices}.",
        "en": "'{wrong}' is not a level above '{level}'; choose from: {choices}.",
    },
    "areas.no_levels": {"nl": "(geen)", "en": "(none)"},
    # -- reading a file -------------------------------------------------------------
    "areas.unreadable": {
        "nl": "Kan '{name}' niet lezen als geodata: {error}",
        "en": "Cannot read '{name}' as geodata: {error}",
    },
    "areas.no_layer": {
        "nl": "Laag '{layer}' bestaat niet in '{name}'. Beschikbare lagen: {layers}.",
        "en": "Layer '{layer}' does not exist in '{name}'. Available layers: {layers}.",
    },
    "areas.no_geometry_in_file": {
        "nl": "'{name}' bevat geen geometrie.",
        "en": "'{name}' contains no geometry.",
    },
    "areas.fields_missing": {
        "nl": "Veld {fields} niet gevonden in '{name}'. Beschikbare velden: {available}.",
        "en": "Field {fields} not found in '{name}'. Available fields: {available}.",
    },
    "areas.file_no_crs": {
        "nl": "'{name}' heeft geen coördinatenstelsel (CRS); geef het op, "
        "bijvoorbeeld EPSG:28992 (RD New) of EPSG:4326 (WGS84).",
        "en": "'{name}' has no coordinate reference system (CRS); give one, "
        "for example EPSG:28992 (RD New) or EPSG:4326 (WGS84).",
    },
    "areas.metres_not_degrees": {
        "nl": "De coördinaten in '{name}' zijn geen graden maar lijken meters; "
        "geef het coördinatenstelsel op, bijvoorbeeld EPSG:28992.",
        "en": "The coordinates in '{name}' are not degrees but look like metres; "
        "give the coordinate reference system, for example EPSG:28992.",
    },
    # -- checking the areas ---------------------------------------------------------
    "areas.column_missing": {
        "nl": "{source}: kolom '{column}' ontbreekt.",
        "en": "{source}: column '{column}' is missing.",
    },
    "areas.no_crs": {
        "nl": "{source}: het coördinatenstelsel (CRS) ontbreekt.",
        "en": "{source}: the coordinate reference system (CRS) is missing.",
    },
    "areas.empty": {
        "nl": "{source}: er staan geen gebieden in.",
        "en": "{source}: it contains no areas.",
    },
    "areas.empty_code": {
        "nl": "{source}: lege gebiedscode in rij {rows}.",
        "en": "{source}: empty area code in row {rows}.",
    },
    "areas.duplicate_codes": {
        "nl": "{source}: dubbele gebiedscodes: {codes}.",
        "en": "{source}: duplicate area codes: {codes}.",
    },
    "areas.no_geometry": {
        "nl": "{source}: geen geometrie bij gebiedscode {codes}.",
        "en": "{source}: no geometry for area code {codes}.",
    },
    "areas.not_polygon": {
        "nl": "{source}: geometrie is geen vlak bij gebiedscode {codes}.",
        "en": "{source}: geometry is not a polygon for area code {codes}.",
    },
    # -- parents by overlay ---------------------------------------------------------
    "areas.overlap_none": {
        "nl": "Deze {level_plural} overlappen met geen van de {target_plural}: {codes}. "
        "Geef de {code_word} op in een veld van het bestand.",
        "en": "These {level_plural} overlap none of the {target_plural}: {codes}. "
        "Give the {code_word} in a field of the file.",
    },
    "areas.overlap_ambiguous": {
        "nl": "Deze {level_plural} overlappen niet duidelijk met één van de {target_plural} "
        "(twee grootste aandelen): {codes}. Geef de {code_word} op in een veld van het bestand.",
        "en": "These {level_plural} do not clearly overlap one of the {target_plural} "
        "(two largest shares): {codes}. Give the {code_word} in a field of the file.",
    },
    # -- writing --------------------------------------------------------------------
    "areas.gemeente_code_taken": {
        "nl": "Gemeentecode '{code}' is al de code van een {level}.",
        "en": "Gemeente code '{code}' is already the code of a {level}.",
    },
    "areas.gemeente_file": {
        "nl": "Het gemeentebestand bevat geen vlak met gemeentecode '{code}'; gevonden: {codes}.",
        "en": "The gemeente file holds no polygon with gemeente code '{code}'; found: {codes}.",
    },
    "areas.gemeente_unknown": {
        "nl": "Onbekende gemeentecodes in het bestand: {codes}. Bekende gemeenten: {known}. "
        "Importeer eerst de gemeenten (--level gemeente).",
        "en": "Unknown gemeente codes in the file: {codes}. Known gemeenten: {known}. "
        "Import the gemeenten first (--level gemeente).",
    },
    "areas.gemeente_missing": {
        "nl": "Deze gebiedsindeling heeft meerdere gemeenten ({known}); van deze {level_plural} "
        "is de gemeente onbekend: {codes}. Geef de gemeentecode op in een veld van het "
        "bestand (--parent-field gemeente=VELD) of via een bekend hoger gebied.",
        "en": "This gebiedsindeling has several gemeenten ({known}); the gemeente of these "
        "{level_plural} is unknown: {codes}. Give the gemeente code in a field of the file "
        "(--parent-field gemeente=FIELD) or through a known parent area.",
    },
    "areas.codes_on_other_level": {
        "nl": "Deze codes bestaan al op een ander niveau: {codes}.",
        "en": "These codes already exist on another level: {codes}.",
    },
    # -- the store: gebiedsindeling and codes ---------------------------------------
    "areas.division_missing": {
        "nl": "Gebiedsindeling '{name}' bestaat niet.",
        "en": "Gebiedsindeling (area division) '{name}' does not exist.",
    },
    "areas.no_division": {
        "nl": "Er is nog geen gebiedsindeling.",
        "en": "There is no gebiedsindeling (area division) yet.",
    },
    "areas.code_missing": {
        "nl": "Gebiedscode '{code}' bestaat niet in deze gebiedsindeling.",
        "en": "Area code '{code}' does not exist in this gebiedsindeling.",
    },
}
