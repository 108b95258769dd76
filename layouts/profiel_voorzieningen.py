"""The buurtprofiel's "Voorzieningen in en bij de buurt": every voorziening in the area
or within 500 m of its boundary (:func:`monitor.points_map.voorzieningen_near`), nearest
first, as plain text."""

from __future__ import annotations

from typing import Any

from dash import html

from layouts.kept import kept
from monitor.messages import t
from monitor.numbers import format_number
from monitor.points_map import point_frame, voorzieningen_near
from monitor.store import Store
from monitor.store.point_table import POINTS_KIND
from monitor.store.stamps import subject_key, uploads_key

#: Voorzieningen listed; the rest is counted.
SHOWN = 40


def section(store: Store, division_id: int, code: str, level: str, lang: str) -> Any:
    """The list, or None when the store has no voorzieningen at all; kept rendered per
    the areas and the points uploaded (a publish of meetingen leaves it)."""
    areas = subject_key(store, division_id, "areas")
    key = (store.url, division_id, areas, uploads_key(store, POINTS_KIND), code, level, lang)
    return kept("voorzieningen", key, lambda: _section(store, division_id, code, level, lang))


def _section(
    store: Store, division_id: int, code: str, level: str, lang: str
) -> html.Section | None:
    if point_frame(store, division_id, "voorzieningen").empty:
        return None
    near = voorzieningen_near(store, division_id, code, level)
    items = []
    for row in near.head(SHOWN).itertuples():
        where = (
            t("profiel.voorziening_in", lang)
            if row.inside
            else t("profiel.voorziening_near", lang, m=format_number(row.distance, 0, lang))
        )
        parts = [row.name or row.category, f" ({row.category})"]
        if row.address:
            parts.append(f", {row.address}")
        items.append(html.Li([*parts, " · ", html.Span(where, className="hint")]))
    body: list = [html.Ul(items, className="profiel-voorzieningen-list")] if items else []
    if len(near) > SHOWN:
        body.append(html.P(t("profiel.voorziening_more", lang, n=len(near) - SHOWN)))
    if not items:
        body.append(html.P(t("profiel.voorzieningen_none", lang), className="hint"))
    return html.Section(
        [html.H3(t("profiel.voorzieningen", lang)), *body],
        id="profiel-voorzieningen",
        className="profiel-voorzieningen",
    )
