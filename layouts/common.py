"""Pieces every page shares: indicator options, the default level, the controls."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dash import Input, Output, State, dcc, html, no_update

from monitor.auth import reads
from monitor.catalog import METHODS, domain_label
from monitor.emptiness import Contents, contents
from monitor.messages import t
from monitor.palette import PALETTES
from monitor.store import LEVELS, Store

SCORABLE_LEVELS = [lvl for lvl in LEVELS if lvl != "gemeente"]
#: The colour-blind-safe palette (monitor/palette.py) unless the URL asks otherwise.
DEFAULT_PALETTE = "standaard"


@dataclass
class Context:
    """What a page needs to know about the store before it renders."""

    options: list[dict[str, str]]
    default_indicator: str | None
    default_level: str
    fictional: str | None
    gemeente: str


def context(store: Store, lang: str) -> Context:
    """Indicator options by domain (coloured, no forecasts), defaults, the fictional flag.

    Raises LookupError when the store has no division yet.
    """
    division_id = store.division_id()
    info = store.division(division_id)
    frame = store.indicators_frame()
    frame = frame[(frame["polarity"] != "geen") & ~frame["forecast"].astype(bool)]
    options = [
        {"label": f"{domain_label(r.domain, lang)} · {label(r, lang)}", "value": r.id}
        for r in frame.sort_values(["domain", "id"]).itertuples()
    ]
    # Open on the finest level the data was published at (buurt for the demo, gebied
    # for the BBGA extract), so the first view is never empty.
    measured = [lvl for lvl in store.measured_levels(division_id) if lvl != "gemeente"]
    return Context(
        options=options,
        default_indicator=options[0]["value"] if options else None,
        default_level=measured[0] if measured else "buurt",
        fictional=t("app.fictional", lang) if info["fictional"] else None,
        gemeente=str(info["gemeente"]),
    )


def empty_state(
    store: Store,
    lang: str,
    needs: tuple[str, ...] = ("meetingen",),
    found: Contents | None = None,
    link: bool = True,
) -> html.Div | None:
    """Why a page that shows ``needs`` (``meetingen``, ``begroting``) has nothing of it,
    and what to do (upload, or publish an undone upload again); None when it has.
    ``link``: end with a link to the Uploaden page (not on that page itself)."""
    found = found or contents(store)
    reasons = [r for r in dict.fromkeys(found.reason(n) for n in needs) if r]
    if not reasons:
        return None
    parts: list[Any] = [html.P(t(r, lang)) for r in reasons]
    if "empty.no_division" not in reasons:
        for need, undone in (("meetingen", found.undone), ("begroting", found.undone_budget)):
            if need in needs and undone and found.reason(need):
                key = "empty.undone_budget" if need == "begroting" else "empty.undone"
                parts.append(html.P(t(key, lang, n=undone)))
        if link:
            parts.append(dcc.Link(t("empty.go_upload", lang), href=f"/upload?lang={lang}"))
    return html.Div(
        parts,
        id="empty-state",
        className="empty-state",
        role="status",
        **{"data-reason": " ".join(r.split(".", 1)[1] for r in reasons)},
    )


def empty_page(
    store: Store, lang: str, needs: tuple[str, ...] = ("meetingen",), indicators: bool = False
) -> Any:
    """The whole page when there is nothing of ``needs`` to show (the reason, what to do,
    and the fictional-city banner when it applies); None when there is something.
    ``indicators``: the page colours one indicator, so a catalogue without any to colour
    (all polarity ``geen``, as a BBGA import without metadata) leaves it empty too."""
    found = contents(store)
    notice = empty_state(store, lang, needs, found)
    if notice is None and indicators:
        ctx = context(store, lang)
        if not ctx.options:
            notice = html.Div(
                html.P(t("empty.no_indicators", lang)),
                id="empty-state",
                className="empty-state",
                role="status",
                **{"data-reason": "no_indicators"},
            )
    if notice is None:
        return None
    banner = fictional_banner(context(store, lang)) if found.division else None
    return html.Div([banner, notice])


def no_values(
    indicator: str, lang: str, year: Any = None, level: str | None = None, areas: int = 1
) -> html.P:
    """What a page says for an indicator without values (in a year, at a level), or for a
    level without areas (``areas=0``)."""
    if not areas:
        text = t("empty.no_areas", lang, level=t(f"level.{level}", lang).lower())
    elif year is None:
        text = t("empty.no_years", lang, indicator=indicator)
    else:
        text = t(
            "empty.no_values",
            lang,
            indicator=indicator,
            year=year,
            level=t(f"level.{level}", lang).lower(),
        )
    return html.P(text, className="empty-state", id="empty-values", role="status")


def empty_figure(text: str) -> Any:
    """A chart that says why it is empty, instead of bare axes."""
    import plotly.graph_objects as go

    from monitor.export import plot_text

    fig = go.Figure()
    fig.update_layout(
        height=200,
        xaxis={"visible": False},
        yaxis={"visible": False},
        plot_bgcolor="white",
        annotations=[
            {
                "text": plot_text(text),
                "showarrow": False,
                "xref": "paper",
                "yref": "paper",
                "x": 0.5,
                "y": 0.5,
                "font": {"size": 14},
            }
        ],
    )
    return fig


def label(row: Any, lang: str) -> str:
    return row.label_en if lang == "en" and row.label_en else row.label_nl


def fictional_banner(ctx: Context) -> html.P | None:
    return html.P(ctx.fictional, className="fictional", id="fictional") if ctx.fictional else None


def controls(store: Store, ctx: Context, lang: str, prefix: str, query: dict[str, str]) -> html.Div:
    """Indicator, year, level and method, initialised from the URL query."""
    level_opts = [{"label": t(f"level.{lvl}", lang), "value": lvl} for lvl in SCORABLE_LEVELS]
    indicator = query.get("indicator", ctx.default_indicator)
    if indicator not in {o["value"] for o in ctx.options}:
        indicator = ctx.default_indicator
    level = query.get("niveau", ctx.default_level)
    # The year list must be there from the start: a dropdown drops a value it does not offer.
    years = store.periods(store.division_id(), indicator) if indicator else []
    wanted = int(query["jaar"]) if query.get("jaar", "").isdigit() else None
    period = wanted if wanted in years else (years[-1] if years else None)
    return html.Div(
        [
            html.Label(
                [
                    t("app.indicator", lang),
                    dcc.Dropdown(ctx.options, indicator, id=f"{prefix}-indicator", clearable=False),
                ]
            ),
            html.Label(
                [
                    t("app.period", lang),
                    dcc.Dropdown(years, period, id=f"{prefix}-period", clearable=False),
                ]
            ),
            html.Label(
                [
                    t("app.level", lang),
                    dcc.Dropdown(
                        level_opts,
                        level if level in SCORABLE_LEVELS else "buurt",
                        id=f"{prefix}-level",
                        clearable=False,
                    ),
                ]
            ),
            html.Label(
                [
                    t("app.method", lang),
                    dcc.Dropdown(list(METHODS), query.get("methode"), id=f"{prefix}-method"),
                ]
            ),
        ],
        className="controls",
    )


def register_periods(app: Any, get_store: Any, prefix: str) -> None:
    """``{prefix}-period`` offers the years of ``{prefix}-indicator``, keeping the chosen
    year when the new indicator has it (so a switch does not restyle twice)."""

    @app.callback(
        Output(f"{prefix}-period", "options"),
        Output(f"{prefix}-period", "value", allow_duplicate=True),
        Input(f"{prefix}-indicator", "value"),
        State(f"{prefix}-period", "value"),
        prevent_initial_call="initial_duplicate",
    )
    @reads
    def periods(indicator_id: str | None, current: int | None):
        if not indicator_id:
            return [], None
        store = get_store()
        years = store.periods(store.division_id(), indicator_id)
        if current in years:
            return years, no_update
        return years, years[-1] if years else None


def palette_control(prefix: str, query: dict[str, str], lang: str) -> html.Fieldset:
    """The class-colour choice ``{prefix}-palette`` (kept in the URL as ``palet=``).

    One control for every page that colours by class, so a council member who needs the
    colour-blind-safe colours (or the printed buurtbegroting's red/green) finds it in the
    same place. A fieldset with a legend: the radio group has one name for screen readers.
    An unknown ``palet`` in a pasted link falls back to the default.
    """
    palette = query.get("palet", DEFAULT_PALETTE)
    return html.Fieldset(
        [
            html.Legend(t("kaart.palette", lang)),
            dcc.RadioItems(
                [{"label": t(f"palette.{p}", lang), "value": p} for p in PALETTES],
                palette if palette in PALETTES else DEFAULT_PALETTE,
                id=f"{prefix}-palette",
                inline=True,
            ),
        ],
        className="palette-control",
    )


#: The texts dcc.Dropdown shows itself ("3 selected", "Search"), by message key.
DROPDOWN_LABELS = (
    "select_all",
    "deselect_all",
    "selected_count",
    "search",
    "clear_search",
    "clear_selection",
    "no_options_found",
)


def localise(component: Any, lang: str) -> Any:
    """Give every dropdown in a page its texts in ``lang``.

    Dash 4's dropdown speaks English ("18 selected") unless told otherwise; one walk over
    the finished page is simpler than passing ``labels`` at thirty call sites.
    """
    labels = {key: t(f"dropdown.{key}", lang) for key in DROPDOWN_LABELS}
    stack = [component]
    while stack:
        node = stack.pop()
        if isinstance(node, dcc.Dropdown) and getattr(node, "labels", None) is None:
            node.labels = labels
        children = getattr(node, "children", None)
        if isinstance(children, list | tuple):
            stack.extend(children)
        elif children is not None and hasattr(children, "to_plotly_json"):
            stack.append(children)
    return component
