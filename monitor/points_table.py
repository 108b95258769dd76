"""Meldingen counted per area, level and period (month, quarter or year): the table a
gebiedsmanager reads (``monitor punten tabel``, the CSV export and the Signalen page's
table).

The scored indicators per quarter and month are :mod:`monitor.points_indicators`
(buurt values, aggregated upwards, complete periods only); this table counts any level
and category on demand, from the current points, and is not stored. Every area of the
level gets every period between the first and the last month with points (0 where it has
none); the last period can be incomplete (the points end within it): the CLI and the
page say so.
"""

from __future__ import annotations

import threading

import pandas as pd

from monitor.errors import MonitorError
from monitor.messages import t
from monitor.store import LEVELS, PARENT_COLUMNS, Store

#: The periods a table can count per, and how many of each make a year.
PER: dict[str, int] = {"maand": 12, "kwartaal": 4, "jaar": 1}
COLUMNS = ["code", "name", "category", "period", "count"]


def period_number(month: pd.Series, per: str) -> pd.Series:
    """``YYYY-MM`` texts as consecutive whole numbers of the period (year × 12 + month
    − 1 for maand, year × 4 + quarter − 1 for kwartaal, the year for jaar)."""
    year = pd.to_numeric(month.str.slice(0, 4)).astype("int64")
    index = pd.to_numeric(month.str.slice(5, 7)).astype("int64") - 1
    return year * PER[per] + index * PER[per] // 12


def period_label(number: int, per: str) -> str:
    """``2025-03`` (maand), ``2025-K1`` (kwartaal), ``2025`` (jaar)."""
    year, index = divmod(int(number), PER[per])
    if per == "kwartaal":
        return f"{year}-K{index + 1}"
    if per == "jaar":
        return str(year)
    return f"{year}-{index + 1:02d}"


def point_table(
    store: Store,
    division_id: int,
    *,
    per: str = "maand",
    niveau: str = "buurt",
    category: str | None = None,
    soort: str = "meldingen",
    by_category: bool = True,
) -> pd.DataFrame:
    """Current points per area of ``niveau`` × category × period: code, name, category,
    period (label), count; ordered by code, category and period. ``category`` keeps one
    category; ``by_category=False`` adds the categories up (category ``""``, or the one
    category kept)."""
    if per not in PER:
        raise MonitorError(t("points.table.bad_per", per=per, choices=", ".join(PER)))
    if niveau not in LEVELS:
        raise MonitorError(t("points.table.bad_niveau", niveau=niveau, choices=", ".join(LEVELS)))
    months = store.point_month_totals(division_id, soort, category)
    if months.empty:
        return pd.DataFrame(columns=COLUMNS)
    areas = store.areas_frame(division_id, niveau)
    if niveau == "buurt":
        months["code"] = months["area"]
    else:
        buurten = store.areas_frame(division_id, "buurt").set_index("code")
        months["code"] = months["area"].map(buurten[PARENT_COLUMNS[niveau]])
        months = months[months["code"].notna()]
    if not by_category:  # added up: named by the one category kept, else ""
        months["category"] = category or ""
    months["period"] = period_number(months["month"], per)
    counts = months.groupby(["code", "category", "period"])["count"].sum()
    periods = range(int(months["period"].min()), int(months["period"].max()) + 1)
    grid = pd.MultiIndex.from_product(
        [areas["code"], sorted(months["category"].unique()), periods],
        names=["code", "category", "period"],
    )
    table = counts.reindex(grid, fill_value=0).rename("count").reset_index()
    table["name"] = table["code"].map(areas.set_index("code")["name"])
    labels = {number: period_label(number, per) for number in periods}
    table["period"] = table["period"].map(labels)
    table["count"] = table["count"].astype("int64")
    return table[COLUMNS]


_CACHE: dict[tuple, pd.DataFrame] = {}
_LOCK = threading.Lock()


def current_table(
    store: Store,
    division_id: int,
    *,
    per: str = "kwartaal",
    niveau: str = "wijk",
    category: str | None = None,
    soort: str = "meldingen",
) -> pd.DataFrame:
    """:func:`point_table` with the categories added up (or one category), cached per
    data generation (every publish or undo starts a new one): what a page shows and
    exports, never counted twice for the same data."""
    key = (id(store.engine), division_id, soort, store.upload_counts(), per, niveau, category)
    with _LOCK:
        cached = _CACHE.get(key)
    if cached is not None:
        return cached
    found = point_table(
        store,
        division_id,
        per=per,
        niveau=niveau,
        category=category,
        soort=soort,
        by_category=False,
    )
    with _LOCK:
        if len(_CACHE) > 32:
            _CACHE.clear()
        _CACHE[key] = found
    return found


def wide(table: pd.DataFrame, last: int | None = None) -> pd.DataFrame:
    """A table (one category, or the categories added up) as areas × periods: code,
    name and one column per period (the ``last`` periods only, when given)."""
    if table.empty:
        return pd.DataFrame(columns=["code", "name"])
    periods = sorted(table["period"].unique())
    shown = periods[-last:] if last else periods
    kept = table[table["period"].isin(shown)]
    pivot = kept.pivot_table(
        index=["code", "name"], columns="period", values="count", aggfunc="sum", sort=True
    )
    return pivot[shown].reset_index()


def categories(store: Store, division_id: int, soort: str = "meldingen") -> list[str]:
    """The categories of the current points with a date, alphabetically."""
    months = store.point_month_totals(division_id, soort)
    return sorted(months["category"].unique()) if not months.empty else []
