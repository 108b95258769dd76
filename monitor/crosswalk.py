"""Series across a change of division: a crosswalk from one gebiedsindeling to another.

When a gemeente redraws its buurten (Amsterdam: 481 in 2015, 518 since 2022), the old
series stop. A crosswalk says which part of every old area lies in which new area; with
it the old values are recomputed onto the new division:

- **counts** (catalogue aggregation ``som``): every piece gets its share of the old
  value, and a new area the sum of its pieces; the total of a count over areas that the
  new division fully covers is preserved;
- **rates, percentages, ratings** (anything else): the weighted mean of the old values,
  each piece weighted by its population: the old area's value of ``gewicht`` (an
  indicator with inwoners or adressen per old area; by default the catalogue's
  ``weight_indicator``) times the piece's share, or by its area where that is unknown.

Shares are by area overlap, computed in a metric CRS (RD New, EPSG:28992). Slivers
(pieces of less than :data:`SLIVER` of an old area, from boundaries drawn a little
differently) are dropped and the shares of an area covered for at least
:data:`COVERED` are scaled back to 1, so drawing noise does not leak counts away.
Values that are missing or flagged (suppressed, capped) are left out, as in
:mod:`monitor.aggregation`; a new area without any valued piece stays empty. A **count**
of a new area whose old pieces are only partly valued stays empty too (it is named in
:attr:`Result.incomplete`): the sum of the valued pieces alone would be too low and look
like a real number. A rate of such an area is the mean of its valued pieces, as a
gemeente's mean of its buurten is.

The results are published as measurements of the new division through the normal upload
path (:mod:`monitor.ingest.upload`), their source text starting with *omgerekend* and
naming the method, so the profile and Trends can show which periods were recomputed.
Core code: no web framework, no SQL.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd

from monitor import catalog
from monitor.area_geometry import areas_geodataframe
from monitor.errors import MonitorError
from monitor.ingest.parse import ParseOptions
from monitor.ingest.upload import check, publish
from monitor.messages import t
from monitor.store import Store

METRIC_CRS = "EPSG:28992"
#: Pieces smaller than this share of their old area are drawing noise.
SLIVER = 1e-3
#: An old area covered for at least this share counts as fully covered.
COVERED = 0.99
#: The first word of the source text of every recomputed value.
MARK = "omgerekend"


class CrosswalkError(MonitorError):
    """A crosswalk that cannot be made (no areas, no overlap, unknown indicator)."""


def is_recomputed(source: object) -> bool:
    """Whether a measurement's source text marks it as *omgerekend*."""
    return isinstance(source, str) and source.strip().casefold().startswith(MARK)


@dataclass(frozen=True)
class Crosswalk:
    """Pieces of the old areas in the new ones.

    ``pieces``: columns ``van`` (old code), ``naar`` (new code), ``area`` (m²) and
    ``share`` (of the old area, after slivers are dropped; per fully covered old area
    the shares add up to 1). ``uncovered``: old areas that lie partly outside the new
    division (their shares add up to less than 1)."""

    pieces: pd.DataFrame
    uncovered: list[str] = field(default_factory=list)


def build(old: gpd.GeoDataFrame, new: gpd.GeoDataFrame) -> Crosswalk:
    """The crosswalk from ``old`` to ``new`` (each with ``code`` and a geometry) by area."""
    old = _metric(old)
    new = _metric(new)
    if old.empty or new.empty:
        raise CrosswalkError(t("crosswalk.no_areas"))
    pieces = gpd.overlay(
        old.rename(columns={"code": "van"}),
        new.rename(columns={"code": "naar"}),
        how="intersection",
        keep_geom_type=True,
    )
    own_area = old.set_index("code").geometry.area
    pieces["area"] = pieces.geometry.area
    pieces["share"] = pieces["area"] / pieces["van"].map(own_area).to_numpy()
    pieces = pd.DataFrame(pieces[pieces["share"] >= SLIVER][["van", "naar", "area", "share"]])
    if pieces.empty:
        raise CrosswalkError(t("crosswalk.no_overlap"))
    total = pieces.groupby("van")["share"].transform("sum")
    covered = total >= COVERED
    pieces.loc[covered, "share"] = pieces.loc[covered, "share"] / total[covered]
    uncovered = sorted(set(own_area.index) - set(pieces.loc[covered, "van"]))
    pieces = pieces.sort_values(["van", "naar"]).reset_index(drop=True)
    return Crosswalk(pieces, uncovered)


