"""Signals: the latest month of a buurt × category against its own seasonal history."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from monitor import signals

CATEGORIES = ("afval", "openbare ruimte", "overlast", "verkeer")
SEASON = np.array([0.8, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.3, 1.1, 1.0, 0.8, 0.7])


def _city(seed: int, n_areas: int = 90, months: int = 25, dispersion: float = 0.0):
    """Two years of history and one month to test: 90 buurten × 4 categories, each buurt
    its own level, a season shared per category, Poisson or negative binomial noise."""
    rng = np.random.default_rng(seed)
    periods = pd.period_range("2024-01", periods=months, freq="M")
    frames = []
    for c, category in enumerate(CATEGORIES):
        levels = rng.gamma(2.0, 6.0 + 3 * c, size=n_areas) + 1.0
        season = np.roll(SEASON, c)[periods.month - 1]
        mean = np.outer(levels, season)  # areas × months
        if dispersion > 0:
            size = 1 / dispersion
            counts = rng.negative_binomial(size, size / (size + mean))
        else:
            counts = rng.poisson(mean)
        frames.append(
            pd.DataFrame(
                {
                    "area": np.repeat([f"B{a:03d}" for a in range(n_areas)], months),
                    "category": category,
                    "month": np.tile(periods, n_areas),
                    "count": counts.ravel(),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def test_expected_value_by_hand():
    # Two buurten, one category, 12 months of history and a 13th to test.
    # City totals per month: Jan 30 (10+20), every other month 15 (5+10), so the
    # factors are Jan 30/16.25 and 15/16.25 for the others (mean of the twelve = 16.25).
    # Buurt A: history total 10 + 11×5 = 65, factor sum (30 + 11×15)/16.25 = 12,
    # level 65/12; its January expected = 65/12 × 30/16.25 = 10.
    periods = pd.period_range("2024-01", periods=13, freq="M")
    a = [10] + [5] * 11 + [30]
    b = [20] + [10] * 11 + [20]
    frame = pd.DataFrame(
        {
            "area": ["A"] * 13 + ["B"] * 13,
            "category": "afval",
            "month": list(periods) * 2,
            "count": a + b,
        }
    )
    tested = signals.evaluate(frame).set_index("area")
    assert tested.loc["A", "expected"] == pytest.approx(10.0)
    assert tested.loc["B", "expected"] == pytest.approx(20.0)
    assert tested.loc["A", "period"] == "2025-01"
    # The history fits exactly: no overdispersion, so Poisson; P(Y ≥ 30 | 10).
    assert tested.loc["A", "alpha"] == 0.0
    assert tested.loc["A", "p_value"] == pytest.approx(
        1 - sum(np.exp(-10) * 10**k / math.factorial(k) for k in range(30)), rel=1e-6
    )
    found = signals.signals(frame)
    assert list(found["area"]) == ["A"]
    assert found.loc[0, "observed"] == 30


def test_threshold_needs_all_three():
    # Buurt A had 1 and 0 alternately (level 0.5); B a flat 20 keeps the season flat.
    # Its 5 in the 13th month is far beyond chance (p ≈ 0.0002) and ten times what is
    # expected, but only about 4.5 above it: no signal.
    periods = pd.period_range("2024-01", periods=13, freq="M")
    frame = pd.DataFrame(
        {
            "area": ["A"] * 13 + ["B"] * 13,
            "category": "afval",
            "month": list(periods) * 2,
            "count": [1, 0] * 6 + [5] + [20] * 13,
        }
    )
    tested = signals.evaluate(frame).set_index("area")
    assert tested.loc["A", "p_value"] < 0.001
    assert tested.loc["A", "observed"] >= 1.5 * tested.loc["A", "expected"]
    assert tested.loc["A", "expected"] == pytest.approx(0.5 * 21 / 20.5)
    assert not tested.loc["A", "signal"]
    assert signals.signals(frame).empty


def test_too_little_history_is_not_tested():
    periods = pd.period_range("2024-01", periods=6, freq="M")
    frame = pd.DataFrame({"area": "A", "category": "afval", "month": periods, "count": 3})
    assert signals.evaluate(frame).empty


def test_tripling_in_one_buurt_is_found():
    for seed in range(5):
        frame = _city(seed)
        overlast = frame[frame["category"] == "overlast"]
        # A typical buurt: the median of the buurten's mean counts.
        means = overlast.groupby("area")["count"].mean().sort_values()
        area = means.index[len(means) // 2]
        last = frame["month"] == frame["month"].max()
        target = last & (frame["area"] == area) & (frame["category"] == "overlast")
        # Three times what the buurt's history expects for this month.
        tested = signals.evaluate(frame).set_index(["area", "category"])
        frame.loc[target, "count"] = round(3 * tested.loc[(area, "overlast"), "expected"])
        found = signals.signals(frame)
        pairs = set(zip(found["area"], found["category"], strict=True))
        assert (area, "overlast") in pairs, seed
        assert len(found) <= 5


@pytest.mark.parametrize("dispersion", [0.0, 0.15])
def test_pure_noise_flags_at_most_a_handful(dispersion):
    worst = 0
    total = 0
    for seed in range(50):
        found = signals.signals(_city(1000 + seed, dispersion=dispersion))
        worst = max(worst, found["area"].nunique())
        total += len(found)
    assert worst <= 4
    # 50 runs × 360 tests at p < 0.001 is 18 by chance; estimating each buurt's level
    # from its own two years adds some: on average well under one false signal a run.
    assert total <= 40


def test_series_for_the_chart():
    frame = _city(3)
    own = signals.series(frame, "B005", "afval")
    assert len(own) == 25
    assert own["month"].iloc[-1] == "2026-01"
    history = own.iloc[:-1]
    # Over its history the buurt's expected adds up to what it observed.
    assert history["expected"].sum() == pytest.approx(history["observed"].sum())
