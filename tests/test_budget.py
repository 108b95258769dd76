"""Budget lines (buurtbegroting): programmes, parsing, validation, publish, undo, audit,
totals up the hierarchy and amounts per inhabitant, on the demo city; the error and
publish/undo tests run on SQLite and on PostgreSQL."""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from monitor import audit, budget, demo
from monitor.cli import app as cli_app
from monitor.errors import MonitorError
from monitor.ingest import budget as budget_ingest
from monitor.ingest import budget_validate
from monitor.numbers import format_value
from monitor.store import Store, areas, budget_lines, uploads
from monitor.undo import undo
from tests.support import postgres_database

DEMO_LINES = 2054  # lines the demo publishes (buurten, corrections, gebiedsteams)
HEADER = "gebiedcode;jaar;programma;omschrijving;begroot;gerealiseerd;bron;opmerking\n"
#: Four mistakes a municipal analyst makes, and one correct correction line (row 7).
BAD = HEADER + (
    "O01a;2024;Groenvoorziening;Bomen planten;5.000;;;\n"
    "O01a;2024;Welzijn en zorg;Buurthuis extra;twaalf;;;\n"
    "O01b;2024;Sport en recreatie;Sportveld;1.250,50;-300;;\n"
    "O01c;2024;Milieu en water;Geveltuinen;800;;;\n"
    "O01c;2024;milieu en water;Geveltuinen;900;;;\n"
    "O01d;2024;Welzijn en zorg;Correctie;0;-250,00;;Terugbetaald aan de stad\n"
)
BAD_LINES = [
    "Fout: rij 2, kolom 'programma': 'Groenvoorziening' is geen bekend programma. "
    "Bedoelt u 'Openbare ruimte en groen'?",
    "Fout: rij 3, kolom 'begroot': 'twaalf' is geen bedrag. Gebruik een bedrag in cijfers, "
    "bv. 1.250,50 of 1250.50 (een € mag ervoor staan).",
    "Fout: rij 4, kolom 'gerealiseerd': '-300' is negatief zonder opmerking. Een negatief "
    "gerealiseerd bedrag (een correctie) mag alleen met een toelichting in de kolom "
    "'opmerking'.",
    "Fout: rij 6, kolom 'omschrijving': 'Geveltuinen' dubbele regel. Dezelfde gebiedcode, "
    "jaar, programma en omschrijving staan al in rij 5; tel de bedragen op in één regel of "
    "maak de omschrijving verschillend.",
]
#: One published line changed (O01a's 2024 bewonersbudget), two new lines for 2025, one
#: through the CBS alias of N01b; thousands dots, a decimal comma and a euro sign.
GOOD = HEADER + (
    "O01a;2024;Bestuur en gebiedsmanagement;Buurtbudget bewonersinitiatieven;15.000;;;\n"
    "O01a;2025;Welzijn en zorg;Buurthuis;1.250,50;;;\n"
    "BU09990002;2025;welzijn EN zorg;Buurtteam;€ 3.000;;OIS;\n"
)


def _demo_store(url: str, data_dir: Path) -> Store:
    store = Store(url)
    store.upgrade()
    demo.install(store, data_dir=data_dir)
    return store


@pytest.fixture(scope="module")
def city() -> demo.DemoCity:
    return demo.build()


@pytest.fixture(scope="module")
def demo_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """One demo store for the read-only tests."""
    folder = tmp_path_factory.mktemp("budget")
    store = _demo_store(f"sqlite:///{folder / 'b.sqlite'}", folder / "data")
    yield store
    store.engine.dispose()


@pytest.fixture
def backend(backend: Store, tmp_path: Path) -> Store:
    """A fresh demo store per test, on each backend (conftest's ``backend``, filled)."""
    demo.install(backend, data_dir=tmp_path / "data")
    return backend


def _state(store: Store) -> tuple:
    """Everything a budget upload may touch: all budget rows, uploads and the audit log."""
    with store.engine.connect() as conn:
        lines = conn.execute(sa.select(budget_lines).order_by(budget_lines.c.id)).all()
        ups = conn.execute(
            sa.select(uploads.c.id, uploads.c.kind, uploads.c.status).order_by(uploads.c.id)
        ).all()
    return [tuple(r) for r in lines], [tuple(r) for r in ups], len(audit.entries(store))


def _line(store: Store, code: str, year: int, programme: str, description: str) -> pd.Series:
    frame = store.budget_frame(store.division_id(), [year])
    hit = frame[
        (frame["code"] == code)
        & (frame["programme"] == programme)
        & (frame["description"] == description)
    ]
    assert len(hit) <= 1
    return hit.iloc[0] if len(hit) else pd.Series(dtype=object)


# -- programmes ----------------------------------------------------------------------


