"""Vergelijken (monitor/sidebyside.py): areas side by side from the stored scores, the
difference in words, sorting, filtering and the export."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from monitor import demo, sidebyside
from monitor.blocks import table_csv, table_xlsx
from monitor.catalog import Indicator
from monitor.errors import MonitorError
from monitor.scoring import Scorer
from monitor.store import Store


def indicator(polarity: str, unit: str = "%", decimals: int = 1) -> Indicator:
    return Indicator(
        id="x",
        label_nl="X",
        domain="werk_inkomen",
        unit=unit,
        polarity=polarity,
        decimals=decimals,
    )


def test_parse_codes() -> None:
    assert sidebyside.parse_codes(" N01a, n01A,,O01a ,") == ["N01a", "O01a"]
    assert sidebyside.parse_codes(None) == []


def test_difference_in_words() -> None:
    lower = indicator("lager-beter")
    # 3,5% against 5,8%: lower is better, 2,3 procentpunt apart.
    assert (
        sidebyside.difference_words(lower, [("Pareldorp", 3.5), ("Beukendorp", 5.8)])
        == "Pareldorp scoort beter dan Beukendorp (2,3 procentpunt verschil)"
    )
    higher = indicator("hoger-beter", unit="€", decimals=0)
    assert (
        sidebyside.difference_words(higher, [("A", 30000), ("B", 36845.4), ("C", 31000)])
        == "B scoort het best, A het slechtst (€ 6.845 verschil)"
    )
    neutral = indicator("neutraal")
    assert sidebyside.difference_words(neutral, [("A", 18.3), ("B", 21.4)], "en") == (
        "B has a higher value than A (3.1 percentage points apart)"
    )
    # Equal at one decimal; a missing value is named.
    assert sidebyside.difference_words(lower, [("A", 3.51), ("B", 3.54)]) == "Gelijk"
    assert sidebyside.difference_words(lower, [("A", 3.5), ("B", np.nan), ("C", 4.0)]) == (
        "A scoort beter dan C (0,5 procentpunt verschil) (geen gegevens: B)"
    )
    assert sidebyside.difference_words(lower, [("A", 3.5), ("B", None)]) == (
        "Niet te vergelijken: te weinig gegevens (geen gegevens: B)"
    )


ROWS = pd.DataFrame(
    {
        "indicator_id": ["a", "b", "c"],
        "label": ["Bijstand", "Armoede", "Criminaliteit"],
        "group_title": ["Werk", "Werk", "Veiligheid"],
        "order": [0, 1, 2],
        "value_0": [5.0, np.nan, 1.0],
        "klasse_0": ["slechter", "geen_gegevens", "beter"],
    }
)


def test_sort_and_filter() -> None:
    assert sidebyside.sort_rows(ROWS, "indicator")["indicator_id"].tolist() == ["b", "a", "c"]
    # Missing values last, in both directions.
    assert sidebyside.sort_rows(ROWS, "value_0")["indicator_id"].tolist() == ["c", "a", "b"]
    assert sidebyside.sort_rows(ROWS, "value_0", True)["indicator_id"].tolist() == ["a", "c", "b"]
    assert sidebyside.sort_rows(ROWS, "klasse_0")["indicator_id"].tolist() == ["c", "a", "b"]
    assert sidebyside.sort_rows(ROWS, None)["indicator_id"].tolist() == ["a", "b", "c"]
    assert sidebyside.filter_rows(ROWS, "werk")["indicator_id"].tolist() == ["a", "b"]
    assert sidebyside.filter_rows(ROWS, " CRIM ")["indicator_id"].tolist() == ["c"]


@pytest.fixture(scope="module")
def scorer(tmp_path_factory: pytest.TempPathFactory) -> Scorer:
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('sbs') / 's.sqlite'}")
    store.upgrade()
    demo.install(store)
    return Scorer(store)


def test_two_demo_buurten_side_by_side(scorer: Scorer) -> None:
    """Every coloured indicator, the block set first; the values are the stored scores the
    NAP-vergelijking ranking reads for the same year."""
    sbs = sidebyside.side_by_side(scorer, ["N01a", "N01b"])
    assert sbs.names() == ["Pareldorp", "Beukendorp"]
    coloured = [i for i in scorer.indicators.values() if i.polarity != "geen"]
    assert sorted(sbs.rows["indicator_id"]) == sorted(i.id for i in coloured)
    assert sbs.rows["indicator_id"].iloc[0] == "werkloosheid_p"  # the block set's first
    # The groups name what is compared, the set's themes (indicators/oost.toml), not the
    # set itself ("Buurtbegroting Oost (18 indicatoren)", read as comparing budgets).
    assert list(dict.fromkeys(sbs.rows["group_title"])) == [
        "Werk en inkomen",
        "Jeugd en onderwijs",
        "Leefbaarheid en veiligheid",
    ]
    row = sbs.rows.set_index("indicator_id").loc["werkloosheid_p"]
    frame = scorer.score("werkloosheid_p", int(row["period_0"]), "buurt").set_index("code")
    assert row["value_0"] == pytest.approx(frame.loc["N01a", "value"])
    assert row["value_1"] == pytest.approx(frame.loc["N01b", "value"])
    assert row["nap_0"] == pytest.approx(frame.loc["N01a", "nap"])
    better = "Pareldorp" if row["value_0"] < row["value_1"] else "Beukendorp"
    assert row["verschil"].startswith(f"{better} scoort beter dan")
    out = sidebyside.export_frame(sbs, sbs.rows)
    assert list(out.columns)[:4] == [
        "Groep",
        "Indicator",
        "Pareldorp (N01a): waarde",
        "Pareldorp (N01a): klasse",
    ]
    assert len(out) == len(sbs.rows)
    assert "Pareldorp (N01a)" in table_csv(out)
    back = pd.read_excel(io.BytesIO(table_xlsx(out, "vergelijken")))
    assert back["Indicator"].tolist() == out["Indicator"].tolist()


def test_levels_mix_and_limits(scorer: Scorer) -> None:
    sbs = sidebyside.side_by_side(scorer, ["N01a", "N01", "N", "O01a"])
    assert [a["level"] for a in sbs.areas] == ["buurt", "wijk", "stadsdeel", "buurt"]
    with pytest.raises(MonitorError, match="2 tot 4"):
        sidebyside.side_by_side(scorer, ["N01a"])
    with pytest.raises(MonitorError, match="2 tot 4"):
        sidebyside.side_by_side(scorer, ["N01a", "N01b", "N01c", "N01d", "N02a"])
    with pytest.raises(MonitorError, match="bestaat niet"):
        sidebyside.side_by_side(scorer, ["N01a", "XXX"])


def test_a_large_catalogue_shows_its_block_set_until_asked() -> None:
    """Above 60 indicators (BBGA: 370) the page opens on the block set; a text searches
    every row, and "alle indicatoren" shows them all."""
    rows = pd.DataFrame(
        {
            "indicator_id": [f"i{n}" for n in range(70)],
            "label": [f"Indicator {n}" for n in range(70)],
            "group_title": ["Set"] * 3 + ["Wonen"] * 67,
            "group": ["set:werk"] * 3 + ["wonen"] * 67,
            "order": range(70),
        }
    )
    assert sidebyside.is_large(rows)
    assert sidebyside.visible_rows(rows, "")["indicator_id"].tolist() == ["i0", "i1", "i2"]
    assert len(sidebyside.visible_rows(rows, "", show_all=True)) == 70
    assert sidebyside.visible_rows(rows, "indicator 69")["indicator_id"].tolist() == ["i69"]
    small = rows.head(60)
    assert not sidebyside.is_large(small) and len(sidebyside.visible_rows(small, None)) == 60
