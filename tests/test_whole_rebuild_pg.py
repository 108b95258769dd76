"""PostgreSQL, a rebuild of every score of the store: by default the indexes stay (pages
read the old scores meanwhile); with ``--exclusief`` the old score rows are deleted and
the new ones ``COPY``'d into the bare score tables, whose keys and indexes are built once
at the end of the transaction. The keys and indexes come back
exactly as defined, the scores are the same, and a reader whose snapshot is older than
the rebuild's commit still reads the old scores (a ``DELETE``, not a ``TRUNCATE``)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from monitor.scoring import materialise
from monitor.scoring.read import generation as score_generation
from monitor.store import Store, bulk, score_groups
from monitor.store.materialised import group_rows, packed_query
from tests.support import postgres_database
from tests.test_scores_materialised import _city, _define

pytestmark = pytest.mark.postgres

TABLES = "('score_rows', 'score_groups')"


def _definitions(conn: sa.Connection) -> dict[str, str]:
    """Every index and key constraint of the two score tables, by name."""
    indexes = conn.execute(
        sa.text(f"SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN {TABLES}")
    ).all()
    keys = conn.execute(
        sa.text(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            f"WHERE conrelid::regclass::text IN {TABLES}"
        )
    ).all()
    return dict(indexes) | {f"constraint {n}": d for n, d in keys}


def _score_rows(conn: sa.Connection) -> list[tuple]:
    """Every stored score with its group's key and numbers (not the generated ids)."""
    fields = ["indicator_id", "period", "level", "ref_code", "nap", "spread", "usable"]
    found = group_rows(conn, packed_query(score_groups.c[f] for f in fields), fields)
    found = found[[*fields, "area_id", "value", "z", "klasse", "reden_code", "origin"]]
    found = found.astype(object).where(found.notna(), None)  # NaN is not equal to itself
    return sorted(found.itertuples(index=False, name=None), key=lambda row: row[:4] + row[7:8])


def _seen(store: Store) -> list[str]:
    seen: list[str] = []

    @sa.event.listens_for(store.engine, "before_cursor_execute")
    def _record(conn, cursor, statement, *_args) -> None:
        seen.append(statement)

    return seen


def test_a_whole_rebuild_builds_the_score_keys_at_the_end_and_keeps_old_readers() -> None:
    with postgres_database() as url:
        store = Store(url)
        _city(store)
        spec = {"polarity": "hoger-beter", "method": "z", "aggregation": "som"}
        _define(store, "a", spec | {"min_population": 0.0, "unit": "aantal"})
        division_id = store.division_id()
        buurten = store.areas_frame(division_id, "buurt")["id"]
        periods = range(1, 1 + (bulk.REBUILD_INDEXES_FROM + 10_000) // len(buurten))
        big = pd.DataFrame(
            [(a, "a", p, float(p % 7) + a / 100) for p in periods for a in buurten],
            columns=["area_id", "indicator_id", "period", "value"],
        )
        with store.begin() as conn:
            store.publish(big, kind="meetingen", conn=conn, filename="t.csv")
        with store.engine.connect() as conn:
            defined = _definitions(conn)
            before = _score_rows(conn)
        assert len(before) > len(big)  # the buurten and the levels above them
        assert "constraint uq_score_groups_key" in defined and "constraint pk_score_rows" in defined
        generation = score_generation(store, division_id)

        # A reader whose snapshot predates the rebuild (taken before it starts; it has not
        # touched the score tables, so the rebuild does not wait for it).
        old = store.engine.connect().execution_options(isolation_level="REPEATABLE READ")
        old.execute(sa.text("SELECT count(*) FROM divisions")).scalar()

        # By default a whole rebuild keeps the indexes: pages read the old scores.
        seen = _seen(store)
        materialise.rebuild_all(store, division_id)
        assert not [s for s in seen if "DROP INDEX" in s or "DROP CONSTRAINT" in s]
        with store.engine.connect() as conn:
            assert _score_rows(conn) == before
        generation += 1
        seen.clear()
        # --exclusief: built at the end.
        built = materialise.rebuild_all(store, division_id, exclusive=True)
        assert built.rows == len(before)
        assert any('DROP CONSTRAINT "pk_score_rows"' in s for s in seen), seen
        assert any('DROP CONSTRAINT "uq_score_groups_key"' in s for s in seen), seen
        assert any(s == "ANALYZE score_rows" for s in seen)
        with store.engine.connect() as conn:
            assert _definitions(conn) == defined  # rebuilt exactly as defined
            assert _score_rows(conn) == before  # the same scores
        assert score_generation(store, division_id) == generation + 1

        # The packed rows stay stored as migration 0013 set them (in the table's pages up
        # to 8 kB, beyond that uncompressed: a record is read with ``substr`` without
        # reading the whole blob), the keys built again or not.
        with store.engine.connect() as conn:
            storage = conn.scalar(
                sa.text(
                    "SELECT attstorage FROM pg_attribute "
                    "WHERE attrelid = 'score_rows'::regclass AND attname = 'rows'"
                )
            )
            options = conn.scalar(
                sa.text("SELECT reloptions FROM pg_class WHERE oid = 'score_rows'::regclass")
            )
        assert storage == "e" and "toast_tuple_target=8160" in options

        # The old snapshot still reads the old scores.
        assert _score_rows(old) == before
        old.close()

        # A rebuild of some indicators (a publish's) keeps the indexes in place.
        seen.clear()
        with store.begin() as conn:
            store.publish(big.iloc[:50].assign(value=1.0), kind="meetingen", conn=conn)
        assert not [s for s in seen if "DROP INDEX" in s or "DROP CONSTRAINT" in s]
        store.engine.dispose()


def test_the_cli_rebuilds_exclusively_only_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """``monitor scores rebuild`` passes ``--exclusief`` through (and only then)."""
    from typer.testing import CliRunner

    from monitor import demo
    from monitor.cli import app as cli_app

    asked: list[bool] = []
    real = materialise.rebuild_all

    def rebuild_all(*args: object, exclusive: bool = False, **kwargs: object) -> object:
        asked.append(exclusive)
        return real(*args, exclusive=exclusive, **kwargs)

    monkeypatch.setattr(materialise, "rebuild_all", rebuild_all)
    with postgres_database() as url:
        store = Store(url)
        store.upgrade()
        demo.install(store, data_dir=Path(tempfile.mkdtemp()))
        store.engine.dispose()
        env = {"MONITOR_DATABASE_URL": url}
        for args in ([], ["--exclusief"]):
            result = CliRunner().invoke(cli_app, ["scores", "rebuild", *args], env=env)
            assert result.exit_code == 0, (result.output, result.exception)
            assert "Indeling voorbeeldstad: generatie" in result.output
    assert asked == [False, True]
