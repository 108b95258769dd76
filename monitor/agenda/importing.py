"""Goals, actions and stories from a CSV or Excel file, all or nothing.

The rows are checked like the forms (:mod:`monitor.agenda.checks`), so what a form
refuses a file refuses too, with the same message plus row and column. A file with any
error changes nothing; a dry run does everything in a transaction it then rolls back.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd
from sqlalchemy.engine import Connection

from monitor import audit
from monitor.agenda.checks import Checker, as_date, check_action, check_goal, check_note
from monitor.agenda.model import (
    ACTION_FIELDS,
    AGENDA_COLUMNS,
    GOAL_FIELDS,
    MAX_IMPORT_BYTES,
    MAX_IMPORT_ROWS,
    NOTE_COLUMNS,
    AgendaError,
    actor_name,
    blank,
    problem,
    same_text,
)
from monitor.agenda.progress import records
from monitor.agenda.storage import actions_frame, area_of, goals_frame, insert, notes_frame, update
from monitor.errors import MonitorError
from monitor.ingest.columns import normalise
from monitor.ingest.parse import ParseOptions, read_cells
from monitor.ingest.validate import uses_comma_decimals
from monitor.messages import t
from monitor.problems import Problem, shorten
from monitor.store import Store


@dataclass
class ImportResult:
    """What an import did (or, with ``dry_run``, would do)."""

    name: str
    goals_added: int = 0
    goals_updated: int = 0
    actions_added: int = 0
    actions_updated: int = 0
    notes_added: int = 0
    unchanged: int = 0

    def summary(self, kind: str, lang: str = "nl") -> str:
        return t(f"agenda.imported.{kind}", lang, **vars(self))


def _read(
    raw: bytes,
    name: str,
    columns: dict[str, tuple[str, ...]],
    required: tuple[str, ...],
    lang: str,
) -> tuple[pd.DataFrame, dict[str, str]]:
    """The file as text cells with canonical column names; header problems end here."""
    options = ParseOptions(max_bytes=MAX_IMPORT_BYTES, max_rows=MAX_IMPORT_ROWS)
    frame = read_cells(raw, name, options).frame
    lookup = {normalise(a): canon for canon, names in columns.items() for a in names}
    header: dict[str, str] = {}  # canonical → as in the file
    expected = ", ".join(columns)
    for column in frame.columns[1:]:
        canon = lookup.get(normalise(column))
        if canon is None or canon in header:
            raise MonitorError(
                t(
                    "agenda.err.columns_unknown",
                    lang,
                    name=name,
                    column=shorten(column),
                    expected=expected,
                )
            )
        header[canon] = column
    missing = [c for c in required if c not in header]
    if missing:
        raise MonitorError(
            t(
                "agenda.err.columns_missing",
                lang,
                name=name,
                columns=", ".join(missing),
                expected=expected,
            )
        )
    if frame.empty:
        raise MonitorError(t("agenda.err.only_header", lang, name=name))
    frame = frame.rename(columns={v: k for k, v in header.items()})
    for canon in columns:
        if canon not in frame:
            frame[canon] = ""
    return frame, header


class _DryRun(Exception):
    """Raised at the end of a dry run's transaction, so everything in it is rolled back."""


def _prepare(
    store: Store,
    raw: bytes,
    name: str,
    columns: dict[str, tuple[str, ...]],
    required: tuple[str, ...],
    division_id: int | None,
    lang: str,
) -> tuple[pd.DataFrame, dict[str, str], Checker]:
    """The file's cells, its header and a checker that knows all the file's areas."""
    division_id = division_id if division_id is not None else store.division_id()
    frame, header = _read(raw, name, columns, required, lang)
    checker = Checker(store, division_id, lang)
    checker.resolve(frame["gebiedcode"])
    return frame, header, checker


@contextmanager
def _importing(
    store: Store,
    result: ImportResult,
    action: str,
    actor: str,
    problems: list[Problem],
    lang: str,
    dry_run: bool,
) -> Iterator[tuple[Connection, str]]:
    """All or nothing: any problem in the file stops the import before anything is
    written; else one transaction (connection and actor) that ends with the import's
    audit line, and a dry run rolls it all back again."""
    if problems:
        raise AgendaError(problems, lang, name=result.name)
    who = actor_name(actor)
    with suppress(_DryRun), store.begin() as conn:
        yield conn, who
        audit.record(store, who, action, result.name, vars(result), conn=conn)
        if dry_run:
            raise _DryRun


def _placed(problems: list[Problem], row: int, header: dict[str, str]) -> list[Problem]:
    """Problems of one row of a file, with the row and the column as the file spells it."""
    return [replace(p, row=row, column=header.get(p.field, p.field)) for p in problems]


