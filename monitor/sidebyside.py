"""Vergelijken: two to four areas (any levels) side by side on every indicator.

Not the NAP-vergelijking (:mod:`monitor.compare`, every area of a level against NAP):
here a few chosen areas against each other. Each area is read as its buurtprofiel is
(:func:`monitor.profile.area_profile`: one query per area on the materialised scores,
the latest coloured year per indicator), so nothing is scored. One row per coloured
indicator of the catalogue, the block set first (in its domain rows), then the other
indicators by catalogue domain; per area value, class, year, NAP and reason; and the
difference in words ("Pareldorp scoort beter dan Beukendorp (2,3 procentpunt
verschil)").
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from monitor.blocks import MAX_ALL_INDICATORS, best_preset, measured_indicators, usable_preset
from monitor.catalog import DOMAINS, Indicator, domain_label
from monitor.errors import MonitorError
from monitor.lru import LRU
from monitor.messages import class_label, t
from monitor.numbers import format_difference
from monitor.period_kinds import is_sub_year
from monitor.polarity import COLOURED
from monitor.profile import area_profile
from monitor.scoring import Scorer
from monitor.scoring.read import score_stamp

MIN_AREAS, MAX_AREAS = 2, 4
#: Classes from good to bad, for sorting on a class column (no data last).
CLASS_ORDER = (
    "veel_beter",
    "beter",
    "rond",
    "meer",
    "minder",
    "slechter",
    "veel_slechter",
    "niet_gekleurd",
    "geen_gegevens",
)
#: What every area contributes to a row (suffixed with the area's position).
AREA_FIELDS = ("value", "klasse", "period", "nap", "reden", "reden_code")


def parse_codes(text: str | None) -> list[str]:
    """``"N01a, n01b,,O01a"`` → ``["N01a", "n01b", "O01a"]``: split on commas, trimmed,
    each code once (without regard to case)."""
    seen: dict[str, str] = {}
    for part in (text or "").split(","):
        code = part.strip()
        if code and code.casefold() not in seen:
            seen[code.casefold()] = code
    return list(seen.values())


@dataclass
class SideBySide:
    #: per area: code, name, level (in the order asked)
    areas: list[dict[str, str]]
    #: per indicator: indicator_id, label, unit, decimals, polarity, group, group_title,
    #: order, verschil; per area i: value_i, klasse_i, period_i, nap_i, reden_i, reden_code_i
    rows: pd.DataFrame
    gemeente: str

    def names(self) -> list[str]:
        return [a["name"] for a in self.areas]


#: (url, division, generation, codes, language) → SideBySide: the page filters, sorts and
#: exports the same areas again and again (a BBGA area's profile takes ~0.4 s to read).
_kept: LRU[SideBySide] = LRU(16)


def side_by_side(scorer: Scorer, codes: list[str], lang: str = "nl") -> SideBySide:
    """Every coloured indicator for 2–4 areas; unknown codes and a wrong count are
    refused (MonitorError with a catalogue message). Kept per score generation."""
    if not MIN_AREAS <= len(codes) <= MAX_AREAS:
        raise MonitorError(t("sbs.err.count", lang, min=MIN_AREAS, max=MAX_AREAS, n=len(codes)))
    store = scorer.store
    stamp = score_stamp(store, scorer.division_id)
    if not stamp[0]:  # never scored: nothing tells a change apart
        return _side_by_side(scorer, codes, lang)
    key = (store.url, scorer.division_id, *stamp, tuple(c.casefold() for c in codes), lang)
    found = _kept.get_or_build(key, lambda: _side_by_side(scorer, codes, lang))
    return copy.deepcopy(found)


def _side_by_side(scorer: Scorer, codes: list[str], lang: str) -> SideBySide:
    profiles = [area_profile(scorer, code, lang) for code in codes]
    catalogue = scorer.indicators
    shown = [
        i
        for i in catalogue.values()
        if i.polarity != "geen" and not i.forecast and not is_sub_year(i.id)
    ]
    groups = _groups(scorer, shown, lang)
    records = []
    for ind in shown:
        group, title, order = groups[ind.id]
        rec: dict[str, Any] = {
            "indicator_id": ind.id,
            "label": ind.label(lang),
            "unit": ind.unit,
            "decimals": ind.decimals,
            "polarity": ind.polarity,
            "group": group,
            "group_title": title,
            "order": order,
        }
        records.append(rec)
    rows = pd.DataFrame(records)
    for pos, profile in enumerate(profiles):
        own = profile.rows.set_index("indicator_id") if not profile.rows.empty else None
        for name in AREA_FIELDS:
            if own is None or name not in own.columns:
                rows[f"{name}_{pos}"] = None
                continue
            rows[f"{name}_{pos}"] = rows["indicator_id"].map(own[name]).to_numpy()
        rows[f"klasse_{pos}"] = rows[f"klasse_{pos}"].fillna("geen_gegevens")
        rows[f"value_{pos}"] = rows[f"value_{pos}"].astype("float64")
        rows[f"nap_{pos}"] = rows[f"nap_{pos}"].astype("float64")
    names = [p.name for p in profiles]
    rows["verschil"] = [
        difference_words(
            catalogue[r["indicator_id"]],
            list(zip(names, [r[f"value_{i}"] for i in range(len(profiles))], strict=True)),
            lang,
        )
        for r in rows.to_dict("records")
    ]
    rows = rows.sort_values("order", kind="stable").reset_index(drop=True)
    areas = [{"code": p.code, "name": p.name, "level": p.level} for p in profiles]
    return SideBySide(areas, rows, scorer.gemeente)


def _groups(scorer: Scorer, shown: list[Indicator], lang: str) -> dict[str, tuple[str, str, int]]:
    """indicator → (group key, group title, order): the block set first in its domain
    rows, then the catalogue's domains in their order, by label within a domain."""
    catalogue = scorer.indicators
    preset, _ = usable_preset(
        best_preset(catalogue), catalogue, measured_indicators(scorer.store, scorer.division_id)
    )
    out: dict[str, tuple[str, str, int]] = {}
    n = 0
    if preset is not None:
        for dom in preset.domains:
            # What is compared: the theme (the set's own name, "Buurtbegroting Oost …",
            # read as if the page compared budgets).
            title = dom.title(lang)
            for ind_id in dom.indicators:
                if ind_id in catalogue and ind_id not in out:
                    out[ind_id] = (f"set:{dom.key}", title, n)
                    n += 1
    order = {d: i for i, d in enumerate(DOMAINS)}
    rest = sorted(
        (i for i in shown if i.id not in out),
        key=lambda i: (order.get(i.domain, len(order)), i.domain, i.label(lang).casefold()),
    )
    for ind in rest:
        title = domain_label(ind.domain, lang)
        if preset is not None:  # after the set's themes: the same theme names again
            title = t("sbs.other_group", lang, domain=title)
        out[ind.id] = (ind.domain, title, n)
        n += 1
    return out


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def difference_words(ind: Indicator, values: list[tuple[str, Any]], lang: str = "nl") -> str:
    """The difference between the areas in one sentence.

    Good/bad indicators: "A scoort beter dan B (2,3 procentpunt verschil)", with three or
    four areas "A scoort het best, B het slechtst (…)"; other indicators say higher and
    lower. Values equal at the indicator's decimals are "gelijk"; areas without a value
    are named.
    """
    present = [(n, float(v)) for n, v in values if not _missing(v)]
    missing = [n for n, v in values if _missing(v)]
    if len(present) < 2:
        text = t("sbs.diff.too_few", lang)
    else:
        rounded = [round(v, ind.decimals) for _, v in present]
        if max(rounded) == min(rounded):
            text = t("sbs.diff.equal", lang)
        else:
            high = max(present, key=lambda p: p[1])
            low = min(present, key=lambda p: p[1])
            size = format_difference(high[1] - low[1], ind.unit, ind.decimals, lang, signed=False)
            if ind.polarity in COLOURED:
                good, bad = (high, low) if ind.polarity == "hoger-beter" else (low, high)
                key = "sbs.diff.better" if len(present) == 2 else "sbs.diff.best"
            else:
                good, bad = high, low
                key = "sbs.diff.higher" if len(present) == 2 else "sbs.diff.highest"
            text = t(key, lang, a=good[0], b=bad[0], diff=size)
    if missing:
        text += " " + t("sbs.diff.missing", lang, names=", ".join(missing))
    return text


