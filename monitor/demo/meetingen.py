"""The measurements of Voorbeeldstad: 18 indicators and the population for eight years,
with trends, survey years, gaps, unpublished cells and the city's own value; and the
long meetingen CSV they are published from."""

from __future__ import annotations

import csv
import io

import geopandas as gpd
import numpy as np
import pandas as pd

from monitor import catalog
from monitor.demo.city import CENTRE, SURVEY_YEARS, YEARS

#: indicator → (base value, effect of deprivation, yearly trend, noise, lower, upper)
PROFILES: dict[str, tuple[float, float, float, float, float, float]] = {
    "werkloosheid_p": (7.0, 3.0, -0.15, 0.6, 1.5, 25),
    "bijstand_p": (5.0, 3.2, -0.05, 0.5, 0.5, 20),
    "inkomen_gem": (38_000, -7_000, 650, 1_200, 18_000, 80_000),
    "minima_p": (14.0, 7.0, -0.2, 1.0, 3, 45),
    "werkzaam_p": (68.0, -6.0, 0.3, 1.2, 40, 85),
    "schulden_r": (6.8, -0.5, 0.02, 0.2, 4, 9),
    "vsv_p": (2.0, 0.8, -0.05, 0.3, 0.2, 8),
    "overgewicht10_p": (17.0, 6.0, 0.1, 1.5, 5, 40),
    "havovwo_p": (45.0, -14.0, 0.4, 2.5, 10, 85),
    "jeugdwerkloos_p": (8.0, 3.5, -0.2, 1.0, 1, 25),
    "eenouder_p": (22.0, 6.0, 0.1, 3.0, 5, 50),
    "jeugdvoorz_r": (6.2, -0.3, 0.03, 0.25, 4, 9),
    "tevreden_buurt_r": (7.3, -0.5, 0.02, 0.2, 5, 9.5),
    "schoon_r": (6.4, -0.45, -0.02, 0.25, 4, 9),
    "onveilig_p": (22.0, 8.0, -0.3, 2.0, 5, 60),
    "veiligheid_i": (100.0, 22.0, -2.0, 5.0, 40, 200),
    "overlast_i": (100.0, 18.0, -1.0, 6.0, 40, 200),
    "groen_r": (7.0, -0.3, 0.02, 0.3, 4, 9.5),
}


def build_measurements(
    buurten: gpd.GeoDataFrame, indicators: dict[str, catalog.Indicator], rng: np.random.Generator
) -> pd.DataFrame:
    """Buurt values with trends and gaps, plus the city value as the city would publish it."""
    centroids = buurten.geometry.centroid
    dx = (centroids.x - CENTRE[0]) / 5000
    dy = (centroids.y - CENTRE[1]) / 4000
    # Deprivation: higher in the north-west and south-east, plus local noise.
    deprivation = (
        0.9 * np.sin(2.2 * dx + 0.5) * np.cos(1.7 * dy)
        - 0.4 * dy
        + 0.55 * rng.standard_normal(len(buurten))
    ).to_numpy()
    drift = 0.08 * rng.standard_normal(len(buurten))  # some buurten improve, others slip
    population = np.round(rng.lognormal(np.log(2300), 0.45, len(buurten)))
    population[rng.choice(len(buurten), 3, replace=False)] = [35, 80, 60]  # bedrijventerreinen
    growth = 1 + rng.normal(0.008, 0.006, len(buurten))

    rows = []
    codes = buurten["code"].to_numpy()
    for k, year in enumerate(YEARS):
        pop = np.round(population * growth**k)
        rows.append(
            pd.DataFrame(
                {
                    "code": codes,
                    "indicator_id": "bev_totaal",
                    "period": year,
                    "value": pop,
                    "n": np.nan,
                }
            )
        )
        for ind_id, (base, effect, trend, noise, low, high) in PROFILES.items():
            ind = indicators[ind_id]
            if ind.survey and year not in SURVEY_YEARS:
                continue
            if ind_id == "vsv_p" and year == 2020:
                continue  # no leerplicht registration that year: a gap in the series
            d = deprivation + drift * k
            value = base + effect * d + trend * k + noise * rng.standard_normal(len(codes))
            value = np.round(np.clip(value, low, high), ind.decimals)
            n = (
                np.clip(np.round(pop / 45 * rng.uniform(0.6, 1.4, len(codes))), 8, 160)
                if ind.survey
                else np.full(len(codes), np.nan)
            )
            keep = rng.random(len(codes)) > 0.03  # ~3% of buurten without a measurement
            rows.append(
                pd.DataFrame(
                    {
                        "code": codes[keep],
                        "indicator_id": ind_id,
                        "period": year,
                        "value": value[keep],
                        "n": n[keep],
                    }
                )
            )
    frame = pd.concat(rows, ignore_index=True)
    frame["flag"] = None
    # A few values exist but were not published (marked empty in the source file).
    empty = rng.choice(frame.index[frame["indicator_id"] != "bev_totaal"], 12, replace=False)
    frame.loc[empty, ["value", "flag"]] = [np.nan, "leeg"]
    return pd.concat([frame, _city_values(frame, indicators)], ignore_index=True)


def _city_values(frame: pd.DataFrame, indicators: dict[str, catalog.Indicator]) -> pd.DataFrame:
    """The city's own value: population-weighted over all buurten, as a statistics office would."""
    pop = frame[frame["indicator_id"] == "bev_totaal"].set_index(["code", "period"])["value"]
    out = []
    for (ind_id, period), group in frame[frame["value"].notna()].groupby(
        ["indicator_id", "period"]
    ):
        ind = indicators[ind_id]
        if ind.aggregation == "som":
            value = group["value"].sum()
        else:
            weights = pop.reindex(list(zip(group["code"], group["period"], strict=True))).to_numpy()
            value = np.average(group["value"], weights=weights)
        n = group["n"].sum() if group["n"].notna().any() else np.nan
        out.append(
            {
                "code": "STAD",
                "indicator_id": ind_id,
                "period": period,
                "value": round(float(value), ind.decimals),
                "n": n,
                "flag": None,
            }
        )
    return pd.DataFrame(out)


def _number(value: float, decimals: int) -> str:
    """A value as a Dutch office writes it (``7,3``); empty for a value not published."""
    if pd.isna(value):
        return ""
    return f"{value:.{decimals}f}".replace(".", ",")


def meetingen_csv(measurements: pd.DataFrame, indicators: dict[str, catalog.Indicator]) -> bytes:
    """The measurements as the project's long CSV (``gebiedcode;indicator;periode;waarde;n``)
    with decimal commas: one row per area, indicator and year, the city as ``STAD``; an
    empty ``waarde`` is a value that exists but was not published, ``n`` the number of
    respondents of a survey."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(["gebiedcode", "indicator", "periode", "waarde", "n"])
    columns = ["code", "indicator_id", "period", "value", "n"]
    for code, ind_id, period, value, n in measurements[columns].itertuples(index=False):
        decimals = indicators[ind_id].decimals
        writer.writerow([code, ind_id, int(period), _number(value, decimals), _number(n, 0)])
    return buffer.getvalue().encode("utf-8")
