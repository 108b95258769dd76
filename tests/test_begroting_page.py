"""The Buurtbegroting page with its budget columns, and a budget upload through the app,
in headless Chromium on the demo city."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from playwright.sync_api import expect

from monitor import budget, demo
from monitor.numbers import format_value
from monitor.store import Store
from tests.support import SCREENSHOTS, app_server, browser_page, create_user, login
from tests.test_budget import BAD, BAD_LINES, DEMO_LINES, GOOD, _independent_sums, _sums

pytestmark = pytest.mark.browser
NO_TILES = {"MONITOR_TILE_URL": ""}
TIMEOUT_MS = 90_000


@pytest.fixture
def demo_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'page.sqlite'}"
    store = Store(url)
    store.upgrade()
    demo.install(store, data_dir=tmp_path / "data")
    store.engine.dispose()
    return url


def _expected(store: Store, year: int) -> dict[str, tuple[float, float]]:
    """Total planned and realised per Oost buurt, wijk and the stadsdeel, computed from
    the published lines without ``monitor.budget``'s own totals."""
    lines, _ = _independent_sums(store, year)
    oost = lines[lines["stadsdeel"] == "O"]
    groups = {code: lines["code"] == code for code in oost.loc[oost["level"] == "buurt", "code"]}
    for wijk in oost["wijk"].dropna().unique():
        groups[wijk] = (lines["code"] == wijk) | (lines["wijk"] == wijk)
    groups["O"] = (lines["code"] == "O") | (lines["stadsdeel"] == "O")
    out = {}
    for code, hit in groups.items():
        sums = _sums(lines[hit]).loc[budget.TOTAL]
        out[code] = (float(sums["planned"]), float(sums["realised"]))
    return out


def _cell(row, measure: str, programme: str = "totaal"):
    return row.locator(f"td[data-programme='{programme}'][data-measure='{measure}']")


