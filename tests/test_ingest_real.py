"""Real Amsterdam files through ``monitor import meetingen``, as an analyst would run it.

The OIS table "Bevolking buurten 2014-2018" (3 header lines, "code name" first column,
an ``Amsterdam`` total row, a footer, ``-`` cells) with the documented options, and a
slice of the BBGA extract with ``--format bbga``. Expected numbers are read from the
source files themselves or listed literally from the BBGA, never from the code under test.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import re
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from monitor.cli import app
from monitor.errors import MonitorError
from monitor.ingest.upload import provenance
from monitor.store import Store, measurements, uploads
from tests.support import SHARED_DATA, require_shared

runner = CliRunner()
GEO = SHARED_DATA / "amsterdam" / "gebiedsindeling_2015"
OIS = SHARED_DATA / "ois" / "inwoners_amsterdam.csv"
BBGA = SHARED_DATA / "bbga"
CODE_PATTERN = "^([A-Z][0-9]{2}[a-z]) "
OIS_OPTIONS = ("--code-pattern", CODE_PATTERN, "--indicator", "BEVTOTAAL", "--map", "totaal=2018")
YEARS = [2014, 2015, 2016, 2017, 2018]
#: BBGA BEVTOTAAL 2016 per stadsdeel (bbga_latest_and_greatest-stadsdelen.csv).
BEVTOTAAL_2016 = {
    "A": 86499,
    "B": 200,
    "E": 143964,
    "F": 149397,
    "K": 143258,
    "M": 132421,
    "N": 92917,
    "T": 86057,
}

pytestmark = pytest.mark.shared


# -- helpers ---------------------------------------------------------------------------


def invoke(env: dict[str, str], *args: str, ok: bool = True) -> str:
    """Run the CLI. ``ok=False``: it must refuse with a MonitorError, nothing else."""
    result = runner.invoke(app, list(args), env=env)
    if ok:
        assert result.exit_code == 0, (result.output, result.exception)
    else:
        assert result.exit_code != 0, result.output
        assert isinstance(result.exception, MonitorError), repr(result.exception)
    return result.output + (str(result.exception) if not ok else "")


def import_areas(env: dict[str, str], *, detail: bool) -> None:
    """The README's quick start: stadsdelen and gebieden; wijken and buurten if ``detail``."""
    invoke(
        env,
        *("import", "areas", str(GEO / "GEBIED_STADSDELEN.json"), "--level", "stadsdeel"),
        *("--code-field", "Stadsdeel_code", "--name-field", "Stadsdeel"),
        *("--division", "amsterdam-2015", "--gemeente", "Amsterdam"),
    )
    invoke(
        env,
        *("import", "areas", str(GEO / "gebieden.json"), "--level", "gebied"),
        *("--code-field", "Gebied_code", "--name-field", "Gebied"),
        *("--parent-field", "stadsdeel=Stadsdeel_code", "--division", "amsterdam-2015"),
    )
    if not detail:
        return
    invoke(
        env,
        *("import", "areas", str(GEO / "GEBIED_BUURTCOMBINATIES.json"), "--level", "wijk"),
        *("--code-field", "Buurtcombinatie_code", "--name-field", "Buurtcombinatie"),
        *("--parent-field", "stadsdeel=Stadsdeel_code", "--division", "amsterdam-2015"),
    )
    invoke(
        env,
        *("import", "areas", str(GEO / "GEBIED_BUURTEN.json"), "--level", "buurt"),
        *("--code-field", "Buurt_code", "--name-field", "Buurt"),
        *("--parent-field", "wijk=Buurtcombinatie_code"),
        *("--parent-field", "stadsdeel=Stadsdeel_code", "--division", "amsterdam-2015"),
    )


def add_bevtotaal(env: dict[str, str]) -> None:
    invoke(
        env,
        *("indicator", "add", "BEVTOTAAL", "--label", "Bevolking totaal", "--unit", "aantal"),
        *("--polarity", "geen", "--domain", "bevolking", "--aggregation", "som"),
        *("--decimals", "0"),
    )


def environment(folder: Path) -> dict[str, str]:
    return {
        "MONITOR_DATABASE_URL": f"sqlite:///{folder / 'store.sqlite'}",
        "MONITOR_DATA_DIR": str(folder / "data"),
        "COLUMNS": "300",  # rich tables unwrapped, so every column can be asserted
    }


def counts(env: dict[str, str]) -> tuple[int, int]:
    store = Store(env["MONITOR_DATABASE_URL"])
    try:
        with store.engine.connect() as conn:
            return (
                conn.scalar(sa.select(sa.func.count()).select_from(measurements)),
                conn.scalar(sa.select(sa.func.count()).select_from(uploads)),
            )
    finally:
        store.engine.dispose()


