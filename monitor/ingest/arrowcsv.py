"""pyarrow's CSV reader for the common case: a regular delimited file without quotes."""

from __future__ import annotations

import io

import pyarrow as pa
import pyarrow.compute as pc
from pyarrow import csv as pa_csv


def read_regular(body: bytes, sep: str, width: int) -> list[pa.ChunkedArray] | None:
    """The cells under a header of ``width`` columns, as text columns with surrounding
    whitespace removed; one row per line (an empty line is a row of empty cells), so
    line numbers stay exact. None when the body is empty or a row has another width:
    the careful readers then name the row."""
    names = [f"c{i}" for i in range(width)]
    try:
        table = pa_csv.read_csv(
            io.BytesIO(body),
            pa_csv.ReadOptions(column_names=names),
            pa_csv.ParseOptions(
                delimiter=sep,
                quote_char=False,
                double_quote=False,
                escape_char=False,
                newlines_in_values=False,
                ignore_empty_lines=False,
            ),
            pa_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                null_values=[],
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    return [pc.utf8_trim_whitespace(table.column(n)) for n in names]
