"""Roles and access rules for every Dash callback and Flask route.

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
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, TypeVar

#: Roles from least to most rights; a higher role can do everything a lower one can.
ROLES: tuple[str, ...] = ("lezer", "analist", "beheerder")
#: Marker for callbacks that only read (allowed to a ``lezer``, or to anyone in public mode).
READ = "lezer"

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


def access_of(fn: Callable[..., Any]) -> tuple[str, bool] | None:
    """(required role, changes state) of a callback, or None when it carries no mark."""
    return getattr(inspect.unwrap(fn), "_monitor_access", None)


def allows(user_role: str | None, needed: str) -> bool:
    """Whether ``user_role`` (None: not logged in) may do what needs ``needed``."""
    if user_role not in ROLES:
        return False
    return ROLES.index(user_role) >= ROLES.index(needed)


def current_actor() -> str:
    """The name written to the audit log and to ``created_by`` for the current request.

    Outside a request (the CLI, tests) or without a login this is ``anoniem``.
    """
    try:
        from flask_login import current_user
    except ImportError:  # pragma: no cover - Flask-Login is a dependency
        return "anoniem"
    try:
        if current_user and current_user.is_authenticated:
            return str(current_user.get_id())
    except RuntimeError:  # no request or app context
        pass
    return "anoniem"
