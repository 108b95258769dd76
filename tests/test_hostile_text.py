"""Issue 6: what users typed is shown as text on every page, tooltip and export.

One demo buurt is renamed to an HTML payload and gets a note with a script; a second
buurt's name starts with ``=``. The browser runs with the CSP bypassed, so an injection
could not hide behind the policy: any dialog, any ``<img src=x>`` element or any link
from a name would show up here.
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from monitor import agenda, demo
from monitor.store import Store, areas
from tests.support import SCREENSHOTS, app_server, browser_page, create_user, login

pytestmark = pytest.mark.browser

NAME = "<img src=x onerror=alert(1)>"
NOTE = "<script>alert(1)</script> bij de schouw"
FORMULA = '=HYPERLINK("http://x";"klik")'
NO_TILES = {"MONITOR_TILE_URL": ""}


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'h.sqlite'}"
    store = Store(url)
    store.upgrade()
    demo.install(store)
    with store.begin() as conn:
        conn.execute(sa.update(areas).where(areas.c.code == "O01a").values(name=NAME))
        conn.execute(sa.update(areas).where(areas.c.code == "O01b").values(name=FORMULA))
    agenda.add_note(
        store,
        store.division_id(),
        code="O01a",
        text=NOTE,
        author_role="bewoner",
        source_type="schouw",
        date="2024-05-01",
        actor="test",
    )
    store.engine.dispose()
    create_user(url, "ana", "analist")
    return url


def test_hostile_names_and_notes_stay_text_everywhere(hostile_url: str, tmp_path: Path) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    with app_server(hostile_url, NO_TILES) as base, browser_page() as page:
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.set_default_timeout(90_000)
        login(page, base, "ana")

        def injected() -> int:
            """Elements a payload would have created."""
            return page.evaluate(
                'document.querySelectorAll(\'img[src="x"], main script, main a[href^="http://x"]\')'
                ".length"
            )

        def visit(path: str, ready: str) -> str:
            page.goto(f"{base}{path}")
            page.wait_for_selector(ready)
            page.wait_for_timeout(500)
            assert injected() == 0, path
            return page.inner_text("main")

        # Kaart: the area's accessible name and its tooltip on hover.
        visit("/?indicator=werkloosheid_p&jaar=2024&niveau=buurt", "#kaart-legend .legend-item")
        area = page.locator("path.leaflet-interactive[aria-label*='onerror']")
        assert area.count() == 1
        assert NAME in area.get_attribute("aria-label")
        area.focus()  # focus shows the same tooltip as hover
        page.wait_for_selector(".kaart-tip")
        tip = page.inner_text(".kaart-tip")
        store = Store(hostile_url)
        told = agenda.notes_count(store, store.division_id(), "buurt")["O01a"]
        assert NAME in tip and f"Verhalen: {told}" in tip and told >= 1

        assert NAME in visit("/tabel?indicator=werkloosheid_p&jaar=2024&niveau=buurt", "table")
        profile = visit("/profiel?gebied=O01a", "#profiel-title")
        assert NAME in profile and NOTE in profile
        trends = visit(
            "/trends?indicator=werkloosheid_p&niveau=buurt&gebieden=O01a", "#trends-sentences"
        )
        assert NAME in trends
        page.wait_for_selector("#trends-graph .legend")
        legend = page.locator("#trends-graph .legend text.legendtext").all_text_contents()
        assert any(NAME in entry for entry in legend), legend
        visit(
            "/vergelijking?indicator=werkloosheid_p&jaar=2024&niveau=buurt",
            "#vergelijking-bars .main-svg",
        )
        ticks = page.locator("#vergelijking-bars .ytick text").all_text_contents()
        assert any(NAME in tick for tick in ticks), ticks
        visit("/blokjes?jaar=2024&niveau=buurt", "#blokjes-info")
        page.wait_for_selector("[role=grid][aria-label*='onerror']")
        block = page.locator("[role=grid][aria-label*='onerror']")
        assert block.get_attribute("aria-label") == f"{NAME} (O01a)"
        agenda_text = visit("/agenda?gebied=O01a", "#agenda-notes")
        assert NAME in agenda_text and NOTE in agenda_text

        # Buurtbegroting: on the page and in both downloads.
        table = visit("/begroting?jaar=2024&niveau=buurt", "#begroting-table table")
        assert NAME in table and FORMULA in table
        with page.expect_download() as csv_download:
            page.click("#begroting-csv")
        csv_text = Path(csv_download.value.path()).read_text(encoding="utf-8-sig")
        assert NAME in csv_text
        assert f"'{FORMULA}" in csv_text.replace('""', '"')  # a formula opens as text
        with page.expect_download() as xlsx_download:
            page.click("#begroting-xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(Path(xlsx_download.value.path()).read_bytes()))
        cells = [c for row in sheet.worksheets[0].iter_rows() for c in row if c.value]
        names = {c.value for c in cells if isinstance(c.value, str)}
        assert NAME in names and f"'{FORMULA}" in names
        assert all(c.data_type != "f" for c in cells)  # no cell is a formula

        # The gebiedsanalyse PDF.
        response = page.request.get(f"{base}/gebiedsanalyse/O01a.pdf")
        assert response.ok
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
        assert NAME in text and "<script>alert(1)</script>" in text

        page.screenshot(path=str(SCREENSHOTS / "hostile-begroting.png"))
        assert dialogs == []
