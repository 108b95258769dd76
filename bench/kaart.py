"""kaart_switch: the map page on the 481 buurten of the real Amsterdam 2015 division.

Set-up (``make_store``, not measured): the 2015 stadsdelen, gebieden, wijken and buurten
from ``../shared/data/amsterdam/gebiedsindeling_2015``, OIS ``BEVTOTAAL`` (2014–2018) and
three synthetic percentages per buurt (5 years) so the map has classes. The measured
steps run in their own process (``bench.run`` calls them through ``--step``):

- ``step_ours``: the ``restyle`` callback as the browser calls it, a POST to
  ``/_dash-update-component`` of ``app.server`` (Flask test client), per indicator or year
  switch: server time and response size;
- ``step_naive``: the same switches against a plain Dash app whose callback rebuilds a
  ``go.Choroplethmap`` figure with the buurt geometry on every switch;
- ``step_browser``: bytes a headless Chromium receives loading the kaart page at buurt
  level (``python app.py`` in a subprocess, no basemap tiles).
"""

from __future__ import annotations

import contextlib
import cProfile
import json
import os
import pstats
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
GEO = SHARED / "amsterdam" / "gebiedsindeling_2015"
OIS = SHARED / "ois" / "inwoners_amsterdam.csv"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
BUURTEN = 481
YEARS = [2014, 2015, 2016, 2017, 2018]
#: Synthetic buurt indicators: id, label, domain, polarity, (mean, sd) of the base level.
SYNTHETIC = [
    ("BENCH_WERKLOOS_P", "Werkloosheid (%)", "werk_inkomen", "lager-beter", (7.0, 3.0)),
    ("BENCH_BIJSTAND_P", "Bijstand (%)", "werk_inkomen", "lager-beter", (6.0, 4.0)),
    ("BENCH_STARTKWAL_P", "Startkwalificatie (%)", "jeugd_onderwijs", "hoger-beter", (80, 8)),
]
SWITCHES = 30
DIVISION = "amsterdam-2015"
#: file, level, code field, name field, parent fields
AREA_FILES = [
    ("GEBIED_STADSDELEN.json", "stadsdeel", "Stadsdeel_code", "Stadsdeel", None),
    ("gebieden.json", "gebied", "Gebied_code", "Gebied", {"stadsdeel": "Stadsdeel_code"}),
    (
        "GEBIED_BUURTCOMBINATIES.json",
        "wijk",
        "Buurtcombinatie_code",
        "Buurtcombinatie",
        {"stadsdeel": "Stadsdeel_code"},  # gebied by overlay
    ),
    (
        "GEBIED_BUURTEN.json",
        "buurt",
        "Buurt_code",
        "Buurt",
        {"wijk": "Buurtcombinatie_code", "stadsdeel": "Stadsdeel_code"},
    ),
]
RESTYLE_OUTPUTS = [
    ("kaart-geojson", "hideout"),
    ("kaart-legend", "children"),
    ("kaart-nap", "children"),
]


def available() -> str | None:
    """Why the benchmark cannot run here, or None."""
    for path in (GEO / "GEBIED_BUURTEN.json", OIS):
        if not path.is_file():
            return f"shared data not found: {path}"
    return None


# -- set-up (not measured) -----------------------------------------------------------


