"""The reference choice (monitor/scoring/reference.py, similar_nap.py, similar_table.py):
a buurt against its stadsdeel and against its similar buurten, computed by hand on a
tiny division; the vectorised neighbours against the one-by-one ones on the demo city;
the names in sentences; and ``monitor score`` / ``monitor export scores --referentie``."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from monitor import similar
from monitor.catalog import Indicator
from monitor.cli import app as cli
from monitor.errors import MonitorError
from monitor.messages import class_label
from monitor.scoring import Scorer
from monitor.scoring.compute import Inputs, Options, compute
from monitor.scoring.frames import score_frame
from monitor.scoring.reference import available, average_names, choice_of, choice_options
from monitor.similar_table import nearest_all, neighbour_table
from monitor.store import Store
from tests.support import demo_database

# -- a tiny division, by hand ---------------------------------------------------------
#
# Gemeente G (published value 10) with stadsdelen A (published value 8) and B (none).
# A holds buurten A1 (6), A2 (8), A3 (10); B holds B1 (12), B2 (14), B3 (16).
# The spread of the six buurten within G: mean 11, squares 25+9+1+1+9+25 = 70,
# sd = sqrt(70/6) = 3.4157. Within A: mean 8, sd = sqrt(8/3) = 1.633; within B: 14, 1.633.

BUURTEN = {"A1": 6.0, "A2": 8.0, "A3": 10.0, "B1": 12.0, "B2": 14.0, "B3": 16.0}


def tiny_inputs(weights: dict[str, float] | None = None) -> Inputs:
    rows = [
        {"id": 1, "code": "G", "name": "Gstad", "level": "gemeente"},
        {"id": 2, "code": "A", "name": "Oost", "level": "stadsdeel", "gemeente_code": "G"},
        {"id": 3, "code": "B", "name": "West", "level": "stadsdeel", "gemeente_code": "G"},
    ]
    for i, code in enumerate(BUURTEN):
        rows.append(
            {
                "id": 10 + i,
                "code": code,
                "name": f"Buurt {code}",
                "level": "buurt",
                "stadsdeel_code": code[0],
                "gemeente_code": "G",
            }
        )
    areas = pd.DataFrame(rows)
    for column in ("wijk_code", "gebied_code", "stadsdeel_code", "gemeente_code"):
        if column not in areas:
            areas[column] = None
    areas = areas.astype(object).where(areas.notna(), None)
    ids = dict(zip(areas["code"], areas["id"], strict=True))
    values = [("G", 10.0), ("A", 8.0), *BUURTEN.items()]
    table = [
        {"area_id": ids[c], "indicator_id": "x", "period": 2024, "value": v} for c, v in values
    ]
    catalog = {
        "x": Indicator("x", "X", "d", "%", "lager-beter", weight_indicator="w" if weights else None)
    }
    if weights:
        catalog["w"] = Indicator("w", "W", "d", "aantal", "geen", aggregation="som")
        table += [
            {"area_id": ids[c], "indicator_id": "w", "period": 2024, "value": v}
            for c, v in weights.items()
        ]
    frame = pd.DataFrame(table).assign(n=np.nan, flag=None, upload_id=1.0)
    return Inputs(areas, frame, catalog, None, "Gstad")


def scored(inputs: Inputs, options: Options) -> pd.DataFrame:
    result = compute(inputs, indicator_ids=["x"], periods=[2024], levels=["buurt"], options=options)
    groups = result.groups.assign(id=range(len(result.groups)))
    rows = result.rows.assign(group_id=result.rows["group"])
    frame = score_frame(
        groups,
        rows,
        inputs.areas,
        inputs.catalog["x"],
        2024,
        "buurt",
        reference_level=options.reference_level,
    )
    frame.attrs["referentie"] = choice_of(options)
    frame.attrs["gemeente"] = "Gstad"
    return frame.set_index("code")


def test_a_buurt_against_its_stadsdeel_by_hand() -> None:
    frame = scored(tiny_inputs(), choice_options("stadsdeel", "buurt"))
    # A has a published value (8): that is its NAP. B has none: the mean 14 of its buurten.
    assert frame.loc["A1", "nap"] == 8.0 and frame.loc["A1", "nap_source"] == "stadswaarde"
    assert frame.loc["B1", "nap"] == pytest.approx(14.0)
    assert frame.loc["B1", "nap_source"] == "gemiddelde"
    sd = math.sqrt(8 / 3)  # the spread within the stadsdeel
    assert frame.loc["A1", "spread"] == pytest.approx(sd)
    # A1: z = (6 − 8) / 1.633 = −1.22, lower is better → beter; A2 exactly 8 → rond;
    # B3: z = (16 − 14) / 1.633 = 1.22 → slechter.
    assert frame.loc["A1", "z"] == pytest.approx(-2 / sd)
    assert frame.loc[["A1", "A2", "B3"], "klasse"].tolist() == ["beter", "rond", "slechter"]
    # Against the gemeente (10, sd 3.4157) A3 is rond and B1 (z 0.59) slechter.
    city = scored(tiny_inputs(), choice_options("gemeente", "buurt"))
    assert city.loc["B1", "z"] == pytest.approx(2 / math.sqrt(70 / 6))
    assert city.loc[["A3", "B1"], "klasse"].tolist() == ["rond", "slechter"]
    # Named: the stadsdeel by name.
    names = dict(zip(frame.index, average_names(frame.reset_index()), strict=True))
    assert names["A1"] == "gemiddelde van stadsdeel Oost"
    assert class_label("beter", gemiddelde=names["A1"]) == (
        "beter dan het gemiddelde van stadsdeel Oost"
    )
    assert names["B1"] == "gemiddelde van stadsdeel West"


# Neighbours by hand (rank order): A1 → A2, B1; A2 → A1, A3; A3 → B1, B2;
# B1 → B2, B3; B2 → B3 only; B3 → none.
NEIGHBOURS = [
    ("A1", "A2", 0),
    ("A1", "B1", 1),
    ("A2", "A1", 0),
    ("A2", "A3", 1),
    ("A3", "B1", 0),
    ("A3", "B2", 1),
    ("B1", "B2", 0),
    ("B1", "B3", 1),
    ("B2", "B3", 0),
]


def with_neighbours(inputs: Inputs) -> Inputs:
    ids = dict(zip(inputs.areas["code"], inputs.areas["id"], strict=True))
    inputs.neighbours = pd.DataFrame(
        [(ids[a], ids[b], r) for a, b, r in NEIGHBOURS],
        columns=["area_id", "neighbour_id", "rank"],
    )
    return inputs


def test_a_buurt_against_its_similar_buurten_by_hand() -> None:
    frame = scored(with_neighbours(tiny_inputs()), choice_options("vergelijkbaar", "buurt"))
    # A1: (8 + 12) / 2 = 10; A2: (6 + 10) / 2 = 8; A3: (12 + 14) / 2 = 13;
    # B1: (14 + 16) / 2 = 15; B2: 16 (one neighbour); B3: none → no colour.
    assert frame["nap"].tolist()[:5] == pytest.approx([10.0, 8.0, 13.0, 15.0, 16.0])
    assert math.isnan(frame.loc["B3", "nap"])
    assert frame.loc["A1", "nap_source"] == "vergelijkbaar 2"
    assert frame.loc["B2", "nap_source"] == "vergelijkbaar 1"
    # The spread is that of the gemeente's buurten, as against NAP: sqrt(70/6).
    sd = math.sqrt(70 / 6)
    assert frame.loc["A1", "spread"] == pytest.approx(sd)
    # A1: z = (6 − 10) / 3.4157 = −1.17 → beter; A2: 0 → rond; A3: (10 − 13) / 3.4157 =
    # −0.88 → beter; B1: −0.88 → beter; B2: (14 − 16) / 3.4157 = −0.59 → beter.
    assert frame.loc["A1", "z"] == pytest.approx(-4 / sd)
    assert frame.loc["A3", "z"] == pytest.approx(-3 / sd)
    assert frame["klasse"].tolist() == ["beter", "rond", "beter", "beter", "beter", "geen_gegevens"]
    assert frame.loc["B3", "reden_code"] == "te_weinig_vergelijkbaar"
    names = average_names(frame.reset_index())
    assert names[0] == "gemiddelde van 2 vergelijkbare buurten"
    assert class_label("beter", gemiddelde=names[0]) == (
        "beter dan het gemiddelde van 2 vergelijkbare buurten"
    )


def test_similar_buurten_weighted_by_population_by_hand() -> None:
    weights = {"A1": 100.0, "A2": 300.0, "A3": 100.0, "B1": 100.0, "B2": 100.0, "B3": 100.0}
    frame = scored(with_neighbours(tiny_inputs(weights)), choice_options("vergelijkbaar", "buurt"))
    # A1: (300 × 8 + 100 × 12) / 400 = 9; A3: (100 × 12 + 100 × 14) / 200 = 13.
    assert frame.loc["A1", "nap"] == pytest.approx(9.0)
    assert frame.loc["A3", "nap"] == pytest.approx(13.0)
    assert frame.loc["A1", "nap_source"] == "vergelijkbaar gewogen 2"
    assert average_names(frame.reset_index())[0] == (
        "gewogen gemiddelde van 2 vergelijkbare buurten"
    )


def test_half_of_the_neighbours_must_have_a_value() -> None:
    inputs = with_neighbours(tiny_inputs())
    # A3's neighbours are B1 and B2; without B1 and B2 values A3 has no reference.
    ids = dict(zip(inputs.areas["code"], inputs.areas["id"], strict=True))
    inputs.values = inputs.values[~inputs.values["area_id"].isin([ids["B1"], ids["B2"]])]
    frame = scored(inputs, choice_options("vergelijkbaar", "buurt"))
    assert math.isnan(frame.loc["A3", "nap"])
    assert frame.loc["A3", "reden_code"] == "te_weinig_vergelijkbaar"
    # A1 keeps one of its two (A2 = 8): one of two is half, enough.
    assert frame.loc["A1", "nap"] == pytest.approx(8.0)


def test_choices_and_their_options() -> None:
    levels = {"gemeente", "stadsdeel", "wijk", "buurt"}
    assert available(levels, "buurt") == [
        "gemeente",
        "wijk",
        "stadsdeel",
        "vergelijkbaar",
        "basisjaar",
    ]
    assert available(levels, "stadsdeel") == ["gemeente", "vergelijkbaar", "basisjaar"]
    assert choice_options("stadsdeel", "buurt") == Options(reference_level="stadsdeel")
    # A stadsdeel is not compared with itself: the gemeente.
    assert choice_options("stadsdeel", "stadsdeel") == Options()
    assert choice_options("basisjaar", "buurt", 2018) == Options(
        reference="basisjaar", base_year=2018
    )
    with pytest.raises(MonitorError, match="Referentie 'land' onbekend"):
        choice_options("land", "buurt")


def test_nearest_all_matches_nearest_by_hand() -> None:
    """The same small case as tests/test_similar.py: T's neighbours are V, W, X."""
    z = pd.DataFrame(
        {
            "i": [0.0, 1.0, 1.0, 1.0, 0.0],
            "j": [0.0, np.nan, 1.0, 1.0, 2.0],
            "k": [0.0, np.nan, np.nan, 1.0, np.nan],
        },
        index=list("TUVWX"),
    )
    rows, others, ranks = nearest_all(z.to_numpy(), 5)
    mine = [z.index[o] for r, o in zip(rows, others, strict=True) if r == 0]
    assert mine == ["V", "W", "X"]
    for target in z.index:
        expected, _ = similar.nearest(z, target, k=5)
        found = [z.index[o] for r, o in zip(rows, others, strict=True) if z.index[r] == target]
        assert found == list(expected.index), target
    assert ranks[rows == 0].tolist() == [0, 1, 2]


