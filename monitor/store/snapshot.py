"""A snapshot of current measurements of one division, read once, served from memory."""

from __future__ import annotations

import pandas as pd

from monitor.store.core import Store


class Snapshot(Store):
    """Current measurements of one division in memory, read in one query, for work that
    would otherwise query many times: a profile of hundreds of BBGA indicators, or one
    map switch (value, previous year, population, city value). Optionally limited to some
    indicators and periods; anything outside that scope goes to the database. Read-only
    and only as fresh as the moment it was taken: use one per request.
    """

    def __init__(
        self,
        store: Store,
        division_id: int,
        indicator_ids: list[str] | None = None,
        periods: list[int] | None = None,
    ) -> None:
        self.url, self.engine = store.url, store.engine
        self.snapshot_division = division_id
        self._indicators = None if indicator_ids is None else set(indicator_ids)
        self._periods = None if periods is None else {int(p) for p in periods}
        frame = Store.current_values(store, division_id, indicator_ids, periods)
        self._groups = dict(tuple(frame.groupby("indicator_id", sort=False)))
        self._empty = frame.iloc[0:0]

    def _covers(
        self, division_id: int, indicator_ids: list[str] | None, periods: list[int] | None
    ) -> bool:
        if division_id != self.snapshot_division or indicator_ids is None:
            return False
        if self._indicators is not None and not set(indicator_ids) <= self._indicators:
            return False
        if self._periods is None:
            return True
        return periods is not None and {int(p) for p in periods} <= self._periods

    def current_values(
        self,
        division_id: int,
        indicator_ids: list[str] | None,
        periods: list[int] | None = None,
        level: str | None = None,
    ) -> pd.DataFrame:
        if not self._covers(division_id, indicator_ids, periods):
            return super().current_values(division_id, indicator_ids, periods, level)
        parts = [self._groups[i] for i in indicator_ids or [] if i in self._groups]
        frame = pd.concat(parts) if parts else self._empty
        if periods is not None:
            frame = frame[frame["period"].isin([int(p) for p in periods])]
        if level is not None:
            frame = frame[frame["level"] == level]
        return frame.reset_index(drop=True)

    def periods(self, division_id: int, indicator_id: str) -> list[int]:
        if self._periods is not None or not self._covers(division_id, [indicator_id], None):
            return super().periods(division_id, indicator_id)
        group = self._groups.get(indicator_id)
        return [] if group is None else sorted(int(p) for p in group["period"].unique())
