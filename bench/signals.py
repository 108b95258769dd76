"""signals_all: :func:`monitor.signals.signals` for every buurt × category of a large
city (2,500 buurten × 10 categories × 25 months of counts, 625,000 cells: about 4 M
meldingen in all); target ≤ 5 s. It runs in the bench process; building the counts
is not timed."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from bench.common import cpu_seconds, load, peak_mb

TARGET_SECONDS = 5
BUURTEN, CATEGORIES, MONTHS = 2_500, 10, 25


def counts(seed: int = 1) -> pd.DataFrame:
    """Monthly counts with a level per buurt and a season per category."""
    rng = np.random.default_rng(seed)
    periods = pd.period_range("2023-01", periods=MONTHS, freq="M")
    frames = []
    for c in range(CATEGORIES):
        season = 1 + 0.3 * np.sin((periods.month.to_numpy() + c) / 12 * 2 * np.pi)
        levels = rng.gamma(2.0, 3.0, size=BUURTEN) + 0.5
        frames.append(
            pd.DataFrame(
                {
                    "area": np.repeat([f"B{i:04d}" for i in range(BUURTEN)], MONTHS),
                    "category": f"categorie {c}",
                    "month": np.tile(periods.astype(str), BUURTEN),
                    "count": rng.poisson(np.outer(levels, season)).ravel(),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def signals_all(work: Path, profile: bool) -> dict[str, Any]:
    from monitor import signals

    before = load()
    frame = counts()
    start, cpu = time.perf_counter(), cpu_seconds()
    found = signals.signals(frame)
    seconds = round(time.perf_counter() - start, 2)
    return {
        "cells": len(frame),
        "tested": BUURTEN * CATEGORIES,
        "signals": len(found),
        "seconds": seconds,
        "cpu_seconds": round(cpu_seconds() - cpu, 2),
        "peak_mb": round(peak_mb()),
        "target_seconds": TARGET_SECONDS,
        "meets_target": seconds <= TARGET_SECONDS,
        "load_before": before,
        "load_after": load(),
    }
