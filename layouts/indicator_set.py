"""The indicator set of the Blokjeskaart and the Buurtbegroting: the preset that fits
the catalogue, a multi-select of one's own (at most 18) mirrored into a hidden URL field
(``set=a,b,...``), and the year, level and area filter both pages share.

Moved out of ``layouts/blokjes.py``, which re-exports these names.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dash import Dash, Input, Output, State, callback_context, dcc, html, no_update

from layouts import urlstate
from layouts.common import SCORABLE_LEVELS, Context
from monitor.blocks import (
    DEFAULT_PRESET,
    MAX_INDICATORS,
    STANDIN_KEY,
    Preset,
    best_preset,
    custom_preset,
    load_preset,
    measured_indicators,
    usable_preset,
)
from monitor.catalog import Indicator, load_from_store
from monitor.messages import t
from monitor.period_kinds import is_sub_year, yearly
from monitor.periods import default_set_period
from monitor.store import Store
from web import reads


def base_preset(
    indicators: Mapping[str, Indicator], store: Store
) -> tuple[Preset | None, list[str]]:
    """The preset that fits the catalogue best (Oost; its BBGA twin on Amsterdam data) as
    far as the catalogue has it, and the ids it lacks; for another municipality's data a
    stand-in set of measured indicators."""
    preset = best_preset(indicators)
    if all(i in indicators for i in preset.indicator_ids):
        return preset, []
    # The measured indicators matter only for a stand-in set (none of the ids known).
    known = any(i in indicators for i in preset.indicator_ids)
    measured = None if known else measured_indicators(store, store.division_id())
    return usable_preset(preset, indicators, measured)


def missing_note(base: Preset, missing: list[str], lang: str) -> str | None:
    """Why the set differs from the preset file: ids the catalogue lacks."""
    if not missing:
        return None
    if base.key == STANDIN_KEY:
        return t("blokjes.standin_note", lang, name=load_preset(DEFAULT_PRESET).title(lang))
    return t("blokjes.set_missing", lang, ids=", ".join(missing))


def split_set(text: str | None) -> list[str]:
    return [i.strip() for i in (text or "").split(",") if i.strip()]


def resolve_set(text: str | None, indicators: Mapping[str, Indicator], base: Preset) -> Preset:
    """The set a page shows: the user's choice from the URL field (indicator ids), else
    the preset (its key, or nothing)."""
    if (text or "").strip() == base.key:
        return base
    chosen = [i for i in split_set(text) if i in indicators][:MAX_INDICATORS]
    if not chosen:
        return base
    return custom_preset(chosen, indicators, base)


def set_periods(store: Store, preset: Preset) -> list[int]:
    division_id = store.division_id()
    found = store.periods_of(division_id, yearly(preset.indicator_ids))
    return sorted({p for periods in found.values() for p in periods})


def area_options(store: Store, lang: str) -> list[dict[str, str]]:
    """Stadsdelen and gebieden to filter on (and zoom to)."""
    division_id = store.division_id()
    return [
        {"label": f"{t(f'level.{lvl}', lang)} {r.name} ({r.code})", "value": r.code}
        for lvl in ("stadsdeel", "gebied")
        for r in store.areas_frame(division_id, lvl).itertuples()
    ]


def year_level_filter(
    prefix: str,
    store: Store,
    years: list[int],
    year: int | None,
    level: str,
    query: dict[str, str],
    lang: str,
    levels: list[dict[str, Any]] | None = None,
) -> list[html.Label]:
    """Year, level and stadsdeel/gebied filter: the controls both block pages share
    (``levels``: the level options, see :func:`layouts.common.level_options`)."""
    if levels is None:
        levels = [{"label": t(f"level.{lvl}", lang), "value": lvl} for lvl in SCORABLE_LEVELS]
    return [
        html.Label(
            [
                t("app.period", lang),
                dcc.Dropdown(years, year, id=f"{prefix}-period", clearable=False),
            ]
        ),
        html.Label(
            [
                t("app.level", lang),
                dcc.Dropdown(levels, level, id=f"{prefix}-level", clearable=False),
            ]
        ),
        html.Label(
            [
                t("blokjes.filter", lang),
                dcc.Dropdown(
                    area_options(store, lang),
                    query.get("gebied"),
                    id=f"{prefix}-filter",
                    placeholder=t("blokjes.filter_all", lang),
                ),
            ]
        ),
    ]


def year_value(
    query: dict[str, str], years: list[int], store: Store, preset: Preset, level: str
) -> int | None:
    """The year in the URL when the set has it; else the latest year in which the set has
    colours at ``level`` (:func:`monitor.periods.default_set_period`)."""
    wanted = int(query["jaar"]) if query.get("jaar", "").isdigit() else None
    return wanted if wanted in years else default_set_period(store, preset.indicator_ids, level)


def set_options(ctx: Context, indicators: Mapping[str, Indicator], preset: Preset, lang: str):
    """The multi-select's options: coloured indicators by domain, plus any preset id
    the options lack (a preset may list an uncoloured one); no indicator per quarter or
    month (a set shows one year)."""
    options = [o for o in ctx.options if not is_sub_year(o["value"])]
    known = {o["value"] for o in options}
    for ind_id in preset.indicator_ids:
        if ind_id not in known:
            options.append({"label": indicators[ind_id].label(lang), "value": ind_id})
    return options


def set_controls(
    prefix: str,
    ctx: Context,
    indicators: Mapping[str, Indicator],
    base: Preset,
    query: dict[str, str],
    lang: str,
    label_key: str = "blokjes.set",
) -> html.Div:
    """Multi-select of indicators (overrides the preset) and its hidden URL twin."""
    text = query.get("set", "")
    preset = resolve_set(text, indicators, base)
    return html.Div(
        [
            html.Label(
                [
                    t(label_key, lang, max=MAX_INDICATORS),
                    dcc.Dropdown(
                        set_options(ctx, indicators, base, lang),
                        preset.indicator_ids,
                        id=f"{prefix}-indicators",
                        multi=True,
                    ),
                ]
            ),
            dcc.Input(
                id=f"{prefix}-set",
                type="hidden",
                value="" if preset is base else ",".join(preset.indicator_ids),
            ),
            html.P(
                t("blokjes.set_hint", lang, name=base.title(lang)),
                className="hint",
            ),
            html.P(id=f"{prefix}-set-note", className="hint", role="status"),
        ],
        className="set-controls",
    )


def register_set(app: Dash, get_store: Any, prefix: str) -> None:
    """Keep the multi-select, its hidden URL field and the page's URL in step; at most
    18 indicators. The page's ``dcc.Location`` is ``{prefix}-url``."""
    dropdown, hidden, location = f"{prefix}-indicators", f"{prefix}-set", f"{prefix}-url"

    @app.callback(
        Output(dropdown, "value"),
        Output(hidden, "value", allow_duplicate=True),
        Output(f"{prefix}-set-note", "children"),
        Input(dropdown, "value"),
        Input(hidden, "value"),
        Input(location, "search"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @reads
    def _set(chosen: list[str] | None, text: str | None, search: str | None, lang: str | None):
        lang = lang or "nl"
        store = get_store()
        indicators = load_from_store(store)
        base, _ = base_preset(indicators, store)
        if base is None:
            return no_update, no_update, no_update
        trigger = callback_context.triggered_id
        if trigger == location:
            # Back/forward to a URL without a set: the preset again. (With a set in the
            # URL, urlstate.sync fills the hidden field and the branch below follows.)
            if "set" in urlstate.read(search) or not text:
                return no_update, no_update, no_update
            return base.indicator_ids, "", ""
        if trigger == hidden:
            # Back/forward or a pasted link: the URL field sets the selection.
            ids = resolve_set(text, indicators, base).indicator_ids
            return (ids if ids != (chosen or []) else no_update), no_update, ""
        ids = [i for i in (chosen or []) if i in indicators]
        shown: Any = no_update
        note = ""
        if not ids:
            ids = shown = base.indicator_ids
            note = t("blokjes.set_reset", lang, name=base.title(lang))
        elif len(ids) > MAX_INDICATORS:
            ids = shown = ids[:MAX_INDICATORS]
            note = t("blokjes.set_max", lang, max=MAX_INDICATORS)
        preset = custom_preset(ids, indicators, base)
        new = "" if preset is base else ",".join(ids)
        return shown, (new if new != (text or "") else no_update), note


def register_periods(app: Dash, get_store: Any, prefix: str) -> None:
    """The year list follows the set: every year any of its indicators was measured; a
    year the new set lacks becomes the latest year with colours."""

    @app.callback(
        Output(f"{prefix}-period", "options"),
        Output(f"{prefix}-period", "value", allow_duplicate=True),
        Input(f"{prefix}-set", "value"),
        State(f"{prefix}-period", "value"),
        State(f"{prefix}-level", "value"),
        prevent_initial_call=True,
    )
    @reads
    def periods(text: str | None, current: int | None, level: str | None):
        store = get_store()
        indicators = load_from_store(store)
        base, _ = base_preset(indicators, store)
        if base is None:
            return [], None
        preset = resolve_set(text, indicators, base)
        years = set_periods(store, preset)
        if current in years:
            return years, no_update
        level = level if level in SCORABLE_LEVELS else "buurt"
        return years, default_set_period(store, preset.indicator_ids, level)
