"""Logging in and out, sessions, API tokens, and the guard that checks every request.

:func:`install` puts it all on the Flask server of the Dash app: accounts through
Flask-Login, the login and logout views (and single sign-on, ``web/sso.py``), CSRF and
the security headers (``web/security.py``), and the guard that checks every request
against the access marks of ``web/marks.py`` before it runs.
:func:`current_actor` and :func:`current_role` say who makes the current request.

Sessions live in the store (``monitor.sessions``): the signed cookie carries a random
session id as Flask-Login's user id, and the user loader accepts it only while the
store still has that session. Logout, a new password, a new role or disabling the
account delete the row, and with it every copy of the cookie on every app instance.
The cookie is not permanent (it ends with the browser; the server ends the session
after ``session_hours``): a permanent session turns Flask-Login's "strong" protection
into "basic", which keeps a cookie valid that is shown from another address or browser.

On ``/api/v1/*`` a personal token in ``Authorization: Bearer`` (``monitor.tokens``)
stands for a login with its user's role; a wrong one is answered 401 in JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from flask import Flask, g, jsonify, redirect, render_template_string, request, session
from flask import Response as FlaskResponse
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFError, generate_csrf
from werkzeug.exceptions import RequestEntityTooLarge

from monitor import audit, sessions, tokens
from monitor import users as accounts
from monitor.access import READ, allows
from monitor.config import Settings, get_settings
from monitor.messages import LANGUAGES, t
from monitor.store import Store
from web import request_scope, security, sso
from web.marks import PUBLIC, access_of, dash_endpoints, public
from web.security import LOGIN_PATH, LOGOUT_PATH, safe_next


def current_actor() -> str:
    """The name written to the audit log and to ``created_by`` for the current request.

    Outside a request (the CLI, tests) or without a login this is ``anoniem``.
    """
    try:
        if current_user and current_user.is_authenticated:
            return str(getattr(current_user, "username", None) or current_user.get_id())
    except RuntimeError:  # no request or app context
        pass
    return "anoniem"


def current_role() -> str | None:
    """The role of whoever makes the current request; None when not logged in."""
    try:
        if current_user and current_user.is_authenticated:
            return str(current_user.role)
    except (RuntimeError, AttributeError):  # no request context, or Flask-Login not set up
        pass
    return None


def current_user_label() -> tuple[str, str] | None:
    """(display name or username, role) for the header; None when not logged in."""
    role = current_role()
    if role is None:
        return None
    return str(current_user.display_name or current_user.username), role


#: Where a bearer token is accepted.
API_PREFIX = "/api/v1/"


class User(UserMixin):
    """The logged-in account as Flask-Login keeps it for a request: by its server-side
    session id (a browser), or by an API token (no session: ``session_id`` is empty)."""

    def __init__(self, account: accounts.Account, session_id: str = "") -> None:
        self.username = account.username
        self.role = account.role
        self.display_name = account.display_name
        self.fingerprint = account.fingerprint
        self.session_id = session_id

    def get_id(self) -> str:
        # The random session id: what Flask-Login keeps in the cookie and hands back to
        # the user loader, which accepts it only while the store has that session.
        return self.session_id


_LOGIN_PAGE = """<!doctype html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} · {{ app_title }}</title>
<link rel="stylesheet" href="{{ prefix }}assets/style.css">
</head>
<body class="login-page">
<header class="header">
<h1>{{ app_title }}</h1>
<a id="language-switch" href="{{ other_url }}">{{ other_label }}</a>
</header>
<main class="login-box">
<h2>{{ title }}</h2>
{% if error %}<p class="fout" id="login-error" role="alert">{{ error }}</p>{% endif %}
{% if info %}<p class="hint" id="login-info" role="status">{{ info }}</p>{% endif %}
{% if sso_url %}<p><a href="{{ sso_url }}" id="login-sso" class="sso-button">{{ sso_label }}</a></p>
<p class="hint">{{ sso_or }}</p>{% endif %}
<form method="post" action="{{ action }}" id="login-form">
<input type="hidden" name="csrf_token" value="{{ csrf }}">
<input type="hidden" name="next" value="{{ next }}">
<label for="username">{{ username_label }}</label>
<input id="username" name="username" autocomplete="username" required autofocus
 value="{{ username }}" maxlength="120">
<label for="password">{{ password_label }}</label>
<input id="password" name="password" type="password" autocomplete="current-password"
 required maxlength="1024">
