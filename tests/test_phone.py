"""Every page on a phone (390×844, issue 14): the page itself never scrolls sideways (a
wide table scrolls inside its own box), and the Kaart's map is a map, not a strip."""

from __future__ import annotations

import pytest

from tests.support import SCREENSHOTS, app_server, browser_page, demo_database

pytestmark = pytest.mark.browser
NO_TILES = {"MONITOR_TILE_URL": ""}
PHONE = {"width": 390, "height": 844}
#: Each page and what shows that its widest part has been drawn (the tables that were
#: wider than the phone before, see the commit of this test).
PAGES = {
    "/": "#kaart-map .leaflet-interactive",
    "/tabel": "table#scores tr:nth-child(2)",
    "/profiel?gebied=N01a": "table.profiel",
    "/trends": "#trends-graph .scatterlayer",
    "/vergelijking": "#vergelijking-counts",
    "/vergelijken?gebieden=N01a,N01b": "table#vergelijken-grid",
    "/blokjes": ".blok",
    "/begroting": "table.begroting tbody tr",
    "/aandacht?filter=werkloosheid_p:slechter": "#aandacht-cross-table",
    "/wijktypen": "#wijktypen-legend .legend-item",
    "/agenda": "table.agenda-actions",
    "/upload": "#upload-history-table",
}


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return demo_database(tmp_path_factory.mktemp("phone"))


def test_pages_fit_a_phone(demo_url: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    widths: dict[str, int] = {}
    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        page.set_viewport_size(PHONE)
        for path, drawn in PAGES.items():
            page.goto(f"{base}{path}")
            page.wait_for_selector(drawn, state="attached")
            page.wait_for_load_state("networkidle")
            widths[path] = page.evaluate("document.documentElement.scrollWidth")
            if path == "/":
                map_height = page.evaluate(
                    "document.querySelector('#kaart-map').getBoundingClientRect().height"
                )
                page.screenshot(path=str(SCREENSHOTS / "phone-kaart.png"))
    assert {p: w for p, w in widths.items() if w > PHONE["width"] + 1} == {}
    assert map_height >= 300
