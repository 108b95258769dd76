"""The pure classification rules of docs/method.md, with hand-computed expectations."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from monitor.errors import MonitorError
from monitor.scoring import classify, fold, standard_error

# Five values around NAP 14: population sd = sqrt((16+4+0+4+16)/5) = sqrt(8) = 2.8284.
VALUES = np.array([10.0, 12.0, 14.0, 16.0, 18.0])
NAP = 14.0
SPREAD = math.sqrt(8)


def test_z_method_hand_computed() -> None:
    result = classify(VALUES, NAP, SPREAD, polarity="hoger-beter")
    # z = -1.414, -0.707, 0, 0.707, 1.414; |z| < 0.5 is rond.
    assert result.z == pytest.approx([-1.41421356, -0.70710678, 0, 0.70710678, 1.41421356])
    assert list(result.klasse) == ["slechter", "slechter", "rond", "beter", "beter"]


def test_lower_is_better_mirrors() -> None:
    result = classify(VALUES, NAP, SPREAD, polarity="lager-beter")
    assert list(result.klasse) == ["beter", "beter", "rond", "slechter", "slechter"]


def test_neutral_and_uncoloured() -> None:
    neutral = classify(VALUES, NAP, SPREAD, polarity="neutraal")
    assert list(neutral.klasse) == ["minder", "minder", "rond", "meer", "meer"]
    counts = classify(VALUES, NAP, SPREAD, polarity="geen")
    assert set(counts.klasse) == {"niet_gekleurd"}


def test_z_band_edge() -> None:
    # z exactly 0.5 is outside the band (|z| < 0.5 is rond); just below is inside.
    result = classify(np.array([15.0, 14.999]), NAP, 2.0, polarity="hoger-beter")
    assert list(result.klasse) == ["beter", "rond"]


def test_five_classes_fold_into_four() -> None:
    result = classify(VALUES, NAP, SPREAD, polarity="hoger-beter", method="z5")
    assert list(result.klasse) == ["veel_slechter", "slechter", "rond", "beter", "veel_beter"]
    assert [fold(k) for k in result.klasse] == ["slechter", "slechter", "rond", "beter", "beter"]


def test_relative_band() -> None:
    # |x/NAP - 1| < 10%: 12.7/14 = -9.3% is rond, 12/14 = -14.3% is not.
    result = classify(
        np.array([12.0, 12.7, 15.3, 15.5]), NAP, SPREAD, polarity="hoger-beter", method="relatief"
    )
    assert list(result.klasse) == ["slechter", "rond", "rond", "beter"]
    assert result.measure[0] == pytest.approx(12 / 14 - 1)


def test_absolute_band_defaults_per_unit() -> None:
    # ±2 percentage points for %, ±0.3 for a rapportcijfer.
    pct = classify(
        np.array([12.0, 12.5, 16.1]),
        NAP,
        SPREAD,
        polarity="hoger-beter",
        method="absoluut",
        unit="%",
    )
    assert list(pct.klasse) == ["slechter", "rond", "beter"]
    grade = classify(
        np.array([7.1, 7.3, 7.9]),
        7.5,
        0.5,
        polarity="hoger-beter",
        method="absoluut",
        unit="rapportcijfer",
    )
    assert list(grade.klasse) == ["slechter", "rond", "beter"]
    with pytest.raises(MonitorError, match="bandbreedte"):
        classify(VALUES, NAP, SPREAD, polarity="hoger-beter", method="absoluut", unit="index")


def test_index_band_like_rotterdam() -> None:
    # 100·x/NAP within 90–110 is rond: 12.6 → 90 (rond), 12.5 → 89.3, 15.4 → 110 (rond).
    result = classify(
        np.array([12.5, 12.6, 15.4, 15.5]), NAP, SPREAD, polarity="lager-beter", method="index"
    )
    assert list(result.klasse) == ["beter", "rond", "rond", "slechter"]


def test_missing_values_and_nap() -> None:
    result = classify(np.array([np.nan, 12.0]), NAP, SPREAD, polarity="hoger-beter")
    assert list(result.klasse) == ["geen_gegevens", "slechter"]
    no_nap = classify(np.array([12.0]), float("nan"), SPREAD, polarity="hoger-beter")
    assert list(no_nap.klasse) == ["geen_gegevens"]


def test_no_spread_only_equal_is_decidable() -> None:
    result = classify(np.array([14.0, 15.0]), NAP, float("nan"), polarity="hoger-beter")
    assert list(result.klasse) == ["rond", "geen_gegevens"]
    assert result.reason[1] == "geen_spreiding"


def test_confidence_interval_overrules_band() -> None:
    # 20% with n=50: se = 100·sqrt(.2·.8/50) = 5.657; 95% CI 8.9–31.1 contains NAP 25.
    small = classify(
        np.array([20.0]), 25.0, 3.0, polarity="lager-beter", unit="%", n=np.array([50.0])
    )
    assert list(small.klasse) == ["rond"]
    assert small.reason[0] == "niet_significant"
    assert small.ci_low[0] == pytest.approx(20 - 1.959964 * 5.656854, abs=1e-4)
    # With n=5000 the interval 18.9–21.1 excludes 25: the z class stands (z = -1.67).
    large = classify(
        np.array([20.0]), 25.0, 3.0, polarity="lager-beter", unit="%", n=np.array([5000.0])
    )
    assert list(large.klasse) == ["beter"]
    # Switched off, the band alone decides.
    off = classify(
        np.array([20.0]),
        25.0,
        3.0,
        polarity="lager-beter",
        unit="%",
        n=np.array([50.0]),
        reliability=False,
    )
    assert list(off.klasse) == ["beter"]


def test_standard_error_of_a_rating_uses_individual_sd() -> None:
    se = standard_error(np.array([7.0]), np.array([100.0]), "rapportcijfer", 1.5)
    assert se[0] == pytest.approx(0.15)
    assert np.isnan(standard_error(np.array([7.0]), np.array([100.0]), "rapportcijfer", None)[0])


# -- properties ------------------------------------------------------------------------

# Values with one decimal, as statistics offices publish them.
decimal_values = st.lists(
    st.integers(min_value=0, max_value=100_000).map(lambda v: v / 10), min_size=2, max_size=40
)
SWAP = {
    "beter": "slechter",
    "slechter": "beter",
    "veel_beter": "veel_slechter",
    "veel_slechter": "veel_beter",
}


@given(decimal_values, st.sampled_from(["z", "z5", "relatief", "absoluut", "index"]))
@settings(max_examples=200, deadline=None)
def test_flipping_polarity_swaps_better_and_worse(values: list[float], method: str) -> None:
    x = np.array(values)
    nap, spread = float(np.mean(x)), float(np.std(x))
    up = classify(x, nap, spread, polarity="hoger-beter", method=method, unit="%")
    down = classify(x, nap, spread, polarity="lager-beter", method=method, unit="%")
    assert [SWAP.get(k, k) for k in up.klasse] == list(down.klasse)


@given(
    decimal_values,
    st.integers(min_value=-10_000, max_value=10_000).map(lambda v: v / 10),
    st.sampled_from(["z", "z5", "absoluut"]),
    st.sampled_from(["hoger-beter", "neutraal"]),
)
@settings(max_examples=200, deadline=None)
def test_shifting_values_and_nap_keeps_classes(
    values: list[float], shift: float, method: str, polarity: str
) -> None:
    x = np.array(values)
    nap = float(np.round(np.mean(x), 1))
    before = classify(x, nap, float(np.std(x)), polarity=polarity, method=method, unit="%")
    shifted = x + shift
    after = classify(
        shifted, nap + shift, float(np.std(shifted)), polarity=polarity, method=method, unit="%"
    )
    assert list(before.klasse) == list(after.klasse)


@given(
    decimal_values,
    st.integers(min_value=0, max_value=1),
    st.sampled_from(["z", "z5", "relatief", "absoluut", "index"]),
    st.sampled_from(["hoger-beter", "lager-beter", "neutraal"]),
    st.one_of(st.none(), st.integers(min_value=1, max_value=2000)),
)
@settings(max_examples=200, deadline=None)
def test_an_area_equal_to_nap_is_rond(
    values: list[float], pick: int, method: str, polarity: str, n: int | None
) -> None:
    x = np.array(values)
    nap = float(x[pick])
    spread = float(np.std(x))
    counts = None if n is None else np.full(x.size, float(n))
    result = classify(x, nap, spread, polarity=polarity, method=method, unit="%", n=counts)
    assert result.klasse[pick] == "rond"


def test_class_labels_name_the_municipality() -> None:
    from monitor.messages import class_label

    assert class_label("beter") == "beter dan het Amsterdams gemiddelde"
    assert class_label("slechter", gemeente="Amsterdam") == "slechter dan het Amsterdams gemiddelde"
    assert class_label("rond", gemeente="Voorbeeldstad") == "rond het gemiddelde van Voorbeeldstad"
    assert class_label("beter", "en") == "better than the city average"
    assert class_label("geen_gegevens") == "geen gegevens bekend"
