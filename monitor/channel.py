"""Who reads a message: someone at the command line, or in the app's browser page.

The same check runs in both places, but what to do about a problem differs: the CLI
names an option (``--bevestig``) or a command (``monitor alias add``), the upload page
names the control on the page, and never tells a browser user to run a command. The
page wraps its work in ``with channel("web"):``; everything else is the CLI.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from monitor.messages import t

CHANNELS = ("cli", "web")
_current: ContextVar[str] = ContextVar("monitor_channel", default="cli")


@contextmanager
def channel(name: str) -> Iterator[None]:
    """Messages made inside this block are for ``name`` (``cli`` or ``web``)."""
    if name not in CHANNELS:
        raise ValueError(f"unknown channel {name!r}")
    token = _current.set(name)
    try:
        yield
    finally:
        _current.reset(token)


def current() -> str:
    return _current.get()


def hint(key: str, lang: str = "nl", **params: Any) -> str:
    """The catalogue text ``hint.<key>.<channel>`` (see ``monitor/messages.py``)."""
    return t(f"hint.{key}.{current()}", lang, **params)
