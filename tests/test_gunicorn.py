"""The app under gunicorn with several workers on the local PostgreSQL."""

from __future__ import annotations

import json
import urllib.request

from monitor import demo
from monitor.store import Store
from tests.support import gunicorn_server, postgres_database


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
        with gunicorn_server(url) as base:
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
