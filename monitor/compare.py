"""NAP-vergelijking: every area of a level against NAP, for the council.

Three computations, each scoring an indicator once for the whole level (never per area):

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
from monitor.scoring import Scorer, fold
from monitor.store import Store

#: Polarities whose classes say better or worse (neutral and counts are not coloured).
COLOURED = ("hoger-beter", "lager-beter")
#: Folded classes that count as scored (the area has a value and a decided class).
SCORED = ("beter", "rond", "slechter")


class CachingScorer(Scorer):
    """A :class:`Scorer` that reads the values of (indicator, period, level) once.

    Scoring reads the population and weight indicator for every indicator it scores;
    over all indicators of a level that is the same read many times. The cache lives
    as long as the scorer, which is one request in the app.
    """

    def __init__(self, store: Store, division_id: int | None = None) -> None:
        super().__init__(store, division_id)
        self._values: dict[tuple[str, int, str], pd.DataFrame] = {}

    def values(self, indicator: Indicator, period: int, level: str) -> pd.DataFrame:
        key = (indicator.id, int(period), level)
        if key not in self._values:
            self._values[key] = super().values(indicator, period, level)
        return self._values[key].copy()


def ranking(
    scorer: Scorer,
    indicator_id: str,
    period: int,
    level: str,
    *,
    method: str | None = None,
    lang: str = "nl",
) -> pd.DataFrame:
    """The score frame of one indicator with ``diff`` (value − NAP) and ``rank``.

    Rows are ordered from the highest value to the lowest (ties by code); areas without
    a shown value come last with ``rank`` NaN. ``klasse_kort`` is the folded class.
    """
    frame = scorer.score(indicator_id, int(period), level, method=method, lang=lang)
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
    """Indicators that get good/bad colours: polarity hoger-beter or lager-beter, no forecast."""
    return sorted(
        (i for i in scorer.indicators.values() if i.polarity in COLOURED and not i.forecast),
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

    Each indicator is scored once for the whole level in its latest year ≤ ``year``.
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
    tallies = {k: pd.Series(0, index=base["code"]) for k in ("slechter", "beter", "rond")}
    missing = pd.Series(0, index=base["code"])
    years: dict[str, int] = {}
    without_year: list[str] = []
    own_method: list[str] = []
    for ind in chosen:
        used = latest_year(scorer.store.periods(scorer.division_id, ind.id), int(year))
        if used is None:
            without_year.append(ind.id)
            continue
        try:
            frame = scorer.score(ind.id, used, level, method=method, explain=False)
        except MonitorError:
            if method is None:
                raise
            own_method.append(ind.id)
            frame = scorer.score(ind.id, used, level, explain=False)
        years[ind.id] = used
        klasse = frame.set_index("code")["klasse"].map(fold)
        for k in tallies:
            tallies[k] = tallies[k] + (klasse == k).astype(int).reindex(base["code"], fill_value=0)
        missing = missing + (~klasse.isin(SCORED)).astype(int).reindex(base["code"], fill_value=0)
    out = base.assign(
        slechter=tallies["slechter"].to_numpy(),
        beter=tallies["beter"].to_numpy(),
        rond=tallies["rond"].to_numpy(),
        geen_gegevens=missing.to_numpy() + len(without_year),
    )
    out["gescoord"] = out["slechter"] + out["beter"] + out["rond"]
    return WorseCounts(out, years, without_year, own_method, scorer.gemeente)


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
