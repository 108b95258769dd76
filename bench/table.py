"""The speed table (markdown) from ``bench/results.json``, written to ``bench/README.md``.

``python -m bench.table`` rewrites it; ``bench.run`` does so after every run.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
README = HERE / "README.md"
INTRO = """`make bench` (or `python -m bench.run --only NAME`, `--scale 0.05` for a quick national
run) writes `bench/results.json`; this table is made from it by `python -m bench.table`.
Each measured step runs in a fresh process (peak = max RSS, imports included). The
machine has 2 CPUs shared with other work: wall times depend on its load, which is noted
per benchmark (1-minute load average before → after); CPU seconds are less sensitive.
The host's own speed varies too (by a quarter between an evening and the next morning,
same code), which the load average does not show: since 2026-12-07 each benchmark also
notes *host*, the seconds of a fixed workload (`bench.common.host_reference`) before /
after it: a larger number is a slower host.
"""


def _load(entry: dict[str, Any]) -> str:
    before, after = entry.get("load_before"), entry.get("load_after")
    if not before or not after:
        return ""
    host = entry.get("host_reference_seconds")
    speed = f"; host {host[0]} / {host[1]} s" if host else ""
    return f"{before[0]} → {after[0]}{speed}"


def _yes(flag: Any) -> str:
    return "yes" if flag else "**no**"


def rows(results: dict[str, Any]) -> list[list[str]]:
    b = results.get("benchmarks", {})
    out: list[list[str]] = []
    if (r := b.get("bbga_rebuild")) and "skipped" not in r:
        ours, duck, req, agree = r["ours"], r["duckdb"], r["per_request"], r["agreement"]
        out += [
            [
                "BBGA: full materialised rebuild (SQLite, "
                f"{ours['groups']:,} groups, {ours['rows']:,} score rows)",
                f"{ours['seconds_median']} s ({ours['cpu_seconds_median']} s CPU), "
                f"{ours['peak_mb']} MB",
                f"≤ {r['target_seconds']} s, ≤ {r['target_vs_duckdb']}× DuckDB",
                _yes(r["meets_target"]),
                _load(r),
            ],
            [
                "BBGA: the same classes in DuckDB SQL (read from SQLite + compute)",
                f"{duck['seconds_median']} s ({duck['read_seconds']} + "
                f"{duck['compute_seconds_median']}); ours/DuckDB {r['ours_vs_duckdb']}×, "
                f"compute only {r['ours_compute_vs_duckdb_compute']}×",
                f"mismatches: {agree['total_mismatches']} of {agree['rows_compared']:,} rows",
                "",
                "",
            ],
            [
                f"BBGA: per-request path for the same work ({req['sampled']} sampled "
                "indicator-period-levels, extrapolated)",
                f"~{req['seconds_extrapolated']} s ({req['ms_mean']} ms each × "
                f"{req['total_work']:,}); {r['per_request_vs_ours']}× the rebuild",
                "",
                "",
                "",
            ],
        ]
    if (r := b.get("page_render")) and "skipped" not in r:
        for path, page in r["pages"].items():
            out.append(
                [
                    f"page `{path}`: layout + "
                    + (page["main_callback"] or "no callback").split("...")[0],
                    f"{page['page_ms']} ms ({page['page_cpu_ms']} ms CPU); all "
                    f"{page['callbacks_fired']} load callbacks {page['all_initial_callbacks_ms']}"
                    " ms",
                    f"≤ {r['target_ms']} ms",
                    _yes(page["meets_target"]),
                    _load(r),
                ]
            )
        if d := r.get("profiel_domains"):
            out.append(
                [
                    f"buurtprofiel {d['area']}: open all {d['domains']} folded domains one by one",
                    f"{d['open_all_ms']} ms in all ({d['open_all_cpu_ms']} ms CPU), slowest "
                    f"{d['open_slowest_ms']} ms; the page {d['layout_ms']} ms, a filter "
                    f"{d['filter_ms']} ms",
                    "",
                    "",
                    _load(r),
                ]
            )
    for key in ("national_synthetic", "national_synthetic_postgresql"):
        if r := b.get(key):
            out += _national(r)
    return out + _ingest_and_kaart(b)


def _cpu(found: dict[str, Any], name: str) -> str:
    key = f"{name}_cpu_ms_median"
    return f" ({found[key]} ms CPU)" if key in found else ""


def _cpus(step: dict[str, Any]) -> str:
    """A step's CPU seconds, its worker processes' and its PostgreSQL backends' where
    measured."""
    server, workers = step.get("server_cpu_seconds"), step.get("worker_cpu_seconds")
    return (
        f"{step['cpu_seconds']} s CPU"
        + (f" + {workers} s in {step.get('worker_processes', 1)} workers" if workers else "")
        + (f" + {server} s server CPU" if server else "")
    )


def _one_gemeente(
    srv: dict[str, Any], own: dict[str, Any], targets: dict[str, Any], met: str
) -> list[str]:
    """The map switch of one gemeente's buurten: the whole callback where measured (each
    switch the first to its map; then seen before), and the scores it reads."""
    reads = (
        f"{own['ms_median']} ms"
        + (f" ({own['cpu_ms_median']} ms CPU)" if "cpu_ms_median" in own else "")
        + f", {own['ms_cold']} ms cold"
    )
    switch = srv.get("buurt_one_gemeente", {})
    if "switch_ms_seen_median" in switch:
        measured = (
            f"the switch {switch['switch_ms_median']} ms ({switch['switch_cpu_ms_median']} ms "
            f"CPU) the first time, {switch['switch_ms_seen_median']} ms seen before; "
            f"its scores read {reads}"
        )
        return [
            f"national: map switch, one gemeente's {own['buurten']} buurten",
            measured,
            f"≤ {targets['one_gemeente_ms']} ms",
            met,
            "",
        ]
    return [
        f"national: map switch, one gemeente's {own['buurten']} buurten (scores read)",
        reads,
        f"≤ {targets['one_gemeente_ms']} ms",
        met,
        "",
    ]


def _checkpoint(step: dict[str, Any]) -> str:
    """The WAL checkpoint SQLite ran after the step's commit, in a thread (none: empty)."""
    after = step.get("checkpoint_after_seconds")
    return f" + {after} s WAL checkpoint after the commit" if after else ""


