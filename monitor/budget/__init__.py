"""The buurtbegroting's budget lines: programmes, totals, amounts per inhabitant, exports.

A budget line says what is planned (*begroot*) and spent (*gerealiseerd*) for one area,
year and programme, with a description and a source. Lines arrive
as an upload of kind ``begroting`` through the same pipeline as meetingen
(``monitor.ingest.budget``: parse; ``monitor.ingest.budget_validate``: the checks;
preview, publish, undo) and are versioned in the store in the same way. Imports go one
way: ingest uses this model, this model never imports ingest.

The package, one responsibility per module:

* :mod:`~monitor.budget.model`: the columns and limits of a budget line;
* :mod:`~monitor.budget.programmes`: the configured programme list;
* :mod:`~monitor.budget.totals`: totals up the area hierarchy, amounts per inhabitant,
  :class:`BudgetTable`;
* :mod:`~monitor.budget.export`: CSV and Excel exports of the Buurtbegroting;
* :mod:`~monitor.budget.table`: the Buurtbegroting page's order and budget
  (:func:`arrange`) and one area's summary (:func:`area_summary`).

This module re-exports the names other modules import from ``monitor.budget``.
"""

from monitor.budget.export import (
    export_columns,
    export_frames,
    row_kinds,
    table_csv,
    table_xlsx,
    totals_frame,
)
from monitor.budget.model import (
    COLUMNS,
    MAX_DESCRIPTION,
    MAX_SOURCE,
    MEASURES,
    OPTIONAL,
    REQUIRED,
    TOTAL,
    YEAR_RANGE,
)
from monitor.budget.programmes import (
    DEFAULT_PROGRAMMES,
    PROGRAMMES_SETTING,
    Programme,
    Programmes,
    load_programmes,
    load_programmes_file,
    name_key,
    population_indicator,
    save_programmes,
    slug,
)
from monitor.budget.table import area_summary, arrange, chosen_table, order_codes
from monitor.budget.totals import (
    BudgetTable,
    budget_table,
    group_level,
    hierarchy_totals,
    lines,
    population,
)

__all__ = [
    "COLUMNS",
    "DEFAULT_PROGRAMMES",
    "MAX_DESCRIPTION",
    "MAX_SOURCE",
    "MEASURES",
    "OPTIONAL",
    "PROGRAMMES_SETTING",
    "REQUIRED",
    "TOTAL",
    "YEAR_RANGE",
    "BudgetTable",
    "Programme",
    "Programmes",
    "area_summary",
    "arrange",
    "budget_table",
    "chosen_table",
    "export_columns",
    "export_frames",
    "group_level",
    "hierarchy_totals",
    "lines",
    "load_programmes",
    "load_programmes_file",
    "name_key",
    "order_codes",
    "population",
    "population_indicator",
    "row_kinds",
    "save_programmes",
    "slug",
    "table_csv",
    "table_xlsx",
    "totals_frame",
]
