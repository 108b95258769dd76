"""The app under gunicorn with several workers on the local PostgreSQL."""

from __future__ import annotations

import pytest

from monitor import demo
from monitor.store import Store
from tests.support import gunicorn_server, http_session, post_callback, postgres_database


@pytest.mark.postgres
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
                "state": [
                    {"id": "level", "property": "value", "value": "buurt"},
                    {"id": "lang", "property": "data", "value": "nl"},
                ],
                "changedPropIds": ["indicator.value"],
            }
            session = http_session(base)  # the CSRF token, as the browser has it
            answers = [post_callback(session, base, payload).json() for _ in range(6)]
            for answer in answers:
                assert answer["response"]["period"]["options"] == list(range(2017, 2025))
                assert answer["response"]["period"]["value"] == 2024
