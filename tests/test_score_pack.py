"""Packed score rows (``monitor.store.score_pack``): every row comes back as it went in,
texts outside the fixed lists included; an existing store's rows are packed by the
migration and unpacked by its downgrade, on both backends."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa
from alembic import command
from hypothesis import given
from hypothesis import strategies as st

from monitor.messages.scoring import MESSAGES
from monitor.migrate import alembic_config, upgrade
from monitor.scoring.methods import CLASSES
from monitor.store import Store, score_pack
from monitor.store.materialised import read_groups, read_rows
from monitor.store.score_pack import KLASSEN, REASONS, WIDTH, pack, unpack

NUMBERS = ["value", "n", "z", "measure", "ci_low", "ci_high", "population"]
LAST = ["population", "upload_id", "origin"]
FLAGS = ["x", "geheim", "B", "~ onbekend ~", "é–ü", ""]


def _rows(draw: st.DrawFn) -> tuple[pd.DataFrame, int]:
    count = draw(st.integers(0, 6))  # a pass may score no group at all
    records = []
    number = st.one_of(st.just(np.nan), st.floats(-1e12, 1e12, allow_nan=False), st.just(-0.0))
    for group in range(count):
        areas = draw(st.lists(st.integers(1, 2**31 - 1), unique=True, max_size=12))
        for area in areas:
            klasse = draw(st.sampled_from([*KLASSEN, "nieuwe_klasse"]))
            reason = draw(st.sampled_from([*REASONS, *FLAGS]))
            upload = draw(st.one_of(st.none(), st.integers(1, 2**31 - 1)))
            origin = draw(st.sampled_from([None, 0, 1]))
            numbers = [draw(number) for _ in NUMBERS]
            records.append([group, area, *numbers, klasse, reason, upload, origin])
    columns = ["group", "area_id", *NUMBERS, "klasse", "reden_code", "upload_id", "origin"]
    frame = pd.DataFrame(records, columns=columns)
    frame = frame.astype({"upload_id": "Int64", "origin": "Int64"})
    # As scoring gives them: in any order.
    order = draw(st.permutations(range(len(frame))))
    return frame.iloc[list(order)].reset_index(drop=True), count


@given(st.data())
def test_every_row_comes_back_as_it_went_in(data: st.DataObject) -> None:
    rows, count = _rows(data.draw)
    packed = pack(rows, count)
    assert len(packed.blobs) == count == len(packed.extras)
    sizes = rows.groupby("group").size().reindex(range(count), fill_value=0)
    assert [len(b) // WIDTH for b in packed.blobs] == sizes.tolist()
    assert packed.own.tolist() == [
        int(((rows["group"] == g) & (rows["origin"] == 0)).sum()) for g in range(count)
    ]
    ids = [100 + g for g in range(count)]
    back = unpack(ids, packed.blobs, packed.extras)
    expected = rows.assign(group_id=rows["group"] + 100).sort_values(["group_id", "area_id"])
    expected = expected.reset_index(drop=True)
    assert back["group_id"].tolist() == expected["group_id"].tolist()
    assert back["area_id"].tolist() == expected["area_id"].tolist()  # sorted per group
    for name in NUMBERS:
        got, want = back[name].to_numpy(), expected[name].to_numpy(dtype="float64")
        assert np.array_equal(got, want, equal_nan=True), name
        assert np.array_equal(np.signbit(got), np.signbit(want)), name
    for name in ("upload_id", "origin"):
        want = expected[name].to_numpy(dtype="float64", na_value=np.nan)
        assert np.array_equal(back[name].to_numpy(), want, equal_nan=True), name
    assert back["klasse"].tolist() == expected["klasse"].tolist()
    assert back["reden_code"].tolist() == expected["reden_code"].tolist()
    # Only groups with a text outside the fixed lists carry extras.
    outside = ~expected["klasse"].isin(KLASSEN) | ~expected["reden_code"].isin(REASONS)
    with_extras = {int(g) - 100 for g in expected.loc[outside, "group_id"]}
    assert {g for g, e in enumerate(packed.extras) if e is not None} == with_extras


#: Every layout's record as it was made: a stored blob is read by its layout's record.
LAYOUTS = {
    1: [
        ("area_id", "<i4"),
        ("upload_id", "<i4"),
        *((name, "<f8") for name in ("value", "n", "z", "measure", "ci_low", "ci_high")),
        ("population", "<f8"),
        ("origin", "|i1"),
        ("klasse", "|u1"),
        ("reden_code", "<u2"),
        ("spare", "<u4"),
    ]
}


def test_the_record_is_its_layout_versions_record() -> None:
    """A changed record without a new LAYOUT (and a migration) fails here."""
    assert score_pack.RECORD.descr == LAYOUTS[score_pack.LAYOUT]


def test_the_packing_revision_refuses_another_layout(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Revision 0013 packs with the code's score_pack: with rows to pack it refuses a
    layout other than its own, and the store stays at 0012 with its rows; an empty store
    upgrades whatever the layout."""
    monkeypatch.setattr(score_pack, "LAYOUT", 2)
    store = Store(database_url)
    upgrade(store.engine, "0012")
    with store.engine.begin() as conn:
        seeded = _seed(conn)
    with pytest.raises(RuntimeError, match="layout 1"):
        upgrade(store.engine, "head")
    with store.engine.connect() as conn:
        assert conn.scalar(sa.text("SELECT version_num FROM alembic_version")) == "0012"
        assert conn.scalar(sa.text("SELECT count(*) FROM scores")) == len(seeded)
        conn.execute(sa.text("DELETE FROM scores"))
        conn.execute(sa.text("DELETE FROM score_groups"))
        conn.commit()
    upgrade(store.engine, "head")  # nothing to pack
    with store.engine.connect() as conn:
        assert "score_rows" in sa.inspect(conn).get_table_names()
    store.engine.dispose()


