"""A first import's score rebuild takes the current measurements from the published frame
(``monitor.store.published``) instead of reading them back: the same rows, in the same
order, with the same types as the query, and therefore the same stored scores; and only
while that is provably so (an empty table, nothing else written since, this transaction)."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
import sqlalchemy as sa

from monitor import catalog, forked
from monitor.areas import write_areas
from monitor.ingest import upload
from monitor.store import DIRTY, Store, bulk, published
from monitor.store.materialised import every_row
from monitor.store.schema import measurements
from monitor.store.score_inputs import current_values, value_counts

BUURTEN = {"B1": "W1", "B2": "W1", "B3": "W1", "B4": "W2", "B5": "W2", "B6": "W2"}
#: id → (aggregation, weight indicator)
INDICATORS = {
    "pop": ("som", None),
    "rate": ("gewogen-gemiddelde", "pop"),
    "cijfer": ("geen", None),
}


@pytest.fixture(autouse=True)
def _scored_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about the rebuild in this process (as in a web server's): a first
    import scored in a forked child meanwhile is tests/test_first_import.py's."""
    monkeypatch.setattr(forked, "can_fork", lambda: False)


def _city(store: Store) -> None:
    store.upgrade()

    def boxes(codes: list[str], parents: dict[str, dict[str, str]]) -> gpd.GeoDataFrame:
        rows = [
            {
                "code": c,
                "name": f"Gebied {c}",
                **parents.get(c, {}),
                "geometry": shapely.box(k, 0, k + 1, 1),
            }
            for k, c in enumerate(codes)
        ]
        return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")

    write_areas(store, boxes(["W1", "W2"], {}), "wijk", division="t", gemeente="Teststad")
    parents = {b: {"wijk_code": w} for b, w in BUURTEN.items()}
    write_areas(store, boxes(list(BUURTEN), parents), "buurt", division="t")
    rows = []
    for ind_id, (aggregation, weight) in INDICATORS.items():
        ind = catalog.Indicator(
            id=ind_id,
            label_nl=ind_id,
            domain="overig",
            unit="aantal" if ind_id == "pop" else "%",
            polarity="geen" if ind_id == "pop" else "hoger-beter",
            method="z",
            aggregation=aggregation,
            weight_indicator=weight,
            min_population=50.0 if ind_id == "rate" else 0.0,
        )
        rows.append(ind.row())
    with store.begin() as conn:
        store.upsert_indicators(rows, conn)
        store.set_setting("population_indicator", "pop", conn)


#: A long file, deliberately not in (indicator, period, area) order: wijk rows between
#: buurt rows, years descending, a suppressed and an empty value, a −0.0, respondents.
CSV = """gebiedcode;indicator;periode;waarde;n
B3;rate;2021;12,5;40
B1;rate;2021;-0,0;
W1;cijfer;2020;7,1;
B2;rate;2021;x;
B4;pop;2021;120;
B1;pop;2021;40;
B6;rate;2020;33,3;12
B2;pop;2021;310;
B5;rate;2021;8,25;
B3;pop;2021;95;
B4;rate;2021;;
B6;pop;2021;1000;
B5;pop;2021;77;
B6;rate;2021;1,1;
B4;rate;2020;19,9;
B1;rate;2020;0,3;
W2;cijfer;2020;6,4;
B2;cijfer;2021;5,5;
B1;cijfer;2021;8,0;
W1;cijfer;2021;7,7;
B5;pop;2020;60;
B2;pop;2020;500;
"""


def _publish(store: Store, tmp_path: Path, text: str = CSV) -> int:
    checked = upload.check(store, text.encode(), "meetingen.csv")
    assert checked.report.ok, checked.report.lines()
    return upload.publish(
        store, checked, uploader="t", confirm_changes=True, data_dir=tmp_path / "data"
    )


