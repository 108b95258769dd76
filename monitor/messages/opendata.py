"""Texts of the open-data connectors (``monitor.connectors``) and their commands:
PDOK wijk- en buurtkaart, CBS Kerncijfers wijken en buurten, ``start-gemeente``.
Same shape as the catalogue: key → {nl, en}.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- fetching -------------------------------------------------------------------
    "opendata.unreachable": {
        "nl": "Kan {url} niet bereiken: {error}. Zonder internet: gebruik --bestand met een "
        "gedownload bestand (een eerdere download staat in de cache en werkt offline).",
        "en": "Cannot reach {url}: {error}. Without internet: use --bestand with a "
        "downloaded file (an earlier download is cached and works offline).",
    },
    "opendata.http_status": {
        "nl": "{url} antwoordde met HTTP {status}.",
        "en": "{url} answered with HTTP {status}.",
    },
    "opendata.not_json": {
        "nl": "{url} gaf geen JSON terug.",
        "en": "{url} did not return JSON.",
    },
    "opendata.bad_gemeente": {
        "nl": "'{value}' is geen CBS-gemeentecode; geef bijvoorbeeld GM0363 of 0363.",
        "en": "'{value}' is not a CBS gemeente code; give for example GM0363 or 0363.",
    },
    # -- PDOK -----------------------------------------------------------------------
    "opendata.pdok_not_features": {
        "nl": "{url} gaf geen GeoJSON-FeatureCollection (OGC API Features) terug.",
        "en": "{url} did not return a GeoJSON FeatureCollection (OGC API Features).",
    },
    "opendata.pdok_no_levels": {
        "nl": "In {names} staan geen gemeenten, wijken of buurten (lagen gemeenten, wijken, "
        "buurten of velden gemeentecode, wijkcode, buurtcode).",
        "en": "{names} hold no gemeenten, wijken or buurten (layers gemeenten, wijken, "
        "buurten or fields gemeentecode, wijkcode, buurtcode).",
    },
    "opendata.pdok_no_buurten": {
        "nl": "Geen buurten gevonden voor gemeente(n) {gemeenten}. Klopt de code en het jaar?",
        "en": "No buurten found for gemeente(n) {gemeenten}. Are the code and the year right?",
    },
    # -- CBS KWB --------------------------------------------------------------------
    "opendata.kwb_field_unknown": {
        "nl": "KWB-veld '{name}' verwijst naar indicator '{id}', die niet in de catalogus staat.",
        "en": "KWB field '{name}' refers to indicator '{id}', which is not in the catalogue.",
    },
    "opendata.kwb_no_table": {
        "nl": "Geen CBS-tabel bekend voor de Kerncijfers wijken en buurten {jaar}. Bekend: "
        "{known}. Geef de tabel met --tabel (bv. 85984NED).",
        "en": "No CBS table known for the Kerncijfers wijken en buurten {jaar}. Known: "
        "{known}. Give the table with --tabel (e.g. 85984NED).",
    },
    "opendata.paging_loop": {
        "nl": "{url}: de link naar de volgende pagina wijst na {pages} pagina's terug naar een "
        "pagina die al gelezen is ({page}); de bron blijft rondgaan, de import is gestopt.",
        "en": "{url}: after {pages} pages the link to the next page points back to a page "
        "already read ({page}); the source goes round in circles, the import stopped.",
    },
    "opendata.paging_too_many": {
        "nl": "{url} noemt na {pages} pagina's nog een volgende pagina; meer dan {pages} "
        "pagina's volgen we niet, de import is gestopt. Vraag minder tegelijk (bv. per "
        "gemeente of indicator).",
        "en": "{url} still names a next page after {pages} pages; we follow no more than "
        "{pages} pages, the import stopped. Ask for less at once (e.g. per gemeente or "
        "indicator).",
    },
    "opendata.kwb_not_odata": {
        "nl": "{url} gaf geen OData-antwoord (een lijst 'value') terug.",
        "en": "{url} did not return an OData answer (a list 'value').",
    },
    "opendata.kwb_unreadable": {
        "nl": "Kan '{name}' niet lezen als CBS-bestand (CSV met ';' of JSON).",
        "en": "Cannot read '{name}' as a CBS file (CSV with ';' or JSON).",
    },
    "opendata.kwb_not_a_number": {
        "nl": "'{value}' in het CBS-bestand is geen getal, geen '.' (ontbreekt) en geen 'x' "
        "(geheim).",
        "en": "'{value}' in the CBS file is not a number, nor '.' (missing) nor 'x' (secret).",
    },
    "opendata.kwb_twice": {
        "nl": "Het CBS-bestand heeft veld '{name}' twee keer (met verschillende nummers).",
        "en": "The CBS file has field '{name}' twice (with different numbers).",
    },
    "opendata.kwb_no_codes": {
        "nl": "Het CBS-bestand heeft geen kolom WijkenEnBuurten of Codering. Gevonden: {found}.",
        "en": "The CBS file has no column WijkenEnBuurten or Codering. Found: {found}.",
    },
    "opendata.kwb_no_areas": {
        "nl": "Geen enkele gemeente, wijk of buurt uit de Kerncijfers ({gemeenten}) staat in "
        "de gebiedsindeling. Laad eerst de grenzen: monitor import pdok-wijkenbuurten "
        "--jaar {jaar} --gemeente ….",
        "en": "No gemeente, wijk or buurt of the Kerncijfers ({gemeenten}) is in the "
        "division. Load the boundaries first: monitor import pdok-wijkenbuurten "
        "--jaar {jaar} --gemeente ….",
    },
    "opendata.kwb_no_fields": {
        "nl": "Het CBS-bestand heeft geen van de velden uit de catalogus ({names}).",
        "en": "The CBS file has none of the catalogue's fields ({names}).",
    },
    "opendata.kwb_refused": {
        "nl": "De Kerncijfers zijn niet gepubliceerd: {errors} fouten. {lines}",
        "en": "The Kerncijfers were not published: {errors} errors. {lines}",
    },
    # -- command output -------------------------------------------------------------
    "cli.opendata.pdok_level": {
        "nl": "{level}: {inserted} nieuw, {updated} bijgewerkt, {water} alleen-water overgeslagen.",
        "en": "{level}: {inserted} new, {updated} updated, {water} water-only skipped.",
    },
    "cli.opendata.pdok_done": {
        "nl": "Grenzen geladen in gebiedsindeling '{division}': gemeenten {gemeenten}.",
        "en": "Boundaries loaded into division '{division}': gemeenten {gemeenten}.",
    },
    "cli.opendata.source": {
        "nl": "Bron: {source}",
        "en": "Source: {source}",
    },
    "cli.opendata.kwb_done": {
        "nl": "Kerncijfers {table} gepubliceerd als upload {upload}: {rows} rijen, {values} "
        "waarden, {missing} ontbrekend, {secret} geheim; gemeenten {gemeenten}. Scores zijn "
        "bijgewerkt.",
        "en": "Kerncijfers {table} published as upload {upload}: {rows} rows, {values} "
        "values, {missing} missing, {secret} secret; gemeenten {gemeenten}. Scores are "
        "up to date.",
    },
    "cli.opendata.kwb_national": {
        "nl": "{n} landelijke waarden (rij Nederland) bewaard als referentie voor "
        "'monitor score … --level gemeente --reference nederland'.",
        "en": "{n} national values (row Nederland) kept as the reference for "
        "'monitor score … --level gemeente --reference nederland'.",
    },
    "cli.opendata.kwb_unknown": {
        "nl": "{n} codes uit de Kerncijfers staan niet in de gebiedsindeling en zijn "
        "overgeslagen (bv. alleen-water buurten): {codes}.",
        "en": "{n} codes of the Kerncijfers are not in the division and were skipped "
        "(e.g. water-only buurten): {codes}.",
    },
    "cli.opendata.kwb_fields_missing": {
        "nl": "Niet in deze tabel: {names}.",
        "en": "Not in this table: {names}.",
    },
    "cli.opendata.start_done": {
        "nl": "Gemeente {gemeente} staat klaar in gebiedsindeling '{division}' (actief): "
        "start de app en die opent erop.",
        "en": "Gemeente {gemeente} is ready in division '{division}' (active): start the "
        "app and it opens on it.",
    },
    "cli.opendata.start_others": {
        "nl": "Deze gebiedsindeling bevat ook {others}; de app toont ze allemaal, elke buurt "
        "tegen de eigen gemeente. Alleen {gemeente}: geef --gebiedsindeling een eigen naam.",
        "en": "This division also holds {others}; the app shows all of them, each buurt "
        "against its own gemeente. Only {gemeente}: give --gebiedsindeling a name of its own.",
    },
}
