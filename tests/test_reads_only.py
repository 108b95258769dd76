"""Pages read, never score (issue 12): with the default settings no page layout and no
main callback computes a score or gathers values to score; they read the materialised
scores. Scoring on demand stays for another method or a base year."""

from __future__ import annotations

import inspect
import os
from collections.abc import Iterator
from typing import Any

import pytest

from monitor.scoring import Scorer, passes, read
from tests.support import dash_app_in_process

#: The pages and the callbacks a first visit runs, in order: (function name, the id
#: prefix of their outputs).
PAGES: dict[str, list[tuple[str, str]]] = {
    "/": [("periods", "kaart-"), ("restyle_callback", "kaart-")],
    "/tabel": [("periods", "period"), ("scores", "nap-line")],
    "/profiel": [],
    "/trends": [("areas", "trends-"), ("chart", "trends-")],
    "/vergelijking": [
        ("periods", "vergelijking-"),
        ("charts", "vergelijking-"),
        ("table", "vergelijking-"),
    ],
    "/vergelijken": [],
    "/blokjes": [("periods", "blokjes-"), ("restyle", "blokjes-")],
    "/begroting": [("periods", "begroting-"), ("table", "begroting-")],
    "/aandacht": [("periods", "aandacht-"), ("show", "aandacht-")],
    "/wijktypen": [("restyle", "wijktypen-")],
    "/agenda": [("show", "agenda-")],
    "/upload": [],
    "/beheer": [],
}
#: What each page must show afterwards (component id, property): proof the calls ran.
SHOWN = {
    "/": ("kaart-geojson", "hideout"),
    "/tabel": ("score-table", "children"),
    "/profiel": ("profiel-sections", "children"),
    "/trends": ("trends-graph", "figure"),
    "/vergelijking": ("vergelijking-table", "children"),
    "/vergelijken": ("vergelijken-table", "children"),
    "/blokjes": ("blokjes-points", "hideout"),
    "/begroting": ("begroting-spec", "children"),
    "/aandacht": ("aandacht-filter-result", "children"),
    "/wijktypen": ("wijktypen-legend", "children"),
    "/agenda": ("agenda-goals", "children"),
}
QUERIES = {
    "/profiel": {"gebied": "O01a"},
    "/trends": {"gebieden": "O01a,N01a"},
    "/vergelijken": {"gebieden": "O01a,N01a"},
    "/aandacht": {"filter": "werkloosheid_p:slechter;inkomen_gem:lt:30000"},
}


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with dash_app_in_process(tmp_path_factory.mktemp("reads"), public_read=True) as dash_app:
        yield dash_app


def refuse(*_args: Any, **_kwargs: Any) -> None:
    raise AssertionError("a read computed scores")


@pytest.fixture
def no_scoring(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every way to compute scores (or gather values to score) refuses."""
    monkeypatch.setattr(read, "compute", refuse)
    monkeypatch.setattr(read, "load_inputs", refuse)
    monkeypatch.setattr(passes, "compute", refuse)
    monkeypatch.setattr(passes, "load_inputs", refuse)
    monkeypatch.setattr(Scorer, "values", refuse)


def props(component: Any, found: dict[str, dict[str, Any]] | None = None) -> dict:
    """id → the component's properties, over the whole rendered tree."""
    found = {} if found is None else found
    if isinstance(component, list | tuple):
        for child in component:
            props(child, found)
        return found
    if not hasattr(component, "to_plotly_json"):
        return found
    own = component.to_plotly_json()["props"]
    if isinstance(own.get("id"), str):
        found[own["id"]] = own
    props(own.get("children"), found)
    for value in own.values():  # controls inside labels, tables inside details
        if hasattr(value, "to_plotly_json"):
            props(value, found)
    return found


def callbacks(web: Any, name: str, prefix: str) -> list[tuple[str, dict, Any]]:
    """(output, entry, function) of the callbacks ``name`` whose outputs start so."""
    out = []
    for output, entry in web.callback_map.items():
        function = inspect.unwrap(entry.get("callback", refuse))
        if function.__name__ == name and output.strip(".").startswith(prefix):
            out.append((output, entry, function))
    assert out, (name, prefix)
    return out


def run(output: str, entry: dict, function: Any, found: dict[str, dict[str, Any]]) -> None:
    """Call a callback with the page's current values; write what it returns back."""
    args = [
        "nl" if item["id"] == "lang" else found.get(item["id"], {}).get(item["property"])
        for item in [*entry["inputs"], *entry["state"]]
    ]
    result = function(*args)
    outputs = output.strip(".").split("...")
    results = result if len(outputs) > 1 else [result]
    for name, value in zip(outputs, results, strict=True):
        component, _, prop = name.partition("@")[0].rpartition(".")
        if type(value).__name__ != "NoUpdate":
            found.setdefault(component, {})[prop] = value


@pytest.mark.parametrize("path", list(PAGES))
def test_pages_and_their_callbacks_read_stored_scores(
    web: Any, no_scoring: None, path: str
) -> None:
    import app as app_module
    from monitor.store import Store

    store = Store(os.environ["MONITOR_DATABASE_URL"])
    with web.server.test_request_context("/"):
        layout = app_module.ROUTES[path].layout(store, "nl", QUERIES.get(path, {}))
        found = props(layout)
        assert found, path
        for name, prefix in PAGES[path]:
            for output, entry, function in callbacks(web, name, prefix):
                run(output, entry, function, found)
    if path in SHOWN:
        component, prop = SHOWN[path]
        assert found.get(component, {}).get(prop), (path, component, prop)


def test_a_non_default_method_may_compute(web: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The guard above is real: another method than the indicator's own computes."""
    from monitor.store import Store

    monkeypatch.setattr(read, "compute", refuse)
    scorer = Scorer(Store(os.environ["MONITOR_DATABASE_URL"]))
    with pytest.raises(AssertionError, match="computed"):
        scorer.score("werkloosheid_p", 2024, "buurt", method="absoluut")


def test_profile_groups_and_filter_read_stored_scores(web: Any, no_scoring: None) -> None:
    """A folded domain's rows and the filter's matches, as their callbacks send them."""
    from layouts.profiel import filtered, group_body
    from monitor.store import Store

    store = Store(os.environ["MONITOR_DATABASE_URL"])
    table = group_body(store, "O01a", "werk_inkomen", "nl")
    rows = [r for r in table.children if "data-indicator" in r.to_plotly_json()["props"]]
    werk = [i for i in Scorer(store).indicators.values() if i.domain == "werk_inkomen"]
    assert 0 < len(rows) <= len(werk)
    found, style, count = filtered(store, "O01a", "WERKLOOS", "nl")
    assert style == {"display": "none"} and int(count) >= 1
    assert len(found.children) == int(count) + 1  # the header row and the matches
    assert filtered(store, "O01a", "  ", "nl") == (None, {}, "")
    assert filtered(store, "O01a", "geen-indicator-heet-zo", "nl")[2] == "0"
