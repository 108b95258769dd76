"""Text cells to numbers, once per distinct cell.

A column of a million rows holds a few thousand distinct texts (years, indicators,
codes, measured values): every conversion here works on those and spreads the result
back over the rows. Meetingen, budget and agenda files share these rules
(``monitor.ingest.validate`` re-exports them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

#: Missing-value markers and what they mean.
MISSING = {"": "leeg", ".": "leeg", "?": "leeg", "-": "leeg", "x": "onderdrukt", "*": "onderdrukt"}


def per_value(cells: pd.Series, function: Callable[[pd.Series], Any]) -> Any:
    """``function`` of every cell, computed once per distinct cell: a column of a million
    rows holds a few thousand values (years, indicators, codes, measured values).
    ``function`` takes and returns a Series (or a tuple of them) aligned with its input."""
    return Distinct.of(cells).apply(function)


@dataclass(frozen=True)
class Distinct:
    """A column as its distinct cells (``values``) and, per row, which one (``keys``),
    for several steps on one column that each work on the distinct cells only (one
    factorisation of a million texts instead of one per step)."""

    keys: np.ndarray
    values: pd.Series  # positions 0..n-1
    index: pd.Index  # the column's own

    @classmethod
    def of(cls, cells: pd.Series) -> Distinct:
        keys, distinct = pd.factorize(cells, use_na_sentinel=False)
        return cls(keys, pd.Series(distinct, dtype=cells.dtype), cells.index)

    def apply(self, function: Callable[[pd.Series], Any]) -> Any:
        """``function`` of the distinct cells, spread over the rows (see :func:`per_value`)."""
        found = function(self.values)
        if isinstance(found, tuple):
            return tuple(_spread(part, self.keys, self.index) for part in found)
        return _spread(found, self.keys, self.index)

    def cells(self) -> pd.Series:
        """The column itself."""
        return _spread(self.values, self.keys, self.index)

    def mapped(self, function: Callable[[pd.Series], pd.Series]) -> Distinct:
        """The column with ``function`` applied to its cells (each distinct one once);
        cells that become equal share one key."""
        keys, distinct = pd.factorize(function(self.values), use_na_sentinel=False)
        return Distinct(keys[self.keys], pd.Series(distinct, dtype=self.values.dtype), self.index)

    def rows(self, keep: pd.Series) -> Distinct:
        """Only the rows where ``keep`` (aligned with the column) is true."""
        mask = keep.to_numpy(dtype=bool)
        return Distinct(self.keys[mask], self.values, self.index[mask])


def _spread(found: pd.Series, keys: np.ndarray, index: pd.Index) -> pd.Series:
    return found.take(keys).set_axis(index)  # ``take`` keeps the column's own array type


def parse_numbers(cells: pd.Series, comma_decimal: bool) -> tuple[pd.Series, pd.Series]:
    """Text → float. Returns (values, ok). Missing markers give NaN with ok=True.

    Accepts decimal commas, thousands separators (``1.250,5``, ``1 250``), and a unit
    sign stuck to the number (``8,4%``, ``€ 1.250``).
    """
    return per_value(cells.astype(str), lambda c: _parse_numbers(c, comma_decimal))


def _parse_numbers(cells: pd.Series, comma_decimal: bool) -> tuple[pd.Series, pd.Series]:
    text = cells.astype(str).str.strip()
    missing = text.str.lower().isin(MISSING)
    # Fast path for plain numbers ("8,4" or "8.4"); everything else is cleaned below.
    if comma_decimal:
        plain = ~text.str.contains(".", regex=False)
        simple = text.str.replace(",", ".", regex=False)
    else:
        plain = ~text.str.contains(",", regex=False)
        simple = text
    values = pd.to_numeric(simple.where(plain & ~missing), errors="coerce")
    rest = ~missing & values.isna()
    if rest.any():
        cleaned = (
            text[rest]
            .str.replace(r"^€\s*|\s*%$", "", regex=True)
            .str.replace(r"(?<=\d)[\s\u00a0](?=\d{3})", "", regex=True)
        )
        if comma_decimal:
            cleaned = cleaned.str.replace(r"\.(?=\d{3}(?!\d))", "", regex=True)
            cleaned = cleaned.str.replace(",", ".", regex=False)
        else:
            cleaned = cleaned.str.replace(",", "", regex=False)
        values[rest] = pd.to_numeric(cleaned, errors="coerce")
    values = values.mask(values.abs() == float("inf"))  # "inf", "1e999": not a measurement
    ok = missing | values.notna()
    return values.astype("float64"), ok


def uses_comma_decimals(cells: pd.Series) -> bool:
    """A file uses decimal commas when any value has a comma followed by 1–2 or 4+ digits,
    or comma-last notation like ``1.250,5``; then dots are thousands separators."""
    sample = pd.Series(cells.astype(str).unique(), dtype="str")
    return bool(
        sample.str.contains(r"\d,\d{1,2}$|\d,\d{4,}$|\.\d{3},\d", regex=True).any()
        or (
            sample.str.contains(",", regex=False).any()
            and not sample.str.contains(".", regex=False).any()
        )
    )
