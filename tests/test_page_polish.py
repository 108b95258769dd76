"""Findings of a walk-through, checked on the server's answer (the app in process on the
demo store): the fictional-city banner on every page that shows the city's data, and the
Kaart's point toggles in its URL (both ways)."""

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


def _component(node: Any, component_id: str) -> dict[str, Any] | None:
    """The rendered component with ``component_id`` (its props), or None."""
    if isinstance(node, dict):
        props = node.get("props")
        if isinstance(props, dict) and props.get("id") == component_id:
            return props
        children = node.values()
    elif isinstance(node, list):
        children = node
    else:
        return None
    for child in children:
        found = _component(child, component_id)
        if found is not None:
            return found
    return None


#: A shared Kaart link with point layers on (one category it does not know).
POINTS_QUERY = (
    "?indicator=werkloosheid_p&jaar=2024&niveau=buurt&meldingen=afval,verkeer,bestaat-niet"
    "&meldingen_van=2024-11&meldingen_tot=2024-12&voorzieningen=huisarts"
)


def test_the_kaart_point_toggles_come_back_from_the_url(web: Any) -> None:
    import pandas as pd

    from monitor import demo
    from monitor.config import PROJECT_ROOT

    client = client_for(web, "lezer")
    page = render(web, client, "/", POINTS_QUERY)["page"]["children"]
    meldingen = _component(page, "kaart-punten-meldingen-categories")
    assert meldingen is not None and meldingen["value"] == ["afval", "verkeer"]
    assert _component(page, "kaart-punten-voorzieningen-categories")["value"] == ["huisarts"]
    assert _component(page, "kaart-punten-van")["value"] == "2024-11"
    assert _component(page, "kaart-punten-tot")["value"] == "2024-12"

    # With those values the layer holds the hand-counted meldingen of those two months.
    values = {
        "kaart-punten-meldingen-categories.value": ["afval", "verkeer"],
        "kaart-punten-voorzieningen-categories.value": ["huisarts"],
        "kaart-punten-van.value": "2024-11",
        "kaart-punten-tot.value": "2024-12",
        "lang.data": "nl",
    }
    body = callback_body(web, "kaart-punten-meldingen.data", values)
    answer = client.post("/_dash-update-component", json=body, headers=csrf_header(client))
    assert answer.status_code == 200
    features = answer.get_json()["response"]["kaart-punten-meldingen"]["data"]["features"]
    frame = pd.read_csv(PROJECT_ROOT / demo.MELDINGEN_FILE, sep=";")
    month = frame["datum"].str[:7]
    expected = frame["categorie"].isin(["afval", "verkeer"]) & month.between("2024-11", "2024-12")
    assert len(features) == int(expected.sum()) > 0


def test_the_kaart_point_toggles_go_into_the_url(web: Any) -> None:
    """Ticking a category or a month puts it in the query, beside the other choices."""
    client = client_for(web, "lezer")
    values = {
        "kaart-url.search": "?indicator=werkloosheid_p&jaar=2024",
        "kaart-indicator.value": "werkloosheid_p",
        "kaart-period.value": 2024,
        "kaart-punten-meldingen-categories.value": ["afval", "verkeer"],
        "kaart-punten-voorzieningen-categories.value": [],
        "kaart-punten-van.value": "2024-11",
        "kaart-punten-tot.value": None,
        "kaart-url-fresh.data": False,
    }
    body = callback_body(
        web, "kaart-url.search", values, changed="kaart-punten-meldingen-categories.value"
    )
    answer = client.post("/_dash-update-component", json=body, headers=csrf_header(client))
    assert answer.status_code == 200
    search = answer.get_json()["response"]["kaart-url"]["search"]
    assert (
        search
        == "?indicator=werkloosheid_p&jaar=2024&meldingen=afval,verkeer&meldingen_van=2024-11"
    )
