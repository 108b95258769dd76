"""Voorbeeldstad: deterministic, fictional, and shaped like the Oost case."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from monitor import demo
from monitor.catalog import load_toml
from monitor.scoring import Scorer
from monitor.scoring.compute import compute
from monitor.scoring.frames import score_frame
from monitor.scoring.inputs import load_inputs
from monitor.store import Store


@pytest.fixture(scope="module")
def city() -> demo.DemoCity:
    return demo.build()


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite'}")
    store.upgrade()
    demo.install(store)
    return store


def test_same_seed_same_city(city: demo.DemoCity) -> None:
    again = demo.build()
    assert again.measurements.equals(city.measurements)
    for level, frame in city.levels.items():
        assert frame.geometry.equals(again.levels[level].geometry), level
    other = demo.build(seed=1)
    assert not other.measurements.equals(city.measurements)


def test_shape_of_the_city(city: demo.DemoCity) -> None:
    buurten = city.levels["buurt"]
    assert 60 <= len(buurten) <= 100
    per_stadsdeel = buurten.groupby("stadsdeel_code").size()
    assert per_stadsdeel["O"] == 31
    assert len(city.levels["stadsdeel"]) >= 3
    assert len(city.levels["wijk"]) > len(city.levels["stadsdeel"])
    # Buurten form a proper coverage: no overlaps, no gaps between neighbours.
    assert shapely.coverage_is_valid(buurten.geometry.values)
    assert buurten.geometry.is_valid.all()
    # Higher levels are unions of their buurten.
    for level, column in (("wijk", "wijk_code"), ("stadsdeel", "stadsdeel_code")):
        parents = city.levels[level].set_index("code").geometry
        for code, group in buurten.groupby(column):
            assert abs(group.area.sum() - parents[code].area) < 1.0


def test_indicators_and_years(city: demo.DemoCity) -> None:
    cat = load_toml(demo.CATALOG)
    coloured = [i for i in cat.indicators if i.id != "bev_totaal"]
    assert len(coloured) == 18
    domains = {i.domain for i in coloured}
    assert domains == {"werk_inkomen", "jeugd_onderwijs", "leefbaarheid_veiligheid"}
    assert all(sum(i.domain == d for i in coloured) == 6 for d in domains)
    assert {i.polarity for i in coloured} == {"hoger-beter", "lager-beter", "neutraal"}
    assert {"%", "rapportcijfer", "index", "€"} <= {i.unit for i in coloured}
    assert sum(i.survey for i in coloured) >= 3
    m = city.measurements
    assert m["period"].nunique() >= 6
    survey = m[m["indicator_id"] == "tevreden_buurt_r"]
    assert survey["n"].notna().all()
    # Gaps: some buurten lack a value in some years, one series misses a whole year.
    buurt_rows = m[m["code"] != "STAD"]
    counts = buurt_rows.groupby(["indicator_id", "period"]).size()
    assert (counts < 90).any()
    assert 2020 not in set(m.loc[m["indicator_id"] == "vsv_p", "period"])
    # Trends: the city's unemployment falls over the years.
    city_value = m[(m["code"] == "STAD") & (m["indicator_id"] == "werkloosheid_p")]
    series = city_value.sort_values("period")["value"].to_numpy()
    assert series[-1] < series[0]


def test_installed_demo_is_marked_fictional(demo_store: Store) -> None:
    info = demo_store.division(demo_store.division_id())
    assert info["name"] == "voorbeeldstad"
    assert info["fictional"]
    assert info["gemeente"] == "Voorbeeldstad"
    assert "fictieve" in demo_store.uploads_frame()["source"].iloc[0]


def test_demo_scores_every_level(demo_store: Store) -> None:
    scorer = Scorer(demo_store)
    for level, expected in (("buurt", 90), ("wijk", 20), ("gebied", 8), ("stadsdeel", 4)):
        frame = scorer.score("werkloosheid_p", 2024, level)
        assert len(frame) == expected
        assert frame["nap_source"].iloc[0] == "stadswaarde"
        assert frame["klasse"].isin(["beter", "rond", "slechter", "geen_gegevens"]).all()
        assert (frame["klasse"] != "geen_gegevens").sum() >= expected * 0.8


def test_small_buurten_are_suppressed(demo_store: Store) -> None:
    frame = Scorer(demo_store).score("werkloosheid_p", 2024, "buurt")
    small = frame[frame["reden"].str.startswith("Minder dan 100 inwoners")]
    assert len(small) >= 1
    assert small["value"].isna().all()
    assert (small["klasse"] == "geen_gegevens").all()


def test_survey_below_minimum_respondents(demo_store: Store) -> None:
    frame = Scorer(demo_store).score("tevreden_buurt_r", 2023, "buurt")
    few = frame[frame["reden"].str.contains("respondenten")]
    assert len(few) >= 1
    assert (few["klasse"] == "geen_gegevens").all()


def test_weighted_mean_when_no_city_value(demo_store: Store) -> None:
    """Without a city value, NAP is the population-weighted mean of the level."""
    scorer = Scorer(demo_store)
    inputs = load_inputs(demo_store, scorer.division_id)
    gemeente = set(inputs.areas.loc[inputs.areas["level"] == "gemeente", "id"])
    inputs.values = inputs.values[~inputs.values["area_id"].isin(gemeente)]
    result = compute(inputs, indicator_ids=["werkloosheid_p"], periods=[2024])
    groups = result.groups[result.groups["level"] == "stadsdeel"]
    rows = result.rows[result.rows["group"].isin(groups.index)]
    frame = score_frame(
        groups, rows, inputs.areas, inputs.catalog["werkloosheid_p"], 2024, "stadsdeel"
    )
    assert frame["nap_source"].iloc[0] == "gewogen gemiddelde"
    pop = scorer.score("bev_totaal", 2024, "stadsdeel").set_index("code")["value"]
    values = frame.set_index("code")["value"]
    expected = np.average(values, weights=pop[values.index])
    assert frame["nap"].iloc[0] == pytest.approx(expected)
