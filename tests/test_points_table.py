"""Meldingen per area, level and month/quarter/year (``monitor.points_table``, ``monitor
punten tabel``): a small file of known points in Voorbeeldstad (the demo's own meldingen
undone first), counted by hand."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from monitor import demo, undo
from monitor.cli import app as cli_app
from monitor.errors import MonitorError
from monitor.points import check_points, publish_points
from monitor.points_table import current_table, period_label, point_table, wide
from monitor.store import Store
from tests.support import BACKENDS, database

N01A = "52.689478;3.936258"
N01B = "52.689626;3.956812"
ROWS = [
    f"2031-01-10;afval;{N01A}",
    f"2031-01-11;afval;{N01A}",
    f"2031-02-03;graffiti;{N01A}",
    f"12-04-2031;afval;{N01B}",
    f"2031-12-31;graffiti;{N01B}",
]


@pytest.fixture(scope="module", params=BACKENDS)
def env(tmp_path_factory: pytest.TempPathFactory, request) -> Iterator[tuple[Store, Path]]:
    """Both backends: the counting is SQL (and on SQLite a table scan it is told to do)."""
    folder = tmp_path_factory.mktemp("table")
    with database(request.param, folder) as url:
        store = Store(url)
        yield _filled(store, folder)
        store.engine.dispose()


def _filled(store: Store, folder: Path) -> tuple[Store, Path]:
    store.upgrade()
    demo.install(store, data_dir=folder / "data")
    uploads = store.uploads_frame()
    for upload_id in uploads.loc[uploads["kind"] == "punten", "id"]:
        undo.undo(store, int(upload_id), by="test", role="beheerder")
    path = folder / "meldingen.csv"
    path.write_text("datum;categorie;lat;lon\n" + "\n".join(ROWS) + "\n", encoding="utf-8")
    publish_points(store, check_points(store, path, "meldingen"), uploader="test")
    return store, folder


def _count(table: pd.DataFrame, code: str, category: str, period: str) -> int:
    found = table[
        (table["code"] == code) & (table["category"] == category) & (table["period"] == period)
    ]
    assert len(found) == 1, (code, category, period)
    return int(found["count"].iloc[0])


def test_month_counts_as_stored_reads_them(env) -> None:
    """The counts the indicators and the table start from, row for row and in order
    (SQLite counts them in numpy, PostgreSQL in the database): per buurt, category and
    month, with the group's latest date."""
    store, _ = env
    division = store.division_id()
    ids = store.areas_frame(division, "buurt").set_index("code")["id"]
    expected = [
        ("N01a", "afval", "2031-01", 2, "2031-01-11"),
        ("N01a", "graffiti", "2031-02", 1, "2031-02-03"),
        ("N01b", "afval", "2031-04", 1, "2031-04-12"),
        ("N01b", "graffiti", "2031-12", 1, "2031-12-31"),
    ]
    totals = store.point_month_totals(division)
    assert list(totals.columns) == ["area", "category", "month", "count"]
    assert totals.values.tolist() == [list(row[:4]) for row in expected]
    assert store.point_month_totals(division, category="graffiti").values.tolist() == [
        list(row[:4]) for row in expected if row[1] == "graffiti"
    ]
    by_id = store.point_month_id_counts(division, "meldingen")
    assert list(by_id.columns) == ["area_id", "category", "month", "count", "last"]
    rows = sorted((int(ids[code]), *rest) for code, *rest in expected)
    assert [tuple(row) for row in by_id.values.tolist()] == rows
    none = store.point_month_id_counts(division, "voorzieningen")
    assert none.empty and list(none.columns) == list(by_id.columns)
    assert store.point_month_totals(division, category="geen").empty


