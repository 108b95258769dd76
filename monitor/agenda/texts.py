"""The agenda in words, shared by the pages and the PDF: labels of statuses, roles and
sources, the stories of an area, a goal's target and its progress."""

from __future__ import annotations

from typing import Any

from monitor.agenda.progress import GoalView, records
from monitor.agenda.storage import notes_frame
from monitor.messages import average_name, class_label, t
from monitor.numbers import format_difference, format_value
from monitor.store import Store


def status_label(status: str, lang: str = "nl") -> str:
    return t(f"agenda.status.{status}", lang)


def role_label(role: str, lang: str = "nl") -> str:
    return t(f"agenda.role.{role}", lang)


def source_label(source: str, lang: str = "nl") -> str:
    return t(f"agenda.source.{source}", lang)


def story_rows(store: Store, division_id: int, code: str, lang: str) -> list[dict[str, Any]]:
    """The area's verhalen (and those of the areas inside it), newest first, as texts."""
    out = []
    for row in records(notes_frame(store, division_id, code, within=True)):
        when = row["date"]
        out.append(
            {
                "id": row["id"],
                "code": row["code"],
                "area": row["area_name"],
                "own": str(row["code"]).casefold() == str(code).casefold(),
                "date": when.isoformat() if hasattr(when, "isoformat") else str(when),
                "period": row["period"],
                "role": role_label(row["author_role"], lang),
                "source": source_label(row["source_type"], lang),
                "author_role": row["author_role"],
                "source_type": row["source_type"],
                "text": row["text"],
                "created_by": row["created_by"],
            }
        )
    return out


def target_text(view: GoalView, lang: str = "nl", gemeente: str | None = None) -> str:
    """ "Werkloosheid: hoogstens 6,0% in 2026" or "…: rond of beter dan het … in 2026"."""
    goal, ind = view.goal, view.indicator
    if ind is None or goal["target_kind"] is None:
        return t("agenda.target.none", lang)
    label = ind.label(lang)
    year = goal["target_year"]
    if goal["target_kind"] == "nap":
        key = "agenda.target.nap_neutral" if ind.polarity == "neutraal" else "agenda.target.nap"
        return t(key, lang, indicator=label, gemiddelde=average_name(gemeente, lang), year=year)
    value = format_value(goal["target_value"], ind.unit, ind.decimals, lang)
    key = "agenda.target.min" if ind.polarity == "hoger-beter" else "agenda.target.max"
    return t(key, lang, indicator=label, value=value, year=year)


def progress_text(view: GoalView, lang: str = "nl", gemeente: str | None = None) -> str:
    """The latest value, NAP and class in words, then the verdict (and the gap)."""
    p, ind = view.progress, view.indicator
    if ind is None or p.state == "geen_doel":
        return ""
    parts = []
    if p.period is not None:
        parts.append(
            t(
                "agenda.latest",
                lang,
                period=p.period,
                value=format_value(p.value, ind.unit, ind.decimals, lang),
                nap=format_value(p.nap, ind.unit, ind.decimals, lang),
                klasse=class_label(p.klasse or "geen_gegevens", lang, gemeente),
            )
        )
    verdict = t(f"agenda.state.{p.state}", lang, year=view.goal["target_year"])
    if p.within_margin(view.goal["target_kind"], view.goal["target_value"]):
        verdict = t(
            f"agenda.state.bereikt_marge.{view.goal['target_kind']}",
            lang,
            low=format_value(p.ci_low, ind.unit, ind.decimals, lang),
            high=format_value(p.ci_high, ind.unit, ind.decimals, lang),
        )
    if p.gap and p.state != "geen_gegevens":
        amount = format_difference(p.gap, ind.unit, ind.decimals, lang, signed=False)
        key = "agenda.gap.to_go" if p.gap > 0 else "agenda.gap.ahead"
        verdict = f"{verdict} ({t(key, lang, gap=amount)})"
    verdict += "."
    parts.append(verdict)
    return " ".join(parts)
