"""The Buurtbegroting's table as data for ``assets/begroting.js``: header rows, the NAP
row, one row per area with its block and its budget, and the subtotal and total rows.

Built as plain data, not Dash components (see :func:`table_spec`); ``layouts/begroting``
lays out the page and its callbacks around it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from monitor.blocks import Preset
from monitor.budget import MEASURES, TOTAL, BudgetTable, Programmes, slug
from monitor.catalog import Indicator
from monitor.messages import class_label, t
from monitor.numbers import format_number, format_value
from monitor.palette import colour
from monitor.scoring import uncertain
from monitor.typology import ink


def _aria_sort(col: str, sort: dict[str, Any]) -> str:
    if sort.get("col") != col:
        return "none"
    return "descending" if sort.get("desc") else "ascending"


def budget_key(programme: str, measure: str) -> str:
    """Sort key of a budget column: ``budget:<programme slug or totaal>:<measure>``."""
    return f"budget:{'totaal' if programme == TOTAL else slug(programme)}:{measure}"


def _cell(tag: str, text: Any = "", **extra: Any) -> dict[str, Any]:
    """One cell of the table spec; keys that are None are left out (a smaller payload)."""
    cell = {"tag": tag, "text": "" if text is None else str(text)}
    cell.update({k: v for k, v in extra.items() if v is not None and v != {}})
    return cell


def _budget_cells(
    budget: BudgetTable | None, index: int | None, unit: str, config: Programmes, lang: str
) -> list[dict[str, Any]]:
    """The budget cells of one row: inhabitants, then per programme planned and realised."""
    if budget is None:
        return [_cell("td", className="budget-cell")]
    if index is None:
        return [
            _cell("td", className="budget-cell")
            for _ in range(1 + 2 * (len(budget.programmes) + 1))
        ]
    people = budget.rows["inwoners"].iloc[index]
    # A not-split row shares its area's inhabitants with the subtotal below: not twice.
    split = budget.rows["kind"].iloc[index] != "niet_verdeeld"
    counted = format_number(people, 0, lang) if split else ""
    cells = [_cell("td", counted, className="budget-cell inwoners-cell")]
    planned = (budget.amounts("planned"), budget.amounts("planned", per_inhabitant=True))
    realised = (budget.amounts("realised"), budget.amounts("realised", per_inhabitant=True))
    for prog in [TOTAL, *budget.programmes]:
        name = t("begroting.all_programmes", lang) if prog == TOTAL else config.label(prog, lang)
        for measure, (in_euros, per_head) in zip(MEASURES, (planned, realised), strict=True):
            euros = in_euros[prog].iloc[index]
            each = per_head[prog].iloc[index]
            shown = (
                format_value(each, "€", 2, lang)
                if unit == "inwoner"
                else format_value(euros, "€", 0, lang)
            )
            title = t(
                "begroting.cell_title",
                lang,
                programme=name,
                measure=t(f"begroting.{measure}", lang),
                year=budget.year,
                euros=format_value(euros, "€", 2, lang),
                each=format_value(each, "€", 2, lang),
                people=format_number(people, 0, lang),
            )
            cells.append(
                _cell(
                    "td",
                    shown,
                    title=title,
                    className="budget-cell" + (" budget-total" if prog == TOTAL else ""),
                    attrs={
                        "data-programme": "totaal" if prog == TOTAL else slug(prog),
                        "data-measure": measure,
                        "data-euros": "" if pd.isna(euros) else f"{float(euros):.2f}",
                    },
                )
            )
    return cells


def table_spec(
    scores: pd.DataFrame,
    preset: Preset,
    indicators: Mapping[str, Indicator],
    codes: list[str],
    sort: dict[str, Any],
    lang: str,
    palette: str = "standaard",
    budget: BudgetTable | None = None,
    unit: str = "inwoner",
    config: Programmes | None = None,
    types: Mapping[str, tuple[str, str, str]] | None = None,
) -> dict[str, Any]:
    """The table as data for ``assets/begroting.js``: header rows (domains and budget;
    indicators and programmes; planned and realised), a NAP row, one row per area with
    its block and its budget, and, with a budget, the subtotal and total rows in the
    order ``budget.rows`` gives.

    Why not Dash components: the renderer's cost grows much faster than the number of
    components, and the city's 90 buurten with their budget are some 5,000 cells (three
    minutes in Chromium, against a fraction of a second built with DOM calls). The
    browser puts every text in with ``textContent``, so nothing from an upload can run.

    ``types``: per area code its status × ontwikkeling (cell key, words, colour), shown
    as a column between the block and the budget (:mod:`monitor.typology`).
    """
    gemeente = scores.attrs.get("gemeente")
    period = scores.attrs.get("period")
    ids = preset.indicator_ids
    first = scores.drop_duplicates("indicator").set_index("indicator")
    cells = scores.set_index(["code", "indicator"])
    names = scores.drop_duplicates("code").set_index("code")["naam"]
    if budget is not None and budget.year is None:
        budget = None
    config = config or Programmes("leeg", ())
    # All programmes first, next to the block: the sum a reader looks for before the parts.
    programmes = [TOTAL, *budget.programmes] if budget is not None else []

    def head(col: str, label: str, **extra: Any) -> dict[str, Any]:
        attrs = {"aria-sort": _aria_sort(col, sort), **extra.pop("attrs", {})}
        sort_title = t("begroting.sort", lang, label=label)
        return _cell("th", label, scope="col", sort=col, sortTitle=sort_title, attrs=attrs, **extra)

    top = [
        head("code", t("col.code", lang), rowSpan=3),
        head("naam", t("col.naam", lang), rowSpan=3),
        *(
            _cell(
                "th",
                dom.title(lang),
                colSpan=len(dom.indicators),
                scope="colgroup",
                className="domain-head",
                attrs={"data-domain": dom.key},
            )
            for dom in preset.domains
        ),
    ]
    if types is not None:
        top.append(
            _cell(
                "th",
                t("typ.col.typology", lang),
                rowSpan=3,
                scope="col",
                className="domain-head typology-head",
            )
        )
    typed = [_cell("td", "")] if types is not None else []
    if budget is not None:
        unit_label = t(f"begroting.unit_{unit}", lang)
        top.append(
            _cell(
                "th",
                t("begroting.budget_unit", lang, year=budget.year, unit=unit_label),
                colSpan=1 + 2 * len(programmes),
                scope="colgroup",
                className="domain-head budget-head",
            )
        )
    else:
        top.append(
            _cell(
                "th",
                t("begroting.budget", lang, period="").strip(),
                rowSpan=3,
                scope="col",
                className="domain-head budget-head",
            )
        )
    second = []
    for ind_id in ids:
        label = indicators[ind_id].label(lang)
        year = first.at[ind_id, "jaar"]
        if pd.isna(year):
            label += f" ({t('blokjes.no_year', lang, period=period)})"
        elif int(year) != period:
            label += f" ({int(year)})"
        second.append(
            head(ind_id, label, className="ind-head", rowSpan=2, attrs={"data-indicator": ind_id})
        )
    third = []
    if budget is not None:
        year_used = budget.population_year if budget.population_year is not None else ""
        second.append(
            head(
                "budget:inwoners",
                t("begroting.inhabitants", lang, year=year_used).strip(),
                rowSpan=2,
                className="budget-col",
            )
        )
        for prog in programmes:
            total = prog == TOTAL
            second.append(
                _cell(
                    "th",
                    t("begroting.all_programmes", lang) if total else config.label(prog, lang),
                    colSpan=2,
                    scope="colgroup",
                    className="budget-prog" + (" budget-total" if total else ""),
                    attrs={"data-programme": "totaal" if total else slug(prog)},
                )
            )
            for measure in MEASURES:
                key = budget_key(prog, measure)
                third.append(
                    head(
                        key,
                        t(f"begroting.{measure}", lang),
                        className="budget-col",
                        attrs={"data-sort-key": key},
                    )
                )

    def fmt(ind_id: str, value: float) -> str:
        ind = indicators[ind_id]
        return format_value(value, ind.unit, ind.decimals, lang)

    body: list[dict[str, Any]] = [
        {
            "className": "nap-row",
            "cells": [
                _cell("th", "NAP", scope="row"),
                _cell("td", t("begroting.nap_row", lang)),
                *(_cell("td", fmt(i, first.at[i, "nap"]), className="nap-cell") for i in ids),
                *typed,
                *_budget_cells(budget, None, unit, config, lang),
            ],
        }
    ]

    def area_row(code: str, index: int | None) -> dict[str, Any]:
        row = [_cell("th", code, scope="row"), _cell("td", names.get(code, ""))]
        for ind_id in ids:
            cell = cells.loc[(code, ind_id)]
            words = class_label(cell["klasse"], lang, gemeente)
            # "±": rond door onzekerheid (the words for screen readers, the reason in the title)
            unsure = bool(uncertain(cell["reden_code"]))
            marker = f" {t('uncertain.marker', lang)}" if unsure else ""
            said = f", {t('uncertain.words', lang)}" if unsure else ""
            row.append(
                _cell(
                    "td",
                    fmt(ind_id, cell["value"]) + marker,
                    sr=f", {words}{said}",
                    title=f"{words}{said}. {cell['reden']}",
                    className="klasse-cell" + (" onzeker" if unsure else ""),
                    bg=colour(cell["klasse"], palette),
                    attrs={"data-klasse": cell["klasse"], "data-indicator": ind_id},
                )
            )
        if types is not None:
            key, words, fill = types.get(code, ("onbekend", "", "#ffffff"))
            row.append(
                _cell(
                    "td",
                    words,
                    bg=fill,
                    className="typology-cell" + (" dark" if ink(fill) == "#ffffff" else ""),
                    attrs={"data-cell": key},
                )
            )
        row += _budget_cells(budget, index, unit, config, lang)
        return {"attrs": {"data-code": code}, "cells": row}

    if budget is None:
        body += [area_row(code, None) for code in codes]
    else:
        labels = {
            "subtotaal": "begroting.subtotal",
            "totaal": "begroting.total",
            "niet_verdeeld": "begroting.unallocated",
        }
        for index, info in enumerate(budget.rows.itertuples(index=False)):
            if info.kind == "gebied":
                body.append(area_row(info.code, index))
                continue
            body.append(
                {
                    "className": f"{info.kind.replace('_', '-')}-row",
                    "attrs": {"data-total": info.code, "data-kind": info.kind},
                    "cells": [
                        _cell("th", info.code if info.kind != "niet_verdeeld" else "", scope="row"),
                        _cell("td", t(labels[info.kind], lang, name=info.naam)),
                        _cell("td", colSpan=len(ids) + len(typed), className="gap-cell"),
                        *_budget_cells(budget, index, unit, config, lang),
                    ],
                }
            )
    return {
        "id": "begroting",
        "className": "begroting",
        "caption": t("begroting.caption", lang, period=period, count=len(codes)),
        "sort": {"col": sort.get("col") or "code", "desc": bool(sort.get("desc"))},
        "head": [top, second, third],
        "body": body,
    }
