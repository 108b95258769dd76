"""A user's own API tokens over HTTP: ``/api/v1/tokens`` (list: GET, make: POST) and
``/api/v1/tokens/<nummer>`` (revoke: DELETE).

Only with a browser session (a token cannot make tokens), for any role; POST and DELETE
need the CSRF token in ``X-CSRFToken`` like every other POST. A beheerder manages
everyone's tokens on the Beheer page and with ``monitor user token``.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, Response, jsonify, request
from flask_login import current_user

from monitor import tokens
from monitor.access import READ
from monitor.errors import MonitorError
from monitor.messages import LANGUAGES, t
from monitor.store import Store
from monitor.times import format_time
from web.auth import current_actor
from web.marks import changes

PATH = "/api/v1/tokens"


def _lang() -> str:
    lang = request.args.get("lang", "nl")
    return lang if lang in LANGUAGES else "nl"


def _refuse(status: int, key: str, **params: object) -> Response:
    response = jsonify({"fout": t(key, _lang(), **params)})
    response.status_code = status
    return response


def _session_user() -> str | None:
    """The username of a browser session (not of an API token)."""
    if current_user.is_authenticated and getattr(current_user, "session_id", ""):
        return str(current_user.username)
    return None


def install(server: Flask, get_store: Callable[[], Store]) -> None:
    """Register the routes on the Flask server."""

    @changes(READ)  # making one is a change; listing is not for the public either
    def own_tokens() -> Response:
        user = _session_user()
        if user is None:
            return _refuse(401, "auth.session_needed")
        if request.method == "POST":
            body = request.get_json(silent=True) or {}
            name = str(body.get("naam") or "token") if isinstance(body, dict) else "token"
            number, token = tokens.create(get_store(), user, name, actor=current_actor())
            answer = jsonify({"nummer": number, "naam": name[:80], "token": token})
            answer.status_code = 201
            return answer
        frame = tokens.frame(get_store(), user)
        return jsonify(
            [
                {
                    "nummer": int(r.id),
                    "naam": r.name,
                    "begint_met": r.prefix,
                    "gemaakt": format_time(r.created_at, _lang()),
                    "laatst_gebruikt": format_time(r.last_used_at, _lang()),
                }
                for r in frame.itertuples()
            ]
        )

    @changes(READ)
    def revoke(nummer: int) -> Response:
        user = _session_user()
        if user is None:
            return _refuse(401, "auth.session_needed")
        try:
            tokens.revoke(get_store(), nummer, actor=current_actor(), owner=user)
        except MonitorError:
            return _refuse(404, "token.unknown", id=nummer)
        return Response(status=204)

    server.add_url_rule(PATH, endpoint="api_tokens", view_func=own_tokens, methods=["GET", "POST"])
    server.add_url_rule(
        f"{PATH}/<int:nummer>", endpoint="api_token", view_func=revoke, methods=["DELETE"]
    )
