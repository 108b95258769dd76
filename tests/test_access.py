"""Every route and every callback of the real app, called as anonymous, lezer, analist and
beheerder over HTTP (Flask's test client, CSRF on): allowed or refused as its mark says.

A callback or view without a mark fails ``test_everything_carries_an_access_mark``, so a
new state-changing callback cannot be added without a server-side check.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import sqlalchemy as sa
from dash.exceptions import PreventUpdate

from monitor.store import Store
from tests.support import (
    callback_body,
    client_for,
    csrf_header,
    dash_app_in_process,
    server_callbacks,
)
from web import PUBLIC, READ, ROLES, access_of, allows, dash_endpoints

#: Who calls: nobody logged in, then one account per role.
CALLERS: tuple[str | None, ...] = (None, *ROLES)


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The app of ``app.py`` on a fresh demo store, one account per role, public read off."""
    with dash_app_in_process(tmp_path_factory.mktemp("access")) as dash_app:
        yield dash_app


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
        out for out, entry in server_callbacks(web).items() if access_of(entry["callback"]) is None
    ]
    assert unmarked == [], f"callbacks without @reads/@changes: {unmarked}"
    internal, pages, callback_endpoint = dash_endpoints(web.config.routes_pathname_prefix)
    views = set(web.server.view_functions) - internal - pages - {callback_endpoint}
    missing = [name for name in views if access_of(web.server.view_functions[name]) is None]
    assert missing == [], f"Flask views without an access mark: {missing}"
    public = {name for name in views if access_of(web.server.view_functions[name])[0] == PUBLIC}
    assert public == {
        "monitor_login",
        "monitor_logout",
        "monitor_sso",
        "monitor_sso_callback",
        "monitor_health",  # a load balancer has no login
        "monitor_me",  # answers 401 itself without a session
    }
    # The app has state-changing callbacks for analist and beheerder at least.
    needed = {access_of(e["callback"]) for e in server_callbacks(web).values()}
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
    for output, entry in list(server_callbacks(web).items()):
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
                json=callback_body(web, output),
                headers=csrf_header(client),
            )
            if expected_allowed(access, role, public_read):
                assert answer.status_code == 204, (output, role, answer.status_code)
                assert calls == [1], (output, role)
            else:
                assert answer.status_code == (401 if role is None else 403), (output, role)
                assert calls == [], (output, role)
            checked += 1
    assert checked == len(server_callbacks(web)) * len(CALLERS)


