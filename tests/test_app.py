"""The app in a real headless Chromium: demo city, scores, language switch."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.scoring import Scorer
from monitor.store import Store
from tests.support import SCREENSHOTS, app_server, browser_page, demo_database, require_shared
from tests.test_bbga import load_amsterdam

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return demo_database(tmp_path_factory.mktemp("app"))


def test_overview_page_in_chromium(demo_url: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    expected = Scorer(Store(demo_url)).score("bijstand_p", 2024, "buurt")
    with app_server(demo_url) as base, browser_page() as page:
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{base}/tabel")
        page.wait_for_selector("#fictional")
        assert "fictief" in page.inner_text("#fictional")
        page.wait_for_selector("table#scores tr >> nth=5")
        # Pick bijstand_p through the dropdown, as a user would.
        page.click("#indicator")
        page.get_by_text("Werk en inkomen · Bijstand (%)", exact=True).click()
        page.wait_for_function(
            "document.querySelector('#nap-line') && "
            "document.querySelector('#nap-line').innerText.includes('5,5%')"
        )
        rows = page.locator("table#scores tr")
        assert rows.count() == 91  # header + 90 buurten
        chips = page.locator("#class-counts .chip")
        shown = {
            chips.nth(i).get_attribute("data-klasse"): chips.nth(i).inner_text()
            for i in range(chips.count())
        }
        for klasse, count in expected["klasse"].value_counts().items():
            assert shown[klasse].endswith(f": {count}"), (klasse, shown)
        page.screenshot(path=str(SCREENSHOTS / "overview-nl.png"), full_page=False)
        page.click("#language-switch")
        page.wait_for_selector("text=Voorbeeldstad is a made-up city")
        page.wait_for_selector("table#scores tr >> nth=5")
        assert "Neighbourhood monitor" in page.inner_text("h1")
        page.screenshot(path=str(SCREENSHOTS / "overview-en.png"), full_page=False)
        assert errors == []


def test_empty_store_opens_on_the_demo(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    with app_server(url) as base, browser_page() as page:
        page.goto(base)
        page.wait_for_selector("#fictional")
        page.wait_for_function("document.querySelectorAll('path.leaflet-interactive').length == 90")
    store = Store(url)
    assert store.division(store.division_id())["name"] == "voorbeeldstad"


def test_empty_store_without_demo_explains_how_to_start(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    Store(url).upgrade()
    with app_server(url, {"MONITOR_DEMO_IF_EMPTY": "0"}) as base, browser_page() as page:
        page.goto(base)
        page.wait_for_selector("text=monitor demo")


def test_real_bbga_gebieden_in_chromium(tmp_path: Path) -> None:
    """The app opens on real data at the level it was published (gebied) after import."""
    require_shared()
    url = f"sqlite:///{tmp_path / 'ams.sqlite'}"
    load_amsterdam(url)
    with app_server(url) as base, browser_page() as page:
        page.goto(f"{base}/tabel")
        page.wait_for_selector("table#scores tr >> nth=3")
        assert page.locator("#fictional").count() == 0  # real data: no fictional banner
        # The app opens on a policy indicator: registered unemployment (not an age group).
        assert "Geregistreerde werkloosheid" in page.inner_text("#indicator")
        page.wait_for_function("document.querySelector('#nap-line').innerText.includes('11,0%')")
        # Hand-counted from the 22 published values (see test_bbga): 8 beter, 6 rond,
        # 8 slechter; Westpoort has no value.
        chips = page.locator("#class-counts .chip")
        shown = {
            chips.nth(i).get_attribute("data-klasse"): chips.nth(i).inner_text()
            for i in range(chips.count())
        }
        assert shown["beter"].endswith(": 8")
        assert shown["rond"].endswith(": 6")
        assert shown["slechter"].endswith(": 8")
        assert shown["geen_gegevens"].endswith(": 1")
        assert "Centrum-West" in page.inner_text("table#scores")
        page.screenshot(path=str(SCREENSHOTS / "overview-amsterdam.png"))


def test_every_dropdown_speaks_the_page_language() -> None:
    """Dash 4's dropdown says "18 selected" unless given its texts; localise() gives them."""
    from dash import dcc, html

    from layouts.common import localise

    inner = dcc.Dropdown(["a", "b"], ["a", "b"], multi=True)
    page = html.Div([html.Label(["Kolommen", inner]), html.Div(dcc.Dropdown(["c"]))])
    localise(page, "nl")
    assert inner.labels["selected_count"] == "{num_selected} gekozen"
    assert page.children[1].children.labels["search"] == "Zoeken"
    english = localise(html.Div(dcc.Dropdown(["c"])), "en")
    assert english.children.labels["selected_count"] == "{num_selected} selected"
