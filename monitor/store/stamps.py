"""Change stamps: what a cache key holds so that a change empties only what it touched.

The division's score stamp (:func:`monitor.store.materialised.score_stamp`) rises with
every rescoring, so whatever is kept under it is read anew after every publish. Finer
stamps, each a generation paired with the moment it was written (a database created
again or restored from a backup can repeat a number, never with the same moment):

* per indicator (``indicator_stamps``): the score generation in which a rescoring last
  wrote the indicator's scores, written in that rescoring's transaction
  (:func:`write_indicator_stamps`); a publish of werkloosheid leaves every other
  indicator's stamp, and so its cached frames, as it was;
* per subject (``change_stamps``): ``catalogue`` (the indicators table), ``areas`` (areas,
  divisions, aliases), ``national`` (national values) and ``agenda`` (goals, actions,
  notes: the gebiedsagenda and verhalen) rise with *every* statement
  that writes those tables, in the writing transaction: a listener on the engine
  (:func:`watch`) sees each insert, update and delete, so no write path can forget it
  (in ``Store.begin`` each written subject rises once, at the end: :func:`raise_pending`).

Readers ask through :func:`indicator_stamp_key`, :func:`subject_key` and (points)
:func:`uploads_key`, read once per
request scope (:mod:`monitor.store.request_memo`). Where a stamp was never written (a
store from before these tables, an indicator not rescored since) the key falls back on
the division's score stamp, which rises with every change.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.sql.dml import UpdateBase

from monitor.store import request_memo, request_state
from monitor.store.connect import now
from monitor.store.request_state import UPLOAD_AGGREGATES, upload_key
from monitor.store.schema import change_stamps, indicator_stamps, uploads

if TYPE_CHECKING:
    from monitor.store.core import Store

#: Table written → the subject whose stamp rises.
WATCHED = {
    "indicators": "catalogue",
    "areas": "areas",
    "divisions": "areas",
    "area_aliases": "areas",
    "national_values": "national",
    "goals": "agenda",
    "actions": "agenda",
    "notes": "agenda",
}


def watch(engine: Engine) -> None:
    """Raise the subject's stamp after every statement that writes a watched table."""
    event.listen(engine, "after_execute", _after_execute)


#: ``conn.info`` key of the subjects a ``Store.begin`` transaction wrote: raised together
#: at its end (:func:`raise_pending`), in name order, after the rescoring.
PENDING = "stamps_pending"


def _after_execute(conn: Connection, clause: Any, *_: Any) -> None:
    if not isinstance(clause, UpdateBase):
        return
    table = getattr(clause, "table", None)
    subject = WATCHED.get(getattr(table, "name", ""))
    if subject is None:
        return
    pending = conn.info.get(PENDING)
    if pending is not None:
        pending.add(subject)
    else:  # a transaction of its own (not Store.begin): at once
        bump(conn, subject)


def raise_pending(conn: Connection) -> None:
    """Raise the stamps of what this transaction wrote, once each and last: the stamp rows
    are locked (PostgreSQL) only from here to the commit, always in the same order, so two
    writers never wait on each other's stamps in a circle."""
    for subject in sorted(conn.info.get(PENDING) or ()):
        bump(conn, subject)


def bump(conn: Connection, subject: str) -> None:
    """Raise ``subject``'s stamp inside the caller's transaction (on PostgreSQL the row
    stays locked to the commit: two writers of the same subject take turns)."""
    c = change_stamps.c
    done = conn.execute(
        sa.update(change_stamps)
        .where(c.name == subject)
        .values(generation=c.generation + 1, changed_at=now())
    )
    if done.rowcount == 0:
        conn.execute(sa.insert(change_stamps).values(name=subject, generation=1, changed_at=now()))
    request_memo.forget()


def write_indicator_stamps(
    conn: Connection, division_id: int, indicator_ids: Iterable[str], generation: int
) -> None:
    """The rescoring of ``generation`` wrote the scores of ``indicator_ids`` (in its
    transaction, beside the scores)."""
    ids = sorted(set(indicator_ids))
    s = indicator_stamps
    built = now()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        conn.execute(
            sa.delete(s).where(s.c.division_id == division_id, s.c.indicator_id.in_(chunk))
        )
        conn.execute(
            sa.insert(s),
            [
                {"division_id": division_id, "indicator_id": i, "generation": generation}
                | {"built_at": built}
                for i in chunk
            ],
        )


