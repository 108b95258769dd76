"""The Kaart's point layers in Chromium: their toggles kept in the URL (a shared or
reloaded link shows the same points), and beside the map where one sees them; on a phone
no sideways scrolling, and zoom buttons a finger can hit."""

from __future__ import annotations

import pandas as pd
import pytest

from monitor import demo
from monitor.config import PROJECT_ROOT
from monitor.store import Store
from tests.support import SCREENSHOTS, app_server, browser_page

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}
KAART = "/?indicator=werkloosheid_p&jaar=2024&niveau=buurt"


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("kaartpunten")
    url = f"sqlite:///{folder / 'kp.sqlite'}"
    store = Store(url)
    store.upgrade()
    demo.install(store, data_dir=folder / "data")
    store.engine.dispose()
    return url


def _meldingen(categories: list[str], start: str, end: str) -> int:
    frame = pd.read_csv(PROJECT_ROOT / demo.MELDINGEN_FILE, sep=";")
    month = frame["datum"].str[:7]
    return int((frame["categorie"].isin(categories) & month.between(start, end)).sum())


def test_the_point_toggles_live_in_the_url(demo_url: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    both = _meldingen(["afval", "verkeer"], "2024-11", "2024-12")
    verkeer = _meldingen(["verkeer"], "2024-11", "2024-12")
    with app_server(demo_url, {"MONITOR_TILE_URL": ""}) as base, browser_page() as page:
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.set_viewport_size(DESKTOP)
        # A link someone shared: the same categories and months come back on.
        page.goto(
            f"{base}{KAART}&meldingen=afval,verkeer&meldingen_van=2024-11&meldingen_tot=2024-12"
        )
        page.wait_for_selector("#kaart-legend .legend-item")
        page.wait_for_function(
            "document.querySelector('#kaart-punten-shown')"
            f"?.textContent.includes('{both} meldingen')"
        )
        checked = page.locator("#kaart-punten-meldingen-categories input:checked")
        assert sorted(checked.evaluate_all("els => els.map(e => e.value)")) == ["afval", "verkeer"]
        page.wait_for_selector(".punten-cluster-meldingen, path.punt-meldingen")  # drawn
        # A change goes into the URL; a reload keeps it.
        page.uncheck("#kaart-punten-meldingen-categories input[value=afval]")
        page.wait_for_function("!window.location.search.includes('afval')")
        assert "meldingen=verkeer" in page.evaluate("window.location.search")
        assert "meldingen_van=2024-11" in page.evaluate("window.location.search")
        page.reload()
        page.wait_for_function(
            "document.querySelector('#kaart-punten-shown')"
            f"?.textContent.includes('{verkeer} meldingen')"
        )
        assert page.is_checked("#kaart-punten-meldingen-categories input[value=verkeer]")
        assert not page.is_checked("#kaart-punten-meldingen-categories input[value=afval]")
        page.screenshot(path=str(SCREENSHOTS / "kaart-punten-url.png"))
        assert errors == []


def _box(page, selector: str) -> dict[str, float]:
    return page.locator(selector).first.bounding_box()


def test_the_point_controls_sit_beside_the_map(demo_url: str) -> None:
    with app_server(demo_url, {"MONITOR_TILE_URL": ""}) as base, browser_page() as page:
        page.set_viewport_size(DESKTOP)
        page.goto(f"{base}{KAART}")
        page.wait_for_selector("#kaart-legend .legend-item")
        width = page.evaluate("document.documentElement.scrollWidth")
        kaart, punten = _box(page, "#kaart-map"), _box(page, "#kaart-punten")
        heading = _box(page, "#kaart-punten h2")
        # Right of the map, its heading within the first screen (no scrolling).
        assert punten["x"] >= kaart["x"] + kaart["width"], (kaart, punten)
        assert heading["y"] + heading["height"] <= DESKTOP["height"], heading
        assert width == DESKTOP["width"]
        page.screenshot(path=str(SCREENSHOTS / "kaart-punten-beside.png"))

        page.set_viewport_size(PHONE)
        page.goto(f"{base}{KAART}&meldingen=afval")
        page.wait_for_selector(".punten-cluster-meldingen, path.punt-meldingen")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]
        for button in ("a.leaflet-control-zoom-in", "a.leaflet-control-zoom-out"):
            box = _box(page, f"#kaart-map {button}")
            assert box["width"] >= 44 and box["height"] >= 44, (button, box)
        page.screenshot(path=str(SCREENSHOTS / "kaart-punten-phone-side.png"), full_page=True)
