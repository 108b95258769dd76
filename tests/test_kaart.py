"""Kaart and buurtprofiel in headless Chromium, without a basemap."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from monitor.agenda import notes_count
from monitor.scoring import Scorer
from monitor.store import Store
from tests.support import SCREENSHOTS, app_server, browser_page, demo_database

pytestmark = pytest.mark.browser
NO_TILES = {"MONITOR_TILE_URL": ""}


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return demo_database(tmp_path_factory.mktemp("kaart"))


def legend_counts(page) -> dict[str, int]:
    """Areas per class as the legend counts them (grey areas with and without a value
    are two lines of one class)."""
    items = page.locator("#kaart-legend .legend-item")
    counts: dict[str, int] = {}
    for i in range(items.count()):
        klasse = items.nth(i).get_attribute("data-klasse")
        counts[klasse] = counts.get(klasse, 0) + int(items.nth(i).inner_text().rsplit(":", 1)[1])
    return counts


def inside_point(page, target) -> tuple[float, float]:
    """A screen point whose topmost element is ``target`` (a bbox centre may not be).

    Waits until the map has stopped moving (flyToBounds animates the first seconds).
    """
    box = target.bounding_box()
    for _ in range(40):
        page.wait_for_timeout(250)
        again = target.bounding_box()
        if again == box:
            break
        box = again
    handle = target.element_handle()
    for fx, fy in ((0.5, 0.5), (0.4, 0.5), (0.6, 0.5), (0.5, 0.4), (0.5, 0.6), (0.3, 0.3)):
        x, y = box["x"] + fx * box["width"], box["y"] + fy * box["height"]
        if page.evaluate("([el, x, y]) => document.elementFromPoint(x, y) === el", [handle, x, y]):
            return x, y
    raise AssertionError("no point inside the area")


def expected_counts(url: str, indicator: str, period: int, level: str) -> dict[str, int]:
    frame = Scorer(Store(url)).score(indicator, period, level)
    return {k: int(v) for k, v in frame["klasse"].value_counts().items()}


def test_kaart_switch_hover_click_permalink(demo_url: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{base}/?indicator=werkloosheid_p&jaar=2024&niveau=buurt")
        page.wait_for_selector("#kaart-legend .legend-item")
        page.wait_for_function("document.querySelectorAll('path.leaflet-interactive').length == 90")
        assert legend_counts(page) == expected_counts(demo_url, "werkloosheid_p", 2024, "buurt")
        page.screenshot(path=str(SCREENSHOTS / "kaart-buurt.png"))

        # Switching the indicator sends no geometry, only a small hideout.
        responses: list[bytes] = []
        page.on(
            "response",
            lambda r: responses.append(r.body()) if "_dash-update-component" in r.url else None,
        )
        page.click("#kaart-indicator")
        page.get_by_text("Werk en inkomen · Bijstand (%)", exact=True).click()
        page.wait_for_function("window.location.search.includes('bijstand_p')")
        page.wait_for_function("document.querySelector('#kaart-nap').innerText.includes('5,5%')")
        assert legend_counts(page) == expected_counts(demo_url, "bijstand_p", 2024, "buurt")
        assert responses and all(b"coordinates" not in body for body in responses)
        assert max(len(body) for body in responses) < 30_000

        # Hover: the tooltip names the area and its value, NAP and class.
        target = page.locator("path.leaflet-interactive").nth(20)
        x, y = inside_point(page, target)
        page.mouse.move(5, 5)
        page.mouse.move(x, y, steps=8)
        # Leaflet fades out the tooltips of areas crossed on the way; read the last one.
        page.wait_for_function("document.querySelectorAll('.kaart-tip').length === 1")
        tip = page.inner_text(".kaart-tip")
        assert "NAP: 5,5%" in tip and "Waarde:" in tip
        code = tip.split("(", 1)[1].split(")", 1)[0]
        store = Store(demo_url)
        told = notes_count(store, store.division_id(), "buurt")[code]
        assert (f"Verhalen: {told}" in tip) == (told > 0), tip

        # Click opens the profile of that area.
        page.mouse.click(x, y)
        page.wait_for_selector("#profiel-title")
        assert f"({code})" in page.inner_text("#profiel-title")
        assert "Stadsdeel" in page.inner_text("#profiel-chain")
        assert page.locator("tr[data-indicator]").count() == 18
        assert "upload 1: voorbeeldstad-meetingen.csv" in page.inner_text(".profiel-page")
        page.wait_for_selector(".sparkline .main-svg")
        page.screenshot(path=str(SCREENSHOTS / "profiel.png"), full_page=True)

        # Back returns to the map with the last selection.
        page.go_back()
        page.wait_for_selector("#kaart-legend .legend-item")
        assert "bijstand_p" in page.url
        page.wait_for_function("document.querySelector('#kaart-nap').innerText.includes('5,5%')")
        assert errors == []


def test_kaart_level_and_palette_from_permalink(demo_url: str) -> None:
    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        page.goto(f"{base}/?indicator=veiligheid_i&jaar=2022&niveau=wijk&palet=klassiek&lang=en")
        page.wait_for_selector("#kaart-legend .legend-item")
        page.wait_for_function("document.querySelectorAll('path.leaflet-interactive').length == 20")
        assert legend_counts(page) == expected_counts(demo_url, "veiligheid_i", 2022, "wijk")
        assert "average of Voorbeeldstad" in page.inner_text("#kaart-legend")
        swatch = page.locator("#kaart-legend .legend-item[data-klasse='rond'] .swatch")
        assert "rgb(189, 189, 189)" in swatch.get_attribute("style") or "#bdbdbd" in (
            swatch.get_attribute("style") or ""
        )
        page.screenshot(path=str(SCREENSHOTS / "kaart-wijk-klassiek-en.png"))


def test_profile_of_unknown_area(demo_url: str, tmp_path: Path) -> None:
    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        page.goto(f"{base}/profiel?gebied=XX99")
        page.wait_for_selector("#profiel-error")
        assert "XX99" in page.inner_text("#profiel-error")


def test_hideout_counts_the_verhalen_of_each_area(demo_url: str) -> None:
    """The tooltip's "Verhalen: N" is the agenda's count, for buurten and their stadsdeel."""
    from layouts.kaart import restyle

    store = Store(demo_url)
    division_id = store.division_id()
    for level in ("buurt", "stadsdeel"):
        expected = notes_count(store, division_id, level)
        assert sum(expected.values()) > 0, level  # the demo has verhalen in Oost
        data, _, _ = restyle(store, "werkloosheid_p", 2024, level, None, "standaard", "nl")
        assert {code: entry[4] for code, entry in data["areas"].items()} == expected
        assert data["labels"]["notes"] == "Verhalen"


def test_zoom_from_a_permalink_survives_a_reload(demo_url: str) -> None:
    """``?zoom=O`` used to be dropped: the zoom list was filled by a callback after the
    URL had been applied, and the empty dropdown wrote itself back into the URL."""
    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        page.goto(f"{base}/?indicator=werkloosheid_p&jaar=2024&niveau=buurt&zoom=O")
        for reload in (False, True):  # the link as opened, then reloaded
            if reload:
                page.reload()
            page.wait_for_selector("#kaart-legend .legend-item")
            page.wait_for_function("document.querySelectorAll('path.leaflet-interactive').length")
            page.wait_for_load_state("networkidle")  # every callback of the first render ran
            assert "Oost (O)" in page.inner_text("#kaart-zoom")
            assert "zoom=O" in page.url
        page.screenshot(path=str(SCREENSHOTS / "kaart-zoom-oost.png"))


# -- how the map looks: hatching, tooltips, dropdowns over the map, the navigation ---------

#: An indicator and year with areas in every state, *geen gegevens* included.
LOOKS = "indicator=eenouder_p&jaar=2024&niveau=buurt"


def settle(page, target) -> None:
    """Wait until ``target`` stops moving (flyToBounds animates the first seconds)."""
    box = target.bounding_box()
    for _ in range(40):
        page.wait_for_timeout(250)
        again = target.bounding_box()
        if again == box:
            return
        box = again


def test_no_data_areas_are_hatched_like_the_legend(demo_url: str) -> None:
    """*Geen gegevens* is hatched in the legend, so on the map too (it was plain white):
    those areas are filled with an SVG pattern of diagonal lines, the others with their
    class colour."""
    expected = expected_counts(demo_url, "eenouder_p", 2024, "buurt")
    assert expected.get("geen_gegevens", 0) > 0
    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        page.goto(f"{base}/?{LOOKS}")
        page.wait_for_selector("#kaart-legend .legend-item")
        page.wait_for_function("document.querySelectorAll('path.leaflet-interactive').length == 90")
        fills = page.eval_on_selector_all(
            "#kaart-map path.leaflet-interactive", "ps => ps.map(p => p.getAttribute('fill'))"
        )
        hatched = [f for f in fills if f.startswith("url(#")]
        assert len(hatched) == expected["geen_gegevens"]
        assert all(f.startswith("#") for f in fills if f not in hatched)
        # The pattern exists (an SVG that is display:none would not paint it) and has lines.
        pattern = page.evaluate(
            """id => { const p = document.getElementById(id);
                       return p && [p.tagName, p.querySelectorAll('line').length,
                                    getComputedStyle(p.ownerSVGElement).display]; }""",
            hatched[0][5:-1],
        )
        assert pattern == ["pattern", 1, "block"]
        # On screen: the area shows white and grey pixels, not white alone.
        target = page.locator("#kaart-map path[fill^='url(#']").first
        settle(page, target)
        shot = Image.open(io.BytesIO(target.screenshot())).convert("L")
        darkest, lightest = shot.getextrema()
        assert lightest >= 250 and darkest <= 200, (darkest, lightest)
        page.screenshot(path=str(SCREENSHOTS / "kaart-hatched.png"))


def test_map_tooltip_is_opaque(demo_url: str) -> None:
    """The colours under a tooltip do not shine through its words (Leaflet's default
    opacity is 0.9)."""
    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        page.goto(f"{base}/?{LOOKS}")
        page.wait_for_function("document.querySelectorAll('path.leaflet-interactive').length == 90")
        x, y = inside_point(page, page.locator("path.leaflet-interactive").nth(30))
        page.mouse.move(5, 5)
        page.mouse.move(x, y, steps=8)
        page.wait_for_function("document.querySelectorAll('.kaart-tip').length === 1")
        page.wait_for_timeout(400)  # Leaflet fades a tooltip in
        style = page.eval_on_selector(
            ".kaart-tip", "t => [getComputedStyle(t).opacity, getComputedStyle(t).backgroundColor]"
        )
        assert style == ["1", "rgb(255, 255, 255)"]


@pytest.mark.parametrize(
    "path,dropdown",
    [
        (f"/?{LOOKS}", "#kaart-referentie"),
        ("/blokjes?niveau=wijk&jaar=2024", "#blokjes-indicators"),
    ],
)
def test_open_dropdown_covers_the_zoom_buttons(demo_url: str, path: str, dropdown: str) -> None:
    """A dropdown just above the map (the Kaart's "Vergelijk met") opens over the map's
    top-left corner: its options are in front of the zoom buttons (the buttons used to
    cover them)."""
    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        page.set_viewport_size({"width": 1400, "height": 900})
        page.goto(f"{base}{path}")
        zoom = page.locator(".leaflet-control-zoom")
        zoom.wait_for()
        page.wait_for_selector(".leaflet-interactive, .blok")
        page.click(dropdown)
        menu = page.locator(".dash-dropdown-content")
        menu.wait_for()
        page.wait_for_timeout(300)
        box, button = menu.bounding_box(), zoom.bounding_box()
        x, y = button["x"] + button["width"] / 2, button["y"] + button["height"] / 4
        # The menu does reach over the buttons (else this test would prove nothing) ...
        assert box["x"] <= x <= box["x"] + box["width"]
        assert box["y"] <= y <= box["y"] + box["height"]
        # ... and it is the menu, not a zoom button, that a click there would hit.
        on_top = page.evaluate(
            "([x, y]) => Boolean(document.elementFromPoint(x, y)"
            ".closest('.dash-dropdown-content'))",
            [x, y],
        )
        page.screenshot(path=str(SCREENSHOTS / f"dropdown-over-map-{dropdown[1:]}.png"))
        assert on_top


@pytest.mark.parametrize("width,height", [(1400, 900), (1024, 768), (390, 844)])
def test_navigation_labels_stay_whole(demo_url: str, width: int, height: int) -> None:
    """No navigation label breaks over two lines ("NAP-" above "vergelijking"), on a wide
    screen or a phone; and on a phone the page does not scroll sideways."""
    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        page.set_viewport_size({"width": width, "height": height})
        for path in ("/", "/blokjes"):
            page.goto(f"{base}{path}?{LOOKS}")
            page.wait_for_selector(".header nav a")
            page.wait_for_selector(".leaflet-container")
            lines = page.eval_on_selector_all(
                ".header nav a",
                """links => links.map(a => {
                    const range = document.createRange();
                    range.selectNodeContents(a);
                    // One rectangle per line the text takes (the same top: one line).
                    const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                    return [a.innerText, tops.size];
                })""",
            )
            assert "NAP-vergelijking" in dict(lines)
            assert all(n == 1 for _, n in lines), lines
            assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(SCREENSHOTS / f"nav-{width}.png"))