# -- reading ---------------------------------------------------------------------------


def subject_stamps(store: Store) -> dict[str, tuple[int, str]]:
    """Every subject's (generation, moment), in one read per request scope."""
    found = request_state.state(store.engine, store.url)
    if found is not None:
        return found.subjects
    # Outside a request scope: read each time.
    c = change_stamps.c
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(c.name, c.generation, c.changed_at)).all()
    return {name: (int(g), at.isoformat()) for name, g, at in rows}


def subject_key(store: Store, division_id: int, subject: str) -> tuple:
    """What a cache of ``subject`` (catalogue, areas, national) is kept under: its own
    stamp, else the division's score stamp (which every change raises)."""
    found = subject_stamps(store).get(subject)
    if found is not None:
        return (subject, *found)
    return ("scores", *_score_stamp(store, division_id))


def indicator_stamp_keys(
    store: Store, division_id: int, indicator_ids: Iterable[str]
) -> dict[str, tuple]:
    """Per indicator what its score caches are kept under: the generation and moment of
    the rescoring that last wrote its scores, else the division's score stamp. One read
    for those not yet read in this request scope."""
    ids = list(dict.fromkeys(indicator_ids))
    memo_keys = {i: ("indicator_stamp", store.url, division_id, i) for i in ids}
    known = request_memo.peek(list(memo_keys.values()))
    missing = [i for i in ids if memo_keys[i] not in known]
    if missing:
        found = _read_indicator_stamps(store, division_id, missing)
        fallback = None
        for i in missing:
            if i in found:
                known[memo_keys[i]] = ("indicator", *found[i])
            else:
                fallback = fallback or ("scores", *_score_stamp(store, division_id))
                known[memo_keys[i]] = fallback
            request_memo.keep(memo_keys[i], known[memo_keys[i]])
    return {i: known[memo_keys[i]] for i in ids}


def indicator_stamp_key(store: Store, division_id: int, indicator_id: str) -> tuple:
    return indicator_stamp_keys(store, division_id, [indicator_id])[indicator_id]


def _read_indicator_stamps(
    store: Store, division_id: int, ids: list[str]
) -> dict[str, tuple[int, str]]:
    state = request_state.state(store.engine, store.url)
    if state is not None:
        known = state.indicators.get(division_id, {})
        return {i: known[i] for i in ids if i in known}
    s = indicator_stamps.c
    out: dict[str, tuple[int, str]] = {}
    with store.engine.connect() as conn:
        for start in range(0, len(ids), 500):
            query = sa.select(s.indicator_id, s.generation, s.built_at).where(
                s.division_id == division_id, s.indicator_id.in_(ids[start : start + 500])
            )
            for i, g, at in conn.execute(query):
                out[str(i)] = (int(g), at.isoformat())
    return out


def uploads_key(store: Store, kind: str) -> tuple:
    """What a cache of one kind of upload (``punten``: the points) is kept under: its
    newest upload, how many there are and are undone, the latest publish and undo (each
    publish adds an upload, each undo sets a moment, a redo publishes anew; nothing else
    writes those rows). Every kind is read together, once per request scope
    (:mod:`monitor.store.request_state`)."""
    return _uploads_keys(store).get(kind) or (kind, None, 0, 0, "", "")


def every_uploads_key(store: Store) -> tuple:
    """:func:`uploads_key` of every kind together: what a cache of the uploads list is
    kept under."""
    return tuple(sorted(_uploads_keys(store).items()))


def _uploads_keys(store: Store) -> dict[str, tuple]:
    found = request_state.state(store.engine, store.url)
    if found is not None:
        return found.uploads
    query = sa.select(uploads.c.kind, *UPLOAD_AGGREGATES).group_by(uploads.c.kind)
    with store.engine.connect() as conn:
        return {str(kind): upload_key(kind, *rest) for kind, *rest in conn.execute(query)}


def _score_stamp(store: Store, division_id: int) -> tuple[int, str]:
    from monitor.store.materialised import score_stamp  # materialised imports the store

    return score_stamp(store, division_id)
