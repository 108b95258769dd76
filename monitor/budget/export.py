"""The Buurtbegroting's exports: budget columns beside the indicators, and the totals.

The CSV ends with the not-split, subtotal and total rows (each named in the first
column) so that no money goes missing in a sum; the Excel file keeps them on a sheet of
their own, so the table stays sortable.
"""

from __future__ import annotations

import io
from typing import Any

import pandas as pd

from monitor.blocks import table_csv as blocks_csv
from monitor.budget.model import MEASURES, TOTAL
from monitor.budget.programmes import Programmes
from monitor.budget.totals import BudgetTable
from monitor.export import safe_frame
from monitor.messages import t


def export_columns(table: BudgetTable, config: Programmes, lang: str = "nl") -> pd.DataFrame:
    """Budget columns for an export, one row per row of ``table``: inhabitants, then per
    programme and for all programmes, planned and realised in euros and per inhabitant.
    Amounts stay numbers (two decimals)."""
    year = table.population_year if table.population_year is not None else ""
    out: dict[str, Any] = {
        t("begroting.inhabitants", lang, year=year).strip(): table.rows["inwoners"].tolist()
    }
    each = t("begroting.per_inhabitant", lang)
    for prog in [TOTAL, *table.programmes]:
        name = t("begroting.all_programmes", lang) if prog == TOTAL else config.label(prog, lang)
        for measure in MEASURES:
            word = t(f"begroting.{measure}", lang)
            euros = table.amounts(measure)[prog].round(2)
            per = table.amounts(measure, per_inhabitant=True)[prog].round(2)
            out[f"{name} – {word} (€)"] = euros.tolist()
            out[f"{name} – {word} (€ {each})"] = per.tolist()
    return pd.DataFrame(out)


def row_kinds(table: BudgetTable, lang: str = "nl") -> list[str]:
    """What each row of ``table`` is, in words, for exports: the level of its areas
    ("buurt"), "subtotaal wijk", "niet verdeeld" or "totaal"."""

    def level_word(level: str | None) -> str:
        return t(f"level.{level}", lang).lower() if level else ""

    out = []
    for kind in table.rows["kind"]:
        if kind == "gebied":
            out.append(level_word(table.level))
        elif kind == "subtotaal":
            subtotal = level_word(table.group_level)
            out.append(t("begroting.kind_subtotaal_level", lang, level=subtotal))
        else:
            out.append(t(f"begroting.kind_{kind}", lang))
    return out


def totals_frame(table: BudgetTable, config: Programmes, lang: str = "nl") -> pd.DataFrame:
    """The subtotal, total and not-split rows of ``table`` with their budget columns."""
    keep = (table.rows["kind"] != "gebied").to_numpy()
    rows = table.rows[keep]
    head = pd.DataFrame(
        {
            t("begroting.kind", lang): [
                k for k, kept in zip(row_kinds(table, lang), keep, strict=True) if kept
            ],
            t("col.code", lang): rows["code"].tolist(),
            t("col.naam", lang): rows["naam"].tolist(),
        }
    )
    budget = export_columns(table, config, lang)[keep].reset_index(drop=True)
    return pd.concat([head, budget], axis=1)


def export_frames(
    indicators: pd.DataFrame,
    table: BudgetTable,
    ordered: list[str],
    config: Programmes,
    lang: str = "nl",
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The Buurtbegroting's export as (areas, totals).

    ``indicators`` is :func:`monitor.blocks.table_frame` of the areas ``ordered`` (its
    first row is NAP). The areas frame gets a first column saying what each row is and
    the budget columns beside the indicators; the totals frame holds the subtotal, total
    and not-split rows (:func:`totals_frame`) under the same column names.
    """
    columns = export_columns(table, config, lang)
    is_area = (table.rows["kind"] == "gebied").to_numpy()
    areas = columns[is_area].set_axis(table.rows.loc[is_area, "code"])
    areas = areas.reindex(ordered).reset_index(drop=True)
    nap = pd.DataFrame([[None] * len(areas.columns)], columns=areas.columns)
    main = pd.concat([indicators, pd.concat([nap, areas], ignore_index=True)], axis=1)
    area_kind = row_kinds(table, lang)[int(is_area.argmax())] if is_area.any() else ""
    main.insert(0, t("begroting.kind", lang), ["NAP", *[area_kind] * len(ordered)])
    return main, totals_frame(table, config, lang)


def table_csv(main: pd.DataFrame, totals: pd.DataFrame) -> str:
    """The Buurtbegroting as CSV: the areas, then the not-split, subtotal and total rows
    (their kind in the first column), so a column summed in a spreadsheet misses no money
    booked above the shown level."""
    return blocks_csv(pd.concat([main, totals], ignore_index=True))


def table_xlsx(main: pd.DataFrame, totals: pd.DataFrame, lang: str = "nl") -> bytes:
    """The Buurtbegroting as Excel: the table, and a sheet with subtotals and totals (so
    the table stays sortable). Text cells are neutralised against formulas."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe_frame(main).to_excel(writer, index=False, sheet_name="buurtbegroting")
        safe_frame(totals).to_excel(
            writer, index=False, sheet_name=t("begroting.sheet_totals", lang)[:31]
        )
    return buffer.getvalue()
