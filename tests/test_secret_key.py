"""The app refuses to start with a placeholder or weak ``MONITOR_SECRET_KEY`` (anyone who
knows ``change-me`` can sign a session cookie for any account): one Dutch sentence and a
non-zero exit, under ``python app.py`` and under gunicorn. Without the variable the key
file is generated, as ``make run`` and the tests rely on."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from web import MIN_SECRET_LENGTH, weak_secret_key

ROOT = Path(__file__).resolve().parents[1]


def example_key() -> str:
    """The key the deployment's example settings carry."""
    lines = (ROOT / "deploy" / "buurtmonitor.env.example").read_text().splitlines()
    return next(line.split("=", 1)[1] for line in lines if line.startswith("MONITOR_SECRET_KEY="))


@pytest.mark.parametrize(
    "key",
    [
        example_key(),
        "change-me",
        "CHANGE_ME_" + "0123456789abcdef0123456789",  # long, still the placeholder
        "replace-me-with-a-real-secret-key-please",
        "   ",
        "a" * 64,  # long but one character
        "0123456789abcdef0123456789abcde",  # 31 characters
    ],
)
def test_placeholder_short_and_trivial_keys_are_weak(key: str) -> None:
    assert weak_secret_key(key)


def test_random_keys_and_no_key_are_accepted() -> None:
    assert MIN_SECRET_LENGTH == 32
    assert not weak_secret_key(os.urandom(16).hex())  # 32 characters
    assert not weak_secret_key(os.urandom(32).hex())
    assert not weak_secret_key(None)  # unset: the generated key file


def run_app(command: list[str], key: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = os.environ | {
        "MONITOR_SECRET_KEY": key,
        "MONITOR_DATABASE_URL": f"sqlite:///{tmp_path / 'never.sqlite'}",
        "MONITOR_DATA_DIR": str(tmp_path / "data"),
        "MONITOR_PORT": "1",  # never reached: the start stops before serving
    }
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_app_start_refuses_the_example_key_in_one_dutch_sentence(tmp_path: Path) -> None:
    done = run_app([sys.executable, "app.py"], example_key(), tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert "MONITOR_SECRET_KEY is een voorbeeldwaarde" in done.stderr
    assert "openssl rand -hex 32" in done.stderr
    assert not (tmp_path / "never.sqlite").exists()  # refused before touching the store


def test_gunicorn_stops_instead_of_restarting_refusing_workers(tmp_path: Path) -> None:
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    command = [gunicorn, "--workers", "2", "--bind", "127.0.0.1:0", "app:server"]
    done = run_app(command, "kort", tmp_path)  # times out (120 s) if workers respawn
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert 1 <= done.stderr.count("MONITOR_SECRET_KEY is een voorbeeldwaarde") <= 2


def test_the_deploy_settings_refuse_in_the_master_before_any_worker(tmp_path: Path) -> None:
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    config = ["--config", "deploy/gunicorn.conf.py", "--workers", "2", "--bind", "127.0.0.1:0"]
    done = run_app([gunicorn, *config, "app:server"], example_key(), tmp_path)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert done.stderr.count("MONITOR_SECRET_KEY is een voorbeeldwaarde") == 1
    assert "Booting worker" not in done.stderr  # the master refused: no worker started
