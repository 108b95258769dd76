"""Several gemeenten in one gebiedsindeling: each buurt is scored against its own gemeente
(its own NAP and spread), and pages and exports name that gemeente."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest
import shapely

from monitor import catalog
from monitor.areas import import_areas
from monitor.errors import MonitorError
from monitor.export import export_frame
from monitor.ingest.upload import check, publish
from monitor.messages import OWN_GEMEENTE, class_label
from monitor.scoring import Scorer, score
from monitor.scoring.read import Scores
from monitor.store import Store

# Two gemeenten side by side, three buurten each.
GEMEENTEN = {"G1": ("Aastad", 0), "G2": ("Beedorp", 3)}
BUURTEN = {"A1": "G1", "A2": "G1", "A3": "G1", "B1": "G2", "B2": "G2", "B3": "G2"}


def _geojson(path: Path, features: list[dict]) -> Path:
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {k: v for k, v in f.items() if k != "geometry"},
                "geometry": json.loads(shapely.to_geojson(f["geometry"])),
            }
            for f in features
        ],
    }
    path.write_text(json.dumps(collection))
    return path


def _gemeenten_file(tmp_path: Path) -> Path:
    features = [
        {"code": c, "naam": n, "geometry": shapely.box(4 + x / 100, 52, 4.03 + x / 100, 52.01)}
        for c, (n, x) in GEMEENTEN.items()
    ]
    return _geojson(tmp_path / "gemeenten.geojson", features)


def _buurten_file(tmp_path: Path, with_gemeente: bool = True) -> Path:
    features = [
        {
            "code": b,
            "naam": f"Buurt {b}",
            **({"gm": g} if with_gemeente else {}),
            "geometry": shapely.box(4 + k / 100, 52, 4.01 + k / 100, 52.01),
        }
        for k, (b, g) in enumerate(BUURTEN.items())
    ]
    return _geojson(tmp_path / "buurten.geojson", features)


def _two_gemeenten(store: Store, tmp_path: Path) -> None:
    import_areas(store, _gemeenten_file(tmp_path), "gemeente", "code", "naam", division="regio")
    import_areas(
        store, _buurten_file(tmp_path), "buurt", "code", "naam", {"gemeente": "gm"}, "regio"
    )


def _define(store: Store) -> None:
    ind = catalog.Indicator(
        id="score_p",
        label_nl="Score",
        domain="overig",
        unit="%",
        polarity="hoger-beter",
        method="z",
        aggregation="geen",
    )
    with store.begin() as conn:
        store.upsert_indicators([ind.row()], conn)


def _publish(store: Store, values: dict[str, float], tmp_path: Path) -> None:
    body = "".join(f"{c};score_p;2024;{v}\n" for c, v in values.items())
    checked = check(store, f"gebiedcode;indicator;periode;waarde\n{body}".encode(), "t.csv")
    assert checked.report.ok, checked.report.lines()[:5]
    publish(store, checked, uploader="test", confirm_changes=True, data_dir=tmp_path)


def test_a_gemeente_file_holds_several_gemeenten_and_buurten_take_theirs(
    store: Store, tmp_path: Path
) -> None:
    _two_gemeenten(store, tmp_path)
    frame = store.areas_frame(store.division_id()).set_index("code")
    assert frame.loc[["G1", "G2"], "name"].tolist() == ["Aastad", "Beedorp"]
    assert frame.loc[["G1", "G2"], "gemeente_code"].tolist() == ["G1", "G2"]
    assert frame.loc[list(BUURTEN), "gemeente_code"].tolist() == list(BUURTEN.values())


def test_without_a_gemeente_field_several_gemeenten_are_refused_in_dutch(
    store: Store, tmp_path: Path
) -> None:
    import_areas(store, _gemeenten_file(tmp_path), "gemeente", "code", "naam", division="regio")
    with pytest.raises(MonitorError, match=r"meerdere gemeenten \(G1, G2\).*A1, A2, A3"):
        import_areas(store, _buurten_file(tmp_path, False), "buurt", "code", "naam")
    wrong = _buurten_file(tmp_path)
    with pytest.raises(
        MonitorError,
        match=r"Onbekende gemeentecodes in het bestand: Buurt A1.*Bekende gemeenten: G1, G2",
    ):
        import_areas(store, wrong, "buurt", "code", "naam", {"gemeente": "naam"})


def test_one_gemeente_needs_no_gemeente_field(store: Store, tmp_path: Path) -> None:
    """Today's behaviour: every area belongs to the division's only gemeente."""
    import_areas(store, _buurten_file(tmp_path, False), "buurt", "code", "naam", gemeente="Stad")
    frame = store.areas_frame(store.division_id())
    assert set(frame["gemeente_code"]) == {"STAD"}
    assert store.division(store.division_id())["gemeente"] == "Stad"


def test_each_gemeente_has_its_own_nap_and_spread(store: Store, tmp_path: Path) -> None:
    """G1: city value 18, NAP 18, sd of 10/20/30 = √(200/3). G2: no city value, so NAP is
    the mean of its own buurten (1, 2, 6 → 3) and sd √(14/3)."""
    _two_gemeenten(store, tmp_path)
    _define(store)
    values = {"A1": 10, "A2": 20, "A3": 30, "G1": 18, "B1": 1, "B2": 2, "B3": 6}
    _publish(store, values, tmp_path)
    frame = Scores(store).frame("score_p", 2024, "buurt").set_index("code")
    sd1, sd2 = math.sqrt(200 / 3), math.sqrt(14 / 3)
    assert frame["nap"].tolist() == pytest.approx([18.0] * 3 + [3.0] * 3)
    assert frame["nap_source"].tolist() == ["stadswaarde"] * 3 + ["gemiddelde"] * 3
    assert frame["spread"].tolist() == pytest.approx([sd1] * 3 + [sd2] * 3)
    expected_z = [-8 / sd1, 2 / sd1, 12 / sd1, -2 / sd2, -1 / sd2, 3 / sd2]
    assert frame["z"].tolist() == pytest.approx(expected_z)
    assert frame["klasse"].tolist() == ["slechter", "rond", "beter"] * 2


def test_one_gemeente_s_scores_are_its_rows_of_the_whole(store: Store, tmp_path: Path) -> None:
    """A map of one gemeente reads only its groups and areas: the same rows as the whole
    division's frame, G2's three buurten; with another method (on demand) too."""
    _two_gemeenten(store, tmp_path)
    _define(store)
    _publish(store, {"A1": 10, "A2": 20, "A3": 30, "B1": 1, "B2": 2, "B3": 6}, tmp_path)
    scorer = Scorer(store)
    for method in (None, "z5"):
        whole = scorer.score("score_p", 2024, "buurt", method=method)
        own = scorer.score("score_p", 2024, "buurt", method=method, gemeente="G2")
        assert own["code"].tolist() == ["B1", "B2", "B3"]
        expected = whole[whole["code"].isin(["B1", "B2", "B3"])].reset_index(drop=True)
        pd.testing.assert_frame_equal(own.reset_index(drop=True), expected, check_dtype=False)
    assert scorer.score("score_p", 2024, "gemeente", gemeente="G1")["code"].tolist() == ["G1"]


def test_classes_name_each_area_s_own_gemeente(store: Store, tmp_path: Path) -> None:
    _two_gemeenten(store, tmp_path)
    _define(store)
    _publish(store, {"A1": 10, "A2": 20, "A3": 30, "B1": 1, "B2": 2, "B3": 6}, tmp_path)
    frame = Scores(store).frame("score_p", 2024, "buurt")
    assert frame["referentie"].tolist() == ["Aastad"] * 3 + ["Beedorp"] * 3
    texts = export_frame(frame)["klasse_tekst"].tolist()
    assert all("gemiddelde van Aastad" in x for x in texts[:3]), texts
    assert all("gemiddelde van Beedorp" in x for x in texts[3:]), texts
    scores_frame = score(store, "score_p", 2024, "buurt", lang="en")
    assert "average of Beedorp" in export_frame(scores_frame, "en")["klasse_tekst"].iloc[5]


def test_one_gemeente_is_still_named_by_the_division(store: Store, tmp_path: Path) -> None:
    import_areas(store, _buurten_file(tmp_path, False), "buurt", "code", "naam", gemeente="Stad")
    _define(store)
    _publish(store, {"A1": 10, "A2": 20, "A3": 30, "B1": 1, "B2": 2, "B3": 6}, tmp_path)
    frame = Scores(store).frame("score_p", 2024, "buurt")
    assert frame["referentie"].isna().all()
    assert frame["nap"].iloc[0] == pytest.approx(69 / 6)
    assert frame.attrs["gemeente"] == "Stad"
    assert "gemiddelde van Stad" in export_frame(frame)["klasse_tekst"].iloc[0]


def test_pages_naming_one_reference_say_the_own_gemeente(store: Store, tmp_path: Path) -> None:
    """A legend or table for the whole division cannot name one gemeente of several."""
    _two_gemeenten(store, tmp_path)
    scorer = Scorer(store)
    assert scorer.gemeente == OWN_GEMEENTE
    assert class_label("beter", "nl", scorer.gemeente) == (
        "beter dan het gemiddelde van de eigen gemeente"
    )
    assert "own municipality" in class_label("beter", "en", scorer.gemeente)


def test_a_buurt_takes_the_gemeente_of_its_wijk(store: Store, tmp_path: Path) -> None:
    import_areas(store, _gemeenten_file(tmp_path), "gemeente", "code", "naam", division="regio")
    wijken = [
        {"code": w, "naam": w, "gm": g, "geometry": shapely.box(4 + x, 52, 4.03 + x, 52.01)}
        for w, g, x in [("WA", "G1", 0), ("WB", "G2", 0.03)]
    ]
    path = _geojson(tmp_path / "wijken.geojson", wijken)
    import_areas(store, path, "wijk", "code", "naam", {"gemeente": "gm"}, "regio")
    buurten = _buurten_file(tmp_path, False)
    import_areas(store, buurten, "buurt", "code", "naam", division="regio")  # wijk by overlay
    frame = store.areas_frame(store.division_id(), "buurt").set_index("code")
    assert frame.loc[list(BUURTEN), "wijk_code"].tolist() == ["WA"] * 3 + ["WB"] * 3
    assert frame.loc[list(BUURTEN), "gemeente_code"].tolist() == list(BUURTEN.values())
