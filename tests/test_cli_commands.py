"""Commands from the README that crashed or cut their output, run on the demo city:
``user list`` with and without a display name, ``indicator add`` on an indicator with
measurements, ``indicator list`` in three formats, and times in Amsterdam time."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from monitor import demo, users
from monitor.cli import app as cli_app
from monitor.store import Store
from monitor.times import format_time, iso_time

LONG_ID = "jeugdwerkloosheid_18_tot_27_jaar_registratie_uwv_p"


@pytest.fixture(scope="module")
def demo_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("cli")
    url = f"sqlite:///{folder / 'cli.sqlite'}"
    store = Store(url)
    store.upgrade()
    demo.install(store, data_dir=folder / "data")
    store.engine.dispose()
    return {"MONITOR_DATABASE_URL": url, "MONITOR_DATA_DIR": str(folder / "data")}


def run(env: dict[str, str], *args: str, stdin: str | None = None):
    result = CliRunner().invoke(cli_app, list(args), env=env, input=stdin)
    assert result.exit_code == 0, (result.output, result.exception)
    return result.output


def test_user_list_with_and_without_a_name(demo_env: dict[str, str]) -> None:
    """The state after ``make run`` (ensure-admin, no name) plus the README's ``user add``
    with ``--naam``: the list used to crash on the missing name (NaN in the frame)."""
    run(demo_env, "user", "ensure-admin")
    password = "een-lang-wachtwoord\n"
    run(demo_env, "user", "add", "anna", "--rol", "analist", "--naam", "Anna de Vries",
        "--wachtwoord-stdin", stdin=password)  # fmt: skip
    output = run(demo_env, "user", "list")
    lines = [line for line in output.splitlines() if "admin" in line or "anna" in line]
    assert len(lines) == 2 and "beheerder" in lines[0] and "Anna de" in lines[1]  # name wraps
    assert "CET" in output or "CEST" in output  # the zone is said


def test_indicator_add_on_an_indicator_with_measurements_updates_it(
    demo_env: dict[str, str],
) -> None:
    """Like the README's OIS step after the quick start (BEVTOTAAL came with the BBGA):
    the definition changes, the measurements stay (no foreign-key error)."""
    store = Store(demo_env["MONITOR_DATABASE_URL"])
    before = store.current_values(store.division_id(), ["bev_totaal"])
    output = run(demo_env, "indicator", "add", "bev_totaal", "--label", "Inwoners (totaal)",
                 "--unit", "aantal", "--polarity", "geen", "--domain", "bevolking",
                 "--aggregation", "som", "--decimals", "0")  # fmt: skip
    assert (
        "Indicator 'bev_totaal' bijgewerkt: --label 'Bevolking' → 'Inwoners (totaal)'"
        in (" ".join(output.split()))
        or "bijgewerkt" in output
    )
    after = store.current_values(store.division_id(), ["bev_totaal"])
    pd.testing.assert_frame_equal(before, after)
    row = store.indicators_frame(["bev_totaal"]).iloc[0]
    assert row["label_nl"] == "Inwoners (totaal)" and row["decimals"] == 0
    assert row["min_population"] == 0  # options not given keep their values
    again = run(demo_env, "indicator", "add", "bev_totaal", "--label", "Inwoners (totaal)")
    assert "niets gewijzigd" in again

    result = CliRunner().invoke(
        cli_app, ["indicator", "add", "BEV_TOTAAL", "--label", "x"], env=demo_env
    )
    assert result.exit_code != 0
    assert "Er is al een indicator 'bev_totaal'" in str(result.exception)
    result = CliRunner().invoke(
        cli_app, ["indicator", "add", "nieuw_p", "--label", "x"], env=demo_env
    )
    assert result.exit_code != 0
    assert "ook --unit, --polarity, --domain op" in str(result.exception)
    store.engine.dispose()


def test_indicator_list_never_cuts_an_id(demo_env: dict[str, str]) -> None:
    run(demo_env, "indicator", "add", LONG_ID, "--label", "Jeugdwerkloosheid 18 tot 27 jaar",
        "--unit", "%", "--polarity", "lager-beter", "--domain", "jeugd_onderwijs")  # fmt: skip
    table = run(demo_env, "indicator", "list")
    assert max(len(line) for line in table.splitlines()) <= 80  # a plain terminal
    assert LONG_ID in table and "werkloosheid_p" in table
    assert "…" not in table
    rows = json.loads(run(demo_env, "indicator", "list", "--format", "json"))
    expected = {
        "id": LONG_ID,
        "label": "Jeugdwerkloosheid 18 tot 27 jaar",
        "domein": "jeugd_onderwijs",
        "eenheid": "%",
        "polariteit": "lager-beter",
        "herkomst": "catalogus",
        "methode": "z",
    }
    assert expected in rows
    csv_text = run(demo_env, "indicator", "list", "--format", "csv")
    assert csv_text.splitlines()[0] == "id,label,domein,eenheid,polariteit,herkomst,methode"
    line = f"{LONG_ID},Jeugdwerkloosheid 18 tot 27 jaar,jeugd_onderwijs,%,lager-beter,catalogus,z"
    assert line in csv_text
    assert len(csv_text.splitlines()) == len(rows) + 1


def test_uploads_list_in_amsterdam_time(demo_env: dict[str, str]) -> None:
    output = run(demo_env, "uploads", "list")
    assert "│ 2  │ begroting │" in output and "│ gepubliceerd " in output  # in words, not cut
    assert " CET" in output or " CEST" in output


def test_one_time_rule() -> None:
    winter = datetime(2026, 12, 4, 14, 2, tzinfo=UTC)
    summer = datetime(2025, 7, 1, 22, 30)  # naive: SQLite's way of saying UTC
    assert format_time(winter) == "4 dec 2026 15:02 CET"
    assert format_time(summer) == "2 jul 2025 00:30 CEST"
    assert format_time(winter, "en") == "4 Dec 2026 15:02 CET"
    assert iso_time(winter) == "2026-12-04T15:02:00+01:00"
    assert format_time(None) == format_time(pd.NaT) == iso_time(None) == ""


def test_user_list_reads_the_store_not_the_frame_types(tmp_path: Path) -> None:
    """Every user without a name (the column is all None): no crash either."""
    url = f"sqlite:///{tmp_path / 'u.sqlite'}"
    store = Store(url)
    store.upgrade()
    users.add(store, "piet", "een-lang-wachtwoord", "lezer", actor="test")
    store.engine.dispose()
    output = run({"MONITOR_DATABASE_URL": url}, "user", "list")
    assert "piet" in output and "lezer" in output
