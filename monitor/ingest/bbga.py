"""Import the Basisbestand Gebieden Amsterdam (BBGA) long format.

``jaar;gebiedcode15;variabele;waarde`` (the published file uses ``;`` and may use
decimal commas; extracts use ``,``). ``STAD`` is the city itself and becomes the
gemeente area. Forecast variables (``*_PROG2015`` …) are skipped: they are not
measurements. Area codes that are not in the store yet are created without geometry,
their level read from the code (``A`` stadsdeel, ``DX01`` gebied, ``A00`` wijk,
``A00a`` buurt); BBGA's stadsdeel ``Z`` ("niet toe te delen": not assignable to an area)
is skipped.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa

from monitor import catalog, catalog_bbga, polarity
from monitor.areas import ensure_gemeente, load_codes, resolve_codes
from monitor.errors import MonitorError
from monitor.ingest.text import read_table
from monitor.messages import t
from monitor.store import Store, geography

REQUIRED = ("jaar", "variabele", "waarde")
CODE_COLUMNS = ("gebiedcode15", "gebiedcode22", "gebiedcode")
MISSING_MARKERS = {"", ".", "-", "x", "X", "*", "NA", "nan"}
CITY_CODE = "STAD"
#: BBGA's "niet toe te delen" stadsdeel: values that belong to no area on the map.
NOT_ASSIGNABLE = {"Z"}
LEVEL_PATTERNS = (
    ("stadsdeel", re.compile(r"^[A-Z]$")),
    ("gebied", re.compile(r"^[A-Z]X\d{2}$")),
    ("wijk", re.compile(r"^[A-Z]\d{2}$")),
    ("buurt", re.compile(r"^[A-Z]\d{2}[a-z]$")),
)
#: The BBGA caps published percentages at 90 (docs/method.md, "Which values count").
BBGA_PERCENT_CAP = 90.0


@dataclass
class BbgaResult:
    """What an import did, for the CLI report."""

    upload_id: int
    rows: int
    values: int
    empty: int
    forecasts_skipped: int
    capped: int
    indicators_created: list[str] = field(default_factory=list)
    areas_created: list[str] = field(default_factory=list)
    codes_skipped: list[str] = field(default_factory=list)
    #: Polarities the curation (indicators/bbga-polariteit.toml) changed, and the
    #: indicators whose user's own polarity was applied again.
    polarity_changes: list[polarity.Change] = field(default_factory=list)
    user_polarities: list[str] = field(default_factory=list)


def level_from_code(code: str) -> str | None:
    """The area level an Amsterdam BBGA code stands for, or None."""
    if code == CITY_CODE:
        return "gemeente"
    for level, pattern in LEVEL_PATTERNS:
        if pattern.match(code):
            return level
    return None


def parse_values(raw: pd.Series, column: str, first_row: int = 2) -> pd.Series:
    """Text cells to floats; missing markers become NaN; anything else is an error."""
    text = raw.astype(str).str.strip()
    missing = text.isin(MISSING_MARKERS)
    # Decimal comma without a decimal point: "8,4" → "8.4"; "1.250,5" → "1250.5".
    cleaned = text.where(~text.str.contains(","), text.str.replace(".", "", regex=False))
    cleaned = cleaned.str.replace(",", ".", regex=False)
    numbers = pd.to_numeric(cleaned.where(~missing), errors="coerce")
    bad = numbers.isna() & ~missing
    if bad.any():
        rows = [
            t("bbga.not_a_number", row=i + first_row, column=column, value=text.iloc[i][:40])
            for i in np.flatnonzero(bad.to_numpy())[:5]
        ]
        more = t("bbga.more_rows", n=int(bad.sum()) - 5) if bad.sum() > 5 else ""
        raise MonitorError(t("bbga.refused_values", problems="; ".join(rows), more=more))
    return numbers.astype("float64")


def read_bbga(path: Path) -> pd.DataFrame:
    """Read and check a BBGA file; returns columns jaar, code, variabele, waarde (float)."""
    frame = read_table(Path(path))
    frame.columns = [c.lower() for c in frame.columns]
    code_col = next((c for c in CODE_COLUMNS if c in frame.columns), None)
    missing = [c for c in REQUIRED if c not in frame.columns]
    if code_col is None or missing:
        wanted = ", ".join([*REQUIRED[:1], "gebiedcode15", *REQUIRED[1:]])
        raise MonitorError(
            t("bbga.not_bbga", name=Path(path).name, wanted=wanted, found=", ".join(frame.columns))
        )
    years = pd.to_numeric(frame["jaar"].str.strip(), errors="coerce")
    bad = years.isna() | (years % 1 != 0)
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise MonitorError(
            t("bbga.not_a_year", name=Path(path).name, row=i + 2, value=frame["jaar"].iloc[i])
        )
    out = pd.DataFrame(
        {
            "jaar": years.astype("int64"),
            "code": frame[code_col].str.strip(),
            "variabele": frame["variabele"].str.strip(),
            "waarde": parse_values(frame["waarde"], "waarde"),
        }
    )
    dup = out.duplicated(["jaar", "code", "variabele"], keep=False)
    if dup.any():
        rows = (np.flatnonzero(dup.to_numpy())[:4] + 2).tolist()
        first = out[dup].iloc[0]
        raise MonitorError(
            t(
                "bbga.duplicates",
                name=Path(path).name,
                line=f"{first['code']} / {first['variabele']} / {first['jaar']}",
                rows=", ".join(map(str, rows)),
            )
        )
    return out


def import_bbga(
    store: Store,
    data_path: Path,
    metadata_path: Path | None = None,
    division: str | None = None,
    create_areas: bool = True,
    source: str = "BBGA (OIS Amsterdam)",
) -> BbgaResult:
    """Import one BBGA extract (and optionally its metadata) as a single upload;
    ``source`` is the upload's provenance (the API connector names its URL and date)."""
    data_path = Path(data_path)
    meta_catalog = catalog_bbga.load_bbga_metadata(metadata_path) if metadata_path else None
    changes: list[polarity.Change] = []
    if meta_catalog is not None:
        changes = polarity.curate(meta_catalog.indicators, polarity.load_curation())
    data = read_bbga(data_path)
    is_forecast = data["variabele"].str.contains(catalog.FORECAST_PATTERN)
    forecasts = int(is_forecast.sum())
    data = data[~is_forecast]

    # BBGA's "niet toe te delen" stadsdeel Z is not an area: creating it would add a
    # phantom stadsdeel to every map.
    skipped = sorted(NOT_ASSIGNABLE & set(data["code"]))
    data = data[~data["code"].isin(skipped)]

    with store.begin() as conn:
        user_set: list[str] = []
        if meta_catalog is not None:
            store.upsert_indicators((i.row() for i in meta_catalog.indicators), conn)
            ids = set(meta_catalog.by_id())
            user_set = sorted(
                i for i in store.indicator_ids(conn, polarity_source="gebruiker") if i in ids
            )
            store.set_setting("population_indicator", catalog_bbga.BBGA_POPULATION, conn)
        elif store.get_setting("population_indicator") is None:
            store.set_setting("population_indicator", catalog_bbga.BBGA_POPULATION, conn)
        known = set(store.indicator_ids(conn))
        new_vars = sorted(set(data["variabele"]) - known)
        if new_vars:
            store.upsert_indicators((catalog_bbga.guess_indicator(v).row() for v in new_vars), conn)
        units = store.indicator_units(conn)

        division_id = _division(store, conn, division)
        code_to_id, created = _resolve_areas(store, conn, division_id, data["code"], create_areas)
        data = data.assign(area_id=data["code"].map(code_to_id))

        # Percentages exactly at the BBGA cap are censored, but only for variables that
        # never exceed it (some published percentages do go above 90).
        pct = data["variabele"].map(units).eq("%")
        max_per_var = data.groupby("variabele")["waarde"].transform("max")
        capped = pct & (data["waarde"] == BBGA_PERCENT_CAP) & (max_per_var <= BBGA_PERCENT_CAP)
        flag = np.where(data["waarde"].isna(), "leeg", np.where(capped, "afgetopt", None))
        frame = pd.DataFrame(
            {
                "area_id": data["area_id"].astype("int64"),
                "indicator_id": data["variabele"],
                "period": data["jaar"],
                "value": data["waarde"],
                "flag": flag,
                "source": "BBGA",
            }
        )
        upload_id = store.publish(
            frame,
            kind="bbga",
            conn=conn,
            filename=data_path.name,
            sha256=hashlib.sha256(data_path.read_bytes()).hexdigest(),
            source=source,
            meta={"metadata": Path(metadata_path).name if metadata_path else None},
        )
    return BbgaResult(
        upload_id=upload_id,
        rows=len(frame),
        values=int(frame["value"].notna().sum()),
        empty=int(frame["value"].isna().sum()),
        forecasts_skipped=forecasts,
        capped=int(capped.sum()),
        indicators_created=new_vars,
        areas_created=created,
        codes_skipped=skipped,
        polarity_changes=changes,
        user_polarities=user_set,
    )


