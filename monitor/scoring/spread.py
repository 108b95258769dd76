"""The spread the z-method divides by, chosen per indicator, and a warning when it says little.

The city's method (the default, ``sd``): z = (x − NAP) / sd, with sd the standard
deviation (ddof=0) of the usable values of a level. On heavily right-skewed data (such
as registered crime per 1,000 inhabitants per buurt: most buurten close together, a few
far above) a handful of extreme areas make the sd so large that the band "rond" (|z| <
0.5) swallows almost every buurt. Two robust alternatives, set per indicator in the
catalogue (``spread = "mad"`` or ``"log"``):

* ``mad``: 1.4826 × the median absolute deviation from the median. For normally
  distributed values this equals the sd; a few extreme areas hardly move it.
* ``log``: z computed on log values, z = (ln x − ln NAP) / sd(ln x). For rates that
  vary by factors rather than by amounts. Only for values above 0: a value of 0 or less
  has no logarithm and is refused with a Dutch message.

The NAP itself never changes: it stays the city's own value. Everything here is pure
and vectorised, so a future scoring engine can call it on whole columns.
"""

from __future__ import annotations

import numpy as np

from monitor.catalog import SPREADS
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.numbers import format_number

__all__ = ["MAD_SCALE", "SPREADS", "skewness", "spread_of", "strongly_skewed", "z_scores"]
#: 1 / Φ⁻¹(3/4): makes the MAD of normally distributed values equal to their sd.
MAD_SCALE = 1.4826
#: A level is "strongly skewed" from this sample skewness on …
SKEW_LIMIT = 2.0
#: … and only with at least this many usable areas (fewer say nothing about a shape).
SKEW_MIN_AREAS = 10


class SpreadError(MonitorError):
    """A spread that cannot be computed for these values (``log`` on a value ≤ 0)."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        #: Index (in the values given) of the first value that stopped it.
        self.position = position


def spread_of(
    values: np.ndarray, kind: str = "sd", *, names: list[str] | None = None, lang: str = "nl"
) -> float:
    """The spread of the usable ``values`` of one level, period and indicator.

    ``sd``: standard deviation (ddof=0); ``mad``: 1.4826 × median(|x − median(x)|);
    ``log``: standard deviation (ddof=0) of ln x. NaN when fewer than two values.
    ``names`` (aligned with ``values``) lets the refusal for ``log`` name the area.
    """
    x = np.asarray(values, dtype=float)
    finite = np.isfinite(x)
    if kind not in SPREADS:
        raise MonitorError(t("spread.unknown", lang, kind=kind, kinds=", ".join(SPREADS)))
    if kind == "log":
        bad = np.flatnonzero(finite & (x <= 0))
        if bad.size:
            first = int(bad[0])
            area = names[first] if names is not None else str(first + 1)
            raise SpreadError(
                t(
                    "spread.log_not_positive",
                    lang,
                    area=area,
                    value=format_number(x[first], 2, lang),
                    count=int(bad.size),
                ),
                first,
            )
    x = x[finite]
    if x.size < 2:
        return float("nan")
    if kind == "mad":
        return float(MAD_SCALE * np.median(np.abs(x - np.median(x))))
    if kind == "log":
        return float(np.std(np.log(x), ddof=0))
    return float(np.std(x, ddof=0))


def z_scores(values: np.ndarray, nap: float, spread: float, kind: str = "sd") -> np.ndarray:
    """z per value: (x − NAP) / spread, or for ``log`` (ln x − ln NAP) / spread.

    NaN where the spread is missing or 0 (and for ``log`` where x or NAP is not above 0).
    """
    x = np.asarray(values, dtype=float)
    if not (spread and np.isfinite(spread) and spread > 0):
        return np.full(x.shape[0], np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        if kind == "log":
            if not nap > 0:
                return np.full(x.shape[0], np.nan)
            logs = np.log(np.where(x > 0, x, np.nan))
            return (logs - np.log(nap)) / spread
        return (x - nap) / spread


def skewness(values: np.ndarray) -> float:
    """Sample skewness g1 = m3 / m2^1.5 (population moments); NaN for < 3 values or no
    spread. 0 for a symmetric set; a long tail upwards gives a positive number."""
    x = np.asarray(values, dtype=float)
    x = x[np.isfinite(x)]
    if x.size < 3:
        return float("nan")
    deviation = x - x.mean()
    m2 = float(np.mean(deviation**2))
    if m2 <= 0:
        return float("nan")
    return float(np.mean(deviation**3) / m2**1.5)


def strongly_skewed(values: np.ndarray) -> bool:
    """True when at least :data:`SKEW_MIN_AREAS` usable values have a skewness above
    :data:`SKEW_LIMIT`: most areas lie close together and a few far above, so a band of
    half a standard deviation says little."""
    x = np.asarray(values, dtype=float)
    x = x[np.isfinite(x)]
    if x.size < SKEW_MIN_AREAS:
        return False
    return bool(skewness(x) > SKEW_LIMIT)
