"""The request body dash-renderer POSTs to ``/_dash-update-component``, built from the
app's own callback specs: the load bench builds it from the server's
``/_dash-dependencies``, the tests from an app's ``callback_map`` (``tests.support``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def callback_body(
    callbacks: Mapping[str, Mapping[str, Any]] | Iterable[Mapping[str, Any]],
    first: str,
    values: dict[str, Any] | None = None,
    changed: str | None = None,
) -> dict[str, Any]:
    """The body for the callback whose (first) output is ``first`` (e.g.
    ``upload-report.children``; or the callback's whole output key). ``callbacks``: a
    Dash app's ``callback_map`` (output key → spec) or the list ``/_dash-dependencies``
    returns (specs with their ``output``). ``values`` (``id.property`` → value) for its
    inputs and state, everything else empty (a pattern-matching input or output without
    matches: an empty list); ``changed`` (default: the first key of ``values``, none
    without values) is the property that fired it."""
    if not isinstance(callbacks, Mapping):
        callbacks = {spec["output"]: spec for spec in callbacks}
    values = values or {}
    found = [o for o in callbacks if o == first or o.strip(".").split("...")[0] == first]
    if not found:  # (an allow_duplicate twin's key differs: it is never picked)
        raise LookupError(f"no callback with output {first}")
    output = min(found, key=lambda o: o != first)  # the whole key, when given
    entry = callbacks[output]

    def item(spec: Mapping[str, Any]) -> dict[str, Any] | list:
        if spec["id"].startswith("{"):
            return []
        key = f"{spec['id']}.{spec['property']}"
        return {"id": spec["id"], "property": spec["property"], "value": values.get(key)}

    outputs: list = []
    for part in output.strip(".").split("..."):
        component, _, prop = part.rpartition(".")
        pattern = component.startswith("{")
        outputs.append([] if pattern else {"id": component, "property": prop.split("@")[0]})
    fired = changed or next(iter(values), None)
    return {
        "output": output,
        "outputs": outputs if output.startswith("..") else outputs[0],
        "inputs": [item(i) for i in entry["inputs"]],
        "state": [item(s) for s in entry["state"]],
        "changedPropIds": [fired] if fired else [],
    }
