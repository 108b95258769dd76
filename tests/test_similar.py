"""Vergelijkbare buurten (monitor/similar.py): standardising, NaN-aware Euclidean
distances and the nearest areas, checked on small cases computed by hand; then on the
demo city through the store."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from monitor import demo, similar
from monitor.errors import MonitorError
from monitor.scoring import Scorer
from monitor.store import Store

# Four areas, two indicators. Column a: 1, 2, 3, 6 → mean 3, population sd
# sqrt((4 + 1 + 0 + 9) / 4) = sqrt(3.5). Column b: 10, 10, 20, 20 → mean 15, sd 5.
FOUR = pd.DataFrame({"a": [1.0, 2.0, 3.0, 6.0], "b": [10.0, 10.0, 20.0, 20.0]}, index=list("PQRS"))


def test_standardise_by_hand() -> None:
    z, dropped = similar.standardise(FOUR)
    sd = math.sqrt(3.5)
    assert z["a"].tolist() == pytest.approx([-2 / sd, -1 / sd, 0.0, 3 / sd])
    assert z["b"].tolist() == pytest.approx([-1.0, -1.0, 1.0, 1.0])
    assert dropped == {}


def test_standardise_drops_columns_without_spread_or_values() -> None:
    frame = FOUR.assign(c=[5.0, 5.0, 5.0, 5.0], d=[np.nan, 1.0, np.nan, np.nan])
    z, dropped = similar.standardise(frame)
    assert list(z.columns) == ["a", "b"]
    assert dropped == {"c": "no_spread", "d": "few_values"}


def test_nearest_by_hand() -> None:
    """Distances from P (z = (−2/√3.5, −1)):
    Q: Δ = (1/√3.5, 0) → √(1/3.5) = 0.5345
    R: Δ = (2/√3.5, 2) → √(4/3.5 + 4) = 2.2678
    S: Δ = (5/√3.5, 2) → √(25/3.5 + 4) = 3.3381"""
    z, _ = similar.standardise(FOUR)
    found = similar.distances(z, "P")
    assert found["distance"].to_dict() == pytest.approx(
        {"Q": math.sqrt(1 / 3.5), "R": math.sqrt(4 / 3.5 + 4), "S": math.sqrt(25 / 3.5 + 4)}
    )
    near, skipped = similar.nearest(z, "P", k=2)
    assert list(near.index) == ["Q", "R"] and skipped == 0
    # Q lies closest on b (Δ 0), then on a; R closest on a (2/√3.5 = 1.07 < 2).
    assert near.loc["Q", "why"] == ["b", "a"]
    assert near.loc["R", "why"] == ["a", "b"]
    assert near["shared"].tolist() == [2, 2]


def test_missing_values_scale_the_distance_and_too_few_shared_are_skipped() -> None:
    """Raw z-scores so the arithmetic is plain. Target T = (0, 0, 0).
    U has (1, NaN, NaN): shares 1 of 3; T has 3, so at least ceil(3/2) = 2 needed: skipped.
    V has (1, 1, NaN): shares 2 → √(3/2 × (1 + 1)) = √3.
    W has (1, 1, 1): √3 as well; the tie is broken by code (V before W).
    X has (0, 2, NaN): √(3/2 × 4) = √6."""
    z = pd.DataFrame(
        {
            "i": [0.0, 1.0, 1.0, 1.0, 0.0],
            "j": [0.0, np.nan, 1.0, 1.0, 2.0],
            "k": [0.0, np.nan, np.nan, 1.0, np.nan],
        },
        index=list("TUVWX"),
    )
    near, skipped = similar.nearest(z, "T", k=5)
    assert skipped == 1
    assert list(near.index) == ["V", "W", "X"]
    assert near["distance"].tolist() == pytest.approx([math.sqrt(3), math.sqrt(3), math.sqrt(6)])
    assert near["shared"].tolist() == [2, 3, 2]
    assert near.loc["X", "why"] == ["i", "j"]


def test_an_area_without_values_has_no_neighbours() -> None:
    z = pd.DataFrame({"i": [np.nan, 1.0, 2.0]}, index=list("ABC"))
    near, skipped = similar.nearest(z, "A")
    assert near.empty and skipped == 2


def test_sets_file(tmp_path) -> None:
    sets = similar.load_sets()
    assert {s.key for s in sets} >= {"voorbeeldstad", "amsterdam-bbga"}
    bad = tmp_path / "s.toml"
    bad.write_text('[[set]]\nkey = "x"\nindicators = ["a"]\n', encoding="utf-8")
    with pytest.raises(MonitorError, match="minstens twee"):
        similar.load_sets(bad)


@pytest.fixture(scope="module")
def scorer(tmp_path_factory: pytest.TempPathFactory) -> Scorer:
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('similar') / 's.sqlite'}")
    store.upgrade()
    demo.install(store)
    return Scorer(store)


def test_similar_buurten_of_the_demo(scorer: Scorer) -> None:
    """Pareldorp's neighbours: buurten of Voorbeeldstad, nearest first, each explained;
    the distances are those of the stored values standardised by hand."""
    sim = similar.similar_areas(scorer, "n01a", k=3)
    assert sim.code == "N01a" and sim.level == "buurt"
    assert sim.used == ["inkomen_gem", "minima_p", "werkzaam_p", "eenouder_p"]
    assert len(sim.neighbours) == 3
    assert sim.neighbours["distance"].is_monotonic_increasing
    assert "N01a" not in sim.neighbours.index
    # Recompute the first neighbour's distance from the raw stored values.
    raw = sim.values
    z = (raw - raw.mean()) / raw.std(ddof=0)
    first = sim.neighbours.index[0]
    diff = (z.loc[first] - z.loc["N01a"]).dropna()
    expected = math.sqrt(len(sim.used) / len(diff) * float((diff**2).sum()))
    assert sim.neighbours.loc[first, "distance"] == pytest.approx(expected)
    text = similar.why_text(sim, first, scorer.indicators, "nl")
    assert text.startswith("lijkt het meest op Pareldorp in: ")
    notes = similar.method_note(sim, scorer.indicators, "en")
    assert "standardised" in notes[0]


def test_own_indicator_choice_and_unknown_area(scorer: Scorer) -> None:
    sim = similar.similar_areas(scorer, "N01a", k=2, indicator_ids=["werkloosheid_p", "nope"])
    assert sim.used == ["werkloosheid_p"] and len(sim.neighbours) == 2
    with pytest.raises(MonitorError):
        similar.similar_areas(scorer, "GEEN")


@pytest.fixture(scope="module")
def amsterdam(tmp_path_factory: pytest.TempPathFactory) -> Scorer:
    from tests.support import require_shared
    from tests.test_bbga import load_amsterdam

    require_shared()
    url = f"sqlite:///{tmp_path_factory.mktemp('ams') / 'a.sqlite'}"
    load_amsterdam(url)
    return Scorer(Store(url))


def test_similar_gebieden_on_the_bbga(amsterdam: Scorer) -> None:
    """The BBGA set is chosen; Centrum-West's nearest gebied is Centrum-Oost, and every
    neighbour is a gebied of Amsterdam."""
    sim = similar.similar_areas(amsterdam, "DX01")
    assert sim.set.key == "amsterdam-bbga" and len(sim.used) == 8 and sim.dropped == {}
    assert sim.level == "gebied" and len(sim.neighbours) == 5
    assert sim.neighbours.index[0] == "DX02"
    gebieden = set(amsterdam.areas("gebied")["code"])
    assert set(sim.neighbours.index) <= gebieden


def test_a_level_without_the_set_says_so(scorer: Scorer) -> None:
    """The gemeente itself: one area, nothing to standardise against; one sentence."""
    code = scorer.areas("gemeente")["code"].iloc[0]
    sim = similar.similar_areas(scorer, code)
    assert sim.neighbours.empty and sim.used == []
    assert set(sim.dropped.values()) == {"few_values"}
    assert similar.method_note(sim, scorer.indicators, "nl") == [
        "Op dit niveau (Gemeente) hebben te weinig gebieden waarden om vergelijkbare "
        "gebieden te zoeken."
    ]
