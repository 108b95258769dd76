"""What an uploaded file may ask of the server: limits checked before and while reading.

A hostile or broken file must be refused in bounded time and memory, with a message that
says what was too much, before anything is stored:

- an Excel sheet is read streaming; its declared ``<dimension>`` is refused when it
  claims more rows, columns or cells than a file may have (openpyxl would pad every row
  to the claimed width), and the same limits hold while the rows are read, whatever the
  dimension said;
- a text file's header (or any row) with more than :data:`MAX_COLUMNS` columns is
  refused before the body is parsed;
- a NUL character anywhere in a file is refused (PostgreSQL cannot store it);
- ``--code-pattern`` runs on RE2, whose matching time is linear in the text, so no
  pattern can make the server backtrack for minutes;
- text going into a database column is checked against that column's width, read from
  the schema (:func:`stored_length`), so a file never passes the check and then fails at
  publish.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import re2
import sqlalchemy as sa

from monitor.channel import hint
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.problems import ERROR, Suggestion

#: Columns a file may have (a wide file has one per indicator or year).
MAX_COLUMNS = 2_000
#: Cells an Excel sheet may hold (rows × columns as declared, or as read).
MAX_CELLS = 25_000_000
#: Characters a code pattern may have.
MAX_PATTERN = 200


def dutch_count(number: int) -> str:
    """``1048576`` → ``1.048.576``."""
    return f"{number:,}".replace(",", ".")


def refused(name: str, key: str, **params: Any) -> MonitorError:
    """The error for a file over a limit: its name, what, and that nothing was stored."""
    return MonitorError(t("parse.refused", name=name, message=t(key, **params)))


def check_width(found: int, row: int, name: str) -> None:
    """Refuse a row (the header or any other) with more than :data:`MAX_COLUMNS` columns."""
    if found > MAX_COLUMNS:
        raise refused(
            name,
            "parse.too_many_columns",
            row=row,
            found=dutch_count(found),
            limit=dutch_count(MAX_COLUMNS),
        )


def line_width(text: str, line: int, sep: str) -> int:
    """The number of fields of line ``line`` (0-based) of ``text``, counted without
    splitting the rest of the text."""
    start = 0
    for _ in range(line):
        start = text.find("\n", start) + 1
        if start == 0:
            return 0
    end = text.find("\n", start)
    return text.count(sep, start, end if end >= 0 else len(text)) + 1


def check_nul(text: str, sep: str, header: list[str], name: str) -> None:
    """Refuse a NUL character anywhere in a text file, naming its row and column."""
    at = text.find("\x00")
    if at < 0:
        return
    row = text.count("\n", 0, at) + 1
    start = text.rfind("\n", 0, at) + 1
    number = text.count(sep, start, at)
    column = header[number] if number < len(header) and header[number] else str(number + 1)
    end = text.find("\n", at)
    value = text[start : end if end >= 0 else len(text)].split(sep)[number]
    raise refused(name, "parse.nul", row=row, column=column, value=_shown(value))


def check_nul_cells(frame: Any, name: str) -> None:
    """Refuse a NUL character in any cell of a table already read (Excel)."""
    for column in frame.columns[1:]:
        cells = frame[column].astype(str)
        found = cells.str.contains("\x00", regex=False)
        if found.any():
            first = found.idxmax()
            raise refused(
                name,
                "parse.nul",
                row=int(frame.at[first, "row"]),
                column=column,
                value=_shown(cells[first]),
            )


def _shown(value: str) -> str:
    text = value.replace("\x00", "\\0")
    return text if len(text) <= 40 else text[:39] + "…"


# -- code pattern ------------------------------------------------------------------------


def compile_pattern(pattern: str) -> Any:
    """``--code-pattern`` compiled by RE2 (linear time); an invalid, unsupported or too
    long pattern is refused in Dutch."""
    if not isinstance(pattern, str) or len(pattern) > MAX_PATTERN:
        raise MonitorError(
            t(
                "parse.pattern_too_long",
                option=hint("opt_code_pattern"),
                limit=dutch_count(MAX_PATTERN),
            )
        )
    options = re2.Options()
    options.max_mem = 8 << 20
    options.log_errors = False
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        error = exc.args[0] if exc.args else ""
        error = error.decode(errors="replace") if isinstance(error, bytes) else str(error)
        raise MonitorError(
            t("parse.bad_pattern", option=hint("opt_code_pattern"), pattern=pattern, error=error)
        ) from exc


# -- database column widths --------------------------------------------------------------


def stored_length(column: sa.Column) -> int | None:
    """How many characters the store keeps in ``column`` (None: no limit), as the schema
    in ``monitor.store.schema`` declares it: one source for validation and the database."""
    return getattr(column.type, "length", None)


def check_stored_text(frame: Any, stored: dict[str, sa.Column], col: Any) -> Any:
    """Rows whose text in a file column (``stored``: file column → database column) is
    longer than the database column holds: an error per row in ``col`` (a
    ``monitor.ingest.validate.Collector``), refused and never cut. Returns the mask."""
    too_long = pd.Series(False, index=frame.index)
    for column, target in stored.items():
        limit = stored_length(target)
        if limit is None or column not in frame:
            continue
        text = frame[column].astype(str).str.strip()
        long = text.str.len() > limit
        if long.any():
            col.add(
                ERROR,
                frame[long],
                column,
                text[long],
                "ingest.too_long",
                Suggestion("ingest.hint_shorten"),
                limit=limit,
            )
            too_long |= long
    return too_long