def make_store(db: Path, data_dir: Path) -> dict[str, Any]:
    """The Amsterdam 2015 division with BEVTOTAAL and three synthetic buurt indicators."""
    from monitor.areas import import_areas
    from monitor.catalog import Indicator
    from monitor.ingest import upload
    from monitor.ingest.parse import ParseOptions
    from monitor.store import Store

    store = Store(f"sqlite:///{db}")
    store.upgrade()
    for name, level, code, label, parents in AREA_FILES:  # the README's quick start
        gemeente = "Amsterdam" if level == "stadsdeel" else None
        import_areas(
            store, GEO / name, level, code, label, parents, division=DIVISION, gemeente=gemeente
        )
    division_id = store.division_id()
    codes = sorted(store.areas_frame(division_id).query("level == 'buurt'")["code"])
    assert len(codes) == BUURTEN, f"{len(codes)} buurten, expected {BUURTEN}"

    indicators = [
        Indicator(
            id="BEVTOTAAL",
            label_nl="Bevolking totaal",
            domain="bevolking",
            unit="aantal",
            polarity="geen",
            aggregation="som",
            decimals=0,
            catalog="handmatig",
        )
    ] + [
        Indicator(
            id=ind_id,
            label_nl=label,
            domain=domain,
            unit="%",
            polarity=polarity,
            decimals=1,
            min_population=50,
            min_population_indicator="BEVTOTAAL",
            aggregation="gewogen-gemiddelde",
            weight_indicator="BEVTOTAAL",
            catalog="bench",
        )
        for ind_id, label, domain, polarity, _ in SYNTHETIC
    ]
    with store.begin() as conn:
        store.upsert_indicators([i.row() for i in indicators], conn)
        store.set_setting("population_indicator", "BEVTOTAAL", conn)

    def publish(raw: bytes, name: str, options: Any = None, meta: dict | None = None) -> int:
        checked = upload.check(store, raw, name, options)
        if not checked.report.ok:
            raise SystemExit("\n".join(checked.report.lines()[:10]))
        upload.publish(store, checked, uploader="bench", meta=meta, data_dir=data_dir)
        return len(checked.report.frame)

    ois = ParseOptions(
        code_pattern="^([A-Z][0-9]{2}[a-z]) ", indicator="BEVTOTAAL", rename={"totaal": "2018"}
    )
    rows = publish(OIS.read_bytes(), OIS.name, ois, {"bron": "OIS", "methode": "registratie"})
    synthetic = synthetic_csv(codes)
    rows += publish(synthetic.encode(), "bench_kaart.csv", meta={"bron": "bench"})
    store.engine.dispose()
    return {"buurten": len(codes), "measurements": rows, "indicators": [s[0] for s in SYNTHETIC]}


def synthetic_csv(codes: list[str], seed: int = 2015) -> str:
    """Long CSV: per indicator a buurt level plus a trend and noise per year, ~2% empty and
    ~1% suppressed values, and the city value (STAD) as the mean of the buurten."""
    rng = np.random.default_rng(seed)
    lines = ["gebiedcode;indicator;periode;waarde"]
    for ind_id, _, _, _, (mean, sd) in SYNTHETIC:
        base = rng.normal(mean, sd, len(codes))
        trend = rng.normal(0, sd / 10, len(codes))
        for k, year in enumerate(YEARS):
            values = np.clip(base + k * trend + rng.normal(0, sd / 5, len(codes)), 0.5, 99.5)
            values = np.round(values, 1)
            cells = [f"{v:.1f}".replace(".", ",") for v in values]
            for i in np.flatnonzero(rng.random(len(codes)) < 0.03):
                cells[i] = "x" if i % 3 == 0 else ""
            lines += [f"{c};{ind_id};{year};{v}" for c, v in zip(codes, cells, strict=True)]
            lines.append(f"STAD;{ind_id};{year};{values.mean():.1f}".replace(".", ","))
    return "\n".join(lines) + "\n"


# -- the switches ------------------------------------------------------------------------


def switches(indicators: list[str], n: int = SWITCHES) -> list[tuple[str, int, str]]:
    """``n`` switches alternating indicator and year: (indicator, year, changed prop)."""
    indicator, year, out = indicators[0], YEARS[-1], []
    for k in range(n):
        if k % 2 == 0:
            indicator = indicators[(indicators.index(indicator) + 1) % len(indicators)]
            out.append((indicator, year, "kaart-indicator.value"))
        else:
            year = YEARS[(YEARS.index(year) - 1) % len(YEARS)]
            out.append((indicator, year, "kaart-period.value"))
    return out


