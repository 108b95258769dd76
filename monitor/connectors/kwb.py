"""CBS *Kerncijfers wijken en buurten* (KWB): one StatLine table per year, into meetingen.

Sources: the CBS OData API (``https://opendata.cbs.nl/ODataApi/odata/<tabel>/TypedDataSet``,
JSON with ``value``, paged with ``odata.nextLink`` (v3) or ``@odata.nextLink`` (v4)),
asked per gemeente with ``$filter``; or a downloaded copy (``--bestand``): the CSV CBS
publishes (``;``-separated, quoted, padded) or a saved JSON answer.

What the real tables do, and what is done about it:

- field names carry a number that changes every year (``AantalInwoners_5``): they are
  matched by their stable name, the part before the last ``_<digits>``;
- strings are right-padded (``"BU03630000"``, ``"Buurt     "``): stripped;
- ``SoortRegio`` says Land, Gemeente, Wijk or Buurt; codes are ``GM``/``WK``/``BU``; the
  row for *Nederland* (``NL00``) is no area: its values are kept as the national values
  (``monitor.store.national``), the reference of the national view
  (:mod:`monitor.scoring.national`);
- missing values are null or ``.``; secret ones ``x`` (kept as *onderdrukt*); amounts in
  "x 1 000 euro" are multiplied into euros (``factor`` in the catalogue).

The variables and their meaning are the curated catalogue ``indicators/cbs-kwb.toml``
(``[[indicator]]`` blocks as every catalogue, ``[[veld]]`` blocks mapping a KWB field by
stable name to an indicator). The values become a long meetingen file that goes through
the normal upload path (:mod:`monitor.ingest.upload`): validation, a versioned publish
and the score rebuild, with the table, URL and date as the source of every value.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from monitor import catalog
from monitor.areas import resolve_codes
from monitor.config import PROJECT_ROOT
from monitor.connectors import codes, paging
from monitor.connectors.download import Download
from monitor.errors import MonitorError
from monitor.ingest.parse import ParseOptions
from monitor.ingest.upload import check, publish
from monitor.messages import t
from monitor.store import Store
from monitor.store import national as national_store

BASE_URL = "https://opendata.cbs.nl/ODataApi/odata"
#: StatLine table of the Kerncijfers wijken en buurten per year (checked against the
#: CBS table pages: 2014 82931NED, 2018 84286NED, 2021 85039NED, 2022 85318NED,
#: 2023 85618NED, 2024 85984NED).
TABLES = {
    2014: "82931NED",
    2018: "84286NED",
    2021: "85039NED",
    2022: "85318NED",
    2023: "85618NED",
    2024: "85984NED",
}
CATALOGUE = PROJECT_ROOT / "indicators" / "cbs-kwb.toml"
MISSING = {"", ".", "-", "..", "null", "none", "nan"}
SECRET = {"x", "X"}
_SUFFIX = re.compile(r"_\d+$")
#: Rows asked per request (CBS's v3 API refuses a query of more than 10,000 rows).
PAGE_ROWS = 10_000


def stable_name(name: str) -> str:
    """A KWB field name without its yearly number (``AantalInwoners_5`` → ``AantalInwoners``)."""
    return _SUFFIX.sub("", str(name).strip())


@dataclass(frozen=True)
class Field:
    """One KWB field (by stable name) and the indicator its values go to."""

    name: str
    indicator: str
    factor: float = 1.0


@dataclass
class KwbCatalogue:
    catalog: catalog.Catalog
    fields: list[Field]


def load_catalogue(path: Path = CATALOGUE) -> KwbCatalogue:
    """The curated KWB catalogue: its indicators and the ``[[veld]]`` mapping."""
    cat = catalog.load_toml(path)
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    ids = set(cat.by_id())
    fields = []
    for entry in data.get("veld", []):
        if entry.get("indicator") not in ids:
            raise MonitorError(
                t("opendata.kwb_field_unknown", name=entry.get("naam"), id=entry.get("indicator"))
            )
        fields.append(Field(entry["naam"], entry["indicator"], float(entry.get("factor", 1))))
    return KwbCatalogue(cat, fields)


@dataclass
class KwbResult:
    """What an import did, for the CLI report."""

    upload_id: int | None
    table: str
    rows: int = 0
    values: int = 0
    missing: int = 0
    secret: int = 0
    gemeenten: list[str] = field(default_factory=list)
    skipped_land: int = 0
    #: national values kept from the *Nederland* row
    national: int = 0
    unknown_codes: list[str] = field(default_factory=list)
    fields_missing: list[str] = field(default_factory=list)
    source: str = ""


def table_for(jaar: int, table: str | None = None) -> str:
    if table:
        return table
    if jaar not in TABLES:
        known = ", ".join(f"{y} ({tb})" for y, tb in sorted(TABLES.items()))
        raise MonitorError(t("opendata.kwb_no_table", jaar=jaar, known=known))
    return TABLES[jaar]


def gemeente_filter(gemeenten: list[str]) -> str:
    """The ``$filter`` for the gemeenten, their wijken and their buurten, and the row of
    *Nederland* (``NL00``: the national reference)."""
    parts = [
        f"startswith(WijkenEnBuurten,'{prefix}{code[2:]}')"
        for code in gemeenten
        for prefix in ("GM", "WK", "BU")
    ]
    return " or ".join([*parts, "startswith(WijkenEnBuurten,'NL')"])


def fetch_records(
    base: str,
    table: str,
    gemeenten: list[str],
    *,
    data_dir: Path | None = None,
    refresh: bool = False,
) -> tuple[list[dict[str, Any]], str]:
    """All rows of the table's TypedDataSet (of ``gemeenten``), following next links.
    CBS's v3 API answers at most :data:`PAGE_ROWS` rows and refuses larger queries, so
    rows are asked ``$top`` at a time; a full page without a next link is followed by
    the next ``$skip`` (:mod:`monitor.connectors.paging`: loops and too many pages are
    refused). Returns the rows and the provenance (the table's URL and the date
    of its first page)."""
    first = f"{base.rstrip('/')}/{table}/TypedDataSet"
    query: dict[str, Any] = {"$format": "json", "$top": PAGE_ROWS}
    if gemeenten:
        query["$filter"] = gemeente_filter(gemeenten)
    records: list[dict[str, Any]] = []
    skip = 0

    def following(page: Download) -> paging.Next:
        nonlocal skip
        data = page.data
        link = data.get("@odata.nextLink") or data.get("odata.nextLink")
        if link:
            return str(link)
        if len(data["value"]) >= PAGE_ROWS:  # a full page without a link: the next $skip
            skip += PAGE_ROWS
            return first, query | {"$skip": skip}
        return None

    source = ""
    for page in paging.pages(first, query, following, data_dir=data_dir, refresh=refresh):
        # The table's address without the query (the full URL is kept with the download).
        source = source or f"{first} ({page.date})"
        data = page.data if isinstance(page.data, dict) else {}
        if not isinstance(data.get("value"), list):
            raise MonitorError(t("opendata.kwb_not_odata", url=page.url))
        records += data["value"]
    return records, source


def read_bestand(path: Path) -> list[dict[str, Any]]:
    """Rows of a downloaded KWB file: CBS's CSV (``;``, quoted) or a saved JSON answer."""
    path = Path(path)
    if not path.is_file():
        raise MonitorError(t("file.missing", path=path))
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig", errors="replace")
    if path.suffix.lower() == ".json" or text.lstrip().startswith(("{", "[")):
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise MonitorError(t("opendata.kwb_unreadable", name=path.name)) from exc
        rows = data.get("value") if isinstance(data, dict) else data
        if not isinstance(rows, list):
            raise MonitorError(t("opendata.kwb_unreadable", name=path.name))
        return rows
    first = text.splitlines()[0] if text else ""
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def _cell(value: Any, factor: float) -> str:
    """A KWB value as the meetingen file writes it: a number, empty, or ``x`` (secret)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return ""
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value).strip()
        if text in SECRET:
            return "x"
        if text.lower() in MISSING:
            return ""
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        try:
            number = float(text.replace(" ", ""))
        except ValueError as exc:
            raise MonitorError(t("opendata.kwb_not_a_number", value=text[:40])) from exc
    number *= factor
    return repr(int(number)) if number.is_integer() else repr(round(number, 6))


def normalise(records: list[dict[str, Any]], gemeenten: list[str]) -> tuple[pd.DataFrame, int]:
    """KWB rows with stable field names, clean codes and the row kind; the country row
    left out. Returns the rows (column ``code``) and how many country rows were skipped."""
    frame, land = _stable(records)
    if frame.empty:
        return frame, 0
    frame = frame[~land & frame["code"].map(codes.is_code)]
    if gemeenten:
        frame = frame[frame["code"].map(codes.gemeente_of).isin(gemeenten)]
    return frame.reset_index(drop=True), int(land.sum())


def national_rows(
    records: list[dict[str, Any]], fields: list[Field], jaar: int, source: str
) -> list[dict[str, Any]]:
    """The values of the *Nederland* row (``SoortRegio`` Land, ``NL00``) of the mapped
    fields, as national values (``monitor.store.national``): a number, or none with flag
    ``onderdrukt`` (``x``); missing cells are left out."""
    frame, land = _stable(records)
    if frame.empty or not land.any():
        return []
    country = frame[land].iloc[0]
    rows = []
    for f in fields:
        if f.name not in frame.columns:
            continue
        cell = _cell(country[f.name], f.factor)
        if cell == "":
            continue
        value, flag = (None, "onderdrukt") if cell == "x" else (float(cell), None)
        rows.append(
            {"indicator_id": f.indicator, "period": jaar, "value": value, "flag": flag}
            | {"source": source}
        )
    return rows


def _stable(records: list[dict[str, Any]]) -> tuple[pd.DataFrame, pd.Series]:
    """All rows with stable field names and clean codes, and which are the country's."""
    if not records:
        return pd.DataFrame(columns=["code"]), pd.Series(dtype=bool)
    frame = pd.DataFrame.from_records(records)
    renamed: dict[str, str] = {}
    for column in frame.columns:
        name = stable_name(column)
        if name in renamed.values():
            raise MonitorError(t("opendata.kwb_twice", name=name))
        renamed[column] = name
    frame = frame.rename(columns=renamed)
    code_col = "Codering" if "Codering" in frame.columns else "WijkenEnBuurten"
    if code_col not in frame.columns:
        raise MonitorError(t("opendata.kwb_no_codes", found=", ".join(map(str, frame.columns))))
    frame["code"] = [codes.clean_code(c) for c in frame[code_col]]
    kind = (
        frame["SoortRegio"].astype(str).str.strip()
        if "SoortRegio" in frame.columns
        else pd.Series("", index=frame.index)
    )
    land = kind.str.casefold().eq("land") | frame["code"].str.startswith("NL")
    return frame, land