def test_default_programmes_are_amsterdams_eleven() -> None:
    programmes = budget.load_programmes_file()
    assert programmes.names == [
        "Bestuur en gebiedsmanagement",
        "Verkeer en infrastructuur",
        "Openbare ruimte en groen",
        "Stedelijke ontwikkeling",
        "Onderwijs en jeugd",
        "Sport en recreatie",
        "Welzijn en zorg",
        "Werk, inkomen en economie",
        "Openbare orde en veiligheid",
        "Cultuur en monumenten",
        "Milieu en water",
    ]
    assert programmes.match("  WELZIJN EN ZORG ") == "Welzijn en zorg"
    assert programmes.match("Welfare and care") == "Welzijn en zorg"  # the English label
    assert programmes.match("Veiligheid") == "Openbare orde en veiligheid"  # an alias
    assert programmes.match("Groenvoorziening") is None
    assert (
        budget_validate.closest_programme("Groenvoorziening", programmes)
        == "Openbare ruimte en groen"
    )
    assert budget_validate.closest_programme("Welzijn & Zorg", programmes) == "Welzijn en zorg"
    assert budget_validate.closest_programme("Kunst", programmes) is None


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[programmes]\nkey = 'x'\n", "geen [[programme]] gevonden"),
        ("[[programme]]\nname = { en = 'Only English' }\n", "Nederlandse naam (nl) ontbreekt"),
        (
            "[[programme]]\nname = 'Groen'\n[[programme]]\nname = 'Sport'\naliases = ['groen']\n",
            "'groen' hoort al bij programma 'Groen'",
        ),
        ("[[programme]]\nname = 'Groen'\ncolour = 'green'\n", "onbekende velden colour"),
        ("[[programme]\n", "geen geldige TOML"),
    ],
)
def test_programme_files_are_checked(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "p.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(MonitorError, match=re.escape(message)):
        budget.load_programmes_file(path)


def test_own_programme_list_in_the_store(tmp_path: Path) -> None:
    """Another municipality's list replaces the default for validation, kept in the store."""
    store = Store(f"sqlite:///{tmp_path / 'p.sqlite'}")
    store.upgrade()
    demo.install(store, data_dir=tmp_path / "data")
    path = tmp_path / "eigen.toml"
    path.write_text(
        "[programmes]\nkey = 'eigen'\npopulation_indicator = 'bev_totaal'\n"
        "[[programme]]\nname = { nl = 'Leefbaarheid', en = 'Liveability' }\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli_app,
        ["import", "programmas", str(path)],
        env={"MONITOR_DATABASE_URL": store.url},
    )
    assert result.exit_code == 0, result.output
    assert "1 programma's opgeslagen uit eigen.toml: Leefbaarheid" in result.output
    assert budget.load_programmes(store).names == ["Leefbaarheid"]
    line = audit.entries(store).iloc[0]
    assert (line["action"], line["target"]) == ("config.programmes", "instelling budget_programmes")
    assert '"programmas": ["Leefbaarheid"]' in line["detail"]
    raw = HEADER + "O01a;2026;leefbaarheid;Schoon;100;;;\nO01a;2026;Welzijn en zorg;X;1;;;\n"
    checked = budget_ingest.check(store, raw.encode(), "eigen.csv")
    assert [p.row for p in checked.report.errors] == [3]
    assert checked.report.frame["programme"].tolist() == ["Leefbaarheid"]


def test_programme_list_and_its_audit_line_share_one_transaction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(f"sqlite:///{tmp_path / 'p.sqlite'}")
    store.upgrade()

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(RuntimeError, match="audit log unavailable"):
        budget.save_programmes(store, budget.load_programmes_file(), "beheer")
    assert store.get_setting(budget.PROGRAMMES_SETTING) is None
    store.engine.dispose()


# -- amounts ---------------------------------------------------------------------------


def test_amounts_as_dutch_offices_write_them() -> None:
    def parse(*cells: str, text_file: bool = True) -> list[float | None]:
        values, ok = budget_validate.parse_amounts(pd.Series(cells), text_file)
        return [
            None if not good else (None if np.isnan(v) else v)
            for v, good in zip(values, ok, strict=True)
        ]

    assert parse("1.250,50", "300", "", "-250,00") == [1250.5, 300.0, None, -250.0]
    assert parse("1.250", "12.500", "€ 3.000") == [1250.0, 12500.0, 3000.0]  # thousands
    assert parse("1.25", "12.5") == [1.25, 12.5]  # not groups of three: decimals
    assert parse("1,250.50", "3,000") == [1250.5, 3000.0]  # English notation
    assert parse("2.125", text_file=False) == [2.125]  # an Excel number is never Dutch text
    assert parse("twaalf", "12") == [None, 12.0]
    _, ok = budget_validate.parse_amounts(pd.Series(["twaalf", "12", "-", ""]))
    assert ok.tolist() == [False, True, True, True]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(min_value=-(10**11), max_value=10**11), min_size=1, max_size=8),
    st.booleans(),
)
def test_amounts_round_trip(cents: list[int], dutch: bool) -> None:
    """Any amount in cents, written with thousands separators and two decimals in Dutch or
    English notation, reads back exactly."""
    amounts = [c / 100 for c in cents]
    texts = [f"{a:,.2f}" for a in amounts]
    if dutch:
        texts = [s.replace(",", "_").replace(".", ",").replace("_", ".") for s in texts]
    values, ok = budget_validate.parse_amounts(pd.Series(texts))
    assert ok.all()
    assert values.tolist() == pytest.approx(amounts, abs=1e-6)


# -- parsing ---------------------------------------------------------------------------


def test_budget_file_is_recognised_by_its_header() -> None:
    assert budget_ingest.sniff_kind(GOOD.encode(), "b.csv") == "begroting"
    meetingen = b"gebiedcode;indicator;periode;waarde\nO01a;bijstand_p;2024;3\n"
    assert budget_ingest.sniff_kind(meetingen, "m.csv") == "meetingen"
    book = openpyxl.Workbook()
    book.active.append(["Begroting stadsdeel Oost"])
    book.active.append(["code", "jaar", "programma", "omschrijving", "begroot", "gerealiseerd"])
    buffer = io.BytesIO()
    book.save(buffer)
    assert budget_ingest.sniff_kind(buffer.getvalue(), "b.xlsx") == "begroting"


def test_excel_and_windows_1252(demo_sqlite: Store) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Begroting 2026 (fictief)"])  # a title line above the header
    sheet.append(["Gebiedscode", "Jaar", "Programma", "Omschrijving", "Begroot", "Realisatie"])
    sheet.append(["O01a", 2026, "Welzijn en zorg", "Buurthuis", 1250.5, None])
    sheet.append(["O01b", 2026, "Sport en recreatie", "Sportveld", 2.125, 1000])
    buffer = io.BytesIO()
    book.save(buffer)
    checked = budget_ingest.check(demo_sqlite, buffer.getvalue(), "begroting.xlsx")
    assert checked.report.ok, checked.report.lines()
    frame = checked.report.frame
    assert frame["row"].tolist() == [3, 4]
    assert frame["planned"].tolist() == [1250.5, 2.125]
    assert frame["realised"].isna().tolist() == [True, False]
    # Windows-1252 with a BOM-less header, tabs, CRLF, and an accent in the source.
    text = (
        "gebiedcode\tjaar\tprogramma\tbegroot\tbron\r\n"
        "O01a\t2026\tMilieu en water\t12,5\tFinanciën\r\n"
    )
    checked = budget_ingest.check(demo_sqlite, text.encode("cp1252"), "b.txt")
    assert checked.report.ok, checked.report.lines()
    row = checked.report.frame.iloc[0]
    assert (row["planned"], row["source"], row["description"]) == (12.5, "Financiën", "")


