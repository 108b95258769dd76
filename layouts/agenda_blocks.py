"""Gebiedsagenda blocks: a goal with its target, progress and table of actions, and a
story; shared by the agenda page and the buurtprofiel.

Everything a user typed is passed to Dash as text children, never as markup, so a note
reading ``<script>`` shows those characters.
"""

from __future__ import annotations

from typing import Any

from dash import html

from monitor import agenda
from monitor.messages import t


def _meta(row: dict[str, Any], lang: str) -> str:
    """Who added and last changed a row, and when."""
    parts = [t("agenda.meta.created", lang, by=row["created_by"], at=_day(row["created_at"]))]
    if row.get("updated_by"):
        parts.append(
            t("agenda.meta.updated", lang, by=row["updated_by"], at=_day(row["updated_at"]))
        )
    return "; ".join(parts)


def _day(value: Any) -> str:
    return f"{value:%Y-%m-%d}" if hasattr(value, "strftime") else str(value or "")


def _buttons(kind: str, row_id: int, lang: str) -> html.Span:
    return html.Span(
        [
            html.Button(
                t("agenda.edit", lang),
                id={"type": f"agenda-edit-{kind}", "index": row_id},
                className="link-button",
            ),
            html.Button(
                t("agenda.remove", lang),
                id={"type": "agenda-remove", "kind": kind, "index": row_id},
                className="link-button",
            ),
        ],
        className="agenda-buttons",
    )


def goal_block(
    view: agenda.GoalView, lang: str, gemeente: str | None, editable: bool = False
) -> html.Article:
    """One goal: text, target, progress, and its actions (all as text children)."""
    goal = view.goal
    progress = agenda.progress_text(view, lang, gemeente)
    actions = (
        html.Table(
            [
                html.Tr(
                    [
                        html.Th(t("agenda.field.actie", lang)),
                        html.Th(t("agenda.col.eigenaar", lang)),
                        html.Th(t("agenda.field.status", lang)),
                        html.Th(t("agenda.col.reden", lang)),
                        html.Th("") if editable else None,
                    ]
                ),
                *[
                    html.Tr(
                        [
                            html.Td(act["text"], className="agenda-text"),
                            html.Td(act["owner"]),
                            html.Td(
                                agenda.status_label(act["status"], lang),
                                **{"data-status": act["status"]},
                            ),
                            html.Td(act["reason"] or "", className="agenda-text"),
                            html.Td(_buttons("action", act["id"], lang)) if editable else None,
                        ],
                        title=_meta(act, lang),
                        **{"data-action": str(act["id"])},
                    )
                    for act in view.actions
                ],
            ],
            className="data agenda-actions",
        )
        if view.actions
        else html.P(t("agenda.no_actions", lang), className="hint")
    )
    state = view.progress.state
    return html.Article(
        [
            html.H4([html.Span(goal["text"], className="agenda-text")]),
            _buttons("goal", view.id, lang) if editable else None,
            html.P(agenda.target_text(view, lang, gemeente), className="agenda-target"),
            html.P(
                [html.Strong(f"{t('agenda.progress', lang)}: "), progress],
                className="agenda-progress",
                **{"data-state": state},
            )
            if progress
            else None,
            actions,
            html.P(_meta(goal, lang), className="hint"),
        ],
        className="agenda-goal",
        **{"data-goal": str(view.id), "data-state": state},
    )


def note_block(note: dict[str, Any], lang: str, editable: bool = False) -> html.Article:
    """One story: date, role, source (and area when it is about an area inside), text."""
    meta = f"{note['date']} · {note['role']} · {note['source']}"
    if not note["own"]:
        meta += " · " + t("agenda.note.within", lang, area=f"{note['area']} ({note['code']})")
    return html.Article(
        [
            html.P(meta, className="note-meta"),
            html.P(note["text"], className="note-text agenda-text"),
            _buttons("note", note["id"], lang) if editable and note["own"] else None,
        ],
        className="agenda-note",
        **{"data-note": str(note["id"])},
    )


def goals_section(views: list[agenda.GoalView], lang: str, gemeente: str, editable: bool) -> list:
    if not views:
        return [html.P(t("agenda.no_goals", lang), className="hint", id="agenda-no-goals")]
    return [goal_block(v, lang, gemeente, editable) for v in views]


def notes_section(notes: list[dict[str, Any]], lang: str, editable: bool) -> list:
    if not notes:
        return [html.P(t("agenda.no_notes", lang), className="hint", id="agenda-no-notes")]
    return [note_block(n, lang, editable) for n in notes]
