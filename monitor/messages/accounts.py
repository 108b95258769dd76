"""Login, accounts, roles, single sign-on, Beheer and the audit log."""

MESSAGES: dict[str, dict[str, str]] = {
    # -- accounts and safety -------------------------------------------------------
    "auth.login": {"nl": "Inloggen", "en": "Log in"},
    "auth.logout": {"nl": "Uitloggen", "en": "Log out"},
    "auth.username": {"nl": "Gebruikersnaam", "en": "Username"},
    "auth.password": {"nl": "Wachtwoord", "en": "Password"},
    "auth.intro": {
        "nl": "Log in met het account dat een beheerder voor u heeft aangemaakt.",
        "en": "Log in with the account an administrator created for you.",
    },
    "auth.skip": {
        "nl": "Verder zonder inloggen (alleen lezen)",
        "en": "Continue without logging in (read only)",
    },
    "auth.wrong": {
        "nl": "Gebruikersnaam of wachtwoord klopt niet.",
        "en": "Wrong username or password.",
    },
    "auth.blocked": {
        "nl": "Te veel mislukte pogingen. Probeer het over {wait} opnieuw.",
        "en": "Too many failed attempts. Try again in {wait}.",
    },
    "auth.seconds": {"nl": "{n} seconden", "en": "{n} seconds"},
    "auth.minutes": {"nl": "{n} minuten", "en": "{n} minutes"},
    "auth.expired": {
        "nl": "Uw sessie is verlopen; log opnieuw in.",
        "en": "Your session has expired; please log in again.",
    },
    "auth.logged_out": {"nl": "U bent uitgelogd.", "en": "You are logged out."},
    "auth.csrf": {
        "nl": "Het formulier is verlopen of ongeldig (beveiligingstoken). Laad de pagina "
        "opnieuw en probeer het nog eens.",
        "en": "The form has expired or is invalid (security token). Reload the page and try again.",
    },
    "auth.login_needed": {
        "nl": "Log in om dit te doen.",
        "en": "Log in to do this.",
    },
    "auth.role_needed": {
        "nl": "Uw rol ({role}) mag dit niet; daarvoor is de rol {needed} nodig.",
        "en": "Your role ({role}) may not do this; it needs the role {needed}.",
    },
    "auth.unmarked": {
        "nl": "Geweigerd: deze actie heeft geen toegangsregel.",
        "en": "Refused: this action has no access rule.",
    },
    "auth.too_large": {
        "nl": "Geweigerd: het verzoek is groter dan {limit} MB.",
        "en": "Refused: the request is larger than {limit} MB.",
    },
    "auth.sso_button": {
        "nl": "Inloggen met uw organisatie-account",
        "en": "Log in with your organisation account",
    },
    "auth.sso_or": {
        "nl": "Of log in met een gebruikersnaam en wachtwoord van Buurtmonitor:",
        "en": "Or log in with a Buurtmonitor username and password:",
    },
    "auth.sso_no_role": {
        "nl": "U bent aangemeld bij uw organisatie, maar uw account geeft geen toegang tot "
        "Buurtmonitor: u zit in geen van de groepen die toegang geven. Vraag uw beheerder "
        "om toegang.",
        "en": "You are signed in at your organisation, but your account gives no access to "
        "Buurtmonitor: you are in none of the groups that do. Ask your administrator for "
        "access.",
    },
    "auth.sso_no_name": {
        "nl": "De inlogdienst van uw organisatie gaf geen bruikbare gebruikersnaam of "
        "e-mailadres door. Neem contact op met uw beheerder.",
        "en": "Your organisation's sign-in service passed no usable username or e-mail "
        "address. Contact your administrator.",
    },
    "auth.sso_local": {
        "nl": "Er bestaat al een Buurtmonitor-account met wachtwoord onder dezelfde naam als "
        "uw organisatie-account. Log in met dat wachtwoord, of vraag een beheerder om het "
        "account te koppelen.",
        "en": "A Buurtmonitor account with a password already has the name of your "
        "organisation account. Log in with that password, or ask an administrator to link "
        "the account.",
    },
    "auth.sso_disabled": {
        "nl": "Uw account in Buurtmonitor is uitgeschakeld. Neem contact op met een beheerder.",
        "en": "Your Buurtmonitor account is disabled. Contact an administrator.",
    },
    "auth.sso_expired": {
        "nl": "Deze inlogpoging is verlopen of al gebruikt. Probeer het opnieuw.",
        "en": "This sign-in attempt has expired or was already used. Please try again.",
    },
    "auth.sso_denied": {
        "nl": "De inlogdienst van uw organisatie heeft het inloggen geweigerd of afgebroken.",
        "en": "Your organisation's sign-in service refused or cancelled the sign-in.",
    },
    "auth.sso_invalid": {
        "nl": "Het antwoord van de inlogdienst van uw organisatie klopt niet; u bent niet "
        "ingelogd. Probeer het opnieuw of neem contact op met uw beheerder.",
        "en": "The answer of your organisation's sign-in service is not valid; you are not "
        "logged in. Try again or contact your administrator.",
    },
    "auth.sso_unreachable": {
        "nl": "De inlogdienst van uw organisatie is nu niet bereikbaar. Probeer het later "
        "opnieuw, of log in met een gebruikersnaam en wachtwoord.",
        "en": "Your organisation's sign-in service cannot be reached now. Try again later, "
        "or log in with a username and password.",
    },
    "auth.user": {"nl": "{user} ({role})", "en": "{user} ({role})"},
    "role.lezer": {"nl": "lezer", "en": "reader"},
    "role.analist": {"nl": "analist", "en": "analyst"},
    "role.beheerder": {"nl": "beheerder", "en": "administrator"},
    "nav.beheer": {"nl": "Beheer", "en": "Administration"},
    "upload.need_login": {
        "nl": "Uploaden, publiceren en ongedaan maken kan alleen een analist of beheerder. "
        "Log in om verder te gaan.",
        "en": "Only an analyst or administrator can upload, publish and undo. Log in to continue.",
    },
    "upload.need_role": {
        "nl": "Uploaden, publiceren en ongedaan maken kan alleen een analist of beheerder; "
        "u bent ingelogd als {role}. Vraag een beheerder om een andere rol.",
        "en": "Only an analyst or administrator can upload, publish and undo; you are "
        "logged in as {role}. Ask an administrator for another role.",
    },
    "beheer.title": {"nl": "Beheer", "en": "Administration"},
    "beheer.rebuild_title": {"nl": "Scores", "en": "Scores"},
    "beheer.rebuild_hint": {
        "nl": "Scores worden vanzelf opnieuw berekend bij elke publicatie, ongedaanmaking of "
        "wijziging van de catalogus. Opnieuw berekenen is voor na een upgrade of een herstel; "
        "de pagina's blijven intussen de vorige scores tonen.",
        "en": "Scores are recomputed by themselves on every publish, undo or catalogue "
        "change. Recomputing is for after an upgrade or a restore; meanwhile the pages keep "
        "showing the previous scores.",
    },
    "beheer.rebuild_button": {"nl": "Scores opnieuw berekenen", "en": "Recompute scores"},
    "beheer.rebuild_waiting": {
        "nl": "De herberekening staat in de wachtrij; dit kan even duren als er veel werk is.",
        "en": "The recomputation is queued; this may take a while when there is much to do.",
    },
    "beheer.rebuild_done": {
        "nl": "Scores opnieuw berekend:",
        "en": "Scores recomputed:",
    },
    "beheer.denied": {
        "nl": "Deze pagina is alleen voor beheerders.",
        "en": "This page is for administrators only.",
    },
    "beheer.users": {"nl": "Gebruikers", "en": "Users"},
    "beheer.add": {"nl": "Gebruiker toevoegen", "en": "Add user"},
    "beheer.name": {"nl": "Gebruikersnaam", "en": "Username"},
    "beheer.role": {"nl": "Rol", "en": "Role"},
    "beheer.add_button": {"nl": "Toevoegen", "en": "Add"},
    "beheer.change": {"nl": "Gebruiker wijzigen", "en": "Change user"},
    "beheer.user": {"nl": "Gebruiker", "en": "User"},
    "beheer.role_button": {"nl": "Rol wijzigen", "en": "Change role"},
    "beheer.reset_button": {"nl": "Nieuw wachtwoord", "en": "New password"},
    "beheer.remove_button": {"nl": "Verwijderen", "en": "Remove"},
    "beheer.remove_confirm": {
        "nl": "Ja, deze gebruiker verwijderen",
        "en": "Yes, remove this user",
    },
    "beheer.remove_unconfirmed": {
        "nl": "Vink eerst aan dat u de gebruiker wilt verwijderen.",
        "en": "Tick the box first to confirm the removal.",
    },
    "beheer.choose_user": {"nl": "Kies eerst een gebruiker.", "en": "Choose a user first."},
    "beheer.added": {
        "nl": "Gebruiker {user} ({role}) is aangemaakt met het wachtwoord hieronder. Geef "
        "het veilig door; het wordt niet nog eens getoond.",
        "en": "User {user} ({role}) was created with the password below. Pass it on "
        "safely; it is not shown again.",
    },
    "beheer.reset": {
        "nl": "Nieuw wachtwoord voor {user} (hieronder); wordt niet nog eens getoond. "
        "Lopende sessies van {user} zijn beëindigd.",
        "en": "New password for {user} (below); it is not shown again. Open sessions "
        "of {user} have ended.",
    },
    "beheer.role_changed": {
        "nl": "{user} heeft nu de rol {role}.",
        "en": "{user} now has the role {role}.",
    },
    "beheer.removed": {"nl": "Gebruiker {user} is verwijderd.", "en": "User {user} was removed."},
    "beheer.audit": {"nl": "Auditlog", "en": "Audit log"},
    "beheer.audit_filter": {
        "nl": "Zoeken (wie, wat of waarop)",
        "en": "Search (who, what or target)",
    },
    "beheer.audit_export": {"nl": "Exporteren (CSV)", "en": "Export (CSV)"},
    "beheer.audit_shown": {
        "nl": "De nieuwste {shown} van {total} regels; de export bevat alles.",
        "en": "The newest {shown} of {total} lines; the export has everything.",
    },
    "col.username": {"nl": "Gebruikersnaam", "en": "Username"},
    "col.role": {"nl": "Rol", "en": "Role"},
    "col.display_name": {"nl": "Naam", "en": "Name"},
    "col.created_at": {"nl": "Aangemaakt", "en": "Created"},
    "col.last_login_at": {"nl": "Laatst ingelogd", "en": "Last login"},
    "col.at": {"nl": "Tijd", "en": "Time"},
    "col.actor": {"nl": "Wie", "en": "Who"},
    "col.action": {"nl": "Wat", "en": "What"},
    "col.target": {"nl": "Waarop", "en": "Target"},
    "col.detail": {"nl": "Details", "en": "Details"},
    # -- single sign-on configuration, checked at start (web/sso.py) --------------------
    "sso.err.pair": {
        "nl": "MONITOR_OIDC_ROLES: '{item}' is geen paar groep=rol "
        "(bijvoorbeeld buurtmonitor-analist=analist).",
        "en": "MONITOR_OIDC_ROLES: '{item}' is not a pair group=role "
        "(for example buurtmonitor-analist=analist).",
    },
    "sso.err.role": {
        "nl": "MONITOR_OIDC_ROLES: rol '{role}' bij groep '{group}' bestaat niet; kies {roles}.",
        "en": "MONITOR_OIDC_ROLES: role '{role}' of group '{group}' does not exist; choose "
        "{roles}.",
    },
    "sso.err.group_twice": {
        "nl": "MONITOR_OIDC_ROLES: groep '{group}' staat er twee keer in, met de rollen "
        "'{first}' en '{second}'.",
        "en": "MONITOR_OIDC_ROLES: group '{group}' is in it twice, with the roles '{first}' "
        "and '{second}'.",
    },
    "sso.err.https": {
        "nl": "MONITOR_OIDC_ISSUER '{issuer}' moet met https:// beginnen "
        "(alleen een inlogdienst op localhost mag http gebruiken).",
        "en": "MONITOR_OIDC_ISSUER '{issuer}' must start with https:// "
        "(only an identity provider on localhost may use http).",
    },
    "sso.err.client_id": {
        "nl": "MONITOR_OIDC_CLIENT_ID ontbreekt: single sign-on staat aan (MONITOR_OIDC_ISSUER "
        "is gezet) en heeft de client-id nodig die de inlogdienst gaf.",
        "en": "MONITOR_OIDC_CLIENT_ID is missing: single sign-on is on (MONITOR_OIDC_ISSUER "
        "is set) and needs the client id the identity provider gave.",
    },
    "sso.err.openid": {
        "nl": "MONITOR_OIDC_SCOPES '{scopes}' mist 'openid'; zonder die scope "
        "geeft de inlogdienst geen ID-token.",
        "en": "MONITOR_OIDC_SCOPES '{scopes}' lacks 'openid'; without that scope "
        "the identity provider gives no ID token.",
    },
    "sso.err.default_role": {
        "nl": "MONITOR_OIDC_DEFAULT_ROLE: rol '{role}' bestaat niet; kies "
        "{roles}, of laat hem leeg om wie in geen groep zit te weigeren.",
        "en": "MONITOR_OIDC_DEFAULT_ROLE: role '{role}' does not exist; choose "
        "{roles}, or leave it empty to refuse whoever is in no group.",
    },
    "sso.err.nobody": {
        "nl": "MONITOR_OIDC_ROLES en MONITOR_OIDC_DEFAULT_ROLE zijn allebei leeg: niemand zou "
        "via single sign-on kunnen inloggen. Koppel groepen aan rollen, bijvoorbeeld "
        "MONITOR_OIDC_ROLES=buurtmonitor-analist=analist.",
        "en": "MONITOR_OIDC_ROLES and MONITOR_OIDC_DEFAULT_ROLE are both empty: nobody could "
        "log in through single sign-on. Map groups to roles, for example "
        "MONITOR_OIDC_ROLES=buurtmonitor-analist=analist.",
    },
    # -- refused account changes (monitor.users) ------------------------------------
    "user.invalid_name": {
        "nl": "Gebruikersnaam '{name}' is ongeldig: gebruik kleine letters, cijfers en . _ @ - "
        "(hoogstens 120 tekens, beginnend met een letter of cijfer).",
        "en": "Username '{name}' is invalid: use lower-case letters, digits and . _ @ - "
        "(at most 120 characters, starting with a letter or digit).",
    },
    "user.unknown_role": {
        "nl": "Rol '{role}' bestaat niet; kies {roles}.",
        "en": "Role '{role}' does not exist; choose {roles}.",
    },
    "user.password_short": {
        "nl": "Het wachtwoord is te kort: minstens {n} tekens.",
        "en": "The password is too short: at least {n} characters.",
    },
    "user.password_long": {
        "nl": "Het wachtwoord is te lang: hoogstens {n} tekens.",
        "en": "The password is too long: at most {n} characters.",
    },
    "user.password_weak": {
        "nl": "Dit wachtwoord is te makkelijk te raden: {reason}. Kies bijvoorbeeld een zin "
        "van een paar gewone woorden die niet bij elkaar horen.",
        "en": "This password is too easy to guess: {reason}. Choose, for example, a phrase "
        "of a few ordinary words that do not belong together.",
    },
    "user.weak.common": {
        "nl": "het staat in de lijsten van veelgebruikte wachtwoorden",
        "en": "it is on the lists of commonly used passwords",
    },
    "user.weak.personal": {
        "nl": "het bevat de gebruikersnaam, de naam of de naam van de app of de stad",
        "en": "it contains the username, the name, or the name of the app or the city",
    },
    "user.weak.word": {
        "nl": "het is vooral één bekend woord of een naam",
        "en": "it is mostly one well-known word or name",
    },
    "user.weak.repeat": {
        "nl": "het herhaalt tekens of een stukje (zoals 'aaa' of 'abcabc')",
        "en": "it repeats characters or a part (like 'aaa' or 'abcabc')",
    },
    "user.weak.sequence": {
        "nl": "het is een reeks (zoals 'abcdef' of '13579')",
        "en": "it is a sequence (like 'abcdef' or '13579')",
    },
    "user.weak.keyboard": {
        "nl": "het is een patroon op het toetsenbord (zoals 'qwerty' of 'asdfgh')",
        "en": "it is a keyboard pattern (like 'qwerty' or 'asdfgh')",
    },
    "user.weak.date": {
        "nl": "het is vooral een datum of een jaartal",
        "en": "it is mostly a date or a year",
    },
    "user.weak.guessable": {
        "nl": "het is te kort of te voorspelbaar",
        "en": "it is too short or too predictable",
    },
    "user.disabled": {
        "nl": "Account {name} is uitgeschakeld.",
        "en": "Account {name} is disabled.",
    },
    "token.unknown": {
        "nl": "Er is geen API-token met nummer {id}.",
        "en": "There is no API token with number {id}.",
    },
    "auth.session_needed": {
        "nl": "Log in met de browser om uw API-tokens te beheren (niet met een token).",
        "en": "Log in with the browser to manage your API tokens (not with a token).",
    },
    "auth.token_wrong": {
        "nl": "Het API-token is onbekend of ingetrokken, of het account is uitgeschakeld.",
        "en": "The API token is unknown or revoked, or the account is disabled.",
    },
    "beheer.disable_button": {"nl": "Uitschakelen", "en": "Disable"},
    "beheer.enable_button": {"nl": "Inschakelen", "en": "Enable"},
    "beheer.disabled": {
        "nl": "{user} is uitgeschakeld: inloggen kan niet meer, sessies en API-tokens werken "
        "niet meer.",
        "en": "{user} is disabled: logging in is no longer possible, sessions and API tokens "
        "no longer work.",
    },
    "beheer.enabled": {"nl": "{user} is weer ingeschakeld.", "en": "{user} is enabled again."},
    "beheer.tokens": {"nl": "API-tokens", "en": "API tokens"},
    "beheer.token_name": {"nl": "Naam van het token", "en": "Token name"},
    "beheer.token_button": {"nl": "API-token maken", "en": "Create API token"},
    "beheer.token_made": {
        "nl": "API-token '{name}' voor {user} (nummer {id}). Kopieer het nu: het wordt niet "
        "nog eens getoond.",
        "en": "API token '{name}' for {user} (number {id}). Copy it now: it is not shown again.",
    },
    "beheer.token_id": {"nl": "Tokennummer", "en": "Token number"},
    "beheer.revoke_button": {"nl": "Token intrekken", "en": "Revoke token"},
    "beheer.revoked": {
        "nl": "API-token {id} van {user} is ingetrokken.",
        "en": "API token {id} of {user} is revoked.",
    },
    "beheer.no_tokens": {"nl": "Er zijn geen API-tokens.", "en": "There are no API tokens."},
    "col.disabled": {"nl": "Uitgeschakeld", "en": "Disabled"},
    "col.prefix": {"nl": "Begint met", "en": "Starts with"},
    "col.created_by": {"nl": "Gemaakt door", "en": "Created by"},
    "col.last_used_at": {"nl": "Laatst gebruikt", "en": "Last used"},
    "col.name": {"nl": "Naam", "en": "Name"},
    "beheer.yes": {"nl": "ja", "en": "yes"},
    "user.exists": {
        "nl": "Gebruiker '{name}' bestaat al.",
        "en": "User '{name}' already exists.",
    },
    "user.unknown": {
        "nl": "Gebruiker '{name}' bestaat niet.",
        "en": "User '{name}' does not exist.",
    },
    "user.last_admin": {
        "nl": "'{name}' is de laatste beheerder; maak eerst een andere beheerder aan.",
        "en": "'{name}' is the last administrator; create another administrator first.",
    },
}
