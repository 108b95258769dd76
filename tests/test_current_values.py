"""What a rescoring reads (``current_values``): one query per indicator, the indicator's
id filled in rather than read back per row. Checked against a plain SQL query over the
demo store after an upload made some values no longer current, for every indicator, a
subset named twice and in another order, one without values, and some periods."""

from __future__ import annotations

import sqlite3

import pandas as pd
import pytest

from monitor import demo
from monitor.store import Store
from monitor.store.score_inputs import current_values

COLUMNS = ["area_id", "indicator_id", "period", "value", "n", "flag", "upload_id"]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("values") / "demo.sqlite"
    store = Store(f"sqlite:///{path}")
    store.upgrade()
    demo.install(store)
    division_id = store.division_id()
    with store.engine.connect() as conn:
        old = current_values(conn, division_id, ["werkloosheid_p"], [2022])
    # A newer upload replaces three values (the old rows stay, no longer current) and
    # flags one.
    new = old.head(3)[["area_id", "indicator_id", "period", "value", "n"]].copy()
    new["value"] = new["value"] + 1.0
    new["flag"] = [None, None, "onderdrukt"]
    with store.begin() as conn:
        store.publish(new, kind="meetingen", conn=conn, filename="t.csv", uploader="t")
    return store


def _plain(path: str, division_id: int) -> pd.DataFrame:
    with sqlite3.connect(path) as raw:
        frame = pd.read_sql_query(
            "SELECT m.area_id, m.indicator_id, m.period, m.value, m.n, m.flag, m.upload_id "
            "FROM measurements m JOIN areas a ON a.id = m.area_id "
            "WHERE a.division_id = ? AND m.is_current = 1",
            raw,
            params=(division_id,),
        )
    raw.close()
    return frame


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame[COLUMNS].astype({"value": "float64", "n": "float64", "upload_id": "float64"})
    frame = frame.astype({"indicator_id": object, "flag": object})
    frame["flag"] = frame["flag"].where(frame["flag"].notna(), None)
    key = ["indicator_id", "period", "area_id"]
    return frame.sort_values(key).reset_index(drop=True)


def test_every_indicator_and_subsets_equal_a_plain_query(store: Store) -> None:
    division_id = store.division_id()
    expected = _plain(store.url.split("///", 1)[1], division_id)
    assert (expected["flag"] == "onderdrukt").sum() == 1
    with store.engine.connect() as conn:
        everything = current_values(conn, division_id, None, None)
        some = current_values(conn, division_id, ["werkloosheid_p", "bev_totaal"] * 2, None)
        years = current_values(conn, division_id, ["werkloosheid_p", "geen_id"], [2021, 2022])
    pd.testing.assert_frame_equal(_sorted(everything), _sorted(expected))
    pd.testing.assert_frame_equal(
        _sorted(some),
        _sorted(expected[expected["indicator_id"].isin(["werkloosheid_p", "bev_totaal"])]),
    )
    wanted = expected[
        (expected["indicator_id"] == "werkloosheid_p") & expected["period"].isin([2021, 2022])
    ]
    assert len(wanted) > 0
    pd.testing.assert_frame_equal(_sorted(years), _sorted(wanted))
    # Texts are Python objects (what scoring encodes), numbers numpy types.
    assert everything["indicator_id"].dtype == object and everything["flag"].dtype == object
    assert everything["area_id"].dtype == "int64" and everything["value"].dtype == "float64"


def test_an_indicator_without_values_gives_an_empty_frame(store: Store) -> None:
    with store.engine.connect() as conn:
        found = current_values(conn, store.division_id(), ["geen_id"], None)
    assert found.empty and list(found.columns) == COLUMNS
