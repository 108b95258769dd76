"""Which area each area is compared with: its reference area, the ancestor at the
reference level (default the gemeente), or the country (:data:`NATIONAL`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from monitor.scoring.encode import Encoded
from monitor.store import LEVELS, PARENT_COLUMNS

#: The reference level above every gemeente: the country (the national view).
NATIONAL = "nederland"
#: The code of the country's groups (CBS's code of the *Nederland* row).
NATIONAL_CODE = "NL00"
#: ``nap_source`` of a NAP that is the country's own published value.
NATIONAL_SOURCE = "landelijke waarde"


def reference_codes(areas: pd.DataFrame, level: str, reference_level: str) -> np.ndarray:
    """The reference area's code of each area (a frame of one level); the same rule as
    :func:`reference_areas`, for readers that have codes rather than indexes."""
    if reference_level == NATIONAL:
        return np.full(len(areas), NATIONAL_CODE, dtype=object)
    if LEVELS.index(level) < LEVELS.index(reference_level):
        column = PARENT_COLUMNS[reference_level]
    elif level != "gemeente":
        column = PARENT_COLUMNS["gemeente"]
    else:
        column = "code"
    return areas[column].fillna("").astype(object).to_numpy()


def reference_areas(
    enc: Encoded, areas: np.ndarray, level: str, reference_level: str
) -> np.ndarray:
    """The reference area (index) of each area: its ancestor at the reference level.
    Areas at or above that level compare within their gemeente; a gemeente with itself.
    Against the country (:data:`NATIONAL`) every area is in one group (−1: no area)."""
    if reference_level == NATIONAL:
        return np.full(areas.size, -1, dtype="int64")
    if LEVELS.index(level) < LEVELS.index(reference_level):
        return enc.parents[reference_level][areas]
    if level != "gemeente":
        return enc.parents["gemeente"][areas]
    return areas
