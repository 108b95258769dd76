"""Status × ontwikkeling (monitor/typology.py) and the multi-criteria filter
(monitor/criteria.py), on small cases computed by hand.

The store case: twelve buurten B00–B11, three indicators a, b, c (hoger-beter, %,
method ``absoluut``: *rond* within 2 procentpunt of NAP, and a change is one of at least
2 procentpunt), measured in 2021 and 2024. Every 2024 NAP is 50 (the mean of twelve
values, no city value). In 2024:

    a: B00 40, B01 40, B10 60, B11 60, the rest 50 → B00, B01 slechter; B10, B11 beter
    b: B00 40, B01 60, B10 40, B11 60, the rest 50 → B00, B10 slechter; B01, B11 beter
    c: B00 40, B02 60, the rest 50               → B00 slechter; B02 beter

Status: B00 3/3 slechter (zeer laag); B01, B10 1/3 = 33% (midden); the rest 0 (hoog).
2021 → 2024 per indicator (a, b, c):

    B00 45, 45, 45 → −5, −5, −5: three declines, balance −1 → verslechterend
    B01 40, 55, 50 → 0, +5, 0: one improvement of 3, +0.33 → verbeterend
    B10 61, 41, 51 → −1, −1, −1: within the band, no change → stabiel
    B11 65, 60, 50 → −5, 0, 0: one decline, −0.33 → verslechterend
    B02 50, 50, 55 → 0, 0, +5: one improvement → verbeterend
    rest 50, 50, 50 → stabiel
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from monitor import criteria, typology
from monitor.errors import MonitorError
from monitor.scoring import Scorer
from monitor.store import Store
from tests.test_scores_materialised import BUURTEN, _city, _define, _publish

SPEC = {
    "polarity": "hoger-beter",
    "method": "absoluut",
    "aggregation": "geen",
    "min_population": 0.0,
    "unit": "%",
}
Y2024 = {
    "a": {"B00": 40, "B01": 40, "B10": 60, "B11": 60},
    "b": {"B00": 40, "B01": 60, "B10": 40, "B11": 60},
    "c": {"B00": 40, "B02": 60},
}
Y2021 = {
    "a": {"B00": 45, "B01": 40, "B10": 61, "B11": 65},
    "b": {"B00": 45, "B01": 55, "B10": 41, "B11": 60},
    "c": {"B00": 45, "B02": 55, "B10": 51},
}


@pytest.fixture(scope="module")
def scorer(tmp_path_factory: pytest.TempPathFactory) -> Scorer:
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('typology') / 't.sqlite'}")
    _city(store)
    for ind in ("a", "b", "c"):
        _define(store, ind, SPEC)
    rows = [
        (code, ind, year, float(values[ind].get(code, 50)), None)
        for year, values in ((2021, Y2021), (2024, Y2024))
        for ind in ("a", "b", "c")
        for code in BUURTEN
    ]
    _publish(store, rows)
    return Scorer(store)


def test_status_cut_offs_by_hand() -> None:
    assert typology.status_of(0.0, 3) == "hoog"
    assert typology.status_of(0.19, 10) == "hoog"
    assert typology.status_of(0.20, 10) == "midden"  # 2 of 10: the cut-off belongs above
    assert typology.status_of(0.39, 10) == "midden"
    assert typology.status_of(0.40, 10) == "laag"
    assert typology.status_of(0.60, 10) == "zeer_laag"
    assert typology.status_of(1.0, 2) == "onbekend"  # fewer than three with a class


def test_balance_by_hand() -> None:
    assert typology.ontwikkeling_of(1, 0, 5) == (0.2, "verbeterend")  # exactly +20%
    assert typology.ontwikkeling_of(3, 2, 6) == (pytest.approx(1 / 6), "stabiel")
    assert typology.ontwikkeling_of(0, 1, 5) == (-0.2, "verslechterend")
    assert typology.ontwikkeling_of(2, 2, 4) == (0.0, "stabiel")
    assert typology.ontwikkeling_of(2, 0, 2)[1] == "onbekend"
    assert typology.cell_of("laag", "stabiel") == "laag:stabiel"
    assert typology.cell_of("onbekend", "stabiel") == "onbekend"
    assert typology.is_aandacht("zeer_laag", "verbeterend")
    assert typology.is_aandacht("hoog", "verslechterend")
    assert not typology.is_aandacht("midden", "stabiel")
    assert len(typology.CELLS) == 12 and set(typology.CELLS) < set(typology.COLOURS)


def test_survey_noise_is_not_change() -> None:
    """A % survey indicator, method z, spread 4 (band: 2 procentpunt). From 40 to 50 is far
    outside the band; with n = 50 the 95% interval is 50 ± 1.96 · 100 · √(0.25/50) =
    50 ± 13.9, which holds 40: no change. With n = 2000 it is 50 ± 2.2: an improvement.
    From 50 to 48.5 (n unknown) lies inside the band: no change; to 47: a decline."""
    ind = SimpleNamespace(
        polarity="hoger-beter", method="z", unit="%", band=None, sd_individual=None, spread="sd"
    )
    stub = SimpleNamespace(indicator=lambda _id: ind)
    pairs = pd.DataFrame(
        {
            "indicator_id": ["s"] * 4,
            "value": [50.0, 50.0, 48.5, 47.0],
            "n": [50.0, 2000.0, np.nan, np.nan],
            "before": [40.0, 40.0, 50.0, 50.0],
            "spread": [4.0] * 4,
        }
    )
    assert typology.changes(pairs, stub).tolist() == [0.0, 1.0, 0.0, -1.0]  # type: ignore[arg-type]


def test_typology_on_a_small_city(scorer: Scorer) -> None:
    typ = typology.typology(scorer, 2024, "buurt", indicators=["a", "b", "c"])
    frame = typ.frame.set_index("code")
    assert frame.loc["B00", ["slechter", "gescoord"]].tolist() == [3, 3]
    assert frame["status"].to_dict() == {
        "B00": "zeer_laag",
        "B01": "midden",
        "B10": "midden",
        **{c: "hoog" for c in BUURTEN if c not in ("B00", "B01", "B10")},
    }
    expected = {"B00": "verslechterend", "B01": "verbeterend", "B11": "verslechterend"}
    expected["B02"] = "verbeterend"
    assert frame["ontwikkeling"].to_dict() == {c: expected.get(c, "stabiel") for c in BUURTEN}
    assert frame.loc["B00", ["verbeterd", "verslechterd", "vergeleken"]].tolist() == [0, 3, 3]
    assert frame.loc["B10", ["verbeterd", "verslechterd", "vergeleken"]].tolist() == [0, 0, 3]
    assert frame.loc["B00", "cel"] == "zeer_laag:verslechterend"
    assert typ.years == {"a": 2024, "b": 2024, "c": 2024}
    assert typ.before == {"a": 2021, "b": 2021, "c": 2021}
    counts = typ.counts()
    assert {c: n for c, n in counts.items() if n} == {
        "hoog:verbeterend": 1,  # B02
        "hoog:stabiel": 7,  # B03–B09
        "hoog:verslechterend": 1,  # B11
        "midden:verbeterend": 1,  # B01
        "midden:stabiel": 1,  # B10
        "zeer_laag:verslechterend": 1,  # B00
    }
    # Worst first: zeer laag, then (no laag) the declining hoog.
    assert typology.aandacht_frame(typ)["code"].tolist() == ["B00", "B11"]
    # The default set is the stand-in of the measured indicators: the same three.
    assert typology.typology(scorer, 2024, "buurt").frame.equals(typ.frame)


def test_without_an_earlier_year_the_change_is_unknown(scorer: Scorer) -> None:
    typ = typology.typology(scorer, 2024, "buurt", indicators=["a", "b", "c"], span=4)
    assert set(typ.frame["ontwikkeling"]) == {"onbekend"}
    assert typ.before == {}
    assert typ.counts()["onbekend"] == 12


def test_parse_and_refuse_criteria() -> None:
    found = criteria.parse("a:slechter; b:ge:12,5;;")
    assert found == [criteria.Criterion("a", "slechter"), criteria.Criterion("b", "ge", 12.5)]
    assert criteria.unparse(found) == "a:slechter;b:ge:12.5"
    for bad in ("a", "a:groter:3", "a:gt", "a:gt:twaalf", "a:slechter:3", "a:gt:nan"):
        with pytest.raises(MonitorError):
            criteria.parse(bad)
    with pytest.raises(MonitorError):
        criteria.parse(";".join(["a:beter"] * 7))


def test_criteria_on_a_small_city(scorer: Scorer) -> None:
    def matches(text: str) -> list[str]:
        frame, _years = criteria.evaluate(scorer, criteria.parse(text), 2024, "buurt")
        return frame.loc[frame["match"], "code"].tolist()

    assert matches("a:slechter;b:slechter") == ["B00"]
    assert matches("b:slechter") == ["B00", "B10"]
    assert matches("a:beter;b:beter") == ["B11"]
    assert matches("c:ge:60") == ["B02"]
    assert matches("a:lt:45") == ["B00", "B01"]
    assert matches("a:le:40;c:gt:45") == ["B01"]
    # In 2021 (every indicator in its year up to 2021) B11's a of 65 is the highest.
    frame, years = criteria.evaluate(scorer, criteria.parse("a:gt:61"), 2022, "buurt")
    assert frame.loc[frame["match"], "code"].tolist() == ["B11"] and years == {"a": 2021}
    assert matches("") == []
    with pytest.raises(MonitorError):
        criteria.evaluate(scorer, criteria.parse("onbekend:slechter"), 2024, "buurt")


def contrast(a: str, b: str) -> float:
    light, dark = sorted((typology._luminance(a), typology._luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_cell_text_is_readable_on_every_cell_colour() -> None:
    """WCAG: black on the light blue #9ecae1 is 12.0:1; white on the dark #7f2704 9.6:1;
    the closest call is grey #737373, where white (4.74) beats black (4.43)."""
    assert typology.ink("#9ecae1") == "#000000" and typology.ink("#7f2704") == "#ffffff"
    assert typology.ink("#737373") == "#ffffff"
    assert contrast("#737373", "#ffffff") == pytest.approx(4.74, abs=0.01)
    for colour in typology.COLOURS.values():
        assert contrast(colour, typology.ink(colour)) >= 4.5, colour