def test_missing_columns_and_unknown_ones(demo_sqlite: Store) -> None:
    raw = b"gebiedcode;jaar;programma;omschrijving;gerealiseerd;bedrag\nO01a;2024;Sport;X;5;6\n"
    checked = budget_ingest.check(demo_sqlite, raw, "zonder-begroot.csv")
    assert not checked.report.ok and checked.preview is None
    lines = checked.report.lines()
    assert lines[0].startswith("Fout: kolom 'begroot': ontbreekt in de kopregel. Een ")
    assert "kolommen gebiedcode, jaar, programma, begroot (verplicht)" in lines[0]
    assert lines[1] == (
        "Waarschuwing: kolom 'bedrag': is geen kolom van een begrotingsbestand en wordt "
        "overgeslagen."
    )
    with pytest.raises(MonitorError, match="geen kolom met gebiedscodes"):
        budget_ingest.check(demo_sqlite, b"jaar;programma;begroot\n2024;Sport;5\n", "x.csv")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "QQ99;2024;Sport en recreatie;X;5;;;",
            "Fout: rij 2, kolom 'gebiedcode': 'QQ99' onbekende gebiedscode.",
        ),
        ("O01a;2024.5;Sport en recreatie;X;5;;;", "'2024.5' is geen jaartal (een heel getal)"),
        ("O01a;twintig;Sport en recreatie;X;5;;;", "'twintig' is geen jaartal"),
        ("O01a;1850;Sport en recreatie;X;5;;;", "'1850' valt buiten 1990–2100"),
        ("O01a;2024;;X;5;;;", "kolom 'programma': is leeg. Kies uit: Bestuur en"),
        ("O01a;2024;Sport en recreatie;X;-5;;;", "'-5' is negatief; een begroot bedrag"),
        ("O01a;2024;Sport en recreatie;X;;5;;", "kolom 'begroot': ontbreekt. Vul het begrote"),
        ("O01a;2024;Sport en recreatie;X;5;vijf;;", "kolom 'gerealiseerd': 'vijf' is geen bedrag"),
        ("o01A ;2024;Sport en recreatie;X;5;-5;;Correctie", None),  # any case; a correction
        ("BU09990001;2024;Sport en recreatie;X;5;;;", None),  # a CBS alias
    ],
)
def test_one_rule_per_line(demo_sqlite: Store, line: str, expected: str | None) -> None:
    checked = budget_ingest.check(demo_sqlite, (HEADER + line + "\n").encode(), "r.csv")
    if expected is None:
        assert checked.report.ok, checked.report.lines()
        return
    assert not checked.report.ok
    assert expected in checked.report.lines()[0], checked.report.lines()


@pytest.mark.parametrize("year", ["2024.0", "02024", " 2024 "])
def test_one_year_typed_two_ways_is_a_duplicate_line(demo_sqlite: Store, year: str) -> None:
    """The database sees one year, so the check does too: otherwise the file passes and
    publishing fails on the unique index of current lines."""
    raw = HEADER + f"O01a;2024;Sport en recreatie;X;5;;;\nO01a;{year};Sport en recreatie;X;6;;;\n"
    checked = budget_ingest.check(demo_sqlite, raw.encode(), "jaren.csv")
    assert not checked.report.ok
    assert checked.report.lines() == [
        "Fout: rij 3, kolom 'omschrijving': 'X' dubbele regel. Dezelfde gebiedcode, jaar, "
        "programma en omschrijving staan al in rij 2; tel de bedragen op in één regel of maak "
        "de omschrijving verschillend."
    ]


def test_long_text_is_refused_not_cut(demo_sqlite: Store) -> None:
    raw = (HEADER + f"O01a;2024;Sport en recreatie;{'x' * 501};5;;;\n").encode()
    checked = budget_ingest.check(demo_sqlite, raw, "lang.csv")
    assert "kolom 'omschrijving'" in checked.report.lines()[0]
    assert "is langer dan 500 tekens" in checked.report.lines()[0]


# -- rejected and published, on both backends -------------------------------------------


def test_bad_budget_is_rejected_and_changes_nothing(backend: Store, tmp_path: Path) -> None:
    before = _state(backend)
    checked = budget_ingest.check(backend, BAD.encode(), "fouten.csv")
    assert checked.report.lines() == BAD_LINES
    assert checked.preview is None
    # The first of the duplicate pair and the correction passed; nothing is published.
    assert checked.report.frame["row"].tolist() == [5, 7]
    with pytest.raises(MonitorError, match="4 fouten; los ze op voordat u publiceert"):
        budget_ingest.publish(backend, checked, uploader="analist", data_dir=tmp_path)
    assert _state(backend) == before


