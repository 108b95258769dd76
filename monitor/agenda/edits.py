"""Adding, changing and removing goals, actions and notes, one at a time (the forms).

Every change is checked first (:mod:`monitor.agenda.checks`) and then written in one
transaction with who did it and a line in the audit log (:mod:`monitor.agenda.storage`).
Removing sets ``deleted_at``. ``actor`` is always given by the caller: the page passes
its logged-in user, the CLI its uploader; this layer never reads a web request.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from monitor.agenda.checks import Checker, check_action, check_goal, check_note
from monitor.agenda.model import (
    ACTION_FIELDS,
    GOAL_FIELDS,
    NOTE_FIELDS,
    AgendaError,
    actor_name,
    problem,
    raise_problems,
)
from monitor.agenda.storage import (
    area_of,
    existing,
    insert,
    live_action_ids,
    soft_delete,
    update,
)
from monitor.problems import shorten
from monitor.store import Store


def _goal_raw(code: str | None, text: Any, indicator: Any, target: Any, year: Any) -> dict:
    return {
        "gebiedcode": code,
        "doel": text,
        "indicator": indicator,
        "streefwaarde": target,
        "doeljaar": year,
    }


def add_goal(
    store: Store,
    division_id: int,
    *,
    code: str,
    text: str,
    indicator: str | None = None,
    target: Any = None,
    year: Any = None,
    actor: str,
    lang: str = "nl",
) -> int:
    """A new goal for area ``code``. ``target`` is a number (or its text) or "NAP"."""
    checker = Checker(store, division_id, lang)
    clean, problems = check_goal(checker, _goal_raw(code, text, indicator, target, year))
    raise_problems(problems, lang)
    return _add_in_area(store, "goal", clean, actor)


def update_goal(
    store: Store,
    goal_id: int,
    *,
    text: str,
    indicator: str | None = None,
    target: Any = None,
    year: Any = None,
    actor: str,
    lang: str = "nl",
) -> bool:
    """Replace a goal's text and target; False when nothing changed (nothing is logged)."""
    raw = _goal_raw(None, text, indicator, target, year)
    return _update_in_area(store, "goal", goal_id, check_goal, raw, GOAL_FIELDS, actor, lang)


def remove_goal(store: Store, goal_id: int, *, actor: str, lang: str = "nl") -> None:
    """Soft-delete a goal and its actions (each logged)."""
    who = actor_name(actor)
    with store.begin() as conn:
        old, _ = existing(conn, "goal", goal_id, lang)
        for action_id in live_action_ids(conn, old["id"]):
            soft_delete(store, conn, "action", action_id, ACTION_FIELDS, who, lang)
        soft_delete(store, conn, "goal", old["id"], GOAL_FIELDS, who, lang)


def _action_raw(text: Any, owner: Any, status: Any, reason: Any) -> dict:
    return {"actie": text, "eigenaar": owner, "status": status, "reden": reason}


def add_action(
    store: Store,
    goal_id: int,
    *,
    text: str,
    owner: str,
    status: str,
    reason: str | None = None,
    actor: str,
    lang: str = "nl",
) -> int:
    """A new action under a live goal (locked while the action is added, so a goal being
    removed at the same moment cannot end up with a live action)."""
    clean, problems = check_action(_action_raw(text, owner, status, reason))
    who = actor_name(actor)
    with store.begin() as conn:
        try:
            _, area = existing(conn, "goal", goal_id, lang)
        except AgendaError:
            problems = [problem("goal_id", "goal", {"value": shorten(goal_id)}), *problems]
        raise_problems(problems, lang)
        return insert(
            store,
            conn,
            "action",
            clean | {"goal_id": int(goal_id)},
            who,
            {"goal": int(goal_id), "area": area["code"]},
        )


def update_action(
    store: Store,
    action_id: int,
    *,
    text: str,
    owner: str,
    status: str,
    reason: str | None = None,
    actor: str,
    lang: str = "nl",
) -> bool:
    """Replace an action's text, owner, status and reason; False when nothing changed."""
    clean, problems = check_action(_action_raw(text, owner, status, reason))
    who = actor_name(actor)
    with store.begin() as conn:
        old, area = existing(conn, "action", action_id, lang)
        raise_problems(problems, lang)
        extra = {"goal": old["goal_id"], "area": area["code"]}
        return update(store, conn, "action", old["id"], clean, ACTION_FIELDS, who, extra, lang)


def remove_action(store: Store, action_id: int, *, actor: str, lang: str = "nl") -> None:
    who = actor_name(actor)
    with store.begin() as conn:
        old, _ = existing(conn, "action", action_id, lang)
        soft_delete(store, conn, "action", old["id"], ACTION_FIELDS, who, lang)


def _note_raw(code: str | None, text: Any, role: Any, source: Any, when: Any, period: Any) -> dict:
    return {
        "gebiedcode": code,
        "tekst": text,
        "rol": role,
        "bron": source,
        "datum": when,
        "periode": period,
    }


def add_note(
    store: Store,
    division_id: int,
    *,
    code: str,
    text: str,
    author_role: str,
    source_type: str,
    date: Any,
    period: Any = None,
    actor: str,
    lang: str = "nl",
) -> int:
    """A new story for area ``code``; ``period`` defaults to the year of ``date``."""
    checker = Checker(store, division_id, lang)
    clean, problems = check_note(
        checker, _note_raw(code, text, author_role, source_type, date, period)
    )
    raise_problems(problems, lang)
    return _add_in_area(store, "note", clean, actor)


def update_note(
    store: Store,
    note_id: int,
    *,
    text: str,
    author_role: str,
    source_type: str,
    date: Any,
    period: Any = None,
    actor: str,
    lang: str = "nl",
) -> bool:
    raw = _note_raw(None, text, author_role, source_type, date, period)
    return _update_in_area(store, "note", note_id, check_note, raw, NOTE_FIELDS, actor, lang)


def remove_note(store: Store, note_id: int, *, actor: str, lang: str = "nl") -> None:
    who = actor_name(actor)
    with store.begin() as conn:
        old, _ = existing(conn, "note", note_id, lang)
        soft_delete(store, conn, "note", old["id"], NOTE_FIELDS, who, lang)


def _add_in_area(store: Store, kind: str, clean: dict[str, Any], actor: str) -> int:
    """Store a checked goal or note of an area, with who added it and an audit line."""
    with store.begin() as conn:
        area = area_of(conn, clean["area_id"])
        return insert(store, conn, kind, clean, actor_name(actor), {"area": area["code"]})


def _update_in_area(
    store: Store,
    kind: str,
    row_id: int,
    check: Callable[..., tuple[dict[str, Any], list]],
    raw: dict[str, Any],
    fields: tuple[str, ...],
    actor: str,
    lang: str,
) -> bool:
    """Check and store new values for a live goal or note of an area; False when nothing
    changed (nothing is logged)."""
    with store.begin() as conn:
        old, area = existing(conn, kind, row_id, lang)
        checker = Checker(store, area["division_id"], lang)
        clean, problems = check(checker, raw, existing=old)
        raise_problems(problems, lang)
        extra = {"area": area["code"]}
        return update(store, conn, kind, old["id"], clean, fields, actor_name(actor), extra, lang)
