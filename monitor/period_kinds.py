"""Periods of a year, a quarter or a month as one self-describing integer.

The store keeps a period as an integer (``measurements.period``, the score tables). A
year is ``2024``; a quarter is ``year × 10 + q`` (``20241`` … ``20244``); a month is
``year × 100 + m`` (``202401`` … ``202412``). The number of digits says the kind, so a
period needs no second column, sorts correctly within its kind, and every reader that
only knows years keeps working on years. An indicator has periods of one kind only (the
sub-year indicators counted from points have their own ids:
:mod:`monitor.points_indicators`).

Labels come from the message catalogue: ``2024``, ``2024 K1`` / ``2024 Q1``,
``maart 2024`` / ``March 2024``.
"""

from __future__ import annotations

import re
from datetime import date

import numpy as np

from monitor.errors import MonitorError
from monitor.messages import t

JAAR, KWARTAAL, MAAND = "jaar", "kwartaal", "maand"
KINDS = (JAAR, KWARTAAL, MAAND)
#: Periods of each kind in a year.
PER_YEAR = {JAAR: 1, KWARTAAL: 4, MAAND: 12}

_TEXT = re.compile(
    r"^\s*(?P<year>\d{4})"
    r"(?:\s*[-/ ]?\s*(?:[KkQq]\s*(?P<quarter>\d)|(?P<month>\d{1,2})))?\s*$"
)


def kind(period: int) -> str:
    """``jaar``, ``kwartaal`` or ``maand`` (by the number of digits)."""
    p = int(period)
    if p >= 100_000:
        return MAAND
    if p >= 10_000:
        return KWARTAAL
    return JAAR


def year_of(period: int) -> int:
    """The year a period lies in."""
    p = int(period)
    return p // 100 if p >= 100_000 else p // 10 if p >= 10_000 else p


