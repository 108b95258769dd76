"""Texts of Aandachtsbuurten (status × ontwikkeling) and of the multi-criteria filter."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "nav.aandacht": {"nl": "Aandachtsbuurten", "en": "Areas needing attention"},
    "typ.title": {
        "nl": "Aandachtsbuurten: status en ontwikkeling",
        "en": "Areas needing attention: status and change",
    },
    "typ.intro": {
        "nl": "Status: op welk deel van de indicatoren met gegevens een gebied slechter scoort "
        "dan het {gemiddelde} (hoog: minder dan 20%, midden: 20 tot 40%, laag: 40 tot 60%, zeer "
        "laag: 60% of meer). Ontwikkeling: per indicator of de waarde sinds {span} jaar eerder "
        "echt beter of slechter werd — met dezelfde band en dezelfde betrouwbaarheidsregel "
        "als de kleuren, dus ruis telt niet als verandering — en dan het saldo: vanaf 20% "
        "meer verbeterd dan verslechterd is verbeterend, vanaf 20% meer verslechterd is "
        "verslechterend. Aandachtsbuurten: status laag of zeer laag, of verslechterend.",
        "en": "Status: on what share of the indicators with data an area scores worse than "
        "the {gemiddelde} (high: below 20%, middle: 20 to 40%, low: 40 to 60%, very low: 60% or "
        "more). Change: per indicator whether the value really improved or declined since "
        "{span} years before — with the same band and the same reliability rule as the "
        "colours, so noise is not change — and then the balance: 20% more improved than "
        "declined is improving, 20% more declined is declining. Areas needing attention: "
        "low or very low status, or declining.",
    },
    "typ.span": {"nl": "Ontwikkeling over (jaren)", "en": "Change over (years)"},
    "typ.set": {
        "nl": "Indicatoren (standaard de blokjesset, hoogstens {max})",
        "en": "Indicators (default the block set, at most {max})",
    },
    "typ.map_label": {
        "nl": "Kaart van status en ontwikkeling per gebied",
        "en": "Map of status and change per area",
    },
    "typ.cross": {"nl": "Gebieden per status en ontwikkeling", "en": "Areas by status and change"},
    "typ.cross_corner": {"nl": "Status \\ ontwikkeling", "en": "Status \\ change"},
    "typ.unknown_count": {
        "nl": "Onbekend (te weinig indicatoren met gegevens): {n}",
        "en": "Unknown (too few indicators with data): {n}",
    },
    "typ.years": {
        "nl": "Status in {year} (elke indicator in zijn laatste jaar tot en met {year}); "
        "ontwikkeling van {before} naar {after} op {n} indicatoren.",
        "en": "Status in {year} (each indicator in its latest year up to {year}); change "
        "from {before} to {after} on {n} indicators.",
    },
    "typ.no_change": {
        "nl": "Geen indicator heeft een jaar {span} jaar eerder: de ontwikkeling is onbekend.",
        "en": "No indicator has a year {span} years earlier: the change is unknown.",
    },
    "typ.list": {"nl": "Aandachtsbuurten ({n})", "en": "Areas needing attention ({n})"},
    "typ.list_none": {
        "nl": "Geen gebied met een lage status of een verslechtering.",
        "en": "No area with a low status or a decline.",
    },
    "typ.export": {"nl": "Download CSV", "en": "Download CSV"},
    "typ.status.hoog": {"nl": "hoog", "en": "high"},
    "typ.status.midden": {"nl": "midden", "en": "middle"},
    "typ.status.laag": {"nl": "laag", "en": "low"},
    "typ.status.zeer_laag": {"nl": "zeer laag", "en": "very low"},
    "typ.status.onbekend": {"nl": "onbekend", "en": "unknown"},
    "typ.ont.verbeterend": {"nl": "verbeterend", "en": "improving"},
    "typ.ont.stabiel": {"nl": "stabiel", "en": "stable"},
    "typ.ont.verslechterend": {"nl": "verslechterend", "en": "declining"},
    "typ.ont.onbekend": {"nl": "onbekend", "en": "unknown"},
    "typ.cell": {"nl": "status {status}, {ontwikkeling}", "en": "status {status}, {ontwikkeling}"},
    "typ.cell_unknown": {"nl": "onbekend", "en": "unknown"},
    "typ.col.code": {"nl": "Code", "en": "Code"},
    "typ.col.naam": {"nl": "Gebied", "en": "Area"},
    "typ.col.status": {"nl": "Status", "en": "Status"},
    "typ.col.share": {"nl": "Slechter (aandeel)", "en": "Worse (share)"},
    "typ.col.worse": {"nl": "Slechter", "en": "Worse"},
    "typ.col.scored": {"nl": "Met gegevens", "en": "With data"},
    "typ.col.ontwikkeling": {"nl": "Ontwikkeling", "en": "Change"},
    "typ.col.improved": {"nl": "Verbeterd", "en": "Improved"},
    "typ.col.declined": {"nl": "Verslechterd", "en": "Declined"},
    "typ.col.compared": {"nl": "Vergeleken", "en": "Compared"},
    "typ.col.typology": {"nl": "Status × ontwikkeling", "en": "Status × change"},
    "typ.tooltip": {
        "nl": "{naam} ({code}): status {status} ({worse} van {scored} slechter), "
        "{ontwikkeling} ({up} verbeterd, {down} verslechterd van {compared})",
        "en": "{naam} ({code}): status {status} ({worse} of {scored} worse), "
        "{ontwikkeling} ({up} improved, {down} declined of {compared})",
    },
    "typ.match": {"nl": "voldoet aan het filter", "en": "matches the filter"},
    # -- the multi-criteria filter ---------------------------------------------------------
    "criteria.title": {"nl": "Zoek gebieden op voorwaarden", "en": "Find areas by conditions"},
    "criteria.intro": {
        "nl": "Gebieden waar alle voorwaarden gelden (én), elke indicator in zijn laatste "
        "jaar tot en met het gekozen jaar. Treffers krijgen een dikke rand op de kaart.",
        "en": "Areas where every condition holds (and), each indicator in its latest year "
        "up to the chosen year. Matches get a thick outline on the map.",
    },
    "criteria.indicator": {"nl": "Indicator {n}", "en": "Indicator {n}"},
    "criteria.op": {"nl": "Voorwaarde {n}", "en": "Condition {n}"},
    "criteria.value": {"nl": "Waarde {n}", "en": "Value {n}"},
    "criteria.op.slechter": {"nl": "is slechter", "en": "is worse"},
    "criteria.op.rond": {"nl": "is rond het gemiddelde", "en": "is around average"},
    "criteria.op.beter": {"nl": "is beter", "en": "is better"},
    "criteria.op.lt": {"nl": "kleiner dan", "en": "less than"},
    "criteria.op.le": {"nl": "hoogstens", "en": "at most"},
    "criteria.op.gt": {"nl": "groter dan", "en": "greater than"},
    "criteria.op.ge": {"nl": "minstens", "en": "at least"},
    "criteria.none": {
        "nl": "Kies een indicator en een voorwaarde.",
        "en": "Choose an indicator and a condition.",
    },
    "criteria.count": {
        "nl": "{n} van {total} gebieden voldoen aan: {what}",
        "en": "{n} of {total} areas match: {what}",
    },
    "criteria.and": {"nl": " én ", "en": " and "},
    "criteria.in_year": {"nl": "{label} ({year})", "en": "{label} ({year})"},
    "criteria.export": {"nl": "Download treffers (CSV)", "en": "Download matches (CSV)"},
    "criteria.err.bad": {
        "nl": "Deze voorwaarde begrijp ik niet: '{part}' (vorm: indicator:slechter of "
        "indicator:gt:12,5).",
        "en": "This condition is not understood: '{part}' (form: indicator:slechter or "
        "indicator:gt:12.5).",
    },
    "criteria.err.number": {
        "nl": "Bij '{part}' hoort een getal.",
        "en": "'{part}' needs a number.",
    },
    "criteria.err.too_many": {
        "nl": "Hoogstens {max} voorwaarden.",
        "en": "At most {max} conditions.",
    },
}
