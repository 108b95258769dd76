"""Trends and NAP-vergelijking: computations on the demo city, and both pages in Chromium."""

from __future__ import annotations

import dataclasses
import math
from collections import Counter

import numpy as np
import pandas as pd
import pytest

from layouts.trends import band_polygons
from monitor.compare import (
    coloured_indicators,
    latest_year,
    ranking,
    worse_counts,
    worse_sentence,
)
from monitor.numbers import format_number
from monitor.scoring import Scorer
from monitor.store import Store
from monitor.trends import area_trend, axis_years, sentence, translate
from tests.support import SCREENSHOTS, app_server, browser_page, demo_database

NO_TILES = {"MONITOR_TILE_URL": ""}


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return demo_database(tmp_path_factory.mktemp("trends"))


@pytest.fixture(scope="module")
def scorer(demo_url: str) -> Scorer:
    return Scorer(Store(demo_url))


def manual_worse(scorer: Scorer, year: int, level: str) -> tuple[Counter, Counter]:
    """Score every coloured indicator myself: (slechter per code, classes per code)."""
    worse: Counter = Counter()
    scored: Counter = Counter()
    for ind in scorer.indicators.values():
        if ind.polarity not in ("hoger-beter", "lager-beter") or ind.forecast:
            continue
        periods = [p for p in scorer.store.periods(scorer.division_id, ind.id) if p <= year]
        frame = scorer.score(ind.id, max(periods), level)
        for code, klasse in zip(frame["code"], frame["klasse"], strict=True):
            if klasse in ("slechter", "veel_slechter"):
                worse[code] += 1
            if klasse in ("beter", "rond", "slechter", "veel_beter", "veel_slechter"):
                scored[code] += 1
    return worse, scored


# -- NAP-vergelijking (monitor/compare.py) ---------------------------------------------


def test_ranking_orders_by_value_with_missing_last(scorer: Scorer) -> None:
    frame = ranking(scorer, "werkloosheid_p", 2024, "buurt")
    plain = scorer.score("werkloosheid_p", 2024, "buurt")
    assert len(frame) == len(plain) == 90
    shown = plain[plain["value"].notna()]
    expected = shown.sort_values(["value", "code"], ascending=[False, True])["code"].tolist()
    assert frame["code"].tolist()[: len(expected)] == expected
    # Areas without a shown value (missing, not published, too few residents) come last.
    tail = frame.iloc[len(expected) :]
    assert tail["value"].isna().all() and tail["rank"].isna().all()
    assert sorted(tail["code"]) == sorted(plain.loc[plain["value"].isna(), "code"])
    assert frame["rank"].iloc[: len(expected)].tolist() == list(range(1, len(expected) + 1))
    np.testing.assert_allclose(frame["diff"], frame["value"] - frame["nap"])
    assert (frame["nap"] == 6.7).all()  # the demo city's own value for 2024


def test_worse_counts_equal_scoring_each_indicator(scorer: Scorer) -> None:
    counts = worse_counts(Scorer(scorer.store), 2024, "buurt")
    worse, scored = manual_worse(scorer, 2024, "buurt")
    frame = counts.frame.set_index("code")
    assert len(frame) == 90
    for code, row in frame.iterrows():
        assert row["slechter"] == worse[code], code
        assert row["gescoord"] == scored[code], code
        assert row["gescoord"] + row["geen_gegevens"] == 17
    assert counts.indicator_count == 17 == len(coloured_indicators(scorer))
    assert frame["slechter"].sum() > 0 and (frame["slechter"] < frame["gescoord"]).any()


