"""Every page on the real BBGA gebied data (22 gebieden + Westpoort, 2015 division)."""

from __future__ import annotations

import statistics

import pytest
from playwright.sync_api import expect

from monitor.compare import worse_counts
from monitor.scoring import Scorer
from monitor.store import Store
from monitor.store.materialised import every_row
from tests.support import SCREENSHOTS, app_server, browser_page, require_shared
from tests.test_bbga import PREGWERKL_2018, load_amsterdam

pytestmark = pytest.mark.browser
NO_TILES = {"MONITOR_TILE_URL": ""}
Q = "indicator=PREGWERKL_P&jaar=2018&niveau=gebied"


@pytest.fixture(scope="module")
def amsterdam_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    require_shared()
    url = f"sqlite:///{tmp_path_factory.mktemp('real') / 'ams.sqlite'}"
    load_amsterdam(url)
    return url


def coloured_scored(url: str, code: str) -> int:
    """Coloured indicators (not neutral, no forecast) with a score row for the area."""
    store = Store(url)
    catalogue = Scorer(store).indicators
    rows = every_row(store, ["indicator_id"])
    areas = Scorer(store).all_areas
    area_id = int(areas.loc[areas["code"] == code, "id"].iloc[0])
    found = set(rows.loc[rows["area_id"] == area_id, "indicator_id"])
    return sum(
        1
        for i in found
        if i in catalogue and catalogue[i].polarity != "geen" and not catalogue[i].forecast
    )


def test_every_page_on_real_data(amsterdam_url: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    expected = Scorer(Store(amsterdam_url)).score("PREGWERKL_P", 2018, "gebied")
    counts = expected["klasse"].value_counts().to_dict()
    # Hand-checked in test_bbga: 8 beter, 6 rond, 8 slechter, Westpoort without a value.
    assert counts == {"beter": 8, "rond": 6, "slechter": 8, "geen_gegevens": 1}
    assert expected["spread"].iloc[0] == pytest.approx(statistics.pstdev(PREGWERKL_2018))
    with app_server(amsterdam_url, NO_TILES) as base, browser_page() as page:
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))

        page.goto(f"{base}/?{Q}")
        page.wait_for_function("document.querySelectorAll('path.leaflet-interactive').length == 23")
        page.wait_for_function("document.querySelector('#kaart-nap').innerText.includes('11,0%')")
        legend = page.inner_text("#kaart-legend")
        assert "beter dan het Amsterdams gemiddelde: 8" in legend
        assert "slechter dan het Amsterdams gemiddelde: 8" in legend
        assert page.locator("#fictional").count() == 0
        page.screenshot(path=str(SCREENSHOTS / "real-kaart.png"))

        page.goto(f"{base}/tabel?{Q}")
        page.wait_for_selector("table#scores tr >> nth=3")
        assert "Centrum-West" in page.inner_text("table#scores")

        page.goto(f"{base}/profiel?gebied=DX20")
        page.wait_for_selector("#profiel-title")
        assert "Bijlmer-Centrum, Amstel III (DX20)" in page.inner_text("#profiel-title")
        # The whole catalogue: every coloured indicator with a materialised score for the
        # gebied, the block set (18) first and open, the other domains folded and sent
        # when opened.
        rows = page.locator("#profiel-sections tr[data-indicator]")
        assert page.locator("section[data-group=set] tr[data-indicator]").count() == 18
        groups = page.locator("details.profiel-group")
        assert groups.count() > 3
        # Every folded domain says how many rows it holds; together with the block set
        # that is every coloured indicator with a score for the gebied.
        titles = page.locator("details.profiel-group summary").all_inner_texts()
        folded = [int(title.rsplit("(", 1)[1].rstrip(")")) for title in titles]
        assert 18 + sum(folded) == coloured_scored(amsterdam_url, "DX20") > 300
        # Opening one sends its rows: as many as its title says.
        groups.nth(0).locator("summary").click()
        expect(groups.nth(0).locator("tr[data-indicator]")).to_have_count(folded[0])
        expect(rows).to_have_count(18 + folded[0])
        page.fill("#profiel-filter", "pregwerkl")
        expect(page.locator("#profiel-filter-count")).not_to_have_text("")
        found = page.locator("#profiel-filter-results tr[data-indicator]")
        expect(found).to_have_count(int(page.inner_text("#profiel-filter-count")))
        ids = found.evaluate_all("rows => rows.map(r => r.dataset.indicator)")
        assert "PREGWERKL_P" in ids and all("pregwerkl" in i.lower() for i in ids)
        expect(page.locator("#profiel-sections")).to_be_hidden()
        page.fill("#profiel-filter", "")
        expect(page.locator("#profiel-sections")).to_be_visible()
        assert "bbga_latest_and_greatest-DX.csv" in page.inner_text(".profiel-page")
        page.screenshot(path=str(SCREENSHOTS / "real-profiel.png"), full_page=True)

        page.goto(f"{base}/trends?indicator=PREGWERKL_P&niveau=gebied&gebieden=DX20,DX01")
        page.wait_for_selector("#trends-sentences")
        sentences = page.inner_text("#trends-sentences")
        assert "Bijlmer-Centrum" in sentences and "Centrum-West" in sentences
        page.screenshot(path=str(SCREENSHOTS / "real-trends.png"))

        page.goto(f"{base}/vergelijking?{Q}")
        page.wait_for_selector("#vergelijking-table")
        page.wait_for_selector("#vergelijking-bars .main-svg")
        assert "Amsterdams gemiddelde" in page.inner_text("#vergelijking-table")
        # The counts go over the whole catalogue (read from the stored classes); a domain
        # can be chosen instead.
        real = Scorer(Store(amsterdam_url))
        whole = worse_counts(real, 2018, "gebied").indicator_count
        werk = [i.id for i in real.indicators.values() if i.domain == "werk_inkomen"]
        part = worse_counts(real, 2018, "gebied", indicators=werk).indicator_count
        assert whole > 150 > part > 0
        rule = page.locator("#vergelijking-rule")
        expect(rule).to_contain_text(f"Geteld over {whole} gekleurde indicatoren")
        page.goto(f"{base}/vergelijking?{Q}&set=domein:werk_inkomen")
        expect(rule).to_contain_text(f"Geteld over {part} gekleurde indicatoren")
        expect(page.locator("#vergelijking-set")).to_contain_text("Werk en inkomen")
        page.screenshot(path=str(SCREENSHOTS / "real-vergelijking.png"))

        page.goto(f"{base}/blokjes?jaar=2018&niveau=gebied")
        page.wait_for_selector("#blokjes-info")
        page.screenshot(path=str(SCREENSHOTS / "real-blokjes.png"))

        page.goto(f"{base}/begroting?jaar=2018&niveau=gebied")
        page.wait_for_selector("#begroting-table")
        table = page.inner_text("#begroting-table")
        assert "Centrum-West" in table
        # The BBGA twin of Oost's set (indicators/amsterdam-bbga.toml), not a stand-in.
        assert "BBGA-indicatoren" in page.inner_text("main")
        for label in ("Geregistreerde werkloosheid", "Veiligheidsindex", "Startkwalificatie"):
            assert label in table, label
        page.screenshot(path=str(SCREENSHOTS / "real-begroting.png"))

        page.goto(f"{base}/upload")
        page.wait_for_selector("#upload-history-table")
        # A visitor (public read) sees what was published and when, not the file name or
        # who uploaded it (analisten do).
        history = page.inner_text("#upload-history-table")
        assert "bbga" in history and "gepubliceerd" in history
        assert "bbga_latest_and_greatest-DX.csv" not in history
        assert errors == []