def test_good_budget_publishes_and_undo_restores(
    backend: Store, city: demo.DemoCity, tmp_path: Path
) -> None:
    demo_line = city.budget[
        (city.budget["gebiedcode"] == "O01a")
        & (city.budget["jaar"] == 2024)
        & (city.budget["omschrijving"] == "Buurtbudget bewonersinitiatieven")
    ].iloc[0]
    key = ("O01a", 2024, "Bestuur en gebiedsmanagement", "Buurtbudget bewonersinitiatieven")
    assert _line(backend, *key)["planned"] == demo_line["begroot"]
    before = _state(backend)

    checked = budget_ingest.check(backend, GOOD.encode(), "begroting-2025.csv")
    assert checked.report.ok, checked.report.lines()
    table = checked.preview.table.set_index(["programme", "year"])
    assert table.loc[("Bestuur en gebiedsmanagement", 2024)].tolist() == [0, 1, 0]
    assert table.loc[("Welzijn en zorg", 2025)].tolist() == [2, 0, 0]
    change = checked.preview.changes.iloc[0]
    assert (change["code"], change["planned_oud"], change["planned"]) == (
        "O01a",
        demo_line["begroot"],
        15000.0,
    )
    with pytest.raises(MonitorError, match="wijzigt 1 gepubliceerde begrotingsregels"):
        budget_ingest.publish(backend, checked, uploader="analist", data_dir=tmp_path)
    assert _state(backend) == before

    upload_id = budget_ingest.publish(
        backend,
        checked,
        uploader="analist",
        confirm_changes=True,
        source="Financiën Oost",
        data_dir=tmp_path,
    )
    assert upload_id == 5  # after the demo's uploads 1 to 4 (meetingen … voorzieningen)
    assert (tmp_path / "uploads" / checked.sha256).read_bytes() == GOOD.encode()
    changed = _line(backend, *key)
    assert changed["planned"] == 15000.0 and np.isnan(changed["realised"])
    new = _line(backend, "O01a", 2025, "Welzijn en zorg", "Buurthuis")
    assert (new["planned"], new["source"]) == (1250.5, "Financiën Oost")
    alias = _line(backend, "N01b", 2025, "Welzijn en zorg", "Buurtteam")
    assert (alias["planned"], alias["source"]) == (3000.0, "OIS")
    upload = backend.uploads_frame().set_index("id").loc[upload_id]
    assert (upload["kind"], upload["filename"], upload["source"], upload["row_count"]) == (
        "begroting",
        "begroting-2025.csv",
        "Financiën Oost",
        3,
    )
    log = audit.entries(backend)
    assert (log["action"].iloc[0], log["actor"].iloc[0]) == ("upload.publish", "analist")
    assert log["target"].iloc[0] == f"upload {upload_id}: begroting-2025.csv"
    assert '"soort": "begroting"' in log["detail"].iloc[0]

    assert (
        undo(backend, upload_id, by="analist", role="analist") == 1
    )  # one earlier line comes back
    restored = _line(backend, *key)
    assert (restored["planned"], restored["realised"]) == (
        demo_line["begroot"],
        demo_line["gerealiseerd"],
    )
    assert _line(backend, "O01a", 2025, "Welzijn en zorg", "Buurthuis").empty
    assert 2025 not in backend.budget_years(backend.division_id())
    log = audit.entries(backend)
    assert (log["action"].iloc[0], log["target"].iloc[0]) == ("upload.undo", f"upload {upload_id}")
    with pytest.raises(MonitorError, match="al ongedaan gemaakt"):
        undo(backend, upload_id, by="analist", role="analist")
    lines, _, _ = _state(backend)
    assert len([r for r in lines if r[-1]]) == DEMO_LINES  # current lines as before


def test_a_clash_with_the_unique_index_is_a_dutch_error(backend: Store) -> None:
    """Lines that reach the store twice (a file the checks let through, or two publishes
    at once) are refused with a Dutch error, and nothing is stored."""
    area_id = int(backend.areas_frame(backend.division_id()).set_index("code").at["O01a", "id"])
    line = {"area_id": area_id, "year": 2031, "programme": "Welzijn en zorg", "description": "X"}
    frame = pd.DataFrame([line | {"planned": 5.0}, line | {"planned": 6.0}])
    before = _state(backend)
    refused = pytest.raises(MonitorError, match=r"twee keer in het bestand.*niets opgeslagen")
    with refused, backend.begin() as conn:
        backend.publish_budget(frame, conn=conn, filename="dubbel.csv")
    assert _state(backend) == before


@pytest.mark.postgres
def test_two_publishes_at_once_on_postgresql(tmp_path: Path) -> None:
    """Two transactions publish the same new line: the second waits on the unique index
    and, once the first commits, gets the Dutch error instead of an IntegrityError."""
    import threading

    with postgres_database() as url:
        store = _demo_store(url, tmp_path / "data")
        area_id = int(store.areas_frame(store.division_id()).set_index("code").at["O01a", "id"])
        frame = pd.DataFrame(
            [
                {
                    "area_id": area_id,
                    "year": 2031,
                    "programme": "Welzijn en zorg",
                    "description": "X",
                    "planned": 5.0,
                }
            ]
        )
        outcome: list[BaseException | int] = []

        def second() -> None:
            try:
                with store.begin() as conn:
                    outcome.append(store.publish_budget(frame, conn=conn, filename="b.csv"))
            except BaseException as exc:  # handed to the test thread
                outcome.append(exc)

        with store.begin() as conn:
            first = store.publish_budget(frame, conn=conn, filename="a.csv")
            thread = threading.Thread(target=second)
            thread.start()
            thread.join(timeout=1)  # it waits for this transaction, whose commit follows
        thread.join()
        assert len(outcome) == 1 and isinstance(outcome[0], MonitorError), outcome
        lines = store.budget_frame(store.division_id(), [2031])
        assert lines["upload_id"].tolist() == [first]
        store.engine.dispose()


def test_an_upload_is_undone_once(backend: Store) -> None:
    """The second undo of an upload is refused inside its transaction: one audit line,
    and the demo budget stays undone exactly once."""
    assert undo(backend, 2, by="een", role="beheerder") == 0
    with pytest.raises(MonitorError, match="Upload 2 is al ongedaan gemaakt"):
        undo(backend, 2, by="twee", role="beheerder")
    log = audit.entries(backend)
    assert log[log["action"] == "upload.undo"]["actor"].tolist() == ["een"]
    upload = backend.uploads_frame().set_index("id").loc[2]
    assert (upload["status"], upload["undone_by"]) == ("undone", "een")
    with pytest.raises(MonitorError, match="Upload 99 bestaat niet"):
        undo(backend, 99, by="een", role="beheerder")


