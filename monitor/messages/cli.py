"""Texts of the ``monitor`` command line (``monitor/cli/``): its errors and what it prints.

The commands' own help (typer docstrings, ``help=`` of options) stays in the code: it is
the CLI's documentation (see ``monitor/cli/apps.py``).
"""

MESSAGES: dict[str, dict[str, str]] = {
    # -- shared (monitor/cli/__init__.py, output.py) -----------------------------------
    "cli.error": {"nl": "[bold red]Fout:[/] {error}", "en": "[bold red]Error:[/] {error}"},
    "cli.not_initialised": {
        "nl": "De database is nog niet aangemaakt: voer eerst 'monitor init' uit.",
        "en": "The database has not been created yet: run 'monitor init' first.",
    },
    "cli.unknown_format": {
        "nl": "Formaat '{format}' onbekend; kies {choices}.",
        "en": "Format '{format}' unknown; choose {choices}.",
    },
    "cli.formats.table": {"nl": "table, csv of json", "en": "table, csv or json"},
    "cli.formats.text": {"nl": "text of json", "en": "text or json"},
    "cli.dry_run": {
        "nl": "Proefrun (--dry-run): er is niets opgeslagen.",
        "en": "Trial run (--dry-run): nothing has been stored.",
    },
    "cli.warning": {"nl": "[yellow]Let op:[/] {warning}", "en": "[yellow]Note:[/] {warning}"},
    "cli.errors_nothing_stored": {
        "nl": "{n} fouten; er is niets opgeslagen.",
        "en": "{n} errors; nothing has been stored.",
    },
    "cli.importing": {"nl": "{name} importeren…", "en": "Importing {name}…"},
    "cli.checking": {"nl": "{name} controleren…", "en": "Checking {name}…"},
    "cli.publishing": {"nl": "Publiceren…", "en": "Publishing…"},
    # -- the steps of monitor import meetingen (a bar on a terminal) ----------------------
    "cli.step.read": {"nl": "{name} lezen…", "en": "Reading {name}…"},
    "cli.step.validate": {
        "nl": "{rows} waarden controleren…",
        "en": "Checking {rows} values…",
    },
    "cli.step.preview": {
        "nl": "Vergelijken met de gepubliceerde waarden…",
        "en": "Comparing with the published values…",
    },
    "cli.step.publish": {
        "nl": "{n} meetingen publiceren en scores berekenen…",
        "en": "Publishing {n} values and computing scores…",
    },
    # -- the validation report of an import (output.print_report) ------------------------
    "cli.report.read_budget": {"nl": "begroting, {n} regels", "en": "budget, {n} lines"},
    "cli.report.read_values": {
        "nl": "formaat: {format}, {n} waarden",
        "en": "format: {format}, {n} values",
    },
    "cli.report.summary": {
        "nl": "[bold]{name}[/]: {read} gelezen, {errors} fouten, {warnings} waarschuwingen.",
        "en": "[bold]{name}[/]: {read} read, {errors} errors, {warnings} warnings.",
    },
    "cli.report.skipped": {"nl": "  Overgeslagen: {line}", "en": "  Skipped: {line}"},
    "cli.report.budget_change": {
        "nl": "{code} {year} {programme} '{description}': begroot {planned_old} → {planned}, "
        "gerealiseerd {realised_old} → {realised}",
        "en": "{code} {year} {programme} '{description}': budgeted {planned_old} → {planned}, "
        "realised {realised_old} → {realised}",
    },
    # -- monitor import … (monitor/cli/imports.py, agenda.py) ----------------------------
    "cli.import.parent_field": {
        "nl": "--parent-field '{item}': gebruik NIVEAU=VELD.",
        "en": "--parent-field '{item}': use LEVEL=FIELD.",
    },
    "cli.import.map": {
        "nl": "--map '{item}': gebruik OUD=NIEUW.",
        "en": "--map '{item}': use OLD=NEW.",
    },
    "cli.import.areas_done": {
        "nl": "{name}: {inserted} nieuw, {updated} bijgewerkt ({level}, gebiedsindeling "
        "{division}).",
        "en": "{name}: {inserted} new, {updated} updated ({level}, area division {division}).",
    },
    "cli.import.default_division": {"nl": "standaard", "en": "default"},
    "cli.import.bbga_done": {
        "nl": "{name}: {rows} meetingen opgeslagen in upload {upload} ({values} waarden, "
        "{empty} leeg), {forecasts} prognoseregels overgeslagen.",
        "en": "{name}: {rows} measurements stored in upload {upload} ({values} values, "
        "{empty} empty), {forecasts} forecast rows skipped.",
    },
    "cli.import.areas_created": {
        "nl": "Nieuwe gebieden zonder geometrie: {codes}",
        "en": "New areas without geometry: {codes}",
    },
    "cli.import.indicators_created": {
        "nl": "{n} indicatoren zonder metadata aangemaakt (polariteit 'geen'): {ids}",
        "en": "{n} indicators created without metadata (polarity 'geen'): {ids}",
    },
    "cli.import.codes_skipped": {
        "nl": "Codes die niet bij een gebied horen overgeslagen: {codes}",
        "en": "Codes that belong to no area skipped: {codes}",
    },
    "cli.import.capped": {
        "nl": "{n} waarden staan op de BBGA-grens van 90% en tellen als afgetopt.",
        "en": "{n} values are at the BBGA limit of 90% and count as capped.",
    },
    "cli.import.curation_none": {
        "nl": "Polariteit: de curatie ({name}) veranderde geen polariteiten.",
        "en": "Polarity: the curation ({name}) changed no polarities.",
    },
    "cli.import.curation_changed": {
        "nl": "Polariteit: de curatie ({name}) veranderde {n} polariteiten van de metadata: "
        "{rules} door regels, {overrides} door overrides ({per_target}). Zie 'monitor "
        "indicator show ID'.",
        "en": "Polarity: the curation ({name}) changed {n} polarities of the metadata: "
        "{rules} by rules, {overrides} by overrides ({per_target}). See 'monitor "
        "indicator show ID'.",
    },
    "cli.import.user_polarities": {
        "nl": "Eigen polariteit van gebruikers opnieuw toegepast ({n}): {ids}",
        "en": "Users' own polarity applied again ({n}): {ids}",
    },
    "cli.import.published": {
        "nl": "Gepubliceerd als upload {id}: {n} meetingen.",
        "en": "Published as upload {id}: {n} measurements.",
    },
    "cli.import.published_budget": {
        "nl": "Gepubliceerd als upload {id}: {n} begrotingsregels.",
        "en": "Published as upload {id}: {n} budget lines.",
    },
    "cli.import.programmes": {
        "nl": "{n} programma's opgeslagen uit {name}: {names}",
        "en": "{n} programmes stored from {name}: {names}",
    },
    "cli.import.catalog": {
        "nl": "{n} indicatoren opgeslagen uit {name}.",
        "en": "{n} indicators stored from {name}.",
    },
    # -- monitor alias / indicator (monitor/cli/catalog.py, polarity.py) -----------------
    "cli.alias.added": {
        "nl": "{code} verwijst nu naar {target}.",
        "en": "{code} now refers to {target}.",
    },
    "cli.indicator.added": {
        "nl": "Indicator '{id}' toegevoegd ({polarity}, {unit}).",
        "en": "Indicator '{id}' added ({polarity}, {unit}).",
    },
    "cli.indicator.updated": {
        "nl": "Indicator '{id}' bijgewerkt: {changes}.",
        "en": "Indicator '{id}' updated: {changes}.",
    },
    "cli.indicator.unchanged": {
        "nl": "Indicator '{id}' stond er al zo; er is niets gewijzigd.",
        "en": "Indicator '{id}' was like that already; nothing has been changed.",
    },
    "cli.polarity.remove_with_value": {
        "nl": "Geef bij --verwijder geen polariteit; er is niets gewijzigd.",
        "en": "Give no polarity with --verwijder; nothing has been changed.",
    },
    "cli.polarity.removed": {
        "nl": "Eigen polariteit van '{id}' verwijderd; nu {polarity} ({source}).",
        "en": "Own polarity of '{id}' removed; now {polarity} ({source}).",
    },
    "cli.polarity.source_unknown": {"nl": "onbekend", "en": "unknown"},
    "cli.polarity.missing": {
        "nl": "Geef een polariteit (hoger-beter, lager-beter, neutraal of geen), "
        "of --verwijder; er is niets gewijzigd.",
        "en": "Give a polarity (hoger-beter, lager-beter, neutraal or geen), "
        "or --verwijder; nothing has been changed.",
    },
    "cli.polarity.no_reason": {
        "nl": "Geef met --reden aan waarom; er is niets gewijzigd.",
        "en": "Say why with --reden; nothing has been changed.",
    },
    "cli.polarity.set": {
        "nl": "'{id}' is nu {polarity} (eigen polariteit van {by}): {reason}",
        "en": "'{id}' is now {polarity} (own polarity of {by}): {reason}",
    },
    "cli.polarity.imported": {
        "nl": "{n} eigen polariteiten opgeslagen uit {name}: {ids}",
        "en": "{n} own polarities stored from {name}: {ids}",
    },
    # the labels of ``monitor indicator show`` (text format)
    "cli.show.domein": {"nl": "domein", "en": "domain"},
    "cli.show.thema": {"nl": "thema", "en": "theme"},
    "cli.show.eenheid": {"nl": "eenheid", "en": "unit"},
    "cli.show.decimalen": {"nl": "decimalen", "en": "decimals"},
    "cli.show.polariteit": {"nl": "polariteit", "en": "polarity"},
    "cli.show.herkomst": {"nl": "herkomst", "en": "source"},
    "cli.show.door": {"nl": "door", "en": "by"},
    "cli.show.reden": {"nl": "reden", "en": "reason"},
    "cli.show.metadata": {"nl": "metadata", "en": "metadata"},
    "cli.show.eigen_sinds": {"nl": "eigen sinds", "en": "own since"},
    "cli.show.zonder_eigen": {"nl": "zonder eigen", "en": "without own"},
    "cli.show.uitleg": {"nl": "uitleg", "en": "explanation"},
    "cli.show.methode": {"nl": "methode", "en": "method"},
    "cli.show.bron": {"nl": "bron", "en": "source data"},
    "cli.show.catalogus": {"nl": "catalogus", "en": "catalogue"},
    "cli.show.definitie": {"nl": "definitie", "en": "definition"},
    # -- monitor init / demo / status (monitor/cli/setup.py, status.py) ------------------
    "cli.init.done": {"nl": "Database klaar: {url}", "en": "Database ready: {url}"},
    "cli.demo.generating": {"nl": "Voorbeeldstad genereren…", "en": "Generating Voorbeeldstad…"},
    "cli.demo.unchanged": {
        "nl": "De bestanden van Voorbeeldstad waren al zo; er is niets gewijzigd.",
        "en": "The files of Voorbeeldstad were like that already; nothing has been changed.",
    },
    "cli.demo.written": {"nl": "Opnieuw geschreven: {path}", "en": "Written again: {path}"},
    "cli.demo.present": {
        "nl": "Voorbeeldstad staat al in de database.",
        "en": "Voorbeeldstad is in the database already.",
    },
    "cli.demo.loading": {"nl": "Voorbeeldstad laden…", "en": "Loading Voorbeeldstad…"},
    "cli.demo.loaded": {
        "nl": "Voorbeeldstad (fictief) geladen: {counts}",
        "en": "Voorbeeldstad (fictional) loaded: {counts}",
    },
    "cli.status.division": {
        "nl": "Gebiedsindeling: {name} ({gemeente})",
        "en": "Area division: {name} ({gemeente})",
    },
    "cli.status.fictional": {"nl": " — fictief", "en": " — fictional"},
    "cli.status.indicators": {"nl": "Indicatoren: {n}", "en": "Indicators: {n}"},
    "cli.status.uploads": {"nl": "Uploads: {n}", "en": "Uploads: {n}"},
    "cli.status.budget": {
        "nl": "Begrotingsregels: {n} ({first}–{last})",
        "en": "Budget lines: {n} ({first}–{last})",
    },
    # -- monitor export / score (monitor/cli/export.py, scores.py) -----------------------
    "cli.export.written": {
        "nl": "{n} gebieden geschreven naar {output}.",
        "en": "{n} areas written to {output}.",
    },
    "cli.export.analysis_working": {
        "nl": "Gebiedsanalyse {code} maken…",
        "en": "Making the area analysis {code}…",
    },
    "cli.export.analysis_written": {
        "nl": "Gebiedsanalyse van {name} ({code}) geschreven naar {output}.",
        "en": "Area analysis of {name} ({code}) written to {output}.",
    },
    "cli.score.title": {
        "nl": "{indicator} {period} — NAP {nap} ({source}), spreiding {spread}",
        "en": "{indicator} {period} — NAP {nap} ({source}), spread {spread}",
    },
    # -- monitor uploads / herkomst (monitor/cli/uploads.py) -----------------------------
    "cli.uploads.checking_again": {
        "nl": "Upload {id} opnieuw controleren…",
        "en": "Checking upload {id} again…",
    },
    "cli.uploads.no_measurement": {
        "nl": "Geen meting voor {code} / {indicator} / {period}.",
        "en": "No measurement for {code} / {indicator} / {period}.",
    },
    "cli.yes": {"nl": "ja", "en": "yes"},
    "cli.no": {"nl": "nee", "en": "no"},
    # -- monitor user … (monitor/cli/users.py) -------------------------------------------
    "cli.user.password": {"nl": "Wachtwoord", "en": "Password"},
    "cli.user.again": {"nl": "Nogmaals", "en": "Again"},
    "cli.user.passwords_differ": {
        "nl": "De wachtwoorden verschillen; er is niets gewijzigd.",
        "en": "The passwords differ; nothing has been changed.",
    },
    "cli.user.created": {
        "nl": "Gebruiker {name} ({role}) aangemaakt.",
        "en": "User {name} ({role}) created.",
    },
    "cli.user.removed": {"nl": "Gebruiker {name} verwijderd.", "en": "User {name} removed."},
    "cli.user.unknown": {
        "nl": "Gebruiker '{name}' bestaat niet.",
        "en": "User '{name}' does not exist.",
    },
    "cli.user.password_changed": {
        "nl": "Wachtwoord van {name} gewijzigd.",
        "en": "Password of {name} changed.",
    },
    "cli.user.role_changed": {
        "nl": "{name} heeft nu de rol {role}.",
        "en": "{name} now has the role {role}.",
    },
    "cli.user.disabled": {"nl": " (uitgeschakeld)", "en": " (disabled)"},
    "cli.user.disabled_now": {
        "nl": "{name} is uitgeschakeld; sessies en API-tokens werken niet meer.",
        "en": "{name} is disabled; sessions and API tokens no longer work.",
    },
    "cli.user.enabled_now": {
        "nl": "{name} is weer ingeschakeld.",
        "en": "{name} is enabled again.",
    },
    "cli.user.token_made": {
        "nl": "API-token {id} ('{label}') voor {name}. Het wordt maar één keer getoond:",
        "en": "API token {id} ('{label}') for {name}. It is shown only once:",
    },
    "cli.user.token_revoked": {
        "nl": "API-token {id} van {name} is ingetrokken.",
        "en": "API token {id} of {name} is revoked.",
    },
    "cli.user.no_tokens": {"nl": "Er zijn geen API-tokens.", "en": "There are no API tokens."},
    "cli.user.exist": {
        "nl": "Er zijn al gebruikers; er is niets aangemaakt.",
        "en": "There are users already; nothing has been created.",
    },
    "cli.user.admin_created": {
        "nl": "Beheerder aangemaakt (wordt niet nog eens getoond; wijzig het wachtwoord met "
        "'monitor user passwd'):",
        "en": "Beheerder created (not shown again; change the password with "
        "'monitor user passwd'):",
    },
    "cli.user.admin_name": {"nl": "  gebruikersnaam: {name}", "en": "  username:       {name}"},
    "cli.user.admin_password": {
        "nl": "  wachtwoord:     {password}",
        "en": "  password:       {password}",
    },
    # -- table headers of the command line (lower case, as the CLI has always shown them) -
    "cli.col.kind": {"nl": "soort", "en": "kind"},
    "cli.col.file": {"nl": "bestand", "en": "file"},
    "cli.col.by": {"nl": "door", "en": "by"},
    "cli.col.time": {"nl": "tijd", "en": "time"},
    "cli.col.rows": {"nl": "rijen", "en": "rows"},
    "cli.col.status": {"nl": "status", "en": "status"},
    "cli.col.value": {"nl": "waarde", "en": "value"},
    "cli.col.current": {"nl": "huidig", "en": "current"},
    "cli.col.upload": {"nl": "upload", "en": "upload"},
    "cli.col.user": {"nl": "gebruiker", "en": "user"},
    "cli.col.role": {"nl": "rol", "en": "role"},
    "cli.col.name": {"nl": "naam", "en": "name"},
    "cli.col.created": {"nl": "aangemaakt", "en": "created"},
    "cli.col.last_login": {"nl": "laatst ingelogd", "en": "last login"},
    "cli.col.starts": {"nl": "begint met", "en": "starts with"},
    "cli.col.last_used": {"nl": "laatst gebruikt", "en": "last used"},
    "cli.col.programme": {"nl": "programma", "en": "programme"},
    "cli.col.year": {"nl": "jaar", "en": "year"},
    "cli.col.indicator": {"nl": "indicator", "en": "indicator"},
    "cli.col.period": {"nl": "periode", "en": "period"},
    "cli.col.new": {"nl": "nieuw", "en": "new"},
    "cli.col.changed": {"nl": "gewijzigd", "en": "changed"},
    "cli.col.unchanged": {"nl": "ongewijzigd", "en": "unchanged"},
    "cli.col.preview": {"nl": "Voorbeeld", "en": "Preview"},
    "app.secret_key_weak": {
        "nl": "MONITOR_SECRET_KEY is een voorbeeldwaarde of te zwak (minstens {n} willekeurige "
        "tekens). Maak een sleutel met 'openssl rand -hex 32', of laat de variabele weg: dan "
        "maakt de app er zelf een in MONITOR_DATA_DIR/secret_key.",
        "en": "MONITOR_SECRET_KEY is an example value or too weak (at least {n} random "
        "characters). Make a key with 'openssl rand -hex 32', or leave the variable out: the "
        "app then makes one in MONITOR_DATA_DIR/secret_key.",
    },
    "cli.db_unreachable": {
        "nl": "De database {url} is niet bereikbaar ({reason}). Draait de server, en klopt "
        "MONITOR_DATABASE_URL?",
        "en": "The database {url} cannot be reached ({reason}). Is the server running, and "
        "is MONITOR_DATABASE_URL right?",
    },
    "cli.prune.done": {
        "nl": "Opgeruimd: {files} bestanden die nooit zijn gepubliceerd (ouder dan {staged} "
        "dagen) en {attempts} inlogpogingen (ouder dan {days} dagen). Vastgelegd in het "
        "auditlog.",
        "en": "Pruned: {files} files never published (older than {staged} days) and "
        "{attempts} login attempts (older than {days} days). Recorded in the audit log.",
    },
}
