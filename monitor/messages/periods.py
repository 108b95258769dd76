"""Texts of periods: quarter and month labels (:mod:`monitor.period_kinds`)."""

from __future__ import annotations

_MONTHS_NL = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
_MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_SHORT_NL = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
_SHORT_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

MESSAGES: dict[str, dict[str, str]] = {
    "period.quarter": {"nl": "{year} K{quarter}", "en": "{year} Q{quarter}"},
    "period.month": {"nl": "{month} {year}", "en": "{month} {year}"},
    "period.bad": {
        "nl": "Onbekende periode {text!r}: geef een jaar (2024), een kwartaal (2024-K1) of "
        "een maand (2024-03).",
        "en": "Unknown period {text!r}: give a year (2024), a quarter (2024-Q1) or a month "
        "(2024-03).",
    },
    "app.period_any": {"nl": "Periode", "en": "Period"},
    "period.kind.jaar": {"nl": "per jaar", "en": "per year"},
    "period.kind.kwartaal": {"nl": "per kwartaal", "en": "per quarter"},
    "period.kind.maand": {"nl": "per maand", "en": "per month"},
    # "geen waarde in {die_periode}" (Trends notes), by the indicator's period kind
    "period.that.jaar": {"nl": "dat jaar", "en": "that year"},
    "period.that.kwartaal": {"nl": "dat kwartaal", "en": "that quarter"},
    "period.that.maand": {"nl": "die maand", "en": "that month"},
    "points.ind.per_kind": {"nl": "{label}, {kind}", "en": "{label}, {kind}"},
    **{
        f"period.month.{m}": {"nl": nl, "en": en}
        for m, (nl, en) in enumerate(zip(_MONTHS_NL, _MONTHS_EN, strict=True), start=1)
    },
    **{
        f"period.month_short.{m}": {"nl": nl, "en": en}
        for m, (nl, en) in enumerate(zip(_SHORT_NL, _SHORT_EN, strict=True), start=1)
    },
}