@pytest.mark.postgres
def test_two_undos_at_once_on_postgresql(tmp_path: Path) -> None:
    """Two undos of one upload at the same moment: the second waits for the first's
    transaction and is then refused; one audit line."""
    import threading

    with postgres_database() as url:
        store = _demo_store(url, tmp_path / "data")
        outcome: list[BaseException | int] = []

        def second() -> None:
            try:
                outcome.append(undo(store, 2, by="twee", role="beheerder"))
            except BaseException as exc:  # handed to the test thread
                outcome.append(exc)

        with store.begin() as conn:
            store.undo_upload(2, by="een", conn=conn)
            audit.record(store, "een", "upload.undo", "upload 2", conn=conn)
            thread = threading.Thread(target=second)
            thread.start()
            thread.join(timeout=1)  # it waits for this transaction, whose commit follows
        thread.join()
        assert len(outcome) == 1 and isinstance(outcome[0], MonitorError), outcome
        assert "al ongedaan gemaakt" in str(outcome[0])
        log = audit.entries(store)
        assert log[log["action"] == "upload.undo"]["actor"].tolist() == ["een"]
        store.engine.dispose()


def test_undo_in_any_order(tmp_path: Path) -> None:
    """Two uploads change the same line; undoing the older keeps the newer value, undoing
    the newer then brings back the demo's value (the undone upload is no candidate)."""
    store = _demo_store(f"sqlite:///{tmp_path / 'u.sqlite'}", tmp_path / "data")
    key = ("O01a", 2024, "Bestuur en gebiedsmanagement", "Buurtbudget bewonersinitiatieven")
    original = _line(store, *key)["planned"]
    ids = []
    for amount in ("1", "2"):
        raw = HEADER + ";".join([*key[:1], "2024", *key[2:], amount, "", "", ""]) + "\n"
        checked = budget_ingest.check(store, raw.encode(), f"{amount}.csv")
        ids.append(
            budget_ingest.publish(
                store, checked, uploader="t", confirm_changes=True, data_dir=tmp_path
            )
        )
    assert _line(store, *key)["planned"] == 2.0
    assert undo(store, ids[0], by="t", role="analist") == 0
    assert _line(store, *key)["planned"] == 2.0
    assert undo(store, ids[1], by="t", role="analist") == 1
    assert _line(store, *key)["planned"] == original
    store.engine.dispose()


def test_audit_line_and_publish_share_one_transaction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When writing the audit line fails, the budget lines are not published either."""
    store = _demo_store(f"sqlite:///{tmp_path / 'a.sqlite'}", tmp_path / "data")
    before = _state(store)
    checked = budget_ingest.check(store, GOOD.encode(), "g.csv")

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(budget_ingest.audit, "record", broken)
    with pytest.raises(RuntimeError, match="audit log unavailable"):
        budget_ingest.publish(store, checked, uploader="t", confirm_changes=True, data_dir=tmp_path)
    assert _state(store) == before
    store.engine.dispose()


def test_cli_import_begroting_and_undo(tmp_path: Path, city: demo.DemoCity) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    store = _demo_store(url, tmp_path / "data")
    env = {"MONITOR_DATABASE_URL": url, "MONITOR_DATA_DIR": str(tmp_path / "data")}
    runner = CliRunner()
    bad, good = tmp_path / "fouten.csv", tmp_path / "goed.csv"
    bad.write_text(BAD, encoding="utf-8")
    good.write_text(GOOD, encoding="utf-8")
    before = _state(store)

    result = runner.invoke(cli_app, ["import", "begroting", str(bad)], env=env)
    assert result.exit_code != 0 and isinstance(result.exception, MonitorError)
    assert "4 fouten; er is niets opgeslagen" in str(result.exception)
    output = " ".join(result.output.split())
    for line in BAD_LINES:
        assert line in output
    result = runner.invoke(cli_app, ["import", "begroting", str(good)], env=env)
    assert result.exit_code != 0 and "--bevestig" in str(result.exception)
    lines, ups, _ = _state(store)
    assert (lines, ups) == before[:2]  # (the checks are in the audit log)

    args = ["import", "begroting", str(good), "--bevestig", "--bron", "Financiën"]
    result = runner.invoke(cli_app, [*args, "--uploader", "ana"], env=env)
    assert result.exit_code == 0, (result.output, result.exception)
    assert "Gepubliceerd als upload 5: 3 begrotingsregels." in result.output
    assert _line(store, "O01a", 2025, "Welzijn en zorg", "Buurthuis")["source"] == "Financiën"
    result = runner.invoke(
        cli_app, ["uploads", "undo", "5", "--uploader", "ana", "--bevestig"], env=env
    )
    assert result.exit_code == 0, (result.output, result.exception)
    assert "Upload 5 is ongedaan gemaakt; 1 eerdere begrotingsregels zijn terug." in result.output
    lines, ups, _ = _state(store)
    assert len([r for r in lines if r[-1]]) == DEMO_LINES
    assert ups[-1] == (5, "begroting", "undone")
    store.engine.dispose()


# -- the demo --------------------------------------------------------------------------


def test_demo_budget(city: demo.DemoCity, demo_sqlite: Store) -> None:
    lines = city.budget
    assert lines.equals(demo.build().budget)  # deterministic
    buurten = set(city.levels["buurt"]["code"])
    per_buurt = lines[lines["gebiedcode"].isin(buurten)]
    assert set(per_buurt["gebiedcode"]) == buurten  # every buurt
    assert per_buurt.groupby("gebiedcode")["programma"].nunique().min() >= 5
    assert sorted(lines["jaar"].unique()) == demo.BUDGET_YEARS
    missing = lines[lines["gerealiseerd"].isna()]
    assert set(missing["jaar"]) == {2024}  # only the current year lacks realised amounts
    assert 0 < len(missing) < len(lines[lines["jaar"] == 2024])
    negative = lines[lines["gerealiseerd"] < 0]
    assert len(negative) == 2 and (negative["opmerking"] != "").all()
    assert set(lines.loc[~lines["gebiedcode"].isin(buurten), "gebiedcode"]) == set(
        city.levels["gebied"]["code"]
    )
    # Published through the pipeline as an upload of kind begroting, with provenance.
    upload = demo_sqlite.uploads_frame().set_index("id").loc[2]
    assert (upload["kind"], upload["filename"], upload["row_count"]) == (
        "begroting",
        Path(demo.BUDGET_FILE).name,
        DEMO_LINES,
    )
    assert len(upload["sha256"]) == 64
    assert len(lines) == DEMO_LINES
    assert demo_sqlite.budget_years(demo_sqlite.division_id()) == demo.BUDGET_YEARS


def test_demo_budget_upload_can_be_undone(tmp_path: Path) -> None:
    store = _demo_store(f"sqlite:///{tmp_path / 'd.sqlite'}", tmp_path / "data")
    assert undo(store, 2, by="t", role="beheerder") == 0
    assert store.budget_frame(store.division_id()).empty
    assert store.budget_years(store.division_id()) == []
    store.engine.dispose()


# -- totals up the hierarchy, per inhabitant ------------------------------------------


def _independent_sums(store: Store, year: int) -> tuple[pd.DataFrame, pd.Series]:
    """Current lines of ``year`` straight from the tables, with each area's parents; and
    the buurten's population (bev_totaal) in that year."""
    with store.engine.connect() as conn:
        frame = pd.DataFrame(
            conn.execute(
                sa.select(
                    areas.c.code,
                    areas.c.level,
                    areas.c.wijk_code,
                    areas.c.stadsdeel_code,
                    budget_lines.c.programme,
                    budget_lines.c.planned,
                    budget_lines.c.realised,
                )
                .join(areas, areas.c.id == budget_lines.c.area_id)
                .where(budget_lines.c.is_current.is_(True), budget_lines.c.year == year)
            ).all(),
            columns=["code", "level", "wijk", "stadsdeel", "programme", "planned", "realised"],
        )
    frame[["planned", "realised"]] = frame[["planned", "realised"]].astype(float)
    people = store.current_values(store.division_id(), ["bev_totaal"], [year], level="buurt")
    return frame, people.set_index("code")["value"]