def _table(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as raw:
        rows = raw.execute(sql).fetchall()
    raw.close()
    return rows


def test_scores_of_a_first_import_equal_those_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same file into two empty stores, once from memory and once read back (the
    memo switched off): every stored score and group is the same, float for float."""
    used: list[int] = []
    real = published.current_values

    def counting(*args, **kwargs):
        found = real(*args, **kwargs)
        used.append(found is not None)
        return found

    paths = {}
    for name, memo in (("memo", True), ("read", False)):
        path = tmp_path / f"{name}.sqlite"
        store = Store(f"sqlite:///{path}")
        _city(store)
        used.clear()
        monkeypatch.setattr(published, "current_values", counting if memo else lambda *a: None)
        _publish(store, tmp_path)
        assert any(used) == memo  # the rebuild took the memo exactly when allowed
        store.engine.dispose()
        paths[name] = path
    sql = (
        "SELECT division_id, indicator_id, period, level, ref_code, nap, nap_source, spread, "
        "areas, measured, usable, covered, population_covered, population_total, skewness, "
        "refused_code, refused_value, refused_count, own FROM score_groups "
        "ORDER BY indicator_id, period, level, ref_code"
    )
    memo, read = _table(paths["memo"], sql), _table(paths["read"], sql)
    assert len(memo) > 10
    assert memo == read
    key = ["indicator_id", "period", "level", "ref_code"]
    rows = {
        name: every_row(Store(f"sqlite:///{path}"), key)
        .sort_values([*key, "area_id"])
        .reset_index(drop=True)
        for name, path in paths.items()
    }
    assert len(rows["memo"]) > 10
    pd.testing.assert_frame_equal(rows["memo"], rows["read"], check_exact=True)
    # Aggregated wijk values (a weighted mean over buurten) are among them.
    assert (rows["memo"]["origin"] == 1).any()


def _same(memo: pd.DataFrame, read: pd.DataFrame) -> None:
    """Equal including row order, dtypes, None against NaN and the sign of zero."""
    pd.testing.assert_frame_equal(memo, read, check_exact=True)
    for name in ("value", "n"):
        assert np.array_equal(np.signbit(memo[name]), np.signbit(read[name]))
    assert [type(f) for f in memo["flag"]] == [type(f) for f in read["flag"]]


def test_memo_equals_the_query_inside_the_transaction(tmp_path: Path) -> None:
    """Inside the publish's own transaction: the memo's frame equals the query's, for
    every indicator, a subset in another order, some periods, and another division."""
    store = Store(f"sqlite:///{tmp_path / 's.sqlite'}")
    _city(store)
    checked = upload.check(store, CSV.encode(), "meetingen.csv")
    frame = checked.report.frame
    division_id = store.division_id()
    asks = [
        (division_id, ["cijfer", "pop", "rate"], None),
        (division_id, ["rate", "pop"], [2021]),
        (division_id, ["rate", "onbekend"], [2020, 2021]),
        (division_id + 1, ["pop"], None),  # no such division: nothing
    ]
    counts = [(None, None), (["rate", "pop"], [2021]), (["onbekend", "cijfer"], [2020, 1999])]
    with store.begin() as conn:
        store.publish(frame, kind="meetingen", conn=conn, filename="m.csv", uploader="t")
        frame["value"] = -1.0  # the caller's frame changed afterwards: the memo is a copy
        held = [current_values(conn, *ask) for ask in asks]
        held_counts = [value_counts(conn, *ask) for ask in counts]
        assert published.value_counts(conn, None, None) is not None  # the memo's counts
        published.forget(conn)
        read = [current_values(conn, *ask) for ask in asks]
        assert published.value_counts(conn, None, None) is None
        read_counts = [value_counts(conn, *ask) for ask in counts]
    for memo, plain in zip(held, read, strict=True):
        _same(memo, plain)
    assert held_counts == read_counts
    assert read_counts[0] == {"cijfer": 5, "pop": 8, "rate": 9}  # counted in CSV
    assert len(held[0]) == len(frame) and held[0]["flag"].tolist().count("onderdrukt") == 1
    assert len(held[3]) == 0


def test_memo_only_while_provably_the_store(tmp_path: Path) -> None:
    """No memo for a table that held rows before, after a second write in the same
    transaction, or after the transaction ended."""
    store = Store(f"sqlite:///{tmp_path / 's.sqlite'}")
    _city(store)
    division_id = store.division_id()
    frame = upload.check(store, CSV.encode(), "m.csv").report.frame
    with store.begin() as conn:
        store.publish(frame, kind="meetingen", conn=conn, filename="m.csv", uploader="t")
        assert published.current_values(conn, division_id, ["pop"], None) is not None
        # A second publish into the now filled table: read the store again.
        store.publish(frame.head(2), kind="meetingen", conn=conn, filename="n.csv", uploader="t")
        assert published.current_values(conn, division_id, ["pop"], None) is None
    with store.begin() as conn:
        assert published.MEMO not in conn.info
    # A later first-looking publish into a filled table is not noted either.
    more = frame.head(3).assign(value=frame["value"].head(3) + 1)
    with store.begin() as conn:
        store.publish(more, kind="meetingen", conn=conn, filename="o.csv", uploader="t")
        assert published.current_values(conn, division_id, ["pop"], None) is None


def _indexes(path: Path) -> set[str]:
    sql = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'measurements'"
    return {name for (name,) in _table(path, sql)}


def test_a_first_import_rebuilds_its_indexes_while_its_scores_are_computed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first import large enough to drop the measurements' indexes (here: any) leaves
    their rebuild to a thread that runs while the scores are computed from the memo;
    afterwards the indexes are all there and every score is the one of an import that
    kept its indexes."""
    builds: list[tuple[str, int]] = []
    real = bulk.build_late_indexes

    def watched(conn):
        builds.append((threading.current_thread().name, len(conn.info.get(bulk.LATE, []))))
        real(conn)

    monkeypatch.setattr(bulk, "build_late_indexes", watched)
    paths = {}
    for name, smallest in (("late", 2), ("kept", 10**9)):
        monkeypatch.setattr(bulk, "REBUILD_INDEXES_FROM", smallest)
        path = tmp_path / f"{name}.sqlite"
        store = Store(f"sqlite:///{path}")
        _city(store)
        builds.clear()
        _publish(store, tmp_path)
        store.engine.dispose()
        paths[name] = path
        # Only the late import had indexes to build, and built them in the scoring thread.
        found = [thread for thread, entries in builds if entries]
        assert [t.startswith("indexes") for t in found] == ([True] if name == "late" else [])
    assert (
        _indexes(paths["late"]) == _indexes(paths["kept"]) >= {i.name for i in measurements.indexes}
    )
    sql = "SELECT * FROM score_groups ORDER BY indicator_id, period, level, ref_code"
    late, kept = _table(paths["late"], sql), _table(paths["kept"], sql)
    assert len(late) > 10
    assert [row[1:] for row in late] == [row[1:] for row in kept]  # all but the row id
    rows = "SELECT * FROM score_rows ORDER BY group_id"
    assert _table(paths["late"], rows) == _table(paths["kept"], rows)


def test_a_duplicate_found_by_a_late_index_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key twice in a first import whose unique index is built late: the publish fails
    (the unique index refuses it, in the scoring thread) and the store is as before,
    indexes included. Without a rescore the indexes are built before the commit."""
    monkeypatch.setattr(bulk, "REBUILD_INDEXES_FROM", 2)
    path = tmp_path / "s.sqlite"
    store = Store(f"sqlite:///{path}")
    _city(store)
    frame = upload.check(store, CSV.encode(), "m.csv").report.frame
    twice = pd.concat([frame, frame.head(1)], ignore_index=True)
    with pytest.raises(sa.exc.IntegrityError), store.begin() as conn:
        store.publish(twice, kind="meetingen", conn=conn, filename="m.csv", uploader="t")
    assert _table(path, "SELECT count(*) FROM measurements") == [(0,)]
    assert _table(path, "SELECT count(*) FROM uploads") == [(0,)]
    assert _indexes(path) >= {i.name for i in measurements.indexes}
    # The table's bulk insert without a rescore (none marked): built at the commit.
    with store.begin() as conn:
        upload_id = store.publish(frame, kind="meetingen", conn=conn, uploader="t")
        conn.info.pop(DIRTY, None)  # as if nothing needed rescoring
        assert bulk.late_indexes(conn)
    assert _indexes(path) >= {i.name for i in measurements.indexes}
    assert _table(path, "SELECT count(*) FROM measurements WHERE upload_id = 1") == [(len(frame),)]
    assert upload_id == 1
