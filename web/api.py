"""The read API (``/api/v1``) over the materialised scores, for notebooks and other systems.

Routes: ``/api/v1/indicatoren``, ``/api/v1/gebieden?niveau=`` (GeoJSON),
``/api/v1/scores?niveau=&indicator=&periode=`` (JSON or ``formaat=csv``), paged with
``pagina`` and ``per_pagina``, and ``/api/v1/openapi.json`` describing them. Every view
carries the same access mark as the pages (``reads``): public when public read is on,
otherwise after logging in. This module only speaks HTTP; what it serves comes from
``monitor`` (the catalogue, the areas, ``monitor.scoring.table``).
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import pandas as pd
from flask import Flask, Response, jsonify, request

from monitor import cache
from monitor.area_geometry import area_geojson
from monitor.catalog import load_from_store
from monitor.errors import MonitorError
from monitor.messages import LANGUAGES, t
from monitor.period_kinds import parse as parse_period
from monitor.scoring.read import generation_stamp, score_summary
from monitor.scoring.table import TABLE_COLUMNS, score_table
from monitor.store import LEVELS, Store
from web.marks import reads
from web.openapi import MAX_PAGE_SIZE, PAGE_SIZE, PREFIX, openapi_document


class BadRequest(Exception):
    """A parameter the API cannot use: answered with 400 and a sentence."""


def install(server: Flask, get_store: Callable[[], Store]) -> None:
    """Register the API's routes on the Flask server."""

    @reads
    def indicatoren() -> Response:
        return _answer(lambda lang: _indicators(get_store(), lang))

    @reads
    def gebieden() -> Response:
        return _answer(lambda lang: _areas(get_store(), lang))

    @reads
    def scores() -> Response:
        return _answer(lambda lang: _scores(get_store(), lang))

    @reads
    def openapi() -> Response:
        return jsonify(openapi_document(_lang()))

    for name, view in {
        "indicatoren": indicatoren,
        "gebieden": gebieden,
        "scores": scores,
        "openapi.json": openapi,
    }.items():
        server.add_url_rule(f"{PREFIX}/{name}", endpoint=f"api_{name}", view_func=view)


def _lang() -> str:
    lang = request.args.get("lang", "nl")
    return lang if lang in LANGUAGES else "nl"


def _answer(build: Callable[[str], Response | dict | list]) -> Response:
    lang = _lang()
    try:
        found = build(lang)
    except (BadRequest, MonitorError) as exc:
        response = jsonify({"fout": str(exc)})
        response.status_code = 400
        return response
    return found if isinstance(found, Response) else jsonify(found)


def _division(store: Store) -> int:
    return store.division_id(request.args.get("indeling") or None)


def _level(lang: str, default: str | None = None) -> str:
    level = request.args.get("niveau") or default
    if level is None:
        raise BadRequest(t("api.err.missing", lang, name="niveau"))
    if level not in LEVELS:
        raise BadRequest(
            t("scoring.err.unknown_level", lang, level=level, choices=", ".join(LEVELS))
        )
    return level


def _int(name: str, default: int | None, lang: str, low: int = 1, high: int | None = None):
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest(t("api.err.number", lang, name=name, value=raw[:40])) from None
    value = max(low, value)
    return min(value, high) if high is not None else value


def _period(lang: str) -> int | None:
    """``periode``: a year (2024), a quarter (2024-K1, 20241) or a month (2024-03)."""
    raw = request.args.get("periode")
    if raw is None or raw == "":
        return None
    try:
        return parse_period(raw[:20])
    except MonitorError:
        raise BadRequest(t("period.bad", lang, text=raw[:20])) from None


# -- indicatoren ----------------------------------------------------------------------