def test_the_fixed_lists_hold_every_class_and_reason_scoring_writes() -> None:
    """Known texts take no room per group: every class, and every reason with a sentence."""
    assert set(CLASSES) <= set(KLASSEN)
    reasons = {key.split(".", 1)[1] for key in MESSAGES if key.startswith("reason.")}
    reasons = {r for r in reasons if "." not in r}
    assert reasons <= set(REASONS), sorted(reasons - set(REASONS))
    assert len(set(KLASSEN)) == len(KLASSEN) and len(set(REASONS)) == len(REASONS)


def _division(conn: sa.Connection) -> None:
    """Division 1 of gemeente G, inserted as it is at any revision since 0006."""
    conn.execute(
        sa.text(
            "INSERT INTO divisions (id, name, gemeente, fictional, created_at) "
            "VALUES (1, 'D', 'G', :no, :at)"
        ),
        {"no": False, "at": datetime(2026, 12, 6, tzinfo=UTC)},
    )


def _seed(conn: sa.Connection) -> pd.DataFrame:
    """Two score groups with rows in the layout of revision 0012 (one row per area)."""
    _division(conn)
    for gid, period in ((1, 2023), (2, 2024)):
        conn.execute(
            sa.text(
                "INSERT INTO score_groups (id, division_id, indicator_id, period, level, "
                "ref_code, nap, nap_source, spread, areas, measured, usable, covered, "
                "refused_count) VALUES (:id, 1, 'a', :p, 'buurt', 'G', 1.5, 'stad', 0.5, "
                "3, 3, 3, 3, 0)"
            ),
            {"id": gid, "p": period},
        )
    rows = pd.DataFrame(
        [
            (1, 12, 1.0, 10.0, 0.2, 0.2, None, None, "rond", "z", None, 7, 0),
            (1, 11, 2.5, None, 1.5, 1.5, None, None, "beter", "z", None, 7, 0),
            (1, 13, None, None, None, None, None, None, "geen_gegevens", "eigen-vlag", None, 7, 1),
            (2, 11, 0.0, 3.0, -1.0, -1.0, 0.1, 0.9, "slechter", "", 40.0, None, None),
        ],
        columns=[*["group_id", "area_id", *NUMBERS[:6], "klasse", "reden_code"], *LAST],
    )
    names = ", ".join(rows.columns)
    marks = ", ".join(f":{c}" for c in rows.columns)
    records = rows.astype(object).where(rows.notna(), None).to_dict("records")
    conn.execute(sa.text(f"INSERT INTO scores ({names}) VALUES ({marks})"), records)
    return rows