def long_rows(frame: pd.DataFrame, fields: list[Field], jaar: int, source: str) -> list[list[str]]:
    """One meetingen row per area and mapped field: gebiedcode, indicator, periode,
    waarde, bron."""
    rows = []
    for f in fields:
        if f.name not in frame.columns:
            continue
        for code, value in zip(frame["code"], frame[f.name], strict=True):
            rows.append([code, f.indicator, str(jaar), _cell(value, f.factor), source])
    return rows


def long_csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(["gebiedcode", "indicator", "periode", "waarde", "bron"])
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def install_catalogue(store: Store, kwb: KwbCatalogue) -> None:
    """The KWB indicators in the store (a user's own polarity survives); the population
    indicator only where the store has none yet."""
    population = kwb.catalog.population_indicator
    unset = store.get_setting("population_indicator") is None
    with store.begin() as conn:
        store.upsert_indicators((i.row() for i in kwb.catalog.indicators), conn)
        if population and unset:
            store.set_setting("population_indicator", population, conn)


def _division_id(store: Store, division: str | None, jaar: int) -> int:
    from monitor.connectors.pdok import division_name

    if division is not None:
        return store.division_id(division)
    try:
        return store.division_id(division_name(jaar))
    except LookupError:
        return store.division_id()


def import_kwb(
    store: Store,
    jaar: int,
    gemeenten: list[str] | None = None,
    *,
    url: str | None = None,
    bestand: Path | None = None,
    table: str | None = None,
    division: str | None = None,
    uploader: str = "cbs-kwb",
    confirm_changes: bool = False,
    data_dir: Path | None = None,
    refresh: bool = False,
) -> KwbResult:
    """Import the KWB of ``jaar`` for ``gemeenten`` (all in the source when empty) into
    ``division`` (default: ``wijken-en-buurten-<jaar>`` when it exists, else the active
    one), which becomes the active division. Codes without an area are skipped and
    listed in the result; changed published values need ``confirm_changes``."""
    wanted = codes.gemeente_codes(gemeenten)
    table = table_for(jaar, table)
    kwb = load_catalogue()
    if bestand is not None:
        records = read_bestand(bestand)
        name = Path(bestand).name
        source = f"CBS Kerncijfers wijken en buurten {jaar} ({table}), bestand {name}"
    else:
        records, fetched = fetch_records(
            url or BASE_URL, table, wanted, data_dir=data_dir, refresh=refresh
        )
        name = f"{table}.csv"
        source = f"CBS Kerncijfers wijken en buurten {jaar} ({table}), {fetched}"
    frame, land = normalise(records, wanted)
    division_id = _division_id(store, division, jaar)
    store.set_setting("active_division", store.division(division_id)["name"])
    known = resolve_codes(store, division_id, frame["code"].unique())
    unknown = sorted(c for c in frame["code"].unique() if c not in known)
    frame = frame[frame["code"].isin(known)]
    if frame.empty:
        raise MonitorError(
            t("opendata.kwb_no_areas", gemeenten=", ".join(wanted) or "-", jaar=jaar)
        )
    result = KwbResult(
        upload_id=None,
        table=table,
        gemeenten=sorted(set(frame["code"].map(codes.gemeente_of))),
        skipped_land=land,
        unknown_codes=unknown,
        fields_missing=[f.name for f in kwb.fields if f.name not in frame.columns],
        source=source,
    )
    if len(result.fields_missing) == len(kwb.fields):
        raise MonitorError(t("opendata.kwb_no_fields", names=", ".join(result.fields_missing)))
    install_catalogue(store, kwb)
    rows = long_rows(frame, kwb.fields, jaar, source)
    national = national_rows(records, kwb.fields, jaar, source)
    checked = check(
        store, long_csv(rows), f"kwb-{jaar}-{name}", ParseOptions(format="long"), division_id
    )
    if not checked.report.ok:
        lines = "; ".join(checked.report.lines()[:5])
        raise MonitorError(
            t("opendata.kwb_refused", errors=len(checked.report.errors), lines=lines)
        )
    if national:  # before the publish, whose new score generation also covers them
        with store.begin() as conn:
            result.national = national_store.write(conn, national)
    meta = {"bron": source, "methode": "registratie", "tabel": table, "jaar": jaar}
    result.upload_id = publish(
        store,
        checked,
        uploader=uploader,
        confirm_changes=confirm_changes,
        meta=meta,
        data_dir=data_dir,
    )
    values = [r[3] for r in rows]
    result.rows = len(rows)
    result.values = sum(1 for v in values if v not in ("", "x"))
    result.missing = values.count("")
    result.secret = values.count("x")
    return result
