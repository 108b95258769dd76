"""NAP scoring (PRODUCT.md §5): every value gets a class, a reference and a reason.

The pure part, :func:`classify`, works on arrays so it is vectorised and property-
tested; :func:`score` gathers values, population and the reference from the store.

For indicator *i*, period *t* and level *L*:

* NAP (reference): the city's own value (``stadswaarde``); if there is none, the mean
  of the usable areas of level *L*, weighted by the indicator's weight where it has
  one. With ``reference="basisjaar"`` the city value of a fixed base year is used.
* Spread: standard deviation (ddof=0) of the usable values of level *L* in *t*;
  usable = a value, not flagged by the source, at least the minimum population and
  respondents.
* Class: by method; ``z`` is the default (|z| < 0.5 is *rond*).
* Reliability: with n known, an area whose 95% interval contains NAP is *rond*.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from monitor.aggregation import level_values
from monitor.catalog import Indicator, load_from_store
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.numbers import format_number, format_value
from monitor.store import LEVELS, Snapshot, Store

#: Classes ordered from good to bad; neutral and uncoloured classes after them.
CLASSES = (
    "veel_beter",
    "beter",
    "rond",
    "slechter",
    "veel_slechter",
    "meer",
    "minder",
    "niet_gekleurd",
    "geen_gegevens",
)
#: The 5-class variant folds into the four buurtbegroting classes.
FOLD = {"veel_beter": "beter", "veel_slechter": "slechter"}
DEFAULT_BANDS = {"z": 0.5, "z5": 0.5, "relatief": 0.10, "index": 10.0}
ABSOLUTE_BANDS = {"%": 2.0, "rapportcijfer": 0.3}
Z_OUTER = 1.0
Z95 = 1.959963984540054
#: Comparisons with the band use values rounded to this many decimals, so that
#: floating-point noise (x + c − (nap + c) ≠ x − nap) never flips a class.
ROUND = 9

OUTPUT_FIELDS = ["code", "naam", "value", "nap", "nap_source", "spread", "z", "klasse", "reden"]


@dataclass(frozen=True)
class Classified:
    """Result arrays of :func:`classify`, aligned with its input."""

    klasse: np.ndarray
    z: np.ndarray
    reason: np.ndarray  # reason codes: method name, "niet_significant", "geen_spreiding", ...
    measure: np.ndarray  # z, relative change, difference or index, per method
    ci_low: np.ndarray
    ci_high: np.ndarray


def resolve_band(method: str, unit: str, band: float | None) -> float:
    """The width of the *rond* band for a method and unit."""
    if band is not None:
        return float(band)
    if method == "absoluut":
        if unit not in ABSOLUTE_BANDS:
            raise MonitorError(
                f"Methode 'absoluut' heeft een bandbreedte nodig voor eenheid '{unit}'; "
                "stel 'band' in voor deze indicator of geef --band op."
            )
        return ABSOLUTE_BANDS[unit]
    return DEFAULT_BANDS[method]


def nap_source_label(source: str, lang: str = "nl") -> str:
    """``nap_source`` in words: "stadswaarde", "basisjaar 2015" → "base year 2015"."""
    if source.startswith("basisjaar"):
        return t("nap.basisjaar", lang, year=source.removeprefix("basisjaar").strip())
    return t(f"nap.{source}", lang) if source else ""


def fold(klasse: str) -> str:
    """Five classes to the four of the buurtbegroting."""
    return FOLD.get(klasse, klasse)


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
) -> Classified:
    """Classify usable values against ``nap``; NaN values come back as ``geen_gegevens``."""
    x = np.asarray(values, dtype=float)
    size = x.shape[0]
    band = resolve_band(method, unit, band)
    diff = x - nap
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (
            diff / spread
            if spread and np.isfinite(spread) and spread > 0
            else np.full(size, np.nan)
        )
        if method in ("z", "z5"):
            measure = z
            inside = np.round(np.abs(z), ROUND) < band
            undecidable = np.isnan(z)
        elif method == "relatief":
            measure = x / nap - 1 if nap > 0 else np.full(size, np.nan)
            inside = np.round(np.abs(measure), ROUND) < band
            undecidable = np.isnan(measure)
        elif method == "absoluut":
            measure = diff
            inside = np.round(np.abs(diff), ROUND) < band
            undecidable = np.zeros(size, dtype=bool)
        elif method == "index":
            measure = 100 * x / nap if nap > 0 else np.full(size, np.nan)
            inside = np.round(np.abs(measure - 100), ROUND) <= band
            undecidable = np.isnan(measure)
        else:
            raise MonitorError(f"Onbekende methode '{method}'.")

    reason = np.full(size, method, dtype=object)
    # A value equal to NAP is always "rond", whatever the spread.
    equal = np.round(diff, ROUND) == 0
    inside = inside | equal
    undecidable = undecidable & ~equal
    if method in ("z", "z5"):
        reason[undecidable] = "geen_spreiding"
    elif method in ("relatief", "index"):
        reason[undecidable] = "nap_nul"

    higher = diff > 0
    if polarity == "hoger-beter":
        outside = np.where(higher, "beter", "slechter")
    elif polarity == "lager-beter":
        outside = np.where(higher, "slechter", "beter")
    elif polarity == "neutraal":
        outside = np.where(higher, "meer", "minder")
    else:
        outside = np.full(size, "niet_gekleurd")
    klasse = np.where(inside, "rond", outside).astype(object)
    if method == "z5" and polarity in ("hoger-beter", "lager-beter"):
        far = np.round(np.abs(z), ROUND) >= Z_OUTER
        klasse = np.where(far & (klasse == "beter"), "veel_beter", klasse)
        klasse = np.where(far & (klasse == "slechter"), "veel_slechter", klasse)

    ci_low, ci_high = np.full(size, np.nan), np.full(size, np.nan)
    if reliability and n is not None and polarity != "geen":
        se = standard_error(x, np.asarray(n, dtype=float), unit, sd_individual)
        ci_low, ci_high = x - Z95 * se, x + Z95 * se
        covers = (ci_low <= nap) & (nap <= ci_high) & ~inside
        klasse = np.where(covers, "rond", klasse)
        reason[covers] = "niet_significant"
        undecidable = undecidable & ~covers

    if polarity == "geen":
        klasse = np.full(size, "niet_gekleurd", dtype=object)
        reason[:] = "niet_gekleurd"
        undecidable[:] = False
    missing = np.isnan(x) | np.isnan(nap) | undecidable
    klasse = np.where(missing, "geen_gegevens", klasse)
    return Classified(klasse.astype(object), z, reason, measure, ci_low, ci_high)


def standard_error(
    x: np.ndarray, n: np.ndarray, unit: str, sd_individual: float | None
) -> np.ndarray:
    """Standard error of a survey value: binomial for percentages, sd/√n otherwise."""
    with np.errstate(divide="ignore", invalid="ignore"):
        valid_n = np.where(n > 0, n, np.nan)
        if unit == "%":
            p = np.clip(x / 100, 0, 1)
            return 100 * np.sqrt(p * (1 - p) / valid_n)
        if sd_individual:
            return sd_individual / np.sqrt(valid_n)
    return np.full(x.shape[0], np.nan)


# -- gathering from the store ----------------------------------------------------------


def _usable(
    frame: pd.DataFrame, indicator: Indicator, population: pd.Series | None
) -> tuple[np.ndarray, np.ndarray]:
    """Which rows may be scored, and for the others the reason code."""
    reason = np.full(len(frame), None, dtype=object)
    flag = frame["flag"].to_numpy(dtype=object)
    has_flag = pd.notna(flag)
    reason[has_flag] = flag[has_flag]
    no_value = frame["value"].isna().to_numpy() & ~has_flag
    reason[no_value] = "leeg"
    if indicator.min_population and population is not None:
        pop = frame["area_id"].map(population).to_numpy(dtype=float)
        small = (pop < indicator.min_population) & pd.isna(reason)
        reason[small] = "te_weinig_inwoners"
    if indicator.min_respondents:
        n = frame["n"].to_numpy(dtype=float)
        few = (n < indicator.min_respondents) & pd.isna(reason)
        reason[few] = "te_weinig_respondenten"
    return pd.isna(reason), reason


def _weighted_mean(values: np.ndarray, weights: np.ndarray | None) -> tuple[float, str]:
    if values.size == 0:
        return float("nan"), "gemiddelde"
    if weights is not None and np.all(np.isfinite(weights)) and weights.sum() > 0:
        return float(np.average(values, weights=weights)), "gewogen gemiddelde"
    return float(values.mean()), "gemiddelde"


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
        self.gemeente = str(store.division(self.division_id)["gemeente"])
        self._areas: dict[str, pd.DataFrame] = {}

    def prefetch(self, indicator_id: str, periods: list[int]) -> None:
        """Read everything scoring ``indicator_id`` in ``periods`` needs in one query:
        its values, the population and weight indicators and the city value."""
        ind = self.indicator(indicator_id)
        helpers = {
            ind.id,
            ind.min_population_indicator or self.population_indicator,
            ind.weight_indicator,
        }
        wanted = sorted(i for i in helpers if i)
        self._known(wanted)
        self.store = Snapshot(self.store, self.division_id, wanted, periods)

    @property
    def indicators(self) -> dict[str, Indicator]:
        """The whole catalogue (BBGA: 500 definitions), read once on first use."""
        if not self._complete:
            self._indicators = load_from_store(self.store)
            self._complete = True
        return self._indicators

    def _known(self, ids: list[str]) -> None:
        """Read the definitions of ``ids`` not seen yet (a map switch needs two or three)."""
        missing = [i for i in ids if i not in self._indicators]
        if missing and not self._complete:
            self._indicators.update(load_from_store(self.store, missing))

    def indicator(self, indicator_id: str) -> Indicator:
        self._known([indicator_id])
        try:
            return self._indicators[indicator_id]
        except KeyError:
            raise MonitorError(f"Indicator '{indicator_id}' staat niet in de catalogus.") from None

    def find(self, indicator_id: str | None) -> Indicator | None:
        """The definition of ``indicator_id``, or None when it is empty or unknown."""
        if not indicator_id:
            return None
        self._known([indicator_id])
        return self._indicators.get(indicator_id)

    def areas(self, level: str) -> pd.DataFrame:
        if level not in LEVELS:
            raise MonitorError(f"Niveau '{level}' bestaat niet; kies uit {', '.join(LEVELS)}.")
        if level not in self._areas:
            self._areas[level] = self.store.areas_frame(self.division_id, level)
        return self._areas[level]

    def values(self, indicator: Indicator, period: int, level: str) -> pd.DataFrame:
        return level_values(
            self.store, self.division_id, indicator, [period], level, self.areas(level)
        )

    def _series(self, indicator_id: str | None, period: int, level: str) -> pd.Series | None:
        """area_id → value of a helper indicator (population, weight)."""
        helper = self.find(indicator_id)
        if helper is None:
            return None
        frame = self.values(helper, period, level)
        frame = frame[frame["value"].notna()]
        return frame.set_index("area_id")["value"]

    def city_value(self, indicator: Indicator, period: int) -> float | None:
        frame = self.store.current_values(
            self.division_id, [indicator.id], [period], level="gemeente"
        )
        frame = frame[frame["value"].notna() & frame["flag"].isna()]
        return float(frame["value"].iloc[0]) if not frame.empty else None

    def reference(self, indicator: Indicator, period: int, level: str) -> tuple[float, str]:
        """NAP for one period: the city value, else the (weighted) mean of level L."""
        city = self.city_value(indicator, period)
        if city is not None:
            return city, "stadswaarde"
        frame = self.values(indicator, period, level)
        population = self._series(
            indicator.min_population_indicator or self.population_indicator, period, level
        )
        ok, _ = _usable(frame, indicator, population)
        used = frame[ok]
        weights = self._series(indicator.weight_indicator, period, level)
        w = used["area_id"].map(weights).to_numpy(dtype=float) if weights is not None else None
        return _weighted_mean(used["value"].to_numpy(dtype=float), w)

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
    ) -> pd.DataFrame:
        """One row per area of ``level``: value, nap, nap_source, spread, z, klasse, reden.

        ``frame.attrs["gemeente"]`` names the municipality the classes compare with.
        With ``explain=False`` only *geen gegevens* rows get their ``reden`` sentence (the
        map shows no other): writing 500 sentences is most of a map switch's time.
        """
        indicator = self.indicator(indicator_id)
        method = method or indicator.method
        band = band if band is not None else indicator.band
        areas = self.areas(level)
        base = areas[["id", "code", "name"]].rename(columns={"id": "area_id", "name": "naam"})
        base = base.astype({"area_id": "int64"})  # also for a level without areas
        if indicator.forecast:
            return self._named(
                _finish(
                    base.assign(value=np.nan, n=np.nan, flag="prognose", upload_id=np.nan),
                    indicator,
                    float("nan"),
                    "",
                    float("nan"),
                    None,
                    lang,
                    period,
                    reason=np.full(len(base), "prognose", dtype=object),
                    explain=explain,
                )
            )
        values = self.values(indicator, period, level)
        frame = base.merge(
            values[["area_id", "value", "n", "flag", "upload_id", "origin"]],
            on="area_id",
            how="left",
        )
        population = self._series(
            indicator.min_population_indicator or self.population_indicator, period, level
        )
        ok, reason = _usable(frame, indicator, population)
        measured = frame["area_id"].isin(values["area_id"]).to_numpy()
        reason[~measured] = "geen_meting"

        if reference == "basisjaar":
            year = base_year or indicator.base_year
            if year is None:
                raise MonitorError(
                    "Referentie 'basisjaar' vraagt een basisjaar (--base-year) "
                    f"voor '{indicator.id}'."
                )
            nap, nap_source = self.reference(indicator, int(year), level)
            nap_source = f"basisjaar {int(year)}"
        elif reference == "stadswaarde":
            nap, nap_source = self.reference(indicator, period, level)
        else:
            raise MonitorError(f"Referentie '{reference}' onbekend; kies stadswaarde of basisjaar.")

        usable_values = frame["value"].to_numpy(dtype=float)[ok]
        spread = float(np.std(usable_values, ddof=0)) if usable_values.size >= 2 else float("nan")
        x = np.where(ok, frame["value"].to_numpy(dtype=float), np.nan)
        result = classify(
            x,
            nap,
            spread,
            polarity=indicator.polarity,
            method=method,
            band=band,
            unit=indicator.unit,
            n=frame["n"].to_numpy(dtype=float)
            if indicator.survey or frame["n"].notna().any()
            else None,
            sd_individual=indicator.sd_individual,
            reliability=reliability,
        )
        reasons = np.where(ok, result.reason, reason)
        if np.isnan(nap):
            reasons = np.where(ok, "geen_nap", reasons)
        return self._named(
            _finish(
                frame,
                indicator,
                nap,
                nap_source,
                spread,
                result,
                lang,
                period,
                reason=reasons,
                explain=explain,
                method=method,
                band=resolve_band(method, indicator.unit, band),
                population=population,
            )
        )

    def _named(self, frame: pd.DataFrame) -> pd.DataFrame:
        frame.attrs["gemeente"] = self.gemeente
        return frame


def _finish(
    frame: pd.DataFrame,
    indicator: Indicator,
    nap: float,
    nap_source: str,
    spread: float,
    result: Classified | None,
    lang: str,
    period: int,
    *,
    reason: np.ndarray,
    explain: bool = True,
    method: str = "z",
    band: float = 0.5,
    population: pd.Series | None = None,
) -> pd.DataFrame:
    # Columns are built as arrays and joined once: per-column assignment on a frame costs
    # more than the scoring itself on a map switch.
    size = len(frame)
    if result is None:
        klasse = np.full(size, "geen_gegevens", dtype=object)
        z = ci_low = ci_high = measure = np.full(size, np.nan)
    else:
        klasse = np.asarray(result.klasse, dtype=object)
        z, measure = np.asarray(result.z, dtype=float), result.measure
        ci_low, ci_high = result.ci_low, result.ci_high
    # Values below a minimum are not shown at all, only explained.
    hidden = np.isin(reason, ["te_weinig_inwoners", "te_weinig_respondenten", "leeg", "onderdrukt"])
    value = np.where(hidden, np.nan, frame["value"].to_numpy(dtype=float))
    # A z-score means nothing for a class that was not decided by it.
    z = np.where(np.isin(klasse, ["geen_gegevens", "niet_gekleurd"]), np.nan, z)
    wanted = np.arange(size) if explain else np.flatnonzero(klasse == "geen_gegevens")
    counts = frame["n"].to_numpy(dtype=float)
    area_ids = frame["area_id"].to_numpy()
    texts = np.full(size, "", dtype=object)
    for i in wanted:
        row = {
            "klasse": klasse[i],
            "ci_low": ci_low[i],
            "ci_high": ci_high[i],
            "area_id": area_ids[i],
        }
        texts[i] = _reason_text(
            reason[i], indicator, lang, period, measure[i], row, band, population, counts[i]
        )
    added = pd.DataFrame(
        {
            "nap": np.full(size, nap, dtype=float),
            "nap_source": nap_source,
            "spread": np.full(size, spread, dtype=float),
            "z": z,
            "klasse": klasse,
            "ci_low": ci_low,
            "ci_high": ci_high,
            "reden_code": reason,
            "reden": texts,
            "indicator": indicator.id,
            "period": period,
        },
        index=frame.index,
    )
    out = pd.concat([frame.drop(columns=["value"]), added], axis=1)
    out.insert(list(frame.columns).index("value"), "value", value)
    return out.reset_index(drop=True)


def _reason_text(
    code: str,
    ind: Indicator,
    lang: str,
    period: int,
    measure: float,
    row: dict[str, Any],
    band: float,
    population: pd.Series | None,
    n: float,
) -> str:
    """The sentence that explains one area's class."""
    dec = ind.decimals
    direction = t(f"direction.{ind.polarity}", lang)
    if code in ("z", "relatief", "absoluut", "index") and row["klasse"] == "geen_gegevens":
        code = "geen_nap"
    if code == "z":
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
            diff=format_value(measure, ind.unit, dec, lang),
            band=format_value(band, ind.unit, dec, lang),
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
            low=format_value(row["ci_low"], ind.unit, dec, lang),
            high=format_value(row["ci_high"], ind.unit, dec, lang),
            n=format_number(n, 0, lang),
        )
    if code == "te_weinig_inwoners":
        pop = population.get(row["area_id"]) if population is not None else None
        base = "woningen" if ind.min_population_indicator == "WVOORRBAG" else "inwoners"
        if lang == "en":
            base = "dwellings" if base == "woningen" else "residents"
        return t(
            "reason.te_weinig_inwoners",
            lang,
            minimum=format_number(ind.min_population, 0, lang),
            base=base,
            population=format_number(pop, 0, lang),
        )
    if code == "te_weinig_respondenten":
        return t(
            "reason.te_weinig_respondenten",
            lang,
            minimum=format_number(ind.min_respondents, 0, lang),
            n=format_number(n, 0, lang),
        )
    return t(f"reason.{code}", lang, period=period)


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
