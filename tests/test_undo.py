"""Undo that cannot wreck the store by accident (issue 10): the summary of what an undo
takes away is a dry run, undo and redo respect ownership (an analist their own uploads,
a beheerder anyone's), an undone upload can be published again from its stored file
with the options it recorded, and the CLI asks first (``--bevestig`` or a prompt)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from monitor import audit, demo, undo
from monitor.cli import app as cli_app
from monitor.emptiness import contents
from monitor.errors import MonitorError
from monitor.ingest import upload as ingest
from monitor.ingest.parse import ParseOptions
from monitor.store import Store, measurements, uploads

#: Changes two demo values (they come back on undo) and adds one new key (empty after).
ANNA = (
    "gebiedcode;indicator;periode;waarde\n"
    "N01a;werkloosheid_p;2024;3,3\n"
    "N01b;werkloosheid_p;2024;4,4\n"
    "N01a;bijstand_p;2030;5,0\n"
)
#: A wide table that only reads with its options: title line, "code name" column, a
#: column per year, a total row (skipped by the code pattern).
WIDE = (
    "Tabel werkloosheid (fictief)\n"
    "gebied;2029;2030\n"
    "N01a Pareldorp;3,1;3,2\n"
    "N01b Beukendorp;4,0;4,1\n"
    "Totaal;5;5\n"
)
#: One new value (the same key in two files: the second changes the first).
ONE = "gebiedcode;indicator;periode;waarde\nN01a;bijstand_p;2030;{}\n"
WIDE_OPTIONS = ParseOptions(code_pattern=r"^([A-Z][0-9]{2}[a-z]) ", indicator="werkloosheid_p")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("MONITOR_DATA_DIR", str(folder))
    return folder


def _demo(url: str, data_dir: Path) -> Store:
    store = Store(url)
    store.upgrade()
    demo.install(store, data_dir=data_dir)
    return store


@pytest.fixture
def city(tmp_path: Path, data_dir: Path) -> Iterator[Store]:
    store = _demo(f"sqlite:///{tmp_path / 'u.sqlite'}", data_dir)
    yield store
    store.engine.dispose()


@pytest.fixture
def backend(backend: Store, data_dir: Path) -> Store:
    """The demo city on each backend (conftest's ``backend``, filled)."""
    demo.install(backend, data_dir=data_dir)
    return backend


def _publish(
    store: Store, text: str, name: str, by: str, options: ParseOptions | None = None
) -> int:
    checked = ingest.check(store, text.encode(), name, options)
    assert checked.report.ok, checked.report.lines()
    return ingest.publish(store, checked, uploader=by, confirm_changes=True)


def _value(store: Store, code: str, indicator: str, period: int) -> float | None:
    frame = store.current_values(store.division_id(), [indicator], [period])
    hit = frame.loc[frame["code"] == code, "value"]
    return None if hit.empty else float(hit.iloc[0])


def _state(store: Store) -> tuple:
    """Everything an undo or redo may touch: current rows, uploads, the audit log."""
    with store.engine.connect() as conn:
        current = conn.execute(
            sa.select(measurements.c.id).where(measurements.c.is_current.is_(True))
        ).all()
        ups = conn.execute(sa.select(uploads.c.id, uploads.c.status).order_by(uploads.c.id)).all()
    return sorted(r[0] for r in current), [tuple(r) for r in ups], len(audit.entries(store))


# -- the summary: what an undo takes away, and nothing changes --------------------------


def test_summary_says_what_an_undo_takes_away_and_changes_nothing(backend: Store) -> None:
    upload_id = _publish(backend, ANNA, "anna.csv", "anna")
    before = _state(backend)
    found = undo.summary(backend, upload_id)
    assert _state(backend) == before  # a dry run
    assert (found.rows, found.restored, found.emptied, found.areas) == (3, 2, 1, 2)
    assert found.subjects == ["bijstand_p", "werkloosheid_p"]
    assert found.years == [2024, 2030]
    assert (found.uploader, found.kind, found.nothing_left, found.redoable) == (
        "anna",
        "meetingen",
        False,
        True,
    )
    lines = found.lines()
    assert lines[1] == (
        "Actuele waarden die verdwijnen: 3 (eerdere waarde terug: 2; daarna leeg: 1)."
    )
    assert "Indicatoren (2): Bijstand (%), Geregistreerde werkloosheid (%)" in lines
    assert "Jaren: 2024, 2030" in lines and "Gebieden: 2" in lines

    # The demo's upload: two of its rows were replaced by anna's, the rest would go.
    base = undo.summary(backend, 1)
    assert (base.rows, base.restored, base.emptied) == (11_249 - 2, 0, 11_249 - 2)
    assert base.years == list(range(2017, 2025)) and base.areas == 91
    assert not base.nothing_left  # anna's three values stay
    assert "Al vervangen door latere uploads, en blijven zoals ze zijn: 2 rijen." in base.lines()

    # What the summary promised is what the undo does.
    demo_value = _value(backend, "N01a", "werkloosheid_p", 2023)
    assert undo.undo(backend, upload_id, by="anna", role="analist") == found.restored
    assert _value(backend, "N01a", "bijstand_p", 2030) is None
    assert _value(backend, "N01a", "werkloosheid_p", 2023) == demo_value
    with pytest.raises(MonitorError, match="al ongedaan gemaakt"):
        undo.summary(backend, upload_id)


def test_the_summary_of_the_whole_base_data_says_the_pages_go_empty(city: Store) -> None:
    """Undoing the demo's measurements leaves no measurement at all: the summary says so
    (the issue: one click emptied the map without a word)."""
    found = undo.summary(city, 1)
    assert found.nothing_left and found.emptied == found.rows == 11_249
    assert "Daarna zijn er geen meetingen meer" in " ".join(found.lines())
    budget = undo.summary(city, 2)
    assert budget.budget and budget.nothing_left and len(budget.subjects) == 11
    assert budget.lines()[1].startswith("Actuele begrotingsregels die verdwijnen: 2.054")


def test_the_summary_reads_in_one_snapshot(city: Store) -> None:
    """``Store.reading`` sees one moment: a publish committed in between stays unseen."""
    with city.reading() as conn:
        first = conn.scalar(sa.select(sa.func.count()).select_from(uploads))
        _publish(city, ANNA, "tussendoor.csv", "anna")
        again = conn.scalar(sa.select(sa.func.count()).select_from(uploads))
    assert first == again == 4  # the demo's meetingen, begroting, meldingen and voorzieningen
    assert len(city.uploads_frame()) == 5


# -- ownership ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actor", "role", "allowed"),
    [
        ("anna", "analist", True),  # her own upload
        ("bert", "analist", False),  # someone else's
        ("bert", "beheerder", True),
        ("anna", "lezer", False),  # even her own: a lezer changes nothing
        ("anna", None, False),  # not logged in
    ],
)
def test_undo_respects_ownership(city: Store, actor: str, role: str | None, allowed: bool) -> None:
    upload_id = _publish(city, ANNA, "anna.csv", "anna")
    before = _state(city)
    if not allowed:
        with pytest.raises(MonitorError) as refused:
            undo.undo(city, upload_id, by=actor, role=role)
        assert "analist" in str(refused.value) or "beheerder" in str(refused.value)
        assert _state(city) == before
        return
    undo.undo(city, upload_id, by=actor, role=role)
    row = city.uploads_frame().set_index("id").loc[upload_id]
    assert (row["status"], row["undone_by"]) == ("undone", actor)
    line = audit.entries(city).iloc[0]
    assert (line["actor"], line["action"]) == (actor, "upload.undo")
    assert json.loads(line["detail"])["rol"] == role