# -- the demo city ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return demo_database(tmp_path_factory.mktemp("reference"))


def test_demo_neighbours_are_the_profiles_similar_buurten(demo_url: str) -> None:
    scorer = Scorer(Store(demo_url))
    table = neighbour_table(scorer, "buurt")
    codes = scorer.areas("buurt").set_index("id")["code"]
    assert table["area_id"].nunique() > 80
    for area_id, rows in table.groupby("area_id"):
        own = similar.similar_areas(scorer, codes[area_id]).neighbours.index.tolist()
        assert [codes[i] for i in rows.sort_values("rank")["neighbour_id"]] == own


def test_demo_similar_reference_is_the_mean_of_the_neighbours(demo_url: str) -> None:
    scorer = Scorer(Store(demo_url))
    frame = scorer.score("werkloosheid_p", 2023, "buurt", referentie="vergelijkbaar")
    city = scorer.score("werkloosheid_p", 2023, "buurt")
    values = city.set_index("code")["value"]
    first = frame.iloc[0]
    own = similar.similar_areas(scorer, first["code"]).neighbours.index.tolist()
    weight = scorer.indicator("werkloosheid_p").weight_indicator
    if weight:
        w = scorer.score(weight, 2023, "buurt").set_index("code")["value"][own]
        expected = float((values[own] * w).sum() / w.sum())
    else:
        expected = float(values[own].mean())
    assert first["nap"] == pytest.approx(expected)
    assert frame.attrs["referentie"] == "vergelijkbaar"
    # The spread is the gemeente's, as against NAP.
    assert first["spread"] == pytest.approx(city.iloc[0]["spread"])
    # Cached per generation: the second read is the same frame.
    again = scorer.score("werkloosheid_p", 2023, "buurt", referentie="vergelijkbaar")
    assert again["nap"].equals(frame["nap"])


