"""The "Vergelijk met" control: what the classes of a page compare with.

One control for the Kaart, the NAP-vergelijking and the Buurtprofiel: the gemeente (NAP,
the default), the area's own stadsdeel, gebied or wijk (only levels above the level
shown that the division has), similar areas, or a base year with its year. The choice is
in the URL (``referentie=``, ``basisjaar=``); pages pass it to
:meth:`monitor.scoring.Scorer.score` and never compute anything themselves. The names
("beter dan het gemiddelde van stadsdeel Oost") come from
:mod:`monitor.scoring.reference`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from dash import Dash, Input, Output, State, dcc, html, no_update

from layouts import urlstate
from monitor.messages import class_label, t
from monitor.numbers import format_value
from monitor.period_kinds import options as period_options
from monitor.scoring.read import division_areas
from monitor.scoring.reference import (
    CHOICES,
    DEFAULT,
    NATIONAL_CHOICE,
    available,
    average_names,
    compared_line,
    frame_average,
)
from monitor.store import Store
from web import reads

__all__ = ["compared_line", "frame_average"]

#: The URL keys of the choice (for a page's ``urlstate.sync``).
URL_KEYS = ("referentie", "basisjaar")


def url_params(prefix: str) -> dict[str, str]:
    """The URL key → component id pairs of the choice on page ``prefix``."""
    return {"referentie": f"{prefix}-referentie", "basisjaar": f"{prefix}-basisjaar"}


def _levels(store: Store) -> list[str]:
    """The level of every area of the division (none without a division)."""
    division = store.division_id()
    return [] if division is None else division_areas(store, division)["level"].tolist()


def options(store: Store, level: str | None, lang: str) -> list[dict[str, str]]:
    """The choices that fit ``level``, labelled (Nederland only in a store of several
    gemeenten)."""
    levels = _levels(store)
    return [
        {"label": t(f"ref.choice.{c}", lang), "value": c}
        for c in available(set(levels), level or "buurt", levels.count("gemeente"))
    ]


def chosen(query: dict[str, str]) -> tuple[str, int | None]:
    """The choice and base year a URL asks for (unknown values: the gemeente, none)."""
    referentie = query.get("referentie", DEFAULT)
    base = query.get("basisjaar", "")
    return (
        referentie if referentie in (*CHOICES, NATIONAL_CHOICE) else DEFAULT,
        int(base) if base.isdigit() else None,
    )


def control(store: Store, query: dict[str, str], lang: str, prefix: str, level: str) -> html.Div:
    """The dropdowns ``{prefix}-referentie`` and ``{prefix}-basisjaar`` (the latter shown
    only for a base year), initialised from the URL."""
    offered = options(store, level, lang)
    referentie, base = chosen(query)
    if referentie not in {o["value"] for o in offered}:
        referentie = DEFAULT
    # The year must be offered from the start: a dropdown drops a value it does not offer.
    years = [base] if base is not None else []
    return html.Div(
        [
            html.Label(
                [
                    t("ref.label", lang),
                    dcc.Dropdown(offered, referentie, id=f"{prefix}-referentie", clearable=False),
                ]
            ),
            html.Label(
                [
                    t("ref.base_year", lang),
                    dcc.Dropdown(years, base, id=f"{prefix}-basisjaar", clearable=False),
                ],
                id=f"{prefix}-basisjaar-wrap",
                style=None if referentie == "basisjaar" else {"display": "none"},
            ),
        ],
        className="controls-2 reference-choice",
    )


def register(app: Dash, get_store: Any, prefix: str, years: str | None = None) -> None:
    """The choices follow the level (``{prefix}-level``); the base year's list follows
    the page's years (``{prefix}-period``'s options, or the list in ``years``, a
    ``dcc.Store``'s id, on a page without a year dropdown such as Trends)."""
    years_input = Input(years, "data") if years else Input(f"{prefix}-period", "options")

    @app.callback(
        Output(f"{prefix}-referentie", "options"),
        Output(f"{prefix}-referentie", "value", allow_duplicate=True),
        Input(f"{prefix}-level", "value"),
        State(f"{prefix}-referentie", "value"),
        State("lang", "data"),
        prevent_initial_call="initial_duplicate",
    )
    @reads
    def choices(level: str | None, current: str | None, lang: str | None):
        offered = options(get_store(), level, lang or "nl")
        keep = current in {o["value"] for o in offered}
        return offered, no_update if keep else DEFAULT

    @app.callback(
        Output(f"{prefix}-basisjaar-wrap", "style"),
        Output(f"{prefix}-basisjaar", "options"),
        Output(f"{prefix}-basisjaar", "value", allow_duplicate=True),
        Input(f"{prefix}-referentie", "value"),
        years_input,
        State(f"{prefix}-basisjaar", "value"),
        State("lang", "data"),
        prevent_initial_call="initial_duplicate",
    )
    @reads
    def base_years(referentie: str | None, years: Any, current: int | None, lang: str | None):
        values = [o["value"] if isinstance(o, dict) else o for o in (years or [])]
        # A quarter or month by its label ("maart 2024"), as the period dropdown shows it.
        offered = period_options(values, lang or "nl")
        if referentie != "basisjaar":
            return {"display": "none"}, offered, no_update
        value = current if current in values else (min(values) if values else None)
        return None, offered, no_update if value == current else value


