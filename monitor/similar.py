"""Vergelijkbare buurten: for an area, the areas of its level most alike in make-up.

**What is compared.** A set of *structural* indicators (who lives there, the housing,
income; never how an area scores): ``indicators/vergelijkbaar.toml`` holds sets, and the
one whose indicators the catalogue holds most of is used (:func:`best_set`), as with the
block sets. A caller may pass its own indicator ids.

**How.** Per indicator the stored value of every area of the level in the latest period
in which the level has values (read from the materialised scores, never scored here).
Values are standardised per indicator over the areas of the level *within the same
gemeente* (the reference the scores use): ``z = (x − mean) / sd`` with the population
standard deviation (ddof=0). An indicator with fewer than two values or no spread in the
gemeente is left out, and said so. Only areas of the same gemeente are candidates.

**Distance** between two areas: Euclidean over the indicators *both* have, scaled up for
the missing ones (the convention of scikit-learn's ``nan_euclidean_distances``)::

    d = sqrt(m / shared × Σ (z_a − z_b)²)      m = indicators in use, shared = both have

so an area measured on fewer indicators is not made to look closer. A candidate must
share at least half of the indicators the area itself has (rounded up, at least one);
others are skipped and counted. **Why similar**: per neighbour the indicators on which the
two lie closest (smallest |z_a − z_b|), with both values.

The standardised matrix is kept per score generation and level, so the profile of every
area of a level reads it once.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from monitor import cache
from monitor.catalog import Indicator
from monitor.config import PROJECT_ROOT
from monitor.errors import MonitorError
from monitor.lru import LRU
from monitor.messages import t
from monitor.numbers import format_value
from monitor.scoring import Scorer
from monitor.scoring.read import latest_level_values
from monitor.scoring.reference_areas import reference_codes
from monitor.store.stamps import indicator_stamp_keys, subject_key
from monitor.toml_files import read_toml

#: The sets of structural indicators (format: see the file).
DEFAULT_SETS = PROJECT_ROOT / "indicators" / "vergelijkbaar.toml"
#: How many similar areas by default.
DEFAULT_K = 5
#: How many of the closest indicators explain a neighbour.
WHY_COUNT = 3
#: A set needs at least this many indicators (one says nothing about make-up).
MIN_INDICATORS = 2


@dataclass(frozen=True)
class SimilarSet:
    key: str
    indicators: tuple[str, ...]
    name: Mapping[str, str] | None = None

    def title(self, lang: str = "nl") -> str:
        if self.name:
            return self.name.get(lang) or self.name.get("nl") or self.key
        return self.key


def load_sets(path: str | Path = DEFAULT_SETS) -> list[SimilarSet]:
    """The ``[[set]]`` tables of a TOML file."""
    path = Path(path)
    if not path.exists():
        raise MonitorError(t("file.missing", path=path))
    try:
        data = read_toml(path)
    except tomllib.TOMLDecodeError as exc:
        raise MonitorError(t("file.bad_toml", name=path.name, error=exc)) from exc
    sets = []
    for entry in data.get("set", []):
        ids = entry.get("indicators", [])
        if not isinstance(ids, list) or len(ids) < MIN_INDICATORS:
            raise MonitorError(t("similar.err.set", name=path.name, set=entry.get("key", "?")))
        name = entry.get("name")
        sets.append(SimilarSet(str(entry.get("key", path.stem)), tuple(map(str, ids)), name))
    return sets


def best_set(indicators: Mapping[str, Indicator], path: str | Path = DEFAULT_SETS) -> SimilarSet:
    """The set whose indicators the catalogue holds most of, without the ids it lacks."""
    sets = load_sets(path)
    if not sets:
        raise MonitorError(t("similar.err.set", name=Path(path).name, set="?"))
    chosen = max(sets, key=lambda s: sum(i in indicators for i in s.indicators))
    return SimilarSet(
        chosen.key, tuple(i for i in chosen.indicators if i in indicators), chosen.name
    )


# -- the pure part ---------------------------------------------------------------------


def standardise(values: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    """areas × indicators (NaN = missing) → z-scores per column (population sd).

    Columns with fewer than two values or without spread are dropped; returned with the
    reason code (``few_values``, ``no_spread``)."""
    dropped: dict[str, str] = {}
    out = {}
    for col in values.columns:
        x = values[col].astype("float64")
        present = x.dropna()
        if len(present) < 2:
            dropped[str(col)] = "few_values"
            continue
        sd = float(present.std(ddof=0))
        if not sd > 0:
            dropped[str(col)] = "no_spread"
            continue
        out[col] = (x - float(present.mean())) / sd
    return pd.DataFrame(out, index=values.index), dropped


def distances(z: pd.DataFrame, target: str) -> pd.DataFrame:
    """Per other area (index): ``distance`` (NaN-Euclidean, see the module docstring)
    and ``shared`` (indicators both have)."""
    own = z.loc[target]
    others = z.drop(index=target)
    diff = others.sub(own, axis=1)
    shared = diff.notna().sum(axis=1)
    squares = (diff**2).sum(axis=1, min_count=1)
    m = z.shape[1]
    with np.errstate(divide="ignore", invalid="ignore"):
        dist = np.sqrt(squares * m / shared.where(shared > 0))
    return pd.DataFrame({"distance": dist, "shared": shared.astype(int)}, index=others.index)


def nearest(z: pd.DataFrame, target: str, k: int = DEFAULT_K) -> tuple[pd.DataFrame, int]:
    """The ``k`` areas closest to ``target``: code (index), distance, shared, why (the
    :data:`WHY_COUNT` indicators with the smallest |z difference|). Also the number of
    candidates skipped for sharing too few indicators with the target."""
    own = z.loc[target]
    has = int(own.notna().sum())
    if has == 0:
        empty = pd.DataFrame(columns=["distance", "shared", "why"])
        return empty, len(z) - 1
    needed = max(1, math.ceil(has / 2))
    found = distances(z, target)
    ok = found["shared"] >= needed
    skipped = int((~ok).sum())
    found = found[ok].rename_axis("code").reset_index()
    found = found.sort_values(["distance", "code"]).head(k).set_index("code")
    why = []
    for code in found.index:
        gaps = (z.loc[code] - own).abs().dropna().sort_values(kind="stable")
        why.append([str(i) for i in gaps.index[:WHY_COUNT]])
    found["why"] = why
    return found, skipped


# -- reading the store ------------------------------------------------------------------


@dataclass
class Similarity:
    """The similar areas of one area, with everything needed to explain them."""

    code: str
    name: str
    level: str
    set: SimilarSet
    #: indicators used: in the set, in the catalogue, with spread in the gemeente
    used: list[str]
    #: indicator → why it was left out: not_measured (no values at the level),
    #: few_values, no_spread
    dropped: dict[str, str]
    #: indicators of ``used`` the area itself has no value for
    own_missing: list[str]
    #: code (index), naam, distance, shared, why (indicator ids)
    neighbours: pd.DataFrame
    #: candidates that share too few indicators with the area
    skipped: int
    periods: dict[str, int] = field(default_factory=dict)
    #: raw values, code × indicator, for the why sentences
    values: pd.DataFrame = field(default_factory=pd.DataFrame)


#: (url, division, generation, level, ids) → (raw values, reference codes, periods)
_matrices: LRU[tuple[pd.DataFrame, pd.Series, dict[str, int]]] = LRU(16)


def values_key(scorer: Scorer, ids: Sequence[str]) -> tuple:
    """What values of ``ids`` per area are kept under: the areas' stamp and the stamp of
    each indicator's scores (:mod:`monitor.store.stamps`), so a publish of an indicator
    outside ``ids`` leaves them. Raises nothing stale: a rescoring of one of ``ids`` or a
    change of the areas changes the key."""
    store, division_id = scorer.store, scorer.division_id
    stamps = indicator_stamp_keys(store, division_id, ids)
    areas = subject_key(store, division_id, "areas")
    return (store.url, division_id, areas, tuple(stamps[i] for i in dict.fromkeys(ids)))


def level_matrix(
    scorer: Scorer, level: str, ids: tuple[str, ...]
) -> tuple[pd.DataFrame, pd.Series, dict[str, int]]:
    """Raw stored values (area code × indicator), each area's reference (gemeente) code
    and the period used per indicator; kept per :func:`values_key`."""
    key = (*values_key(scorer, ids), level, ids)
    return _matrices.get_or_build(key, lambda: _level_matrix(scorer, level, ids))


def _level_matrix(
    scorer: Scorer, level: str, ids: tuple[str, ...]
) -> tuple[pd.DataFrame, pd.Series, dict[str, int]]:
    areas = scorer.areas(level)
    found = latest_level_values(scorer.store, scorer.division_id, level, list(ids))
    codes = areas.set_index("id")["code"]
    found = found[found["area_id"].isin(codes.index)]
    found = found.assign(code=found["area_id"].map(codes))
    raw = found.pivot_table(index="code", columns="indicator_id", values="value", aggfunc="first")
    raw = raw.reindex(index=areas["code"], columns=[i for i in ids]).astype("float64")
    refs = pd.Series(reference_codes(areas, level, "gemeente"), index=areas["code"].to_numpy())
    periods = {str(i): int(p) for i, p in found.groupby("indicator_id")["period"].max().items()}
    return raw, refs, periods


def similar_areas(
    scorer: Scorer,
    code: str,
    *,
    k: int = DEFAULT_K,
    indicator_ids: list[str] | None = None,
) -> Similarity:
    """The ``k`` areas of ``code``'s level (and gemeente) most alike on the structural set.
    Kept in this process per catalogue and the values of the set (:func:`values_key`): a
    publish of an indicator outside the set leaves it."""
    key = similar_key(scorer, code, k=k, indicator_ids=indicator_ids)
    return cache.remember(
        "similar", key, lambda: _similar_areas(scorer, code, k, indicator_ids), cache.LOCAL
    )


def similar_key(
    scorer: Scorer,
    code: str,
    *,
    k: int = DEFAULT_K,
    indicator_ids: list[str] | None = None,
) -> tuple:
    """What :func:`similar_areas` of ``code`` is kept under (and what shows it may be):
    the catalogue, the areas and the stamps of the set's indicators."""
    chosen = best_set(scorer.indicators).indicators if indicator_ids is None else indicator_ids
    catalogue = subject_key(scorer.store, scorer.division_id, "catalogue")
    key = (*values_key(scorer, chosen), catalogue, code, k)
    return (*key, None if indicator_ids is None else tuple(indicator_ids))


