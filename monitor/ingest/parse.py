"""Parse meetingen files into one long table of text cells, with source row numbers.

Accepted: the project's long CSV (``gebiedcode, indicator, periode, waarde`` + optional
``n, peildatum, bron, opmerking``), the BBGA long format, a wide variant (one column per
indicator with a period, or one column per year with an indicator), from CSV/TXT or
Excel. Nothing is converted to numbers here: that is validation's job, so every
problem can be reported with the row and column the analyst sees in the file.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from monitor.channel import hint
from monitor.errors import MonitorError
from monitor.ingest.arrowcsv import read_regular
from monitor.ingest.columns import ALIASES, OPTIONAL, canonical, normalise  # noqa: F401
from monitor.ingest.excel import (  # the Excel limits and check, re-exported here
    MAX_XLSX_RATIO,  # noqa: F401
    MAX_XLSX_UNPACKED,  # noqa: F401
    check_xlsx,  # noqa: F401
    excel_rows,
)
from monitor.ingest.limits import (
    check_nul,
    check_nul_cells,
    check_width,
    compile_pattern,
    line_width,
)
from monitor.ingest.text import decode_with_encoding, sniff_delimiter
from monitor.messages import t

FORMATS = ("auto", "long", "wide", "bbga")
YEAR = re.compile(r"^(19|20)\d{2}$")
#: Limits against accidental or hostile files (configurable per call); the Excel limits
#: (``MAX_XLSX_*``) are in ``monitor.ingest.excel``, the others in ``monitor.ingest.limits``.
MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 2_000_000


@dataclass
class ParseOptions:
    """How to read a file; every option is also a CLI flag of ``monitor import meetingen``."""

    format: str = "auto"
    skip_rows: int | None = None  # lines above the header; None = find the header
    code_pattern: str | None = None  # regex; group 1 (or the match) is the code
    indicator: str | None = None  # wide file with one column per year
    period: int | None = None  # wide file with one column per indicator
    rename: dict[str, str] = field(default_factory=dict)  # header → new header
    sheet: str | None = None
    max_bytes: int = MAX_BYTES
    max_rows: int = MAX_ROWS


@dataclass
class Parsed:
    """The file as long text rows. ``row`` is the line (or Excel row) number."""

    frame: pd.DataFrame
    format: str
    skipped: list[str] = field(default_factory=list)  # info lines: footers, totals, columns
    encoding: str | None = None
    delimiter: str | None = None
    #: Optional columns (:data:`OPTIONAL`) the file does not have: their cells are empty.
    absent: frozenset[str] = frozenset()


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.3g} MB".replace(".", ",")


def fail(name: str, key: str, **params: Any) -> MonitorError:
    """The error for a file that cannot be read: its name, what is wrong (message ``key``
    with ``params``), and that nothing was stored (every reader of uploads says it the
    same way)."""
    return MonitorError(t("parse.refused", name=name, message=t(key, **params)))


# -- reading cells -------------------------------------------------------------------


def _text(raw: bytes, name: str) -> tuple[str, str, str]:
    """Decoded text with LF line ends, its delimiter and its encoding."""
    text, encoding = decode_with_encoding(raw, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    head = text[:20_000].split("\n", 40)
    header = _header_index(head, None)
    sep = sniff_delimiter("\n".join(head[header : header + 1]))
    return text, sep, encoding


def _text_rows(text: str, sep: str, name: str) -> list[list[str]]:
    """The rows of a delimited text; a row wider than the column limit stops reading."""
    rows = []
    try:
        for cells in csv.reader(io.StringIO(text), delimiter=sep):
            check_width(len(cells), len(rows) + 1, name)
            rows.append(cells)
    except csv.Error as exc:
        raise fail(name, "parse.bad_csv", error=exc) from exc
    return rows


def _header_index(lines: list, skip_rows: int | None) -> int:
    """The header line: given, or the first of 30 lines naming a code column."""
    if skip_rows is not None:
        return skip_rows
    for i, line in enumerate(lines[:30]):
        cells = line if isinstance(line, list) else re.split(r"[;,\t|]", line)
        names = {canonical(str(c).strip('" ')) for c in cells if str(c).strip()}
        if "gebiedcode" in names and len([c for c in cells if str(c).strip()]) >= 2:
            return i
    return 0


# -- shaping -----------------------------------------------------------------------


def _header(cells: list[str], name: str, rename: dict[str, str]) -> list[str]:
    """Checked column names: renamed, no blanks or duplicates, trailing empties dropped."""
    header = [str(c).strip() for c in cells]
    header = [rename.get(h, h) for h in header]
    # "row" is ours (the line number); a user column of that name keeps its data apart.
    header = [f"{h} (kolom)" if h.lower() == "row" else h for h in header]
    # Trailing unnamed columns (a row ending in ";;") are dropped when they are empty.
    while header and not header[-1]:
        header.pop()
    if not header:
        raise fail(name, "parse.empty_header")
    blanks = [i + 1 for i, h in enumerate(header) if not h]
    if blanks:
        raise fail(name, "parse.unnamed_column", number=blanks[0])
    seen: set[str] = set()
    for h in header:
        key = normalise(h)
        if key in seen:
            raise fail(name, "parse.column_twice", column=h)
        seen.add(key)
    return header


def _fast_table(
    text: str, sep: str, header_at: int, name: str, rename: dict[str, str]
) -> pd.DataFrame | None:
    """pandas' C parser for regular files; None sends the file to the careful path.

    Regular: no quotes and every row has the header's width, so line numbers are exact.
    Anything else is read by :func:`_table`, which names the offending row.
    """
    if '"' in text:
        return None  # quoted fields may hold separators or newlines: read them carefully
    arrow = _arrow_table(text, sep, header_at, name, rename)
    if arrow is not None:
        return arrow
    lines = pd.Series(text.split("\n")[header_at:], dtype="str")
    width = lines.iloc[0].count(sep)
    counts = lines.str.count(re.escape(sep))
    if not ((counts == width) | (lines.str.strip() == "")).all():
        return None  # a short or long row: the careful path names it
    try:
        raw = pd.read_csv(
            io.StringIO(text),
            sep=sep,
            header=None,
            skiprows=header_at,
            dtype=str,
            keep_default_na=False,
            na_values=[],
            skip_blank_lines=False,
            engine="c",
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError):
        return None
    if raw.empty:
        return None
    header = _header(list(raw.iloc[0]), name, rename)
    if len(header) != raw.shape[1]:
        return None
    frame = raw.iloc[1:].copy()
    frame.columns = header
    for column in header:
        frame[column] = frame[column].str.strip()
    frame.insert(0, "row", np.arange(header_at + 2, header_at + 2 + len(frame)))
    return frame[(frame[header] != "").any(axis=1)].reset_index(drop=True)


def _arrow_table(
    text: str, sep: str, header_at: int, name: str, rename: dict[str, str]
) -> pd.DataFrame | None:
    """pyarrow's CSV reader for a regular file without quotes: one row per line (an empty
    line is a row of empty cells, dropped below), so line numbers are exact; a row of
    another width than the header is refused by the reader and the file goes to the
    slower paths, which name it. None: not read here."""
    start = 0
    for _ in range(header_at):
        start = text.find("\n", start) + 1
        if start == 0:
            return None
    end = text.find("\n", start)
    if end < 0:
        return None
    header = _header(text[start:end].split(sep), name, rename)
    width = len(text[start:end].split(sep))
    if len(header) != width:
        return None  # trailing unnamed columns: the pandas path drops them
    columns = read_regular(text[end + 1 :].encode("utf-8"), sep, width)
    if columns is None:
        return None
    filled = functools.reduce(pc.or_, [pc.not_equal(c, "") for c in columns])
    count = len(columns[0])
    frame = pd.DataFrame(
        {"row": np.arange(header_at + 2, header_at + 2 + count)}
        | {h: pd.Series(c, dtype="str") for h, c in zip(header, columns, strict=True)}
    )
    if not pc.all(filled).as_py():
        frame = frame[np.asarray(filled)].reset_index(drop=True)
    return frame


def _table(
    rows: list[list[str]], header_at: int, name: str, rename: dict[str, str]
) -> tuple[pd.DataFrame, list[str]]:
    """Header + body as a frame of strings with a ``row`` column (1-based line number)."""
    if header_at >= len(rows):
        raise fail(name, "parse.no_header")
    header = _header(rows[header_at], name, rename)
    width = len(header)
    body, info = [], []
    for offset, cells in enumerate(rows[header_at + 1 :]):
        line = header_at + 2 + offset
        if len(cells) == width:  # the common case: no per-cell work here
            body.append([line, *cells])
            continue
        cells = [str(c).strip() for c in cells]
        if not any(cells):
            continue
        if len(cells) > width:
            extra = [c for c in cells[width:] if c]
            if extra:
                raise fail(
                    name,
                    "parse.extra_value",
                    row=line,
                    found=len(cells),
                    width=width,
                    value=extra[0][:40],
                )
            cells = cells[:width]
        if len(cells) < width:
            if len(cells) == 1 and width > 1:
                raise fail(name, "parse.one_column", row=line, value=cells[0][:40], width=width)
            cells = cells + [""] * (width - len(cells))
        body.append([line, *cells])
    frame = pd.DataFrame(body, columns=["row", *header])
    for column in header:  # vectorised strip; then drop rows that are empty after all
        frame[column] = frame[column].astype(str).str.strip()
    if len(header):
        frame = frame[(frame[header] != "").any(axis=1)].reset_index(drop=True)
    return frame, info


def _columns(frame: pd.DataFrame) -> dict[str, str]:
    """Canonical name → header in the file, for the columns that were recognised."""
    found: dict[str, str] = {}
    for header in frame.columns[1:]:
        canon = canonical(header)
        if canon and canon not in found:
            found[canon] = header
    return found


def area_rows(
    frame: pd.DataFrame,
    column: str | None,
    name: str,
    options: ParseOptions,
    skipped: list[str],
    what: str,
) -> pd.DataFrame:
    """The rows of a file's cells that belong to an area, for meetingen and budget files
    alike: a file without a code column (``column`` None) or without rows under the
    header (``what``: the message key that says rows of what) is refused, then
    ``--code-pattern`` applies."""
    if column is None:
        raise fail(name, "parse.no_code_column", found=", ".join(frame.columns[1:]))
    if frame.empty:
        raise fail(name, "parse.header_only", what=t(what))
    rows = _code_rows(frame, column, options.code_pattern, skipped)
    if rows.empty:  # every row was a footer, or the pattern matched none
        first = frame.iloc[0]
        raise fail(
            name,
            "parse.no_code_rows",
            what=t(what),
            column=column,
            row=int(first["row"]),
            value=str(first[column])[:40],
        )
    return rows


def _code_rows(
    frame: pd.DataFrame, column: str, pattern: str | None, skipped: list[str]
) -> pd.DataFrame:
    """Apply ``--code-pattern``; rows that do not match are totals or footers, not areas."""
    cells = frame[column].astype(str)
    if not pattern:
        # Trailing rows without a code are footers ("bron: OIS").
        empty = cells.eq("")
        tail = empty[::-1].cummin()[::-1]
        for line in frame.loc[tail & empty, "row"]:
            skipped.append(t("parse.skipped_footer", row=line))
        return frame[~(tail & empty)]
    regex = compile_pattern(pattern)
    codes = {cell: _code(regex, cell) for cell in cells.unique()}  # codes repeat: once each
    found = cells.map(codes).astype(object)
    matched = found.notna()
    for line, cell in zip(frame.loc[~matched, "row"], cells[~matched], strict=True):
        skipped.append(t("parse.skipped_pattern", row=line, value=cell[:40]))
    out = frame[matched].copy()
    out[column] = found[matched].str.strip()
    return out


def _code(regex: Any, cell: str) -> str | None:
    """Group 1 of a match at the start of ``cell`` (or the whole match), else None."""
    match = regex.match(cell)
    if match is None:
        return None
    return match.group(1) if regex.groups else match.group(0)


def _long(frame: pd.DataFrame, cols: dict[str, str]) -> pd.DataFrame:
    out = pd.DataFrame({"row": frame["row"]})
    for canon in ("gebiedcode", "indicator", "periode", "waarde", *OPTIONAL):
        out[canon] = frame[cols[canon]] if canon in cols else ""
    return out.reset_index(drop=True)


def _wide(
    frame: pd.DataFrame, cols: dict[str, str], options: ParseOptions, name: str, skipped: list[str]
) -> pd.DataFrame:
    """One column per indicator (needs a period) or per year (needs an indicator)."""
    fixed = {
        cols[c]
        for c in ("gebiedcode", "periode", "n", "peildatum", "bron", "opmerking")
        if c in cols
    }
    value_cols = [c for c in frame.columns[1:] if c not in fixed]
    if options.indicator:
        years = [c for c in value_cols if YEAR.match(c.strip())]
        for c in value_cols:
            if c not in years:
                skipped.append(t("parse.skipped_column", column=c, option=hint("opt_map")))
        if not years:
            raise fail(name, "parse.no_year_columns", option=hint("opt_indicator"))
        long = frame.melt(
            id_vars=["row", cols["gebiedcode"]],
            value_vars=years,
            var_name="periode",
            value_name="waarde",
        )
        long["indicator"] = options.indicator
    else:
        if options.period is None and "periode" not in cols:
            raise fail(
                name,
                "parse.wide_without_period",
                period=hint("opt_period"),
                indicator=hint("opt_indicator"),
            )
        ids = [cols["gebiedcode"], "row", *([cols["periode"]] if "periode" in cols else [])]
        long = frame.melt(
            id_vars=ids, value_vars=value_cols, var_name="indicator", value_name="waarde"
        )
        long["periode"] = long[cols["periode"]] if "periode" in cols else str(options.period)
    long = long.rename(columns={cols["gebiedcode"]: "gebiedcode"})
    for canon in OPTIONAL:
        long[canon] = ""
    long = long.sort_values(["row", "indicator"], kind="stable")
    return long[["row", "gebiedcode", "indicator", "periode", "waarde", *OPTIONAL]].reset_index(
        drop=True
    )


def _check_rows(count: int, max_rows: int, name: str) -> None:
    """Refuse files with too many rows (a few lines of slack for titles and footers)."""
    if count > max_rows + 50:
        raise fail(name, "parse.too_many_rows", rows=f"{max_rows:,}".replace(",", "."))


@dataclass
class Cells:
    """A file read as text cells: a ``row`` column (line or Excel row number) and the
    header's columns, before any meaning is given to them (meetingen or begroting)."""

    frame: pd.DataFrame
    skipped: list[str]
    encoding: str | None
    delimiter: str | None