def test_an_analist_may_not_undo_the_base_data(city: Store) -> None:
    """Upload 1 (the whole base data) is not the analist's: refused, in Dutch."""
    with pytest.raises(MonitorError, match=r"Upload 1 is van 'monitor demo'.*Vraag een beheerder"):
        undo.undo(city, 1, by="anna", role="analist")
    assert contents(city).measurements
    assert undo.undo(city, 1, by="bert", role="beheerder") == 0
    assert not contents(city).measurements


def test_redo_respects_ownership(city: Store) -> None:
    upload_id = _publish(city, ANNA, "anna.csv", "anna")
    undo.undo(city, upload_id, by="anna", role="analist")
    before = _state(city)
    for actor, role in (("bert", "analist"), ("anna", "lezer"), ("anna", None)):
        with pytest.raises(MonitorError):
            undo.prepare_redo(city, upload_id, by=actor, role=role)
        with pytest.raises(MonitorError):
            undo.redo(city, upload_id, by=actor, role=role)
    assert _state(city) == before
    redone = undo.redo(city, upload_id, by="anna", role="analist", confirm_changes=True)
    assert redone > upload_id


# -- redo ---------------------------------------------------------------------------------


def test_redo_publishes_the_stored_file_again_with_its_options(backend: Store) -> None:
    upload_id = _publish(backend, WIDE, "wide.csv", "anna", WIDE_OPTIONS)
    meta = json.loads(backend.uploads_frame().set_index("id").loc[upload_id, "meta"])
    assert meta["opties"] == {
        "code_pattern": r"^([A-Z][0-9]{2}[a-z]) ",
        "indicator": "werkloosheid_p",
    }
    assert meta["gebiedsindeling"] == demo.DIVISION
    undo.undo(backend, upload_id, by="anna", role="analist")
    assert _value(backend, "N01b", "werkloosheid_p", 2030) is None

    prepared = undo.prepare_redo(backend, upload_id, by="anna", role="analist")
    assert prepared.counts == {"nieuw": 4, "gewijzigd": 0, "ongewijzigd": 0}
    assert prepared.lines()[1] == "Rijen: 4 (4 nieuw, 0 gewijzigd, 0 ongewijzigd)."
    new_id = undo.redo(backend, upload_id, by="anna", role="analist")
    assert _value(backend, "N01b", "werkloosheid_p", 2030) == 4.1
    assert _value(backend, "N01a", "werkloosheid_p", 2029) == 3.1

    frame = backend.uploads_frame().set_index("id")
    old, new = frame.loc[upload_id], frame.loc[new_id]
    assert (new["status"], new["filename"], new["sha256"], new["uploader"]) == (
        "published",
        "wide.csv",
        old["sha256"],
        "anna",
    )
    assert json.loads(new["meta"])["herpubliceert"] == upload_id
    assert json.loads(new["meta"])["opties"] == meta["opties"]
    line = audit.entries(backend).iloc[0]
    assert (line["action"], line["target"]) == ("upload.redo", f"upload {new_id}: wide.csv")
    assert json.loads(line["detail"])["herpubliceert"] == upload_id
    assert undo.redone_message(backend, upload_id, new_id) == (
        f"Upload {upload_id} is opnieuw gepubliceerd als upload {new_id}: 4 meetingen."
    )
    # Published again once: a second redo of the same upload is refused.
    with pytest.raises(MonitorError, match=f"al opnieuw gepubliceerd als upload {new_id}"):
        undo.prepare_redo(backend, upload_id, by="anna", role="analist")


