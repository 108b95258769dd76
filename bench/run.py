"""Benchmarks; ``make bench`` runs them all and writes ``bench/results.json``.

``python -m bench.run --only ingest_1m`` runs one (the other entries in results.json stay),
``--rows`` makes the file smaller for a quick try, ``--profile`` prints a cProfile of our
pipeline, ``--scale`` sizes national_synthetic (1 = 14 M measurements: ~6 minutes of CPU,
12–40 minutes on a shared 2-CPU machine at load 5–18, 1.6 GB; 0.05 for a quick try),
``--postgres`` runs it on the local PostgreSQL (much slower: the server's ``COPY``).
Each measured step runs in a fresh Python process, so its wall time and
peak RSS (``ru_maxrss``, imports included) are its own; a step ``module.function`` is
``bench/module.py``'s function(a, b, profile). To add a benchmark, write a function of the
parsed arguments that returns a dict and add it to ``BENCHMARKS``. After a run
``bench/table.py`` rewrites the speed table in ``bench/README.md``.

ingest_1m: parse + validate + publish (``monitor.ingest.upload.check`` + ``publish``) of a
generated 1,000,000-row long meetingen CSV into a SQLite store with 2,500 synthetic
buurten and the Voorbeeldstad catalogue, against a naive baseline (``pandas.read_csv`` +
``DataFrame.to_sql`` into a fresh SQLite file) on the same CSV; the publish includes the
score rebuild (timed as its own phase).

bbga_rebuild (``bench/bbga.py``, ``bench/duck.py``): the full materialised rebuild on the
real BBGA extracts against the same classes in DuckDB SQL (checked value by value) and
the per-request path. page_render (``bench/pages.py``): every page's layout and load
callbacks on that store. national_synthetic (``bench/national.py``): a national store.

kaart_switch (``bench/kaart.py``): the map page on the 481 buurten of the real Amsterdam
2015 division (``../shared/data``; skipped without it): server time and bytes of the
``restyle`` callback per indicator or year switch, against a naive plotly choropleth
rebuilt with geometry per switch, and the bytes headless Chromium receives loading the page.

signals_all (``bench/signals.py``): Signalen for 2,500 buurten × 10 categories (≤ 5 s).

points_ingest (``bench/points.py``): 1,000,000 meldingen (``datum;categorie;lat;lon``)
checked, assigned to 2,500 grid buurten, published with their indicators and counted per
month (≤ 20 s), against a naive ``geopandas.sjoin`` + ``groupby`` of the same points.
points_map (``bench/points_map.py``): 100,000 meldingen in the Kaart's clustered point
layer in headless Chromium: time to first render, and frame times (requestAnimationFrame
deltas: median, p95) while the mouse pans and zooms the map (smooth: p95 ≤ 50 ms).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from bench import bbga, loadtest, national, pages, points_map, table
from bench import points as points_bench
from bench import signals as signals_bench
from bench.common import (
    Phases,
    checkpoint_after,
    children_cpu_seconds,
    children_peak_mb,
    count_rows,
    cpu_seconds,
    host_reference,
    load,
    measure,
    peak_mb,
    rss_mb,
)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results.json"
TARGET_SECONDS = 20
TARGET_VS_NAIVE = 2.5
TARGET_PEAK_MB = 1536
#: Values per unit of the demo catalogue: (low, high, decimals); all within validation's ranges.
RANGES = {
    "%": (0.5, 60.0, 1),
    "rapportcijfer": (4.0, 9.5, 1),
    "aantal": (100, 6000, 0),
    "€": (15_000, 60_000, 0),
    "index": (40.0, 200.0, 0),
}


# -- set-up (not measured) -----------------------------------------------------------


def make_store(path: Path, side: int = 50) -> list[str]:
    """A SQLite store with a side×side grid of 250 m buurten; returns their codes."""
    import geopandas as gpd
    import shapely

    from monitor import catalog, demo
    from monitor.areas import write_areas
    from monitor.store import Store

    store = Store(f"sqlite:///{path}")
    store.upgrade()
    catalog.save(store, catalog.load_toml(demo.CATALOG))
    x0, y0, size = 60_000.0, 520_000.0, 250.0  # RD New, in the North Sea like the demo city
    cells = [(i, j) for j in range(side) for i in range(side)]
    codes = [f"B{k + 1:04d}" for k in range(len(cells))]
    grid = gpd.GeoDataFrame(
        {"code": codes, "name": [f"Rasterbuurt {k + 1}" for k in range(len(cells))]},
        geometry=[
            shapely.box(x0 + i * size, y0 + j * size, x0 + (i + 1) * size, y0 + (j + 1) * size)
            for i, j in cells
        ],
        crs="EPSG:28992",
    )
    write_areas(store, grid, "buurt", division="bench", gemeente="Benchstad", fictional=True)
    store.set_setting("active_division", "bench")
    store.engine.dispose()
    return codes


def make_csv(path: Path, codes: list[str], rows: int, seed: int = 1) -> int:
    """A long meetingen CSV (``gebiedcode;indicator;periode;waarde``, decimal commas):
    every buurt × the first 16 demo indicators × as many years back from 2024 as needed,
    with ~1% empty and ~0.2% suppressed (``x``) values. Returns the number of rows."""
    from monitor import catalog, demo

    indicators = catalog.load_toml(demo.CATALOG).indicators[:16]
    years = -(-rows // (len(codes) * len(indicators)))
    rng = np.random.default_rng(seed)
    lines = ["gebiedcode;indicator;periode;waarde"]
    for ind in indicators:
        low, high, decimals = RANGES[ind.unit]
        for year in range(2025 - years, 2025):
            values = np.round(rng.uniform(low, high, len(codes)), decimals)
            cells = [f"{v:.{decimals}f}".replace(".", ",") for v in values]
            for k in np.flatnonzero(rng.random(len(codes)) < 0.012):
                cells[k] = "x" if k % 6 == 0 else ""
            lines += [f"{c};{ind.id};{year};{v}" for c, v in zip(codes, cells, strict=True)]
    del lines[rows + 1 :]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines) - 1


# -- measured steps (each in its own process) ----------------------------------------


def step_ours(csv: Path, db: Path, profile: bool) -> dict[str, Any]:
    import monitor.forked
    import monitor.store
    import monitor.store.bulk
    from monitor.ingest import upload
    from monitor.scoring import materialise, passes
    from monitor.store import Store

    store = Store(f"sqlite:///{db}")
    phases = Phases()
    phases.wrap(upload, "parse_bytes", "parse")
    phases.wrap(upload, "validate", "validate")
    phases.wrap(upload, "preview", "preview")
    phases.wrap(upload, "store_original", "store_original")
    phases.wrap_context(store, "begin", "transaction")  # upload row, supersede, insert, commit
    phases.wrap(monitor.store.bulk, "insert_frame", "transaction: bulk insert", reset_peak=False)
    # The score rebuild runs inside the transaction, before the commit (materialise.refresh).
    phases.wrap(passes, "load_inputs", "transaction: score rebuild: read", reset_peak=False)
    phases.wrap(passes, "compute", "transaction: score rebuild: compute", reset_peak=False)
    phases.wrap(passes, "pack", "transaction: score rebuild: pack", reset_peak=False)
    # A first import on SQLite: while its scores are computed (in a forked child, or in a
    # thread beside the computation here).
    phases.wrap(
        monitor.store.bulk, "build_late_indexes", "transaction: late indexes", reset_peak=False
    )
    phases.wrap(materialise, "write_scores", "transaction: score rebuild: write", reset_peak=False)
    # A first import is scored in a forked child (monitor.scoring.first_import): its own
    # memory is its peak beyond the pages it shared with this process at the fork.
    forks: list[float] = []
    real_fork = monitor.forked.Forked

    def forking(function: Any) -> Any:
        forks.append(rss_mb())
        return real_fork(function)

    monitor.forked.Forked = forking

    def rescore(store: Any, conn: Any) -> Any:
        with phases.timing("transaction: score rebuild", reset_peak=False):
            return materialise.refresh(store, conn)

    monitor.store.RESCORERS[:] = [rescore]
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    start, cpu = time.perf_counter(), cpu_seconds() + children_cpu_seconds()
    checked = upload.check(store, csv.read_bytes(), csv.name)
    if not checked.report.ok:
        raise SystemExit("\n".join(checked.report.lines()[:10]))
    upload.publish(
        store, checked, uploader="bench", confirm_changes=True, data_dir=db.parent / "data"
    )
    seconds = time.perf_counter() - start
    cpu = cpu_seconds() + children_cpu_seconds() - cpu
    checkpointed = checkpoint_after()
    if profile:
        import pstats

        profiler.disable()
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(40)
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(25)
    # Both processes at once, at most: this one's peak and the child's own growth.
    child = max(children_peak_mb() - forks[0], 0.0) if forks else 0.0
    peak = max(peak_mb(), phases.peak_mb) + child
    return {
        "seconds": seconds,
        # this process's CPU and the forked child's (ended: counted in RUSAGE_CHILDREN)
        "cpu_seconds": cpu,
        "peak_mb": peak,
        "forked_child": {"rss_at_fork_mb": round(forks[0]), "own_peak_mb": round(child)}
        if forks
        else None,
        "phases": phases.found,
        "checkpoint_after_seconds": checkpointed,
    }


def step_naive(csv: Path, db: Path) -> dict[str, Any]:
    import pandas as pd

    start, cpu = time.perf_counter(), cpu_seconds()
    frame = pd.read_csv(csv, sep=";", decimal=",", dtype={"gebiedcode": str})
    with sqlite3.connect(db) as conn:
        frame.to_sql("meetingen", conn, index=False)
    conn.close()
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    return {"seconds": seconds, "cpu_seconds": cpu, "peak_mb": peak_mb()}


# -- benchmarks ----------------------------------------------------------------------


def ingest_1m(rows: int, profile: bool) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        store = work / "store.sqlite"
        codes = make_store(store)
        csv = HERE / f"meetingen_{rows}.csv"
        rows = make_csv(csv, codes, rows)
        print(f"ingest_1m: {rows:,} rows, {csv.stat().st_size / 1e6:.0f} MB; ours …", flush=True)
        load_before = load()
        ours = measure("ours", csv, store, profile)
        assert count_rows(store, "measurements") == rows, "not every row was published"
        assert count_rows(store, "score_rows") > 0, "the publish scored nothing"
        print(f"  ours {ours['seconds']:.1f} s, {ours['peak_mb']:.0f} MB; naive …", flush=True)
        naive = measure("naive", csv, work / "naive.sqlite")
        assert count_rows(work / "naive.sqlite", "meetingen") == rows
        print(f"  naive {naive['seconds']:.1f} s, {naive['peak_mb']:.0f} MB", flush=True)
        csv.unlink()

    def summary(result: dict[str, Any]) -> dict[str, Any]:
        return {
            "rows": rows,
            "seconds": round(result["seconds"], 2),
            "cpu_seconds": round(result["cpu_seconds"], 2),
            "rows_per_s": round(rows / result["seconds"]),
            "peak_mb": round(result["peak_mb"]),
        }

    rebuild = ours["phases"]["transaction: score rebuild"]["seconds"]
    return summary(ours) | {
        "what": "monitor.ingest.upload.check + publish of a long meetingen CSV into SQLite "
        "(2,500 buurten, empty store); peak = max RSS of the process, imports included",
        "target_seconds": TARGET_SECONDS,
        "target_peak_mb": TARGET_PEAK_MB,
        "target_vs_naive": TARGET_VS_NAIVE,
        "load_before": load_before,
        "load_after": load(),
        "meets_target": ours["seconds"] < TARGET_SECONDS
        and ours["peak_mb"] < TARGET_PEAK_MB
        and ours["seconds"] / naive["seconds"] <= TARGET_VS_NAIVE,
        "phases": ours["phases"],
        "naive_baseline": summary(naive)
        | {"what": "pandas.read_csv + DataFrame.to_sql into a fresh SQLite file, no checks"},
        "speedup_vs_naive": round(naive["seconds"] / ours["seconds"], 2),
        "ours_vs_naive": round(ours["seconds"] / naive["seconds"], 2),
        "score_rebuild_seconds": rebuild,
        # The upload has its answer at the commit; SQLite's checkpoint of the WAL runs
        # after it in a thread (a command waits for it before it exits).
        "checkpoint_after_seconds": ours["checkpoint_after_seconds"],
        # A first import is scored in a forked child while its rows are inserted
        # (monitor.scoring.first_import): its memory beyond what it shares with this
        # process is in peak_mb, its CPU in cpu_seconds.
        "forked_child": ours["forked_child"],
        # The naive baseline scores nothing: our time without the score rebuild, honestly
        # beside the full one (both against the same naive run). With the scores computed
        # in the child, the rebuild here is the wait for its pass (the measurements'
        # indexes are rebuilt meanwhile) and the write of the scores.
        "seconds_without_score_rebuild": round(ours["seconds"] - rebuild, 2),
        "ours_without_score_rebuild_vs_naive": round(
            (ours["seconds"] - rebuild) / naive["seconds"], 2
        ),
        "peak_vs_naive": round(ours["peak_mb"] / naive["peak_mb"], 2),
    }


TARGET_SWITCH_MS = 50
TARGET_SWITCH_KB = 30
TARGET_PAGE_MB = 2


def kaart_switch(rows: int, profile: bool) -> dict[str, Any]:
    from bench import kaart

    what = {
        "what": "kaart page, 481 buurten of the real Amsterdam 2015 division (OIS BEVTOTAAL "
        "2014-2018 + 3 synthetic percentages, 5 years): (a) restyle callback per indicator "
        "or year switch, POST /_dash-update-component to app.server (Flask test client); "
        "(b) naive: plain Dash app rebuilding a go.Choroplethmap with the same display "
        "geometry per switch; (c) headless Chromium loading the kaart page at buurt level",
        "target_switch_ms": TARGET_SWITCH_MS,
        "target_switch_kb": TARGET_SWITCH_KB,
        "target_page_mb": TARGET_PAGE_MB,
    }
    if reason := kaart.available():
        return what | {"skipped": reason}
    with tempfile.TemporaryDirectory(prefix="bench-kaart-") as tmp:
        work = Path(tmp)
        db = work / "store.sqlite"
        start = time.perf_counter()
        setup = kaart.make_store(db, work / "data")
        print(f"kaart_switch: store in {time.perf_counter() - start:.1f} s; ours …", flush=True)
        env = {
            "MONITOR_DATABASE_URL": f"sqlite:///{db}",
            "MONITOR_DATA_DIR": str(work / "data"),
            "MONITOR_TILE_URL": "",
            # The demo's settings: the map readable without a login, plain http.
            "MONITOR_PUBLIC_READ": "1",
            "MONITOR_COOKIE_SECURE": "0",
        }
        ours = measure("kaart_ours", db, work, profile, env)
        print(f"  ours {ours['ms_median']} ms, {ours['kb_max']} KB; naive …", flush=True)
        naive = measure("kaart_naive", db, work, env=env)
        print(f"  naive {naive['ms_median']} ms, {naive['kb_max']} KB; browser …", flush=True)
        browser = measure("kaart_browser", db, work, env=env)
        if "skipped" not in browser:
            print(f"  browser {browser['bytes_until_all_drawn_and_idle'] / 1e6:.2f} MB", flush=True)

    sent = browser.pop("restyle_payload", None)
    if sent is not None:  # our POST body has the keys and ids of the one the browser sends
        ours_body = kaart.restyle_body(sent["output"], *kaart.switches(setup["indicators"])[0])
        browser["payload_matches_ours"] = sorted(sent) == sorted(ours_body) and all(
            [(i["id"], i["property"]) for i in sent[k]]
            == [(i["id"], i["property"]) for i in ours_body[k]]
            for k in ("outputs", "inputs", "state")
        )
    ours["meets_target"] = (
        ours["ms_median"] < TARGET_SWITCH_MS
        and ours["kb_max"] < TARGET_SWITCH_KB
        and ours["responses_with_coordinates"] == 0
    )
    if "skipped" not in browser:
        browser["meets_target"] = browser["bytes_until_all_drawn_and_idle"] < TARGET_PAGE_MB * 1e6
    return (
        what
        | {"setup": setup, "switch": ours, "naive_baseline": naive, "page_load": browser}
        | {
            "naive_vs_ours_time": round(naive["ms_median"] / ours["ms_median"], 1),
            "naive_vs_ours_bytes": round(naive["kb_median"] / ours["kb_median"], 1),
            "meets_target": ours["meets_target"] and browser.get("meets_target", True),
        }
    )


def run_step(name: str, a: Path, b: Path, profile: bool) -> dict[str, Any]:
    if "." in name:  # ``module.function`` in ``bench/``: function(a, b, profile)
        module, function = name.split(".")
        return getattr(importlib.import_module(f"bench.{module}"), function)(a, b, profile)
    if name == "ours":
        return step_ours(a, b, profile)
    if name == "naive":
        return step_naive(a, b)
    from bench import kaart

    indicators = [s[0] for s in kaart.SYNTHETIC]
    if name == "kaart_ours":
        return kaart.step_ours(indicators, profile)
    if name == "kaart_naive":
        return kaart.step_naive(indicators)
    if name == "kaart_browser":
        return kaart.step_browser(indicators[0], b)
    raise SystemExit(f"unknown step {name}")


def in_temporary(function: Callable[[Path, bool], dict[str, Any]], prefix: str) -> Benchmark:
    def run(args: argparse.Namespace) -> dict[str, Any]:
        with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
            return function(Path(tmp), args.profile)

    return run


Benchmark = Callable[[argparse.Namespace], dict[str, Any]]
BENCHMARKS: dict[str, Benchmark] = {
    "ingest_1m": lambda args: ingest_1m(args.rows, args.profile),
    "kaart_switch": lambda args: kaart_switch(args.rows, args.profile),
    "bbga_rebuild": in_temporary(bbga.bbga_rebuild, "bench-bbga-"),
    "page_render": in_temporary(pages.page_render, "bench-pages-"),
    "signals_all": in_temporary(signals_bench.signals_all, "bench-signals-"),
    "points_ingest": lambda args: in_temporary(
        lambda work, profile: points_bench.points_ingest(work, args.rows, profile),
        "bench-points-",
    )(args),
    "points_map": in_temporary(points_map.points_map, "bench-points-"),
    "national_synthetic": lambda args: in_temporary(
        lambda work, profile: national.national_synthetic(work, profile, args.scale, args.postgres),
        "bench-national-",
    )(args),
    "load": lambda args: loadtest.run(args.seconds),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", choices=sorted(BENCHMARKS))
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--profile", action="store_true", help="cProfile our pipeline")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="national_synthetic: share of the full size"
    )
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="national_synthetic on the local PostgreSQL (database bench_national)",
    )
    parser.add_argument(
        "--seconds", type=float, default=60.0, help="load: how long the readers read"
    )
    parser.add_argument("--step", nargs=3, metavar=("NAME", "A", "B"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:  # inside a measuring subprocess: one JSON line on stdout
        name, a, b = args.step[0], Path(args.step[1]), Path(args.step[2])
        print(json.dumps(run_step(name, a, b, args.profile)))
        return
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results |= {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpu_count": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average_before": [round(x, 2) for x in os.getloadavg()],
        },
    }
    benchmarks = results.setdefault("benchmarks", {})
    for name in args.only or BENCHMARKS:
        postgres = name == "national_synthetic" and args.postgres
        before = host_reference()
        entry = BENCHMARKS[name](args)
        entry["host_reference_seconds"] = [before, host_reference()]
        benchmarks[name + ("_postgresql" if postgres else "")] = entry
    results["machine"]["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    table.write(RESULTS)
    print(f"wrote {RESULTS.relative_to(ROOT)} and bench/README.md")


if __name__ == "__main__":
    main()
