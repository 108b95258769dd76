"""Postcode and address search (monitor/geocode.py) against a local stand-in for the PDOK
Locatieserver serving answers in its format (tests/pdok/): the place's buurtcode is found
as an alias, a place without one by its point, a place outside the city not at all; offline
the search goes on by name and does not wait on the dead server at every key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import requests
from playwright.sync_api import expect

from layouts.search_box import matches
from monitor import demo, geocode
from monitor.areas import import_areas
from monitor.geocode import Geocoder, Place, locate, looks_like_address
from monitor.store import Store
from tests.support import app_server, browser_page, free_port, pdok_stand_in

AMS = Path("amsterdam") / "gebiedsindeling_2015"


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('geocode') / 's.sqlite'}")
    store.upgrade()
    demo.install(store)
    return store


@pytest.mark.parametrize(
    "text",
    [
        "1012LG",
        "1012 lg",
        "9991AB 12",
        "Damrak 1",
        "Eerste Helmersstraat 22-h",
        "Damrak 1, Amsterdam",
    ],
)
def test_addresses_go_to_the_geocoder(text: str) -> None:
    assert looks_like_address(text)


@pytest.mark.parametrize("text", ["", "pareldorp", "N01a", "BU09990001", "1012", "A00a", "0363"])
def test_names_and_codes_do_not(text: str) -> None:
    assert not looks_like_address(text)


def test_places_in_the_locatieserver_format() -> None:
    with pdok_stand_in() as (base, received):
        coder = Geocoder(base)
        places = coder.places("Damrak  1")
        assert places == [
            Place("Damrak 1, 1012LG Amsterdam", "1012LG", "BU03630000", 4.89454, 52.37603),
            Place("Damrak 1-5, 1012LG Amsterdam", "1012LG", "BU03630000", 4.89461, 52.37611),
        ]
        # Only parameters of the Locatieserver's specification; addresses and postcodes.
        assert received[0]["q"] == ["damrak 1"]
        assert received[0]["fq"] == ["type:(adres OR postcode)"]
        assert set(received[0]) == {"q", "fq", "rows", "fl"}
        assert "buurtcode" in received[0]["fl"][0].split()
        # The same text again is answered from the cache.
        assert coder.places("damrak 1") == places
        assert len(received) == 1
        assert coder.places("Nergensstraat 99") == []


def test_offline_falls_back_and_backs_off(monkeypatch: pytest.MonkeyPatch) -> None:
    coder = Geocoder(f"http://127.0.0.1:{free_port()}", timeout=1.0)
    assert coder.places("Damrak 1") == []

    def must_not_be_called(*args: object, **kwargs: object) -> None:
        raise AssertionError("asked a server that failed a moment ago")

    monkeypatch.setattr(geocode.requests, "get", must_not_be_called)
    assert coder.places("Damrak 2") == []
    # After the back-off the server is asked again.
    monkeypatch.setattr(coder, "_failed_at", float("-inf"))
    monkeypatch.setattr(
        geocode.requests, "get", lambda *a, **k: (_ for _ in ()).throw(requests.Timeout())
    )
    assert coder.places("Damrak 3") == []


def test_a_place_lies_in_a_buurt_by_alias_or_by_point(demo_store: Store) -> None:
    division = demo_store.division_id()
    with pdok_stand_in() as (base, _):
        coder = Geocoder(base)
        by_alias = locate(demo_store, division, coder.places("9991AB"))
        by_point = locate(demo_store, division, coder.places("Beukenlaan 7"))
        outside = locate(demo_store, division, coder.places("Strandweg 1"))
    assert [(m.code, m.name, m.level) for m in by_alias] == [("N01a", "Pareldorp", "buurt")]
    assert by_alias[0].label == "Parelweg, 9991AB Voorbeeldstad"
    # No buurtcode in the answer: its point lies in Beukendorp.
    assert [(m.code, m.level) for m in by_point] == [("N01b", "buurt")]
    assert outside == []


def test_the_search_box_lists_the_address_first(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    division = demo_store.division_id()
    with pdok_stand_in() as (base, _):
        monkeypatch.setenv("MONITOR_GEOCODER_URL", base)
        found = matches(demo_store, division, "9991 AB", 8)
    assert found[0] == ("N01a", "Pareldorp", "buurt", "Parelweg, 9991AB Voorbeeldstad")
    monkeypatch.setenv("MONITOR_GEOCODER_URL", "")
    assert matches(demo_store, division, "9991 AB", 8) == []


@pytest.mark.shared
def test_an_amsterdam_address_in_its_2015_buurt(store: Store, shared_data: Path) -> None:
    """Amsterdam's own buurt codes are not CBS codes: the point decides."""
    result = import_areas(
        store, shared_data / AMS / "GEBIED_BUURTEN.json", "buurt", "Buurt_code", "Buurt"
    )
    with pdok_stand_in() as (base, _):
        found = locate(store, result["division_id"], Geocoder(base).places("Damrak 1"))
    # Both answers lie in the same buurt, listed once.
    assert [(m.code, m.name, m.label) for m in found] == [
        ("A01e", "Nieuwe Kerk e.o.", "Damrak 1, 1012LG Amsterdam")
    ]


@pytest.mark.browser
def test_a_postcode_opens_its_buurt_in_the_browser(demo_store: Store, tmp_path: Path) -> None:
    url = str(demo_store.engine.url)
    with (
        pdok_stand_in() as (geocoder_url, received),
        app_server(url, {"MONITOR_TILE_URL": "", "MONITOR_GEOCODER_URL": geocoder_url}) as base,
        browser_page() as page,
    ):
        page.set_default_timeout(90_000)
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(f"{base}/?lang=nl")
        box = page.locator("#area-search")
        box.fill("9991 AB")
        link = page.locator("#area-search-results a").first
        expect(link).to_contain_text("Pareldorp", timeout=90_000)
        expect(link).to_contain_text("Parelweg, 9991AB Voorbeeldstad")
        page.screenshot(path=str(tmp_path / "postcode-phone.png"))
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        box.press("Enter")
        page.wait_for_url(re.compile(r"/profiel\?gebied=N01a"), timeout=90_000)
        expect(page.locator("#profiel-title")).to_contain_text("(N01a)", timeout=90_000)
        assert received, "the app did not ask the geocoder"
