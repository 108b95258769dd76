"""The classification methods as one table, and classification of many groups at once.

Every method answers three questions for a value ``x`` against a reference ``nap`` with a
``spread`` and a band width: its *measure* (z, relative difference, difference, index),
whether that measure lies *inside* the band (*rond*), and the band's *limits* in the
indicator's own unit (drawn by Trends). Classification works on arrays in which every
row carries its own reference, spread, band, polarity and method, so that all indicators,
periods and levels of a store are classified in one pass.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from monitor.errors import MonitorError
from monitor.messages import t

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

Array = np.ndarray


def _ratio(x: Array, nap: Array) -> Array:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(nap > 0, x / nap, np.nan)


def _z(x: Array, nap: Array, spread: Array, log: Array | None = None) -> Array:
    """(x − NAP) / spread; where ``log``, (ln x − ln NAP) / spread (the spread of ln x)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        plain = x - nap
        if log is not None and log.any():
            logs = np.log(np.where(x > 0, x, np.nan)) - np.log(np.where(nap > 0, nap, np.nan))
            plain = np.where(log, logs, plain)
        return np.where(np.isfinite(spread) & (spread > 0), plain / spread, np.nan)


@dataclass(frozen=True)
class Method:
    """One way of deciding *rond*: its measure, band test and band limits."""

    measure: Callable[[Array, Array, Array], Array]
    inside: Callable[[Array, Array], Array]
    limits: Callable[[Array, Array, Array], tuple[Array, Array]]
    #: Reason code when the measure cannot be computed (no spread, NAP zero).
    undecidable: str | None


def _abs_inside(measure: Array, band: Array) -> Array:
    return np.round(np.abs(measure), ROUND) < band


METHODS: dict[str, Method] = {
    "z": Method(
        measure=_z,
        inside=_abs_inside,
        limits=lambda nap, spread, band: (
            nap - band * np.where(spread > 0, spread, np.nan),
            nap + band * np.where(spread > 0, spread, np.nan),
        ),
        undecidable="geen_spreiding",
    ),
    "relatief": Method(
        measure=lambda x, nap, spread: _ratio(x, nap) - 1,
        inside=_abs_inside,
        limits=lambda nap, spread, band: (nap * (1 - band), nap * (1 + band)),
        undecidable="nap_nul",
    ),
    "absoluut": Method(
        measure=lambda x, nap, spread: x - nap,
        inside=_abs_inside,
        limits=lambda nap, spread, band: (nap - band, nap + band),
        undecidable=None,
    ),
    "index": Method(
        measure=lambda x, nap, spread: 100 * _ratio(x, nap),
        inside=lambda measure, band: np.round(np.abs(measure - 100), ROUND) <= band,
        limits=lambda nap, spread, band: (nap * (1 - band / 100), nap * (1 + band / 100)),
        undecidable="nap_nul",
    ),
}
#: Five classes: as ``z``, plus *veel beter/slechter* beyond |z| ≥ 1.
METHODS["z5"] = METHODS["z"]


def method(name: str) -> Method:
    try:
        return METHODS[name]
    except KeyError:
        raise MonitorError(t("scoring.err.unknown_method", name=name)) from None


def resolve_band(method_name: str, unit: str, band: float | None) -> float:
    """The width of the *rond* band for a method and unit."""
    if band is not None:
        return float(band)
    if method_name == "absoluut":
        if unit not in ABSOLUTE_BANDS:
            raise MonitorError(t("scoring.err.absolute_band", unit=unit))
        return ABSOLUTE_BANDS[unit]
    method(method_name)
    return DEFAULT_BANDS[method_name]


def band_limits(
    nap: Array, spread: Array, method_name: str, band: float, spread_kind: str = "sd"
) -> tuple[Array, Array]:
    """Lower and upper edge of the *rond* band around NAP (per year, for Trends).

    With the ``log`` spread the z band is symmetric on a log scale: NAP · e^(±band·spread).
    """
    nap = np.asarray(nap, dtype=float)
    spread = np.asarray(spread, dtype=float)
    if method_name in ("z", "z5") and spread_kind == "log":
        width = float(band) * np.where(spread > 0, spread, np.nan)
        return nap * np.exp(-width), nap * np.exp(width)
    return method(method_name).limits(nap, spread, np.full(nap.shape, float(band)))


def fold(klasse: str) -> str:
    """Five classes to the four of the buurtbegroting."""
    return FOLD.get(klasse, klasse)


@dataclass(frozen=True)
class Classified:
    """Result arrays of :func:`classify_rows`, aligned with its input."""

    klasse: Array
    z: Array
    reason: Array  # reason codes: method name, "niet_significant", "geen_spreiding", ...
    measure: Array  # z, relative change, difference or index, per method
    ci_low: Array
    ci_high: Array


