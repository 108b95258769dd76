"""Sparklines of the buurtprofiel: a small plotly line for the open rows, a tiny SVG
picture for the folded ones (hundreds of plotly graphs would take seconds to draw)."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

#: One indicator's series as plain lists: periods, the area's values, the NAPs.
Points = tuple[list[int], list[float], list[float]]


def series_points(series: Any) -> dict[str, Points]:
    """The profile's series per indicator as plain lists (pandas per row is slow)."""
    if series.empty:
        return {}
    ids = series["indicator_id"].to_numpy(dtype=object)
    periods = series["period"].to_numpy(dtype="int64").tolist()
    values = series["value"].to_numpy(dtype=float).tolist()
    naps = series["nap"].to_numpy(dtype=float).tolist()
    out: dict[str, Points] = {}
    for i, key in enumerate(ids):
        entry = out.setdefault(key, ([], [], []))
        entry[0].append(periods[i])
        entry[1].append(values[i])
        entry[2].append(naps[i])
    return out


def sparkline(series: Points | None, unit: str) -> dcc.Graph:
    """Small line of the area's values with the NAP as a dashed line; gaps stay gaps.
    A plain figure dict: building plotly objects for every row costs more than the page."""
    periods, values, naps = series or ([], [], [])

    def points(column: list[float]) -> list[float | None]:
        return [None if v != v else float(v) for v in column]

    figure = {
        "data": [
            {
                "type": "scatter",
                "x": periods,
                "y": points(naps),
                "mode": "lines",
                "name": "NAP",
                "line": {"dash": "dash", "color": "#777", "width": 1},
                "connectgaps": False,
            },
            {
                "type": "scatter",
                "x": periods,
                "y": points(values),
                "mode": "lines+markers",
                "name": "",
                "line": {"color": "#08519c", "width": 2},
                "marker": {"size": 4},
                "connectgaps": False,
            },
        ],
        "layout": {
            "height": 60,
            "width": 200,
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
            "showlegend": False,
            "xaxis": {"visible": False},
            "yaxis": {"visible": False},
            "plot_bgcolor": "white",
        },
    }
    return dcc.Graph(figure=figure, config={"staticPlot": True}, className="sparkline")


def mini_sparkline(points: Points | None) -> html.Img | None:
    """The area's values as a tiny SVG line with the NAP dashed (a picture, no plotly)."""
    if not points:
        return None
    years, value, nap = points
    known = [v for v in (*value, *nap) if v == v]
    if not known:
        return None
    low, span = min(known), (max(known) - min(known)) or 1.0
    first, width = min(years), (max(years) - min(years)) or 1

    def path(ys: list[float]) -> str:
        parts, pen = [], "M"
        for x, y in zip(years, ys, strict=True):
            if y != y:
                pen = "M"  # a gap stays a gap
                continue
            across, up = 2 + 116 * (x - first) / width, 22 - 20 * (y - low) / span
            parts.append(f"{pen}{across:.1f} {up:.1f}")
            pen = "L"
        return " ".join(parts)

    svg = (
        "<svg xmlns='http://www.w3.org/2000/svg' width='120' height='24'>"
        f"<path d='{path(nap)}' fill='none' stroke='%23777' stroke-dasharray='3 2'/>"
        f"<path d='{path(value)}' fill='none' stroke='%2308519c' stroke-width='2'/></svg>"
    )
    return html.Img(src=f"data:image/svg+xml;utf8,{svg}", className="sparkline-mini", alt="")
