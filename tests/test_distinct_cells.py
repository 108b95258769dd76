"""Validation works on a column's distinct cells (``numbers.Distinct``) and finds repeated
keys with one hash pass (``validate._repeated``): property tests against the plain pandas
steps they replace, on small columns with many repeats, missing cells and stray spaces."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from monitor.ingest.numbers import Distinct
from monitor.ingest.validate import _repeated

cells = st.lists(st.sampled_from(["a", "A", " a", "b", "b ", "", "x1", "X1"]), max_size=40)


@given(cells, st.lists(st.booleans(), max_size=40))
def test_distinct_steps_equal_the_same_steps_on_every_cell(
    values: list[str], keep: list[bool]
) -> None:
    column = pd.Series(values, dtype="str", index=np.arange(len(values)) * 3)  # not 0..n-1
    distinct = Distinct.of(column)
    pd.testing.assert_series_equal(distinct.cells(), column)
    upper = distinct.apply(lambda v: v.str.upper())
    pd.testing.assert_series_equal(upper, column.str.upper())
    stripped = distinct.mapped(lambda v: v.str.strip().str.lower())
    expected = column.str.strip().str.lower()
    pd.testing.assert_series_equal(stripped.cells(), expected)
    # Cells made equal share a key; keys group exactly as the values do.
    assert (pd.factorize(expected)[0] == pd.factorize(stripped.keys)[0]).all()
    mask = pd.Series((keep + [True] * len(values))[: len(values)], index=column.index)
    kept = stripped.rows(mask)
    pd.testing.assert_series_equal(kept.cells(), expected[mask])


@given(st.lists(st.tuples(st.integers(-3, 3), st.integers(0, 2), st.integers(-1, 2)), max_size=40))
def test_repeated_keys_equal_dataframe_duplicated(rows: list[tuple[int, int, int]]) -> None:
    keys = pd.DataFrame(rows, columns=["area_key", "indicator_key", "period_key"], dtype="int64")
    keys.index = keys.index * 2 + 1
    pd.testing.assert_series_equal(
        _repeated(keys), keys.duplicated(keep="first"), check_names=False
    )
