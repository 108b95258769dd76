"""Change stamps (``monitor.store.stamps``): a publish of one indicator leaves the cached
frames of the others in use, and nothing stale is ever served after a publish, an undo, a
catalogue change or an areas change, on SQLite and PostgreSQL (the demo city)."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest

from monitor import cache, demo, undo
from monitor.ingest.upload import check, publish
from monitor.scoring import Scorer
from monitor.scoring.read import catalogue, division_areas
from monitor.store import Store, geography
from monitor.store.stamps import indicator_stamp_key, subject_key
from tests.support import BACKENDS, database

A, B, YEAR = "werkloosheid_p", "bijstand_p", 2024


@pytest.fixture(scope="module", params=BACKENDS)
def city(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    folder = tmp_path_factory.mktemp("stamps")
    patch = pytest.MonkeyPatch()
    patch.setenv("MONITOR_DATA_DIR", str(folder / "data"))
    patch.delenv("MONITOR_REDIS_URL", raising=False)  # the in-process cache: counted here
    with database(request.param, folder) as url:
        store = Store(url)
        store.upgrade()
        demo.install(store)
        yield store
        store.engine.dispose()
    patch.undo()


def _publish_a(store: Store) -> int:
    areas = store.areas_frame(store.division_id())
    lines = ["gebiedcode;indicator;periode;waarde"]
    lines += [f"{c};{A};{YEAR};12,3" for c in areas.loc[areas["level"] == "buurt", "code"]]
    checked = check(store, ("\n".join(lines) + "\n").encode(), "a.csv")
    return publish(store, checked, uploader="test", confirm_changes=True)


def _frame(store: Store, indicator_id: str) -> pd.DataFrame:
    return Scorer(store).score(indicator_id, YEAR, "buurt", explain=False)


def _fresh(store: Store, indicator_id: str) -> pd.DataFrame:
    """The frame with every cache emptied: what the store says now."""
    cache.shared().clear_local()
    from monitor.scoring import read

    read._catalogues.clear()
    read._areas.clear()
    return _frame(store, indicator_id)


def _built(store: Store, indicator_id: str) -> tuple[pd.DataFrame, int]:
    """The frame, and how many values the shared cache built for it."""
    before = cache.shared().counts["built"]
    frame = _frame(store, indicator_id)
    return frame, cache.shared().counts["built"] - before


def test_a_publish_of_one_indicator_leaves_the_frames_of_another(
    city: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, division = city, city.division_id()
    a_before, b_before = _frame(store, A), _frame(store, B)
    assert _built(store, B)[1] == 0  # warm
    stamp_b, stamp_a = (
        indicator_stamp_key(store, division, B),
        indicator_stamp_key(store, division, A),
    )
    upload_id = _publish_a(store)
    areas_read: list[int] = []
    real = Store.areas_frame
    monkeypatch.setattr(
        Store, "areas_frame", lambda self, *a, **k: areas_read.append(1) or real(self, *a, **k)
    )
    try:
        assert indicator_stamp_key(store, division, B) == stamp_b
        assert indicator_stamp_key(store, division, A) != stamp_a
        b_after, built = _built(store, B)
        assert built == 0  # B's frame came from the cache
        pd.testing.assert_frame_equal(b_after, b_before)
        a_after, built = _built(store, A)
        assert built == 1  # A's frame was read anew
        assert a_after["value"].dropna().eq(12.3).all() and a_after["value"].notna().any()
        assert not a_before["value"].dropna().eq(12.3).all()
        # Neither the areas nor the catalogue were read again for it.
        division_areas(store, division)
        assert areas_read == []
    finally:
        undo.undo(store, upload_id, by="test", role="analist")


def test_nothing_stale_after_publish_undo_catalogue_and_areas_changes(city: Store) -> None:
    store, division = city, city.division_id()

    def same_as_fresh(indicator_id: str) -> pd.DataFrame:
        cached = _frame(store, indicator_id)
        pd.testing.assert_frame_equal(cached, _fresh(store, indicator_id))
        return cached

    original = same_as_fresh(A)
    same_as_fresh(B)
    # A publish, then its undo: A's cached frame follows each.
    upload_id = _publish_a(store)
    assert same_as_fresh(A)["value"].dropna().eq(12.3).all()
    undo.undo(store, upload_id, by="test", role="analist")
    pd.testing.assert_frame_equal(same_as_fresh(A), original)
    # The catalogue: B's polarity turned round; its label changed.
    catalogue_stamp = subject_key(store, division, "catalogue")
    ind = catalogue(store, division)[B]
    flipped = "lager-beter" if ind.polarity == "hoger-beter" else "hoger-beter"
    before = same_as_fresh(B)
    with store.begin() as conn:
        store.upsert_indicators(
            [{"id": B, "polarity": flipped, "label_nl": "Bijstand (nieuw)"}], conn
        )
    assert subject_key(store, division, "catalogue") != catalogue_stamp
    assert catalogue(store, division)[B].label_nl == "Bijstand (nieuw)"
    assert Scorer(store).indicator(B).polarity == flipped
    after = same_as_fresh(B)
    coloured = before["klasse"].isin(["beter", "slechter", "veel_beter", "veel_slechter"])
    assert coloured.any()
    assert (after.loc[coloured, "klasse"] != before.loc[coloured, "klasse"]).all()
    # The areas: a buurt renamed by a bare statement (no rescoring marked): the stamp of the
    # areas still rises, so the areas and every frame name it.
    areas_stamp = subject_key(store, division, "areas")
    code = original["code"].iloc[0]
    area_id = int(division_areas(store, division).set_index("code").loc[code, "id"])
    for indicator_id in (A, B):  # both kept, under the old name
        assert _frame(store, indicator_id).set_index("code").loc[code, "naam"] != "Nieuwe naam"
    with store.begin() as conn:
        geography.update_area(conn, area_id, name="Nieuwe naam")
    assert subject_key(store, division, "areas") != areas_stamp
    assert division_areas(store, division).set_index("code").loc[code, "name"] == "Nieuwe naam"
    for indicator_id in (A, B):
        assert same_as_fresh(indicator_id).set_index("code").loc[code, "naam"] == "Nieuwe naam"


def test_budget_and_points_keep_across_a_publish_and_follow_the_population(
    city: Store,
) -> None:
    from monitor.budget.programmes import population_indicator
    from monitor.budget.table import area_summary, budget_key
    from monitor.points_map import voorzieningen_near

    store, division = city, city.division_id()
    areas = store.areas_frame(division)
    buurten = sorted(areas.loc[areas["level"] == "buurt", "code"])
    code = buurten[0]

    def built(read) -> int:
        before = cache.shared().counts["built"]
        read()
        return cache.shared().counts["built"] - before

    def summary() -> pd.DataFrame:
        return area_summary(store, division, code)

    def near() -> pd.DataFrame:
        return voorzieningen_near(store, division, code, "buurt")

    summary(), near()
    upload_id = _publish_a(store)
    try:
        assert built(summary) == 0 and built(near) == 0  # werkloosheid is neither
    finally:
        undo.undo(store, upload_id, by="test", role="analist")
    # The population (amounts per inhabitant): a publish of it is seen at once.
    key, before = budget_key(store, division), summary()
    pop = population_indicator(store)
    lines = ["gebiedcode;indicator;periode;waarde"]
    lines += [f"{c};{pop};{y};1" for c in buurten for y in range(2015, 2026)]
    checked = check(store, ("\n".join(lines) + "\n").encode(), "pop.csv")
    upload_id = publish(store, checked, uploader="test", confirm_changes=True)
    try:
        assert budget_key(store, division) != key
        cached = summary()
        cache.shared().clear_local()
        pd.testing.assert_frame_equal(cached, summary())
        assert not cached.equals(before)
    finally:
        undo.undo(store, upload_id, by="test", role="analist")
    pd.testing.assert_frame_equal(summary(), before)


def test_a_profile_after_a_publish_reads_only_that_indicator_and_equals_a_fresh_one(
    city: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from monitor import profile, profile_level

    store = city
    areas = store.areas_frame(store.division_id())
    code = sorted(areas.loc[areas["level"] == "buurt", "code"])[0]

    def fresh() -> profile.Profile:
        profile._profiles.clear()
        return profile.cached_profile(Scorer(store), code)

    def same(one: profile.Profile, other: profile.Profile) -> None:
        assert (one.code, one.name, one.parents) == (other.code, other.name, other.parents)
        pd.testing.assert_frame_equal(one.rows, other.rows)
        pd.testing.assert_frame_equal(one.series, other.series)

    before = fresh()
    other = sorted(areas.loc[areas["level"] == "buurt", "code"])[1]
    profile.cached_profile(Scorer(store), other)
    asked: list[list[str] | None] = []
    renewed: list[list[str]] = []
    real, real_level = profile.area_profile, profile_level.level_parts
    monkeypatch.setattr(
        profile,
        "area_profile",
        lambda *a, indicator_ids=None, **k: (
            asked.append(indicator_ids) or real(*a, indicator_ids=indicator_ids, **k)
        ),
    )
    monkeypatch.setattr(
        profile_level,
        "level_parts",
        lambda scorer, level, ids, lang: (
            renewed.append(ids) or real_level(scorer, level, ids, lang)
        ),
    )
    upload_id = _publish_a(store)
    try:
        after = profile.cached_profile(Scorer(store), code)
        # Only werkloosheid read again, for the whole level at once (the next buurt's
        # profile takes its part from there: nothing is read for it).
        assert asked == [] and renewed == [[A]]
        renewed_other = profile.cached_profile(Scorer(store), other)
        assert asked == [] and renewed == [[A]]
        assert renewed_other.rows.set_index("indicator_id").loc[A, "value"] == 12.3
        row = after.rows.set_index("indicator_id").loc[A]
        assert row["period"] == YEAR and row["value"] == 12.3
        same(after, fresh())
    finally:
        undo.undo(store, upload_id, by="test", role="analist")
    same(profile.cached_profile(Scorer(store), code), before)
    same(fresh(), before)


def test_points_follow_their_uploads(city: Store) -> None:
    """(Last: it undoes the demo's voorzieningen.) The points and the voorzieningen near
    a buurt, kept per points uploads, follow an undo of the points file at once."""
    from monitor.points_map import point_frame, voorzieningen_near

    store, division = city, city.division_id()
    uploads = store.uploads_frame()
    points = uploads[(uploads["kind"] == "punten") & uploads["filename"].str.contains("voorz")]
    near = voorzieningen_near(store, division, "O05c", "buurt")
    assert len(point_frame(store, division, "voorzieningen")) == 87 and len(near) >= 1
    undo.undo(store, int(points["id"].iloc[0]), by="test", role="beheerder")
    assert point_frame(store, division, "voorzieningen").empty
    assert voorzieningen_near(store, division, "O05c", "buurt").empty


def _publish_spread(store: Store, indicator_id: str) -> tuple[int, dict[str, float]]:
    """Every buurt a value of ``indicator_id`` in YEAR: 1, 2, … 7, 1, 2, …"""
    areas = store.areas_frame(store.division_id())
    codes = areas.loc[areas["level"] == "buurt", "code"]
    values = {c: float(n % 7 + 1) for n, c in enumerate(codes)}
    lines = ["gebiedcode;indicator;periode;waarde"]
    lines += [f"{c};{indicator_id};{YEAR};{int(v)}" for c, v in values.items()]
    checked = check(store, ("\n".join(lines) + "\n").encode(), "s.csv")
    return publish(store, checked, uploader="test", confirm_changes=True), values


def test_similar_areas_keep_across_a_publish_outside_their_set_and_follow_one_inside(
    city: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Werkloosheid is not in Voorbeeldstad's structural set (income, minima, werkzaam,
    eenouder): its publish leaves the similar areas and the neighbour table in use; a
    publish of minima_p (in the set) makes both anew, equal to a fresh computation."""
    from monitor import similar, similar_table

    store = city
    code = store.areas_frame(store.division_id()).query("level == 'buurt'")["code"].iloc[3]
    assert A not in similar.best_set(Scorer(store).indicators).indicators
    before = similar.similar_areas(Scorer(store), code)
    table_before = similar_table.neighbour_table(Scorer(store), "buurt")
    reads: list[int] = []
    real = similar.latest_level_values
    monkeypatch.setattr(
        similar, "latest_level_values", lambda *a, **k: reads.append(1) or real(*a, **k)
    )
    upload_id = _publish_a(store)
    try:
        assert similar.similar_areas(Scorer(store), code) is before  # kept, not made anew
        assert similar_table.neighbour_table(Scorer(store), "buurt") is table_before
        assert reads == []
    finally:
        undo.undo(store, upload_id, by="test", role="analist")
    upload_id, values = _publish_spread(store, "minima_p")
    try:
        after = similar.similar_areas(Scorer(store), code)
        assert reads == [1]  # the set's values read again
        assert after is not before
        shown = after.values["minima_p"].dropna()
        assert len(shown) > 1 and all(shown[c] == values[c] for c in shown.index)
        table_after = similar_table.neighbour_table(Scorer(store), "buurt")
        assert table_after is not table_before
        cache.shared().clear_local()
        similar._matrices.clear()
        similar_table._tables.clear()
        fresh = similar.similar_areas(Scorer(store), code)
        pd.testing.assert_frame_equal(after.neighbours, fresh.neighbours)
        fresh_table = similar_table.neighbour_table(Scorer(store), "buurt")
        pd.testing.assert_frame_equal(table_after, fresh_table)
    finally:
        undo.undo(store, upload_id, by="test", role="analist")