# -- sorting, filtering, export ------------------------------------------------------------


def filter_rows(rows: pd.DataFrame, text: str | None) -> pd.DataFrame:
    """Rows whose indicator name, id or group holds ``text`` (case-insensitive)."""
    query = (text or "").strip().casefold()
    if not query:
        return rows
    haystack = (rows["indicator_id"] + " " + rows["label"] + " " + rows["group_title"]).str
    return rows[haystack.casefold().str.contains(query, regex=False)]


def is_large(rows: pd.DataFrame) -> bool:
    """A catalogue too large to show every row at once (BBGA: 370 coloured indicators)."""
    return len(rows) > MAX_ALL_INDICATORS


def visible_rows(rows: pd.DataFrame, text: str | None, show_all: bool = False) -> pd.DataFrame:
    """The rows the page shows: the matches of ``text`` among all; without a text, all
    of a small catalogue, and of a large one its block set unless ``show_all``."""
    if (text or "").strip():
        return filter_rows(rows, text)
    if show_all or not is_large(rows):
        return rows
    return rows[rows["group"].str.startswith("set:")]


def sort_rows(rows: pd.DataFrame, column: str | None, descending: bool = False) -> pd.DataFrame:
    """Sorted on ``indicator`` (name), ``value_i`` or ``klasse_i`` (good to bad); missing
    values last either way. Without a column: the grouped order."""
    if not column or column == "order":
        return rows.sort_values("order", kind="stable")
    if column == "indicator":
        key = rows["label"].str.casefold()
    elif column.startswith("klasse_") and column in rows:
        rank = {k: i for i, k in enumerate(CLASS_ORDER)}
        key = rows[column].map(rank).astype("float64")
    elif column.startswith("value_") and column in rows:
        key = rows[column].astype("float64")
    else:
        return rows.sort_values("order", kind="stable")
    ordered = rows.assign(_key=key).sort_values(
        ["_key", "order"], ascending=[not descending, True], na_position="last", kind="stable"
    )
    return ordered.drop(columns="_key")


