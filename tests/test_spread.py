"""Robust spread per indicator and the skewness hint (monitor/scoring/spread.py, scoring).

The data shape the city held back: registered crime per 1,000 inhabitants per buurt.
Most buurten lie close together, a few (the centre, business districts with few
residents) far above. Here: 86 buurten on the quantiles of a lognormal distribution
(median 50, σ = 0.5 on the log scale) and four hotspots at 300, 450, 700 and 1,100.
"""

from __future__ import annotations

import math
from pathlib import Path
from statistics import NormalDist

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from monitor import catalog
from monitor.catalog import Indicator
from monitor.errors import MonitorError
from monitor.scoring import Scorer, classify
from monitor.scoring.spread import (
    MAD_SCALE,
    SpreadError,
    skewness,
    spread_of,
    strongly_skewed,
    z_scores,
)
from monitor.store import Store, areas

E = math.e


# -- the pure functions, by hand ---------------------------------------------------------


def test_spread_of_by_hand() -> None:
    values = np.array([1.0, 2.0, 3.0, 4.0, 100.0])
    # sd: mean 22, squared deviations 441 + 400 + 361 + 324 + 6084 = 7610, / 5 = 1522.
    assert spread_of(values, "sd") == pytest.approx(math.sqrt(1522))
    # mad: median 3, |x − 3| = 2, 1, 0, 1, 97 → median 1 → 1.4826 · 1.
    assert spread_of(values, "mad") == pytest.approx(1.4826)
    # log: ln of 1, e, e², e³, e⁴ is 0..4, whose sd (ddof=0) is √2.
    assert spread_of(np.array([1, E, E**2, E**3, E**4]), "log") == pytest.approx(math.sqrt(2))
    # Fewer than two values: no spread. NaN values are not counted.
    assert math.isnan(spread_of(np.array([5.0]), "mad"))
    assert spread_of(np.array([1.0, np.nan, 3.0]), "sd") == pytest.approx(1.0)


def test_mad_equals_the_sd_for_normal_values() -> None:
    """The factor 1.4826 makes the MAD an estimate of σ for normally distributed values."""
    quantiles = [NormalDist(10, 2).inv_cdf((i - 0.5) / 2001) for i in range(1, 2002)]
    values = np.array(quantiles)
    assert spread_of(values, "mad") == pytest.approx(2.0, rel=0.01)
    assert spread_of(values, "sd") == pytest.approx(2.0, rel=0.01)
    assert pytest.approx(1 / NormalDist().inv_cdf(0.75), rel=1e-4) == MAD_SCALE


def test_log_refuses_values_of_zero_or_less_naming_the_area() -> None:
    with pytest.raises(SpreadError) as info:
        spread_of(np.array([3.0, 0.0, -1.0]), "log", names=["A01a", "A01b", "A01c"])
    assert str(info.value) == (
        "Spreiding 'log' (z op logaritmische waarden) kan alleen bij waarden boven 0: "
        "A01b heeft 0,00 (2 gebied(en) met 0 of minder). Kies spread = 'mad' voor deze "
        "indicator."
    )
    assert info.value.position == 1
    with pytest.raises(MonitorError, match="Spreiding 'iqr' onbekend"):
        spread_of(np.array([1.0, 2.0]), "iqr")


def test_z_scores_by_hand() -> None:
    values = np.array([1.0, E, E**2])
    # sd of ln values 0, 1, 2 is √(2/3); NAP e: z = −1, 0, 1 divided by it.
    spread = spread_of(values, "log")
    assert spread == pytest.approx(math.sqrt(2 / 3))
    assert z_scores(values, E, spread, "log") == pytest.approx(
        np.array([-1, 0, 1]) / math.sqrt(2 / 3)
    )
    # sd and mad divide the plain difference.
    assert z_scores(np.array([4.0, 6.0]), 5.0, 2.0, "mad") == pytest.approx([-0.5, 0.5])
    assert np.isnan(z_scores(np.array([4.0]), 5.0, 0.0, "sd")).all()


def test_classify_on_log_values() -> None:
    """The default stays the plain z; with spread_kind="log" z is taken on ln x."""
    values = np.array([1.0, E, E**2, 2.0])
    spread = spread_of(values[:3], "log")  # √(2/3) ≈ 0.816
    result = classify(values, E, spread, polarity="lager-beter", spread_kind="log")
    # ln 2 − 1 = −0.307, / 0.816 = −0.376: rond.
    assert list(result.klasse) == ["beter", "rond", "slechter", "rond"]
    assert result.z[3] == pytest.approx((math.log(2) - 1) / math.sqrt(2 / 3))
    plain = classify(values, E, spread, polarity="lager-beter")
    assert plain.z[0] == pytest.approx((1 - E) / spread)


