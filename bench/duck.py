"""The peer of the materialised rebuild: the same NAP classes in DuckDB SQL.

Written from the rules in ``monitor/scoring/compute.py`` (not by calling it), on the same
current measurements, read from the same SQLite store: values per level (own rows, else
aggregated from the finest child level with a value: sum or (weighted) mean), usable
values (no flag, minimum population and respondents), per indicator-period-level-reference
window aggregates (mean, weighted mean, ``stddev_pop``, coverage), NAP (the reference
area's own value, else the mean of an adequately covered level), band and class with the
indicator's method and polarity, and the reason codes.

Not implemented (not in the BBGA catalogue; :func:`unsupported` lists indicators that
need them): spread kinds ``mad`` and ``log``, reference ``basisjaar``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

LEVELS = ("buurt", "wijk", "gebied", "stadsdeel", "gemeente")
Z95 = 1.959963984540054
MINIMUM = 0.8  # monitor.scoring.coverage.MINIMUM


def read_sqlite(db: Path, division_id: int) -> dict[str, pa.Table]:
    """Areas, catalogue, settings and current measurements of one division."""
    conn = sqlite3.connect(db)
    try:
        tables = {
            "m": _table(
                conn,
                "SELECT m.area_id, m.indicator_id AS ind, m.period, m.value, m.n, m.flag "
                "FROM measurements m JOIN areas a ON a.id = m.area_id "
                "WHERE a.division_id = ? AND m.is_current",
                (division_id,),
            ),
            "a": _table(
                conn,
                "SELECT id, code, level, wijk_code, gebied_code, stadsdeel_code, gemeente_code "
                "FROM areas WHERE division_id = ?",
                (division_id,),
            ),
            "i": _table(
                conn,
                "SELECT id, polarity, method, band, unit, min_population, "
                "min_population_indicator, min_respondents, aggregation, weight_indicator, "
                "forecast, sd_individual, spread FROM indicators",
                (),
            ),
            "s": _table(conn, "SELECT key, value FROM settings", ()),
        }
    finally:
        conn.close()
    return tables


def _table(conn: sqlite3.Connection, sql: str, params: tuple) -> pa.Table:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    rows = cursor.fetchall()
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(names)
    return pa.table({n: list(c) for n, c in zip(names, columns, strict=True)})


def unsupported(tables: dict[str, pa.Table]) -> list[str]:
    cat = tables["i"].to_pydict()
    return [i for i, s in zip(cat["id"], cat["spread"], strict=True) if s != "sd"]


def connect(tables: dict[str, pa.Table]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for name, table in tables.items():
        con.register(f"raw_{name}", table)
    return con


def compute(con: duckdb.DuckDBPyConnection) -> Any:
    """Run the SQL; returns the rows (an Arrow table) with one row per area × pair."""
    for sql in _statements():
        con.execute(sql)
    return con.sql("SELECT * FROM result").to_arrow_table()


def _statements() -> list[str]:
    level_case = " ".join(f"WHEN '{lvl}' THEN {k}" for k, lvl in enumerate(LEVELS))
    parents = " UNION ALL ".join(
        f"SELECT a.id AS area_id, {k} AS plvl, "
        f"CASE WHEN a.lvl = {k} THEN a.id ELSE p.id END AS parent_id "
        f"FROM a LEFT JOIN a p ON p.code = a.{lvl}_code AND p.lvl = {k}"
        for k, lvl in enumerate(LEVELS)
        if k > 0
    )
    out = [
        f"CREATE OR REPLACE TEMP TABLE a AS SELECT *, CASE level {level_case} END AS lvl "
        "FROM raw_a",
        f"CREATE OR REPLACE TEMP TABLE parent AS {parents}",
        "CREATE OR REPLACE TEMP TABLE i AS SELECT *, "
        "CASE aggregation WHEN 'som' THEN 1 WHEN 'gewogen-gemiddelde' THEN 2 ELSE 0 END AS agg, "
        "coalesce(min_population_indicator, (SELECT value FROM raw_s "
        "WHERE key = 'population_indicator')) AS pop_ind, "
        "coalesce(band, CASE method WHEN 'z' THEN 0.5 WHEN 'z5' THEN 0.5 "
        "WHEN 'relatief' THEN 0.1 WHEN 'index' THEN 10.0 ELSE CASE unit WHEN '%' THEN 2.0 "
        "WHEN 'rapportcijfer' THEN 0.3 END END) AS bandwidth FROM raw_i",
        "CREATE OR REPLACE TEMP TABLE m AS SELECT m.*, a.lvl FROM raw_m m "
        "JOIN a ON a.id = m.area_id",
        _level_values(),
        _cross(),
        _groups(),
        _classes(),
    ]
    return out


def _level_values() -> str:
    """Values per level: own rows; for pairs without any, the finest child level with a
    value, combined per parent (sum, weighted mean with a plain-mean fallback)."""
    return """
