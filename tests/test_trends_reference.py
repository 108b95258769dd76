"""Trends with "Vergelijk met" (issue 14): each chosen area's own reference as a line,
read from Scorer.series; in Chromium the legend and the line above the chart name it, and
the choice is in the URL and carried over to the Kaart. Screenshots desktop and phone."""

from __future__ import annotations

import pytest

from layouts.trends import chart_outputs
from monitor.messages import class_label
from monitor.scoring import Scorer
from monitor.store import Store
from monitor.trends import area_trend, sentence
from tests.support import SCREENSHOTS, app_server, browser_page, choose_option, demo_database

NO_TILES = {"MONITOR_TILE_URL": ""}
AREAS = ["O03b", "N01a"]  # Vaarthof in stadsdeel Oost, Pareldorp in stadsdeel Noord


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return demo_database(tmp_path_factory.mktemp("trendsref"))


def test_figure_has_each_areas_stadsdeel_as_its_reference(demo_url: str) -> None:
    store = Store(demo_url)
    scorer = Scorer(store)
    fig, note, sentences, line = chart_outputs(
        store, "vsv_p", "buurt", AREAS, None, None, "nl", "stadsdeel", None
    )
    refs = {d.name: d for d in fig.data if d.meta == "referentie"}
    assert set(refs) == {"Gemiddelde van stadsdeel Oost", "Gemiddelde van stadsdeel Noord"}
    # The stadsdeel is the reference: no separate stadsdeel lines, no NAP band.
    assert sorted(d.meta for d in fig.data) == ["gebied", "gebied", "nap"] + ["referentie"] * 2
    years = scorer.store.periods(scorer.division_id, "vsv_p")
    expected = scorer.series("vsv_p", years, "buurt", AREAS, referentie="stadsdeel")
    assert expected.attrs["referentie"] == "stadsdeel"
    for code, name in (("O03b", "Oost"), ("N01a", "Noord")):
        trace = refs[f"Gemiddelde van stadsdeel {name}"]
        own = expected[expected["code"] == code].set_index("period")
        assert set(own["referentie"]) == {name}
        assert trace.x == tuple(range(2017, 2025))  # 2020 on the axis as a gap
        for year, value in zip(trace.x, trace.y, strict=True):
            if year == 2020:
                assert value is None
            else:
                assert value == pytest.approx(own.loc[year, "nap"])
        # The area's line is in the area's colour, its reference dashed in the same colour.
        area = next(d for d in fig.data if d.meta == "gebied" and d.legendgroup == code)
        assert trace.line.color == area.line.color and trace.line.dash == "dash"
        # The classes in the hover are the ones scored against the stadsdeel, named so.
        average = f"gemiddelde van stadsdeel {name}"
        for year, (_, label) in zip(area.x, area.customdata, strict=True):
            if year in own.index:
                assert label == class_label(own.loc[year, "klasse"], gemiddelde=average)
    assert line == "Vergeleken met het gemiddelde van het eigen stadsdeel."
    # The sentences compare with the own stadsdeel: checkable by hand for 2024 and 2017.
    o24 = expected[(expected["code"] == "O03b") & (expected["period"] == 2024)].iloc[0]
    diff = o24["value"] - o24["nap"]
    assert round(diff, 1) == 0.7  # 2.9 against 2.246
    assert sentences[0].children.startswith(
        "In 2024 lag Vaarthof 0,7 procentpunt boven het gemiddelde van stadsdeel Oost"
    )
    trend = area_trend(scorer, "vsv_p", "buurt", AREAS, referentie="stadsdeel")
    assert sentences[1].children == sentence(trend, "N01a")
    assert "eigen stadsdeel" in note


def test_base_year_is_one_flat_line_with_its_band(demo_url: str) -> None:
    store = Store(demo_url)
    fig, note, _, line = chart_outputs(
        store, "vsv_p", "buurt", AREAS, None, None, "nl", "basisjaar", 2018
    )
    refs = [d for d in fig.data if d.meta == "referentie"]
    assert len(refs) == 1
    name = "Gemiddelde van Voorbeeldstad in 2018 (basisjaar)"
    assert refs[0].name == name
    nap_2018 = Scorer(store).score("vsv_p", 2018, "buurt")["nap"].iloc[0]
    values = [v for v in refs[0].y if v is not None]
    assert len(values) == 7 and values == pytest.approx([nap_2018] * 7)  # 2020: a gap
    band = next(d for d in fig.data if d.meta == "band")
    assert "basisjaar" in band.name
    assert note.startswith("Grijze band: rond het gemiddelde van Voorbeeldstad in 2018")
    assert line.startswith("Vergeleken met het gemiddelde van Voorbeeldstad in 2018 (basisjaar)")


@pytest.mark.browser
def test_trends_page_named_reference(demo_url: str) -> None:
    from playwright.sync_api import expect

    SCREENSHOTS.mkdir(exist_ok=True)
    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.set_viewport_size({"width": 1400, "height": 900})
        page.goto(
            f"{base}/trends?indicator=vsv_p&niveau=buurt&gebieden=O03b,N01a&referentie=stadsdeel"
        )
        legend = page.locator("#trends-graph .legend")
        expect(legend).to_contain_text("Gemiddelde van stadsdeel Oost")
        expect(legend).to_contain_text("Gemiddelde van stadsdeel Noord")
        expect(page.locator("#trends-referentie")).to_contain_text("het stadsdeel")
        expect(page.locator("#trends-reference")).to_contain_text(
            "Vergeleken met het gemiddelde van het eigen stadsdeel"
        )
        expect(page.locator("#trends-sentences")).to_contain_text("gemiddelde van stadsdeel Oost")
        assert "referentie=stadsdeel" in page.url
        page.wait_for_timeout(500)
        page.screenshot(path=str(SCREENSHOTS / "trends-referentie-desktop.png"), full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        page.wait_for_timeout(800)
        page.screenshot(path=str(SCREENSHOTS / "trends-referentie-phone.png"), full_page=True)
        page.set_viewport_size({"width": 1400, "height": 900})
        # A base year: the year list is the indicator's years, the first one chosen.
        choose_option(page, "trends-referentie", "een basisjaar")
        expect(page.locator("#trends-basisjaar")).to_contain_text("2017")
        expect(legend).to_contain_text("Gemiddelde van Voorbeeldstad in 2017 (basisjaar)")
        page.wait_for_function("window.location.search.includes('basisjaar=2017')")
        choose_option(page, "trends-referentie", "het stadsdeel")
        expect(legend).to_contain_text("Gemiddelde van stadsdeel Oost")
        # Carried over to the Kaart through the navigation.
        page.click(".header nav a[href^='/?'], .header nav a[href='/']")
        expect(page.locator("#kaart-legend")).to_contain_text("eigen stadsdeel")
        assert "referentie=stadsdeel" in page.url
        assert not errors, errors
