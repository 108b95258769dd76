"""Exports of scores: CSV, Excel, GeoJSON and (every score of a level) Parquet.

Spreadsheet programs execute cells that start with ``=``, ``+``, ``-``, ``@``, tab or
CR. Area names and notes come from uploads, so every text cell is neutralised with a
leading apostrophe; numbers stay numbers.

Output safety for charts lives here too: plotly.js renders a small HTML subset (``<b>``,
``<a href>``, ``<br>``…) in tick labels, legends, hover text and annotations, and reads
``%{…}`` in templates, so user text goes through :func:`plot_text` first.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pandas as pd
import shapely

from monitor.errors import MonitorError
from monitor.messages import class_label, t
from monitor.scoring import OUTPUT_FIELDS
from monitor.scoring.reference import average_names
from monitor.store import Store

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: Any) -> Any:
    """Neutralise a text cell that a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose headers and text cells a spreadsheet will not run as formulas: every
    CSV and Excel export (scores, the block of 18, the buurtbegroting) goes through here."""
    out = frame.copy()
    out.columns = [safe_text(str(c)) for c in out.columns]
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(safe_text)
    return out


def plot_text(text: Any) -> str:
    """User text (an area name, a label) as plotly shows it literally: markup and template
    braces escaped as entities, so a name is never a link and ``%{x}`` in it is never filled
    in. plotly.js decodes the entities on screen (``&lt;`` shows ``<``), so nothing is lost."""
    return (
        str(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("{", "&#123;")
        .replace("}", "&#125;")
    )


def export_frame(frame: pd.DataFrame, lang: str = "nl", safe: bool = True) -> pd.DataFrame:
    """The public score fields plus the class as readable text (spreadsheet-safe)."""
    out = frame[OUTPUT_FIELDS].copy()
    averages = average_names(frame, lang)
    out.insert(
        out.columns.get_loc("klasse") + 1,
        "klasse_tekst",
        [class_label(k, lang, gemiddelde=g) for k, g in zip(out["klasse"], averages, strict=True)],
    )
    if frame.attrs.get("referentie", "gemeente") != "gemeente":
        # Another reference than the gemeente: what each row was compared with.
        out.insert(out.columns.get_loc("nap_source") + 1, "vergeleken_met", averages)
    out.insert(0, "periode", frame["period"])
    out.insert(0, "indicator", frame["indicator"])
    return safe_frame(out) if safe else out


def scores_csv(frame: pd.DataFrame, lang: str = "nl") -> str:
    """CSV with ``;`` and decimal commas, as Dutch Excel opens it directly."""
    buffer = io.StringIO()
    export_frame(frame, lang).to_csv(buffer, sep=";", decimal=",", index=False)
    return buffer.getvalue()


def scores_xlsx(frame: pd.DataFrame, path: Path, lang: str = "nl") -> None:
    export_frame(frame, lang).to_excel(path, index=False, sheet_name="scores", engine="openpyxl")


def scores_geojson(store: Store, frame: pd.DataFrame, division_id: int, level: str) -> dict:
    """Areas with their full geometry and scores as a GeoJSON FeatureCollection."""
    from monitor.area_geometry import areas_geodataframe

    gdf = areas_geodataframe(store, division_id, level, display=False)[["code", "geometry"]]
    data = export_frame(frame, safe=False).merge(gdf, on="code", how="left")
    features = []
    for row in data.to_dict("records"):
        geometry = row.pop("geometry")
        props = {k: (None if isinstance(v, float) and pd.isna(v) else v) for k, v in row.items()}
        features.append(
            {
                "type": "Feature",
                "geometry": None if geometry is None else json.loads(shapely.to_geojson(geometry)),
                "properties": props,
            }
        )
    return {"type": "FeatureCollection", "features": features}


#: Excel's row limit (a header row included).
EXCEL_ROWS = 1_048_576
TABLE_FORMATS = ("csv", "xlsx", "parquet")


def write_score_table(frame: pd.DataFrame, path: Path, fmt: str) -> None:
    """Every score of a level (:func:`monitor.scoring.table.score_table`) as CSV for Dutch
    Excel (``;`` and decimal commas), Excel, or Parquet (typed, for notebooks)."""
    if fmt == "csv":
        safe_frame(frame).to_csv(path, sep=";", decimal=",", index=False, encoding="utf-8-sig")
    elif fmt == "xlsx":
        if len(frame) >= EXCEL_ROWS:
            raise MonitorError(t("export.too_many_rows", rows=len(frame), limit=EXCEL_ROWS - 1))
        safe_frame(frame).to_excel(path, index=False, sheet_name="scores", engine="openpyxl")
    elif fmt == "parquet":
        frame.to_parquet(path, index=False)
    else:
        raise MonitorError(t("export.unknown_format", format=fmt, choices=", ".join(TABLE_FORMATS)))
