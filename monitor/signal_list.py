"""The signals of the store's meldingen, as pages and the CLI read them: computed by
:mod:`monitor.signals` from the current points, named (code, name) and cached per data
generation (every publish or undo starts a new one), so a page never recomputes them."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import pandas as pd

from monitor import signals
from monitor.store import Store

_CACHE: dict[tuple, SignalList] = {}
_LOCK = threading.Lock()


@dataclass(frozen=True)
class SignalList:
    """The signals of one month (``found``: code, name, category, period, expected,
    observed, p_value, ratio; newest first), how many pairs were tested, and the monthly
    counts they came from (for the charts)."""

    found: pd.DataFrame
    tested: int
    period: str | None
    counts: pd.DataFrame

    def series(self, code: str, category: str) -> pd.DataFrame:
        """One buurt's months of one category: month, observed, expected."""
        return signals.series(self.counts, code, category)


def current(store: Store, division_id: int, soort: str = "meldingen") -> SignalList:
    """The signals of the latest month of the current points (cached per generation)."""
    key = (id(store.engine), division_id, soort, store.upload_counts())
    with _LOCK:
        cached = _CACHE.get(key)
    if cached is not None:
        return cached
    counts = store.point_month_counts(division_id, soort)
    tested = signals.evaluate(counts)
    found = signals.signals(counts)
    names = store.areas_frame(division_id, "buurt").set_index("code")["name"]
    found.insert(1, "name", found["area"].map(names).fillna(found["area"]))
    found = found.rename(columns={"area": "code"})
    period = None if tested.empty else str(tested["period"].iloc[0])
    result = SignalList(found, len(tested), period, counts)
    with _LOCK:
        _CACHE.clear()  # one generation at a time is enough
        _CACHE[key] = result
    return result
