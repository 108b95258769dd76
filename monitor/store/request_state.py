"""What a request asks the store before it reads anything: settings, divisions, change
stamps, score stamps and the uploads' keys — five small tables read together, once per
request scope, on one connection.

A map switch asked these in six to eight separate reads (the active division, the
division's row, a setting, the subjects' stamps, the score stamp, the uploads), each
with its own connection check-out and reset: two round trips each. Inside a request
scope (:mod:`monitor.store.request_memo`) the readers in ``core``, ``stamps``,
``materialised`` and ``undo`` answer from this one read instead; outside one (the CLI,
jobs, tests) they keep their own small queries, so a loop that asks for one setting does
not read five tables each time. Every write transaction forgets it, as every memo.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from monitor.store import request_memo
from monitor.store.schema import change_stamps, divisions, score_state, settings_table, uploads

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


def state(engine: Engine, url: str) -> RequestState | None:
    """The request's state, read on its first ask; None outside a request scope."""
    if not request_memo.active():
        return None
    return request_memo.memoised(("request_state", url), lambda: _read(engine))


def _read(engine: Engine) -> RequestState:
    s, d, c, g, u = settings_table.c, divisions.c, change_stamps.c, score_state.c, uploads.c
    with engine.connect() as conn:
        settings = {str(k): v for k, v in conn.execute(sa.select(s.key, s.value))}
        rows = conn.execute(sa.select(divisions).order_by(d.id)).mappings()
        by_id = {int(row["id"]): dict(row) for row in rows}
        subjects = {
            str(name): (int(gen), at.isoformat())
            for name, gen, at in conn.execute(sa.select(c.name, c.generation, c.changed_at))
        }
        scores = {
            int(division): (int(gen or 0), at.isoformat() if at is not None else "")
            for division, gen, at in conn.execute(
                sa.select(g.division_id, g.generation, g.built_at)
            )
        }
        kinds = conn.execute(
            sa.select(
                u.kind,
                sa.func.max(u.id),
                sa.func.count(u.id),
                sa.func.count(u.undone_at),
                sa.func.max(u.created_at),
                sa.func.max(u.undone_at),
            ).group_by(u.kind)
        )
        keys = {str(kind): upload_key(kind, *rest) for kind, *rest in kinds}
    return RequestState(settings, by_id, subjects, scores, keys)


def upload_key(kind: Any, newest: Any, count: Any, undone: Any, created: Any, at: Any) -> tuple:
    """One kind's uploads key (``monitor.store.stamps.uploads_key``) from its aggregates."""
    moments = [m.isoformat() if m is not None else "" for m in (created, at)]
    return (str(kind), newest, int(count or 0), int(undone or 0), *moments)
