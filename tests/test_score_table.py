"""Every score of a level at once (``monitor.scoring.table``): the same classes and
sentences as the pages, and hand-classified on real BBGA data."""

from __future__ import annotations

import statistics
from pathlib import Path

import pandas as pd
import pytest

from monitor import demo
from monitor.scoring.read import Scores
from monitor.scoring.table import TABLE_COLUMNS, score_table
from monitor.store import Store
from tests.test_bbga import GEBIEDEN, PREGWERKL_2018, load_amsterdam


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('table') / 't.sqlite'}")
    store.upgrade()
    demo.install(store)
    return store


@pytest.mark.parametrize("level", ["buurt", "wijk", "stadsdeel"])
def test_table_says_what_every_page_says(demo_store: Store, level: str) -> None:
    division_id = demo_store.division_id()
    table = score_table(demo_store, division_id, level)
    assert list(table.columns) == TABLE_COLUMNS
    assert not table.empty
    reader = Scores(demo_store, division_id)
    for (indicator, period), part in table.groupby(["indicator", "periode"]):
        page = reader.frame(indicator, int(period), level)
        assert part["code"].tolist() == page["code"].tolist()
        assert part["klasse"].tolist() == page["klasse"].tolist()
        assert part["reden"].tolist() == page["reden"].tolist()
        pd.testing.assert_series_equal(
            part["waarde"].reset_index(drop=True),
            page["value"].reset_index(drop=True),
            check_names=False,
        )


def test_table_filters_by_indicator_and_period(demo_store: Store) -> None:
    division_id = demo_store.division_id()
    table = score_table(
        demo_store, division_id, "buurt", indicator_ids=["werkloosheid_p"], periods=[2024]
    )
    assert set(table["indicator"]) == {"werkloosheid_p"}
    assert set(table["periode"]) == {2024}
    assert len(table) == len(demo_store.areas_frame(division_id, "buurt"))


@pytest.mark.shared
def test_bbga_table_hand_classified(tmp_path: Path, shared_data: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bbga.sqlite'}"
    load_amsterdam(url)
    store = Store(url)
    table = score_table(store, store.division_id(), "gebied")
    # Every coloured indicator with a score is in it, each with every gebied.
    assert table["indicator"].nunique() > 300
    counts = table.groupby(["indicator", "periode"]).size()
    assert counts.nunique() == 1
    # PREGWERKL_P 2018 by hand: NAP = STAD 11.0, spread = population sd, lower is better.
    spread = statistics.pstdev(PREGWERKL_2018)
    part = table[(table["indicator"] == "PREGWERKL_P") & (table["periode"] == 2018)]
    by_code = part.set_index("code")
    for code, value in zip(GEBIEDEN, PREGWERKL_2018, strict=True):
        z = (value - 11.0) / spread
        expected = "rond" if abs(z) < 0.5 else ("beter" if z < 0 else "slechter")
        assert by_code.loc[code, "klasse"] == expected, code
        assert by_code.loc[code, "waarde"] == value
        assert by_code.loc[code, "nap"] == 11.0
    assert by_code.loc["Dxxx", "klasse"] == "geen_gegevens"
    store.engine.dispose()
