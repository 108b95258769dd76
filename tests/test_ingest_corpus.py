"""A corpus of broken and hostile meetingen files, each a real-world failure.

Every file ends in exactly one of three ways, asserted literally:

- ``Refused``: a file-level ``MonitorError`` whose Dutch text says what is wrong;
- ``Rejected``: a validation report whose errors name row, column and value, and a
  ``publish()`` that refuses it;
- ``Imported``: published, and the values read back from the store.

Anything else (another exception type, a partial write) fails the test. The small files
live in ``tests/corpus/`` (see its README); big and binary ones are generated here.
Adding a corpus file is one line in ``CASES``.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import random
import sqlite3
import string
import struct
import traceback
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa

from monitor import demo
from monitor.errors import MonitorError
from monitor.ingest.parse import ParseOptions, parse_file
from monitor.ingest.upload import Checked, check, publish
from monitor.scoring import Scorer
from monitor.store import Store, areas, measurements, uploads

CORPUS = Path(__file__).resolve().parent / "corpus"
CODE_PATTERN = r"^([A-Z][0-9]{2}[a-z]) "
MB = 1024 * 1024
LEEG, ONDERDRUKT = "leeg", "onderdrukt"  # flags of missing values
NOTHING_SAVED = "Er is niets opgeslagen"

Key = tuple[str, str, int]  # own area code, indicator, period


# -- expected outcomes ---------------------------------------------------------------


@dataclass(frozen=True)
class Refused:
    """The file is refused as a whole: a MonitorError containing all ``texts``."""

    texts: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    nothing_saved: bool = True  # the message ends with "Er is niets opgeslagen."


@dataclass(frozen=True)
class Problem:
    """One expected report line: row, column, value, message part, suggestion part."""

    row: int
    column: str
    value: str
    message: str
    suggestion: str | None = None


@dataclass(frozen=True)
class Rejected:
    """The report has exactly these errors (and warnings); nothing can be published."""

    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Imported:
    """Published; ``values`` are exactly the rows of the new upload (a str is the flag of
    a missing value). With ``count``, ``values`` is a sample of ``count`` rows."""

    values: dict[Key, float | str]
    warnings: tuple[Problem, ...] = ()
    skipped: tuple[str, ...] = ()
    stored: dict[Key, dict[str, object]] = field(default_factory=dict)  # source, note, n…
    count: int | None = None
    total: float | None = None  # sum of all new values, with ``count``


# -- generated files -------------------------------------------------------------------


def _xlsx(rows: list[list[object]], text_cells: frozenset[tuple[int, int]] = frozenset()) -> bytes:
    """An .xlsx as Excel writes it; ``text_cells`` (row, col; 1-based) stay literal text."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for r, c in text_cells:  # openpyxl would otherwise store "=1+1" as a formula
        sheet.cell(r, c).data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _random_bytes(seed: int, alphabet: bytes | None = None) -> bytes:
    raw = random.Random(seed).randbytes(10 * MB)
    if alphabet is None:
        return raw
    return raw.translate(bytes(alphabet[i % len(alphabet)] for i in range(256)))