def _indicators(store: Store, lang: str) -> dict[str, Any]:
    division_id = _division(store)
    catalog = load_from_store(store)
    summary = score_summary(store, division_id)
    levels: dict[str, dict[str, dict[str, int]]] = {}
    for row in summary.itertuples(index=False):
        levels.setdefault(row.indicator_id, {})[row.level] = {
            "eerste": int(row.first),
            "laatste": int(row.last),
            "perioden": int(row.periods),
        }
    items = [
        {
            "id": ind.id,
            "naam": ind.label_en if lang == "en" and ind.label_en else ind.label_nl,
            "domein": ind.domain,
            "thema": ind.theme,
            "eenheid": ind.unit,
            "polariteit": ind.polarity,
            "polariteit_bron": ind.polarity_source,
            "polariteit_reden": ind.polarity_reason,
            "methode": ind.method,
            "spreiding": ind.spread,
            "bron": ind.source,
            "niveaus": levels.get(ind.id, {}),
        }
        for ind in sorted(catalog.values(), key=lambda i: i.id)
    ]
    return _page(items, lang)


# -- gebieden -------------------------------------------------------------------------


def _areas(store: Store, lang: str) -> dict[str, Any]:
    division_id = _division(store)
    level = _level(lang, default="buurt")
    collection = area_geojson(store, division_id, level)
    for feature in collection["features"]:
        props = feature["properties"]
        feature["properties"] = {"code": props["code"], "naam": props["name"], "niveau": level}
    return collection


# -- scores ---------------------------------------------------------------------------


def _scores(store: Store, lang: str) -> Response | dict[str, Any]:
    division_id = _division(store)
    level = _level(lang)
    indicator = request.args.get("indicator") or None
    period = _period(lang)
    fmt = request.args.get("formaat", "json")
    if fmt not in ("json", "csv"):
        raise BadRequest(t("export.unknown_format", lang, format=fmt[:20], choices="json of csv"))
    if indicator is not None and indicator not in load_from_store(store, [indicator]):
        raise BadRequest(t("scoring.err.unknown_indicator", lang, id=indicator[:80]))
    table = _table(store, division_id, level, indicator, period, lang)
    if fmt == "csv":
        page, size = _bounds(lang)
        total = len(table)
        buffer = io.StringIO()
        table.iloc[(page - 1) * size : page * size].to_csv(
            buffer, index=False, columns=TABLE_COLUMNS
        )
        response = Response(buffer.getvalue(), mimetype="text/csv")
        response.headers["Content-Disposition"] = "inline; filename=scores.csv"
        response.headers["X-Total-Count"] = str(total)
        following = _next_url(page, size, total)
        if following:
            response.headers["Link"] = f'<{following}>; rel="next"'
        return response
    return _page(table, lang)


def _table(
    store: Store, division_id: int, level: str, indicator: str | None, period: int | None, lang: str
) -> pd.DataFrame:
    """The score table, kept per score generation in the shared cache (a publish on any
    instance makes a new one)."""
    key = (store.url, division_id, generation_stamp(store, division_id))
    key += (level, indicator, period, lang)
    return cache.remember(
        "api-table",
        key,
        lambda: score_table(
            store,
            division_id,
            level,
            indicator_ids=[indicator] if indicator else None,
            periods=[period] if period is not None else None,
            lang=lang,
        ),
        cache.FRAME,
    )


# -- paging ---------------------------------------------------------------------------


def _bounds(lang: str) -> tuple[int, int]:
    """(page, page size) asked for, within bounds."""
    size = _int("per_pagina", PAGE_SIZE, lang, high=MAX_PAGE_SIZE)
    page = _int("pagina", 1, lang)
    return page, size


def _next_url(page: int, size: int, total: int) -> str | None:
    if page * size >= total:
        return None
    args = {k: v for k, v in request.args.items() if k != "pagina"}
    return f"{request.base_url}?{urlencode({**args, 'pagina': page + 1})}"


def _page(items: list[Any] | pd.DataFrame, lang: str) -> dict[str, Any]:
    """One page of ``items``; a frame is turned into JSON records for that page only."""
    page, size = _bounds(lang)
    total = len(items)
    if isinstance(items, pd.DataFrame):
        part = items.iloc[(page - 1) * size : page * size]
        shown = part.astype(object).where(part.notna(), None).to_dict("records")
    else:
        shown = items[(page - 1) * size : page * size]
    return {
        "gegevens": shown,
        "pagina": page,
        "per_pagina": size,
        "totaal": total,
        "paginas": max(1, math.ceil(total / size)),
        "volgende": _next_url(page, size, total),
    }
