"""The multi-criteria filter of Aandachtsbuurten: up to three conditions (indicator and
class, or indicator, comparison and value), one hidden field in the URL (``filter=``,
:mod:`monitor.criteria`'s form), the matches listed and exported; the map outlines them
(:mod:`layouts.aandacht`)."""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import Dash, Input, Output, State, callback_context, dcc, html, no_update

from layouts.common import Context
from monitor import criteria
from monitor.blocks import table_csv
from monitor.errors import MonitorError
from monitor.messages import class_label, t
from monitor.numbers import format_value
from monitor.scoring import Scorer
from web import reads

ROWS = 3


def _ids(kind: str) -> list[str]:
    return [f"aandacht-crit-{kind}-{i}" for i in range(ROWS)]


def _parsed(text: str | None) -> list[criteria.Criterion]:
    try:
        return criteria.parse(text)[:ROWS]
    except MonitorError:
        return []


def section(ctx: Context, query: dict[str, str], lang: str) -> html.Section:
    found = _parsed(query.get("filter"))
    ops = [{"label": t(f"criteria.op.{o}", lang), "value": o} for o in criteria.OPS]
    rows = []
    for i in range(ROWS):
        own = found[i] if i < len(found) else None
        rows.append(
            html.Div(
                [
                    html.Label(
                        [
                            t("criteria.indicator", lang, n=i + 1),
                            dcc.Dropdown(
                                ctx.options,
                                own.indicator if own else None,
                                id=_ids("indicator")[i],
                            ),
                        ]
                    ),
                    html.Label(
                        [
                            t("criteria.op", lang, n=i + 1),
                            dcc.Dropdown(ops, own.op if own else None, id=_ids("op")[i]),
                        ]
                    ),
                    html.Label(
                        [
                            t("criteria.value", lang, n=i + 1),
                            dcc.Input(
                                id=_ids("value")[i],
                                type="number",
                                debounce=True,
                                value=own.value if own else None,
                            ),
                        ]
                    ),
                ],
                className="controls criteria-row",
            )
        )
    return html.Section(
        [
            html.H3(t("criteria.title", lang)),
            html.P(t("criteria.intro", lang), className="hint"),
            *rows,
            dcc.Input(id="aandacht-filter", type="hidden", value=query.get("filter", "")),
            html.Div(id="aandacht-filter-result", role="status"),
            html.Div(
                [
                    html.Button(t("criteria.export", lang), id="aandacht-filter-csv"),
                    dcc.Download(id="aandacht-filter-download"),
                ],
                className="export-buttons no-print",
            ),
        ],
        className="criteria",
        id="aandacht-criteria",
    )


def from_rows(indicators: list, ops: list, values: list) -> list[criteria.Criterion]:
    """The complete rows as conditions (a comparison needs a number)."""
    found = []
    for ind, op, value in zip(indicators, ops, values, strict=True):
        if not ind or op not in criteria.OPS:
            continue
        if op in criteria.CLASS_OPS:
            found.append(criteria.Criterion(ind, op))
        elif isinstance(value, int | float):
            found.append(criteria.Criterion(ind, op, float(value)))
    return found


def evaluated(
    scorer: Scorer, text: str | None, period: int, level: str
) -> tuple[list[criteria.Criterion], pd.DataFrame, dict[str, int]] | str | None:
    """The conditions and their evaluation; None without any; the reason when refused."""
    try:
        found = criteria.parse(text)
        if not found:
            return None
        frame, years = criteria.evaluate(scorer, found, period, level)
    except MonitorError as exc:
        return str(exc)
    return found, frame, years


def _what(scorer: Scorer, found: list[criteria.Criterion], years: dict[str, int], lang: str) -> str:
    parts = []
    for c in found:
        ind = scorer.indicator(c.indicator)
        label = t("criteria.in_year", lang, label=ind.label(lang), year=years.get(c.indicator, "–"))
        op = t(f"criteria.op.{c.op}", lang)
        value = "" if c.value is None else " " + format_value(c.value, ind.unit, ind.decimals, lang)
        parts.append(f"{label} {op}{value}")
    return t("criteria.and", lang).join(parts)


