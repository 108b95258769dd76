"""Every route and every callback of the real app, called as anonymous, lezer, analist and
beheerder over HTTP (Flask's test client, CSRF on): allowed or refused as its mark says.

A callback or view without a mark fails ``test_everything_carries_an_access_mark``, so a
new state-changing callback cannot be added without a server-side check.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

import pytest
from dash.exceptions import PreventUpdate

from monitor.auth import PUBLIC, READ, ROLES, access_of, allows, dash_endpoints
from tests.support import client_for, csrf_header, dash_app_in_process

#: Who calls: nobody logged in, then one account per role.
CALLERS: tuple[str | None, ...] = (None, *ROLES)


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The app of ``app.py`` on a fresh demo store, one account per role, public read off."""
    with dash_app_in_process(tmp_path_factory.mktemp("access")) as dash_app:
        yield dash_app


def callback_body(output: str, entry: dict[str, Any]) -> dict[str, Any]:
    """A ``_dash-update-component`` body as dash-renderer builds it: every input and state
    empty, pattern-matching ones without matches."""

    def value(item: dict[str, str]) -> Any:
        if item["id"].startswith("{"):
            return []
        return {"id": item["id"], "property": item["property"], "value": None}

    outputs = []
    for part in output.strip(".").split("..."):
        component, _, prop = part.rpartition(".")
        outputs.append({"id": component, "property": prop.split("@")[0]})
    return {
        "output": output,
        "outputs": outputs if output.startswith("..") else outputs[0],
        "inputs": [value(i) for i in entry["inputs"]],
        "state": [value(s) for s in entry["state"]],
        "changedPropIds": [],
    }


def expected_allowed(access: tuple[str, bool], role: str | None, public_read: bool) -> bool:
    needed, changing = access
    if needed == PUBLIC:
        return True
    if role is None:
        return needed == READ and not changing and public_read
    return allows(role, needed)


def test_everything_carries_an_access_mark(web: Any) -> None:
    """Every Dash callback and every Flask view that is not Dash's own plumbing has a mark."""
    unmarked = [
        out for out, entry in web.callback_map.items() if access_of(entry["callback"]) is None
    ]
    assert unmarked == [], f"callbacks without @reads/@changes: {unmarked}"
    internal, pages, callback_endpoint = dash_endpoints(web.config.routes_pathname_prefix)
    views = set(web.server.view_functions) - internal - pages - {callback_endpoint}
    missing = [name for name in views if access_of(web.server.view_functions[name]) is None]
    assert missing == [], f"Flask views without an access mark: {missing}"
    public = {name for name in views if access_of(web.server.view_functions[name])[0] == PUBLIC}
    assert public == {"monitor_login", "monitor_logout", "monitor_sso", "monitor_sso_callback"}
    # The app has state-changing callbacks for analist and beheerder at least.
    needed = {access_of(e["callback"]) for e in web.callback_map.values()}
    assert ("analist", True) in needed and ("beheerder", True) in needed


@pytest.mark.parametrize("public_read", [False, True])
def test_every_callback_allows_or_refuses_each_role(
    web: Any, monkeypatch: pytest.MonkeyPatch, public_read: bool
) -> None:
    """Each callback, called as each caller: refused with 401/403 before its body runs, or
    let through (the spied body runs and stops with PreventUpdate: 204)."""
    monkeypatch.setenv("MONITOR_PUBLIC_READ", "1" if public_read else "0")
    clients = {role: client_for(web, role) for role in CALLERS}
    checked = 0
    for output, entry in list(web.callback_map.items()):
        original = entry["callback"]
        access = access_of(original)
        calls: list[int] = []

        @functools.wraps(original)  # keeps the mark (and __wrapped__) of the real callback
        def spy(*_args: Any, _calls: list[int] = calls, **_kwargs: Any) -> Any:
            _calls.append(1)
            raise PreventUpdate

        monkeypatch.setitem(entry, "callback", spy)
        for role, client in clients.items():
            calls.clear()
            answer = client.post(
                "/_dash-update-component",
                json=callback_body(output, entry),
                headers=csrf_header(client),
            )
            if expected_allowed(access, role, public_read):
                assert answer.status_code == 204, (output, role, answer.status_code)
                assert calls == [1], (output, role)
            else:
                assert answer.status_code == (401 if role is None else 403), (output, role)
                assert calls == [], (output, role)
            checked += 1
    assert checked == len(web.callback_map) * len(CALLERS)