<button type="submit" id="login-submit">{{ title }}</button>
</form>
<p class="hint">{{ intro }}</p>
{% if public_read %}<p><a href="{{ home }}" id="login-skip">{{ skip }}</a></p>{% endif %}
</main>
</body>
</html>
"""


def install(
    server: Flask,
    *,
    get_store: Callable[[], Store],
    callback_of: Callable[[str], Callable[..., Any] | None],
    csp_hashes: Callable[[], Sequence[str]],
    routes_prefix: str = "/",
    settings: Settings | None = None,
) -> None:
    """Accounts, login/logout, session expiry, CSRF, the access guard and security headers.

    ``callback_of(output)`` returns the callback function registered for a Dash output
    key (the ``output`` of a ``_dash-update-component`` request body), or None.
    """
    settings = settings or get_settings()
    request_scope.install(server)
    security.configure(server, settings)
    internal, pages, callback_endpoint = dash_endpoints(routes_prefix)
    max_age = timedelta(hours=settings.session_hours)
    max_idle = timedelta(minutes=settings.session_idle_minutes)

    manager = LoginManager()
    manager.session_protection = "strong"
    manager.init_app(server)

    @manager.user_loader
    def load_user(session_id: str) -> User | None:
        """The account of a session the store still has; a session that is gone (logged
        out, expired, ended by a change of the account) is taken out of the cookie."""
        found = sessions.load(get_store(), session_id, max_age=max_age, max_idle=max_idle)
        if found.account is None:
            for name in ("_user_id", "_fresh", "_id"):
                session.pop(name, None)
            if found.expired:
                g.session_expired = True
            return None
        return User(found.account, session_id)

    @server.before_request
    def token_user() -> None:
        """``Authorization: Bearer <token>`` on the API: the request acts as the token's
        user, with no session. Set before Flask-Login looks at the session: its strong
        protection treats a cookie session without a login as foreign and would skip a
        request loader."""
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if not request.path.startswith(API_PREFIX) or scheme.lower() != "bearer":
            return
        account = tokens.resolve(get_store(), token.strip())
        if account is None:
            g.bad_token = True
        # Flask-Login keeps the request's user here (``current_user`` reads it).
        manager._update_request_context_with_user(User(account) if account else None)

    def lang() -> str:
        chosen = request.args.get("lang") or settings.language
        return chosen if chosen in LANGUAGES else "nl"

    def login_url(**params: str) -> str:
        return LOGIN_PATH + "?" + urlencode({k: v for k, v in params.items() if v})

    def deny(status: int, key: str, **params: str) -> FlaskResponse:
        return FlaskResponse(
            t(key, lang(), **params), status=status, mimetype="text/plain; charset=utf-8"
        )

    def login_page(status: int = 200, *, error: str = "", info: str = "") -> FlaskResponse:
        language = lang()
        other = "en" if language == "nl" else "nl"
        target = safe_next(request.values.get("next"))
        html = render_template_string(
            _LOGIN_PAGE,
            lang=language,
            app_title=t("app.title", language),
            title=t("auth.login", language),
            prefix=routes_prefix,
            other_url=login_url(lang=other, next=target if target != "/" else ""),
            other_label=t("app.language", language),
            error=error,
            info=info,
            action=login_url(lang=language),
            csrf=generate_csrf(),
            next=target,
            username_label=t("auth.username", language),
            password_label=t("auth.password", language),
            username=request.form.get("username", "") if request.method == "POST" else "",
            intro=t("auth.intro", language),
            public_read=get_settings().public_read,
            home=f"/?lang={language}",
            skip=t("auth.skip", language),
            sso_url=sso.start_url(target, language) if sso_on else "",
            sso_label=t("auth.sso_button", language),
            sso_or=t("auth.sso_or", language),
        )
        return FlaskResponse(html, status=status, mimetype="text/html")

    @server.errorhandler(RequestEntityTooLarge)
    def too_large(_exc: RequestEntityTooLarge) -> FlaskResponse:
        limit = str(round(server.config["MAX_CONTENT_LENGTH"] / (1024 * 1024)))
        return deny(413, "auth.too_large", limit=limit)

    @server.errorhandler(CSRFError)
    def csrf_failed(_exc: CSRFError) -> FlaskResponse:
        if request.endpoint == "monitor_login":
            return login_page(400, error=t("auth.csrf", lang()))
        return deny(400, "auth.csrf")

    def api_refusal(status: int, key: str, **params: str) -> FlaskResponse:
        response = jsonify({"fout": t(key, lang(), **params)})
        response.status_code = status
        if status == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="buurtmonitor"'
        return response

    def check(access: tuple[str, bool] | None, page: bool) -> FlaskResponse | Any | None:
        """None to let the request through, or the refusal (fail closed)."""
        if access is None:
            return deny(403, "auth.unmarked")
        needed, changing = access
        if needed == PUBLIC:
            return None
        role = current_role()
        if role is None:
            if needed == READ and not changing and get_settings().public_read:
                return None
            if page:
                expired = "1" if g.get("session_expired") else ""
                return redirect(
                    login_url(
                        lang=request.args.get("lang", ""),
                        next=request.full_path.rstrip("?"),
                        verlopen=expired,
                    )
                )
            if request.path.startswith(API_PREFIX):
                return api_refusal(401, "auth.login_needed")
            return deny(401, "auth.login_needed")
        if not allows(role, needed):
            if request.path.startswith(API_PREFIX):
                return api_refusal(403, "auth.role_needed", role=role, needed=needed)
            return deny(403, "auth.role_needed", role=role, needed=needed)
        return None

    @server.before_request
    def guard() -> FlaskResponse | Any | None:
        """Every request is checked against the mark of what it calls, before it runs."""
        endpoint = request.endpoint
        if endpoint is None or endpoint in internal:
            return None  # no such route (404/405), or Dash's data-free internals
        if g.get("bad_token"):
            return api_refusal(401, "auth.token_wrong")
        if endpoint == callback_endpoint:
            if request.method != "POST":
                return None
            limit = server.config["MAX_CONTENT_LENGTH"]
            if request.content_length is not None and request.content_length > limit:
                raise RequestEntityTooLarge()  # said by its length: nothing read
            # Without a length (chunked), reading stops with 413 at the limit.
            body = request.get_json(silent=True)
            output = body.get("output") if isinstance(body, dict) else None
            function = callback_of(output) if isinstance(output, str) else None
            return check(access_of(function) if function else None, page=False)
        if endpoint in pages:
            return check((READ, False), page=request.method == "GET")
        view = server.view_functions.get(endpoint)
        page = request.method == "GET" and not request.path.startswith("/api/")
        return check(access_of(view) if view else None, page=page)

    security.install_headers(server, settings=settings, csp_hashes=csp_hashes, internal=internal)

    @server.route(LOGIN_PATH, methods=["GET", "POST"], endpoint="monitor_login")
    @public
    def login() -> Any:
        target = safe_next(request.values.get("next"))
        if request.method != "POST":  # GET, and HEAD (Flask answers it with the GET view)
            if current_user.is_authenticated:
                return redirect(target)
            info = ""
            refused = sso.ERRORS.get(request.args.get("sso_fout", ""))
            if refused:
                return login_page(error=t(refused, lang()))
            if request.args.get("verlopen"):
                info = t("auth.expired", lang())
            elif request.args.get("uitgelogd"):
                info = t("auth.logged_out", lang())
            return login_page(info=info)
        store = get_store()
        result = accounts.authenticate(
            store,
            request.form.get("username", ""),
            request.form.get("password", ""),
            request.remote_addr,
        )
        if result.account is None:
            if result.wait_seconds > 0:
                return login_page(
                    429, error=t("auth.blocked", lang(), wait=_wait(result.wait_seconds, lang()))
                )
            return login_page(401, error=t("auth.wrong", lang()))
        start_session(result.account)
        return redirect(target)

    def start_session(account: accounts.Account) -> None:
        """Log ``account`` in on a fresh session (no fixation), for every kind of login:
        a new server-side session, its random id in a new cookie."""
        store = get_store()
        previous = session.get("_user_id")
        if previous:
            sessions.end(store, previous)
        session.clear()
        g.pop("csrf_token", None)
        session_id = sessions.start(
            store, account.username, request.remote_addr, max_age=max_age, max_idle=max_idle
        )
        login_user(User(account, session_id))
        # Not permanent: with a permanent session Flask-Login's "strong" protection only
        # marks a cookie from another address or browser as not fresh, and keeps it valid.
        session.permanent = False

    sso_on = sso.install(
        server,
        settings=settings,
        get_store=get_store,
        start_session=start_session,
        login_url=login_url,
        lang=lang,
    )

    @server.route(LOGOUT_PATH, methods=["POST"], endpoint="monitor_logout")
    @public
    def logout() -> Any:
        language = lang()
        if current_user.is_authenticated:
            if current_user.session_id:
                sessions.end(get_store(), current_user.session_id)
            audit.record(get_store(), current_actor(), "logout", current_actor())
        logout_user()
        session.clear()
        g.pop("csrf_token", None)
        return redirect(login_url(lang=language, uitgelogd="1"))


def _wait(seconds: float, lang: str) -> str:
    if seconds < 120:
        return t("auth.seconds", lang, n=int(seconds) + 1)
    return t("auth.minutes", lang, n=int(seconds // 60) + 1)
