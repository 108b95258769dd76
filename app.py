"""Dash entry point: ``python app.py`` for development, ``gunicorn app:server`` in production.

Workers are stateless: each request opens the store named by ``MONITOR_DATABASE_URL``
(SQLite by default), so several gunicorn workers can serve the same database.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import tempfile
import time
from functools import lru_cache
from types import ModuleType
from urllib.parse import urlencode

import sqlalchemy as sa
from dash import Dash, Input, Output, State, dcc, html

import web
from layouts import (
    aandacht,
    agenda,
    begroting,
    beheer,
    blokjes,
    kaart,
    overview,
    profiel,
    search_box,
    signalen,
    trends,
    upload,
    urlstate,
    vergelijken,
    vergelijking,
    wijktypen,
)
from layouts.common import localise
from monitor import prune
from monitor.config import get_settings
from monitor.messages import LANGUAGES, t
from monitor.store import Store
from web import api, health, tokens_api

#: path → page module; every page has ``layout(store, lang, query)`` and ``register``.
ROUTES: dict[str, ModuleType] = {
    "/": kaart,
    "/tabel": overview,
    "/profiel": profiel,
    "/trends": trends,
    "/vergelijking": vergelijking,
    "/vergelijken": vergelijken,
    "/blokjes": blokjes,
    "/begroting": begroting,
    "/aandacht": aandacht,
    "/wijktypen": wijktypen,
    "/agenda": agenda,
    "/signalen": signalen,
    "/upload": upload,
    "/beheer": beheer,
}
#: The navigation, in order, with its message key; the profile is reached by clicking.
NAV = {
    "/": "nav.kaart",
    "/tabel": "nav.overview",
    "/trends": "nav.trends",
    "/vergelijking": "nav.vergelijking",
    "/vergelijken": "nav.vergelijken",
    "/blokjes": "nav.blokjes",
    "/begroting": "nav.begroting",
    "/aandacht": "nav.aandacht",
    "/wijktypen": "nav.wijktypen",
    "/agenda": "nav.agenda",
    "/signalen": "nav.signalen",
    "/upload": "nav.upload",
    "/beheer": "nav.beheer",
}
#: Navigation entries only some roles see (the page itself checks again on the server).
NAV_ROLE = {"/beheer": "beheerder"}


@lru_cache(maxsize=1)
def get_store() -> Store:
    """One store (engine and connection pool) per worker process."""
    return Store()


def _header(path: str, lang: str) -> html.Header:
    other = "en" if lang == "nl" else "nl"
    role = web.current_role()
    return html.Header(
        [
            # The first Tab stop of every page (WCAG 2.4.1); visible only on focus.
            html.A(t("a11y.skip_content", lang), href="#page", className="skip-link"),
            html.H1(t("app.title", lang)),
            html.Nav(
                [
                    dcc.Link(
                        t(key, lang),
                        href=f"{href}?lang={lang}",
                        className="active" if href == path else None,
                    )
                    for href, key in NAV.items()
                    if href not in NAV_ROLE or web.allows(role, NAV_ROLE[href])
                ]
            ),
            dcc.Link(
                t("app.language", lang),
                href=f"{path}?lang={other}",
                id="language-switch",
                refresh=True,
            ),
            search_box.component(lang),
            _account(path, lang),
        ],
        className="header",
    )


def _account(path: str, lang: str) -> html.Div:
    """Who is logged in, with a logout button (a POST form with a CSRF token), or a link
    to the login page."""
    user = web.current_user_label()
    if user is None:
        query = urlencode({"lang": lang, "next": f"{path}?lang={lang}"})
        return html.Div(
            html.A(t("auth.login", lang), href=f"{web.LOGIN_PATH}?{query}", id="login-link"),
            className="account",
        )
    name, role = user
    return html.Div(
        [
            html.Span(
                t("auth.user", lang, user=name, role=t(f"role.{role}", lang)), id="current-user"
            ),
            html.Form(
                [
                    dcc.Input(type="hidden", name="csrf_token", value=web.csrf_token()),
                    html.Button(t("auth.logout", lang), type="submit", id="logout-button"),
                ],
                action=f"{web.LOGOUT_PATH}?lang={lang}",
                method="post",
                id="logout-form",
            ),
        ],
        className="account",
    )


def open_on_demo_when_empty(store: Store) -> None:
    """An empty store opens on Voorbeeldstad, so a first look is never a blank page.

    Off with ``MONITOR_DEMO_IF_EMPTY=0`` (a real deployment that starts empty). Several
    gunicorn workers may try at once: the loser's transaction fails and it moves on.
    """
    if os.environ.get("MONITOR_DEMO_IF_EMPTY", "1").lower() in ("0", "false", "nee", "no"):
        return
    from sqlalchemy.exc import IntegrityError

    from monitor import demo

    store.upgrade()
    try:
        store.division_id()
        return
    except LookupError:
        pass
    with contextlib.suppress(IntegrityError):
        demo.install(store)


def refuse_weak_secret_key(exit_code: int | None = None) -> None:
    """A placeholder ``MONITOR_SECRET_KEY`` (``change-me`` from the example settings) or a
    short one would let anyone sign a session cookie: one Dutch sentence, and no start.

    Under gunicorn the first worker to refuse leaves with gunicorn's "application failed to
    load" code, so the master stops instead of starting new workers that refuse as well.
    The other workers wait for the master's stop and leave quietly: two workers failing to
    load at once make gunicorn 27 print a traceback of its own while it stops.
    ``deploy/gunicorn.conf.py`` refuses in the master, before any worker starts."""
    if not web.weak_secret_key(get_settings().secret_key):
        return
    if exit_code is None:
        exit_code = 2
        if "gunicorn.arbiter" in sys.modules:
            exit_code = 4
            if not _first_worker_to_refuse():
                _leave_when_stopped()
    print(t("app.secret_key_weak", n=web.MIN_SECRET_LENGTH), file=sys.stderr)
    raise SystemExit(exit_code)


def _first_worker_to_refuse() -> bool:
    """Is this the first of its gunicorn master's workers to refuse? (one file per master)"""
    path = os.path.join(tempfile.gettempdir(), f"buurtmonitor-refused-{os.getppid()}")
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        return False
    except OSError:
        return True
    return True


