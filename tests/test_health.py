"""``/gezondheid`` and ``/api/v1/ik``: JSON for load balancers and scripts, never the
app's HTML shell; readiness follows the database and Redis for real."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis

from tests.support import client_for, dash_app_in_process


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with dash_app_in_process(tmp_path_factory.mktemp("health")) as dash_app:
        yield dash_app


def test_health_answers_json_without_a_login(web: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MONITOR_REDIS_URL", raising=False)
    answer = web.server.test_client().get("/gezondheid")
    assert answer.status_code == 200
    assert answer.get_json() == {"status": "ok", "database": "ok", "redis": "niet ingesteld"}
    assert answer.headers["Cache-Control"] == "no-store"


def test_health_checks_the_real_redis(web: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    url = "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        if os.environ.get("CI") == "true":
            pytest.fail("Redis must run on 127.0.0.1:6379 on CI")
        pytest.skip("no Redis on 127.0.0.1:6379")
    monkeypatch.setenv("MONITOR_REDIS_URL", url)
    assert web.server.test_client().get("/gezondheid").get_json()["redis"] == "ok"


def test_health_says_not_ready_when_redis_is_gone(
    web: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MONITOR_REDIS_URL", "redis://127.0.0.1:1/0")  # nothing listens
    answer = web.server.test_client().get("/gezondheid")
    assert answer.status_code == 503
    body = answer.get_json()
    assert body["status"] == "fout" and body["database"] == "ok"
    assert body["redis"].startswith("fout: ")


def test_who_am_i(web: Any) -> None:
    anonymous = web.server.test_client().get("/api/v1/ik")
    assert anonymous.status_code == 401
    assert anonymous.get_json() == {"fout": "Log in om dit te doen."}
    answer = client_for(web, "analist").get("/api/v1/ik")
    assert answer.status_code == 200
    assert answer.get_json() == {
        "gebruiker": "analist-user",
        "naam": "analist-user",
        "rol": "analist",
    }


def test_cli_says_in_one_sentence_that_the_database_is_unreachable() -> None:
    env = os.environ | {"MONITOR_DATABASE_URL": "postgresql+psycopg://u:geheim@127.0.0.1:1/x"}
    done = subprocess.run(
        [sys.executable, "-m", "monitor.cli", "status"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    text = " ".join(done.stderr.split())
    assert "Traceback" not in done.stderr and len(done.stderr.splitlines()) <= 4
    assert "is niet bereikbaar" in text and "MONITOR_DATABASE_URL" in text
    assert "geheim" not in text


def test_app_start_says_in_one_sentence_that_the_database_is_unreachable() -> None:
    env = os.environ | {
        "MONITOR_DATABASE_URL": "postgresql+psycopg://u:geheim@127.0.0.1:1/x",
        "MONITOR_PORT": "1",  # never reached: the start stops before serving
    }
    done = subprocess.run(
        [sys.executable, "app.py"],
        cwd=Path(__file__).resolve().parents[1],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) <= 2
    assert "is niet bereikbaar" in done.stderr and "geheim" not in done.stderr