def test_the_migration_packs_existing_rows_and_its_downgrade_unpacks_them(
    database_url: str,
) -> None:
    store = Store(database_url)
    upgrade(store.engine, "0012")
    with store.engine.begin() as conn:
        seeded = _seed(conn)
    upgrade(store.engine, "head")
    groups = read_groups(store, 1)
    assert groups["id"].tolist() == [1, 2]
    with store.engine.connect() as conn:
        own = dict(conn.execute(sa.text("SELECT id, own FROM score_groups")).all())
    assert own == {1: 2, 2: 0}
    back = read_rows(store, [1, 2])
    expected = seeded.sort_values(["group_id", "area_id"]).reset_index(drop=True)
    assert back["area_id"].tolist() == expected["area_id"].tolist()
    assert back["klasse"].tolist() == expected["klasse"].tolist()
    assert back["reden_code"].tolist() == expected["reden_code"].tolist()
    for name in [*NUMBERS[:6], "population", "upload_id", "origin"]:
        want = expected[name].to_numpy(dtype="float64", na_value=np.nan)
        assert np.array_equal(back[name].to_numpy(), want, equal_nan=True), name

    command.downgrade(alembic_config(store.engine), "0012")
    with store.engine.connect() as conn:
        found = conn.execute(
            sa.text(f"SELECT {', '.join(seeded.columns)} FROM scores ORDER BY group_id, area_id")
        ).all()
    again = pd.DataFrame(found, columns=seeded.columns)
    assert again[["group_id", "area_id", "klasse", "reden_code"]].values.tolist() == (
        expected[["group_id", "area_id", "klasse", "reden_code"]].values.tolist()
    )
    for name in [*NUMBERS[:6], "population", "upload_id", "origin"]:
        got = again[name].to_numpy(dtype="float64", na_value=np.nan)
        want = expected[name].to_numpy(dtype="float64", na_value=np.nan)
        assert np.array_equal(got, want, equal_nan=True), name
    store.engine.dispose()


def _group(indicator_id: str, period: int) -> dict:
    return {
        "indicator_id": indicator_id,
        "period": period,
        "level": "buurt",
        "ref_code": "G",
        "nap": 2.0,
        "nap_source": "stad",
        "spread": 1.0,
        "areas": 3,
        "measured": 3,
        "usable": 3,
        "covered": 3,
        "refused_count": 0,
    }


def test_one_areas_record_is_found_where_the_groups_areas_differ(store: Store) -> None:
    """A buurtprofiel reads one record per group at the place the area has in the first
    group; a group holding other areas (areas added before only some indicators were
    rescored) is read whole, and a group without the area gives an empty row."""
    from monitor.store.level_scores import area_scores
    from monitor.store.score_pack import pack
    from monitor.store.score_writes import write_scores

    with store.engine.begin() as conn:
        _division(conn)
        groups = pd.DataFrame([_group("a", 2023), _group("b", 2023), _group("c", 2023)])
        layout = {0: [10, 20, 30], 1: [5, 10, 20, 30], 2: [10, 30]}  # b: one area more
        rows = pd.DataFrame(
            [
                (g, area, float(g * 100 + area), "beter" if area == 20 else "rond", "z")
                for g, areas in layout.items()
                for area in areas
            ],
            columns=["group", "area_id", "value", "klasse", "reden_code"],
        )
        for name in ["n", "z", "measure", "ci_low", "ci_high", "population", "upload_id"]:
            rows[name] = np.nan
        rows["origin"] = 0
        write_scores(conn, 1, groups, pack(rows, len(groups)))
    found = area_scores(store, 1, 20, "buurt", "G")
    assert found["indicator_id"].tolist() == ["a", "b", "c"]
    assert found["value"].tolist()[:2] == [20.0, 120.0]  # b's record at another place
    assert np.isnan(found["value"].iloc[2]) and pd.isna(found["klasse"].iloc[2])
    assert found["klasse"].tolist()[:2] == ["beter", "beter"]
    assert found["nap"].tolist() == [2.0, 2.0, 2.0]
    # An area of no group: every group read whole, every row empty.
    nowhere = area_scores(store, 1, 99, "buurt", "G")
    assert len(nowhere) == 3 and nowhere["value"].isna().all()
