"""Series across a change of division (``monitor.crosswalk``): a hand-checked small case
(two squares redrawn as three strips), a property test (the total of a count is kept),
and ``monitor omrekenen`` through the store: recomputed values are published in the new
division, marked *omgerekend* with their method, and periods the new division measured
itself are left alone."""

from __future__ import annotations

import math

import geopandas as gpd
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import box

from monitor import catalog
from monitor.areas import write_areas
from monitor.crosswalk import build, convert, is_recomputed, partly_valued, recompute
from monitor.store import Store

RD = "EPSG:28992"
X0, Y0 = 120_000.0, 485_000.0  # somewhere in Amsterdam, in RD New metres


def frame(cells: dict[str, tuple[float, float, float, float]]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"code": list(cells), "name": list(cells)},
        geometry=[box(X0 + a, Y0 + b, X0 + c, Y0 + d) for a, b, c, d in cells.values()],
        crs=RD,
    )


# Two squares of 100 m, redrawn as three strips: X = left half of A, Y = right half of A
# and left half of B, Z = right half of B.
OLD = {"A": (0, 0, 100, 100), "B": (100, 0, 200, 100)}
NEW = {"X": (0, 0, 50, 100), "Y": (50, 0, 150, 100), "Z": (150, 0, 200, 100)}


def test_two_squares_into_three_strips_by_hand() -> None:
    walk = build(frame(OLD), frame(NEW))
    shares = {(r.van, r.naar): round(r.share, 9) for r in walk.pieces.itertuples()}
    assert shares == {("A", "X"): 0.5, ("A", "Y"): 0.5, ("B", "Y"): 0.5, ("B", "Z"): 0.5}
    assert walk.uncovered == []
    # Counts: A 100 inwoners, B 40 → X 50, Y 50 + 20 = 70, Z 20 (total 140 both sides).
    counts = recompute(pd.Series({"A": 100.0, "B": 40.0}), walk, "som")
    assert counts.round(9).to_dict() == {"X": 50.0, "Y": 70.0, "Z": 20.0}
    # Rates by area: A 10 %, B 20 % → Y is half of each: 15 %.
    rates = pd.Series({"A": 10.0, "B": 20.0})
    assert recompute(rates, walk, "gemiddelde").round(9).to_dict() == {
        "X": 10.0,
        "Y": 15.0,
        "Z": 20.0,
    }
    # Weighted by population (A 300, B 100): Y holds 150 of A and 50 of B →
    # (10·150 + 20·50) / 200 = 12.5 %.
    weighted = recompute(rates, walk, "gemiddelde", pd.Series({"A": 300.0, "B": 100.0}))
    assert weighted.round(9).to_dict() == {"X": 10.0, "Y": 12.5, "Z": 20.0}
    # A missing value is left out, as in aggregation; a count of a new area with an
    # unvalued piece is not the sum of the rest (Y would get 50: half of A only) but
    # stays empty (review finding); X lies in A alone and keeps its 50.
    partial = recompute(pd.Series({"A": 100.0, "B": math.nan}), walk, "som")
    assert partial.round(9).to_dict() == {"X": 50.0}
    assert partly_valued(pd.Series({"A": 100.0, "B": math.nan}), walk) == ["Y"]
    assert partly_valued(pd.Series({"A": 100.0}), walk) == ["Y"]  # B not measured at all
    assert partly_valued(pd.Series({"A": 100.0, "B": 40.0}), walk) == []
    # A rate is still the mean of the valued pieces: Y from A alone.
    rate = recompute(pd.Series({"A": 10.0, "B": math.nan}), walk, "gemiddelde")
    assert rate.round(9).to_dict() == {"X": 10.0, "Y": 10.0}


def test_an_area_partly_outside_the_new_division_is_named() -> None:
    walk = build(frame(OLD), frame({"X": (0, 0, 150, 100)}))
    assert walk.uncovered == ["B"]
    assert recompute(pd.Series({"A": 100.0, "B": 40.0}), walk, "som").round(9).to_dict() == {
        "X": 120.0
    }


def test_slivers_from_boundaries_drawn_differently_do_not_leak_counts() -> None:
    # The new X reaches 5 cm into B: that piece is dropped and B stays whole in Y.
    walk = build(frame(OLD), frame({"X": (0, 0, 100.05, 100), "Y": (100.05, 0, 200, 100)}))
    assert set(zip(walk.pieces["van"], walk.pieces["naar"], strict=True)) == {
        ("A", "X"),
        ("B", "Y"),
    }
    counts = recompute(pd.Series({"A": 100.0, "B": 40.0}), walk, "som")
    assert counts.round(9).to_dict() == {"X": 100.0, "Y": 40.0}


cuts = st.lists(st.integers(1, 99), max_size=5, unique=True).map(sorted)