def export_frame(sbs: SideBySide, rows: pd.DataFrame, lang: str = "nl") -> pd.DataFrame:
    """The table as shown, for CSV and Excel: numbers rounded, classes in words."""
    out: dict[str, list[Any]] = {
        t("sbs.col.group", lang): rows["group_title"].tolist(),
        t("sbs.col.indicator", lang): rows["label"].tolist(),
    }
    for pos, area in enumerate(sbs.areas):
        head = f"{area['name']} ({area['code']})"
        out[t("sbs.col.value_of", lang, area=head)] = [
            None if _missing(v) else round(float(v), int(d))
            for v, d in zip(rows[f"value_{pos}"], rows["decimals"], strict=True)
        ]
        out[t("sbs.col.class_of", lang, area=head)] = [
            class_label(k, lang, sbs.gemeente) for k in rows[f"klasse_{pos}"]
        ]
        out[t("sbs.col.year_of", lang, area=head)] = [
            None if _missing(p) else int(p) for p in rows[f"period_{pos}"]
        ]
        out[t("sbs.col.nap_of", lang, area=head)] = [
            None if _missing(v) else round(float(v), int(d))
            for v, d in zip(rows[f"nap_{pos}"], rows["decimals"], strict=True)
        ]
    out[t("sbs.col.diff", lang)] = rows["verschil"].tolist()
    return pd.DataFrame(out)
