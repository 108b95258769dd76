"""The "Vergelijk met" choice in Chromium: the Kaart switched to the stadsdeel names it in
the legend, the line above the map and the tooltip, keeps it in the URL, and a permalink
with vergelijkbare buurten or a base year restores it. Screenshots desktop and phone."""

from __future__ import annotations

import re

import pytest

from monitor.scoring import Scorer
from monitor.store import Store
from tests.support import SCREENSHOTS, app_server, browser_page, choose_option, demo_database

pytestmark = pytest.mark.browser

NO_TILES = {"MONITOR_TILE_URL": ""}
START = "/?indicator=werkloosheid_p&jaar=2023&niveau=buurt"


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return demo_database(tmp_path_factory.mktemp("refpage"))


def counts(page) -> dict[str, int]:
    items = page.locator("#kaart-legend .legend-item[data-klasse]")
    return {
        items.nth(i).get_attribute("data-klasse"): int(items.nth(i).inner_text().rsplit(":", 1)[1])
        for i in range(items.count())
    }


def test_kaart_compared_with_the_stadsdeel(demo_url: str) -> None:
    from playwright.sync_api import expect

    SCREENSHOTS.mkdir(exist_ok=True)
    expected = Scorer(Store(demo_url)).score(
        "werkloosheid_p", 2023, "buurt", referentie="stadsdeel"
    )
    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.set_viewport_size({"width": 1400, "height": 900})
        page.goto(f"{base}{START}")
        page.wait_for_selector("#kaart-legend .legend-item")
        page.wait_for_function("document.querySelectorAll('path.leaflet-interactive').length == 90")
        # The default names the gemeente; no other reference is offered than fits a buurt.
        expect(page.locator("#kaart-legend")).to_contain_text("gemiddelde van Voorbeeldstad")
        page.click("#kaart-referentie")
        offered = page.locator(".dash-dropdown-options").inner_text()
        page.keyboard.press("Escape")
        for text in ("de gemeente (NAP)", "het stadsdeel", "het gebied", "de wijk"):
            assert text in offered
        assert "vergelijkbare gebieden" in offered and "een basisjaar" in offered

        choose_option(page, "kaart-referentie", "het stadsdeel")
        legend = page.locator("#kaart-legend")
        expect(legend).to_contain_text("Vergeleken met het gemiddelde van het eigen stadsdeel")
        expect(legend).to_contain_text("dan het gemiddelde van het eigen stadsdeel")
        expect(page.locator("#kaart-nap")).to_contain_text("het eigen stadsdeel")
        assert "referentie=stadsdeel" in page.url
        want = {k: int(v) for k, v in expected["klasse"].value_counts().items()}
        page.wait_for_function(
            "document.querySelector('#kaart-legend').innerText.includes('eigen stadsdeel')"
        )
        assert counts(page) == want
        # The tooltip (and accessible name) of Pareldorp names its own stadsdeel.
        area = page.locator("path.leaflet-interactive[data-code='N01a']")
        expect(area).to_have_attribute("aria-label", re.compile(r"gemiddelde van stadsdeel Noord"))
        area.focus()
        tip = page.locator(".kaart-tip")
        expect(tip).to_contain_text("gemiddelde van stadsdeel Noord")
        expect(tip).to_contain_text("Vergeleken met:")
        page.screenshot(path=str(SCREENSHOTS / "referentie-stadsdeel-desktop.png"))

        page.set_viewport_size({"width": 390, "height": 844})
        page.wait_for_timeout(500)
        page.screenshot(path=str(SCREENSHOTS / "referentie-stadsdeel-phone.png"), full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, width

        # Enter on an area opens its profile against the same reference.
        page.set_viewport_size({"width": 1400, "height": 900})
        area.focus()
        page.keyboard.press("Enter")
        expect(page.locator("#profiel-reference")).to_contain_text(
            "Vergeleken met het gemiddelde van stadsdeel Noord"
        )
        assert "referentie=stadsdeel" in page.url
        # A permalink restores the choice: similar buurten, then a base year.
        page.goto(f"{base}{START}&referentie=vergelijkbaar")
        expect(page.locator("#kaart-legend")).to_contain_text("meest vergelijkbare buurten")
        expect(page.locator("#kaart-referentie")).to_contain_text("vergelijkbare gebieden")
        page.goto(f"{base}{START}&referentie=basisjaar&basisjaar=2018")
        expect(page.locator("#kaart-legend")).to_contain_text("in 2018 (basisjaar)")
        base_nap = (
            Scorer(Store(demo_url))
            .score("werkloosheid_p", 2023, "buurt", referentie="basisjaar", base_year=2018)["nap"]
            .iloc[0]
        )
        value = f"{base_nap:.1f}".replace(".", ",")
        expect(page.locator("#kaart-nap")).to_contain_text(f"in 2018 (basisjaar): {value}%")
        expect(page.locator("#kaart-basisjaar")).to_contain_text("2018")
        page.wait_for_function("document.querySelectorAll('path.leaflet-interactive').length == 90")
        page.wait_for_timeout(1500)  # flyToBounds
        page.screenshot(path=str(SCREENSHOTS / "referentie-basisjaar-desktop.png"))
        assert not errors, errors


def test_vergelijking_compared_with_the_stadsdeel(demo_url: str) -> None:
    """The NAP-vergelijking's bars are differences from each buurt's own stadsdeel; the
    line above names it, the permalink keeps it and the Kaart link carries it over."""
    from playwright.sync_api import expect

    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.set_viewport_size({"width": 1400, "height": 900})
        page.goto(f"{base}/vergelijking?indicator=werkloosheid_p&jaar=2023&niveau=buurt")
        expect(page.locator("#vergelijking-nap")).to_contain_text("NAP")
        choose_option(page, "vergelijking-referentie", "het stadsdeel")
        expect(page.locator("#vergelijking-nap")).to_contain_text(
            "Vergeleken met het gemiddelde van het eigen stadsdeel"
        )
        assert "referentie=stadsdeel" in page.url
        expect(page.locator("#vergelijking-bars")).to_contain_text("eigen stadsdeel")
        page.wait_for_timeout(500)
        page.screenshot(path=str(SCREENSHOTS / "referentie-vergelijking-desktop.png"))
        # Carried over to the Kaart through the navigation.
        page.click(".header nav a[href^='/?'], .header nav a[href='/']")
        expect(page.locator("#kaart-legend")).to_contain_text("eigen stadsdeel")
        assert "referentie=stadsdeel" in page.url
        assert not errors, errors


def test_profiel_compared_with_similar_buurten_and_the_stadsdeel(demo_url: str) -> None:
    """The buurtprofiel's choice opens the profile again with it in the URL; every class
    chip names the reference and the NAP column is the reference value."""
    from playwright.sync_api import expect

    scorer = Scorer(Store(demo_url))
    similar = scorer.score("werkloosheid_p", 2024, "buurt", referentie="vergelijkbaar")
    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.set_viewport_size({"width": 1400, "height": 900})
        page.goto(f"{base}/profiel?gebied=N01a")
        page.wait_for_selector("#profiel-title")
        assert page.locator("#profiel-reference").count() == 0
        choose_option(page, "profiel-referentie", "vergelijkbare gebieden")
        expect(page.locator("#profiel-reference")).to_contain_text("vergelijkbare buurten")
        assert "referentie=vergelijkbaar" in page.url
        row = page.locator("tr[data-indicator='werkloosheid_p']").first
        expect(row).to_contain_text("vergelijkbare buurten")
        expect(row.locator("th, td").nth(3)).to_have_text(
            re.compile(re.escape(f"{similar.iloc[0]['nap']:.1f}".replace(".", ",")))
        )
        expect(page.locator("table.profiel").first).to_contain_text("Vergeleken met")
        page.screenshot(path=str(SCREENSHOTS / "referentie-profiel-desktop.png"))
        page.goto(f"{base}/profiel?gebied=N01a&referentie=stadsdeel")
        expect(page.locator("#profiel-reference")).to_contain_text(
            "Vergeleken met het gemiddelde van stadsdeel Noord"
        )
        page.set_viewport_size({"width": 390, "height": 844})
        # The phone layout settles (its requests, then a frame) before the picture: once,
        # on a loaded CI machine, the screenshot waited out its 30 s right after the resize.
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
        page.screenshot(path=str(SCREENSHOTS / "referentie-profiel-phone.png"), timeout=60_000)
        assert not errors, errors
