"""Load: gunicorn ×4 on PostgreSQL with Redis, 50 concurrent readers, an analist publishing.

``make load`` (or ``python -m bench.run --only load``; ``python -m bench.loadtest 10``
for a quick try without writing results). The demo city in a fresh PostgreSQL database;
the app as deployed (``deploy/gunicorn.conf.py``, 4 workers, Redis for the shared cache
and jobs, public read on). For ``--seconds`` (60) 50 reader threads each switch the Kaart
(the ``restyle`` callback: a random indicator and year at buurt level) and open a
buurtprofiel (the page callback of ``/profiel?gebied=…``), each pausing about a second
between an answer and the next click (0.5–1.5 s: a person reads the map), while an
analist publishes an upload that sets werkloosheid 2024 of every buurt to 12,3% and undoes
it again every 5 seconds (through ``monitor.ingest`` in this process, the same
transaction as the page and the CLI). A second phase (20 s) drops the pauses: the readers
click as fast as answers come, which gives the most the machine answers per second.
The requests are built from the server's ``/_dash-dependencies``, as dash-renderer
builds them (a test posts them to the app).

Reported: requests/s, p50/p95/p99 and max latency, errors (any answer but 200), CPU seconds
of the gunicorn processes per request, the publishes and undos done, and **half states**:
a Kaart answer for werkloosheid 2024 in which some buurten show 12,3% and others do not
(a reader that saw a publish half done). Targets (issue 13): p95 ≤ 300 ms, 0 errors, 0
half states (the p95 of the first phase; errors and half states in both). The machine's
load is noted before and after; the load generator's 50 threads share the 2 CPUs.
"""

from __future__ import annotations

import gc
import os
import random
import re
import secrets
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import requests

from bench.common import load
from bench.dash_bodies import callback_body

ROOT = Path(__file__).resolve().parent.parent
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"
REDIS_URL = "redis://127.0.0.1:6379/12"
READERS = 50
TARGET_P95_MS = 300
#: A reader's mean pause between two answers (reading the map or profile it got).
THINK_SECONDS = 1.0
#: Warming up before the measured phases.
WARM_SECONDS = 20.0
#: The second phase, without pauses: the most the machine answers.
SATURATED_SECONDS = 20.0
#: The analist's pause after a publish and after an undo: six publishes and six undos a
#: minute, far more than an office does (each makes every instance read anew).
PAUSE_SECONDS = 5.0
INDICATOR, YEAR, MARK = "werkloosheid_p", 2024, "12,3%"
#: The first output of the Kaart's map switch and of the page callback.
RESTYLE_FIRST, PAGE_FIRST = "kaart-geojson.hideout", "header.children"
#: How the hideout writes an area without a value.
NONE = (None, "", "–")


@contextmanager
def postgres() -> Iterator[str]:
    import psycopg

    admin_url = os.environ.get("MONITOR_TEST_POSTGRES", ADMIN_URL)
    name = f"buurtmonitor_load_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{admin_url.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def process_cpu(master: int) -> float:
    """User + system CPU seconds of gunicorn (from /proc): the master, its workers now, and
    the workers it has reaped (a worker restarts after ``max_requests``)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in [master, *children(master)]:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # utime, stime; the master also cutime, cstime (its children that ended).
        total += sum(int(f) for f in fields[11 : 15 if pid == master else 13]) / tick
    return total


def children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in found.read_text().split()] if found.exists() else []


def restyle_body(deps: list[dict[str, Any]], indicator: str, year: int) -> dict[str, Any]:
    values = {
        "kaart-indicator.value": indicator,
        "kaart-period.value": year,
        "kaart-level.value": "buurt",
        "kaart-palette.value": "standaard",
        "kaart-referentie.value": "gemeente",
        "lang.data": "nl",
    }
    return callback_body(deps, RESTYLE_FIRST, values, "kaart-indicator.value")


def page_body(deps: list[dict[str, Any]], code: str) -> dict[str, Any]:
    values = {"url.pathname": "/profiel", "url.search": f"?gebied={code}&lang=nl"}
    return callback_body(deps, PAGE_FIRST, values, "url.pathname")


def half_state(answer: dict[str, Any]) -> bool:
    """A Kaart answer in which some buurten show the publish's mark and others do not."""
    areas = answer["response"]["kaart-geojson"]["hideout"].get("areas", {})
    # Per area [class, value as text ("–": no value, e.g. too few inhabitants), …].
    shown = [v[1] == MARK for v in areas.values() if isinstance(v, list) and v[1] not in NONE]
    return any(shown) and not all(shown)


