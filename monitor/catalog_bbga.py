"""The BBGA metadata published by OIS Amsterdam as catalogue definitions: units,
polarity (``Kleurenpalet``), domains, minimum residents, dwellings and respondents, as the
city's own dashboard reads them; and a minimal definition for a variable without any."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from monitor.catalog import FORECAST_PATTERN, Catalog, Indicator, _is_missing
from monitor.errors import MonitorError
from monitor.messages import t

KLEURENPALET = {1: "hoger-beter", 2: "lager-beter", 3: "neutraal", 9: "geen"}
REKENEENHEID = {
    1: "%",
    2: "aantal",
    3: "rapportcijfer",
    4: "index",
    7: "schaal 1-5",
    8: "coëfficiënt",
}
SYMBOOL_UNITS = {"euro": "€", "%": "%"}
BEGROTINGSPROGRAMMA = {
    "Werk, inkomen en participatie": "werk_inkomen",
    "Onderwijs, jeugd en diversiteit": "jeugd_onderwijs",
    "Openbare orde en veiligheid": "veiligheid",
    "Stedelijke ontwikkeling en wonen": "wonen",
    "Verkeer en openbare ruimte": "leefbaarheid",
    "Welzijn, zorg en sport": "welzijn_zorg",
    "Bevolking": "bevolking",
    "Economie en cultuur": "economie",
    "Duurzaamheid en water": "duurzaamheid",
}
_RESPONDENTS = re.compile(r"(?:minstens|minimaal|ten minste)\s+(\d+)\s+respondenten", re.I)
_FORMAT_DECIMALS = re.compile(r"F\d*\.(\d*)")
BBGA_POPULATION = "BEVTOTAAL"
BBGA_DWELLINGS = "WVOORRBAG"


def _num(value: Any) -> float | None:
    if _is_missing(value):
        return None
    try:
        return float(str(value).replace(",", "."))
    except ValueError:
        return None


def _bbga_unit(row: dict[str, Any]) -> str:
    code = _num(row.get("Rekeneenheid"))
    symbol = None if _is_missing(row.get("Symbool")) else str(row["Symbool"]).strip()
    if code is not None and int(code) in REKENEENHEID:
        return REKENEENHEID[int(code)]
    if symbol:
        return SYMBOOL_UNITS.get(symbol, symbol)
    return "gemiddelde"


def _bbga_domain(row: dict[str, Any]) -> str:
    programme = str(row.get("Begrotingsprogramma") or "").strip()
    theme = str(row.get("THEMA") or "").strip()
    # BBGA's "L*" variables (LBUURT_R, ...) are liveability ratings filed under housing.
    if str(row.get("Variabele", "")).startswith("L") or theme == "Openbare ruimte":
        return "leefbaarheid"
    return BEGROTINGSPROGRAMMA.get(programme, "overig")


def from_bbga_row(row: dict[str, Any]) -> Indicator:
    """Translate one row of the BBGA metadata into an :class:`Indicator`.

    The mapping follows the city's own dashboard: ``Kleurenpalet`` gives polarity,
    ``SD minimum Bevtotaal``/``WvoorrBAG`` the minimum residents/dwellings, and the
    definition text the minimum number of respondents for survey indicators.
    """
    var = str(row["Variabele"]).strip()
    unit = _bbga_unit(row)
    palette = _num(row.get("Kleurenpalet"))
    polarity = KLEURENPALET.get(int(palette), "geen") if palette is not None else "geen"
    # The curation (monitor.polarity) may change it; this is what the metadata says.
    palette_note = f"Kleurenpalet {int(palette)}" if palette is not None else "zonder Kleurenpalet"
    min_pop = _num(row.get("SD minimum Bevtotaal")) or 0.0
    min_dw = _num(row.get("SD minimum WvoorrBAG")) or 0.0
    pop_indicator = BBGA_POPULATION if min_pop else (BBGA_DWELLINGS if min_dw else None)
    definition = None if _is_missing(row.get("Definitie")) else str(row["Definitie"]).strip()
    match = _RESPONDENTS.search(definition or "")
    fmt = _FORMAT_DECIMALS.match(str(row.get("format") or ""))
    # SPSS formats: "F5.1" has one decimal, "F8." none.
    decimals = int(fmt.group(1)) if fmt and fmt.group(1) else (0 if fmt else 1)
    survey = var.upper().endswith("_R") or match is not None
    if unit == "aantal":
        aggregation, weight = "som", None
    elif unit in ("%", "rapportcijfer", "index", "€", "gemiddelde", "schaal 1-5"):
        aggregation, weight = "gewogen-gemiddelde", BBGA_POPULATION
    else:
        aggregation, weight = "geen", None
    label_en = row.get("Label_1")
    return Indicator(
        id=var,
        label_nl=str(row.get("Label") or var).strip(),
        label_en=None if _is_missing(label_en) else str(label_en).strip(),
        definition=definition,
        domain=_bbga_domain(row),
        theme=None if _is_missing(row.get("THEMA")) else str(row["THEMA"]).strip(),
        unit=unit,
        polarity=polarity,
        decimals=decimals,
        source=None if _is_missing(row.get("Bron")) else str(row["Bron"]).strip(),
        min_population=max(min_pop, min_dw),
        min_population_indicator=pop_indicator,
        min_respondents=float(match.group(1)) if match else 0.0,
        aggregation=aggregation,
        weight_indicator=weight,
        survey=survey,
        forecast=bool(FORECAST_PATTERN.search(var)),
        catalog="bbga",
        polarity_source="metadata",
        polarity_reason=f"BBGA-metadata (OIS), {palette_note}",
        polarity_reason_en=f"BBGA metadata (OIS), {palette_note}",
        polarity_metadata=polarity,
    )


def load_bbga_metadata(path: Path) -> Catalog:
    """Read BBGA metadata (2019-01 or the newer UTF-8 file with English labels)."""
    from monitor.ingest.text import read_table

    frame = read_table(Path(path))
    if "Variabele" not in frame.columns:
        raise MonitorError(t("catalog.err.not_bbga", name=Path(path).name))
    frame = frame[frame["Variabele"].astype(str).str.strip() != ""]
    inds = [from_bbga_row(r) for r in frame.to_dict("records")]
    # The metadata lists a few variables twice (label variants); the first one wins.
    unique: dict[str, Indicator] = {}
    for ind in inds:
        unique.setdefault(ind.id, ind)
    return Catalog("bbga", list(unique.values()), BBGA_POPULATION)


def guess_indicator(var: str) -> Indicator:
    """A minimal, uncoloured definition for a variable that has no metadata.

    Used when data arrives before its definition; the unit is guessed from the BBGA
    suffix convention and polarity stays ``geen`` until an analyst sets it.
    """
    upper = var.upper()
    unit = "aantal"
    if upper.endswith("_P"):
        unit = "%"
    elif upper.endswith("_R"):
        unit = "rapportcijfer"
    elif upper.endswith("_I"):
        unit = "index"
    return Indicator(
        id=var,
        label_nl=var,
        domain="overig",
        unit=unit,
        polarity="geen",
        aggregation="som" if unit == "aantal" else "geen",
        catalog="onbekend",
    )