def _national(r: dict[str, Any]) -> list[list[str]]:
    c, imp, reb, srv = r["counts"], r["import"], r["rebuild"], r["serve"]
    scale = (
        f"{r.get('backend', 'sqlite')}, scale {r['scale']}: {c['buurten']:,} buurten in "
        f"{c['gemeenten']:,} gemeenten, {c['measurements']:,} meetingen"
    )
    linear = r.get("extrapolated_to_full_scale_linear")
    full = (
        f"; linear to full scale: import ~{linear['import_seconds']} s, rebuild "
        f"~{linear['rebuild_seconds']} s, ~{linear['store_mb']} MB"
        if linear
        else ""
    )
    if "one_gemeente" not in srv:  # an older result
        return [[f"national ({scale})", f"import {imp['seconds']} s", "", "", _load(r)]]
    targets, meets = r["targets"], r.get("meets") or {}

    def met(key: str) -> str:
        return _yes(meets[key]) if key in meets else "(full scale only)"

    own, prof = srv["one_gemeente"], srv["profile"]
    return [
        [
            f"national ({scale}): import incl. scoring",
            f"{imp['seconds']} s ({_cpus(imp)}){_checkpoint(imp)}, {imp['peak_mb']} MB peak{full}",
            f"≤ {targets['import_seconds']} s, ≤ {targets['peak_mb']} MB",
            met("import_seconds"),
            _load(r),
        ],
        [
            "national: full rebuild (in passes)",
            f"{reb['seconds']} s ({_cpus(reb)}){_checkpoint(reb)}, {reb['peak_mb']} MB peak, "
            f"{reb['rows']:,} score rows; store {r['store_mb']} MB",
            f"≤ {targets['rebuild_seconds']} s, ≤ {targets['peak_mb']} MB",
            f"{met('rebuild_seconds')}, memory {met('peak_mb')}" if meets else "(full scale only)",
            "",
        ],
        _one_gemeente(srv, own, targets, met("one_gemeente_ms")),
        [
            f"national: kaart switch, national view ({srv['gemeente']['areas']} gemeenten)",
            f"{srv['gemeente']['switch_ms_median']} ms "
            f"({srv['gemeente']['switch_cpu_ms_median']} ms CPU), "
            f"{srv['gemeente']['switch_kb_median']} KB",
            "renders",
            "",
            "",
        ],
        [
            f"national: kaart switch, all {srv['buurt']['areas']:,} buurten of the country",
            f"{srv['buurt']['switch_ms_median']} ms ({srv['buurt']['switch_cpu_ms_median']} ms "
            f"CPU), {srv['buurt']['switch_kb_median']} KB",
            "",
            "",
            "",
        ],
        [
            f"national: profile data of one buurt ({prof['series']} indicator-years)",
            f"area_profile {prof['area_profile_ms_median']} ms"
            + _cpu(prof, "area_profile")
            + f", of which the one query {prof['area_scores_ms_median']} ms"
            + _cpu(prof, "area_scores"),
            f"≤ {targets['profile_ms']} ms",
            met("profile_ms"),
            "",
        ],
    ]


