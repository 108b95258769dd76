"""Amsterdam's BBGA through the city's API (``api.data.amsterdam.nl/v1/bbga``).

The API is a DSO REST API (Amsterdam's dso-api): ``/kerncijfers/`` holds one record per
variable, year and area (``indicatorDefinitieId``, ``jaar``, ``gebiedcode15``,
``waarde``), ``/indicatoren_definities/`` the metadata (``variabele``, ``label``,
``kleurenpalet``, ``sdMinimumBevTotaal`` …, the camelCase names of the columns of the
metadata CSV). Answers are HAL JSON: the records under ``_embedded``, the next page in
``_links.next.href`` (``null`` on the last), the page size asked with ``_pageSize``.

The values and the metadata go through the importer of the published files
(:func:`monitor.ingest.bbga.import_bbga`): the same code rules, forecast skipping, the
90-cap, and the polarity curation (``indicators/bbga-polariteit.toml``) on top of the
metadata. Every page is cached with its URL and date (:mod:`monitor.connectors.download`).
"""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path
from typing import Any

from monitor.connectors import paging
from monitor.connectors.download import Download
from monitor.errors import MonitorError
from monitor.ingest.bbga import BbgaResult, import_bbga
from monitor.messages import t
from monitor.store import Store

BASE_URL = "https://api.data.amsterdam.nl/v1/bbga"
PAGE_SIZE = 5000
#: API field → column of the metadata CSV (:func:`monitor.catalog_bbga.from_bbga_row`).
METADATA_COLUMNS = {
    "variabele": "Variabele",
    "label": "Label",
    "labelKort": "Labelkort",
    "definitie": "Definitie",
    "bron": "Bron",
    "thema": "THEMA",
    "begrotingsProgramma": "Begrotingsprogramma",
    "rekeneenheid": "Rekeneenheid",
    "symbool": "Symbool",
    "format": "format",
    "kleurenpalet": "Kleurenpalet",
    "legendaCode": "LegendaCode",
    "sdMinimumBevTotaal": "SD minimum Bevtotaal",
    "sdMinimumWvoorBag": "SD minimum WvoorrBAG",
    "label1": "Label_1",
    "definition": "Definition",
}
#: Names the relation to the definition may have in a kerncijfers record.
VARIABLE_FIELDS = ("indicatorDefinitieId", "indicatorDefinitie", "variabele")


def fetch_all(
    url: str, params: dict[str, Any], *, data_dir: Path | None = None, refresh: bool = False
) -> tuple[list[dict[str, Any]], str]:
    """Every record of a paged DSO answer, and the first page's URL and date (next pages
    by ``_links.next.href``, through :mod:`monitor.connectors.paging`)."""
    records: list[dict[str, Any]] = []
    first = ""

    def following(page: Download) -> paging.Next:
        return ((page.data.get("_links") or {}).get("next") or {}).get("href")

    for page in paging.pages(url, params, following, data_dir=data_dir, refresh=refresh):
        first = first or f"{page.url} ({page.date})"
        data = page.data
        if not isinstance(data, dict) or not isinstance(data.get("_embedded"), dict):
            raise MonitorError(t("opendata.bbga_not_hal", url=page.url))
        for value in data["_embedded"].values():
            if isinstance(value, list):
                records += [r for r in value if isinstance(r, dict)]
    return records, first


def _variable(record: dict[str, Any]) -> str:
    for name in VARIABLE_FIELDS:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _cell(value: Any) -> str:
    return "" if value is None else str(value).strip()


def write_values(records: list[dict[str, Any]], path: Path) -> int:
    """The kerncijfers as the BBGA long file (``jaar;gebiedcode15;variabele;waarde``)."""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=";", lineterminator="\n")
        writer.writerow(["jaar", "gebiedcode15", "variabele", "waarde"])
        for r in records:
            writer.writerow(
                [
                    _cell(r.get("jaar")),
                    _cell(r.get("gebiedcode15")),
                    _variable(r),
                    _cell(r.get("waarde")),
                ]
            )
    return len(records)


def write_metadata(records: list[dict[str, Any]], path: Path) -> int:
    """The definitions as the BBGA metadata CSV, with its column names."""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=";", lineterminator="\n")
        writer.writerow(METADATA_COLUMNS.values())
        for r in records:
            writer.writerow([_cell(r.get(k)) for k in METADATA_COLUMNS])
    return len(records)


def import_bbga_api(
    store: Store,
    indicators: list[str] | None = None,
    *,
    url: str | None = None,
    metadata: bool = True,
    division: str | None = None,
    page_size: int = PAGE_SIZE,
    data_dir: Path | None = None,
    refresh: bool = False,
) -> BbgaResult:
    """Fetch the kerncijfers of ``indicators`` (all when empty) and, with ``metadata``,
    their definitions, and import them as one BBGA upload."""
    base = (url or BASE_URL).rstrip("/")
    options = dict(data_dir=data_dir, refresh=refresh)
    records: list[dict[str, Any]] = []
    sources = []
    for ind in indicators or [None]:
        params: dict[str, Any] = {"_pageSize": page_size}
        if ind:
            params["indicatorDefinitieId"] = ind
        found, source = fetch_all(f"{base}/kerncijfers/", params, **options)
        records += found
        sources.append(source)
    if not records:
        raise MonitorError(t("opendata.bbga_empty", names=", ".join(indicators or []) or "-"))
    definitions: list[dict[str, Any]] = []
    if metadata:
        definitions, _ = fetch_all(
            f"{base}/indicatoren_definities/", {"_pageSize": page_size}, **options
        )
        if indicators:
            wanted = set(indicators)
            definitions = [d for d in definitions if _cell(d.get("variabele")) in wanted]
    with tempfile.TemporaryDirectory() as folder:
        values_path = Path(folder) / "bbga-api-kerncijfers.csv"
        write_values(records, values_path)
        meta_path = None
        if definitions:
            meta_path = Path(folder) / "bbga-api-indicatoren_definities.csv"
            write_metadata(definitions, meta_path)
        source = f"BBGA (OIS Amsterdam), API {sources[0]}"
        return import_bbga(store, values_path, meta_path, division=division, source=source)
