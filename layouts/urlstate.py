"""Selections in the URL: permalinks that restore a view, with working back/forward.

Each page holds its own ``dcc.Location``; one callback per page keeps it and the page's
controls in step in both directions (Dash allows that circle inside one callback).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlencode

from dash import Dash, Input, Output, ctx, no_update


def read(search: str | None) -> dict[str, str]:
    """Query string → {name: first value}."""
    return {k: v[0] for k, v in parse_qs((search or "").lstrip("?")).items() if v}


def sync(app: Dash, location_id: str, params: dict[str, str]) -> None:
    """Keep ``location_id``'s query string and the controls (param → component id) in step."""
    names = list(params)

    @app.callback(
        Output(location_id, "search"),
        *[Output(params[n], "value") for n in names],
        Input(location_id, "search"),
        *[Input(params[n], "value") for n in names],
    )
    def _sync(search: str | None, *values: Any) -> tuple:
        if ctx.triggered_id == location_id:
            # Back/forward or a pasted link: the URL sets the controls.
            query = read(search)
            restored = [_typed(query.get(n), v) for n, v in zip(names, values, strict=True)]
            return (no_update, *restored)
        query = read(search)
        for name, value in zip(names, values, strict=True):
            if value in (None, "", []):
                query.pop(name, None)
            elif isinstance(value, list):
                query[name] = ",".join(str(v) for v in value)  # a multi-select: "A01,B02"
            else:
                query[name] = str(value)
        new = "?" + urlencode(query, safe=",")  # readable lists: gebieden=A01,B02
        return (new if new != (search or "?") else no_update, *[no_update] * len(names))


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
