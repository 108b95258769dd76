"""Trends, NAP-vergelijking, Blokjeskaart and Buurtbegroting pages."""

MESSAGES: dict[str, dict[str, str]] = {
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
        "tussen de gebieden van dit niveau in {die_periode}. Een onderbroken lijn: geen "
        "waarde in {die_periode}.",
        "en": "Grey band: around the {gemiddelde}, that is NAP ± {band} × the spread "
        "between the areas of this level in {die_periode}. A broken line: no value "
        "{die_periode}.",
    },
    "trends.note.relatief": {
        "nl": "Grijze band: rond het {gemiddelde}, dat is binnen ±{band} van het NAP. "
        "Een onderbroken lijn: geen waarde in {die_periode}.",
        "en": "Grey band: around the {gemiddelde}, that is within ±{band} of NAP. "
        "A broken line: no value {die_periode}.",
    },
    "trends.note.index": {
        "nl": "Grijze band: rond het {gemiddelde}, dat is index {low}–{high} (NAP = 100). "
        "Een onderbroken lijn: geen waarde in {die_periode}.",
        "en": "Grey band: around the {gemiddelde}, that is index {low}–{high} (NAP = 100). "
        "A broken line: no value {die_periode}.",
    },
    "trends.note.absoluut": {
        "nl": "Grijze band: rond het {gemiddelde}, dat is NAP ± {band}. "
        "Een onderbroken lijn: geen waarde in {die_periode}.",
        "en": "Grey band: around the {gemiddelde}, that is NAP ± {band}. "
        "A broken line: no value {die_periode}.",
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
    "compare.set": {"nl": "Tel over", "en": "Count over"},
    "compare.set.all": {
        "nl": "de hele catalogus ({count} gekleurde indicatoren)",
        "en": "the whole catalogue ({count} coloured indicators)",
    },
    "compare.set.blocks": {"nl": "de blokjesset", "en": "the block set"},
    "compare.set.domain": {"nl": "domein {domain} ({count})", "en": "domain {domain} ({count})"},
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
}
