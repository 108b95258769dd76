"""Each point's buurt (``monitor.points.assign``): inside, on a buurt's outer edge, on
the border two buurten share (the lowest code), on a corner of three, and in none; in
the four boxes of ``tests.test_points_periods`` (B0 … B3, 0.01° wide side by side)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from monitor.points import assign
from monitor.store import Store
from tests.test_points_periods import _city


def _edge(k: int) -> float:
    """The western edge of box ``k`` as the boxes compute it."""
    return 4.0 + k * 0.01


def test_points_on_borders_go_to_the_lowest_code(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'a.sqlite'}")
    _city(store)
    division = store.division_id()
    ids = store.areas_frame(division, "buurt").set_index("code")["id"]
    points = [
        (52.005, 4.035, "B3"),  # inside
        (52.005, _edge(0), "B0"),  # on B0's outer (western) edge
        (52.005, _edge(1), "B0"),  # on the border of B0 and B1
        (52.0, _edge(2), "B1"),  # on the corner of B1 and B2, on the southern edge
        (52.01, 4.025, "B2"),  # on B2's northern edge
        (52.005, _edge(4), "B3"),  # on B3's outer (eastern) edge
        (52.02, 4.005, None),  # north of every buurt
        (52.005, 4.041, None),  # east of every buurt
    ]
    frame = pd.DataFrame(
        {"lat": [p[0] for p in points], "lon": [p[1] for p in points]}, index=range(10, 18)
    )
    found = assign(store, division, frame)
    assert list(found.index) == list(range(10, 18))
    expected = [float(ids[code]) if code else np.nan for _, _, code in points]
    assert found.tolist()[:6] == expected[:6]
    assert found.iloc[6:].isna().all()