def _similar_areas(
    scorer: Scorer, code: str, k: int, indicator_ids: list[str] | None
) -> Similarity:
    areas = scorer.store.areas_frame(scorer.division_id)
    match = areas[areas["code"].str.casefold() == str(code).strip().casefold()]
    if match.empty:
        raise MonitorError(t("report.not_found", code=code))
    area = match.iloc[0]
    level, own_code = str(area["level"]), str(area["code"])
    catalogue = scorer.indicators
    if indicator_ids is None:
        chosen = best_set(catalogue)
    else:
        chosen = SimilarSet("eigen", tuple(i for i in indicator_ids if i in catalogue))
    ids = tuple(dict.fromkeys(chosen.indicators))
    raw, refs, periods = level_matrix(scorer, level, ids)
    dropped = {i: "not_measured" for i in ids if raw[i].isna().all()}
    same = refs[refs == refs.get(own_code)].index
    local = raw.loc[raw.index.isin(same), [i for i in ids if i not in dropped]]
    z, spread_dropped = standardise(local)
    dropped |= spread_dropped
    used = list(z.columns)
    nothing = (pd.DataFrame(columns=["distance", "shared", "why"]), 0)
    neighbours, skipped = nearest(z, own_code, k) if used else nothing
    names = scorer.areas(level).set_index("code")["name"]
    neighbours.insert(0, "naam", [str(names.get(c, c)) for c in neighbours.index])
    own_missing = [i for i in used if pd.isna(raw.loc[own_code, i])]
    return Similarity(
        own_code,
        str(area["name"]),
        level,
        chosen,
        used,
        dropped,
        own_missing,
        neighbours,
        skipped,
        {i: p for i, p in periods.items() if i in used},
        raw.loc[:, used] if used else raw.iloc[:, :0],
    )


