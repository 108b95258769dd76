"""The web glue: Flask and Dash around the core (``monitor``), beside the pages (``layouts``).

- ``web/marks.py``: the access marks every callback and view carries (``reads``,
  ``changes``, ``needs``, ``public``) and Dash's own endpoints.
- ``web/security.py``: session and CSRF set-up, request size, session key, CSP and other
  headers, safe redirects after a login.
- ``web/auth.py``: login and logout, sessions, who makes the request, and the guard that
  checks every request against its mark (:func:`install`).
- ``web/sso.py``: single sign-on through OpenID Connect.
- ``web/api.py`` (with ``web/openapi.py``): the read API ``/api/v1`` over the
  materialised scores; ``web/health.py``: ``/gezondheid`` and ``/api/v1/ik``.

The roles and :func:`allows` are pure rules in ``monitor/access.py``; they are re-exported
here so that a page needs one import line. The core never imports this package.
"""

from monitor.access import READ, ROLES, allows
from web.auth import current_actor, current_role, current_user_label, install
from web.marks import PUBLIC, access_of, changes, dash_endpoints, needs, public, reads
from web.security import (
    CSRF_COOKIE,
    LOGIN_PATH,
    LOGOUT_PATH,
    MIN_SECRET_LENGTH,
    SESSION_COOKIE,
    content_security_policy,
    csrf_token,
    max_request_bytes,
    safe_next,
    secret_key,
    tile_source,
    weak_secret_key,
)

__all__ = [
    "CSRF_COOKIE",
    "LOGIN_PATH",
    "LOGOUT_PATH",
    "MIN_SECRET_LENGTH",
    "PUBLIC",
    "READ",
    "ROLES",
    "SESSION_COOKIE",
    "access_of",
    "allows",
    "changes",
    "content_security_policy",
    "csrf_token",
    "current_actor",
    "current_role",
    "current_user_label",
    "dash_endpoints",
    "install",
    "max_request_bytes",
    "needs",
    "public",
    "reads",
    "safe_next",
    "secret_key",
    "tile_source",
    "weak_secret_key",
]