def score_options(referentie: str | None, base_year: int | None) -> dict[str, Any]:
    """Keyword arguments for :meth:`monitor.scoring.Scorer.score` (a base year without a
    year is the gemeente: nothing to compare with yet)."""
    if not referentie or referentie == DEFAULT:
        return {}
    if referentie == "basisjaar" and base_year is None:
        return {}
    return {"referentie": referentie, "base_year": base_year}


def legend_title(frame: Any, lang: str) -> list[Any]:
    """The legend's first line when the reference is not the gemeente: what the colours
    compare with ("Vergeleken met het gemiddelde van het eigen stadsdeel.")."""
    if frame.attrs.get("referentie", DEFAULT) == DEFAULT:
        return []
    return [
        html.Div(
            compared_line(frame, lang),
            className="legend-item legend-reference",
            role="listitem",
            id=f"legend-reference-{frame.attrs.get('referentie')}",
        )
    ]


def per_area(data: dict[str, Any], frame: Any, ind: Any, lang: str) -> None:
    """A map's hideout with another reference than the gemeente: per area (entries 6 and
    7, read by ``assets/kaart.js``) its class named against its own reference ("beter dan
    het gemiddelde van stadsdeel Oost") and its reference value."""
    if frame.attrs.get("referentie", DEFAULT) == DEFAULT or not len(frame):
        return
    texts: list[str] = []
    where: dict[str, int] = {}
    rows = zip(
        frame["code"].tolist(),
        frame["klasse"].tolist(),
        average_names(frame, lang),
        frame["nap"].tolist(),
        strict=True,
    )
    for code, klasse, average, nap in rows:
        entry = data["areas"].get(code)
        if entry is None:
            continue
        text = class_label(klasse, lang, gemiddelde=average)
        if text not in where:
            where[text] = len(texts)
            texts.append(text)
        entry.extend([where[text], format_value(nap, ind.unit, ind.decimals, lang)])
    data["classTexts"] = texts
    data["labels"]["nap"] = t("ref.value_label", lang)


def hover_averages(frame: Any, lang: str) -> list[str | None]:
    """Per row the named reference for a chart's hover text (None: the page's gemeente,
    as without a choice)."""
    if frame.attrs.get("referentie", DEFAULT) == DEFAULT:
        return [None] * len(frame)
    return list(average_names(frame, lang))


