"""The reference choice: what a class compares with, and its name in words.

A user chooses one of :data:`CHOICES` ("Vergelijk met"): the gemeente (NAP, the
default), an ancestor level (stadsdeel, gebied, wijk: the area's own stadsdeel …),
similar areas (``vergelijkbaar``, :mod:`monitor.scoring.similar_nap`) or a base year.
:func:`choice_options` turns the choice into scoring :class:`Options`; the frame a
:class:`monitor.scoring.Scorer` returns remembers it (``attrs["referentie"]``), and
:func:`average_names` names, per row, the average the class compares with, so that every
page, export and CLI table says "beter dan het gemiddelde van stadsdeel Oost".
"""

from __future__ import annotations

import pandas as pd

from monitor.errors import MonitorError
from monitor.messages import average_name, t
from monitor.scoring import national
from monitor.scoring.compute import Options
from monitor.scoring.frames import reference_names
from monitor.scoring.reference_areas import NATIONAL
from monitor.scoring.similar_nap import SOURCE as SIMILAR
from monitor.store import LEVELS

#: The choices, in the order a page offers them.
CHOICES = ("gemeente", "stadsdeel", "gebied", "wijk", "vergelijkbaar", "basisjaar")
#: Also understood (CLI, API), not offered by pages: the country, at gemeente level
#: (:mod:`monitor.scoring.national`).
NATIONAL_CHOICE = "nederland"
#: Choices that compare with an ancestor area.
AREA_CHOICES = ("stadsdeel", "gebied", "wijk")
DEFAULT = "gemeente"


def check(referentie: str) -> str:
    if referentie not in CHOICES and not national.is_national(referentie):
        raise MonitorError(t("ref.err.choice", referentie=referentie, choices=", ".join(CHOICES)))
    return referentie


def choice_options(referentie: str, level: str, base_year: int | None = None) -> Options:
    """Scoring options for a choice at ``level``. An ancestor level that is not above
    ``level`` falls back to the gemeente (a stadsdeel is not compared with itself)."""
    check(referentie)
    if national.is_national(referentie):
        return national.options()
    if referentie == "basisjaar":
        return Options(reference="basisjaar", base_year=base_year)
    if referentie == "vergelijkbaar":
        return Options(reference="vergelijkbaar")
    if referentie in AREA_CHOICES and _below(level, referentie):
        return Options(reference_level=referentie)
    return Options()


def choice_of(options: Options) -> str:
    """The choice a set of options stands for (the inverse of :func:`choice_options`)."""
    if options.reference in ("basisjaar", "vergelijkbaar"):
        return options.reference
    if options.reference_level == NATIONAL:
        return NATIONAL_CHOICE
    return options.reference_level if options.reference_level in AREA_CHOICES else DEFAULT


def _below(level: str, ancestor: str) -> bool:
    return level in LEVELS and LEVELS.index(level) < LEVELS.index(ancestor)


def available(levels_present: set[str] | list[str], level: str, gemeenten: int = 1) -> list[str]:
    """The choices that make sense at ``level``: the gemeente, every ancestor level above
    ``level`` that the division has, similar areas and a base year; at gemeente level in
    a store of several ``gemeenten`` also the country (the national view)."""
    present = set(levels_present)
    areas = [c for c in AREA_CHOICES if c in present and _below(level, c)]
    country = [NATIONAL_CHOICE] if level == "gemeente" and gemeenten > 1 else []
    return [DEFAULT, *reversed(areas), "vergelijkbaar", "basisjaar", *country]


def average_names(frame: pd.DataFrame, lang: str = "nl") -> list[str]:
    """Per row the average its class compares with, in words ("gemiddelde van stadsdeel
    Oost", "gemiddelde van 5 vergelijkbare buurten", "Amsterdams gemiddelde in 2015
    (basisjaar)"), for :func:`monitor.messages.class_label`'s ``gemiddelde``."""
    kind = frame.attrs.get("referentie", DEFAULT)
    level = str(frame.attrs.get("level", "buurt"))
    gemeenten = reference_names(frame)
    sources = frame["nap_source"].tolist() if "nap_source" in frame else [""] * len(frame)
    named = frame["referentie"].tolist() if "referentie" in frame else [None] * len(frame)
    out = []
    for gemeente, source, name in zip(gemeenten, sources, named, strict=True):
        out.append(_one(kind, level, gemeente, str(source or ""), name, lang))
    return out


def _one(kind: str, level: str, gemeente: str | None, source: str, name, lang: str) -> str:
    if kind == "vergelijkbaar":
        areas = t(f"coverage.areas.{level}", lang)
        parts = source.split()
        if len(parts) >= 2 and parts[0] == SIMILAR and parts[-1].isdigit():
            key = "average.similar_weighted" if "gewogen" in parts else "average.similar"
            return t(key, lang, n=int(parts[-1]), areas=areas)
        return t("average.similar_any", lang, areas=areas)
    if kind == "basisjaar" and source.startswith("basisjaar"):
        year = source.removeprefix("basisjaar").strip()
        return t("average.base_year", lang, gemiddelde=average_name(gemeente, lang), year=year)
    if kind in AREA_CHOICES and isinstance(name, str) and name and _below(level, kind):
        return t("average.area", lang, level=t(f"ref.level.{kind}", lang), name=name)
    return average_name(gemeente, lang)


def frame_average(frame: pd.DataFrame, lang: str = "nl") -> str:
    """One name for the whole frame (a legend's title, a sentence above a chart): the
    rows' common average, else "het gemiddelde van het eigen stadsdeel" or the similar
    areas in general."""
    names = [n for n in dict.fromkeys(average_names(frame, lang)) if n]
    if len(names) == 1:
        return names[0]
    kind = frame.attrs.get("referentie", DEFAULT)
    level = str(frame.attrs.get("level", "buurt"))
    if kind in AREA_CHOICES:
        return t(f"average.area.own.{kind}", lang)
    if kind == "vergelijkbaar":
        return t("average.similar_any", lang, areas=t(f"coverage.areas.{level}", lang))
    return names[0] if names else average_name(frame.attrs.get("gemeente"), lang)


def compared_line(frame: pd.DataFrame, lang: str = "nl", k: int = 5) -> str:
    """The sentence above a map or chart: what every class here compares with."""
    if frame.attrs.get("referentie") == "vergelijkbaar":
        level = str(frame.attrs.get("level", "buurt"))
        return t("ref.compared_similar", lang, k=k, areas=t(f"coverage.areas.{level}", lang))
    return t("ref.compared", lang, gemiddelde=frame_average(frame, lang))
