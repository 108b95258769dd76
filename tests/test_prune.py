"""Staged files never published and old login attempts are pruned, audit-logged, by
``monitor prune`` and by the app (issue 13, Hardening), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import time
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from monitor import audit, demo, prune
from monitor.cli import app as cli
from monitor.ingest import upload as ingest
from monitor.store import Store, now
from monitor.store import accounts as accounts_sql
from monitor.store.schema import login_attempts

DAY = 24 * 3600


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def backend(backend: Store, data_dir: Path) -> Store:
    demo.install(backend, data_dir=data_dir)
    return backend


def _staged(store: Store, data_dir: Path, text: str, age_days: float) -> Path:
    """A file checked (and so kept) but never published, ``age_days`` old."""
    checked = ingest.check(store, text.encode(), "staged.csv")
    path = ingest.store_original(checked.raw, checked.sha256, data_dir)
    moment = time.time() - age_days * DAY
    os.utime(path, (moment, moment))
    return path


def _attempts(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return sorted(conn.scalars(sa.select(login_attempts.c.username)))


def _seed(store: Store, data_dir: Path) -> dict[str, Path]:
    with store.begin() as conn:
        for name, days in (("oud", 31), ("recent", 29), ("vandaag", 0)):
            accounts_sql.add_attempt(conn, name, "1.2.3.4", now() - timedelta(days=days), False)
    published = sorted((data_dir / "uploads").iterdir())  # the demo's uploads
    for path in published:
        os.utime(path, (time.time() - 100 * DAY,) * 2)  # old, but kept: uploads need them
    row = "gebiedcode;indicator;periode;waarde\nN01a;werkloosheid_p;{};1\n"
    return {
        "old": _staged(store, data_dir, row.format(2030), 8),
        "new": _staged(store, data_dir, row.format(2031), 6),
        "published": published[0],
    }


def test_prune_removes_old_staged_files_and_attempts_only(backend: Store, data_dir: Path) -> None:
    files = _seed(backend, data_dir)
    pruned = prune.prune(backend, data_dir, staged_days=7, attempts_days=30)
    assert pruned.files == [files["old"].name]
    assert pruned.attempts == 1
    assert not files["old"].exists() and files["new"].exists() and files["published"].exists()
    assert _attempts(backend) == ["recent", "vandaag"]
    last = audit.entries(backend, 1).iloc[0]
    assert (last["actor"], last["action"]) == ("monitor prune", "prune")
    assert json.loads(last["detail"]) == {
        "bestanden": 1,
        "inlogpogingen": 1,
        "bestanden_dagen": 7,
        "inlogpogingen_dagen": 30,
        "pdf_bestanden": 0,  # PDFs of profiles: tests/test_profile_pdf.py
        "pdf_dagen": 1.0,
    }
    # Again: nothing left to prune; a quiet (scheduled) prune writes nothing at all.
    count = len(audit.entries(backend))
    assert not prune.prune(backend, data_dir, staged_days=7, attempts_days=30, quiet=True).anything
    assert len(audit.entries(backend)) == count


def test_monitor_prune_on_the_command_line(
    backend: Store, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _seed(backend, data_dir)
    monkeypatch.setenv("MONITOR_DATABASE_URL", backend.url)
    monkeypatch.setenv("MONITOR_DATA_DIR", str(data_dir))
    monkeypatch.setenv("MONITOR_PRUNE_STAGED_DAYS", "5")
    done = CliRunner().invoke(cli, ["prune", "--pogingen-dagen", "0,5".replace(",", ".")])
    assert done.exit_code == 0, done.output
    assert " ".join(done.output.split()) == (
        "Opgeruimd: 2 bestanden die nooit zijn gepubliceerd (ouder dan 5 dagen) en 2 "
        "inlogpogingen (ouder dan 0,5 dagen). Vastgelegd in het auditlog."
    )
    assert not files["old"].exists() and not files["new"].exists()
    assert files["published"].exists()
    assert _attempts(backend) == ["vandaag"]


def test_the_app_prunes_at_start(backend: Store, data_dir: Path) -> None:
    """``start_daily`` (which ``create_app`` calls) prunes at once, then every ``every``
    seconds in a daemon thread."""
    files = _seed(backend, data_dir)

    class Settings:
        prune_staged_days, prune_attempts_days = 7.0, 30.0

    Settings.data_dir = data_dir
    prune.start_daily(lambda: backend, lambda: Settings, every=3600)
    assert not files["old"].exists() and files["new"].exists()
    assert _attempts(backend) == ["recent", "vandaag"]
    last = audit.entries(backend, 1).iloc[0]
    assert (last["actor"], last["action"]) == ("app", "prune")
