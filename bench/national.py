"""national_synthetic: a national store at a chosen scale (``--scale``, 1 = full).

At scale 1: 14,000 buurten, 3,300 wijken, 342 gemeenten (generated 100 m squares and
their bounding boxes) in one division, each gemeente a ``gemeente`` area (its wijken name
it, its buurten follow their wijk), so every buurt and wijk is scored against its own
gemeente (the default reference level). 100 indicators × 10 years of buurt values = 14 M
measurements, in SQLite or (``--postgres``) PostgreSQL.

Measured, each in a fresh process: the import (areas through ``monitor.areas.write_areas``,
measurements through ``Store.publish`` as one upload fed in indicator chunks, whose
transaction scores them), a full rebuild, the map switch (the kaart ``restyle`` callback
at gemeente level, the national view of 342 areas, and at buurt level for the whole
country, through the Flask test client; and the scores of one gemeente's buurten as a map
of that gemeente reads them), the profile data of one buurt
(``monitor.profile.area_profile`` inside a request scope, as a page's request reads it,
and the one query under it); peak RSS and the store's size on disk.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from bench.common import (
    Phases,
    checkpoint_after,
    children_cpu_seconds,
    children_peak_mb,
    cpu_seconds,
    load,
    measure,
    peak_mb,
)

FULL = {"buurten": 14_000, "wijken": 3_300, "gemeenten": 342}
INDICATORS = 100
YEARS = list(range(2015, 2025))
SIZE_M = 100.0
POLARITIES = ("hoger-beter", "lager-beter", "neutraal")
#: Issue 12's targets at full scale (wall seconds, MB, ms).
TARGETS = {
    "import_seconds": 240,
    "rebuild_seconds": 60,
    "peak_mb": 4096,
    "one_gemeente_ms": 30,
    "profile_ms": 50,
}
#: Indicators per chunk of the import (one upload, fed chunk by chunk).
CHUNK_INDICATORS = 10
PROFILE_RUNS = 5


#: ``--postgres``: a fresh database of this name on the local server (dropped first).
POSTGRES = "postgresql://postgres@127.0.0.1:5432/"
POSTGRES_DB = "bench_national"


def _url(db: Path, work: Path) -> str:
    """The store: SQLite at ``db``, or the PostgreSQL URL the plan names."""
    return json.loads((work / "plan.json").read_text()).get("url") or f"sqlite:///{db}"


def fresh_postgres() -> str:
    import psycopg

    with psycopg.connect(POSTGRES + "test", autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{POSTGRES_DB}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{POSTGRES_DB}"')
    return POSTGRES + POSTGRES_DB


def drop_postgres() -> None:
    """The benchmark's database is dropped after the run (its size is measured first)."""
    import psycopg

    with psycopg.connect(POSTGRES + "test", autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{POSTGRES_DB}" WITH (FORCE)')


def _size_mb(db: Path, work: Path) -> float:
    url = _url(db, work)
    if url.startswith("sqlite"):
        return round(sum(p.stat().st_size for p in work.glob(db.name + "*")) / 1e6, 1)
    import psycopg

    with psycopg.connect(url) as conn:
        size = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
    return round(size / 1e6, 1)


def _server_cpu(db: Path, work: Path) -> float | None:
    """PostgreSQL: CPU seconds (user + system, from /proc) of the server backends this
    step's connections still hold open (its pool), read at the step's end; None on
    SQLite. Parallel workers and closed connections are not counted: a lower bound."""
    url = _url(db, work)
    if url.startswith("sqlite"):
        return None
    import psycopg

    query = (
        "SELECT pid FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
    )
    with psycopg.connect(url) as conn:
        pids = [pid for (pid,) in conn.execute(query)]
    tick, total = os.sysconf("SC_CLK_TCK"), 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # gone, or the server runs elsewhere
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return round(total, 2)


def plan(scale: float) -> dict[str, int]:
    return {k: max(1, round(v * scale)) for k, v in FULL.items()}


def _codes(prefix: str, count: int) -> list[str]:
    return [f"{prefix}{k:05d}" for k in range(count)]


def _frames(counts: dict[str, int]) -> dict[str, Any]:
    """Square buurten on a grid; wijken and gemeenten as contiguous runs of them, each
    with the bounding box of its children as its shape."""
    import geopandas as gpd
    import shapely

    b, w, g = counts["buurten"], counts["wijken"], counts["gemeenten"]
    side = int(np.ceil(np.sqrt(b)))
    x0, y0 = 10_000.0, 300_000.0  # RD New
    i, j = np.arange(b) % side, np.arange(b) // side
    boxes = shapely.box(
        x0 + i * SIZE_M, y0 + j * SIZE_M, x0 + (i + 1) * SIZE_M, y0 + (j + 1) * SIZE_M
    )
    wijk_of = np.arange(b) * w // b
    gemeente_of_wijk = np.arange(w) * g // w
    buurt, wijk, gemeente = _codes("BU", b), _codes("WK", w), _codes("GM", g)

    def hull(groups: np.ndarray, count: int) -> list[Any]:
        return [shapely.box(*shapely.total_bounds(boxes[groups == k])) for k in range(count)]

    crs = "EPSG:28992"
    return {
        "gemeente": gpd.GeoDataFrame(
            {"code": gemeente, "name": [f"Gemeente {c}" for c in gemeente]},
            geometry=hull(gemeente_of_wijk[wijk_of], g),
            crs=crs,
        ),
        "wijk": gpd.GeoDataFrame(
            {
                "code": wijk,
                "name": [f"Wijk {c}" for c in wijk],
                "gemeente_code": [gemeente[k] for k in gemeente_of_wijk],
            },
            geometry=hull(wijk_of, w),
            crs=crs,
        ),
        "buurt": gpd.GeoDataFrame(
            {
                "code": buurt,
                "name": [f"Buurt {c}" for c in buurt],
                "wijk_code": [wijk[k] for k in wijk_of],
            },
            geometry=list(boxes),
            crs=crs,
        ),
    }


def _catalogue() -> list[dict[str, Any]]:
    from monitor import catalog_bbga

    rows = []
    for k in range(INDICATORS):
        row = catalog_bbga.guess_indicator(f"NAT{k:03d}_P").row()
        row |= {"label_nl": f"Landelijke indicator {k}", "polarity": POLARITIES[k % 3]}
        row |= {"aggregation": "gewogen-gemiddelde", "domain": "overig"}
        rows.append(row)
    return rows


def _measurement_chunks(area_ids: np.ndarray, phases: Phases) -> Iterator[Any]:
    """The buurt values, CHUNK_INDICATORS indicators at a time (generation timed apart)."""
    import pandas as pd

    for first in range(0, INDICATORS, CHUNK_INDICATORS):
        with phases.timing("generate", reset_peak=False):
            count = min(CHUNK_INDICATORS, INDICATORS - first)
            rng = np.random.default_rng([14, first])
            size = area_ids.size * count * len(YEARS)
            ids = np.array([f"NAT{k:03d}_P" for k in range(first, first + count)], dtype=object)
            frame = pd.DataFrame(
                {
                    "area_id": np.tile(area_ids, count * len(YEARS)),
                    "indicator_id": np.repeat(ids, area_ids.size * len(YEARS)),
                    "period": np.tile(np.repeat(np.array(YEARS), area_ids.size), count),
                    "value": np.round(rng.uniform(1.0, 60.0, size), 1),
                }
            )
        yield frame


def step_import(db: Path, work: Path, profile: bool) -> dict[str, Any]:
    import monitor.scoring
    import monitor.store
    from monitor.areas import write_areas
    from monitor.scoring import materialise, passes
    from monitor.store import Store

    counts = json.loads((work / "plan.json").read_text())
    store = Store(_url(db, work))
    store.upgrade()
    frames = _frames(counts)
    phases = Phases()
    start, cpu = time.perf_counter(), cpu_seconds()
    with phases.timing("areas"):
        # Every gemeente of the country a gemeente area of one division: each buurt and
        # wijk is scored against its own gemeente.
        write_areas(store, frames["gemeente"], "gemeente", division="nl", fictional=True)
        write_areas(store, frames["wijk"], "wijk", division="nl", fictional=True)
        write_areas(store, frames["buurt"], "buurt", division="nl", fictional=True)
    store.set_setting("active_division", "nl")
    with phases.timing("catalogue"), store.begin() as conn:
        store.upsert_indicators(_catalogue(), conn)
    division_id = store.division_id("nl")
    ids = store.areas_frame(division_id, "buurt")[["id", "code"]].sort_values("code")
    area_ids = ids["id"].to_numpy(dtype="int64")
    phases.wrap(passes, "compute", "publish: score rebuild: compute", reset_peak=False)
    phases.wrap(materialise, "write_scores", "publish: score rebuild: write", reset_peak=False)

    def rescore(store: Any, conn: Any) -> Any:
        with phases.timing("publish: score rebuild", reset_peak=False):
            return materialise.refresh(store, conn)

    monitor.store.RESCORERS[:] = [rescore]
    chunks = _measurement_chunks(area_ids, phases)
    with phases.timing("publish (incl. score rebuild and commit)"), store.begin() as conn:
        store.publish(chunks, kind="bench", conn=conn, filename="national.csv")
    seconds = time.perf_counter() - start - phases.found["generate"]["seconds"]
    cpu = cpu_seconds() - cpu  # at the commit, as the wall time
    return {
        "measurements": int(area_ids.size * INDICATORS * len(YEARS)),
        "seconds": round(seconds, 2),
        "checkpoint_after_seconds": checkpoint_after(),
        "cpu_seconds": round(cpu, 2),
        "server_cpu_seconds": _server_cpu(db, work),
        "phases": phases.found,
        "peak_mb": round(max(peak_mb(), phases.peak_mb)),
    }


def step_rebuild(db: Path, work: Path, profile: bool) -> dict[str, Any]:
    import monitor.scoring  # noqa: F401
    from monitor.config import get_settings
    from monitor.scoring import materialise
    from monitor.store import Store

    store = Store(_url(db, work))
    division_id = store.division_id("nl")
    phases = Phases()
    phases.wrap(materialise, "delete_scores", "delete old scores")
    phases.wrap(materialise, "write_scores", "write scores")
    start, cpu = time.perf_counter(), cpu_seconds()
    with store.begin() as conn:
        # As `monitor scores rebuild --exclusief`: the passes read and scored in worker
        # processes while this one writes; on PostgreSQL the keys and indexes built at the
        # end (readers wait; SQLite has no such path).
        built = materialise.rebuild(store, conn, division_id, exclusive=True, ahead=True)
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    worker = {f"{name} (worker)": {"seconds": s} for name, s in built.seconds.items()}
    workers = get_settings().rebuild_workers
    return {
        "seconds": round(seconds, 2),
        "checkpoint_after_seconds": checkpoint_after(),
        "cpu_seconds": round(cpu, 2),
        "worker_cpu_seconds": round(children_cpu_seconds(), 2),
        "server_cpu_seconds": _server_cpu(db, work),
        "phases": phases.found | worker,
        "groups": built.groups,
        "rows": built.rows,
        "per_level": built.per_level,
        # This process and every worker at the largest worker's peak, all at once (an
        # upper bound: the kernel keeps only the largest peak of ended children).
        "peak_mb": round(max(peak_mb(), phases.peak_mb) + workers * children_peak_mb()),
        "worker_processes": workers,
    }


def _timed(call: Any, runs: int) -> tuple[list[float], list[float]]:
    """Wall ms and CPU ms (this thread: less sensitive to a busy machine) of ``runs`` calls."""
    ms, cpu = [], []
    for _ in range(runs):
        start, cpu_start = time.perf_counter(), time.thread_time()
        call()
        ms.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - cpu_start) * 1000)
    return ms, cpu


