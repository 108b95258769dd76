"""Texts of points (meldingen, voorzieningen) and signals, merged into
``monitor.messages.MESSAGES``: the points import and its report, the indicators counted
from points, ``monitor signalen`` and the Signalen page. Same shape as the catalogue:
key → {nl, en}.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- points import: problems (row, column and value are added by the problem) -------
    "points.unknown_soort": {
        "nl": "Onbekende soort punten '{soort}'; kies uit: {choices}.",
        "en": "Unknown kind of points '{soort}'; choose from: {choices}.",
    },
    "points.not_geodata": {
        "nl": "het bestand is geen leesbare GeoJSON of GeoPackage ({error}).",
        "en": "the file is not a readable GeoJSON or GeoPackage ({error}).",
    },
    "points.more_rows": {
        "nl": "en nog {n} rijen met hetzelfde probleem in kolom '{column}'",
        "en": "and {n} more rows with the same problem in column '{column}'",
    },
    "points.no_category": {
        "nl": "geen kolom 'categorie' gevonden (kolommen: {found})",
        "en": "no column 'categorie' found (columns: {found})",
    },
    "points.no_coordinates": {
        "nl": "geen coördinaten gevonden: geef kolommen 'lat' en 'lon' (WGS84) of 'x' en 'y' "
        "(RD) (kolommen: {found})",
        "en": "no coordinates found: give columns 'lat' and 'lon' (WGS84) or 'x' and 'y' "
        "(RD) (columns: {found})",
    },
    "points.no_date": {
        "nl": "meldingen hebben een kolom 'datum' nodig (kolommen: {found})",
        "en": "meldingen need a column 'datum' (columns: {found})",
    },
    "points.empty_category": {"nl": "categorie is leeg", "en": "category is empty"},
    "points.bad_date": {
        "nl": "is geen datum (schrijf 2025-03-31 of 31-03-2025)",
        "en": "is not a date (write 2025-03-31 or 31-03-2025)",
    },
    "points.bad_days": {
        "nl": "is geen aantal dagen (een getal van 0 of meer)",
        "en": "is not a number of days (a number of 0 or more)",
    },
    "points.bad_number": {"nl": "is geen getal", "en": "is not a number"},
    "points.outside_nl": {
        "nl": "ligt niet in Nederland; staan de coördinaten in het goede stelsel (WGS84 of RD)?",
        "en": "is not in the Netherlands; are the coordinates in the right system (WGS84 or RD)?",
    },
    "points.outside_nl_swapped": {
        "nl": "ligt niet in Nederland; de kolommen lijken verwisseld (breedte en lengte)",
        "en": "is not in the Netherlands; the columns look swapped (latitude and longitude)",
    },
    "points.refused": {
        "nl": "{name}: {errors} fout(en), niets opgeslagen.",
        "en": "{name}: {errors} error(s), nothing stored.",
    },
    "points.no_buurten": {
        "nl": "Er zijn nog geen buurten met een geometrie: importeer eerst gebieden.",
        "en": "There are no buurten with a geometry yet: import areas first.",
    },
    "points.none_inside": {
        "nl": "{name}: geen enkel punt ligt in een buurt; niets opgeslagen.",
        "en": "{name}: no point lies in a buurt; nothing stored.",
    },
    "points.publish_refused": {
        "nl": "Een punt staat twee keer in het bestand, of een andere upload publiceerde "
        "dezelfde punten tegelijk; niets opgeslagen.",
        "en": "A point occurs twice in the file, or another upload published the same points "
        "at the same moment; nothing stored.",
    },
    "undo.rows_points": {
        "nl": "Actuele punten die verdwijnen: {rows} (eerdere versie terug: {restored}; "
        "daarna weg: {emptied}).",
        "en": "Current points that go: {rows} (earlier version back: {restored}; gone "
        "afterwards: {emptied}).",
    },
    "undo.points_indicators": {
        "nl": "De indicatoren die uit deze punten geteld zijn gaan mee; de tellingen van "
        "daarvoor komen terug.",
        "en": "The indicators counted from these points go with them; the counts from "
        "before come back.",
    },
    "upload.kind_punten": {"nl": "punten (meldingen, voorzieningen)", "en": "points"},
    # -- points import: report -----------------------------------------------------------
    "points.report": {
        "nl": "{name}: {n} {soort} gelezen, {inside} liggen in een buurt.",
        "en": "{name}: {n} {soort} read, {inside} lie in a buurt.",
    },
    "points.outside": {
        "nl": "{n} punten liggen in geen enkele buurt en worden niet opgeslagen; de eerste:",
        "en": "{n} points lie in no buurt and are not stored; the first:",
    },
    "points.outside_row": {
        "nl": "  rij {row}: {lat}, {lon} ({category})",
        "en": "  row {row}: {lat}, {lon} ({category})",
    },
    "points.category_count": {"nl": "  {category}: {n}", "en": "  {category}: {n}"},
    "points.dry_run": {
        "nl": "Alleen gecontroleerd (--dry-run): niets opgeslagen.",
        "en": "Checked only (--dry-run): nothing stored.",
    },
    "points.published": {
        "nl": "Upload {upload}: {n} punten opgeslagen; de indicatoren per buurt en jaar (en "
        "voor meldingen per kwartaal en maand) zijn opnieuw geteld. Ongedaan maken: monitor "
        "uploads undo {upload}.",
        "en": "Upload {upload}: {n} points stored; the indicators per buurt and year (and for "
        "meldingen per quarter and month) were counted again. Undo: monitor uploads undo "
        "{upload}.",
    },
    # -- the indicators counted from points ------------------------------------------------
    "points.ind.count": {"nl": "Aantal {soort}", "en": "Number of {soort}"},
    "points.ind.rate": {
        "nl": "{soort} per 1.000 inwoners",
        "en": "{soort} per 1,000 inhabitants",
    },
    "points.ind.handling": {
        "nl": "Mediane afhandeltermijn {soort} (dagen)",
        "en": "Median handling time of {soort} (days)",
    },
    "points.ind.share": {
        "nl": "Aandeel {category} in de {soort} (%)",
        "en": "Share of {category} in the {soort} (%)",
    },
    # -- signals: CLI and page --------------------------------------------------------------
    "signals.col.code": {"nl": "code", "en": "code"},
    "signals.col.name": {"nl": "naam", "en": "name"},
    "signals.col.category": {"nl": "categorie", "en": "category"},
    "signals.col.period": {"nl": "periode", "en": "period"},
    "signals.col.expected": {"nl": "verwacht", "en": "expected"},
    "signals.col.observed": {"nl": "waargenomen", "en": "observed"},
    "signals.title": {"nl": "Signalen", "en": "Signals"},
    "nav.signalen": {"nl": "Signalen", "en": "Signals"},
    "signals.none": {
        "nl": "Geen signalen: in {period} wijkt geen buurt meer af van haar eigen patroon dan "
        "toeval kan verklaren.",
        "en": "No signals: in {period} no buurt departs from its own pattern more than chance "
        "can explain.",
    },
    "signals.no_data": {
        "nl": "Nog geen meldingen met een datum: importeer ze met monitor import punten "
        "BESTAND --soort meldingen.",
        "en": "No meldingen with a date yet: import them with monitor import punten FILE "
        "--soort meldingen.",
    },
    "signals.no_data_page": {
        "nl": "Nog geen meldingen met een datum. Een analist kan ze importeren.",
        "en": "No meldingen with a date yet. An analyst can import them.",
    },
    "signals.short_history": {
        "nl": "Te weinig geschiedenis: een categorie heeft minstens {months} maanden nodig "
        "voordat een maand getoetst wordt.",
        "en": "Too little history: a category needs at least {months} months before a month "
        "is tested.",
    },
    "signals.rule": {
        "nl": "Een signaal alleen als de kans op zoveel of meer meldingen kleiner is dan "
        "1 op 1.000, én er minstens anderhalf keer zoveel zijn als verwacht, én minstens 5 "
        "meer. Verwacht: het eigen niveau van de buurt over de hele geschiedenis, maal het "
        "seizoen van de categorie in de hele stad.",
        "en": "A signal only when the chance of this many meldingen or more is below "
        "1 in 1,000, and there are at least one and a half times as many as expected, and at "
        "least 5 more. Expected: the buurt's own level over its whole history, times the "
        "category's season in the whole city.",
    },
    "signals.sentence": {
        "nl": "{name} ({code}), {category}, {period}: {observed} meldingen, verwacht "
        "ongeveer {expected} — {ratio} keer zoveel.",
        "en": "{name} ({code}), {category}, {period}: {observed} meldingen, about {expected} "
        "expected — {ratio} times as many.",
    },
    "signals.sentence_rest": {
        "nl": "({code}), {category}, {period}: {observed} meldingen, verwacht ongeveer "
        "{expected} — {ratio} keer zoveel.",
        "en": "({code}), {category}, {period}: {observed} meldingen, about {expected} "
        "expected — {ratio} times as many.",
    },
    "signals.chart_observed": {"nl": "meldingen", "en": "meldingen"},
    "signals.chart_expected": {"nl": "verwacht", "en": "expected"},
    "signals.chart_title": {
        "nl": "{name}: {category} per maand",
        "en": "{name}: {category} per month",
    },
    "signals.count_one": {
        "nl": "1 signaal in {period} ({tested} buurten × categorieën getoetst).",
        "en": "1 signal in {period} ({tested} buurten × categories tested).",
    },
    "signals.count": {
        "nl": "{n} signalen in {period} ({tested} buurten × categorieën getoetst).",
        "en": "{n} signals in {period} ({tested} buurten × categories tested).",
    },
}
