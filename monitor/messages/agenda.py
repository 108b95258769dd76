"""Gebiedsagenda, actions and verhalen."""

MESSAGES: dict[str, dict[str, str]] = {
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
        "nl": "'{value}' is geen gebied in deze gebiedsindeling.",
        "en": "'{value}' is not an area in this division.",
    },
    "agenda.err.indicator": {
        "nl": "'{value}' staat niet in de indicatorcatalogus.",
        "en": "'{value}' is not in the indicator catalogue.",
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
}