def test_redo_that_changes_published_values_needs_confirmation(city: Store) -> None:
    first = _publish(city, ONE.format(5), "a.csv", "anna")
    undo.undo(city, first, by="anna", role="analist")
    _publish(city, ONE.format(6), "b.csv", "anna")
    before = _state(city)
    with pytest.raises(MonitorError, match=r"wijzigt 1 gepubliceerde waarden.*--bevestig"):
        undo.redo(city, first, by="anna", role="analist")
    assert _state(city) == before
    undo.redo(city, first, by="anna", role="analist", confirm_changes=True)
    assert _value(city, "N01a", "bijstand_p", 2030) == 5.0


def test_redo_of_a_budget_upload_and_of_the_demo(city: Store) -> None:
    lines_before = city.budget_frame(city.division_id())
    values_before = city.current_values(city.division_id(), None)
    undo.undo(city, 2, by="bert", role="beheerder")
    undo.undo(city, 1, by="bert", role="beheerder")
    assert not contents(city).measurements and not contents(city).budget

    budget_id = undo.redo(city, 2, by="bert", role="beheerder")
    lines = city.budget_frame(city.division_id())
    columns = ["code", "year", "programme", "description", "planned", "realised"]
    pd.testing.assert_frame_equal(lines[columns], lines_before[columns])
    assert (lines["upload_id"] == budget_id).all()

    demo_id = undo.redo(city, 1, by="bert", role="beheerder")  # from its stored file
    values = city.current_values(city.division_id(), None)
    key = ["code", "indicator_id", "period"]
    merged = values_before.merge(values, on=key, suffixes=("_voor", ""))
    assert len(merged) == len(values_before) == len(values) == 11_249
    pd.testing.assert_series_equal(merged["value"], merged["value_voor"], check_names=False)
    row = city.uploads_frame().set_index("id").loc[demo_id]
    assert (row["kind"], json.loads(row["meta"])["herpubliceert"]) == ("meetingen", 1)


