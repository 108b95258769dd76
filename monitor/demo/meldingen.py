"""The meldingen of Voorbeeldstad: two years of fictional meldingen openbare ruimte as
points, in the plainest format the points import takes (``datum;categorie;lat;lon``).

Each buurt has its own level per category, each category its own season (afval peaks in
summer, verkeer in winter), and the counts are Poisson around level × season. One pattern
is planted: in :data:`PLANTED` buurt's latest month the meldingen of one category are
three times what its history leads one to expect; ``monitor signalen`` finds it.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from monitor.demo.city import RD_NEW

MELDINGEN_FILE = "data/voorbeeldstad-meldingen.csv"
#: The months of meldingen (the demo's last two years).
MONTHS = pd.period_range("2023-01", "2024-12", freq="M")
#: Category → (mean per buurt per month, season: month-of-year factors).
CATEGORIES: dict[str, tuple[float, tuple[float, ...]]] = {
    "afval": (1.2, (0.8, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.3, 1.1, 1.0, 0.8, 0.7)),
    "groen": (1.0, (0.6, 0.6, 0.8, 1.1, 1.3, 1.3, 1.2, 1.2, 1.1, 1.0, 0.9, 0.9)),
    "overlast": (0.7, (0.7, 0.7, 0.8, 0.9, 1.1, 1.3, 1.4, 1.3, 1.1, 0.9, 0.9, 0.9)),
    "verkeer": (0.6, (1.3, 1.2, 1.1, 1.0, 0.9, 0.8, 0.8, 0.8, 0.9, 1.0, 1.1, 1.1)),
}
#: The planted pattern: buurt (its place in the buurten sorted by code), category, and
#: its level there (high enough that a tripling stands out of the noise).
PLANTED = (12, "verkeer", 8.0)
#: Points stay this far (metres) inside their buurt, so rounding never moves one out.
MARGIN = 5.0


def build_meldingen(buurten: gpd.GeoDataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Every melding: code (for checks only), datum, categorie, lat, lon (WGS84)."""
    buurten = buurten.sort_values("code").reset_index(drop=True)
    inner = buurten.geometry.buffer(-MARGIN)
    planted_index, planted_category, planted_level = PLANTED
    rows = []
    for category, (mean, season) in CATEGORIES.items():
        levels = rng.gamma(2.0, mean / 2.0, size=len(buurten)) + 0.2
        if category == planted_category:
            levels[planted_index] = planted_level
        factors = np.array(season)[MONTHS.month - 1]
        counts = rng.poisson(np.outer(levels, factors))
        if category == planted_category:
            counts[planted_index, -1] = round(3 * planted_level * factors[-1])
        for b in range(len(buurten)):
            for m, month in enumerate(MONTHS):
                n = int(counts[b, m])
                if n == 0:
                    continue
                days = rng.integers(1, month.days_in_month + 1, size=n)
                xy = _inside(inner.iloc[b], n, rng)
                for day, (x, y) in zip(days, xy, strict=True):
                    rows.append((buurten["code"].iloc[b], f"{month}-{day:02d}", category, x, y))
    frame = pd.DataFrame(rows, columns=["code", "datum", "categorie", "x", "y"])
    points = gpd.GeoSeries(shapely.points(frame["x"], frame["y"]), crs=RD_NEW).to_crs(4326)
    frame["lat"] = points.y.round(5)
    frame["lon"] = points.x.round(5)
    frame = frame.sort_values(["datum", "categorie", "code", "lat", "lon"], kind="stable")
    return frame.drop(columns=["x", "y"]).reset_index(drop=True)


def _inside(polygon, n: int, rng: np.random.Generator) -> list[tuple[float, float]]:
    """``n`` points uniformly inside ``polygon`` (rejection sampling in its bounds)."""
    minx, miny, maxx, maxy = polygon.bounds
    found: list[tuple[float, float]] = []
    while len(found) < n:
        x = rng.uniform(minx, maxx, size=4 * n)
        y = rng.uniform(miny, maxy, size=4 * n)
        hits = shapely.contains_xy(polygon, x, y)
        found += list(zip(x[hits], y[hits], strict=True))
    return found[:n]


def meldingen_csv(meldingen: pd.DataFrame) -> bytes:
    """The file as checked in: ``datum;categorie;lat;lon``, UTF-8, LF."""
    lines = ["datum;categorie;lat;lon"]
    lines += [
        f"{d};{c};{lat:.5f};{lon:.5f}"
        for d, c, lat, lon in zip(
            meldingen["datum"],
            meldingen["categorie"],
            meldingen["lat"],
            meldingen["lon"],
            strict=True,
        )
    ]
    return ("\n".join(lines) + "\n").encode()


def planted(buurten: gpd.GeoDataFrame) -> tuple[str, str, str]:
    """The planted signal: buurt code, category and month (``YYYY-MM``)."""
    code = sorted(buurten["code"])[PLANTED[0]]
    return code, PLANTED[1], str(MONTHS[-1])