def _division(store: Store, conn: sa.Connection, name: str | None) -> int:
    if name is not None:
        return store.ensure_division(conn, name, gemeente="Amsterdam")
    try:
        return store.division_id()
    except LookupError:
        return store.ensure_division(conn, "amsterdam", gemeente="Amsterdam")


def _resolve_areas(
    store: Store, conn: sa.Connection, division_id: int, codes: pd.Series, create: bool
) -> tuple[dict[str, int], list[str]]:
    """Map every BBGA code to an area id; unknown codes become areas without geometry."""
    unique = sorted(codes.unique())
    result = resolve_codes(store, division_id, unique)
    if CITY_CODE in unique and CITY_CODE not in result:
        # STAD is BBGA's name for the city, whatever code the gemeente area has here.
        gemeente = ensure_gemeente(conn, division_id, load_codes(conn, division_id), None, None)
        result[CITY_CODE] = load_codes(conn, division_id)[gemeente]["id"]
    missing = [c for c in unique if c not in result]
    unknown_level = [c for c in missing if level_from_code(c) is None]
    if unknown_level:
        raise MonitorError(t("bbga.unknown_codes", codes=", ".join(unknown_level[:10])))
    if missing and not create:
        raise MonitorError(t("bbga.codes_not_in_division", codes=", ".join(missing)))
    city_code = geography.area_code(conn, result[CITY_CODE]) if CITY_CODE in result else None
    for code in missing:
        result[code] = geography.insert_area(
            conn,
            division_id=division_id,
            code=code,
            name=code,
            level=level_from_code(code),
            gemeente_code=city_code,
        )
    return result, missing