def _zip_bomb() -> bytes:
    """A sheet that unpacks from ~100 kB to 100 MB of whitespace."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            for _ in range(100):
                sheet.write(b" " * MB)
    return out.getvalue()


def _replace_sheet(raw: bytes, sheet: bytes) -> bytes:
    """A copy of a workbook with other bytes as its first sheet."""
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            archive.writestr(info.filename, sheet if "worksheets/sheet1" in info.filename else data)
    return out.getvalue()


def _small_xlsx() -> bytes:
    return _xlsx(
        [["gebiedcode", "indicator", "periode", "waarde"], ["N01a", "werkloosheid_p", 2025, 8.4]]
    )


def _lying_zip_bomb() -> bytes:
    """A 40 MB sheet whose zip directory claims it is tiny: the size check cannot see it."""
    raw = _small_xlsx()
    sheet = zipfile.ZipFile(io.BytesIO(raw)).read("xl/worksheets/sheet1.xml")
    data = bytearray(
        _replace_sheet(raw, sheet.replace(b"<sheetData>", b"<sheetData>" + b" " * (40 * MB)))
    )
    name, pos = b"xl/worksheets/sheet1.xml", 0
    while (pos := data.find(b"PK\x01\x02", pos)) >= 0:  # central directory entries
        length = struct.unpack("<H", data[pos + 28 : pos + 30])[0]
        if data[pos + 46 : pos + 46 + length] == name:
            data[pos + 24 : pos + 28] = struct.pack("<I", len(sheet))
        pos += 4
    return bytes(data)


def _malformed_sheet_xml() -> bytes:
    raw = _small_xlsx()
    sheet = zipfile.ZipFile(io.BytesIO(raw)).read("xl/worksheets/sheet1.xml")
    return _replace_sheet(raw, sheet[: len(sheet) // 2])


def _long_xlsx() -> bytes:
    """Excel long format: numeric and text cells mixed, a real date, literal formula text."""
    return _xlsx(
        [
            ["gebiedcode", "indicator", "periode", "waarde", "n", "peildatum", "bron", "opmerking"],
            [
                "N01a",
                "werkloosheid_p",
                2025,
                8.4,
                None,
                dt.datetime(2025, 1, 1),
                "<b>OIS</b>",
                "=1+1",
            ],
            ["N01b", "tevreden_buurt_r", 2025.0, 7.4, 45, dt.date(2025, 7, 1), None, None],
            ["BU09990003", "bev_totaal", 2025, 1681, None, None, None, None],
            ["N01d", "inkomen_gem", 2025, "38.250,5", None, "01-01-2025", None, None],
            ["N02a", "werkloosheid_p", 2025, "x", None, None, None, None],
        ],
        text_cells=frozenset({(2, 8)}),
    )


def _wide_xlsx() -> bytes:
    """Like an OIS table: title, blank line, "code name" column, years, total, footer."""
    return _xlsx(
        [
            ["Bevolking per buurt, 1 januari"],
            [],
            ["buurt", 2025, 2026],
            ["N01a Pareldorp", 1681, 1690],
            ["N01b Beukendorp", 2400, "-"],
            ["Voorbeeldstad", 4081, 4100],
            [None, None, "bron: Basisinformatie"],
        ]
    )


#: Indicators without n (not survey-based) and a plausible value for row i.
PLAIN = {
    "bev_totaal": lambda i: 1000 + i,
    "bijstand_p": lambda i: 3 + (i % 40) / 10,
    "eenouder_p": lambda i: 15 + (i % 50) / 10,
    "havovwo_p": lambda i: 40 + (i % 90) / 10,
    "inkomen_gem": lambda i: 35_000 + (i % 500),
    "jeugdwerkloos_p": lambda i: 6 + (i % 30) / 10,
    "minima_p": lambda i: 12 + (i % 40) / 10,
    "overgewicht10_p": lambda i: 15 + (i % 40) / 10,
    "overlast_i": lambda i: 90 + i % 20,
    "veiligheid_i": lambda i: 90 + i % 20,
    "vsv_p": lambda i: 1.5 + (i % 10) / 10,
    "werkloosheid_p": lambda i: 5 + (i % 40) / 10,
    "werkzaam_p": lambda i: 65 + (i % 40) / 10,
}
MANY_YEARS = range(2025, 2031)


def _many_rows() -> list[tuple[str, str, int, float]]:
    """All 90 buurten (by CBS alias) × 13 indicators × 6 years = 7,020 rows."""
    rows, i = [], 0
    for year in MANY_YEARS:
        for ind, value in PLAIN.items():
            for b in range(1, 91):
                rows.append((f"BU0999{b:04d}", ind, year, round(value(i), 1)))
                i += 1
    return rows


def _many_rows_xlsx() -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["gebiedcode", "indicator", "periode", "waarde"])
    for row in _many_rows():
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _csv_rows(count: int) -> bytes:
    lines = ["gebiedcode;indicator;periode;waarde"]
    lines += [f"BU0999{i % 90 + 1:04d};werkloosheid_p;{2025 + i // 90};8,4" for i in range(count)]
    return ("\n".join(lines) + "\n").encode()


GENERATED: dict[str, Callable[[], bytes]] = {
    "random_bytes_10mb.csv": lambda: _random_bytes(1),
    "random_bytes_without_nul_10mb.csv": lambda: _random_bytes(2, bytes(range(1, 256))),
    "random_printable_10mb.csv": lambda: _random_bytes(3, string.printable.encode()),
    "random_letters_and_separators_10mb.csv": lambda: _random_bytes(
        4, (string.ascii_letters + string.digits + " ;,.\n").encode()
    ),
    "zip_bomb.xlsx": _zip_bomb,
    "zip_bomb_lying_sizes.xlsx": _lying_zip_bomb,
    "truncated.xlsx": lambda: _small_xlsx()[: len(_small_xlsx()) // 2],
    "malformed_sheet_xml.xlsx": _malformed_sheet_xml,
    "long.xlsx": _long_xlsx,
    "wide_by_year_title_total.xlsx": _wide_xlsx,
    "many_rows.xlsx": _many_rows_xlsx,
    "one_mb_and_a_bit.csv": lambda: _csv_rows(40_000),
    "two_hundred_rows.csv": lambda: _csv_rows(200),
    "unclosed_quote_200kb.csv": lambda: (
        b'gebiedcode;indicator;periode;waarde\nN01a;werkloosheid_p;2025;"8,4\n' + b"a" * 200_000
    ),
}


def load(name: str) -> bytes:
    return GENERATED[name]() if name in GENERATED else (CORPUS / name).read_bytes()


# -- the table -----------------------------------------------------------------------


P = Problem  # short, for the table
W = "werkloosheid_p"
NOT_A_NUMBER = "is geen getal"
UNKNOWN_CODE = "onbekende gebiedscode"
NO_YEAR = "is geen jaartal"
FAR = "ligt ver buiten wat eerder voor deze indicator is gemeten"
FEW = "is minder dan het minimum aantal respondenten"


def case(name: str, outcome: object, *, bug: str | None = None, **options: object):
    """One table row; ``options`` are ParseOptions; ``bug`` marks a known, reported bug."""
    suffix = ",".join(f"{k}={v}" for k, v in options.items())
    marks = [pytest.mark.xfail(strict=True, reason=bug)] if bug else []
    return pytest.param(
        name, options, outcome, id=f"{name}[{suffix}]" if suffix else name, marks=marks
    )


CASES = [
    # -- encodings ------------------------------------------------------------------
    case(
        "cp1252_semicolon_decimal_comma.csv",
        Imported(
            {
                ("N01a", W, 2025): 8.4,
                ("N01b", "inkomen_gem", 2025): 38500,
                ("N01c", W, 2025): 12.75,
            },
            stored={
                ("N01a", W, 2025): {
                    "source": "Dienst Werk & Inkomen",
                    "note": "Één meting, geschat",
                },
                ("N01b", "inkomen_gem", 2025): {"note": "Financiën van de buurt"},
                ("N01c", W, 2025): {"source": None, "note": "Café-buurt, geëxtrapoleerd"},
            },
        ),
    ),
    case(
        "utf16_tab_excel_unicode_text.txt",
        Imported(
            {("N01a", W, 2025): 8.4, ("N01b", "inkomen_gem", 2025): 38500},
            stored={("N01a", W, 2025): {"note": "geëxtrapoleerd"}},
        ),
    ),
    case(
        "utf8_bom_comma.csv",
        Imported(
            {("N01a", W, 2025): 8.4, ("N01b", W, 2025): 6.25},
            stored={
                ("N01a", W, 2025): {"note": "geëxtrapoleerd"},
                ("N01b", W, 2025): {"note": None},
            },
        ),
    ),
    case(
        "bom_crlf_semicolon.csv",
        Imported({("N01a", W, 2025): 8.4, ("N01b", "bev_totaal", 2025): 1681}),
    ),
    # -- separators and numbers -------------------------------------------------------
    case(
        "mixed_separators.csv",
        Refused(
            ("rij 3 heeft maar één kolom", "'N01b,werkloosheid_p,2025,7.5'", "scheidingsteken")
        ),
    ),
    case(
        "decimal_comma_thousands_dot.csv",
        Imported(
            {
                ("N01a", "inkomen_gem", 2025): 38250.5,
                ("N01b", "inkomen_gem", 2025): 41000,
                ("N01c", W, 2025): 8.4,
                ("N01d", "bev_totaal", 2025): 1250,
            }
        ),
    ),
    case(
        "thousands_separator_space.csv",
        Imported(
            {
                ("N01a", "inkomen_gem", 2025): 38250,
                ("N01b", "inkomen_gem", 2025): 41200,
                ("N01c", "bev_totaal", 2025): 1681,
                ("N01d", W, 2025): 8.4,
            }
        ),
    ),
    case(
        "english_thousands_comma.csv",
        Imported(
            {
                ("N01a", "inkomen_gem", 2025): 38250.5,
                ("N01b", "bev_totaal", 2025): 1681,
                ("N01c", W, 2025): 8.4,
            }
        ),
    ),
    case(
        "mixed_decimal_point_and_comma.csv",
        Imported(
            {("N01a", W, 2025): 8.4, ("N01b", W, 2025): 7.5, ("N01c", "inkomen_gem", 2025): 38250}
        ),
    ),
    case(
        "unit_signs_percent_euro.csv",
        Imported(
            {
                ("N01a", W, 2025): 8.4,
                ("N01b", "inkomen_gem", 2025): 38500,
                ("N01c", "inkomen_gem", 2025): 38500.5,
            }
        ),
    ),
    case(
        "tab_separated.txt",
        Imported({("N01a", W, 2025): 8.4, ("N01b", "veiligheid_i", 2025): 97}),
    ),
    case(
        "english_headers.csv",
        Imported(
            {("N01a", W, 2025): 8.4},
            stored={("N01a", W, 2025): {"source": "Municipality", "note": "estimate"}},
        ),
    ),
    # -- areas -------------------------------------------------------------------------
    case(
        "unknown_area_code_close_match.csv",
        Rejected(
            (
                P(3, "gebiedcode", "N1a", UNKNOWN_CODE, "Bedoelt u 'N01a'?"),
                P(4, "gebiedcode", "BU0999001", UNKNOWN_CODE, "monitor alias add"),
            )
        ),
    ),
    case(
        "cbs_alias_codes.csv",
        Imported({("N01a", W, 2025): 8.4, ("N01b", W, 2025): 7.5, ("STAD", W, 2025): 7.1}),
    ),
    case(
        "lowercase_codes_and_spaces.csv",
        Imported({("N01a", W, 2025): 8.4, ("N01b", W, 2025): 7.5}),
    ),
    case(
        "duplicate_keys.csv",
        Rejected((P(4, "gebiedcode", "N01a", "dubbele regel", "staan al in rij 2"),)),
    ),
    case(
        "duplicate_key_via_alias.csv",
        Rejected((P(3, "gebiedcode", "BU09990001", "dubbele regel", "staan al in rij 2"),)),
    ),
    case(
        "code_name_first_column.csv",
        Rejected(
            tuple(
                P(row, "gebiedcode", value, UNKNOWN_CODE, hint)
                for row, value, hint in (
                    (2, "N01a Pareldorp", "--code-pattern"),
                    (3, "N01b Beukendorp", "--code-pattern"),
                    (4, "Voorbeeldstad", "Bedoelt u STAD (Voorbeeldstad)?"),  # a name
                )
                for _year in (2025, 2026)
            )
        ),
        indicator="bev_totaal",
    ),
    case(
        "code_name_first_column.csv",
        Imported(
            {
                ("N01a", "bev_totaal", 2025): 1681,
                ("N01a", "bev_totaal", 2026): 1690,
                ("N01b", "bev_totaal", 2025): 2400,
                ("N01b", "bev_totaal", 2026): 2410,
            },
            skipped=("rij 4: 'Voorbeeldstad' is geen gebiedcode volgens het patroon",),
        ),
        indicator="bev_totaal",
        code_pattern=CODE_PATTERN,
    ),
    case(
        "footer_in_code_column.csv",
        Rejected(
            (
                P(3, "gebiedcode", "Bron: CBS, bewerking OIS", UNKNOWN_CODE, "--code-pattern"),
                P(3, "indicator", "", "onbekende indicator"),
                P(3, "periode", "", NO_YEAR),
            )
        ),
    ),
    # -- values, indicators, periods -------------------------------------------------
    case(
        "text_in_value_column.csv",
        Rejected(
            (
                P(2, "waarde", "hoog", NOT_A_NUMBER, "laat de cel leeg"),
                P(3, "waarde", "n.v.t.", NOT_A_NUMBER),
            )
        ),
    ),
    case(
        "percentage_above_100.csv",
        Rejected(
            (P(3, "waarde", "104,5", "valt buiten 0–100 (percentage)", "eenheid"),),
            (P(3, "waarde", "104,5", FAR),),
        ),
    ),
    case(
        "rapportcijfer_11.csv",
        Rejected(
            (P(3, "waarde", "11", "valt buiten 1–10 (rapportcijfer)"),),
            (P(3, "waarde", "11", FAR),),
        ),
    ),
    case(
        "negative_count.csv",
        Rejected((P(3, "waarde", "-12", "is negatief, maar de indicator is een aantal"),)),
    ),
    case(
        "infinite_and_nan_values.csv",
        Rejected(
            tuple(
                P(row, "waarde", value, NOT_A_NUMBER)
                for row, value in ((2, "inf"), (3, "1e999"), (4, "NaN"), (5, "-Infinity"))
            )
        ),
    ),
    case(
        "formula_in_value_cell.csv",
        Rejected(
            tuple(
                P(row, "waarde", value, NOT_A_NUMBER)
                for row, value in ((2, "=1+1"), (3, "-2+3"), (4, "@SUM(A1:A9)"))
            )
        ),
    ),
    case(
        "missing_value_markers.csv",
        Imported(
            {
                ("N01a", W, 2025): LEEG,
                ("N01b", W, 2025): LEEG,
                ("N01c", W, 2025): ONDERDRUKT,
                ("N01d", W, 2025): ONDERDRUKT,
                ("N02a", W, 2025): LEEG,
                ("N02b", W, 2025): LEEG,
                ("N02c", W, 2025): ONDERDRUKT,
                ("N02d", W, 2025): 8.4,
            }
        ),
    ),
    case(
        "bad_period.csv",
        Rejected(
            tuple(
                P(row, "periode", value, NO_YEAR, "vier cijfers")
                for row, value in ((2, "2024a"), (3, "24"), (4, "2024-2025"), (5, "1850"))
            )
        ),
    ),
    case(
        "bad_peildatum.csv",
        Rejected(
            tuple(
                P(row, "peildatum", value, "is geen datum", "jjjj-mm-dd")
                for row, value in ((2, "31-02-2025"), (3, "1 januari 2025"), (4, "2025/01/01"))
            )
        ),
    ),
    case(
        "peildatum_iso_and_dutch.csv",
        Imported(
            {("N01a", W, 2025): 8.4, ("N01b", W, 2025): 7.5, ("N01c", W, 2025): 7.1},
            stored={
                ("N01a", W, 2025): {"peildatum": dt.date(2025, 1, 1)},
                ("N01b", W, 2025): {"peildatum": dt.date(2025, 7, 1)},
                ("N01c", W, 2025): {"peildatum": None},
            },
        ),
    ),
    case(
        "n_below_min_respondents.csv",
        Imported(
            {("N01a", "tevreden_buurt_r", 2025): 7.4, ("N01b", "tevreden_buurt_r", 2025): 7.9},
            warnings=(P(2, "n", "12", FEW),),
            stored={("N01a", "tevreden_buurt_r", 2025): {"n": 12.0}},
        ),
    ),
    case(
        "n_not_a_number.csv",
        Rejected(
            (
                P(2, "n", "veel", "is geen geldig aantal (n)"),
                P(3, "n", "-3", "is geen geldig aantal (n)"),
            ),
            (P(3, "n", "-3", FEW),),
        ),
    ),
    case(
        "value_far_outside_history.csv",
        Imported(
            {("N01a", "inkomen_gem", 2025): 950_000, ("N01b", "inkomen_gem", 2025): 41_000},
            warnings=(P(2, "waarde", "950000", FAR, "decimaalteken"),),
        ),
    ),
    case(
        "forecast_variable_row.csv",
        Imported(
            {("N01a", W, 2025): 8.4},
            skipped=("2 rijen met prognoses overgeslagen",),
        ),
    ),
    case(
        "unknown_indicator_suggestion.csv",
        Rejected(
            (
                P(2, "indicator", "werkloosheid_pct", "onbekende indicator", "'werkloosheid_p'"),
                P(3, "indicator", "volstrekt_onbekend", "onbekende indicator", "indicator add"),
            )
        ),
    ),
    # -- structure --------------------------------------------------------------------
    case("empty.csv", Refused(("het bestand is leeg",))),
    case("only_whitespace.csv", Refused(("het bestand is leeg",))),
    case("only_separators.csv", Refused(("de kopregel is leeg",))),
    case("header_only.csv", Refused(("alleen een kopregel, geen gegevens",))),
    case("header_only_below_title.csv", Refused(("alleen een kopregel, geen gegevens",))),
    case(
        "header_without_code_column.csv",
        Refused(("geen kolom met gebiedscodes", "gevonden: buurtnaam, indicator, periode, waarde")),
    ),
    case(
        "duplicate_header_column.csv",
        Refused(("de kolomnaam 'Waarde' staat twee keer in de kopregel",)),
    ),
    case("blank_header_cell.csv", Refused(("kolom 2 in de kopregel heeft geen naam",))),
    case(
        "trailing_empty_columns.csv",
        Imported({("N01a", W, 2025): 8.4, ("N01b", W, 2025): 7.5}),
    ),
    case(
        "extra_nonempty_column.csv",
        Refused(("rij 3 heeft 5 kolommen, de kopregel 4", "extra waarde 'let op'")),
    ),
    case(
        "quoted_separator_and_newline.csv",
        Imported(
            {("N01a", W, 2025): 8.4, ("N01b", W, 2025): 7.5},
            stored={
                ("N01a", W, 2025): {"note": "eerste; tweede\nderde regel"},
                ("N01b", W, 2025): {"note": 'zei "hallo"'},
            },
        ),
    ),
    case(
        "unclosed_quote.csv",
        Rejected((P(2, "waarde", "8,4\nN01b;werkloosheid_p;2025;7,5", NOT_A_NUMBER),)),
    ),
    case("quoted_header_below_title.csv", Imported({("N01a", W, 2025): 8.4})),
    case(
        "title_lines_and_footer.csv",
        Imported(
            {("N01a", W, 2025): 8.4, ("N01b", W, 2025): 7.5},
            skipped=("rij 8: voetregel zonder gebiedcode overgeslagen",),
        ),
    ),
    case(
        "column_named_row.csv",
        Imported({("N01a", W, 2025): 8.4}),
    ),
    case("nul_bytes_binary.csv", Refused(("geen tekstbestand (CSV) en geen Excel-bestand",))),
    # -- wide ---------------------------------------------------------------------------
    case("wide_by_indicator.csv", Refused(("breed bestand", "--period", "--indicator"))),
    case(
        "wide_by_indicator.csv",
        Imported(
            {
                ("N01a", W, 2025): 8.4,
                ("N01a", "inkomen_gem", 2025): 38250,
                ("N01a", "bev_totaal", 2025): 1681,
                ("N01b", W, 2025): 7.5,
                ("N01b", "inkomen_gem", 2025): 41000,
                ("N01b", "bev_totaal", 2025): 2400,
            }
        ),
        period=2025,
    ),
    case("wide_by_year.csv", Refused(("breed bestand", "--indicator"))),
    case(
        "wide_by_year.csv",
        Imported(
            {
                ("N01a", "bev_totaal", 2025): 1681,
                ("N01a", "bev_totaal", 2026): 1690,
                ("N01a", "bev_totaal", 2027): LEEG,
                ("N01b", "bev_totaal", 2025): 2400,
                ("N01b", "bev_totaal", 2026): 2410,
                ("N01b", "bev_totaal", 2027): 2420,
            }
        ),
        indicator="bev_totaal",
    ),
    case(
        "wide_with_name_column.csv",
        Rejected(
            (
                P(2, "indicator", "gebiednaam", "onbekende indicator"),
                P(2, "waarde", "Pareldorp", NOT_A_NUMBER),
            )
        ),
        period=2025,
    ),
    # -- hostile: formulas, markup, binaries -----------------------------------------
    case(
        "formula_in_code_cell.csv",
        Rejected(
            (
                P(2, "gebiedcode", '=HYPERLINK("http://evil","x")', UNKNOWN_CODE),
                P(3, "gebiedcode", "=1+1", UNKNOWN_CODE),
            )
        ),
    ),
    case(
        "formula_in_text_cells.csv",
        Imported(
            {("N01a", W, 2025): 8.4, ("N01b", W, 2025): 7.5},
            stored={
                ("N01a", W, 2025): {"source": '=HYPERLINK("http://evil","x")', "note": "=1+1"},
                ("N01b", W, 2025): {"source": "+cmd|' /C calc'!A0", "note": "@SUM(A1:A9)"},
            },
        ),
    ),
    case(
        "html_script_in_text_cells.csv",
        Imported(
            {("N01a", W, 2025): 8.4, ("N01b", W, 2025): 7.5},
            stored={
                ("N01a", W, 2025): {
                    "source": "<b>OIS</b> &amp; co",
                    "note": "<script>alert(1)</script>",
                },
                ("N01b", W, 2025): {
                    "source": '<img src=x onerror="alert(1)">',
                    "note": "</td></tr><tr>",
                },
            },
        ),
    ),
    case("random_bytes_10mb.csv", Refused(("geen tekstbestand",))),
    case(
        "random_bytes_without_nul_10mb.csv",
        Refused(("tekencodering is niet te herkennen", "UTF-8")),
    ),
    case(
        "random_printable_10mb.csv",
        Refused(("rij 5 heeft 3 kolommen, de kopregel 1", "scheidingsteken")),
    ),
    case(
        "random_letters_and_separators_10mb.csv",
        Refused(
            (
                "rij 2 heeft maar één kolom ('RtGdTc5z3MldnKx.k4ZSctNkolUBxnaaiPz2f')",
                "de kopregel 3",
            )
        ),
    ),
    case(
        "unclosed_quote_200kb.csv",
        Refused(),
    ),
    # -- limits -------------------------------------------------------------------------
    case("one_mb_and_a_bit.csv", Refused(("groter dan 1 MB",)), max_bytes=MB),
    case(
        "cp1252_semicolon_decimal_comma.csv",
        Refused(("groter dan",), absent=("groter dan 0 MB",)),
        max_bytes=64,
    ),
    case("two_hundred_rows.csv", Refused(("meer dan 100 rijen",)), max_rows=100),
    # -- Excel ----------------------------------------------------------------------------
    case(
        "long.xlsx",
        Imported(
            {
                ("N01a", W, 2025): 8.4,
                ("N01b", "tevreden_buurt_r", 2025): 7.4,
                ("N01c", "bev_totaal", 2025): 1681,
                ("N01d", "inkomen_gem", 2025): 38250.5,
                ("N02a", W, 2025): ONDERDRUKT,
            },
            stored={
                ("N01a", W, 2025): {
                    "peildatum": dt.date(2025, 1, 1),
                    "source": "<b>OIS</b>",
                    "note": "=1+1",
                },
                ("N01b", "tevreden_buurt_r", 2025): {"n": 45.0, "peildatum": dt.date(2025, 7, 1)},
                ("N01d", "inkomen_gem", 2025): {"peildatum": dt.date(2025, 1, 1)},
            },
        ),
    ),
    case(
        "wide_by_year_title_total.xlsx",
        Imported(
            {
                ("N01a", "bev_totaal", 2025): 1681,
                ("N01a", "bev_totaal", 2026): 1690,
                ("N01b", "bev_totaal", 2025): 2400,
                ("N01b", "bev_totaal", 2026): LEEG,
            },
            skipped=("rij 6: 'Voorbeeldstad' is geen gebiedcode", "rij 7: '' is geen gebiedcode"),
        ),
        indicator="bev_totaal",
        code_pattern=CODE_PATTERN,
    ),
    case(
        "many_rows.xlsx",
        Imported(
            {  # BU09990001 is N01a, BU09990002 is N01b; rows i = 0, 990 and 6211
                ("N01a", "bev_totaal", 2025): 1000,
                ("N01a", "werkloosheid_p", 2025): 8.0,
                ("N01b", "inkomen_gem", 2030): 35_211,
            },
            count=7020,
            total=sum(row[3] for row in _many_rows()),
        ),
    ),
    case("long.xlsx", Refused(("tabblad 'Blad9' bestaat niet", "Sheet")), sheet="Blad9"),
    case("truncated.xlsx", Refused(("geen geldig Excel-bestand",))),
    case("zip_bomb.xlsx", Refused(("pakt verdacht groot uit",))),
    case("zip_bomb_lying_sizes.xlsx", Refused(("Excel-bestand is niet te lezen",))),
    case(
        "malformed_sheet_xml.xlsx",
        Refused(("Excel-bestand is niet te lezen",)),
    ),
]


# -- fixtures and helpers -------------------------------------------------------------


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Voorbeeldstad installed once; every test gets its own copy of the database."""
    path = tmp_path_factory.mktemp("corpus") / "template.sqlite"
    store = Store(f"sqlite:///{path}")
    store.upgrade()
    demo.install(store)
    store.engine.dispose()
    return path


