"""Reading delimited text files the way Dutch offices write them.

Files arrive as UTF-8 (with or without BOM) or Windows-1252, separated by ``;``, ``,``
or tabs. Encoding detection is charset-normalizer's job; the delimiter is chosen by
counting candidates on the header line, which is more robust than ``csv.Sniffer`` on
files whose text cells contain commas.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from charset_normalizer import from_bytes

from monitor.errors import MonitorError

DELIMITERS = (";", ",", "\t", "|")


def decode(raw: bytes, name: str = "bestand") -> str:
    """Bytes to text: UTF-8 (BOM stripped) first, else the best detected encoding."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(raw[:200_000]).best()
    encoding = best.encoding if best is not None else "cp1252"
    if encoding in ("ascii", "latin_1", "iso8859_1"):
        encoding = "cp1252"  # Windows-1252 is the superset Dutch office software writes
    try:
        return raw.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise MonitorError(
            f"{name}: de tekencodering is niet te herkennen; sla het bestand op als UTF-8. "
            "Er is niets opgeslagen."
        ) from exc


def sniff_delimiter(text: str) -> str:
    """The delimiter that occurs most on the first non-empty line."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def read_table(path: Path, dtype: type | None = str) -> pd.DataFrame:
    """Read a delimited file into a frame of strings (no value conversion here)."""
    path = Path(path)
    if not path.exists():
        raise MonitorError(f"Bestand '{path}' bestaat niet.")
    text = decode(path.read_bytes(), path.name)
    if not text.strip():
        raise MonitorError(f"{path.name}: het bestand is leeg.")
    sep = sniff_delimiter(text)
    try:
        frame = pd.read_csv(
            io.StringIO(text), sep=sep, dtype=dtype, keep_default_na=False, na_values=[]
        )
    except pd.errors.ParserError as exc:
        raise MonitorError(f"{path.name}: kan het bestand niet lezen als tabel ({exc}).") from exc
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame
