"""Values per area of one level: measured where published, else aggregated upward.

Sources publish at different levels: BBGA gives gebieden and the city, the demo gives
buurten. A wijk map of buurt data needs values per wijk, computed the way the
catalogue says (counts sum; rates and ratings use the weighted mean; otherwise not
aggregated). Flagged values (suppressed, capped, unpublished) never enter a total.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from monitor.catalog import Indicator
from monitor.store import LEVELS, PARENT_COLUMNS, Store

COLUMNS = ["area_id", "code", "period", "value", "n", "flag", "upload_id", "origin"]


def level_values(
    store: Store,
    division_id: int,
    indicator: Indicator,
    periods: list[int],
    level: str,
    areas: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Values of ``indicator`` for every area of ``level`` that has one, per period.

    ``origin`` says ``meting`` (published for this area) or ``geaggregeerd``. A period
    with measurements at ``level`` itself is never mixed with aggregated values.
    """
    measured = store.current_values(division_id, [indicator.id], periods, level=level)
    measured["origin"] = "meting"
    measured = measured[[*COLUMNS[:-1], "origin"]] if not measured.empty else _empty()
    missing = sorted(set(periods) - set(measured["period"].astype(int)))
    if not missing or indicator.aggregation == "geen" or level == LEVELS[0]:
        return measured.reset_index(drop=True)
    if areas is None:
        areas = store.areas_frame(division_id, level)
    aggregated = _aggregate(store, division_id, indicator, missing, level, areas)
    if aggregated.empty:
        return measured.reset_index(drop=True)
    if measured.empty:
        return aggregated.reset_index(drop=True)
    return pd.concat([measured, aggregated], ignore_index=True)


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="float64") for c in COLUMNS}).astype(
        {"code": "object", "flag": "object", "origin": "object"}
    )


def _aggregate(
    store: Store,
    division_id: int,
    indicator: Indicator,
    periods: list[int],
    level: str,
    areas: pd.DataFrame,
) -> pd.DataFrame:
    parent_col = PARENT_COLUMNS[level]
    below = list(LEVELS[: LEVELS.index(level)])
    wanted = [indicator.id]
    if indicator.aggregation == "gewogen-gemiddelde" and indicator.weight_indicator:
        wanted.append(indicator.weight_indicator)
    frames = []
    for period in periods:
        # The finest level that has values for this period is the source of truth.
        for child_level in below:
            children = store.current_values(division_id, wanted, [period], level=child_level)
            own = children[children["indicator_id"] == indicator.id]
            if own["value"].notna().any():
                frames.append(
                    _combine(
                        store, division_id, indicator, children, child_level, parent_col, period
                    )
                )
                break
    if not frames:
        return _empty()
    result = pd.concat(frames, ignore_index=True)
    lookup = areas.set_index("code")["id"]
    result = result[result["code"].isin(lookup.index)]
    result["area_id"] = result["code"].map(lookup).astype("int64")
    result["flag"] = None
    result["upload_id"] = np.nan
    result["origin"] = "geaggregeerd"
    return result[COLUMNS]


def _combine(
    store: Store,
    division_id: int,
    indicator: Indicator,
    children: pd.DataFrame,
    child_level: str,
    parent_col: str,
    period: int,
) -> pd.DataFrame:
    child_areas = store.areas_frame(division_id, child_level)[["id", parent_col]]
    own = children[
        (children["indicator_id"] == indicator.id)
        & children["value"].notna()
        & children["flag"].isna()
    ].merge(child_areas, left_on="area_id", right_on="id")
    own = own[own[parent_col].notna()]
    if indicator.aggregation == "som":
        grouped = own.groupby(parent_col).agg(value=("value", "sum"), n=("n", "sum"))
    else:
        weights = children[children["indicator_id"] == indicator.weight_indicator]
        own = own.merge(
            weights[["area_id", "value"]].rename(columns={"value": "weight"}),
            on="area_id",
            how="left",
        )
        grouped = own.groupby(parent_col).apply(_weighted, include_groups=False)
    grouped["n"] = grouped["n"].where(grouped["n"] > 0)
    grouped = grouped.reset_index().rename(columns={parent_col: "code"})
    grouped["period"] = period
    return grouped


def _weighted(group: pd.DataFrame) -> pd.Series:
    """Weighted mean; a plain mean when any weight is unknown (then weights mislead)."""
    values = group["value"].to_numpy(dtype=float)
    weights = group["weight"].to_numpy(dtype=float) if "weight" in group else None
    if weights is not None and np.all(np.isfinite(weights)) and weights.sum() > 0:
        value = float(np.average(values, weights=weights))
    else:
        value = float(values.mean())
    n = group["n"].sum(min_count=1)
    return pd.Series({"value": value, "n": n})
