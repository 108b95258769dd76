"""Dash entry point: ``python app.py`` for development, ``gunicorn app:server`` in production.

Workers are stateless: each request opens the store named by ``MONITOR_DATABASE_URL``
(SQLite by default), so several gunicorn workers can serve the same database.
"""

from __future__ import annotations

import os
from functools import lru_cache
from urllib.parse import parse_qs

from dash import Dash, Input, Output, dcc, html

from layouts import overview, upload
from monitor.messages import LANGUAGES, t
from monitor.store import Store

PAGES = {"/": "nav.overview", "/upload": "nav.upload"}


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
                    for href, key in PAGES.items()
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


def create_app() -> Dash:
    app = Dash(__name__, title=t("app.title"), suppress_callback_exceptions=True)
    app.layout = html.Div(
        [dcc.Location(id="url"), dcc.Store(id="lang"), html.Div(id="header"), html.Main(id="page")]
    )

    @app.callback(
        Output("header", "children"),
        Output("page", "children"),
        Output("lang", "data"),
        Input("url", "pathname"),
        Input("url", "search"),
    )
    def page(path: str | None, search: str | None) -> tuple:
        lang = parse_qs((search or "").lstrip("?")).get("lang", ["nl"])[0]
        lang = lang if lang in LANGUAGES else "nl"
        path = path if path in PAGES else "/"
        body = upload.layout(lang) if path == "/upload" else overview.layout(get_store(), lang)
        return _header(path, lang), body, lang

    overview.register(app, get_store)
    upload.register(app, get_store)
    return app


app = create_app()
server = app.server

if __name__ == "__main__":
    app.run(
        host=os.environ.get("MONITOR_HOST", "127.0.0.1"),
        port=int(os.environ.get("MONITOR_PORT", "8050")),
        debug=False,
    )
