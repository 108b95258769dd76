"""The indicators counted from points, per buurt and year: the number, the number per
1,000 inwoners (when the catalogue names a population indicator), the share of each
category and the median afhandeltermijn (days; lager-beter, not aggregated upwards).
They are published as measurements, so they are scored (materialised) and aggregated to
wijk, gebied and stadsdeel like any indicator: counts add up, the rate is weighted by the
population and a share by the number of points.

Polarity: ``geen`` for the number (a big buurt has more of everything), ``neutraal``
for the rate and the shares: more meldingen can mean more trouble or more people who
report it, so they are coloured *meer*/*minder*, never *beter*/*slechter*.

Meldingen are also published per quarter and per month (ids with ``_kwartaal`` /
``_maand``, periods ``20241`` / ``202403``: :mod:`monitor.period_kinds`), scored like the
yearly ones; the rate uses the population of the period's year. Only complete periods
are published: the quarter or month in which the extract ends is left out unless its
last point lies on the period's last day (a part of a month would read as a drop).

Voorzieningen also get, per category, the share of each buurt within 500 m of one
(:mod:`monitor.points_reach`; ``hoger-beter``, buurt level only).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy.engine import Connection

from monitor.area_geometry import areas_geodataframe
from monitor.catalog import Indicator
from monitor.messages import t
from monitor.period_kinds import (
    KWARTAAL,
    MAAND,
    SUFFIX,
    containing,
    end,
    next_period,
    years_of,
)
from monitor.points_reach import reach_shares
from monitor.store import Store
from monitor.store.score_inputs import current_values


def slug(category: str) -> str:
    """A category as part of an indicator id: ASCII letters, digits and ``_``."""
    plain = unicodedata.normalize("NFKD", category).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")
    return text[:40] or "overig"


def count_id(soort: str) -> str:
    return f"{soort}_aantal"


def rate_id(soort: str) -> str:
    return f"{soort}_per_1000"


def share_id(soort: str, category: str) -> str:
    return f"{soort}_aandeel_{slug(category)}"


def handling_id(soort: str) -> str:
    return f"{soort}_afhandeltermijn"


def reach_id(category: str) -> str:
    """The "binnen 500 m" indicator of a voorzieningen category."""
    return f"voorzieningen_binnen_500m_{slug(category)}"


def _labels(key: str, **params: Any) -> dict[str, str]:
    return {"label_nl": t(key, "nl", **params), "label_en": t(key, "en", **params)}


#: The sub-year kinds published for meldingen (voorzieningen have no dates that matter).
SUB_YEAR = (KWARTAAL, MAAND)
#: The soorten counted per quarter and month too.
SUB_YEAR_SOORTEN = ("meldingen",)
#: The rate per 1,000 inwoners is not shown for a buurt with fewer inhabitants (as the
#: catalogue's own rates: Voorbeeldstad's and the BBGA's practice).
MIN_INHABITANTS = 100.0


def sub_year_rows(rows: list[dict[str, Any]], period_kind: str) -> list[dict[str, Any]]:
    """The catalogue rows of the yearly indicators as ``period_kind`` indicators: the id
    with the kind's suffix, the label with "per maand"/"per kwartaal", a weight that is
    itself counted from points with the same suffix (the population stays yearly)."""
    suffix = SUFFIX[period_kind]
    own = {row["id"] for row in rows}
    found = []
    for row in rows:
        new = dict(row)
        new["id"] = row["id"] + suffix
        for lang in ("nl", "en"):
            kind_text = t(f"period.kind.{period_kind}", lang)
            new[f"label_{lang}"] = t(
                "points.ind.per_kind", lang, label=row[f"label_{lang}"], kind=kind_text
            )
        if row.get("weight_indicator") in own:
            new["weight_indicator"] = row["weight_indicator"] + suffix
        found.append(new)
    return found


def indicator_rows(
    soort: str,
    population: str | None,
    categories: list[str] | None = None,
    handling: bool = False,
) -> list[dict[str, Any]]:
    """The catalogue rows of a soort's indicators (the shares for ``categories``, the
    median afhandeltermijn when the points have one)."""
    common = {"domain": "leefbaarheid", "catalog": "punten", "source": soort}
    found = [
        Indicator(
            id=count_id(soort),
            unit="aantal",
            polarity="geen",
            aggregation="som",
            decimals=0,
            **_labels("points.ind.count", soort=soort),
            **common,
        )
    ]
    if population:
        found.append(
            Indicator(
                id=rate_id(soort),
                unit="per 1.000 inwoners",
                polarity="neutraal",
                aggregation="gewogen-gemiddelde",
                weight_indicator=population,
                # a rate over a few dozen inhabitants is noise (one melding: 20 per 1.000)
                min_population=MIN_INHABITANTS,
                decimals=1,
                **_labels("points.ind.rate", soort=soort),
                **common,
            )
        )
    if handling:
        found.append(
            Indicator(
                id=handling_id(soort),
                unit="dagen",
                polarity="lager-beter",
                aggregation="geen",
                decimals=1,
                **_labels("points.ind.handling", soort=soort),
                **common,
            )
        )
    for category in categories or []:
        found.append(
            Indicator(
                id=share_id(soort, category),
                unit="%",
                polarity="neutraal",
                aggregation="gewogen-gemiddelde",
                weight_indicator=count_id(soort),
                decimals=1,
                **_labels("points.ind.share", soort=soort, category=category),
                **common,
            )
        )
    return [i.row() for i in found]


def reach_rows(categories: list[str]) -> list[dict[str, Any]]:
    """The catalogue rows of the "binnen 500 m" indicators, one per voorzieningen
    category: hoger-beter (a buurt more of which lies near a voorziening is better
    served), buurt level only (the share is of the buurt's area)."""
    found = [
        Indicator(
            id=reach_id(category),
            unit="%",
            polarity="hoger-beter",
            aggregation="geen",
            decimals=1,
            domain="leefbaarheid",
            catalog="punten",
            source="voorzieningen",
            definition=t("points.ind.reach_definition", "nl", category=category),
            polarity_source="catalogus",
            polarity_reason=t("points.ind.reach_polarity", "nl"),
            polarity_reason_en=t("points.ind.reach_polarity", "en"),
            **_labels("points.ind.reach", category=category),
        )
        for category in categories
    ]
    return [i.row() for i in found]


def reach_measurements(shares: pd.DataFrame, period: int) -> pd.DataFrame:
    """Measurements of the "binnen 500 m" shares (area_id, category, share)."""
    if shares.empty:
        return pd.DataFrame(columns=["area_id", "indicator_id", "period", "value"])
    return pd.DataFrame(
        {
            "area_id": shares["area_id"].astype("int64"),
            "indicator_id": [reach_id(c) for c in shares["category"]],
            "period": period,
            "value": shares["share"].astype(float),
        }
    )


def measurements(
    buurten: pd.DataFrame,
    soort: str,
    counts: pd.DataFrame,
    population: pd.DataFrame | None,
    suffix: str = "",
) -> pd.DataFrame:
    """Measurements (area_id, indicator_id, period, value) from counts per area id ×
    category × period (column ``year``: a year, or a quarter or month period with the
    ids' ``suffix``): every buurt gets a value for every period with points (0 when it
    has none), the rate where the buurt's population of the period's year is known and
    above 0. Points without a date (voorzieningen) count for the current year."""
    counts = counts.copy()
    counts["year"] = counts["year"].fillna(date.today().year).astype(int)
    years = sorted(counts["year"].unique())
    grid = pd.MultiIndex.from_product([buurten["id"].astype(int), years], names=["area_id", "year"])
    total = counts.groupby(["area_id", "year"])["count"].sum().reindex(grid, fill_value=0)
    frames = [_rows(total, count_id(soort) + suffix)]
    if population is not None and not population.empty:
        people = population.set_index(["area_id", "period"])["value"]
        people.index = people.index.set_names(["area_id", "year"])
        by_year = pd.MultiIndex.from_arrays(
            [grid.get_level_values(0), years_of(grid.get_level_values(1).to_numpy())]
        )
        aligned = pd.Series(people.reindex(by_year).to_numpy(), index=grid)
        rate = (total / aligned * 1000).where(aligned > 0)
        frames.append(_rows(rate.dropna(), rate_id(soort) + suffix))
    by_category = counts.groupby(["area_id", "year", "category"])["count"].sum()
    for category in sorted(counts["category"].unique()):
        own = by_category.xs(category, level="category").reindex(grid, fill_value=0)
        share = (own / total * 100).where(total > 0)
        frames.append(_rows(share.dropna(), share_id(soort, category) + suffix))
    return pd.concat(frames, ignore_index=True)


def complete_before(last_date: str | None, period_kind: str) -> int | None:
    """The first period of ``period_kind`` that is not complete in an extract whose last
    point lies on ``last_date``: the period it lies in, or the next one when it is the
    period's last day. None without dates."""
    if not last_date:
        return None
    day = date.fromisoformat(last_date[:10])
    period = containing(day, period_kind)
    return next_period(period) if day == end(period) else period


def year_counts(months: pd.DataFrame) -> pd.DataFrame:
    """Counts per area id × category × ``YYYY-MM`` as counts per year, in the columns
    of ``Store.point_year_counts`` (area_id, category, year as a float, count)."""
    if months.empty:
        return pd.DataFrame(columns=["area_id", "category", "year", "count"])
    frame = months.assign(year=pd.to_numeric(months["month"].str.slice(0, 4)).astype(float))
    summed = frame.groupby(["area_id", "category", "year"], as_index=False)["count"].sum()
    summed["count"] = summed["count"].astype("int64")
    return summed


def sub_year_counts(months: pd.DataFrame, period_kind: str, before: int | None) -> pd.DataFrame:
    """Counts per area id × category × ``YYYY-MM`` as counts per period of ``period_kind``
    (column ``year``, as :func:`measurements` reads it), complete periods only (before
    ``before``)."""
    if months.empty:
        return pd.DataFrame(columns=["area_id", "category", "year", "count"])
    year = pd.to_numeric(months["month"].str.slice(0, 4)).astype("int64")
    number = pd.to_numeric(months["month"].str.slice(5, 7)).astype("int64")
    per_quarter = year * 10 + (number - 1) // 3 + 1
    period = per_quarter if period_kind == KWARTAAL else year * 100 + number
    frame = months.assign(year=period)
    if before is not None:
        frame = frame[frame["year"] < before]
    return frame.groupby(["area_id", "category", "year"], as_index=False)["count"].sum()


def sub_year_handling(rows: pd.DataFrame, period_kind: str, before: int | None) -> pd.DataFrame:
    """The median afhandeltermijn per area id × period of ``period_kind`` (complete
    periods only): area_id, period, median, n."""
    if rows.empty:
        return pd.DataFrame(columns=["area_id", "period", "median", "n"])
    rows = with_calendar(rows)
    if period_kind == KWARTAAL:
        period = rows["year"] * 10 + (rows["month"] - 1) // 3 + 1
    else:
        period = rows["year"] * 100 + rows["month"]
    frame = rows.assign(period=period.astype("int64"))
    if before is not None:
        frame = frame[frame["period"] < before]
    grouped = frame.groupby(["area_id", "period"])["handling_days"]
    return pd.DataFrame({"median": grouped.median(), "n": grouped.size()}).reset_index()


def _rows(values: pd.Series, indicator_id: str) -> pd.DataFrame:
    frame = values.rename("value").reset_index().rename(columns={"year": "period"})
    frame["indicator_id"] = indicator_id
    frame["value"] = frame["value"].astype(float)
    return frame[["area_id", "indicator_id", "period", "value"]]


def population_values(store: Store, division_id: int) -> tuple[str | None, pd.DataFrame | None]:
    """The population indicator the catalogue names, and its current buurt values."""
    population = store.get_setting("population_indicator")
    if not population:
        return None, None
    values = store.current_values(division_id, [population], level="buurt")
    if values.empty:
        return population, None
    return population, values[["area_id", "period", "value"]]


def publish_indicators(
    store: Store, conn: Connection, division_id: int, soort: str, upload_id: int, population
) -> int:
    """Recount the soort's indicators from every current point and publish them as part
    of ``upload_id`` (in the caller's transaction). Returns the number of values."""
    population_id, people = population
    months = pd.DataFrame(columns=["area_id", "category", "month", "count"])
    if soort in SUB_YEAR_SOORTEN:  # every melding has a date: its year from its month
        months = store.point_month_id_counts(division_id, soort, conn=conn)
        counts = year_counts(months)
    else:
        counts = store.point_year_counts(division_id, soort, conn=conn)
    if counts.empty:
        return 0
    categories = sorted(counts["category"].unique())
    # Every point's afhandeltermijn, read once: the medians per year, quarter and month.
    handling_points = with_calendar(store.point_handling_days(division_id, soort, conn=conn))
    handling = year_handling(handling_points)
    rows = indicator_rows(soort, population_id, categories, handling=not handling.empty)
    store.upsert_indicators(rows, conn)
    buurten = store.areas_frame(division_id, "buurt")
    values = measurements(buurten, soort, counts, people)
    if not handling.empty:
        medians = handling.rename(columns={"year": "period"})
        values = pd.concat([values, _medians(medians, handling_id(soort))], ignore_index=True)
    if soort in SUB_YEAR_SOORTEN:
        values = pd.concat(
            [
                values,
                _sub_year(
                    store, conn, division_id, soort, rows, buurten, people, months, handling_points
                ),
            ],
            ignore_index=True,
        )
    if soort == "voorzieningen":
        values = pd.concat([values, _reach(store, conn, division_id)], ignore_index=True)
    # Only what the recount changed becomes part of this upload: an unchanged count keeps
    # its own upload as its herkomst, and undoing this upload brings back only what it
    # changed (all recounted values were republished, so a small extract claimed them all).
    ids = sorted(values["indicator_id"].unique())
    values = changed_only(values, current_values(conn, division_id, ids, None))
    if not values.empty:
        store.publish(values, kind="meetingen", conn=conn, upload_id=upload_id)
    return len(values)


def changed_only(values: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``values`` whose value or n differ from the ``current`` measurement of
    the same area, indicator and period (or that have none); missing equals missing."""
    if current.empty or values.empty:
        return values
    key = ["area_id", "indicator_id", "period"]
    old = current[[*key, "value", "n"]].rename(columns={"value": "_value", "n": "_n"})
    old = old.assign(_found=True, period=old["period"].astype("int64"))
    merged = values.assign(period=values["period"].astype("int64")).merge(old, on=key, how="left")
    n = merged["n"] if "n" in merged else pd.Series(float("nan"), index=merged.index)

    def same(a: pd.Series, b: pd.Series) -> pd.Series:
        a, b = a.astype(float), b.astype(float)
        return (a == b) | (a.isna() & b.isna())

    unchanged = merged["_found"].eq(True) & same(merged["value"], merged["_value"])
    unchanged &= same(n, merged["_n"])
    return values[~unchanged.to_numpy()].reset_index(drop=True)


def with_calendar(points: pd.DataFrame) -> pd.DataFrame:
    """``points`` with integer ``year`` and ``month`` columns from ``datum`` (parsed once:
    a million dates take a while), unless it has them already."""
    if {"year", "month"} <= set(points.columns):
        return points
    days = pd.to_datetime(points["datum"])
    return points.assign(year=days.dt.year.astype("int64"), month=days.dt.month.astype("int64"))


def year_handling(points: pd.DataFrame) -> pd.DataFrame:
    """The median afhandeltermijn (days) per area id × year of points with one
    (``Store.point_handling_days``): area_id, year, median, n."""
    if points.empty:
        return pd.DataFrame(columns=["area_id", "year", "median", "n"])
    grouped = with_calendar(points).groupby(["area_id", "year"])["handling_days"]
    return pd.DataFrame({"median": grouped.median(), "n": grouped.size()}).reset_index()


def _medians(medians: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    """Measurements (with n) of medians per area id × period."""
    frame = medians.rename(columns={"median": "value"})
    frame = frame.assign(indicator_id=indicator_id, n=frame["n"].astype(float))
    frame["period"] = frame["period"].astype(int)
    frame["value"] = frame["value"].astype(float)
    return frame[["area_id", "indicator_id", "period", "value", "n"]]


def _sub_year(
    store: Store,
    conn: Connection,
    division_id: int,
    soort: str,
    rows: list[dict[str, Any]],
    buurten: pd.DataFrame,
    people: pd.DataFrame | None,
    months: pd.DataFrame,
    handling: pd.DataFrame,
) -> pd.DataFrame:
    """Register and count the soort's quarter and month indicators (complete periods)
    from ``months`` (``Store.point_month_id_counts``); ``handling``: every point's
    afhandeltermijn (``Store.point_handling_days``)."""
    last = str(months["last"].max()) if not months.empty else None
    frames = []
    for period_kind in SUB_YEAR:
        suffix = SUFFIX[period_kind]
        before = complete_before(last, period_kind)
        counts = sub_year_counts(months, period_kind, before)
        if counts.empty:
            continue
        store.upsert_indicators(sub_year_rows(rows, period_kind), conn)
        frames.append(measurements(buurten, soort, counts, people, suffix))
        medians = sub_year_handling(handling, period_kind, before)
        if not medians.empty:
            frames.append(_medians(medians, handling_id(soort) + suffix))
    if not frames:
        return pd.DataFrame(columns=["area_id", "indicator_id", "period", "value"])
    return pd.concat(frames, ignore_index=True)


def _reach(store: Store, conn: Connection, division_id: int) -> pd.DataFrame:
    """Register and compute the "binnen 500 m" indicators from every current
    voorziening (for the current year, as the counts of undated points)."""
    located = store.current_points(division_id, "voorzieningen", conn=conn)
    categories = sorted(located["category"].unique())
    store.upsert_indicators(reach_rows(categories), conn)
    buurten = areas_geodataframe(store, division_id, "buurt", display=False)
    return reach_measurements(reach_shares(buurten, located), date.today().year)