def test_skewness_by_hand() -> None:
    # Nine zeros and one 10: mean 1, m2 = (9·1 + 81)/10 = 9, m3 = (−9 + 729)/10 = 72,
    # g1 = 72 / 9^1.5 = 72 / 27 = 2.67.
    ten = np.array([0.0] * 9 + [10.0])
    assert skewness(ten) == pytest.approx(72 / 27)
    assert strongly_skewed(ten)
    # The same shape with nine areas says too little to warn.
    assert not strongly_skewed(np.array([0.0] * 8 + [9.0]))
    assert skewness(np.array([1.0, 2.0, 3.0, 4.0, 5.0])) == pytest.approx(0.0)
    assert not strongly_skewed(np.arange(20.0))


# -- the catalogue ----------------------------------------------------------------------


def _toml(tmp_path: Path, extra: str, unit: str = "per 1.000 inwoners") -> Path:
    path = tmp_path / "c.toml"
    path.write_text(
        f"""[catalog]
name = "test"

[[indicator]]
id = "misdrijven_r"
label = {{ nl = "Misdrijven per 1.000 inwoners", en = "Crimes per 1,000 residents" }}
domain = "veiligheid"
unit = "{unit}"
polarity = "lager-beter"
{extra}
""",
        encoding="utf-8",
    )
    return path


def test_catalogue_spread_field(tmp_path: Path, store: Store) -> None:
    assert catalog.load_toml(_toml(tmp_path, "")).indicators[0].spread == "sd"
    cat = catalog.load_toml(_toml(tmp_path, 'spread = "mad"'))
    assert cat.indicators[0].spread == "mad"
    catalog.save(store, cat)
    assert catalog.load_from_store(store)["misdrijven_r"].spread == "mad"
    with pytest.raises(MonitorError, match="spreiding 'robuust' onbekend; kies uit sd, mad, log"):
        catalog.load_toml(_toml(tmp_path, 'spread = "robuust"'))
    with pytest.raises(MonitorError, match="spreiding 'log' is alleen voor verhoudingen"):
        catalog.load_toml(_toml(tmp_path, 'spread = "log"', unit="rapportcijfer"))
    csv = tmp_path / "c.csv"
    csv.write_text(
        "id;label;domain;unit;polarity;spread\n"
        "misdrijven_r;Misdrijven;veiligheid;per 1.000 inwoners;lager-beter;log\n"
        "werkloos_p;Werkloos;werk_inkomen;%;lager-beter;\n",
        encoding="utf-8",
    )
    by_id = catalog.load_csv(csv).by_id()
    assert (by_id["misdrijven_r"].spread, by_id["werkloos_p"].spread) == ("log", "sd")


# -- scoring on crime-shaped data ---------------------------------------------------------


def crime_values() -> np.ndarray:
    body = [50 * math.exp(0.5 * NormalDist().inv_cdf((i - 0.5) / 86)) for i in range(1, 87)]
    return np.array([*body, 300.0, 450.0, 700.0, 1100.0])


def _crime_store(store: Store, values: np.ndarray, spread: str, city: float | None) -> None:
    """90 buurten with these values; the city publishes ``city`` as its own value."""
    with store.begin() as conn:
        division_id = store.ensure_division(conn, "test", gemeente="Teststad")
        ids = {}
        rows = [("STAD", "gemeente")] + [(f"B{i:02d}", "buurt") for i in range(len(values))]
        for code, level in rows:
            ids[code] = int(
                conn.execute(
                    sa.insert(areas).values(
                        division_id=division_id, code=code, name=code, level=level
                    )
                ).inserted_primary_key[0]
            )
        ind = Indicator(
            id="misdrijven_r",
            label_nl="Misdrijven per 1.000 inwoners",
            domain="veiligheid",
            unit="per 1.000 inwoners",
            polarity="lager-beter",
            spread=spread,
        )
        store.upsert_indicators([ind.row()], conn)
        data = [(ids[f"B{i:02d}"], float(v)) for i, v in enumerate(values)]
        if city is not None:
            data.append((ids["STAD"], city))
        frame = pd.DataFrame(data, columns=["area_id", "value"]).assign(
            indicator_id="misdrijven_r", period=2024
        )
        store.publish(frame, kind="test", conn=conn, uploader="pytest")


