"""Where a goal stands: the latest value and class of its indicator against the target.

Latest value and class come from :func:`monitor.profile.cached_profile`, the same numbers
the buurtprofiel shows, scored at the area's own level.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from monitor import cache
from monitor.agenda.model import REACHED_CLASSES
from monitor.agenda.storage import actions_frame, goals_frame
from monitor.catalog import Indicator
from monitor.profile import cached_profile
from monitor.scoring import UNCERTAIN
from monitor.store.agenda import goal_indicator_ids
from monitor.store.stamps import indicator_stamp_keys, subject_key


def judge(
    target_kind: str | None,
    target_value: float | None,
    target_year: int | None,
    polarity: str,
    period: int | None,
    value: float | None,
    klasse: str | None,
) -> tuple[str, float | None]:
    """Progress state of one goal and, for a value target, the gap still to go.

    States: ``bereikt``; ``nog_niet`` (not yet, the target year's figures are not in);
    ``niet_gehaald`` (the latest figures are for the target year or later, and the
    target is not met); ``geen_gegevens`` (no latest value; for a NAP target also no
    class); ``geen_doel``. A value target needs only the value and the polarity, so it is
    judged also when the class could not be decided (no spread, NAP missing).
    The gap is positive while the target is not reached, in the indicator's unit and
    counted in the good direction (for lager-beter: value − target).
    """
    if target_kind is None or target_year is None:
        return "geen_doel", None
    has_value = value is not None and not np.isnan(value)
    has_class = klasse not in (None, "geen_gegevens")
    if period is None or not has_value or (target_kind == "nap" and not has_class):
        return "geen_gegevens", None
    gap = None
    if target_kind == "nap":
        reached = klasse == "rond" if polarity == "neutraal" else klasse in REACHED_CLASSES
    else:
        sign = 1.0 if polarity == "hoger-beter" else -1.0
        gap = round(sign * (float(target_value) - float(value)), 9)
        reached = gap <= 0
    if reached:
        return "bereikt", gap
    return ("niet_gehaald" if period >= target_year else "nog_niet"), gap


@dataclass
class Progress:
    """Where a goal stands: the latest value and class of its indicator, and the verdict."""

    state: str
    period: int | None = None
    value: float | None = None
    nap: float | None = None
    klasse: str | None = None
    reden: str | None = None
    gap: float | None = None
    #: the reason code and 95% interval of the latest value (survey indicators with n)
    reden_code: str | None = None
    ci_low: float | None = None
    ci_high: float | None = None

    def within_margin(self, target_kind: str | None, target_value: float | None) -> bool:
        """A goal reached on a value whose 95% interval also holds what it was measured
        against: NAP (the value is *rond door onzekerheid*) or the target value."""
        if self.state != "bereikt" or self.ci_low is None or self.ci_high is None:
            return False
        if target_kind == "nap":
            return self.reden_code == UNCERTAIN
        if target_value is None:
            return False
        return self.ci_low <= float(target_value) <= self.ci_high


@dataclass
class GoalView:
    """A goal as pages and the PDF show it: the row, its indicator, actions and progress."""

    goal: dict[str, Any]
    indicator: Indicator | None
    actions: list[dict[str, Any]]
    progress: Progress

    @property
    def id(self) -> int:
        return int(self.goal["id"])


def area_agenda(scorer: Any, code: str, lang: str = "nl") -> list[GoalView]:
    """The live goals of area ``code`` with their actions and progress.

    Latest value and class come from :func:`monitor.profile.cached_profile`, the same
    numbers the buurtprofiel shows, scored at the area's own level.
    """
    store = scorer.store
    frame = goals_frame(store, scorer.division_id, code)
    if frame.empty:
        return []
    ids = sorted({str(i) for i in frame["indicator_id"].dropna()})
    latest: dict[str, dict[str, Any]] = {}
    if ids:
        # The area's profile as the page keeps it (the goals' rows of the whole catalogue's
        # profile are those area_profile reads for them alone).
        rows = cached_profile(scorer, code, lang).rows
        rows = rows[rows["indicator_id"].isin(ids)] if not rows.empty else rows
        latest = {r["indicator_id"]: r for r in rows.to_dict("records")} if not rows.empty else {}
    acts = actions_frame(store, frame["id"].tolist())
    by_goal: dict[int, list[dict[str, Any]]] = {}
    for act in records(acts):
        by_goal.setdefault(int(act["goal_id"]), []).append(act)
    views = []
    for goal in records(frame):
        ind = scorer.indicators.get(goal["indicator_id"]) if goal["indicator_id"] else None
        hit = latest.get(goal["indicator_id"] or "")
        progress = Progress("geen_doel")
        if ind is not None:
            period = int(hit["period"]) if hit else None
            value = _float(hit["value"]) if hit else None
            state, gap = judge(
                goal["target_kind"],
                goal["target_value"],
                goal["target_year"],
                ind.polarity,
                period,
                value,
                hit["klasse"] if hit else None,
            )
            progress = Progress(
                state,
                period,
                value,
                _float(hit["nap"]) if hit else None,
                hit["klasse"] if hit else None,
                hit["reden"] if hit else None,
                gap,
                reden_code=hit["reden_code"] if hit else None,
                ci_low=_float(hit["ci_low"]) if hit else None,
                ci_high=_float(hit["ci_high"]) if hit else None,
            )
        views.append(GoalView(goal, ind, by_goal.get(int(goal["id"]), []), progress))
    return views


def agenda_key(scorer: Any, code: str) -> tuple:
    """What :func:`area_agenda` of ``code`` depends on (``monitor.store.stamps``): the
    agenda (goals, actions, notes), the areas, the catalogue and the scores of the
    indicators that goals of the division follow; a publish of another indicator leaves
    it (the buurtprofiel keeps its gebiedsagenda under it)."""
    store, division = scorer.store, scorer.division_id
    agenda = subject_key(store, division, "agenda")
    key = (store.url, division, agenda)
    ids = cache.remember("goal-indicators", key, lambda: goal_indicator_ids(store, division))
    stamps = indicator_stamp_keys(store, division, ids)
    subjects = tuple(subject_key(store, division, s) for s in ("areas", "catalogue"))
    return (store.url, division, agenda, *subjects, tuple(stamps[i] for i in ids), code)


def _float(value: Any) -> float | None:
    if value is None:
        return None
    number = float(value)
    return None if np.isnan(number) else number


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts with None (not NaN/NaT) for missing values and plain Python numbers."""
    out = []
    for row in frame.astype(object).where(frame.notna(), None).to_dict("records"):
        for key in ("target_value",):
            if row.get(key) is not None:
                row[key] = float(row[key])
        for key in ("target_year", "period", "id", "goal_id", "area_id"):
            if row.get(key) is not None:
                row[key] = int(row[key])
        out.append(row)
    return out
