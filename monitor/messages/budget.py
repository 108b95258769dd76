"""Buurtbegroting: budget lines, programmes and their checks."""

MESSAGES: dict[str, dict[str, str]] = {
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
        "nl": "{name}: formaat: {format}, {rows} begrotingsregels gelezen, {errors} fouten, "
        "{warnings} waarschuwingen.",
        "en": "{name}: format: {format}, {rows} budget lines read, {errors} errors, "
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
    # -- programme lists (monitor/budget/programmes.py) -------------------------------
    "programmes.not_table": {
        "nl": "{source}: [programmes] moet een tabel zijn.",
        "en": "{source}: [programmes] must be a table.",
    },
    "programmes.none": {
        "nl": "{source}: geen [[programme]] gevonden; noem minstens één programma.",
        "en": "{source}: no [[programme]] found; name at least one programme.",
    },
    "programmes.where": {
        "nl": "{source}, programma {number}",
        "en": "{source}, programme {number}",
    },
    "programmes.not_entry": {
        "nl": '{where}: verwacht name = {{ nl = "...", en = "..." }}.',
        "en": '{where}: expected name = {{ nl = "...", en = "..." }}.',
    },
    "programmes.unknown_fields": {
        "nl": "{where}: onbekende velden {fields}.",
        "en": "{where}: unknown fields {fields}.",
    },
    "programmes.no_name": {
        "nl": "{where}: 'name' met een Nederlandse naam (nl) ontbreekt.",
        "en": "{where}: 'name' with a Dutch name (nl) is missing.",
    },
    "programmes.name_too_long": {
        "nl": "{where}: de naam '{name}…' is langer dan {limit} tekens.",
        "en": "{where}: the name '{name}…' is longer than {limit} characters.",
    },
    "programmes.bad_aliases": {
        "nl": "{where}: 'aliases' moet een lijst met namen zijn.",
        "en": "{where}: 'aliases' must be a list of names.",
    },
    "programmes.name_taken": {
        "nl": "{where}: '{name}' hoort al bij programma '{programme}'; een naam mag maar naar "
        "één programma wijzen.",
        "en": "{where}: '{name}' already belongs to programme '{programme}'; a name may point "
        "to one programme only.",
    },
    "programmes.twice": {
        "nl": "{source}: een programma staat twee keer in de lijst.",
        "en": "{source}: a programme is listed twice.",
    },
    "programmes.bad_toml": {
        "nl": "{name}: geen geldige TOML ({error}).",
        "en": "{name}: not valid TOML ({error}).",
    },
    "programmes.setting_source": {"nl": "instelling {setting}", "en": "setting {setting}"},
    # -- checks of a budget file (monitor/ingest/budget_validate.py) -----------------
    "budget_check.missing_column": {
        "nl": "ontbreekt in de kopregel",
        "en": "is missing in the header",
    },
    "budget_check.hint_columns": {
        "nl": "Een begrotingsbestand heeft de kolommen {required} (verplicht) en {optional}.",
        "en": "A budget file has the columns {required} (required) and {optional}.",
    },
    "budget_check.unknown_column": {
        "nl": "is geen kolom van een begrotingsbestand en wordt overgeslagen",
        "en": "is not a column of a budget file and is skipped",
    },
    "budget_check.not_a_year": {
        "nl": "is geen jaartal (een heel getal)",
        "en": "is not a year (a whole number)",
    },
    "budget_check.year_range": {
        "nl": "valt buiten {low}–{high}",
        "en": "lies outside {low}–{high}",
    },
    "budget_check.empty": {"nl": "is leeg", "en": "is empty"},
    "budget_check.hint_choose": {"nl": "Kies uit: {names}.", "en": "Choose from: {names}."},
    "budget_check.unknown_programme": {
        "nl": "is geen bekend programma",
        "en": "is not a known programme",
    },
    "budget_check.not_an_amount": {"nl": "is geen bedrag", "en": "is not an amount"},
    "budget_check.hint_amount": {
        "nl": "Gebruik een bedrag in cijfers, bv. 1.250,50 of 1250.50 (een € mag ervoor staan).",
        "en": "Use an amount in digits, e.g. 1,250.50 or 1250.50 (a € may precede it).",
    },
    "budget_check.hint_realised_amount": {
        "nl": "Gebruik een bedrag in cijfers, bv. 1.250,50 of 1250.50 (een € mag ervoor staan). "
        "Laat de cel leeg als er nog niets is gerealiseerd.",
        "en": "Use an amount in digits, e.g. 1,250.50 or 1250.50 (a € may precede it). "
        "Leave the cell empty when nothing has been realised yet.",
    },
    "budget_check.missing": {"nl": "ontbreekt", "en": "is missing"},
    "budget_check.hint_planned": {
        "nl": "Vul het begrote bedrag in; 0 als er niets begroot was.",
        "en": "Fill in the planned amount; 0 when nothing was planned.",
    },
    "budget_check.negative_planned": {
        "nl": "is negatief; een begroot bedrag kan niet negatief zijn",
        "en": "is negative; a planned amount cannot be negative",
    },
    "budget_check.hint_correction": {
        "nl": "Boek een correctie als negatief gerealiseerd bedrag met een opmerking.",
        "en": "Book a correction as a negative realised amount with a note.",
    },
    "budget_check.negative_unexplained": {
        "nl": "is negatief zonder opmerking",
        "en": "is negative without a note",
    },
    "budget_check.hint_note": {
        "nl": "Een negatief gerealiseerd bedrag (een correctie) mag alleen met een toelichting "
        "in de kolom 'opmerking'.",
        "en": "A negative realised amount (a correction) needs an explanation in the column "
        "'opmerking'.",
    },
    "budget_check.too_long": {
        "nl": "is langer dan {limit} tekens",
        "en": "is longer than {limit} characters",
    },
    "budget_check.hint_shorten": {"nl": "Kort de tekst in.", "en": "Shorten the text."},
    "budget_check.hint_duplicate": {
        "nl": "Dezelfde gebiedcode, jaar, programma en omschrijving staan al in rij {row}; tel de "
        "bedragen op in één regel of maak de omschrijving verschillend.",
        "en": "The same area code, year, programme and description are already in row {row}; "
        "add the amounts up in one line or make the descriptions differ.",
    },
    "budget_check.overspent": {
        "nl": "is meer dan het dubbele van het begrote bedrag",
        "en": "is more than twice the planned amount",
    },
    "budget_check.hint_overspent": {
        "nl": "Begroot was € {planned}; controleer het bedrag en het decimaalteken.",
        "en": "The planned amount was € {planned}; check the amount and the decimal sign.",
    },
    # -- publishing refused by the unique index (monitor.store.budget) ---------------
    "budget.publish_refused": {
        "nl": "Deze begrotingsregels zijn niet gepubliceerd: een regel (gebied, jaar, "
        "programma, omschrijving) staat twee keer in het bestand of is net door een "
        "andere upload gepubliceerd. Controleer de preview opnieuw en probeer het "
        "nog eens. Er is niets opgeslagen.",
        "en": "These budget lines were not published: a line (area, year, programme, "
        "description) is in the file twice or was just published by another upload. "
        "Check the preview again and try once more. Nothing was saved.",
    },
}
