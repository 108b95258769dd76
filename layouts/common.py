"""Pieces every page shares: indicator options, the default level, the controls."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from dash import Input, Output, State, dcc, html, no_update

from monitor import cache
from monitor.catalog import METHODS, Indicator, domain_label, load_from_store
from monitor.emptiness import Contents, contents
from monitor.messages import t
from monitor.palette import PALETTES
from monitor.period_kinds import label as period_label
from monitor.period_kinds import options as period_options
from monitor.periods import default_period
from monitor.polarity import COLOURED, opening_indicator
from monitor.scoring.read import generation_stamp, measured_levels
from monitor.store import LEVELS, Store
from web import reads

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
    #: Levels with data: measured there, or at a finer level that aggregates upward.
    levels: list[str] = field(default_factory=lambda: list(SCORABLE_LEVELS))


def context(store: Store, lang: str) -> Context:
    """Indicator options by domain (coloured, no forecasts), defaults, the fictional flag,
    kept in the shared cache (:mod:`monitor.cache`) per (store, division, score
    generation, language): every change to the catalogue, the areas or the measurements
    raises the generation, so none is stale, on any instance.

    Raises LookupError when the store has no division yet.
    """
    division_id = store.division_id()
    key = (store.url, division_id, generation_stamp(store, division_id), lang)
    found = cache.remember("context", key, lambda: asdict(_context(store, division_id, lang)))
    return Context(**found)


def _context(store: Store, division_id: int, lang: str) -> Context:
    info = store.division(division_id)
    frame = store.indicators_frame()
    frame = frame[(frame["polarity"] != "geen") & ~frame["forecast"].astype(bool)]
    options = [
        {"label": f"{domain_label(r.domain, lang)} · {label(r, lang)}", "value": r.id}
        for r in frame.sort_values(["domain", "id"]).itertuples()
    ]
    # Open on the finest level the data was published at (buurt for the demo, gebied
    # for the BBGA extract), so the first view is never empty.
    measured = [lvl for lvl in measured_levels(store, division_id) if lvl != "gemeente"]
    # Open on a policy indicator (werkloosheid…), never a neutral, demographic one.
    coloured = frame[frame["polarity"].isin(COLOURED)]
    indicators = {r["id"]: Indicator.from_row(r) for r in coloured.to_dict("records")}
    opening = opening_indicator(indicators, lambda i: bool(store.periods(division_id, i)))
    # Values aggregate upward, never downward: below the finest measured level there
    # is nothing to show (BBGA's gebieden have no buurt values).
    levels = SCORABLE_LEVELS[SCORABLE_LEVELS.index(measured[0]) :] if measured else SCORABLE_LEVELS
    return Context(
        options=options,
        default_indicator=opening or (options[0]["value"] if options else None),
        default_level=measured[0] if measured else "buurt",
        fictional=t("app.fictional", lang) if info["fictional"] else None,
        gemeente=str(info["gemeente"]),
        levels=list(levels),
    )


def level_options(ctx: Context, lang: str, gemeente: bool = False) -> list[dict[str, Any]]:
    """Every level for the level dropdowns; one without data is shown, disabled, with
    the reason, so nobody picks a map that can only say "geen gegevens bekend". With
    ``gemeente`` (a store of several gemeenten: the national view) the gemeente level too."""
    national = [{"label": t("level.gemeente", lang), "value": "gemeente"}] if gemeente else []
    return [
        {"label": t(f"level.{lvl}", lang), "value": lvl}
        if lvl in ctx.levels
        else {
            "label": t("app.level_no_data", lang, level=t(f"level.{lvl}", lang)),
            "value": lvl,
            "disabled": True,
        }
        for lvl in SCORABLE_LEVELS
    ] + national


def chosen_level(ctx: Context, wanted: str | None, gemeente: bool = False) -> str:
    """The level from the URL when it has data (the gemeente level only with
    ``gemeente``, see :func:`level_options`), else the default."""
    if gemeente and wanted == "gemeente":
        return wanted
    return wanted if wanted in ctx.levels else ctx.default_level


def chosen_indicator(ctx: Context, wanted: str | None) -> str | None:
    """The indicator from the URL when the page offers it, else the default."""
    return wanted if wanted in {o["value"] for o in ctx.options} else ctx.default_indicator


def level_control(
    options: list[dict[str, Any]], level: str, control_id: str, lang: str
) -> html.Label:
    """The level dropdown with its label (``options``: :func:`level_options`)."""
    return html.Label(
        [t("app.level", lang), dcc.Dropdown(options, level, id=control_id, clearable=False)]
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
            year=period_label(year, lang) if isinstance(year, int) else year,
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


def store_banner(store: Store, lang: str, division_id: int | None = None) -> html.P | None:
    """The fictional-city banner (as :func:`fictional_banner`) for a page without a
    :class:`Context`: from the division's flag alone; None without a division."""
    try:
        division = store.division(store.division_id() if division_id is None else division_id)
    except LookupError:
        return None
    if not division["fictional"]:
        return None
    return html.P(t("app.fictional", lang), className="fictional", id="fictional")