@settings(max_examples=40, deadline=None)
@given(
    old_x=cuts,
    new_x=cuts,
    new_y=cuts,
    counts=st.lists(st.floats(0, 1e6, allow_nan=False), min_size=6, max_size=6),
)
def test_the_total_of_a_count_is_preserved(
    old_x: list[int], new_x: list[int], new_y: list[int], counts: list[float]
) -> None:
    """Any partition of a rectangle into vertical strips, recomputed onto any grid over the
    same rectangle: the new areas together hold exactly what the old ones held."""
    xs = [0, *old_x, 100]
    old = {f"o{i}": (xs[i], 0, xs[i + 1], 100) for i in range(len(xs) - 1)}
    gx, gy = [0, *new_x, 100], [0, *new_y, 100]
    new = {
        f"n{i}-{j}": (gx[i], gy[j], gx[i + 1], gy[j + 1])
        for i in range(len(gx) - 1)
        for j in range(len(gy) - 1)
    }
    values = pd.Series(dict(zip(old, counts, strict=False)))
    walk = build(frame(old), frame(new))
    assert walk.uncovered == []
    result = recompute(values, walk, "som")
    assert set(result.index) <= set(new)
    assert result.sum() == pytest.approx(values.sum(), rel=1e-9, abs=1e-6)


# -- through the store -----------------------------------------------------------------


def _indicators(store: Store) -> None:
    inw = catalog.Indicator(
        id="INW",
        label_nl="Inwoners",
        domain="overig",
        unit="aantal",
        polarity="geen",
        decimals=0,
        aggregation="som",
    )
    werkl = catalog.Indicator(
        id="WERKL_P",
        label_nl="Werkloosheid",
        domain="overig",
        unit="%",
        polarity="lager-beter",
        aggregation="gewogen-gemiddelde",
        weight_indicator="INW",
    )
    with store.begin() as conn:
        store.upsert_indicators([inw.row(), werkl.row()], conn)


def _publish(store: Store, division: str, rows: list[tuple[str, str, int, float]]) -> None:
    division_id = store.division_id(division)
    ids = dict(zip(*store.areas_frame(division_id)[["code", "id"]].T.to_numpy(), strict=True))
    data = pd.DataFrame(rows, columns=["code", "indicator_id", "period", "value"])
    data["area_id"] = data.pop("code").map(ids).astype("int64")
    with store.begin() as conn:
        store.publish(data, kind="meetingen", conn=conn, source="test")


def test_omrekenen_publishes_marked_values_in_the_new_division(store: Store) -> None:
    write_areas(store, frame(OLD), "buurt", division="oud", gemeente="Teststad")
    write_areas(store, frame(NEW), "buurt", division="nieuw", gemeente="Teststad")
    _indicators(store)
    _publish(
        store,
        "oud",
        [
            ("A", "INW", 2020, 300.0),
            ("B", "INW", 2020, 100.0),
            ("A", "WERKL_P", 2020, 10.0),
            ("B", "WERKL_P", 2020, 20.0),
            ("A", "INW", 2021, 310.0),
            ("B", "INW", 2021, 90.0),
        ],
    )
    _publish(store, "nieuw", [("X", "INW", 2021, 151.0), ("Y", "INW", 2021, 200.0)])
    result = convert(store, "oud", "nieuw", gewicht="INW")
    assert result.recomputed == {"WERKL_P": [2020]}
    # Without --gewicht a rate is weighted by its catalogue weight (WERKL_P: INW).
    result = convert(store, "oud", "nieuw", indicators=["INW", "WERKL_P"])
    assert result.recomputed == {"INW": [2020], "WERKL_P": [2020]}
    assert result.measured == {"INW": [2021]}  # the new division's own count stays
    new_id = store.division_id("nieuw")
    got = store.current_values(new_id, ["INW", "WERKL_P"])
    values = {(r.code, r.indicator_id, r.period): r.value for r in got.itertuples()}
    assert values == {
        ("X", "INW", 2020): 150.0,
        ("Y", "INW", 2020): 200.0,
        ("Z", "INW", 2020): 50.0,
        ("X", "WERKL_P", 2020): 10.0,
        ("Y", "WERKL_P", 2020): 12.5,
        ("Z", "WERKL_P", 2020): 20.0,
        ("X", "INW", 2021): 151.0,
        ("Y", "INW", 2021): 200.0,
    }
    sources = store.measurement_sources(new_id, ["INW", "WERKL_P"])
    marked = sources[sources["source"].map(is_recomputed)]
    assert sorted(zip(marked["indicator_id"], marked["period"], strict=True)) == [
        ("INW", 2020),
        ("WERKL_P", 2020),
    ]
    assert dict(zip(marked["indicator_id"], marked["source"], strict=True)) == {
        "INW": "omgerekend van oud naar nieuw (buurt): aantal, naar oppervlakte verdeeld",
        "WERKL_P": "omgerekend van oud naar nieuw (buurt): gemiddelde, gewogen naar INW",
    }
    assert result.source == (
        "omgerekend van oud naar nieuw (buurt): aantal, naar oppervlakte verdeeld; "
        "gemiddelde, gewogen naar INW"
    )
    assert not sources.loc[sources["period"] == 2021, "source"].map(is_recomputed).any()


