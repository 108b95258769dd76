"""Accessibility checked by a tool (issue 14): axe-core (bundled by axe-playwright-python)
in Chromium on every page of the demo, desktop and phone, logged out and as a beheerder:
no serious or critical violations, and the page's language is set."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from monitor import demo
from monitor.store import Store
from tests.support import app_server, browser_page, create_user, login

pytestmark = pytest.mark.browser
NO_TILES = {"MONITOR_TILE_URL": ""}
BLOCKING = ("serious", "critical")
#: Each page and what shows that it has been drawn.
PUBLIC = {
    "/login": "#login-submit",
    "/?lang=en": "#kaart-map .leaflet-interactive",
    "/": "#kaart-map .leaflet-interactive",
    "/tabel": "table#scores tr:nth-child(2)",
    "/profiel?gebied=N01a": "table.profiel",
    "/trends": "#trends-graph .scatterlayer",
    "/vergelijking": "#vergelijking-counts",
    "/vergelijken?gebieden=N01a,N01b": "table",
    "/blokjes": ".blok",
    "/begroting": "table.begroting tbody tr",
    "/aandacht?filter=werkloosheid_p:slechter": "#aandacht-cross-table",
    "/wijktypen": "#wijktypen-legend .legend-item",
    "/agenda": "table.agenda-actions",
    "/signalen": "#signalen-list .signal-chart .main-svg",
    "/upload": "#upload-history-table",
}
SIGNED_IN = {"/upload": "#upload-history-table", "/beheer": "#beheer-remove-confirm"}


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('a11y') / 'a.sqlite'}"
    store = Store(url)
    store.upgrade()
    demo.install(store)
    store.engine.dispose()
    create_user(url, "beheer1", "beheerder")
    return url


def problems(page: object, axe: Axe) -> list[str]:
    found = axe.run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}"
        for v in found
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("size", [(1400, 900), (390, 844)], ids=["desktop", "phone"])
def test_no_serious_violations_on_any_page(demo_url: str, size: tuple[int, int]) -> None:
    axe = Axe()
    report: dict[str, list[str]] = {}
    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        page.set_viewport_size({"width": size[0], "height": size[1]})
        for pages, signed_in in ((PUBLIC, False), (SIGNED_IN, True)):
            if signed_in:
                login(page, base, "beheer1")
            for path, drawn in pages.items():
                page.goto(f"{base}{path}")
                page.wait_for_selector(drawn, state="attached", timeout=90_000)
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(200)  # the markup repairs run on the next frame
                expected = "en" if "lang=en" in path else "nl"
                assert page.evaluate("document.documentElement.lang") == expected, path
                report[f"{path} ({'beheerder' if signed_in else 'public'})"] = problems(page, axe)
    assert {page: found for page, found in report.items() if found} == {}