def result(
    scorer: Scorer, text: str | None, period: int, level: str, lang: str
) -> tuple[set[str] | None, Any]:
    """The matching codes (None without a filter) and the list that shows them."""
    found = evaluated(scorer, text, period, level)
    if found is None:
        return None, html.P(t("criteria.none", lang), className="hint")
    if isinstance(found, str):
        return None, html.P(found, className="waarschuwing", id="aandacht-filter-error")
    conditions, frame, years = found
    hits = frame[frame["match"]]
    count = t(
        "criteria.count",
        lang,
        n=len(hits),
        total=len(frame),
        what=_what(scorer, conditions, years, lang),
    )
    items = [
        html.Li(f"{r['naam']} ({r['code']})", **{"data-code": r["code"]})
        for r in hits.to_dict("records")
    ]
    return set(hits["code"]), [
        html.P(count, id="aandacht-filter-count"),
        html.Ul(items, id="aandacht-filter-list", className="criteria-list"),
    ]


def export_frame(
    scorer: Scorer, found: list[criteria.Criterion], frame: pd.DataFrame, lang: str
) -> pd.DataFrame:
    hits = frame[frame["match"]]
    out: dict[str, Any] = {
        t("typ.col.code", lang): hits["code"],
        t("typ.col.naam", lang): hits["naam"],
    }
    for pos, c in enumerate(found):
        ind = scorer.indicator(c.indicator)
        out[ind.label(lang)] = hits[f"value_{pos}"].round(ind.decimals)
        out[f"{ind.label(lang)}: {t('profiel.class', lang)}"] = [
            class_label(k, lang, scorer.gemeente) if isinstance(k, str) else ""
            for k in hits[f"klasse_{pos}"]
        ]
    return pd.DataFrame(out)


def register(app: Dash, get_store: Any) -> None:
    controls = [*_ids("indicator"), *_ids("op"), *_ids("value")]

    @app.callback(
        *[Output(c, "value") for c in controls],
        Output("aandacht-filter", "value", allow_duplicate=True),
        *[Input(c, "value") for c in controls],
        Input("aandacht-filter", "value"),
        prevent_initial_call=True,
    )
    @reads
    def rows(*args: Any):
        """The rows set the hidden URL field; a URL (back/forward, a link) sets the rows."""
        *values, text = args
        if callback_context.triggered_id == "aandacht-filter":
            found = _parsed(text)
            if criteria.unparse(from_rows(*_split(values))) == criteria.unparse(found):
                return (no_update,) * (len(controls) + 1)
            padded = found + [None] * (ROWS - len(found))
            return (
                *[c.indicator if c else None for c in padded],
                *[c.op if c else None for c in padded],
                *[c.value if c else None for c in padded],
                no_update,
            )
        new = criteria.unparse(from_rows(*_split(values)))
        return (*[no_update] * len(controls), new if new != (text or "") else no_update)

    @app.callback(
        Output("aandacht-filter-download", "data"),
        Input("aandacht-filter-csv", "n_clicks"),
        State("aandacht-filter", "value"),
        State("aandacht-period", "value"),
        State("aandacht-level", "value"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @reads
    def download(_clicks, text, period, level, lang):
        lang = lang or "nl"
        if not (period and level):
            return no_update
        scorer = Scorer(get_store())
        found = evaluated(scorer, text, int(period), level)
        if found is None or isinstance(found, str):
            return no_update
        conditions, frame, _years = found
        out = export_frame(scorer, conditions, frame, lang)
        return dcc.send_string(table_csv(out), f"filter-{level}-{period}.csv")


def _split(values: list[Any]) -> tuple[list, list, list]:
    return values[:ROWS], values[ROWS : 2 * ROWS], values[2 * ROWS :]