CREATE OR REPLACE TEMP TABLE lv AS
WITH own AS (
    SELECT lvl, area_id, ind, period, value, n, flag, 0 AS origin FROM m
), own_pairs AS (SELECT DISTINCT lvl, ind, period FROM m),
child_source AS (  -- per target level and pair: the finest child level with a value
    SELECT t.plvl AS lvl, m.ind, m.period, min(m.lvl) AS child
    FROM m JOIN i ON i.id = m.ind AND i.agg > 0
    JOIN (SELECT DISTINCT plvl FROM parent) t ON m.lvl < t.plvl
    WHERE m.value IS NOT NULL
    GROUP BY ALL
), sources AS (
    SELECT c.* FROM child_source c
    ANTI JOIN own_pairs o ON o.lvl = c.lvl AND o.ind = c.ind AND o.period = c.period
), rows AS (
    SELECT s.lvl, p.parent_id AS area_id, m.ind, m.period, m.value, m.n, i.agg,
           w.value AS w
    FROM sources s
    JOIN m ON m.ind = s.ind AND m.period = s.period AND m.lvl = s.child
    JOIN parent p ON p.area_id = m.area_id AND p.plvl = s.lvl
    JOIN i ON i.id = m.ind
    LEFT JOIN m w ON w.ind = i.weight_indicator AND w.period = m.period
         AND w.area_id = m.area_id
    WHERE m.value IS NOT NULL AND m.flag IS NULL AND p.parent_id IS NOT NULL
), combined AS (
    SELECT lvl, area_id, ind, period, any_value(agg) AS agg, count(*) AS cnt,
           sum(value) AS sx,
           sum(CASE WHEN isfinite(w) THEN w ELSE 0 END) AS sw,
           sum(CASE WHEN isfinite(w) THEN w * value ELSE 0 END) AS swx,
           count(*) FILTER (WHERE isfinite(w)) AS w_ok,
           count(n) AS n_known, sum(coalesce(n, 0)) AS n_sum
    FROM rows GROUP BY ALL
)
SELECT * FROM own
UNION ALL
SELECT lvl, area_id, ind, period,
       CASE WHEN agg = 1 THEN sx WHEN w_ok = cnt AND sw > 0 THEN swx / sw ELSE sx / cnt END,
       CASE WHEN n_known > 0 AND n_sum > 0 THEN n_sum END,
       NULL, 1
FROM combined
"""


def _cross() -> str:
    """Every area of a level × every scored pair of that level, with usability."""
    return """
CREATE OR REPLACE TEMP TABLE cross_rows AS
WITH scored AS (
    SELECT id FROM i WHERE NOT forecast AND bandwidth IS NOT NULL
), pairs AS (
    SELECT DISTINCT lv.lvl, lv.ind, lv.period FROM lv JOIN scored ON scored.id = lv.ind
), ref AS (
    SELECT a.id AS area_id, a.lvl,
           CASE WHEN a.lvl = 4 THEN a.id ELSE p.parent_id END AS ref_id
    FROM a LEFT JOIN parent p ON p.area_id = a.id AND p.plvl = 4
)
SELECT pairs.ind, pairs.period, pairs.lvl, ref.ref_id, ref.area_id,
       v.value, v.n, v.flag, v.origin, v.area_id IS NOT NULL AS measured,
       pop.value AS population, w.value AS w, people.value AS people,
       i.min_population, i.min_respondents
