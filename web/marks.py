"""Access marks: what every Dash callback and Flask view needs, checked per request.

Each callback says what it needs with a decorator placed under ``@app.callback``:

    @app.callback(Output(...), Input(...))
    @reads
    def show(...): ...

    @app.callback(Output(...), Input(...))
    @changes("analist")
    def publish(...): ...

The server refuses a callback that carries neither mark (fail closed), so a new
state-changing callback without a check cannot slip through: the access test that
enumerates every callback fails first.

Two more marks exist for Flask views and the rare read that is not for everyone:
``@needs("beheerder")`` (reads, but only for that role or higher: the audit log) and
``@public`` (the login, logout and single sign-on views, which must work without a
login). The guard that checks every request against these marks is in ``web/auth.py``;
the roles themselves and :func:`monitor.access.allows` are in the core.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, TypeVar

from monitor.access import READ, ROLES

#: Marker for the login and logout views: anyone, logged in or not, public read or not.
PUBLIC = "*"
#: Dash's own endpoints that carry no data (code, styles, the empty app shell, the
#: callback graph): open to anyone. Names relative to the routes prefix.
DASH_INTERNAL = (
    "_dash-component-suites/<string:package_name>/<path:fingerprinted_path>",
    "_dash-layout",
    "_dash-dependencies",
    "_reload-hash",
    "_favicon.ico",
)
#: Dash's page endpoints (the HTML shell for every path): a read.
DASH_PAGES = ("", "<path:path>")
DASH_CALLBACK = "_dash-update-component"

F = TypeVar("F", bound=Callable[..., Any])


def reads(fn: F) -> F:
    """Mark a callback that changes nothing."""
    fn._monitor_access = (READ, False)  # type: ignore[attr-defined]
    return fn


def changes(role: str) -> Callable[[F], F]:
    """Mark a callback that changes state; only ``role`` or higher may call it."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")

    def mark(fn: F) -> F:
        fn._monitor_access = (role, True)  # type: ignore[attr-defined]
        return fn

    return mark


def needs(role: str) -> Callable[[F], F]:
    """Mark a view or callback that changes nothing but only ``role`` or higher may see
    (the audit log, the user list)."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")

    def mark(fn: F) -> F:
        fn._monitor_access = (role, False)  # type: ignore[attr-defined]
        return fn

    return mark


def public(fn: F) -> F:
    """Mark a view anyone may call, logged in or not: only login, logout and the single
    sign-on start and callback (``web/sso.py``)."""
    fn._monitor_access = (PUBLIC, False)  # type: ignore[attr-defined]
    return fn


def access_of(fn: Callable[..., Any]) -> tuple[str, bool] | None:
    """(required role, changes state) of a callback, or None when it carries no mark."""
    return getattr(inspect.unwrap(fn), "_monitor_access", None)


def dash_endpoints(prefix: str = "/") -> tuple[set[str], set[str], str]:
    """(open internal endpoints, page endpoints, the callback endpoint) for a routes prefix."""
    assets = prefix.replace("/", "_").replace(".", "_") + "dash_assets.static"
    internal = {prefix + name for name in DASH_INTERNAL} | {"static", assets}
    return internal, {prefix + name for name in DASH_PAGES}, prefix + DASH_CALLBACK