def current(env: dict[str, str], indicators: list[str]):
    store = Store(env["MONITOR_DATABASE_URL"])
    try:
        return store.current_values(store.division_id(), indicators)
    finally:
        store.engine.dispose()


def ois_cells() -> dict[tuple[str, int], str]:
    """(buurt code, year) → cell text, read straight from the OIS file (2018 = 'totaal')."""
    with OIS.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[2]
    assert header[:6] == ["buurt", "2014", "2015", "2016", "2017", "totaal"]
    cells = {}
    for row in rows[3:]:
        match = re.match(CODE_PATTERN, row[0])
        if match:
            for year, cell in zip(YEARS, row[1:6], strict=True):
                cells[(match.group(1), year)] = cell
    return cells


# -- fixtures --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def amsterdam_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """init, the four 2015 area files and BEVTOTAAL, once; tests work on copies."""
    require_shared()
    folder = tmp_path_factory.mktemp("amsterdam")
    env = environment(folder)
    invoke(env, "init")
    import_areas(env, detail=True)
    add_bevtotaal(env)
    return folder / "store.sqlite"


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite store in WAL mode (the backup API, not a file copy)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


@pytest.fixture
def env(amsterdam_template: Path, tmp_path: Path) -> dict[str, str]:
    copy_database(amsterdam_template, tmp_path / "store.sqlite")
    return environment(tmp_path)


def import_ois(env: dict[str, str], path: Path = OIS, *extra: str, ok: bool = True) -> str:
    return invoke(env, "import", "meetingen", str(path), *OIS_OPTIONS, *extra, ok=ok)


# -- the OIS table ----------------------------------------------------------------------


def test_ois_dry_run_changes_nothing(env: dict[str, str]) -> None:
    output = import_ois(env, OIS, "--dry-run")
    assert "formaat: breed, 2405 waarden gelezen, 0 fouten, 0 waarschuwingen" in output
    assert "Proefrun (--dry-run): er is niets opgeslagen." in output
    assert "rij 485: 'Amsterdam' is geen gebiedcode volgens het patroon" in output
    assert counts(env) == (0, 0)
    assert not (Path(env["MONITOR_DATA_DIR"]) / "uploads").exists()


def test_ois_imports_481_buurten_2014_2018(env: dict[str, str]) -> None:
    output = import_ois(env)
    assert "Gepubliceerd als upload 1: 2405 meetingen." in output
    assert "kolom 'mannen' is geen jaartal" in output and "kolom 'vrouwen'" in output
    assert counts(env) == (481 * 5, 1)

    frame = current(env, ["BEVTOTAAL"])
    assert set(frame["level"]) == {"buurt"}
    assert frame["code"].nunique() == 481
    assert sorted(frame["period"].unique()) == YEARS
    got = {(r.code, int(r.period)): (r.value, r.flag) for r in frame.itertuples(index=False)}
    cells = ois_cells()
    assert set(got) == set(cells)
    dashes = [key for key, cell in cells.items() if cell == "-"]
    assert len(dashes) > 50  # 126 '-' cells in the file, some in mannen/vrouwen
    for key, cell in cells.items():
        value, flag = got[key]
        if cell == "-":
            assert math.isnan(value) and flag == "leeg", key
        else:
            assert value == int(cell) and not isinstance(flag, str), key
    assert [got[("A00a", y)][0] for y in YEARS] == [1024, 1006, 1022, 1024, 1032]


def test_ois_original_kept_by_hash_not_by_name(env: dict[str, str]) -> None:
    import_ois(env)
    data_dir = Path(env["MONITOR_DATA_DIR"])
    raw = OIS.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    assert (data_dir / "uploads" / digest).read_bytes() == raw
    assert [p.name for p in (data_dir / "uploads").iterdir()] == [digest]
    assert not [p for p in data_dir.rglob("*") if p.name == OIS.name]


def test_ois_2016_sums_per_stadsdeel_equal_bbga(env: dict[str, str]) -> None:
    # The literal values above are the BBGA's own: check them against the file first.
    with (BBGA / "bbga_latest_and_greatest-stadsdelen.csv").open(encoding="utf-8") as f:
        published = {
            r["gebiedcode15"]: int(r["waarde"])
            for r in csv.DictReader(f)
            if r["variabele"] == "BEVTOTAAL" and r["jaar"] == "2016" and r["waarde"]
        }
    assert {k: v for k, v in published.items() if k != "STAD"} == BEVTOTAAL_2016
    import_ois(env)

    frame = current(env, ["BEVTOTAAL"])
    in_2016 = frame[frame["period"] == 2016]
    by_stadsdeel = in_2016.groupby(in_2016["code"].str[0])["value"].sum()
    assert {k: int(v) for k, v in by_stadsdeel.items()} == BEVTOTAAL_2016
    assert int(in_2016["value"].sum()) == published["STAD"] == 834713

    # The same through the store's own hierarchy: scoring aggregates buurten upwards.
    scored = json.loads(
        invoke(
            env,
            "score",
            "BEVTOTAAL",
            "--period",
            "2016",
            "--level",
            "stadsdeel",
            "--format",
            "json",
        )
    )
    assert {r["code"]: r["value"] for r in scored} == BEVTOTAAL_2016


