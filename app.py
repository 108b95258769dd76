"""Dash entry point: ``python app.py`` for development, ``gunicorn app:server`` in production.

Workers are stateless: each request opens the store named by ``MONITOR_DATABASE_URL``
(SQLite by default), so several gunicorn workers can serve the same database.
"""

from __future__ import annotations

import os
from functools import lru_cache
from urllib.parse import parse_qs

from dash import Dash, Input, Output, dcc, html

from layouts import overview
from monitor.messages import LANGUAGES, t
from monitor.store import Store


@lru_cache(maxsize=1)
def get_store() -> Store:
    """One store (engine and connection pool) per worker process."""
    return Store()


def create_app() -> Dash:
    app = Dash(__name__, title=t("app.title"), suppress_callback_exceptions=True)
    app.layout = html.Div([dcc.Location(id="url"), html.Div(id="page")])

    @app.callback(Output("page", "children"), Input("url", "search"))
    def page(search: str | None) -> html.Div:
        lang = parse_qs((search or "").lstrip("?")).get("lang", ["nl"])[0]
        return overview.layout(get_store(), lang if lang in LANGUAGES else "nl")

    overview.register(app, get_store)
    return app


app = create_app()
server = app.server

if __name__ == "__main__":
    app.run(
        host=os.environ.get("MONITOR_HOST", "127.0.0.1"),
        port=int(os.environ.get("MONITOR_PORT", "8050")),
        debug=False,
    )
