"""Kaart: pick areas on the map to compare ("Vergelijk met…").

A switch above the map turns a click (or Enter on a focused area) from "open the
buurtprofiel" into "add this area to the comparison". The chosen codes live in a
``dcc.Store`` kept for the browser tab (session), shown as chips with a remove button
and outlined on the map (``assets/kaart_pick.js``);
a link leads to ``/vergelijken?gebieden=A,B`` — with one area it reads "Vergelijk met…"
(the Vergelijken page lets the user add the others), with two to four "Vergelijken (n)".
:mod:`layouts.kaart` only places :func:`panel` and leaves clicks to this module while
the switch is on.
"""

from __future__ import annotations

from typing import Any

from dash import (
    ALL,
    ClientsideFunction,
    Dash,
    Input,
    Output,
    State,
    callback_context,
    dcc,
    html,
    no_update,
)

from layouts.vergelijken import href as compare_href
from monitor.messages import t
from monitor.sidebyside import MAX_AREAS
from monitor.store import Store
from web import reads

ON = "aan"


def panel(lang: str) -> html.Div:
    """The switch, the chips and the link (hidden until an area is chosen)."""
    return html.Div(
        [
            dcc.Checklist(
                [{"label": t("pick.toggle", lang), "value": ON}],
                [],
                # No className: it would replace Dash's own classes, which
                # assets/a11y.js needs to repair the checklist's roles.
                id="kaart-pick-on",
            ),
            dcc.Store(id="kaart-pick", data=[], storage_type="session"),
            dcc.Store(id="kaart-pick-marked"),  # how many are outlined (assets/kaart_pick.js)
            html.Div(id="kaart-pick-chosen", className="kaart-pick-chosen", role="status"),
        ],
        className="kaart-pick no-print",
    )


def picking(value: Any) -> bool:
    """Whether the switch is on (the Kaart's own click then does nothing)."""
    return isinstance(value, list) and ON in value


def add(codes: list[str], code: str | None) -> list[str]:
    """``code`` added once, at most :data:`MAX_AREAS`; a second click removes it."""
    codes = [c for c in codes if isinstance(c, str)]
    if not code:
        return codes
    if code in codes:
        return [c for c in codes if c != code]
    return codes if len(codes) >= MAX_AREAS else [*codes, code]


def chosen(store: Store, codes: list[str], on: bool, lang: str) -> list[Any]:
    """The chips (name, code, remove button) and the link to Vergelijken."""
    if not on and not codes:
        return []
    names = store.areas_frame(store.division_id()).set_index("code")["name"]
    codes = [c for c in codes if c in names.index]
    parts: list[Any] = [html.P(t("pick.hint", lang), className="hint")] if on else []
    if not codes:
        return [*parts, html.Span(t("pick.none", lang), className="hint")]
    chips = [
        html.Span(
            [
                f"{names[c]} ({c}) ",
                html.Button(
                    "×",
                    id={"type": "kaart-pick-remove", "code": c},
                    className="chip-remove",
                    title=t("pick.remove", lang, naam=names[c]),
                    **{"aria-label": t("pick.remove", lang, naam=names[c])},
                ),
            ],
            className="chip",
            **{"data-code": c},
        )
        for c in codes
    ]
    label = t("sbs.compare_with", lang) if len(codes) == 1 else t("pick.go", lang, n=len(codes))
    parts += [
        html.Span(t("pick.chosen", lang) + " ", className="kaart-pick-label"),
        *chips,
        dcc.Link(label, href=compare_href(codes, lang), id="kaart-pick-go", className="button"),
    ]
    if on and len(codes) >= MAX_AREAS:  # a further click adds nothing: say why
        parts.append(html.P(t("pick.full", lang, n=MAX_AREAS), className="hint"))
    return parts


def register(app: Dash, get_store: Any, clicked_code: Any) -> None:
    """``clicked_code(store, click, level)``: the Kaart's own reading of a map click."""

    @app.callback(
        Output("kaart-pick", "data"),
        Input("kaart-geojson", "clickData"),
        Input({"type": "kaart-pick-remove", "code": ALL}, "n_clicks"),
        State("kaart-pick-on", "value"),
        State("kaart-pick", "data"),
        State("kaart-level", "value"),
        prevent_initial_call=True,
    )
    @reads
    def pick(click: dict | None, _removes: list, on: Any, codes: list | None, level: str):
        codes = list(codes or [])
        trigger = callback_context.triggered_id
        if isinstance(trigger, dict):  # a chip's remove button
            if not callback_context.triggered[0].get("value"):
                return no_update  # the chips were just drawn, nothing pressed
            return [c for c in codes if c != trigger.get("code")]
        if not picking(on):
            return no_update
        code = clicked_code(get_store(), click, level)
        return add(codes, code) if code else no_update

    # The chosen areas outlined on the map, also after the level's geometry is redrawn.
    app.clientside_callback(
        ClientsideFunction(namespace="kaart_pick", function_name="mark"),
        Output("kaart-pick-marked", "data"),
        Input("kaart-pick", "data"),
        Input("kaart-geojson", "data"),
    )

    @app.callback(
        Output("kaart-pick-chosen", "children"),
        Input("kaart-pick", "data"),
        Input("kaart-pick-on", "value"),
        State("lang", "data"),
    )
    @reads
    def show(codes: list | None, on: Any, lang: str | None):
        lang = lang if isinstance(lang, str) else "nl"
        codes = [c for c in (codes or []) if isinstance(c, str)]
        return chosen(get_store(), codes, picking(on), lang)
