"""Texts of background jobs (checking and publishing uploads, score rebuilds) and of the
``monitor worker`` command, merged into ``monitor.messages.MESSAGES``."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "job.stage.queued": {
        "nl": "In de wachtrij…",
        "en": "Queued…",
    },
    "job.stage.started": {"nl": "Gestart…", "en": "Started…"},
    "job.stage.read": {"nl": "Bestand lezen…", "en": "Reading the file…"},
    "job.stage.check": {
        "nl": "Bestand controleren en vergelijken met de gepubliceerde waarden…",
        "en": "Checking the file and comparing it with the published values…",
    },
    "job.stage.report": {"nl": "Rapport opstellen…", "en": "Writing the report…"},
    "job.stage.publish": {
        "nl": "Publiceren en scores opnieuw berekenen…",
        "en": "Publishing and recomputing scores…",
    },
    "job.stage.done": {"nl": "Klaar", "en": "Done"},
    "job.stage.failed": {"nl": "Mislukt", "en": "Failed"},
    "job.stage.interrupted": {"nl": "Onderbroken", "en": "Interrupted"},
    "job.progress": {
        "nl": "{stage} ({percent}%)",
        "en": "{stage} ({percent}%)",
    },
    "job.waiting": {
        "nl": "Het bestand staat in de wachtrij; dit kan even duren als er veel werk is.",
        "en": "The file is queued; this may take a while when there is much to do.",
    },
    "job.unknown": {
        "nl": "Deze taak is niet (meer) bekend. Kies het bestand opnieuw.",
        "en": "This task is not known (any more). Choose the file again.",
    },
    "job.unknown_task": {
        "nl": "Deze taak is niet (meer) bekend. Start haar opnieuw.",
        "en": "This task is not known (any more). Start it again.",
    },
    "job.err.failed": {
        "nl": "Er ging iets mis bij het verwerken. Probeer het opnieuw of vraag een beheerder "
        "de logboeken te bekijken.",
        "en": "Something went wrong while processing. Try again or ask an administrator to "
        "look at the logs.",
    },
    "job.err.interrupted": {
        "nl": "De taak is onderbroken: het proces dat haar uitvoerde is gestopt (bijvoorbeeld "
        "bij een herstart van de server). Start haar opnieuw.",
        "en": "The task was interrupted: the process running it stopped (for example when "
        "the server restarted). Start it again.",
    },
    "job.err.file_gone": {
        "nl": "Het bestand is niet meer op de server. Kies het bestand opnieuw.",
        "en": "The file is no longer on the server. Choose the file again.",
    },
    "worker.no_redis": {
        "nl": "monitor worker heeft Redis nodig: zet MONITOR_REDIS_URL "
        "(bijvoorbeeld redis://127.0.0.1:6379/0).",
        "en": "monitor worker needs Redis: set MONITOR_REDIS_URL "
        "(for example redis://127.0.0.1:6379/0).",
    },
    "worker.start": {
        "nl": "Worker voor wachtrij {queue} op {redis}, database {database}.",
        "en": "Worker for queue {queue} on {redis}, database {database}.",
    },
}
