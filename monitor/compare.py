"""NAP-vergelijking: every area of a level against NAP, for the council.

Three computations, reading the materialised scores (never scoring per area):

* :func:`ranking`: one indicator, year and level; the areas ordered by value (so by
  deviation from NAP, which is the same for every area), areas without a value last.
* :func:`worse_counts`: per area, on how many coloured indicators it scores *slechter*
  than NAP. **Year rule**: each indicator is scored in its latest year with
  measurements that is not after the chosen year (survey indicators are measured every
  other year, and a gap year such as 2020 for a registration should not make an
  indicator drop out). The year used per indicator is returned and shown. An area
  without a class in that year (no value, too few residents, an incomplete year without
  a city value) counts as *geen gegevens* for that indicator, and so does every area for
  an indicator without any year up to the chosen one; so for every area slechter + rond
  + beter + geen_gegevens is the number of indicators considered.
* :func:`worse_sentence`: that count as one sentence in plain Dutch (or English). It
  counts only the indicators with a class for the area and says how many had none: "op
  4 van de 4 indicatoren met gegevens slechter (14 zonder gegevens)", never a silent
  "4 van de 4".
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from monitor.catalog import Indicator
from monitor.errors import MonitorError
from monitor.messages import average_name, t
from monitor.period_kinds import is_sub_year
from monitor.scoring import Scorer, fold
from monitor.scoring.read import latest_periods, level_classes

#: Polarities whose classes say better or worse (neutral and counts are not coloured).
COLOURED = ("hoger-beter", "lager-beter")
#: Folded classes that count as scored (the area has a value and a decided class).
SCORED = ("beter", "rond", "slechter")


def ranking(
    scorer: Scorer,
    indicator_id: str,
    period: int,
    level: str,
    *,
    method: str | None = None,
    lang: str = "nl",
    referentie: str | None = None,
    base_year: int | None = None,
) -> pd.DataFrame:
    """The score frame of one indicator with ``diff`` (value − NAP) and ``rank``.

    Rows are ordered from the highest value to the lowest (ties by code); areas without
    a shown value come last with ``rank`` NaN. ``klasse_kort`` is the folded class.
    With ``referentie`` (:mod:`monitor.scoring.reference`) NAP is each area's own
    reference value (its stadsdeel's, its similar areas', a base year's).
    """
    reference = {"referentie": referentie, "base_year": base_year} if referentie else {}
    frame = scorer.score(indicator_id, int(period), level, method=method, lang=lang, **reference)
    frame["diff"] = frame["value"] - frame["nap"]
    has_value = frame["diff"].notna()
    shown = frame[has_value].sort_values(["value", "code"], ascending=[False, True])
    missing = frame[~has_value].sort_values("code")
    shown = shown.assign(rank=range(1, len(shown) + 1))
    out = pd.concat([shown, missing.assign(rank=float("nan"))], ignore_index=True)
    out["klasse_kort"] = out["klasse"].map(fold)
    out.attrs.update(frame.attrs)
    return out


@dataclass
class WorseCounts:
    """Per area the number of coloured indicators *slechter* than NAP, and how it was counted."""

    #: code, naam, slechter, beter, rond, gescoord (indicators with a class), geen_gegevens
    #: (indicators without a class for the area, including those in ``without_year``)
    frame: pd.DataFrame
    #: indicator id → the year it was scored in (its latest year ≤ the chosen year)
    years: dict[str, int]
    #: coloured indicators without any year ≤ the chosen year (not counted)
    without_year: list[str] = field(default_factory=list)
    #: indicators where the chosen method could not be used; their own method was used
    own_method: list[str] = field(default_factory=list)
    gemeente: str = ""

    @property
    def indicator_count(self) -> int:
        return len(self.years)


def latest_year(periods: list[int], year: int) -> int | None:
    """The latest of ``periods`` not after ``year``."""
    earlier = [p for p in periods if p <= year]
    return max(earlier) if earlier else None


def coloured_indicators(scorer: Scorer) -> list[Indicator]:
    """Indicators that get good/bad colours: polarity hoger-beter or lager-beter, no
    forecast, per year (a month is not counted beside years)."""
    return sorted(
        (
            i
            for i in scorer.indicators.values()
            if i.polarity in COLOURED and not i.forecast and not is_sub_year(i.id)
        ),
        key=lambda i: i.id,
    )


def worse_counts(
    scorer: Scorer,
    year: int,
    level: str,
    *,
    method: str | None = None,
    indicators: list[str] | None = None,
) -> WorseCounts:
    """Count, per area of ``level``, the coloured indicators it scores *slechter* on.

    Each indicator counts with its materialised classes for the level in its latest
    year ≤ ``year`` (a query or two for the whole catalogue).
    *Veel slechter* counts as *slechter*. With ``method`` set, every indicator is scored
    with it where it applies (``absoluut`` needs a known band for the unit); otherwise
    the indicator's own method is used and the indicator is listed in ``own_method``.
    """
    chosen = coloured_indicators(scorer)
    if indicators is not None:
        wanted = set(indicators)
        chosen = [i for i in chosen if i.id in wanted]
    areas = scorer.areas(level)
    base = areas[["code", "name"]].rename(columns={"name": "naam"}).reset_index(drop=True)
    ids = [i.id for i in chosen]
    used = latest_periods(scorer.store, scorer.division_id, ids, int(year)) if ids else {}
    without_year = [i for i in ids if i not in used]
    years = {i: used[i] for i in ids if i in used}
    own_method: list[str] = []
    if method is None:
        # The materialised classes: one query for the level (per distinct year).
        found = level_classes(scorer.store, scorer.division_id, level, years)
        codes = areas.set_index("id")["code"]
        klasse = pd.Series(found["klasse"].map(fold).to_numpy(), index=found["area_id"].map(codes))
    else:
        klasse, own_method = _classes_by_method(scorer, years, level, method)
    out = base.copy()
    for k in ("slechter", "beter", "rond"):
        out[k] = (klasse == k).groupby(level=0).sum().reindex(base["code"], fill_value=0).to_numpy()
    out["gescoord"] = out["slechter"] + out["beter"] + out["rond"]
    # Every indicator without a class for the area counts as geen gegevens.
    out["geen_gegevens"] = len(ids) - out["gescoord"]
    out = out[["code", "naam", "slechter", "beter", "rond", "geen_gegevens", "gescoord"]]
    return WorseCounts(out, years, without_year, own_method, scorer.gemeente)


def _classes_by_method(
    scorer: Scorer, years: dict[str, int], level: str, method: str
) -> tuple[pd.Series, list[str]]:
    """Another method than each indicator's own: scored on demand per indicator (the
    indicator's own method where ``method`` does not apply). Folded classes by code."""
    parts, own_method = [], []
    for indicator_id, used in years.items():
        try:
            frame = scorer.score(indicator_id, used, level, method=method, explain=False)
        except MonitorError:
            own_method.append(indicator_id)
            frame = scorer.score(indicator_id, used, level, explain=False)
        parts.append(frame.set_index("code")["klasse"].map(fold))
    klasse = pd.concat(parts) if parts else pd.Series(dtype=object)
    return klasse, own_method


def worse_sentence(
    naam: str,
    worse: int,
    scored: int,
    gemeente: str | None,
    lang: str = "nl",
    *,
    missing: int,
) -> str:
    """ "Dijkpark scoort op 7 van de 16 indicatoren met gegevens slechter dan het gemiddelde
    van … (2 zonder gegevens)": ``scored`` indicators had a class for the area, ``missing``
    had none (said only when there are any)."""
    average = average_name(gemeente, lang)
    without = t("compare.without_data", lang, missing=missing) if missing else ""
    if scored == 0:
        return t("compare.sentence_none", lang, naam=naam, without=without)
    key = "compare.sentence_one" if scored == 1 else "compare.sentence"
    return t(key, lang, naam=naam, worse=worse, total=scored, gemiddelde=average, without=without)
