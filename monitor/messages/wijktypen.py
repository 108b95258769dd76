"""Texts of Wijktypen (area types by clustering) and of picking areas on the Kaart to
compare."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "nav.wijktypen": {"nl": "Wijktypen", "en": "Area types"},
    "wijktypen.title": {"nl": "Wijktypen", "en": "Area types"},
    "wijktypen.intro": {
        "nl": "Gebieden die op elkaar lijken in samenstelling — wie er woont, de woningen, "
        "het inkomen; niet hoe ze scoren — vormen samen een type. Elk type wordt beschreven "
        "door de indicatoren waarop het het meest afwijkt van het gemiddelde van de "
        "gemeente, met het gemiddelde aantal standaardafwijkingen tussen haakjes.",
        "en": "Areas alike in make-up — who lives there, the housing, income; not how they "
        "score — form a type. Each type is described by the indicators on which it differs "
        "most from the gemeente's average, with the mean number of standard deviations in "
        "brackets.",
    },
    "wijktypen.k": {"nl": "Aantal typen", "en": "Number of types"},
    "wijktypen.k_auto_option": {"nl": "automatisch", "en": "automatic"},
    "wijktypen.k_auto": {
        "nl": "{k} typen: gekozen omdat de gebieden bij {k} typen het duidelijkst in groepen "
        "uiteenvallen (silhouet {score}; bij de andere aantallen van {low} tot {high}: "
        "{others}; bij gelijke stand het kleinste aantal). Het silhouet zegt hoeveel "
        "dichter elk gebied bij zijn eigen type ligt dan bij het dichtstbijzijnde andere, "
        "van −1 tot 1.",
        "en": "{k} types: chosen because the areas fall apart into groups most clearly with "
        "{k} types (silhouette {score}; with the other numbers from {low} to {high}: "
        "{others}; on a tie the smallest number). The silhouette says how much closer each "
        "area lies to its own type than to the nearest other, from −1 to 1.",
    },
    "wijktypen.k_user": {
        "nl": "{k} typen: zelf gekozen (silhouet {score}, van −1 tot 1: hoe duidelijk de "
        "typen van elkaar verschillen).",
        "en": "{k} types: chosen by you (silhouette {score}, from −1 to 1: how clearly the "
        "types differ).",
    },
    "wijktypen.method": {
        "nl": "Typen in samenstelling ({set}: {indicators}): per indicator gestandaardiseerd "
        "over de gebieden van dit niveau ({level}) in dezelfde gemeente, en dan ingedeeld "
        "met Ward's hiërarchische clustering. Er zit geen toeval in: dezelfde gegevens "
        "geven altijd dezelfde typen. Type 1 is het grootste.",
        "en": "Types by make-up ({set}: {indicators}): each indicator standardised over the "
        "areas of this level ({level}) in the same gemeente, then grouped by Ward's "
        "hierarchical clustering. Nothing is random: the same data always give the same "
        "types. Type 1 is the largest.",
    },
    "wijktypen.unassigned_note": {
        "nl": "{n} gebied(en) niet ingedeeld: waarden voor minder dan de helft van de "
        "indicatoren. Bij de andere telt een ontbrekende waarde als het gemiddelde.",
        "en": "{n} area(s) without a type: values for fewer than half of the indicators. "
        "For the others a missing value counts as the average.",
    },
    "wijktypen.type": {"nl": "Type {n}", "en": "Type {n}"},
    "wijktypen.unassigned_name": {"nl": "Niet ingedeeld", "en": "No type"},
    "wijktypen.unassigned": {
        "nl": "te weinig gegevens om in te delen",
        "en": "too little data to assign a type",
    },
    "wijktypen.average": {
        "nl": "dicht bij het gemiddelde op alle indicatoren",
        "en": "close to the average on every indicator",
    },
    "wijktypen.item": {"nl": "{label}: {word} ({z})", "en": "{label}: {word} ({z})"},
    "wijktypen.hoog": {"nl": "hoog", "en": "high"},
    "wijktypen.laag": {"nl": "laag", "en": "low"},
    "wijktypen.zeer_hoog": {"nl": "zeer hoog", "en": "very high"},
    "wijktypen.zeer_laag": {"nl": "zeer laag", "en": "very low"},
    "wijktypen.count": {"nl": "{n} gebieden", "en": "{n} areas"},
    "wijktypen.legend": {"nl": "Typen", "en": "Types"},
    "wijktypen.map_label": {
        "nl": "Kaart van de wijktypen: elk gebied in de kleur van zijn type",
        "en": "Map of the area types: each area in the colour of its type",
    },
    "wijktypen.tooltip": {
        "nl": "{naam} ({code}): {type} — {beschrijving}",
        "en": "{naam} ({code}): {type} — {beschrijving}",
    },
    "wijktypen.list": {"nl": "Gebieden per type", "en": "Areas by type"},
    "wijktypen.export": {"nl": "Download CSV", "en": "Download CSV"},
    "wijktypen.col.code": {"nl": "code", "en": "code"},
    "wijktypen.col.naam": {"nl": "naam", "en": "name"},
    "wijktypen.col.type": {"nl": "type", "en": "type"},
    "wijktypen.col.beschrijving": {"nl": "beschrijving", "en": "description"},
    "wijktypen.err.few_areas": {
        "nl": "Te weinig gebieden met gegevens om typen te maken: {n}, er zijn er minstens "
        "{need} nodig.",
        "en": "Too few areas with data to make types: {n}, at least {need} are needed.",
    },
    "wijktypen.err.k": {
        "nl": "Aantal typen {k} kan niet: kies {low} tot en met {high}.",
        "en": "{k} types is not possible: choose {low} to {high}.",
    },
    "wijktypen.err.no_values": {
        "nl": "Op dit niveau ({level}) heeft geen van de indicatoren voor de typen waarden.",
        "en": "At this level ({level}) none of the indicators for the types has values.",
    },
    "cli.wijktypen.title": {"nl": "Wijktypen, niveau {level}", "en": "Area types, level {level}"},
    # -- picking areas on the Kaart to compare ------------------------------------------
    "pick.toggle": {
        "nl": "Gebieden kiezen om te vergelijken (klik op de kaart)",
        "en": "Pick areas to compare (click on the map)",
    },
    "pick.hint": {
        "nl": "Klik op 2 tot 4 gebieden; een klik opent nu niet het buurtprofiel.",
        "en": "Click 2 to 4 areas; a click does not open the profile now.",
    },
    "pick.chosen": {"nl": "Gekozen:", "en": "Chosen:"},
    "pick.none": {"nl": "nog geen gebied gekozen", "en": "no area chosen yet"},
    "pick.remove": {"nl": "{naam} weghalen", "en": "remove {naam}"},
    "pick.go": {"nl": "Vergelijken ({n})", "en": "Compare ({n})"},
    "pick.full": {
        "nl": "Hoogstens {n} gebieden: haal er eerst een weg.",
        "en": "At most {n} areas: remove one first.",
    },
}
