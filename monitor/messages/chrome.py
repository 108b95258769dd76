"""The app's frame: navigation, controls, columns, levels, keyboard and print texts."""

MESSAGES: dict[str, dict[str, str]] = {
    # -- app chrome ------------------------------------------------------------------
    "app.title": {"nl": "Buurtmonitor", "en": "Neighbourhood monitor"},
    "app.fictional": {
        "nl": "Voorbeeldstad is een verzonnen stad: alle gebieden en cijfers zijn fictief.",
        "en": "Voorbeeldstad is a made-up city: all areas and figures are fictional.",
    },
    "app.empty": {
        "nl": "De database is nog leeg. Start met 'monitor demo' of importeer gegevens.",
        "en": "The store is empty. Run 'monitor demo' or import data.",
    },
    "app.indicator": {"nl": "Indicator", "en": "Indicator"},
    "app.period": {"nl": "Jaar", "en": "Year"},
    "app.level": {"nl": "Niveau", "en": "Level"},
    "app.method": {"nl": "Methode", "en": "Method"},
    "app.reference": {"nl": "Referentie", "en": "Reference"},
    "app.language": {"nl": "English", "en": "Nederlands"},
    "app.nap_line": {
        "nl": "NAP ({source}): {nap} · spreiding {spread}",
        "en": "NAP ({source}): {nap} · spread {spread}",
    },
    "app.counts": {"nl": "Aantal per klasse", "en": "Count per class"},
    "nav.kaart": {"nl": "Kaart", "en": "Map"},
    "nav.overview": {"nl": "Tabel", "en": "Table"},
    "nav.profiel": {"nl": "Buurtprofiel", "en": "Area profile"},
    "profiel.indicator": {"nl": "Indicator", "en": "Indicator"},
    "profiel.year": {"nl": "Jaar", "en": "Year"},
    "profiel.value": {"nl": "Waarde", "en": "Value"},
    "profiel.nap": {"nl": "NAP", "en": "NAP"},
    "profiel.diff": {"nl": "Verschil", "en": "Difference"},
    "profiel.class": {"nl": "Klasse", "en": "Class"},
    "profiel.trend": {"nl": "Verloop (stippellijn: NAP)", "en": "Trend (dashed: NAP)"},
    "profiel.herkomst": {"nl": "Herkomst", "en": "Source"},
    "profiel.subset": {
        "nl": "Dit profiel toont de {count} indicatoren van '{name}' (van de {total}); "
        "alle indicatoren staan in de Tabel en de Buurtbegroting.",
        "en": "This profile shows the {count} indicators of '{name}' (of {total}); "
        "all indicators are in the Table and the Buurtbegroting.",
    },
    "profiel.set_title": {
        "nl": "{name} ({count} indicatoren)",
        "en": "{name} ({count} indicators)",
    },
    "profiel.filter": {
        "nl": "Zoek in de {count} indicatoren (naam of code)",
        "en": "Search the {count} indicators (name or code)",
    },
    "profiel.source": {"nl": "upload {id}: {file}, {date}", "en": "upload {id}: {file}, {date}"},
    "profiel.aggregated": {
        "nl": "berekend uit de onderliggende gebieden",
        "en": "computed from the areas within",
    },
    "profiel.printed": {
        "nl": "Afgedrukt op {date}. Bron: Buurtmonitor; herkomst per cijfer via "
        "'monitor herkomst'.",
        "en": "Printed on {date}. Source: Buurtmonitor; provenance per number via "
        "'monitor herkomst'.",
    },
    "kaart.palette": {"nl": "Kleuren", "en": "Colours"},
    "palette.standaard": {"nl": "kleurenblind-veilig", "en": "colour-blind safe"},
    "palette.klassiek": {"nl": "klassiek (rood/grijs/groen)", "en": "classic (red/grey/green)"},
    "kaart.zoom": {"nl": "Inzoomen op", "en": "Zoom to"},
    "kaart.zoom_all": {"nl": "hele stad", "en": "whole city"},
    "kaart.gemeente": {"nl": "Gemeente", "en": "Municipality"},
    # -- the header's area search (layouts/search_box.py) ----------------------------
    "search.label": {
        "nl": "Zoek een buurt, wijk, gebied of stadsdeel (naam, code, postcode of adres)",
        "en": "Find a neighbourhood, district, area or borough (name, code, postcode or address)",
    },
    "search.placeholder": {
        "nl": "Zoek gebied, code of postcode",
        "en": "Find area, code or postcode",
    },
    "search.address": {"nl": "({address})", "en": "({address})"},
    "search.hint": {
        "nl": "Enter opent de eerste treffer; Tab gaat naar de lijst.",
        "en": "Enter opens the first match; Tab moves to the list.",
    },
    "search.none": {
        "nl": "Geen gebied gevonden voor '{text}'.",
        "en": "No area found for '{text}'.",
    },
    "search.found": {"nl": "{count} gevonden", "en": "{count} found"},
    "search.where": {"nl": "{code} · {level}", "en": "{code} · {level}"},
    # -- texts inside dcc.Dropdown ---------------------------------------------------
    "dropdown.select_all": {"nl": "Alles kiezen", "en": "Select all"},
    "dropdown.deselect_all": {"nl": "Niets kiezen", "en": "Deselect all"},
    "dropdown.selected_count": {"nl": "{num_selected} gekozen", "en": "{num_selected} selected"},
    "dropdown.search": {"nl": "Zoeken", "en": "Search"},
    "dropdown.clear_search": {"nl": "Zoekterm wissen", "en": "Clear search"},
    "dropdown.clear_selection": {"nl": "Keuze wissen", "en": "Clear selection"},
    "dropdown.no_options_found": {"nl": "Niets gevonden", "en": "No options found"},
    "kaart.notes": {"nl": "Verhalen", "en": "Stories"},
    "kaart.change": {"nl": "verandering t.o.v. {period}", "en": "change since {period}"},
    "kaart.nap": {
        "nl": "NAP {period} ({source}): {nap}. Klik op een gebied voor het buurtprofiel.",
        "en": "NAP {period} ({source}): {nap}. Click an area for its profile.",
    },
    "nav.upload": {"nl": "Uploaden", "en": "Upload"},
    # -- table columns ---------------------------------------------------------------
    "col.code": {"nl": "Code", "en": "Code"},
    "col.naam": {"nl": "Gebied", "en": "Area"},
    "col.value": {"nl": "Waarde", "en": "Value"},
    "col.nap": {"nl": "NAP", "en": "NAP"},
    "col.z": {"nl": "z", "en": "z"},
    "col.klasse": {"nl": "Klasse", "en": "Class"},
    "col.reden": {"nl": "Toelichting", "en": "Explanation"},
    # -- levels ----------------------------------------------------------------------
    "level.buurt": {"nl": "Buurt", "en": "Neighbourhood (buurt)"},
    "level.wijk": {"nl": "Wijk", "en": "District (wijk)"},
    "level.gebied": {"nl": "Gebied", "en": "Area (gebied)"},
    "level.stadsdeel": {"nl": "Stadsdeel", "en": "Borough (stadsdeel)"},
    "level.gemeente": {"nl": "Gemeente", "en": "Municipality"},
    "app.level_no_data": {
        "nl": "{level}: geen gegevens op dit niveau",
        "en": "{level}: no data at this level",
    },
    # -- keyboard access to the maps (assets/blokjes.js, assets/kaart.js) ------------
    "a11y.skip_content": {"nl": "Naar de inhoud", "en": "Skip to content"},
    "a11y.skip_map": {
        "nl": "Sla de kaart over (naar de legenda)",
        "en": "Skip the map (to the legend)",
    },
    "blokjes.keyboard": {
        "nl": "Met het toetsenbord: Tab gaat van blokje naar blokje, de pijltjestoetsen van "
        "cel naar cel; Escape sluit de uitleg.",
        "en": "With the keyboard: Tab moves from block to block, the arrow keys from cell "
        "to cell; Escape closes the explanation.",
    },
    # -- upload status, short class labels on paper, blocks that do not fit -------------
    "upload.status.published": {"nl": "gepubliceerd", "en": "published"},
    "upload.status.undone": {"nl": "ongedaan gemaakt", "en": "undone"},
    "upload.kind_demo": {"nl": "demo", "en": "demo"},
    "class_short.beter": {"nl": "beter", "en": "better"},
    "class_short.veel_beter": {"nl": "veel beter", "en": "much better"},
    "class_short.rond": {"nl": "gemiddeld", "en": "average"},
    "class_short.slechter": {"nl": "slechter", "en": "worse"},
    "class_short.veel_slechter": {"nl": "veel slechter", "en": "much worse"},
    "class_short.meer": {"nl": "meer", "en": "more"},
    "class_short.minder": {"nl": "minder", "en": "less"},
    "class_short.geen_gegevens": {"nl": "geen gegevens", "en": "no data"},
    "class_short.niet_gekleurd": {"nl": "niet gekleurd", "en": "not coloured"},
    "profiel.class_note": {
        "nl": "Klasse: de waarde vergeleken met het {gemiddelde} (NAP).",
        "en": "Class: the value compared with the {gemiddelde} (NAP).",
    },
    "blokjes.hidden": {
        "nl": "Op dit zoomniveau passen {shown} van de {total} blokjes zonder overlap; "
        "zoom in om ze allemaal te zien.",
        "en": "At this zoom level {shown} of the {total} blocks fit without overlap; "
        "zoom in to see them all.",
    },
    "audit.action.upload.check": {"nl": "upload gecontroleerd", "en": "upload checked"},
    "audit.action.scores.rebuild": {
        "nl": "scores opnieuw berekenen gestart",
        "en": "score recomputation started",
    },
    "audit.action.prune": {
        "nl": "opgeruimd (oude bestanden, inlogpogingen)",
        "en": "pruned (old files, login attempts)",
    },
    "audit.action.upload.publish": {"nl": "upload gepubliceerd", "en": "upload published"},
    "audit.action.upload.undo": {"nl": "upload ongedaan gemaakt", "en": "upload undone"},
    "audit.action.config.programmes": {
        "nl": "begrotingsprogramma's ingesteld",
        "en": "budget programmes set",
    },
    "audit.action.user.add": {"nl": "gebruiker toegevoegd", "en": "user added"},
    "audit.action.user.remove": {"nl": "gebruiker verwijderd", "en": "user removed"},
    "audit.action.user.passwd": {"nl": "wachtwoord gewijzigd", "en": "password changed"},
    "audit.action.user.role": {"nl": "rol gewijzigd", "en": "role changed"},
    "audit.action.user.disable": {"nl": "account uitgeschakeld", "en": "account disabled"},
    "audit.action.user.enable": {"nl": "account ingeschakeld", "en": "account enabled"},
    "audit.action.token.add": {"nl": "API-token gemaakt", "en": "API token created"},
    "audit.action.token.revoke": {"nl": "API-token ingetrokken", "en": "API token revoked"},
    "audit.action.login.success": {"nl": "ingelogd", "en": "logged in"},
    "audit.action.login.failure": {"nl": "inloggen mislukt", "en": "login failed"},
    "audit.action.login.blocked": {"nl": "inloggen geblokkeerd", "en": "login blocked"},
    "audit.action.login.sso": {"nl": "ingelogd via SSO", "en": "logged in via SSO"},
    "audit.action.login.sso_failed": {"nl": "inloggen via SSO mislukt", "en": "SSO login failed"},
    "audit.action.logout": {"nl": "uitgelogd", "en": "logged out"},
    "audit.action.goal.add": {"nl": "doel toegevoegd", "en": "goal added"},
    "audit.action.goal.update": {"nl": "doel gewijzigd", "en": "goal changed"},
    "audit.action.goal.remove": {"nl": "doel verwijderd", "en": "goal removed"},
    "audit.action.action.add": {"nl": "actie toegevoegd", "en": "action added"},
    "audit.action.action.update": {"nl": "actie gewijzigd", "en": "action changed"},
    "audit.action.action.remove": {"nl": "actie verwijderd", "en": "action removed"},
    "audit.action.note.add": {"nl": "verhaal toegevoegd", "en": "story added"},
    "audit.action.note.update": {"nl": "verhaal gewijzigd", "en": "story changed"},
    "audit.action.note.remove": {"nl": "verhaal verwijderd", "en": "story removed"},
    "audit.action.agenda.import": {"nl": "gebiedsagenda geïmporteerd", "en": "agenda imported"},
    "audit.action.notes.import": {"nl": "verhalen geïmporteerd", "en": "stories imported"},
    # -- one model of a problem (monitor/problems.py) --------------------------------
    "problem.fout": {"nl": "Fout", "en": "Error"},
    "problem.waarschuwing": {"nl": "Waarschuwing", "en": "Warning"},
    "problem.row": {"nl": "rij {row}", "en": "row {row}"},
    "problem.column": {"nl": "kolom '{column}'", "en": "column '{column}'"},
    "problem.did_you_mean": {"nl": "Bedoelt u '{match}'?", "en": "Did you mean '{match}'?"},
}