def standard_error(x: Array, n: Array, unit: Array, sd_individual: Array) -> Array:
    """Standard error of a survey value: binomial for percentages, sd/√n otherwise."""
    with np.errstate(divide="ignore", invalid="ignore"):
        valid_n = np.where(n > 0, n, np.nan)
        p = np.clip(x / 100, 0, 1)
        binomial = 100 * np.sqrt(p * (1 - p) / valid_n)
        rating = sd_individual / np.sqrt(valid_n)
    return np.where(unit == "%", binomial, np.where(sd_individual > 0, rating, np.nan))


def _masks(values: Array, size: int) -> dict[object, Array | None]:
    """Rows per distinct value of an object array (None: every row has that value)."""
    if size == 0:
        return {}
    codes, names = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=False)
    if len(names) == 1:
        return {names[0]: None}
    return {name: codes == k for k, name in enumerate(names)}


def classify_rows(
    x: Array,
    nap: Array,
    spread: Array,
    *,
    polarity: Array,
    method_name: Array,
    band: Array,
    unit: Array,
    n: Array,
    sd_individual: Array,
    reliability: bool = True,
    log: Array | None = None,
) -> Classified:
    """Classify usable values, each row against its own reference; NaN → geen_gegevens.

    All arguments are arrays of one length (strings as object arrays). ``n`` NaN means
    unknown: no confidence interval for that row. ``log`` marks rows whose spread is that
    of log values (:mod:`monitor.scoring.spread`): their z is taken on log values.
    """
    x = np.asarray(x, dtype=float)
    nap = np.asarray(nap, dtype=float)
    spread = np.asarray(spread, dtype=float)
    band = np.asarray(band, dtype=float)
    size = x.shape[0]
    diff = x - nap
    log = None if log is None else np.asarray(log, dtype=bool)
    z = _z(x, nap, spread, log)
    measure = np.full(size, np.nan)
    inside = np.zeros(size, dtype=bool)
    undecidable = np.zeros(size, dtype=bool)
    reason = np.asarray(method_name, dtype=object).copy()
    # Rows per method and per polarity by one hash pass each (not a sort of strings, nor
    # a string comparison per name): millions of rows in a rebuild.
    methods = _masks(method_name, size)
    for name, rows in methods.items():
        spec = method(str(name))
        if rows is None:  # every row: no copies
            m = z if spec.measure is _z else spec.measure(x, nap, spread)
            measure = m if m is not z else z.copy()
            inside = np.asarray(spec.inside(measure, band), dtype=bool)
            if spec.undecidable is not None:
                undecidable = np.isnan(measure)
            continue
        m = z[rows] if spec.measure is _z else spec.measure(x[rows], nap[rows], spread[rows])
        measure[rows] = m
        inside[rows] = spec.inside(m, band[rows])
        if spec.undecidable is not None:
            undecidable[rows] = np.isnan(m)
    # A value equal to NAP is always "rond", whatever the spread.
    equal = np.round(diff, ROUND) == 0
    inside |= equal
    undecidable &= ~equal
    for name, rows in methods.items():
        code = method(str(name)).undecidable
        if code is not None:
            reason[undecidable if rows is None else rows & undecidable] = code

    higher = diff > 0
    polarities = _masks(polarity, size)
    everywhere, nowhere = np.ones(size, dtype=bool), np.zeros(size, dtype=bool)

    def of(name: str, masks: dict = polarities) -> Array:
        if name not in masks:
            return nowhere
        return everywhere if masks[name] is None else masks[name]

    above = higher.astype(np.intp)

    def pick(if_higher: str, otherwise: str) -> Array:
        # One of two text objects per row (not a fixed-width text made an object per row).
        return np.array([otherwise, if_higher], dtype=object)[above]

    outside = np.full(size, "niet_gekleurd", dtype=object)
    outside[of("hoger-beter")] = pick("beter", "slechter")[of("hoger-beter")]
    outside[of("lager-beter")] = pick("slechter", "beter")[of("lager-beter")]
    outside[of("neutraal")] = pick("meer", "minder")[of("neutraal")]
    klasse = outside.copy()
    klasse[inside] = "rond"
    five = of("z5", methods) & (of("hoger-beter") | of("lager-beter"))
    far = five & (np.round(np.abs(z), ROUND) >= Z_OUTER)
    klasse[far & (klasse == "beter")] = "veel_beter"
    klasse[far & (klasse == "slechter")] = "veel_slechter"

    ci_low, ci_high = np.full(size, np.nan), np.full(size, np.nan)
    coloured = ~of("geen")
    if reliability:
        se = standard_error(x, np.asarray(n, dtype=float), unit, sd_individual)
        ci_low = np.where(coloured, x - Z95 * se, np.nan)
        ci_high = np.where(coloured, x + Z95 * se, np.nan)
        covers = (ci_low <= nap) & (nap <= ci_high) & ~inside
        klasse[covers] = "rond"
        reason[covers] = "niet_significant"
        undecidable &= ~covers

    klasse[~coloured] = "niet_gekleurd"
    reason[~coloured] = "niet_gekleurd"
    undecidable &= coloured
    missing = np.isnan(x) | np.isnan(nap) | undecidable
    klasse[missing] = "geen_gegevens"
    return Classified(klasse, z, reason, measure, ci_low, ci_high)