def test_levels_without_data_are_offered_disabled_with_the_reason(amsterdam_url: str) -> None:
    """The BBGA extract has gebieden and stadsdelen, no buurten or wijken: those levels
    used to be offered and showed "geen gegevens bekend: 481". Now they are listed,
    disabled, with the reason; a link asking for them opens on the finest level with data."""
    from layouts.common import context, level_options

    ctx = context(Store(amsterdam_url), "nl")
    assert ctx.levels == ["gebied", "stadsdeel"]
    assert level_options(ctx, "nl") == [
        {"label": "Buurt: geen gegevens op dit niveau", "value": "buurt", "disabled": True},
        {"label": "Wijk: geen gegevens op dit niveau", "value": "wijk", "disabled": True},
        {"label": "Gebied", "value": "gebied"},
        {"label": "Stadsdeel", "value": "stadsdeel"},
    ]
    shots = SCREENSHOTS
    shots.mkdir(exist_ok=True)
    with app_server(amsterdam_url, NO_TILES) as base, browser_page() as page:
        page.goto(f"{base}/?indicator=PREGWERKL_P&jaar=2018&niveau=buurt")
        page.wait_for_function("document.querySelectorAll('path.leaflet-interactive').length == 23")
        page.wait_for_function("window.location.search.includes('niveau=gebied')")
        assert "geen gegevens bekend: 481" not in page.inner_text("#kaart-legend")
        page.click("#kaart-level")
        option = page.get_by_role("option", name="Buurt: geen gegevens op dit niveau")
        option.wait_for()
        assert option.is_disabled() or option.get_attribute("aria-disabled") == "true"
        page.screenshot(path=str(shots / "real-kaart-levels.png"))
        for path in ("tabel", "trends", "blokjes", "begroting"):
            page.goto(f"{base}/{path}?indicator=PREGWERKL_P&jaar=2018&niveau=buurt")
            level = page.locator("[id$='level']").first
            level.wait_for()
            assert "Gebied" in level.inner_text(), path


def test_aandachtsbuurten_on_real_data(amsterdam_url: str) -> None:
    """The typology map and the filter on the BBGA gebieden: every gebied with a status
    drawn in its cell, the counts of monitor.typology, and PREGWERKL_P slechter finding
    the 8 gebieden test_bbga checked by hand."""
    from monitor import typology

    typ = typology.typology(Scorer(Store(amsterdam_url)), 2018, "gebied")
    counts = typ.counts()
    assert sum(counts.values()) == 23 and typ.before
    known = 23 - counts[typology.UNKNOWN]
    with app_server(amsterdam_url, NO_TILES) as base, browser_page() as page:
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{base}/aandacht?jaar=2018&niveau=gebied&filter=PREGWERKL_P:slechter")
        page.wait_for_function(
            "document.querySelectorAll('#aandacht-map path[data-cell]:not([data-cell=onbekend])')"
            f".length == {known}"
        )
        expect(page.locator("#aandacht-filter-count")).to_contain_text(
            "8 van 23 gebieden voldoen aan"
        )
        expect(page.locator("#aandacht-filter-list li")).to_have_count(8)
        for cell, n in counts.items():
            if cell != typology.UNKNOWN:
                expect(page.locator(f"#aandacht-cross-table td[data-cell='{cell}']")).to_have_text(
                    str(n)
                )
        page.screenshot(path=str(SCREENSHOTS / "real-aandacht.png"), full_page=True)
        assert errors == []
