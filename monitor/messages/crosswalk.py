"""Texts of the crosswalk between divisions (``monitor.crosswalk``, ``monitor omrekenen``)
and of the BBGA API connector (``monitor import bbga-api``). Same shape as the
catalogue: key → {nl, en}.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- crosswalk ----------------------------------------------------------------------
    "crosswalk.no_areas": {
        "nl": "Een van beide gebiedsindelingen heeft op dit niveau geen gebieden met grenzen.",
        "en": "One of the two divisions has no areas with boundaries at this level.",
    },
    "crosswalk.no_overlap": {
        "nl": "De twee gebiedsindelingen overlappen niet; omrekenen kan niet.",
        "en": "The two divisions do not overlap; nothing can be recomputed.",
    },
    "crosswalk.unknown_indicator": {
        "nl": "Onbekende indicator(en): {ids}.",
        "en": "Unknown indicator(s): {ids}.",
    },
    "crosswalk.nothing": {
        "nl": "Er zijn geen waarden op {level}niveau in {van} om om te rekenen.",
        "en": "There are no {level} values in {van} to recompute.",
    },
    "crosswalk.refused": {
        "nl": "De omgerekende waarden zijn geweigerd ({errors} fouten): {lines}",
        "en": "The recomputed values were refused ({errors} errors): {lines}",
    },
    "crosswalk.count": {
        "nl": "aantal, naar oppervlakte verdeeld",
        "en": "count, shared out by area",
    },
    "crosswalk.by_area": {
        "nl": "gemiddelde, gewogen naar oppervlakte",
        "en": "mean, weighted by area",
    },
    "crosswalk.by_weight": {
        "nl": "gemiddelde, gewogen naar {weight}",
        "en": "mean, weighted by {weight}",
    },
    "crosswalk.trend_marker": {
        "nl": "omgerekend naar deze gebiedsindeling",
        "en": "recomputed onto this division",
    },
    "crosswalk.trend_note": {
        "nl": "Omgerekend vanuit een oudere gebiedsindeling: {periods}.",
        "en": "Recomputed from an older division: {periods}.",
    },
    "profiel.source_recomputed": {
        "nl": "upload {id}: {method}, {date}",
        "en": "upload {id}: recomputed from an older division ({method}), {date}",
    },
    "cli.crosswalk.done": {
        "nl": "Omgerekend van {van} naar {naar}: {values} waarden als upload {upload} "
        "({pieces} stukken).",
        "en": "Recomputed from {van} onto {naar}: {values} values as upload {upload} "
        "({pieces} pieces).",
    },
    "cli.crosswalk.indicator": {
        "nl": "  {indicator}: {periods} ({method})",
        "en": "  {indicator}: {periods} ({method})",
    },
    "cli.crosswalk.measured": {
        "nl": "  {indicator}: niet omgerekend, {naar} heeft eigen waarden voor {periods}",
        "en": "  {indicator}: not recomputed, {naar} has its own values for {periods}",
    },
    "cli.crosswalk.incomplete": {
        "nl": "  {indicator} {period}: leeg gelaten in {codes}: niet elk oud stuk had een "
        "waarde, dus de som zou te laag zijn (onvolledig)",
        "en": "  {indicator} {period}: left empty in {codes}: not every old piece had a "
        "value, so the sum would be too low (incomplete)",
    },
    "cli.crosswalk.uncovered": {
        "nl": "Let op: {n} gebieden liggen deels buiten {naar}, hun aantallen tellen niet "
        "helemaal mee: {codes}",
        "en": "Note: {n} areas lie partly outside {naar}, their counts are not fully "
        "carried over: {codes}",
    },
    # -- BBGA API -----------------------------------------------------------------------
    "opendata.bbga_not_hal": {
        "nl": "{url} gaf geen DSO-antwoord (HAL-JSON met _embedded) terug.",
        "en": "{url} did not return a DSO answer (HAL JSON with _embedded).",
    },
    "opendata.bbga_empty": {
        "nl": "De BBGA-API gaf geen kerncijfers voor {names}.",
        "en": "The BBGA API gave no kerncijfers for {names}.",
    },
}