@pytest.fixture
def demo_store(template: Path, tmp_path: Path) -> Iterator[Store]:
    path = tmp_path / "store.sqlite"
    with sqlite3.connect(template) as source, sqlite3.connect(path) as target:
        source.backup(target)  # consistent in WAL mode, unlike a file copy
    source.close()
    target.close()
    store = Store(f"sqlite:///{path}")
    yield store
    store.engine.dispose()


def counts(store: Store) -> tuple[int, int, int]:
    """Measurement rows, current measurement rows, uploads."""
    with store.engine.connect() as conn:
        return (
            conn.scalar(sa.select(sa.func.count()).select_from(measurements)),
            conn.scalar(
                sa.select(sa.func.count())
                .select_from(measurements)
                .where(measurements.c.is_current.is_(True))
            ),
            conn.scalar(sa.select(sa.func.count()).select_from(uploads)),
        )


def stored_row(store: Store, key: Key) -> dict[str, object]:
    """The current measurement of one key, with its text columns, straight from the table."""
    code, indicator, period = key
    m = measurements
    query = (
        sa.select(m.c.value, m.c.n, m.c.peildatum, m.c.source, m.c.note, m.c.flag)
        .join(areas, areas.c.id == m.c.area_id)
        .where(
            areas.c.code == code,
            m.c.indicator_id == indicator,
            m.c.period == period,
            m.c.is_current.is_(True),
        )
    )
    with store.engine.connect() as conn:
        return dict(conn.execute(query).mappings().one())


