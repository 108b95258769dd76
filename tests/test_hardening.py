"""Hostile files and options are refused in bounded time and memory, in Dutch, naming
what was too much (issue 13, Hardening): a crafted Excel dimension, a header of a
million columns, a catastrophic code pattern, text longer than the database keeps and
NUL bytes, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa

from monitor import demo
from monitor.errors import MonitorError
from monitor.ingest import upload as ingest
from monitor.ingest.limits import MAX_COLUMNS, stored_length
from monitor.ingest.parse import ParseOptions, parse_bytes, read_cells
from monitor.store import Store
from monitor.store.schema import measurements, uploads

HEADER = ["gebiedcode", "indicator", "periode", "waarde"]


def crafted_xlsx(dimension: str, extra: bytes = b"") -> bytes:
    """A real two-row workbook whose sheet XML claims ``dimension`` (and, with ``extra``,
    has that XML added to its first row)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(["N01a", "werkloosheid_p", 2024, 3.3])
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(
                    rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), data
                )
                if extra:
                    data = data.replace(b"</row>", extra + b"</row>", 1)
            target.writestr(info.filename, data)
    return out.getvalue()


def refusal(raw: bytes, name: str, options: ParseOptions | None = None) -> str:
    with pytest.raises(MonitorError) as caught:
        parse_bytes(raw, name, options)
    return str(caught.value)


# -- 1. Excel dimensions --------------------------------------------------------------


def test_an_absurd_excel_dimension_is_refused_before_the_sheet_is_read() -> None:
    raw = crafted_xlsx("A1:XFD20000")
    assert len(raw) < 10_000
    message = refusal(raw, "bom.xlsx")
    assert message == (
        "bom.xlsx: tabblad 'Sheet' zegt 20.000 rijen en 16.384 kolommen te hebben; een "
        "bestand mag hoogstens 2.000.000 rijen, 2.000 kolommen en 25.000.000 cellen hebben. "
        "Kopieer alleen de gegevens naar een nieuw werkblad. Er is niets opgeslagen."
    )
    assert "1.048.576 rijen" in refusal(crafted_xlsx("A1:XFD1048576"), "bom.xlsx")
    assert "3.000.000 rijen en 4 kolommen" in refusal(crafted_xlsx("A1:D3000000"), "r.xlsx")


def test_a_sheet_whose_dimension_lies_is_held_to_the_limits_while_reading() -> None:
    """The dimension claims one cell; the first row has a cell in the last column XFD."""
    far = b'<c r="XFD1" t="inlineStr"><is><t>x</t></is></c>'
    message = refusal(crafted_xlsx("A1:A1", far), "liegt.xlsx")
    assert message == (
        "liegt.xlsx: rij 1 heeft 16.384 kolommen; een bestand mag er hoogstens 2.000 hebben. "
        "Staat het juiste scheidingsteken in de kopregel? Er is niets opgeslagen."
    )


def test_an_honest_sheet_is_read_whatever_its_dimension_says() -> None:
    """A dimension that claims too little (A1:A1) loses no cell: rows are read as they are."""
    for dimension in ("A1:D2", "A1:A1"):
        parsed = parse_bytes(crafted_xlsx(dimension), "goed.xlsx")
        assert parsed.frame[["gebiedcode", "indicator", "periode", "waarde"]].values.tolist() == [
            ["N01a", "werkloosheid_p", "2024", "3.3"]
        ]
    options = ParseOptions(max_rows=0)  # 2 rows is within the 50 lines of slack
    assert len(parse_bytes(crafted_xlsx("A1:D2"), "goed.xlsx", options).frame) == 1
    assert "zegt 60 rijen en 4 kolommen" in refusal(crafted_xlsx("A1:D60"), "x.xlsx", options)


# -- 2. columns ------------------------------------------------------------------------


@pytest.mark.parametrize("repeat", [100_000, 3_000_000])
def test_a_header_of_a_million_columns_is_refused_before_the_body_is_parsed(
    repeat: int,
) -> None:
    raw = b"gebiedcode;" * repeat  # 1.1 MB and 33 MB, one line
    count = f"{repeat + 1:,}".replace(",", ".")
    assert refusal(raw, "breed.csv") == (
        f"breed.csv: rij 1 heeft {count} kolommen; een bestand mag er hoogstens 2.000 hebben. "
        "Staat het juiste scheidingsteken in de kopregel? Er is niets opgeslagen."
    )


def test_a_body_row_wider_than_the_limit_is_refused_with_its_row() -> None:
    wide = 'N01a;werkloosheid_p;2024;"3,3"' + ";" * (MAX_COLUMNS + 5)
    raw = f"gebiedcode;indicator;periode;waarde\nN01a;x;2024;1\n{wide}\n".encode()
    assert "rij 3 heeft 2.009 kolommen" in refusal(raw, "rij.csv")


def test_a_wide_file_up_to_the_limit_is_read() -> None:
    years = [str(1900 + i) for i in range(150)]
    raw = ("gebiedcode;" + ";".join(years) + "\nN01a;" + ";".join("1" * 150) + "\n").encode()
    parsed = parse_bytes(raw, "jaren.csv", ParseOptions(indicator="werkloosheid_p"))
    assert len(parsed.frame) == 150


# -- 3. code pattern -------------------------------------------------------------------


