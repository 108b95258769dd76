"""The app under gunicorn with several workers on the local PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from monitor import demo
from monitor.store import Store
from tests.support import free_port, postgres_database

ROOT = Path(__file__).resolve().parents[1]


def _post(url: str, payload: dict) -> dict:
    request = urllib.request.Request(
        url, data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def test_gunicorn_workers_serve_postgres_store() -> None:
    with postgres_database() as url:
        store = Store(url)
        store.upgrade()
        demo.install(store)
        store.engine.dispose()
        port = free_port()
        env = dict(os.environ, MONITOR_DATABASE_URL=url)
        gunicorn = Path(sys.executable).with_name("gunicorn")
        proc = subprocess.Popen(
            [str(gunicorn), "--workers", "2", "--bind", f"127.0.0.1:{port}", "app:server"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(base, timeout=2)
                    break
                except OSError:
                    assert proc.poll() is None and time.monotonic() < deadline, "no start"
                    time.sleep(0.3)
            # The period callback, called as the browser would, from several requests.
            payload = {
                "output": "..period.options...period.value..",
                "outputs": [
                    {"id": "period", "property": "options"},
                    {"id": "period", "property": "value"},
                ],
                "inputs": [{"id": "indicator", "property": "value", "value": "werkloosheid_p"}],
                "changedPropIds": ["indicator.value"],
            }
            answers = [_post(f"{base}/_dash-update-component", payload) for _ in range(6)]
            for answer in answers:
                assert answer["response"]["period"]["options"] == list(range(2017, 2025))
                assert answer["response"]["period"]["value"] == 2024
        finally:
            proc.terminate()
            proc.wait(timeout=20)