FROM pairs JOIN ref ON ref.lvl = pairs.lvl
JOIN i ON i.id = pairs.ind
LEFT JOIN lv v ON v.lvl = pairs.lvl AND v.ind = pairs.ind AND v.period = pairs.period
     AND v.area_id = ref.area_id
LEFT JOIN lv pop ON pop.lvl = pairs.lvl AND pop.ind = i.pop_ind
     AND pop.period = pairs.period AND pop.area_id = ref.area_id
LEFT JOIN lv w ON w.lvl = pairs.lvl AND w.ind = i.weight_indicator
     AND w.period = pairs.period AND w.area_id = ref.area_id
LEFT JOIN lv people ON people.lvl = pairs.lvl
     AND people.ind = (SELECT value FROM raw_s WHERE key = 'population_indicator')
     AND people.period = pairs.period AND people.area_id = ref.area_id
"""


def _groups() -> str:
    """Reasons per row and, by window functions over indicator-period-level-reference,
    mean, weighted mean, spread, coverage and NAP."""
    return f"""
CREATE OR REPLACE TEMP TABLE grouped AS
WITH why AS (
    SELECT *, CASE
        WHEN NOT measured THEN 'geen_meting'
        WHEN flag IS NOT NULL THEN flag
        WHEN value IS NULL THEN 'leeg'
        WHEN min_population > 0 AND population < min_population THEN 'te_weinig_inwoners'
        WHEN min_respondents > 0 AND n < min_respondents THEN 'te_weinig_respondenten'
    END AS why,
    measured AND (value IS NOT NULL OR (flag IS NOT NULL AND flag <> 'leeg')) AS covered
    FROM cross_rows
), win AS (
    SELECT *,
        count(*) FILTER (WHERE why IS NULL) OVER g AS usable,
        avg(value) FILTER (WHERE why IS NULL) OVER g AS mean,
        stddev_pop(value) FILTER (WHERE why IS NULL) OVER g AS sd,
        count(*) FILTER (WHERE why IS NULL AND isfinite(w)) OVER g AS w_ok,
        sum(w) FILTER (WHERE why IS NULL AND isfinite(w)) OVER g AS sw,
        sum(w * value) FILTER (WHERE why IS NULL AND isfinite(w)) OVER g AS swx,
        count(*) OVER g AS areas,
        count(*) FILTER (WHERE covered) OVER g AS n_covered,
        count(people) OVER g AS known,
        sum(coalesce(people, 0)) OVER g AS total,
        sum(CASE WHEN covered THEN coalesce(people, 0) ELSE 0 END) OVER g AS part
    FROM why
    WINDOW g AS (PARTITION BY ind, period, lvl, ref_id)
), napped AS (
    SELECT win.*, own.value AS own,
        round(CASE WHEN known = areas AND total > 0 THEN part / total
                   ELSE n_covered / areas END, 9) >= {MINIMUM} AS adequate,
        usable = w_ok AND coalesce(sw, 0) > 0 AS weighted
    FROM win LEFT JOIN m own ON own.area_id = win.ref_id AND own.ind = win.ind
         AND own.period = win.period AND own.value IS NOT NULL AND own.flag IS NULL
)
SELECT *,
    CASE WHEN own IS NOT NULL THEN own WHEN NOT adequate THEN NULL
         WHEN weighted THEN swx / sw ELSE mean END AS nap,
    CASE WHEN usable >= 2 THEN sd END AS spread,
    own IS NULL AND NOT adequate AS incomplete
FROM napped
"""


def _classes() -> str:
    """Measure, band, polarity, reliability and the reason code of every row."""
    return f"""
