"""The scorer: every value gets a class, a reference and a reason.

The pure part, :func:`classify`, works on arrays so it is vectorised and property-
tested; :func:`score` gathers values, population and the reference from the store.

For indicator *i*, period *t* and level *L*:

* NAP (reference): the city's own value (``stadswaarde``); if there is none, the mean
  of the usable areas of level *L*, weighted by the indicator's weight where it has
  one, but only when at least 80% of the level's areas (or of its population) were
  measured (:func:`monitor.scoring.coverage.nap_coverage`); below that there is no NAP and no
  area gets a colour (reason ``onvolledig``). With ``reference="basisjaar"`` the city
  value of a fixed base year is used.
* Spread: standard deviation (ddof=0) of the usable values of level *L* in *t*;
  usable = a value, not flagged by the source, at least the minimum population and
  respondents.
* Class: by method; ``z`` is the default (|z| < 0.5 is *rond*).
* Reliability: with n known, an area whose 95% interval contains NAP is *rond*.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from monitor.aggregation import level_values
from monitor.catalog import Indicator
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.scoring import national
from monitor.scoring.compute import REFERENCES, Options
from monitor.scoring.frames import reference_name
from monitor.scoring.methods import (
    Classified,
    classify_rows,
    resolve_band,
)
from monitor.scoring.methods import standard_error as _standard_error
from monitor.scoring.read import Scores, catalogue
from monitor.scoring.reference import choice_of, choice_options
from monitor.store import LEVELS, Store

OUTPUT_FIELDS = ["code", "naam", "value", "nap", "nap_source", "spread", "z", "klasse", "reden"]


def nap_source_label(source: str, lang: str = "nl") -> str:
    """``nap_source`` in words: "stadswaarde", "basisjaar 2015" → "base year 2015"."""
    if source.startswith("basisjaar"):
        return t("nap.basisjaar", lang, year=source.removeprefix("basisjaar").strip())
    if source.startswith("vergelijkbaar"):
        count = source.split()[-1]
        if not count.isdigit():
            return t("nap.vergelijkbaar_any", lang)
        key = "nap.vergelijkbaar_gewogen" if "gewogen" in source else "nap.vergelijkbaar"
        return t(key, lang, n=int(count))
    return t(f"nap.{source}", lang) if source else ""


#: The reason code of a value that is *rond* only because of survey uncertainty: its 95%
#: interval contains NAP. Pages mark it (± with a legend line), the PDF prints the reason.
UNCERTAIN = "niet_significant"


def uncertain(reasons: Any) -> np.ndarray:
    """True where a reason code (or a column of them) says *rond door onzekerheid*."""
    return np.asarray(reasons, dtype=object) == UNCERTAIN


def classify(
    values: np.ndarray,
    nap: float,
    spread: float,
    *,
    polarity: str,
    method: str = "z",
    band: float | None = None,
    unit: str = "",
    n: np.ndarray | None = None,
    sd_individual: float | None = None,
    reliability: bool = True,
    spread_kind: str = "sd",
) -> Classified:
    """Classify usable values against one ``nap``; NaN values come back as ``geen_gegevens``.

    The single-reference form of :func:`monitor.scoring.methods.classify_rows`.
    ``spread_kind`` says how ``spread`` was measured (:mod:`monitor.scoring.spread`): for ``log``
    the z-score is taken on log values; ``sd`` and ``mad`` divide the plain difference."""
    x = np.asarray(values, dtype=float)
    size = x.shape[0]

    def same(value: object, dtype: object = float) -> np.ndarray:
        return np.full(size, value, dtype=dtype)

    return classify_rows(
        x,
        same(nap),
        same(spread if spread is not None else np.nan),
        polarity=same(polarity, object),
        method_name=same(method, object),
        band=same(resolve_band(method, unit, band)),
        unit=same(unit, object),
        n=np.full(size, np.nan) if n is None else np.asarray(n, dtype=float),
        sd_individual=same(sd_individual if sd_individual else np.nan),
        reliability=reliability,
        log=same(spread_kind == "log", bool),
    )


def standard_error(
    x: np.ndarray, n: np.ndarray, unit: str, sd_individual: float | None
) -> np.ndarray:
    """Standard error of a survey value: binomial for percentages, sd/√n otherwise."""
    x = np.asarray(x, dtype=float)
    return _standard_error(
        x,
        np.asarray(n, dtype=float),
        np.full(x.shape[0], unit, dtype=object),
        np.full(x.shape[0], sd_individual if sd_individual else np.nan),
    )


# -- gathering from the store ----------------------------------------------------------


class Scorer:
    """Scores indicators of one division; holds the catalogue and area lists."""

    def __init__(self, store: Store, division_id: int | None = None) -> None:
        self.store = store
        self.division_id = division_id if division_id is not None else store.division_id()
        #: Definitions read so far; the whole catalogue only when someone asks for it.
        self._indicators: dict[str, Indicator] = {}
        self._complete = False
        self.population_indicator = store.get_setting("population_indicator")
        #: The municipality's name: classes compare with "het gemiddelde van <gemeente>".
        self._areas: dict[str, pd.DataFrame] = {}
        self._scores = Scores(store, self.division_id)
        gemeente = str(store.division(self.division_id)["gemeente"])
        self.gemeente = reference_name(self._scores.areas, gemeente)

    @property
    def indicators(self) -> dict[str, Indicator]:
        """The whole catalogue (BBGA: 800 definitions), read once on first use (and kept
        per score generation, :func:`monitor.scoring.read.catalogue`)."""
        if not self._complete:
            self._indicators = catalogue(self.store, self.division_id)
            self._complete = True
        return self._indicators

    def _known(self, ids: list[str]) -> None:
        """Read the definitions of ``ids`` not seen yet (a map switch needs two or three)."""
        missing = [i for i in ids if i not in self._indicators]
        if missing and not self._complete:
            # The whole catalogue, kept per score stamp: cheaper than a query for two.
            self._indicators = dict(self.indicators)

    def indicator(self, indicator_id: str) -> Indicator:
        self._known([indicator_id])
        try:
            return self._indicators[indicator_id]
        except KeyError:
            raise MonitorError(t("scoring.err.unknown_indicator", id=indicator_id)) from None

    def indicator_key(self, indicator_id: str, *, whole: bool = False) -> tuple:
        """What caches of one indicator's scores are kept under (``Scores.indicator_key``)."""
        return self._scores.indicator_key(indicator_id, whole=whole)

    def find(self, indicator_id: str | None) -> Indicator | None:
        """The definition of ``indicator_id``, or None when it is empty or unknown."""
        if not indicator_id:
            return None
        self._known([indicator_id])
        return self._indicators.get(indicator_id)

    @property
    def all_areas(self) -> pd.DataFrame:
        """Every area of the division, every level (read once, with the scorer)."""
        return self._scores.areas

    def areas(self, level: str) -> pd.DataFrame:
        if level not in LEVELS:
            raise MonitorError(
                t("scoring.err.unknown_level", level=level, choices=", ".join(LEVELS))
            )
        if level not in self._areas:
            self._areas[level] = self.store.areas_frame(self.division_id, level)
        return self._areas[level]

    def values(self, indicator: Indicator, period: int, level: str) -> pd.DataFrame:
        return level_values(
            self.store, self.division_id, indicator, [period], level, self.areas(level)
        )

    def score(
        self,
        indicator_id: str,
        period: int,
        level: str,
        *,
        method: str | None = None,
        reference: str = "stadswaarde",
        base_year: int | None = None,
        band: float | None = None,
        reliability: bool = True,
        lang: str = "nl",
        explain: bool = True,
        gemeente: str | None = None,
        reference_level: str = "gemeente",
        referentie: str | None = None,
    ) -> pd.DataFrame:
        """One row per area of ``level``: value, nap, nap_source, spread, z, klasse, reden
        (with ``gemeente``, a gemeente's code: only that gemeente's areas).

        ``referentie`` is the user's choice of what to compare with
        (:data:`monitor.scoring.reference.CHOICES`: gemeente, stadsdeel, gebied, wijk,
        vergelijkbaar, basisjaar); it sets ``reference`` and ``reference_level``.
        ``frame.attrs["referentie"]`` names the choice the frame was scored with.

        The materialised scores for the indicator's own method and the city reference;
        another method, band or a base year is computed on demand (and cached).
        ``frame.attrs["gemeente"]`` names the municipality the classes compare with
        (:data:`monitor.messages.OWN_GEMEENTE` when the division holds several; then the
        column ``referentie`` names each area's own gemeente).
        With ``explain=False`` only *geen gegevens* rows get their ``reden`` sentence.
        ``reference="nederland"`` scores against the country
        (:mod:`monitor.scoring.national`): the classes compare with *Nederland*.
        """
        if level not in LEVELS:
            raise MonitorError(
                t("scoring.err.unknown_level", level=level, choices=", ".join(LEVELS))
            )
        self._scores._indicators.setdefault(indicator_id, self.indicator(indicator_id))
        if referentie is not None:
            chosen = choice_options(referentie, level, base_year)
            reference, reference_level = chosen.reference, chosen.reference_level
        options = Options(
            method=method,
            band=band,
            reference=reference,
            base_year=base_year,
            reliability=reliability,
            reference_level=reference_level,
        )
        if national.is_national(reference):
            options = national.options(options)
        elif reference not in REFERENCES:
            raise MonitorError(t("scoring.err.unknown_reference", reference=reference))
        if reference_level not in (*LEVELS, national.NATIONAL):
            raise MonitorError(t("scoring.err.unknown_reference", reference=reference_level))
        frame = self._scores.frame(
            indicator_id,
            int(period),
            level,
            options=options,
            lang=lang,
            explain=explain,
            gemeente=gemeente,
        )
        frame.attrs["referentie"] = choice_of(options)
        return frame

    def series(
        self,
        indicator_id: str,
        periods: list[int],
        level: str,
        codes: list[str] | None = None,
        *,
        method: str | None = None,
        lang: str = "nl",
        referentie: str | None = None,
        base_year: int | None = None,
    ) -> pd.DataFrame:
        """:meth:`score` of every period in ``periods`` for the areas ``codes`` of
        ``level`` (all: None) as one frame (periods in the order given, areas by code),
        read together: a trend over the years is one read, not one per year."""
        self._scores._indicators.setdefault(indicator_id, self.indicator(indicator_id))
        options = Options(method=method)
        if referentie is not None:
            options = replace(choice_options(referentie, level, base_year), method=method)
        frame = self._scores.frames(indicator_id, periods, level, codes, options=options, lang=lang)
        frame.attrs["referentie"] = choice_of(options)
        return frame


def score(
    store: Store, indicator_id: str, period: int, level: str, **options: object
) -> pd.DataFrame:
    """Convenience wrapper: score one indicator in the active division."""
    division_id = options.pop("division_id", None)
    return Scorer(store, division_id).score(indicator_id, period, level, **options)  # type: ignore[arg-type]


def records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """The public output fields as plain JSON-ready dicts (NaN → None)."""
    out = frame[OUTPUT_FIELDS].astype(object).where(frame[OUTPUT_FIELDS].notna(), None)
    return out.to_dict("records")
