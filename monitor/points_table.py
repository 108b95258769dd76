"""Meldingen counted per area, level and period (month, quarter or year): the table a
gebiedsmanager reads (``monitor punten tabel``, the CSV export and the Signalen page's
table).

Scores stay per year (the store's periods are whole years, and the indicators counted
from points are yearly: :mod:`monitor.points_indicators`). Months and quarters are not
a second period model: they are counted here, on demand, from the current points, and
never scored or stored. Every area of the level gets every period between the first and
the last month with points (0 where it has none); the last period can be incomplete
(the points end within it): the CLI and the page say so.
"""

from __future__ import annotations

import pandas as pd

from monitor.errors import MonitorError
from monitor.messages import t
from monitor.store import LEVELS, PARENT_COLUMNS, Store

#: The periods a table can count per, and the pandas frequency of each.
PER: dict[str, str] = {"maand": "M", "kwartaal": "Q", "jaar": "Y"}
COLUMNS = ["code", "name", "category", "period", "count"]


def period_label(period: pd.Period, per: str) -> str:
    """``2025-03`` (maand), ``2025-K1`` (kwartaal), ``2025`` (jaar)."""
    if per == "kwartaal":
        return f"{period.year}-K{period.quarter}"
    if per == "jaar":
        return str(period.year)
    return f"{period.year}-{period.month:02d}"


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
    category; ``by_category=False`` adds the categories up (category ``""``)."""
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
    if not by_category:
        months["category"] = ""
    months["period"] = pd.PeriodIndex(months["month"], freq="M").asfreq(PER[per])
    counts = months.groupby(["code", "category", "period"])["count"].sum()
    periods = pd.period_range(months["period"].min(), months["period"].max(), freq=PER[per])
    grid = pd.MultiIndex.from_product(
        [areas["code"], sorted(months["category"].unique()), periods],
        names=["code", "category", "period"],
    )
    table = counts.reindex(grid, fill_value=0).rename("count").reset_index()
    table["name"] = table["code"].map(areas.set_index("code")["name"])
    labels = {p: period_label(p, per) for p in periods}
    table["period"] = table["period"].map(labels)
    table["count"] = table["count"].astype("int64")
    return table[COLUMNS]


def totals(table: pd.DataFrame) -> pd.DataFrame:
    """The whole city per category × period, from a table: category, period, count."""
    return table.groupby(["category", "period"], sort=True)["count"].sum().reset_index()
