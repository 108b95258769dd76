"""The message catalogue: every text a user reads, in Dutch with an English switch.

Keys are English identifiers; values are format strings. Code elsewhere never holds
user-facing Dutch sentences for views or score explanations, it asks :func:`t`.
"""

from __future__ import annotations

from typing import Any

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
    "upload.publish_disabled": {
        "nl": "Publiceren vanuit de app staat uit (MONITOR_UI_PUBLISH); "
        "gebruik 'monitor import meetingen'.",
        "en": "Publishing from the app is switched off (MONITOR_UI_PUBLISH); "
        "use 'monitor import meetingen'.",
    },
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
    "trends.unit.pp": {"nl": "{x} procentpunt", "en": "{x} percentage points"},
    "trends.unit.points": {"nl": "{x} punt", "en": "{x} points"},
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
        "nl": "{naam} scoort op {worse} van de {total} indicatoren slechter dan het {gemiddelde}.",
        "en": "{naam} scores worse than the {gemiddelde} on {worse} of {total} indicators.",
    },
    "compare.sentence_one": {
        "nl": "{naam} scoort op {worse} van de {total} indicator slechter dan het {gemiddelde}.",
        "en": "{naam} scores worse than the {gemiddelde} on {worse} of {total} indicator.",
    },
    "compare.sentence_none": {
        "nl": "Voor {naam} is bij geen enkele indicator een klasse bekend.",
        "en": "For {naam} no indicator has a class.",
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
        "nl": "De begrotingskolommen blijven leeg tot de begrotingsregels per gebied "
        "(begroot en gerealiseerd, per programma) geïmporteerd kunnen worden.",
        "en": "The budget columns stay empty until budget lines per area (planned and "
        "realised, per programme) can be imported.",
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
    # -- accounts and safety -------------------------------------------------------
    # -- buurtbegroting: budget lines ----------------------------------------------
    # -- gebiedsagenda and verhalen ------------------------------------------------
}


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
