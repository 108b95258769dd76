"""The Buurtbegroting page's table: which budget, beside which areas, in which order.

``layouts/begroting.py`` gets its rows from here: :func:`arrange` orders the areas and
builds the budget beside them; :func:`area_summary` gives one area's budget in a few
rows for the printable gebiedsanalyse.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from monitor import cache
from monitor.blocks import sort_codes
from monitor.budget.model import MEASURES, TOTAL
from monitor.budget.programmes import (
    PROGRAMMES_SETTING,
    Programmes,
    load_programmes,
    population_indicator,
    slug,
)
from monitor.budget.totals import BudgetTable, budget_table
from monitor.messages import t
from monitor.store import Store
from monitor.store.budget import BUDGET_KIND
from monitor.store.stamps import indicator_stamp_key, subject_key, uploads_key


def chosen_table(
    store: Store,
    year: int | None,
    level: str,
    codes: list[str],
    within: str | None,
    chosen: list[str] | None,
    grouped: bool,
) -> tuple[BudgetTable | None, Programmes]:
    """The budget beside ``codes`` (None without a budget year); ``chosen`` programme
    slugs limit the programme columns (none: every programme with lines that year)."""
    config = load_programmes(store)
    if not year:
        return None, config
    division_id = store.division_id()
    programmes = None
    if chosen:
        present = store.budget_frame(division_id, [int(year)])["programme"].unique()
        by_slug = {slug(p): p for p in config.order(list(present))}
        programmes = [by_slug[s] for s in chosen if s in by_slug]
    table = budget_table(
        store,
        division_id,
        int(year),
        level,
        codes,
        within=within,
        grouped=grouped,
        programmes=programmes,
        config=config,
    )
    return table, config


def order_codes(
    scores: pd.DataFrame,
    codes: list[str],
    sort: dict[str, Any] | None,
    flat: BudgetTable | None = None,
    per_inhabitant: bool = True,
) -> list[str]:
    """Area codes in the chosen order: code, name, an indicator or a budget column
    (``budget:inwoners`` or ``budget:<programme slug or totaal>:<measure>``; ``flat`` is
    the ungrouped budget of ``codes``). No value sorts last."""
    sort = sort or {}
    col = sort.get("col") or "code"
    desc = bool(sort.get("desc"))
    wanted = set(codes)
    if col.startswith("budget:") and flat is not None:
        areas = flat.rows["kind"] == "gebied"
        if col == "budget:inwoners":
            values = flat.rows["inwoners"]
        else:
            _, key, measure = [*col.split(":"), "", ""][:3]
            by_slug = {slug(p): p for p in flat.programmes} | {"totaal": TOTAL}
            if key not in by_slug or measure not in MEASURES:
                return order_codes(scores, codes, {"col": "code"})
            values = flat.amounts(measure, per_inhabitant=per_inhabitant)[by_slug[key]]
        frame = pd.DataFrame({"code": flat.rows["code"], "value": values})[areas]
        frame = frame.sort_values(["value", "code"], ascending=[not desc, True], na_position="last")
        return [c for c in frame["code"] if c in wanted]
    if col not in ("code", "naam") and col not in set(scores["indicator"]):
        col = "code"
    return [c for c in sort_codes(scores, col, desc) if c in wanted]


def arrange(
    store: Store,
    scores: pd.DataFrame,
    codes: list[str],
    sort: dict[str, Any] | None,
    budget_year: int | None,
    level: str,
    within: str | None,
    chosen: list[str] | None,
    per_inhabitant: bool = True,
) -> tuple[list[str], BudgetTable | None, Programmes]:
    """Row order and budget of the Buurtbegroting: in code order the areas are grouped
    per parent with subtotals (as Oost's buurtbegroting); sorted on any other column they
    are flat, still closed by the total."""
    sort = sort or {}
    col = sort.get("col") or "code"
    flat = None
    if col.startswith("budget:"):
        flat, _ = chosen_table(store, budget_year, level, codes, within, chosen, grouped=False)
    ordered = order_codes(scores, codes, sort, flat, per_inhabitant)
    grouped = col == "code"
    budget, config = chosen_table(store, budget_year, level, ordered, within, chosen, grouped)
    return ordered, budget, config


def budget_key(store: Store, division_id: int) -> tuple:
    """What a budget table depends on (``monitor.store.stamps``): the budget uploads, the
    areas, the programme list, and the population indicator (amounts per inhabitant) and
    the stamp of its scores (a publish of its values rescores it). A publish of another
    indicator leaves it."""
    pop_id = population_indicator(store)
    return (
        store.url,
        division_id,
        uploads_key(store, BUDGET_KIND),
        subject_key(store, division_id, "areas"),
        subject_key(store, division_id, "catalogue"),
        store.get_setting(PROGRAMMES_SETTING),
        pop_id,
        indicator_stamp_key(store, division_id, pop_id) if pop_id else None,
    )


def level_table(
    store: Store,
    division_id: int,
    year: int,
    level: str,
    areas: pd.DataFrame,
    config: Programmes,
) -> BudgetTable:
    """The budget of every area of ``level`` in ``year`` (flat), built once per
    :func:`budget_key` in this process: an area's summary is its row of this table (an
    area's row is the same whichever other areas stand beside it). Read only."""
    codes = sorted(areas.loc[areas["level"] == level, "code"].astype(str))
    key = (*budget_key(store, division_id), year, level)

    def build() -> BudgetTable:
        return budget_table(store, division_id, year, level, codes, grouped=False, config=config)

    return cache.remember("budget-level", key, build, cache.LOCAL)


def area_summary(
    store: Store, division_id: int, code: str, lang: str = "nl", year: int | None = None
) -> pd.DataFrame | None:
    """One area's budget in a few rows (for the printable gebiedsanalyse): per programme
    planned, realised and planned per inhabitant in the latest budget year (or ``year``),
    over the area's own lines and those beneath it; the last row is all programmes.

    The amounts stay numbers; ``frame.attrs["formats"]`` says how each amount column
    prints (unit and decimals, see :func:`monitor.report.budget_cell`), so no reader has
    to guess it from the column's name."""
    key = (*budget_key(store, division_id), code, lang, year)

    def build() -> pd.DataFrame:
        found = _area_summary(store, division_id, code, lang, year)
        return pd.DataFrame() if found is None else found

    # Kept per budget_key (shared): a profile opens without rebuilding it.
    frame = cache.remember("budget-summary", key, build, cache.FRAME)
    return None if frame.empty else frame


def _area_summary(
    store: Store, division_id: int, code: str, lang: str = "nl", year: int | None = None
) -> pd.DataFrame | None:
    years = store.budget_years(division_id)
    if not years:
        return None
    year = year if year is not None else years[-1]
    areas = store.areas_frame(division_id)
    hit = areas[areas["code"] == code]
    if hit.empty:
        return None
    level = str(hit["level"].iloc[0])
    config = load_programmes(store)
    table = level_table(store, division_id, year, level, areas, config)
    found = table.rows.index[(table.rows["kind"] == "gebied") & (table.rows["code"] == code)]
    if found.empty:
        return None
    own = found[0]
    planned, realised = table.planned.loc[own], table.realised.loc[own]
    each = table.amounts("planned", per_inhabitant=True).loc[own]
    programmes = [p for p in table.programmes if pd.notna(planned[p]) or pd.notna(realised[p])]
    if not programmes:
        return None
    names = [*(config.label(p, lang) for p in programmes), t("begroting.all_programmes", lang)]
    keys = [*programmes, TOTAL]
    planned_col, realised_col = t("summary.planned", lang), t("summary.realised", lang)
    each_col = t("summary.planned_each", lang)
    frame = pd.DataFrame(
        {
            t("summary.programme", lang, year=year): names,
            planned_col: [planned[k] for k in keys],
            realised_col: [realised[k] for k in keys],
            each_col: [round(float(each[k]), 2) for k in keys],
        }
    )
    # As /begroting shows them: euros whole, euros per inhabitant in cents.
    frame.attrs["formats"] = {planned_col: ("€", 0), realised_col: ("€", 0), each_col: ("€", 2)}
    return frame
