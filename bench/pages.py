"""page_render: every page's server render on the real BBGA store.

Per page, through ``app.server``'s Flask test client as a logged-in beheerder (CSRF as the
browser sends it): (1) the page callback (``url.pathname`` → header and page, i.e. the
page's ``layout(store, lang, query)``), then (2) every callback the browser fires when the
page has loaded: those whose inputs are all in the rendered page (or ``url``/``lang``),
not ``prevent_initial_call``, posted with the values the layout gave those properties
(the *default arguments*). The page's number is layout + its slowest such callback (the
main one); the sum of all of them is reported beside it. Each page is rendered
``ROUNDS`` times; the first (cold) round is reported apart, the others give the median.
"""

from __future__ import annotations

import cProfile
import json
import pstats
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from bench.bbga import available, make_store
from bench.common import load, measure, peak_mb

TARGET_MS = 150
ROUNDS = 3
PASSWORD = "bench-wachtwoord-123456"
#: Queries per path, one per round (the last repeats): the profile of a real gebied
#: rather than the empty choice, another gebied each round, so that a warm round reads
#: an area's scores afresh instead of the profile kept from the round before.
QUERIES = {"/profiel": ["?gebied=DX01", "?gebied=DX02", "?gebied=DX03"]}
#: The area whose folded domains are opened one by one (``profiel_domains``).
DOMAINS_AREA = "DX04"


def _walk(node: Any, found: dict[str, dict[str, Any]]) -> None:
    if isinstance(node, list):
        for child in node:
            _walk(child, found)
    elif isinstance(node, dict) and "props" in node:
        props = node["props"]
        if isinstance(props.get("id"), str):
            found[props["id"]] = props
        for value in props.values():
            if isinstance(value, dict | list):
                _walk(value, found)


def _spec(item: Any) -> dict[str, str]:
    return {"id": item.component_id, "property": item.component_property}


def _initial_callbacks(
    app: Any, props: dict[str, dict[str, Any]], page_key: str
) -> list[dict[str, Any]]:
    """Callbacks the renderer fires on load (but the page callback), with their bodies."""
    prevent = {c["output"]: c.get("prevent_initial_call") for c in app._callback_list}
    out = []
    for key, spec in app.callback_map.items():
        if key == page_key or prevent.get(key) or spec.get("no_output"):
            continue
        items = spec["inputs"] + spec["state"]
        if any(not isinstance(i["id"], str) for i in items):
            continue  # pattern-matching ids: fired per item, not measured here
        if not spec["inputs"] or any(i["id"] not in props for i in spec["inputs"]):
            continue

        def value(item: dict[str, str]) -> dict[str, Any]:
            return item | {"value": props.get(item["id"], {}).get(item["property"])}

        outputs = spec["output"] if isinstance(spec["output"], list) else [spec["output"]]
        if any(not isinstance(o.component_id, str) for o in outputs):
            continue
        changed = [f"{i['id']}.{i['property']}" for i in spec["inputs"]]
        body = {
            "output": key,
            "outputs": [_spec(o) for o in outputs]
            if isinstance(spec["output"], list)
            else _spec(outputs[0]),
            "inputs": [value(i) for i in spec["inputs"]],
            "state": [value(i) for i in spec["state"]],
            "changedPropIds": changed,
            "parsedChangedPropsIds": changed,
        }
        out.append({"name": key.split("@")[0].strip("."), "body": body})
    return out


def _post(client: Any, body: dict[str, Any]) -> tuple[float, float, int, Any]:
    """Wall ms, CPU ms of the serving thread (the test client serves in this thread: less
    sensitive to a busy machine), status and response."""
    start, cpu = time.perf_counter(), time.thread_time()
    response = client.post("/_dash-update-component", json=body)
    ms = (time.perf_counter() - start) * 1000
    return ms, (time.thread_time() - cpu) * 1000, response.status_code, response


def step_pages(db: Path, _: Path, profile: bool) -> dict[str, Any]:
    import app as webapp
    from monitor import users
    from monitor.store import Store

    users.add(Store(f"sqlite:///{db}"), "bench-beheerder", PASSWORD, "beheerder", actor="bench")
    client = webapp.server.test_client()
    page = client.get("/login")
    token = page.get_data(as_text=True).split('name="csrf_token" value="')[1].split('"')[0]
    answer = client.post(
        "/login", data={"username": "bench-beheerder", "password": PASSWORD, "csrf_token": token}
    )
    assert answer.status_code == 302, answer.get_data(as_text=True)[:300]
    client.environ_base["HTTP_X_CSRFTOKEN"] = client.get_cookie("_csrf_token").value
    page_key = next(k for k in webapp.app.callback_map if "page.children" in k)
    pages: dict[str, Any] = {}
    for path in webapp.ROUTES:
        queries = QUERIES.get(path, [""])
        search = queries[0]
        rounds = []
        profiler = cProfile.Profile() if profile else None
        for _round in range(ROUNDS):
            search = queries[min(_round, len(queries) - 1)]
            if profiler is not None and _round == 1:
                profiler.enable()  # the warm rounds only
            body = {
                "output": page_key,
                "outputs": [
                    {"id": "header", "property": "children"},
                    {"id": "page", "property": "children"},
                    {"id": "lang", "property": "data"},
                ],
                "inputs": [{"id": "url", "property": "pathname", "value": path}],
                "state": [{"id": "url", "property": "search", "value": search}],
                "changedPropIds": ["url.pathname"],
                "parsedChangedPropsIds": ["url.pathname"],
            }
            layout_ms, layout_cpu, status, response = _post(client, body)
            assert status == 200, (path, status, response.data[:300])
            found: dict[str, dict[str, Any]] = {
                "url": {"pathname": path, "search": search},
                "lang": {"data": "nl"},
            }
            _walk(json.loads(response.data)["response"]["page"]["children"], found)
            callbacks = {}
            for callback in _initial_callbacks(webapp.app, found, page_key):
                ms, cpu, status, _ = _post(client, callback["body"])
                callbacks[callback["name"]] = {"ms": ms, "cpu_ms": cpu, "status": status}
            rounds.append(
                {"layout_ms": layout_ms, "layout_cpu_ms": layout_cpu, "callbacks": callbacks}
            )
        if profiler is not None:
            profiler.disable()
            print(f"\n===== {path}{search} (warm rounds) =====", file=sys.stderr)
            stats = pstats.Stats(profiler, stream=sys.stderr)
            stats.sort_stats("cumulative").print_stats(45)
            stats.sort_stats("tottime").print_stats(20)
        pages[path + queries[0]] = _summary(rounds)
    return {"pages": pages, "profiel_domains": _open_domains(), "peak_mb": round(peak_mb())}


