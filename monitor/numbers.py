"""Dutch number formatting: ``8,4%``, ``€ 1.250``, ``7,2``, ``−€ 6.845``.

Council papers and area maps use Dutch conventions; English output uses the English
separators but the same units. A negative number carries a real minus sign (U+2212),
never a hyphen, and a number that rounds to zero carries no sign at all.

Values and differences are written differently: a difference of two percentages is in
*procentpunt* ("+2,3 procentpunt"), not in percent; see :func:`format_difference`.
"""

from __future__ import annotations

import math

from monitor.messages import t

#: The minus sign of typeset numbers (U+2212); a hyphen is not a minus.
MINUS = "\u2212"
#: Units whose differences are "punt": a rating 7,2 against 6,9 is 0,3 punt apart.
POINT_UNITS = ("rapportcijfer", "index")


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_number(value: float | None, decimals: int = 1, lang: str = "nl") -> str:
    """A number with thousands separators and a fixed number of decimals."""
    if _missing(value):
        return "–"
    text = f"{abs(value):,.{decimals}f}"
    if lang == "nl":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    # The sign of the rounded number: -0.04 with one decimal is "0,0", not "−0,0".
    negative = round(float(value), decimals) < 0
    return MINUS + text if negative else text


def format_value(value: float | None, unit: str, decimals: int = 1, lang: str = "nl") -> str:
    """A number with its unit placed as Dutch readers expect: "8,4%", "−€ 6.845"."""
    number = format_number(value, decimals, lang)
    if number == "–":
        return number
    if unit == "%":
        return f"{number}%"
    if unit == "€":
        # The sign goes before the euro sign: "−€ 6.845", never "€ −6.845".
        if number.startswith(MINUS):
            return f"{MINUS}€ {number[1:]}"
        return f"€ {number}"
    if unit in ("aantal", "index", "rapportcijfer", "gemiddelde", "") or not unit:
        return number
    return f"{number} {unit}"


def difference_unit(unit: str, lang: str = "nl") -> str:
    """The unit differences of ``unit`` are counted in, for an axis title: "procentpunt",
    "punt", "€"; empty for plain numbers."""
    if unit == "%":
        return t("unit.pp", lang, x="").strip()
    if unit in POINT_UNITS:
        return t("unit.points", lang, x="").strip()
    if unit in ("aantal", "gemiddelde", "") or not unit:
        return ""
    return unit


def format_difference(
    value: float | None, unit: str, decimals: int = 1, lang: str = "nl", *, signed: bool = True
) -> str:
    """A difference of two values of ``unit`` (a change, value − NAP, a gap to a target).

    Percentages differ in procentpunt ("+2,3 procentpunt", "−0,4 percentage points"),
    ratings and indices in punt ("+0,3 punt"), money as "−€ 6.845", anything else in its
    own unit. ``signed`` puts "+" or "−" in front; without it the size alone is written
    ("nog 2,9 procentpunt te gaan"), for sentences that say the direction in words. A
    difference that rounds to zero has no sign.
    """
    if _missing(value):
        return "–"
    size = abs(float(value))
    rounded = round(float(value), decimals)
    sign = ("+" if rounded > 0 else MINUS if rounded < 0 else "") if signed else ""
    number = format_number(size, decimals, lang)
    if unit == "%":
        text = t("unit.pp", lang, x=number)
    elif unit in POINT_UNITS:
        text = t("unit.points", lang, x=number)
    else:
        text = format_value(size, unit, decimals, lang)
    return sign + text
