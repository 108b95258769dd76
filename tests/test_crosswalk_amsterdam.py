"""Acceptance: the real Amsterdam 2015 buurten and the OIS population series (2014–2018)
continue on a synthetic "2022" division derived from them (``tests/amsterdam_2022_synthetic``;
real 2022 boundaries are not available offline), through ``monitor omrekenen``: totals
kept per year, merged buurten the sum of their parts, split buurten shared by area, every
value marked *omgerekend*."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from monitor.crosswalk import is_recomputed
from monitor.store import Store
from tests.amsterdam_2022_synthetic import write
from tests.support import require_shared
from tests.test_ingest_real import (
    GEO,
    OIS,
    OIS_OPTIONS,
    YEARS,
    add_bevtotaal,
    environment,
    import_areas,
    invoke,
)

pytestmark = pytest.mark.shared
NEW = "amsterdam-2022-synthetisch"


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict, str, pd.DataFrame]:
    require_shared()
    folder = tmp_path_factory.mktemp("crosswalk")
    env = environment(folder)
    invoke(env, "init")
    import_areas(env, detail=True)
    add_bevtotaal(env)
    invoke(env, "import", "meetingen", str(OIS), *OIS_OPTIONS)
    origin = write(folder / "buurten-2022.geojson")
    common = ("--division", NEW)
    invoke(
        env,
        *("import", "areas", str(GEO / "GEBIED_STADSDELEN.json"), "--level", "stadsdeel"),
        *("--code-field", "Stadsdeel_code", "--name-field", "Stadsdeel", "--gemeente", "Amsterdam"),
        *common,
    )
    invoke(
        env,
        *("import", "areas", str(GEO / "GEBIED_BUURTCOMBINATIES.json"), "--level", "wijk"),
        *("--code-field", "Buurtcombinatie_code", "--name-field", "Buurtcombinatie"),
        *("--parent-field", "stadsdeel=Stadsdeel_code"),
        *common,
    )
    invoke(
        env,
        *("import", "areas", str(folder / "buurten-2022.geojson"), "--level", "buurt"),
        *("--code-field", "Buurt_code", "--name-field", "Buurt"),
        *(
            "--parent-field",
            "wijk=Buurtcombinatie_code",
            "--parent-field",
            "stadsdeel=Stadsdeel_code",
        ),
        *common,
    )
    output = invoke(env, "omrekenen", "--van", "amsterdam-2015", "--naar", NEW)
    store = Store(env["MONITOR_DATABASE_URL"])
    try:
        frames = {
            name: store.current_values(store.division_id(name), ["BEVTOTAAL"], level="buurt")
            for name in ("amsterdam-2015", NEW)
        }
        sources = store.measurement_sources(store.division_id(NEW), ["BEVTOTAAL"])
    finally:
        store.engine.dispose()
    values = {
        name: {(r.code, int(r.period)): r.value for r in f.itertuples()}
        for name, f in frames.items()
    }
    return values, origin, output, sources


def test_the_2015_series_continues_on_the_new_buurten(converted) -> None:
    values, origin, output, _ = converted
    old, new = values["amsterdam-2015"], values[NEW]
    assert len(origin) == 511 and {c for c, _ in new} <= set(origin)
    assert "BEVTOTAAL: 2014, 2015, 2016, 2017, 2018 (aantal, naar oppervlakte verdeeld)" in output
    for year in YEARS:
        before = sum(v for (c, y), v in old.items() if y == year and not math.isnan(v))
        after = sum(v for (c, y), v in new.items() if y == year)
        assert after == pytest.approx(before, abs=0.01), year
    assert sum(v for (c, y), v in old.items() if y == 2016 and not math.isnan(v)) == 834_713


def test_merged_buurten_hold_the_sum_and_split_ones_share_it(converted) -> None:
    values, origin, _, _ = converted
    old, new = values["amsterdam-2015"], values[NEW]
    merged = {c: o for c, o in origin.items() if len(o) == 2}
    assert len(merged) == 19
    for code, parts in merged.items():
        wanted = sum(old.get((p, 2018), math.nan) for p in parts if not math.isnan(old[(p, 2018)]))
        assert new.get((code, 2018), 0.0) == pytest.approx(wanted, rel=0.01, abs=0.5), code
    halves = pd.Series({c: o[0] for c, o in origin.items() if c != o[0] and len(o) == 1})
    assert len(halves) == 98
    for old_code, group in halves.groupby(halves):
        total = old[(old_code, 2018)]
        if math.isnan(total):
            continue
        got = sum(new.get((c, 2018), 0.0) for c in group.index)
        assert got == pytest.approx(total, rel=0.01), old_code
    kept = [c for c, o in origin.items() if o == [c] and not math.isnan(old[(c, 2018)])]
    close = sum(new[(c, 2018)] == pytest.approx(old[(c, 2018)], rel=0.01) for c in kept)
    assert close >= 0.95 * len(kept)


def test_every_value_is_marked_omgerekend_with_its_method(converted) -> None:
    _, _, output, sources = converted
    assert sorted(sources["period"]) == YEARS and sources["source"].map(is_recomputed).all()
    assert set(sources["source"]) == {
        "omgerekend van amsterdam-2015 naar amsterdam-2022-synthetisch (buurt): aantal, "
        "naar oppervlakte verdeeld"
    }
    assert "Omgerekend van amsterdam-2015 naar amsterdam-2022-synthetisch" in output