def step_serve(db: Path, work: Path, profile: bool) -> dict[str, Any]:
    """Map switches (the national view at gemeente level, the whole country at buurt level,
    one gemeente's buurten) and one buurt's profile data."""
    import app as webapp
    from bench import kaart
    from layouts import kaart_gemeente
    from layouts.kaart import restyle
    from monitor.profile import area_profile
    from monitor.scoring import Scorer
    from monitor.scoring.read import area_scores
    from monitor.store import Store
    from monitor.store.request_memo import request_scope

    client = webapp.server.test_client()
    assert client.get("/").status_code == 200
    client.environ_base["HTTP_X_CSRFTOKEN"] = client.get_cookie("_csrf_token").value
    key = kaart.output_key(webapp.app, "kaart-geojson.hideout")
    store = Store(_url(db, work))
    division_id = store.division_id("nl")
    buurten = store.areas_frame(division_id, "buurt")
    area = buurten.iloc[len(buurten) // 2]
    gemeente = str(area["gemeente_code"])
    plan = [
        (f"NAT{k % INDICATORS:03d}_P", YEARS[-1 - k % 3], "kaart-indicator.value") for k in range(6)
    ]
    runs = {
        level: kaart.post_switches(client, [kaart.restyle_body(key, *p, level=level) for p in plan])
        for level in ("gemeente", "buurt")
    }
    # The Kaart's Gemeente choice: one gemeente's buurten, as the page sends them; each
    # switch the first to its indicator and year (nothing kept yet), then all once more.
    own_bodies = [kaart.restyle_body(key, *p, level="buurt", gemeente=gemeente) for p in plan]
    runs["buurt_one_gemeente"] = kaart.post_switches(client, own_bodies)
    seen = kaart.post_switches(client, own_bodies)

    def one_gemeente(k: list[int] = [0]) -> None:  # noqa: B006 (a counter)
        indicator, year, _ = plan[k[0] % len(plan)]
        k[0] += 1
        frame = Scorer(store).score(indicator, year, "buurt", explain=False, gemeente=gemeente)
        assert len(frame) > 0 and frame["klasse"].notna().all()

    own, own_cpu = _timed(one_gemeente, 7)

    def gemeente_switch(k: list[int] = [0]) -> None:  # noqa: B006 (a counter)
        """The Kaart's restyle for one gemeente's buurten (its Gemeente choice)."""
        indicator, year, _ = plan[k[0] % len(plan)]
        k[0] += 1
        data, _, _ = restyle(
            store, indicator, year, "buurt", None, "standaard", "nl", gemeente=gemeente
        )
        assert len(data["areas"]) > 0

    switch, switch_cpu = _timed(gemeente_switch, 7)
    geometry, geometry_cpu = _timed(
        lambda: kaart_gemeente.geometry(store, division_id, "buurt", gemeente), 5
    )
    found: dict[str, Any] = {}

    def profile_data() -> None:
        # As a page's request reads it: inside the request scope the web layer opens for
        # every request (monitor.store.request_memo), the store's stamps read once.
        with request_scope():
            found["profile"] = area_profile(Scorer(store), str(area["code"]))

    profiles, profiles_cpu = _timed(profile_data, PROFILE_RUNS)

    def query() -> None:
        found["scores"] = area_scores(store, division_id, int(area["id"]), "buurt", gemeente)

    queries, queries_cpu = _timed(query, PROFILE_RUNS)
    out: dict[str, Any] = {}
    for name, run in runs.items():
        level = "buurt" if name == "buurt_one_gemeente" else name
        out[name] = {
            "areas": len(store.areas_frame(division_id, level))
            if name == level
            else int((buurten["gemeente_code"] == gemeente).sum()),
            "switch_ms_cold": round(run["ms"][0], 1),
            "switch_ms_median": round(statistics.median(run["ms"][1:]), 1),
            "switch_cpu_ms_median": round(statistics.median(run["cpu_ms"][1:]), 1),
            "switch_kb_median": round(statistics.median(run["bytes"]) / 1024, 1),
        }
    # Each switch of the first round was the first to its map; the second shows them again.
    out["buurt_one_gemeente"] |= {
        "switch_ms_seen_median": round(statistics.median(seen["ms"]), 1),
        "switch_cpu_ms_seen_median": round(statistics.median(seen["cpu_ms"]), 1),
    }
    return out | {
        "one_gemeente": {
            "what": "Scorer.score(indicator, year, 'buurt', gemeente=code): the scores a map "
            "of one gemeente's buurten reads; kaart_restyle: the Kaart's restyle with its Gemeente "
            "choice (layouts.kaart.restyle(..., gemeente)); kaart_geometry: that gemeente's "
            "buurt geometry (layouts.kaart_gemeente.geometry)",
            "gemeente": gemeente,
            "buurten": int((buurten["gemeente_code"] == gemeente).sum()),
            "ms_cold": round(own[0], 1),
            "ms_median": round(statistics.median(own[1:]), 1),
            "cpu_ms_median": round(statistics.median(own_cpu[1:]), 1),
            "kaart_restyle_ms_cold": round(switch[0], 1),
            "kaart_restyle_ms_median": round(statistics.median(switch[1:]), 1),
            "kaart_restyle_cpu_ms_median": round(statistics.median(switch_cpu[1:]), 1),
            "kaart_geometry_ms_cold": round(geometry[0], 1),
            "kaart_geometry_ms_median": round(statistics.median(geometry[1:]), 1),
            "kaart_geometry_cpu_ms_median": round(statistics.median(geometry_cpu[1:]), 1),
        },
        "profile": {
            "buurt": str(area["code"]),
            "rows": len(found["profile"].rows),
            "series": len(found["profile"].series),
            "area_profile_ms_cold": round(profiles[0], 1),
            "area_profile_ms_median": round(statistics.median(profiles[1:]), 1),
            "area_profile_cpu_ms_median": round(statistics.median(profiles_cpu[1:]), 1),
            "area_scores_rows": len(found["scores"]),
            "area_scores_ms_cold": round(queries[0], 1),
            "area_scores_ms_median": round(statistics.median(queries[1:]), 1),
            "area_scores_cpu_ms_median": round(statistics.median(queries_cpu[1:]), 1),
        },
        "peak_mb": round(peak_mb()),
    }


def national_synthetic(
    work: Path, profile: bool, scale: float, postgres: bool = False
) -> dict[str, Any]:
    counts = plan(scale)
    counts["measurements"] = counts["buurten"] * INDICATORS * len(YEARS)
    url = fresh_postgres() if postgres else None
    (work / "plan.json").write_text(json.dumps(counts | {"url": url}))
    db = work / "national.sqlite"
    env = {
        "MONITOR_DATABASE_URL": url or f"sqlite:///{db}",
        "MONITOR_DATA_DIR": str(work / "data"),
        "MONITOR_TILE_URL": "",
        "MONITOR_PUBLIC_READ": "1",
        "MONITOR_COOKIE_SECURE": "0",
    }
    before = load()
    print(f"national_synthetic: scale {scale}, {counts}; import …", flush=True)
    imported = measure("national.step_import", db, work, env=env)
    print(f"  import {imported['seconds']} s; rebuild …", flush=True)
    rebuilt = measure("national.step_rebuild", db, work, env=env)
    print(f"  rebuild {rebuilt['seconds']} s; serve …", flush=True)
    served = measure("national.step_serve", db, work, env=env)
    after = load()
    size_mb = _size_mb(db, work)
    if postgres:
        drop_postgres()
    linear = {
        "import_seconds": round(imported["seconds"] / scale, 1),
        "rebuild_seconds": round(rebuilt["seconds"] / scale, 1),
        "store_mb": round(size_mb / scale),
    }
    peak = max(imported["peak_mb"], rebuilt["peak_mb"], served["peak_mb"])
    # A command that imports or rebuilds ends only after SQLite's checkpoint of its WAL
    # (run in a thread after the commit): judged with it.
    found = {
        "import_seconds": imported["seconds"] + imported.get("checkpoint_after_seconds", 0),
        "rebuild_seconds": rebuilt["seconds"] + rebuilt.get("checkpoint_after_seconds", 0),
        "peak_mb": peak,
        # The map switch's server time: the whole callback (Flask test client), each
        # switch the first to its map (not only the scores it reads).
        "one_gemeente_ms": served["buurt_one_gemeente"]["switch_ms_median"],
        "profile_ms": served["profile"]["area_profile_ms_median"],
    }
    return {
        "what": f"national synthetic store in {'PostgreSQL' if postgres else 'SQLite'} "
        "(see bench/national.py): 342 gemeenten in one division, each buurt and wijk scored "
        "against its own gemeente; import (write_areas + Store.publish in indicator chunks "
        "incl. score rebuild), full rebuild (in passes), kaart restyle at gemeente level "
        "(national view) and buurt level (whole country) through the Flask test client, "
        "one gemeente's buurten (Scorer.score(gemeente=)), area_profile of one buurt",
        "scale": scale,
        "counts": counts,
        "load_before": before,
        "load_after": after,
        "import": imported,
        "rebuild": rebuilt,
        "serve": served,
        "store_mb": size_mb,
        "peak_mb": peak,
        "targets": TARGETS,
        "meets": {k: bool(found[k] <= v) for k, v in TARGETS.items()} if scale == 1 else None,
        "extrapolated_to_full_scale_linear": linear if scale < 1 else None,
        "backend": "postgresql" if postgres else "sqlite",
        "cpu_count": os.cpu_count(),
    }
