"""Findings of a walk-through, checked on the server's answer (the app in process on the
demo store): the fictional-city banner on every page that shows the city's data."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.support import callback_body, client_for, csrf_header, dash_app_in_process

#: Beheer is about accounts and the audit log, not the city: no banner there.
WITHOUT_BANNER = {"/beheer"}
#: A page that needs a query to show data.
QUERY = {"/profiel": "?gebied=O05c"}


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Any:
    with dash_app_in_process(tmp_path_factory.mktemp("polish")) as dash_app:
        yield dash_app


def render(web: Any, client: Any, path: str, search: str = "") -> dict[str, Any]:
    """The page callback's answer for ``path`` (header, page, language)."""
    body = callback_body(web, "header.children", {"url.pathname": path, "url.search": search})
    answer = client.post("/_dash-update-component", json=body, headers=csrf_header(client))
    assert answer.status_code == 200, answer.get_data(as_text=True)
    return answer.get_json()["response"]


def _ids(node: Any) -> list[str]:
    """Every component id in a rendered tree."""
    return [m for m in _walk(node) if isinstance(m, str)]


def _walk(node: Any):
    if isinstance(node, dict):
        if isinstance(node.get("props"), dict):
            yield node["props"].get("id")
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def test_every_data_page_says_the_demo_city_is_made_up(web: Any) -> None:
    from app import ROUTES

    beheerder = client_for(web, "beheerder")
    missing = []
    for path in ROUTES:
        page = render(web, beheerder, path, QUERY.get(path, ""))["page"]["children"]
        text = json.dumps(page, ensure_ascii=False)
        ids = _ids(page)
        if path in WITHOUT_BANNER:
            continue
        if ids.count("fictional") != 1 or "Voorbeeldstad is een verzonnen stad" not in text:
            missing.append((path, ids.count("fictional")))
    assert missing == []
