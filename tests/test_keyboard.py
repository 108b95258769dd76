"""Keyboard access to the maps (assets/blokjes.js, assets/kaart.js): Tab reaches the
blokjes cells and the kaart's areas, their accessible names say what the hover tooltip
says, focus shows that tooltip and a visible outline, Enter on an area opens its profile."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from monitor.blocks import block_scores, load_preset
from monitor.messages import class_label
from monitor.numbers import format_difference, format_value
from monitor.scoring import Scorer
from monitor.store import Store
from tests.support import SCREENSHOTS, app_server, browser_page, demo_database

pytestmark = pytest.mark.browser
NO_TILES = {"MONITOR_TILE_URL": ""}
TIMEOUT_MS = 90_000
#: The header, the controls and the map itself come first; a cell within this many Tabs.
MAX_TABS = 60


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return demo_database(tmp_path_factory.mktemp("keyboard"))


def tab_until(page, selector: str) -> int:
    """Press Tab until the focused element matches ``selector``; the number of presses."""
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return presses
    raise AssertionError(f"{MAX_TABS} Tabs did not reach {selector}")


def focused(page, attribute: str) -> str | None:
    return page.evaluate("a => document.activeElement.getAttribute(a)", attribute)


def test_blokjes_cells_by_keyboard(demo_url: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    scorer = Scorer(Store(demo_url))
    preset = load_preset()
    frame = block_scores(scorer, preset, 2024, "buurt")
    rows = preset.rows()
    labels = {i: scorer.indicator(i) for i in preset.indicator_ids}

    def name(code: str, position: int) -> str:
        """The cell's accessible name, from the scores (not from the page)."""
        row = frame[frame["code"] == code].iloc[position]
        ind = labels[row["indicator"]]
        value = format_value(row["value"], ind.unit, ind.decimals, "nl")  # "–": no value
        nap = format_value(row["nap"], ind.unit, ind.decimals, "nl")
        return (
            f"{row['naam']} ({code}), {ind.label('nl')}: {value} (NAP {nap}, "
            f"Jaar {int(row['jaar'])}); {class_label(row['klasse'], 'nl', 'Voorbeeldstad')}"
            # a survey value that is rond only by its uncertainty says so
            + (", rond door onzekerheid" if row["reden_code"] == "niet_significant" else "")
        )

    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        page.set_default_timeout(TIMEOUT_MS)
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{base}/blokjes?niveau=buurt&gebied=O&jaar=2024")
        expect(page.locator(".blok")).to_have_count(31, timeout=TIMEOUT_MS)
        # Every block shown: while the map still flies from the city to Oost, blocks that
        # do not fit yet are left out (and out of the tab order). Wait for it to land.
        icons = ".blok-icon"
        where = page.eval_on_selector_all(icons, "els => els.map(e => e.style.transform)")
        for _ in range(40):
            page.wait_for_timeout(300)
            now = page.eval_on_selector_all(icons, "els => els.map(e => e.style.transform)")
            if now == where:
                break
            where = now
        expect(page.locator(".blok:visible")).to_have_count(31, timeout=TIMEOUT_MS)
        # One tab stop per block, not 18.
        assert page.locator(".blok-cel[tabindex='0']").count() == 31
        assert page.locator(".blok-cel[tabindex='-1']").count() == 31 * 17

        tab_until(page, ".blok-cel")
        cell = page.locator(":focus")
        code = cell.evaluate("e => e.closest('.blok').dataset.code")
        first = page.locator(".blok").first
        assert code == first.get_attribute("data-code")  # the first block in tab order
        naam = frame.loc[frame["code"] == code, "naam"].iloc[0]
        expect(first).to_have_role("grid")
        expect(first).to_have_accessible_name(f"{naam} ({code})")
        expect(cell).to_have_role("gridcell")
        expect(cell).to_have_accessible_name(name(code, 0))
        # The hover tooltip, shown on focus.
        tip = page.locator(".blokjes-tip")
        expect(tip).to_contain_text(labels[preset.indicator_ids[rows[0][0]]].label("nl"))
        expect(tip).to_contain_text(f"{code})")
        # A visible focus outline (WCAG 2.4.7), even on a cell of a few pixels.
        outline = cell.evaluate(
            "e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth]; }"
        )
        assert outline == ["solid", "3px"]
        page.screenshot(path=str(SCREENSHOTS / "blokjes-keyboard.png"))

        # Arrows move within the block: right along the domain row, down to the next row.
        page.keyboard.press("ArrowRight")
        expect(page.locator(":focus")).to_have_accessible_name(name(code, rows[0][1]))
        expect(tip).to_contain_text(labels[preset.indicator_ids[rows[0][1]]].label("nl"))
        page.keyboard.press("ArrowDown")
        expect(page.locator(":focus")).to_have_accessible_name(name(code, rows[1][1]))
        page.keyboard.press("End")
        expect(page.locator(":focus")).to_have_accessible_name(name(code, rows[1][-1]))
        # Still one tab stop in the block: the cell last focused.
        assert first.locator(".blok-cel[tabindex='0']").count() == 1
        assert focused(page, "data-i") == str(rows[1][-1])

        # Tab goes on to the next block; Escape hides the tooltip, focus stays.
        page.keyboard.press("Tab")
        second = page.locator(".blok").nth(1).get_attribute("data-code")
        expect(page.locator(":focus")).to_have_accessible_name(name(second, 0))
        expect(page.locator(".blokjes-tip:has-text('" + second + "')")).to_have_count(1)
        page.keyboard.press("Escape")
        expect(page.locator(".blokjes-tip")).to_have_count(0)
        assert focused(page, "data-i") == "0"

        # The skip link jumps past all blocks to the legend.
        page.focus("#blokjes-skip")
        page.keyboard.press("Enter")
        expect(page.locator("#blokjes-legend")).to_be_focused()
        assert errors == []


