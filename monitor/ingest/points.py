"""Read and check a points file (meldingen or voorzieningen): CSV/TXT with lat/lon or RD
x/y, GeoJSON or GeoPackage, into one frame of WGS84 points with their fields.

A plain ``datum;categorie;lat;lon`` file is enough for meldingen. Every problem names
the row and column as the analyst sees them (``monitor.problems``); nothing is stored
here.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from monitor.errors import MonitorError
from monitor.ingest.columns import canonical, normalise
from monitor.ingest.parse import MAX_BYTES, MAX_ROWS, fail
from monitor.ingest.text import head_text, read_table
from monitor.messages import t
from monitor.problems import ERROR, Problem

#: Canonical field → accepted headers (compared as :func:`normalise` does).
FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "meldingnummer", "meldingsnummer", "nummer", "kenmerk", "objectid"),
    "datum": ("datum", "date", "datummelding", "aanmaakdatum", "meldingsdatum", "gemeld"),
    "categorie": ("categorie", "category", "hoofdcategorie", "soortmelding", "type"),
    "subcategorie": ("subcategorie", "subcategory", "ondercategorie"),
    "status": ("status", "afhandelstatus"),
    "afhandeltermijn": ("afhandeltermijn", "doorlooptijd", "afhandeldagen", "dagen"),
    "naam": ("naam", "name", "omschrijving"),
    "adres": ("adres", "address", "straat"),
    "lat": ("lat", "latitude", "breedtegraad", "wgs84lat"),
    "lon": ("lon", "lng", "long", "longitude", "lengtegraad", "wgs84lon"),
    "x": ("x", "rdx", "xrd", "xcoordinaat"),
    "y": ("y", "rdy", "yrd", "ycoordinaat"),
}
_LOOKUP = {normalise(a): canon for canon, names in FIELDS.items() for a in names}
SOORTEN = ("meldingen", "voorzieningen")
GEO_SUFFIXES = (".geojson", ".json", ".gpkg", ".shp")
#: Where the Netherlands lies, generously (WGS84 and RD New): coordinates outside are
#: errors (swapped or in another system), not points far away.
WGS84_BOX = (2.0, 50.0, 8.0, 54.5)
RD_BOX = (0.0, 280_000.0, 300_000.0, 630_000.0)
#: Points quoted in an error list before "and N more".
SHOWN = 20


def sniff_points(raw: bytes, name: str) -> str | None:
    """``meldingen`` (with a date column) or ``voorzieningen`` when a CSV/TXT file's
    header has coordinates (lat and lon, or x and y) and no column of area codes: the
    upload page's "herken aan de kopregel". None otherwise (other files, other formats:
    read as meetingen or a budget as before). Reads only the first line."""
    if Path(str(name)).suffix.lower() not in (".csv", ".txt", ".tsv", ""):
        return None
    text = head_text(raw, 8192)
    if text is None:
        return None
    first = next((line for line in text.splitlines() if line.strip()), "")
    headers = [c.strip('" ') for c in re.split(r"[;,\t|]", first)]
    if any(canonical(h) == "gebiedcode" for h in headers):
        return None
    found = {_LOOKUP.get(normalise(h)) for h in headers}
    if not ({"lat", "lon"} <= found or {"x", "y"} <= found):
        return None
    return "meldingen" if "datum" in found else "voorzieningen"


@dataclass
class PointsFile:
    """The checked points: ``frame`` (row, point_key, datum, category, subcategory,
    status, handling_days, name, address, lon, lat) and every problem found."""

    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]


def _read(path: Path) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """The attribute cells as text and, for a geodata file, its WGS84 lon/lat."""
    if not path.exists():
        raise MonitorError(t("file.missing", path=path))
    if path.stat().st_size > MAX_BYTES:
        raise fail(path.name, "parse.too_big", size=f"{MAX_BYTES // (1024 * 1024)} MB")
    if path.suffix.lower() in GEO_SUFFIXES:
        import geopandas as gpd

        try:
            frame = gpd.read_file(path)
        except Exception as exc:  # pyogrio's errors vary by driver
            raise fail(path.name, "points.not_geodata", error=str(exc)[:200]) from exc
        if frame.crs is None:
            frame = frame.set_crs(4326)
        frame = frame.to_crs(4326)
        if not (frame.geometry.geom_type == "Point").all():
            frame.geometry = frame.geometry.representative_point()
        coords = pd.DataFrame({"lon": frame.geometry.x, "lat": frame.geometry.y})
        cells = pd.DataFrame(frame.drop(columns=frame.geometry.name)).astype(str)
        cells = cells.replace({"None": "", "nan": "", "NaT": ""})
        return cells, coords
    return _read_text(path), None


def _read_text(path: Path) -> pd.DataFrame:
    """A delimited file as text cells: pyarrow's reader for a regular file (no quotes,
    no empty lines, every row as wide as the header), else :func:`read_table`, which
    reads the rest exactly as before."""
    from monitor.ingest.arrowcsv import read_regular
    from monitor.ingest.text import decode, sniff_delimiter

    text = decode(path.read_bytes(), path.name)
    end = text.find("\n")
    if '"' in text or end < 0 or "\n\n" in text or "\n\r\n" in text:
        return read_table(path)
    sep = sniff_delimiter(text)
    header = [h.strip() for h in text[:end].split(sep)]
    columns = read_regular(text[end + 1 :].encode("utf-8"), sep, len(header))
    if columns is None or len(set(header)) != len(header) or "" in header:
        return read_table(path)
    return pd.DataFrame(
        {h: pd.Series(c, dtype="str") for h, c in zip(header, columns, strict=True)}
    )


def _number(text: pd.Series) -> pd.Series:
    """Numbers as Dutch and English files write them (decimal comma or point)."""
    cleaned = text.str.strip().str.replace(",", ".", regex=False)
    return pd.to_numeric(cleaned, errors="coerce")


def _bad(
    problems: list[Problem], mask: pd.Series, rows: pd.Series, column: str, cells, key: str
) -> None:
    for index in np.flatnonzero(mask.to_numpy())[:SHOWN]:
        problems.append(
            Problem(key, row=int(rows.iloc[index]), column=column, value=cells.iloc[index])
        )
    extra = int(mask.sum()) - SHOWN
    if extra > 0:
        problems.append(Problem("points.more_rows", {"n": extra, "column": column}))


def read_points(path: Path, soort: str) -> PointsFile:
    """The file's points in WGS84 with their fields, and every problem (nothing stored)."""
    if soort not in SOORTEN:
        raise MonitorError(t("points.unknown_soort", soort=soort, choices=", ".join(SOORTEN)))
    path = Path(path)
    cells, coords = _read(path)
    if len(cells) > MAX_ROWS:
        raise fail(path.name, "parse.too_many_rows", rows=f"{MAX_ROWS:,}".replace(",", "."))
    columns: dict[str, str] = {}
    for header in cells.columns:
        canon = _LOOKUP.get(normalise(header))
        if canon is not None and canon not in columns:
            columns[canon] = header
    rows = pd.Series(np.arange(len(cells)) + 2, index=cells.index)  # the header is row 1
    problems: list[Problem] = []
    found = ", ".join(str(c) for c in cells.columns)
    if "categorie" not in columns:
        problems.append(Problem("points.no_category", {"found": found}))
    if coords is None:
        if {"lat", "lon"} <= columns.keys():
            lon, lat = _coordinates(cells, columns, rows, problems, "lon", "lat", WGS84_BOX)
        elif {"x", "y"} <= columns.keys():
            x, y = _coordinates(cells, columns, rows, problems, "x", "y", RD_BOX)
            from pyproj import Transformer

            to_wgs = Transformer.from_crs(28992, 4326, always_xy=True)
            lon, lat = to_wgs.transform(x.to_numpy(), y.to_numpy())
            lon, lat = pd.Series(lon, index=cells.index), pd.Series(lat, index=cells.index)
        else:
            problems.append(Problem("points.no_coordinates", {"found": found}))
            return PointsFile(pd.DataFrame(), problems, columns)
    else:
        lon, lat = coords["lon"], coords["lat"]
    if soort == "meldingen" and "datum" not in columns:
        problems.append(Problem("points.no_date", {"found": found}))
    if any(p.severity == ERROR and p.row is None for p in problems):
        return PointsFile(pd.DataFrame(), problems, columns)

    def text(canon: str) -> pd.Series:
        if canon not in columns:
            return pd.Series("", index=cells.index)
        return cells[columns[canon]].fillna("").astype(str).str.strip()

    category = text("categorie")
    _bad(problems, category == "", rows, columns["categorie"], category, "points.empty_category")
    datum = pd.Series(pd.NaT, index=cells.index)
    if "datum" in columns:
        raw = text("datum")
        datum = _dates(raw)
        bad = datum.isna() & ((raw != "") | (soort == "meldingen"))
        _bad(problems, bad, rows, columns["datum"], raw, "points.bad_date")
    handling = pd.Series(np.nan, index=cells.index)
    if "afhandeltermijn" in columns:
        raw = text("afhandeltermijn")
        handling = _number(raw)
        bad = (raw != "") & (handling.isna() | (handling < 0))
        _bad(problems, bad, rows, columns["afhandeltermijn"], raw, "points.bad_days")
    if any(p.severity == ERROR for p in problems):
        return PointsFile(pd.DataFrame(), problems, columns)
    frame = pd.DataFrame(
        {
            "row": rows,
            "datum": datum.dt.date.where(datum.notna(), None),
            "category": category.str.slice(0, 120),
            "subcategory": text("subcategorie").str.slice(0, 120).replace("", None),
            "status": text("status").str.slice(0, 60).replace("", None),
            "handling_days": handling,
            "name": text("naam").str.slice(0, 200).replace("", None),
            "address": text("adres").str.slice(0, 300).replace("", None),
            "lon": lon.astype(float),
            "lat": lat.astype(float),
        }
    )
    frame["point_key"] = _keys(text("id"), frame, soort)
    return PointsFile(frame.reset_index(drop=True), problems, columns)


