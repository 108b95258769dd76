"""The Vergelijken page in Chromium on the demo city (issue 14): two buurten side by side
with their names and every indicator; filter, sort, export; at desktop and phone width;
and the buurtprofiel's similar areas leading to it."""

from __future__ import annotations

import pytest

from monitor import demo
from monitor.scoring import Scorer
from monitor.store import Store
from tests.support import SCREENSHOTS, app_server, browser_page

pytestmark = pytest.mark.browser
NO_TILES = {"MONITOR_TILE_URL": ""}
DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, int]:
    url = f"sqlite:///{tmp_path_factory.mktemp('vergelijken') / 'v.sqlite'}"
    store = Store(url)
    store.upgrade()
    demo.install(store)
    coloured = [i for i in Scorer(store).indicators.values() if i.polarity != "geen"]
    store.engine.dispose()
    return url, len(coloured)


def test_two_demo_buurten_side_by_side(demo_url: tuple[str, int]) -> None:
    from playwright.sync_api import expect

    url, indicators = demo_url
    SCREENSHOTS.mkdir(exist_ok=True)
    with app_server(url, NO_TILES) as base, browser_page() as page:
        page.set_viewport_size(DESKTOP)
        page.goto(f"{base}/vergelijken?gebieden=N01a,N01b")
        grid = page.locator("table#vergelijken-grid")
        expect(grid).to_be_visible()
        expect(grid.locator("thead")).to_contain_text("Pareldorp")
        expect(grid.locator("thead")).to_contain_text("Beukendorp")
        rows = grid.locator("tr[data-indicator]")
        expect(rows).to_have_count(indicators)
        first = rows.first
        expect(first).to_contain_text("Geregistreerde werkloosheid")
        expect(first.locator("td.verschil")).to_contain_text("scoort beter dan")
        expect(page.locator("header nav a", has_text="Vergelijken")).to_have_class("active")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(SCREENSHOTS / "vergelijken-desktop.png"), full_page=True)
        # On paper: no controls, but the area names in the head and the class colours.
        page.emulate_media(media="print")
        expect(page.locator("th[data-area='N01a'] .sort-name")).to_be_visible()
        expect(page.locator("#vergelijken-filter")).to_be_hidden()
        expect(page.locator("th[data-area='N01a'] .sort-class")).to_be_hidden()
        page.emulate_media(media="screen")

        # Sort on Pareldorp's values: the table loses its groups, the head says how.
        page.locator("th[data-area='N01a'] .sort-button").first.click()
        expect(grid.locator("th[data-area='N01a']")).to_have_attribute("aria-sort", "ascending")
        expect(grid.locator("tr.group")).to_have_count(0)
        # Filter: "werkloos" finds werkloosheid and jeugdwerkloosheid.
        page.fill("#vergelijken-filter", "werkloos")
        expect(rows).to_have_count(2)
        expect(page.locator("#vergelijken-count")).to_have_text(f"2 van {indicators} indicatoren")
        with page.expect_download() as download:
            page.click("#vergelijken-csv")
        assert download.value.suggested_filename == "vergelijken-N01a-N01b.csv"
        text = download.value.path().read_text(encoding="utf-8-sig")
        assert "Pareldorp (N01a): waarde" in text and text.count("\n") == 3

        page.set_viewport_size(PHONE)
        page.goto(f"{base}/vergelijken?gebieden=N01a,N01b")
        expect(grid.locator("tr[data-indicator]")).to_have_count(indicators)
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        page.screenshot(path=str(SCREENSHOTS / "vergelijken-phone.png"), full_page=True)
        assert width <= PHONE["width"] + 1

        # The profile lists similar buurten; "vergelijk" opens both side by side.
        page.set_viewport_size(DESKTOP)
        page.goto(f"{base}/profiel?gebied=N01a")
        similar = page.locator("#profiel-similar li")
        expect(similar).to_have_count(5)
        expect(similar.first).to_contain_text("lijkt het meest op Pareldorp in:")
        expect(page.locator("#profiel-compare-link")).to_be_visible()
        other = similar.first.get_attribute("data-code")
        similar.first.locator("a.similar-compare").click()
        expect(page).to_have_url(f"{base}/vergelijken?gebieden=N01a,{other}&lang=nl")
        expect(grid.locator("th[data-area]")).to_have_count(2)


def test_one_area_asks_for_another(demo_url: tuple[str, int]) -> None:
    from playwright.sync_api import expect

    url, _ = demo_url
    with app_server(url, NO_TILES) as base, browser_page() as page:
        page.goto(f"{base}/vergelijken?gebieden=N01a")
        expect(page.locator("#vergelijken-message")).to_have_text(
            "Kies nog 1 gebied(en) om te vergelijken."
        )
