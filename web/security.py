"""Request security: session and CSRF set-up, the largest request, the session key, the
Content Security Policy and other response headers, and safe redirects after a login.

:func:`configure` and :func:`install_headers` are called by :func:`web.auth.install`; the
rest are plain functions, tested on their own.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask, request
from flask import Response as FlaskResponse
from flask_wtf.csrf import CSRFProtect, generate_csrf
from werkzeug.middleware.proxy_fix import ProxyFix

from monitor.config import Settings, get_settings
from monitor.ingest.parse import MAX_BYTES

#: The cookie dash-renderer copies into the ``X-CSRFToken`` header of every callback.
CSRF_COOKIE = "_csrf_token"
SESSION_COOKIE = "buurtmonitor_session"
LOGIN_PATH = "/login"
LOGOUT_PATH = "/logout"


def max_request_bytes() -> int:
    """The largest request body the server reads: the largest upload
    (``monitor.ingest.parse.MAX_BYTES``) grows by a third as base64 in a callback's JSON,
    plus room for the rest of that JSON. 50 MB uploads give about 75 MB."""
    return MAX_BYTES * 4 // 3 + 8 * 1024 * 1024


def csrf_token() -> str:
    """The CSRF token for a form on the current page (login, logout)."""
    return str(generate_csrf())


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


#: The shortest ``MONITOR_SECRET_KEY`` the app starts with (``openssl rand -hex 32`` gives 64).
MIN_SECRET_LENGTH = 32
#: Words of example and placeholder keys (compared without case, spaces and punctuation).
PLACEHOLDER_WORDS = (
    "changeme",
    "changethis",
    "replaceme",
    "yoursecret",
    "secretkey",
    "placeholder",
    "example",
    "voorbeeld",
    "vervang",
    "wijzigmij",
    "xxxxxxxx",
)


def weak_secret_key(key: str | None) -> bool:
    """Is a configured ``MONITOR_SECRET_KEY`` a placeholder (``change-me``, as in
    ``deploy/buurtmonitor.env.example``), blank, shorter than :data:`MIN_SECRET_LENGTH` or
    hardly random (fewer than 8 different characters)? None (unset) is not weak: then the
    key is generated in ``MONITOR_DATA_DIR/secret_key``."""
    if key is None:
        return False
    stripped = key.strip()
    folded = "".join(c for c in stripped.lower() if c.isalnum())
    return (
        len(stripped) < MIN_SECRET_LENGTH
        or len(set(stripped)) < 8
        or any(word in folded for word in PLACEHOLDER_WORDS)
    )


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


def configure(server: Flask, settings: Settings) -> None:
    """Session cookie, CSRF protection (Flask-WTF), the request size limit and, behind
    ``MONITOR_TRUSTED_PROXIES`` proxies, the client's address and scheme from their headers."""
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
        # anyone with a CSRF token could make the access guard read any size into memory.
        MAX_CONTENT_LENGTH=max_request_bytes(),
    )
    if settings.trusted_proxies > 0:
        n = settings.trusted_proxies
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=n, x_proto=n, x_host=n)  # type: ignore[method-assign]
    CSRFProtect(server)


def install_headers(
    server: Flask,
    *,
    settings: Settings,
    csp_hashes: Callable[[], Sequence[str]],
    internal: set[str],
) -> None:
    """Security headers on every response; on pages, callbacks and views (not on Dash's
    data-free ``internal`` endpoints) also ``no-store`` and a fresh CSRF cookie."""
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