def test_ois_changed_value_needs_bevestig_and_undo_restores_it(
    env: dict[str, str], tmp_path: Path
) -> None:
    import_ois(env)
    text = OIS.read_text(encoding="utf-8")
    old_line = "A00a Kop Zeedijk,1024,1006,1022,1024,1032,607,425"
    assert old_line in text
    changed = tmp_path / "inwoners_amsterdam_correctie.csv"
    changed.write_text(text.replace(old_line, old_line.replace(",1024,", ",1030,", 1)))
    before = counts(env)

    refused = import_ois(env, changed, ok=False)
    assert "A00a BEVTOTAAL 2014: 1024 → 1030" in refused
    assert "wijzigt 1 gepubliceerde waarden" in refused and "--bevestig" in refused
    assert counts(env) == before

    output = import_ois(env, changed, "--bevestig")
    assert "Gepubliceerd als upload 2: 2405 meetingen." in output
    a00a = current(env, ["BEVTOTAAL"]).query("code == 'A00a'").set_index("period")["value"]
    assert a00a[2014] == 1030 and a00a[2015] == 1006

    sha_1 = hashlib.sha256(OIS.read_bytes()).hexdigest()[:12]
    sha_2 = hashlib.sha256(changed.read_bytes()).hexdigest()[:12]
    lines = invoke(env, "herkomst", "A00a", "BEVTOTAAL", "2014").splitlines()
    row_new = next(line for line in lines if sha_2 in line)
    row_old = next(line for line in lines if sha_1 in line)
    # The stored status codes are English; what the CLI prints is Dutch.
    assert "1030" in row_new and " ja " in row_new and "gepubliceerd" in row_new
    assert "1024" in row_old and " nee " in row_old and "gepubliceerd" in row_old

    assert "Upload 2 is ongedaan gemaakt; 2405 eerdere waarden zijn terug." in invoke(
        env, "uploads", "undo", "2", "--bevestig", "--beheerder", "--uploader", "test"
    )
    frame = current(env, ["BEVTOTAAL"])
    assert set(frame["upload_id"]) == {1}
    assert frame.query("code == 'A00a' and period == 2014")["value"].item() == 1024

    store = Store(env["MONITOR_DATABASE_URL"])
    history = provenance(store, "A00a", "BEVTOTAAL", 2014)
    store.engine.dispose()
    assert history[["value", "upload", "is_current", "status"]].values.tolist() == [
        [1030.0, 2, False, "undone"],
        [1024.0, 1, True, "published"],
    ]
    lines = invoke(env, "herkomst", "A00a", "BEVTOTAAL", "2014").splitlines()
    assert "ongedaan gemaakt" in next(line for line in lines if sha_2 in line)
    assert " ja " in next(line for line in lines if sha_1 in line)
    listed = invoke(env, "uploads", "list")
    assert "published" not in listed and "undone" not in listed
    rows = {
        line.split()[1]: line for line in listed.splitlines() if line[:2].strip() and "│" in line
    }
    assert "ongedaan gemaakt" in rows["2"] and "gepubliceerd" in rows["1"]


# -- a BBGA file through import meetingen ------------------------------------------------


