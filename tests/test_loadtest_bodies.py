"""The load bench's requests are the ones the app answers: built from the server's
``/_dash-dependencies`` as dash-renderer builds them, they get a 200 and a real map."""

from __future__ import annotations

from pathlib import Path

from bench import loadtest
from tests.support import client_for, csrf_header, dash_app_in_process


def test_the_load_bench_asks_what_the_browser_asks(tmp_path: Path) -> None:
    with dash_app_in_process(tmp_path, public_read=True) as dash_app:
        client = client_for(dash_app, None)
        headers = csrf_header(client)
        deps = client.get("/_dash-dependencies").get_json()
        restyle = loadtest.restyle_body(deps, loadtest.INDICATOR, loadtest.YEAR)
        answer = client.post("/_dash-update-component", json=restyle, headers=headers)
        assert answer.status_code == 200, answer.get_data(as_text=True)[:500]
        areas = answer.get_json()["response"]["kaart-geojson"]["hideout"]["areas"]
        assert len(areas) >= 80  # every buurt of the demo city
        assert not loadtest.half_state(answer.get_json())
        page = loadtest.page_body(deps, sorted(areas)[0])
        answer = client.post("/_dash-update-component", json=page, headers=headers)
        assert answer.status_code == 200
        assert "profiel-title" in answer.get_data(as_text=True)
