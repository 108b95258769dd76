"""What a publish of one indicator costs the readers: CPU per Kaart switch and per
buurtprofiel, warm and right after a publish (and an undo) of werkloosheid 2024.

``python -m bench.publish_cost`` (writes nothing). The demo city in a fresh PostgreSQL
database, Redis db 11 as the shared cache (emptied first), the app in this process (the
requests of :mod:`bench.loadtest`, posted through Flask's test client); CPU is this
process's (``time.process_time``), so it includes the database and Redis clients.
"""

from __future__ import annotations

import os
import secrets
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

from bench import loadtest
from bench.common import load

REDIS_URL = os.environ.get("MONITOR_PROBE_REDIS", "redis://127.0.0.1:6379/11")
YEARS = (2022, 2024)


#: Per namespace of the shared cache: the values built (not found) while measuring, and
#: the CPU milliseconds building them took (nested builds count in both).
BUILT: dict[str, tuple[int, float]] = {}


def count_builds() -> None:
    """Count what the shared cache builds, by namespace (what a change made it forget)."""
    from monitor import cache

    remember = cache.Cache.remember

    def counted(self: Any, namespace: str, parts: Any, build: Any, *args: Any) -> Any:
        def built() -> Any:
            start = time.process_time()
            try:
                return build()
            finally:
                spent = 1000 * (time.process_time() - start)
                count, ms = BUILT.get(namespace, (0, 0.0))
                BUILT[namespace] = (count + 1, round(ms + spent, 1))

        return remember(self, namespace, parts, built, *args)

    cache.Cache.remember = counted  # type: ignore[method-assign]


def cpu_ms(calls: list[Callable[[], Any]]) -> float:
    """Mean CPU milliseconds of one call of ``calls``."""
    start = time.process_time()
    for call in calls:
        call()
    return round(1000 * (time.process_time() - start) / max(1, len(calls)), 1)


def main() -> dict[str, Any]:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    before = load()
    with loadtest.postgres() as url, tempfile.TemporaryDirectory() as data_dir:
        os.environ.update(
            MONITOR_DATABASE_URL=url,
            MONITOR_REDIS_URL=REDIS_URL,
            MONITOR_DATA_DIR=data_dir,
            MONITOR_SECRET_KEY=secrets.token_hex(16),
            MONITOR_PUBLIC_READ="1",
            MONITOR_COOKIE_SECURE="0",
            MONITOR_TILE_URL="",
        )
        from monitor import demo, undo
        from monitor.ingest.upload import check, publish
        from monitor.store import Store

        count_builds()
        store = Store(url)
        store.upgrade()
        demo.install(store)
        plan = loadtest.plan_of(url)
        import app as app_module

        app_module.get_store.cache_clear()
        dash_app = app_module.create_app()
        client = dash_app.server.test_client()
        client.get("/login")
        headers = {"X-CSRFToken": client.get_cookie("_csrf_token").value}
        deps = client.get("/_dash-dependencies").get_json()

        def post(body: dict[str, Any]) -> None:
            answer = client.post("/_dash-update-component", json=body, headers=headers)
            assert answer.status_code == 200, answer.get_data(as_text=True)[:300]

        others = [i for i in plan["indicators"] if i != loadtest.INDICATOR][:8]
        switches = [
            (lambda i=i, y=y: post(loadtest.restyle_body(deps, i, y)))
            for i in others
            for y in YEARS
        ]
        own = [
            (lambda y=y: post(loadtest.restyle_body(deps, loadtest.INDICATOR, y))) for y in YEARS
        ]
        profiles = [(lambda c=c: post(loadtest.page_body(deps, c))) for c in plan["buurten"][:6]]
        lines = ["gebiedcode;indicator;periode;waarde"]
        lines += [f"{c};{loadtest.INDICATOR};{loadtest.YEAR};12,3" for c in plan["buurten"]]
        raw = ("\n".join(lines) + "\n").encode()

        def measure() -> dict[str, float]:
            # Each right after the change, in this order: the first reader of each pays.
            BUILT.clear()
            out = {
                "switch_other_ms": cpu_ms(switches),
                "switch_published_ms": cpu_ms(own),
                "profile_ms": cpu_ms(profiles),
            }
            return out | {"built": dict(sorted(BUILT.items()))}

        for _ in range(2):  # warm: imports, first reads, every cache filled
            measure()
        out: dict[str, Any] = {"warm": measure()}
        upload_id = publish(store, check(store, raw, "probe.csv"), uploader="probe",
                            confirm_changes=True)  # fmt: skip
        out["after_publish"] = measure()
        out["warm_again"] = measure()
        undo.undo(store, upload_id, by="probe", role="analist")
        out["after_undo"] = measure()
        store.engine.dispose()
        app_module.get_store().engine.dispose()
    out["load_before"], out["load_after"] = before, load()
    return out


if __name__ == "__main__":
    import json

    json.dump(main(), sys.stdout, indent=1)
    print()