def test_bbga_slice_through_import_meetingen(tmp_path: Path) -> None:
    """A few hundred BBGA rows with ``--format bbga``, without ``import bbga``."""
    require_shared()
    wanted = {"BEVTOTAAL", "PREGWERKL_P", "BEV_PROG2018"}
    with (BBGA / "bbga_latest_and_greatest-DX.csv").open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [r for r in reader if r[2] in wanted]
    forecasts = [r for r in rows if r[2] == "BEV_PROG2018"][:48]
    rows = [r for r in rows if r[2] != "BEV_PROG2018"] + forecasts
    measured = [r for r in rows if r[2] != "BEV_PROG2018"]
    assert len(measured) == 336 + 216  # BEVTOTAAL 2005-2018, PREGWERKL_P 2010-2018
    assert sum(r[3] == "" for r in measured) == 2

    def write(name: str, body: list[list[str]]) -> Path:
        path = tmp_path / name
        with path.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows([header, *body])
        return path

    env = environment(tmp_path)
    invoke(env, "init")
    import_areas(env, detail=False)
    invoke(env, "alias", "add", "ZX99", "Dxxx", "--system", "bbga")
    add_bevtotaal(env)
    invoke(
        env,
        *("indicator", "add", "PREGWERKL_P", "--label", "Geregistreerde werkloosheid (%)"),
        *("--unit", "%", "--polarity", "lager-beter", "--domain", "werk_inkomen"),
        *("--aggregation", "gewogen-gemiddelde", "--weight", "BEVTOTAAL"),
    )

    # Westpoort (ZX99, ~200 inhabitants) has PREGWERKL_P 165.9 in 2011 and 104.6 in 2012:
    # real BBGA values above 100%, refused with their rows; nothing is stored.
    over = {
        i + 2: r for i, r in enumerate(rows) if r[2] == "PREGWERKL_P" and float(r[3] or 0) > 100
    }
    assert sorted((r[0], r[1], r[3]) for r in over.values()) == [
        ("2011", "ZX99", "165.9"),
        ("2012", "ZX99", "104.6"),
    ]
    refused = invoke(
        env, "import", "meetingen", str(write("bbga_slice.csv", rows)), "--format", "bbga", ok=False
    )
    assert "2 fouten" in refused
    for line, r in over.items():
        assert f"rij {line}, kolom 'waarde': '{r[3]}' valt buiten 0–100 (percentage)" in refused
    assert counts(env) == (0, 0)

    # The analyst blanks the two cells (not published) and imports again.
    cleaned = [[*r[:3], ""] if i + 2 in over else r for i, r in enumerate(rows)]
    path = write("bbga_slice_schoon.csv", cleaned)
    output = invoke(env, "import", "meetingen", str(path), "--format", "bbga")
    assert "formaat: BBGA" in output and "0 fouten" in output
    assert "48 rijen met prognoses overgeslagen" in output
    assert f"Gepubliceerd als upload 1: {len(measured)} meetingen." in output

    frame = current(env, ["BEVTOTAAL", "PREGWERKL_P"])
    assert len(frame) == len(measured)
    stad = frame[frame["level"] == "gemeente"]
    assert set(stad["code"]) == {"STAD"}  # BBGA's STAD is the gemeente of the division
    assert len(stad) == sum(r[1] == "STAD" for r in measured)
    bev_2017 = frame[(frame["indicator_id"] == "BEVTOTAAL") & (frame["period"] == 2017)]
    assert bev_2017.set_index("code")["value"]["STAD"] == 844952
    gebieden = bev_2017[bev_2017["level"] == "gebied"]
    assert len(gebieden) == 23  # DX01-DX22 and Westpoort (ZX99 → Dxxx)
    assert gebieden.set_index("code")["value"]["Dxxx"] == 192
    assert gebieden["value"].sum() == 844952  # the README's check: gebieden add up to STAD
    werkl = frame[(frame["indicator_id"] == "PREGWERKL_P") & (frame["period"] == 2018)]
    assert werkl.set_index("code")["value"][["STAD", "DX01", "DX22"]].tolist() == [11.0, 7.5, 15.0]
    flagged = frame[frame["flag"].notna()]
    assert len(flagged) == 4 and set(flagged["flag"]) == {"leeg"}  # 2 empty, 2 blanked
    assert flagged["value"].isna().all()


def test_bbga_stad_lands_on_a_gemeente_with_its_own_code(tmp_path: Path) -> None:
    """With the CBS code GM0363 as the gemeente, only ``--format bbga`` maps STAD to it."""
    require_shared()
    from monitor.areas import import_areas as run_import_areas

    with (BBGA / "bbga_latest_and_greatest-stadsdelen.csv").open(encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [r for r in reader if r[2] == "BEVTOTAAL" and r[0] == "2016" and r[1] != "Z"]
    assert len(rows) == 9  # eight stadsdelen and STAD
    path = tmp_path / "bbga_stadsdelen_2016.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *rows])

    env = environment(tmp_path)
    invoke(env, "init")
    store = Store(env["MONITOR_DATABASE_URL"])
    run_import_areas(
        store,
        GEO / "GEBIED_STADSDELEN.json",
        "stadsdeel",
        "Stadsdeel_code",
        "Stadsdeel",
        division="amsterdam-2015",
        gemeente="Amsterdam",
        gemeente_code="GM0363",
    )
    store.engine.dispose()
    add_bevtotaal(env)

    refused = invoke(env, "import", "meetingen", str(path), "--format", "long", ok=False)
    assert "kolom 'gebiedcode': 'STAD' onbekende gebiedscode" in refused
    assert counts(env) == (0, 0)

    invoke(env, "import", "meetingen", str(path), "--format", "bbga")
    frame = current(env, ["BEVTOTAAL"]).set_index("code")
    assert frame.loc["GM0363", "level"] == "gemeente"
    assert frame.loc["GM0363", "value"] == 834713
    assert {c: int(v) for c, v in frame["value"].drop("GM0363").items()} == BEVTOTAAL_2016
