"""The Uploaden page and what to do about a problem, per channel (CLI or web)."""

MESSAGES: dict[str, dict[str, str]] = {
    # -- upload page -----------------------------------------------------------------
    "upload.title": {"nl": "Gegevens uploaden", "en": "Upload data"},
    "upload.intro": {
        "nl": "Vier soorten bestanden: meetingen (waarden per gebied en jaar), begrotingsregels, "
        "meldingen en voorzieningen (punten met coördinaten). Kies bij 'Soort bestand' wat u "
        "uploadt, of laat de kopregel het zeggen.",
        "en": "Four kinds of files: measurements (values per area and year), budget lines, "
        "meldingen and voorzieningen (points with coordinates). Choose under 'Kind of file' "
        "what you upload, or let the header tell.",
    },
    "upload.drop": {
        "nl": "Sleep een CSV- of Excel-bestand hierheen, of klik om te kiezen",
        "en": "Drop a CSV or Excel file here, or click to choose",
    },
    "upload.options": {"nl": "Opties voor afwijkende bestanden", "en": "Options for unusual files"},
    "upload.format": {"nl": "Formaat", "en": "Format"},
    # The file formats by name (monitor.ingest.parse.FORMATS), in the report and the options.
    "upload.format.auto": {"nl": "automatisch herkennen", "en": "detect automatically"},
    "upload.format.long": {"nl": "lang", "en": "long"},
    "upload.format.wide": {"nl": "breed", "en": "wide"},
    "upload.format.bbga": {"nl": "BBGA", "en": "BBGA"},
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
        "nl": "{name}: formaat: {format}, {rows} waarden gelezen, {errors} fouten, "
        "{warnings} waarschuwingen.",
        "en": "{name}: format: {format}, {rows} values read, {errors} errors, {warnings} warnings.",
    },
    "upload.report": {"nl": "Validatierapport", "en": "Validation report"},
    "upload.no_problems": {"nl": "Geen problemen gevonden.", "en": "No problems found."},
    "upload.skipped": {"nl": "Overgeslagen", "en": "Skipped"},
    "upload.preview": {"nl": "Voorbeeld: wat verandert er", "en": "Preview: what changes"},
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
    # -- checks of a meetingen file (monitor/ingest/validate.py) ---------------------
    "problem.more": {
        "nl": "… en nog {n} keer: {message}.",
        "en": "… and {n} more times: {message}.",
    },
    "ingest.skipped_forecasts": {
        "nl": "{n} rijen met prognoses overgeslagen: prognoses zijn geen metingen",
        "en": "{n} rows with forecasts skipped: forecasts are not measurements",
    },
    "ingest.unknown_area": {"nl": "onbekende gebiedscode", "en": "unknown area code"},
    "ingest.unknown_indicator": {"nl": "onbekende indicator", "en": "unknown indicator"},
    "ingest.not_a_year": {"nl": "is geen jaartal", "en": "is not a year"},
    "ingest.hint_year": {
        "nl": "Gebruik een jaar van vier cijfers, bv. 2024.",
        "en": "Use a year of four digits, e.g. 2024.",
    },
    "ingest.not_a_number": {"nl": "is geen getal", "en": "is not a number"},
    "ingest.hint_number": {
        "nl": "Gebruik een getal (bv. 8,4) of laat de cel leeg als er geen waarde is.",
        "en": "Use a number (e.g. 8.4) or leave the cell empty when there is no value.",
    },
    "ingest.bad_n": {"nl": "is geen geldig aantal (n)", "en": "is not a valid count (n)"},
    "ingest.out_of_range_percentage": {
        "nl": "valt buiten {low}–{high} (percentage)",
        "en": "lies outside {low}–{high} (percentage)",
    },
    "ingest.out_of_range_rapportcijfer": {
        "nl": "valt buiten {low}–{high} (rapportcijfer)",
        "en": "lies outside {low}–{high} (rating)",
    },
    "ingest.hint_unit": {
        "nl": "Controleer of de kolom in de juiste eenheid staat.",
        "en": "Check that the column is in the right unit.",
    },
    "ingest.negative_count": {
        "nl": "is negatief, maar de indicator is een aantal",
        "en": "is negative, but the indicator is a count",
    },
    "ingest.duplicate": {"nl": "dubbele regel", "en": "duplicate line"},
    "ingest.hint_duplicate": {
        "nl": "Dezelfde gebiedscode, indicator en periode staan al in rij {row}.",
        "en": "The same area code, indicator and period are already in row {row}.",
    },
    "ingest.few_respondents": {
        "nl": "is minder dan het minimum aantal respondenten; de waarde wordt 'geen gegevens'",
        "en": "is below the minimum number of respondents; the value becomes 'no data'",
    },
    "ingest.not_a_date": {"nl": "is geen datum", "en": "is not a date"},
    "ingest.hint_date": {
        "nl": "Gebruik jjjj-mm-dd (2024-01-01) of dd-mm-jjjj.",
        "en": "Use yyyy-mm-dd (2024-01-01) or dd-mm-yyyy.",
    },
    "ingest.far_from_history": {
        "nl": "ligt ver buiten wat eerder voor deze indicator is gemeten",
        "en": "lies far outside what was measured before for this indicator",
    },
    "ingest.hint_decimal": {
        "nl": "Controleer de eenheid en het decimaalteken.",
        "en": "Check the unit and the decimal sign.",
    },
    # -- reading a file (monitor/ingest/parse.py) -------------------------------------
    "parse.refused": {
        "nl": "{name}: {message} Er is niets opgeslagen.",
        "en": "{name}: {message} Nothing was stored.",
    },
    "file.missing": {"nl": "Bestand '{path}' bestaat niet.", "en": "File '{path}' does not exist."},
    "parse.bad_csv": {
        "nl": "het bestand is geen geldige CSV ({error}); staat er ergens een aanhalingsteken "
        "dat niet wordt gesloten?",
        "en": "the file is not valid CSV ({error}); is there a quote somewhere that is not closed?",
    },
    "parse.bad_xlsx": {
        "nl": "dit is geen geldig Excel-bestand (.xlsx).",
        "en": "this is not a valid Excel file (.xlsx).",
    },
    "parse.xlsx_bomb": {
        "nl": "het Excel-bestand pakt verdacht groot uit en is geweigerd.",
        "en": "the Excel file unpacks suspiciously large and was refused.",
    },
    "parse.xlsx_unreadable": {
        "nl": "het Excel-bestand is niet te lezen ({error}).",
        "en": "the Excel file cannot be read ({error}).",
    },
    "parse.no_sheet": {
        "nl": "tabblad '{sheet}' bestaat niet; wel: {sheets}.",
        "en": "sheet '{sheet}' does not exist; there are: {sheets}.",
    },
    "parse.empty_header": {"nl": "de kopregel is leeg.", "en": "the header is empty."},
    "parse.unnamed_column": {
        "nl": "kolom {number} in de kopregel heeft geen naam.",
        "en": "column {number} in the header has no name.",
    },
    "parse.column_twice": {
        "nl": "de kolomnaam '{column}' staat twee keer in de kopregel.",
        "en": "the column name '{column}' appears twice in the header.",
    },
    "parse.no_header": {"nl": "het bestand heeft geen kopregel.", "en": "the file has no header."},
    "parse.extra_value": {
        "nl": "rij {row} heeft {found} kolommen, de kopregel {width} (extra waarde '{value}'). "
        "Controleer het scheidingsteken en de aanhalingstekens.",
        "en": "row {row} has {found} columns, the header {width} (extra value '{value}'). "
        "Check the separator and the quotes.",
    },
    "parse.one_column": {
        "nl": "rij {row} heeft maar één kolom ('{value}'), de kopregel {width}: staat er een "
        "ander scheidingsteken in deze rij?",
        "en": "row {row} has only one column ('{value}'), the header {width}: does this row "
        "use another separator?",
    },
    "parse.no_code_column": {
        "nl": "geen kolom met gebiedscodes gevonden (verwacht bv. 'gebiedcode'); gevonden: "
        "{found}.",
        "en": "no column with area codes found (expected e.g. 'gebiedcode'); found: {found}.",
    },
    "parse.header_only": {
        "nl": "het bestand bevat alleen een kopregel, geen {what}.",
        "en": "the file holds only a header, no {what}.",
    },
    "parse.rows_data": {"nl": "gegevens", "en": "data"},
    "parse.rows_budget": {"nl": "begrotingsregels", "en": "budget lines"},
    "parse.skipped_footer": {
        "nl": "rij {row}: voetregel zonder gebiedcode overgeslagen",
        "en": "row {row}: footer without area code skipped",
    },
    "parse.bad_pattern": {
        "nl": "{option} '{pattern}' is geen geldige reguliere expressie: {error}.",
        "en": "{option} '{pattern}' is not a valid regular expression: {error}.",
    },
    "parse.skipped_pattern": {
        "nl": "rij {row}: '{value}' is geen gebiedcode volgens het patroon; overgeslagen",
        "en": "row {row}: '{value}' is not an area code by the pattern; skipped",
    },
    "parse.skipped_column": {
        "nl": "kolom '{column}' is geen jaartal en is overgeslagen ({option})",
        "en": "column '{column}' is not a year and was skipped ({option})",
    },
    "parse.no_year_columns": {
        "nl": "geen kolommen met een jaartal gevonden voor {option}.",
        "en": "no columns with a year found for {option}.",
    },
    "parse.wide_without_period": {
        "nl": "dit lijkt een breed bestand (een kolom per indicator) zonder kolom 'periode'; "
        "geef het jaar op met {period}, of gebruik {indicator} als de kolommen jaren zijn.",
        "en": "this looks like a wide file (a column per indicator) without a column "
        "'periode'; give the year with {period}, or use {indicator} if the columns are years.",
    },
    "parse.too_many_rows": {
        "nl": "het bestand heeft meer dan {rows} rijen.",
        "en": "the file has more than {rows} rows.",
    },
    "parse.too_big": {
        "nl": "het bestand is groter dan {size}.",
        "en": "the file is larger than {size}.",
    },
    "parse.empty": {"nl": "het bestand is leeg.", "en": "the file is empty."},
    "parse.not_a_table": {
        "nl": "dit is geen tekstbestand (CSV) en geen Excel-bestand.",
        "en": "this is neither a text file (CSV) nor an Excel file.",
    },
    "parse.unknown_format": {
        "nl": "Formaat '{format}' onbekend; kies {choices}.",
        "en": "Format '{format}' unknown; choose {choices}.",
    },
    "parse.long_needs": {
        "nl": "lang formaat vraagt de kolommen {columns}.",
        "en": "long format needs the columns {columns}.",
    },
    "parse.encoding": {
        "nl": "de tekencodering is niet te herkennen; sla het bestand op als UTF-8.",
        "en": "the character encoding cannot be recognised; save the file as UTF-8.",
    },
    "parse.too_many_columns": {
        "nl": "rij {row} heeft {found} kolommen; een bestand mag er hoogstens {limit} hebben. "
        "Staat het juiste scheidingsteken in de kopregel?",
        "en": "row {row} has {found} columns; a file may have at most {limit}. Does the header "
        "use the right separator?",
    },
    "parse.xlsx_dimension": {
        "nl": "tabblad '{sheet}' zegt {rows} rijen en {columns} kolommen te hebben; een "
        "bestand mag hoogstens {max_rows} rijen, {max_columns} kolommen en {max_cells} "
        "cellen hebben. Kopieer alleen de gegevens naar een nieuw werkblad.",
        "en": "sheet '{sheet}' claims {rows} rows and {columns} columns; a file may have at "
        "most {max_rows} rows, {max_columns} columns and {max_cells} cells. Copy only the data "
        "to a new sheet.",
    },
    "parse.too_many_cells": {
        "nl": "het tabblad heeft meer dan {limit} gevulde cellen.",
        "en": "the sheet has more than {limit} filled cells.",
    },
    "parse.nul": {
        "nl": "rij {row}, kolom '{column}': '{value}' bevat een NUL-teken (byte 0), dat niet "
        "kan worden opgeslagen. Sla het bestand opnieuw op als CSV (UTF-8) of Excel.",
        "en": "row {row}, column '{column}': '{value}' holds a NUL character (byte 0), which "
        "cannot be stored. Save the file again as CSV (UTF-8) or Excel.",
    },
    "parse.no_code_rows": {
        "nl": "geen enkele rij heeft een gebiedcode, dus er zijn geen {what} (rij {row}, kolom "
        "'{column}': '{value}'). Past het codepatroon wel bij de codes in het bestand?",
        "en": "no row has an area code, so there are no {what} (row {row}, column '{column}': "
        "'{value}'). Does the code pattern fit the codes in the file?",
    },
    "parse.pattern_too_long": {
        "nl": "{option} mag hoogstens {limit} tekens lang zijn.",
        "en": "{option} may be at most {limit} characters long.",
    },
    "ingest.too_long": {
        "nl": "is langer dan {limit} tekens, meer dan de database bewaart",
        "en": "is longer than {limit} characters, more than the database keeps",
    },
    "ingest.hint_shorten": {
        "nl": "Kort de tekst in; er wordt niets afgekapt.",
        "en": "Shorten the text; nothing is cut off.",
    },
    "upload.bad_request": {
        "nl": "Het verzoek is niet te lezen ({what}); er is niets gecontroleerd of opgeslagen. "
        "Kies het bestand opnieuw.",
        "en": "The request cannot be read ({what}); nothing was checked or stored. Choose the "
        "file again.",
    },
    "upload.someone": {"nl": "een medewerker", "en": "a staff member"},
    "upload.bad_period": {
        "nl": "Jaar '{value}' is geen jaartal (bijvoorbeeld 2024); er is niets opgeslagen.",
        "en": "Year '{value}' is not a year (for example 2024); nothing was stored.",
    },
    "file.empty": {"nl": "{name}: het bestand is leeg.", "en": "{name}: the file is empty."},
    "file.not_a_table": {
        "nl": "{name}: kan het bestand niet lezen als tabel ({error}).",
        "en": "{name}: cannot read the file as a table ({error}).",
    },
    # -- publishing a checked file (monitor/ingest/upload.py, monitor/ingest/budget.py) -----
    "publish.has_errors": {
        "nl": "{name}: {errors} fouten; los ze op voordat u publiceert. Er is niets opgeslagen.",
        "en": "{name}: {errors} errors; fix them before you publish. Nothing was stored.",
    },
    "publish.unknown_method": {
        "nl": "Methode '{method}' onbekend; kies {choices}.",
        "en": "Method '{method}' unknown; choose {choices}.",
    },
    "publish.changes_values": {
        "nl": "{name} wijzigt {changed} gepubliceerde waarden. Bekijk de preview en {confirm} "
        "als dat de bedoeling is. Er is niets opgeslagen.",
        "en": "{name} changes {changed} published values. Look at the preview and {confirm} "
        "if that is what you mean. Nothing was stored.",
    },
    "publish.changes_budget": {
        "nl": "{name} wijzigt {changed} gepubliceerde begrotingsregels. Bekijk de preview en "
        "{confirm} als dat de bedoeling is. Er is niets opgeslagen.",
        "en": "{name} changes {changed} published budget lines. Look at the preview and "
        "{confirm} if that is what you mean. Nothing was stored.",
    },
    "publish.unknown_code": {
        "nl": "Gebiedscode '{code}' is onbekend.",
        "en": "Area code '{code}' is unknown.",
    },
    "publish.source_too_long": {
        "nl": "--bron is langer dan {limit} tekens.",
        "en": "--bron is longer than {limit} characters.",
    },
    # -- a BBGA file (monitor/ingest/bbga.py) -----------------------------------------
    "bbga.not_a_number": {
        "nl": "rij {row}, kolom '{column}': '{value}' is geen getal",
        "en": "row {row}, column '{column}': '{value}' is not a number",
    },
    "bbga.more_rows": {"nl": " (en nog {n} rijen)", "en": " (and {n} more rows)"},
    "bbga.refused_values": {
        "nl": "{problems}{more}. Er is niets opgeslagen.",
        "en": "{problems}{more}. Nothing was stored.",
    },
    "bbga.not_bbga": {
        "nl": "{name}: dit is geen BBGA-bestand; verwacht de kolommen {wanted}, gevonden: {found}.",
        "en": "{name}: this is not a BBGA file; expected the columns {wanted}, found: {found}.",
    },
    "bbga.not_a_year": {
        "nl": "{name}, rij {row}, kolom 'jaar': '{value}' is geen jaartal.",
        "en": "{name}, row {row}, column 'jaar': '{value}' is not a year.",
    },
    "bbga.duplicates": {
        "nl": "{name}: dubbele regels voor {line} (rijen {rows}). Er is niets opgeslagen.",
        "en": "{name}: duplicate lines for {line} (rows {rows}). Nothing was stored.",
    },
    "bbga.unknown_codes": {
        "nl": "Onbekende gebiedscodes (niet in de gebiedsindeling en niet als BBGA-code te "
        "herkennen): {codes}. Voeg ze toe met 'monitor alias add'.",
        "en": "Unknown area codes (not in the area division and not recognisable as BBGA "
        "codes): {codes}. Add them with 'monitor alias add'.",
    },
    "bbga.codes_not_in_division": {
        "nl": "Gebiedscodes onbekend in deze gebiedsindeling: {codes}.",
        "en": "Area codes unknown in this area division: {codes}.",
    },
}
