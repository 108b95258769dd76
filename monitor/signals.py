"""Signals: a buurt whose meldingen of one category break their own pattern.

Pure computation on a frame of monthly counts (``area``, ``category``, ``month``,
``count``; a month missing for an area that has counts elsewhere counts as 0). The
month tested (by default the latest month in the frame) is compared, per buurt ×
category, with what the buurt's own history leads one to expect:

    expected = level(buurt, category) × season(category, month of the year)

- ``season`` is shared by all buurten of a category: the city's mean count in that month
  of the year, divided by the mean of the twelve such means (so the twelve factors
  average 1). With two years of history every month of the year is seen twice.
- ``level`` is the buurt's total over its history divided by the sum of the season
  factors of those months, so over the history expected and observed add up to the same.
- The count is negative binomial with mean ``expected`` and a dispersion ``alpha`` per
  category (variance = mean + alpha × mean²), estimated from the history by moments:
  ``alpha = Σ((y − μ)² − μ) / Σ μ²``, not below 0 (then it is Poisson).

A signal is raised only when all three hold (:data:`THRESHOLD`): the one-sided tail
probability P(Y ≥ observed) < 0.001, observed ≥ 1.5 × expected, and observed ≥
expected + 5. With 90 buurten × 4 categories that is about 0.4 false signals a month
from chance alone, and never for a small number that merely doubled.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

COLUMNS = ("area", "category", "month", "count")
#: Months of history (before the month tested) a category needs before it is tested.
MIN_HISTORY = 12


@dataclass(frozen=True)
class Threshold:
    """When a count is a signal: all three conditions at once."""

    p_value: float = 0.001
    ratio: float = 1.5
    excess: float = 5.0


THRESHOLD = Threshold()


def monthly(frame: pd.DataFrame) -> pd.DataFrame:
    """The counts as a full grid: every area × category × month between the first and
    the last month of the category, absent cells 0; ``month`` a monthly Period."""
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    data = frame.loc[:, list(COLUMNS)].copy()
    # Parsed once per distinct month (a million rows hold a few dozen months).
    codes, distinct = pd.factorize(data["month"].astype(str))
    data["month"] = pd.PeriodIndex(distinct, freq="M")[codes]
    data = data.groupby(["area", "category", "month"], as_index=False)["count"].sum()
    parts = []
    for category, part in data.groupby("category", sort=True):
        months = pd.period_range(part["month"].min(), part["month"].max(), freq="M")
        areas = sorted(part["area"].unique())
        grid = pd.MultiIndex.from_product([areas, months], names=["area", "month"])
        counts = part.set_index(["area", "month"])["count"].reindex(grid, fill_value=0)
        full = counts.reset_index()
        full["category"] = category
        parts.append(full)
    out = pd.concat(parts, ignore_index=True)
    out["count"] = out["count"].astype(float)
    return out.loc[:, list(COLUMNS)]


def season_factors(history: pd.DataFrame) -> pd.Series:
    """Per month of the year (1..12) the factor of one category, averaging 1."""
    totals = history.groupby("month")["count"].sum()
    by_moy = totals.groupby(totals.index.month).mean()
    by_moy = by_moy.reindex(range(1, 13))
    mean = by_moy.mean()
    if not mean or np.isnan(mean):
        return pd.Series(1.0, index=range(1, 13))
    # A month of the year never seen in the history gets the average factor.
    return (by_moy / mean).fillna(1.0)


def _expected(history: pd.DataFrame, season: pd.Series) -> pd.Series:
    """Each buurt's level: its history total over the sum of its months' factors."""
    factor = history["month"].dt.month.map(season)
    sums = pd.DataFrame({"area": history["area"], "count": history["count"], "factor": factor})
    grouped = sums.groupby("area")[["count", "factor"]].sum()
    return grouped["count"] / grouped["factor"]


def dispersion(observed: np.ndarray, expected: np.ndarray) -> float:
    """The negative binomial's alpha by moments (variance = μ + alpha μ²), ≥ 0."""
    denominator = float(np.sum(expected**2))
    if denominator <= 0:
        return 0.0
    alpha = float(np.sum((observed - expected) ** 2 - expected)) / denominator
    return max(alpha, 0.0)