def restyle_body(
    output_key: str,
    indicator: str,
    year: int,
    changed: str,
    level: str = "buurt",
    gemeente: str | None = None,
) -> dict[str, Any]:
    """The JSON the Dash renderer posts for the ``restyle`` callback (``gemeente``: the
    Kaart's Gemeente choice on a store with several)."""
    values = {
        "kaart-indicator": indicator,
        "kaart-period": year,
        "kaart-level": level,
        "kaart-method": None,
        "kaart-palette": "standaard",
        "kaart-referentie": None,  # the default reference (the area's own gemeente)
        "kaart-basisjaar": None,
        "kaart-gemeente": gemeente,
    }
    return {
        "output": output_key,
        "outputs": [{"id": i, "property": p} for i, p in RESTYLE_OUTPUTS],
        "inputs": [{"id": i, "property": "value", "value": v} for i, v in values.items()],
        "state": [{"id": "lang", "property": "data", "value": "nl"}],
        "changedPropIds": [changed],
        "parsedChangedPropsIds": [changed],
    }


def output_key(app: Any, needle: str) -> str:
    """The callback_map key (``..a.b...c.d..``) of the callback with output ``needle``."""
    return next(k for k in app.callback_map if needle in k)


def post_switches(
    client: Any, bodies: list[dict[str, Any]], forbidden: bytes | None = None
) -> dict[str, Any]:
    """POST each body; wall and CPU ms and response bytes per switch."""
    ms, cpu, sizes, found = [], [], [], 0
    for body in bodies:
        start, cpu_start = time.perf_counter(), time.thread_time()
        response = client.post("/_dash-update-component", json=body)
        ms.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - cpu_start) * 1000)
        assert response.status_code == 200, (response.status_code, response.data[:500])
        sizes.append(len(response.data))
        found += bool(forbidden and forbidden in response.data)
    return {"ms": ms, "cpu_ms": cpu, "bytes": sizes, "with_forbidden": found}


def summary(ms: list[float], sizes: list[int], cpu: list[float] | None = None) -> dict[str, Any]:
    """Wall ms (and CPU ms of the serving thread: less sensitive to a busy machine), KB."""
    return {
        "switches": len(ms),
        "ms_median": round(statistics.median(ms), 1),
        "ms_p90": round(float(np.percentile(ms, 90)), 1),
        "ms_max": round(max(ms), 1),
        **({"cpu_ms_median": round(statistics.median(cpu), 1)} if cpu else {}),
        "kb_median": round(statistics.median(sizes) / 1000, 1),
        "kb_max": round(max(sizes) / 1000, 1),
    }


def where_time_goes(profiler: cProfile.Profile, calls: int, top: int = 12) -> list[dict]:
    """Project functions (monitor/, layouts/) by cumulative time, per switch."""
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    rows = []
    for (filename, line, func), (_, ncalls, _, cumtime, _) in stats.items():
        path = Path(filename)
        if path.is_relative_to(ROOT) and path.parts[len(ROOT.parts)] in ("monitor", "layouts"):
            rows.append(
                {
                    "function": f"{path.relative_to(ROOT)}:{line}({func})",
                    "cum_ms_per_switch": round(cumtime * 1000 / calls, 2),
                    "calls_per_switch": round(ncalls / calls, 1),
                }
            )
    return sorted(rows, key=lambda r: -r["cum_ms_per_switch"])[:top]


# -- measured steps (each in its own process; MONITOR_DATABASE_URL set by the caller) ----