def years_of(periods: np.ndarray) -> np.ndarray:
    """:func:`year_of` for an array of periods."""
    p = np.asarray(periods, dtype="int64")
    return np.where(p >= 100_000, p // 100, np.where(p >= 10_000, p // 10, p))


def quarter(year: int, q: int) -> int:
    if not 1 <= int(q) <= 4:
        raise ValueError(q)
    return int(year) * 10 + int(q)


def month(year: int, m: int) -> int:
    if not 1 <= int(m) <= 12:
        raise ValueError(m)
    return int(year) * 100 + int(m)


def index(period: int) -> int:
    """The quarter (1–4) or month (1–12) of a sub-year period; 1 for a year."""
    p = int(period)
    return p % 100 if p >= 100_000 else p % 10 if p >= 10_000 else 1


def start(period: int) -> date:
    """The first day of the period: where a chart puts it on a time axis."""
    k, year, i = kind(period), year_of(period), index(period)
    if k == MAAND:
        return date(year, i, 1)
    if k == KWARTAAL:
        return date(year, 3 * i - 2, 1)
    return date(year, 1, 1)


def end(period: int) -> date:
    """The last day of the period."""
    k, year, i = kind(period), year_of(period), index(period)
    last_month = 12 if k == JAAR else 3 * i if k == KWARTAAL else i
    following = date(year + 1, 1, 1) if last_month == 12 else date(year, last_month + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def containing(day: date, period_kind: str) -> int:
    """The period of ``period_kind`` that ``day`` lies in."""
    if period_kind == MAAND:
        return month(day.year, day.month)
    if period_kind == KWARTAAL:
        return quarter(day.year, (day.month - 1) // 3 + 1)
    return day.year


def year_earlier(period: int) -> int:
    """The same period a year earlier (March 2024 → March 2023)."""
    k = kind(period)
    return int(period) - (100 if k == MAAND else 10 if k == KWARTAAL else 1)


def previous(period: int) -> int:
    """The period before, of the same kind (2024 K1 → 2023 K4, January → December)."""
    k, year, i = kind(period), year_of(period), index(period)
    if k == JAAR:
        return year - 1
    if i > 1:
        return int(period) - 1
    return quarter(year - 1, 4) if k == KWARTAAL else month(year - 1, 12)


def next_period(period: int) -> int:
    """The period after, of the same kind (2024 K4 → 2025 K1, December → January)."""
    k, year, i = kind(period), year_of(period), index(period)
    if k == JAAR:
        return year + 1
    if i < PER_YEAR[k]:
        return int(period) + 1
    return quarter(year + 1, 1) if k == KWARTAAL else month(year + 1, 1)


def is_period(period: int) -> bool:
    """Whether an integer is a valid period of some kind (a year 1000–9999)."""
    try:
        p = int(period)
    except (TypeError, ValueError):
        return False
    if not 1000 <= year_of(p) <= 9999:
        return False
    k, i = kind(p), index(p)
    return k == JAAR or 1 <= i <= PER_YEAR[k]


def label(period: int | None, lang: str = "nl") -> str:
    """``2024``, ``2024 K1`` (``2024 Q1``), ``maart 2024`` (``March 2024``)."""
    if period is None:
        return ""
    p = int(period)
    if not is_period(p):
        return str(p)
    k = kind(p)
    if k == KWARTAAL:
        return t("period.quarter", lang, year=year_of(p), quarter=index(p))
    if k == MAAND:
        return t("period.month", lang, year=year_of(p), month=t(f"period.month.{index(p)}", lang))
    return str(p)


def short_label(period: int, lang: str = "nl") -> str:
    """A label for a narrow axis: ``2024``, ``2024 K1``, ``mrt 2024``."""
    p = int(period)
    if is_period(p) and kind(p) == MAAND:
        name = t(f"period.month_short.{index(p)}", lang)
        return t("period.month", lang, year=year_of(p), month=name)
    return label(p, lang)


def parse(text: str | int) -> int:
    """A period from text: ``2024``, ``2024-K1``, ``2024-Q1``, ``2024 K1``, ``2024-03``,
    or the integer itself (``20241``, ``202403``). Raises MonitorError otherwise."""
    if isinstance(text, int) or (isinstance(text, str) and text.strip().isdigit()):
        p = int(text)
        if is_period(p):
            return p
        raise MonitorError(t("period.bad", text=text))
    found = _TEXT.match(str(text))
    if found is None:
        raise MonitorError(t("period.bad", text=text))
    year = int(found["year"])
    try:
        if found["quarter"]:
            return quarter(year, int(found["quarter"]))
        if found["month"]:
            return month(year, int(found["month"]))
    except ValueError:
        raise MonitorError(t("period.bad", text=text)) from None
    return year


def options(periods: list[int], lang: str = "nl") -> list[int] | list[dict[str, object]]:
    """Dropdown options for periods, in the order given: years as they are (a year is
    its own label), quarters and months as label and value."""
    if all(kind(p) == JAAR for p in periods):
        return [int(p) for p in periods]
    return [{"label": label(p, lang), "value": int(p)} for p in periods]


#: The id suffix of an indicator whose periods are quarters or months
#: (``meldingen_aantal_maand``); an indicator without one has years.
SUFFIX = {KWARTAAL: "_kwartaal", MAAND: "_maand"}


def indicator_kind(indicator_id: str) -> str:
    """The kind of period an indicator is published per, as its id says."""
    for period_kind, suffix in SUFFIX.items():
        if str(indicator_id).endswith(suffix):
            return period_kind
    return JAAR


def is_sub_year(indicator_id: str) -> bool:
    """Whether an indicator is published per quarter or month (never in a set of
    indicators of one year: blokjeskaart, buurtbegroting, NAP-vergelijking)."""
    return indicator_kind(indicator_id) != JAAR


def yearly(indicator_ids):
    """The ids of ``indicator_ids`` that are published per year, in the order given."""
    return [i for i in indicator_ids if not is_sub_year(i)]


def ordinal(period: int) -> int:
    """Consecutive whole numbers per kind (a year is itself; a quarter ``year × 4 + q − 1``,
    a month ``year × 12 + m − 1``): where a chart puts a period, one step apart."""
    k = kind(period)
    if k == JAAR:
        return int(period)
    return year_of(period) * PER_YEAR[k] + index(period) - 1