def _sample_url(rule: Any) -> str:
    """A concrete URL for a rule: converters get a harmless sample value."""
    samples = {
        "path": "trends",
        "filename": "style.css",
        "package_name": "dash",
        "fingerprinted_path": "deps/polyfill@7.12.1.min.js",
        "code": "N01a",  # a demo buurt
    }
    return re.sub(r"<(?:[^:>]+:)?([^>]+)>", lambda m: samples.get(m[1], "x"), rule.rule)


@pytest.mark.parametrize("public_read", [False, True])
def test_every_flask_route_allows_or_refuses_each_role(
    web: Any, monkeypatch: pytest.MonkeyPatch, public_read: bool
) -> None:
    monkeypatch.setenv("MONITOR_PUBLIC_READ", "1" if public_read else "0")
    internal, pages, callback_endpoint = dash_endpoints(web.config.routes_pathname_prefix)
    clients = {role: client_for(web, role) for role in CALLERS}
    for rule in web.server.url_map.iter_rules():
        if rule.endpoint == callback_endpoint:
            continue  # every callback: the test above
        view = web.server.view_functions[rule.endpoint]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            access = (READ, False) if rule.endpoint in pages else access_of(view)
            for role, client in clients.items():
                url = _sample_url(rule)
                answer = client.open(url, method=method, headers=csrf_header(client))
                where = (rule.rule, method, role, answer.status_code)
                if rule.endpoint in internal:
                    assert answer.status_code not in (401, 403), where
                    continue
                assert access is not None
                if access[0] == PUBLIC:
                    continue  # login, logout (test_auth) and single sign-on (test_sso)
                if expected_allowed(access, role, public_read):
                    assert answer.status_code not in (401, 403), where
                    assert not answer.headers.get("Location", "").startswith("/login"), where
                elif role is None and method == "GET":
                    assert answer.status_code == 302, where
                    assert answer.headers["Location"].startswith("/login?"), where
                else:
                    assert answer.status_code == (401 if role is None else 403), where


def test_pages_need_a_login_unless_public_read(web: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import app as app_module

    anonymous = client_for(web, None)
    monkeypatch.setenv("MONITOR_PUBLIC_READ", "0")
    for path in app_module.ROUTES:
        answer = anonymous.get(f"{path}?lang=en")
        assert answer.status_code == 302
        assert answer.headers["Location"] == (
            f"/login?lang=en&next={path.replace('/', '%2F')}%3Flang%3Den"
        )
    monkeypatch.setenv("MONITOR_PUBLIC_READ", "1")
    for path in app_module.ROUTES:
        assert anonymous.get(path).status_code == 200


def test_a_callback_without_the_csrf_token_is_refused(web: Any) -> None:
    beheerder = client_for(web, "beheerder")
    output, entry = next(
        (o, e) for o, e in web.callback_map.items() if access_of(e["callback"]) == ("analist", True)
    )
    body = callback_body(output, entry)
    answer = beheerder.post("/_dash-update-component", json=body)
    assert answer.status_code == 400
    assert "beveiligingstoken" in answer.get_data(as_text=True)
    wrong = beheerder.post(
        "/_dash-update-component", json=body, headers={"X-CSRFToken": "ongeldig"}
    )
    assert wrong.status_code == 400


def test_unknown_and_unmarked_callbacks_are_refused(
    web: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fail closed: a callback without a mark is refused even to a beheerder."""
    beheerder = client_for(web, "beheerder")
    calls: list[int] = []

    def unmarked(*_args: Any, **_kwargs: Any) -> Any:
        calls.append(1)
        return "changed"

    entry = {"callback": unmarked, "inputs": [], "state": []}
    monkeypatch.setitem(web.callback_map, "nergens.children", entry)
    answer = beheerder.post(
        "/_dash-update-component",
        json=callback_body("nergens.children", entry),
        headers=csrf_header(beheerder),
    )
    assert answer.status_code == 403 and calls == []
    unknown = beheerder.post(
        "/_dash-update-component",
        json={"output": "bestaat-niet.children", "inputs": [], "changedPropIds": []},
        headers=csrf_header(beheerder),
    )
    assert unknown.status_code == 403
    garbage = beheerder.post(
        "/_dash-update-component", data="geen json", headers=csrf_header(beheerder)
    )
    assert garbage.status_code == 403
