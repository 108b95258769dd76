"""Coverage: may the measured areas stand for the whole city?

Without a city value from the source, NAP is the mean of the areas of a level. The mean
of Oost's 31 buurten is the mean of Oost, not of the city; calling it *het gemiddelde van
Voorbeeldstad* and colouring by it misleads. So, for indicator *i*, period *t* and level
*L*, :func:`nap_coverage` decides whether a mean of the areas may be NAP:

* **The level's areas**: every area of level *L* in the division, with or without a
  measurement.
* **Covered**: an area with a measurement row for *i* in *t* at *L* (published for the
  area, or aggregated upward from its children) that holds a value, or a source flag
  saying a value exists but is not shown (``onderdrukt``, ``afgetopt``). An empty cell
  (flag ``leeg``) is not covered: the source said nothing. An area with a value below
  the minimum population or respondents *is* covered: it was measured, and leaving it
  out of the mean is the rule, not a gap in the data.
* **Basis**: the share of the population in covered areas when the catalogue's
  population indicator has a value for *every* area of *L* in *t* (areas without
  inhabitants count with 0); otherwise the share of areas by count.
* **Adequate**: that share is at least :data:`MINIMUM` (80%).

A city value from the source (``nap_source`` *stadswaarde*) is always usable; coverage is
then not asked. Below the minimum no area gets a colour for that indicator-year: class
``geen_gegevens``, reason ``onvolledig`` ("onvolledig: 31 van 90 buurten; geen
stadswaarde").

This module is pure (no store): :class:`monitor.scoring.Scorer` gathers the rows and the
population and asks :func:`nap_coverage`; the upload preview asks it about the store as
it would be after publishing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from monitor.messages import t
from monitor.numbers import format_number
from monitor.period_kinds import label as period_label

#: The share of a level's areas (or of its population) that must be measured before
#: their mean may be called the city's average.
MINIMUM = 0.8
#: Source flags that mean "no value at all" rather than "a value exists, not shown".
NOT_MEASURED_FLAGS = frozenset({"leeg"})


@dataclass(frozen=True)
class Coverage:
    """How much of level ``level`` had a measurement of ``indicator`` in ``period``."""

    indicator: str
    period: int
    level: str
    covered: int  # areas with a measurement row (value or source flag)
    total: int  # all areas of the level
    #: Population of the covered areas and of all areas; None when the population is
    #: not known for every area (then the count decides).
    population_covered: float | None = None
    population_total: float | None = None
    minimum: float = MINIMUM

    def __deepcopy__(self, memo: dict) -> Coverage:
        """Itself: frozen, of numbers and texts. pandas copies a frame's ``attrs`` deeply
        in every operation on the frame (a score frame carries one of these)."""
        return self

    @property
    def by_population(self) -> bool:
        return self.population_total is not None and self.population_total > 0

    @property
    def share(self) -> float:
        """The covered share on the basis that decides (population, else count)."""
        if self.by_population:
            return float(self.population_covered or 0.0) / float(self.population_total or 1.0)
        return self.covered / self.total if self.total else 0.0

    @property
    def adequate(self) -> bool:
        # Rounded, so 72 of 90 (0.8 in floating point) is exactly enough.
        return self.total > 0 and round(self.share, 9) >= self.minimum

    @property
    def needed(self) -> int:
        """Areas needed on the count basis (72 of 90)."""
        return int(np.ceil(round(self.minimum * self.total, 9)))


def covered_ids(rows: pd.DataFrame) -> set[int]:
    """Area ids with a measurement that counts (a value, or a flag other than ``leeg``)."""
    if rows.empty:
        return set()
    has_value = rows["value"].notna()
    flag = rows["flag"] if "flag" in rows else pd.Series(None, index=rows.index)
    flagged = flag.notna() & ~flag.isin(NOT_MEASURED_FLAGS)
    return {int(a) for a in rows.loc[has_value | flagged, "area_id"]}


def nap_coverage(
    area_ids: Iterable[int],
    rows: pd.DataFrame,
    population: pd.Series | None,
    *,
    indicator: str,
    period: int,
    level: str,
    minimum: float = MINIMUM,
) -> Coverage:
    """The coverage rule (see the module docstring), on plain inputs.

    ``area_ids``: every area of the level; ``rows``: the level's measurement rows for
    the indicator and period (``area_id``, ``value``, ``flag``); ``population``: area id →
    population in that period (areas without a known population left out, or NaN).
    """
    areas = [int(a) for a in area_ids]
    wanted = set(areas)
    covered = covered_ids(rows) & wanted
    pop_covered = pop_total = None
    if population is not None and len(areas):
        known = pd.to_numeric(population, errors="coerce").dropna()
        known = known[known.index.isin(wanted)]
        if set(int(a) for a in known.index) >= wanted:
            pop_total = float(known.sum())
            pop_covered = float(known[known.index.isin(covered)].sum())
    return Coverage(
        indicator=indicator,
        period=int(period),
        level=level,
        covered=len(covered),
        total=len(areas),
        population_covered=pop_covered,
        population_total=pop_total,
        minimum=minimum,
    )


def incomplete(frame: pd.DataFrame) -> Coverage | None:
    """The coverage of a score frame (``frame.attrs["coverage"]``, set by
    :meth:`monitor.scoring.Scorer.score`) when it was too low to colour anything."""
    cov = frame.attrs.get("coverage")
    return cov if isinstance(cov, Coverage) and not cov.adequate else None


# -- in words -----------------------------------------------------------------------


def _areas(level: str, lang: str) -> str:
    return t(f"coverage.areas.{level}", lang)


def _pct(share: float, lang: str) -> str:
    return f"{format_number(100 * share, 0, lang)}%"


def summary(cov: Coverage, lang: str = "nl") -> str:
    """ "onvolledig: 31 van 90 buurten; geen stadswaarde" (with the population share
    when that decides)."""
    key = "coverage.summary_population" if cov.by_population else "coverage.summary"
    return t(
        key,
        lang,
        covered=cov.covered,
        total=cov.total,
        areas=_areas(cov.level, lang),
        share=_pct(cov.share, lang),
    )


def reason(cov: Coverage, lang: str = "nl") -> str:
    """Why no area of the level has a colour in this period (the ``onvolledig`` reason)."""
    return t(
        "reason.onvolledig",
        lang,
        period=period_label(cov.period, lang),
        summary=summary(cov, lang),
        areas=_areas(cov.level, lang),
        minimum=_pct(cov.minimum, lang),
        basis=t("coverage.basis.inwoners", lang) if cov.by_population else _areas(cov.level, lang),
    )


def nap_line(cov: Coverage, lang: str = "nl") -> str:
    """The NAP line above a map or table when the period has no NAP for lack of coverage."""
    return t(
        "coverage.nap",
        lang,
        period=period_label(cov.period, lang),
        summary=summary(cov, lang),
        areas=_areas(cov.level, lang),
    )


def upload_warning(cov: Coverage, lang: str = "nl") -> str:
    """The preview's warning: "werkloosheid_p, 2025: 31 van 90 buurten; zonder stadswaarde
    krijgt dit jaar geen kleuren (…)"."""
    key = "coverage.upload_population" if cov.by_population else "coverage.upload"
    return t(
        key,
        lang,
        indicator=cov.indicator,
        period=period_label(cov.period, lang),
        covered=cov.covered,
        total=cov.total,
        areas=_areas(cov.level, lang),
        share=_pct(cov.share, lang),
        minimum=_pct(cov.minimum, lang),
        needed=cov.needed,
    )
