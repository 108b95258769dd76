"""Generate Voorbeeldstad and write its files: ``python -m monitor.demo``
(``make demo-files``, ``monitor demo --regenereer``). The same seed gives the same
files, byte for byte; the checked-in files are these."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from monitor import catalog
from monitor.demo.agenda import agenda_csv, notes_csv
from monitor.demo.budget import budget_csv, build_budget
from monitor.demo.city import (
    AGENDA_FILE,
    ALIASES_FILE,
    AREA_FILES,
    BUDGET_FILE,
    CATALOG,
    CODE_FIELD,
    FILES_ROOT,
    MEETINGEN_FILE,
    NAME_FIELD,
    NOTES_FILE,
    PARENT_FIELDS,
    SEED,
    DemoCity,
)
from monitor.demo.geometry import build_geometry, geojson
from monitor.demo.meetingen import build_measurements, meetingen_csv
from monitor.demo.meldingen import MELDINGEN_FILE, build_meldingen
from monitor.demo.meldingen import meldingen_csv as meldingen_points_csv
from monitor.demo.voorzieningen import (
    VOORZIENINGEN_FILE,
    build_voorzieningen,
    voorzieningen_csv,
)


def build(seed: int = SEED) -> DemoCity:
    """Generate the whole city; the same seed gives the same city, byte for byte."""
    rng = np.random.default_rng(seed)
    levels = build_geometry(rng)
    indicators = catalog.load_toml(CATALOG).by_id()
    measurements = build_measurements(levels["buurt"], indicators, rng)
    # Its own random stream: the measurements stay exactly as they were before budgets.
    budget = build_budget(levels, measurements, np.random.default_rng(seed + 1))
    meldingen = build_meldingen(levels["buurt"], np.random.default_rng(seed + 2))
    voorzieningen = build_voorzieningen(levels["buurt"], np.random.default_rng(seed + 3))
    return DemoCity(levels, measurements, budget, meldingen, voorzieningen)


def aliases_csv(city: DemoCity) -> bytes:
    """CBS-style codes beside the own codes, in a municipality number that does not
    exist: ``alias;gebiedcode;stelsel``, as ``monitor alias add`` takes them."""
    rows = [f"BU0999{i + 1:04d};{code};cbs" for i, code in enumerate(city.levels["buurt"]["code"])]
    return "\n".join(["alias;gebiedcode;stelsel", *rows, "GM0999;STAD;cbs", ""]).encode()


def files(city: DemoCity) -> dict[str, bytes]:
    """Every file of the demo, by its path relative to the project root."""
    out: dict[str, bytes] = {}
    for level, path in AREA_FILES.items():
        frame = city.levels[level]
        fields = {"code": CODE_FIELD, "name": NAME_FIELD}
        fields |= {f"{p}_code": f for p, f in PARENT_FIELDS.items() if f"{p}_code" in frame}
        out[path] = geojson(frame, Path(path).stem, fields)
    indicators = catalog.load_toml(CATALOG).by_id()
    out[ALIASES_FILE] = aliases_csv(city)
    out[MEETINGEN_FILE] = meetingen_csv(city.measurements, indicators)
    out[BUDGET_FILE] = budget_csv(city.budget)
    out[AGENDA_FILE] = agenda_csv(city.levels["buurt"])
    out[NOTES_FILE] = notes_csv(city.levels["buurt"])
    if city.meldingen is not None:
        out[MELDINGEN_FILE] = meldingen_points_csv(city.meldingen)
    if city.voorzieningen is not None:
        out[VOORZIENINGEN_FILE] = voorzieningen_csv(city.voorzieningen)
    return out


def write_files(root: Path = FILES_ROOT, seed: int = SEED) -> list[Path]:
    """Write the demo's files under ``root``; returns the files that changed."""
    changed = []
    for relative, content in files(build(seed)).items():
        path = root / relative
        if path.exists() and path.read_bytes() == content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        changed.append(path)
    return changed


def main() -> None:
    """Write the files and list the ones that changed."""
    for path in write_files():
        sys.stdout.write(f"{path}\n")
