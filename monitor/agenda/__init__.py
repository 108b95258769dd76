"""Gebiedsagenda and verhalen: goals, actions and notes per area.

The city's cycle runs gebiedsanalyse ("cijfers en verhalen") → gebiedsagenda →
gebiedsplan → gebiedsmonitor. This package keeps the agenda beside the numbers:

* **goals** per area, optionally linked to an indicator with a target by a year: a value
  (respecting the indicator's polarity) or "NAP" (reached when the area's class is *rond*
  or better), and their progress against the latest value and class;
* **actions** per goal with an owner organisation and a status; *niet mogelijk* needs a
  reason, because a promise that cannot be kept must say why;
* **notes** ("verhalen"): what residents and partners said, who (role), where (source
  type) and when. Plain text, always shown as text.

One set of checks serves the app's forms and the CSV import, so what a form refuses a
file refuses too, with the same message (plus row and column). A file with any error
changes nothing. Every change writes who and when on the row and a line in the audit log
with the old and new values, in the same transaction. Removing sets ``deleted_at``.
An edit reads the row it changes inside that transaction (locked on PostgreSQL) and
writes only while the row is live: a row someone removed meanwhile is refused, not edited.

One responsibility per module: :mod:`~monitor.agenda.model` (choices, limits, problems),
:mod:`~monitor.agenda.checks` (what a form or file may say),
:mod:`~monitor.agenda.storage` (reads and writes with their audit lines; the SQL is
:mod:`monitor.store.agenda`), :mod:`~monitor.agenda.edits` (one change at a
time), :mod:`~monitor.agenda.importing` (files), :mod:`~monitor.agenda.progress` and
:mod:`~monitor.agenda.texts` (what pages and the PDF show). Who makes a change is always
passed in (``actor``); nothing here reads a web request.
"""

from monitor.agenda.checks import (
    Checker,
    as_date,
    check_action,
    check_goal,
    check_note,
    parse_date,
    parse_number,
)
from monitor.agenda.edits import (
    add_action,
    add_goal,
    add_note,
    remove_action,
    remove_goal,
    remove_note,
    update_action,
    update_goal,
    update_note,
)
from monitor.agenda.importing import ImportResult, import_agenda, import_notes
from monitor.agenda.model import (
    ACTION_FIELDS,
    AGENDA_COLUMNS,
    ANONYMOUS,
    AUTHOR_ROLES,
    GOAL_FIELDS,
    MAX_ACTOR,
    NOT_POSSIBLE,
    NOTE_COLUMNS,
    NOTE_FIELDS,
    REACHED_CLASSES,
    SOURCE_TYPES,
    STATUSES,
    TARGET_KINDS,
    AgendaError,
    actor_name,
)
from monitor.agenda.progress import (
    GoalView,
    Progress,
    agenda_key,
    area_agenda,
    judge,
    records,
)
from monitor.agenda.storage import (
    TABLES,
    actions_frame,
    goals_frame,
    live_row,
    noted_areas,
    notes_count,
    notes_frame,
    stored_row,
)
from monitor.agenda.texts import (
    progress_text,
    role_label,
    source_label,
    status_label,
    story_rows,
    target_text,
)

__all__ = [
    "ACTION_FIELDS",
    "AGENDA_COLUMNS",
    "ANONYMOUS",
    "AUTHOR_ROLES",
    "GOAL_FIELDS",
    "MAX_ACTOR",
    "NOTE_COLUMNS",
    "NOTE_FIELDS",
    "NOT_POSSIBLE",
    "REACHED_CLASSES",
    "SOURCE_TYPES",
    "STATUSES",
    "TABLES",
    "TARGET_KINDS",
    "AgendaError",
    "Checker",
    "GoalView",
    "ImportResult",
    "Progress",
    "actions_frame",
    "actor_name",
    "add_action",
    "add_goal",
    "add_note",
    "agenda_key",
    "area_agenda",
    "as_date",
    "check_action",
    "check_goal",
    "check_note",
    "goals_frame",
    "import_agenda",
    "import_notes",
    "judge",
    "live_row",
    "noted_areas",
    "notes_count",
    "notes_frame",
    "parse_date",
    "parse_number",
    "progress_text",
    "records",
    "remove_action",
    "remove_goal",
    "remove_note",
    "role_label",
    "source_label",
    "status_label",
    "stored_row",
    "story_rows",
    "target_text",
    "update_action",
    "update_goal",
    "update_note",
]