def value_label(frame: Any, lang: str) -> str:
    """ "NAP", or "Vergeleken met" when each area has its own reference value."""
    if frame.attrs.get("referentie", DEFAULT) == DEFAULT:
        return t("col.nap", lang)
    return t("ref.value_label", lang)


def zero_label(frame: Any, default: str, lang: str) -> str:
    """The label of a chart's zero line: "NAP 6,9%", or the reference named."""
    if frame.attrs.get("referentie", DEFAULT) == DEFAULT:
        return default
    return frame_average(frame, lang)


def axis_title(frame: Any, unit: str, default: str, lang: str) -> str:
    """A difference axis: "Verschil met het NAP …", or with the reference named."""
    if frame.attrs.get("referentie", DEFAULT) == DEFAULT:
        return default
    average = frame_average(frame, lang)
    if unit:
        return t("ref.axis_in", lang, gemiddelde=average, unit=unit)
    return t("ref.axis", lang, gemiddelde=average)


# -- the buurtprofiel: rendered once per URL, so a choice opens the page again ------------


def profile_control(
    store: Store, query: dict[str, str], lang: str, level: str, years: list[int]
) -> html.Div:
    """The choice on the buurtprofiel, with the years of the area's series for a base
    year; changing it opens the profile again with the choice in its URL (a full load:
    the page router follows the path, and the profile is rendered from its URL)."""
    div = control(store, query, lang, "profiel", level)
    base = div.children[1].children[1]
    base.options = sorted({int(y) for y in years})
    return html.Div([div, dcc.Location(id="profiel-ref-goto", refresh=True)])


def profile_line(rows: Any, lang: str) -> html.P | None:
    """ "Vergeleken met het gemiddelde van stadsdeel Noord." above the profile's tables."""
    if "vergeleken_met" not in rows:
        return None
    named = [n for n in dict.fromkeys(rows["vergeleken_met"].dropna()) if n]
    if not named:
        return None
    return html.P(
        t("ref.compared", lang, gemiddelde=named[0]), id="profiel-reference", className="hint"
    )


def register_profile(app: Dash) -> None:
    @app.callback(
        Output("profiel-ref-goto", "href"),
        Output("profiel-basisjaar-wrap", "style"),
        Input("profiel-referentie", "value"),
        Input("profiel-basisjaar", "value"),
        State("profiel-code", "data"),
        State("profiel-ref-goto", "search"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @reads
    def reopen(referentie: str | None, base: int | None, code: str, search: str, lang: str):
        show = None if referentie == "basisjaar" else {"display": "none"}
        if referentie == "basisjaar" and base is None:
            return no_update, show  # a year first
        query = {"gebied": code, "lang": lang or "nl"}
        if referentie and referentie != DEFAULT:
            query["referentie"] = referentie
        if referentie == "basisjaar":
            query["basisjaar"] = str(base)
        href = "/profiel?" + urlencode(query)
        current = urlstate.read(search)
        if {k: v for k, v in current.items() if k in query or k in URL_KEYS} == query:
            return no_update, show
        return href, show


def line(frame: Any, ind: Any, lang: str) -> str:
    """The line above a map or chart: :func:`compared_line`, with the reference value when
    it is the same for every area (a base year): "… in 2018 (basisjaar): 7,6%"."""
    text = compared_line(frame, lang)
    values = frame["nap"].dropna().unique() if "nap" in frame else []
    if len(values) == 1:
        value = format_value(float(values[0]), ind.unit, ind.decimals, lang)
        text = f"{text.rstrip('.')}: {value}."
    return text


def query_tail(referentie: str | None, base_year: int | None) -> str:
    """The choice as the end of a link's query ("&referentie=stadsdeel"), so that a map's
    area opens its profile against the same reference."""
    options = score_options(referentie, base_year)
    if not options:
        return ""
    tail = {"referentie": options["referentie"]}
    if options.get("base_year") is not None:
        tail["basisjaar"] = str(options["base_year"])
    return "&" + urlencode(tail)
