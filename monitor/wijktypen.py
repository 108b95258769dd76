"""Wijktypen: every area of a level put into a few *types* of alike make-up, by clustering
the structural indicators that "vergelijkbare gebieden" uses (:mod:`monitor.similar`).

**Values.** The set of ``indicators/vergelijkbaar.toml`` the catalogue holds most of
(:func:`monitor.similar.best_set`), each indicator's stored value in the latest period the
level has values (read from the materialised scores, never scored here), standardised
*within each gemeente* as :func:`monitor.similar.standardise` does: ``z = (x − mean) /
sd`` (population sd). An indicator without values at the level, with fewer than two values
or without spread is left out, and said so. An area with values for fewer than half of
the indicators used (rounded up) gets no type (*niet ingedeeld*, type 0); a missing value
of the others counts as the gemeente's mean (z = 0).

**Clustering.** Ward's hierarchical clustering (:func:`scipy.cluster.hierarchy.linkage`)
on the z-scores, cut into ``k`` types. Nothing is random: the rows are sorted by code
first, so the same data give the same types in any row order, on every run.

**How many types.** Unless the user chooses ``k``: the ``k`` in :data:`AUTO_K` (3 to 8,
at most the number of areas − 1) with the highest mean *silhouette* (how much closer each
area lies to its own type than to the nearest other, from −1 to 1; an area alone in its
type counts 0, as in scikit-learn), compared at two decimals as the page shows them; on
a tie the smaller ``k``. Two types are not offered by default: a map in two colours only
says "above or below average".

**Numbering.** Type 1 is the largest, then by size; equal sizes by their first code.

**In words.** Per type the mean z-score of each indicator; the (at most
:data:`SHOWN`) indicators furthest from 0, from :data:`DISTINCT` on, with their direction
("Gemiddeld inkomen: hoog (+1,2)"). A type with none is "dicht bij het gemiddelde".
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import cut_tree, linkage
from scipy.spatial.distance import pdist, squareform

from monitor import cache
from monitor.catalog import Indicator
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.numbers import format_number
from monitor.scoring import Scorer
from monitor.scoring.read import generation_stamp
from monitor.similar import SimilarSet, best_set, level_matrix, set_notes, standardise
from monitor.typology import ink

__all__ = ["Wijktypen", "choose_k", "colour", "ink", "ward_types", "wijktypen"]

#: The numbers of types tried when the user does not choose.
AUTO_K = range(3, 9)
#: What a user may choose (at most as many as there are colours).
MIN_K, MAX_K = 2, 9
#: At most this many indicators describe a type ...
SHOWN = 3
#: ... each with a mean z-score at least this far from 0.
DISTINCT = 0.5
#: From this far on the word is "zeer hoog" / "zeer laag".
STRONG = 1.5
#: Silhouettes are compared (and shown) at this many decimals.
DECIMALS = 2
#: Type number of an area with too few values.
UNASSIGNED = 0
#: One colour per type: Paul Tol's *muted* scheme, made to be told apart with every kind
#: of colour blindness (https://personal.sron.nl/~pault/). Areas without a type: white.
COLOURS = (
    "#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE",
    "#882255", "#44AA99", "#999933", "#AA4499",
)  # fmt: skip
NO_TYPE_COLOUR = "#ffffff"


def colour(number: int) -> str:
    return COLOURS[number - 1] if 1 <= number <= len(COLOURS) else NO_TYPE_COLOUR


# -- the pure part ---------------------------------------------------------------------


def standardise_within(raw: pd.DataFrame, refs: pd.Series) -> tuple[pd.DataFrame, dict]:
    """z-scores per indicator within each gemeente (``refs``: area code → gemeente code).
    An indicator that can be standardised in no gemeente is dropped, with its reason."""
    parts, reasons = [], {}
    group = refs.reindex(raw.index).fillna("").astype(str)
    for ref in sorted(group.unique()):
        z, dropped = standardise(raw.loc[(group == ref).to_numpy()])
        parts.append(z)
        for ind, why in dropped.items():
            reasons.setdefault(ind, why)
    z = pd.concat(parts).reindex(index=raw.index, columns=raw.columns) if parts else raw
    kept = [c for c in raw.columns if z[c].notna().any()]
    return z[kept].astype("float64"), {i: r for i, r in reasons.items() if i not in kept}


def silhouette(x: np.ndarray, labels: np.ndarray) -> float:
    """The mean silhouette of a clustering (Euclidean); an area alone in its cluster
    counts 0. Undefined (NaN) for fewer than two clusters."""
    kinds = np.unique(labels)
    if len(kinds) < 2 or len(kinds) >= len(labels):
        return float("nan")
    d = squareform(pdist(x))
    scores = np.zeros(len(labels))
    for i, own in enumerate(labels):
        same = labels == own
        if same.sum() == 1:
            continue
        a = d[i, same].sum() / (same.sum() - 1)
        b = min(d[i, labels == other].mean() for other in kinds if other != own)
        scores[i] = 0.0 if max(a, b) == 0 else (b - a) / max(a, b)
    return float(scores.mean())


def ward_types(z: pd.DataFrame, k: int) -> pd.Series:
    """Type 1..k per area (index: code), Ward on the rows sorted by code, numbered by
    size (largest first), equal sizes by their first code."""
    z = z.sort_index()
    # cut_tree, not fcluster's maxclust: exactly k types even when merge heights tie.
    raw = cut_tree(linkage(z.to_numpy(), method="ward"), n_clusters=k)[:, 0]
    found = pd.Series(raw, index=z.index)
    order = sorted(
        found.unique(), key=lambda c: (-(found == c).sum(), min(found.index[found == c]))
    )
    return found.map({c: n for n, c in enumerate(order, start=1)}).astype(int)


def choose_k(z: pd.DataFrame, candidates: range = AUTO_K) -> tuple[int, dict[int, float]]:
    """The number of types with the highest mean silhouette (at :data:`DECIMALS`, as the
    page shows it; on a tie the smaller), over ``candidates`` up to the number of areas
    − 1; with their scores."""
    n = len(z)
    ks = [k for k in candidates if k <= n - 1]
    if not ks:
        raise MonitorError(t("wijktypen.err.few_areas", n=n, need=min(candidates) + 1))
    x = z.sort_index().to_numpy()
    scores = {k: silhouette(x, ward_types(z, k).sort_index().to_numpy()) for k in ks}
    best = max(ks, key=lambda k: (round(scores[k], DECIMALS), -k))
    return best, scores


def profiles(z: pd.DataFrame, types: pd.Series) -> pd.DataFrame:
    """Mean z-score per type (index 1..k) and indicator."""
    return z.loc[types.index].groupby(types).mean().sort_index()


def distinctive(means: pd.Series) -> list[tuple[str, float]]:
    """The indicators that set a type apart: |mean z| ≥ :data:`DISTINCT`, furthest from 0
    first (equal ones in the set's order), at most :data:`SHOWN`."""
    order = sorted(
        ((str(i), float(v)) for i, v in means.items() if abs(v) >= DISTINCT),
        key=lambda item: -abs(item[1]),
    )
    return order[:SHOWN]


# -- reading the store ------------------------------------------------------------------


@dataclass
class Wijktypen:
    """The types of one level, with everything needed to explain them."""

    level: str
    set: SimilarSet
    #: indicators clustered on
    used: list[str]
    #: indicator → why it was left out (not_measured, few_values, no_spread)
    dropped: dict[str, str]
    periods: dict[str, int]
    k: int
    #: "silhouet" (chosen by the rule) or "gebruiker" (the user's k)
    chosen: str
    #: k → mean silhouette (the candidates tried; the user's k alone when chosen)
    scores: dict[int, float]
    #: code (index), naam, type (0: niet ingedeeld)
    frame: pd.DataFrame
    #: mean z per type (index 1..k) × indicator
    means: pd.DataFrame

    def sizes(self) -> dict[int, int]:
        counts = self.frame["type"].value_counts()
        return {n: int(counts.get(n, 0)) for n in range(1, self.k + 1)}

    def unassigned(self) -> list[str]:
        return list(self.frame.index[self.frame["type"] == UNASSIGNED])


def _build(scorer: Scorer, level: str, ids: tuple[str, ...], k: int | None) -> pd.DataFrame:
    raw, refs, periods = level_matrix(scorer, level, ids)
    dropped = {i: "not_measured" for i in ids if raw[i].isna().all()}
    z, spread = standardise_within(raw[[i for i in ids if i not in dropped]], refs)
    dropped |= spread
    used = list(z.columns)
    if not used:
        raise MonitorError(t("wijktypen.err.no_values", level=t(f"level.{level}")))
    needed = max(1, math.ceil(len(used) / 2))
    enough = z.notna().sum(axis=1) >= needed
    z_ok = z[enough].fillna(0.0)
    if len(z_ok) <= MIN_K:
        raise MonitorError(t("wijktypen.err.few_areas", n=len(z_ok), need=MIN_K + 1))
    if k is None:
        k, scores = choose_k(z_ok)
        chosen = "silhouet"
    else:
        if not MIN_K <= k <= min(MAX_K, len(z_ok) - 1):
            raise MonitorError(t("wijktypen.err.k", k=k, low=MIN_K, high=min(MAX_K, len(z_ok) - 1)))
        chosen = "gebruiker"
    types = ward_types(z_ok, k)
    if chosen == "gebruiker":
        scores = {k: silhouette(z_ok.sort_index().to_numpy(), types.sort_index().to_numpy())}
    names = scorer.areas(level).set_index("code")["name"]
    frame = pd.DataFrame(
        {
            "naam": [str(names.get(c, c)) for c in raw.index],
            "type": types.reindex(raw.index).fillna(UNASSIGNED).astype(int).to_numpy(),
        },
        index=pd.Index(raw.index.astype(str), name="code"),
    ).sort_values(["type", "code"])
    means = profiles(z_ok, types)
    frame.attrs = {
        "level": level,
        "used": used,
        "dropped": dropped,
        "periods": {i: int(p) for i, p in periods.items() if i in used},
        "k": int(k),
        "chosen": chosen,
        "scores": [[int(n), float(s)] for n, s in scores.items()],
        "means": {str(n): {i: float(v) for i, v in row.items()} for n, row in means.iterrows()},
    }
    return frame


def wijktypen(
    scorer: Scorer, level: str, *, k: int | None = None, indicator_ids: list[str] | None = None
) -> Wijktypen:
    """The types of every area of ``level``; kept in the shared cache per score
    generation (:mod:`monitor.cache`)."""
    catalogue = scorer.indicators
    if indicator_ids is None:
        chosen_set = best_set(catalogue)
    else:
        chosen_set = SimilarSet("eigen", tuple(i for i in indicator_ids if i in catalogue))
    ids = tuple(dict.fromkeys(chosen_set.indicators))
    scorer.areas(level)  # an unknown level: the scorer's message
    store = scorer.store
    # The stamp before the values: a publish in between files new data under an old key.
    key = (store.url, scorer.division_id, generation_stamp(store, scorer.division_id))
    frame = cache.remember(
        "wijktypen",
        (*key, level, ids, k),
        lambda: _build(scorer, level, ids, k),
        cache.FRAME,
    )
    a = frame.attrs
    means = pd.DataFrame.from_dict(a["means"], orient="index")
    means.index = means.index.astype(int)
    return Wijktypen(
        level=level,
        set=chosen_set,
        used=list(a["used"]),
        dropped=dict(a["dropped"]),
        periods=dict(a["periods"]),
        k=int(a["k"]),
        chosen=str(a["chosen"]),
        scores={int(n): float(s) for n, s in a["scores"]},
        frame=frame.rename_axis("code"),
        means=means.reindex(columns=list(a["used"])).sort_index(),
    )


# -- in words ---------------------------------------------------------------------------


def describe(wt: Wijktypen, number: int, catalogue: Mapping[str, Indicator], lang: str) -> str:
    """ "Gemiddeld inkomen: hoog (+1,2); Minima (%): laag (−0,9)" """
    if number == UNASSIGNED:
        return t("wijktypen.unassigned", lang)
    items = distinctive(wt.means.loc[number])
    if not items:
        return t("wijktypen.average", lang)
    parts = []
    for ind_id, mean in items:
        word = ("zeer_" if abs(mean) >= STRONG else "") + ("hoog" if mean > 0 else "laag")
        label = catalogue[ind_id].label(lang) if ind_id in catalogue else ind_id
        z = ("+" if mean > 0 else "") + format_number(mean, 1, lang)
        parts.append(t("wijktypen.item", lang, label=label, word=t(f"wijktypen.{word}", lang), z=z))
    return "; ".join(parts)


def type_name(number: int, lang: str) -> str:
    if number == UNASSIGNED:
        return t("wijktypen.unassigned_name", lang)
    return t("wijktypen.type", lang, n=number)


def choice_text(wt: Wijktypen, lang: str) -> str:
    """Why this many types, in one sentence."""
    score = format_number(wt.scores.get(wt.k, float("nan")), DECIMALS, lang)
    if wt.chosen == "gebruiker":
        return t("wijktypen.k_user", lang, k=wt.k, score=score)
    tried = sorted(wt.scores)
    return t(
        "wijktypen.k_auto",
        lang,
        k=wt.k,
        score=score,
        low=tried[0],
        high=tried[-1],
        others=", ".join(
            f"{n}: {format_number(wt.scores[n], DECIMALS, lang)}" for n in tried if n != wt.k
        ),
    )


def method_note(wt: Wijktypen, catalogue: Mapping[str, Indicator], lang: str) -> list[str]:
    """How the types were made, and what was left out, in sentences."""
    notes = set_notes("wijktypen.method", wt.set, wt.used, wt.dropped, wt.level, catalogue, lang)
    missing = wt.unassigned()
    if missing:
        notes.append(t("wijktypen.unassigned_note", lang, n=len(missing)))
    return notes


def export_frame(wt: Wijktypen, catalogue: Mapping[str, Indicator], lang: str) -> pd.DataFrame:
    """One row per area: code, naam, type, beschrijving (as the CLI prints and the page
    exports)."""
    words = {n: describe(wt, n, catalogue, lang) for n in [UNASSIGNED, *range(1, wt.k + 1)]}
    return pd.DataFrame(
        {
            t("wijktypen.col.code", lang): wt.frame.index.to_list(),
            t("wijktypen.col.naam", lang): wt.frame["naam"].to_list(),
            t("wijktypen.col.type", lang): [type_name(n, lang) for n in wt.frame["type"]],
            t("wijktypen.col.beschrijving", lang): [words[n] for n in wt.frame["type"]],
        }
    )
