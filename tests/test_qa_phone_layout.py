"""QA walkthrough findings that only a browser sees (F2, F14, F16): a month in the period
dropdown, the NAP-vergelijking title and the undo question fit a phone (390×844) and a
desk (1400×900), and the page never scrolls sideways."""

from __future__ import annotations

from pathlib import Path

import pytest

from layouts.vergelijking import wrapped
from monitor import demo
from monitor.points import check_points, publish_points
from monitor.store import Store
from tests.support import SCREENSHOTS, app_server, browser_page, create_user, login

pytestmark = pytest.mark.browser
NO_TILES = {"MONITOR_TILE_URL": ""}
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1400, "height": 900}
MELDINGEN = Path(__file__).resolve().parents[1] / "data" / "voorbeeldstad-meldingen.csv"
#: Whether an element's text is cut (an ellipsis or clipped): wider than its box.
CUT = "e => e.scrollWidth > e.clientWidth + 1"


@pytest.fixture(scope="module")
def months_url(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The demo with the meldingen imported as points, so the _maand indicators exist."""
    folder = tmp_path_factory.mktemp("qa-phone")
    url = f"sqlite:///{folder / 'q.sqlite'}"
    store = Store(url)
    store.upgrade()
    demo.install(store, data_dir=folder / "data")
    publish_points(store, check_points(store, MELDINGEN, "meldingen"), uploader="bea")
    assert 202409 in store.periods(store.division_id(), "meldingen_per_1000_maand")
    store.engine.dispose()
    create_user(url, "bea", "beheerder")
    return url, folder / "data"


def test_wrapped_title_lines() -> None:
    text = "Verschil met het NAP in procentpunt (Geregistreerde werkloosheid (%))"
    lines = wrapped(text).split("<br>")
    assert lines == ["Verschil met het NAP in procentpunt", "(Geregistreerde werkloosheid (%))"]
    assert wrapped("R&D <b>") == "R&amp;D &lt;b&gt;"  # still plain text per line


def test_month_title_and_undo_fit(months_url: tuple[str, Path]) -> None:
    url, data = months_url
    SCREENSHOTS.mkdir(exist_ok=True)
    env = {**NO_TILES, "MONITOR_DATA_DIR": str(data)}
    with app_server(url, env) as base, browser_page() as page:
        refused: list[str] = []  # a callback without an access mark is refused (403)
        page.on(
            "response", lambda r: refused.append(f"{r.status} {r.url}") if r.status >= 400 else None
        )
        for name, size in (("phone", PHONE), ("desk", DESK)):
            page.set_viewport_size(size)
            # F2: "september 2024" whole in the Kaart's and the Tabel's period dropdown.
            for path, box in (("/", "#kaart-period"), ("/tabel", "#period")):
                page.goto(f"{base}{path}?indicator=meldingen_per_1000_maand&jaar=202409")
                page.wait_for_selector(f"{box} .dash-dropdown-value >> text=2024")
                page.wait_for_load_state("networkidle")
                value = page.locator(f"{box} .dash-dropdown-value")
                text = value.inner_text()
                assert "2024" in text and "…" not in text
                assert not value.evaluate(CUT), (name, path, text)
                assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
            assert page.inner_text("#period-label") == "Periode"  # F13 in the browser
            # F14: the bar chart's title is inside the window.
            page.goto(f"{base}/vergelijking?indicator=werkloosheid_p&jaar=2024&niveau=buurt")
            page.wait_for_selector("#vergelijking-bars .xtitle")
            page.wait_for_load_state("networkidle")
            box = page.locator("#vergelijking-bars .xtitle").bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= size["width"]
            assert page.locator("#vergelijking-bars .xtitle tspan.line").count() >= 2
            page.screenshot(path=str(SCREENSHOTS / f"qa-{name}-vergelijking.png"))

        # F16: on a phone the undo question and both its buttons are on the screen.
        page.set_viewport_size(PHONE)
        login(page, base, "bea")
        page.goto(f"{base}/upload")
        page.wait_for_selector("tr[data-upload='1'] button")
        page.click("tr[data-upload='1'] button")
        page.wait_for_selector("#upload-ask")
        page.locator("#upload-ask").scroll_into_view_if_needed()
        for part in ("#upload-ask", ".upload-ask-yes", ".upload-ask-no", "#upload-ask-title"):
            box = page.locator(part).bounding_box()
            assert box is not None and box["x"] >= 0, part
            assert box["x"] + box["width"] <= PHONE["width"], part
        assert not page.locator("#upload-ask-title").evaluate(CUT)
        page.screenshot(path=str(SCREENSHOTS / "qa-phone-upload-ask.png"))
        page.click(".upload-ask-no")
        page.wait_for_selector("#upload-ask", state="detached")
    assert refused == []
