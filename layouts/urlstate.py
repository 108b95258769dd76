"""Selections in the URL: permalinks that restore a view, with working back/forward.

Each page holds its own ``dcc.Location``; one callback per page keeps it and the page's
controls in step in both directions (Dash allows that circle inside one callback).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlencode

from dash import Dash, Input, Output, State, ctx, dcc, no_update

from web import reads


def read(search: str | None) -> dict[str, str]:
    """Query string → {name: first value}."""
    return {k: v[0] for k, v in parse_qs((search or "").lstrip("?")).items() if v}


def location(location_id: str) -> list[Any]:
    """The page's own Location plus a flag for its first report (see :func:`sync`)."""
    return [
        dcc.Location(id=location_id, refresh=False),
        dcc.Store(id=f"{location_id}-fresh", data=True),
    ]


def sync(app: Dash, location_id: str, params: dict[str, str]) -> None:
    """Keep ``location_id``'s query string and the controls (param → component id) in step."""
    names = list(params)

    @app.callback(
        Output(location_id, "search"),
        *[Output(params[n], "value") for n in names],
        Output(f"{location_id}-fresh", "data"),
        Input(location_id, "search"),
        *[Input(params[n], "value") for n in names],
        State(f"{location_id}-fresh", "data"),
    )
    @reads
    def _sync(search: str | None, *args: Any) -> tuple:
        *values, fresh = args
        # Back/forward: the URL sets the controls. Not on the Location's first report,
        # though: the page was just rendered from that URL and a control may have
        # corrected a value it does not offer (a year without data); then the controls
        # set the URL.
        if ctx.triggered_id == location_id and not fresh:
            query = read(search)
            restored = [_typed(query.get(n), v) for n, v in zip(names, values, strict=True)]
            return (no_update, *restored, no_update)
        query = read(search)
        for name, value in zip(names, values, strict=True):
            if value in (None, "", []):
                query.pop(name, None)
            elif isinstance(value, list):
                query[name] = ",".join(str(v) for v in value)  # a multi-select: "A01,B02"
            else:
                query[name] = str(value)
        new = "?" + urlencode(query, safe=",")  # readable lists: gebieden=A01,B02
        changed = new if new != (search or "?") else no_update
        return (changed, *[no_update] * len(names), False)


def _typed(text: str | None, current: Any) -> Any:
    """A query value in the type the control holds (years are numbers, multi-selects lists)."""
    if text is None:
        return no_update
    if isinstance(current, list):
        return [part for part in text.split(",") if part]
    if isinstance(current, int) or (current is None and text.isdigit()):
        try:
            return int(text)
        except ValueError:
            return no_update
    return text
