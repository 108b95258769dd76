"""The Signalen page in Chromium on the demo: the planted pattern is listed with the
numbers in words and a chart, the navigation has "Signalen", and a phone does not scroll
sideways."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from monitor import demo
from tests.support import SCREENSHOTS, app_server, browser_page, demo_database

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus"]
MONTHS += ["september", "oktober", "november", "december"]
SHORT = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return demo_database(tmp_path_factory.mktemp("signalen"))


def test_the_planted_pattern_on_the_page(demo_url: str) -> None:
    code, category, month = demo.meldingen_planted(demo.build().levels["buurt"])
    SCREENSHOTS.mkdir(exist_ok=True)
    with app_server(demo_url, {"MONITOR_TILE_URL": ""}) as base, browser_page() as page:
        page.goto(f"{base}/")
        page.get_by_role("link", name="Signalen").first.click()
        page.wait_for_selector("#signalen-list .signal-chart .main-svg")
        items = page.locator("#signalen-list > li")
        assert items.count() == 1
        item = items.first
        assert item.get_attribute("data-code") == code
        assert item.get_attribute("data-category") == category
        text = item.inner_text()
        # The month as the rest of the app writes it ("december 2024", not "2024-12"),
        # in the sentence, the count above the list and under the chart's bars.
        label = f"{MONTHS[int(month[5:7]) - 1]} {month[:4]}"
        assert text.startswith(f"Zandbuurt ({code}), {category}, {label}: 26 meldingen, ")
        assert f"1 signaal in {label} (" in page.inner_text("body")
        ticks = item.locator(".xtick text").all_text_contents()
        assert len(ticks) >= 3, ticks
        assert all(re.fullmatch(r"[a-z]{3} 20\d\d", tick) for tick in ticks), ticks
        assert {tick[:3] for tick in ticks} <= set(SHORT)
        assert "verwacht ongeveer 11 — 2,4 keer zoveel" in text
        assert "keer zoveel" in text
        assert "1 op 1.000" in page.inner_text("body")
        page.screenshot(path=str(SCREENSHOTS / "signalen.png"), full_page=True)
        violations = Axe().run(page).response["violations"]
        serious = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
        page.set_viewport_size(PHONE)
        page.reload()
        page.wait_for_selector("#signalen-list .signal-chart .main-svg")
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        page.screenshot(path=str(SCREENSHOTS / "phone-signalen.png"), full_page=True)
    assert width <= PHONE["width"] + 1
    assert serious == []