def _sample_url(rule: Any) -> str:
    """A concrete URL for a rule: converters get a harmless sample value."""
    samples = {
        "path": "trends",
        "filename": "style.css",
        "package_name": "dash",
        "fingerprinted_path": "deps/polyfill@7.12.1.min.js",
        "code": "N01a",  # a demo buurt
        "nummer": "1",  # an API token (web/tokens_api.py)
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
                elif role is None and method == "GET" and not rule.rule.startswith("/api/"):
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
    output = next(
        o for o, e in server_callbacks(web).items() if access_of(e["callback"]) == ("analist", True)
    )
    body = callback_body(web, output)
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
        json=callback_body(web, "nergens.children"),
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


# -- a read is a read: @reads and @needs callbacks never write ------------------------------


class WriteAttempt(Exception):
    """Raised by the read-only store on any write."""


@contextmanager
def read_only_store(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The app's store refuses every write while this holds: ``Store.begin`` raises (and
    is recorded), and SQLite runs with ``PRAGMA query_only`` so a write that goes around
    ``begin`` (``engine.begin()``, a commit on a plain connection) fails too. Yields the
    list of writes tried through ``begin``."""
    import app as app_module

    engine = app_module.get_store().engine
    tried: list[str] = []

    def refuse(_store: Store) -> Any:
        tried.append("Store.begin")
        raise WriteAttempt("a read callback opened a write transaction")

    def query_only(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.execute("PRAGMA query_only=ON")

    monkeypatch.setattr(Store, "begin", refuse)
    sa.event.listen(engine, "connect", query_only)
    engine.dispose()  # every connection from now on is read-only
    try:
        yield tried
    finally:
        sa.event.remove(engine, "connect", query_only)
        engine.dispose()


def _props(tree: Any, found: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Component id → props, for every component with a string id in a layout's JSON."""
    if isinstance(tree, list):
        for item in tree:
            _props(item, found)
    elif isinstance(tree, dict):
        props = tree.get("props")
        if isinstance(props, dict) and "type" in tree:
            if isinstance(props.get("id"), str):
                found[props["id"]] = props
            for value in props.values():
                _props(value, found)
        else:
            for value in tree.values():
                _props(value, found)
    return found


def page_props(client: Any, path: str) -> dict[str, dict[str, Any]]:
    """The components of a page as dash-renderer receives them (through the page callback
    and the guard), with the props they start with."""
    body = {
        "output": "..header.children...page.children...lang.data..",
        "outputs": [
            {"id": "header", "property": "children"},
            {"id": "page", "property": "children"},
            {"id": "lang", "property": "data"},
        ],
        "inputs": [{"id": "url", "property": "pathname", "value": path}],
        "state": [{"id": "url", "property": "search", "value": ""}],
        "changedPropIds": ["url.pathname"],
    }
    answer = client.post("/_dash-update-component", json=body, headers=csrf_header(client))
    assert answer.status_code == 200, (path, answer.status_code)
    found = _props(answer.get_json()["response"], {})
    found["url"] = {"pathname": path, "search": ""}
    found["lang"] = {"data": "nl"}
    return found


def loaded_body(web: Any, output: str, props: dict[str, dict[str, Any]]) -> dict:
    """A callback body with the values a page starts with, as on its first load."""
    body = callback_body(web, output)
    for item in [*body["inputs"], *body["state"]]:
        if isinstance(item, dict):
            item["value"] = props.get(item["id"], {}).get(item["property"])
    first = [i for i in body["inputs"] if isinstance(i, dict)][:1]
    body["changedPropIds"] = [f"{i['id']}.{i['property']}" for i in first]
    return body


def call_reads(
    web: Any, client: Any, pages: list[dict[str, dict[str, Any]]], only: str | None = None
) -> list[str]:
    """Call every callback that only reads (``@reads``/``@needs``; or just ``only``) as a
    beheerder, with the start values of the first page that has its inputs; the outputs
    that failed."""
    failed = []
    for output, entry in server_callbacks(web).items():
        access = access_of(entry["callback"])
        if access is None or access[1] or only not in (None, output):
            continue
        ids = {i["id"] for i in entry["inputs"]}
        props = next((p for p in pages if ids <= p.keys()), {})
        answer = client.post(
            "/_dash-update-component",
            json=loaded_body(web, output, props),
            headers=csrf_header(client),
        )
        if answer.status_code not in (200, 204):
            failed.append(f"{output}: {answer.status_code}")
    return failed


def test_callbacks_that_read_never_write(web: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ``@reads``/``@needs`` callback, called as on a page's first load against a
    store that refuses writes: none of them tries. A read that writes would let a lezer
    (or anyone, in public mode) change state past every ``@changes`` check."""
    import app as app_module

    client = client_for(web, "beheerder")
    pages = [page_props(client, path) for path in app_module.ROUTES]
    monkeypatch.setitem(web.server.config, "PROPAGATE_EXCEPTIONS", True)
    called = Counter()
    for entry in server_callbacks(web).values():
        access = access_of(entry["callback"])
        if access is not None and not access[1]:
            original = entry["callback"]

            @functools.wraps(original)
            def counted(*args: Any, _original: Any = original, **kwargs: Any) -> Any:
                called[_original.__name__] += 1
                return _original(*args, **kwargs)

            monkeypatch.setitem(entry, "callback", counted)
    with read_only_store(monkeypatch) as tried:
        failed = call_reads(web, client, pages)
    assert tried == [] and failed == []
    reads = [e for e in server_callbacks(web).values() if not access_of(e["callback"])[1]]
    assert sum(called.values()) == len(reads) > 20  # every one of them ran


def test_a_read_that_writes_is_caught(web: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above would notice: the page callback (``@reads``) made to write an audit
    line first."""
    import app as app_module
    from monitor import audit

    client = client_for(web, "beheerder")
    output = "..header.children...page.children...lang.data.."
    entry = web.callback_map[output]
    original = entry["callback"]

    @functools.wraps(original)  # keeps the @reads mark
    def sneaky(*args: Any, **kwargs: Any) -> Any:
        audit.record(app_module.get_store(), "lezer", "stiekem", "")
        return original(*args, **kwargs)

    monkeypatch.setitem(entry, "callback", sneaky)
    monkeypatch.setitem(web.server.config, "PROPAGATE_EXCEPTIONS", True)
    with read_only_store(monkeypatch) as tried, pytest.raises(WriteAttempt):
        call_reads(web, client, [{"url": {"pathname": "/"}}], only=output)
    assert tried == ["Store.begin"]


# -- request size ---------------------------------------------------------------------------


class Body:
    """A request body of ``size`` bytes made up as it is read; counts what was read."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.position = 0
        self.read_bytes = 0

    def read(self, n: int | None = -1) -> bytes:
        left = self.size - self.position
        n = left if n is None or n < 0 else min(n, left)
        self.position += n
        self.read_bytes += n
        return b" " * n

    def readline(self, n: int | None = -1) -> bytes:
        return self.read(n)

    def tell(self) -> int:  # the test client measures the body
        return self.position

    def seek(self, offset: int, whence: int = 0) -> int:
        self.position = self.size + offset if whence == 2 else offset
        return self.position


def test_an_oversized_callback_is_refused_before_it_is_read(
    web: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Anyone can get a CSRF token; a callback body larger than the largest upload as JSON
    (50 MB, as base64: 67 MB, plus the rest: 75 MB) is refused with 413 by its length, and
    the guard never reads it into memory to find the callback."""
    from web import max_request_bytes

    limit = max_request_bytes()
    assert web.server.config["MAX_CONTENT_LENGTH"] == limit
    assert 50 * 1024 * 1024 * 4 / 3 < limit <= 75 * 1024 * 1024  # a 50 MB upload fits
    anonymous = client_for(web, None)
    body = Body(limit + 1)
    answer = anonymous.post(
        "/_dash-update-component",
        input_stream=body,
        content_type="application/json",
        headers=csrf_header(anonymous),
    )
    assert answer.status_code == 413
    assert answer.get_data(as_text=True) == "Geweigerd: het verzoek is groter dan 75 MB."
    assert body.read_bytes == 0
    # Without a length (chunked), reading stops at the limit (a small one here): what was
    # read is cut off, so it is no callback, and the rest is never read.
    monkeypatch.setitem(web.server.config, "MAX_CONTENT_LENGTH", 1024 * 1024)
    body = Body(20 * 1024 * 1024)
    answer = anonymous.post(
        "/_dash-update-component",
        input_stream=body,
        content_type="application/json",
        headers=csrf_header(anonymous),
        environ_overrides={"HTTP_TRANSFER_ENCODING": "chunked", "wsgi.input_terminated": True},
    )
    assert answer.status_code in (403, 413)
    assert body.read_bytes == 1024 * 1024
    # A callback within the limit still works.
    output = next(
        o for o, e in server_callbacks(web).items() if access_of(e["callback"]) == (READ, False)
    )
    beheerder = client_for(web, "beheerder")
    answer = beheerder.post(
        "/_dash-update-component",
        json=callback_body(web, output),
        headers=csrf_header(beheerder),
    )
    assert answer.status_code in (200, 204)
