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

Two more marks exist for Flask views and the rare read that is not for everyone:
``@needs("beheerder")`` (reads, but only for that role or higher: the audit log) and
``@public`` (the login, logout and single sign-on views, which must work without a
login).

The second half of this module is the Flask glue (:func:`install`): accounts through
Flask-Login, the login and logout views, session expiry, CSRF (Flask-WTF), the guard
that checks every request against these marks, and the security headers.
"""

from __future__ import annotations

import contextlib
import inspect
import os
import secrets
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlencode, urlsplit

if TYPE_CHECKING:
    from flask import Flask

    from monitor.config import Settings
    from monitor.store import Store

#: Roles from least to most rights; a higher role can do everything a lower one can.
ROLES: tuple[str, ...] = ("lezer", "analist", "beheerder")
#: Marker for callbacks that only read (allowed to a ``lezer``, or to anyone in public mode).
READ = "lezer"
#: Marker for the login and logout views: anyone, logged in or not, public read or not.
PUBLIC = "*"

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
    sign-on start and callback (``monitor/sso.py``)."""
    fn._monitor_access = (PUBLIC, False)  # type: ignore[attr-defined]
    return fn


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
            return str(getattr(current_user, "username", None) or current_user.get_id())
    except RuntimeError:  # no request or app context
        pass
    return "anoniem"


def current_role() -> str | None:
    """The role of whoever makes the current request; None when not logged in."""
    try:
        from flask_login import current_user

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
    from flask_login import current_user

    return str(current_user.display_name or current_user.username), role


def csrf_token() -> str:
    """The CSRF token for a form on the current page (login, logout)."""
    from flask_wtf.csrf import generate_csrf

    return str(generate_csrf())


# -- Flask glue -------------------------------------------------------------------------

#: The cookie dash-renderer copies into the ``X-CSRFToken`` header of every callback.
CSRF_COOKIE = "_csrf_token"
SESSION_COOKIE = "buurtmonitor_session"
LOGIN_PATH = "/login"
LOGOUT_PATH = "/logout"
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


def max_request_bytes() -> int:
    """The largest request body the server reads: the largest upload
    (``monitor.ingest.parse.MAX_BYTES``) grows by a third as base64 in a callback's JSON,
    plus room for the rest of that JSON. 50 MB uploads give about 75 MB."""
    from monitor.ingest.parse import MAX_BYTES

    return MAX_BYTES * 4 // 3 + 8 * 1024 * 1024


def dash_endpoints(prefix: str = "/") -> tuple[set[str], set[str], str]:
    """(open internal endpoints, page endpoints, the callback endpoint) for a routes prefix."""
    assets = prefix.replace("/", "_").replace(".", "_") + "dash_assets.static"
    internal = {prefix + name for name in DASH_INTERNAL} | {"static", assets}
    return internal, {prefix + name for name in DASH_PAGES}, prefix + DASH_CALLBACK