def test_worse_counts_use_latest_year_up_to_the_chosen_year(scorer: Scorer) -> None:
    counts = worse_counts(Scorer(scorer.store), 2020, "wijk")
    # vsv_p has no 2020 and the surveys run in odd years: both fall back to 2019.
    assert counts.years["vsv_p"] == 2019
    assert counts.years["tevreden_buurt_r"] == 2019
    assert counts.years["werkloosheid_p"] == 2020
    assert latest_year([2017, 2019, 2021], 2020) == 2019
    assert latest_year([2017, 2019], 2016) is None
    worse, _ = manual_worse(scorer, 2020, "wijk")
    assert counts.frame.set_index("code")["slechter"].to_dict() == {
        code: worse[code] for code in counts.frame["code"]
    }
    before = worse_counts(Scorer(scorer.store), 2016, "wijk")
    assert before.indicator_count == 0 and len(before.without_year) == 17


def test_method_that_does_not_fit_falls_back_to_own_method(scorer: Scorer) -> None:
    counts = worse_counts(Scorer(scorer.store), 2024, "gebied", method="absoluut")
    # "absoluut" needs a band per unit: none for euros and index numbers.
    assert set(counts.own_method) == {"inkomen_gem", "veiligheid_i", "overlast_i"}
    assert counts.indicator_count == 17


