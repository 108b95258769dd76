"""Dash entry point: ``python app.py`` for development, ``gunicorn app:server`` in production.

Workers are stateless: each request opens the store named by ``MONITOR_DATABASE_URL``
(SQLite by default), so several gunicorn workers can serve the same database.
"""

from __future__ import annotations

import contextlib
import os
from functools import lru_cache
from types import ModuleType

from dash import Dash, Input, Output, State, dcc, html

from layouts import (
    begroting,
    blokjes,
    kaart,
    overview,
    profiel,
    trends,
    upload,
    urlstate,
    vergelijking,
)
from monitor.messages import LANGUAGES, t
from monitor.store import Store

#: path → page module; every page has ``layout(store, lang, query)`` and ``register``.
ROUTES: dict[str, ModuleType] = {
    "/": kaart,
    "/tabel": overview,
    "/profiel": profiel,
    "/trends": trends,
    "/vergelijking": vergelijking,
    "/blokjes": blokjes,
    "/begroting": begroting,
    "/upload": upload,
}
#: The navigation, in order, with its message key; the profile is reached by clicking.
NAV = {
    "/": "nav.kaart",
    "/tabel": "nav.overview",
    "/trends": "nav.trends",
    "/vergelijking": "nav.vergelijking",
    "/blokjes": "nav.blokjes",
    "/begroting": "nav.begroting",
    "/upload": "nav.upload",
}


@lru_cache(maxsize=1)
def get_store() -> Store:
    """One store (engine and connection pool) per worker process."""
    return Store()


def _header(path: str, lang: str) -> html.Header:
    other = "en" if lang == "nl" else "nl"
    return html.Header(
        [
            html.H1(t("app.title", lang)),
            html.Nav(
                [
                    dcc.Link(
                        t(key, lang),
                        href=f"{href}?lang={lang}",
                        className="active" if href == path else None,
                    )
                    for href, key in NAV.items()
                ]
            ),
            dcc.Link(
                t("app.language", lang),
                href=f"{path}?lang={other}",
                id="language-switch",
                refresh=True,
            ),
        ],
        className="header",
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


def create_app() -> Dash:
    open_on_demo_when_empty(get_store())
    app = Dash(__name__, title=t("app.title"), suppress_callback_exceptions=True)
    app.layout = html.Div(
        [dcc.Location(id="url"), dcc.Store(id="lang"), html.Div(id="header"), html.Main(id="page")]
    )

    @app.callback(
        Output("header", "children"),
        Output("page", "children"),
        Output("lang", "data"),
        Input("url", "pathname"),
        State("url", "search"),
    )
    def page(path: str | None, search: str | None) -> tuple:
        """Render on a path change only; within a page the URL query follows the controls."""
        query = urlstate.read(search)
        lang = query.get("lang", "nl")
        lang = lang if lang in LANGUAGES else "nl"
        path = path if path in ROUTES else "/"
        body = ROUTES[path].layout(get_store(), lang, query)
        return _header(path, lang), body, lang

    for module in ROUTES.values():
        module.register(app, get_store)
    return app


app = create_app()
server = app.server

if __name__ == "__main__":
    app.run(
        host=os.environ.get("MONITOR_HOST", "127.0.0.1"),
        port=int(os.environ.get("MONITOR_PORT", "8050")),
        debug=False,
    )