def test_per_month_quarter_and_year_per_buurt(env) -> None:
    store, _ = env
    division = store.division_id()
    buurten = len(store.areas_frame(division, "buurt"))
    months = point_table(store, division, per="maand")
    # Every buurt × both categories × the twelve months of 2031 (0 where there is none).
    assert len(months) == buurten * 2 * 12 and months["count"].sum() == 5
    assert _count(months, "N01a", "afval", "2031-01") == 2
    assert _count(months, "N01a", "afval", "2031-02") == 0
    assert _count(months, "N01a", "graffiti", "2031-02") == 1
    assert _count(months, "N01b", "graffiti", "2031-12") == 1
    quarters = point_table(store, division, per="kwartaal")
    assert len(quarters) == buurten * 2 * 4
    assert _count(quarters, "N01a", "afval", "2031-K1") == 2
    assert _count(quarters, "N01b", "afval", "2031-K2") == 1
    assert _count(quarters, "N01b", "graffiti", "2031-K4") == 1
    assert _count(quarters, "N01b", "graffiti", "2031-K3") == 0
    years = point_table(store, division, per="jaar", category="graffiti")
    assert set(years["category"]) == {"graffiti"} and years["count"].sum() == 2
    assert _count(years, "N01a", "graffiti", "2031") == 1


def test_per_wijk_added_up_and_wide(env) -> None:
    store, _ = env
    division = store.division_id()
    wijk = store.areas_frame(division, "buurt").set_index("code").loc["N01a", "wijk_code"]
    assert store.areas_frame(division, "buurt").set_index("code").loc["N01b", "wijk_code"] == wijk
    table = current_table(store, division, per="kwartaal", niveau="wijk")
    assert set(table["category"]) == {""}
    assert [_count(table, wijk, "", f"2031-K{q}") for q in (1, 2, 3, 4)] == [3, 1, 0, 1]
    shown = wide(table, last=2)
    assert list(shown.columns) == ["code", "name", "2031-K3", "2031-K4"]
    assert shown.set_index("code").loc[wijk, "2031-K4"] == 1


def test_labels_and_refusals(env) -> None:
    store, _ = env
    assert period_label(2031 * 4 + 2, "kwartaal") == "2031-K3"
    assert period_label(2031 * 12 + 11, "maand") == "2031-12"
    with pytest.raises(MonitorError, match="Onbekende periode 'week'"):
        point_table(store, store.division_id(), per="week")
    with pytest.raises(MonitorError, match="Onbekend niveau 'straat'"):
        point_table(store, store.division_id(), niveau="straat")


def test_monitor_punten_tabel_prints_and_writes_csv(env) -> None:
    store, folder = env
    environment = {
        "MONITOR_DATABASE_URL": str(store.engine.url),
        "MONITOR_DATA_DIR": str(folder / "data"),
        "COLUMNS": "160",
    }
    runner = CliRunner()
    shown = runner.invoke(
        cli_app, ["punten", "tabel", "--per", "kwartaal", "--categorie", "afval"], env=environment
    )
    assert shown.exit_code == 0, shown.output
    # afval only: its points run from January to April, so K1 to K2
    assert "3 meldingen per buurt en kwartaal, 2031-K1 t/m 2031-K2" in shown.output
    line = next(x for x in shown.output.splitlines() if "N01a" in x and "2031-K1" in x)
    assert line.rstrip(" │|").split()[-1] == "2"
    out = folder / "wijk.csv"
    written = runner.invoke(
        cli_app,
        ["punten", "tabel", "--per", "kwartaal", "--niveau", "wijk", "--totaal", "--csv", str(out)],
        env=environment,
    )
    assert written.exit_code == 0, written.output
    csv = pd.read_csv(out, sep=";", encoding="utf-8-sig", dtype=str)
    assert list(csv.columns) == ["code", "naam", "categorie", "periode", "aantal"]
    n01 = csv[csv["code"] == "N01"]
    assert n01["aantal"].tolist() == ["3", "1", "0", "1"]
    assert set(csv["categorie"]) == {"alle categorieën"}
    refused = runner.invoke(cli_app, ["punten", "tabel", "--per", "week"], env=environment)
    # The command line's main prints a MonitorError as its message (exit code 1).
    assert isinstance(refused.exception, MonitorError)
    assert "Onbekende periode 'week'" in str(refused.exception)