def test_worse_counts_read_the_stored_classes_not_the_scorer(
    scorer: Scorer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over the whole catalogue or one domain, the default counts never score on a read."""
    expected = worse_counts(Scorer(scorer.store), 2024, "wijk")

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("scored on a read")

    monkeypatch.setattr(Scorer, "score", refuse)
    again = worse_counts(Scorer(scorer.store), 2024, "wijk")
    pd.testing.assert_frame_equal(again.frame, expected.frame)
    werk = [i.id for i in coloured_indicators(scorer) if i.domain == "werk_inkomen"]
    part = worse_counts(Scorer(scorer.store), 2024, "wijk", indicators=werk)
    assert part.indicator_count == len(werk) > 0
    assert (part.frame["gescoord"] + part.frame["geen_gegevens"] == len(werk)).all()


def test_worse_sentence_names_the_average() -> None:
    assert (
        worse_sentence("Dijkpark", 7, 18, "Amsterdam", missing=0)
        == "Dijkpark scoort op 7 van de 18 indicatoren met gegevens slechter dan het "
        "Amsterdams gemiddelde."
    )
    assert (
        worse_sentence("Dijkpark", 7, 18, "Voorbeeldstad", missing=0)
        == "Dijkpark scoort op 7 van de 18 indicatoren met gegevens slechter dan het "
        "gemiddelde van Voorbeeldstad."
    )
    assert worse_sentence("Dijkpark", 0, 1, "Voorbeeldstad", missing=0).startswith(
        "Dijkpark scoort op 0 van de 1 indicator met gegevens slechter"
    )
    assert "geen enkele indicator" in worse_sentence("Dijkpark", 0, 0, "Voorbeeldstad", missing=0)
    assert worse_sentence("Dijkpark", 3, 9, "Utrecht", "en", missing=0) == (
        "Dijkpark scores worse than the average of Utrecht on 3 of the 9 indicators with data."
    )


# -- Trends (monitor/trends.py) --------------------------------------------------------


def test_axis_years_keep_gaps_but_follow_a_biennial_rhythm() -> None:
    assert axis_years([2017, 2018, 2019, 2021, 2022]) == [2017, 2018, 2019, 2020, 2021, 2022]
    assert axis_years([2017, 2019, 2021, 2023]) == [2017, 2019, 2021, 2023]
    assert axis_years([2024]) == [2024]
    assert axis_years([]) == []


def test_trend_has_a_gap_where_a_year_has_no_value(scorer: Scorer) -> None:
    area = "O03b"
    trend = area_trend(scorer, "vsv_p", "buurt", [area])
    assert trend.years == list(range(2017, 2025))
    ref = trend.reference.set_index("period")
    assert math.isnan(ref.loc[2020, "nap"]) and math.isnan(ref.loc[2020, "low"])
    own = trend.lines[trend.lines["role"] == "gebied"].set_index("period")
    assert list(own["code"].unique()) == [area]
    assert math.isnan(own.loc[2020, "value"])
    assert own.loc[2020, "klasse"] == "geen_gegevens"
    # Other years are what scoring shows for the area, with the same band.
    for year in (2017, 2024):
        scored = scorer.score("vsv_p", year, "buurt").set_index("code").loc[area]
        assert own.loc[year, "value"] == pytest.approx(scored["value"])
        assert own.loc[year, "klasse"] == scored["klasse"]
        assert ref.loc[year, "nap"] == pytest.approx(scored["nap"])
        assert ref.loc[year, "low"] == pytest.approx(scored["nap"] - 0.5 * scored["spread"])
        assert ref.loc[year, "high"] == pytest.approx(scored["nap"] + 0.5 * scored["spread"])
    # The area's stadsdeel (Oost) is there too, with its own gap in 2020.
    sd = trend.lines[trend.lines["role"] == "stadsdeel"]
    assert set(sd["code"]) == {"O"} and trend.stadsdeel_of == {area: "O"}
    assert math.isnan(sd.set_index("period").loc[2020, "value"])
    assert sd["naam"].iloc[0] == "Oost"


def test_a_series_is_each_year_scored_alone(scorer: Scorer) -> None:
    """``Scorer.series`` (one read for all years, as the trends chart uses it) gives row
    for row what ``Scorer.score`` gives year by year: stored scores, and a method that is
    computed on demand."""
    cases = [("werkloosheid_p", "buurt", None), ("vsv_p", "wijk", None)]
    cases.append(("inkomen_gem", "wijk", "z5"))
    for indicator, level, method in cases:
        years = scorer.store.periods(scorer.division_id, indicator)
        codes = list(scorer.areas(level)["code"])[:3]
        assert len(years) > 1 and len(codes) == 3
        series = scorer.series(indicator, years, level, codes, method=method)
        assert len(series) == len(years) * len(codes)
        for year in years:
            alone = scorer.score(indicator, year, level, method=method)
            expected = alone[alone["code"].isin(codes)].reset_index(drop=True)
            got = series[series["period"] == year].reset_index(drop=True)
            pd.testing.assert_frame_equal(got, expected)


def test_trend_band_for_relative_and_index_methods(scorer: Scorer) -> None:
    rel = area_trend(scorer, "inkomen_gem", "wijk", ["N01"]).reference.set_index("period")
    assert rel.loc[2024, "low"] == pytest.approx(0.9 * rel.loc[2024, "nap"])
    assert rel.loc[2024, "high"] == pytest.approx(1.1 * rel.loc[2024, "nap"])
    idx = area_trend(scorer, "overlast_i", "wijk", ["N01"]).reference.set_index("period")
    assert idx.loc[2024, "low"] == pytest.approx(0.9 * idx.loc[2024, "nap"])
    z = area_trend(scorer, "overlast_i", "wijk", ["N01"], method="z").reference
    assert (z["high"] - z["low"]).to_numpy() == pytest.approx((z["spread"]).to_numpy())


def test_trend_with_several_areas_and_stadsdelen(scorer: Scorer) -> None:
    trend = area_trend(scorer, "werkloosheid_p", "wijk", ["O03", "N01", "O01", "XX"])
    assert trend.codes == ["O03", "N01", "O01"]
    assert list(trend.lines.loc[trend.lines["role"] == "stadsdeel", "code"].unique()) == ["O", "N"]
    assert len(trend.lines) == (3 + 2) * len(trend.years)
    # At stadsdeel level the area is its own stadsdeel: no extra line.
    own = area_trend(scorer, "werkloosheid_p", "stadsdeel", ["O"])
    assert set(own.lines["role"]) == {"gebied"}


def test_trend_sentence_is_checkable_by_hand(scorer: Scorer) -> None:
    area = "O03b"
    trend = area_trend(scorer, "vsv_p", "buurt", [area])
    rows = trend.lines[trend.lines["role"] == "gebied"].set_index("period")
    ref = trend.reference.set_index("period")
    naam = rows["naam"].iloc[0]

    def part(year: int) -> tuple[str, str]:
        diff = rows.loc[year, "value"] - ref.loc[year, "nap"]
        where = "boven" if round(diff, 1) > 0 else "onder"
        return f"{format_number(abs(diff), 1)} procentpunt", where

    d24, w24 = part(2024)
    d17, w17 = part(2017)
    expected = (
        f"In 2024 lag {naam} {d24} {w24} het gemiddelde van Voorbeeldstad; "
        f"in 2017 was dat {d17} er{w17}."
    )
    assert sentence(trend, area) == expected
    amsterdam = dataclasses.replace(trend, gemeente="Amsterdam")
    assert "het Amsterdams gemiddelde" in sentence(amsterdam, area)
    english = d24.split()[0].replace(",", ".")
    assert sentence(trend, area, "en").startswith(f"In 2024 {naam} was {english} percentage")


def test_translate_selection_between_levels(scorer: Scorer) -> None:
    assert translate(scorer, ["N01a", "N01b", "O03b"], "wijk") == ["N01", "O03"]
    assert translate(scorer, ["N01"], "buurt") == ["N01a"]
    assert translate(scorer, ["O"], "wijk") == ["O01"]
    assert translate(scorer, ["XX", "N01a"], "buurt") == ["N01a"]


def test_band_polygons_split_at_gaps() -> None:
    nan = float("nan")
    xs, ys = band_polygons([2017, 2018, 2019, 2020, 2021], [1, 1, nan, 2, 2], [3, 3, nan, 4, 4])
    assert xs == [2017, 2018, 2018, 2017, None, 2020, 2021, 2021, 2020]
    assert ys == [3, 3, 1, 1, None, 4, 4, 2, 2]


# -- the pages in headless Chromium ----------------------------------------------------


def plot_data(page, graph_id: str) -> list[dict]:
    return page.evaluate(
        f"""() => document.querySelector('#{graph_id} .js-plotly-plot').data.map(
            d => ({{meta: d.meta, name: d.name, x: d.x, y: d.y}}))"""
    )


def roles(page) -> Counter:
    return Counter(d["meta"] for d in plot_data(page, "trends-graph"))


def choose(page, dropdown: str, text: str) -> None:
    page.click(f"#{dropdown}")
    page.get_by_role("option", name=text, exact=True).click()
    page.keyboard.press("Escape")


@pytest.mark.browser
def test_trends_page(demo_url: str, scorer: Scorer) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{base}/trends?indicator=vsv_p&niveau=buurt&gebieden=O03b")
        page.wait_for_selector("#trends-sentences li")
        page.wait_for_selector("#trends-graph .main-svg")
        # One line per chosen area, plus NAP and the area's stadsdeel (and the band).
        assert roles(page) == Counter({"gebied": 1, "nap": 1, "stadsdeel": 1, "band": 1})
        data = {d["meta"]: d for d in plot_data(page, "trends-graph")}
        assert data["gebied"]["x"] == list(range(2017, 2025))
        assert data["gebied"]["y"][3] is None and data["nap"]["y"][3] is None  # 2020: gap
        assert data["stadsdeel"]["name"] == "Stadsdeel Oost"
        trend = area_trend(scorer, "vsv_p", "buurt", ["O03b"])
        assert page.inner_text("#trends-sentences li[data-code='O03b']") == sentence(trend, "O03b")
        assert "NAP ± 0,5 × de spreiding" in page.inner_text("#trends-note")
        legend = page.locator("#trends-graph .legend").text_content()
        assert "NAP (gemiddelde van Voorbeeldstad)" in legend and "Vaarthof" in legend

        # A second area from another stadsdeel: one more area line and one more stadsdeel.
        choose(page, "trends-areas", "Pareldorp (N01a)")
        page.wait_for_function("window.location.search.includes('gebieden=O03b,N01a')")
        page.wait_for_function("document.querySelectorAll('#trends-sentences li').length == 2")
        assert roles(page) == Counter({"gebied": 2, "nap": 1, "stadsdeel": 2, "band": 1})
        page.screenshot(path=str(SCREENSHOTS / "trends-buurt.png"), full_page=True)

        # Another level keeps the selection: each buurt becomes its wijk.
        choose(page, "trends-level", "Wijk")
        page.wait_for_function("window.location.search.includes('gebieden=O03,N01')")
        page.wait_for_selector("#trends-sentences li[data-code='N01']")
        assert "niveau=wijk" in page.url
        # Another indicator with the relative method of its own.
        choose(page, "trends-indicator", "Werk en inkomen · Gemiddeld besteedbaar huishoudinkomen")
        page.wait_for_function("window.location.search.includes('inkomen_gem')")
        page.wait_for_function("document.querySelector('#trends-note').innerText.includes('±10%')")
        trend = area_trend(scorer, "inkomen_gem", "wijk", ["O03", "N01"])
        page.wait_for_function(
            "document.querySelector(\"#trends-sentences li[data-code='O03']\").innerText == "
            f"{sentence(trend, 'O03')!r}"
        )
        permalink = page.url

        # The permalink restores indicator, level and areas in a fresh page.
        page.goto(f"{base}/")
        page.goto(permalink)
        page.wait_for_selector("#trends-sentences li[data-code='N01']")
        page.wait_for_selector("#trends-graph .main-svg")  # a fresh page: the plot too
        assert roles(page) == Counter({"gebied": 2, "nap": 1, "stadsdeel": 2, "band": 1})
        assert "Gemiddeld besteedbaar huishoudinkomen" in page.inner_text("#trends-indicator")
        assert "Wijk" in page.inner_text("#trends-level")
        names = {d["name"] for d in plot_data(page, "trends-graph") if d["meta"] == "gebied"}
        areas = scorer.areas("wijk").set_index("code")["name"]
        assert names == {areas["O03"], areas["N01"]}
        page.screenshot(path=str(SCREENSHOTS / "trends-wijk.png"), full_page=True)

        # A biennial survey in English: lines over the odd years, no gaps in between.
        page.goto(f"{base}/trends?indicator=tevreden_buurt_r&niveau=gebied&gebieden=G03&lang=en")
        page.wait_for_selector("#trends-sentences li[data-code='G03']")
        page.wait_for_selector("#trends-graph .main-svg")
        data = {d["meta"]: d for d in plot_data(page, "trends-graph")}
        assert data["gebied"]["x"] == [2017, 2019, 2021, 2023]
        assert None not in data["gebied"]["y"]
        assert "average of Voorbeeldstad" in page.inner_text("#trends-sentences")
        page.screenshot(path=str(SCREENSHOTS / "trends-survey-en.png"), full_page=True)
        assert errors == []


@pytest.mark.browser
def test_vergelijking_page(demo_url: str, scorer: Scorer) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{base}/vergelijking?indicator=werkloosheid_p&jaar=2024&niveau=buurt")
        page.wait_for_selector("#vergelijking-counts tr[data-code]", timeout=60_000)
        page.wait_for_selector("#vergelijking-bars .main-svg")
        # One bar per area, ranked as the values sort, NAP as the zero line.
        assert page.locator("#vergelijking-bars g.point").count() == 90
        bars = plot_data(page, "vergelijking-bars")[0]
        expected = ranking(scorer, "werkloosheid_p", 2024, "buurt")
        assert bars["y"] == [
            f"{n} ({c})" for n, c in zip(expected["naam"], expected["code"], strict=True)
        ]
        assert "NAP 6,7%" in page.locator("#vergelijking-bars .annotation").text_content()
        assert page.locator("#vergelijking-stadsdelen g.point").count() == 4
        assert page.locator("#vergelijking-counts tr[data-code]").count() == 90

        # The sentence of one area matches scoring every indicator by hand.
        worse, scored = manual_worse(scorer, 2024, "buurt")
        code = max(worse, key=lambda c: (worse[c], c))
        naam = scorer.areas("buurt").set_index("code").loc[code, "name"]
        row = page.locator(f"#vergelijking-counts tr[data-code='{code}']")
        missing = len(coloured_indicators(scorer)) - scored[code]
        without = f" ({missing} zonder gegevens)" if missing else ""
        assert row.locator("td.sentence").inner_text() == (
            f"{naam} scoort op {worse[code]} van de {scored[code]} indicatoren met gegevens "
            f"slechter dan het gemiddelde van Voorbeeldstad{without}."
        )
        page.screenshot(path=str(SCREENSHOTS / "vergelijking-buurt.png"))

        # Another indicator and level: 20 wijken, a new ranking, the table per wijk.
        choose(
            page, "vergelijking-indicator", "Jeugd en onderwijs · Voortijdig schoolverlaters (%)"
        )
        page.wait_for_function("window.location.search.includes('vsv_p')")
        choose(page, "vergelijking-level", "Wijk")
        page.wait_for_function("window.location.search.includes('niveau=wijk')")
        page.wait_for_function(
            "document.querySelectorAll('#vergelijking-bars g.point').length == 20"
        )
        page.wait_for_function(
            "document.querySelectorAll('#vergelijking-counts tr[data-code]').length == 20"
        )
        expected = ranking(scorer, "vsv_p", 2024, "wijk")
        page.wait_for_function(
            "document.querySelector('#vergelijking-bars .js-plotly-plot').data[0].y[0] == "
            f"{expected['naam'].iloc[0] + ' (' + expected['code'].iloc[0] + ')'!r}"
        )
        worse, scored = manual_worse(scorer, 2024, "wijk")
        for code in ("O01", "W01"):
            cell = page.locator(f"#vergelijking-counts tr[data-code='{code}'] td.worse")
            assert int(cell.inner_text()) == worse[code]
        page.screenshot(path=str(SCREENSHOTS / "vergelijking-wijk.png"), full_page=True)

        # A permalink with year, level and method restores all of them (English).
        page.goto(
            f"{base}/vergelijking?indicator=bijstand_p&jaar=2020&niveau=gebied"
            "&methode=relatief&lang=en"
        )
        page.wait_for_selector("#vergelijking-counts tr[data-code]", timeout=60_000)
        page.wait_for_function(
            "document.querySelectorAll('#vergelijking-bars g.point').length == 8"
        )
        assert "Social assistance" in page.inner_text("#vergelijking-indicator")
        assert "2020" in page.inner_text("#vergelijking-period")
        assert page.inner_text("#vergelijking-method").strip() == "relative difference (±10%)"
        assert "Area" in page.inner_text("#vergelijking-level")
        expected = ranking(scorer, "bijstand_p", 2020, "gebied", method="relatief")
        assert plot_data(page, "vergelijking-bars")[0]["y"] == [
            f"{n} ({c})" for n, c in zip(expected["naam"], expected["code"], strict=True)
        ]
        # vsv_p has no 2020 and the surveys are odd years: the table counts them in 2019.
        counts = worse_counts(Scorer(scorer.store), 2020, "gebied", method="relatief")
        code = counts.frame["code"].iloc[0]
        r = counts.frame.iloc[0]
        assert page.locator(
            f"#vergelijking-counts tr[data-code='{code}'] td.sentence"
        ).inner_text() == worse_sentence(
            r["naam"],
            r["slechter"],
            r["gescoord"],
            "Voorbeeldstad",
            "en",
            missing=r["geen_gegevens"],
        )
        page.click("#vergelijking-years summary")
        assert "2019" in page.inner_text("#vergelijking-years")
        page.screenshot(path=str(SCREENSHOTS / "vergelijking-gebied-en.png"), full_page=True)
        assert errors == []
