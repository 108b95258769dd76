"""Budget totals up the area hierarchy, and amounts per inhabitant.

**Totals up the hierarchy.** A line belongs to one area of any level. The total of an
area is the sum of its own lines and those of every area beneath it (found through the
parent code columns of ``areas``), so a wijk's total equals the sum of its buurten plus
any line booked on the wijk itself. Realised amounts that are missing (not yet
accounted for) are left out of sums; a sum of nothing is missing, not zero.

**Per inhabitant** divides by the population indicator of the area in the budget year
(or the latest year before it; else the first after): the catalogue's population
indicator (``bev_totaal`` for Voorbeeldstad, ``BEVTOTAAL`` for the BBGA) unless the
programme list names another. Higher levels without their own population get the sum
of their buurten, as the catalogue's aggregation says.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from monitor.aggregation import level_values
from monitor.budget.model import MEASURES, TOTAL
from monitor.budget.programmes import Programmes, load_programmes, population_indicator
from monitor.catalog import load_from_store
from monitor.store import LEVELS, PARENT_COLUMNS, Store


def lines(store: Store, division_id: int, year: int | None = None) -> pd.DataFrame:
    """Current budget lines of a division (one year, or all), with area code and level."""
    return store.budget_frame(division_id, None if year is None else [int(year)])


def hierarchy_totals(lines: pd.DataFrame, areas: pd.DataFrame, level: str) -> pd.DataFrame:
    """Per area of ``level`` and programme: planned and realised over the area's own
    lines and those of all areas beneath it, plus a :data:`TOTAL` row per area.

    ``areas`` is the division's full area table (all levels, parent code columns).
    Columns: code, programme, planned, realised, lines. Realised is missing when none
    of the summed lines has a realised amount.
    """
    columns = ["code", "programme", "planned", "realised", "lines"]
    if lines.empty:
        return pd.DataFrame(columns=columns)
    rank = {lvl: i for i, lvl in enumerate(LEVELS)}
    parent = PARENT_COLUMNS.get(level)
    info = areas.set_index("id")
    joined = lines.assign(
        line_level=lines["area_id"].map(info["level"]),
        own_code=lines["area_id"].map(info["code"]),
    )
    target = joined["own_code"].where(joined["line_level"] == level)
    if parent is not None:
        below = joined["line_level"].map(rank) < rank[level]
        target = target.where(~below, joined["area_id"].map(info[parent]))
    joined = joined.assign(code=target).dropna(subset=["code"])

    def sums(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
        grouped = frame.groupby(keys, sort=True)
        out = grouped[["planned", "realised"]].sum(min_count=1)
        out["lines"] = grouped.size()
        return out.reset_index()

    per_programme = sums(joined, ["code", "programme"])
    total = sums(joined, ["code"]).assign(programme=TOTAL)
    return pd.concat([per_programme, total], ignore_index=True)[columns]


def population(
    store: Store, division_id: int, level: str, year: int, indicator_id: str | None
) -> tuple[pd.Series, int | None]:
    """code → inhabitants of the areas of ``level`` in ``year`` (or the nearest earlier
    year, else the first later one), and the year used."""
    empty = pd.Series(dtype="float64")
    if not indicator_id:
        return empty, None
    indicator = load_from_store(store).get(indicator_id)
    if indicator is None:
        return empty, None
    available = store.periods(division_id, indicator_id)
    earlier = [p for p in available if p <= year]
    used = max(earlier) if earlier else (min(available) if available else None)
    if used is None:
        return empty, None
    frame = level_values(store, division_id, indicator, [used], level)
    frame = frame[frame["value"].notna() & frame["flag"].isna()]
    return frame.set_index("code")["value"].astype("float64"), used


@dataclass
class BudgetTable:
    """Budget columns for the Buurtbegroting, in display order.

    ``rows``: kind (``gebied``, ``niet_verdeeld``, ``subtotaal``, ``totaal``), code,
    naam, parent (the group's code), inwoners. ``planned`` and ``realised``: the same
    index, one column per programme plus :data:`TOTAL` (all programmes), in euros.
    """

    rows: pd.DataFrame
    planned: pd.DataFrame
    realised: pd.DataFrame
    year: int | None
    programmes: list[str]
    population_indicator: str | None = None
    population_year: int | None = None
    group_level: str | None = None
    total_code: str | None = None
    level: str | None = None  # of the area rows

    def amounts(self, measure: str, per_inhabitant: bool = False) -> pd.DataFrame:
        frame = self.planned if measure == "planned" else self.realised
        if not per_inhabitant:
            return frame
        people = self.rows["inwoners"].where(self.rows["inwoners"] > 0)
        return frame.div(people, axis=0)


def group_level(level: str) -> str | None:
    """The level whose subtotals split a table of ``level`` (buurt → wijk, …); the
    stadsdeel table has only the city total."""
    index = LEVELS.index(level)
    return LEVELS[index + 1] if index + 1 < len(LEVELS) - 1 else None


def budget_table(
    store: Store,
    division_id: int,
    year: int | None,
    level: str,
    codes: list[str],
    *,
    within: str | None = None,
    grouped: bool = True,
    programmes: list[str] | None = None,
    config: Programmes | None = None,
) -> BudgetTable:
    """The budget beside the areas ``codes`` (of ``level``, in that order).

    ``grouped``: the stadsdeel view of Oost's buurtbegroting: the areas per parent
    (buurten per wijk) with a subtotal row after each group. Either way a total row
    for ``within`` (a stadsdeel or gebied code; the whole city when None) closes the
    table. Money booked above the shown level (a line for the whole wijk) gets its own
    ``niet_verdeeld`` row just before the subtotal it belongs to, so every subtotal is
    the sum of the rows above it.
    """
    config = config or load_programmes(store)
    all_areas = store.areas_frame(division_id)
    found = lines(store, division_id, year) if year is not None else pd.DataFrame()
    if programmes is None:
        programmes = config.order(list(found["programme"].unique())) if not found.empty else []
    parent_level = group_level(level) if grouped else None
    if within:
        hit = all_areas[all_areas["code"] == within]
        total_level = hit["level"].iloc[0] if not hit.empty else "gemeente"
        total_code = within if not hit.empty else None
    else:
        total_level, total_code = "gemeente", None
    if total_code is None:
        gemeente = all_areas[all_areas["level"] == "gemeente"]
        total_code = gemeente["code"].iloc[0] if not gemeente.empty else None
    if parent_level is not None and LEVELS.index(parent_level) >= LEVELS.index(total_level):
        parent_level = None  # grouping by the total's own level would repeat the total
    names = all_areas.set_index("code")["name"]
    level_areas = all_areas[all_areas["level"] == level].set_index("code")

    columns = [*programmes, TOTAL]

    def wide(lvl: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        sums = hierarchy_totals(found, all_areas, lvl) if not found.empty else pd.DataFrame()
        if sums.empty:
            empty = pd.DataFrame(columns=columns, dtype="float64")
            return empty, empty
        return tuple(
            sums.pivot(index="code", columns="programme", values=m).reindex(columns=columns)
            for m in MEASURES
        )  # type: ignore[return-value]

    pop_id = population_indicator(store, config)
    plan_level, real_level = wide(level)
    rows: list[dict[str, Any]] = []
    planned_rows: list[pd.Series] = []
    realised_rows: list[pd.Series] = []
    pop_year = None
    people: dict[str, pd.Series] = {}

    def inhabitants(lvl: str, code: str | None) -> float:
        nonlocal pop_year
        if year is None or code is None:
            return np.nan
        if lvl not in people:
            people[lvl], used = population(store, division_id, lvl, year, pop_id)
            pop_year = pop_year or used
        return float(people[lvl].get(code, np.nan))

    def add(
        kind: str,
        code: str | None,
        name: str,
        parent: str | None,
        lvl: str,
        plan: pd.Series,
        real: pd.Series,
    ) -> None:
        rows.append(
            {
                "kind": kind,
                "code": code,
                "naam": name,
                "parent": parent,
                # Money booked above the rows counts per inhabitant of the area it is
                # booked within (the wijk, or the total's area).
                "inwoners": inhabitants(lvl, code),
            }
        )
        planned_rows.append(plan.reindex(columns).astype("float64"))
        realised_rows.append(real.reindex(columns).astype("float64"))

    def of(frame: pd.DataFrame, code: str | None) -> pd.Series:
        if code is not None and code in frame.index:
            return frame.loc[code]
        return pd.Series(np.nan, index=columns)

    def rest(total: tuple[pd.Series, pd.Series], parts: list[tuple[pd.Series, pd.Series]]):
        """What ``total`` has beyond the sum of ``parts`` (lines booked higher up)."""
        out = []
        for i in range(2):
            summed = sum((p[i].fillna(0) for p in parts), pd.Series(0.0, index=columns))
            out.append(total[i].fillna(0) - summed)
        if all((part.abs() < 0.005).all() for part in out):
            return None
        return tuple(s.where(s.abs() >= 0.005) for s in out)

    def close(
        kind: str,
        code: str,
        parent: str | None,
        lvl: str,
        pair: tuple[pd.Series, pd.Series],
        parts: list[tuple[pd.Series, pd.Series]],
    ) -> None:
        """A subtotal or total row, after a not-split row for what ``parts`` lack."""
        name = str(names.get(code, code))
        extra = rest(pair, parts)
        if extra is not None:
            add("niet_verdeeld", code, name, parent, lvl, *extra)
        add(kind, code, name, parent, lvl, *pair)

    # Area rows, grouped by parent when asked, each group closed by its subtotal.
    groups: list[tuple[str | None, list[str]]] = []
    if parent_level is not None:
        parent_col = PARENT_COLUMNS[parent_level]
        for code in codes:
            parent = level_areas[parent_col].get(code) if code in level_areas.index else None
            parent = None if pd.isna(parent) else parent
            if groups and groups[-1][0] == parent:
                groups[-1][1].append(code)
            else:
                groups.append((parent, [code]))
    else:
        groups = [(None, list(codes))]
    plan_parent, real_parent = wide(parent_level) if parent_level else (None, None)
    plan_total, real_total = wide(total_level)
    closing: list[tuple[pd.Series, pd.Series]] = []
    for parent, members in groups:
        shown = []
        for code in members:
            pair = (of(plan_level, code), of(real_level, code))
            add("gebied", code, str(names.get(code, "")), parent, level, *pair)
            shown.append(pair)
        if parent_level is None or parent is None:
            closing += shown
            continue
        subtotal = (of(plan_parent, parent), of(real_parent, parent))
        close("subtotaal", parent, parent, parent_level, subtotal, shown)
        closing.append(subtotal)
    if total_code is not None:
        total = (of(plan_total, total_code), of(real_total, total_code))
        close("totaal", total_code, None, total_level, total, closing)
    frame = pd.DataFrame(rows, columns=["kind", "code", "naam", "parent", "inwoners"])
    planned = pd.DataFrame(planned_rows, columns=columns).reset_index(drop=True)
    realised = pd.DataFrame(realised_rows, columns=columns).reset_index(drop=True)
    return BudgetTable(
        frame.reset_index(drop=True),
        planned,
        realised,
        year,
        programmes,
        pop_id,
        pop_year,
        parent_level,
        total_code,
        level,
    )
