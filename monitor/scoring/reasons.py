"""The sentence that explains one area's class, rendered from stored reason codes.

Scores keep a reason code and the numbers behind it (measure, interval, n, population);
the sentence is written only for rows someone shows, in the reader's language.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from monitor.catalog import Indicator
from monitor.messages import t
from monitor.numbers import format_difference, format_number, format_value

#: Reason codes whose sentence comes from the group (coverage, a refused spread).
GROUP_REASONS = ("onvolledig", "spreiding_geweigerd")


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def reason_text(
    code: str,
    ind: Indicator,
    lang: str,
    period: int,
    *,
    measure: float = float("nan"),
    band: float = float("nan"),
    ci_low: float = float("nan"),
    ci_high: float = float("nan"),
    n: float = float("nan"),
    population: float = float("nan"),
) -> str:
    """One area's reason sentence."""
    dec = ind.decimals
    direction = t(f"direction.{ind.polarity}", lang)
    if code == "z" or code == "z5":
        return t(
            "reason.z",
            lang,
            z=format_number(measure, 2, lang),
            band=format_number(band, 1, lang),
            direction=direction,
        ).strip()
    if code == "relatief":
        return t(
            "reason.relatief",
            lang,
            pct=f"{format_number(100 * measure, 1, lang)}%",
            band=f"{format_number(100 * band, 0, lang)}%",
            direction=direction,
        ).strip()
    if code == "absoluut":
        return t(
            "reason.absoluut",
            lang,
            diff=format_difference(measure, ind.unit, dec, lang),
            band=format_difference(band, ind.unit, dec, lang, signed=False),
            direction=direction,
        ).strip()
    if code == "index":
        return t(
            "reason.index",
            lang,
            index=format_number(measure, 0, lang),
            low=format_number(100 - band, 0, lang),
            high=format_number(100 + band, 0, lang),
            direction=direction,
        ).strip()
    if code == "niet_significant":
        return t(
            "reason.niet_significant",
            lang,
            low=format_value(ci_low, ind.unit, dec, lang),
            high=format_value(ci_high, ind.unit, dec, lang),
            n=format_number(n, 0, lang),
        )
    if code == "te_weinig_inwoners":
        base = "woningen" if ind.min_population_indicator == "WVOORRBAG" else "inwoners"
        if lang == "en":
            base = "dwellings" if base == "woningen" else "residents"
        return t(
            "reason.te_weinig_inwoners",
            lang,
            minimum=format_number(ind.min_population, 0, lang),
            base=base,
            population=format_number(None if _missing(population) else population, 0, lang),
        )
    if code == "te_weinig_respondenten":
        return t(
            "reason.te_weinig_respondenten",
            lang,
            minimum=format_number(ind.min_respondents, 0, lang),
            n=format_number(n, 0, lang),
        )
    return t(f"reason.{code}", lang, period=period)


def reason_texts(
    frame: pd.DataFrame | Mapping[str, Any],
    ind: Indicator,
    lang: str,
    *,
    only_missing: bool = False,
) -> np.ndarray:
    """Reason sentences for a score frame of one indicator (columns as :mod:`read`; a
    frame, or its columns as arrays of one length, a number standing for a whole column).

    With ``only_missing`` only *geen gegevens* rows get a sentence (a map shows no
    other); the rest stay empty. Rows sharing code and numbers share one rendering.
    """
    codes = np.asarray(frame["reden_code"], dtype=object)
    out = np.full(len(codes), "", dtype=object)
    if not len(codes):
        return out
    # Reasons shared by a whole group are worded by ``frames`` from the group's numbers.
    wanted = ~pd.Series(codes).isin(GROUP_REASONS).to_numpy()
    if only_missing:
        wanted &= np.asarray(frame["klasse"], dtype=object) == "geen_gegevens"
    cache: dict[tuple, str] = {}
    columns = [
        np.broadcast_to(np.asarray(frame[c]), len(codes)).tolist()
        for c in ("reden_code", "period", "measure", "band", "ci_low", "ci_high", "n", "population")
    ]
    for i in np.flatnonzero(wanted):
        key = tuple(col[i] for col in columns)
        text = cache.get(key)
        if text is None:
            code, period, measure, band, ci_low, ci_high, n, population = key
            text = reason_text(
                str(code),
                ind,
                lang,
                int(period),
                measure=measure,
                band=band,
                ci_low=ci_low,
                ci_high=ci_high,
                n=n,
                population=population,
            )
            cache[key] = text
        out[i] = text
    return out
