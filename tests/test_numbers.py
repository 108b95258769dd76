"""Numbers and differences as a council member reads them (hand-written expectations)."""

from __future__ import annotations

import math

import pytest

from monitor.numbers import difference_unit, format_difference, format_number, format_value

MINUS = "\u2212"


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "lang", "expected"),
    [
        (8.4, "%", 1, "nl", "8,4%"),
        (1250, "€", 0, "nl", "€ 1.250"),
        (-6845, "€", 0, "nl", "−€ 6.845"),
        (-6845, "€", 0, "en", "−€ 6,845"),
        (-1.25, "rapportcijfer", 2, "nl", "−1,25"),
        (-0.04, "%", 1, "nl", "0,0%"),  # rounds to zero: no sign
        (12345.678, "aantal", 1, "en", "12,345.7"),
        (3.5, "per 1.000 inwoners", 1, "nl", "3,5 per 1.000 inwoners"),
        (math.nan, "%", 1, "nl", "–"),
        (None, "€", 0, "nl", "–"),
    ],
)
def test_format_value(value, unit, decimals, lang, expected) -> None:
    assert format_value(value, unit, decimals, lang) == expected


def test_negative_numbers_carry_a_real_minus_sign() -> None:
    assert format_number(-2.5, 1, "nl") == MINUS + "2,5"
    assert format_number(-1234567, 0, "nl") == MINUS + "1.234.567"
    assert "-" not in format_value(-6845, "€", 0, "nl")


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "lang", "expected"),
    [
        # Differences of percentages are procentpunt, never percent.
        (2.3, "%", 1, "nl", "+2,3 procentpunt"),
        (-2.9, "%", 1, "nl", "−2,9 procentpunt"),
        (2.3, "%", 1, "en", "+2.3 percentage points"),
        (-0.4, "%", 1, "en", "−0.4 percentage points"),
        # Money: the sign before the euro sign.
        (-6845, "€", 0, "nl", "−€ 6.845"),
        (1200, "€", 0, "nl", "+€ 1.200"),
        (-6845.5, "€", 2, "en", "−€ 6,845.50"),
        # Ratings and indices differ in punt.
        (0.3, "rapportcijfer", 1, "nl", "+0,3 punt"),
        (-12, "index", 0, "nl", "−12 punt"),
        (-12, "index", 0, "en", "−12 points"),
        # Others keep their unit; counts are plain numbers.
        (1.5, "per 1.000 inwoners", 1, "nl", "+1,5 per 1.000 inwoners"),
        (-250, "aantal", 0, "nl", "−250"),
        # Nothing to sign.
        (0.04, "%", 1, "nl", "0,0 procentpunt"),
        (-0.04, "%", 1, "nl", "0,0 procentpunt"),
        (math.nan, "%", 1, "nl", "–"),
    ],
)
def test_format_difference(value, unit, decimals, lang, expected) -> None:
    assert format_difference(value, unit, decimals, lang) == expected


def test_unsigned_difference_is_the_size_for_sentences() -> None:
    assert format_difference(-2.9, "%", 1, "nl", signed=False) == "2,9 procentpunt"
    assert format_difference(2.9, "%", 1, "en", signed=False) == "2.9 percentage points"
    assert format_difference(-6845, "€", 0, "nl", signed=False) == "€ 6.845"
    assert format_difference(0.25, "rapportcijfer", 2, "nl", signed=False) == "0,25 punt"


def test_difference_unit_for_axis_titles() -> None:
    assert difference_unit("%", "nl") == "procentpunt"
    assert difference_unit("%", "en") == "percentage points"
    assert difference_unit("rapportcijfer", "nl") == "punt"
    assert difference_unit("€", "nl") == "€"
    assert difference_unit("aantal", "nl") == ""


def test_differences_on_the_comparison_page_and_in_reasons() -> None:
    """The NAP-vergelijking's hover and the absolute method's reason speak procentpunt."""
    import pandas as pd

    from layouts.vergelijking import _axis_title, _hover_data
    from monitor.catalog import Indicator
    from monitor.scoring.reasons import reason_text

    pct = Indicator(id="x_p", label_nl="X", domain="overig", unit="%", polarity="lager-beter")
    money = Indicator(id="i", label_nl="I", domain="overig", unit="€", polarity="hoger-beter")
    money.decimals = 0
    frame = pd.DataFrame(
        {"klasse": ["slechter", "beter"], "value": [9.7, 5.5], "nap": [6.7, 6.7]}
    ).assign(diff=lambda f: f["value"] - f["nap"])
    hover = _hover_data(frame, pct, "nl", "Teststad")
    assert list(hover[:, 3]) == ["+3,0 procentpunt", "−1,2 procentpunt"]
    assert _axis_title(pct, "nl") == "Verschil met het NAP in procentpunt"
    assert _axis_title(pct, "en") == "Difference from NAP in percentage points"
    income = pd.DataFrame({"klasse": ["slechter"], "value": [35065.0], "nap": [40740.0]})
    hover = _hover_data(income.assign(diff=income["value"] - income["nap"]), money, "nl", None)
    assert hover[0, 3] == "−€ 5.675"

    text = reason_text("absoluut", pct, "nl", 2024, measure=2.3, band=2.0)
    assert text == (
        "Verschil met NAP +2,3 procentpunt; rond betekent binnen ±2,0 procentpunt. Lager is beter."
    )
