"""Health for a load balancer and "who am I" for scripts: both answer JSON, never the
app's HTML shell.

``/gezondheid`` is public (a load balancer has no login): liveness is that it answers,
readiness is that the database and, when configured, Redis answer too (503 otherwise).
``/api/v1/ik`` says who is logged in (a session or an API token) and with which role;
401 without either.
"""

from __future__ import annotations

from collections.abc import Callable

import redis
import sqlalchemy as sa
from flask import Flask, Response, jsonify, request

from monitor.config import get_settings
from monitor.messages import LANGUAGES, t
from monitor.store import Store
from web.auth import current_actor, current_user_label
from web.marks import public

HEALTH_PATH = "/gezondheid"
ME_PATH = "/api/v1/ik"
#: A health check must answer fast even when a dependency hangs.
TIMEOUT_SECONDS = 2


def install(server: Flask, get_store: Callable[[], Store]) -> None:
    """Register ``/gezondheid`` and ``/api/v1/ik`` on the Flask server."""

    @public
    def gezondheid() -> Response:
        checks = {"database": _database(get_store), "redis": _redis()}
        ready = all(v in ("ok", "niet ingesteld") for v in checks.values())
        response = jsonify({"status": "ok" if ready else "fout", **checks})
        response.status_code = 200 if ready else 503
        response.headers["Cache-Control"] = "no-store"
        return response

    @public
    def ik() -> Response:
        lang = request.args.get("lang", "nl")
        lang = lang if lang in LANGUAGES else "nl"
        label = current_user_label()
        if label is None:
            response = jsonify({"fout": t("auth.login_needed", lang)})
            response.status_code = 401
            return response
        name, role = label
        return jsonify({"gebruiker": current_actor(), "naam": name, "rol": role})

    server.add_url_rule(HEALTH_PATH, endpoint="monitor_health", view_func=gezondheid)
    server.add_url_rule(ME_PATH, endpoint="monitor_me", view_func=ik)


def _database(get_store: Callable[[], Store]) -> str:
    try:
        with get_store().engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except Exception as exc:  # any failure means "not ready"; say which
        return f"fout: {type(exc).__name__}"
    return "ok"


def _redis() -> str:
    url = get_settings().redis_url
    if not url:
        return "niet ingesteld"
    try:
        client = redis.Redis.from_url(
            url, socket_timeout=TIMEOUT_SECONDS, socket_connect_timeout=TIMEOUT_SECONDS
        )
        client.ping()
    except redis.RedisError as exc:
        return f"fout: {type(exc).__name__}"
    return "ok"
