"""Texts of undo, redo and the empty states, merged into ``monitor.messages.MESSAGES``.

Kept apart from the main catalogue (which is long already) because they belong
together: what an undo takes away, publishing an undone upload again, and what a page
says when there is nothing to show. Same shape as the catalogue: key → {nl, en}.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- undo: what it takes away (a dry run), then an explicit confirmation ------------
    "undo.title": {"nl": "Upload {id} ongedaan maken?", "en": "Undo upload {id}?"},
    "undo.what": {
        "nl": "{file} ({kind}), door {uploader} op {time}.",
        "en": "{file} ({kind}), by {uploader} on {time}.",
    },
    "undo.rows": {
        "nl": "Actuele waarden die verdwijnen: {rows} (eerdere waarde terug: {restored}; "
        "daarna leeg: {emptied}).",
        "en": "Current values that go: {rows} (earlier value back: {restored}; empty "
        "afterwards: {emptied}).",
    },
    "undo.rows_budget": {
        "nl": "Actuele begrotingsregels die verdwijnen: {rows} (eerdere regel terug: "
        "{restored}; daarna weg: {emptied}).",
        "en": "Current budget lines that go: {rows} (earlier line back: {restored}; gone "
        "afterwards: {emptied}).",
    },
    "undo.superseded": {
        "nl": "Al vervangen door latere uploads, en blijven zoals ze zijn: {n} rijen.",
        "en": "Already replaced by later uploads, and staying as they are: {n} rows.",
    },
    "undo.nothing_current": {
        "nl": "Geen waarde van deze upload is nog actueel (alles is al vervangen door latere "
        "uploads): ongedaan maken verandert geen cijfers.",
        "en": "No value of this upload is current any more (later uploads replaced them "
        "all): undoing changes no figures.",
    },
    "undo.indicators": {"nl": "Indicatoren ({n}): {names}", "en": "Indicators ({n}): {names}"},
    "undo.programmes": {"nl": "Programma's ({n}): {names}", "en": "Programmes ({n}): {names}"},
    "undo.years": {"nl": "Jaren: {years}", "en": "Years: {years}"},
    "undo.areas": {"nl": "Gebieden: {n}", "en": "Areas: {n}"},
    "undo.more": {"nl": "en nog {n}", "en": "and {n} more"},
    "undo.nothing_left": {
        "nl": "Daarna zijn er geen meetingen meer: de Kaart en de andere pagina's tonen "
        "niets tot er weer iets gepubliceerd is.",
        "en": "Afterwards there are no measurements at all: the map and the other pages "
        "show nothing until something is published again.",
    },
    "undo.nothing_left_budget": {
        "nl": "Daarna zijn er geen begrotingsregels meer: de Buurtbegroting toont geen bedragen.",
        "en": "Afterwards there are no budget lines at all: the budget page shows no amounts.",
    },
    "undo.redo_hint": {
        "nl": "Terugdraaien kan daarna met 'Opnieuw publiceren'.",
        "en": "It can be reversed afterwards with 'Publish again'.",
    },
    "undo.confirm": {"nl": "Ja, upload {id} ongedaan maken", "en": "Yes, undo upload {id}"},
    "undo.cancel": {"nl": "Annuleren", "en": "Cancel"},
    "undo.cancelled": {
        "nl": "Niets veranderd: upload {id} is niet ongedaan gemaakt.",
        "en": "Nothing changed: upload {id} was not undone.",
    },
    "undo.ask": {"nl": "Ongedaan maken?", "en": "Undo?"},
    "undo.need_confirm": {
        "nl": "Er is niets ongedaan gemaakt: bevestig met --bevestig (in een terminal wordt "
        "het gevraagd).",
        "en": "Nothing was undone: confirm with --bevestig (in a terminal you are asked).",
    },
    "undo.not_published": {
        "nl": "Upload {id} is al ongedaan gemaakt.",
        "en": "Upload {id} has already been undone.",
    },
    "undo.unknown": {"nl": "Upload {id} bestaat niet.", "en": "Upload {id} does not exist."},
    "undo.need_role": {
        "nl": "Ongedaan maken en opnieuw publiceren vraagt de rol analist; u heeft de rol {role}.",
        "en": "Undoing and publishing again need the role analyst; your role is {role}.",
    },
    "undo.need_login": {
        "nl": "Ongedaan maken en opnieuw publiceren vraagt een login met de rol analist.",
        "en": "Undoing and publishing again need a login with the role analyst.",
    },
    "undo.not_owner": {
        "nl": "Upload {id} is van {owner}; een analist maakt alleen eigen uploads ongedaan of "
        "opnieuw actief. Vraag een beheerder.",
        "en": "Upload {id} belongs to {owner}; an analyst can only undo or republish their "
        "own uploads. Ask an administrator.",
    },
    "undo.no_owner": {"nl": "niemand met naam (een import)", "en": "nobody by name (an import)"},
    "undo.others_hint": {
        "nl": "Uploads van anderen maakt alleen een beheerder ongedaan of opnieuw actief.",
        "en": "Only an administrator can undo or republish other people's uploads.",
    },
    # -- redo: publish an undone upload again from its stored file ---------------------
    "redo.button": {"nl": "Opnieuw publiceren", "en": "Publish again"},
    "redo.title": {"nl": "Upload {id} opnieuw publiceren?", "en": "Publish upload {id} again?"},
    "redo.what": {
        "nl": "Het bewaarde bestand {file} wordt opnieuw gelezen en gecontroleerd, met "
        "dezelfde opties; het wordt een nieuwe upload die upload {id} opnieuw publiceert.",
        "en": "The stored file {file} is read and checked again with the same options; it "
        "becomes a new upload that publishes upload {id} again.",
    },
    "redo.what_demo": {
        "nl": "Voorbeeldstad wordt opnieuw gemaakt uit dezelfde seed ({seed}); het wordt een "
        "nieuwe upload die upload {id} opnieuw publiceert.",
        "en": "Voorbeeldstad is generated again from the same seed ({seed}); it becomes a "
        "new upload that publishes upload {id} again.",
    },
    "redo.counts": {
        "nl": "Rijen: {rows} ({nieuw} nieuw, {gewijzigd} gewijzigd, {ongewijzigd} ongewijzigd).",
        "en": "Rows: {rows} ({nieuw} new, {gewijzigd} changed, {ongewijzigd} unchanged).",
    },
    "redo.changes": {
        "nl": "Gepubliceerde waarden (van latere uploads) die dit wijzigt: {n}.",
        "en": "Published values (of later uploads) this changes: {n}.",
    },
    "redo.confirm": {
        "nl": "Ja, upload {id} opnieuw publiceren",
        "en": "Yes, publish upload {id} again",
    },
    "redo.done": {
        "nl": "Upload {id} is opnieuw gepubliceerd als upload {new}: {rows} meetingen.",
        "en": "Upload {id} was published again as upload {new}: {rows} measurements.",
    },
    "redo.done_budget": {
        "nl": "Upload {id} is opnieuw gepubliceerd als upload {new}: {rows} begrotingsregels.",
        "en": "Upload {id} was published again as upload {new}: {rows} budget lines.",
    },
    "redo.file_gone": {
        "nl": "Het oorspronkelijke bestand van upload {id} ({file}) is niet meer bewaard, dus "
        "opnieuw publiceren kan niet. Upload het bestand opnieuw op de pagina Uploaden of "
        "met 'monitor import'.",
        "en": "The original file of upload {id} ({file}) is no longer kept, so it cannot be "
        "published again. Upload the file again on the Upload page or with 'monitor import'.",
    },
    "redo.not_undone": {
        "nl": "Upload {id} is gepubliceerd; alleen een ongedaan gemaakte upload kan opnieuw "
        "gepubliceerd worden.",
        "en": "Upload {id} is published; only an undone upload can be published again.",
    },
    "redo.already": {
        "nl": "Upload {id} is al opnieuw gepubliceerd als upload {new}.",
        "en": "Upload {id} has already been published again as upload {new}.",
    },
    "redo.has_errors": {
        "nl": "Het bewaarde bestand van upload {id} geeft nu {n} fouten; er is niets opgeslagen.",
        "en": "The stored file of upload {id} now gives {n} errors; nothing was stored.",
    },
    "redo.no_options": {
        "nl": "Upload {id} is van vóór het vastleggen van de leesopties: het bestand wordt "
        "gelezen met de standaardopties. Geeft dat fouten, upload het dan opnieuw met de "
        "juiste opties.",
        "en": "Upload {id} predates recording the read options: the file is read with the "
        "default options. If that gives errors, upload it again with the right options.",
    },
    "redo.need_confirm": {
        "nl": "Upload {id} opnieuw publiceren wijzigt {n} gepubliceerde waarden. Bekijk de "
        "preview en bevestig (--bevestig) als dat de bedoeling is. Er is niets opgeslagen.",
        "en": "Publishing upload {id} again changes {n} published values. Check the preview "
        "and confirm (--bevestig) if that is what you want. Nothing was stored.",
    },
    # -- the upload history -------------------------------------------------------------
    "upload.status_published": {"nl": "gepubliceerd", "en": "published"},
    "upload.status_undone": {
        "nl": "ongedaan gemaakt door {by} op {time}",
        "en": "undone by {by} on {time}",
    },
    "upload.status_republishes": {
        "nl": "publiceert upload {id} opnieuw",
        "en": "publishes upload {id} again",
    },
    "upload.status_republished": {
        "nl": "opnieuw gepubliceerd als upload {id}",
        "en": "published again as upload {id}",
    },
    "upload.no_uploads": {"nl": "Er zijn nog geen uploads.", "en": "There are no uploads yet."},
    # -- empty states: why a page shows nothing, and what to do ------------------------
    "empty.no_division": {
        "nl": "Er zijn nog geen gebieden: de monitor heeft een gebiedsindeling nodig voordat er "
        "iets te zien is. Een beheerder importeert die met 'monitor import areas' (zie de "
        "README), of laadt de voorbeeldstad met 'monitor demo'.",
        "en": "There are no areas yet: the monitor needs an area division before there is "
        "anything to see. An administrator imports one with 'monitor import areas' (see the "
        "README), or loads the demo city with 'monitor demo'.",
    },
    "empty.no_measurements": {
        "nl": "Er zijn geen meetingen. Upload een bestand op de pagina Uploaden of maak een "
        "ongedaan gemaakte upload opnieuw actief.",
        "en": "There are no measurements. Upload a file on the Upload page or make an undone "
        "upload active again.",
    },
    "empty.undone": {
        "nl": "Ongedaan gemaakte uploads met meetingen: {n}. Een analist publiceert ze opnieuw "
        "met 'Opnieuw publiceren' op de pagina Uploaden.",
        "en": "Undone uploads with measurements: {n}. An analyst publishes them again with "
        "'Publish again' on the Upload page.",
    },
    "empty.undone_budget": {
        "nl": "Ongedaan gemaakte uploads met begrotingsregels: {n}. Een analist publiceert ze "
        "opnieuw met 'Opnieuw publiceren' op de pagina Uploaden.",
        "en": "Undone uploads with budget lines: {n}. An analyst publishes them again with "
        "'Publish again' on the Upload page.",
    },
    "empty.pick_area": {
        "nl": "Kies eerst een gebied: klik op de Kaart op een gebied, of open een gebied vanuit "
        "de Tabel of de Gebiedsagenda.",
        "en": "Choose an area first: click an area on the map, or open one from the table or "
        "the area agenda.",
    },
    "empty.no_budget": {
        "nl": "Er zijn geen begrotingsregels. Upload een begrotingsbestand op de pagina "
        "Uploaden (soort begroting) of maak een ongedaan gemaakte upload opnieuw actief.",
        "en": "There are no budget lines. Upload a budget file on the Upload page (kind "
        "budget) or make an undone upload active again.",
    },
    "empty.go_upload": {"nl": "Naar Uploaden", "en": "Go to Upload"},
    "empty.no_years": {
        "nl": "Voor {indicator} zijn er geen waarden. Kies een andere indicator, of upload "
        "waarden op de pagina Uploaden.",
        "en": "There are no values for {indicator}. Choose another indicator, or upload "
        "values on the Upload page.",
    },
    "empty.no_values": {
        "nl": "Voor {indicator} zijn er in {year} geen waarden op niveau {level}. Kies een "
        "ander jaar, niveau of indicator.",
        "en": "There are no values for {indicator} in {year} at level {level}. Choose another "
        "year, level or indicator.",
    },
    "empty.no_areas": {
        "nl": "Er zijn geen gebieden op niveau {level}. Kies een ander niveau.",
        "en": "There are no areas at level {level}. Choose another level.",
    },
    "empty.no_indicators": {
        "nl": "De catalogus heeft geen indicatoren om te kleuren. Een analist voegt ze toe met "
        "'monitor indicator add' of 'monitor import catalog'.",
        "en": "The catalogue has no indicators to colour. An analyst adds them with "
        "'monitor indicator add' or 'monitor import catalog'.",
    },
}