def step_ours(indicators: list[str], profile: bool) -> dict[str, Any]:
    import app as webapp  # creates the Dash app with the store from the environment

    client = webapp.server.test_client()
    # As the browser: the page sets the CSRF cookie, dash-renderer echoes it in a header.
    assert client.get("/").status_code == 200
    client.environ_base["HTTP_X_CSRFTOKEN"] = client.get_cookie("_csrf_token").value
    key = output_key(webapp.app, "kaart-geojson.hideout")
    plan = switches(indicators)
    bodies = [restyle_body(key, *s) for s in plan]
    start = time.perf_counter()
    first = client.post("/_dash-update-component", json=restyle_body(key, *plan[-1]))
    cold_ms = (time.perf_counter() - start) * 1000
    assert first.status_code == 200, first.data[:500]
    post_switches(client, bodies[:4])  # warm up
    run = post_switches(client, bodies, forbidden=b"coordinates")
    hideout = json.loads(first.data)["response"]["kaart-geojson"]["hideout"]
    # The other callback an indicator switch fires in the browser (the year list).
    periods_key = output_key(webapp.app, "kaart-period.options")
    periods = [
        {
            "output": periods_key,
            "outputs": [
                {"id": "kaart-period", "property": "options"},
                {"id": "kaart-period", "property": "value"},
            ],
            "inputs": [{"id": "kaart-indicator", "property": "value", "value": ind}],
            "state": [{"id": "kaart-period", "property": "value", "value": year}],
            "changedPropIds": ["kaart-indicator.value"],
        }
        for ind, year, changed in plan
        if changed == "kaart-indicator.value"
    ]
    periods_run = post_switches(client, periods)
    result = summary(run["ms"], run["bytes"], run["cpu_ms"]) | {
        "cold_first_ms": round(cold_ms, 1),
        "responses_with_coordinates": run["with_forbidden"],
        "areas_in_hideout": len(hideout["areas"]),
        "classes_in_hideout": sorted({hideout["classes"][a[0]] for a in hideout["areas"].values()}),
        "periods_callback_ms_median": round(statistics.median(periods_run["ms"]), 1),
    }
    median = result["ms_median"]
    if profile or median >= 50:
        profiler = cProfile.Profile()
        profiler.enable()
        post_switches(client, bodies)
        profiler.disable()
        result["profile_top_project_functions"] = where_time_goes(profiler, len(bodies))
        if profile:
            pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(40)
    return result


