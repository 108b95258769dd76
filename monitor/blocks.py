"""Indicator blocks: the Blokjeskaart and the Buurtbegroting table.

A *preset* (``indicators/oost.toml``, :mod:`monitor.presets`) is a named set of at most
18 indicators in domain rows, as stadsdeel Oost showed them on every buurt.

:func:`block_scores` scores every indicator of a set for one period and level, with
the classes folded to the four of the buurtbegroting (beter, rond, slechter, geen
gegevens; neutral indicators keep meer/minder).

**Which year per indicator.** Not every indicator is measured every year: survey
indicators come every other year, and a source may skip a year. A block that showed
*geen gegevens* for those would be half empty in every even year. So each indicator
uses the chosen period when it has measurements in it, and otherwise its latest period
before it (never a later one: a 2024 view does not show 2025). The year used is kept
per cell (column ``jaar``) and shown in the legend, tooltip and export, so a colour is
always traceable to its measurement. An indicator with no period at or before the
chosen one gives *geen gegevens* for every area.

The export frame (:func:`table_frame`) has the class as words next to every value;
:func:`table_csv` and :func:`table_xlsx` neutralise spreadsheet formulas in every
text cell and header (:func:`monitor.export.safe_frame`).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from monitor import cache
from monitor.catalog import Indicator
from monitor.errors import MonitorError
from monitor.export import safe_frame
from monitor.messages import class_label, t
from monitor.presets import (  # noqa: F401  (the set's names, kept importable from here)
    DEFAULT_PRESET,
    MAX_ALL_INDICATORS,
    MAX_INDICATORS,
    ROW_WIDTH,
    STANDIN_KEY,
    Preset,
    PresetDomain,
    best_preset,
    check_preset,
    custom_preset,
    key_set,
    load_preset,
    measured_indicators,
    preset_files,
    usable_preset,
)
from monitor.scoring import Scorer, fold
from monitor.scoring.read import score_stamp
from monitor.store import PARENT_COLUMNS

#: The four classes of the buurtbegroting, good to bad, then no data.
BLOCK_CLASSES = ("beter", "rond", "slechter", "geen_gegevens")
LONG_COLUMNS = [
    "area_id",
    "code",
    "naam",
    "indicator",
    "domain",
    "jaar",
    "value",
    "nap",
    "nap_source",
    "klasse",
    "reden",
    "reden_code",
]


# -- scoring -------------------------------------------------------------------------


def year_used(available: Iterable[int], period: int) -> int | None:
    """``period`` when measured, else the latest measured period before it."""
    earlier = [int(p) for p in available if int(p) <= int(period)]
    return max(earlier) if earlier else None


def years_used(scorer: Scorer, preset: Preset, period: int) -> dict[str, int | None]:
    """Per indicator of the set: the period its cells show (see the module docstring)."""
    found = scorer.store.periods_of(scorer.division_id, preset.indicator_ids)
    return {i: year_used(found[i], period) for i in preset.indicator_ids}


def block_scores(
    scorer: Scorer,
    preset: Preset,
    period: int,
    level: str,
    *,
    method: str | None = None,
    lang: str = "nl",
) -> pd.DataFrame:
    """One row per area × indicator of the set (areas sorted by code, indicators in
    preset order): the value and class of the year used, folded to four classes.

    Columns: area_id, code, naam, indicator, domain, jaar (the year used; NA when the
    indicator has none at or before ``period``), value, nap, nap_source, klasse, reden,
    reden_code (``niet_significant``: rond door onzekerheid, marked on the cell).
    ``frame.attrs`` holds ``gemeente``, ``period`` and ``level``.
    """
    areas = scorer.areas(level)
    frames = []
    for ind_id, year in years_used(scorer, preset, period).items():
        scorer.indicator(ind_id)  # unknown ids fail here, with a Dutch message
        if year is None:
            frame = areas[["id", "code", "name"]].rename(columns={"id": "area_id", "name": "naam"})
            frame = frame.assign(
                value=np.nan,
                nap=np.nan,
                nap_source="",
                klasse="geen_gegevens",
                reden=t("reason.geen_meting", lang, period=period),
                reden_code="geen_meting",
            )
        else:
            frame = scorer.score(ind_id, year, level, method=method, lang=lang)
            frame = frame.assign(klasse=frame["klasse"].map(fold))
        frames.append(
            frame.assign(indicator=ind_id, domain=preset.domain_of(ind_id), jaar=year)[LONG_COLUMNS]
        )
    out = pd.concat(frames, ignore_index=True)
    out["jaar"] = out["jaar"].astype("Int64")
    order = {ind: i for i, ind in enumerate(preset.indicator_ids)}
    out = out.sort_values(
        ["code", "indicator"], key=lambda s: s.map(order) if s.name == "indicator" else s
    )
    out = out.reset_index(drop=True)
    out.attrs.update(gemeente=scorer.gemeente, period=int(period), level=level)
    return out


def data_fingerprint(scorer: Scorer, level: str) -> tuple[Any, ...]:
    """What block scores depend on besides their arguments: the measurements (every
    change is an upload or the undo of one), the catalogue, the areas and settings.

    Each of those rescores the division, which changes its score stamp (generation and
    build time); only a division never scored is told apart by hashing its catalogue
    and areas (the catalogue's text alone took ~15 ms on BBGA's 800 definitions)."""
    state = scorer.store.upload_counts()
    stamp = score_stamp(scorer.store, scorer.division_id)
    contents: tuple[Any, ...] = ()
    if not stamp[0]:
        # A digest, not hash(): the same in every process, so instances share the cache.
        listing = "\n".join(sorted(repr(i) for i in scorer.indicators.values()))
        catalogue = hashlib.sha256(listing.encode()).hexdigest()
        areas = int(pd.util.hash_pandas_object(scorer.areas(level), index=False).sum())
        contents = (catalogue, areas)
    return (
        str(scorer.store.engine.url),
        scorer.division_id,
        stamp,
        tuple(state),
        *contents,
        scorer.population_indicator,
        scorer.gemeente,
    )


def cached_block_scores(
    scorer: Scorer,
    preset: Preset,
    period: int,
    level: str,
    *,
    method: str | None = None,
    lang: str = "nl",
) -> pd.DataFrame:
    """:func:`block_scores`, reused while the data are unchanged (sorting a table or
    exporting it does not score 18 indicators again), in the shared cache
    (``monitor.cache``). Returns a copy."""
    key = (
        data_fingerprint(scorer, level),
        tuple((d.key, d.indicators) for d in preset.domains),
        int(period),
        level,
        method,
        lang,
    )
    return cache.remember(
        "blocks",
        key,
        lambda: block_scores(scorer, preset, period, level, method=method, lang=lang),
        cache.FRAME,
    )


def area_codes(areas: pd.DataFrame, within: str | None) -> list[str]:
    """Codes of ``areas`` (one level) that are ``within`` an area code, or are it."""
    if not within:
        return list(areas["code"])
    hit = areas["code"] == within
    for col in PARENT_COLUMNS.values():
        if col in areas.columns:
            hit |= areas[col] == within
    return list(areas.loc[hit, "code"])


def sort_codes(scores: pd.DataFrame, key: str | None, descending: bool = False) -> list[str]:
    """Area codes ordered by ``code``, ``naam`` or an indicator's value (no value last)."""
    first = scores.drop_duplicates("code")[["code", "naam"]]
    if key in (None, "", "code"):
        ordered = first.sort_values("code", ascending=not descending)
    elif key == "naam":
        ordered = first.assign(_k=first["naam"].str.casefold()).sort_values(
            ["_k", "code"], ascending=not descending
        )
    else:
        vals = scores[scores["indicator"] == key][["code", "value"]]
        if vals.empty:
            raise MonitorError(t("blocks.err.not_in_set", id=key))
        ordered = vals.sort_values(
            ["value", "code"], ascending=[not descending, True], na_position="last"
        )
    return list(ordered["code"])