def _coordinates(cells, columns, rows, problems, first: str, second: str, box):
    """Two coordinate columns as numbers; not numbers, or outside the Netherlands: errors."""
    a_raw = cells[columns[first]].fillna("").astype(str)
    b_raw = cells[columns[second]].fillna("").astype(str)
    a, b = _number(a_raw), _number(b_raw)
    _bad(problems, a.isna(), rows, columns[first], a_raw, "points.bad_number")
    _bad(problems, b.isna(), rows, columns[second], b_raw, "points.bad_number")
    outside = a.notna() & b.notna() & ~(a.between(box[0], box[2]) & b.between(box[1], box[3]))
    key = "points.outside_nl_swapped" if _swapped(a, b, box) else "points.outside_nl"
    combined = a_raw + " " + b_raw
    _bad(problems, outside, rows, f"{columns[first]}/{columns[second]}", combined, key)
    return a, b


def _swapped(a: pd.Series, b: pd.Series, box) -> bool:
    """Whether swapping the two columns would put most points inside the box."""
    inside = b.between(box[0], box[2]) & a.between(box[1], box[3])
    return bool(len(a)) and inside.mean() > 0.5


def _dates(raw: pd.Series) -> pd.Series:
    """ISO dates (with or without a time), else day-first (31-12-2025, 31/12/2025).
    Each distinct text is parsed once (a million meldingen hold a few hundred dates)."""
    codes, distinct = pd.factorize(raw, use_na_sentinel=False)
    texts = pd.Series(distinct, dtype=object)
    iso = pd.to_datetime(texts, errors="coerce", format="ISO8601")
    dayfirst = pd.to_datetime(texts, errors="coerce", dayfirst=True, format="mixed")
    parsed = iso.fillna(dayfirst)
    return pd.Series(parsed.to_numpy()[codes], index=raw.index)


