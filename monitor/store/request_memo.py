"""Reads that one request makes once: the score stamp, the data stamp, the division.

A page or a map switch asks "which division, at which generation?" from several places
(the scorer, the cache keys, the areas); each ask is a round trip to the database. Inside
:func:`request_scope` (the web layer opens one per request; the CLI and jobs do not) the
first answer is kept for the rest of the request, which also makes every part of one
answer agree on one generation. Every write transaction (``Store.begin``) forgets what was
kept, so a request that publishes and then reads sees what it wrote.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")

_memo: ContextVar[dict[Hashable, object] | None] = ContextVar("store_request_memo", default=None)


@contextmanager
def request_scope() -> Iterator[None]:
    """Keep the memoised reads until the end of the block."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def open_scope() -> object:
    """:func:`request_scope` for frameworks with separate begin and end hooks: returns the
    token that :func:`close_scope` takes."""
    return _memo.set({})


def close_scope(token: object) -> None:
    _memo.reset(token)  # type: ignore[arg-type]


def active() -> bool:
    """Inside a request scope (what is read is kept)?"""
    return _memo.get() is not None


def memoised(key: Hashable, read: Callable[[], T]) -> T:
    """``read()`` once per request scope (outside a scope: every time)."""
    memo = _memo.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]  # type: ignore[return-value]


def peek(keys: list[Hashable]) -> dict[Hashable, object]:
    """Those of ``keys`` kept in this request scope (none outside a scope)."""
    memo = _memo.get()
    if memo is None:
        return {}
    return {k: memo[k] for k in keys if k in memo}


def keep(key: Hashable, value: object) -> None:
    """Keep ``value`` for the rest of the request scope (outside a scope: nothing)."""
    memo = _memo.get()
    if memo is not None:
        memo[key] = value


def forget() -> None:
    """Drop what this request kept (after a write)."""
    memo = _memo.get()
    if memo is not None:
        memo.clear()
