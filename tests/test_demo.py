"""Voorbeeldstad: deterministic, fictional, and shaped like the Oost case; its files are
checked in, regenerate byte for byte, and load through the importers into the same
store as the generator wrote straight into it before the demo had files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely

from monitor import agenda, catalog, demo, undo
from monitor.area_geometry import areas_geodataframe
from monitor.areas import write_areas
from monitor.catalog import load_toml
from monitor.config import PROJECT_ROOT
from monitor.ingest import budget as budget_ingest
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
    demo.install(store, data_dir=tmp_path_factory.mktemp("data"))
    return store


def _direct(store: Store, data_dir: Path) -> None:
    """The demo as it was installed before it had files: generated and written straight
    into the store (the reference the files must reproduce)."""
    city = demo.build()
    catalog.save(store, load_toml(demo.CATALOG))
    for level in ("stadsdeel", "gebied", "wijk", "buurt"):
        frame = city.levels[level].to_crs("EPSG:4326")
        write_areas(
            store, frame, level, division=demo.DIVISION, gemeente=demo.GEMEENTE, fictional=True
        )
    division_id = store.division_id(demo.DIVISION)
    for i, code in enumerate(city.levels["buurt"]["code"]):
        store.add_alias(division_id, f"BU0999{i + 1:04d}", code, system="cbs")
    store.add_alias(division_id, "GM0999", "STAD", system="cbs")
    raw = demo.budget_csv(city.budget)
    checked = budget_ingest.check(store, raw, "b.csv", division_id=division_id)
    with store.begin() as conn:
        rows = demo.measurement_rows(store, division_id, city)
        store.publish(
            rows,
            kind="demo",
            conn=conn,
            filename="voorbeeldstad (gegenereerd)",
            uploader="monitor demo",
            source="Voorbeeldstad, fictieve demogegevens",
            meta={"seed": demo.SEED, "fictief": True},
        )
        budget_ingest.publish(
            store,
            checked,
            uploader="monitor demo",
            source=demo.BUDGET_SOURCE,
            data_dir=data_dir,
            conn=conn,
            division_id=division_id,
        )
        store.set_setting("active_division", demo.DIVISION, conn)


@pytest.fixture(scope="module")
def direct_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('direct') / 'direct.sqlite'}")
    store.upgrade()
    _direct(store, tmp_path_factory.mktemp("direct-data"))
    return store


def test_the_checked_in_files_are_what_the_generator_writes(city: demo.DemoCity) -> None:
    """``monitor demo --regenereer`` (``make demo-files``) gives these files byte for byte."""
    generated = demo.files(city)
    assert len(generated) == 11  # … and the voorzieningen
    for relative, content in generated.items():
        path = PROJECT_ROOT / relative
        assert path.is_file(), f"{relative} ontbreekt: make demo-files"
        assert path.read_bytes() == content, f"{relative} wijkt af: make demo-files"
    assert sum(len(c) for c in generated.values()) < 1_000_000  # modest: ~90 buurten


def test_regenerating_writes_only_what_differs(tmp_path: Path) -> None:
    written = demo.write_files(tmp_path)
    assert {p.relative_to(tmp_path).as_posix() for p in written} == set(demo.files(demo.build()))
    assert demo.write_files(tmp_path) == []


def test_the_files_load_into_the_same_store_as_before(
    demo_store: Store, direct_store: Store
) -> None:
    new, old = demo_store, direct_store
    division = new.division_id(demo.DIVISION)
    assert division == old.division_id(demo.DIVISION)
    # Areas: codes, names, levels, parents, sizes and geometry.
    columns = [c for c in new.areas_frame(division).columns if c not in ("id", "area_m2")]
    areas_new = new.areas_frame(division).sort_values("code").reset_index(drop=True)
    areas_old = old.areas_frame(division).sort_values("code").reset_index(drop=True)
    pd.testing.assert_frame_equal(areas_new[columns], areas_old[columns])
    assert np.allclose(areas_new["area_m2"], areas_old["area_m2"], rtol=1e-9, equal_nan=True)
    for level in ("buurt", "stadsdeel"):
        for display in (False, True):
            shapes_new = areas_geodataframe(new, division, level, display).geometry.values
            shapes_old = areas_geodataframe(old, division, level, display).geometry.values
            assert shapely.equals_exact(shapes_new, shapes_old, tolerance=1e-9).all()
    assert new.alias_map(division) == old.alias_map(division)
    # The catalogue.
    pd.testing.assert_frame_equal(new.indicators_frame(), old.indicators_frame())
    # Measurements: the same keys, values, respondents and empty cells.
    key = ["code", "indicator_id", "period"]
    values_new = new.current_values(division, None).sort_values(key).reset_index(drop=True)
    values_old = old.current_values(division, None).sort_values(key).reset_index(drop=True)
    assert len(values_new) == len(values_old) == 11_249
    pd.testing.assert_frame_equal(values_new[key], values_old[key])
    assert np.allclose(values_new["value"], values_old["value"], rtol=1e-12, equal_nan=True)
    pd.testing.assert_series_equal(values_new["n"], values_old["n"])
    pd.testing.assert_series_equal(values_new["flag"], values_old["flag"])
    # Budget lines.
    budget = ["code", "year", "programme", "description", "planned", "realised", "source", "note"]
    lines_new = new.budget_frame(division)[budget].sort_values(budget[:4]).reset_index(drop=True)
    lines_old = old.budget_frame(division)[budget].sort_values(budget[:4]).reset_index(drop=True)
    pd.testing.assert_frame_equal(lines_new, lines_old)
    # Scores of a few indicators at several levels.
    for indicator, period, level in (
        ("werkloosheid_p", 2024, "buurt"),
        ("tevreden_buurt_r", 2023, "wijk"),
        ("inkomen_gem", 2022, "stadsdeel"),
        ("vsv_p", 2019, "gebied"),
    ):
        scored_new = Scorer(new).score(indicator, period, level)
        scored_old = Scorer(old).score(indicator, period, level)
        for column in ("code", "klasse", "reden"):
            assert scored_new[column].tolist() == scored_old[column].tolist(), indicator
        assert np.allclose(scored_new["z"], scored_old["z"], equal_nan=True), indicator


def test_the_uploads_are_files_with_provenance(demo_store: Store) -> None:
    uploads = demo_store.uploads_frame().set_index("id")
    assert uploads.loc[1, "kind"] == "meetingen"
    assert uploads.loc[1, "filename"] == "voorbeeldstad-meetingen.csv"
    assert uploads.loc[2, "kind"] == "begroting"
    assert uploads.loc[2, "filename"] == "voorbeeldstad-begroting.csv"
    assert uploads.loc[3, "filename"] == "voorbeeldstad-meldingen.csv"
    assert uploads.loc[4, "filename"] == "voorbeeldstad-voorzieningen.csv"
    assert uploads.loc[4, "kind"] == "punten"
    assert set(uploads["uploader"]) == {demo.DEMO_ACTOR}
    assert uploads["sha256"].notna().all()


def test_the_agenda_and_verhalen_come_from_their_files(demo_store: Store) -> None:
    division = demo_store.division_id(demo.DIVISION)
    goals = agenda.goals_frame(demo_store, division)
    actions = agenda.actions_frame(demo_store, goals["id"].tolist())
    notes = agenda.notes_frame(demo_store, division)
    expected = [goal for items in demo.DEMO_GOALS.values() for goal in items]
    assert goals["text"].tolist() == [goal[0] for goal in expected]
    assert len(actions) == sum(len(goal[4]) for goal in expected)
    assert set(actions["status"]) == {"toegezegd", "in uitvoering", "gerealiseerd", "niet mogelijk"}
    assert len(notes) == sum(len(items) for items in demo.DEMO_NOTES.values())


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


def test_an_undone_demo_upload_from_before_the_files_is_generated_again(
    store: Store, tmp_path: Path
) -> None:
    """A store from before the demo had files has an upload of kind ``demo``: undone, it
    is published again from its seed."""
    _direct(store, tmp_path)
    before = store.current_values(store.division_id(), None)
    undo.undo(store, 1, by="bert", role="beheerder")
    again = undo.redo(store, 1, by="bert", role="beheerder")
    assert store.uploads_frame().set_index("id").loc[again, "kind"] == "demo"
    after = store.current_values(store.division_id(), None)
    assert len(after) == len(before) == 11_249
