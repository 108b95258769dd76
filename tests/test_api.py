"""The read API (``/api/v1``) over HTTP: the same numbers as the pages, paged, as JSON and
CSV, with the pages' access rules and Dutch errors."""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator
from typing import Any

import pytest

from monitor.scoring.read import Scores
from monitor.store import Store
from tests.support import client_for, dash_app_in_process


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with dash_app_in_process(tmp_path_factory.mktemp("api"), public_read=True) as dash_app:
        yield dash_app


@pytest.fixture
def client(web: Any) -> Any:
    return web.server.test_client()


def store_of() -> Store:
    return Store(os.environ["MONITOR_DATABASE_URL"])


def test_scores_are_the_pages_scores(client: Any) -> None:
    answer = client.get("/api/v1/scores?niveau=buurt&indicator=werkloosheid_p&periode=2024")
    assert answer.status_code == 200, answer.get_data(as_text=True)
    body = answer.get_json()
    store = store_of()
    page = Scores(store).frame("werkloosheid_p", 2024, "buurt")
    assert body["totaal"] == len(page)
    rows = {r["code"]: r for r in body["gegevens"]}
    for row in page.itertuples(index=False):
        got = rows[row.code]
        assert got["klasse"] == row.klasse
        assert got["reden"] == row.reden
        assert got["nap"] == pytest.approx(row.nap)
        if row.value == row.value:
            assert got["waarde"] == pytest.approx(row.value)
        else:
            assert got["waarde"] is None
    assert set(body["gegevens"][0]) == {
        "indicator",
        "periode",
        "code",
        "naam",
        "waarde",
        "nap",
        "klasse",
        "reden",
    }


def test_scores_are_paged_to_the_end(client: Any) -> None:
    first = client.get("/api/v1/scores?niveau=wijk&per_pagina=50").get_json()
    total = first["totaal"]
    assert total > 50 and first["paginas"] == -(-total // 50)
    seen = len(first["gegevens"])
    following = first["volgende"]
    while following:
        page = client.get(following.replace("http://localhost", "")).get_json()
        seen += len(page["gegevens"])
        following = page["volgende"]
    assert seen == total


def test_scores_as_csv(client: Any) -> None:
    answer = client.get(
        "/api/v1/scores?niveau=buurt&indicator=werkloosheid_p&periode=2024&formaat=csv"
    )
    assert answer.status_code == 200
    assert answer.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(answer.get_data(as_text=True))))
    assert len(rows) == int(answer.headers["X-Total-Count"])
    assert {r["klasse"] for r in rows} <= {
        "beter",
        "rond",
        "slechter",
        "geen_gegevens",
        "niet_significant",
    }


def test_indicators_list_scored_periods(client: Any) -> None:
    body = client.get("/api/v1/indicatoren?per_pagina=500").get_json()
    by_id = {i["id"]: i for i in body["gegevens"]}
    werkloosheid = by_id["werkloosheid_p"]
    assert werkloosheid["polariteit"] == "lager-beter"
    assert werkloosheid["niveaus"]["buurt"]["laatste"] >= 2024
    english = client.get("/api/v1/indicatoren?lang=en&per_pagina=500").get_json()
    assert english["totaal"] == body["totaal"]


def test_areas_as_geojson(client: Any) -> None:
    body = client.get("/api/v1/gebieden?niveau=wijk").get_json()
    assert body["type"] == "FeatureCollection"
    store = store_of()
    assert len(body["features"]) == len(store.areas_frame(store.division_id(), "wijk"))
    assert body["features"][0]["properties"]["niveau"] == "wijk"


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("niveau=straat", "Niveau 'straat' bestaat niet"),
        ("", "Parameter 'niveau' ontbreekt"),
        ("niveau=buurt&periode=vorig", "Onbekende periode 'vorig': geef een jaar (2024)"),
        ("niveau=buurt&periode=2024-13", "Onbekende periode '2024-13'"),
        ("niveau=buurt&indicator=bestaatniet", "Indicator 'bestaatniet' staat niet"),
        ("niveau=buurt&formaat=xml", "Formaat 'xml' onbekend"),
    ],
)
def test_bad_parameters_get_a_dutch_400(client: Any, query: str, text: str) -> None:
    answer = client.get(f"/api/v1/scores?{query}")
    assert answer.status_code == 400
    assert text in answer.get_json()["fout"]


def test_openapi_describes_every_route(client: Any, web: Any) -> None:
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.1")
    routes = {
        re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", r.rule)  # Flask's <int:nummer> is {nummer}
        for r in web.server.url_map.iter_rules()
        if r.rule.startswith("/api/")
    }
    assert routes == set(document["paths"])


def test_without_public_read_the_api_needs_a_login(
    web: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MONITOR_PUBLIC_READ", "0")
    anonymous = web.server.test_client()
    answer = anonymous.get("/api/v1/scores?niveau=buurt")
    assert answer.status_code == 401
    reader = client_for(web, "lezer")
    assert reader.get("/api/v1/indicatoren").status_code == 200