def reader(
    base: str,
    plan: dict[str, Any],
    stop: float,
    out: dict[str, list],
    think: float = 0.0,
) -> None:
    """One reader until ``stop``: 70% map switches (30% of them werkloosheid 2024, the
    indicator the analist publishes), 30% buurtprofielen; between two answers a pause of
    ``think`` seconds on average (uniform from half to one and a half times it; 0: none)."""
    rng = random.Random(threading.get_ident())
    session = requests.Session()
    session.get(f"{base}/login", timeout=30)
    session.headers["X-CSRFToken"] = session.cookies.get("_csrf_token", "")
    deps = session.get(f"{base}/_dash-dependencies", timeout=30).json()
    while time.monotonic() < stop:
        marked = False
        if rng.random() < 0.7:
            kind = "kaart"
            if rng.random() < 0.3:
                indicator, year, marked = INDICATOR, YEAR, True
            else:
                indicator, year = rng.choice(plan["indicators"]), rng.choice(plan["years"])
                marked = (indicator, year) == (INDICATOR, YEAR)
            body = restyle_body(deps, indicator, year)
        else:
            kind, body = "profiel", page_body(deps, rng.choice(plan["buurten"]))
        start = time.perf_counter()
        try:
            answer = session.post(f"{base}/_dash-update-component", json=body, timeout=60)
            status = answer.status_code
        except requests.RequestException:
            answer, status = None, 0
        ms = (time.perf_counter() - start) * 1000
        out["ms"].append(ms)
        out["kind"].append(kind)
        if status != 200:
            out["errors"].append(status)
        elif marked and half_state(answer.json()):
            out["half"].append(ms)
        if think:
            time.sleep(min(rng.uniform(0.5, 1.5) * think, max(0.0, stop - time.monotonic())))


def analist(url: str, plan: dict[str, Any], stop: float, out: dict[str, Any]) -> None:
    """Publish the marked values and undo them, again and again, until ``stop``; with the
    app's database and Redis, as a ``monitor worker`` publishing an upload has them."""
    os.environ["MONITOR_DATABASE_URL"] = url
    os.environ["MONITOR_REDIS_URL"] = os.environ.get("MONITOR_LOAD_REDIS", REDIS_URL)
    from monitor import undo
    from monitor.ingest.upload import check, publish
    from monitor.store import Store

    store = Store(url)
    lines = ["gebiedcode;indicator;periode;waarde"]
    lines += [f"{code};{INDICATOR};{YEAR};12,3" for code in plan["buurten"]]
    raw = ("\n".join(lines) + "\n").encode()
    while time.monotonic() < stop:
        checked = check(store, raw, "load.csv")
        upload_id = publish(store, checked, uploader="analist", confirm_changes=True)
        out["publishes"] += 1
        time.sleep(PAUSE_SECONDS)
        undo.undo(store, upload_id, by="analist", role="analist")
        out["undos"] += 1
        time.sleep(PAUSE_SECONDS)
    store.engine.dispose()


def plan_of(url: str) -> dict[str, Any]:
    from monitor.store import Store

    store = Store(url)
    areas = store.areas_frame(store.division_id())
    buurten = sorted(areas.loc[areas["level"] == "buurt", "code"])
    csv = (ROOT / "data" / "voorbeeldstad-meetingen.csv").read_text(encoding="utf-8")
    indicators = sorted({line.split(";")[1] for line in csv.splitlines()[1:] if line})
    indicators = [i for i in indicators if re.fullmatch(r"[a-z_]+", i)]
    store.engine.dispose()
    return {"buurten": buurten, "indicators": indicators, "years": list(range(2017, 2025))}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1) if ordered else 0.0


