"""Texts of the PDF of many areas' profiles (``monitor.pdf``): its cover and pages, the
background job, the button on the buurtprofiel and ``monitor pdf``."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "pdf.levels.buurt": {"nl": "buurten", "en": "neighbourhoods"},
    "pdf.levels.wijk": {"nl": "wijken", "en": "districts"},
    "pdf.levels.gebied": {"nl": "gebieden", "en": "areas"},
    "pdf.levels.stadsdeel": {"nl": "stadsdelen", "en": "boroughs"},
    "pdf.levels.gemeente": {"nl": "gemeenten", "en": "municipalities"},
    "pdf.title_all": {
        "nl": "Profielen van alle {levels} van {gemeente}",
        "en": "Profiles of all {levels} of {gemeente}",
    },
    "pdf.title_within": {
        "nl": "Profielen van alle {levels} in {parent} ({code})",
        "en": "Profiles of all {levels} in {parent} ({code})",
    },
    "pdf.cover.gemeente": {"nl": "Gemeente", "en": "Municipality"},
    "pdf.cover.date": {"nl": "Gemaakt op", "en": "Made on"},
    "pdf.cover.reference": {"nl": "Vergeleken met", "en": "Compared with"},
    "pdf.cover.reference_text": {
        "nl": "het {gemiddelde} (NAP): de stadswaarde, of zonder stadswaarde het gemiddelde "
        "van de {levels} wanneer genoeg ervan gemeten zijn",
        "en": "the {gemiddelde} (NAP): the city's value, or without one the mean of the "
        "{levels} when enough of them were measured",
    },
    "pdf.cover.generation": {"nl": "Gegevens", "en": "Data"},
    "pdf.cover.generation_text": {
        "nl": "scores van generatie {generation}, berekend op {built}",
        "en": "scores of generation {generation}, computed on {built}",
    },
    "pdf.cover.indicators": {"nl": "Indicatoren", "en": "Indicators"},
    "pdf.cover.indicators_text": {
        "nl": "{name} ({count} indicatoren)",
        "en": "{name} ({count} indicators)",
    },
    "pdf.cover.areas": {"nl": "Gebieden", "en": "Areas"},
    "pdf.cover.areas_text": {
        "nl": "{n} {levels}, elk op een eigen pagina",
        "en": "{n} {levels}, each on a page of its own",
    },
    "pdf.cover.classes": {"nl": "Hoe u de klassen leest", "en": "How to read the classes"},
    "pdf.cover.classes_intro": {
        "nl": "Elke waarde krijgt een klasse tegenover het {gemiddelde}. De kleur helpt het oog; "
        "het woord in het vakje zegt het altijd. Onder Reden staat waarom, onder Trend "
        "hoe de waarde van het gebied zich over de jaren ontwikkelde.",
        "en": "Every value gets a class against the {gemiddelde}. The colour helps the eye; "
        "the word in the box always says it. Reason says why, Trend how the area's value "
        "developed over the years.",
    },
    "pdf.cover.contents": {"nl": "Inhoud", "en": "Contents"},
    "pdf.all_indicators": {"nl": "alle gekleurde indicatoren", "en": "all coloured indicators"},
    "pdf.col.indicator": {"nl": "Indicator", "en": "Indicator"},
    "pdf.col.year": {"nl": "Jaar", "en": "Year"},
    "pdf.col.value": {"nl": "Waarde", "en": "Value"},
    "pdf.col.nap": {"nl": "NAP", "en": "NAP"},
    "pdf.col.class": {"nl": "Klasse", "en": "Class"},
    "pdf.col.reason": {"nl": "Reden", "en": "Reason"},
    "pdf.col.trend": {"nl": "Trend", "en": "Trend"},
    "pdf.no_numbers": {
        "nl": "Voor dit gebied zijn geen scores van deze indicatoren bekend.",
        "en": "No scores of these indicators are known for this area.",
    },
    "pdf.page_note": {
        "nl": "Klasse tegenover het {gemiddelde}; ± : rond door onzekerheid (het 95%-interval "
        "bevat het gemiddelde).",
        "en": "Class against the {gemiddelde}; ± : around because of uncertainty (the 95% "
        "interval contains the average).",
    },
    "pdf.footer": {"nl": "{title} · {date}", "en": "{title} · {date}"},
    "pdf.page": {"nl": "pagina {page}", "en": "page {page}"},
    "pdf.trend.none": {"nl": "Geen meetreeks.", "en": "No series."},
    "pdf.trend.once": {"nl": "Alleen gemeten in {year}.", "en": "Measured in {year} only."},
    "pdf.trend.up": {
        "nl": "Gestegen van {start} ({first}) naar {end} ({last})",
        "en": "Up from {start} ({first}) to {end} ({last})",
    },
    "pdf.trend.down": {
        "nl": "Gedaald van {start} ({first}) naar {end} ({last})",
        "en": "Down from {start} ({first}) to {end} ({last})",
    },
    "pdf.trend.same": {
        "nl": "Gelijk gebleven: {end} in {first} en {last}",
        "en": "Unchanged: {end} in {first} and {last}",
    },
    "pdf.trend.at": {"nl": "; nu gelijk aan het gemiddelde", "en": "; now at the average"},
    "pdf.trend.above": {
        "nl": "; nu boven het gemiddelde, eerst niet",
        "en": "; now above the average, at first not",
    },
    "pdf.trend.below": {
        "nl": "; nu onder het gemiddelde, eerst niet",
        "en": "; now below the average, at first not",
    },
    "pdf.trend.closer": {"nl": "; dichter bij het gemiddelde", "en": "; closer to the average"},
    "pdf.trend.further": {
        "nl": "; verder van het gemiddelde",
        "en": "; further from the average",
    },
    "pdf.err.not_above": {
        "nl": "{code} is een {level}; kies een gebied dat {levels} bevat (een hoger niveau).",
        "en": "{code} is a {level}; choose an area that contains {levels} (a higher level).",
    },
    "pdf.err.no_areas": {
        "nl": "Er zijn geen {levels} om een PDF van te maken.",
        "en": "There are no {levels} to make a PDF of.",
    },
    "pdf.err.too_many": {
        "nl": "Dat zijn {n} gebieden; één PDF heeft er hoogstens {max}. Kies een gebied met "
        "--binnen.",
        "en": "That is {n} areas; one PDF holds at most {max}. Choose an area with --binnen.",
    },
    "pdf.err.gone": {
        "nl": "Deze PDF is er niet (meer). Maak hem opnieuw.",
        "en": "This PDF is not available (any more). Make it again.",
    },
    # The background job.
    "pdf.stage.area": {
        "nl": "Profiel {number} van {total}: {name}…",
        "en": "Profile {number} of {total}: {name}…",
    },
    "pdf.stage.render": {"nl": "PDF opmaken…", "en": "Laying out the PDF…"},
    # The buurtprofiel's button.
    "pdf.button": {
        "nl": "PDF van alle buurten in {parent}",
        "en": "PDF of all neighbourhoods in {parent}",
    },
    "pdf.button_hint": {
        "nl": "Eén pagina per buurt, met een voorblad, steeds vergeleken met de gemeente "
        "(NAP), ook als u hierboven iets anders koos; dit loopt op de achtergrond.",
        "en": "One page per neighbourhood, with a cover, always compared with the "
        "municipality (NAP), even if you chose otherwise above; this runs in the background.",
    },
    "pdf.need_login": {
        "nl": "Log in om een PDF van alle buurten in {parent} te maken.",
        "en": "Log in to make a PDF of all neighbourhoods in {parent}.",
    },
    "pdf.waiting": {
        "nl": "De PDF staat in de wachtrij; dit kan even duren als er veel werk is.",
        "en": "The PDF is queued; this may take a while when there is much to do.",
    },
    "pdf.ready": {
        "nl": "Download de PDF ({pages} pagina's)",
        "en": "Download the PDF ({pages} pages)",
    },
    "pdf.unknown": {
        "nl": "Deze taak is niet (meer) bekend. Maak de PDF opnieuw.",
        "en": "This task is not known (any more). Make the PDF again.",
    },
    # monitor pdf
    "cli.pdf.working": {"nl": "PDF maken: {title}…", "en": "Making the PDF: {title}…"},
    "cli.pdf.written": {
        "nl": "{pages} pagina's ({areas} {levels} en een voorblad) geschreven naar {output}.",
        "en": "{pages} pages ({areas} {levels} and a cover) written to {output}.",
    },
    "cli.prune.pdfs": {
        "nl": "{files} PDF's van profielen ouder dan {days} dagen verwijderd.",
        "en": "{files} profile PDFs older than {days} days removed.",
    },
}