# -- in words ---------------------------------------------------------------------------


def why_text(sim: Similarity, code: str, catalogue: Mapping[str, Indicator], lang: str) -> str:
    """ "lijkt het meest op Pareldorp in: Gemiddeld inkomen (€ 31.200 tegen € 30.900), …" """
    row = sim.neighbours.loc[code]
    parts = []
    for ind_id in row["why"]:
        ind = catalogue[ind_id]
        own = format_value(sim.values.loc[sim.code, ind_id], ind.unit, ind.decimals, lang)
        other = format_value(sim.values.loc[code, ind_id], ind.unit, ind.decimals, lang)
        parts.append(t("similar.why_item", lang, label=ind.label(lang), a=other, b=own))
    text = t("similar.why", lang, naam=sim.name, items="; ".join(parts))
    if int(row["shared"]) < len(sim.used):
        text += " " + t("similar.shared", lang, shared=int(row["shared"]), total=len(sim.used))
    return text


def set_notes(
    key: str,
    chosen: SimilarSet,
    used: Sequence[str],
    dropped: Mapping[str, str],
    level: str,
    catalogue: Mapping[str, Indicator],
    lang: str,
) -> list[str]:
    """The method sentence ``key`` (which set, which indicators, at which level) and a
    sentence per indicator left out and why: shared by similar areas and wijktypen."""

    def label(ind_id: str) -> str:
        return catalogue[ind_id].label(lang) if ind_id in catalogue else ind_id

    notes = [
        t(
            key,
            lang,
            set=chosen.title(lang),
            indicators=", ".join(label(i) for i in used),
            level=t(f"level.{level}", lang),
        )
    ]
    notes += [t(f"similar.dropped.{why}", lang, label=label(i)) for i, why in dropped.items()]
    return notes


def method_note(sim: Similarity, catalogue: Mapping[str, Indicator], lang: str) -> list[str]:
    """How the similar areas were found, and what was left out, in sentences."""
    if not sim.used:
        return [t("similar.no_values", lang, level=t(f"level.{sim.level}", lang))]
    notes = set_notes("similar.method", sim.set, sim.used, sim.dropped, sim.level, catalogue, lang)
    if sim.own_missing:
        missing = ", ".join(catalogue[i].label(lang) for i in sim.own_missing)
        notes.append(t("similar.own_missing", lang, naam=sim.name, indicators=missing))
    if sim.skipped:
        notes.append(t("similar.skipped", lang, n=sim.skipped))
    return notes
