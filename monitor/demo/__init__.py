"""Voorbeeldstad: the project's own fictional demo city.

Nothing here is real. The city lies in the North Sea, off the Dutch coast, so no
basemap can mistake it for a real place. It has four stadsdelen, eight gebieden,
about twenty wijken and 90 buurten; stadsdeel Oost has exactly 31 buurten, like the
Amsterdam stadsdeel whose buurtbegroting this project follows. The 18 indicators of
``indicators/voorbeeldstad.toml`` get eight years of values with trends, survey
indicators every other year with a number of respondents, and some gaps.

The city is generated deterministically (:mod:`monitor.demo.generate`: areas in
``geometry``, measurements in ``meetingen``, budget lines in ``budget``, meldingen as
points in ``meldingen``, voorzieningen as points in ``voorzieningen``, goals and verhalen
in ``agenda``) into files that are checked
in: area files in ``geometries/``, meetingen, meldingen, voorzieningen, begroting, agenda,
verhalen and aliases in ``data/``. ``monitor demo``
loads those files through the same importers as real data (:mod:`monitor.demo.install`).
"""

from __future__ import annotations

from monitor.demo.agenda import DEMO_GOALS, DEMO_NOTES, agenda_csv, notes_csv
from monitor.demo.budget import BUDGET_SOURCE, BUDGET_YEARS, budget_csv, build_budget
from monitor.demo.city import (
    AREA_FILES,
    BUDGET_FILE,
    CATALOG,
    DEMO_ACTOR,
    DIVISION,
    GEMEENTE,
    MEETINGEN_FILE,
    SEED,
    SURVEY_YEARS,
    YEARS,
    DemoCity,
)
from monitor.demo.generate import build, files, write_files
from monitor.demo.geometry import build_geometry
from monitor.demo.install import install, measurement_rows
from monitor.demo.meetingen import build_measurements, meetingen_csv
from monitor.demo.meldingen import MELDINGEN_FILE, build_meldingen
from monitor.demo.meldingen import planted as meldingen_planted

__all__ = [
    "AREA_FILES",
    "BUDGET_FILE",
    "BUDGET_SOURCE",
    "BUDGET_YEARS",
    "CATALOG",
    "DEMO_ACTOR",
    "DEMO_GOALS",
    "DEMO_NOTES",
    "DIVISION",
    "GEMEENTE",
    "MEETINGEN_FILE",
    "MELDINGEN_FILE",
    "SEED",
    "SURVEY_YEARS",
    "YEARS",
    "DemoCity",
    "agenda_csv",
    "budget_csv",
    "build",
    "build_budget",
    "build_geometry",
    "build_measurements",
    "build_meldingen",
    "files",
    "install",
    "measurement_rows",
    "meetingen_csv",
    "meldingen_planted",
    "notes_csv",
    "write_files",
]