def _counts(frame: pd.DataFrame) -> dict[str, int]:
    return {k: int((frame["klasse"] == k).sum()) for k in ("beter", "rond", "slechter")}


@pytest.mark.parametrize("spread", ["sd", "mad", "log"])
def test_skewed_crime_rates(tmp_path: Path, spread: str) -> None:
    """The sd band puts almost every buurt in rond and none in beter; the robust spreads
    separate them: the hotspots slechter, the quiet half beter, a real band between."""
    values = crime_values()
    city = float(values.mean())  # 82.3: four hotspots pull the city far above the median 50
    store = Store(f"sqlite:///{tmp_path / spread}.sqlite")
    store.upgrade()
    _crime_store(store, values, spread, city)
    frame = Scorer(store).score("misdrijven_r", 2024, "buurt")
    counts = _counts(frame)
    hotspots = frame[frame["value"] >= 300]
    assert (hotspots["klasse"] == "slechter").all()
    if spread == "sd":
        assert counts == {"beter": 0, "rond": 85, "slechter": 5}
        assert frame["spread"].iloc[0] == pytest.approx(np.std(values))
        assert frame.attrs["scheef"] is True
    else:
        assert frame.attrs["scheef"] is False  # the hint is for the sd band only
        assert counts["beter"] >= 45 and 10 <= counts["rond"] <= 35
        assert counts["slechter"] >= 5
        # Ordered as the values: a lower rate never gets a worse class.
        rank = frame["klasse"].map({"beter": 0, "rond": 1, "slechter": 2})
        ordered = rank.to_numpy()[np.argsort(frame["value"].to_numpy())]
        assert (np.diff(ordered) >= 0).all()
    if spread == "mad":
        assert counts == {"beter": 64, "rond": 14, "slechter": 12}
    if spread == "log":
        assert counts == {"beter": 53, "rond": 29, "slechter": 8}
        assert frame["spread"].iloc[0] == pytest.approx(np.std(np.log(values)))
    store.engine.dispose()


def test_log_spread_on_a_zero_rate_explains_instead_of_colouring(tmp_path: Path) -> None:
    values = crime_values()
    values[3] = 0.0
    store = Store(f"sqlite:///{tmp_path / 'zero'}.sqlite")
    store.upgrade()
    _crime_store(store, values, "log", 80.0)
    frame = Scorer(store).score("misdrijven_r", 2024, "buurt")
    assert (frame["klasse"] == "geen_gegevens").all()
    assert set(frame["reden_code"]) == {"spreiding_geweigerd"}
    assert (
        frame["reden"]
        .iloc[0]
        .startswith(
            "Spreiding 'log' (z op logaritmische waarden) kan alleen bij waarden boven 0: "
            "B03 heeft 0,00"
        )
    )
    store.engine.dispose()


def test_cli_indicator_add_with_a_robust_spread(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from monitor.cli import app

    runner = CliRunner()
    url = f"sqlite:///{tmp_path / 'c.sqlite'}"
    env = {"MONITOR_DATABASE_URL": url}
    assert runner.invoke(app, ["init"], env=env).exit_code == 0
    base = ["indicator", "add", "misdrijven_r", "--label", "Misdrijven", "--polarity"]
    base += ["lager-beter", "--domain", "veiligheid", "--unit"]
    ok = runner.invoke(app, [*base, "per 1.000 inwoners", "--spread", "log"], env=env)
    assert ok.exit_code == 0, ok.output
    assert catalog.load_from_store(Store(url))["misdrijven_r"].spread == "log"
    bad = runner.invoke(app, [*base, "rapportcijfer", "--spread", "log"], env=env)
    assert bad.exit_code != 0
    assert "spreiding 'log' is alleen voor verhoudingen" in str(bad.exception)


def test_trend_band_on_a_log_scale() -> None:
    """The grey band of the trends chart is the rond band the classes used: for ``log``
    NAP · e^(±band · spread), here 100 · e^(±0.25) = 77,88 … 128,40."""
    from monitor.scoring.methods import band_limits

    low, high = band_limits(np.array([100.0]), np.array([0.5]), "z", 0.5, "log")
    assert (low[0], high[0]) == (
        pytest.approx(77.8801, abs=1e-4),
        pytest.approx(128.4025, abs=1e-4),
    )
    low, high = band_limits(np.array([100.0]), np.array([20.0]), "z", 0.5, "mad")
    assert (low[0], high[0]) == (90.0, 110.0)