def test_a_catastrophic_code_pattern_runs_in_linear_time() -> None:
    """``^(a+)+$`` on 'aaa…ab' backtracks 2^n times in Python's re; RE2 answers at once.
    With n = 40 a backtracking engine would not finish within this test run."""
    rows = "\n".join(f"{'a' * 40}b;werkloosheid_p;2024;1" for _ in range(50))
    raw = f"gebiedcode;indicator;periode;waarde\n{rows}\nN01a;werkloosheid_p;2024;1\n".encode()
    options = ParseOptions(code_pattern=r"^((a+)+|N01a)$")
    parsed = parse_bytes(raw, "patroon.csv", options)
    assert parsed.frame["gebiedcode"].tolist() == ["N01a"]
    assert len(parsed.skipped) == 50


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("(a)\\1", "'(a)\\1' is geen geldige reguliere expressie: invalid escape sequence: \\1."),
        ("(?<=A)\\d", "is geen geldige reguliere expressie: invalid perl operator: (?<"),
        ("(", "'(' is geen geldige reguliere expressie: missing ): (."),
        ("a" * 201, "--code-pattern mag hoogstens 200 tekens lang zijn."),
    ],
)
def test_an_invalid_or_unsupported_pattern_is_refused_in_dutch(pattern: str, expected: str) -> None:
    raw = b"gebiedcode;indicator;periode;waarde\nN01a;werkloosheid_p;2024;1\n"
    assert expected in refusal(raw, "p.csv", ParseOptions(code_pattern=pattern))


def test_the_pattern_keeps_its_meaning() -> None:
    """Group 1 is the code; without a group the whole match; a match must start the cell."""
    raw = b"gebiedcode;indicator;periode;waarde\nN01a Kop;x;2024;1\nTotaal N01b;x;2024;1\n"
    grouped = parse_bytes(raw, "p.csv", ParseOptions(code_pattern=r"^(\S+)"))
    assert grouped.frame["gebiedcode"].tolist() == ["N01a", "Totaal"]
    whole = parse_bytes(raw, "p.csv", ParseOptions(code_pattern=r"N01\w"))
    assert whole.frame["gebiedcode"].tolist() == ["N01a"]


# -- 4. database limits and NUL bytes, on both backends --------------------------------


@pytest.fixture
def backend(backend: Store, tmp_path: Path) -> Store:
    demo.install(backend, data_dir=tmp_path / "data")
    return backend


def _state(store: Store) -> tuple:
    with store.engine.connect() as conn:
        count = conn.execute(sa.select(sa.func.count()).select_from(measurements)).scalar()
        ups = conn.execute(sa.select(sa.func.count()).select_from(uploads)).scalar()
    return count, ups


def test_the_limits_come_from_the_schema() -> None:
    assert stored_length(measurements.c.source) == 300
    assert stored_length(measurements.c.note) is None


def test_a_source_longer_than_the_store_keeps_is_an_error_of_the_check(
    backend: Store, tmp_path: Path
) -> None:
    long = "b" * 301
    raw = (
        "gebiedcode;indicator;periode;waarde;bron\n"
        f"N01a;werkloosheid_p;2024;3,3;{'a' * 300}\n"
        f"N01b;werkloosheid_p;2024;3,4;{long}\n"
    ).encode()
    before = _state(backend)
    checked = ingest.check(backend, raw, "bron.csv")
    assert [p.text() for p in checked.report.errors] == [
        f"Fout: rij 3, kolom 'bron': '{'b' * 59}…' is langer dan 300 tekens, meer dan de "
        "database bewaart. Kort de tekst in; er wordt niets afgekapt."
    ]
    with pytest.raises(MonitorError, match="1 fouten"):
        ingest.publish(backend, checked, uploader="t", data_dir=tmp_path / "data")
    assert _state(backend) == before
    # Exactly at the limit: published on both backends.
    fine = ingest.check(backend, raw.rsplit(b"\n", 2)[0] + b"\n", "bron.csv")
    assert fine.report.ok, fine.report.lines()
    ingest.publish(backend, fine, uploader="t", confirm_changes=True, data_dir=tmp_path / "data")
    assert _state(backend)[1] == before[1] + 1


def test_a_nul_byte_after_the_first_10_kb_is_refused_naming_row_and_column(
    backend: Store,
) -> None:
    rows = "".join(f"N01a;werkloosheid_p;{1900 + i % 200};1;opmerking {i}\n" for i in range(400))
    text = "gebiedcode;indicator;periode;waarde;opmerking\n" + rows
    text += "N01b;werkloosheid_p;2024;3,4;met\x00nul\n"
    raw = text.encode()
    assert raw.index(b"\x00") > 10_000
    before = _state(backend)
    with pytest.raises(MonitorError) as caught:
        ingest.check(backend, raw, "nul.csv")
    assert str(caught.value) == (
        "nul.csv: rij 402, kolom 'opmerking': 'met\\0nul' bevat een NUL-teken (byte 0), dat "
        "niet kan worden opgeslagen. Sla het bestand opnieuw op als CSV (UTF-8) of Excel. "
        "Er is niets opgeslagen."
    )
    assert _state(backend) == before


def test_a_nul_in_a_quoted_file_or_an_excel_cell_is_refused_too() -> None:
    quoted = b"gebiedcode;indicator;periode;waarde\n" + b'"N01a";"x";2024;"1"\n' * 600
    quoted += b'"N01a";"x";2024;"1\x00"\n'
    assert "rij 602, kolom 'waarde': '\"1\\0\"'" in refusal(quoted, "q.csv")
    # Excel's own escape for a NUL stays text: nothing unstorable reaches the store.
    cell = b'<c r="E1" t="inlineStr"><is><t>a_x0000_b</t></is></c>'
    cells = read_cells(crafted_xlsx("A1:E2", cell), "nul.xlsx", ParseOptions())
    assert list(cells.frame.columns)[-1] == "a_x0000_b"
