"""Buurtprofiel: one area, every indicator against NAP, with its series over the years.

Everything comes from the materialised scores (:mod:`monitor.scoring.materialise`), read
in ONE query per area (:func:`monitor.scoring.read.area_scores`): every score group of the
area's level with the area's own row. The class shown per indicator is that of the
latest year with a score for the area that gets colours (a year measured in part of the
city only, without a city value, is skipped; the series still shows it); the series are
the area's values beside the NAP of each year. Nothing is scored on a read.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from monitor import cache
from monitor.blocks import key_set
from monitor.catalog import DOMAINS, Indicator
from monitor.errors import MonitorError
from monitor.lru import LRU
from monitor.messages import t
from monitor.period_kinds import is_sub_year
from monitor.polarity import explain, short_note
from monitor.profile_level import level_part
from monitor.scoring import Scorer
from monitor.scoring.frames import group_reason
from monitor.scoring.methods import resolve_band
from monitor.scoring.read import area_scores, division_areas
from monitor.scoring.reasons import GROUP_REASONS, reason_text
from monitor.scoring.reference_areas import reference_codes
from monitor.scoring.spread import SKEW_LIMIT, SKEW_MIN_AREAS
from monitor.store import LEVELS, PARENT_COLUMNS
from monitor.store.stamps import every_uploads_key, indicator_stamp_keys, subject_key

#: Reason codes of a score row without a value for the area.
NOT_MEASURED = ("geen_meting", "leeg")


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
    saying so: the gebiedsanalyse PDF (the page shows all, the block set first)."""
    preset = key_set(scorer)
    if preset is None:
        return None, None
    total = sum(
        1
        for i in scorer.indicators.values()
        if i.polarity != "geen" and not i.forecast and not is_sub_year(i.id)
    )
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
    """Everything the profile page shows for one area: every coloured indicator with a
    materialised score at the area's level (or only ``indicator_ids``)."""
    store = scorer.store
    areas = division_areas(store, scorer.division_id)
    match = _by_code(areas, code)
    if match.empty:
        raise MonitorError(t("report.not_found", lang, code=code))
    area = match.iloc[0]
    level = str(area["level"])
    above = [
        (lvl, area[col])
        for lvl, col in PARENT_COLUMNS.items()
        if LEVELS.index(lvl) > LEVELS.index(level)
    ]
    # Only the parents' names: not an index over every area of a national division.
    known = areas[areas["code"].isin([parent for _, parent in above])]
    names = dict(zip(known["code"], known["name"], strict=True))
    parents = [(lvl, str(parent), str(names[parent])) for lvl, parent in above if parent in names]
    catalogue = scorer.indicators
    shown = {
        ind.id: ind
        for ind in catalogue.values()
        if coloured(ind) and (indicator_ids is None or ind.id in indicator_ids)
    }
    ref_code = str(reference_codes(match.iloc[[0]], level, "gemeente")[0])
    found = area_scores(
        store,
        scorer.division_id,
        int(area["id"]),
        level,
        ref_code,
        indicator_ids=sorted(shown),  # the coloured ones: half the rows of all
    )
    found = found[found["indicator_id"].isin(shown)].reset_index(drop=True)
    series = found[["indicator_id", "period", "value", "nap"]].reset_index(drop=True)
    sources = Sources(store, lang)
    rows = [
        profile_row(shown[str(g["indicator_id"])], g, level, lang, sources)
        for g in latest(found).to_dict("records")
    ]
    frame, series = _arranged(pd.DataFrame(rows), series)
    return Profile(str(area["code"]), str(area["name"]), level, parents, frame, series)


def _by_code(areas: pd.DataFrame, code: str) -> pd.DataFrame:
    """The area of ``code``, as typed or in other capitals (``o01a``)."""
    wanted = str(code).strip()
    match = areas[areas["code"] == wanted]
    if match.empty:  # casefolding every code costs more than the exact comparison
        match = areas[areas["code"].str.casefold() == wanted.casefold()]
    return match


def coloured(ind: Indicator) -> bool:
    """An indicator the profile shows: coloured, not a forecast, not a month or quarter."""
    return ind.polarity != "geen" and not ind.forecast and not is_sub_year(ind.id)


