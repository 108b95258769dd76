"""Aandachtsbuurten in Chromium on the demo city (issue 14): the typology map drawn in its
cell colours, the cross table with the counts of monitor.typology, the list and its CSV;
the multi-criteria filter from the URL and from the controls, its matches outlined on the
map, listed and exported; at desktop and phone width."""

from __future__ import annotations

import pytest

from monitor import criteria, demo, typology
from monitor.scoring import Scorer
from monitor.store import Store
from tests.support import SCREENSHOTS, app_server, browser_page, choose_option

pytestmark = pytest.mark.browser
NO_TILES = {"MONITOR_TILE_URL": ""}
DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}
FILTER = "werkloosheid_p:slechter;bijstand_p:slechter"


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict, list[str], list]:
    url = f"sqlite:///{tmp_path_factory.mktemp('aandacht') / 'a.sqlite'}"
    store = Store(url)
    store.upgrade()
    demo.install(store)
    scorer = Scorer(store)
    typ = typology.typology(scorer, 2024, "buurt")
    found = []
    for text in (FILTER, FILTER + ";werkloosheid_p:ge:11"):
        frame, _ = criteria.evaluate(scorer, criteria.parse(text), 2024, "buurt")
        found.append(sorted(frame.loc[frame["match"], "code"]))
    aandacht = typology.aandacht_frame(typ)["code"].tolist()
    store.engine.dispose()
    cells = dict(zip(typ.frame["code"], typ.frame["cel"], strict=True))
    return url, typ.counts(), aandacht, found, cells


def test_typology_map_table_list_and_filter(demo_store) -> None:
    from playwright.sync_api import expect

    url, counts, aandacht, (matches, narrower), cells_of = demo_store
    assert 0 < len(narrower) < len(matches) < 90 and 0 < len(aandacht) < 90
    SCREENSHOTS.mkdir(exist_ok=True)
    with app_server(url, NO_TILES) as base, browser_page() as page:
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.set_viewport_size(DESKTOP)
        page.goto(f"{base}/aandacht?jaar=2024&niveau=buurt")
        expect(page.locator("header nav a", has_text="Aandachtsbuurten")).to_have_class("active")
        known = 90 - counts[typology.UNKNOWN]
        page.wait_for_function(
            "document.querySelectorAll('#aandacht-map path[data-cell]:not([data-cell=onbekend])')"
            f".length == {known}"
        )
        cells = page.locator("#aandacht-map path[data-cell]").evaluate_all(
            "ps => ps.map(p => [p.dataset.cell, p.getAttribute('fill')])"
        )
        drawn = {c: sum(1 for cell, _ in cells if cell == c) for c in counts}
        assert drawn == counts
        # The cross table fits beside the map at 1400 px: nothing cut off, no scrolling.
        page.wait_for_selector("#aandacht-cross-table")
        cross = page.evaluate(
            "(() => { const c = document.querySelector('#aandacht-cross');"
            " return [c.scrollWidth, c.clientWidth, document.documentElement.scrollWidth]; })()"
        )
        assert cross[0] <= cross[1] and cross[2] == DESKTOP["width"], cross
        # Each cell in its own colour (a colour per cell, white for unknown).
        fills = {cell: fill for cell, fill in cells}
        assert all(fill == typology.COLOURS[cell] for cell, fill in fills.items())
        table = page.locator("#aandacht-cross-table")
        for cell, n in counts.items():
            if cell != typology.UNKNOWN:
                expect(table.locator(f"td[data-cell='{cell}']")).to_have_text(str(n))
        rows = page.locator("#aandacht-table tbody tr")
        expect(rows).to_have_count(len(aandacht))
        assert rows.evaluate_all("rs => rs.map(r => r.dataset.code)") == aandacht
        expect(page.locator("#aandacht-years")).to_contain_text(
            "ontwikkeling van 2021 naar 2023/2024 op 17 indicatoren"
        )
        with page.expect_download() as download:
            page.click("#aandacht-csv")
        assert download.value.suggested_filename == "aandachtsbuurten-buurt-2024.csv"
        text = download.value.path().read_text(encoding="utf-8-sig")
        assert text.count("\n") == len(aandacht) + 1 and "Status × ontwikkeling" in text
        page.screenshot(path=str(SCREENSHOTS / "aandacht-desktop.png"), full_page=True)

        # The filter from a link: its matches listed and outlined on the map.
        page.goto(f"{base}/aandacht?jaar=2024&niveau=buurt&filter={FILTER}")
        count = page.locator("#aandacht-filter-count")
        expect(count).to_contain_text(f"{len(matches)} van 90 gebieden voldoen aan")
        listed = page.locator("#aandacht-filter-list li")
        expect(listed).to_have_count(len(matches))
        assert sorted(listed.evaluate_all("ls => ls.map(l => l.dataset.code)")) == matches
        page.wait_for_function(
            f"document.querySelectorAll('#aandacht-map path[data-match=\"1\"]').length"
            f" == {len(matches)}"
        )
        outlined = page.locator("#aandacht-map path[data-match='1']").first
        assert outlined.get_attribute("stroke-width") == "4"
        with page.expect_download() as download:
            page.click("#aandacht-filter-csv")
        text = download.value.path().read_text(encoding="utf-8-sig")
        assert text.count("\n") == len(matches) + 1

        # A value condition made in the third row narrows the filter; the URL follows.
        choose_option(
            page,
            "aandacht-crit-indicator-2",
            "Werk en inkomen · Geregistreerde werkloosheid (%)",
            search=True,
        )
        choose_option(page, "aandacht-crit-op-2", "minstens", search=True)
        page.fill("#aandacht-crit-value-2", "11")
        page.keyboard.press("Enter")
        expect(count).to_contain_text(f"{len(narrower)} van 90 gebieden voldoen aan")
        expect(listed).to_have_count(len(narrower))
        page.wait_for_function("location.search.includes('werkloosheid_p%3Age%3A11')")
        page.screenshot(path=str(SCREENSHOTS / "aandacht-filter-desktop.png"), full_page=True)

        # The Buurtbegroting shows the same typology beside the budget (same set and year).
        page.goto(f"{base}/begroting?jaar=2024&niveau=buurt")
        column = page.locator("table.begroting td.typology-cell")
        expect(column).to_have_count(90)
        shown = page.locator("table.begroting tr[data-code]").evaluate_all(
            "rs => Object.fromEntries(rs.map(r => [r.dataset.code,"
            " r.querySelector('td.typology-cell').dataset.cell]))"
        )
        assert shown == cells_of
        # And in its CSV, in words, beside the indicators.
        with page.expect_download() as download:
            page.click("#begroting-csv")
        text = download.value.path().read_text(encoding="utf-8-sig")
        head, _nap, first = text.splitlines()[:3]
        assert "Status × ontwikkeling" in head.split(";")
        column = head.split(";").index("Status × ontwikkeling")
        code = first.split(";")[1]
        assert first.split(";")[column].startswith("status ") or cells_of[code] == "onbekend"

        page.set_viewport_size(PHONE)
        page.goto(f"{base}/aandacht?jaar=2024&niveau=buurt&filter={FILTER}")
        page.wait_for_function(
            "document.querySelectorAll('#aandacht-map path[data-cell]').length == 90"
        )
        expect(listed).to_have_count(len(matches))
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        height = page.evaluate(
            "document.querySelector('#aandacht-map').getBoundingClientRect().height"
        )
        page.screenshot(path=str(SCREENSHOTS / "aandacht-phone.png"), full_page=True)
        assert width <= PHONE["width"] + 1 and height >= 300
        assert errors == []
