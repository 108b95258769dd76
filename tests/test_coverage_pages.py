"""A werkloosheid 2025 file for Oost's 31 buurten only, as an analist would publish it on
the Uploaden page, and what the pages then show, in headless Chromium: the preview warns,
the Kaart and Blokjeskaart open on 2024, 2025 colours nothing and says why, and the
comparison sentences count only indicators with data."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor import demo
from monitor.scoring import Scorer
from monitor.store import Store
from tests.support import SCREENSHOTS, app_server, browser_page, create_user, login
from tests.test_kaart import legend_counts

pytestmark = pytest.mark.browser
NO_TILES = {"MONITOR_TILE_URL": ""}


@pytest.fixture
def demo_store(tmp_path: Path) -> tuple[str, Path]:
    url = f"sqlite:///{tmp_path / 'cov.sqlite'}"
    store = Store(url)
    store.upgrade()
    demo.install(store)
    store.engine.dispose()
    return url, tmp_path


def oost_file(url: str, folder: Path) -> Path:
    """werkloosheid_p 2025 for Oost's 31 buurten: last year's value minus 0,2."""
    store = Store(url)
    division_id = store.division_id()
    buurten = store.areas_frame(division_id, "buurt")
    oost = buurten[buurten["stadsdeel_code"] == "O"].sort_values("code")
    last = store.current_values(division_id, ["werkloosheid_p"], [2024], level="buurt")
    last = last.set_index("code")["value"]
    lines = ["gebiedcode;indicator;periode;waarde"]
    for code in oost["code"]:
        value = last.get(code, 7.5)
        value = 7.5 if value != value else value
        lines.append(f"{code};werkloosheid_p;2025;{value - 0.2:.1f}".replace(".", ","))
    store.engine.dispose()
    path = folder / "werkloosheid-2025-oost.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_partial_upload_warns_and_pages_open_on_the_last_coloured_year(
    demo_store: tuple[str, Path],
) -> None:
    url, tmp = demo_store
    SCREENSHOTS.mkdir(exist_ok=True)
    path = oost_file(url, tmp)
    create_user(url, "anna", "analist")
    env = {"MONITOR_DATA_DIR": str(tmp / "data"), **NO_TILES}
    with app_server(url, env) as base, browser_page() as page:
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        login(page, base, "anna")

        # The preview warns, in Dutch, before publishing; publishing stays allowed.
        page.goto(f"{base}/upload")
        page.set_input_files("#upload-file input[type=file]", str(path))
        page.wait_for_selector("#upload-coverage")
        warning = page.inner_text("#upload-coverage")
        assert "Let op: onvolledige jaren" in warning
        assert "een rij met gebiedcode STAD" in warning
        assert (
            "werkloosheid_p, 2025: 31 van 90 buurten; zonder stadswaarde krijgt dit jaar "
            "geen kleuren" in warning
        )
        page.screenshot(path=str(SCREENSHOTS / "coverage-upload.png"), full_page=True)
        page.click("#upload-publish")
        page.wait_for_selector("#upload-published")
        assert Store(url).periods(Store(url).division_id(), "werkloosheid_p")[-1] == 2025

        # The Kaart opens on 2024, the latest year with colours, not on 2025.
        page.goto(f"{base}/?indicator=werkloosheid_p&niveau=buurt")
        page.wait_for_selector("#kaart-legend .legend-item")
        page.wait_for_function("document.querySelectorAll('path.leaflet-interactive').length == 90")
        assert "2024" in page.inner_text("#kaart-period")
        page.wait_for_function("location.search.includes('jaar=2024')")
        expected = Scorer(Store(url)).score("werkloosheid_p", 2024, "buurt")
        assert legend_counts(page) == {
            k: int(v) for k, v in expected["klasse"].value_counts().items()
        }
        page.wait_for_timeout(2500)  # the map flies to its bounds first
        page.screenshot(path=str(SCREENSHOTS / "coverage-kaart-2024.png"))

        # 2025 stays selectable: no colours, and the NAP line says why.
        page.goto(f"{base}/?indicator=werkloosheid_p&niveau=buurt&jaar=2025")
        page.wait_for_selector("#kaart-nap .waarschuwing")
        nap = page.inner_text("#kaart-nap")
        assert "NAP 2025: niet bepaald, onvolledig: 31 van 90 buurten; geen stadswaarde" in nap
        assert "7,9" not in nap and "gemiddelde van Voorbeeldstad" not in nap
        # Grey, all 90; the 31 with a value are counted apart (it said "geen gegevens: 90").
        page.wait_for_function(
            "document.querySelectorAll('#kaart-legend .legend-item').length == 2"
        )
        assert legend_counts(page) == {"geen_gegevens": 90}
        valued = page.inner_text("#kaart-legend .legend-item[data-waarde='bekend']")
        assert valued == "waarde bekend, geen klasse (zie de uitleg per gebied): 31"
        page.wait_for_timeout(2500)
        page.screenshot(path=str(SCREENSHOTS / "coverage-kaart-2025.png"))
        page.set_viewport_size({"width": 390, "height": 844})
        page.reload()
        page.wait_for_selector("#kaart-nap .waarschuwing")
        page.wait_for_timeout(2500)
        page.screenshot(path=str(SCREENSHOTS / "coverage-kaart-2025-phone.png"), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})

        # The Blokjeskaart (a set of 18) opens on 2024 too.
        page.goto(f"{base}/blokjes")
        page.wait_for_selector("#blokjes-period")
        page.wait_for_function(
            "document.querySelector('#blokjes-period').innerText.includes('2024')"
        )

        # NAP-vergelijking in 2025: the sentences count indicators with data and say how
        # many had none; the bars say why there is no NAP.
        page.goto(f"{base}/vergelijking?indicator=werkloosheid_p&jaar=2025&niveau=buurt")
        page.wait_for_selector("#vergelijking-counts tr[data-code]", timeout=60_000)
        page.wait_for_selector("#vergelijking-nap .waarschuwing")
        sentence = page.locator("#vergelijking-counts tr[data-code='O01a'] td.sentence")
        text = sentence.inner_text()
        assert "indicatoren met gegevens slechter" in text and "zonder gegevens)" in text
        page.screenshot(path=str(SCREENSHOTS / "coverage-vergelijking-2025.png"), full_page=True)
        assert errors == []
