"""Meldingen per quarter and month, scored: the period encoding and labels by hand, and a
small city (four buurten, two wijken) whose meldingen in January–March 2024 are counted,
published per month and quarter, scored (materialised) against NAP and classed, every
expectation computed by hand; an incomplete last month is left out."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from monitor import period_kinds as pk
from monitor.areas import write_areas
from monitor.catalog import Indicator
from monitor.errors import MonitorError
from monitor.points import check_points, publish_points
from monitor.points_indicators import complete_before
from monitor.scoring import Scorer
from monitor.scoring.compute import compute
from monitor.scoring.inputs import load_inputs
from monitor.store import Store

BUURTEN = ["B0", "B1", "B2", "B3"]
WIJK_OF = {"B0": "W0", "B1": "W0", "B2": "W1", "B3": "W1"}
PEOPLE = {"B0": 1000.0, "B1": 2000.0, "B2": 1000.0, "B3": 4000.0}


def test_periods_encode_label_and_parse() -> None:
    assert [pk.kind(p) for p in (2024, 20241, 202403)] == ["jaar", "kwartaal", "maand"]
    assert [pk.year_of(p) for p in (2024, 20244, 202412)] == [2024, 2024, 2024]
    assert pk.years_of(np.array([2023, 20232, 202307])).tolist() == [2023, 2023, 2023]
    assert pk.label(2024) == "2024"
    assert pk.label(20241) == "2024 K1" and pk.label(20241, "en") == "2024 Q1"
    assert pk.label(202403) == "maart 2024" and pk.label(202403, "en") == "March 2024"
    assert pk.short_label(202410) == "okt 2024"
    for text, period in [
        ("2024", 2024),
        ("2024-K1", 20241),
        ("2024-q3", 20243),
        ("2024 K4", 20244),
        ("2024-03", 202403),
        ("2024-3", 202403),
        ("202403", 202403),
        (20242, 20242),
    ]:
        assert pk.parse(text) == period, text
    for bad in ("2024-13", "2024-K5", "24-03", "maart", "202413", "20245"):
        with pytest.raises(MonitorError):
            pk.parse(bad)
    assert pk.start(20242) == date(2024, 4, 1) and pk.end(20242) == date(2024, 6, 30)
    assert pk.start(202402) == date(2024, 2, 1) and pk.end(202402) == date(2024, 2, 29)
    assert pk.year_earlier(202403) == 202303 and pk.year_earlier(20241) == 20231
    assert pk.previous(202401) == 202312 and pk.previous(20241) == 20234
    assert pk.previous(202405) == 202404 and pk.previous(2024) == 2023
    # Sorting a kind sorts in time; the id says the kind.
    assert sorted([202312, 202401, 202311]) == [202311, 202312, 202401]
    assert pk.indicator_kind("meldingen_aantal_maand") == "maand"
    assert pk.indicator_kind("meldingen_per_1000_kwartaal") == "kwartaal"
    assert pk.yearly(["a", "meldingen_aantal_maand", "b_kwartaal", "c"]) == ["a", "c"]


def test_an_extract_ending_within_a_period_leaves_that_period_out() -> None:
    # Ends on the last day of March: March and Q1 are complete (the first incomplete
    # periods are April and Q2).
    assert complete_before("2024-03-31", "maand") == 202404
    assert complete_before("2024-03-31", "kwartaal") == 20242
    # Ends on 10 March: March and Q1 are left out.
    assert complete_before("2024-03-10", "maand") == 202403
    assert complete_before("2024-03-10", "kwartaal") == 20241
    assert complete_before("2024-12-31", "maand") == 202501
    assert complete_before(None, "maand") is None


def _box(k: int) -> shapely.Polygon:
    return shapely.box(4.0 + k * 0.01, 52.0, 4.0 + (k + 1) * 0.01, 52.01)


def _city(store: Store) -> None:
    store.upgrade()
    frame = gpd.GeoDataFrame
    write_areas(
        store,
        frame(
            [{"code": "S0", "name": "Stadsdeel", "geometry": shapely.box(4.0, 52.0, 4.04, 52.01)}],
            crs="EPSG:4326",
        ),
        "stadsdeel",
        division="t",
        gemeente="Teststad",
    )
    wijken = [
        {"code": "W0", "name": "W0", "stadsdeel_code": "S0", "geometry": _box(0).union(_box(1))},
        {"code": "W1", "name": "W1", "stadsdeel_code": "S0", "geometry": _box(2).union(_box(3))},
    ]
    write_areas(store, frame(wijken, crs="EPSG:4326"), "wijk", division="t")
    buurten = [
        {
            "code": b,
            "name": b,
            "wijk_code": WIJK_OF[b],
            "stadsdeel_code": "S0",
            "geometry": _box(k),
        }
        for k, b in enumerate(BUURTEN)
    ]
    write_areas(store, frame(buurten, crs="EPSG:4326"), "buurt", division="t")
    bev = Indicator(
        id="bev",
        label_nl="Inwoners",
        domain="overig",
        unit="aantal",
        polarity="geen",
        aggregation="som",
    )
    ids = store.areas_frame(store.division_id(), "buurt").set_index("code")["id"]
    people = pd.DataFrame(
        {
            "area_id": [int(ids[b]) for b in BUURTEN],
            "indicator_id": "bev",
            "period": 2024,
            "value": [PEOPLE[b] for b in BUURTEN],
        }
    )
    with store.begin() as conn:
        store.upsert_indicators([bev.row()], conn)
        store.set_setting("population_indicator", "bev", conn)
        store.publish(people, kind="meetingen", conn=conn, uploader="test")


def _points(folder: Path, name: str, rows: list[tuple[str, str, str]]) -> Path:
    # The afhandeltermijn of each melding: its day of the month (hand-checkable medians).
    lines = ["datum;categorie;lat;lon;afhandeltermijn"]
    for day, category, buurt in rows:
        k = BUURTEN.index(buurt)
        lines.append(f"{day};{category};52.005;{4.005 + k * 0.01:.3f};{int(day[-2:])}")
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


#: January: B0 2 afval, B1 1 afval + 1 groen, B2 none, B3 4 groen. February: B0 and B3
#: 1 afval each. March: B0 1 afval, on the 31st (so March and Q1 are complete).
MELDINGEN = (
    [("2024-01-03", "afval", "B0"), ("2024-01-20", "afval", "B0")]
    + [("2024-01-05", "afval", "B1"), ("2024-01-06", "groen", "B1")]
    + [(f"2024-01-{d:02d}", "groen", "B3") for d in (7, 8, 9, 10)]
    + [("2024-02-14", "afval", "B0"), ("2024-02-29", "afval", "B3")]
    + [("2024-03-31", "afval", "B0")]
)


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("periods")
    store = Store(f"sqlite:///{folder / 'p.sqlite'}")
    _city(store)
    checked = check_points(store, _points(folder, "m.csv", MELDINGEN), "meldingen")
    assert len(checked.frame) == len(MELDINGEN)
    publish_points(store, checked, uploader="test", data_dir=folder / "data")
    return store


def _indicator(store: Store, indicator_id: str) -> dict[str, object]:
    return store.indicators_frame([indicator_id]).iloc[0].to_dict()


def _by_code(frame: pd.DataFrame, column: str) -> dict[str, object]:
    return dict(zip(frame["code"], frame[column], strict=True))


def test_months_and_quarters_are_published_and_registered(city: Store) -> None:
    division = city.division_id()
    values = city.current_values(division, None, None, level="buurt")
    count = values[values["indicator_id"] == "meldingen_aantal_maand"]
    got = {(r.code, int(r.period)): r.value for r in count.itertuples()}
    assert got == {
        **{("B0", 202401): 2, ("B1", 202401): 2, ("B2", 202401): 0, ("B3", 202401): 4},
        **{("B0", 202402): 1, ("B1", 202402): 0, ("B2", 202402): 0, ("B3", 202402): 1},
        **{("B0", 202403): 1, ("B1", 202403): 0, ("B2", 202403): 0, ("B3", 202403): 0},
    }
    quarter = values[values["indicator_id"] == "meldingen_aantal_kwartaal"]
    assert {r.code: r.value for r in quarter.itertuples()} == {"B0": 4, "B1": 2, "B2": 0, "B3": 5}
    assert set(quarter["period"]) == {20241}
    # The yearly ones are still there, with their ids.
    year = values[values["indicator_id"] == "meldingen_aantal"]
    assert {r.code: r.value for r in year.itertuples()} == {"B0": 4, "B1": 2, "B2": 0, "B3": 5}
    assert set(year["period"]) == {2024}
    # Catalogue: polarity, provenance, labels that say the period, weights of the kind.
    rate = _indicator(city, "meldingen_per_1000_maand")
    assert rate["polarity"] == "neutraal" and rate["catalog"] == "punten"
    assert rate["source"] == "meldingen" and rate["weight_indicator"] == "bev"
    assert rate["label_nl"] == "meldingen per 1.000 inwoners, per maand"
    assert rate["label_en"] == "meldingen per 1,000 inhabitants, per month"
    share = _indicator(city, "meldingen_aandeel_afval_kwartaal")
    assert share["weight_indicator"] == "meldingen_aantal_kwartaal"
    assert _indicator(city, "meldingen_aantal_maand")["polarity"] == "geen"


def test_a_month_is_scored_against_nap_by_hand(city: Store) -> None:
    scorer = Scorer(city)
    # January per 1,000 inwoners: B0 2/1000, B1 2/2000, B2 0, B3 4/4000 (× 1000).
    jan = scorer.score("meldingen_per_1000_maand", 202401, "buurt")
    assert _by_code(jan, "value") == pytest.approx({"B0": 2.0, "B1": 1.0, "B2": 0.0, "B3": 1.0})
    # NAP: the mean weighted by the population of 2024 (the month's year) = 8 / 8000 × 1000.
    assert jan["nap"].iloc[0] == pytest.approx(1.0)
    assert jan["nap_source"].iloc[0] == "gewogen gemiddelde"
    # Spread (sd, ddof 0) of 2, 1, 0, 1 around their mean 1: √(2/4).
    assert jan["spread"].iloc[0] == pytest.approx(np.sqrt(0.5))
    # Neutral polarity, band ½ sd ≈ 0.354: B0 1 above → meer, B2 1 below → minder.
    assert _by_code(jan, "klasse") == {"B0": "meer", "B1": "rond", "B2": "minder", "B3": "rond"}
    feb = scorer.score("meldingen_per_1000_maand", 202402, "buurt")
    assert _by_code(feb, "value") == pytest.approx({"B0": 1.0, "B1": 0.0, "B2": 0.0, "B3": 0.25})
    assert feb["nap"].iloc[0] == pytest.approx(2 / 8000 * 1000)
    # The share of afval in January, weighted by January's counts: (2×100 + 2×50) / 8.
    share = scorer.score("meldingen_aandeel_afval_maand", 202401, "buurt")
    assert share["nap"].iloc[0] == pytest.approx(37.5)
    assert _by_code(share, "klasse")["B2"] == "geen_gegevens"  # no meldingen: no share
    # Q1: 4, 2, 0, 5 meldingen; NAP 11 / 8000 × 1000.
    q1 = scorer.score("meldingen_per_1000_kwartaal", 20241, "buurt")
    assert _by_code(q1, "value") == pytest.approx({"B0": 4.0, "B1": 1.0, "B2": 0.0, "B3": 1.25})
    assert q1["nap"].iloc[0] == pytest.approx(1.375)
    # Wijk level: counts add up (W0 2 + 2, W1 0 + 4), the rate is weighted by population.
    wijk = scorer.score("meldingen_aantal_maand", 202401, "wijk")
    assert _by_code(wijk, "value") == {"W0": 4.0, "W1": 4.0}
    rate = scorer.score("meldingen_per_1000_maand", 202401, "wijk")
    assert _by_code(rate, "value") == pytest.approx({"W0": 4 / 3, "W1": 0.8})


def test_materialised_month_scores_equal_a_fresh_computation(city: Store) -> None:
    from monitor.scoring.read import read_groups

    division = city.division_id()
    stored = read_groups(city, division)
    stored = stored[stored["indicator_id"].str.endswith(("_maand", "_kwartaal"))]
    assert set(stored["period"]) == {202401, 202402, 202403, 20241}
    fresh = compute(load_inputs(city, division)).groups
    fresh = fresh[fresh["indicator_id"].str.endswith(("_maand", "_kwartaal"))]
    key = ["indicator_id", "period", "level", "ref_code"]
    merged = stored.merge(fresh, on=key, suffixes=("", "_fresh"))
    assert len(merged) == len(stored) == len(fresh)
    np.testing.assert_allclose(merged["nap"], merged["nap_fresh"], equal_nan=True)


def test_a_new_extract_recounts_and_leaves_its_incomplete_month_out(
    city: Store, tmp_path: Path
) -> None:
    division = city.division_id()
    checked = check_points(
        city, _points(tmp_path, "april.csv", [("2024-04-05", "afval", "B1")]), "meldingen"
    )
    publish_points(city, checked, uploader="test", data_dir=tmp_path / "data")
    periods = city.periods(division, "meldingen_aantal_maand")
    assert periods == [202401, 202402, 202403]  # April ends on the 5th: left out
    assert city.periods(division, "meldingen_aantal_kwartaal") == [20241]
    # The year counts it (yearly indicators keep counting the running year).
    year = city.current_values(division, ["meldingen_aantal"], [2024], level="buurt")
    assert dict(zip(year["code"], year["value"], strict=True))["B1"] == 3


def test_sets_keep_months_out(city: Store) -> None:
    from monitor.catalog import load_from_store
    from monitor.periods import default_set_period
    from monitor.presets import custom_preset

    ids = ["meldingen_per_1000", "meldingen_per_1000_maand", "meldingen_per_1000_kwartaal"]
    # Without the filter the months' 202403 would be the set's "latest year".
    assert default_set_period(city, ids, "buurt") == 2024
    assert default_set_period(city, ids[1:], "buurt") is None
    indicators = load_from_store(city)
    assert custom_preset(ids, indicators).indicator_ids == ["meldingen_per_1000"]


def test_cli_and_api_take_a_month_or_quarter(city: Store) -> None:
    import json

    from flask import Flask
    from typer.testing import CliRunner

    from monitor.cli import app as cli_app
    from web import api

    environment = {"MONITOR_DATABASE_URL": str(city.engine.url)}
    args = ["score", "meldingen_per_1000_maand", "--period", "2024-01", "--level", "buurt"]
    result = CliRunner().invoke(cli_app, [*args, "--format", "json"], env=environment)
    assert result.exit_code == 0, result.output
    rows = {r["code"]: r for r in json.loads(result.output)}
    assert rows["B0"]["klasse"] == "meer"
    table = CliRunner().invoke(cli_app, args, env=environment)
    assert table.exit_code == 0, table.output
    assert "januari 2024" in table.output
    quarter = CliRunner().invoke(
        cli_app,
        ["score", "meldingen_aantal_kwartaal", "--period", "2024-Q1", "--level", "wijk"],
        env=environment,
    )
    assert quarter.exit_code == 0 and "2024 K1" in quarter.output
    bad = CliRunner().invoke(
        cli_app, ["score", "meldingen_aantal_maand", "--period", "2024-13", "--level", "buurt"]
    )
    assert bad.exit_code != 0
    server = Flask(__name__)
    for text, period in (("2024-K1", 20241), ("2024-03", 202403), ("2024", 2024), ("", None)):
        with server.test_request_context(f"/?periode={text}"):
            assert api._period("nl") == period


def test_dropdown_options_label_quarters_and_months_only() -> None:
    assert pk.options([2023, 2024]) == [2023, 2024]
    assert pk.options([20241, 20242], "en") == [
        {"label": "2024 Q1", "value": 20241},
        {"label": "2024 Q2", "value": 20242},
    ]
    assert pk.options([202412])[0]["label"] == "december 2024"


def test_the_median_handling_time_per_month_and_quarter(city: Store) -> None:
    from monitor.compare import coloured_indicators

    division = city.division_id()
    values = city.current_values(division, None, None, level="buurt")
    days = values[values["indicator_id"] == "meldingen_afhandeltermijn_maand"]
    got = {(r.code, int(r.period)): (r.value, r.n) for r in days.itertuples()}
    # January: B0 3 and 20 days, B1 5 and 6, B3 7–10; February B0 14, B3 29; March B0 31.
    assert got == {
        ("B0", 202401): (11.5, 2),
        ("B1", 202401): (5.5, 2),
        ("B3", 202401): (8.5, 4),
        ("B0", 202402): (14.0, 1),
        ("B3", 202402): (29.0, 1),
        ("B0", 202403): (31.0, 1),
    }
    quarter = values[values["indicator_id"] == "meldingen_afhandeltermijn_kwartaal"]
    assert dict(zip(quarter["code"], quarter["value"], strict=True)) == {
        "B0": 17.0,  # 3, 14, 20, 31
        "B1": 5.5,
        "B3": 9.0,  # 7, 8, 9, 10, 29
    }
    assert _indicator(city, "meldingen_afhandeltermijn_maand")["polarity"] == "lager-beter"
    # The NAP-vergelijking counts yearly indicators only.
    ids = [i.id for i in coloured_indicators(Scorer(city))]
    assert ids == ["meldingen_afhandeltermijn"]


def test_a_new_population_rescores_the_months_of_its_year(city: Store) -> None:
    """The marked year 2024 rescores its months too: the weighted NAP of January follows
    B0's new population (the rates themselves were counted when the meldingen came)."""
    ids = city.areas_frame(city.division_id(), "buurt").set_index("code")["id"]

    def publish(people: float) -> None:
        frame = pd.DataFrame(
            {"area_id": [int(ids["B0"])], "indicator_id": "bev", "period": 2024, "value": people}
        )
        with city.begin() as conn:
            city.publish(frame, kind="meetingen", conn=conn, uploader="test")

    publish(3000.0)
    try:
        jan = Scorer(city).score("meldingen_per_1000_maand", 202401, "buurt")
        # (3000 × 2 + 2000 × 1 + 1000 × 0 + 4000 × 1) / 10000
        assert jan["nap"].iloc[0] == pytest.approx(1.2)
    finally:
        publish(1000.0)
    jan = Scorer(city).score("meldingen_per_1000_maand", 202401, "buurt")
    assert jan["nap"].iloc[0] == pytest.approx(1.0)


