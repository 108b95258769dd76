"""points_ingest: 1,000,000 meldingen (a plain ``datum;categorie;lat;lon`` CSV, generated
deterministically over a synthetic grid of 2,500 buurten of 250 m) checked, assigned to
their buurt, published with their indicators (``monitor.points.check_points`` +
``publish_points``, as ``monitor import punten`` runs them) and counted per buurt ×
category × month (``monitor.points_table.point_table``); target ≤ 20 s. The peer in the
same run: a naive ``pandas.read_csv`` + ``geopandas.sjoin`` + ``groupby`` of the same
points over the same grid (no checks, nothing stored).

Each side runs in its own process (``bench.common.measure``); generating the file and
the store is not timed.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np

from bench.common import Phases, count_rows, cpu_seconds, load, measure, peak_mb

TARGET_SECONDS = 20
CATEGORIES = ("afval", "openbare ruimte", "overlast", "verkeer")
#: The grid of ``bench.run.make_store``: RD origin and size of 50 × 50 buurten of 250 m.
X0, Y0, SIDE = 60_000.0, 520_000.0, 50 * 250.0
#: Share of points just outside the grid (reported, not stored).
OUTSIDE = 0.01


def make_points_csv(path: Path, rows: int, seed: int = 7) -> int:
    """``datum;categorie;lat;lon``: two years of dates, four categories, points uniform
    over the grid (1% in a band outside it), WGS84 with six decimals."""
    import pandas as pd
    from pyproj import Transformer

    rng = np.random.default_rng(seed)
    x = X0 + rng.uniform(0, SIDE, rows)
    y = Y0 + rng.uniform(0, SIDE, rows)
    out = rng.random(rows) < OUTSIDE
    x[out] = X0 - rng.uniform(10, 2_000, int(out.sum()))
    lon, lat = Transformer.from_crs(28992, 4326, always_xy=True).transform(x, y)
    days = rng.integers(0, 730, rows)
    dates = (np.datetime64("2024-01-01") + days.astype("timedelta64[D]")).astype(str)
    frame = pd.DataFrame(
        {
            "datum": dates,
            "categorie": np.array(CATEGORIES)[rng.integers(0, len(CATEGORIES), rows)],
            "lat": np.round(lat, 6),
            "lon": np.round(lon, 6),
        }
    )
    frame.to_csv(path, sep=";", index=False, float_format="%.6f")
    return rows


def step_ours(csv: Path, db: Path, profile: bool) -> dict[str, Any]:
    """Check + publish (with the indicators) + the monthly table, as the CLI runs them."""
    import monitor.points
    import monitor.store.bulk
    from monitor import points_table
    from monitor.store import Store

    store = Store(f"sqlite:///{db}")
    phases = Phases()
    phases.wrap(monitor.points, "read_points", "read + check")
    phases.wrap(monitor.points, "assign", "point in buurt")
    phases.wrap_context(store, "begin", "publish transaction")
    phases.wrap(monitor.store.bulk, "insert_frame", "publish: bulk insert", reset_peak=False)
    phases.wrap(
        monitor.points, "publish_indicators", "publish: indicators + scores", reset_peak=False
    )
    phases.wrap(points_table, "point_table", "table per month")
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    start, cpu = time.perf_counter(), cpu_seconds()
    checked = monitor.points.check_points(store, csv, "meldingen")
    monitor.points.publish_points(store, checked, uploader="bench", data_dir=db.parent / "data")
    table = points_table.point_table(store, store.division_id(), per="maand")
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    if profile:
        import pstats
        import sys

        profiler.disable()
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(40)
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(25)
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "peak_mb": max(peak_mb(), phases.peak_mb),
        "phases": phases.found,
        "inside": len(checked.frame),
        "outside": len(checked.outside),
        "table_rows": len(table),
        "table_total": int(table["count"].sum()),
    }


def step_naive(csv: Path, db: Path, profile: bool) -> dict[str, Any]:
    """The peer: read_csv, points_from_xy, sjoin with the buurten, groupby month."""
    import geopandas as gpd
    import pandas as pd

    from monitor.area_geometry import areas_geodataframe
    from monitor.store import Store

    store = Store(f"sqlite:///{db}")
    buurten = areas_geodataframe(store, store.division_id(), "buurt", display=False)
    store.engine.dispose()
    start, cpu = time.perf_counter(), cpu_seconds()
    frame = pd.read_csv(csv, sep=";")
    points = gpd.GeoDataFrame(
        frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs=4326
    )
    joined = gpd.sjoin(points, buurten[["code", "geometry"]], predicate="intersects")
    joined = joined[~joined.index.duplicated()]
    month = pd.to_datetime(joined["datum"]).dt.strftime("%Y-%m")
    table = joined.groupby(["code", "categorie", month]).size()
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "peak_mb": peak_mb(),
        "inside": len(joined),
        "table_rows": len(table),
        "table_total": int(table.sum()),
    }


def points_ingest(work: Path, rows: int, profile: bool) -> dict[str, Any]:
    from bench.run import make_store

    store = work / "store.sqlite"
    make_store(store)
    csv = work / f"meldingen_{rows}.csv"
    make_points_csv(csv, rows)
    print(f"points_ingest: {rows:,} meldingen, {csv.stat().st_size / 1e6:.0f} MB; ours …")
    load_before = load()
    ours = measure("points.step_ours", csv, store, profile)
    stored = count_rows(store, "points")
    assert stored == ours["inside"], "not every point inside a buurt was stored"
    assert ours["table_total"] == ours["inside"], "the table does not count every point"
    print(f"  ours {ours['seconds']:.1f} s, {ours['peak_mb']:.0f} MB; naive …", flush=True)
    naive = measure("points.step_naive", csv, store)
    assert naive["inside"] == ours["inside"], (naive["inside"], ours["inside"])
    assert naive["table_total"] == ours["table_total"]
    print(f"  naive {naive['seconds']:.1f} s, {naive['peak_mb']:.0f} MB", flush=True)

    def summary(result: dict[str, Any]) -> dict[str, Any]:
        return {
            "seconds": round(result["seconds"], 2),
            "cpu_seconds": round(result["cpu_seconds"], 2),
            "rows_per_s": round(rows / result["seconds"]),
            "peak_mb": round(result["peak_mb"]),
        }

    return (
        {"rows": rows, "inside": ours["inside"], "outside": ours["outside"]}
        | summary(ours)
        | {
            "what": "monitor.points.check_points + publish_points (points, indicators and "
            "their scores in one transaction) + points_table.point_table per month, of a "
            "datum;categorie;lat;lon CSV into SQLite (2,500 buurten of 250 m, empty store)",
            "target_seconds": TARGET_SECONDS,
            "meets_target": ours["seconds"] <= TARGET_SECONDS,
            "load_before": load_before,
            "load_after": load(),
            "phases": ours["phases"],
            "naive_baseline": summary(naive)
            | {
                "what": "pandas.read_csv + geopandas.sjoin + groupby per buurt × category × "
                "month of the same file; no checks, no keys, nothing stored"
            },
            "ours_vs_naive": round(ours["seconds"] / naive["seconds"], 2),
        }
    )
