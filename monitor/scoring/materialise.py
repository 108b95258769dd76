"""Materialised scores: computed when data changes, in the same transaction, read by pages.

Whatever changes scores (a publish, an undo, a catalogue change, new areas) marks what it
touched on its connection (``monitor.store.mark_scores``). Before that transaction
commits, ``Store.begin`` calls :func:`refresh`, which rescores what was marked and raises
the division's *generation*. A reader therefore sees the old scores or the new ones,
never a mix, and the generation tells caches when to forget.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from sqlalchemy.engine import Connection

from monitor.catalog import Indicator
from monitor.scoring.compute import compute
from monitor.scoring.inputs import load_inputs
from monitor.store import DIRTY, Store
from monitor.store.materialised import (
    delete_scores,
    lock_generation,
    score_inputs,
    set_generation,
    write_scores,
)


@dataclass
class Rebuilt:
    division_id: int
    generation: int
    groups: int
    rows: int
    #: level → (indicator-period groups, score rows)
    per_level: dict[str, tuple[int, int]]


def rebuild_all(
    store: Store, division_id: int, progress: Callable[[str], None] | None = None
) -> Rebuilt:
    """Recompute every score of a division in one transaction (``monitor scores rebuild``)."""
    with store.begin() as conn:
        return rebuild(store, conn, division_id, progress=progress)


def refresh(store: Store, conn: Connection) -> list[Rebuilt]:
    """Rescore everything marked on ``conn`` (inside its transaction)."""
    dirty = conn.info.pop(DIRTY, {})
    return [
        rebuild(store, conn, division_id, inds, periods)
        for division_id, (inds, periods) in sorted(dirty.items())
    ]


def dependents(catalog: dict, touched: set[str], population_indicator: str | None) -> set[str]:
    """``touched`` and the indicators whose scores read them (population, weight)."""
    out = set(touched)
    for ind in catalog.values():
        population = ind.min_population_indicator or (
            population_indicator if ind.min_population else None
        )
        if population in touched or ind.weight_indicator in touched:
            out.add(ind.id)
    return out


def rebuild(
    store: Store,
    conn: Connection,
    division_id: int,
    indicators: set[str] | None = None,
    periods: set[int] | None = None,
    progress: Callable[[str], None] | None = None,
) -> Rebuilt:
    """Recompute and store the scores of a division (or of some indicators/periods)."""
    generation = lock_generation(conn, division_id) + 1
    if progress:
        progress("load")
    wanted, chosen = None, sorted(periods) if periods is not None else None
    if indicators is not None:
        # Read only what the marked scores need: their indicators, the ones that read
        # them (population, weight), those indicators' helpers, in the marked periods.
        _, rows, population, _ = score_inputs(conn, division_id)
        catalog = {i: Indicator.from_row(row) for i, row in rows.items()}
        wanted = sorted(dependents(catalog, set(indicators), population))
    inputs = load_inputs(store, division_id, conn=conn, indicator_ids=wanted, periods=chosen)
    if progress:
        progress("compute")
    result = compute(inputs, indicator_ids=wanted, periods=chosen)
    if progress:
        progress("write")
    delete_scores(conn, division_id, wanted, chosen)
    write_scores(conn, division_id, result.groups, result.rows)
    set_generation(conn, division_id, generation)
    levels = result.groups["level"].to_numpy()
    row_levels = pd.Series(levels[result.rows["group"].to_numpy(dtype="int64")])
    per_level = {
        str(level): (int(count), int((row_levels == level).sum()))
        for level, count in result.groups["level"].value_counts(sort=False).items()
    }
    return Rebuilt(division_id, generation, len(result.groups), len(result.rows), per_level)