def controls(
    store: Store,
    ctx: Context,
    lang: str,
    prefix: str,
    query: dict[str, str],
    gemeente: bool = False,
) -> html.Div:
    """Indicator, year, level and method, initialised from the URL query (``gemeente``:
    the gemeente level offered too, :func:`level_options`)."""
    level_opts = level_options(ctx, lang, gemeente)
    indicator = chosen_indicator(ctx, query.get("indicator"))
    level = chosen_level(ctx, query.get("niveau"), gemeente)
    # The year list must be there from the start: a dropdown drops a value it does not offer.
    years = store.periods(store.division_id(), indicator) if indicator else []
    wanted = int(query["jaar"]) if query.get("jaar", "").isdigit() else None
    # Without a year in the URL: the latest year with colours, not merely the latest.
    period = (
        wanted
        if wanted in years
        else default_period(store, indicator, level if level in SCORABLE_LEVELS else "buurt")
    )
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
                    t("app.period_any", lang),
                    dcc.Dropdown(
                        period_options(years, lang), period, id=f"{prefix}-period", clearable=False
                    ),
                ]
            ),
            level_control(level_opts, level, f"{prefix}-level", lang),
            html.Label(
                [
                    t("app.method", lang),
                    method_dropdown(
                        store, indicator, query.get("methode"), lang, f"{prefix}-method"
                    ),
                ]
            ),
        ],
        className="controls",
    )


def default_method(store: Store, indicator_id: str | None) -> str:
    """The method the catalogue gives ``indicator_id`` ("z" when it is unknown)."""
    found = load_from_store(store, [indicator_id]).get(indicator_id) if indicator_id else None
    return found.method if found is not None else "z"


def method_options(default: str, lang: str) -> list[dict[str, str]]:
    """Every method in words, the indicator's own one marked "(standaard)"."""
    options = []
    for method in METHODS:
        label = t(f"method.{method}", lang)
        if method == default:
            label = t("method.default", lang, label=label)
        options.append({"label": label, "value": method})
    return options


def method_dropdown(
    store: Store, indicator_id: str | None, wanted: str | None, lang: str, component_id: str
) -> dcc.Dropdown:
    """The method chooser: never blank, the indicator's default chosen unless the URL
    asks for another method."""
    default = default_method(store, indicator_id)
    value = wanted if wanted in METHODS else default
    return dcc.Dropdown(
        method_options(default, lang),
        value,
        id=component_id,
        clearable=False,
        searchable=False,
        className="method-dropdown",
    )


def own_method(store: Store, indicator_id: str | None, method: str | None) -> str | None:
    """None when ``method`` is the indicator's "(standaard)": a page that scores several
    indicators then uses each one's own method."""
    return None if method in (None, default_method(store, indicator_id)) else method


def register_methods(app: Any, get_store: Any, indicator_id: str, method_id: str) -> None:
    """When the indicator changes, the "(standaard)" mark moves to its method, and the
    chosen method follows it unless someone had chosen another one."""

    @app.callback(
        Output(method_id, "options"),
        Output(method_id, "value", allow_duplicate=True),
        Input(indicator_id, "value"),
        State(method_id, "value"),
        State(method_id, "options"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @reads
    def methods(indicator: str | None, current: str | None, options: list | None, lang: str):
        lang = lang or "nl"
        default = default_method(get_store(), indicator)
        previous = next(
            (o["value"] for o in options or [] if o["label"] != t(f"method.{o['value']}", lang)),
            None,
        )
        keep = current in METHODS and current != previous
        return method_options(default, lang), current if keep else default


def register_periods(app: Any, get_store: Any, prefix: str) -> None:
    """``{prefix}-period`` offers the years (quarters, months: by label) of
    ``{prefix}-indicator``, keeping the chosen year when the new indicator has it (so a
    switch does not restyle twice); otherwise the latest year with colours at
    ``{prefix}-level`` (:func:`monitor.periods.default_period`)."""

    @app.callback(
        Output(f"{prefix}-period", "options"),
        Output(f"{prefix}-period", "value", allow_duplicate=True),
        Input(f"{prefix}-indicator", "value"),
        State(f"{prefix}-period", "value"),
        State(f"{prefix}-level", "value"),
        State("lang", "data"),
        prevent_initial_call="initial_duplicate",
    )
    @reads
    def periods(
        indicator_id: str | None, current: int | None, level: str | None, lang: str | None = None
    ):
        if not indicator_id:
            return [], None
        store = get_store()
        years = store.periods(store.division_id(), indicator_id)
        offered = period_options(years, lang or "nl")
        if current in years:
            return offered, no_update
        level = level if level in SCORABLE_LEVELS else "buurt"
        return offered, default_period(store, indicator_id, level)


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


def data_table(headers: list[str], rows: list[list[Any]], table_id: str) -> html.Table:
    """A plain table (class ``data``): a head row and one row per list of cells."""
    return html.Table(
        [
            html.Tr([html.Th(h) for h in headers]),
            *[html.Tr([html.Td(c) for c in row]) for row in rows],
        ],
        id=table_id,
        className="data",
    )


def problem_list(lines: list[str], lang: str) -> html.Ul | html.P:
    """An upload report's problems, errors and warnings told apart; or that there are none."""
    if not lines:
        return html.P(t("upload.no_problems", lang))
    return html.Ul(
        [
            html.Li(line, className="fout" if line.startswith("Fout") else "waarschuwing")
            for line in lines
        ],
        id="upload-problems",
    )
