"""Trends against another reference than the gemeente ("Vergelijk met"): the lines each
chosen area compares with, the band and the names (read from :class:`monitor.trends.Trend`,
nothing computed here)."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from layouts import reference_choice
from monitor import period_kinds
from monitor.export import plot_text
from monitor.messages import t
from monitor.trends import Trend

BASE_YEAR_COLOUR = "#444444"


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def averages(trend: Trend) -> dict[tuple[str, int], str]:
    """(area code, year) → the name its class compares with (empty: the gemeente)."""
    if trend.own is None:
        return {}
    own = trend.own[trend.own["gemiddelde"].notna()]
    return {
        (str(c), int(p)): str(g)
        for c, p, g in zip(own["code"], own["period"], own["gemiddelde"], strict=True)
    }


def band(trend: Trend) -> tuple[list[int], list[float], list[float], str | None] | None:
    """The grey band: years, low, high and the name of what it is around (None: the
    gemeente); None when each area has a reference of its own (a band per area would
    hide the lines)."""
    if trend.own is None:
        ref = trend.reference
        return ref["period"].tolist(), ref["low"].tolist(), ref["high"].tolist(), None
    if not trend.shared:
        return None
    rows = trend.own.drop_duplicates("period")
    named = rows["gemiddelde"].dropna()
    name = str(named.iloc[0]) if not named.empty else None
    return (
        [int(p) for p in rows["period"]],
        rows["low"].tolist(),
        rows["high"].tolist(),
        name,
    )


def traces(
    trend: Trend, lang: str, area_colour: dict[str, str], fmt: Any, plain: Any
) -> list[go.Scatter]:
    """One dashed line per reference in the colour of its first chosen area (a stadsdeel
    shared by two areas is one line); a base year: one flat grey line."""
    if trend.own is None:
        return []
    names = dict(zip(trend.lines["code"], trend.lines["naam"], strict=False))
    out: list[go.Scatter] = []
    for key, rows in trend.own.groupby("key", sort=False):
        first = str(rows["code"].iloc[0])
        rows = rows[rows["code"] == first]
        named = rows["gemiddelde"].dropna()
        average = str(named.iloc[-1]) if not named.empty else str(key)
        if trend.referentie == "vergelijkbaar":
            name = t("trends.reference.similar", lang, naam=names.get(first, first))
        else:
            name = capital(average)
        name = plot_text(name)
        colour = BASE_YEAR_COLOUR if trend.shared else area_colour.get(first, "#555555")
        hover = [plot_text(capital(g)) if isinstance(g, str) else "" for g in rows["gemiddelde"]]
        out.append(
            go.Scatter(
                x=[int(p) for p in rows["period"]],
                y=plain(rows["nap"]),
                mode="lines+markers",
                connectgaps=False,
                name=name,
                line={"color": colour, "dash": "dashdot" if trend.shared else "dash", "width": 2},
                marker={"size": 5, "color": colour, "symbol": "diamond"},
                customdata=[list(p) for p in zip(fmt(rows["nap"]), hover, strict=True)],
                hovertemplate="<b>%{customdata[1]}</b> %{x}: %{customdata[0]}<extra></extra>",
                meta="referentie",
                legendgroup=f"ref-{key}",
            )
        )
    return out


def line(trend: Trend, lang: str) -> str:
    """The sentence above the chart: what the classes compare with (empty: NAP)."""
    if trend.frame is None or not len(trend.frame):
        return ""
    return reference_choice.line(trend.frame, trend.indicator, lang)


def own_note(trend: Trend, lang: str) -> str:
    """The note under the chart when each area has its own reference."""
    average = reference_choice.frame_average(trend.frame, lang) if trend.frame is not None else ""
    that = t(f"period.that.{period_kinds.indicator_kind(trend.indicator.id)}", lang)
    return t("trends.note.own", lang, gemiddelde=average, die_periode=that)
