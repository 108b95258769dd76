"""The buurtbegroting of Voorbeeldstad: fictional budget lines per buurt and gebied,
and the budget CSV (as a Dutch office writes it) they are published from."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from monitor.demo.city import YEARS

BUDGET_YEARS = [2022, 2023, 2024]
BUDGET_SOURCE = "Voorbeeldstad, afdeling Financiën (fictief)"
#: programme → (descriptions, base euros per inhabitant, extra per unit of need)
BUDGET_PROFILES: dict[str, tuple[tuple[str, ...], float, float]] = {
    "Bestuur en gebiedsmanagement": (("Buurtbudget bewonersinitiatieven",), 6.0, 0.2),
    "Verkeer en infrastructuur": (("Veilige schoolroutes", "Herinrichting straat"), 10.0, 0.0),
    "Openbare ruimte en groen": (("Extra schoonmaak", "Groen en speelplekken"), 14.0, 0.3),
    "Stedelijke ontwikkeling": (("Aanpak portieken en binnenterreinen",), 8.0, 0.5),
    "Onderwijs en jeugd": (("Jongerenwerk", "Voorschool en brede school"), 18.0, 0.9),
    "Sport en recreatie": (("Buurtsportcoach",), 7.0, 0.4),
    "Welzijn en zorg": (("Buurtteam en mantelzorg", "Buurthuis"), 20.0, 0.8),
    "Werk, inkomen en economie": (("Schuldhulp en armoedeaanpak", "Ondernemersfonds"), 12.0, 1.0),
    "Openbare orde en veiligheid": (("Buurtregie en handhaving",), 9.0, 0.8),
    "Cultuur en monumenten": (("Buurtcultuur en festival",), 4.0, 0.1),
    "Milieu en water": (("Grofvuil en afvalinzameling", "Geveltuinen en regenwater"), 5.0, 0.1),
}


def build_budget(
    levels: dict[str, gpd.GeoDataFrame], measurements: pd.DataFrame, rng: np.random.Generator
) -> pd.DataFrame:
    """Fictional budget lines: per buurt five to seven programmes with one or two lines,
    for three years, planned and realised; in the last year part of the realised amounts
    is not yet known. Spending follows need (unemployment against the city) and size.
    Two realised corrections are negative, with a note; every gebied has a line of its
    own (the gebiedsteam), which belongs to no single buurt.

    Columns as a budget CSV: gebiedcode, jaar, programma, omschrijving, begroot,
    gerealiseerd, bron, opmerking (amounts as floats, NaN = empty).
    """
    buurten = levels["buurt"]
    last = max(YEARS)
    people = measurements[
        (measurements["indicator_id"] == "bev_totaal") & (measurements["period"] == last)
    ].set_index("code")["value"]
    jobless = measurements[
        (measurements["indicator_id"] == "werkloosheid_p") & (measurements["period"] == last)
    ].set_index("code")["value"]
    need = ((jobless - jobless.mean()) / jobless.std()).reindex(buurten["code"]).fillna(0)
    names = list(BUDGET_PROFILES)
    rows = []
    for code in buurten["code"]:
        pop = float(people.get(code, 0))
        count = int(rng.integers(5, 8))
        chosen = sorted(rng.choice(len(names), count, replace=False))
        for index in chosen:
            programme = names[index]
            texts, base, lift = BUDGET_PROFILES[programme]
            lines = texts[: int(rng.integers(1, len(texts) + 1))]
            for text in lines:
                share = 1 / len(lines)
                level = base * max(0.3, 1 + lift * float(need[code])) * share
                for k, year in enumerate(BUDGET_YEARS):
                    planned = max(2_000.0, pop * level * 1.03**k * rng.uniform(0.9, 1.1))
                    planned = round(planned, -2)
                    realised = round(planned * rng.uniform(0.8, 1.08), 2)
                    if year == BUDGET_YEARS[-1]:  # the year is not over: partly accounted
                        realised = (
                            np.nan
                            if rng.random() < 0.35
                            else round(planned * rng.uniform(0.4, 0.9), 2)
                        )
                    rows.append((code, year, programme, text, planned, realised, ""))
    for code in rng.choice(buurten["code"].to_numpy(), 2, replace=False):
        rows.append(
            (
                str(code),
                BUDGET_YEARS[1],
                "Welzijn en zorg",
                "Terugvordering subsidie",
                0.0,
                -round(float(rng.uniform(1_500, 6_000)), 2),
                "Correctie: subsidie uit het vorige jaar deels terugbetaald.",
            )
        )
    for code in levels["gebied"]["code"]:
        for k, year in enumerate(BUDGET_YEARS):
            planned = round(150_000 * 1.03**k * rng.uniform(0.85, 1.15), -3)
            realised = (
                round(planned * rng.uniform(0.9, 1.02), 2) if year != BUDGET_YEARS[-1] else np.nan
            )
            rows.append(
                (code, year, "Bestuur en gebiedsmanagement", "Gebiedsteam", planned, realised, "")
            )
    frame = pd.DataFrame(
        rows,
        columns=[
            "gebiedcode",
            "jaar",
            "programma",
            "omschrijving",
            "begroot",
            "gerealiseerd",
            "opmerking",
        ],
    )
    frame.insert(6, "bron", BUDGET_SOURCE)
    return frame


def _dutch_amount(value: float) -> str:
    """``12500.5`` → ``12.500,50``: the demo file is written as a Dutch office would."""
    if pd.isna(value):
        return ""
    text = f"{value:,.2f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def budget_csv(lines: pd.DataFrame) -> bytes:
    """The demo's budget lines as a budget CSV (``;``, decimal commas, thousands dots)."""
    out = lines.copy()
    for column in ("begroot", "gerealiseerd"):
        out[column] = out[column].map(_dutch_amount)
    return out.to_csv(sep=";", index=False, lineterminator="\n").encode("utf-8")
