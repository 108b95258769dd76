"""One request scope per HTTP request (:mod:`monitor.store.request_memo`): the score and
data stamps and the division are read once per request, not once per place that asks."""

from __future__ import annotations

from flask import Flask, g

from monitor.store import request_memo


def install(server: Flask) -> None:
    """Open the scope before every other hook of the request, close it after the last."""

    def open_scope() -> None:
        g._request_memo = request_memo.open_scope()

    server.before_request_funcs.setdefault(None, []).insert(0, open_scope)

    @server.teardown_request
    def close_scope(_exc: BaseException | None) -> None:
        token = g.pop("_request_memo", None)
        if token is not None:
            try:
                request_memo.close_scope(token)
            except ValueError:  # another context (never in a sync worker): drop it
                request_memo.forget()