def test_the_years_of_meldingen_are_their_months_added_up(city: Store) -> None:
    """Every melding has a date, so the yearly counts come from the monthly ones (one
    scan of the points less per publish): the same as counting per year in the database."""
    from monitor.points_indicators import year_counts

    division_id = city.division_id()
    direct = city.point_year_counts(division_id, "meldingen")
    added = year_counts(city.point_month_id_counts(division_id, "meldingen"))
    keys = ["area_id", "category", "year"]
    direct = direct.sort_values(keys, ignore_index=True)
    added = added.sort_values(keys, ignore_index=True)
    assert len(direct) > 0
    pd.testing.assert_frame_equal(direct, added[direct.columns], check_dtype=False)


def test_a_recount_claims_only_what_it_changed(tmp_path: Path) -> None:
    """A small extract recounts every indicator, but only the values it changed become
    part of its upload: the others keep their own upload as herkomst, and undoing it
    brings back only what it changed (it claimed every value: 18,084 on the demo)."""
    store = Store(f"sqlite:///{tmp_path / 'r.sqlite'}")
    _city(store)
    first = check_points(store, _points(tmp_path, "m.csv", MELDINGEN), "meldingen")
    first_id = publish_points(store, first, uploader="test", data_dir=tmp_path / "data")
    division = store.division_id()
    before = store.current_values(division, None, level="buurt")
    extra = check_points(
        store, _points(tmp_path, "extra.csv", [("2024-02-10", "groen", "B2")]), "meldingen"
    )
    second_id = publish_points(store, extra, uploader="test", data_dir=tmp_path / "data")
    after = store.current_values(division, None, level="buurt")
    claimed = after[after["upload_id"] == second_id]
    # B2's February and its quarter, year and shares changed; B0's January did not.
    assert {("B2", "meldingen_aantal_maand", 202402), ("B2", "meldingen_aantal", 2024)} <= set(
        zip(claimed["code"], claimed["indicator_id"], claimed["period"], strict=True)
    )
    kept = after[(after["code"] == "B0") & (after["indicator_id"] == "meldingen_aantal_maand")]
    assert set(kept["upload_id"]) == {first_id}
    assert len(claimed) < len(after) / 4
    store.undo_upload(second_id, by="test")
    again = store.current_values(division, None, level="buurt")
    key = ["code", "indicator_id", "period"]
    pd.testing.assert_frame_equal(
        again.sort_values(key, ignore_index=True)[[*key, "value"]],
        before.sort_values(key, ignore_index=True)[[*key, "value"]],
    )


