"""One rule for showing a moment: Amsterdam time, with the zone said.

The store keeps UTC (SQLite hands back naive datetimes; everything written is UTC). A
person reads ``4 dec. 2026 15:02 CET``: the CLI, the upload page, Beheer and the
buurtprofiel say it the same way. Files (the audit CSV) get ISO 8601 with the offset,
``2026-12-04T15:02:00+01:00``, which spreadsheets and scripts read back exactly.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd

#: The municipality's own time; CET in winter, CEST in summer.
TIMEZONE = ZoneInfo("Europe/Amsterdam")

_MONTHS = {
    "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}


def local_time(moment: Any) -> pd.Timestamp | None:
    """A stored time in :data:`TIMEZONE` (naive means UTC); None for no time."""
    if moment is None or (not isinstance(moment, str) and pd.isna(moment)):
        return None
    stamp = pd.Timestamp(moment)
    if stamp.tzinfo is None:
        stamp = stamp.tz_localize("UTC")
    return stamp.tz_convert(TIMEZONE)


def format_time(moment: Any, lang: str = "nl") -> str:
    """``4 dec 2026 15:02 CET`` (English: ``4 Dec 2026 15:02 CET``); empty for no time."""
    stamp = local_time(moment)
    if stamp is None:
        return ""
    month = _MONTHS.get(lang, _MONTHS["nl"])[stamp.month - 1]
    return f"{stamp.day} {month} {stamp.year} {stamp:%H:%M} {stamp.tzname()}"


def iso_time(moment: Any) -> str:
    """ISO 8601 in Amsterdam time with its offset, to the second; empty for no time."""
    stamp = local_time(moment)
    return "" if stamp is None else stamp.isoformat(timespec="seconds")
