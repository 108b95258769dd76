"""Texts of the reference choice: what a class compares with, named everywhere."""

MESSAGES: dict[str, dict[str, str]] = {
    # The choice ("Vergelijk met")
    "ref.label": {"nl": "Vergelijk met", "en": "Compare with"},
    "ref.choice.gemeente": {"nl": "de gemeente (NAP)", "en": "the municipality (NAP)"},
    "ref.choice.stadsdeel": {"nl": "het stadsdeel", "en": "the borough (stadsdeel)"},
    "ref.choice.gebied": {"nl": "het gebied", "en": "the area (gebied)"},
    "ref.choice.wijk": {"nl": "de wijk", "en": "the district (wijk)"},
    "ref.choice.vergelijkbaar": {
        "nl": "vergelijkbare gebieden",
        "en": "similar areas",
    },
    "ref.choice.basisjaar": {"nl": "een basisjaar", "en": "a base year"},
    "ref.choice.nederland": {"nl": "Nederland", "en": "the Netherlands"},
    "ref.base_year": {"nl": "Basisjaar", "en": "Base year"},
    "ref.axis": {"nl": "Verschil met het {gemiddelde}", "en": "Difference from the {gemiddelde}"},
    "ref.axis_in": {
        "nl": "Verschil met het {gemiddelde} in {unit}",
        "en": "Difference from the {gemiddelde} in {unit}",
    },
    "ref.value_label": {"nl": "Vergeleken met", "en": "Compared with"},
    # The average a class compares with ("beter dan het {gemiddelde}")
    "average.area": {"nl": "gemiddelde van {level} {name}", "en": "average of {level} {name}"},
    "average.area.own.stadsdeel": {
        "nl": "gemiddelde van het eigen stadsdeel",
        "en": "average of its own borough",
    },
    "average.area.own.gebied": {
        "nl": "gemiddelde van het eigen gebied",
        "en": "average of its own area (gebied)",
    },
    "average.area.own.wijk": {
        "nl": "gemiddelde van de eigen wijk",
        "en": "average of its own district",
    },
    "average.similar": {
        "nl": "gemiddelde van {n} vergelijkbare {areas}",
        "en": "average of {n} similar {areas}",
    },
    "average.similar_weighted": {
        "nl": "gewogen gemiddelde van {n} vergelijkbare {areas}",
        "en": "weighted average of {n} similar {areas}",
    },
    "average.similar_any": {
        "nl": "gemiddelde van de vergelijkbare {areas}",
        "en": "average of the similar {areas}",
    },
    "average.base_year": {
        "nl": "{gemiddelde} in {year} (basisjaar)",
        "en": "{gemiddelde} in {year} (base year)",
    },
    "ref.level.stadsdeel": {"nl": "stadsdeel", "en": "borough"},
    "ref.level.gebied": {"nl": "gebied", "en": "area"},
    "ref.level.wijk": {"nl": "wijk", "en": "district"},
    "ref.compared": {
        "nl": "Vergeleken met het {gemiddelde}.",
        "en": "Compared with the {gemiddelde}.",
    },
    "ref.compared_similar": {
        "nl": "Elk gebied vergeleken met het gemiddelde van zijn {k} meest vergelijkbare "
        "{areas} in dezelfde gemeente, naar samenstelling; de "
        "band 'rond' is een halve spreiding van alle {areas} van de gemeente.",
        "en": "Each area compared with the average of its {k} most similar {areas} in the "
        "same municipality, by make-up; the band 'around' is "
        "half a spread of all {areas} of the municipality.",
    },
    "nap.vergelijkbaar": {
        "nl": "gemiddelde van {n} vergelijkbare gebieden",
        "en": "average of {n} similar areas",
    },
    "nap.vergelijkbaar_gewogen": {
        "nl": "gewogen gemiddelde van {n} vergelijkbare gebieden",
        "en": "weighted average of {n} similar areas",
    },
    "nap.vergelijkbaar_any": {"nl": "vergelijkbare gebieden", "en": "similar areas"},
    "reason.te_weinig_vergelijkbaar": {
        "nl": "Geen kleur: minder dan de helft van de vergelijkbare gebieden heeft in "
        "{period} een bruikbare waarde.",
        "en": "No colour: fewer than half of the similar areas have a usable value in {period}.",
    },
    # Trends (layouts/trends_reference.py)
    "trends.reference.similar": {
        "nl": "Vergelijkbaar met {naam}",
        "en": "Similar to {naam}",
    },
    "trends.note.own": {
        "nl": "Streepjeslijn in de kleur van een gebied: waarmee dat gebied vergeleken "
        "wordt ({gemiddelde}); de kleur van een punt is de klasse daartegen. De zwarte "
        "streepjeslijn is het NAP, ter vergelijking. Een onderbroken lijn: geen waarde in "
        "{die_periode}.",
        "en": "Dashed line in an area's colour: what that area is compared with "
        "({gemiddelde}); a point's colour is its class against it. The black dashed line "
        "is NAP, for comparison. A broken line: no value {die_periode}.",
    },
    "ref.err.choice": {
        "nl": "Referentie '{referentie}' onbekend; kies {choices}.",
        "en": "Reference '{referentie}' unknown; choose {choices}.",
    },
    "ref.err.level": {
        "nl": "Referentie '{referentie}' kan niet bij niveau {level}: kies een niveau onder "
        "het {referentie}.",
        "en": "Reference '{referentie}' does not fit level {level}: choose a level below "
        "the {referentie}.",
    },
}