def _keys(ids: pd.Series, frame: pd.DataFrame, soort: str) -> np.ndarray:
    """The point's key: its id from the file, else a hash of what it says (the same
    melding in a later extract gets the same key; identical rows are numbered).

    The hash is ``sha256("soort|datum|category|lon|lat|subcategory|name|n")`` (each value
    as ``str`` writes it, empty when missing; ``n`` counts the earlier identical rows),
    its first 40 hex digits: stored keys of earlier imports must keep matching, so the
    text hashed never changes. It is built column by column (each distinct value
    written once, the texts joined by pyarrow) and identical rows are found on the
    values' codes (on the joined texts when a value holds a ``|``, as before); only the
    hashing itself is one call per row."""
    if (ids != "").all() and ids.is_unique:
        return ("id:" + ids.str.slice(0, 76)).to_numpy()
    import pyarrow as pa
    import pyarrow.compute as pc

    texts: list[pa.Array] = []
    same = np.zeros(len(frame), dtype="int64")  # equal for rows that say the same
    bound, piped = 1, False
    for column in ("datum", "category", "lon", "lat", "subcategory", "name"):
        values = frame[column].round(6) if column in ("lon", "lat") else frame[column]
        codes, distinct = pd.factorize(values, use_na_sentinel=True)
        written = [str(v) for v in list(distinct)] + [""]  # "" for a missing value
        piped = piped or any("|" in text for text in written)
        codes = np.where(codes < 0, len(written) - 1, codes)
        # Codes of the texts (two values could be written alike), then of the row so far.
        by_text = pd.factorize(np.array(written, dtype=object))[0][codes]
        width = int(by_text.max()) + 1 if len(by_text) else 1
        if bound * width >= 2**62:
            same, uniques = pd.factorize(same)
            bound = len(uniques)
        same, bound = same * width + by_text, bound * width
        texts.append(pa.array(written, type=pa.string()).take(codes))
    content = pc.binary_join_element_wise(*texts, "|")
    if piped:  # a value with a "|" can make two rows read alike: their texts decide
        same = content.dictionary_encode().indices.to_numpy()
    occurrence = pd.Series(same).groupby(same, sort=False).cumcount().to_numpy()
    hashed = pc.binary_join_element_wise(
        pa.scalar(soort), content, pa.array(occurrence).cast(pa.string()), "|"
    ).cast(pa.binary())
    del content, texts
    sha256 = hashlib.sha256
    keys = np.empty(len(hashed), dtype=object)
    for start in range(0, len(hashed), 100_000):  # a block of texts as bytes at a time
        block = hashed.slice(start, 100_000).to_pylist()
        keys[start : start + len(block)] = [sha256(text).hexdigest()[:40] for text in block]
    return keys


def problem_summary(problems: list[Problem]) -> list[Problem]:
    """The problems as a report lists them: errors first, then in row order."""
    return sorted(problems, key=lambda p: (p.severity != ERROR, p.row or 0))