def import_agenda(
    store: Store,
    raw: bytes,
    name: str,
    *,
    actor: str,
    division_id: int | None = None,
    lang: str = "nl",
    dry_run: bool = False,
) -> ImportResult:
    """Goals and actions from a CSV or Excel file, one row per action (or per goal
    without actions); rows with the same area and goal text share one goal.

    Existing goals (same area, same text up to case and spaces) get the file's target;
    existing actions (same goal, same text) its owner, status and reason. Nothing is
    removed. Any error anywhere: nothing is stored, and every problem is reported.
    """
    frame, header, checker = _prepare(
        store, raw, name, AGENDA_COLUMNS, ("gebiedcode", "doel"), division_id, lang
    )
    comma = uses_comma_decimals(frame["streefwaarde"])
    stored_goals = goals_frame(store, checker.division_id)
    known_goals = {(int(g["area_id"]), same_text(g["text"])): g for g in records(stored_goals)}
    stored_actions = actions_frame(store, stored_goals["id"].tolist() if len(stored_goals) else [])
    known_actions = {(int(a["goal_id"]), same_text(a["text"])): a for a in records(stored_actions)}

    problems: list[Problem] = []
    plan: dict[tuple[int, str], dict[str, Any]] = {}
    for cells in frame.to_dict("records"):
        row = int(cells["row"])
        area_id = checker.area_id(cells["gebiedcode"]) if not blank(cells["gebiedcode"]) else None
        text_key = same_text(str(cells["doel"]))
        key = (area_id, text_key) if area_id is not None else None
        entry = plan.get(key) if key else None
        if entry is None:
            existing = known_goals.get(key) if key else None
            clean, found = check_goal(checker, cells, existing=existing, comma=comma)
            problems += _placed(found, row, header)
            if key and not found:
                entry = plan[key] = {
                    "clean": clean,
                    "row": row,
                    "existing": existing,
                    "actions": {},
                }
        else:
            clean, found = check_goal(checker, cells, existing=entry["existing"], comma=comma)
            problems += _placed(found, row, header)
            for canon, column in (
                ("indicator_id", "indicator"),
                ("target_kind", "streefwaarde"),
                ("target_value", "streefwaarde"),
                ("target_year", "doeljaar"),
            ):
                if not found and clean[canon] != entry["clean"][canon]:
                    problems += _placed(
                        [
                            problem(
                                column,
                                "conflict",
                                {"value": shorten(cells[column]), "first": entry["row"]},
                            )
                        ],
                        row,
                        header,
                    )
                    break
        if all(blank(cells[c]) for c in ("actie", "eigenaar", "status", "reden")):
            continue
        act, found = check_action(cells)
        problems += _placed(found, row, header)
        if entry is not None and not found:
            akey = same_text(act["text"])
            if akey in entry["actions"]:
                problems += _placed(
                    [problem("actie", "duplicate", {"first": entry["actions"][akey]["row"]})],
                    row,
                    header,
                )
            else:
                entry["actions"][akey] = {"clean": act, "row": row}
    result = ImportResult(name)
    with _importing(store, result, "agenda.import", actor, problems, lang, dry_run) as (
        conn,
        who,
    ):
        for (area_id, _), entry in plan.items():
            clean, old = entry["clean"], entry["existing"]
            code = area_of(conn, area_id)["code"]
            extra = {"area": code, "file": name, "row": entry["row"]}
            if old is None:
                goal_id = insert(store, conn, "goal", clean, who, extra)
                result.goals_added += 1
            else:
                # Read again, locked, by _update: a goal removed since is refused.
                goal_id = int(old["id"])
                new = clean | {"text": old["text"]}  # matched up to case and spaces: keep it
                if update(store, conn, "goal", goal_id, new, GOAL_FIELDS, who, extra, lang):
                    result.goals_updated += 1
                else:
                    result.unchanged += 1
            for akey, item in entry["actions"].items():
                act, previous = item["clean"], known_actions.get((goal_id, akey))
                extra = {"goal": goal_id, "area": code, "file": name, "row": item["row"]}
                if previous is None:
                    insert(store, conn, "action", act | {"goal_id": goal_id}, who, extra)
                    result.actions_added += 1
                elif update(
                    store,
                    conn,
                    "action",
                    int(previous["id"]),
                    act | {"text": previous["text"]},
                    ACTION_FIELDS,
                    who,
                    extra,
                    lang,
                ):
                    result.actions_updated += 1
                else:
                    result.unchanged += 1
    return result


def import_notes(
    store: Store,
    raw: bytes,
    name: str,
    *,
    actor: str,
    division_id: int | None = None,
    lang: str = "nl",
    dry_run: bool = False,
) -> ImportResult:
    """Stories from a CSV or Excel file, one per row. A story already stored (same area,
    date, role, source and text) is skipped, so importing a file twice adds nothing."""
    required = ("gebiedcode", "datum", "rol", "bron", "tekst")
    frame, header, checker = _prepare(store, raw, name, NOTE_COLUMNS, required, division_id, lang)

    def identity(clean: dict[str, Any]) -> tuple:
        return (
            clean["area_id"],
            clean["date"],
            clean["author_role"],
            clean["source_type"],
            same_text(clean["text"]),
        )

    stored = {
        identity(
            {
                "area_id": int(r["area_id"]),
                "date": as_date(r["date"]),
                "author_role": r["author_role"],
                "source_type": r["source_type"],
                "text": r["text"],
            }
        )
        for r in records(notes_frame(store, checker.division_id))
    }
    problems: list[Problem] = []
    planned: dict[tuple, dict[str, Any]] = {}
    skipped = 0
    for cells in frame.to_dict("records"):
        row = int(cells["row"])
        clean, found = check_note(checker, cells)
        problems += _placed(found, row, header)
        if found:
            continue
        ident = identity(clean)
        if ident in planned:
            problems += _placed(
                [problem("tekst", "duplicate", {"first": planned[ident]["row"]})], row, header
            )
        elif ident in stored:
            skipped += 1
        else:
            planned[ident] = {"clean": clean, "row": row}
    result = ImportResult(name, unchanged=skipped)
    with _importing(store, result, "notes.import", actor, problems, lang, dry_run) as (
        conn,
        who,
    ):
        for item in planned.values():
            code = area_of(conn, item["clean"]["area_id"])["code"]
            extra = {"area": code, "file": name, "row": item["row"]}
            insert(store, conn, "note", item["clean"], who, extra)
            result.notes_added += 1
    return result