def read_cells(raw: bytes, name: str, options: ParseOptions) -> Cells:
    """CSV/TXT or Excel → text cells under the header line; limits checked on the way."""
    if len(raw) > options.max_bytes:
        raise fail(name, "parse.too_big", size=_megabytes(options.max_bytes))
    if not raw.strip():
        raise fail(name, "parse.empty")
    sep = encoding = None
    frame: pd.DataFrame | None = None
    if raw[:4] == b"PK\x03\x04" or name.lower().endswith((".xlsx", ".xlsm")):
        rows = excel_rows(raw, name, options.sheet, options.max_rows)
    else:
        if b"\x00" in raw[:10_000] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise fail(name, "parse.not_a_table")
        text, sep, encoding = _text(raw, name)
        _check_rows(text.count("\n"), options.max_rows, name)
        head = text[:20_000].split("\n", 40)
        header_at = _header_index(head, options.skip_rows)
        check_width(line_width(text, header_at, sep), header_at + 1, name)
        header = head[header_at].split(sep) if header_at < len(head) else []
        check_nul(text, sep, [c.strip('" ') for c in header], name)
        if '"' not in "\n".join(head[: header_at + 1]):
            frame = _fast_table(text, sep, header_at, name, options.rename)
        if frame is not None:
            skipped: list[str] = []
        else:
            rows = _text_rows(text, sep, name)
    if frame is None:
        _check_rows(len(rows), options.max_rows, name)
        header_at = _header_index(rows, options.skip_rows)
        frame, skipped = _table(rows, header_at, name, options.rename)
        check_nul_cells(frame, name)
    return Cells(frame, skipped, encoding, sep)


