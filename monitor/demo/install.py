"""Load Voorbeeldstad into a store from its checked-in files, through the importers real
data take: the catalogue, the areas importer per level, the aliases as ``monitor alias
add`` adds them, the meetingen upload (check and publish), the budget importer, and the
agenda and verhalen importers. So the demo shows the formats by example, and
provenance, undo and redo work on it as on real uploads."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import pandas as pd

from monitor import agenda, catalog
from monitor.areas import import_areas, resolve_codes
from monitor.demo.budget import BUDGET_SOURCE
from monitor.demo.city import (
    AGENDA_FILE,
    ALIASES_FILE,
    AREA_FILES,
    BUDGET_FILE,
    CATALOG,
    CODE_FIELD,
    DEMO_ACTOR,
    DIVISION,
    FILES_ROOT,
    GEMEENTE,
    MEETINGEN_FILE,
    NAME_FIELD,
    NOTES_FILE,
    PARENT_FIELDS,
    SEED,
    SOURCE,
    DemoCity,
)
from monitor.demo.generate import write_files
from monitor.demo.meldingen import MELDINGEN_FILE
from monitor.demo.voorzieningen import VOORZIENINGEN_FILE
from monitor.errors import MonitorError
from monitor.ingest import budget as budget_ingest
from monitor.ingest import upload
from monitor.ingest.upload import Checked
from monitor.points import check_points, publish_points
from monitor.store import LEVELS, Store

#: What the demo's uploads record besides their source.
META = {"fictief": True}


def install(
    store: Store, seed: int = SEED, data_dir: Path | None = None, root: Path | None = None
) -> dict[str, int]:
    """Load Voorbeeldstad from the files under ``root`` (default: the project's
    ``geometries/`` and ``data/``); another ``seed`` generates its own files first.
    The measurements become upload 1, the budget lines upload 2, the meldingen upload 3
    and the voorzieningen upload 4 of a fresh store;
    the original files are kept under ``data_dir/uploads`` as for every upload.
    Returns the number of areas per level, meetingen and begrotingsregels."""
    if root is None and seed != SEED:
        with tempfile.TemporaryDirectory() as folder:
            write_files(Path(folder), seed)
            return install(store, seed, data_dir, Path(folder))
    root = root or FILES_ROOT
    catalog.save(store, catalog.load_toml(CATALOG))
    counts: dict[str, int] = {}
    for level, relative in AREA_FILES.items():
        parents = {p: f for p, f in PARENT_FIELDS.items() if LEVELS.index(p) > LEVELS.index(level)}
        result = import_areas(
            store,
            root / relative,
            level,
            CODE_FIELD,
            NAME_FIELD,
            parents,
            division=DIVISION,
            gemeente=GEMEENTE,
            fictional=True,
        )
        counts[level] = result["inserted"] + result["updated"]
    division_id = store.division_id(DIVISION)
    if store.get_setting("active_division") is None:
        store.set_setting("active_division", DIVISION)
    with (root / ALIASES_FILE).open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file, delimiter=";"):
            store.add_alias(division_id, row["alias"], row["gebiedcode"], row["stelsel"])

    def read(relative: str) -> tuple[bytes, str]:
        path = root / relative
        return path.read_bytes(), path.name

    meetingen = _ok(upload.check(store, *read(MEETINGEN_FILE), division_id=division_id))
    budget = _ok(budget_ingest.check(store, *read(BUDGET_FILE), division_id=division_id))
    # Loading the demo again (``monitor demo --force``) restores its values, as it always did.
    upload.publish(
        store,
        meetingen,
        uploader=DEMO_ACTOR,
        confirm_changes=True,
        meta={"bron": SOURCE, **META},
        data_dir=data_dir,
    )
    budget_ingest.publish(
        store,
        budget,
        uploader=DEMO_ACTOR,
        confirm_changes=True,
        source=BUDGET_SOURCE,
        meta=META,
        data_dir=data_dir,
        division_id=division_id,
    )
    meldingen = check_points(store, root / MELDINGEN_FILE, "meldingen", DIVISION)
    # Points for the signals only: the demo's catalogue stays its 18 indicators (importing
    # the file again with ``monitor import punten`` counts them as indicators too).
    publish_points(
        store, meldingen, uploader=DEMO_ACTOR, source=SOURCE, data_dir=data_dir, indicators=False
    )
    # Upload 4, after the others so their ids stay; points for the Kaart and the profile
    # (``monitor import punten --soort voorzieningen`` adds the "binnen 500 m" indicators).
    voorzieningen = check_points(store, root / VOORZIENINGEN_FILE, "voorzieningen", DIVISION)
    publish_points(
        store,
        voorzieningen,
        uploader=DEMO_ACTOR,
        source=SOURCE,
        data_dir=data_dir,
        indicators=False,
    )
    for relative, importer in (
        (AGENDA_FILE, agenda.import_agenda),
        (NOTES_FILE, agenda.import_notes),
    ):
        importer(store, *read(relative), actor=DEMO_ACTOR, division_id=division_id)
    return {level: counts[level] for level in reversed(AREA_FILES)} | {
        "meetingen": len(meetingen.report.frame),
        "begrotingsregels": len(budget.report.frame),
        "meldingen": len(meldingen.frame),
        "voorzieningen": len(voorzieningen.frame),
    }


def _ok(checked: Checked) -> Checked:
    """A demo file that does not pass its checks was edited by hand: say what is wrong."""
    if not checked.report.ok:
        raise MonitorError("\n".join([checked.name, *checked.report.lines()[:10]]))
    return checked


def measurement_rows(store: Store, division_id: int, city: DemoCity) -> pd.DataFrame:
    """The generated measurements as rows for ``Store.publish`` (area ids of the store):
    how an undone upload of kind ``demo`` (stores from before the demo had files) is
    published again."""
    frame = city.measurements
    ids = resolve_codes(store, division_id, frame["code"].unique())
    frame = frame.assign(area_id=frame["code"].map(ids), source="Voorbeeldstad (fictief)")
    return frame.drop(columns="code")
