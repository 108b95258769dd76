"""Texts that name a period say the indicator's kind of period (QA F5, F13)."""

from types import SimpleNamespace

import pandas as pd
import pytest

from layouts import trends
from monitor.trends import Trend


def _trend(indicator_id: str, method: str = "z") -> Trend:
    indicator = SimpleNamespace(id=indicator_id, unit="%", decimals=1, spread="sd")
    reference = pd.DataFrame({"period": [20241], "low": [1.0], "high": [2.0]})
    return Trend(
        indicator=indicator,
        level="buurt",
        method=method,
        band=0.5,
        gemeente="Voorbeeldstad",
        years=[20241],
        reference=reference,
        lines=pd.DataFrame(),
        codes=[],
        stadsdeel_of={},
    )


@pytest.mark.parametrize(
    ("indicator_id", "lang", "words", "not_words"),
    [
        ("meldingen_per_1000_kwartaal", "nl", "in dat kwartaal", "jaar"),
        ("meldingen_per_1000_maand", "nl", "in die maand", "jaar"),
        ("meldingen_per_1000", "nl", "in dat jaar", "kwartaal"),
        ("meldingen_per_1000_kwartaal", "en", "no value that quarter", "year"),
        ("meldingen_per_1000_maand", "en", "no value that month", "year"),
    ],
)
def test_trends_note_names_the_period_kind(indicator_id, lang, words, not_words):
    for method in ("z", "relatief", "index", "absoluut"):
        text = trends.note(_trend(indicator_id, method), lang)
        assert words in text
        assert not_words not in text


@pytest.mark.parametrize(
    ("indicator_id", "lang", "word"),
    [
        ("meldingen_per_1000_maand", "nl", "Periode"),
        ("meldingen_per_1000_kwartaal", "en", "Period"),
        ("werkloosheid_p", "nl", "Jaar"),
        (None, "nl", "Jaar"),
    ],
)
def test_tabel_period_label(indicator_id, lang, word):
    from layouts import overview

    assert overview.period_word(indicator_id, lang) == word
