"""Buurtprofiel: one area, every indicator against NAP, with its series over the years.

The latest class per indicator comes from scoring the area's level, in the latest year
with a value for the area that gets colours (a year measured in part of the city only,
without a city value, is skipped; the series still shows it); the series are
the area's own values (measured or aggregated) beside the city's, read in two queries
rather than scoring every year.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from monitor.aggregation import level_values
from monitor.blocks import key_set
from monitor.catalog import DOMAINS
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.polarity import explain, short_note
from monitor.scoring import Scorer
from monitor.scoring.read import coloured_periods
from monitor.store import LEVELS, PARENT_COLUMNS


@dataclass
class Profile:
    code: str
    name: str
    level: str
    parents: list[tuple[str, str, str]]  # (level, code, name), small to large
    rows: pd.DataFrame  # per indicator: latest value, nap, class, reason (code), interval
    series: pd.DataFrame  # indicator_id, period, value, nap


def indicator_subset(scorer: Scorer, lang: str) -> tuple[list[str] | None, str | None]:
    """All coloured indicators, or for a large catalogue (BBGA) the block set, with a note
    saying so: one choice for the buurtprofiel page and the gebiedsanalyse PDF."""
    preset = key_set(scorer)
    if preset is None:
        return None, None
    total = sum(1 for i in scorer.indicators.values() if i.polarity != "geen" and not i.forecast)
    note = t(
        "profiel.subset",
        lang,
        count=len(preset.indicator_ids),
        total=total,
        name=preset.title(lang),
    )
    return preset.indicator_ids, note


def area_profile(
    scorer: Scorer, code: str, lang: str = "nl", indicator_ids: list[str] | None = None
) -> Profile:
    """Everything the profile page shows for one area (all coloured indicators, or these)."""
    store = scorer.store
    areas = store.areas_frame(scorer.division_id)
    match = areas[areas["code"].str.casefold() == str(code).strip().casefold()]
    if match.empty:
        raise MonitorError(t("report.not_found", lang, code=code))
    area = match.iloc[0]
    level = str(area["level"])
    by_code = areas.set_index("code")
    parents = [
        (lvl, str(area[col]), str(by_code.loc[area[col], "name"]))
        for lvl, col in PARENT_COLUMNS.items()
        if LEVELS.index(lvl) > LEVELS.index(level) and area[col] in by_code.index
    ]
    indicators = [
        ind
        for ind in scorer.indicators.values()
        if ind.polarity != "geen"
        and not ind.forecast
        and (indicator_ids is None or ind.id in indicator_ids)
    ]
    rows, series = [], []
    coloured = coloured_periods(store, scorer.division_id, [i.id for i in indicators], level)
    level_areas = scorer.areas(level)
    uploads = store.uploads_frame().set_index("id")
    for ind in indicators:
        periods = store.periods(scorer.division_id, ind.id)
        if not periods:
            continue
        own = level_values(store, scorer.division_id, ind, periods, level, level_areas)
        own = own[own["area_id"] == area["id"]]
        city = store.current_values(scorer.division_id, [ind.id], periods, level="gemeente")
        naps = city.set_index("period")["value"]
        series.append(
            pd.DataFrame(
                {
                    "indicator_id": ind.id,
                    "period": periods,
                    "value": [own.set_index("period")["value"].get(p) for p in periods],
                    "nap": [naps.get(p) for p in periods],
                }
            )
        )
        # The latest year with a value for the area in which the level gets colours (an
        # incomplete year without a city value colours nothing; see monitor/scoring/coverage.py),
        # else the latest year with a value, else the latest year.
        with_value = sorted(int(p) for p in own.loc[own["value"].notna(), "period"].unique())
        latest = next(
            (p for p in reversed(with_value) if p in coloured.get(ind.id, ())),
            with_value[-1] if with_value else periods[-1],
        )
        scored = scorer.score(ind.id, latest, level, lang=lang)
        hit = scored[scored["code"] == area["code"]].iloc[0]
        rows.append(
            {
                "indicator_id": ind.id,
                "domain": ind.domain,
                "label": ind.label(lang),
                "unit": ind.unit,
                "decimals": ind.decimals,
                "period": latest,
                "value": hit["value"],
                "nap": hit["nap"],
                "klasse": hit["klasse"],
                "reden": hit["reden"],
                "herkomst": _source(uploads, hit["upload_id"], lang),
                # How to read the class and where that reading came from.
                "polariteit": explain(ind, lang),
                "polariteit_kort": short_note(ind, lang),
                # rond door onzekerheid (a marker and the printed reason), its interval,
                # and whether the level's values are too skewed for the sd band to say much
                "reden_code": hit["reden_code"],
                "ci_low": hit["ci_low"],
                "ci_high": hit["ci_high"],
                "scheef": bool(scored.attrs.get("scheef", False)),
            }
        )
    frame = pd.DataFrame(rows)
    if not frame.empty:
        # Domains in the catalogue's order (werk, jeugd, leefbaarheid…), as Oost printed them.
        order = {d: i for i, d in enumerate(DOMAINS)}
        frame["_order"] = frame["domain"].map(order).fillna(len(order))
        frame = frame.sort_values(["_order", "label"]).drop(columns="_order").reset_index(drop=True)
    all_series = pd.concat(series, ignore_index=True) if series else pd.DataFrame()
    return Profile(str(area["code"]), str(area["name"]), level, parents, frame, all_series)


def _source(uploads: pd.DataFrame, upload_id: float, lang: str) -> str:
    """Where a value comes from: its upload, file and date; or that it was aggregated."""
    if upload_id != upload_id or upload_id is None:  # NaN: aggregated or missing
        return t("profiel.aggregated", lang)
    row = uploads.loc[int(upload_id)]
    return t(
        "profiel.source",
        lang,
        id=int(upload_id),
        file=row["filename"] or row["kind"],
        date=f"{row['created_at']:%Y-%m-%d}",
    )
