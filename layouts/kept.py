"""Rendered pieces of a page kept in the shared cache (:mod:`monitor.cache`), as the JSON
dash-renderer receives: a buurtprofiel's domain table, its verhalen, its similar areas.

A piece is kept under everything it shows: the stamps of what it reads
(:mod:`monitor.store.stamps`), the area, the language and the choices on the page, so a
publish of werkloosheid renders werkloosheid's table anew and serves every other piece
as it was. Building a page's component tree and encoding it costs more than reading its
scores; a kept piece costs one lookup.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from plotly.io.json import to_json_plotly

from monitor import cache

#: Namespaces in the shared cache start with this.
NAMESPACE = "kept-"


def kept(namespace: str, parts: Sequence[Any], build: Callable[[], Any]) -> Any:
    """What ``build`` renders (a component, a list of them, or None) as JSON, built once
    per ``parts``; callers only pass it on to Dash, which sends it as it is."""

    def rendered() -> dict[str, Any]:
        # Wrapped: a piece that is None (no budget) is a value too, not a miss.
        return {"piece": json.loads(to_json_plotly(build()))}

    found = cache.remember(NAMESPACE + namespace, parts, rendered, cache.READ_ONLY_JSON)
    return found["piece"]
