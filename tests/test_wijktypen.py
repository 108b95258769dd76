"""Wijktypen (monitor/wijktypen.py): Ward types, numbering, the silhouette and the k rule
on small cases checked by hand; then on the demo city through the store (cache, CLI)."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from scipy.cluster.hierarchy import cut_tree, linkage
from typer.testing import CliRunner

from monitor import cache, similar
from monitor import wijktypen as wt
from monitor.cli import app as cli_app
from monitor.errors import MonitorError
from monitor.scoring import Scorer
from monitor.scoring.materialise import rebuild_all
from monitor.store import Store
from tests.support import demo_database

# Six areas, two indicators, two obvious groups: B, D, F near (0, 0) and A, C, E near
# (10, 10) (codes interleaved so that neither group is "the first rows").
SIX = pd.DataFrame(
    {"x": [10.0, 0.0, 10.5, 0.5, 9.5, 0.2], "y": [10.0, 0.0, 9.5, 0.3, 10.2, 0.4]},
    index=list("ABCDEF"),
)


def test_two_obvious_groups_two_types_stable_and_order_free() -> None:
    types = wt.ward_types(SIX, 2)
    # Equal sizes (3 and 3): the group with the first code (A) is type 1.
    assert types.to_dict() == {"A": 1, "B": 2, "C": 1, "D": 2, "E": 1, "F": 2}
    assert wt.ward_types(SIX, 2).equals(types)  # a second run
    for seed in range(5):  # shuffled rows (and columns): the same types
        shuffled = SIX.sample(frac=1, random_state=seed)[["y", "x"]]
        assert wt.ward_types(shuffled, 2).sort_index().equals(types.sort_index())


def test_types_are_numbered_by_size() -> None:
    # Groups of 1 (Z far away), 2 (P, Q) and 3 (X, Y, W): type 1 is the largest.
    frame = pd.DataFrame(
        {"x": [0.0, 0.1, 0.2, 5.0, 5.1, 40.0], "y": [0.0, 0.1, 0.0, 5.0, 5.2, 40.0]},
        index=["W", "X", "Y", "P", "Q", "Z"],
    )
    types = wt.ward_types(frame, 3)
    assert types.to_dict() == {"P": 2, "Q": 2, "W": 1, "X": 1, "Y": 1, "Z": 3}


def test_silhouette_by_hand() -> None:
    """Points 0, 1 | 10, 11 on a line. Point 0: a = 1, b = (10 + 11) / 2 = 10.5,
    s = 1 − 1/10.5; point 1: a = 1, b = (9 + 10) / 2 = 9.5, s = 1 − 1/9.5; the other
    group mirrors these. An area alone in its cluster counts 0."""
    x = np.array([[0.0], [1.0], [10.0], [11.0]])
    expected = ((1 - 1 / 10.5) + (1 - 1 / 9.5)) / 2
    assert wt.silhouette(x, np.array([1, 1, 2, 2])) == pytest.approx(expected)
    # {0}, {1}, {10, 11}: 0 and 1 count 0; 10: a = 1, b = min(10, 9) = 9 → 1 − 1/9;
    # 11: a = 1, b = min(11, 10) = 10 → 1 − 1/10.
    three = wt.silhouette(x, np.array([1, 2, 3, 3]))
    assert three == pytest.approx(((1 - 1 / 9) + (1 - 1 / 10)) / 4)


def test_k_rule_finds_three_obvious_groups() -> None:
    """Three tight groups far apart: of k = 3..8 the silhouette is highest at 3."""
    rng = np.random.default_rng(7)  # the test data only; the method has no randomness
    centres = [(0, 0), (10, 0), (0, 10)]
    points = np.vstack([np.array(c) + rng.normal(0, 0.3, (5, 2)) for c in centres])
    frame = pd.DataFrame(points, index=[f"A{i:02d}" for i in range(15)], columns=["x", "y"])
    k, scores = wt.choose_k(frame)
    assert k == 3
    assert sorted(scores) == [3, 4, 5, 6, 7, 8]
    assert scores[3] == max(scores.values()) and scores[3] > 0.8


def test_k_rule_on_a_tie_takes_the_smaller(monkeypatch: pytest.MonkeyPatch) -> None:
    """Compared at two decimals (as shown): 0.404 and 0.401 are both 0,40 → the smaller k;
    a real difference wins."""
    frame = pd.DataFrame({"x": np.arange(10.0)}, index=[f"C{i}" for i in range(10)])
    table = {3: 0.401, 4: 0.404, 5: 0.2}
    monkeypatch.setattr(wt, "silhouette", lambda x, labels: table[len(set(labels))])
    # Equally spaced points: merge heights tie, and still exactly k types.
    assert [wt.ward_types(frame, k).nunique() for k in (3, 4, 5)] == [3, 4, 5]
    assert wt.choose_k(frame, range(3, 6))[0] == 3
    table[4] = 0.41
    assert wt.choose_k(frame, range(3, 6))[0] == 4
    # At most n − 1 types: with 4 areas only 3 is tried; with 3 areas none.
    assert sorted(wt.choose_k(frame.head(4), range(3, 6))[1]) == [3]
    with pytest.raises(MonitorError, match="Te weinig gebieden"):
        wt.choose_k(frame.head(3), range(3, 6))


def test_distinctive_indicators() -> None:
    means = pd.Series({"a": 0.2, "b": -1.7, "c": 0.9, "d": -0.5, "e": 0.6})
    # |z| ≥ 0.5, furthest first, at most three.
    assert wt.distinctive(means) == [("b", -1.7), ("c", 0.9), ("e", 0.6)]
    assert wt.distinctive(pd.Series({"a": 0.1, "b": -0.3})) == []


def test_standardise_within_each_gemeente() -> None:
    """Two gemeenten: each indicator standardised over its own areas (as the scores
    compare within the gemeente)."""
    raw = pd.DataFrame({"x": [1.0, 3.0, 100.0, 300.0]}, index=["G1a", "G1b", "G2a", "G2b"])
    refs = pd.Series({"G1a": "GM1", "G1b": "GM1", "G2a": "GM2", "G2b": "GM2"})
    z, dropped = wt.standardise_within(raw, refs)
    assert z["x"].tolist() == [-1.0, 1.0, -1.0, 1.0] and dropped == {}


# -- through the store ------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return demo_database(tmp_path_factory.mktemp("wijktypen"))


def test_types_of_the_demo_buurten_recomputed(demo_url: str) -> None:
    """The types of the 90 buurten are Ward's on the stored values standardised by hand,
    numbered by size; three buurten lack values for half the indicators."""
    scorer = Scorer(Store(demo_url))
    found = wt.wijktypen(scorer, "buurt")
    assert found.used == ["inkomen_gem", "minima_p", "werkzaam_p", "eenouder_p"]
    assert found.chosen == "silhouet" and sorted(found.scores) == [3, 4, 5, 6, 7, 8]
    assert found.k == max(found.scores, key=lambda k: (round(found.scores[k], 2), -k))
    raw, _refs, _periods = similar.level_matrix(scorer, "buurt", tuple(found.used))
    z = (raw - raw.mean()) / raw.std(ddof=0)
    enough = z.notna().sum(axis=1) >= 2
    assert sorted(found.unassigned()) == sorted(z.index[~enough])
    z = z[enough].fillna(0.0).sort_index()
    labels = pd.Series(cut_tree(linkage(z.to_numpy(), "ward"), n_clusters=found.k)[:, 0], z.index)
    got = found.frame["type"][found.frame["type"] > 0]
    # The same partition ...
    pairs = pd.crosstab(labels, got.reindex(labels.index))
    assert ((pairs > 0).sum(axis=1) == 1).all() and ((pairs > 0).sum(axis=0) == 1).all()
    # ... numbered by size.
    sizes = list(found.sizes().values())
    assert sizes == sorted(sizes, reverse=True) and sum(sizes) == int(enough.sum())
    # Each type's mean z-scores are those of its members.
    first = got.index[got == 1]
    assert found.means.loc[1].to_numpy() == pytest.approx(z.loc[first].mean().to_numpy())
    text = wt.describe(found, 2, scorer.indicators, "nl")
    assert ": hoog (+" in text or ": laag (−" in text
    assert wt.choice_text(found, "nl").startswith(f"{found.k} typen: gekozen omdat")


def test_cached_per_score_generation(demo_url: str) -> None:
    store = Store(demo_url)
    first = wt.wijktypen(Scorer(store), "wijk", k=4)
    counts = dict(cache.shared().counts)
    again = wt.wijktypen(Scorer(store), "wijk", k=4)
    assert cache.shared().counts["built"] == counts["built"]  # served from the cache
    assert again.frame.equals(first.frame) and again.chosen == "gebruiker"
    # What Redis would hold: the frame as Arrow, the rest in its attrs, read back equal.
    shared = cache.FRAME.decode(
        cache.FRAME.encode(wt._build(Scorer(store), "wijk", tuple(first.used), 4))
    )
    assert shared.attrs["k"] == 4 and shared.equals(first.frame)
    assert shared.attrs["means"]["1"] == pytest.approx(first.means.loc[1].to_dict())
    rebuild_all(store, store.division_id())  # a new generation: built again
    wt.wijktypen(Scorer(store), "wijk", k=4)
    assert cache.shared().counts["built"] == counts["built"] + 1
    with pytest.raises(MonitorError, match="Aantal typen 30 kan niet"):
        wt.wijktypen(Scorer(store), "wijk", k=30)


def test_cli_wijktypen(demo_url: str) -> None:
    env = {"MONITOR_DATABASE_URL": demo_url}
    runner = CliRunner()
    result = runner.invoke(cli_app, ["wijktypen", "--niveau", "gebied", "--k", "2",
                                     "--format", "csv"], env=env)  # fmt: skip
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(result.output), sep=";")
    assert list(frame.columns) == ["code", "naam", "type", "beschrijving"]
    assert len(frame) == 8 and set(frame["type"]) == {"Type 1", "Type 2"}
    found = wt.wijktypen(Scorer(Store(demo_url)), "gebied", k=2)
    expected = {c: f"Type {n}" for c, n in found.frame["type"].items()}
    assert dict(zip(frame["code"], frame["type"], strict=True)) == expected
    table = runner.invoke(cli_app, ["wijktypen", "--niveau", "buurt"], env=env)
    assert table.exit_code == 0, table.output
    assert "typen: gekozen omdat" in table.output and "Pareldorp" in table.output
    bad = runner.invoke(cli_app, ["wijktypen", "--niveau", "gebied", "--k", "9"], env=env)
    # The app raises; ``monitor``'s main prints it as "Fout: …" and exits 1.
    assert isinstance(bad.exception, MonitorError)
    assert "kies 2 tot en met 7" in str(bad.exception)
