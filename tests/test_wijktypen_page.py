"""Wijktypen (/wijktypen) and picking areas on the Kaart to compare, in headless Chromium:
on the demo (desktop and phone screenshots) and on the real BBGA gebieden."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from monitor import wijktypen as wt
from monitor.scoring import Scorer
from monitor.store import Store
from tests.support import SCREENSHOTS, app_server, browser_page, demo_database, require_shared
from tests.test_a11y import problems
from tests.test_kaart import inside_point

pytestmark = pytest.mark.browser
NO_TILES = {"MONITOR_TILE_URL": ""}


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return demo_database(tmp_path_factory.mktemp("wijktypen-page"))


def legend_sizes(page) -> dict[str, int]:
    items = page.locator("#wijktypen-legend .legend-item")
    found = {}
    for i in range(items.count()):
        text = items.nth(i).inner_text()
        found[items.nth(i).get_attribute("data-type")] = int(text.split("(")[1].split(" ")[0])
    return found


def test_wijktypen_page_on_the_demo(demo_url: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    scorer = Scorer(Store(demo_url))
    found = wt.wijktypen(scorer, "buurt")
    expected = {str(n): size for n, size in found.sizes().items()}
    expected["0"] = len(found.unassigned())
    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.set_viewport_size({"width": 1400, "height": 900})
        page.goto(f"{base}/wijktypen?niveau=buurt")
        page.wait_for_function("document.querySelectorAll('path.leaflet-interactive').length == 90")
        expect(page.locator("#wijktypen-legend .legend-item")).to_have_count(found.k + 1)
        assert legend_sizes(page) == expected
        # Why this many types, in words; each type described by its indicators.
        choice = page.inner_text("#wijktypen-choice")
        assert choice.startswith(f"{found.k} typen: gekozen omdat")
        legend = page.inner_text("#wijktypen-legend")
        assert wt.describe(found, 2, scorer.indicators, "nl") in legend
        # Every area painted in its type's colour, named in words for screen readers.
        code = found.frame.index[found.frame["type"] == 2][0]
        area = page.locator(f"path.leaflet-interactive[data-code='{code}']")
        expect(area).to_have_attribute("data-type", "2")
        assert area.get_attribute("fill").lower() == wt.colour(2).lower()
        words = wt.describe(found, 2, scorer.indicators, "nl")
        naam = found.frame.loc[code, "naam"]
        expect(area).to_have_accessible_name(f"{naam} ({code}): Type 2 — {words}")
        # The list: each area under its type.
        section = page.locator(".wijktypen-type[data-type='2']")
        expect(section.locator("li")).to_have_count(found.sizes()[2])
        link = section.locator(f"li[data-code='{code}'] a")
        expect(link).to_have_attribute("href", f"/profiel?gebied={code}&lang=nl")
        page.screenshot(path=str(SCREENSHOTS / "wijktypen-desktop.png"))

        # CSV: code, naam, type, beschrijving for every buurt.
        with page.expect_download() as download:
            page.click("#wijktypen-csv")
        assert download.value.suggested_filename == f"wijktypen-buurt-{found.k}.csv"
        text = download.value.path().read_text(encoding="utf-8-sig")
        frame = pd.read_csv(io.StringIO(text), sep=";")
        assert list(frame.columns) == ["code", "naam", "type", "beschrijving"]
        assert len(frame) == 90 and (frame["code"] == code).sum() == 1

        # Another number of types: the URL follows, the legend too.
        page.click("#wijktypen-k")
        page.get_by_role("option", name="5", exact=True).click()
        page.wait_for_function("window.location.search.includes('typen=5')")
        expect(page.locator("#wijktypen-legend .legend-item[data-type='5']")).to_have_count(1)
        expect(page.locator("#wijktypen-choice")).to_contain_text("5 typen: zelf gekozen")

        # Phone: the map, then the legend under it.
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(f"{base}/wijktypen?niveau=wijk")
        page.wait_for_function("document.querySelectorAll('path.leaflet-interactive').length == 20")
        expect(page.locator("#wijktypen-legend .legend-item").first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=str(SCREENSHOTS / "wijktypen-phone.png"))
        page.locator("#wijktypen-legend").scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / "wijktypen-phone-legend.png"))
        assert errors == []


def test_pick_two_areas_on_the_kaart_and_compare(demo_url: str) -> None:
    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.set_viewport_size({"width": 1400, "height": 900})
        page.goto(f"{base}/?indicator=werkloosheid_p&jaar=2024&niveau=buurt")
        page.wait_for_function("document.querySelectorAll('path.leaflet-interactive').length == 90")
        page.get_by_label("Gebieden kiezen om te vergelijken (klik op de kaart)").check()
        expect(page.locator("#kaart-pick-chosen")).to_contain_text("nog geen gebied gekozen")
        chips = page.locator("#kaart-pick-chosen .chip")
        for n, i in enumerate((30, 60), start=1):
            x, y = inside_point(page, page.locator("path.leaflet-interactive").nth(i))
            page.mouse.click(x, y)
            expect(chips).to_have_count(n)
            if n == 1:  # one area: "Vergelijk met…" leads to Vergelijken with it
                go = page.locator("#kaart-pick-go")
                expect(go).to_have_text("Vergelijk met…")
                first = chips.first.get_attribute("data-code")
                assert go.get_attribute("href") == f"/vergelijken?gebieden={first}&lang=nl"
        assert "/profiel" not in page.url  # a click picks, it does not open the profile
        codes = [chips.nth(i).get_attribute("data-code") for i in range(2)]
        assert len(set(codes)) == 2
        expect(page.locator("#kaart-pick-go")).to_have_text("Vergelijken (2)")
        # Both outlined on the map, and only they.
        expect(page.locator("#kaart-map path.kaart-picked")).to_have_count(2)
        for c in codes:
            expect(page.locator(f"#kaart-map path[data-code='{c}']")).to_have_class(
                re.compile(r"\bkaart-picked\b")
            )
        page.screenshot(path=str(SCREENSHOTS / "kaart-pick.png"))
        page.wait_for_timeout(300)  # assets/a11y.js repairs the checklist on the next frame
        assert problems(page, Axe()) == []  # chips, remove buttons and link: axe-clean
        # Kept for the browser tab: a reload (or a phone's narrow screen) keeps the choice.
        page.set_viewport_size({"width": 390, "height": 844})
        page.reload()
        page.wait_for_function("document.querySelectorAll('path.leaflet-interactive').length == 90")
        expect(chips).to_have_count(2)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=str(SCREENSHOTS / "kaart-pick-phone.png"))
        page.set_viewport_size({"width": 1400, "height": 900})
        page.get_by_label("Gebieden kiezen om te vergelijken (klik op de kaart)").check()
        expect(page.locator("#kaart-pick-chosen .hint").first).to_be_visible()

        # A chip's × removes it; another click adds one again.
        remove = chips.nth(1).get_by_role("button")
        name = Store(demo_url).areas_frame(Store(demo_url).division_id()).set_index("code")
        expect(remove).to_have_accessible_name(f"{name.loc[codes[1], 'name']} weghalen")
        remove.click()
        expect(chips).to_have_count(1)
        x, y = inside_point(page, page.locator("path.leaflet-interactive").nth(60))
        page.mouse.click(x, y)
        expect(chips).to_have_count(2)
        codes = [chips.nth(i).get_attribute("data-code") for i in range(2)]

        page.click("#kaart-pick-go")
        page.wait_for_selector("#vergelijken-table table")
        assert f"gebieden={codes[0]},{codes[1]}" in page.url
        head = page.inner_text("#vergelijken-table thead")
        assert all(name.loc[c, "name"] in head for c in codes), head

        # Back on the Kaart, with the switch off a click opens the profile as before.
        page.goto(f"{base}/?indicator=werkloosheid_p&jaar=2024&niveau=buurt")
        page.wait_for_function("document.querySelectorAll('path.leaflet-interactive').length == 90")
        x, y = inside_point(page, page.locator("path.leaflet-interactive").nth(20))
        page.mouse.click(x, y)
        page.wait_for_selector("#profiel-title")
        assert errors == []


def test_wijktypen_on_real_bbga_gebieden(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The BBGA set (age, households, housing, income) on the 22 gebieden and Westpoort."""
    require_shared()
    from tests.test_bbga import load_amsterdam

    url = f"sqlite:///{tmp_path_factory.mktemp('wijktypen-real') / 'ams.sqlite'}"
    load_amsterdam(url)
    scorer = Scorer(Store(url))
    found = wt.wijktypen(scorer, "gebied")
    assert found.set.key == "amsterdam-bbga" and len(found.used) == 8
    assert found.unassigned() == [] and sum(found.sizes().values()) == 23
    # IJburg and De Aker/Sloten (young families, owner-occupied) are one type.
    assert found.frame.loc["DX16", "type"] == found.frame.loc["DX08", "type"]
    with app_server(url, NO_TILES) as base, browser_page() as page:
        page.set_viewport_size({"width": 1400, "height": 900})
        page.goto(f"{base}/wijktypen?niveau=gebied")
        page.wait_for_function("document.querySelectorAll('path.leaflet-interactive').length == 23")
        expect(page.locator("#wijktypen-legend .legend-item")).to_have_count(found.k)
        assert page.locator("#fictional").count() == 0
        expect(page.locator("#wijktypen-legend")).to_contain_text("WOZ-waarde per m2")
        page.screenshot(path=str(SCREENSHOTS / "wijktypen-real.png"), full_page=True)
