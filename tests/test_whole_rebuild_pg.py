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
from monitor.store import Store, bulk
from tests.support import postgres_database
from tests.test_scores_materialised import _city, _define

pytestmark = pytest.mark.postgres

TABLES = "('scores', 'score_groups')"


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
    query = sa.text(
        "SELECT g.indicator_id, g.period, g.level, g.ref_code, g.nap, g.spread, g.usable, "
        "s.area_id, s.value, s.z, s.klasse, s.reden_code, s.origin "
        "FROM scores s JOIN score_groups g ON g.id = s.group_id ORDER BY 1, 2, 3, 4, 8"
    )
    return [tuple(row) for row in conn.execute(query)]


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
        assert "constraint uq_score_groups_key" in defined and "ix_scores_area" in defined
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
        assert any("DROP INDEX ix_scores_area" in s for s in seen), seen
        assert any('DROP CONSTRAINT "uq_score_groups_key"' in s for s in seen), seen
        assert any(s == "ANALYZE scores" for s in seen)
        with store.engine.connect() as conn:
            assert _definitions(conn) == defined  # rebuilt exactly as defined
            assert _score_rows(conn) == before  # the same scores
        assert score_generation(store, division_id) == generation + 1

        # The planner is told how many groups the score rows belong to (migration 0012;
        # its sample guesses hundreds of rows per group on a national store), and the
        # whole rebuild's keys and indexes leave that setting in place.
        with store.engine.connect() as conn:
            options = conn.scalar(
                sa.text(
                    "SELECT attoptions FROM pg_attribute "
                    "WHERE attrelid = 'scores'::regclass AND attname = 'group_id'"
                )
            )
        assert "n_distinct=-0.05" in options

        # The old snapshot still reads the old scores, by index and as a whole.
        assert _score_rows(old) == before
        area = int(buurten.iloc[0])
        by_area = old.execute(
            sa.text("SELECT count(*) FROM scores WHERE area_id = :a"), {"a": area}
        ).scalar()
        assert by_area == sum(1 for row in before if row[7] == area)
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
