"""The Kaart on a store with several gemeenten: a "Gemeente" choice in the URL, buurt
maps send and colour only the chosen gemeente's areas, the gemeente level shows all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from layouts import kaart_gemeente
from layouts.kaart import restyle
from monitor import demo
from monitor.store import Store
from tests.support import SCREENSHOTS, app_server, browser_page
from tests.test_gemeenten import _define, _publish, _two_gemeenten
from tests.test_kaart import inside_point

NO_TILES = {"MONITOR_TILE_URL": ""}
# G1 Aastad: A1–A3 (NAP 18, its own value); G2 Beedorp: B1–B3 (NAP 3). The gemeenten's
# own values make the gemeente level a level of the map.
VALUES = {"A1": 10, "A2": 20, "A3": 30, "B1": 1, "B2": 2, "B3": 6, "G1": 18, "G2": 3}
BUURTEN = ["A1", "A2", "A3", "B1", "B2", "B3"]


def _regio(store: Store, folder: Path) -> None:
    _two_gemeenten(store, folder)
    _define(store)
    _publish(store, VALUES, folder)


def test_a_gemeente_s_map_holds_only_its_areas(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _regio(store, tmp_path)
    division_id = store.division_id()
    choices = kaart_gemeente.options(store, division_id)
    assert choices == [
        {"label": "Aastad (G1)", "value": "G1"},
        {"label": "Beedorp (G2)", "value": "G2"},
    ]
    # Default: the first by name; the URL's when offered; the setting's otherwise.
    assert kaart_gemeente.chosen(store, choices, None) == "G1"
    assert kaart_gemeente.chosen(store, choices, "G2") == "G2"
    store.set_setting(kaart_gemeente.SETTING, "G2")
    assert kaart_gemeente.chosen(store, choices, "XX") == "G2"
    monkeypatch.setenv("MONITOR_KAART_GEMEENTE", "G1")  # the environment's comes first
    assert kaart_gemeente.chosen(store, choices, None) == "G1"
    monkeypatch.delenv("MONITOR_KAART_GEMEENTE")
    # The gemeente level is never limited.
    assert kaart_gemeente.scope("G2", "buurt") == "G2"
    assert kaart_gemeente.scope("G2", "gemeente") is None

    data, _, nap = restyle(store, "score_p", 2024, "buurt", None, None, "nl", gemeente="G2")
    assert sorted(data["areas"]) == ["B1", "B2", "B3"]
    assert "3,0%" in nap  # Beedorp's own NAP
    whole, _, _ = restyle(store, "score_p", 2024, "buurt", None, None, "nl")
    assert sorted(whole["areas"]) == BUURTEN
    gemeenten, _, _ = restyle(store, "score_p", 2024, "gemeente", None, None, "nl")
    assert sorted(gemeenten["areas"]) == ["G1", "G2"]
    geometry, (minx, _, maxx, _) = kaart_gemeente.geometry(store, division_id, "buurt", "G2")
    assert [f["properties"]["code"] for f in geometry["features"]] == ["B1", "B2", "B3"]
    assert (minx, maxx) == pytest.approx((4.03, 4.06))  # B1's west edge to B3's east edge


def test_a_gemeente_s_map_shows_the_change_since_last_year(store: Store, tmp_path: Path) -> None:
    """Last year's values of one gemeente's map are read from its own stored scores only
    (their reference is the gemeente): the same changes as on the map of every buurt."""
    from monitor.ingest.upload import check, publish
    from monitor.scoring.read import stored_values

    _regio(store, tmp_path)
    body = "".join(f"{c};score_p;2023;{v - 1}\n" for c, v in VALUES.items() if c != "B3")
    checked = check(store, f"gebiedcode;indicator;periode;waarde\n{body}".encode(), "v.csv")
    publish(store, checked, uploader="test", confirm_changes=True, data_dir=tmp_path)
    division_id = store.division_id()
    ids = store.areas_frame(division_id, "buurt").set_index("code")["id"]
    own = stored_values(store, division_id, "score_p", 2023, "buurt", ref_code="G2")
    assert sorted(own.index) == sorted(int(ids[c]) for c in ("B1", "B2", "B3"))
    assert own[int(ids["B1"])] == 0.0 and own.isna()[int(ids["B3"])]  # B3: no value in 2023
    whole = stored_values(store, division_id, "score_p", 2023, "buurt")
    assert len(whole) == len(BUURTEN)
    assert stored_values(store, division_id, "score_p", 2023, "buurt", ref_code="G9").empty
    data, _, _ = restyle(store, "score_p", 2024, "buurt", None, None, "en", gemeente="G2")
    everywhere, _, _ = restyle(store, "score_p", 2024, "buurt", None, None, "en")
    changes = {code: area[2] for code, area in data["areas"].items()}
    assert changes == {code: everywhere["areas"][code][2] for code in ("B1", "B2", "B3")}
    assert changes["B1"] is not None and changes["B3"] is None


def test_one_gemeente_offers_no_choice(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'demo.sqlite'}")
    store.upgrade()
    demo.install(store)
    assert kaart_gemeente.options(store, store.division_id()) == []
    assert kaart_gemeente.chosen(store, [], "STAD") is None


def _until(page, check, sent: list) -> None:
    """Wait for ``check`` (responses are handled as they arrive, after the page drew)."""
    for _ in range(100):
        if check():
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"geometry sent: {sent}")


@pytest.mark.browser
def test_switching_gemeente_shows_the_other_gemeente_s_buurten(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'regio.sqlite'}"
    store = Store(url)
    store.upgrade()
    _regio(store, tmp_path)
    store.engine.dispose()
    SCREENSHOTS.mkdir(exist_ok=True)
    with app_server(url, NO_TILES) as base, browser_page() as page:
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        sent: list[list[str]] = []  # the buurt codes of every geometry the server sent

        def geometry(response) -> None:
            if "_dash-update-component" not in response.url:
                return
            body = json.loads(response.body())
            found = body.get("response", {}).get("kaart-geojson", {}).get("data")
            if found:
                sent.append(sorted(f["properties"]["code"] for f in found["features"]))

        page.on("response", geometry)
        page.goto(f"{base}/?indicator=score_p&jaar=2024&niveau=buurt")
        page.wait_for_selector("#kaart-legend .legend-item")
        page.wait_for_function("window.location.search.includes('gemeente=G1')")
        page.wait_for_function("document.querySelectorAll('path.leaflet-interactive').length == 3")
        _until(page, lambda: sent[-1:] == [["A1", "A2", "A3"]], sent)
        assert "Aastad (G1)" in page.inner_text("#kaart-gemeente-label")
        page.screenshot(path=str(SCREENSHOTS / "kaart-gemeente-g1.png"))

        page.click("#kaart-gemeente")
        page.get_by_text("Beedorp (G2)", exact=True).click()
        page.wait_for_function("window.location.search.includes('gemeente=G2')")
        page.wait_for_function("document.querySelector('#kaart-nap').innerText.includes('3,0%')")
        page.wait_for_function("document.querySelectorAll('path.leaflet-interactive').length == 3")
        _until(page, lambda: sent[-1:] == [["B1", "B2", "B3"]], sent)
        # The map flies to Beedorp: its buurten are on screen, and hovering names one.
        x, y = inside_point(page, page.locator("path.leaflet-interactive").nth(0))
        page.mouse.move(5, 5)
        page.mouse.move(x, y, steps=8)
        page.wait_for_function("document.querySelectorAll('.kaart-tip').length === 1")
        assert "(B" in page.inner_text(".kaart-tip")
        page.screenshot(path=str(SCREENSHOTS / "kaart-gemeente-g2.png"))

        # A permalink restores the gemeente; the gemeente level shows both gemeenten.
        page.goto(f"{base}/?indicator=score_p&jaar=2024&niveau=gemeente&gemeente=G2")
        page.wait_for_function("document.querySelectorAll('path.leaflet-interactive').length == 2")
        _until(page, lambda: sent[-1:] == [["G1", "G2"]], sent)
        assert "Beedorp (G2)" in page.inner_text("#kaart-gemeente-label")
        assert errors == []
