"""What a budget line is: its columns, the limits on its fields, the measures summed.

Shared by the budget model (totals, exports) and its validation in
``monitor.ingest.budget_validate``, so neither has to import the other for a constant.
"""

from __future__ import annotations

from monitor.store.schema import budget_lines

#: Canonical budget columns; the parser (``monitor.ingest.budget``) fills the absent
#: optional ones with empty text and lists what it did not find.
REQUIRED = ("gebiedcode", "jaar", "programma", "begroot")
OPTIONAL = ("omschrijving", "gerealiseerd", "bron", "opmerking")
COLUMNS = (*REQUIRED, *OPTIONAL)
#: Budget years outside this range are typing errors.
YEAR_RANGE = (1990, 2100)
#: Column widths in the store (read from the schema): longer text is refused, never cut.
MAX_DESCRIPTION: int = budget_lines.c.description.type.length
MAX_SOURCE: int = budget_lines.c.source.type.length
#: Key of the "all programmes" column in totals.
TOTAL = "__totaal__"
MEASURES = ("planned", "realised")
