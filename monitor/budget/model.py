"""What a budget line is: its columns, the limits on its fields, the measures summed.

Shared by the budget model (totals, exports) and its validation in
``monitor.ingest.budget_validate``, so neither has to import the other for a constant.
"""

from __future__ import annotations

#: Canonical budget columns; the parser (``monitor.ingest.budget``) fills the absent
#: optional ones with empty text and lists what it did not find.
REQUIRED = ("gebiedcode", "jaar", "programma", "begroot")
OPTIONAL = ("omschrijving", "gerealiseerd", "bron", "opmerking")
COLUMNS = (*REQUIRED, *OPTIONAL)
#: Budget years outside this range are typing errors.
YEAR_RANGE = (1990, 2100)
#: Column widths in the store: longer text is refused, never cut.
MAX_DESCRIPTION, MAX_SOURCE = 500, 300
#: Key of the "all programmes" column in totals.
TOTAL = "__totaal__"
MEASURES = ("planned", "realised")