def step_naive(indicators: list[str]) -> dict[str, Any]:
    """A plain Dash app with ``dcc.Graph``: rebuild the choropleth with geometry per switch."""
    import plotly.graph_objects as go
    from dash import Dash, Input, Output, dcc, html

    from monitor.area_geometry import area_geojson
    from monitor.palette import colour
    from monitor.scoring import CLASSES, Scorer
    from monitor.store import Store

    store = Store()
    geojson = area_geojson(store, store.division_id(), "buurt")  # once, at start
    colours = [colour(k, "standaard") for k in CLASSES]
    n = len(CLASSES)
    # A discrete colour scale: class index i gets colour i.
    scale = [pair for i, c in enumerate(colours) for pair in ([i / n, c], [(i + 1) / n, c])]

    def figure(indicator: str, year: int, level: str) -> go.Figure:
        return build(Scorer(store).score(indicator, int(year), level))

    def build(frame: Any) -> go.Figure:
        return go.Figure(
            go.Choroplethmap(
                geojson=geojson,
                featureidkey="properties.code",
                locations=frame["code"],
                z=[CLASSES.index(k) for k in frame["klasse"]],
                zmin=-0.5,
                zmax=n - 0.5,
                colorscale=scale,
                text=frame["naam"] + ": " + frame["value"].round(1).astype(str),
                hoverinfo="text",
                marker_line_width=0.5,
            ),
            layout={"map": {"style": "white-bg", "center": {"lat": 52.37, "lon": 4.9}}},
        )

    naive = Dash(__name__)
    naive.layout = html.Div(
        [dcc.Dropdown(id="i"), dcc.Dropdown(id="p"), dcc.Dropdown(id="l"), dcc.Graph(id="g")]
    )

    @naive.callback(
        Output("g", "figure"), Input("i", "value"), Input("p", "value"), Input("l", "value")
    )
    def update(indicator: str, year: int, level: str) -> go.Figure:
        return figure(indicator, year, level)

    client = naive.server.test_client()
    plan = switches(indicators)
    bodies = [
        {
            "output": "g.figure",
            "outputs": {"id": "g", "property": "figure"},
            "inputs": [
                {"id": "i", "property": "value", "value": ind},
                {"id": "p", "property": "value", "value": year},
                {"id": "l", "property": "value", "value": "buurt"},
            ],
            "state": [],
            "changedPropIds": [
                changed.replace("kaart-indicator", "i").replace("kaart-period", "p")
            ],
        }
        for ind, year, changed in plan
    ]
    post_switches(client, bodies[:4])  # warm up
    run = post_switches(client, bodies, forbidden=b"coordinates")
    # Without Dash: the scores (the same work our restyle does), then the figure alone,
    # built and serialised with fig.to_json().
    score_ms, ms, sizes = [], [], []
    for ind, year, _ in plan:
        start = time.perf_counter()
        frame = Scorer(store).score(ind, year, "buurt")
        middle = time.perf_counter()
        text = build(frame).to_json()
        score_ms.append((middle - start) * 1000)
        ms.append((time.perf_counter() - middle) * 1000)
        sizes.append(len(text.encode()))
    return summary(run["ms"], run["bytes"], run["cpu_ms"]) | {
        "responses_with_coordinates": run["with_forbidden"],
        "geometry_kb": round(len(json.dumps(geojson, separators=(",", ":"))) / 1000, 1),
        "scorer_score_ms_median": round(statistics.median(score_ms), 1),
        "figure_build_and_to_json": summary(ms, sizes),
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def app_server(log: Path) -> Iterator[str]:
    """``python app.py`` on a free port, no basemap; stopped afterwards."""
    port = _free_port()
    env = dict(os.environ, MONITOR_PORT=str(port), MONITOR_TILE_URL="")
    base = f"http://127.0.0.1:{port}"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "app.py"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base, timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"server did not start:\n{log.read_text()}") from None
                time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def step_browser(indicator: str, work: Path) -> dict[str, Any]:
    if not Path(CHROMIUM).exists():
        return {"skipped": f"Chromium not found at {CHROMIUM}"}
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"skipped": "playwright not installed"}

    received: list[tuple[str, str, int]] = []  # url, kind, bytes on the wire
    decoded: list[int] = []  # the same responses unpacked (gzip undone)
    restyle_posts: list[dict[str, Any]] = []

    def on_finished(request: Any) -> None:
        sizes = request.sizes()  # what crossed the network: headers + (compressed) body
        received.append(
            (
                request.url,
                request.resource_type,
                sizes["responseBodySize"] + sizes["responseHeadersSize"],
            )
        )
        try:
            decoded.append(len(request.response().body()))
        except Exception:  # redirects and aborted requests have no body
            decoded.append(0)

    def on_request(request: Any) -> None:
        if "_dash-update-component" in request.url and "kaart-geojson.hideout" in (
            request.post_data or ""
        ):
            restyle_posts.append(json.loads(request.post_data))

    with app_server(work / "app-server.log") as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.on("requestfinished", on_finished)
            page.on("request", on_request)
            start = time.perf_counter()
            page.goto(f"{base}/?indicator={indicator}&jaar={YEARS[-1]}&niveau=buurt")
            page.wait_for_selector("#kaart-legend .legend-item", timeout=60_000)
            legend_s = time.perf_counter() - start
            at_legend = sum(size for _, _, size in received)
            count_at_legend = len(received)
            page.wait_for_function(
                f"document.querySelectorAll('path.leaflet-interactive').length == {BUURTEN}",
                timeout=60_000,
            )
            drawn_s = time.perf_counter() - start
            page.wait_for_load_state("networkidle")
            total = sum(size for _, _, size in received)
            total_decoded = sum(decoded)
        finally:
            browser.close()
    by_kind: dict[str, int] = {}
    for url, kind, size in received:
        name = "dash-update-component" if "_dash-update-component" in url else kind
        by_kind[name] = by_kind.get(name, 0) + size
    largest = sorted(received, key=lambda r: -r[2])[:8]
    tiles = [url for url, _, _ in received if "tile" in url.lower() or "pdok" in url.lower()]
    return {
        "bytes_until_legend": at_legend,
        "responses_until_legend": count_at_legend,
        "bytes_until_all_drawn_and_idle": total,
        "decoded_bytes_until_all_drawn_and_idle": total_decoded,
        "responses_total": len(received),
        "seconds_to_legend": round(legend_s, 2),
        "seconds_to_481_areas_drawn": round(drawn_s, 2),
        "kb_by_kind": {k: round(v / 1000, 1) for k, v in sorted(by_kind.items())},
        "largest_responses": [
            {"url": url.replace(base, ""), "kb": round(size / 1000, 1)} for url, _, size in largest
        ],
        "tile_requests": len(tiles),
        "page_errors": errors,
        "restyle_payload": restyle_posts[0] if restyle_posts else None,
    }