def run(
    seconds: float = 60.0,
    readers: int = READERS,
    think: float = THINK_SECONDS,
    saturated: float = SATURATED_SECONDS,
) -> dict[str, Any]:
    """The load benchmark (see the module docstring); returns its results entry."""
    monitor = str(Path(sys.executable).parent / "monitor")
    # The readers are this process's threads: what it imported before (``bench.run``
    # imports every benchmark) would otherwise be scanned by each of their collections,
    # pauses that count as the server's latency.
    gc.collect()
    gc.freeze()
    before = load()
    with postgres() as url, tempfile.TemporaryDirectory() as data_dir:
        env = dict(
            os.environ,
            MONITOR_DATABASE_URL=url,
            MONITOR_REDIS_URL=os.environ.get("MONITOR_LOAD_REDIS", REDIS_URL),
            MONITOR_DATA_DIR=data_dir,
            MONITOR_SECRET_KEY=secrets.token_hex(16),
            MONITOR_PUBLIC_READ="1",
            MONITOR_COOKIE_SECURE="0",
            MONITOR_TILE_URL="",
            MONITOR_WORKERS="4",
            MONITOR_PORT=str(free_port()),
        )
        env.pop("MONITOR_BIND", None)
        for command in (["init"], ["demo"]):
            subprocess.run([monitor, *command], cwd=ROOT, env=env, check=True, capture_output=True)
        plan = plan_of(url)
        base = f"http://127.0.0.1:{env['MONITOR_PORT']}"
        log = Path(data_dir) / "gunicorn.log"
        with log.open("wb") as sink:
            server = subprocess.Popen(
                [
                    *(sys.executable, "-m", "gunicorn", "--config", "deploy/gunicorn.conf.py"),
                    *("--access-logfile", "/dev/null", "app:server"),
                ],
                cwd=ROOT,
                env=env,
                stdout=sink,
                stderr=subprocess.STDOUT,
            )
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    if requests.get(f"{base}/gezondheid", timeout=5).status_code == 200:
                        break
                except requests.RequestException:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(log.read_text(errors="replace")[-3000:])
                time.sleep(0.5)
            # Warm the workers (imports and first reads are not the load: a server that
            # runs is warm): ten readers for WARM_SECONDS, every worker reached.
            warm: dict[str, list] = {"ms": [], "kind": [], "errors": [], "half": []}
            warmers = [
                threading.Thread(
                    target=reader, args=(base, plan, time.monotonic() + WARM_SECONDS, warm)
                )
                for _ in range(10)
            ]
            for thread in warmers:
                thread.start()
            for thread in warmers:
                thread.join()
            phases = {
                "readers": phase(url, base, plan, server.pid, seconds, readers, think),
                # The same without pauses: what the machine can answer at most.
                "saturated": phase(url, base, plan, server.pid, saturated, readers, 0.0),
            }
        finally:
            server.terminate()
            server.wait(timeout=30)
    main = phases["readers"]
    return {
        "what": __doc__.split("\n\n")[1].replace("\n", " "),
        "setup": {
            "readers": readers,
            "seconds": seconds,
            "think_seconds": think,
            "gunicorn_workers": 4,
            "store": "postgresql (demo city)",
            "redis": True,
        },
        **main,
        "saturated": phases["saturated"],
        "target_p95_ms": TARGET_P95_MS,
        "meets_target": main["p95_ms"] <= TARGET_P95_MS
        and not main["errors"]
        and not main["half_states"]
        and not phases["saturated"]["errors"]
        and not phases["saturated"]["half_states"],
        "load_before": before,
        "load_after": load(),
    }


def phase(
    url: str,
    base: str,
    plan: dict[str, Any],
    master: int,
    seconds: float,
    readers: int,
    think: float,
) -> dict[str, Any]:
    """``readers`` readers (pausing ``think`` s) and the analist for ``seconds``: latencies,
    errors, half states, publishes and CPU of the gunicorn processes per request."""
    cpu_start, start = process_cpu(master), time.monotonic()
    stop = start + seconds
    out: dict[str, list] = {"ms": [], "kind": [], "errors": [], "half": []}
    work = {"publishes": 0, "undos": 0}
    threads = [
        threading.Thread(target=reader, args=(base, plan, stop, out, think)) for _ in range(readers)
    ]
    threads.append(threading.Thread(target=analist, args=(url, plan, stop, work)))
    seen = set(children(master))
    started = 0
    for thread in threads:
        thread.start()
    while any(thread.is_alive() for thread in threads):
        time.sleep(0.25)  # workers gunicorn started anew (``max_requests``: cold caches)
        now = set(children(master))
        started, seen = started + len(now - seen), seen | now
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - start
    cpu = process_cpu(master) - cpu_start
    ms, count = out["ms"], len(out["ms"])
    per_kind = {
        kind: [m for m, k in zip(ms, out["kind"], strict=True) if k == kind]
        for kind in ("kaart", "profiel")
    }
    return {
        "requests": count,
        "requests_per_s": round(count / elapsed, 1),
        "p50_ms": percentile(ms, 0.5),
        "p95_ms": percentile(ms, 0.95),
        "p99_ms": percentile(ms, 0.99),
        "max_ms": round(max(ms), 1) if ms else 0.0,
        "by_kind": {
            kind: {"requests": len(m), "p50_ms": percentile(m, 0.5), "p95_ms": percentile(m, 0.95)}
            for kind, m in per_kind.items()
        },
        "errors": len(out["errors"]),
        "error_statuses": sorted(set(out["errors"])),
        "half_states": len(out["half"]),
        "publishes": work["publishes"],
        "undos": work["undos"],
        "cpu_ms_per_request": round(cpu * 1000 / max(count, 1), 1),
        "workers_restarted": started,
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run(float(sys.argv[1]) if len(sys.argv) > 1 else 60.0), indent=2))