def test_redo_says_why_it_cannot(city: Store, data_dir: Path) -> None:
    upload_id = _publish(city, ANNA, "anna.csv", "anna")
    with pytest.raises(MonitorError, match=f"Upload {upload_id} is gepubliceerd; alleen een"):
        undo.prepare_redo(city, upload_id, by="anna", role="analist")
    undo.undo(city, upload_id, by="anna", role="analist")
    sha = city.uploads_frame().set_index("id").loc[upload_id, "sha256"]
    (data_dir / "uploads" / sha).unlink()
    before = _state(city)
    gone = r"bestand van upload \d+ \(anna.csv\) is niet meer bewaard"
    with pytest.raises(MonitorError, match=gone):
        undo.redo(city, upload_id, by="anna", role="analist")
    assert _state(city) == before
    with pytest.raises(MonitorError, match="Upload 99 bestaat niet"):
        undo.prepare_redo(city, 99, by="anna", role="beheerder")


def test_a_chain_of_redos_counts_as_published_again(city: Store) -> None:
    """5 publishes 2 again and 6 publishes 5 again: 2 may not come back a second time."""
    undo.undo(city, 2, by="b", role="beheerder")
    four = undo.redo(city, 2, by="b", role="beheerder")
    undo.undo(city, four, by="b", role="beheerder")
    five = undo.redo(city, four, by="b", role="beheerder")
    with pytest.raises(MonitorError, match=f"al opnieuw gepubliceerd als upload {five}"):
        undo.redo(city, 2, by="b", role="beheerder")
    assert undo.republished(city.uploads_frame()) == {2: five, four: five}


# -- the CLI ------------------------------------------------------------------------------


def _cli(store: Store, data_dir: Path) -> dict[str, str]:
    return {"MONITOR_DATABASE_URL": store.url, "MONITOR_DATA_DIR": str(data_dir)}