def secret_key(settings: Settings) -> str:
    """``MONITOR_SECRET_KEY``, or a key generated once in ``data_dir/secret_key`` (mode
    600). Every gunicorn worker must sign sessions with the same key; the first to start
    creates the file atomically (hard link of a finished temp file), the others read it."""
    if settings.secret_key:
        return settings.secret_key
    path = Path(settings.data_dir) / "secret_key"
    if path.is_file() and path.read_text().strip():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".secret_key.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
        with contextlib.suppress(FileExistsError):  # another worker was first: use its key
            os.link(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    return path.read_text().strip()


def tile_source(tile_url: str) -> str | None:
    """The CSP source for a tile URL template: scheme and host, ``{s}`` as a wildcard."""
    if not tile_url:
        return None
    parts = urlsplit(tile_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    host = parts.netloc.replace("{s}", "*")
    if "{" in host or "}" in host:
        return f"{parts.scheme}:"
    return f"{parts.scheme}://{host}"


def content_security_policy(script_hashes: Sequence[str], tile_url: str) -> str:
    """Only the app itself, Dash's inline renderer script (by hash) and the tile host.

    Styles allow 'unsafe-inline': plotly.js writes its chart styles into <style>
    elements and style attributes at run time (see the README); scripts never do.
    """
    tiles = tile_source(tile_url)
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", *([tiles] if tiles else [])],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def safe_next(target: str | None) -> str:
    """Where to go after logging in: a path on this site only (no open redirect)."""
    if not target:
        return "/"
    parts = urlsplit(target)
    if (
        parts.scheme
        or parts.netloc
        or not target.startswith("/")
        or target.startswith("//")
        or "\\" in target
        or parts.path in (LOGIN_PATH, LOGOUT_PATH)
        or parts.path.startswith(LOGIN_PATH + "/")  # single sign-on: never back into it
    ):
        return "/"
    return target


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
    from datetime import timedelta

    from flask import Response as FlaskResponse
    from flask import g, redirect, render_template_string, request, session
    from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
    from flask_wtf.csrf import CSRFError, CSRFProtect, generate_csrf
    from werkzeug.exceptions import RequestEntityTooLarge

    from monitor import audit, sso
    from monitor import users as accounts
    from monitor.config import get_settings
    from monitor.messages import LANGUAGES, t

    settings = settings or get_settings()
    server.config.update(
        SECRET_KEY=secret_key(settings),
        SESSION_COOKIE_NAME=SESSION_COOKIE,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.cookie_secure,
        PERMANENT_SESSION_LIFETIME=timedelta(hours=settings.session_hours),
        # The raw token lives in the session; the signed copy is renewed on every response.
        WTF_CSRF_TIME_LIMIT=int(settings.session_hours * 3600),
        WTF_CSRF_SSL_STRICT=True,
        # Werkzeug refuses a longer body (413) before anything reads it: without a limit
        # anyone with a CSRF token could make the guard below read any size into memory.
        MAX_CONTENT_LENGTH=max_request_bytes(),
    )
    if settings.trusted_proxies > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        n = settings.trusted_proxies
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=n, x_proto=n, x_host=n)  # type: ignore[method-assign]

    internal, pages, callback_endpoint = dash_endpoints(routes_prefix)
    max_age = settings.session_hours * 3600
    max_idle = settings.session_idle_minutes * 60

    class User(UserMixin):
        def __init__(self, account: accounts.Account) -> None:
            self.username = account.username
            self.role = account.role
            self.display_name = account.display_name
            self.fingerprint = account.fingerprint

        def get_id(self) -> str:
            # Bound to the password: a new password ends every session opened with the old.
            return f"{self.username}|{self.fingerprint}"

    manager = LoginManager()
    manager.session_protection = "strong"
    manager.init_app(server)

    @manager.user_loader
    def load_user(user_id: str) -> User | None:
        username, _, fingerprint = user_id.partition("|")
        account = accounts.get(get_store(), username)
        if account is None or account.disabled or account.fingerprint != fingerprint:
            return None
        return User(account)

    CSRFProtect(server)

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

    @server.before_request
    def expire_session() -> None:
        """A login lasts ``session_hours`` at most and ends after ``session_idle_minutes``
        without a request."""
        if request.endpoint in internal or request.endpoint is None:
            return
        if not current_user.is_authenticated:
            return
        stamp = time.time()
        if (
            stamp - session.get("login_at", 0) > max_age
            or stamp - session.get("seen", 0) > max_idle
        ):
            logout_user()
            session.clear()
            g.session_expired = True
            return
        session["seen"] = stamp

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
            return deny(401, "auth.login_needed")
        if not allows(role, needed):
            return deny(403, "auth.role_needed", role=role, needed=needed)
        return None

    @server.before_request
    def guard() -> FlaskResponse | Any | None:
        """Every request is checked against the mark of what it calls, before it runs."""
        endpoint = request.endpoint
        if endpoint is None or endpoint in internal:
            return None  # no such route (404/405), or Dash's data-free internals
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

    script_hashes: list[str] = []

    @server.after_request
    def security_headers(response: FlaskResponse) -> FlaskResponse:
        if not script_hashes:
            script_hashes.extend(csp_hashes())
        headers = response.headers
        headers["Content-Security-Policy"] = content_security_policy(
            script_hashes, get_settings().tile_url
        )
        headers["X-Content-Type-Options"] = "nosniff"
        headers["X-Frame-Options"] = "DENY"
        headers["Referrer-Policy"] = "same-origin"
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
        if request.is_secure:
            headers["Strict-Transport-Security"] = "max-age=31536000"
        if request.endpoint not in internal and request.endpoint is not None:
            # Pages, callbacks and views: per user, never cached; a fresh CSRF token
            # for dash-renderer to copy into its callback requests.
            headers["Cache-Control"] = "no-store"
            response.set_cookie(
                CSRF_COOKIE,
                generate_csrf(),
                secure=settings.cookie_secure,
                httponly=False,  # dash-renderer reads it
                samesite="Strict",
                path="/",
            )
        return response

    @server.route(LOGIN_PATH, methods=["GET", "POST"], endpoint="monitor_login")
    @public
    def login() -> Any:
        target = safe_next(request.values.get("next"))
        if request.method == "GET":
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
        """Log ``account`` in on a fresh session (no fixation), for every kind of login."""
        session.clear()
        g.pop("csrf_token", None)
        login_user(User(account))
        session.permanent = True
        session["login_at"] = session["seen"] = time.time()

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
            audit.record(get_store(), current_actor(), "logout", current_actor())
        logout_user()
        session.clear()
        g.pop("csrf_token", None)
        return redirect(login_url(lang=language, uitgelogd="1"))


def _wait(seconds: float, lang: str) -> str:
    from monitor.messages import t

    if seconds < 120:
        return t("auth.seconds", lang, n=int(seconds) + 1)
    return t("auth.minutes", lang, n=int(seconds // 60) + 1)
