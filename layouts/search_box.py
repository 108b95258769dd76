"""The search box in every page's header: type an area's name or code, pick a match.

The matches come from :func:`monitor.search.find_areas` and are plain links (a full page
load, so a page that shows one area shows the new one). A page that shows an area named
in its URL (``/profiel?gebied=…``, ``/agenda?gebied=…``) opens the match on that page,
keeping its other settings; every other page, the Kaart included, opens the match's
buurtprofiel. Enter opens the first match.

A postcode or an address ("1012 LG", "Damrak 1") is also asked of the geocoder
(:mod:`monitor.geocode`, PDOK Locatieserver unless ``MONITOR_GEOCODER_URL`` says otherwise);
the areas its places lie in are listed first, each with the address it was found by.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from dash import Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate

from layouts import urlstate
from monitor.config import get_settings
from monitor.geocode import geocoder, locate, looks_like_address
from monitor.messages import LANGUAGES, t
from monitor.search import find_areas
from monitor.store import Store
from web import reads

#: Pages that show one area, named by ``gebied`` in their URL.
AREA_PAGES = ("/profiel", "/agenda")
#: How many matches the list shows.
LIMIT = 8


def component(lang: str) -> html.Div:
    """Label, input, the matches (announced politely) and a Location for Enter."""
    return html.Div(
        [
            # The label also says what Enter does (dcc.Input takes no aria-describedby).
            html.Label(
                f"{t('search.label', lang)}. {t('search.hint', lang)}",
                htmlFor="area-search",
                className="sr-only",
            ),
            dcc.Input(
                id="area-search",
                type="search",
                placeholder=t("search.placeholder", lang),
                autoComplete="off",
                debounce=False,
                n_submit=0,
            ),
            html.Div(id="area-search-results", role="status", **{"aria-live": "polite"}),
            dcc.Location(id="area-search-go", refresh=True),
        ],
        className="area-search",
        role="search",
    )


def target(code: str, path: str | None, search: str | None, lang: str) -> str:
    """Where a match leads from the page at ``path`` (with query ``search``)."""
    if path in AREA_PAGES:
        query = urlstate.read(search)
        query["gebied"] = code
        query.setdefault("lang", lang)
        return f"{path}?{urlencode(query)}"
    return "/profiel?" + urlencode({"gebied": code, "lang": lang})


def _language(lang: str | None) -> str:
    return lang if lang in LANGUAGES else "nl"


def matches(store: Store, division_id: int, text: str, limit: int) -> list[tuple]:
    """(code, name, level, address or None) of the areas ``text`` names: for a postcode or
    an address first the areas the geocoder's places lie in, then areas by name or code."""
    found: list[tuple] = []
    url = get_settings().geocoder_url
    if url and looks_like_address(text):
        places = locate(store, division_id, geocoder(url).places(text))
        found += [(p.code, p.name, p.level, p.label) for p in places]
    codes = {m[0] for m in found}
    found += [
        (m.code, m.name, m.level, None)
        for m in find_areas(store, division_id, text, limit)
        if m.code not in codes
    ]
    return found[:limit]


def _item(match: tuple, path: str | None, search: str | None, lang: str) -> html.Li:
    code, name, level, address = match
    where = t("search.where", lang, code=code, level=t(f"level.{level}", lang))
    parts: list[Any] = [html.Span(name, className="area-search-name"), " "]
    if address:
        parts += [
            html.Span(t("search.address", lang, address=address), className="area-search-address"),
            " ",
        ]
    parts.append(html.Span(where, className="area-search-where"))
    return html.Li(html.A(parts, href=target(code, path, search, lang)))


def results(store: Store, text: str | None, path: str | None, search: str | None, lang: str):
    """The matches as a list of links, a "nothing found" line, or nothing (no text)."""
    if not (text or "").strip():
        return None
    try:
        division_id = store.division_id()
    except LookupError:
        return html.P(t("search.none", lang, text=text.strip()), className="hint")
    found = matches(store, division_id, text, LIMIT)
    if not found:
        return html.P(t("search.none", lang, text=text.strip()), className="hint")
    return html.Ul(
        [_item(m, path, search, lang) for m in found],
        className="area-search-list",
        **{"aria-label": t("search.found", lang, count=len(found))},
    )


def register(app: Any, get_store: Any) -> None:
    """Matches while typing; Enter opens the first."""

    @app.callback(
        Output("area-search-results", "children"),
        Input("area-search", "value"),
        State("url", "pathname"),
        State("url", "search"),
        State("lang", "data"),
    )
    @reads
    def _list(text: str | None, path: str | None, search: str | None, lang: str | None):
        return results(get_store(), text, path, search, _language(lang))

    @app.callback(
        Output("area-search-go", "href"),
        Input("area-search", "n_submit"),
        State("area-search", "value"),
        State("url", "pathname"),
        State("url", "search"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @reads
    def _open(_: int | None, text: str | None, path: str | None, search: str | None, lang):
        store = get_store()
        if not (text or "").strip():
            raise PreventUpdate
        try:
            found = matches(store, store.division_id(), text, 1)
        except LookupError:
            raise PreventUpdate from None
        if not found:
            raise PreventUpdate
        return target(found[0][0], path, search, _language(lang))
