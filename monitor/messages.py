"""The message catalogue: every text a user reads, in Dutch with an English switch.

Keys are English identifiers; values are format strings. Code elsewhere never holds
user-facing Dutch sentences for views or score explanations, it asks :func:`t`.
"""

from __future__ import annotations

from typing import Any

from monitor.messages_undo import UNDO_MESSAGES

LANGUAGES = ("nl", "en")

MESSAGES: dict[str, dict[str, str]] = {
    # -- app chrome ------------------------------------------------------------------
    "app.title": {"nl": "Buurtmonitor", "en": "Neighbourhood monitor"},
    "app.fictional": {
        "nl": "Voorbeeldstad is een verzonnen stad: alle gebieden en cijfers zijn fictief.",
        "en": "Voorbeeldstad is a made-up city: all areas and figures are fictional.",
    },
    "app.empty": {
        "nl": "De database is nog leeg. Start met 'monitor demo' of importeer gegevens.",
        "en": "The store is empty. Run 'monitor demo' or import data.",
    },
    "app.indicator": {"nl": "Indicator", "en": "Indicator"},
    "app.period": {"nl": "Jaar", "en": "Year"},
    "app.level": {"nl": "Niveau", "en": "Level"},
    "app.method": {"nl": "Methode", "en": "Method"},
    "app.reference": {"nl": "Referentie", "en": "Reference"},
    "app.language": {"nl": "English", "en": "Nederlands"},
    "app.nap_line": {
        "nl": "NAP ({source}): {nap} · spreiding {spread}",
        "en": "NAP ({source}): {nap} · spread {spread}",
    },
    "app.counts": {"nl": "Aantal per klasse", "en": "Count per class"},
    "nav.kaart": {"nl": "Kaart", "en": "Map"},
    "nav.overview": {"nl": "Tabel", "en": "Table"},
    "nav.profiel": {"nl": "Buurtprofiel", "en": "Area profile"},
    "profiel.indicator": {"nl": "Indicator", "en": "Indicator"},
    "profiel.year": {"nl": "Jaar", "en": "Year"},
    "profiel.value": {"nl": "Waarde", "en": "Value"},
    "profiel.nap": {"nl": "NAP", "en": "NAP"},
    "profiel.diff": {"nl": "Verschil", "en": "Difference"},
    "profiel.class": {"nl": "Klasse", "en": "Class"},
    "profiel.trend": {"nl": "Verloop (stippellijn: NAP)", "en": "Trend (dashed: NAP)"},
    "profiel.herkomst": {"nl": "Herkomst", "en": "Source"},
    "profiel.subset": {
        "nl": "Dit profiel toont de {count} indicatoren van '{name}' (van de {total}); "
        "alle indicatoren staan in de Tabel en de Buurtbegroting.",
        "en": "This profile shows the {count} indicators of '{name}' (of {total}); "
        "all indicators are in the Table and the Buurtbegroting.",
    },
    "profiel.source": {"nl": "upload {id}: {file}, {date}", "en": "upload {id}: {file}, {date}"},
    "profiel.aggregated": {
        "nl": "berekend uit de onderliggende gebieden",
        "en": "computed from the areas within",
    },
    "profiel.printed": {
        "nl": "Afgedrukt op {date}. Bron: Buurtmonitor; herkomst per cijfer via "
        "'monitor herkomst'.",
        "en": "Printed on {date}. Source: Buurtmonitor; provenance per number via "
        "'monitor herkomst'.",
    },
    "kaart.palette": {"nl": "Kleuren", "en": "Colours"},
    "palette.standaard": {"nl": "kleurenblind-veilig", "en": "colour-blind safe"},
    "palette.klassiek": {"nl": "klassiek (rood/grijs/groen)", "en": "classic (red/grey/green)"},
    "kaart.zoom": {"nl": "Inzoomen op", "en": "Zoom to"},
    "kaart.zoom_all": {"nl": "hele stad", "en": "whole city"},
    # -- texts inside dcc.Dropdown ---------------------------------------------------
    "dropdown.select_all": {"nl": "Alles kiezen", "en": "Select all"},
    "dropdown.deselect_all": {"nl": "Niets kiezen", "en": "Deselect all"},
    "dropdown.selected_count": {"nl": "{num_selected} gekozen", "en": "{num_selected} selected"},
    "dropdown.search": {"nl": "Zoeken", "en": "Search"},
    "dropdown.clear_search": {"nl": "Zoekterm wissen", "en": "Clear search"},
    "dropdown.clear_selection": {"nl": "Keuze wissen", "en": "Clear selection"},
    "dropdown.no_options_found": {"nl": "Niets gevonden", "en": "No options found"},
    "kaart.notes": {"nl": "Verhalen", "en": "Stories"},
    "kaart.change": {"nl": "verandering t.o.v. {period}", "en": "change since {period}"},
    "kaart.nap": {
        "nl": "NAP {period} ({source}): {nap}. Klik op een gebied voor het buurtprofiel.",
        "en": "NAP {period} ({source}): {nap}. Click an area for its profile.",
    },
    "nav.upload": {"nl": "Uploaden", "en": "Upload"},
    # -- upload page -----------------------------------------------------------------
    "upload.title": {"nl": "Meetingen uploaden", "en": "Upload measurements"},
    "upload.drop": {
        "nl": "Sleep een CSV- of Excel-bestand hierheen, of klik om te kiezen",
        "en": "Drop a CSV or Excel file here, or click to choose",
    },
    "upload.options": {"nl": "Opties voor afwijkende bestanden", "en": "Options for unusual files"},
    "upload.format": {"nl": "Formaat", "en": "Format"},
    "upload.code_pattern": {
        "nl": "Codepatroon (regex, bv. ^(\\S+) voor 'A00a Kop Zeedijk')",
        "en": "Code pattern (regex, e.g. ^(\\S+) for 'A00a Kop Zeedijk')",
    },
    "upload.indicator": {
        "nl": "Indicator (breed bestand met een kolom per jaar)",
        "en": "Indicator (wide file with a column per year)",
    },
    "upload.period": {
        "nl": "Jaar (breed bestand met een kolom per indicator)",
        "en": "Year (wide file with a column per indicator)",
    },
    "upload.map": {"nl": "Kolommen hernoemen (oud=nieuw, …)", "en": "Rename columns (old=new, …)"},
    "upload.checking": {"nl": "Bestand wordt gecontroleerd…", "en": "Checking the file…"},
    "upload.summary": {
        "nl": "{name}: formaat {format}, {rows} waarden gelezen, {errors} fouten, "
        "{warnings} waarschuwingen.",
        "en": "{name}: format {format}, {rows} values read, {errors} errors, {warnings} warnings.",
    },
    "upload.report": {"nl": "Validatierapport", "en": "Validation report"},
    "upload.no_problems": {"nl": "Geen problemen gevonden.", "en": "No problems found."},
    "upload.skipped": {"nl": "Overgeslagen", "en": "Skipped"},
    "upload.preview": {"nl": "Preview: wat verandert er", "en": "Preview: what changes"},
    "upload.changed_values": {"nl": "Gewijzigde waarden", "en": "Changed values"},
    "upload.confirm": {
        "nl": "Ik wil gepubliceerde waarden wijzigen",
        "en": "I want to change published values",
    },
    "upload.publish": {"nl": "Publiceren", "en": "Publish"},
    "upload.published": {
        "nl": "Gepubliceerd als upload {id}: {rows} meetingen. Scores zijn direct bijgewerkt.",
        "en": "Published as upload {id}: {rows} measurements. Scores are updated at once.",
    },
    "upload.has_errors": {
        "nl": "Los eerst de fouten op; er is niets opgeslagen.",
        "en": "Fix the errors first; nothing was stored.",
    },
    "upload.history": {"nl": "Eerdere uploads", "en": "Earlier uploads"},
    "upload.undo": {"nl": "Ongedaan maken", "en": "Undo"},
    "upload.undone": {
        "nl": "Upload {id} is ongedaan gemaakt; {restored} eerdere waarden zijn terug.",
        "en": "Upload {id} was undone; {restored} earlier values are back.",
    },
    "col.id": {"nl": "Id", "en": "Id"},
    "col.kind": {"nl": "Soort", "en": "Kind"},
    "col.file": {"nl": "Bestand", "en": "File"},
    "col.uploader": {"nl": "Door", "en": "By"},
    "col.time": {"nl": "Tijd", "en": "Time"},
    "col.rows": {"nl": "Rijen", "en": "Rows"},
    "col.status": {"nl": "Status", "en": "Status"},
    "col.indicator": {"nl": "Indicator", "en": "Indicator"},
    "col.period": {"nl": "Periode", "en": "Period"},
    "col.nieuw": {"nl": "Nieuw", "en": "New"},
    "col.gewijzigd": {"nl": "Gewijzigd", "en": "Changed"},
    "col.ongewijzigd": {"nl": "Ongewijzigd", "en": "Unchanged"},
    "col.oud": {"nl": "Oud", "en": "Old"},
    # -- trends and NAP-vergelijking (layouts/trends.py, layouts/vergelijking.py) ----
    "nav.trends": {"nl": "Trends", "en": "Trends"},
    "nav.vergelijking": {"nl": "NAP-vergelijking", "en": "NAP comparison"},
    "trends.areas": {"nl": "Gebieden", "en": "Areas"},
    "trends.choose": {
        "nl": "Kies een of meer gebieden om hun verloop te zien.",
        "en": "Choose one or more areas to see their trend.",
    },
    "trends.nap": {"nl": "NAP ({gemiddelde})", "en": "NAP ({gemiddelde})"},
    "trends.stadsdeel": {"nl": "Stadsdeel {naam}", "en": "Borough {naam}"},
    "trends.band": {"nl": "band: {label}", "en": "band: {label}"},
    "trends.note.z": {
        "nl": "Grijze band: rond het {gemiddelde}, dat is NAP ± {band} × de spreiding "
        "tussen de gebieden van dit niveau in dat jaar. Een onderbroken lijn: geen waarde "
        "in dat jaar.",
        "en": "Grey band: around the {gemiddelde}, that is NAP ± {band} × the spread "
        "between the areas of this level in that year. A broken line: no value that year.",
    },
    "trends.note.relatief": {
        "nl": "Grijze band: rond het {gemiddelde}, dat is binnen ±{band} van het NAP. "
        "Een onderbroken lijn: geen waarde in dat jaar.",
        "en": "Grey band: around the {gemiddelde}, that is within ±{band} of NAP. "
        "A broken line: no value that year.",
    },
    "trends.note.index": {
        "nl": "Grijze band: rond het {gemiddelde}, dat is index {low}–{high} (NAP = 100). "
        "Een onderbroken lijn: geen waarde in dat jaar.",
        "en": "Grey band: around the {gemiddelde}, that is index {low}–{high} (NAP = 100). "
        "A broken line: no value that year.",
    },
    "trends.note.absoluut": {
        "nl": "Grijze band: rond het {gemiddelde}, dat is NAP ± {band}. "
        "Een onderbroken lijn: geen waarde in dat jaar.",
        "en": "Grey band: around the {gemiddelde}, that is NAP ± {band}. "
        "A broken line: no value that year.",
    },
    # differences of two values (monitor/numbers.py format_difference)
    "unit.pp": {"nl": "{x} procentpunt", "en": "{x} percentage points"},
    "unit.points": {"nl": "{x} punt", "en": "{x} points"},
    "trends.sentence.below": {
        "nl": "In {year} lag {naam} {diff} onder het {gemiddelde}",
        "en": "In {year} {naam} was {diff} below the {gemiddelde}",
    },
    "trends.sentence.above": {
        "nl": "In {year} lag {naam} {diff} boven het {gemiddelde}",
        "en": "In {year} {naam} was {diff} above the {gemiddelde}",
    },
    "trends.sentence.equal": {
        "nl": "In {year} was {naam} gelijk aan het {gemiddelde}",
        "en": "In {year} {naam} was equal to the {gemiddelde}",
    },
    "trends.sentence.then_below": {
        "nl": "; in {year} was dat {diff} eronder",
        "en": "; in {year} it was {diff} below",
    },
    "trends.sentence.then_above": {
        "nl": "; in {year} was dat {diff} erboven",
        "en": "; in {year} it was {diff} above",
    },
    "trends.sentence.then_equal": {
        "nl": "; in {year} was er geen verschil",
        "en": "; in {year} there was no difference",
    },
    "trends.sentence.none": {
        "nl": "Voor {naam} is er geen jaar met zowel een waarde als een NAP.",
        "en": "For {naam} there is no year with both a value and a NAP.",
    },
    "compare.nap": {
        "nl": "NAP {period} ({source}): {nap}. Een staaf is het verschil van een gebied met "
        "het NAP (de nullijn); de kleur is de klasse.",
        "en": "NAP {period} ({source}): {nap}. A bar is an area's difference from NAP "
        "(the zero line); its colour is the class.",
    },
    "compare.axis": {"nl": "Verschil met het NAP", "en": "Difference from NAP"},
    "compare.axis_in": {
        "nl": "Verschil met het NAP in {unit}",
        "en": "Difference from NAP in {unit}",
    },
    "compare.stadsdelen": {"nl": "Stadsdelen naast elkaar", "en": "Boroughs side by side"},
    "compare.counts": {
        "nl": "Aantal indicatoren slechter dan het {gemiddelde} per {level} ({year})",
        "en": "Number of indicators worse than the {gemiddelde} per {level} ({year})",
    },
    "compare.rule": {
        "nl": "Geteld over {total} gekleurde indicatoren. Per indicator telt het laatste jaar "
        "met metingen tot en met {year} (enquêtes zijn er om het jaar); een gebied zonder "
        "waarde voor een indicator telt daar niet mee.",
        "en": "Counted over {total} coloured indicators. Each indicator counts with its latest "
        "year with measurements up to {year} (surveys are every other year); an area "
        "without a value for an indicator is not counted for it.",
    },
    "compare.years_used": {"nl": "Jaar per indicator", "en": "Year per indicator"},
    "compare.own_method": {
        "nl": "Methode {method} past niet bij {indicators}; daar is de eigen methode gebruikt.",
        "en": "Method {method} does not fit {indicators}; their own method was used.",
    },
    "compare.without_year": {
        "nl": "Niet meegeteld (geen meting tot en met {year}): {indicators}.",
        "en": "Not counted (no measurement up to {year}): {indicators}.",
    },
    "compare.col.slechter": {"nl": "Slechter", "en": "Worse"},
    "compare.col.rond": {"nl": "Rond", "en": "Around"},
    "compare.col.beter": {"nl": "Beter", "en": "Better"},
    "compare.col.geen": {"nl": "Zonder gegevens", "en": "No data"},
    "compare.col.sentence": {"nl": "In woorden", "en": "In words"},
    "compare.sentence": {
        "nl": "{naam} scoort op {worse} van de {total} indicatoren met gegevens slechter dan "
        "het {gemiddelde}{without}.",
        "en": "{naam} scores worse than the {gemiddelde} on {worse} of the {total} indicators "
        "with data{without}.",
    },
    "compare.sentence_one": {
        "nl": "{naam} scoort op {worse} van de {total} indicator met gegevens slechter dan "
        "het {gemiddelde}{without}.",
        "en": "{naam} scores worse than the {gemiddelde} on {worse} of the {total} indicator "
        "with data{without}.",
    },
    "compare.sentence_none": {
        "nl": "Voor {naam} is bij geen enkele indicator een klasse bekend{without}.",
        "en": "For {naam} no indicator has a class{without}.",
    },
    "compare.without_data": {
        "nl": " ({missing} zonder gegevens)",
        "en": " ({missing} without data)",
    },
    "compare.short.veel_beter": {"nl": "veel beter", "en": "much better"},
    "compare.short.beter": {"nl": "beter", "en": "better"},
    "compare.short.rond": {"nl": "rond", "en": "around"},
    "compare.short.slechter": {"nl": "slechter", "en": "worse"},
    "compare.short.veel_slechter": {"nl": "veel slechter", "en": "much worse"},
    "compare.short.meer": {"nl": "meer", "en": "more"},
    "compare.short.minder": {"nl": "minder", "en": "less"},
    "compare.short.niet_gekleurd": {"nl": "niet gekleurd", "en": "not coloured"},
    "compare.short.geen_gegevens": {"nl": "geen gegevens", "en": "no data"},
    # -- blokjeskaart and buurtbegroting (layouts/blokjes.py, layouts/begroting.py) ----
    "nav.blokjes": {"nl": "Blokjeskaart", "en": "Block map"},
    "nav.begroting": {"nl": "Buurtbegroting", "en": "Neighbourhood budget"},
    "blokjes.title": {"nl": "Blokjeskaart", "en": "Block map"},
    "blokjes.intro": {
        "nl": "Op elk gebied een blokje met één cel per indicator, één rij per domein, "
        "gekleurd tegen het gemiddelde van de stad (NAP). Beweeg over een cel voor de "
        "indicator, de waarde en het NAP. Zoom in of kies een stadsdeel om de blokjes goed "
        "te lezen; de Buurtbegroting toont dezelfde cijfers als tabel.",
        "en": "On every area a block with one cell per indicator, one row per domain, "
        "coloured against the city average (NAP). Hover over a cell for the indicator, "
        "its value and the NAP. Zoom in or pick a borough to read the blocks; the "
        "Neighbourhood budget shows the same figures as a table.",
    },
    "blokjes.filter": {"nl": "Stadsdeel of gebied", "en": "Borough or area"},
    "blokjes.filter_all": {"nl": "hele stad", "en": "whole city"},
    "blokjes.set": {
        "nl": "Indicatoren (hoogstens {max}, per domein gegroepeerd)",
        "en": "Indicators (at most {max}, grouped by domain)",
    },
    "blokjes.set_hint": {
        "nl": "Uw eigen keuze vervangt de set '{name}'; alles weghalen zet die set terug.",
        "en": "Your own choice replaces the set '{name}'; removing all restores that set.",
    },
    "blokjes.set_reset": {
        "nl": "De set '{name}' is teruggezet.",
        "en": "The set '{name}' was restored.",
    },
    "blokjes.set_max": {
        "nl": "Hoogstens {max} indicatoren; de eerste {max} zijn gehouden.",
        "en": "At most {max} indicators; the first {max} were kept.",
    },
    "blokjes.set_missing": {
        "nl": "Niet in de catalogus en daarom weggelaten: {ids}.",
        "en": "Not in the catalogue, so left out: {ids}.",
    },
    "blokjes.set_custom": {"nl": "eigen set", "en": "own set"},
    "blokjes.no_set": {
        "nl": "De catalogus heeft geen gekleurde indicatoren voor een blokje.",
        "en": "The catalogue has no coloured indicators for a block.",
    },
    "blokjes.standin": {
        "nl": "vervangende set (per domein de eerste zes gemeten indicatoren)",
        "en": "stand-in set (per domain the first six measured indicators)",
    },
    "blokjes.standin_note": {
        "nl": "Geen indicator van de set '{name}' staat in de catalogus; daarom een "
        "vervangende set. Een eigen standaardset legt u vast zoals in indicators/oost.toml.",
        "en": "No indicator of the set '{name}' is in the catalogue, so a stand-in set is "
        "shown. Define your own default set as in indicators/oost.toml.",
    },
    "blokjes.info": {
        "nl": "{set}: {indicators} indicatoren, {period}, {count} gebieden (niveau {level}).",
        "en": "{set}: {indicators} indicators, {period}, {count} areas (level {level}).",
    },
    "blokjes.no_areas": {
        "nl": "Geen gebieden van dit niveau in de gekozen selectie.",
        "en": "No areas of this level in the chosen selection.",
    },
    "blokjes.hover": {
        "nl": "Beweeg over een cel voor de cijfers.",
        "en": "Hover over a cell for the figures.",
    },
    "blokjes.legend_classes": {"nl": "Kleuren", "en": "Colours"},
    "blokjes.legend_rows": {"nl": "Opbouw van een blokje", "en": "How a block is built"},
    "blokjes.year_used": {"nl": "meting {year}", "en": "measured {year}"},
    "blokjes.no_year": {
        "nl": "geen meting in of vóór {period}",
        "en": "no measurement in or before {period}",
    },
    "begroting.title": {"nl": "Buurtbegroting", "en": "Neighbourhood budget"},
    "begroting.intro": {
        "nl": "Per gebied de indicatoren van de set in NAP-kleuren, per domein gegroepeerd. "
        "Klik op een kolomkop om te sorteren (nogmaals: aflopend). Kies met de "
        "indicatorenlijst welke kolommen u ziet.",
        "en": "Per area the indicators of the set in NAP colours, grouped by domain. "
        "Click a column head to sort (again: descending). Choose the columns with the "
        "indicator list.",
    },
    "begroting.columns": {
        "nl": "Kolommen: indicatoren (hoogstens {max}, per domein gegroepeerd)",
        "en": "Columns: indicators (at most {max}, grouped by domain)",
    },
    "begroting.export_csv": {"nl": "Download CSV", "en": "Download CSV"},
    "begroting.export_xlsx": {"nl": "Download Excel", "en": "Download Excel"},
    "begroting.nap_row": {"nl": "NAP (gemiddelde van de stad)", "en": "NAP (city average)"},
    "begroting.class_column": {"nl": "{label} – klasse", "en": "{label} – class"},
    "begroting.budget": {"nl": "Begroting {period}", "en": "Budget {period}"},
    "begroting.budget_planned": {"nl": "Begroot (€)", "en": "Planned (€)"},
    "begroting.budget_realised": {"nl": "Gerealiseerd (€)", "en": "Realised (€)"},
    "begroting.budget_note": {
        "nl": "De downloads bevatten de begrotingskolommen in euro's en per inwoner; het "
        "Excel-bestand heeft ook een blad met de subtotalen en totalen.",
        "en": "The downloads hold the budget columns in euros and per inhabitant; the Excel "
        "file also has a sheet with the subtotals and totals.",
    },
    "begroting.sort": {"nl": "Sorteer op {label}", "en": "Sort by {label}"},
    "begroting.caption": {
        "nl": "Buurtbegroting {period}: {count} gebieden tegen het NAP",
        "en": "Neighbourhood budget {period}: {count} areas against the NAP",
    },
    "begroting.year_note": {
        "nl": "Een indicator zonder meting in {period} toont zijn laatste meting daarvoor; "
        "het jaar staat dan in de kolomkop.",
        "en": "An indicator without a measurement in {period} shows its latest earlier "
        "measurement; its year is then in the column head.",
    },
    # -- table columns ---------------------------------------------------------------
    "col.code": {"nl": "Code", "en": "Code"},
    "col.naam": {"nl": "Gebied", "en": "Area"},
    "col.value": {"nl": "Waarde", "en": "Value"},
    "col.nap": {"nl": "NAP", "en": "NAP"},
    "col.z": {"nl": "z", "en": "z"},
    "col.klasse": {"nl": "Klasse", "en": "Class"},
    "col.reden": {"nl": "Toelichting", "en": "Explanation"},
    # -- levels ----------------------------------------------------------------------
    "level.buurt": {"nl": "Buurt", "en": "Neighbourhood (buurt)"},
    "level.wijk": {"nl": "Wijk", "en": "District (wijk)"},
    "level.gebied": {"nl": "Gebied", "en": "Area (gebied)"},
    "level.stadsdeel": {"nl": "Stadsdeel", "en": "Borough (stadsdeel)"},
    "level.gemeente": {"nl": "Gemeente", "en": "Municipality"},
    "app.level_no_data": {
        "nl": "{level}: geen gegevens op dit niveau",
        "en": "{level}: no data at this level",
    },
    # -- classes (PRODUCT.md §1, §5) ------------------------------------------------
    "class.beter": {
        "nl": "beter dan het {gemiddelde}",
        "en": "better than the {gemiddelde}",
    },
    "class.veel_beter": {
        "nl": "veel beter dan het {gemiddelde}",
        "en": "much better than the {gemiddelde}",
    },
    "class.rond": {"nl": "rond het {gemiddelde}", "en": "around the {gemiddelde}"},
    "class.slechter": {
        "nl": "slechter dan het {gemiddelde}",
        "en": "worse than the {gemiddelde}",
    },
    "class.veel_slechter": {
        "nl": "veel slechter dan het {gemiddelde}",
        "en": "much worse than the {gemiddelde}",
    },
    "class.meer": {"nl": "meer dan het {gemiddelde}", "en": "more than the {gemiddelde}"},
    "class.minder": {
        "nl": "minder dan het {gemiddelde}",
        "en": "less than the {gemiddelde}",
    },
    "class.geen_gegevens": {"nl": "geen gegevens bekend", "en": "no data available"},
    "class.niet_gekleurd": {"nl": "niet gekleurd (aantal)", "en": "not coloured (count)"},
    "average.amsterdam": {"nl": "Amsterdams gemiddelde", "en": "city average"},
    "average.city": {"nl": "gemiddelde van {gemeente}", "en": "average of {gemeente}"},
    # -- NAP sources -----------------------------------------------------------------
    "nap.stadswaarde": {"nl": "stadswaarde", "en": "city value"},
    "nap.gewogen gemiddelde": {"nl": "gewogen gemiddelde", "en": "weighted mean"},
    "nap.gemiddelde": {"nl": "gemiddelde", "en": "mean"},
    "nap.basisjaar": {"nl": "basisjaar {year}", "en": "base year {year}"},
    "nap.onvolledig": {"nl": "onvolledig", "en": "incomplete"},
    # -- coverage: may the measured areas stand for the city (monitor/coverage.py) ------
    "coverage.areas.buurt": {"nl": "buurten", "en": "neighbourhoods"},
    "coverage.areas.wijk": {"nl": "wijken", "en": "districts"},
    "coverage.areas.gebied": {"nl": "gebieden", "en": "areas"},
    "coverage.areas.stadsdeel": {"nl": "stadsdelen", "en": "boroughs"},
    "coverage.areas.gemeente": {"nl": "gemeenten", "en": "municipalities"},
    "coverage.basis.inwoners": {"nl": "inwoners", "en": "residents"},
    "coverage.summary": {
        "nl": "onvolledig: {covered} van {total} {areas}; geen stadswaarde",
        "en": "incomplete: {covered} of {total} {areas}; no city value",
    },
    "coverage.summary_population": {
        "nl": "onvolledig: {covered} van {total} {areas} ({share} van de inwoners); "
        "geen stadswaarde",
        "en": "incomplete: {covered} of {total} {areas} ({share} of the residents); no city value",
    },
    "coverage.nap": {
        "nl": "NAP {period}: niet bepaald, {summary}. Daarom krijgen de {areas} dit jaar "
        "geen kleur; kies een eerder jaar.",
        "en": "NAP {period}: not determined, {summary}. So the {areas} get no colour this "
        "year; choose an earlier year.",
    },
    "coverage.upload": {
        "nl": "{indicator}, {period}: {covered} van {total} {areas}; zonder stadswaarde "
        "krijgt dit jaar geen kleuren (daarvoor zijn metingen voor minstens {needed} "
        "{areas} nodig, {minimum}).",
        "en": "{indicator}, {period}: {covered} of {total} {areas}; without a city value "
        "this year gets no colours (that needs measurements for at least {needed} "
        "{areas}, {minimum}).",
    },
    "coverage.upload_population": {
        "nl": "{indicator}, {period}: {covered} van {total} {areas}, {share} van de inwoners; "
        "zonder stadswaarde krijgt dit jaar geen kleuren (daarvoor zijn metingen nodig "
        "voor minstens {minimum} van de inwoners).",
        "en": "{indicator}, {period}: {covered} of {total} {areas}, {share} of the "
        "residents; without a city value this year gets no colours (that needs "
        "measurements for at least {minimum} of the residents).",
    },
    "coverage.upload_title": {
        "nl": "Let op: onvolledige jaren",
        "en": "Note: incomplete years",
    },
    "coverage.upload_note": {
        "nl": "U kunt toch publiceren; de kaart en de andere pagina's openen dan op het "
        "laatste jaar dat wel kleuren heeft. Met een stadswaarde (een rij met gebiedcode "
        "{code}) krijgt het jaar wel kleuren.",
        "en": "You can still publish; the map and the other pages then open on the latest "
        "year that does have colours. With a city value (a row with area code {code}) the "
        "year does get colours.",
    },
    "reason.onvolledig": {
        "nl": "Geen kleur in {period}, {summary}. Zonder stadswaarde wordt het NAP berekend "
        "uit de {areas}, en daarvoor zijn metingen nodig voor minstens {minimum} van de "
        "{basis}.",
        "en": "No colour in {period}, {summary}. Without a city value NAP is computed from "
        "the {areas}, which needs measurements for at least {minimum} of the {basis}.",
    },
    # -- reasons: why a value has its class ---------------------------------------
    "reason.geen_meting": {
        "nl": "Geen meting voor dit gebied in {period}.",
        "en": "No measurement for this area in {period}.",
    },
    "reason.leeg": {
        "nl": "Waarde niet gepubliceerd door de bron.",
        "en": "Value not published by the source.",
    },
    "reason.onderdrukt": {
        "nl": "Waarde onderdrukt door de bron (te kleine aantallen).",
        "en": "Value suppressed by the source (small numbers).",
    },
    "reason.afgetopt": {
        "nl": "Waarde afgetopt op 90% (publicatieregel BBGA); de werkelijke waarde is onbekend.",
        "en": "Value capped at 90% (BBGA publication rule); the true value is unknown.",
    },
    "reason.te_weinig_inwoners": {
        "nl": "Minder dan {minimum} {base} ({population}); de waarde wordt niet getoond.",
        "en": "Fewer than {minimum} {base} ({population}); the value is not shown.",
    },
    "reason.te_weinig_respondenten": {
        "nl": "Minder dan {minimum} respondenten (n = {n}); de waarde wordt niet getoond.",
        "en": "Fewer than {minimum} respondents (n = {n}); the value is not shown.",
    },
    "reason.prognose": {
        "nl": "Prognose, geen meting: prognoses worden niet gescoord.",
        "en": "Forecast, not a measurement: forecasts are not scored.",
    },
    "reason.geen_nap": {
        "nl": "Geen Amsterdams Peil te bepalen voor {period}.",
        "en": "No city reference (NAP) available for {period}.",
    },
    "reason.geen_spreiding": {
        "nl": "Spreiding niet te bepalen: te weinig gebieden met een waarde.",
        "en": "Spread cannot be determined: too few areas with a value.",
    },
    "reason.nap_nul": {
        "nl": "NAP is 0 of negatief; een relatieve vergelijking is niet mogelijk.",
        "en": "NAP is zero or negative; a relative comparison is impossible.",
    },
    "reason.niet_significant": {
        "nl": "Verschil met NAP niet significant: 95%-betrouwbaarheidsinterval "
        "{low} – {high} (n = {n}) bevat het NAP.",
        "en": "Difference with NAP not significant: 95% confidence interval "
        "{low} – {high} (n = {n}) contains the NAP.",
    },
    "reason.niet_gekleurd": {
        "nl": "Absolute aantallen krijgen geen kleur.",
        "en": "Absolute numbers are not coloured.",
    },
    "reason.z": {
        "nl": "z = {z}; rond betekent |z| < {band}. {direction}",
        "en": "z = {z}; around means |z| < {band}. {direction}",
    },
    "reason.relatief": {
        "nl": "{pct} ten opzichte van NAP; rond betekent binnen ±{band}. {direction}",
        "en": "{pct} relative to NAP; around means within ±{band}. {direction}",
    },
    "reason.absoluut": {
        "nl": "Verschil met NAP {diff}; rond betekent binnen ±{band}. {direction}",
        "en": "Difference with NAP {diff}; around means within ±{band}. {direction}",
    },
    "reason.index": {
        "nl": "Index {index} (NAP = 100); rond betekent {low}–{high}. {direction}",
        "en": "Index {index} (NAP = 100); around means {low}–{high}. {direction}",
    },
    "direction.hoger-beter": {"nl": "Hoger is beter.", "en": "Higher is better."},
    "direction.lager-beter": {"nl": "Lager is beter.", "en": "Lower is better."},
    "direction.neutraal": {
        "nl": "Neutraal: meer of minder, niet beter of slechter.",
        "en": "Neutral: more or less, not better or worse.",
    },
    "direction.geen": {"nl": "", "en": ""},
    # -- uncertainty, skewed distributions and the method chooser (issue 10) ---------
    "uncertain.marker": {"nl": "±", "en": "±"},
    "uncertain.legend": {
        "nl": "± rond door onzekerheid: het 95%-interval bevat het gemiddelde",
        "en": "± around because of uncertainty: the 95% interval contains the average",
    },
    "uncertain.legend_count": {
        "nl": "± rond door onzekerheid ({count}): het 95%-interval bevat het gemiddelde",
        "en": "± around because of uncertainty ({count}): the 95% interval contains the average",
    },
    "uncertain.words": {"nl": "rond door onzekerheid", "en": "around because of uncertainty"},
    "skew.hint": {
        "nl": "Deze verdeling is scheef: de meeste {areas} liggen dicht bij elkaar en enkele "
        "ver erboven; de band 'rond' zegt daardoor weinig. Overweeg de robuuste spreiding.",
        "en": "This distribution is skewed: most {areas} lie close together and a few far "
        "above; the band 'around' therefore says little. Consider the robust spread.",
    },
    "skew.tag": {"nl": "scheve verdeling", "en": "skewed distribution"},
    "skew.profile": {"nl": "Scheve verdeling bij: {indicators}.", "en": "Skewed: {indicators}."},
    "skew.areas.buurt": {"nl": "buurten", "en": "neighbourhoods"},
    "skew.areas.wijk": {"nl": "wijken", "en": "districts"},
    "skew.areas.gebied": {"nl": "gebieden", "en": "areas"},
    "skew.areas.stadsdeel": {"nl": "stadsdelen", "en": "boroughs"},
    "spread.unknown": {
        "nl": "Spreiding '{kind}' onbekend; kies uit {kinds}.",
        "en": "Spread '{kind}' is unknown; choose from {kinds}.",
    },
    "spread.log_not_positive": {
        "nl": "Spreiding 'log' (z op logaritmische waarden) kan alleen bij waarden boven 0: "
        "{area} heeft {value} ({count} gebied(en) met 0 of minder). Kies spread = 'mad' "
        "voor deze indicator.",
        "en": "Spread 'log' (z on log values) needs values above 0: {area} has {value} "
        "({count} area(s) at 0 or below). Choose spread = 'mad' for this indicator.",
    },
    "trends.note.spread": {
        "nl": "De spreiding is hier {kind}.",
        "en": "The spread here is {kind}.",
    },
    "spread.kind.sd": {"nl": "standaarddeviatie", "en": "standard deviation"},
    "spread.kind.mad": {"nl": "robuust (MAD)", "en": "robust (MAD)"},
    "spread.kind.log": {"nl": "op log-schaal", "en": "on a log scale"},
    "method.z": {"nl": "afwijking van het gemiddelde", "en": "deviation from the average"},
    "method.z5": {"nl": "vijf klassen", "en": "five classes"},
    "method.relatief": {"nl": "relatief verschil (±10%)", "en": "relative difference (±10%)"},
    "method.absoluut": {"nl": "absoluut verschil", "en": "absolute difference"},
    "method.index": {"nl": "index t.o.v. NAP (90–110)", "en": "index against NAP (90–110)"},
    "method.default": {"nl": "{label} (standaard)", "en": "{label} (default)"},
    "agenda.state.bereikt_marge.nap": {
        "nl": "Doel bereikt, binnen de foutmarge: het 95%-interval {low} – {high} bevat het "
        "gemiddelde",
        "en": "Goal reached, within the margin of error: the 95% interval {low} – {high} "
        "contains the average",
    },
    "agenda.state.bereikt_marge.waarde": {
        "nl": "Doel bereikt, binnen de foutmarge: het 95%-interval {low} – {high} bevat de "
        "streefwaarde",
        "en": "Goal reached, within the margin of error: the 95% interval {low} – {high} "
        "contains the target",
    },
    # -- keyboard access to the maps (assets/blokjes.js, assets/kaart.js) ------------
    "a11y.skip_map": {
        "nl": "Sla de kaart over (naar de legenda)",
        "en": "Skip the map (to the legend)",
    },
    "blokjes.keyboard": {
        "nl": "Met het toetsenbord: Tab gaat van blokje naar blokje, de pijltjestoetsen van "
        "cel naar cel; Escape sluit de uitleg.",
        "en": "With the keyboard: Tab moves from block to block, the arrow keys from cell "
        "to cell; Escape closes the explanation.",
    },
    # -- accounts and safety -------------------------------------------------------
    "auth.login": {"nl": "Inloggen", "en": "Log in"},
    "auth.logout": {"nl": "Uitloggen", "en": "Log out"},
    "auth.username": {"nl": "Gebruikersnaam", "en": "Username"},
    "auth.password": {"nl": "Wachtwoord", "en": "Password"},
    "auth.intro": {
        "nl": "Log in met het account dat een beheerder voor u heeft aangemaakt.",
        "en": "Log in with the account an administrator created for you.",
    },
    "auth.skip": {
        "nl": "Verder zonder inloggen (alleen lezen)",
        "en": "Continue without logging in (read only)",
    },
    "auth.wrong": {
        "nl": "Gebruikersnaam of wachtwoord klopt niet.",
        "en": "Wrong username or password.",
    },
    "auth.blocked": {
        "nl": "Te veel mislukte pogingen. Probeer het over {wait} opnieuw.",
        "en": "Too many failed attempts. Try again in {wait}.",
    },
    "auth.seconds": {"nl": "{n} seconden", "en": "{n} seconds"},
    "auth.minutes": {"nl": "{n} minuten", "en": "{n} minutes"},
    "auth.expired": {
        "nl": "Uw sessie is verlopen; log opnieuw in.",
        "en": "Your session has expired; please log in again.",
    },
    "auth.logged_out": {"nl": "U bent uitgelogd.", "en": "You are logged out."},
    "auth.csrf": {
        "nl": "Het formulier is verlopen of ongeldig (beveiligingstoken). Laad de pagina "
        "opnieuw en probeer het nog eens.",
        "en": "The form has expired or is invalid (security token). Reload the page and try again.",
    },
    "auth.login_needed": {
        "nl": "Log in om dit te doen.",
        "en": "Log in to do this.",
    },
    "auth.role_needed": {
        "nl": "Uw rol ({role}) mag dit niet; daarvoor is de rol {needed} nodig.",
        "en": "Your role ({role}) may not do this; it needs the role {needed}.",
    },
    "auth.unmarked": {
        "nl": "Geweigerd: deze actie heeft geen toegangsregel.",
        "en": "Refused: this action has no access rule.",
    },
    "auth.too_large": {
        "nl": "Geweigerd: het verzoek is groter dan {limit} MB.",
        "en": "Refused: the request is larger than {limit} MB.",
    },
    "auth.sso_button": {
        "nl": "Inloggen met uw organisatie-account",
        "en": "Log in with your organisation account",
    },
    "auth.sso_or": {
        "nl": "Of log in met een gebruikersnaam en wachtwoord van Buurtmonitor:",
        "en": "Or log in with a Buurtmonitor username and password:",
    },
    "auth.sso_no_role": {
        "nl": "U bent aangemeld bij uw organisatie, maar uw account geeft geen toegang tot "
        "Buurtmonitor: u zit in geen van de groepen die toegang geven. Vraag uw beheerder "
        "om toegang.",
        "en": "You are signed in at your organisation, but your account gives no access to "
        "Buurtmonitor: you are in none of the groups that do. Ask your administrator for "
        "access.",
    },
    "auth.sso_no_name": {
        "nl": "De inlogdienst van uw organisatie gaf geen bruikbare gebruikersnaam of "
        "e-mailadres door. Neem contact op met uw beheerder.",
        "en": "Your organisation's sign-in service passed no usable username or e-mail "
        "address. Contact your administrator.",
    },
    "auth.sso_local": {
        "nl": "Er bestaat al een Buurtmonitor-account met wachtwoord onder dezelfde naam als "
        "uw organisatie-account. Log in met dat wachtwoord, of vraag een beheerder om het "
        "account te koppelen.",
        "en": "A Buurtmonitor account with a password already has the name of your "
        "organisation account. Log in with that password, or ask an administrator to link "
        "the account.",
    },
    "auth.sso_disabled": {
        "nl": "Uw account in Buurtmonitor is uitgeschakeld. Neem contact op met een beheerder.",
        "en": "Your Buurtmonitor account is disabled. Contact an administrator.",
    },
    "auth.sso_expired": {
        "nl": "Deze inlogpoging is verlopen of al gebruikt. Probeer het opnieuw.",
        "en": "This sign-in attempt has expired or was already used. Please try again.",
    },
    "auth.sso_denied": {
        "nl": "De inlogdienst van uw organisatie heeft het inloggen geweigerd of afgebroken.",
        "en": "Your organisation's sign-in service refused or cancelled the sign-in.",
    },
    "auth.sso_invalid": {
        "nl": "Het antwoord van de inlogdienst van uw organisatie klopt niet; u bent niet "
        "ingelogd. Probeer het opnieuw of neem contact op met uw beheerder.",
        "en": "The answer of your organisation's sign-in service is not valid; you are not "
        "logged in. Try again or contact your administrator.",
    },
    "auth.sso_unreachable": {
        "nl": "De inlogdienst van uw organisatie is nu niet bereikbaar. Probeer het later "
        "opnieuw, of log in met een gebruikersnaam en wachtwoord.",
        "en": "Your organisation's sign-in service cannot be reached now. Try again later, "
        "or log in with a username and password.",
    },
    "auth.user": {"nl": "{user} ({role})", "en": "{user} ({role})"},
    "role.lezer": {"nl": "lezer", "en": "reader"},
    "role.analist": {"nl": "analist", "en": "analyst"},
    "role.beheerder": {"nl": "beheerder", "en": "administrator"},
    "nav.beheer": {"nl": "Beheer", "en": "Administration"},
    "upload.need_login": {
        "nl": "Uploaden, publiceren en ongedaan maken kan alleen een analist of beheerder. "
        "Log in om verder te gaan.",
        "en": "Only an analyst or administrator can upload, publish and undo. Log in to continue.",
    },
    "upload.need_role": {
        "nl": "Uploaden, publiceren en ongedaan maken kan alleen een analist of beheerder; "
        "u bent ingelogd als {role}. Vraag een beheerder om een andere rol.",
        "en": "Only an analyst or administrator can upload, publish and undo; you are "
        "logged in as {role}. Ask an administrator for another role.",
    },
    "beheer.title": {"nl": "Beheer", "en": "Administration"},
    "beheer.denied": {
        "nl": "Deze pagina is alleen voor beheerders.",
        "en": "This page is for administrators only.",
    },
    "beheer.users": {"nl": "Gebruikers", "en": "Users"},
    "beheer.add": {"nl": "Gebruiker toevoegen", "en": "Add user"},
    "beheer.name": {"nl": "Gebruikersnaam", "en": "Username"},
    "beheer.role": {"nl": "Rol", "en": "Role"},
    "beheer.add_button": {"nl": "Toevoegen", "en": "Add"},
    "beheer.change": {"nl": "Gebruiker wijzigen", "en": "Change user"},
    "beheer.user": {"nl": "Gebruiker", "en": "User"},
    "beheer.role_button": {"nl": "Rol wijzigen", "en": "Change role"},
    "beheer.reset_button": {"nl": "Nieuw wachtwoord", "en": "New password"},
    "beheer.remove_button": {"nl": "Verwijderen", "en": "Remove"},
    "beheer.remove_confirm": {
        "nl": "Ja, deze gebruiker verwijderen",
        "en": "Yes, remove this user",
    },
    "beheer.remove_unconfirmed": {
        "nl": "Vink eerst aan dat u de gebruiker wilt verwijderen.",
        "en": "Tick the box first to confirm the removal.",
    },
    "beheer.choose_user": {"nl": "Kies eerst een gebruiker.", "en": "Choose a user first."},
    "beheer.added": {
        "nl": "Gebruiker {user} ({role}) is aangemaakt met het wachtwoord hieronder. Geef "
        "het veilig door; het wordt niet nog eens getoond.",
        "en": "User {user} ({role}) was created with the password below. Pass it on "
        "safely; it is not shown again.",
    },
    "beheer.reset": {
        "nl": "Nieuw wachtwoord voor {user} (hieronder); wordt niet nog eens getoond. "
        "Lopende sessies van {user} zijn beëindigd.",
        "en": "New password for {user} (below); it is not shown again. Open sessions "
        "of {user} have ended.",
    },
    "beheer.role_changed": {
        "nl": "{user} heeft nu de rol {role}.",
        "en": "{user} now has the role {role}.",
    },
    "beheer.removed": {"nl": "Gebruiker {user} is verwijderd.", "en": "User {user} was removed."},
    "beheer.audit": {"nl": "Auditlog", "en": "Audit log"},
    "beheer.audit_filter": {
        "nl": "Zoeken (wie, wat of waarop)",
        "en": "Search (who, what or target)",
    },
    "beheer.audit_export": {"nl": "Exporteren (CSV)", "en": "Export (CSV)"},
    "beheer.audit_shown": {
        "nl": "De nieuwste {shown} van {total} regels; de export bevat alles.",
        "en": "The newest {shown} of {total} lines; the export has everything.",
    },
    "col.username": {"nl": "Gebruikersnaam", "en": "Username"},
    "col.role": {"nl": "Rol", "en": "Role"},
    "col.display_name": {"nl": "Naam", "en": "Name"},
    "col.created_at": {"nl": "Aangemaakt", "en": "Created"},
    "col.last_login_at": {"nl": "Laatst ingelogd", "en": "Last login"},
    "col.at": {"nl": "Tijd", "en": "Time"},
    "col.actor": {"nl": "Wie", "en": "Who"},
    "col.action": {"nl": "Wat", "en": "What"},
    "col.target": {"nl": "Waarop", "en": "Target"},
    "col.detail": {"nl": "Details", "en": "Details"},
    # -- buurtbegroting: budget lines ----------------------------------------------
    "begroting.budget_year": {"nl": "Begrotingsjaar", "en": "Budget year"},
    "begroting.unit": {"nl": "Bedragen", "en": "Amounts"},
    "begroting.unit_inwoner": {"nl": "€ per inwoner", "en": "€ per inhabitant"},
    "begroting.unit_euro": {"nl": "totaal in €", "en": "total in €"},
    "begroting.programmes": {
        "nl": "Programma's (leeg: alle met begrotingsregels)",
        "en": "Programmes (empty: all with budget lines)",
    },
    "begroting.planned": {"nl": "begroot", "en": "planned"},
    "begroting.realised": {"nl": "gerealiseerd", "en": "realised"},
    "begroting.all_programmes": {"nl": "Alle programma's", "en": "All programmes"},
    "begroting.inhabitants": {"nl": "Inwoners {year}", "en": "Inhabitants {year}"},
    "begroting.inhabitants_word": {"nl": "inwoners", "en": "inhabitants"},
    "begroting.per_inhabitant": {"nl": "per inwoner", "en": "per inhabitant"},
    "begroting.budget_unit": {"nl": "Begroting {year} ({unit})", "en": "Budget {year} ({unit})"},
    "begroting.subtotal": {"nl": "Subtotaal {name}", "en": "Subtotal {name}"},
    "begroting.total": {"nl": "Totaal {name}", "en": "Total {name}"},
    "begroting.unallocated": {
        "nl": "Hoger geboekt binnen {name}, niet per rij verdeeld",
        "en": "Booked higher up within {name}, not split per row",
    },
    "begroting.kind": {"nl": "Soort regel", "en": "Row type"},
    "begroting.kind_subtotaal": {"nl": "subtotaal", "en": "subtotal"},
    "begroting.kind_totaal": {"nl": "totaal", "en": "total"},
    "begroting.kind_niet_verdeeld": {"nl": "niet verdeeld", "en": "not split"},
    "begroting.kind_subtotaal_level": {"nl": "subtotaal {level}", "en": "subtotal {level}"},
    "upload.undone_budget": {
        "nl": "Upload {id} is ongedaan gemaakt; {restored} eerdere begrotingsregels zijn terug.",
        "en": "Upload {id} was undone; {restored} earlier budget lines are back.",
    },
    "begroting.sheet_totals": {"nl": "totalen", "en": "totals"},
    "begroting.cell_title": {
        "nl": "{programme}, {measure} {year}: {euros}; {each} per inwoner ({people} inwoners)",
        "en": "{programme}, {measure} {year}: {euros}; {each} per inhabitant "
        "({people} inhabitants)",
    },
    "begroting.no_budget": {
        "nl": "Nog geen begrotingsregels. Importeer ze met 'monitor import begroting' of op de "
        "pagina Uploaden (soort: begroting).",
        "en": "No budget lines yet. Import them with 'monitor import begroting' or on the "
        "Upload page (kind: budget).",
    },
    "begroting.budget_info": {
        "nl": "Begroting {year}: wat er per programma begroot en gerealiseerd is, naast de "
        "opgave van het gebied. Een lege cel bij gerealiseerd: nog niet verantwoord (telt niet "
        "mee in de totalen). Per inwoner: {indicator} {population_year}. Subtotalen en "
        "totalen tellen ook regels die op de wijk, het gebied of het stadsdeel zelf geboekt "
        "zijn.",
        "en": "Budget {year}: what was planned and realised per programme, beside the "
        "area's tasks. An empty realised cell: not yet accounted for (left out of totals). "
        "Per inhabitant: {indicator} {population_year}. Subtotals and totals include lines "
        "booked on the wijk, gebied or stadsdeel itself.",
    },
    "begroting.no_population": {
        "nl": "Geen inwonertal bekend: bedragen per inwoner ontbreken.",
        "en": "No population known: amounts per inhabitant are missing.",
    },
    "upload.kind": {"nl": "Soort bestand", "en": "Kind of file"},
    "upload.summary_budget": {
        "nl": "{name}: formaat {format}, {rows} begrotingsregels gelezen, {errors} fouten, "
        "{warnings} waarschuwingen.",
        "en": "{name}: format {format}, {rows} budget lines read, {errors} errors, "
        "{warnings} warnings.",
    },
    "upload.kind_auto": {
        "nl": "herken aan de kopregel",
        "en": "recognise by the header",
    },
    "upload.kind_meetingen": {"nl": "meetingen", "en": "measurements"},
    "upload.kind_begroting": {"nl": "begroting (begrotingsregels)", "en": "budget (budget lines)"},
    "upload.published_budget": {
        "nl": "Gepubliceerd als upload {id}: {rows} begrotingsregels.",
        "en": "Published as upload {id}: {rows} budget lines.",
    },
    "col.programme": {"nl": "Programma", "en": "Programme"},
    "col.year": {"nl": "Jaar", "en": "Year"},
    "col.description": {"nl": "Omschrijving", "en": "Description"},
    "col.planned_old": {"nl": "Begroot (oud)", "en": "Planned (old)"},
    "col.planned_new": {"nl": "Begroot (nieuw)", "en": "Planned (new)"},
    "col.realised_old": {"nl": "Gerealiseerd (oud)", "en": "Realised (old)"},
    "col.realised_new": {"nl": "Gerealiseerd (nieuw)", "en": "Realised (new)"},
    "summary.programme": {"nl": "Programma ({year})", "en": "Programme ({year})"},
    "summary.planned": {"nl": "Begroot (€)", "en": "Planned (€)"},
    "summary.realised": {"nl": "Gerealiseerd (€)", "en": "Realised (€)"},
    "summary.planned_each": {"nl": "Begroot per inwoner (€)", "en": "Planned per inhabitant (€)"},
    # -- gebiedsagenda and verhalen ------------------------------------------------
    "nav.agenda": {"nl": "Gebiedsagenda", "en": "Area agenda"},
    "agenda.title": {"nl": "Gebiedsagenda en verhalen", "en": "Area agenda and stories"},
    "agenda.intro": {
        "nl": "Doelen per gebied met acties en voortgang, en verhalen: wat bewoners en "
        "partners vertellen. Cijfers naast verhalen.",
        "en": "Goals per area with actions and progress, and stories: what residents and "
        "partners say. Numbers beside stories.",
    },
    "agenda.area": {"nl": "Gebied", "en": "Area"},
    "agenda.choose_area": {"nl": "Kies een gebied.", "en": "Choose an area."},
    "agenda.goals": {"nl": "Gebiedsagenda", "en": "Area agenda"},
    "agenda.no_goals": {
        "nl": "Nog geen doelen voor dit gebied.",
        "en": "No goals for this area yet.",
    },
    "agenda.actions": {"nl": "Acties", "en": "Actions"},
    "agenda.no_actions": {"nl": "Nog geen acties.", "en": "No actions yet."},
    "agenda.notes": {"nl": "Verhalen", "en": "Stories"},
    "agenda.no_notes": {
        "nl": "Nog geen verhalen voor dit gebied.",
        "en": "No stories for this area yet.",
    },
    "agenda.profile_link": {"nl": "Buurtprofiel", "en": "Area profile"},
    "agenda.agenda_link": {"nl": "Gebiedsagenda bewerken", "en": "Edit the area agenda"},
    "agenda.pdf_link": {
        "nl": "Gebiedsanalyse als PDF",
        "en": "Area analysis as PDF",
    },
    "agenda.edit": {"nl": "Bewerken", "en": "Edit"},
    "agenda.remove": {"nl": "Verwijderen", "en": "Remove"},
    "agenda.save": {"nl": "Opslaan", "en": "Save"},
    "agenda.cancel": {"nl": "Annuleren", "en": "Cancel"},
    "agenda.form.goal": {"nl": "Doel toevoegen", "en": "Add a goal"},
    "agenda.form.goal_edit": {"nl": "Doel {id} bewerken", "en": "Edit goal {id}"},
    "agenda.form.action": {"nl": "Actie toevoegen", "en": "Add an action"},
    "agenda.form.action_edit": {"nl": "Actie {id} bewerken", "en": "Edit action {id}"},
    "agenda.form.note": {"nl": "Verhaal toevoegen", "en": "Add a story"},
    "agenda.form.note_edit": {"nl": "Verhaal {id} bewerken", "en": "Edit story {id}"},
    "agenda.form.readonly": {
        "nl": "Alleen analisten kunnen doelen, acties en verhalen wijzigen.",
        "en": "Only analysts can change goals, actions and stories.",
    },
    "agenda.form.no_indicator": {
        "nl": "geen indicator (alleen tekst)",
        "en": "no indicator (text only)",
    },
    "agenda.form.target_hint": {
        "nl": "Een getal (bv. 7,5) of NAP: rond of beter dan het gemiddelde.",
        "en": "A number (e.g. 7.5) or NAP: around or better than the average.",
    },
    "agenda.form.date_hint": {"nl": "jjjj-mm-dd of dd-mm-jjjj", "en": "yyyy-mm-dd"},
    "agenda.form.period_hint": {
        "nl": "leeg: het jaar van de datum",
        "en": "empty: the year of the date",
    },
    "agenda.form.csv_hint": {
        "nl": "Veel doelen of verhalen tegelijk? Gebruik 'monitor import agenda BESTAND' of "
        "'monitor import verhalen BESTAND' (kolommen: zie de README).",
        "en": "Many goals or stories at once? Use 'monitor import agenda FILE' or "
        "'monitor import verhalen FILE' (columns: see the README).",
    },
    "agenda.form.fix": {"nl": "Niet opgeslagen:", "en": "Not saved:"},
    "agenda.saved.goal": {"nl": "Doel opgeslagen.", "en": "Goal saved."},
    "agenda.saved.action": {"nl": "Actie opgeslagen.", "en": "Action saved."},
    "agenda.saved.note": {"nl": "Verhaal opgeslagen.", "en": "Story saved."},
    "agenda.removed.goal": {"nl": "Doel {id} verwijderd.", "en": "Goal {id} removed."},
    "agenda.removed.action": {"nl": "Actie {id} verwijderd.", "en": "Action {id} removed."},
    "agenda.removed.note": {"nl": "Verhaal {id} verwijderd.", "en": "Story {id} removed."},
    "agenda.unchanged": {"nl": "Niets gewijzigd.", "en": "Nothing changed."},
    "agenda.meta.created": {
        "nl": "toegevoegd door {by} op {at}",
        "en": "added by {by} on {at}",
    },
    "agenda.meta.updated": {
        "nl": "gewijzigd door {by} op {at}",
        "en": "changed by {by} on {at}",
    },
    "agenda.note.within": {"nl": "over {area}", "en": "about {area}"},
    # fields: the CSV column names, as a form labels them
    "agenda.field.gebiedcode": {"nl": "Gebied", "en": "Area"},
    "agenda.field.doel": {"nl": "Doel", "en": "Goal"},
    "agenda.field.indicator": {"nl": "Indicator", "en": "Indicator"},
    "agenda.field.streefwaarde": {"nl": "Streefwaarde of NAP", "en": "Target value or NAP"},
    "agenda.field.doeljaar": {"nl": "Doeljaar", "en": "Target year"},
    "agenda.field.goal_id": {"nl": "Bij doel", "en": "For goal"},
    "agenda.field.actie": {"nl": "Actie", "en": "Action"},
    "agenda.field.eigenaar": {"nl": "Eigenaar (organisatie)", "en": "Owner (organisation)"},
    "agenda.field.status": {"nl": "Status", "en": "Status"},
    "agenda.field.reden": {
        "nl": "Reden (verplicht bij 'niet mogelijk')",
        "en": "Reason (required for 'niet mogelijk')",
    },
    "agenda.field.tekst": {"nl": "Verhaal", "en": "Story"},
    "agenda.col.reden": {"nl": "Reden", "en": "Reason"},
    "agenda.col.eigenaar": {"nl": "Eigenaar", "en": "Owner"},
    "agenda.field.rol": {"nl": "Rol van de verteller", "en": "Role of the teller"},
    "agenda.field.bron": {"nl": "Soort bron", "en": "Kind of source"},
    "agenda.field.datum": {"nl": "Datum", "en": "Date"},
    "agenda.field.periode": {"nl": "Periode (jaar)", "en": "Period (year)"},
    "agenda.field.bestand": {"nl": "Bestand", "en": "File"},
    # statuses, roles and sources (stored in Dutch; shown in the reader's language)
    "agenda.status.toegezegd": {"nl": "toegezegd", "en": "promised"},
    "agenda.status.in uitvoering": {"nl": "in uitvoering", "en": "in progress"},
    "agenda.status.gerealiseerd": {"nl": "gerealiseerd", "en": "done"},
    "agenda.status.niet mogelijk": {"nl": "niet mogelijk", "en": "not possible"},
    "agenda.role.gebiedsmanager": {"nl": "gebiedsmanager", "en": "area manager"},
    "agenda.role.bewoner": {"nl": "bewoner", "en": "resident"},
    "agenda.role.wijkagent": {"nl": "wijkagent", "en": "community police officer"},
    "agenda.role.opbouwwerker": {"nl": "opbouwwerker", "en": "community worker"},
    "agenda.role.ondernemer": {"nl": "ondernemer", "en": "local business"},
    "agenda.role.jongerenwerker": {"nl": "jongerenwerker", "en": "youth worker"},
    "agenda.role.woningcorporatie": {"nl": "woningcorporatie", "en": "housing corporation"},
    "agenda.role.school": {"nl": "school", "en": "school"},
    "agenda.role.welzijnswerker": {"nl": "welzijnswerker", "en": "welfare worker"},
    "agenda.role.handhaver": {"nl": "handhaver", "en": "enforcement officer"},
    "agenda.role.anders": {"nl": "anders", "en": "other"},
    "agenda.source.bewonersavond": {"nl": "bewonersavond", "en": "residents' evening"},
    "agenda.source.schouw": {"nl": "schouw", "en": "neighbourhood walk (schouw)"},
    "agenda.source.interview": {"nl": "interview", "en": "interview"},
    "agenda.source.enquête": {"nl": "enquête", "en": "survey"},
    "agenda.source.spreekuur": {"nl": "spreekuur", "en": "consultation hour"},
    "agenda.source.buurtgesprek": {"nl": "buurtgesprek", "en": "neighbourhood talk"},
    "agenda.source.melding": {"nl": "melding", "en": "report"},
    "agenda.source.overleg": {"nl": "overleg", "en": "meeting"},
    "agenda.source.anders": {"nl": "anders", "en": "other"},
    # targets and progress
    "agenda.target.nap": {
        "nl": "{indicator}: rond of beter dan het {gemiddelde} in {year}",
        "en": "{indicator}: around or better than the {gemiddelde} by {year}",
    },
    "agenda.target.nap_neutral": {
        "nl": "{indicator}: rond het {gemiddelde} in {year}",
        "en": "{indicator}: around the {gemiddelde} by {year}",
    },
    "agenda.target.min": {
        "nl": "{indicator}: minstens {value} in {year}",
        "en": "{indicator}: at least {value} by {year}",
    },
    "agenda.target.max": {
        "nl": "{indicator}: hoogstens {value} in {year}",
        "en": "{indicator}: at most {value} by {year}",
    },
    "agenda.target.none": {"nl": "Geen indicator gekoppeld.", "en": "No indicator linked."},
    "agenda.latest": {
        "nl": "Laatste waarde ({period}): {value}; NAP {nap}; {klasse}.",
        "en": "Latest value ({period}): {value}; NAP {nap}; {klasse}.",
    },
    "agenda.state.bereikt": {"nl": "Doel bereikt", "en": "Goal reached"},
    "agenda.state.nog_niet": {"nl": "Nog niet bereikt", "en": "Not reached yet"},
    "agenda.state.niet_gehaald": {
        "nl": "Niet gehaald: de cijfers over {year} zijn er en het doel is niet bereikt",
        "en": "Missed: the figures for {year} are in and the goal was not reached",
    },
    "agenda.state.geen_gegevens": {
        "nl": "Voortgang onbekend: geen bruikbare waarde",
        "en": "Progress unknown: no usable value",
    },
    "agenda.state.geen_doel": {"nl": "", "en": ""},
    "agenda.gap.to_go": {"nl": "nog {gap} te gaan", "en": "{gap} to go"},
    "agenda.gap.ahead": {
        "nl": "{gap} beter dan de streefwaarde",
        "en": "{gap} better than the target",
    },
    "agenda.progress": {"nl": "Voortgang", "en": "Progress"},
    # validation: one message per problem; "rij, kolom" is added for files
    "agenda.where.row": {"nl": "rij {row}, kolom '{column}'", "en": "row {row}, column '{column}'"},
    "agenda.err.did_you_mean": {"nl": " Bedoelt u '{match}'?", "en": " Did you mean '{match}'?"},
    "agenda.err.empty": {"nl": "is leeg; vul dit in.", "en": "is empty; please fill it in."},
    "agenda.err.too_long": {
        "nl": "is te lang ({length} tekens, hoogstens {max}).",
        "en": "is too long ({length} characters, at most {max}).",
    },
    "agenda.err.control": {
        "nl": "bevat onzichtbare stuurtekens; haal die weg.",
        "en": "contains invisible control characters; please remove them.",
    },
    "agenda.err.area": {
        "nl": "'{value}' is geen gebied in deze gebiedsindeling.{hint}",
        "en": "'{value}' is not an area in this division.{hint}",
    },
    "agenda.err.indicator": {
        "nl": "'{value}' staat niet in de indicatorcatalogus.{hint}",
        "en": "'{value}' is not in the indicator catalogue.{hint}",
    },
    "agenda.err.uncoloured": {
        "nl": "'{value}' krijgt geen NAP-klasse (een aantal of prognose); koppel het doel "
        "aan een indicator met een kleur.",
        "en": "'{value}' gets no NAP class (a count or forecast); link the goal to a "
        "coloured indicator.",
    },
    "agenda.err.neutral_value": {
        "nl": "'{value}' is een streefwaarde, maar de indicator is neutraal (meer of minder, "
        "niet beter of slechter); kies NAP.",
        "en": "'{value}' is a target value, but the indicator is neutral (more or less, not "
        "better or worse); choose NAP.",
    },
    "agenda.err.needs_indicator": {
        "nl": "'{value}' hoort bij een indicator; kies eerst een indicator.",
        "en": "'{value}' belongs to an indicator; choose an indicator first.",
    },
    "agenda.err.target_missing": {
        "nl": "ontbreekt; geef een getal (bv. 7,5) of NAP.",
        "en": "is missing; give a number (e.g. 7.5) or NAP.",
    },
    "agenda.err.target": {
        "nl": "'{value}' is geen getal en geen NAP; geef bv. 7,5 of NAP.",
        "en": "'{value}' is neither a number nor NAP; give e.g. 7.5 or NAP.",
    },
    "agenda.err.target_range": {
        "nl": "'{value}' ligt buiten {low}–{high} ({unit}).",
        "en": "'{value}' lies outside {low}–{high} ({unit}).",
    },
    "agenda.err.year_missing": {
        "nl": "ontbreekt; geef het jaar waarin het doel bereikt moet zijn (bv. 2026).",
        "en": "is missing; give the year by which the goal must be reached (e.g. 2026).",
    },
    "agenda.err.year": {
        "nl": "'{value}' is geen jaartal (bv. 2026).",
        "en": "'{value}' is not a year (e.g. 2026).",
    },
    "agenda.err.year_past": {
        "nl": "'{value}' ligt vóór het laatste jaar met gegevens voor deze indicator "
        "({latest}); kies {latest} of later.",
        "en": "'{value}' lies before the latest year with data for this indicator "
        "({latest}); choose {latest} or later.",
    },
    "agenda.err.status": {
        "nl": "'{value}' is geen status; kies uit {options}.",
        "en": "'{value}' is not a status; choose from {options}.",
    },
    "agenda.err.reason": {
        "nl": "ontbreekt: bij 'niet mogelijk' hoort een reden.",
        "en": "is missing: 'niet mogelijk' needs a reason.",
    },
    "agenda.err.choice": {
        "nl": "'{value}' is onbekend; kies uit {options}.",
        "en": "'{value}' is unknown; choose from {options}.",
    },
    "agenda.err.date": {
        "nl": "'{value}' is geen datum; gebruik jjjj-mm-dd (bv. 2024-03-14) of dd-mm-jjjj.",
        "en": "'{value}' is not a date; use yyyy-mm-dd (e.g. 2024-03-14).",
    },
    "agenda.err.date_future": {
        "nl": "'{value}' ligt in de toekomst.",
        "en": "'{value}' lies in the future.",
    },
    "agenda.err.period": {
        "nl": "'{value}' is geen jaartal (bv. 2024).",
        "en": "'{value}' is not a year (e.g. 2024).",
    },
    "agenda.err.goal": {
        "nl": "doel {value} bestaat niet (meer).",
        "en": "goal {value} does not exist (any more).",
    },
    "agenda.err.action": {
        "nl": "actie {value} bestaat niet (meer).",
        "en": "action {value} does not exist (any more).",
    },
    "agenda.err.note": {
        "nl": "verhaal {value} bestaat niet (meer).",
        "en": "story {value} does not exist (any more).",
    },
    "agenda.err.conflict": {
        "nl": "'{value}' wijkt af van rij {first}, waar hetzelfde doel staat.",
        "en": "'{value}' differs from row {first}, which has the same goal.",
    },
    "agenda.err.duplicate": {
        "nl": "staat al in rij {first}.",
        "en": "is already in row {first}.",
    },
    "agenda.err.columns_missing": {
        "nl": "{name}: de kolom(men) {columns} ontbreken; verwacht: {expected}. "
        "Er is niets opgeslagen.",
        "en": "{name}: column(s) {columns} missing; expected: {expected}. Nothing was saved.",
    },
    "agenda.err.columns_unknown": {
        "nl": "{name}: kolom '{column}' is onbekend; verwacht: {expected}. Er is niets opgeslagen.",
        "en": "{name}: column '{column}' is unknown; expected: {expected}. Nothing was saved.",
    },
    "agenda.err.only_header": {
        "nl": "{name}: het bestand bevat alleen een kopregel. Er is niets opgeslagen.",
        "en": "{name}: the file has only a header line. Nothing was saved.",
    },
    "agenda.err.file": {
        "nl": "{name}: {count} fout(en); er is niets opgeslagen.",
        "en": "{name}: {count} error(s); nothing was saved.",
    },
    "agenda.imported.agenda": {
        "nl": "{name}: {goals_added} doelen toegevoegd, {goals_updated} bijgewerkt; "
        "{actions_added} acties toegevoegd, {actions_updated} bijgewerkt; "
        "{unchanged} ongewijzigd.",
        "en": "{name}: {goals_added} goals added, {goals_updated} updated; "
        "{actions_added} actions added, {actions_updated} updated; {unchanged} unchanged.",
    },
    "agenda.imported.notes": {
        "nl": "{name}: {notes_added} verhalen toegevoegd; {unchanged} stonden er al.",
        "en": "{name}: {notes_added} stories added; {unchanged} were already there.",
    },
    # gebiedsanalyse (printable page and PDF)
    "report.title": {"nl": "Gebiedsanalyse {name}", "en": "Area analysis {name}"},
    "report.subtitle": {
        "nl": "Cijfers en verhalen · {level} {code}{chain}",
        "en": "Numbers and stories · {level} {code}{chain}",
    },
    "report.numbers": {"nl": "Cijfers", "en": "Numbers"},
    "report.numbers_intro": {
        "nl": "Elke waarde tegen het {gemiddelde} (NAP), met de klasse in woorden.",
        "en": "Every value against the {gemiddelde} (NAP), with its class in words.",
    },
    "report.no_numbers": {
        "nl": "Geen cijfers voor dit gebied.",
        "en": "No figures for this area.",
    },
    "report.budget": {"nl": "Buurtbegroting", "en": "Neighbourhood budget"},
    "report.budget_hook": {
        "nl": "De buurtbegroting staat nog niet in dit overzicht.",
        "en": "The neighbourhood budget is not yet part of this summary.",
    },
    "report.generated": {
        "nl": "Gemaakt op {date} met de Buurtmonitor.",
        "en": "Made on {date} with the Buurtmonitor.",
    },
    "report.page": {"nl": "pagina {page}", "en": "page {page}"},
    "report.not_found": {
        "nl": "Gebied '{code}' bestaat niet.",
        "en": "Area '{code}' does not exist.",
    },
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
    # -- what to do about a problem, per channel (monitor/channel.py) ----------------
    "hint.define_indicator.cli": {
        "nl": "Definieer hem eerst met 'monitor indicator add' of 'monitor import catalog'.",
        "en": "Define it first with 'monitor indicator add' or 'monitor import catalog'.",
    },
    "hint.define_indicator.web": {
        "nl": "Deze indicator staat niet in de catalogus; laat hem eerst toevoegen door wie "
        "de catalogus beheert en upload het bestand daarna opnieuw.",
        "en": "This indicator is not in the catalogue; have whoever maintains the catalogue "
        "add it first, then upload the file again.",
    },
    "hint.code_pattern.cli": {
        "nl": "Staat er een naam achter de code? Gebruik --code-pattern om de code eruit te halen.",
        "en": "Is there a name after the code? Use --code-pattern to take the code out.",
    },
    "hint.code_pattern.web": {
        "nl": "Staat er een naam achter de code? Vul onder 'Opties voor afwijkende bestanden' "
        "een codepatroon in, bv. ^(\\S+).",
        "en": "Is there a name after the code? Fill in a code pattern under 'Options for "
        "unusual files', e.g. ^(\\S+).",
    },
    "hint.alias.cli": {
        "nl": "Voeg de code toe met 'monitor alias add' als het een code uit een ander stelsel is.",
        "en": "Add the code with 'monitor alias add' if it comes from another code system.",
    },
    "hint.alias.web": {
        "nl": "Komt de code uit een ander codestelsel? Laat hem dan eerst koppelen aan een "
        "gebied door wie de gebiedsindeling beheert.",
        "en": "Does the code come from another code system? Have whoever maintains the areas "
        "link it to an area first.",
    },
    "hint.name_for_code": {
        "nl": "Bedoelt u {code} ({name})? In deze kolom hoort de gebiedscode.",
        "en": "Did you mean {code} ({name})? This column takes the area code.",
    },
    "hint.confirm.cli": {
        "nl": "bevestig (--bevestig)",
        "en": "confirm (--bevestig)",
    },
    "hint.confirm.web": {
        "nl": "vink 'Ik wil gepubliceerde waarden wijzigen' aan",
        "en": "tick 'I want to change published values'",
    },
    "hint.opt_map.cli": {"nl": "gebruik --map", "en": "use --map"},
    "hint.opt_map.web": {
        "nl": "gebruik 'Kolommen hernoemen' onder 'Opties voor afwijkende bestanden'",
        "en": "use 'Rename columns' under 'Options for unusual files'",
    },
    "hint.opt_indicator.cli": {"nl": "--indicator", "en": "--indicator"},
    "hint.opt_indicator.web": {
        "nl": "de optie 'Indicator (breed bestand met een kolom per jaar)'",
        "en": "the option 'Indicator (wide file with a column per year)'",
    },
    "hint.opt_period.cli": {"nl": "--period", "en": "--period"},
    "hint.opt_period.web": {
        "nl": "de optie 'Jaar (breed bestand met een kolom per indicator)'",
        "en": "the option 'Year (wide file with a column per indicator)'",
    },
    "hint.opt_code_pattern.cli": {"nl": "--code-pattern", "en": "--code-pattern"},
    "hint.opt_code_pattern.web": {"nl": "het codepatroon", "en": "the code pattern"},
    "hint.indicator_case": {
        "nl": "'{found}' gelezen als indicator '{id}' (hoofdletters wijken af van de catalogus)",
        "en": "'{found}' read as indicator '{id}' (the case differs from the catalogue)",
    },
    # -- upload status, short class labels on paper, blocks that do not fit -------------
    "upload.status.published": {"nl": "gepubliceerd", "en": "published"},
    "upload.status.undone": {"nl": "ongedaan gemaakt", "en": "undone"},
    "upload.kind_demo": {"nl": "demo", "en": "demo"},
    "class_short.beter": {"nl": "beter", "en": "better"},
    "class_short.veel_beter": {"nl": "veel beter", "en": "much better"},
    "class_short.rond": {"nl": "gemiddeld", "en": "average"},
    "class_short.slechter": {"nl": "slechter", "en": "worse"},
    "class_short.veel_slechter": {"nl": "veel slechter", "en": "much worse"},
    "class_short.meer": {"nl": "meer", "en": "more"},
    "class_short.minder": {"nl": "minder", "en": "less"},
    "class_short.geen_gegevens": {"nl": "geen gegevens", "en": "no data"},
    "class_short.niet_gekleurd": {"nl": "niet gekleurd", "en": "not coloured"},
    "profiel.class_note": {
        "nl": "Klasse: de waarde vergeleken met het {gemiddelde} (NAP).",
        "en": "Class: the value compared with the {gemiddelde} (NAP).",
    },
    "blokjes.hidden": {
        "nl": "Op dit zoomniveau passen {shown} van de {total} blokjes zonder overlap; "
        "zoom in om ze allemaal te zien.",
        "en": "At this zoom level {shown} of the {total} blocks fit without overlap; "
        "zoom in to see them all.",
    },
    "audit.action.upload.check": {"nl": "upload gecontroleerd", "en": "upload checked"},
    "audit.action.upload.publish": {"nl": "upload gepubliceerd", "en": "upload published"},
    "audit.action.upload.undo": {"nl": "upload ongedaan gemaakt", "en": "upload undone"},
    "audit.action.config.programmes": {
        "nl": "begrotingsprogramma's ingesteld",
        "en": "budget programmes set",
    },
    "audit.action.user.add": {"nl": "gebruiker toegevoegd", "en": "user added"},
    "audit.action.user.remove": {"nl": "gebruiker verwijderd", "en": "user removed"},
    "audit.action.user.passwd": {"nl": "wachtwoord gewijzigd", "en": "password changed"},
    "audit.action.user.role": {"nl": "rol gewijzigd", "en": "role changed"},
    "audit.action.login.success": {"nl": "ingelogd", "en": "logged in"},
    "audit.action.login.failure": {"nl": "inloggen mislukt", "en": "login failed"},
    "audit.action.login.blocked": {"nl": "inloggen geblokkeerd", "en": "login blocked"},
    "audit.action.login.sso": {"nl": "ingelogd via SSO", "en": "logged in via SSO"},
    "audit.action.login.sso_failed": {"nl": "inloggen via SSO mislukt", "en": "SSO login failed"},
    "audit.action.logout": {"nl": "uitgelogd", "en": "logged out"},
    "audit.action.goal.add": {"nl": "doel toegevoegd", "en": "goal added"},
    "audit.action.goal.update": {"nl": "doel gewijzigd", "en": "goal changed"},
    "audit.action.goal.remove": {"nl": "doel verwijderd", "en": "goal removed"},
    "audit.action.action.add": {"nl": "actie toegevoegd", "en": "action added"},
    "audit.action.action.update": {"nl": "actie gewijzigd", "en": "action changed"},
    "audit.action.action.remove": {"nl": "actie verwijderd", "en": "action removed"},
    "audit.action.note.add": {"nl": "verhaal toegevoegd", "en": "story added"},
    "audit.action.note.update": {"nl": "verhaal gewijzigd", "en": "story changed"},
    "audit.action.note.remove": {"nl": "verhaal verwijderd", "en": "story removed"},
    "audit.action.agenda.import": {"nl": "gebiedsagenda geïmporteerd", "en": "agenda imported"},
    "audit.action.notes.import": {"nl": "verhalen geïmporteerd", "en": "stories imported"},
}

MESSAGES.update(UNDO_MESSAGES)  # undo, redo and empty states (monitor/messages_undo.py)


def average_name(gemeente: str | None, lang: str = "nl") -> str:
    """Amsterdam keeps the buurtbegroting's "Amsterdams gemiddelde"; any other
    municipality is compared with its own average, by name."""
    if gemeente in (None, "Amsterdam"):
        return t("average.amsterdam", lang)
    return t("average.city", lang, gemeente=gemeente)


def class_label(klasse: str, lang: str = "nl", gemeente: str | None = None) -> str:
    """A class in words, against the municipality's average (see :func:`average_name`)."""
    return t(f"class.{klasse}", lang, gemiddelde=average_name(gemeente, lang))


def t(key: str, lang: str = "nl", **params: Any) -> str:
    """The text for ``key`` in ``lang`` (Dutch fallback), formatted with ``params``."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry["nl"]
    return text.format(**params) if params else text
