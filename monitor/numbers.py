"""Dutch number formatting: ``8,4%``, ``€ 1.250``, ``7,2``.

Council papers and area maps use Dutch conventions; English output uses the English
separators but the same units.
"""

from __future__ import annotations

import math


def format_number(value: float | None, decimals: int = 1, lang: str = "nl") -> str:
    """A number with thousands separators and a fixed number of decimals."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    if lang == "nl":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def format_value(value: float | None, unit: str, decimals: int = 1, lang: str = "nl") -> str:
    """A number with its unit placed as Dutch readers expect."""
    number = format_number(value, decimals, lang)
    if number == "–":
        return number
    if unit == "%":
        return f"{number}%"
    if unit == "€":
        return f"€ {number}"
    if unit in ("aantal", "index", "rapportcijfer", "gemiddelde", "") or not unit:
        return number
    return f"{number} {unit}"
