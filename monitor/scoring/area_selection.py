"""The areas a score frame lists, chosen once per division's areas frame.

A score frame (:mod:`monitor.scoring.frames`) lists the areas of one level (of one
gemeente, for a map of it) in code order, each with the code of its reference area and
the name pages show for it. Chosen from a national division's 17,000 areas that was
most of a map switch's time, the same for every indicator and year. The division's areas
frame is read once per areas stamp and shared, read only
(:func:`monitor.scoring.read.division_areas`), so a choice is kept per frame object: the
frame is held beside it, so the same object can never be another frame.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from monitor.lru import LRU
from monitor.messages import NEDERLAND
from monitor.scoring.reference_areas import NATIONAL, reference_codes
from monitor.store import LEVELS

#: Choices kept (a few levels × gemeenten × reference levels of a few divisions).
KEPT = 256


@dataclass(frozen=True)
class Selection:
    """The areas of a frame, in code order: ids, codes, names, the reference area's
    code and the name of the area each is compared with (None: the division's gemeente).
    Shared: read only."""

    ids: np.ndarray
    codes: np.ndarray
    names: np.ndarray
    ref_codes: np.ndarray
    referentie: np.ndarray


_kept: LRU[tuple[pd.DataFrame, Selection]] = LRU(KEPT)


def select(
    areas: pd.DataFrame,
    level: str,
    reference_level: str,
    codes: list[str] | None = None,
    gemeente: str | None = None,
) -> Selection:
    """The areas of ``level`` (only ``codes``, only those of ``gemeente``) in code order;
    kept per frame unless ``codes`` are given (a handful, chosen per request)."""
    if codes is not None:
        return _select(areas, level, reference_level, codes, gemeente)
    key = (id(areas), level, reference_level, gemeente)
    held = _kept.get(key)
    if held is not None and held[0] is areas:
        return held[1]
    found = _select(areas, level, reference_level, None, gemeente)
    return _kept.put(key, (areas, found))[1]


def _select(
    areas: pd.DataFrame,
    level: str,
    reference_level: str,
    codes: list[str] | None,
    gemeente: str | None,
) -> Selection:
    # One selection, sorted after it: a gemeente's 43 buurten, not a country's 14,000.
    chosen = (areas["level"] == level).to_numpy(dtype=bool, na_value=False)
    if codes is not None:
        chosen = chosen & areas["code"].isin(codes).to_numpy(dtype=bool, na_value=False)
    if gemeente is not None:  # one gemeente's areas, as a map of it reads them
        own = areas["code"] if level == "gemeente" else areas["gemeente_code"]
        chosen = chosen & (own == gemeente).to_numpy(dtype=bool, na_value=False)
    level_areas = areas[chosen].sort_values("code")
    return Selection(
        ids=level_areas["id"].to_numpy(dtype="int64"),
        codes=level_areas["code"].to_numpy(dtype=object),
        names=level_areas["name"].to_numpy(dtype=object),
        ref_codes=reference_codes(level_areas, level, reference_level),
        referentie=_reference_area_names(areas, level_areas, level, reference_level),
    )


def _gemeente_names(areas: pd.DataFrame, level_areas: pd.DataFrame, level: str) -> np.ndarray:
    """Per area the name of its gemeente when the division holds several gemeenten; None
    otherwise, so that one gemeente keeps being named by ``attrs["gemeente"]``."""
    gemeenten = areas[areas["level"] == "gemeente"]
    if len(gemeenten) <= 1:
        return np.full(len(level_areas), None, dtype=object)
    names = dict(zip(gemeenten["code"], gemeenten["name"], strict=True))
    codes = reference_codes(level_areas, level, "gemeente")
    return np.array([names.get(c) for c in codes], dtype=object)


def _reference_area_names(
    areas: pd.DataFrame, level_areas: pd.DataFrame, level: str, reference_level: str
) -> np.ndarray:
    """Per area the name of the area it is compared with: with a reference level below
    the gemeente (stadsdeel, gebied, wijk) that ancestor's name, for the areas below
    that level; against the country (:data:`NATIONAL`) *Nederland*; otherwise
    :func:`_gemeente_names`."""
    if reference_level == NATIONAL:
        return np.full(len(level_areas), NEDERLAND, dtype=object)
    if reference_level == "gemeente" or LEVELS.index(level) >= LEVELS.index(reference_level):
        return _gemeente_names(areas, level_areas, level)
    names = dict(zip(areas["code"], areas["name"], strict=True))
    codes = reference_codes(level_areas, level, reference_level)
    return np.array([names.get(c) for c in codes], dtype=object)