def _metric(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    frame = frame[["code", "geometry"]]
    frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    if frame.crs is not None:
        frame = frame.to_crs(METRIC_CRS)
    frame = frame.set_geometry(frame.geometry.make_valid())
    return gpd.GeoDataFrame(frame.reset_index(drop=True), geometry="geometry", crs=frame.crs)


def recompute(
    values: pd.Series,
    crosswalk: Crosswalk,
    how: str,
    weights: pd.Series | None = None,
) -> pd.Series:
    """Values by old code → values by new code.

    ``how`` is ``som`` (counts: the sum of the shares) or ``gemiddelde`` (rates: the
    mean weighted by ``weights`` × share, a population per old code, else by area; a new
    area with a piece whose weight is unknown is weighted by area). NaN values are left
    out; a new area without any valued piece is not in the result, and neither is a
    count of a new area with an unvalued piece (:func:`partly_valued`)."""
    pieces = crosswalk.pieces
    pieces = pieces.assign(value=pieces["van"].map(values.dropna())).dropna(subset=["value"])
    if how == "som":
        pieces = pieces[~pieces["naar"].isin(partly_valued(values, crosswalk))]
    if pieces.empty:
        return pd.Series(dtype="float64")
    if how == "som":
        return (pieces["value"] * pieces["share"]).groupby(pieces["naar"]).sum()
    pieces = pieces.assign(by_area=pieces["area"])
    if weights is not None:
        pieces["by_weight"] = pieces["van"].map(weights) * pieces["share"]
    else:
        pieces["by_weight"] = np.nan
    return pieces.groupby("naar").apply(_weighted_mean, include_groups=False)


def partly_valued(values: pd.Series, crosswalk: Crosswalk) -> list[str]:
    """New codes with at least one valued and at least one unvalued old piece (a value
    missing, flagged or not measured): their count cannot be recomputed."""
    pieces = crosswalk.pieces
    valued = pieces["van"].map(values.dropna()).notna()
    per_new = valued.groupby(pieces["naar"]).agg(["any", "all"])
    return sorted(per_new.index[per_new["any"] & ~per_new["all"]])


def _weighted_mean(group: pd.DataFrame) -> float:
    weights = group["by_weight"].to_numpy(dtype=float)
    if not (np.all(np.isfinite(weights)) and weights.sum() > 0):
        weights = group["by_area"].to_numpy(dtype=float)
    return float(np.average(group["value"].to_numpy(dtype=float), weights=weights))


@dataclass
class Result:
    """What ``monitor omrekenen`` did."""

    upload_id: int | None
    #: the upload's source: marked, from where to where
    source: str
    pieces: int
    uncovered: list[str]
    #: indicator → periods recomputed
    recomputed: dict[str, list[int]] = field(default_factory=dict)
    #: indicator → periods left alone, because the new division has its own values
    measured: dict[str, list[int]] = field(default_factory=dict)
    #: indicator → period → new codes left empty: a count of partly valued pieces
    incomplete: dict[str, dict[int, list[str]]] = field(default_factory=dict)
    #: indicator → how it was recomputed (of its first period)
    methods: dict[str, str] = field(default_factory=dict)
    values: int = 0


def method_text(van: str, naar: str, level: str, how: str, weight: str | None = None) -> str:
    """The source text of a recomputed value: marked, with its method."""
    if how == "som":
        detail = t("crosswalk.count")
    elif weight:
        detail = t("crosswalk.by_weight", weight=weight)
    else:
        detail = t("crosswalk.by_area")
    return f"{MARK} van {van} naar {naar} ({level}): {detail}"


def convert(
    store: Store,
    van: str,
    naar: str,
    *,
    indicators: list[str] | None = None,
    gewicht: str | None = None,
    level: str = "buurt",
    uploader: str = "omrekenen",
    confirm_changes: bool = False,
) -> Result:
    """Recompute the ``level`` values of division ``van`` onto division ``naar`` and
    publish them there as one upload; periods the new division measured itself stay."""
    old_id, new_id = store.division_id(van), store.division_id(naar)
    walk = build(
        areas_geodataframe(store, old_id, level, display=False),
        areas_geodataframe(store, new_id, level, display=False),
    )
    old_values = store.current_values(old_id, indicators, level=level)
    wanted = indicators or sorted(set(old_values["indicator_id"]) - {gewicht})
    known = catalog.load_from_store(store, [*wanted, *([gewicht] if gewicht else [])])
    if missing := [i for i in [*wanted, *([gewicht] if gewicht else [])] if i not in known]:
        raise CrosswalkError(t("crosswalk.unknown_indicator", ids=", ".join(missing)))
    source = f"{MARK} van {van} naar {naar} ({level})"
    result = Result(None, source, len(walk.pieces), walk.uncovered)
    own = store.measurement_sources(new_id, wanted)
    own = own.loc[~own["source"].map(is_recomputed).astype(bool)]
    usable = old_values[old_values["flag"].isna()] if not old_values.empty else old_values
    weight_frames: dict[str, pd.DataFrame] = {}
    rows: list[list[str]] = []
    for ind_id in wanted:
        ind = known[ind_id]
        how = "som" if ind.aggregation == "som" else "gemiddelde"
        # Rates: weighted by --gewicht, else by the catalogue's weight (inwoners), else area.
        weight_id = None if how == "som" else (gewicht or ind.weight_indicator)
        if weight_id and weight_id not in weight_frames:
            weight_frames[weight_id] = store.current_values(old_id, [weight_id], level=level)
        mine = usable[usable["indicator_id"] == ind_id]
        skip = set(own.loc[own["indicator_id"] == ind_id, "period"].astype(int))
        for period in sorted(set(mine["period"].astype(int))):
            if period in skip:
                result.measured.setdefault(ind_id, []).append(period)
                continue
            weights, used = None, None
            if weight_id:
                w = weight_frames[weight_id]
                w = w[(w["period"] == period) & w["value"].notna()]
                if not w.empty:
                    weights, used = pd.Series(w["value"].to_numpy(), index=w["code"]), weight_id
            at = mine[mine["period"] == period]
            old = pd.Series(at["value"].to_numpy(), index=at["code"])
            new = recompute(old, walk, how, weights)
            if how == "som" and (left := partly_valued(old, walk)):
                result.incomplete.setdefault(ind_id, {})[period] = left
            text = method_text(van, naar, level, how, used)
            rows += [[code, ind_id, str(period), _number(v), text] for code, v in new.items()]
            result.recomputed.setdefault(ind_id, []).append(period)
            result.methods.setdefault(ind_id, text.split(": ", 1)[1])
    if not rows:
        raise CrosswalkError(t("crosswalk.nothing", van=van, level=level))
    result.source += ": " + "; ".join(dict.fromkeys(result.methods.values()))
    checked = check(
        store, _long_csv(rows), f"omrekenen-{van}-{naar}.csv", ParseOptions(format="long"), new_id
    )
    if not checked.report.ok:
        lines = "; ".join(checked.report.lines()[:5])
        raise CrosswalkError(t("crosswalk.refused", errors=len(checked.report.errors), lines=lines))
    meta = {"bron": result.source, "omgerekend": {"van": van, "naar": naar, "niveau": level}}
    result.upload_id = publish(
        store, checked, uploader=uploader, confirm_changes=confirm_changes, meta=meta
    )
    result.values = len(rows)
    return result


def _number(value: float) -> str:
    rounded = round(float(value), 6)
    return repr(int(rounded)) if rounded.is_integer() else repr(rounded)


def _long_csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(["gebiedcode", "indicator", "periode", "waarde", "bron"])
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")
