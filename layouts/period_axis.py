"""A chart's time axis for quarters and months (:mod:`monitor.period_kinds`).

The charts put a period at its number on the x axis: fine for years, but months
(``202412``, ``202501``) are not one step apart. For a figure of quarters or months every
trace's x becomes the period's ordinal (one step per period; a band's ``± 0.15`` kept),
the ticks get the labels ("mrt 2024") and the hover text says the label, not the number.
A figure of years is left as it is.
"""

from __future__ import annotations

from typing import Any

from monitor.period_kinds import JAAR, is_period, kind, ordinal, short_label, year_of


def sub_year(periods: list[int]) -> bool:
    return bool(periods) and is_period(periods[0]) and kind(periods[0]) != JAAR


def _position(x: Any) -> Any:
    if x is None:
        return None
    whole = round(float(x))
    return ordinal(whole) + (float(x) - whole) if is_period(whole) else x


def tick(period: int, lang: str) -> str:
    """A narrow two-line tick: "K1" over "2024", "mrt" over "2024"."""
    year = str(year_of(period))
    rest = short_label(period, lang).replace(year, "").strip()
    return f"{rest}<br>{year}"


def relabel(fig: Any, periods: list[int], lang: str) -> None:
    """Put a figure of quarters or months on an axis of one step per period."""
    if not sub_year(periods):
        return
    for trace in fig.data:
        if trace.x is None:
            continue
        xs = list(trace.x)
        trace.x = [_position(x) for x in xs]
        template = trace.hovertemplate
        if template and "%{x}" in template:
            trace.text = [short_label(round(float(x)), lang) if x is not None else "" for x in xs]
            trace.hovertemplate = template.replace("%{x}", "%{text}")
    step = -(-len(periods) // 8)  # at most 8 ticks: they fit on a phone
    shown = periods[::step]
    fig.update_xaxes(
        title=None,  # the ticks say it; two-line ticks would touch the legend
        tickmode="array",
        tickvals=[ordinal(p) for p in shown],
        ticktext=[tick(p, lang) for p in shown],
        tickangle=0,
    )
    fig.update_layout(legend={"y": -0.2})  # below the two-line ticks
    for shape in fig.layout.shapes or ():
        if shape.xref in (None, "x"):
            shape.x0, shape.x1 = _position(shape.x0), _position(shape.x1)
