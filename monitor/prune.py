"""Pruning what nobody needs any more: staged files never published, old login attempts,
PDFs of profiles made in the background.

Checking a file on the Uploaden page keeps it under ``data/uploads/<sha256>`` so that
*Publiceren* can read it again; a file that is never published would stay there forever.
Login attempts are kept for the rate limit, which looks back minutes, not months. Both
are pruned past an age (``MONITOR_PRUNE_STAGED_DAYS``, default 7 days;
``MONITOR_PRUNE_ATTEMPTS_DAYS``, default 30 days): by ``monitor prune``, and by the app
at start and then once a day (:func:`start_daily`). Files of uploads (published or
undone) are never pruned. The PDFs the job ``profiles.pdf`` leaves in ``data/pdf`` are
pruned past ``MONITOR_PRUNE_PDF_DAYS`` (default 1 day: their download link, the job's
status, lives a day too). What was pruned is written to the audit log.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from monitor import audit
from monitor.store import Store, now
from monitor.store import prune as prune_sql

#: A staged file: the content hash; or the temporary file of an interrupted write.
_STAGED = re.compile(r"^(?:[0-9a-f]{64}|\.[0-9a-f]{64}\.\d+\.tmp)$")
#: A PDF of profiles (``monitor.jobs.profiles_pdf``), or the temporary file of its write.
_PDF = re.compile(r"^(?:[0-9a-f]{32}\.pdf|\.[0-9a-f]{32}\.pdf\.\d+\.tmp)$")
#: Default age (days) of a PDF of profiles before it is pruned.
PDF_DAYS = 1.0
#: How often the app prunes (seconds).
EVERY = 24 * 3600.0


@dataclass
class Pruned:
    """What one prune removed: the staged files (their names) and login attempts."""

    files: list[str] = field(default_factory=list)
    attempts: int = 0
    #: PDFs of profiles (``data/pdf``) past their age
    pdfs: list[str] = field(default_factory=list)

    @property
    def anything(self) -> bool:
        return bool(self.files or self.attempts or self.pdfs)


def prune(
    store: Store,
    data_dir: Path,
    *,
    staged_days: float,
    attempts_days: float,
    actor: str = "monitor prune",
    at: datetime | None = None,
    quiet: bool = False,
    pdf_days: float = PDF_DAYS,
) -> Pruned:
    """Remove staged files older than ``staged_days`` that no upload keeps, login
    attempts older than ``attempts_days`` and PDFs of profiles older than ``pdf_days``;
    one audit line (``prune``) says what (with ``quiet``, only when something was
    removed: nothing to prune writes nothing)."""
    moment = at or now()
    pruned = Pruned()
    before = moment - timedelta(days=attempts_days)
    with store.engine.connect() as conn:
        old = prune_sql.count_attempts_before(conn, before)
        kept = prune_sql.kept_files(conn)
    if old:
        with store.begin() as conn:
            pruned.attempts = prune_sql.delete_attempts_before(conn, before)
    folder = data_dir / "uploads"
    cutoff = (moment - timedelta(days=staged_days)).timestamp()
    if folder.is_dir():
        old_files = [
            path
            for path in sorted(folder.iterdir())
            if _STAGED.match(path.name)
            and path.name not in kept
            and path.is_file()
            and path.stat().st_mtime < cutoff
        ]
        if old_files:  # read again: an upload published meanwhile keeps its file
            with store.engine.connect() as conn:
                kept = prune_sql.kept_files(conn)
        for path in old_files:
            if path.name not in kept:
                path.unlink(missing_ok=True)
                pruned.files.append(path.name)
    pruned.pdfs = _old_pdfs(data_dir, (moment - timedelta(days=pdf_days)).timestamp())
    if quiet and not pruned.anything:
        return pruned
    audit.record(
        store,
        actor,
        "prune",
        str(folder),
        {
            "bestanden": len(pruned.files),
            "inlogpogingen": pruned.attempts,
            "bestanden_dagen": staged_days,
            "inlogpogingen_dagen": attempts_days,
            "pdf_bestanden": len(pruned.pdfs),
            "pdf_dagen": pdf_days,
        },
    )
    return pruned


def _old_pdfs(data_dir: Path, cutoff: float) -> list[str]:
    """Remove the profile PDFs (and temporary files of interrupted writes) in
    ``data_dir/pdf`` last changed before ``cutoff``; their names."""
    folder = data_dir / "pdf"
    removed: list[str] = []
    if not folder.is_dir():
        return removed
    for path in sorted(folder.iterdir()):
        if _PDF.match(path.name) and path.is_file() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed.append(path.name)
    return removed


def start_daily(
    get_store: Callable[[], Store], get_settings: Callable[[], Any], every: float = EVERY
) -> threading.Thread:
    """Prune now (in the caller) and then every ``every`` seconds, in a daemon thread of
    this process (the app calls this at start). Only a prune that removed something is audit-logged,
    so a quiet store is only read; a failure is logged and tried again next time."""
    log = logging.getLogger("monitor.prune")

    def once() -> None:
        try:
            settings = get_settings()
            prune(
                get_store(),
                settings.data_dir,
                staged_days=settings.prune_staged_days,
                attempts_days=settings.prune_attempts_days,
                pdf_days=getattr(settings, "prune_pdf_days", PDF_DAYS),
                actor="app",
                quiet=True,
            )
        except Exception:  # the app keeps serving; the next round tries again
            log.exception("pruning failed")

    def loop() -> None:
        while True:
            time.sleep(every)
            once()

    once()  # at start, in the caller: with the settings the app starts with
    thread = threading.Thread(target=loop, name="monitor-prune", daemon=True)
    thread.start()
    return thread