def test_demo_stadsdeel_reference_named(demo_url: str) -> None:
    scorer = Scorer(Store(demo_url))
    frame = scorer.score("werkloosheid_p", 2023, "buurt", referentie="stadsdeel")
    areas = scorer.areas("buurt").set_index("code")
    names = average_names(frame)
    row = frame.iloc[0]
    stadsdelen = scorer.areas("stadsdeel").set_index("code")
    stadsdeel = stadsdelen.loc[areas.loc[row["code"], "stadsdeel_code"]]
    assert names[0] == f"gemiddelde van stadsdeel {stadsdeel['name']}"
    base = scorer.score("werkloosheid_p", 2023, "buurt", referentie="basisjaar", base_year=2018)
    assert average_names(base)[0] == "gemiddelde van Voorbeeldstad in 2018 (basisjaar)"
    assert class_label("beter", gemiddelde=average_names(base)[0]).endswith("in 2018 (basisjaar)")


def test_cli_score_and_export_with_referentie(demo_url: str, tmp_path: Path) -> None:
    env = {"MONITOR_DATABASE_URL": demo_url, "COLUMNS": "200"}
    runner = CliRunner()
    done = runner.invoke(
        cli,
        ["score", "werkloosheid_p", "--period", "2023", "--level", "buurt", "--referentie",
         "stadsdeel"],
        env=env,
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    assert "Vergeleken met het gemiddelde van het eigen stadsdeel" in done.output
    assert "dan het gemiddelde van stadsdeel Noord" in done.output
    out = tmp_path / "v.csv"
    done = runner.invoke(
        cli,
        ["export", "scores", "werkloosheid_p", "--period", "2023", "--level", "buurt",
         "--referentie", "vergelijkbaar", "-o", str(out)],
        env=env,
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    text = out.read_text(encoding="utf-8-sig")
    assert "vergeleken_met" in text.splitlines()[0]
    assert "vergelijkbare buurten" in text
    bad = runner.invoke(
        cli,
        ["score", "werkloosheid_p", "--period", "2023", "--level", "buurt", "--referentie",
         "land"],
        env=env,
    )  # fmt: skip
    assert bad.exit_code != 0
    assert "Referentie 'land' onbekend" in str(bad.exception or "") + bad.output


def test_demo_series_with_a_reference_is_the_score_of_each_year(demo_url: str) -> None:
    scorer = Scorer(Store(demo_url))
    for referentie in ("vergelijkbaar", "stadsdeel"):
        series = scorer.series(
            "werkloosheid_p", [2021, 2023], "buurt", ["N01a", "N01b"], referentie=referentie
        )
        assert series.attrs["referentie"] == referentie
        for year in (2021, 2023):
            one = scorer.score("werkloosheid_p", year, "buurt", referentie=referentie)
            one = one.set_index("code").loc[["N01a", "N01b"]]
            part = series[series["period"] == year].set_index("code")
            assert part["nap"].tolist() == pytest.approx(one["nap"].tolist())
            assert part["klasse"].tolist() == one["klasse"].tolist()