def _sums(lines: pd.DataFrame) -> pd.DataFrame:
    """planned and realised per programme plus the __totaal__ row; NaN when nothing."""
    per = lines.groupby("programme")[["planned", "realised"]].sum(min_count=1)
    per.loc[budget.TOTAL] = [lines["planned"].sum(min_count=1), lines["realised"].sum(min_count=1)]
    return per


def test_oost_totals_add_up(demo_sqlite: Store) -> None:
    store = demo_sqlite
    division_id = store.division_id()
    buurten = store.areas_frame(division_id, "buurt")
    oost = sorted(buurten.loc[buurten["stadsdeel_code"] == "O", "code"])
    assert len(oost) == 31
    table = budget.budget_table(store, division_id, 2024, "buurt", oost, within="O")
    lines, people = _independent_sums(store, 2024)
    rows = table.rows

    # The rows: per wijk its buurten then its subtotal; then the gebiedsteams; the total.
    wijken = sorted(buurten.loc[buurten["stadsdeel_code"] == "O", "wijk_code"].unique())
    expected = []
    for wijk in wijken:
        members = sorted(buurten.loc[buurten["wijk_code"] == wijk, "code"])
        expected += [("gebied", c) for c in members] + [("subtotaal", wijk)]
    expected += [("niet_verdeeld", "O"), ("totaal", "O")]
    assert list(zip(rows["kind"], rows["code"], strict=True)) == expected

    def check(index: int, own: pd.DataFrame, population: float) -> None:
        sums = _sums(own)
        for column in [*table.programmes, budget.TOTAL]:
            for measure in ("planned", "realised"):
                shown = table.amounts(measure)[column].iloc[index]
                wanted = sums[measure].get(column, np.nan)
                assert shown == pytest.approx(wanted, nan_ok=True, abs=0.005), (index, column)
                each = table.amounts(measure, per_inhabitant=True)[column].iloc[index]
                assert each == pytest.approx(wanted / population, nan_ok=True, rel=1e-9)
        assert rows["inwoners"].iloc[index] == population

    for index, row in rows.iterrows():
        if row["kind"] == "gebied":
            check(index, lines[lines["code"] == row["code"]], people[row["code"]])
        elif row["kind"] == "subtotaal":
            in_wijk = (lines["code"] == row["code"]) | (lines["wijk"] == row["code"])
            members = buurten.loc[buurten["wijk_code"] == row["code"], "code"]
            check(index, lines[in_wijk], people[members].sum())
        elif row["kind"] == "totaal":
            in_oost = (lines["code"] == "O") | (lines["stadsdeel"] == "O")
            check(index, lines[in_oost], people[oost].sum())
        else:  # booked on Oost's gebieden (the gebiedsteams), per inhabitant of Oost
            teams = (lines["level"] == "gebied") & (lines["stadsdeel"] == "O")
            assert teams.sum() == 2
            check(index, lines[teams], people[oost].sum())
    # The rows above the total add up to it: buurten, and what was booked on the gebieden.
    above = rows["kind"].isin(["subtotaal", "niet_verdeeld"]).to_numpy()
    total = (rows["kind"] == "totaal").to_numpy()
    for measure in ("planned", "realised"):
        frame = table.amounts(measure)
        assert frame[above].sum().to_numpy() == pytest.approx(frame[total].iloc[0].fillna(0))
    # Every buurt has its own spending: at least five programmes each.
    own = table.planned[(rows["kind"] == "gebied").to_numpy()][table.programmes]
    assert (own.notna().sum(axis=1) >= 5).all()