def test_trends_marks_the_recomputed_periods(store: Store) -> None:
    from layouts.trends import figure, note
    from monitor.scoring import Scorer
    from monitor.trends import area_trend

    write_areas(store, frame(OLD), "buurt", division="oud", gemeente="Teststad")
    write_areas(store, frame(NEW), "buurt", division="nieuw", gemeente="Teststad")
    _indicators(store)
    _publish(store, "oud", [("A", "INW", 2019, 300.0), ("B", "INW", 2019, 100.0)])
    _publish(store, "oud", [("A", "INW", 2020, 310.0), ("B", "INW", 2020, 90.0)])
    _publish(
        store, "nieuw", [(c, "INW", 2021, v) for c, v in zip("XYZ", (150, 200, 60), strict=True)]
    )
    convert(store, "oud", "nieuw", indicators=["INW"])
    trend = area_trend(Scorer(store, store.division_id("nieuw")), "INW", "buurt", ["Y"])
    assert trend.years == [2019, 2020, 2021]
    assert trend.recomputed == [2019, 2020]
    y = trend.lines[trend.lines["role"] == "gebied"].set_index("period")["value"]
    assert y.round(6).to_dict() == {2019: 200.0, 2020: 200.0, 2021: 200.0}
    fig = figure(trend, "nl")
    (band,) = fig.layout.shapes
    assert (band.x0, band.x1) == (2018.5, 2020.5)
    assert [a.text for a in fig.layout.annotations] == ["omgerekend naar deze gebiedsindeling"]
    assert note(trend, "en").endswith("Recomputed from an older division: 2019, 2020.")


def test_the_profile_says_a_value_was_recomputed(store: Store) -> None:
    from monitor.profile import Sources

    write_areas(store, frame(OLD), "buurt", division="oud", gemeente="Teststad")
    write_areas(store, frame(NEW), "buurt", division="nieuw", gemeente="Teststad")
    _indicators(store)
    _publish(store, "oud", [("A", "INW", 2019, 300.0), ("B", "INW", 2019, 100.0)])
    result = convert(store, "oud", "nieuw")
    text = Sources(store, "nl")(float(result.upload_id))
    assert text.startswith(f"upload {result.upload_id}: omgerekend van oud naar nieuw (buurt): ")
    assert Sources(store, "nl")(1.0).startswith("upload 1: ")
    assert "omgerekend" not in Sources(store, "nl")(1.0)


def test_omrekenen_leaves_a_partly_valued_count_empty_and_says_so(store: Store, tmp_path) -> None:
    """B has no count in 2020: Y, half A and half B, is left empty rather
    than given A's half alone; the command line names it."""
    from typer.testing import CliRunner

    from monitor.cli import app as cli_app

    write_areas(store, frame(OLD), "buurt", division="oud", gemeente="Teststad")
    write_areas(store, frame(NEW), "buurt", division="nieuw", gemeente="Teststad")
    _indicators(store)
    _publish(store, "oud", [("A", "INW", 2020, 300.0), ("A", "WERKL_P", 2020, 10.0)])
    env = {
        "MONITOR_DATABASE_URL": str(store.engine.url),
        "MONITOR_DATA_DIR": str(tmp_path / "data"),
        "COLUMNS": "300",
    }
    done = CliRunner().invoke(cli_app, ["omrekenen", "--van", "oud", "--naar", "nieuw"], env=env)
    assert done.exit_code == 0, (done.output, done.exception)
    assert "INW 2020: leeg gelaten in Y: niet elk oud stuk had een waarde" in done.output
    got = store.current_values(store.division_id("nieuw"), ["INW", "WERKL_P"])
    values = {(r.code, r.indicator_id): r.value for r in got.itertuples()}
    assert values == {("X", "INW"): 150.0, ("X", "WERKL_P"): 10.0, ("Y", "WERKL_P"): 10.0}


def test_cli_omrekenen_reports_and_refuses_unknown_indicators(store: Store, tmp_path) -> None:
    from typer.testing import CliRunner

    from monitor.cli import app as cli_app

    write_areas(store, frame(OLD), "buurt", division="oud", gemeente="Teststad")
    write_areas(store, frame({"X": (0, 0, 150, 100)}), "buurt", division="nieuw")
    _indicators(store)
    _publish(store, "oud", [("A", "INW", 2019, 300.0), ("B", "INW", 2019, 100.0)])
    env = {
        "MONITOR_DATABASE_URL": str(store.engine.url),
        "MONITOR_DATA_DIR": str(tmp_path / "data"),
        "COLUMNS": "300",
    }
    runner = CliRunner()
    args = ["omrekenen", "--van", "oud", "--naar", "nieuw"]
    done = runner.invoke(cli_app, args, env=env)
    assert done.exit_code == 0, (done.output, done.exception)
    assert "Omgerekend van oud naar nieuw: 1 waarden als upload 2 (2 stukken)." in done.output
    assert "INW: 2019" in done.output
    assert "1 gebieden liggen deels buiten nieuw" in done.output and ": B" in done.output
    assert store.current_values(store.division_id("nieuw"), ["INW"])["value"].tolist() == [350.0]
    refused = runner.invoke(cli_app, [*args, "--indicator", "NIETS"], env=env)
    assert refused.exit_code != 0
    assert str(refused.exception) == "Onbekende indicator(en): NIETS."