def _open_domains() -> dict[str, Any]:
    """The buurtprofiel of :data:`DOMAINS_AREA` (not rendered before), then every folded
    domain opened one after the other as the callback does it (``group_body``), then a
    filter text: server CPU and wall ms, in this process."""
    from layouts import profiel
    from monitor.blocks import key_set
    from monitor.scoring import Scorer
    from monitor.store import Store

    store = Store()

    def timed(call: Any) -> tuple[float, float]:
        start, cpu = time.perf_counter(), time.thread_time()
        call()
        return (time.perf_counter() - start) * 1000, (time.thread_time() - cpu) * 1000

    scorer = Scorer(store)
    preset = key_set(scorer)
    skip = set(preset.indicator_ids) if preset is not None else set()
    domains = sorted(
        {
            i.domain
            for i in scorer.indicators.values()
            if i.polarity != "geen" and not i.forecast and i.id not in skip
        }
    )
    layout = timed(lambda: profiel.layout(store, "nl", {"gebied": DOMAINS_AREA}))
    opened = [timed(lambda d=d: profiel.group_body(store, DOMAINS_AREA, d, "nl")) for d in domains]
    search = timed(lambda: profiel.filtered(store, DOMAINS_AREA, "werk", "nl"))
    return {
        "area": DOMAINS_AREA,
        "domains": len(domains),
        "layout_ms": round(layout[0], 1),
        "open_all_ms": round(sum(o[0] for o in opened), 1),
        "open_all_cpu_ms": round(sum(o[1] for o in opened), 1),
        "open_slowest_ms": round(max((o[0] for o in opened), default=0.0), 1),
        "filter_ms": round(search[0], 1),
    }


def _summary(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    warm = rounds[1:] or rounds

    def median(values: list[float]) -> float:
        return round(statistics.median(values), 1)

    names = list(rounds[0]["callbacks"])
    per_callback = {n: median([r["callbacks"][n]["ms"] for r in warm]) for n in names}
    main = max(per_callback, key=per_callback.get) if per_callback else None
    layout_ms = median([r["layout_ms"] for r in warm])
    main_ms = per_callback.get(main, 0.0) if main else 0.0
    main_cpu = median([r["callbacks"][main]["cpu_ms"] for r in warm]) if main else 0.0
    return {
        "layout_ms": layout_ms,
        "main_callback": main,
        "main_callback_ms": main_ms,
        "page_ms": round(layout_ms + main_ms, 1),
        "page_cpu_ms": round(median([r["layout_cpu_ms"] for r in warm]) + main_cpu, 1),
        "all_initial_callbacks_ms": round(sum(per_callback.values()), 1),
        "callbacks_fired": len(names),
        "callback_statuses": sorted({r["callbacks"][n]["status"] for r in rounds for n in names}),
        "cold_page_ms": round(
            rounds[0]["layout_ms"] + (rounds[0]["callbacks"][main]["ms"] if main else 0.0), 1
        ),
        "meets_target": layout_ms + main_ms <= TARGET_MS,
    }


def page_render(work: Path, profile: bool) -> dict[str, Any]:
    what = {
        "what": "server render per page on the real BBGA store (bench/bbga.py set-up): "
        "page callback (layout) + the slowest callback fired on load with the layout's "
        "default values, Flask test client, logged in as beheerder; median of "
        f"{ROUNDS - 1} warm rounds, the first (cold) apart; the buurtprofiel opens another "
        "gebied each round (DX01, DX02, DX03); profiel_domains: the profile of DX04, then "
        "every folded domain opened one by one and a filter text, in process",
        "target_ms": TARGET_MS,
    }
    if reason := available():
        return what | {"skipped": reason}
    db = work / "bbga.sqlite"
    make_store(db)
    env = {
        "MONITOR_DATABASE_URL": f"sqlite:///{db}",
        "MONITOR_DATA_DIR": str(work / "data"),
        "MONITOR_TILE_URL": "",
        "MONITOR_COOKIE_SECURE": "0",
    }
    before = load()
    found = measure("pages.step_pages", db, work, profile, env=env)
    after = load()
    pages = found["pages"]
    print("page_render: " + ", ".join(f"{p} {v['page_ms']} ms" for p, v in pages.items()))
    print(f"page_render: profiel domains {found['profiel_domains']}")
    return what | {
        "load_before": before,
        "load_after": after,
        "pages": pages,
        "profiel_domains": found["profiel_domains"],
        "peak_mb": found["peak_mb"],
        "slowest_page": max(pages, key=lambda p: pages[p]["page_ms"]),
        "meets_target": all(v["meets_target"] for v in pages.values()),
    }
