"""The header's area search in the browser (layouts/search_box.py): on the Kaart a typed
name (with a typo) lists the area and its link opens the buurtprofiel; on the profile,
Enter opens the first match on the profile; at phone width the box fits the screen, Arrow
Down reaches the matches and Escape hides them."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support import app_server, browser_page, demo_database

pytestmark = pytest.mark.browser
NO_TILES = {"MONITOR_TILE_URL": ""}
TIMEOUT_MS = 90_000


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return demo_database(tmp_path_factory.mktemp("search"))


def test_search_opens_the_area(demo_url: str) -> None:
    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        page.set_default_timeout(TIMEOUT_MS)
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))

        # The Kaart: a typo still finds Pareldorp; its link opens the buurtprofiel.
        page.goto(f"{base}/?lang=nl")
        box = page.get_by_label(re.compile("Zoek een buurt, wijk, gebied of stadsdeel"))
        box.fill("pareldrop")
        link = page.locator("#area-search-results a").first
        expect(link).to_contain_text("Pareldorp", timeout=TIMEOUT_MS)
        expect(link).to_contain_text("N01a")
        link.click()
        page.wait_for_url(re.compile(r"/profiel\?gebied=N01a"), timeout=TIMEOUT_MS)
        expect(page.locator("#profiel-title")).to_contain_text("(N01a)", timeout=TIMEOUT_MS)

        # On the profile, Enter opens the first match there (accents do not matter).
        box = page.locator("#area-search")
        box.fill("Bèukendorp")
        expect(page.locator("#area-search-results a").first).to_contain_text("Beukendorp")
        box.press("Enter")
        page.wait_for_url(re.compile(r"/profiel\?gebied=N01b"), timeout=TIMEOUT_MS)
        expect(page.locator("#profiel-title")).to_contain_text("(N01b)", timeout=TIMEOUT_MS)

        # A phone (390 px): the box is on screen and the page does not scroll sideways.
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(f"{base}/?lang=en")
        box = page.locator("#area-search")
        expect(box).to_be_visible(timeout=TIMEOUT_MS)
        box.fill("noord")
        expect(page.locator("#area-search-results a").first).to_contain_text("Noord")
        # Arrow Down goes to the first match, Escape hides the list and returns to the box.
        box.press("ArrowDown")
        first = page.locator("#area-search-results a").first
        expect(first).to_be_focused()
        page.keyboard.press("Escape")
        expect(box).to_be_focused()
        expect(first).to_be_hidden()
        box.press("End")
        box.type("-")  # typing shows the matches again
        expect(page.locator("#area-search-results a").first).to_be_visible()
        right = box.evaluate("e => e.getBoundingClientRect().right")
        assert right <= 390
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert not errors, errors
