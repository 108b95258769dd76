"""The map switch as a plain function (``layouts.kaart.restyle``): styling data, legend
and NAP line from the stored scores, the change since last year from stored values."""

from __future__ import annotations

from pathlib import Path

import pytest
from dash import no_update

from layouts.kaart import restyle
from monitor import demo
from monitor.scoring import Scorer
from monitor.scoring.read import stored_values
from monitor.store import Store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    url = f"sqlite:///{tmp_path_factory.mktemp('restyle') / 'd.sqlite'}"
    store = Store(url)
    store.upgrade()
    demo.install(store)
    return store


def test_restyle_colours_every_area_with_its_class(store: Store) -> None:
    data, legend, nap = restyle(store, "werkloosheid_p", 2024, "buurt", None, "standaard", "nl")
    frame = Scorer(store).score("werkloosheid_p", 2024, "buurt")
    assert set(data["areas"]) == set(frame["code"])
    for code, klasse in zip(frame["code"], frame["klasse"], strict=True):
        assert data["classes"][data["areas"][code][0]] == klasse, code
    assert "6,7%" in str(nap)  # the demo city's own value for 2024
    counts = frame["klasse"].value_counts()
    # The answer as dash-renderer receives it (kept rendered: layouts/kept.py).
    shown = [item["props"] for item in legend if item["props"].get("className") == "legend-item"]
    assert len(shown) == len(counts)


def test_restyle_change_since_last_year_comes_from_stored_values(store: Store) -> None:
    data, _, _ = restyle(store, "werkloosheid_p", 2024, "buurt", None, "standaard", "en")
    frame = Scorer(store).score("werkloosheid_p", 2024, "buurt").set_index("area_id")
    before = stored_values(store, store.division_id(), "werkloosheid_p", 2023, "buurt")
    changed = [c for c, area in data["areas"].items() if area[2] is not None]
    assert changed
    both = frame["value"].notna() & frame.index.map(before).notna()
    assert len(changed) == int(both.sum())


def test_restyle_without_a_choice_or_a_year(store: Store) -> None:
    assert restyle(store, None, 2024, "buurt", None, None, None) == (no_update,) * 3
    data, legend, message = restyle(store, "werkloosheid_p", None, "buurt", None, None, None)
    assert data["areas"] == {} and legend is None and message


def test_grey_areas_with_a_value_are_counted_apart(tmp_path) -> None:
    """A year published for ten buurten only, without a city value, colours nothing: the
    legend counts the ten grey areas that have a value apart from the 80 that have none
    (it said "geen gegevens bekend: 90"), both hatched as the map draws them."""
    from monitor.ingest.upload import check, publish

    store = Store(f"sqlite:///{tmp_path / 'p.sqlite'}")
    store.upgrade()
    demo.install(store, data_dir=tmp_path / "data")
    frame = Scorer(store).score("werkloosheid_p", 2024, "buurt")
    ten = sorted(frame["code"])[:10]
    lines = ["gebiedcode;indicator;periode;waarde", *(f"{c};werkloosheid_p;2025;7,5" for c in ten)]
    raw = ("\n".join(lines) + "\n").encode()
    publish(store, check(store, raw, "deel.csv"), uploader="t", confirm_changes=True)
    _data, legend, _nap = restyle(store, "werkloosheid_p", 2025, "buurt", None, "standaard", "nl")
    shown = [item["props"] for item in legend if item["props"].get("className") == "legend-item"]
    texts = {(i.get("data-waarde"), str(i["children"][1]["props"]["children"])) for i in shown}
    assert texts == {
        (None, "geen gegevens bekend: 80"),
        ("bekend", "waarde bekend, geen klasse (zie de uitleg per gebied): 10"),
    }
    assert {i["data-klasse"] for i in shown} == {"geen_gegevens"}


def test_a_kept_answer_follows_a_publish_undo_and_a_new_verhaal(tmp_path: Path) -> None:
    """The whole answer is kept rendered (layouts/kept.py): a publish and its undo are seen
    at the next switch, and so is a new verhaal (its count is filled in fresh)."""
    from monitor import agenda, undo
    from monitor.ingest.upload import check, publish

    store = Store(f"sqlite:///{tmp_path / 'k.sqlite'}")
    store.upgrade()
    demo.install(store, data_dir=tmp_path / "data")

    def n01a() -> list:
        data, _legend, _nap = restyle(store, "werkloosheid_p", 2024, "buurt", None, None, "nl")
        return data["areas"]["N01a"]

    before = n01a()
    assert before[1] != "3,3%" and before == n01a()  # the second answer is the kept one
    raw = b"gebiedcode;indicator;periode;waarde\nN01a;werkloosheid_p;2024;3,3\n"
    upload_id = publish(store, check(store, raw, "n.csv"), uploader="t", confirm_changes=True)
    assert n01a()[1] == "3,3%"
    undo.undo(store, upload_id, by="t", role="analist")
    assert n01a() == before
    agenda.add_note(
        store,
        store.division_id(),
        code="N01a",
        text="Nieuw verhaal",
        author_role="bewoner",
        source_type="bewonersavond",
        date="2026-11-20",
        actor="t",
    )
    assert n01a()[4] == before[4] + 1
