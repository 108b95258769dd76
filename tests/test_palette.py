"""The class palette on NAP-vergelijking and Trends (layouts/common.py palette_control):
switching it recolours the rendered chart, and the URL (``palet=``) keeps the choice."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from monitor.compare import ranking
from monitor.scoring import Scorer
from monitor.store import Store
from monitor.trends import area_trend
from tests.support import SCREENSHOTS, app_server, browser_page, demo_database

pytestmark = pytest.mark.browser
NO_TILES = {"MONITOR_TILE_URL": ""}
TIMEOUT_MS = 60_000
#: The SVG fills of the classes werkloosheid 2024 has, written out from the palettes'
#: hex codes (#6baed6, #d9d9d9, #fdae6b and #a6d96a, #bdbdbd, #fdae61).
STANDAARD = {
    "beter": "rgb(107, 174, 214)",
    "rond": "rgb(217, 217, 217)",
    "slechter": "rgb(253, 174, 107)",
}
KLASSIEK = {
    "beter": "rgb(166, 217, 106)",
    "rond": "rgb(189, 189, 189)",
    "slechter": "rgb(253, 174, 97)",
}
#: Plotly fills a hatched bar (geen gegevens) with a pattern, not a colour.
PATTERN = re.compile(r'url\("?#')


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return demo_database(tmp_path_factory.mktemp("palette"))


def fills(page, selector: str) -> list[str]:
    """The fill of every matching SVG element, as the browser rendered it."""
    return page.eval_on_selector_all(selector, "els => els.map(e => e.style.fill)")


def expected_fills(klassen: list[str], palette: dict[str, str]) -> list[str]:
    return ["pattern" if k == "geen_gegevens" else palette[k] for k in klassen]


def rendered(page, selector: str) -> list[str]:
    return ["pattern" if PATTERN.match(f) else f for f in fills(page, selector)]


def test_vergelijking_palette_switch_survives_reload(demo_url: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    scorer = Scorer(Store(demo_url))
    bars = ranking(scorer, "werkloosheid_p", 2024, "buurt")["klasse"].tolist()
    stadsdelen = (
        ranking(scorer, "werkloosheid_p", 2024, "stadsdeel").sort_values("code")["klasse"].tolist()
    )
    # The demo year has all three coloured classes and some areas without a value.
    assert set(bars) == {"beter", "rond", "slechter", "geen_gegevens"}
    bar_paths = "#vergelijking-bars g.point path"
    column_paths = "#vergelijking-stadsdelen g.point path"
    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{base}/vergelijking?indicator=werkloosheid_p&jaar=2024&niveau=buurt")
        expect(page.locator(bar_paths)).to_have_count(90, timeout=TIMEOUT_MS)
        expect(page.get_by_label("kleurenblind-veilig")).to_be_checked()
        assert rendered(page, bar_paths) == expected_fills(bars, STANDAARD)
        assert rendered(page, column_paths) == expected_fills(stadsdelen, STANDAARD)

        page.get_by_label("klassiek (rood/grijs/groen)").check()
        expect(page).to_have_url(re.compile(r"[?&]palet=klassiek(&|$)"), timeout=TIMEOUT_MS)
        # The highest bar is slechter: wait until the chart has been redrawn.
        assert bars[0] == "slechter"
        expect(page.locator(bar_paths).first).to_have_css(
            "fill", KLASSIEK["slechter"], timeout=TIMEOUT_MS
        )
        assert rendered(page, bar_paths) == expected_fills(bars, KLASSIEK)
        expect(page.locator(column_paths).first).to_have_css(
            "fill", KLASSIEK[stadsdelen[0]], timeout=TIMEOUT_MS
        )
        assert rendered(page, column_paths) == expected_fills(stadsdelen, KLASSIEK)
        # The other selections stay in the URL next to the palette.
        assert "indicator=werkloosheid_p" in page.url and "niveau=buurt" in page.url
        page.screenshot(path=str(SCREENSHOTS / "vergelijking-klassiek.png"))

        # A reload (or the link sent to a colleague) keeps the classic colours.
        page.reload()
        expect(page.locator(bar_paths)).to_have_count(90, timeout=TIMEOUT_MS)
        expect(page.get_by_label("klassiek (rood/grijs/groen)")).to_be_checked()
        expect(page.locator(bar_paths).first).to_have_css(
            "fill", KLASSIEK["slechter"], timeout=TIMEOUT_MS
        )
        assert rendered(page, bar_paths) == expected_fills(bars, KLASSIEK)
        assert re.search(r"[?&]palet=klassiek(&|$)", page.url)

        # And back to the colour-blind-safe default.
        page.get_by_label("kleurenblind-veilig").check()
        expect(page).to_have_url(re.compile(r"[?&]palet=standaard(&|$)"), timeout=TIMEOUT_MS)
        expect(page.locator(bar_paths).first).to_have_css(
            "fill", STANDAARD["slechter"], timeout=TIMEOUT_MS
        )
        assert rendered(page, bar_paths) == expected_fills(bars, STANDAARD)
        assert errors == []


def test_trends_palette_colours_the_area_markers(demo_url: str) -> None:
    scorer = Scorer(Store(demo_url))
    trend = area_trend(scorer, "vsv_p", "buurt", ["O03b"])
    rows = trend.lines[trend.lines["role"] == "gebied"]
    # Plotly draws no marker for a gap year (2020): only the years with a value.
    shown = rows[rows["value"].notna()]["klasse"].tolist()
    assert set(shown) == {"rond", "slechter"}
    # band, NAP, stadsdeel, then the chosen area: its markers are the last trace's points.
    markers = "#trends-graph g.trace.scatter:last-of-type path.point"
    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{base}/trends?indicator=vsv_p&niveau=buurt&gebieden=O03b&palet=klassiek")
        page.wait_for_selector("#trends-sentences li[data-code='O03b']", timeout=TIMEOUT_MS)
        expect(page.locator(markers)).to_have_count(len(shown), timeout=TIMEOUT_MS)
        expect(page.get_by_label("klassiek (rood/grijs/groen)")).to_be_checked()
        assert fills(page, markers) == [KLASSIEK[k] for k in shown]

        page.get_by_label("kleurenblind-veilig").check()
        expect(page).to_have_url(re.compile(r"[?&]palet=standaard(&|$)"), timeout=TIMEOUT_MS)
        slechter = shown.index("slechter")
        expect(page.locator(markers).nth(slechter)).to_have_css(
            "fill", STANDAARD["slechter"], timeout=TIMEOUT_MS
        )
        assert fills(page, markers) == [STANDAARD[k] for k in shown]
        assert "gebieden=O03b" in page.url and "indicator=vsv_p" in page.url
        assert errors == []