def _leave_when_stopped(wait: float = 30.0) -> None:
    """Leave with code 0 at the master's stop signal. Returns after ``wait`` seconds
    without one (a file left by an earlier master with the same process id): then this
    worker refuses as the first."""
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    time.sleep(wait)


def create_app() -> Dash:
    refuse_weak_secret_key()
    try:
        open_on_demo_when_empty(get_store())
    except sa.exc.OperationalError as exc:
        # The database is down or the URL is wrong: one Dutch sentence, not a traceback.
        url = get_store().engine.url.render_as_string(hide_password=True)
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0][:200]
        print(t("cli.db_unreachable", url=url, reason=reason), file=sys.stderr)
        raise SystemExit(2) from None
    # Staged files never published and old login attempts: now, then once a day.
    prune.start_daily(get_store, get_settings)
    # gzip (Flask-Compress): the page's scripts shrink from 1.6 MB to about 0.5 MB.
    app = Dash(__name__, title=t("app.title"), suppress_callback_exceptions=True, compress=True)
    app.layout = html.Div(
        [
            dcc.Location(id="url"),
            dcc.Store(id="lang"),
            html.Div(id="header"),
            # tabIndex -1: the skip link moves the focus here, not only the scroll.
            html.Main(id="page", tabIndex="-1"),
        ]
    )

    @app.callback(
        Output("header", "children"),
        Output("page", "children"),
        Output("lang", "data"),
        Input("url", "pathname"),
        State("url", "search"),
    )
    @web.reads
    def page(path: str | None, search: str | None) -> tuple:
        """Render on a path change only; within a page the URL query follows the controls."""
        query = urlstate.read(search)
        lang = query.get("lang", "nl")
        lang = lang if lang in LANGUAGES else "nl"
        path = path if path in ROUTES else "/"
        body = localise(ROUTES[path].layout(get_store(), lang, query), lang)
        return _header(path, lang), body, lang

    for module in ROUTES.values():
        module.register(app, get_store)
    search_box.register(app, get_store)
    api.install(app.server, get_store)
    health.install(app.server, get_store)
    tokens_api.install(app.server, get_store)
    web.install(
        app.server,
        get_store=get_store,
        callback_of=lambda output: (app.callback_map.get(output) or {}).get("callback"),
        csp_hashes=app.csp_hashes,
        routes_prefix=app.config.routes_pathname_prefix,
    )
    return app


app = create_app()
server = app.server

if __name__ == "__main__":
    app.run(
        host=os.environ.get("MONITOR_HOST", "127.0.0.1"),
        port=int(os.environ.get("MONITOR_PORT", "8050")),
        debug=False,
    )