def guarded(what: str, action: Callable[[], object]) -> object:
    """Run ``action``; a MonitorError passes through, anything else fails the test."""
    try:
        return action()
    except MonitorError:
        raise
    except Exception as exc:
        pytest.fail(
            f"{what}: {type(exc).__name__} instead of a MonitorError:\n{traceback.format_exc()}",
            pytrace=False,
        )


def assert_problems(actual, expected: tuple[Problem, ...]) -> None:
    """The report lists exactly these problems, each naming row, column and value."""
    got = sorted((p.row, p.column, p.value) for p in actual)
    want = sorted((e.row, e.column, e.value) for e in expected)
    assert got == want, [p.text() for p in actual]
    by_place: dict[tuple, list] = {}
    for p in actual:
        by_place.setdefault((p.row, p.column, p.value), []).append(p)
    for e in expected:
        p = by_place[(e.row, e.column, e.value)].pop()
        assert e.message in p.message, p.text()
        if e.suggestion is not None:
            assert e.suggestion in (p.suggestion or ""), p.text()
        line = p.text()
        assert f"rij {e.row}" in line and f"kolom '{e.column}'" in line, line
        if e.value:
            assert f"'{e.value.replace(chr(10), ' ')[:40]}" in line, line


# -- the test ----------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "options", "outcome"), CASES)
def test_corpus_file(
    name: str, options: dict, outcome: object, demo_store: Store, tmp_path: Path
) -> None:
    store = demo_store
    raw = load(name)
    data_dir = tmp_path / "data"
    before = counts(store)

    try:
        checked: Checked = guarded(
            f"check({name})", lambda: check(store, raw, name, ParseOptions(**options))
        )
    except MonitorError as exc:
        assert isinstance(outcome, Refused), f"{name} refused unexpectedly: {exc}"
        message = str(exc)
        assert message.startswith(f"{name}: "), message
        assert (NOTHING_SAVED in message) == outcome.nothing_saved, message
        for text in outcome.texts:
            assert text in message, message
        for text in outcome.absent:
            assert text not in message, message
        assert counts(store) == before
        return
    assert not isinstance(outcome, Refused), (
        f"{name} was not refused; report: {checked.report.lines()}"
    )
    assert counts(store) == before, "check() must not write"

    if isinstance(outcome, Rejected):
        assert not checked.report.ok
        assert checked.preview is None
        assert_problems(checked.report.errors, outcome.errors)
        assert_problems(checked.report.warnings, outcome.warnings)
        with pytest.raises(MonitorError, match=NOTHING_SAVED):
            guarded(
                f"publish({name})",
                lambda: publish(store, checked, uploader="corpus", data_dir=data_dir),
            )
        assert counts(store) == before
        assert not (data_dir / "uploads").exists(), "a refused file must not be kept"
        return

    assert isinstance(outcome, Imported)
    assert checked.report.ok, checked.report.lines()
    assert_problems(checked.report.warnings, outcome.warnings)
    for text in outcome.skipped:
        assert any(text in line for line in checked.report.skipped), checked.report.skipped
    upload_id = guarded(
        f"publish({name})",
        lambda: publish(store, checked, uploader="corpus", data_dir=data_dir),
    )
    rows = outcome.count if outcome.count is not None else len(outcome.values)
    assert counts(store) == (before[0] + rows, before[1] + rows, before[2] + 1)
    assert (data_dir / "uploads" / checked.sha256).read_bytes() == raw

    indicators = sorted(checked.report.frame["indicator_id"].unique())
    current = store.current_values(store.division_id(), indicators)
    current = current[current["upload_id"] == upload_id]
    got = {
        (r.code, r.indicator_id, int(r.period)): (r.flag if math.isnan(r.value) else r.value)
        for r in current.itertuples()
    }
    if outcome.count is None:
        assert set(got) == set(outcome.values)
    else:
        assert len(got) == outcome.count
    if outcome.total is not None:
        assert current["value"].sum() == pytest.approx(outcome.total)
    for key, want in outcome.values.items():
        if isinstance(want, str):
            assert got[key] == want, key
        else:
            assert got[key] == pytest.approx(want), key
    for key, columns in outcome.stored.items():
        row = stored_row(store, key)
        for column, want in columns.items():
            assert row[column] == want, (key, column, row)