def test_oost_budget_beside_the_blocks(demo_url: str, tmp_path: Path) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    store = Store(demo_url)
    expected = _expected(store, 2024)
    people = store.current_values(store.division_id(), ["bev_totaal"], [2024], level="buurt")
    people = people.set_index("code")["value"]
    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        page.set_default_timeout(TIMEOUT_MS)
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{base}/begroting?niveau=buurt&jaar=2024")
        expect(page.locator("tr[data-code]")).to_have_count(90, timeout=TIMEOUT_MS)
        # Pick stadsdeel Oost, as a user would.
        page.click("#begroting-filter")
        page.get_by_text("Stadsdeel Oost (O)", exact=True).click()
        expect(page.locator("tr[data-code]")).to_have_count(31, timeout=TIMEOUT_MS)
        assert "gebied=O" in page.url
        assert "Begroting 2024 (€ per inwoner)" in page.inner_text("th.budget-head")
        rows = page.locator("tr[data-code]")
        # Every buurt: its block of 18 beside its spending.
        for i in range(31):
            row = rows.nth(i)
            assert row.locator("td.klasse-cell").count() == 18
            code = row.get_attribute("data-code")
            planned, realised = expected[code]
            assert float(_cell(row, "planned").get_attribute("data-euros")) == pytest.approx(
                planned
            )
            assert float(_cell(row, "realised").get_attribute("data-euros")) == pytest.approx(
                realised
            )
            shown = _cell(row, "planned").inner_text()
            assert shown == format_value(planned / people[code], "€", 2, "nl"), code
        # Subtotal rows per wijk and the stadsdeel total, as computed from the lines.
        subtotals = page.locator("tr.subtotaal-row")
        wijken = sorted(c for c in expected if len(c) == 3)
        assert [subtotals.nth(i).get_attribute("data-total") for i in range(len(wijken))] == (
            wijken
        )
        for i, wijk in enumerate(wijken):
            euros = _cell(subtotals.nth(i), "planned").get_attribute("data-euros")
            assert float(euros) == pytest.approx(expected[wijk][0])
        total = page.locator("tr.totaal-row")
        assert total.get_attribute("data-total") == "O"
        assert "Totaal Oost" in total.inner_text()
        assert float(_cell(total, "planned").get_attribute("data-euros")) == pytest.approx(
            expected["O"][0]
        )
        assert page.locator("tr.niet-verdeeld-row").count() == 1  # the gebiedsteams
        page.screenshot(path=str(SCREENSHOTS / "begroting-budget-oost.png"), full_page=False)
        page.evaluate("document.querySelector('.begroting-scroll').scrollLeft = 1000")
        page.locator("tr.totaal-row").scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / "begroting-budget-oost-totals.png"))

        # Euros instead of per inhabitant.
        page.get_by_role("radio", name="totaal in €", exact=True).check()
        page.wait_for_selector("th.budget-head >> text=Begroting 2024 (totaal in €)")
        assert _cell(total, "planned").inner_text() == format_value(expected["O"][0], "€", 0)
        assert "bedrag=euro" in page.url

        # Another budget year than the indicator year.
        page.click("#begroting-budget-year")
        page.get_by_role("option", name="2023").click()
        page.wait_for_selector("th.budget-head >> text=Begroting 2023 (totaal in €)")
        expected_2023 = _expected(store, 2023)
        assert float(_cell(total, "realised").get_attribute("data-euros")) == pytest.approx(
            expected_2023["O"][1]
        )
        assert "begrotingsjaar=2023" in page.url and "jaar=2024" in page.url

        # Sorting by the total planned: the buurten without groups, still with the total.
        page.locator("th[data-sort-key='budget:totaal:planned'] button").click()
        page.wait_for_selector("th[data-sort-key='budget:totaal:planned'][aria-sort='ascending']")
        assert page.locator("tr.subtotaal-row").count() == 0
        order = [rows.nth(i).get_attribute("data-code") for i in range(31)]
        values = [expected_2023[c][0] for c in order]
        assert values == sorted(values)
        assert page.locator("tr.totaal-row").count() == 1

        # The CSV carries the budget columns beside the indicators, and after the areas
        # the money booked higher up and the total, each row saying what it is.
        with page.expect_download() as info:
            page.click("#begroting-csv")
        assert info.value.suggested_filename == "buurtbegroting-2024-buurt-O-begroting2023.csv"
        target = tmp_path / info.value.suggested_filename
        info.value.save_as(target)
        csv = pd.read_csv(target, sep=";", decimal=",", encoding="utf-8-sig")
        assert list(csv["Code"]) == ["NAP", *order, "O", "O"]
        assert list(csv["Soort regel"]) == ["NAP", *["buurt"] * 31, "niet verdeeld", "totaal"]
        column = csv.set_index("Code")["Alle programma's – begroot (€)"]
        for code in order:
            assert column[code] == pytest.approx(expected_2023[code][0])
        summed = csv.loc[csv["Soort regel"].isin(["buurt", "niet verdeeld"])]
        planned_all = "Alle programma's – begroot (€)"
        assert summed[planned_all].sum() == pytest.approx(expected_2023["O"][0])
        assert csv[planned_all].iloc[-1] == pytest.approx(expected_2023["O"][0])
        assert "Geregistreerde werkloosheid (%) – klasse" in csv.columns
        with page.expect_download() as info:
            page.click("#begroting-xlsx")
        book = openpyxl.load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
        assert book.sheetnames == ["buurtbegroting", "totalen"]
        totals = list(book["totalen"].iter_rows(values_only=True))
        assert totals[-1][:3] == ("totaal", "O", "Oost")

        # Leaving the page works in the same tab: by the menu, and by a new address.
        page.click("header nav a[href='/?lang=nl']")
        page.wait_for_selector("#kaart-legend .legend-item")
        page.goto(f"{base}/begroting?niveau=buurt&jaar=2024&gebied=O")
        expect(page.locator("tr[data-code]")).to_have_count(31, timeout=TIMEOUT_MS)
        page.goto(f"{base}/")
        page.wait_for_selector("#kaart-legend .legend-item")
        assert errors == []
    store.engine.dispose()


