"""Finding an area by code or name (monitor/search.py) on the demo city."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import update

from layouts.search_box import target
from monitor import demo
from monitor.search import find_areas
from monitor.store import Store, areas


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(f"sqlite:///{Path(tmp_path_factory.mktemp('search')) / 's.sqlite'}")
    store.upgrade()
    demo.install(store)
    return store


def codes(store: Store, text: str, limit: int = 8) -> list[str]:
    return [m.code for m in find_areas(store, store.division_id(), text, limit)]


def test_name_prefix(demo_store: Store) -> None:
    found = find_areas(demo_store, demo_store.division_id(), "parel")
    assert ("N01a", "Pareldorp", "buurt") in [m[:3] for m in found]
    assert all(m.name.lower().startswith("parel") for m in found)


def test_typo(demo_store: Store) -> None:
    assert codes(demo_store, "pareldrop")[0] == "N01a"


def test_code_exact_first_and_case_blind(demo_store: Store) -> None:
    found = find_areas(demo_store, demo_store.division_id(), "n01a")
    assert found[0].code == "N01a"
    assert found[0].score == 1.0


def test_accents(demo_store: Store) -> None:
    found = find_areas(demo_store, demo_store.division_id(), "Bèukendorp")
    assert found[0].name == "Beukendorp"


def test_within_a_name(demo_store: Store) -> None:
    found = find_areas(demo_store, demo_store.division_id(), "hof", limit=50)
    assert found and all("hof" in m.name.lower() for m in found)


def test_every_level(demo_store: Store) -> None:
    frame = demo_store.areas_frame(demo_store.division_id())
    for level in ("stadsdeel", "gebied", "wijk", "buurt"):
        row = frame[frame["level"] == level].iloc[0]
        assert codes(demo_store, row["code"])[0] == row["code"]
        found = find_areas(demo_store, demo_store.division_id(), row["name"])
        assert (row["code"], row["name"], level) in [m[:3] for m in found]


def test_nothing_and_limit(demo_store: Store) -> None:
    assert codes(demo_store, "") == []
    assert codes(demo_store, "   ") == []
    assert codes(demo_store, "qqxxzz") == []
    assert len(codes(demo_store, "n", limit=3)) == 3


def test_cache_follows_renames(demo_store: Store) -> None:
    """A renamed area is found by its new name at once (the cache keys on the areas)."""
    division = demo_store.division_id()
    with demo_store.begin() as conn:
        conn.execute(
            update(areas)
            .where(areas.c.division_id == division, areas.c.code == "N01a")
            .values(name="Pareldorpje")
        )
    try:
        assert codes(demo_store, "pareldorpje")[0] == "N01a"
    finally:
        with demo_store.begin() as conn:
            conn.execute(
                update(areas)
                .where(areas.c.division_id == division, areas.c.code == "N01a")
                .values(name="Pareldorp")
            )


def test_where_a_match_leads() -> None:
    """A page showing one area keeps its settings and shows the match; any other page
    (the Kaart too) opens the match's buurtprofiel."""
    assert target("N01a", "/", "?lang=en&indicator=x", "en") == "/profiel?gebied=N01a&lang=en"
    assert target("N01a", "/tabel", None, "nl") == "/profiel?gebied=N01a&lang=nl"
    assert target("N01a", "/profiel", "?gebied=O&set=kern&lang=en", "en") == (
        "/profiel?gebied=N01a&set=kern&lang=en"
    )
    assert target("G01", "/agenda", "", "nl") == "/agenda?gebied=G01&lang=nl"


def test_on_each_backend(backend: Store) -> None:
    """The cache's signature (count, last id, lengths, generation) is plain SQL on both."""
    demo.install(backend)
    assert codes(backend, "pareldrop")[0] == "N01a"
    assert codes(backend, "N01A")[0] == "N01a"