CREATE OR REPLACE TEMP TABLE result AS
WITH x AS (
    SELECT g.*, i.method, i.polarity, i.unit, i.bandwidth, i.sd_individual,
        CASE WHEN why IS NULL THEN value END AS x,
        CASE WHEN g.spread > 0 AND isfinite(g.spread) THEN
            (CASE WHEN why IS NULL THEN value END - g.nap) / g.spread END AS z
    FROM grouped g JOIN i ON i.id = g.ind
), measured AS (
    SELECT *, x - nap AS diff,
        CASE method WHEN 'relatief' THEN CASE WHEN nap > 0 THEN x / nap - 1 END
                    WHEN 'absoluut' THEN x - nap
                    WHEN 'index' THEN CASE WHEN nap > 0 THEN 100 * x / nap END
                    ELSE z END AS measure
    FROM x
), banded AS (
    SELECT *,
        coalesce(CASE WHEN method = 'index' THEN round(abs(measure - 100), 9) <= bandwidth
                      ELSE round(abs(measure), 9) < bandwidth END, false)
            OR coalesce(round(diff, 9) = 0, false) AS inside,
        method <> 'absoluut' AND measure IS NULL AND NOT coalesce(round(diff, 9) = 0, false)
            AS undecidable,
        CASE WHEN unit = '%' THEN 100 * sqrt(greatest(least(x / 100, 1), 0)
                 * (1 - greatest(least(x / 100, 1), 0)) / CASE WHEN n > 0 THEN n END)
             WHEN sd_individual > 0 THEN sd_individual / sqrt(CASE WHEN n > 0 THEN n END)
        END AS se
    FROM measured
), ci AS (
    SELECT *, polarity <> 'geen' AS coloured,
        coalesce(x - {Z95} * se <= nap AND nap <= x + {Z95} * se, false) AND NOT inside
            AS covers
    FROM banded
), klasse AS (
    SELECT *, CASE
        WHEN NOT coloured THEN 'niet_gekleurd'
        WHEN covers THEN 'rond'
        WHEN inside THEN 'rond'
        WHEN method = 'z5' AND polarity IN ('hoger-beter', 'lager-beter')
             AND round(abs(z), 9) >= 1.0 THEN
            CASE WHEN (diff > 0) = (polarity = 'hoger-beter') THEN 'veel_beter'
                 ELSE 'veel_slechter' END
        WHEN polarity = 'hoger-beter' THEN CASE WHEN diff > 0 THEN 'beter' ELSE 'slechter' END
        WHEN polarity = 'lager-beter' THEN CASE WHEN diff > 0 THEN 'slechter' ELSE 'beter' END
        ELSE CASE WHEN diff > 0 THEN 'meer' ELSE 'minder' END
    END AS k0,
    CASE WHEN NOT coloured THEN 'niet_gekleurd' WHEN covers THEN 'niet_significant'
         WHEN undecidable THEN CASE WHEN method IN ('z', 'z5') THEN 'geen_spreiding'
                                    ELSE 'nap_nul' END
         ELSE method END AS method_reason,
    x IS NULL OR nap IS NULL OR (undecidable AND NOT covers AND coloured) AS missing
    FROM ci
), coded AS (
    SELECT *, CASE WHEN missing THEN 'geen_gegevens' ELSE k0 END AS klasse,
        CASE WHEN why IS NOT NULL THEN why
             WHEN nap IS NULL THEN CASE WHEN incomplete THEN 'onvolledig' ELSE 'geen_nap' END
             ELSE method_reason END AS r0
    FROM klasse
)
SELECT ind AS indicator_id, period, lvl, area_id, ref_id,
    CASE WHEN r0 IN ('te_weinig_inwoners', 'te_weinig_respondenten', 'leeg', 'onderdrukt')
         THEN NULL ELSE value END AS value,
    CASE WHEN klasse IN ('geen_gegevens', 'niet_gekleurd') THEN NULL ELSE z END AS z,
    klasse,
    CASE WHEN why IS NULL AND klasse = 'geen_gegevens'
              AND r0 IN ('z', 'z5', 'relatief', 'absoluut', 'index') THEN 'geen_nap'
         ELSE r0 END AS reden_code,
    nap, spread, usable, areas
FROM coded
"""