def test_kaart_areas_by_keyboard(demo_url: str) -> None:
    scorer = Scorer(Store(demo_url))
    ind = scorer.indicator("werkloosheid_p")
    now = scorer.score("werkloosheid_p", 2024, "buurt").set_index("code")
    before = scorer.score("werkloosheid_p", 2023, "buurt").set_index("code")

    def fmt(value: float) -> str:
        return format_value(value, ind.unit, ind.decimals, "nl")

    def name(code: str) -> str:
        """The area's accessible name, from the scores (an area with a value)."""
        row = now.loc[code]
        assert row["klasse"] != "geen_gegevens"
        diff = row["value"] - before.loc[code, "value"]
        parts = [
            f"{row['naam']} ({code})",
            f"Waarde: {fmt(row['value'])}",
            f"NAP: {fmt(row['nap'])}",
            class_label(row["klasse"], "nl", "Voorbeeldstad"),
            f"verandering t.o.v. 2023: {format_difference(diff, ind.unit, ind.decimals, 'nl')}",
        ]
        return "; ".join(parts)

    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        page.set_default_timeout(TIMEOUT_MS)
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{base}/?indicator=werkloosheid_p&jaar=2024&niveau=buurt")
        page.wait_for_selector("#kaart-legend .legend-item")
        areas = page.locator("path.leaflet-interactive")
        expect(areas).to_have_count(90, timeout=TIMEOUT_MS)
        expect(page.locator("path.leaflet-interactive[tabindex='0']")).to_have_count(90)

        tab_until(page, "path.leaflet-interactive")
        area = page.locator(":focus")
        code = focused(page, "data-code")
        assert code == areas.first.get_attribute("data-code")
        expect(area).to_have_role("link")
        expect(area).to_have_accessible_name(name(code))
        tip = page.locator(".kaart-tip")
        expect(tip).to_contain_text(f"({code})")
        expect(tip).to_contain_text("NAP: 6,7%")
        # A visible focus outline: a black stroke on the area and a ring drawn on top.
        stroke = area.evaluate(
            "e => { const s = getComputedStyle(e); return [s.stroke, s.strokeWidth]; }"
        )
        assert stroke == ["rgb(0, 0, 0)", "4px"]
        expect(page.locator(".kaart path.focus-ring")).to_have_count(2)  # white under black

        # The next area, then Enter opens the profile of the focused area (as a click).
        page.keyboard.press("Tab")
        code = focused(page, "data-code")
        assert code == areas.nth(1).get_attribute("data-code")
        expect(page.locator(":focus")).to_have_accessible_name(name(code))
        expect(page.locator(".kaart path.focus-ring")).to_have_count(2)  # moved, not added
        page.keyboard.press("Enter")
        page.wait_for_selector("#profiel-title")
        assert f"({code})" in page.inner_text("#profiel-title")
        assert errors == []


