"""The fast bulk insert (``monitor.store.bulk.insert_frame``): on PostgreSQL ``COPY`` of
CSV written by Arrow, on SQLite ``executemany``. What arrives must be exactly what was
given, and on PostgreSQL exactly what the older ``to_csv`` path stored: floats to the
last bit, texts with quotes, commas and line breaks, empty texts (NULL or empty, as
asked), missing numbers, booleans and dates."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
import sqlalchemy as sa

from monitor.catalog import Indicator
from monitor.store import Store, areas, bulk, insert_frame, insert_upload, measurements

FLOATS = [0.1 + 0.2, 1e-300, -7.25e-5, 123456789.123456789, float("nan"), 2.5e17]
NOTES = ['a "quoted", comma\nand a line', "", None, " ", "\\N", "plain"]


def _seed(store: Store) -> tuple[list[int], int]:
    with store.begin() as conn:
        division_id = store.ensure_division(conn, "test", gemeente="Teststad")
        ids = [
            int(
                conn.execute(
                    sa.insert(areas).values(
                        division_id=division_id, code=f"B{k}", name=f"B{k}", level="buurt"
                    )
                ).inserted_primary_key[0]
            )
            for k in range(len(FLOATS))
        ]
        ind = Indicator(id="x_p", label_nl="X", domain="overig", unit="%", polarity="hoger-beter")
        store.upsert_indicators([ind.row()], conn)
        upload_id = insert_upload(conn, "test", len(ids), None, None, "pytest", None, None)
    return ids, upload_id


def _frame(ids: list[int], upload_id: int, period: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area_id": ids,
            "indicator_id": "x_p",
            "period": period,
            "value": FLOATS,
            "n": pd.array([1, None, 3, None, 5, 6], dtype="Int64"),
            "peildatum": [dt.date(2024, 1, 1), None] * 3,
            "note": pd.Series(NOTES, dtype=object),
            "upload_id": upload_id,
            "is_current": [True, False] * 3,
        }
    )


def _stored(store: Store, period: int) -> list[tuple]:
    m = measurements
    query = (
        sa.select(m.c.area_id, m.c.value, m.c.n, m.c.peildatum, m.c.note, m.c.is_current)
        .where(m.c.period == period)
        .order_by(m.c.area_id)
    )
    with store.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(query)]


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return a == b and math.copysign(1, a) == math.copysign(1, b)
    return a == b and type(a) is type(b)


@pytest.mark.parametrize("empty_text_is_null", [True, False])
def test_insert_frame_stores_exactly_what_was_given(
    backend: Store, monkeypatch: pytest.MonkeyPatch, empty_text_is_null: bool
) -> None:
    ids, upload_id = _seed(backend)
    with backend.begin() as conn:
        insert_frame(conn, measurements, _frame(ids, upload_id, 2023), **{
            "empty_text_is_null": empty_text_is_null
        })  # fmt: skip
    found = _stored(backend, 2023)
    empty = None if empty_text_is_null and backend.engine.dialect.name == "postgresql" else ""
    expected_notes = ['a "quoted", comma\nand a line', empty, None, " ", "\\N", "plain"]
    assert [row[4] for row in found] == expected_notes
    values = [row[1] for row in found]
    # SQLite stores a bound NaN as NULL; PostgreSQL gets a missing value: NULL too.
    assert all(_same(v, f) for v, f in zip(values[:4], FLOATS[:4], strict=True))
    assert values[4] is None and values[5] == 2.5e17
    assert [row[2] for row in found] == [1, None, 3, None, 5, 6]
    assert [row[5] for row in found] == [True, False] * 3
    dates = [row[3] for row in found]
    assert dates[0] == dt.date(2024, 1, 1) and dates[1] is None

    if backend.engine.dialect.name != "postgresql":
        return
    # The same frame through the older to_csv path stores the same values.
    monkeypatch.setattr(bulk, "_copy_arrow", lambda *args: False)
    with backend.begin() as conn:
        frame = _frame(ids, upload_id, 2022)
        insert_frame(conn, measurements, frame, empty_text_is_null=empty_text_is_null)
    older = _stored(backend, 2022)
    for new, old in zip(found, older, strict=True):
        if new[4] == "\\N" and not empty_text_is_null:
            # The older path's NULL marker: that text came back as NULL there (as on
            # SQLite, the text now arrives as given).
            assert old[4] is None
            new, old = new[:4] + new[5:], old[:4] + old[5:]
        assert all(_same(a, b) for a, b in zip(new[1:], old[1:], strict=True)), (new, old)


def test_copy_falls_back_for_other_kinds(backend: Store) -> None:
    """A column Arrow would write in a form of its own (here a timestamp in a text
    column's place) is left to ``to_csv``: the insert still arrives."""
    if backend.engine.dialect.name != "postgresql":
        pytest.skip("COPY is PostgreSQL's")
    ids, upload_id = _seed(backend)
    frame = _frame(ids, upload_id, 2021).assign(note=pd.Timestamp("2024-05-06 07:08:09"))
    with backend.begin() as conn:
        assert bulk._copy_arrow(conn, measurements, frame, True) is False
        insert_frame(conn, measurements, frame)
    assert [row[4] for row in _stored(backend, 2021)] == ["2024-05-06 07:08:09"] * len(ids)


def test_mostly_missing_and_mostly_present_columns(backend: Store) -> None:
    """SQLite puts None in a column's missing places one by one, or fills the present ones
    into a column of None when most are missing: either way every row arrives as given."""
    ids, upload_id = _seed(backend)
    frame = _frame(ids, upload_id, 2020).assign(
        flag=pd.Series([None, None, None, None, "onderdrukt", None], dtype="str"),
        source=pd.Series(["cbs", "cbs", None, "ois", "", "cbs"], dtype="str"),
        n=pd.array([None, None, 7, None, None, None], dtype="Int64"),
    )
    with backend.begin() as conn:
        insert_frame(conn, measurements, frame, empty_text_is_null=False)
    m = measurements
    query = sa.select(m.c.flag, m.c.source, m.c.n).where(m.c.period == 2020).order_by(m.c.area_id)
    with backend.engine.connect() as conn:
        found = [tuple(row) for row in conn.execute(query)]
    assert found == [
        (None, "cbs", None),
        (None, "cbs", None),
        (None, None, 7),
        (None, "ois", None),
        ("onderdrukt", "", None),
        (None, "cbs", None),
    ]
    assert bulk._none_where([1, 2, 3], pd.isna(pd.Series([1, None, None])).to_numpy()) == [
        1,
        None,
        None,
    ]
