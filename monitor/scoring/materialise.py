"""Materialised scores: computed when data changes, in the same transaction, read by pages.

Whatever changes scores (a publish, an undo, a catalogue change, new areas) marks what it
touched on its connection (``monitor.store.mark_scores``). Before that transaction
commits, ``Store.begin`` calls :func:`refresh`, which rescores what was marked and raises
the division's *generation*. A reader therefore sees the old scores or the new ones,
never a mix, and the generation tells caches when to forget. What a rebuild reads and
scores is its :func:`plan`; a first import's single pass may have been scored in a
forked child while its rows were inserted (:func:`begin_first_import`,
:mod:`monitor.scoring.first_import`), and is then taken from there.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy.engine import Connection

from monitor import forked
from monitor.catalog import Indicator
from monitor.config import get_settings
from monitor.period_kinds import JAAR, kind, month, quarter, year_of
from monitor.scoring import first_import
from monitor.scoring.passes import Ahead, ScoredPass, plan_passes, reads_apart, score_pass
from monitor.store import DIRTY, Store
from monitor.store.published import counts_of
from monitor.store.score_inputs import score_inputs, value_counts
from monitor.store.score_writes import (
    deferred_score_indexes,
    delete_scores,
    derived_deletes,
    has_scores,
    lock_generation,
    set_generation,
    write_scores,
)
from monitor.store.stamps import write_indicator_stamps

#: A rebuild scores about this many current measurements per pass (whole indicators).
VALUES_PER_PASS = 1_500_000


@dataclass
class Rebuilt:
    division_id: int
    generation: int
    groups: int
    rows: int
    #: level → (indicator-period groups, score rows)
    per_level: dict[str, tuple[int, int]]
    #: "read" and "compute" → seconds, summed over the passes (and over the workers, if any)
    seconds: dict[str, float] = field(default_factory=dict)


def rebuild_all(
    store: Store,
    division_id: int,
    progress: Callable[[str], None] | None = None,
    *,
    exclusive: bool = False,
) -> Rebuilt:
    """Recompute every score of a division in one transaction (``monitor scores rebuild``).
    ``exclusive`` (``--exclusief``, PostgreSQL): rebuild the score tables' keys and
    indexes once at the end, about twice as fast, while readers of the scores wait for the
    commit; without it pages keep reading the old scores until then. A store of several
    passes is read and scored in worker processes while this one writes
    (:class:`monitor.scoring.passes.Ahead`): the transaction changes no measurement."""
    with store.begin() as conn:
        return rebuild(store, conn, division_id, progress=progress, exclusive=exclusive, ahead=True)


def refresh(store: Store, conn: Connection) -> list[Rebuilt]:
    """Rescore everything marked on ``conn`` (inside its transaction)."""
    dirty = conn.info.pop(DIRTY, {})
    return [
        rebuild(store, conn, division_id, inds, periods)
        for division_id, (inds, periods) in sorted(dirty.items())
    ]


def dependents(catalog: dict, touched: set[str], population_indicator: str | None) -> set[str]:
    """``touched`` and the indicators whose scores read them (population, weight).

    The catalogue's population indicator is read by every indicator: coverage (the 80%
    rule) counts inhabitants where the population is known for every area of a group."""
    if population_indicator is not None and population_indicator in touched:
        return set(touched) | set(catalog)
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
    exclusive: bool = False,
    ahead: bool = False,
) -> Rebuilt:
    """Recompute and store the scores of a division (or of some indicators/periods).

    On a large store the indicators are scored in passes of about
    :data:`VALUES_PER_PASS` current measurements each (an indicator's scores read only
    its own values and its helpers'), so memory stays bounded; a city store is one pass.
    ``ahead``: only where ``conn``'s transaction has changed nothing the scores read
    (its committed state is what another connection reads), score the passes in worker
    processes while this one writes them (``MONITOR_REBUILD_WORKERS``, default 2).
    """
    generation = lock_generation(conn, division_id) + 1
    if progress:
        progress("load")
    planned = plan(conn, division_id, indicators, periods, value_counts)
    wanted, chosen, read, rows = planned.wanted, planned.chosen, planned.read, planned.rows
    counts, passes = planned.counts, planned.passes
    # No score rows anywhere yet (a first import): nobody reads them, so on PostgreSQL
    # the score indexes may be built once at the end instead of row by row. The same
    # when this rebuild replaces every score row of the store (below) and ``exclusive``
    # allows it: readers then wait for the commit (the dropped indexes' lock) instead of
    # reading the old scores (by default they read the old scores: a page never hangs).
    fresh = conn.dialect.name == "postgresql" and not has_scores(conn)
    groups = rows_written = 0
    per_level: dict[str, tuple[int, int]] = {}
    seconds: dict[str, float] = {}
    writing = False
    # Freed pages of the old scores (and of dropped score indexes) are not zeroed.
    with derived_deletes(conn), contextlib.ExitStack() as deferred:
        worker, workers = None, get_settings().rebuild_workers
        if ahead and workers and len(passes) > 1 and reads_apart(store):
            # This transaction holds the score lock (SQLite: the write lock): what the
            # workers read stays as it is until the commit. They read while it deletes.
            worker = Ahead(store.url, division_id, passes, read, chosen, workers=workers)
            deferred.enter_context(worker)
        whole = delete_scores(conn, division_id, wanted, chosen)
        fresh = fresh or (conn.dialect.name == "postgresql" and whole and exclusive)
        hint = sum(counts.values()) if len(passes) > 1 or fresh else 0
        taken = None if len(passes) > 1 else first_import.take(conn, division_id, *planned.asked)
        if worker is not None:
            scored = iter(worker)
        elif taken is not None:  # a first import, scored while it was inserted
            scored = iter([taken])
        else:
            only = passes if len(passes) > 1 else [wanted]
            scored = _here(store, conn, division_id, only, read, chosen)
        for done in _announced(scored, progress):
            if not writing:
                # The indexes go (and readers of a whole rebuild wait) only from here on.
                deferred.enter_context(deferred_score_indexes(conn, hint, fresh=fresh))
                writing = True
            write_scores(conn, division_id, done.groups, done.packed)
            groups += len(done.groups)
            rows_written += done.rows
            for level, counted in done.per_level.items():
                before = per_level.get(level, (0, 0))
                per_level[level] = (before[0] + counted[0], before[1] + counted[1])
            for phase, taken in done.seconds.items():
                seconds[phase] = round(seconds.get(phase, 0.0) + taken, 3)
    set_generation(conn, division_id, generation)
    # Whose scores this generation wrote: caches of the others keep (monitor.store.stamps).
    write_indicator_stamps(conn, division_id, rows if wanted is None else wanted, generation)
    return Rebuilt(division_id, generation, groups, rows_written, per_level, seconds)


@dataclass(frozen=True)
class Plan:
    """What a rebuild of marked scores reads and scores (:func:`plan`)."""

    wanted: list[str] | None  # the indicators scored (None: all)
    chosen: list[int] | None  # the periods scored (None: all)
    read: list[int] | None  # the periods read (None: all)
    rows: dict[str, dict]  # every catalogue row, by id
    counts: dict[str, int]  # current values per wanted indicator
    passes: list[list[str]]

    @property
    def asked(self) -> tuple[list[str] | None, list[int] | None, list[int] | None]:
        """The single pass's indicators, periods read and periods scored."""
        return self.wanted, self.read, self.chosen


def plan(
    conn: Connection,
    division_id: int,
    indicators: set[str] | None,
    periods: set[int] | None,
    counted: Callable[[Connection, list[str] | None, list[int] | None], dict[str, int]],
) -> Plan:
    """What rescoring the marked ``indicators`` × ``periods`` (None: all) of a division
    reads and scores; ``counted`` counts the current values (as
    :func:`monitor.store.score_inputs.value_counts`)."""
    chosen = sorted(with_sub_years(periods)) if periods is not None else None
    if chosen is not None and len(chosen) > MAX_PERIODS:
        # Every period of the marked indicators instead (a superset, the same scores): a
        # query's IN list has a limit (PostgreSQL: 65,535 parameters), and every marked
        # year brings its 16 quarters and months.
        chosen = None
    _, rows, population, _ = score_inputs(conn, division_id)
    wanted = None
    if indicators is not None:
        # Read only what the marked scores need: their indicators, the ones that read
        # them (population, weight), those indicators' helpers, in the marked periods.
        catalog = {i: Indicator.from_row(row) for i, row in rows.items()}
        wanted = sorted(dependents(catalog, set(indicators), population))
    counts = counted(conn, wanted, chosen)
    read = None if chosen is None else sorted({*chosen, *(year_of(p) for p in chosen)})
    return Plan(wanted, chosen, read, rows, counts, plan_passes(counts, VALUES_PER_PASS))


def begin_first_import(conn: Connection, frame: pd.DataFrame, upload_id: int) -> None:
    """A first import's rows are about to be inserted, their scores marked: where the
    commit's rebuild will be one pass, score them meanwhile in a child process
    (:mod:`monitor.scoring.first_import`)."""
    dirty = conn.info.get(DIRTY) or {}
    if len(dirty) != 1 or not forked.can_fork():
        return
    [(division_id, (indicators, periods))] = dirty.items()

    def counted(_: Connection, ids: list[str] | None, chosen: list[int] | None) -> dict:
        return counts_of(frame, ids, chosen)

    planned = plan(conn, division_id, indicators, periods, counted)
    if len(planned.passes) == 1:
        first_import.begin(conn, division_id, *planned.asked, frame, upload_id)


#: More marked periods than this are rescored as "every period" (see :func:`rebuild`).
MAX_PERIODS = 2000


def with_sub_years(periods: set[int]) -> set[int]:
    """Marked periods and, for every marked year, its quarters and months: their scores
    read the year's population (:mod:`monitor.period_kinds`), so they change with it."""
    out = {int(p) for p in periods}
    for year in [p for p in out if kind(p) == JAAR]:
        out |= {quarter(year, q) for q in range(1, 5)} | {month(year, m) for m in range(1, 13)}
    return out


def _here(
    store: Store,
    conn: Connection,
    division_id: int,
    passes: list[list[str] | None],
    read: list[int] | None,
    chosen: list[int] | None,
) -> Iterator[ScoredPass]:
    """The passes scored in this process, inside ``conn``'s transaction."""
    for ids in passes:
        yield score_pass(store, division_id, ids, read, chosen, conn=conn)


def _announced(
    scored: Iterator[ScoredPass], progress: Callable[[str], None] | None
) -> Iterator[ScoredPass]:
    """``scored``, telling ``progress`` when a pass is being scored and when written."""
    while True:
        if progress:
            progress("compute")
        done = next(scored, None)
        if done is None:
            return
        if progress:
            progress("write")
        yield done
