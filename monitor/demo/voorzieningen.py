"""The voorzieningen of Voorbeeldstad: fictional schools, huisartsen, playgrounds,
sports fields and libraries as points, in the format the points import takes for
voorzieningen (``categorie;naam;adres;lat;lon``).

Each category has its own number, spread over as many different buurten drawn at random
(at most one of a category per buurt), each at least :data:`MARGIN` metres inside its
buurt. Names and streets are
made up from small word lists, so no real place is meant.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from monitor.demo.city import RD_NEW
from monitor.demo.meldingen import MARGIN, _inside

VOORZIENINGEN_FILE = "data/voorbeeldstad-voorzieningen.csv"
#: Category → (number in the city, how its names start).
CATEGORIES: dict[str, tuple[int, str]] = {
    "basisschool": (24, "Basisschool"),
    "bibliotheek": (5, "Bibliotheek"),
    "huisarts": (18, "Huisartsenpraktijk"),
    "speeltuin": (30, "Speeltuin"),
    "sportveld": (10, "Sportpark"),
}
NAMES = (
    "De Linde",
    "Het Baken",
    "De Regenboog",
    "Zeezicht",
    "De Duinroos",
    "Het Anker",
    "De Kompasroos",
    "Golfslag",
    "De Vuurtoren",
    "Meeuwenhof",
    "De Branding",
    "Schelpenhoek",
)
STREETS = (
    "Zeewierstraat",
    "Duinweg",
    "Strandlaan",
    "Meeuwenplein",
    "Golfbreker",
    "Helmgrasstraat",
    "Zandplaat",
    "Vloedlijn",
    "Wierdijk",
    "Kustkade",
)


def build_voorzieningen(buurten: gpd.GeoDataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Every voorziening: code (for checks only), categorie, naam, adres, lat, lon."""
    buurten = buurten.sort_values("code").reset_index(drop=True)
    inner = buurten.geometry.buffer(-MARGIN)
    rows = []
    for category, (number, start) in CATEGORIES.items():
        chosen = rng.choice(len(buurten), size=number, replace=False)
        names = rng.permutation(len(NAMES))
        for i, b in enumerate(chosen):
            (x, y) = _inside(inner.iloc[b], 1, rng)[0]
            suffix = "" if i < len(NAMES) else f" {i // len(NAMES) + 1}"
            name = f"{start} {NAMES[names[i % len(NAMES)]]}{suffix}"
            street = STREETS[int(rng.integers(len(STREETS)))]
            address = f"{street} {int(rng.integers(1, 120))}"
            rows.append((buurten["code"].iloc[b], category, name, address, x, y))
    frame = pd.DataFrame(rows, columns=["code", "categorie", "naam", "adres", "x", "y"])
    points = gpd.GeoSeries(shapely.points(frame["x"], frame["y"]), crs=RD_NEW).to_crs(4326)
    frame["lat"] = points.y.round(5)
    frame["lon"] = points.x.round(5)
    frame = frame.sort_values(["categorie", "naam"], kind="stable")
    return frame.drop(columns=["x", "y"]).reset_index(drop=True)


def voorzieningen_csv(voorzieningen: pd.DataFrame) -> bytes:
    """The file as checked in: ``categorie;naam;adres;lat;lon``, UTF-8, LF."""
    lines = ["categorie;naam;adres;lat;lon"]
    lines += [
        f"{c};{n};{a};{lat:.5f};{lon:.5f}"
        for c, n, a, lat, lon in zip(
            voorzieningen["categorie"],
            voorzieningen["naam"],
            voorzieningen["adres"],
            voorzieningen["lat"],
            voorzieningen["lon"],
            strict=True,
        )
    ]
    return ("\n".join(lines) + "\n").encode()
