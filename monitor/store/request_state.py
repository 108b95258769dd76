"""What a request asks the store before it reads anything: settings, divisions, change
stamps, score stamps, indicator stamps and the uploads' keys — six small tables read
together, once per request scope, in two queries on one connection.

A map switch asked these in six to eight separate reads (the active division, the
division's row, a setting, the subjects' stamps, the score stamp, the uploads), each
with its own connection check-out and reset: two round trips each. Inside a request
scope (:mod:`monitor.store.request_memo`) the readers in ``core``, ``stamps``,
``materialised`` and ``undo`` answer from this one read instead; outside one (the CLI,
jobs, tests) they keep their own small queries, so a loop that asks for one setting does
not read five tables each time. Every write transaction forgets it, as every memo. With
Redis an instance keeps the state between requests while the store's write clock
(:mod:`monitor.store.write_clock`) stands still: one Redis read instead of two queries.
The state is shared between requests and threads: read it, never change it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from monitor.store import request_memo, write_clock
from monitor.store.schema import (
    change_stamps,
    divisions,
    indicator_stamps,
    score_state,
    settings_table,
    uploads,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


@dataclass(frozen=True)
class RequestState:
    settings: dict[str, str]
    #: Every division's row, by id (ascending).
    divisions: dict[int, dict[str, Any]]
    #: Subject → (generation, moment) (``monitor.store.stamps``).
    subjects: dict[str, tuple[int, str]]
    #: Division → (score generation, moment built) (``monitor.store.materialised``).
    scores: dict[int, tuple[int, str]]
    #: Upload kind → (kind, newest id, uploads, undone, latest publish, latest undo).
    uploads: dict[str, tuple]
    #: Division → indicator → (generation, moment) of its scores (``stamps``).
    indicators: dict[int, dict[str, tuple[int, str]]]


def state(engine: Engine, url: str) -> RequestState | None:
    """The request's state, read on its first ask; None outside a request scope."""
    if not request_memo.active():
        return None
    return request_memo.memoised(
        ("request_state", url), lambda: write_clock.kept_or_read(url, lambda: _read(engine))
    )


def _read(engine: Engine) -> RequestState:
    """Two round trips: the divisions' rows, and the rest as one ``UNION ALL`` of rows
    (kind, name, text, three numbers, two moments)."""
    d = divisions.c
    settings: dict[str, str] = {}
    subjects: dict[str, tuple[int, str]] = {}
    scores: dict[int, tuple[int, str]] = {}
    keys: dict[str, tuple] = {}
    indicators: dict[int, dict[str, tuple[int, str]]] = {}
    with engine.connect() as conn:
        rows = conn.execute(sa.select(divisions).order_by(d.id)).mappings()
        by_id = {int(row["id"]): dict(row) for row in rows}
        for kind, name, text, n1, n2, n3, at1, at2 in conn.execute(_small_tables()):
            if kind == "s":
                settings[str(name)] = text
            elif kind == "c":
                subjects[str(name)] = (int(n1), at1.isoformat())
            elif kind == "g":
                scores[int(n1)] = (int(n2 or 0), at1.isoformat() if at1 is not None else "")
            elif kind == "i":
                indicators.setdefault(int(n1), {})[str(name)] = (int(n2), at1.isoformat())
            else:
                keys[str(name)] = upload_key(name, n1, n2, n3, at1, at2)
    return RequestState(settings, by_id, subjects, scores, keys, indicators)


@cache
def _small_tables() -> sa.CompoundSelect:
    """Settings, change stamps, score stamps, indicator stamps and the uploads per kind in
    one query (built once: the statement never changes). Every indicator stamp: a page
    asks for most of them (a buurtprofiel all), a catalogue holds hundreds at most."""
    s, c, g, u = settings_table.c, change_stamps.c, score_state.c, uploads.c
    i = indicator_stamps.c
    moment = sa.DateTime(timezone=True)

    def row(kind: str, name: Any, text: Any, n1: Any, n2: Any, n3: Any, at1: Any, at2: Any) -> Any:
        def number(v: Any) -> Any:
            return sa.cast(v if v is not None else sa.null(), sa.Integer)

        def when(v: Any) -> Any:
            # A NULL typed in SQL (PostgreSQL types the union by its first part); a
            # column typed for the result only (SQLite's CAST would make it a number).
            return sa.cast(sa.null(), moment) if v is None else sa.type_coerce(v, moment)

        return sa.select(
            sa.literal(kind, sa.String).label("kind"),
            sa.cast(name, sa.String).label("name"),
            sa.cast(text if text is not None else sa.null(), sa.Text).label("text"),
            number(n1).label("n1"),
            number(n2).label("n2"),
            number(n3).label("n3"),
            when(at1).label("at1"),
            when(at2).label("at2"),
        )

    uploads_per_kind = row("u", u.kind, None, *UPLOAD_AGGREGATES).group_by(u.kind)
    return sa.union_all(
        row("s", s.key, s.value, None, None, None, None, None),
        row("c", c.name, None, c.generation, None, None, c.changed_at, None),
        row("g", g.division_id, None, g.division_id, g.generation, None, g.built_at, None),
        row("i", i.indicator_id, None, i.division_id, i.generation, None, i.built_at, None),
        uploads_per_kind,
    )


#: Per upload kind: the newest upload, how many, how many undone, the latest publish and
#: undo (``monitor.store.stamps.uploads_key``).
UPLOAD_AGGREGATES = (
    sa.func.max(uploads.c.id),
    sa.func.count(uploads.c.id),
    sa.func.count(uploads.c.undone_at),
    sa.func.max(uploads.c.created_at),
    sa.func.max(uploads.c.undone_at),
)


def upload_key(kind: Any, newest: Any, count: Any, undone: Any, created: Any, at: Any) -> tuple:
    """One kind's uploads key (``monitor.store.stamps.uploads_key``) from its aggregates."""
    moments = [m.isoformat() if m is not None else "" for m in (created, at)]
    return (str(kind), newest, int(count or 0), int(undone or 0), *moments)
