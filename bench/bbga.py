"""bbga_rebuild: the full materialised score rebuild on the real BBGA extracts.

Set-up (not measured): a SQLite store built as ``monitor import bbga`` does (see
``tests/test_bbga.py``): the 2015 stadsdelen and gebieden, the gebieden extract with its
metadata and the stadsdelen extract. Measured, each in a fresh process:

* ``rebuild``: ``monitor.scoring.materialise.rebuild`` of the whole division (every
  non-forecast indicator × period × level, coloured or not) inside ``Store.begin``, as a
  publish does it: read inputs, compute, delete and write score tables, commit.
* ``duckdb``: the same classes in DuckDB SQL (``bench/duck.py``), reading the same
  current measurements from the same SQLite file.
* ``per_request``: today's on-demand path, ``Scorer.score`` for one indicator, period and
  level with a band that forces the on-demand computation (``Scores._on_demand``:
  ``load_inputs`` + ``compute`` for that indicator), on a sample, extrapolated to every
  indicator-period-level of the rebuild.

Afterwards every score row of the rebuild is compared with DuckDB's, value by value.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from bench.common import Phases, cpu_seconds, load, measure, peak_mb

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
DATA = SHARED if SHARED.exists() else Path("/work/shared/data")
GEO = DATA / "amsterdam" / "gebiedsindeling_2015"
BBGA = DATA / "bbga"
TARGET_SECONDS = 3.0
TARGET_VS_DUCKDB = 2.0
REPEATS = 3
SAMPLE = 40
LEVEL_NAMES = ("buurt", "wijk", "gebied", "stadsdeel", "gemeente")


def available() -> str | None:
    if not (BBGA / "bbga_latest_and_greatest-DX.csv").exists():
        return f"no BBGA extracts in {BBGA}"
    return None


def make_store(db: Path) -> dict[str, Any]:
    """The BBGA store through the CLI, command by command (as ``tests/test_bbga.py``),
    plus the stadsdelen extract."""
    from typer.testing import CliRunner

    from monitor.cli import app

    runner = CliRunner()
    url = f"sqlite:///{db}"

    def invoke(*args: str) -> None:
        done = runner.invoke(app, list(args), env={"MONITOR_DATABASE_URL": url})
        if done.exit_code != 0:
            raise SystemExit(done.output)

    division = ["--division", "amsterdam-2015"]
    invoke("init")
    invoke(
        *["import", "areas", str(GEO / "GEBIED_STADSDELEN.json"), "--level", "stadsdeel"],
        *["--code-field", "Stadsdeel_code", "--name-field", "Stadsdeel", *division],
        *["--gemeente", "Amsterdam"],
    )
    invoke(
        *["import", "areas", str(GEO / "gebieden.json"), "--level", "gebied"],
        *["--code-field", "Gebied_code", "--name-field", "Gebied"],
        *["--parent-field", "stadsdeel=Stadsdeel_code", *division],
    )
    invoke("alias", "add", "ZX99", "Dxxx", "--system", "bbga")
    metadata = str(BBGA / "metadata_latest_and_greatest_2019-01.csv")
    invoke("import", "bbga", str(BBGA / "bbga_latest_and_greatest-DX.csv"), "--metadata", metadata)
    invoke("import", "bbga", str(BBGA / "bbga_latest_and_greatest-stadsdelen.csv"))
    with sqlite3.connect(db) as conn:
        one = conn.execute
        setup = {
            "areas": dict(one("SELECT level, count(*) FROM areas GROUP BY 1").fetchall()),
            "current_measurements": one(
                "SELECT count(*) FROM measurements WHERE is_current"
            ).fetchone()[0],
            "indicators": one("SELECT count(*) FROM indicators WHERE NOT forecast").fetchone()[0],
            "coloured_indicators": one(
                "SELECT count(*) FROM indicators WHERE NOT forecast AND polarity <> 'geen'"
            ).fetchone()[0],
            "periods": one("SELECT count(DISTINCT period) FROM measurements").fetchone()[0],
        }
    conn.close()
    return setup


def _division(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        found = conn.execute("SELECT value FROM settings WHERE key = 'active_division'").fetchone()
        division = conn.execute("SELECT id FROM divisions WHERE name = ?", found).fetchone()[0]
    conn.close()
    return int(division)


# -- steps (each in its own process) -------------------------------------------------


def step_rebuild(db: Path, _: Path, profile: bool) -> dict[str, Any]:
    """The full rebuild, ``REPEATS`` times (each a committed transaction)."""
    import monitor.scoring  # noqa: F401  (registers the rescorer)
    from monitor.scoring import materialise, passes
    from monitor.store import Store

    store = Store(f"sqlite:///{db}")
    division_id = _division(db)
    phases = Phases()
    phases.wrap(passes, "load_inputs", "read inputs")
    phases.wrap(passes, "compute", "compute")
    phases.wrap(materialise, "delete_scores", "delete old scores")
    phases.wrap(materialise, "write_scores", "write scores")
    runs, cpu_runs, built = [], [], None
    for _ in range(REPEATS):
        start, cpu = time.perf_counter(), cpu_seconds()
        with phases.timing("rebuild incl. commit", reset_peak=False), store.begin() as conn:
            built = materialise.rebuild(store, conn, division_id)
        runs.append(time.perf_counter() - start)
        cpu_runs.append(cpu_seconds() - cpu)
    per_phase = {
        name: round(entry["seconds"] / entry["calls"], 3) for name, entry in phases.found.items()
    }
    return {
        "seconds_median": round(statistics.median(runs), 3),
        "seconds_runs": [round(r, 3) for r in runs],
        "cpu_seconds_median": round(statistics.median(cpu_runs), 3),
        "phases_mean_seconds": per_phase,
        "groups": built.groups,
        "rows": built.rows,
        "peak_mb": round(max(peak_mb(), phases.peak_mb)),
    }


def step_duckdb(db: Path, out: Path, profile: bool) -> dict[str, Any]:
    """DuckDB: read from SQLite, compute; ``REPEATS`` computes; result to ``out``."""
    from bench import duck

    division_id = _division(db)
    start, cpu = time.perf_counter(), cpu_seconds()
    tables = duck.read_sqlite(db, division_id)
    read = time.perf_counter() - start
    con = duck.connect(tables)
    runs, cpu_runs = [], []
    result = None
    for _ in range(REPEATS):
        start, cpu = time.perf_counter(), cpu_seconds()
        result = duck.compute(con)
        runs.append(time.perf_counter() - start)
        cpu_runs.append(cpu_seconds() - cpu)
    import pyarrow.parquet as pq

    pq.write_table(result, out)
    compute = statistics.median(runs)
    return {
        "read_seconds": round(read, 3),
        "compute_seconds_median": round(compute, 3),
        "compute_seconds_runs": [round(r, 3) for r in runs],
        "cpu_seconds_median": round(statistics.median(cpu_runs), 3),
        "seconds_median": round(read + compute, 3),
        "rows": result.num_rows,
        "unsupported_indicators": duck.unsupported(tables),
        "peak_mb": round(peak_mb()),
    }


def step_per_request(db: Path, _: Path, profile: bool) -> dict[str, Any]:
    """Scorer on demand for a sample of indicator-period-levels; extrapolated."""
    from monitor.scoring import Scorer
    from monitor.scoring.methods import resolve_band
    from monitor.store import Store

    store = Store(f"sqlite:///{db}")
    with sqlite3.connect(db) as conn:
        work = conn.execute(
            "SELECT indicator_id, period, level FROM score_groups ORDER BY 1, 2, 3"
        ).fetchall()
    conn.close()
    sample = random.Random(12).sample(work, min(SAMPLE, len(work)))
    scorer = Scorer(store)
    ms = []
    for indicator_id, period, level in sample:
        ind = scorer.indicator(indicator_id)
        band = resolve_band(ind.method, ind.unit, ind.band)  # not materialised: on demand
        start = time.perf_counter()
        scorer.score(indicator_id, int(period), level, band=band)
        ms.append((time.perf_counter() - start) * 1000)
    mean = statistics.fmean(ms)
    return {
        "sampled": len(sample),
        "ms_mean": round(mean, 1),
        "ms_median": round(statistics.median(ms), 1),
        "total_work": len(work),
        "seconds_extrapolated": round(mean * len(work) / 1000, 1),
        "peak_mb": round(peak_mb()),
    }


# -- comparison ----------------------------------------------------------------------


def ours_frame(db: Path) -> pd.DataFrame:
    from monitor.store import Store
    from monitor.store.materialised import every_row

    store = Store(f"sqlite:///{db}")
    fields = ["indicator_id", "period", "level", "nap", "spread"]
    found = every_row(store, fields)
    store.engine.dispose()
    columns = ["indicator_id", "period", "level", "area_id", "value", "z", "klasse"]
    return found[[*columns, "reden_code", "nap", "spread"]]


def compare(ours: pd.DataFrame, theirs: pd.DataFrame) -> dict[str, Any]:
    """Mismatches per column (floats: relative 1e-9), keyed by indicator, period, level
    and area; rows only one side has count as missing."""
    theirs = theirs.assign(level=[LEVEL_NAMES[int(k)] for k in theirs["lvl"]])
    key = ["indicator_id", "period", "level", "area_id"]
    both = ours.merge(theirs, on=key, how="outer", suffixes=("", "_duck"), indicator=True)
    only = both["_merge"].value_counts().to_dict()
    both = both[both["_merge"] == "both"]
    out: dict[str, Any] = {
        "rows_compared": len(both),
        "rows_only_ours": int(only.get("left_only", 0)),
        "rows_only_duckdb": int(only.get("right_only", 0)),
        "mismatches": {},
    }
    examples = []
    for column in ("klasse", "reden_code", "value", "z", "nap", "spread"):
        a, b = both[column], both[f"{column}_duck"]
        if column in ("klasse", "reden_code"):
            differ = a.astype(object).to_numpy() != b.astype(object).to_numpy()
        else:
            x, y = a.to_numpy(dtype=float), b.to_numpy(dtype=float)
            close = np.isclose(x, y, rtol=1e-9, atol=1e-12) | (np.isnan(x) & np.isnan(y))
            differ = ~close
        out["mismatches"][column] = int(differ.sum())
        if differ.any():
            row = both[differ].iloc[0]
            examples.append({k: _plain(row[k]) for k in [*key, column, f"{column}_duck"]})
    out["total_mismatches"] = sum(out["mismatches"].values()) + sum(
        out[k] for k in ("rows_only_ours", "rows_only_duckdb")
    )
    out["examples"] = examples
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        value = value.item()
    return None if isinstance(value, float) and value != value else value


# -- the benchmark -------------------------------------------------------------------


def bbga_rebuild(work: Path, profile: bool) -> dict[str, Any]:
    import pyarrow.parquet as pq

    what = {
        "what": "full materialised rebuild (monitor.scoring.materialise.rebuild, every "
        "non-forecast indicator × period × level, inside Store.begin incl. commit) on the "
        "real BBGA gebieden + stadsdelen extracts in SQLite; peer: the same classes in DuckDB "
        "SQL window functions (bench/duck.py) on the same measurements read from the same "
        "file; per request: Scorer.score on demand (forced by an explicit band) for a "
        f"sample of {SAMPLE} indicator-period-levels, extrapolated to all",
        "target_seconds": TARGET_SECONDS,
        "target_vs_duckdb": TARGET_VS_DUCKDB,
    }
    if reason := available():
        return what | {"skipped": reason}
    db = work / "bbga.sqlite"
    start = time.perf_counter()
    setup = make_store(db)
    setup["seconds"] = round(time.perf_counter() - start, 1)
    print(f"bbga_rebuild: store in {setup['seconds']} s; rebuild …", flush=True)
    load_before = load()
    ours = measure("bbga.step_rebuild", db, work)
    print(f"  rebuild {ours['seconds_median']} s; duckdb …", flush=True)
    duck = measure("bbga.step_duckdb", db, work / "duck.parquet")
    print(f"  duckdb {duck['seconds_median']} s; per request …", flush=True)
    per_request = measure("bbga.step_per_request", db, work)
    print(f"  per request ~{per_request['seconds_extrapolated']} s; comparing …", flush=True)
    load_after = load()
    agreement = compare(ours_frame(db), pq.read_table(work / "duck.parquet").to_pandas())
    compute_ours = ours["phases_mean_seconds"]["compute"]
    vs_duck = ours["seconds_median"] / duck["seconds_median"]
    return what | {
        "setup": setup,
        "load_before": load_before,
        "load_after": load_after,
        "ours": ours,
        "duckdb": duck,
        "per_request": per_request,
        "agreement": agreement,
        "ours_vs_duckdb": round(vs_duck, 2),
        "ours_compute_vs_duckdb_compute": round(compute_ours / duck["compute_seconds_median"], 2),
        "per_request_vs_ours": round(per_request["seconds_extrapolated"] / ours["seconds_median"]),
        "meets_target": ours["seconds_median"] <= TARGET_SECONDS and vs_duck <= TARGET_VS_DUCKDB,
    }