def test_sorted_table_is_flat_and_closes_with_the_city(demo_sqlite: Store) -> None:
    division_id = demo_sqlite.division_id()
    codes = ["O01b", "N01a", "Z03f"]
    table = budget.budget_table(demo_sqlite, division_id, 2023, "buurt", codes, grouped=False)
    assert table.rows["kind"].tolist() == ["gebied"] * 3 + ["niet_verdeeld", "totaal"]
    assert table.rows["code"].tolist()[:3] == codes
    lines, _ = _independent_sums(demo_sqlite, 2023)
    assert table.planned[budget.TOTAL].iloc[-1] == pytest.approx(lines["planned"].sum())
    assert table.realised[budget.TOTAL].iloc[-1] == pytest.approx(lines["realised"].sum())
    # Z03f's 2023 correction is negative and counts in its realised total.
    z03f = lines[lines["code"] == "Z03f"]
    assert (z03f["realised"] < 0).any()
    assert table.realised[budget.TOTAL].iloc[2] == pytest.approx(z03f["realised"].sum())


def test_exports(demo_sqlite: Store) -> None:
    division_id = demo_sqlite.division_id()
    config = budget.load_programmes(demo_sqlite)
    table = budget.budget_table(
        demo_sqlite,
        division_id,
        2024,
        "wijk",
        ["O01", "O02"],
        within="O",
        grouped=False,
        programmes=["Welzijn en zorg"],
        config=config,
    )
    columns = budget.export_columns(table, config)
    assert list(columns.columns) == [
        "Inwoners 2024",
        "Alle programma's – begroot (€)",
        "Alle programma's – begroot (€ per inwoner)",
        "Alle programma's – gerealiseerd (€)",
        "Alle programma's – gerealiseerd (€ per inwoner)",
        "Welzijn en zorg – begroot (€)",
        "Welzijn en zorg – begroot (€ per inwoner)",
        "Welzijn en zorg – gerealiseerd (€)",
        "Welzijn en zorg – gerealiseerd (€ per inwoner)",
    ]
    first = columns.iloc[0]
    assert first["Welzijn en zorg – begroot (€ per inwoner)"] == pytest.approx(
        round(first["Welzijn en zorg – begroot (€)"] / first["Inwoners 2024"], 2)
    )
    totals = budget.totals_frame(table, config)
    assert totals["Soort regel"].tolist() == ["niet verdeeld", "totaal"]
    main = pd.DataFrame({"Code": ["=1+1"], "Gebied": ["@SUM(A1)"]})
    book = openpyxl.load_workbook(io.BytesIO(budget.table_xlsx(main, totals)))
    assert book.sheetnames == ["buurtbegroting", "totalen"]
    assert book["buurtbegroting"]["A2"].value == "'=1+1"  # formulas neutralised
    assert book["totalen"]["B3"].value == "O"


def test_csv_export_carries_the_totals(demo_sqlite: Store) -> None:
    """The CSV has the subtotal, not-split and total rows after the areas, each named in
    its first column: summing the buurten and the not-split rows gives the total."""
    division_id = demo_sqlite.division_id()
    config = budget.load_programmes(demo_sqlite)
    buurten = demo_sqlite.areas_frame(division_id, "buurt")
    oost = sorted(buurten.loc[buurten["stadsdeel_code"] == "O", "code"])
    table = budget.budget_table(demo_sqlite, division_id, 2024, "buurt", oost, within="O")
    indicators = pd.DataFrame({"Code": ["NAP", *oost], "Gebied": ["NAP", *oost]})
    main, totals = budget.export_frames(indicators, table, oost, config)
    text = budget.table_csv(main, totals)
    csv = pd.read_csv(io.StringIO(text.lstrip("\ufeff")), sep=";", decimal=",")
    kinds = csv["Soort regel"].tolist()
    assert kinds[: 1 + len(oost)] == ["NAP", *["buurt"] * len(oost)]
    rest = kinds[1 + len(oost) :]
    wijken = sorted(buurten.loc[buurten["stadsdeel_code"] == "O", "wijk_code"].unique())
    assert rest.count("subtotaal wijk") == len(wijken)
    assert rest[-1] == "totaal" and rest.count("totaal") == 1
    assert rest.count("niet verdeeld") == 1  # the gebiedsteams' lines, booked on the gebied
    column = "Alle programma's – begroot (€)"
    total = csv.loc[csv["Soort regel"] == "totaal", column].iloc[0]
    lines, _ = _independent_sums(demo_sqlite, 2024)
    assert total == pytest.approx(
        lines.loc[lines["stadsdeel"].eq("O") | lines["code"].eq("O"), "planned"].sum()
    )
    parts = csv.loc[csv["Soort regel"].isin(["buurt", "niet verdeeld"]), column].sum()
    assert parts == pytest.approx(total)
    subtotals = csv.loc[csv["Soort regel"] == "subtotaal wijk", column].sum()
    assert subtotals + csv.loc[csv["Soort regel"] == "niet verdeeld", column].sum() == (
        pytest.approx(total)
    )
    # Excel keeps the areas sortable on their own sheet, the totals on another.
    book = openpyxl.load_workbook(io.BytesIO(budget.table_xlsx(main, totals)))
    assert book["buurtbegroting"].max_row == 2 + len(oost)
    assert [r[0] for r in book["totalen"].iter_rows(min_row=2, values_only=True)] == rest