def _ingest_and_kaart(b: dict[str, Any]) -> list[list[str]]:
    out: list[list[str]] = []
    if r := b.get("ingest_1m"):
        naive = r["naive_baseline"]
        rebuild = r.get("score_rebuild_seconds")
        child = r.get("forked_child")
        if child:  # scored in a forked child while the rows were inserted
            part = (
                f", scored in a forked child meanwhile ({child['own_peak_mb']} MB of its own); "
                f"the rebuild's wait and write here {rebuild} s"
            )
        else:
            part = f", of which score rebuild {rebuild} s" if rebuild is not None else ""
        out.append(
            [
                f"ingest of {r['rows']:,} meetingen rows (check + publish{part})",
                f"{r['seconds']} s ({r['cpu_seconds']} s CPU){_checkpoint(r)}, "
                f"{r['peak_mb']} MB; naive "
                f"read_csv+to_sql {naive['seconds']} s: "
                f"{r.get('ours_vs_naive', round(1 / r['speedup_vs_naive'], 2))}×"
                + (
                    f"; without the score rebuild {r['seconds_without_score_rebuild']} s: "
                    f"{r['ours_without_score_rebuild_vs_naive']}×"
                    if "ours_without_score_rebuild_vs_naive" in r and not child
                    else ""
                ),
                f"≤ {r['target_seconds']} s, ≤ {r.get('target_vs_naive', '–')}× naive",
                _yes(r["meets_target"]),
                _load(r),
            ]
        )
    if r := b.get("points_ingest"):
        naive = r["naive_baseline"]
        out.append(
            [
                f"points: {r['rows']:,} meldingen imported (check, point in buurt, publish "
                "with indicators) and counted per month",
                f"{r['seconds']} s ({r['cpu_seconds']} s CPU){_checkpoint(r)}, "
                f"{r['peak_mb']} MB; naive "
                f"sjoin+groupby {naive['seconds']} s ({naive['cpu_seconds']} s CPU): "
                f"{r['ours_vs_naive']}×",
                f"≤ {r['target_seconds']} s",
                _yes(r["meets_target"]),
                _load(r),
            ]
        )
    if r := b.get("signals_all"):
        out.append(
            [
                f"signals: {r['tested']:,} buurten × categories ({r['cells']:,} monthly cells)",
                f"{r['seconds']} s ({r['cpu_seconds']} s CPU), {r['peak_mb']} MB",
                f"≤ {r['target_seconds']} s",
                _yes(r["meets_target"]),
                _load(r),
            ]
        )
    if (r := b.get("points_map")) and "skipped" not in r:
        out.append(
            [
                f"points on the Kaart: {r['points']:,} meldingen in the cluster layer, headless "
                "Chromium; the mouse pans and zooms",
                f"first render {r['first_render_s']} s ({r['callback_response_mb']} MB "
                f"callback); frames median {r['frame_ms_median']} ms, p95 {r['frame_ms_p95']} "
                f"ms, max {r['frame_ms_max']} ms ({r['frames_over_50ms']} of {r['frames']} "
                "over 50 ms)"
                + (
                    f"; the same moves without points: median "
                    f"{r['without_points']['frame_ms_median']} ms, p95 "
                    f"{r['without_points']['frame_ms_p95']} ms"
                    if r.get("without_points")
                    else ""
                ),
                f"p95 ≤ {r['target_p95_ms']:g} ms",
                _yes(r["meets_target"]),
                _load(r),
            ]
        )
    if r := b.get("load"):
        setup = r["setup"]
        out.append(
            [
                f"load: gunicorn ×{setup['gunicorn_workers']}, {setup['store']}, Redis; "
                f"{setup['readers']} readers for {setup['seconds']:g} s while an analist "
                f"publishes and undoes ({r['publishes']} + {r['undos']})",
                f"{r['requests_per_s']} requests/s; p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, "
                f"p99 {r['p99_ms']} ms; {r['errors']} errors, {r['half_states']} half states; "
                f"{r['cpu_ms_per_request']} ms server CPU per request",
                f"p95 ≤ {r['target_p95_ms']} ms, 0 errors, 0 half states",
                _yes(r["meets_target"]),
                _load(r),
            ]
        )
    if (r := b.get("kaart_switch")) and "skipped" not in r:
        out.append(
            [
                "map switch, 481 buurten (kaart restyle)",
                f"{r['switch']['ms_median']} ms, {r['switch']['kb_max']} KB",
                f"< {r['target_switch_ms']} ms, < {r['target_switch_kb']} KB",
                _yes(r["meets_target"]),
                "",
            ]
        )
    return out


def markdown(results: dict[str, Any]) -> str:
    header = ["what", "measured", "target / peer", "meets", "load"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows(results)]
    machine = results.get("machine", {})
    return (
        f"{INTRO}\nLast written {results.get('generated_at', '?')} on "
        f"{machine.get('cpu_count')} CPUs, Python {machine.get('python')}; each benchmark was "
        "run on its own (``--only``), at its own time and load.\n\n" + "\n".join(lines) + "\n"
    )


START, END = "<!-- table -->", "<!-- /table -->"


def write(results_path: Path = HERE / "results.json") -> None:
    """Replace the table between the markers; the notes around it stay."""
    table = f"{START}\n{markdown(json.loads(results_path.read_text()))}{END}"
    text = README.read_text() if README.exists() else f"{START}\n{END}\n"
    before, rest = text.split(START, 1)
    README.write_text(before + table + rest.split(END, 1)[1])


if __name__ == "__main__":
    write()