def parse_bytes(raw: bytes, name: str, options: ParseOptions | None = None) -> Parsed:
    """Parse file content; ``name`` is only used for the file type and in messages."""
    options = options or ParseOptions()
    if options.format not in FORMATS:
        raise MonitorError(
            t("parse.unknown_format", format=options.format, choices=", ".join(FORMATS))
        )
    cells = read_cells(raw, name, options)
    frame, skipped = cells.frame, cells.skipped
    cols = _columns(frame)
    frame = area_rows(frame, cols.get("gebiedcode"), name, options, skipped, "parse.rows_data")
    is_long = {"indicator", "waarde"} <= set(cols) and ("periode" in cols or options.period)
    fmt = options.format
    if fmt == "auto":
        fmt = "long" if is_long else "wide"
        if is_long and normalise(cols["gebiedcode"]) == "gebiedcode15":
            fmt = "bbga"
    if fmt in ("long", "bbga"):
        if not is_long:
            missing = [c for c in ("indicator", "periode", "waarde") if c not in cols]
            raise fail(name, "parse.long_needs", columns=", ".join(missing))
        long = _long(frame, cols)
        if options.period is not None and "periode" not in cols:
            long["periode"] = str(options.period)
        absent = frozenset(c for c in OPTIONAL if c not in cols)
    else:
        long = _wide(frame, cols, options, name, skipped)
        absent = frozenset(OPTIONAL)  # a wide file has values only
    return Parsed(long, fmt, skipped, cells.encoding, cells.delimiter, absent)


def parse_file(path: Path, options: ParseOptions | None = None) -> Parsed:
    path = Path(path)
    if not path.is_file():
        raise MonitorError(t("file.missing", path=path))
    options = options or ParseOptions()
    if path.stat().st_size > options.max_bytes:
        raise fail(path.name, "parse.too_big", size=_megabytes(options.max_bytes))
    return parse_bytes(path.read_bytes(), path.name, options)