def _arranged(
    rows: pd.DataFrame, series: pd.DataFrame, sort_rows: bool = True
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows by domain in the catalogue's order (werk, jeugd, leefbaarheid…, as Oost printed
    them) and label; the series by indicator and period: one order however it was built.
    ``sort_rows`` False: the rows are in that order already."""
    if sort_rows and not rows.empty:
        order = {d: i for i, d in enumerate(DOMAINS)}
        rows = rows.assign(_order=rows["domain"].map(order).fillna(len(order)))
        rows = rows.sort_values(["_order", "label", "indicator_id"], kind="stable")
        rows = rows.drop(columns="_order").reset_index(drop=True)
    series = series.sort_values(["indicator_id", "period"], kind="stable")
    return rows, series.reset_index(drop=True)


#: (database url, division, catalogue and areas stamps, area, language) → the area's whole
#: profile and the stamps of the indicators' scores it was built from.
_profiles: LRU[tuple[Profile, dict[str, tuple]]] = LRU(256)


def cached_profile(scorer: Scorer, code: str, lang: str = "nl") -> Profile:
    """:func:`area_profile` of the whole catalogue, kept per catalogue and areas stamp
    (``monitor.store.stamps``): the page, each folded domain opened and each filter text
    read the area's scores once. After a publish only the indicators whose scores were
    rewritten (their stamps moved) are read again and put in place. Kept in this process
    and in the shared cache (under the stamps of every indicator): a profile one instance
    built, the others read. A copy each time."""
    store, division = scorer.store, scorer.division_id
    catalogue, areas = (subject_key(store, division, s) for s in ("catalogue", "areas"))
    key = (store.url, division, catalogue, areas, str(code).strip().casefold(), lang)
    held = _profiles.get(key)
    # The stamps before the scores: a publish in between files new scores under old
    # stamps (read again next time), never old scores under new ones.
    ids = sorted(scorer.indicators) if held is None else list(held[1])
    stamps = indicator_stamp_keys(store, division, ids)
    if held is not None and stamps == held[1]:
        found = held[0]
    else:

        def build() -> tuple[pd.DataFrame, pd.DataFrame]:
            if held is None:
                return _frames(area_profile(scorer, code, lang))
            changed = sorted(i for i, stamp in stamps.items() if stamp != held[1][i])
            return _frames(_renewed(scorer, held[0], code, lang, changed))

        shared = (*key, tuple(sorted(stamps.items())))
        found = _profile(cache.remember("profile", shared, build, cache.FRAMES))
        _profiles.put(key, (found, stamps))
    return replace(
        found, parents=list(found.parents), rows=found.rows.copy(), series=found.series.copy()
    )


def _frames(profile: Profile) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A profile as two frames for the shared cache (what it is about in ``attrs``)."""
    rows = profile.rows.copy()
    rows.attrs = {
        "code": profile.code,
        "name": profile.name,
        "level": profile.level,
        "parents": [list(p) for p in profile.parents],
    }
    return rows, profile.series


def _profile(frames: tuple[pd.DataFrame, pd.DataFrame]) -> Profile:
    rows, series = frames
    about = rows.attrs
    rows.attrs = {}
    parents = [(str(a), str(b), str(c)) for a, b, c in about["parents"]]
    return Profile(about["code"], about["name"], about["level"], parents, rows, series)


def _renewed(scorer: Scorer, old: Profile, code: str, lang: str, changed: list[str]) -> Profile:
    """``old`` with the rows and series of the ``changed`` indicators read again: from
    their renewal for the whole level (:mod:`monitor.profile_level`, built once per
    publish), else for this area alone."""
    found = level_part(scorer, old.code, old.level, changed, lang)
    if found is None:
        part = area_profile(scorer, code, lang, indicator_ids=changed)
        found = (part.rows.to_dict("records"), part.series)
    new_rows, new_series = found
    series = old.series[~old.series["indicator_id"].isin(changed)]
    series = pd.concat([s for s in (series, new_series) if not s.empty] or [new_series])
    replaced = _replaced(old.rows, new_rows)
    if replaced is not None:
        rows, series = _arranged(replaced, series, sort_rows=False)
    else:  # an indicator came or went: arranged anew
        kept = old.rows[~old.rows["indicator_id"].isin(changed)] if not old.rows.empty else old.rows
        rows, series = _arranged(pd.DataFrame(kept.to_dict("records") + new_rows), series)
    return replace(old, rows=rows, series=series)


def _replaced(rows: pd.DataFrame, new_rows: list[dict[str, Any]]) -> pd.DataFrame | None:
    """``rows`` with the rows of the same indicators replaced in place (their order stays:
    it follows domain and label, which a publish does not change); None when the new rows
    are of other indicators or columns. Built from records as :func:`area_profile` builds
    its frame (a profile has tens of rows: pandas' per-column work is what costs here)."""
    if rows.empty or not new_rows:
        return None
    columns = list(rows.columns)
    by_id = {row["indicator_id"]: row for row in new_rows}
    if len(by_id) != len(new_rows) or any(list(row) != columns for row in new_rows):
        return None
    records = rows.to_dict("records")
    if sum(row["indicator_id"] in by_id for row in records) != len(by_id):
        return None
    records = [by_id.get(row["indicator_id"], row) for row in records]
    return pd.DataFrame(records, columns=columns, index=rows.index)


