"""What Voorbeeldstad is: its name, seed, years, stadsdelen, and where its files live.

Nothing here is real. The city lies in the North Sea, off the Dutch coast, so no
basemap can mistake it for a real place. It has four stadsdelen, eight gebieden,
about twenty wijken and 90 buurten; stadsdeel Oost has exactly 31 buurten, like the
Amsterdam stadsdeel whose buurtbegroting this project follows.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from monitor.config import PROJECT_ROOT

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


@dataclass
class DemoCity:
    """The generated city: one GeoDataFrame per level (RD New) and the measurements."""

    levels: dict[str, gpd.GeoDataFrame]
    measurements: pd.DataFrame  # code, indicator_id, period, value, n, flag
    #: Budget lines in the columns of a budget CSV (see :func:`build_budget`).
    budget: pd.DataFrame | None = None
    #: Meldingen as points (see :func:`monitor.demo.meldingen.build_meldingen`).
    meldingen: pd.DataFrame | None = None
    #: Voorzieningen as points (see :func:`monitor.demo.voorzieningen.build_voorzieningen`).
    voorzieningen: pd.DataFrame | None = None


#: Who the demo's uploads, goals and verhalen are by.
DEMO_ACTOR = "monitor demo"
#: The source named on the demo's measurement upload.
SOURCE = "Voorbeeldstad, fictieve demogegevens"
#: The demo's files, relative to the project root: generated deterministically
#: (``monitor demo --regenereer``), checked in, and loaded by ``monitor demo`` through the
#: importers that real data take. Area files per level, parents before children.
AREA_FILES = {
    "stadsdeel": "geometries/voorbeeldstad-stadsdelen.geojson",
    "gebied": "geometries/voorbeeldstad-gebieden.geojson",
    "wijk": "geometries/voorbeeldstad-wijken.geojson",
    "buurt": "geometries/voorbeeldstad-buurten.geojson",
}
#: The fields of the area files: code, name, and the codes of the parent levels.
CODE_FIELD, NAME_FIELD = "code", "naam"
PARENT_FIELDS = {"wijk": "wijkcode", "gebied": "gebiedscode", "stadsdeel": "stadsdeelcode"}
ALIASES_FILE = "data/voorbeeldstad-aliassen.csv"
MEETINGEN_FILE = "data/voorbeeldstad-meetingen.csv"
BUDGET_FILE = "data/voorbeeldstad-begroting.csv"
AGENDA_FILE = "data/voorbeeldstad-agenda.csv"
NOTES_FILE = "data/voorbeeldstad-verhalen.csv"
FILES_ROOT = PROJECT_ROOT