def test_changed_only_by_hand() -> None:
    from monitor.points_indicators import changed_only

    values = pd.DataFrame(
        {
            "area_id": [1, 1, 2, 3],
            "indicator_id": ["a", "a", "a", "a"],
            "period": [2024, 202401, 2024, 2024],
            "value": [5.0, float("nan"), 7.0, 1.0],
            "n": [float("nan")] * 4,
        }
    )
    current = pd.DataFrame(
        {
            "area_id": [1, 1, 2],
            "indicator_id": ["a", "a", "a"],
            "period": [2024, 202401, 2024],
            "value": [5.0, float("nan"), 6.0],
            "n": [float("nan")] * 3,
        }
    )
    kept = changed_only(values, current)
    # same value, missing equals missing: out; a changed value and a new key: in
    assert list(zip(kept["area_id"], kept["value"], strict=True)) == [(2, 7.0), (3, 1.0)]


def test_the_rate_hides_buurten_of_few_inhabitants(city: Store) -> None:
    """Like the catalogue's own rates, a rate per 1,000 inwoners needs 100 inhabitants:
    one melding in a buurt of 37 would read as 27 per 1,000 and colour the map."""
    for indicator_id in ("meldingen_per_1000", "meldingen_per_1000_maand"):
        assert _indicator(city, indicator_id)["min_population"] == 100
