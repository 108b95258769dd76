"""PostgreSQL, a first import: ``COPY`` fills the empty measurements and score tables
without their secondary indexes, which are built once at the end of the transaction;
a later publish (readers may be reading) keeps the indexes in place. The indexes come
back exactly as defined, and the data is the same either way."""

from __future__ import annotations

import pandas as pd
import pytest
import sqlalchemy as sa

from monitor.store import Store, bulk
from monitor.store.materialised import every_row
from tests.support import postgres_database
from tests.test_scores_materialised import _city, _define

pytestmark = pytest.mark.postgres


def _indexes(store: Store) -> dict[str, str]:
    query = sa.text(
        "SELECT indexname, indexdef FROM pg_indexes "
        "WHERE tablename IN ('measurements', 'score_rows') ORDER BY indexname"
    )
    with store.engine.connect() as conn:
        return dict(conn.execute(query).all())


def _foreign_keys(store: Store) -> dict[str, str]:
    query = sa.text(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid IN ('measurements'::regclass, 'score_rows'::regclass) "
        "AND contype IN ('f', 'p')"
    )
    with store.engine.connect() as conn:
        return dict(conn.execute(query).all())


def _statements(store: Store) -> list[str]:
    seen: list[str] = []

    @sa.event.listens_for(store.engine, "before_cursor_execute")
    def _seen(conn, cursor, statement, *_args) -> None:
        seen.append(statement)

    return seen


def test_a_first_import_builds_the_indexes_once_at_the_end() -> None:
    with postgres_database() as url:
        store = Store(url)
        _city(store)
        spec = {"polarity": "hoger-beter", "method": "z", "aggregation": "som"}
        _define(store, "a", spec | {"min_population": 0.0, "unit": "aantal"})
        defined = _indexes(store)
        keys = _foreign_keys(store)
        assert len(keys) == 5  # area, indicator, upload; both primary keys
        assert {"ix_measurements_lookup", "uq_measurements_current", "pk_score_rows"} <= set(
            defined
        )
        buurten = store.areas_frame(store.division_id(), "buurt")["id"]
        periods = range(1, 1 + (bulk.REBUILD_INDEXES_FROM + 10_000) // len(buurten))
        big = pd.DataFrame(
            [(a, "a", p, float(p)) for p in periods for a in buurten],
            columns=["area_id", "indicator_id", "period", "value"],
        )
        # The second part repeats 100 keys with other values: they replace the first ones.
        again = big.iloc[:100].assign(value=-1.0)
        seen = _statements(store)
        with store.begin() as conn:
            store.publish(iter([big, again]), kind="meetingen", conn=conn, filename="t.csv")
        dropped = [s for s in seen if "DROP INDEX" in s]
        assert any("ix_measurements_lookup" in s for s in dropped), dropped
        assert any('DROP CONSTRAINT "pk_score_rows"' in s for s in seen), seen
        # The score groups' key is deferred, their secondary indexes kept up to date.
        assert any("ALTER TABLE score_groups DROP CONSTRAINT" in s for s in seen), seen
        assert not any("ix_score_groups" in s for s in dropped), dropped
        assert _indexes(store) == defined  # rebuilt exactly as defined
        assert any("DROP CONSTRAINT" in s for s in seen)
        assert _foreign_keys(store) == keys  # checked again, as defined
        values = store.current_values(store.division_id(), ["a"])
        assert len(values) == len(big)
        assert (values["value"] == -1.0).sum() == 100
        scored = len(every_row(store, []))
        assert scored >= len(big)  # every buurt value scored (and the levels above)

        # The tables hold rows now: a second large publish keeps the indexes in place.
        seen.clear()
        with store.begin() as conn:
            store.publish(
                iter([big.assign(value=2.0)]), kind="meetingen", conn=conn, filename="u.csv"
            )
        assert not [s for s in seen if "DROP INDEX" in s or "DROP CONSTRAINT" in s]
        assert _indexes(store) == defined
        assert set(store.current_values(store.division_id(), ["a"])["value"]) == {2.0}
        store.engine.dispose()


def test_a_first_import_still_refuses_an_unknown_area() -> None:
    """The foreign keys, added back at the end, still check every row: a row naming an
    area that does not exist rolls the whole import back."""
    with postgres_database() as url:
        store = Store(url)
        _city(store)
        spec = {"polarity": "hoger-beter", "method": "z", "aggregation": "som"}
        _define(store, "a", spec | {"min_population": 0.0, "unit": "aantal"})
        rows = bulk.REBUILD_INDEXES_FROM + 10
        big = pd.DataFrame(
            {"area_id": 999_999, "indicator_id": "a", "period": range(rows), "value": 1.0}
        )
        with pytest.raises(sa.exc.IntegrityError), store.begin() as conn:
            store.publish(big, kind="meetingen", conn=conn, filename="t.csv")
        assert store.current_values(store.division_id(), ["a"]).empty
        assert _foreign_keys(store) and len(_indexes(store)) >= 4
        store.engine.dispose()


def test_a_first_import_looks_up_only_parts_that_can_replace_rows() -> None:
    """In a fresh table (its indexes deferred: a large first part) every current row
    comes from an earlier part of the same upload: a part with other indicators than
    those is not looked up; a part repeating one is, and replaces those keys."""
    with postgres_database() as url:
        store = Store(url)
        _city(store)
        spec = {"polarity": "hoger-beter", "method": "z", "aggregation": "som"}
        for name in ("a", "b"):
            _define(store, name, spec | {"min_population": 0.0, "unit": "aantal"})
        buurten = store.areas_frame(store.division_id(), "buurt")["id"]

        periods = range(1, 1 + (bulk.REBUILD_INDEXES_FROM + 1_000) // len(buurten))

        def part(indicator: str, value: float) -> pd.DataFrame:
            rows = [(a, indicator, p, value) for p in periods for a in buurten]
            return pd.DataFrame(rows, columns=["area_id", "indicator_id", "period", "value"])

        again = part("a", 3.0).iloc[:5]
        seen = _statements(store)
        with store.begin() as conn:
            parts = iter([part("a", 1.0), part("b", 2.0), again])
            store.publish(parts, kind="meetingen", conn=conn, filename="t.csv")
        lookups = [s for s in seen if s.startswith("SELECT measurements.id")]
        assert len(lookups) == 1, lookups  # the third part only
        values = store.current_values(store.division_id(), ["a", "b"])
        assert len(values) == 2 * len(periods) * len(buurten)
        a = values[values["indicator_id"] == "a"]
        each = len(periods) * len(buurten)
        assert sorted(a["value"].value_counts().items()) == [(1.0, each - 5), (3.0, 5)]
        assert set(values.loc[values["indicator_id"] == "b", "value"]) == {2.0}
        store.engine.dispose()