def test_cli_undo_asks_first(city: Store, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    upload_id = _publish(city, ANNA, "anna.csv", "anna")
    env = _cli(city, data_dir)
    runner = CliRunner()
    args = ["uploads", "undo", str(upload_id), "--uploader", "anna"]
    before = _state(city)

    # No terminal (a script, CI) and no --bevestig: the summary, then a refusal.
    result = runner.invoke(cli_app, args, env=env)
    assert result.exit_code != 0 and "--bevestig" in str(result.exception)
    output = " ".join(result.output.split())
    assert f"Upload {upload_id} ongedaan maken?" in output
    assert "Actuele waarden die verdwijnen: 3 (eerdere waarde terug: 2; daarna leeg: 1)." in (
        output
    )
    assert _state(city) == before

    # In a terminal it asks; anything but yes changes nothing.
    monkeypatch.setattr("monitor.cli.uploads._interactive", lambda: True)
    result = runner.invoke(cli_app, args, input="n\n", env=env)
    assert result.exit_code == 0 and "Ongedaan maken? [j/N]" in result.output
    assert f"Niets veranderd: upload {upload_id} is niet ongedaan gemaakt." in result.output
    assert _state(city) == before
    result = runner.invoke(cli_app, args, input="j\n", env=env)
    assert result.exit_code == 0, result.output
    assert f"Upload {upload_id} is ongedaan gemaakt; 2 eerdere waarden zijn terug." in result.output
    assert city.uploads_frame().set_index("id").loc[upload_id, "status"] == "undone"


def test_cli_undo_and_redo_respect_ownership(city: Store, data_dir: Path) -> None:
    """The CLI acts as --uploader (default: the OS user) in role analist; another's upload
    needs --beheerder."""
    upload_id = _publish(city, ANNA, "anna.csv", "anna")
    env = _cli(city, data_dir)
    runner = CliRunner()
    before = _state(city)
    undo_args = ["uploads", "undo", str(upload_id), "--bevestig"]
    result = runner.invoke(cli_app, [*undo_args, "--uploader", "bert"], env=env)
    assert result.exit_code != 0 and "Vraag een beheerder" in str(result.exception)
    result = runner.invoke(cli_app, ["uploads", "undo", "1", "--bevestig"], env=env)
    assert "Upload 1 is van 'monitor demo'" in str(result.exception)
    assert _state(city) == before

    result = runner.invoke(cli_app, [*undo_args, "--uploader", "bert", "--beheerder"], env=env)
    assert result.exit_code == 0, result.output
    line = audit.entries(city).iloc[0]
    assert (line["actor"], json.loads(line["detail"])["rol"]) == ("bert", "beheerder")

    redo_args = ["uploads", "redo", str(upload_id)]
    result = runner.invoke(cli_app, [*redo_args, "--uploader", "carla"], env=env)
    assert result.exit_code != 0 and "Vraag een beheerder" in str(result.exception)
    result = runner.invoke(cli_app, [*redo_args, "--uploader", "anna", "--bevestig"], env=env)
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert f"Upload {upload_id} opnieuw publiceren?" in output
    # Her two changes replace the demo values that the undo brought back.
    assert "Rijen: 3 (1 nieuw, 2 gewijzigd, 0 ongewijzigd)." in output
    new_id = int(city.uploads_frame()["id"].max())
    done = f"Upload {upload_id} is opnieuw gepubliceerd als upload {new_id}: 3 meetingen."
    assert done in output
    assert _value(city, "N01a", "bijstand_p", 2030) == 5.0


def test_cli_redo_that_changes_values_needs_bevestig(city: Store, data_dir: Path) -> None:
    first = _publish(city, ONE.format(5), "a.csv", "anna")
    undo.undo(city, first, by="anna", role="analist")
    _publish(city, ONE.format(6), "b.csv", "anna")
    env = _cli(city, data_dir)
    args = ["uploads", "redo", str(first), "--uploader", "anna"]
    result = CliRunner().invoke(cli_app, args, env=env)
    assert result.exit_code != 0 and "--bevestig" in str(result.exception)
    assert _value(city, "N01a", "bijstand_p", 2030) == 6.0
    result = CliRunner().invoke(cli_app, [*args, "--bevestig"], env=env)
    assert result.exit_code == 0, result.output
    assert _value(city, "N01a", "bijstand_p", 2030) == 5.0


def test_an_upload_from_before_recorded_options_says_so(city: Store) -> None:
    """An upload published before this version has no ``opties``: redo reads the file
    with the defaults and, when that fails, says so and stores nothing."""
    upload_id = _publish(city, WIDE, "wide.csv", "anna", WIDE_OPTIONS)
    undo.undo(city, upload_id, by="anna", role="analist")
    meta = json.loads(city.uploads_frame().set_index("id").loc[upload_id, "meta"])
    del meta["opties"]
    with city.begin() as conn:
        conn.execute(
            sa.update(uploads).where(uploads.c.id == upload_id).values(meta=json.dumps(meta))
        )
    before = _state(city)
    note = f"Upload {upload_id} is van vóór het vastleggen van de leesopties"
    for attempt in (undo.prepare_redo, undo.redo):
        with pytest.raises(MonitorError) as refused:
            attempt(city, upload_id, by="anna", role="analist")
        assert str(refused.value).startswith(note)
        assert "Er is niets opgeslagen." in str(refused.value)
    assert _state(city) == before