# -- beyond the table ------------------------------------------------------------------


def test_parse_file_refuses_a_big_file_before_reading_it(tmp_path: Path) -> None:
    """``parse_file`` checks the size on disk; it never reads a file over the limit."""
    path = tmp_path / "groot.csv"
    path.write_bytes(load("one_mb_and_a_bit.csv"))
    with pytest.raises(MonitorError, match=r"groot\.csv: het bestand is groter dan 1 MB"):
        parse_file(path, ParseOptions(max_bytes=MB))
    with pytest.raises(MonitorError, match="bestaat niet"):
        parse_file(tmp_path / "weg.csv")


def test_corpus_readme_lists_every_file() -> None:
    """Every committed corpus file and every generated one is described in the README."""
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    files = {p.name for p in CORPUS.iterdir() if p.name != "README.md" and p.name[0] != "."}
    assert len(files) >= 40
    missing = sorted(n for n in files | set(GENERATED) if f"`{n}`" not in readme)
    assert not missing, f"not in tests/corpus/README.md: {missing}"
    tested = {c.values[0] for c in CASES}
    assert files | set(GENERATED) <= tested, sorted(files | set(GENERATED) - tested)


def test_too_few_respondents_publishes_but_scores_as_geen_gegevens(
    demo_store: Store, tmp_path: Path
) -> None:
    """The warning is not an error: the value is stored, and scoring withholds it."""
    name = "n_below_min_respondents.csv"
    checked = check(demo_store, load(name), name)
    publish(demo_store, checked, uploader="corpus", data_dir=tmp_path)
    # Two of 90 buurten colour only against a city value (monitor/scoring/coverage.py), and with
    # one usable value there is no spread: the absolute band decides.
    city = b"gebiedcode;indicator;periode;waarde\nSTAD;tevreden_buurt_r;2025;7,0\n"
    publish(demo_store, check(demo_store, city, "stad.csv"), uploader="corpus", data_dir=tmp_path)
    scored = (
        Scorer(demo_store)
        .score("tevreden_buurt_r", 2025, "buurt", method="absoluut")
        .set_index("code")
    )
    assert scored.loc["N01a", "klasse"] == "geen_gegevens"
    assert scored.loc["N01a", "reden_code"] == "te_weinig_respondenten"
    assert "n = 12" in scored.loc["N01a", "reden"]
    assert scored.loc["N01b", "value"] == 7.9 and scored.loc["N01b", "klasse"] != "geen_gegevens"