def test_budget_upload_in_the_app(demo_url: str, tmp_path: Path) -> None:
    """An analyst uploads a budget file: errors are refused, a good file is previewed,
    published (after confirming the change) and undone from the history."""
    create_user(demo_url, "ana", "analist")
    store = Store(demo_url)
    key = ("O01a", 2024, "Bestuur en gebiedsmanagement", "Buurtbudget bewonersinitiatieven")

    def planned() -> float:
        frame = store.budget_frame(store.division_id(), [2024])
        hit = frame[(frame["code"] == key[0]) & (frame["description"] == key[3])]
        return float(hit["planned"].iloc[0])

    before = planned()
    bad, good = tmp_path / "fouten.csv", tmp_path / "begroting-2025.csv"
    bad.write_text(BAD, encoding="utf-8")
    good.write_text(GOOD, encoding="utf-8")
    env = NO_TILES | {"MONITOR_DATA_DIR": str(tmp_path / "data")}
    with app_server(demo_url, env) as base, browser_page() as page:
        page.set_default_timeout(TIMEOUT_MS)
        login(page, base, "ana")
        page.goto(f"{base}/upload")
        page.set_input_files("#upload-file input[type=file]", str(bad))  # kind: recognised
        page.wait_for_selector("#upload-problems")
        assert "formaat: begroting" in page.inner_text("#upload-summary")
        problems = " ".join(page.inner_text("#upload-problems").split())
        for line in BAD_LINES:
            assert line in problems
        page.screenshot(path=str(SCREENSHOTS / "upload-begroting-fouten.png"), full_page=True)
        assert page.is_disabled("#upload-publish")  # nothing to publish while errors are listed
        assert planned() == before

        page.set_input_files("#upload-file input[type=file]", str(good))
        page.wait_for_selector("#upload-preview")
        preview = page.inner_text("#upload-preview")
        assert "Bestuur en gebiedsmanagement\t2024\t0\t1\t0" in preview
        assert "Welzijn en zorg\t2025\t2\t0\t0" in preview
        assert "Buurtbudget bewonersinitiatieven" in page.inner_text("#upload-changes")
        page.click("#upload-publish")
        page.wait_for_selector("#upload-error")
        refused = page.inner_text("#upload-error")
        assert "vink 'Ik wil gepubliceerde waarden wijzigen' aan" in refused
        assert "--bevestig" not in refused  # the page names its own control, not a CLI flag
        page.check("#upload-confirm input[type=checkbox]")
        page.click("#upload-publish")
        page.wait_for_selector("#upload-published")
        assert "Gepubliceerd als upload 5: 3 begrotingsregels" in page.inner_text(
            "#upload-published"
        )
        assert planned() == 15000.0
        history = page.inner_text("#upload-history-table")
        assert "begroting-2025.csv" in history and "begroting" in history

        # The new budget year is on the Buurtbegroting page.
        page.goto(f"{base}/begroting?niveau=buurt&gebied=O&jaar=2024&begrotingsjaar=2025")
        row = page.locator("tr[data-code='O01a']")
        row.wait_for()
        page.wait_for_selector("th.budget-head >> text=Begroting 2025")
        assert float(_cell(row, "planned").get_attribute("data-euros")) == 1250.5

        page.goto(f"{base}/upload")
        page.wait_for_selector("#upload-history-table button")
        page.click("#upload-history-table button >> nth=0")  # undo the newest upload: it asks
        page.wait_for_selector("#upload-ask")
        assert planned() == 15000.0  # one click changes nothing
        page.click(".upload-ask-yes")
        page.wait_for_selector("text=is ongedaan gemaakt")
        assert planned() == before
    current = store.budget_frame(store.division_id())
    assert len(current) == DEMO_LINES
    store.engine.dispose()
