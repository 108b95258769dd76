"""Reading an Excel sheet (.xlsx) within limits, streaming.

An .xlsx is a zip of XML: a 5 KB file can claim (in its ``<dimension>``) a sheet of
16,384 columns by a million rows, and openpyxl pads every row it reads to the claimed
width. So the zip is checked for bombs before anything is unpacked, the claimed
dimension is refused before the sheet is read when it is beyond the limits of
``monitor.ingest.limits``, and then the sheet is read row by row as it really is (never
padded to a claim), with the row, column and cell limits checked on every row.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from monitor.errors import MonitorError
from monitor.ingest.limits import MAX_CELLS, MAX_COLUMNS, check_width, dutch_count, refused

#: An .xlsx that unpacks to more than this, or compresses better than this, is a bomb.
MAX_XLSX_UNPACKED = 300 * 1024 * 1024
MAX_XLSX_RATIO = 200


def check_xlsx(raw: bytes, name: str) -> None:
    """Refuse zip bombs before openpyxl unpacks anything."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile:
        raise refused(name, "parse.bad_xlsx") from None
    infos = archive.infolist()
    unpacked = sum(i.file_size for i in infos)
    packed = max(sum(i.compress_size for i in infos), 1)
    if len(infos) > 10_000 or unpacked > MAX_XLSX_UNPACKED or unpacked / packed > MAX_XLSX_RATIO:
        raise refused(name, "parse.xlsx_bomb")


def excel_rows(raw: bytes, name: str, sheet: str | None, max_rows: int) -> list[list[str]]:
    """The rows of a sheet (the first, or ``sheet``) as text cells, within the limits."""
    import openpyxl

    check_xlsx(raw, name)
    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise refused(name, "parse.xlsx_unreadable", error=type(exc).__name__) from exc
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise refused(name, "parse.no_sheet", sheet=sheet, sheets=", ".join(book.sheetnames))
        ws = book[sheet] if sheet else book.worksheets[0]
        check_dimension(ws, name, max_rows)
        return sheet_rows(ws, name, max_rows)
    except MonitorError:
        raise
    except Exception as exc:  # read-only mode parses the sheet XML only while reading
        raise refused(name, "parse.xlsx_unreadable", error=type(exc).__name__) from exc
    finally:
        book.close()


def head_rows(raw: bytes, name: str, sheet: str | None, count: int) -> list[list[str]]:
    """The first ``count`` rows of a sheet as text, for a look at the header; never
    padded to the sheet's claimed width."""
    import openpyxl

    check_xlsx(raw, name)
    book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    try:
        ws = book[sheet] if sheet and sheet in book.sheetnames else book.worksheets[0]
        ws.reset_dimensions()
        rows = []
        for values in ws.iter_rows(max_row=count, values_only=True):
            rows.append(["" if v is None else str(v) for v in values[: MAX_COLUMNS + 1]])
        return rows
    finally:
        book.close()


def check_dimension(sheet: Any, name: str, max_rows: int) -> None:
    """Refuse a sheet whose declared dimension is beyond the limits, before reading it."""
    rows, columns = sheet.max_row, sheet.max_column
    if rows is None or columns is None:
        return  # no dimension: the limits are enforced while reading
    if rows > max_rows + 50 or columns > MAX_COLUMNS or rows * columns > MAX_CELLS:
        raise refused(
            name,
            "parse.xlsx_dimension",
            sheet=sheet.title,
            rows=dutch_count(rows),
            columns=dutch_count(columns),
            max_rows=dutch_count(max_rows),
            max_columns=dutch_count(MAX_COLUMNS),
            max_cells=dutch_count(MAX_CELLS),
        )


def sheet_rows(sheet: Any, name: str, max_rows: int) -> list[list[str]]:
    """The sheet's rows as text cells, read streaming; trailing empty cells are dropped
    and every limit is checked row by row (the declared dimension may lie)."""
    sheet.reset_dimensions()  # rows as they are in the file, never padded to a claim
    rows: list[list[str]] = []
    empty: list[str] = []  # one shared object for every empty row
    cells = 0
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > max_rows + 50:
            raise refused(name, "parse.too_many_rows", rows=dutch_count(max_rows))
        width = len(values)
        while width and values[width - 1] is None:
            width -= 1
        if not width:
            rows.append(empty)
            continue
        check_width(width, number, name)
        cells += width
        if cells > MAX_CELLS:
            raise refused(name, "parse.too_many_cells", limit=dutch_count(MAX_CELLS))
        rows.append(["" if v is None else cell_text(v) for v in values[:width]])
    return rows


def cell_text(value: object) -> str:
    """Excel cells as text; whole floats without '.0' so years and codes stay clean."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