def test_area_summary_for_the_printed_gebiedsanalyse(demo_sqlite: Store) -> None:
    division_id = demo_sqlite.division_id()
    summary = budget.area_summary(demo_sqlite, division_id, "O01a", "nl")
    lines, _ = _independent_sums(demo_sqlite, 2024)
    own = _sums(lines[lines["code"] == "O01a"])
    assert list(summary.columns) == [
        "Programma (2024)",
        "Begroot (€)",
        "Gerealiseerd (€)",
        "Begroot per inwoner (€)",
    ]
    assert summary.iloc[-1].tolist()[:2] == ["Alle programma's", own.loc[budget.TOTAL, "planned"]]
    assert len(summary) == len(own)
    assert budget.area_summary(demo_sqlite, division_id, "QQ99", "nl") is None
    # The PDF prints amounts per inhabitant in cents, as /begroting shows them.
    from pypdf import PdfReader

    from monitor import report

    each = float(summary.iloc[-1]["Begroot per inwoner (€)"])
    assert each != round(each)  # cents to lose
    assert report.budget_cell("Begroot per inwoner (€)", 7.69, "nl", summary.attrs["formats"]) == (
        "€ 7,69"
    )
    data = report.pdf(report.gebiedsanalyse(demo_sqlite, "O01a"))
    flat = " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split()
    )
    planned = own.loc[budget.TOTAL, "planned"]
    assert (
        f"Alle programma's {format_value(planned, '€', 0)} "
        f"{format_value(own.loc[budget.TOTAL, 'realised'], '€', 0)} {format_value(each, '€', 2)}"
    ) in flat


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=14),  # an area of the small city below
            st.sampled_from(["P1", "P2"]),
            st.integers(min_value=0, max_value=10**7),
            st.one_of(st.none(), st.integers(min_value=-(10**4), max_value=10**7)),
        ),
        max_size=40,
    )
)
def test_hierarchy_totals_invariants(found: list[tuple[int, str, int, int | None]]) -> None:
    """On any lines: per level, the areas' totals add up to every line booked at or below
    that level, per programme, and the gemeente's total is the sum of all lines."""
    rows = [{"id": 0, "code": "G", "level": "gemeente"}]
    for s in range(2):
        rows.append({"id": 1 + s, "code": f"S{s}", "level": "stadsdeel"})
        for w in range(2):
            wid = 3 + 2 * s + w
            rows.append({"id": wid, "code": f"W{s}{w}", "level": "wijk"})
            for b in range(2):
                rows.append({"id": 7 + 4 * s + 2 * w + b, "code": f"B{s}{w}{b}", "level": "buurt"})
    frame = pd.DataFrame(rows)
    by_code = frame.set_index("code")
    for col in ("wijk_code", "gebied_code", "stadsdeel_code", "gemeente_code"):
        frame[col] = None
    for i, r in frame.iterrows():
        code = r["code"]
        frame.loc[i, "gemeente_code"] = "G" if code != "G" else None
        if r["level"] in ("wijk", "buurt"):
            frame.loc[i, "stadsdeel_code"] = f"S{code[1]}"
        if r["level"] == "buurt":
            frame.loc[i, "wijk_code"] = f"W{code[1:3]}"
    lines = pd.DataFrame(
        [
            {"area_id": a, "programme": p, "planned": float(pl), "realised": rl}
            for a, p, pl, rl in found
        ],
        columns=["area_id", "programme", "planned", "realised"],
    ).astype({"planned": float, "realised": float})
    rank = {"buurt": 0, "wijk": 1, "stadsdeel": 3, "gemeente": 4}
    line_rank = lines["area_id"].map(frame.set_index("id")["level"]).map(rank)
    for level in ("buurt", "wijk", "stadsdeel", "gemeente"):
        totals = budget.hierarchy_totals(lines, frame, level)
        assert set(totals["code"]) <= set(by_code.index[by_code["level"] == level])
        for programme in ("P1", "P2", budget.TOTAL):
            mine = lines if programme == budget.TOTAL else lines[lines["programme"] == programme]
            below = mine[line_rank.loc[mine.index] <= rank[level]]
            part = totals[totals["programme"] == programme]
            assert part["planned"].sum() == pytest.approx(below["planned"].sum())
            assert part["realised"].fillna(0).sum() == pytest.approx(below["realised"].sum())


def test_area_summary_is_the_area_alone_for_every_area(demo_sqlite: Store) -> None:
    """The summary reads an area's row of the whole level's table (built once per data
    stamp): for every area of every level it equals the table of that area alone, as the
    gebiedsanalyse computed it before; a publish of budget lines is seen at once."""
    from monitor.budget.programmes import load_programmes
    from monitor.budget.totals import budget_table

    division_id = demo_sqlite.division_id()
    year = demo_sqlite.budget_years(division_id)[-1]
    config = load_programmes(demo_sqlite)
    areas = demo_sqlite.areas_frame(division_id)
    checked = 0
    for row in areas.itertuples():
        summary = budget.area_summary(demo_sqlite, division_id, row.code, "nl")
        alone = budget_table(
            demo_sqlite, division_id, year, row.level, [row.code], within=row.code,
            grouped=False, config=config,
        )  # fmt: skip
        own = alone.rows.index[alone.rows["kind"] == "gebied"][0]
        planned = alone.planned.loc[own]
        if summary is None:
            assert planned.isna().all()
            continue
        assert summary.iloc[:, 1].tolist() == pytest.approx(
            [planned[p] for p in [*alone.programmes, budget.TOTAL] if pd.notna(planned[p])],
            nan_ok=True,
        ) or summary.iloc[-1, 1] == pytest.approx(planned[budget.TOTAL])
        each = alone.amounts("planned", per_inhabitant=True).loc[own, budget.TOTAL]
        assert summary.iloc[-1, 3] == pytest.approx(round(float(each), 2), nan_ok=True)
        checked += 1
    assert checked >= 20


def test_area_summary_sees_a_publish_at_once(backend: Store, tmp_path: Path) -> None:
    """The level's table is kept per data stamp: a budget publish is seen at once."""
    division_id = backend.division_id()
    before = budget.area_summary(backend, division_id, "O01a", "nl").iloc[-1, 1]
    checked = budget_ingest.check(backend, GOOD.encode(), "goed.csv")
    budget_ingest.publish(
        backend, checked, uploader="analist", data_dir=tmp_path, confirm_changes=True
    )
    after = budget.area_summary(backend, division_id, "O01a", "nl").iloc[-1, 1]
    # The upload brings 2025, so the summary moves to the newest year.
    lines, _ = _independent_sums(backend, 2025)
    assert after != before
    assert after == pytest.approx(
        _sums(lines[lines["code"] == "O01a"]).loc[budget.TOTAL, "planned"]
    )
