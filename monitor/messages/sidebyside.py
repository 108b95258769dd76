"""Texts of the Vergelijken page (areas side by side) and of Vergelijkbare buurten."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "nav.vergelijken": {"nl": "Vergelijken", "en": "Compare areas"},
    # -- the page ----------------------------------------------------------------------
    "sbs.title": {"nl": "Gebieden naast elkaar", "en": "Areas side by side"},
    "sbs.intro": {
        "nl": "Kies twee tot vier gebieden, van elk niveau. Per indicator staan de waarde "
        "en de klasse van elk gebied naast het NAP, met het verschil in woorden.",
        "en": "Choose two to four areas, at any level. For every indicator the value and "
        "class of each area stand beside NAP, with the difference in words.",
    },
    "sbs.pick": {"nl": "Gebieden (2 tot 4)", "en": "Areas (2 to 4)"},
    "sbs.pick_more": {
        "nl": "Kies nog {n} gebied(en) om te vergelijken.",
        "en": "Choose {n} more area(s) to compare.",
    },
    "sbs.filter": {"nl": "Zoek een indicator", "en": "Find an indicator"},
    "sbs.filter_count": {"nl": "{n} van {total} indicatoren", "en": "{n} of {total} indicators"},
    "sbs.show_all": {
        "nl": "Alle indicatoren tonen (niet alleen de blokjesset)",
        "en": "Show every indicator (not only the block set)",
    },
    "sbs.export_csv": {"nl": "Download CSV", "en": "Download CSV"},
    "sbs.export_xlsx": {"nl": "Download Excel", "en": "Download Excel"},
    "sbs.print": {
        "nl": "Afdrukken kan met de printfunctie van de browser.",
        "en": "Print with the browser's print command.",
    },
    "sbs.sort": {"nl": "Sorteer op {label}", "en": "Sort by {label}"},
    "sbs.sort_reset": {"nl": "Volgorde van de catalogus", "en": "Catalogue order"},
    "sbs.other_group": {
        "nl": "Overige indicatoren · {domain}",
        "en": "Other indicators · {domain}",
    },
    "sbs.nap_note": {
        "nl": "De klasse van elk gebied (beter, gemiddeld, slechter) is die tegenover het "
        "{gemiddelde} (NAP) op het eigen niveau, in het laatste jaar met kleuren; een "
        "afwijkend jaar staat bij de waarde, en dan ook het NAP van elk jaar.",
        "en": "Each area's class (better, average, worse) is against the {gemiddelde} (NAP) at "
        "its own level, in the latest year with colours; a different year is shown with the "
        "value, and then the NAP of each year too.",
    },
    "sbs.profile_link": {"nl": "profiel", "en": "profile"},
    "sbs.col.group": {"nl": "Groep", "en": "Group"},
    "sbs.col.indicator": {"nl": "Indicator", "en": "Indicator"},
    "sbs.col.nap": {"nl": "NAP", "en": "NAP"},
    "sbs.col.year": {"nl": "Jaar", "en": "Year"},
    "sbs.col.diff": {"nl": "Verschil in woorden", "en": "Difference in words"},
    "sbs.col.value_of": {"nl": "{area}: waarde", "en": "{area}: value"},
    "sbs.col.class_of": {"nl": "{area}: klasse", "en": "{area}: class"},
    "sbs.col.year_of": {"nl": "{area}: jaar", "en": "{area}: year"},
    "sbs.col.nap_of": {"nl": "{area}: NAP", "en": "{area}: NAP"},
    "sbs.in_year": {"nl": "in {year}", "en": "in {year}"},
    "sbs.err.count": {
        "nl": "Kies {min} tot {max} gebieden om te vergelijken (nu {n}).",
        "en": "Choose {min} to {max} areas to compare (now {n}).",
    },
    "sbs.diff.better": {
        "nl": "{a} scoort beter dan {b} ({diff} verschil)",
        "en": "{a} scores better than {b} ({diff} apart)",
    },
    "sbs.diff.best": {
        "nl": "{a} scoort het best, {b} het slechtst ({diff} verschil)",
        "en": "{a} scores best, {b} worst ({diff} apart)",
    },
    "sbs.diff.higher": {
        "nl": "{a} heeft een hogere waarde dan {b} ({diff} verschil)",
        "en": "{a} has a higher value than {b} ({diff} apart)",
    },
    "sbs.diff.highest": {
        "nl": "{a} heeft de hoogste waarde, {b} de laagste ({diff} verschil)",
        "en": "{a} has the highest value, {b} the lowest ({diff} apart)",
    },
    "sbs.diff.equal": {"nl": "Gelijk", "en": "Equal"},
    "sbs.diff.too_few": {
        "nl": "Niet te vergelijken: te weinig gegevens",
        "en": "Cannot be compared: too little data",
    },
    "sbs.diff.missing": {"nl": "(geen gegevens: {names})", "en": "(no data: {names})"},
    "sbs.compare_with": {"nl": "Vergelijk met…", "en": "Compare with…"},
    "sbs.compare_link": {
        "nl": "Vergelijk {naam} met een ander gebied",
        "en": "Compare {naam} with another area",
    },
    # -- vergelijkbare buurten ---------------------------------------------------------
    "similar.title": {"nl": "Vergelijkbare gebieden", "en": "Similar areas"},
    "similar.none": {
        "nl": "Geen vergelijkbare gebieden gevonden.",
        "en": "No similar areas found.",
    },
    "similar.compare": {"nl": "vergelijk", "en": "compare"},
    "similar.distance": {"nl": "afstand {d}", "en": "distance {d}"},
    "similar.why": {
        "nl": "lijkt het meest op {naam} in: {items}",
        "en": "most like {naam} in: {items}",
    },
    "similar.why_item": {"nl": "{label} ({a} tegen {b})", "en": "{label} ({a} against {b})"},
    "similar.shared": {
        "nl": "(vergeleken op {shared} van de {total} indicatoren: de rest ontbreekt bij een "
        "van beide)",
        "en": "(compared on {shared} of the {total} indicators: the rest is missing for one "
        "of the two)",
    },
    "similar.method": {
        "nl": "Vergelijkbaar in samenstelling ({set}: {indicators}), niet in uitkomsten: per "
        "indicator gestandaardiseerd over de gebieden van dit niveau ({level}) in dezelfde "
        "gemeente, en dan de kleinste afstand over de indicatoren die beide gebieden hebben.",
        "en": "Similar in make-up ({set}: {indicators}), not in outcomes: each indicator "
        "standardised over the areas of this level ({level}) in the same gemeente, then the "
        "smallest distance over the indicators both areas have.",
    },
    "similar.dropped.not_measured": {
        "nl": "{label} telt niet mee: geen waarden op dit niveau.",
        "en": "{label} does not count: no values at this level.",
    },
    "similar.dropped.few_values": {
        "nl": "{label} telt niet mee: minder dan twee gebieden hebben een waarde.",
        "en": "{label} does not count: fewer than two areas have a value.",
    },
    "similar.dropped.no_spread": {
        "nl": "{label} telt niet mee: alle gebieden hebben dezelfde waarde.",
        "en": "{label} does not count: every area has the same value.",
    },
    "similar.no_values": {
        "nl": "Op dit niveau ({level}) hebben te weinig gebieden waarden om vergelijkbare "
        "gebieden te zoeken.",
        "en": "At this level ({level}) too few areas have values to look for similar areas.",
    },
    "similar.own_missing": {
        "nl": "{naam} heeft geen waarde voor {indicators}; de afstand telt de overige.",
        "en": "{naam} has no value for {indicators}; the distance counts the others.",
    },
    "similar.skipped": {
        "nl": "{n} gebied(en) overgeslagen: te weinig indicatoren gemeen.",
        "en": "{n} area(s) skipped: too few indicators in common.",
    },
    "similar.err.set": {
        "nl": "{name}: de set '{set}' heeft minstens twee indicatoren nodig.",
        "en": "{name}: set '{set}' needs at least two indicators.",
    },
}