def test_skip_links_on_the_kaart(demo_url: str) -> None:
    """Tab from the top reaches "Naar de inhoud" first (hidden until focused); Enter moves
    the focus to the page's main content. "Sla de kaart over" jumps past all areas."""
    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        page.set_default_timeout(TIMEOUT_MS)
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{base}/?indicator=werkloosheid_p&jaar=2024&niveau=buurt")
        page.wait_for_selector("#kaart-legend .legend-item")
        expect(page.locator("path.leaflet-interactive")).to_have_count(90, timeout=TIMEOUT_MS)
        skip = page.locator(".header a.skip-link")
        assert skip.bounding_box()["width"] <= 1  # out of sight until focused

        page.keyboard.press("Tab")
        expect(skip).to_be_focused()
        expect(skip).to_have_text("Naar de inhoud")
        assert skip.bounding_box()["width"] > 20  # visible on focus
        page.keyboard.press("Enter")
        expect(page.locator("main#page")).to_be_focused()
        # The next Tab is inside the page, no longer in the header's navigation.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('main') !== null")

        # Past the controls to the map's skip link; Enter lands on the legend, and the
        # next Tab goes on after the map, not to its first area.
        tab_until(page, "main a.skip-link")
        expect(page.locator(":focus")).to_have_text("Sla de kaart over (naar de legenda)")
        page.keyboard.press("Enter")
        expect(page.locator("#kaart-legend")).to_be_focused()
        page.keyboard.press("Tab")
        assert not page.evaluate("document.activeElement.matches('path.leaflet-interactive')")
        assert errors == []


def choose(page, dropdown: str, text: str) -> None:
    page.click(f"#{dropdown}")
    options = page.locator(".dash-dropdown-options")
    options.wait_for()
    page.keyboard.type(text)
    options.get_by_text(text, exact=True).click()
    page.keyboard.press("Escape")


def test_choices_follow_to_the_next_page(demo_url: str) -> None:
    """The indicator chosen on the Kaart opens on Trends from the navigation (with the
    level, not the year: Trends has none); back on the Kaart all three are still chosen, and
    the language switch keeps them all."""
    income = "Werk en inkomen · Gemiddeld besteedbaar huishoudinkomen"
    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        page.set_default_timeout(TIMEOUT_MS)
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{base}/?jaar=2023&niveau=wijk")
        page.wait_for_selector("#kaart-legend .legend-item")
        choose(page, "kaart-indicator", income)
        page.wait_for_function("window.location.search.includes('indicator=inkomen_gem')")

        page.locator(".header nav").get_by_role("link", name="Trends", exact=True).click()
        page.wait_for_selector("#trends-indicator")
        assert page.url.startswith(f"{base}/trends?")
        assert "indicator=inkomen_gem" in page.url and "niveau=wijk" in page.url
        assert "jaar=" not in page.url  # Trends has no year
        expect(page.locator("#trends-indicator")).to_contain_text(income)
        expect(page.locator("#trends-level")).to_contain_text("Wijk")

        page.locator(".header nav").get_by_role("link", name="Kaart", exact=True).click()
        page.wait_for_selector("#kaart-legend .legend-item")
        expect(page.locator("#kaart-indicator")).to_contain_text(income)
        assert "indicator=inkomen_gem" in page.url and "niveau=wijk" in page.url
        assert "jaar=2023" in page.url  # remembered past Trends
        expect(page.locator("#kaart-period")).to_contain_text("2023")

        page.locator("#language-switch").click()
        page.wait_for_selector("#kaart-legend .legend-item")
        assert "lang=en" in page.url and "indicator=inkomen_gem" in page.url
        expect(page.locator("#kaart-indicator")).to_contain_text("Average disposable")
        assert errors == []
