"""Voorbeeldstad: the project's own fictional demo city, generated deterministically.

Nothing here is real. The city lies in the North Sea, off the Dutch coast, so no
basemap can mistake it for a real place. It has four stadsdelen, eight gebieden,
about twenty wijken and 90 buurten; stadsdeel Oost has exactly 31 buurten, like the
Amsterdam stadsdeel whose buurtbegroting this project follows. The 18 indicators of
``indicators/voorbeeldstad.toml`` get eight years of values with trends, survey
indicators every other year with a number of respondents, and some gaps.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from monitor import catalog
from monitor.config import PROJECT_ROOT
from monitor.store import Store

DIVISION = "voorbeeldstad"
GEMEENTE = "Voorbeeldstad"
CATALOG = PROJECT_ROOT / "indicators" / "voorbeeldstad.toml"
SEED = 20_07  # "Krachtige buurten" started in 2007
YEARS = list(range(2017, 2025))
SURVEY_YEARS = [y for y in YEARS if y % 2 == 1]
RD_NEW = "EPSG:28992"
CENTRE = (60_000.0, 520_000.0)  # North Sea, west of Noord-Holland: clearly not a city
#: Stadsdelen: code, name, direction of the centre from the city centre, buurten.
STADSDELEN = (
    ("N", "Noord", (0.0, 1.0), 18),
    ("O", "Oost", (1.0, 0.0), 31),
    ("Z", "Zuid", (0.0, -1.0), 22),
    ("W", "West", (-1.0, 0.0), 19),
)
PREFIXES = (
    "Linden",
    "Eiken",
    "Molen",
    "Haven",
    "Kerk",
    "Dijk",
    "Vaart",
    "Sluis",
    "Wilgen",
    "Beuken",
    "Rozen",
    "Zuider",
    "Noorder",
    "Ooster",
    "Wester",
    "Brug",
    "Markt",
    "Veer",
    "Zand",
    "Klei",
    "Riet",
    "Duin",
    "Meeuwen",
    "Zeilmakers",
    "Touwslagers",
    "Lantaarn",
    "Schelpen",
    "Tuin",
    "Bloemen",
    "Parel",
    "Koren",
    "Hout",
    "Vlas",
    "Zout",
    "Turf",
    "Anker",
)
SUFFIXES = ("buurt", "hof", "kwartier", "park", "veld", "kade", "oord", "dorp", "eiland", "wijk")
WIJK_SUFFIXES = ("kwartier", "gebied", "stad", "wijk", "polder")


@dataclass
class DemoCity:
    """The generated city: one GeoDataFrame per level (RD New) and the measurements."""

    levels: dict[str, gpd.GeoDataFrame]
    measurements: pd.DataFrame  # code, indicator_id, period, value, n, flag
    #: Budget lines in the columns of a budget CSV (see :func:`build_budget`).
    budget: pd.DataFrame | None = None


def _outline(rng: np.random.Generator) -> shapely.Polygon:
    angles = np.linspace(0, 2 * np.pi, 160, endpoint=False)
    radius = 5200 * (1 + 0.12 * np.sin(3 * angles + 0.7) + 0.07 * np.sin(5 * angles + 2.1))
    radius *= 1 + 0.015 * rng.standard_normal(angles.size)
    xs = CENTRE[0] + radius * np.cos(angles)
    ys = CENTRE[1] + 0.8 * radius * np.sin(angles)
    return shapely.Polygon(np.column_stack([xs, ys]))


def _sample_in(poly: shapely.Geometry, k: int, rng: np.random.Generator) -> np.ndarray:
    minx, miny, maxx, maxy = poly.bounds
    points: list[tuple[float, float]] = []
    while len(points) < k:
        cand = rng.uniform([minx, miny], [maxx, maxy], size=(4 * k, 2))
        inside = shapely.contains_xy(poly, cand[:, 0], cand[:, 1])
        points.extend(map(tuple, cand[inside]))
    return np.array(points[:k])


def _voronoi(seeds: np.ndarray, clip: shapely.Geometry) -> list[shapely.Geometry]:
    """Voronoi cells of ``seeds`` clipped to ``clip``, in seed order."""
    cells = shapely.voronoi_polygons(shapely.MultiPoint(seeds), extend_to=clip)
    by_seed = [None] * len(seeds)
    for cell in shapely.get_parts(cells):
        inside = shapely.contains_xy(cell, seeds[:, 0], seeds[:, 1])
        by_seed[int(np.flatnonzero(inside)[0])] = cell.intersection(clip)
    return by_seed


def _relax(seeds: np.ndarray, region: shapely.Geometry, rounds: int = 4) -> np.ndarray:
    """Lloyd relaxation: move seeds to their cell centroids for even, plausible buurten."""
    for _ in range(rounds):
        cells = _voronoi(seeds, region)
        seeds = np.array([[c.centroid.x, c.centroid.y] for c in cells])
    return seeds


def _kmeans(points: np.ndarray, k: int, rounds: int = 20) -> np.ndarray:
    """Deterministic k-means (farthest-point start) to group buurten into wijken."""
    centres = [points[0]]
    while len(centres) < k:
        dist = np.min([np.linalg.norm(points - c, axis=1) for c in centres], axis=0)
        centres.append(points[int(np.argmax(dist))])
    centres = np.array(centres)
    labels = np.zeros(len(points), dtype=int)
    for _ in range(rounds):
        labels = np.argmin(np.linalg.norm(points[:, None] - centres[None], axis=2), axis=1)
        centres = np.array(
            [
                points[labels == j].mean(axis=0) if (labels == j).any() else centres[j]
                for j in range(k)
            ]
        )
    # Number groups from north-west to south-east so codes read like a map.
    order = np.lexsort((centres[:, 0], -np.round(centres[:, 1], -3)))
    rank = np.empty(k, dtype=int)
    rank[order] = np.arange(k)
    return rank[labels]


def _names(
    rng: np.random.Generator, count: int, suffixes: tuple[str, ...], used: set[str]
) -> list[str]:
    names = []
    while len(names) < count:
        name = f"{rng.choice(PREFIXES)}{rng.choice(suffixes)}"
        if name not in used:
            used.add(name)
            names.append(name)
    return names


def build_geometry(rng: np.random.Generator) -> dict[str, gpd.GeoDataFrame]:
    """Buurten as one Voronoi coverage; higher levels as unions, so borders match."""
    outline = _outline(rng)
    centres = np.array(
        [[CENTRE[0] + 2600 * dx, CENTRE[1] + 2100 * dy] for _, _, (dx, dy), _ in STADSDELEN]
    )
    regions = _voronoi(centres, outline)
    seeds, owner = [], []
    for i, (_, _, _, count) in enumerate(STADSDELEN):
        local = _relax(_sample_in(regions[i], count, rng), regions[i])
        seeds.append(local)
        owner += [i] * count
    all_seeds = _relax(np.vstack(seeds), outline, rounds=1)
    cells = shapely.set_precision(np.array(_voronoi(all_seeds, outline), dtype=object), 0.01)
    owner_arr = np.array(owner)

    used: set[str] = set()
    rows = []
    gebied_no = 0
    for i, (sd_code, _, _, count) in enumerate(STADSDELEN):
        idx = np.flatnonzero(owner_arr == i)
        wijk_of = _kmeans(all_seeds[idx], k=max(3, round(count / 4.5)))
        wijk_centres = np.array(
            [all_seeds[idx][wijk_of == w].mean(axis=0) for w in range(wijk_of.max() + 1)]
        )
        gebied_of_wijk = _kmeans(wijk_centres, k=2)
        wijk_names = _names(rng, len(wijk_centres), WIJK_SUFFIXES, used)
        for w in range(len(wijk_centres)):
            members = idx[wijk_of == w]
            buurt_names = _names(rng, len(members), SUFFIXES, used)
            for j, (cell_index, name) in enumerate(zip(members, buurt_names, strict=True)):
                rows.append(
                    {
                        "code": f"{sd_code}{w + 1:02d}{chr(ord('a') + j)}",
                        "name": name,
                        "wijk_code": f"{sd_code}{w + 1:02d}",
                        "wijk_name": wijk_names[w],
                        "gebied_code": f"G{gebied_no + gebied_of_wijk[w] + 1:02d}",
                        "stadsdeel_code": sd_code,
                        "geometry": cells[cell_index],
                    }
                )
        gebied_no += 2
    buurten = gpd.GeoDataFrame(rows, geometry="geometry", crs=RD_NEW)
    return _levels(buurten)


def _levels(buurten: gpd.GeoDataFrame) -> dict[str, gpd.GeoDataFrame]:
    names = {code: name for code, name, *_ in STADSDELEN}
    wijken = buurten.dissolve("wijk_code", as_index=False, aggfunc="first")
    wijken = wijken.assign(code=wijken["wijk_code"], name=wijken["wijk_name"])
    gebieden = buurten.dissolve("gebied_code", as_index=False, aggfunc="first")
    gebieden["code"] = gebieden["gebied_code"]
    # Two gebieden per stadsdeel: "Oost 1", "Oost 2", numbered in code order.
    number = gebieden.groupby("stadsdeel_code").cumcount() + 1
    gebieden["name"] = gebieden["stadsdeel_code"].map(names) + " " + number.astype(str)
    stadsdelen = buurten.dissolve("stadsdeel_code", as_index=False, aggfunc="first")
    stadsdelen["code"] = stadsdelen["stadsdeel_code"]
    stadsdelen["name"] = stadsdelen["code"].map(names)
    keep = {
        "buurt": ["code", "name", "wijk_code", "gebied_code", "stadsdeel_code"],
        "wijk": ["code", "name", "gebied_code", "stadsdeel_code"],
        "gebied": ["code", "name", "stadsdeel_code"],
        "stadsdeel": ["code", "name"],
    }
    frames = {"buurt": buurten, "wijk": wijken, "gebied": gebieden, "stadsdeel": stadsdelen}
    return {
        lvl: frames[lvl][[*cols, "geometry"]].sort_values("code").reset_index(drop=True)
        for lvl, cols in keep.items()
    }


# -- measurements -----------------------------------------------------------------------

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


# -- budget lines (buurtbegroting) ------------------------------------------------------

BUDGET_YEARS = [2022, 2023, 2024]
BUDGET_FILE = "voorbeeldstad-begroting.csv"
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


def build(seed: int = SEED) -> DemoCity:
    """Generate the whole city; the same seed gives the same city, byte for byte."""
    rng = np.random.default_rng(seed)
    levels = build_geometry(rng)
    indicators = catalog.load_toml(CATALOG).by_id()
    measurements = build_measurements(levels["buurt"], indicators, rng)
    # Its own random stream: the measurements stay exactly as they were before budgets.
    budget = build_budget(levels, measurements, np.random.default_rng(seed + 1))
    return DemoCity(levels, measurements, budget)


def install(store: Store, seed: int = SEED, data_dir: Path | None = None) -> dict[str, int]:
    """Write Voorbeeldstad into the store: areas, aliases, catalogue, the measurements as
    one upload and the budget lines as a second one, of kind ``begroting``, through the
    budget pipeline (validated, original file kept under ``data_dir/uploads``, audited),
    so provenance and undo work on the demo as on real uploads."""
    from monitor.areas import write_areas
    from monitor.ingest import budget as budget_ingest

    city = build(seed)
    cat = catalog.load_toml(CATALOG)
    catalog.save(store, cat)
    for level in ("stadsdeel", "gebied", "wijk", "buurt"):
        write_areas(
            store,
            city.levels[level].to_crs("EPSG:4326"),
            level,
            division=DIVISION,
            gemeente=GEMEENTE,
            fictional=True,
        )
    division_id = store.division_id(DIVISION)
    # CBS-style codes beside the own codes, in a municipality number that does not exist.
    for i, code in enumerate(city.levels["buurt"]["code"]):
        store.add_alias(division_id, f"BU0999{i + 1:04d}", code, system="cbs")
    store.add_alias(division_id, "GM0999", "STAD", system="cbs")

    raw = budget_csv(city.budget)
    checked = budget_ingest.check(store, raw, BUDGET_FILE, division_id=division_id)
    if not checked.report.ok:  # a bug in the generator, never the user's fault
        raise RuntimeError("\n".join(checked.report.lines()[:10]))

    frame = measurement_rows(store, division_id, city)
    with store.begin() as conn:
        store.publish(
            frame,
            kind="demo",
            conn=conn,
            filename="voorbeeldstad (gegenereerd)",
            uploader="monitor demo",
            source="Voorbeeldstad, fictieve demogegevens",
            meta={"seed": seed, "fictief": True},
        )
        budget_ingest.publish(
            store,
            checked,
            uploader="monitor demo",
            source=BUDGET_SOURCE,
            meta={"seed": seed, "fictief": True},
            data_dir=data_dir,
            conn=conn,
            division_id=division_id,
        )
        if store.get_setting("active_division") is None:
            store.set_setting("active_division", DIVISION, conn)
    install_agenda(store, division_id)
    return {lvl: len(gdf) for lvl, gdf in city.levels.items()} | {
        "meetingen": len(frame),
        "begrotingsregels": len(checked.report.frame),
    }


# -- gebiedsagenda and verhalen -----------------------------------------------------------

DEMO_ACTOR = "monitor demo"
#: Goals per Oost buurt (by position among Oost's buurten in code order): text, indicator,
#: target (a number or "NAP"), year, and actions (text, owner, status, reason).
DEMO_GOALS: dict[int, list[tuple[str, str | None, str | None, int | None, list[tuple]]]] = {
    0: [
        (
            "Meer bewoners aan het werk",
            "werkloosheid_p",
            "6,5",
            2026,
            [
                (
                    "Banenmarkt in het buurthuis",
                    "Werkgeversservicepunt (fictief)",
                    "toegezegd",
                    None,
                ),
                (
                    "Taalcursus voor werkzoekenden",
                    "Bibliotheek Oost (fictief)",
                    "in uitvoering",
                    None,
                ),
            ],
        ),
        (
            "De buurt voelt veiliger",
            "onveilig_p",
            "NAP",
            2026,
            [
                (
                    "Extra straatverlichting langs de kade",
                    "Stadsdeel Oost, openbare ruimte",
                    "gerealiseerd",
                    None,
                ),
                (
                    "Buurtpreventieteam met bewoners",
                    "Politie, basisteam Oost (fictief)",
                    "in uitvoering",
                    None,
                ),
            ],
        ),
    ],
    4: [
        (
            "Minder jongeren verlaten school zonder diploma",
            "vsv_p",
            "NAP",
            2027,
            [
                (
                    "Huiswerkbegeleiding na schooltijd",
                    "Stichting Huiswerkklas (fictief)",
                    "toegezegd",
                    None,
                ),
                (
                    "Jongerenwerk op vrijdagavond",
                    "Jongerenwerk Oost (fictief)",
                    "niet mogelijk",
                    "Geen ruimte: het buurthuis is tot eind 2025 dicht voor verbouwing.",
                ),
            ],
        ),
    ],
    9: [
        (
            "Schonere straten",
            "schoon_r",
            "6,5",
            2026,
            [("Extra veegronde op zaterdag", "Stadsreiniging (fictief)", "gerealiseerd", None)],
        ),
        (
            "Een ontmoetingsplek voor ouderen",
            None,
            None,
            None,
            [("Zoeken naar een ruimte in de plint", "Welzijn Oost (fictief)", "toegezegd", None)],
        ),
    ],
}
#: Verhalen per Oost buurt: date, role, source, text (all made up).
DEMO_NOTES: dict[int, list[tuple[str, str, str, str]]] = {
    0: [
        (
            "2024-03-14",
            "bewoner",
            "bewonersavond",
            "Veel bewoners zeggen dat ze 's avonds om de kade heen lopen: het is er donker en er "
            "wordt gedeald. Ze willen meer licht en vaker een wijkagent.",
        ),
        (
            "2024-05-22",
            "wijkagent",
            "schouw",
            "Bij de schouw vielen drie kapotte lantaarns en een donkere onderdoorgang op. "
            "Gemeld bij de openbare ruimte.",
        ),
    ],
    4: [
        (
            "2023-11-08",
            "jongerenwerker",
            "interview",
            "Jongeren missen een plek voor de avond. Sinds het buurthuis dicht is, hangen ze "
            "rond bij het winkelcentrum; ondernemers klagen.",
        ),
        (
            "2024-02-01",
            "bewoner",
            "enquête",
            "Ouders zijn tevreden over de school, maar vinden het schooladvies vaak te laag "
            "voor hun kinderen.",
        ),
    ],
    9: [
        (
            "2024-04-10",
            "ondernemer",
            "spreekuur",
            "Op zaterdag ligt er na de markt veel afval; sinds de extra veegronde is het beter.",
        ),
        (
            "2024-06-19",
            "opbouwwerker",
            "buurtgesprek",
            "Oudere bewoners willen een vaste plek om elkaar te ontmoeten, dichtbij en "
            "gelijkvloers.",
        ),
    ],
}


def measurement_rows(store: Store, division_id: int, city: DemoCity) -> pd.DataFrame:
    """The demo's measurements as rows for ``Store.publish`` (area ids of the store); the
    same at install and when an undone demo upload is published again."""
    from monitor.areas import resolve_codes

    frame = city.measurements
    ids = resolve_codes(store, division_id, frame["code"].unique())
    frame = frame.assign(area_id=frame["code"].map(ids), source="Voorbeeldstad (fictief)")
    return frame.drop(columns="code")


def install_agenda(store: Store, division_id: int) -> dict[str, int]:
    """Fictional goals, actions (every status; one "niet mogelijk" with its reason) and
    verhalen in three Oost buurten, through the same checks as the app's forms."""
    from monitor import agenda

    buurten = store.areas_frame(division_id, "buurt")
    oost = sorted(buurten.loc[buurten["stadsdeel_code"] == "O", "code"])
    counts = {"doelen": 0, "acties": 0, "verhalen": 0}
    for position, items in DEMO_GOALS.items():
        for text, indicator, target, year, acts in items:
            goal_id = agenda.add_goal(
                store,
                division_id,
                code=oost[position],
                text=text,
                indicator=indicator,
                target=target,
                year=year,
                actor=DEMO_ACTOR,
            )
            counts["doelen"] += 1
            for act_text, owner, status, reason in acts:
                agenda.add_action(
                    store,
                    goal_id,
                    text=act_text,
                    owner=owner,
                    status=status,
                    reason=reason,
                    actor=DEMO_ACTOR,
                )
                counts["acties"] += 1
    for position, items in DEMO_NOTES.items():
        for when, role, source, text in items:
            agenda.add_note(
                store,
                division_id,
                code=oost[position],
                text=text,
                author_role=role,
                source_type=source,
                date=when,
                actor=DEMO_ACTOR,
            )
            counts["verhalen"] += 1
    return counts