def tail(observed: np.ndarray, expected: np.ndarray, alpha: float) -> np.ndarray:
    """P(Y ≥ observed) for Y negative binomial (Poisson when alpha is 0)."""
    observed = np.asarray(observed, dtype=float)
    expected = np.asarray(expected, dtype=float)
    k = observed - 1
    if alpha <= 0:
        p = stats.poisson.sf(k, expected)
    else:
        size = 1.0 / alpha
        p = stats.nbinom.sf(k, size, size / (size + expected))
    p = np.where(expected <= 0, np.where(observed > 0, 0.0, 1.0), p)
    return np.where(observed <= 0, 1.0, p)


def evaluate(
    frame: pd.DataFrame, month: str | pd.Period | None = None, threshold: Threshold = THRESHOLD
) -> pd.DataFrame:
    """Every buurt × category of ``month`` (default: the latest) tested against its
    history. Columns: area, category, period (``YYYY-MM``), expected, observed, p_value,
    alpha, signal. Categories with fewer than :data:`MIN_HISTORY` months of history are
    left out."""
    grid = monthly(frame)
    columns = ["area", "category", "period", "expected", "observed", "p_value", "alpha", "signal"]
    if grid.empty:
        return pd.DataFrame(columns=columns)
    target = grid["month"].max() if month is None else pd.Period(str(month), freq="M")
    rows = []
    for category, part in grid.groupby("category", sort=True):
        history = part[part["month"] < target]
        current = part[part["month"] == target]
        if history["month"].nunique() < MIN_HISTORY or current.empty:
            continue
        season = season_factors(history)
        level = _expected(history, season)
        fitted = (
            level.reindex(history["area"]).to_numpy()
            * history["month"].dt.month.map(season).to_numpy()
        )
        alpha = dispersion(history["count"].to_numpy(), fitted)
        expected = level.reindex(current["area"]).fillna(0.0).to_numpy() * season[target.month]
        observed = current["count"].to_numpy()
        p = tail(observed, expected, alpha)
        signal = (
            (p < threshold.p_value)
            & (observed >= threshold.ratio * expected)
            & (observed >= expected + threshold.excess)
        )
        rows.append(
            pd.DataFrame(
                {
                    "area": current["area"].to_numpy(),
                    "category": category,
                    "period": str(target),
                    "expected": expected,
                    "observed": observed.astype(int),
                    "p_value": p,
                    "alpha": alpha,
                    "signal": signal,
                }
            )
        )
    if not rows:
        return pd.DataFrame(columns=columns)
    return pd.concat(rows, ignore_index=True).loc[:, columns]


def signals(
    frame: pd.DataFrame, month: str | pd.Period | None = None, threshold: Threshold = THRESHOLD
) -> pd.DataFrame:
    """Only the flagged buurt × category pairs, strongest (lowest p, highest ratio) first."""
    tested = evaluate(frame, month, threshold)
    flagged = tested[tested["signal"].astype(bool)].copy()
    flagged["ratio"] = flagged["observed"] / flagged["expected"].where(flagged["expected"] > 0)
    flagged = flagged.sort_values(["period", "p_value", "ratio"], ascending=[False, True, False])
    return flagged.drop(columns=["signal"]).reset_index(drop=True)


def series(frame: pd.DataFrame, area: str, category: str) -> pd.DataFrame:
    """One buurt's monthly counts of one category with what its history expects (for the
    chart beside a signal): month (``YYYY-MM``), observed, expected."""
    grid = monthly(frame)
    part = grid[grid["category"] == category]
    if part.empty or area not in set(part["area"]):
        return pd.DataFrame(columns=["month", "observed", "expected"])
    target = part["month"].max()
    history = part[part["month"] < target]
    season = season_factors(history)
    level = _expected(history, season).get(area, 0.0)
    own = part[part["area"] == area].sort_values("month")
    return pd.DataFrame(
        {
            "month": own["month"].astype(str).to_numpy(),
            "observed": own["count"].astype(int).to_numpy(),
            "expected": level * own["month"].dt.month.map(season).to_numpy(),
        }
    )