def latest(found: pd.DataFrame, keys: tuple[str, ...] = ("indicator_id",)) -> pd.DataFrame:
    """Per indicator the year shown: the latest with a score for the area in which the
    level gets colours (an incomplete year without a city value colours nothing; see
    monitor/scoring/coverage.py), else the latest with a score for the area, else the latest.
    ``keys``: per what (``("code", "indicator_id")``: per area too)."""
    if found.empty:
        return found
    # Every area of a scored level has a row; one without a measurement says so.
    measured = found["klasse"].notna() & ~found["reden_code"].isin(NOT_MEASURED)
    coloured = measured & (found["usable"] > 0) & found["nap"].notna()
    ranked = found.assign(_coloured=coloured, _measured=measured)
    ranked = ranked.sort_values([*keys, "_coloured", "_measured", "period"])
    return ranked.drop_duplicates(list(keys), keep="last").drop(columns=["_coloured", "_measured"])


def profile_row(ind: Indicator, g: dict[str, Any], level: str, lang: str, sources: Sources) -> dict:
    """One indicator line of the profile from its score group and the area's row."""
    has_row = isinstance(g["klasse"], str)
    klasse = g["klasse"] if has_row else "geen_gegevens"
    code = str(g["reden_code"]) if has_row else "geen_meting"
    period = int(g["period"])
    if code in GROUP_REASONS:
        reden = group_reason(code, pd.Series(g), ind, level, lang)
    else:
        try:
            band = resolve_band(ind.method, ind.unit, ind.band)
        except MonitorError:
            band = np.nan
        reden = reason_text(
            code,
            ind,
            lang,
            period,
            measure=g["measure"],
            band=band,
            ci_low=g["ci_low"],
            ci_high=g["ci_high"],
            n=g["n"],
            population=g["population"],
        )
    scheef = (
        ind.method in ("z", "z5")
        and ind.spread == "sd"
        and int(g["usable"]) >= SKEW_MIN_AREAS
        and float(g["skewness"]) > SKEW_LIMIT
    )
    return {
        "indicator_id": ind.id,
        "domain": ind.domain,
        "theme": ind.theme or "",
        "label": ind.label(lang),
        "unit": ind.unit,
        "decimals": ind.decimals,
        "period": period,
        "value": g["value"],
        "nap": g["nap"],
        "klasse": klasse,
        "reden": reden,
        "herkomst": sources(g["upload_id"]),
        # How to read the class and where that reading came from.
        "polariteit": explain(ind, lang),
        "polariteit_kort": short_note(ind, lang),
        # rond door onzekerheid (a marker and the printed reason), its interval, and
        # whether the level's values are too skewed for the sd band to say much
        "reden_code": code,
        "ci_low": g["ci_low"],
        "ci_high": g["ci_high"],
        "scheef": bool(scheef),
    }


class Sources:
    """Where a value comes from: its upload, file and date; or that it was aggregated.
    The uploads are read once, on the first value that has one."""

    def __init__(self, store: Any, lang: str) -> None:
        self.store, self.lang = store, lang
        self._seen: dict[int, str] = {}
        self._uploads: pd.DataFrame | None = None

    def __call__(self, upload_id: float | None) -> str:
        from monitor.crosswalk import is_recomputed

        if upload_id is None or upload_id != upload_id:  # NaN: aggregated or missing
            return t("profiel.aggregated", self.lang)
        key = int(upload_id)
        if key not in self._seen:
            if self._uploads is None:
                self._uploads = upload_sources(self.store).set_index("id")
            row = self._uploads.loc[key]
            if is_recomputed(row.get("source")):
                # Recomputed from an older division: say so, with the method.
                self._seen[key] = t(
                    "profiel.source_recomputed",
                    self.lang,
                    id=key,
                    method=row["source"],
                    date=f"{row['created_at']:%Y-%m-%d}",
                )
                return self._seen[key]
            self._seen[key] = t(
                "profiel.source",
                self.lang,
                id=key,
                file=row["filename"] or row["kind"],
                date=f"{row['created_at']:%Y-%m-%d}",
            )
        return self._seen[key]


def upload_sources(store: Any) -> pd.DataFrame:
    """Every upload's id, kind, file, source and moment: what a profile row says it came
    from. Kept per the uploads' keys (every publish and undo changes them; nothing else
    writes these columns)."""
    columns = ["id", "kind", "filename", "source", "created_at"]
    return cache.remember(
        "upload-sources",
        (store.url, every_uploads_key(store)),
        lambda: store.uploads_frame()[columns],
        cache.FRAME,
    )