# -- the table and its export --------------------------------------------------------


def table_frame(
    scores: pd.DataFrame,
    preset: Preset,
    indicators: Mapping[str, Indicator],
    lang: str = "nl",
    codes: list[str] | None = None,
) -> pd.DataFrame:
    """The Buurtbegroting as a flat table: code, area, then per indicator its value
    (rounded as the catalogue says) and its class in words; the first row is NAP.

    ``codes`` selects and orders the rows (default: all, by code). Values stay numbers.
    """
    gemeente = scores.attrs.get("gemeente")
    codes = list(dict.fromkeys(scores["code"])) if codes is None else codes
    by_key = scores.set_index(["indicator", "code"])
    names = scores.drop_duplicates("code").set_index("code")["naam"]
    col_code, col_name = t("col.code", lang), t("col.naam", lang)
    table: dict[str, list[object]] = {
        col_code: ["NAP", *codes],
        col_name: [t("begroting.nap_row", lang), *(names.get(c, "") for c in codes)],
    }
    for ind_id in preset.indicator_ids:
        ind = indicators[ind_id]
        part = by_key.loc[ind_id]
        year = part["jaar"].dropna()
        label = ind.label(lang) + (f" ({int(year.iloc[0])})" if not year.empty else "")
        rows = part.reindex(codes)
        nap = part["nap"].dropna()
        table[label] = [
            round(float(nap.iloc[0]), ind.decimals) if not nap.empty else None,
            *(None if pd.isna(v) else round(float(v), ind.decimals) for v in rows["value"]),
        ]
        table[t("begroting.class_column", lang, label=ind.label(lang))] = [
            "",
            *(class_label(k, lang, gemeente) if isinstance(k, str) else "" for k in rows["klasse"]),
        ]
    return pd.DataFrame(table)


def table_csv(frame: pd.DataFrame) -> str:
    """CSV as Dutch Excel opens it: ``;``, decimal commas, a UTF-8 byte order mark."""
    buffer = io.StringIO()
    safe_frame(frame).to_csv(buffer, sep=";", decimal=",", index=False)
    return "\ufeff" + buffer.getvalue()


def table_xlsx(frame: pd.DataFrame, sheet: str = "buurtbegroting") -> bytes:
    buffer = io.BytesIO()
    safe_frame(frame).to_excel(buffer, index=False, sheet_name=sheet[:31], engine="openpyxl")
    return buffer.getvalue()
