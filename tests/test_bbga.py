"""Real BBGA data through the CLI, scored on SQLite and on PostgreSQL.

Expectations are hand-computed from the published values (listed literally below), not
from the code under test.
"""

from __future__ import annotations

import contextlib
import json
import math
import statistics
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from monitor.cli import app
from monitor.errors import MonitorError
from monitor.ingest.bbga import import_bbga
from monitor.scoring import Scorer
from monitor.store import Store
from tests.support import BACKENDS, SHARED_DATA, database, require_shared

runner = CliRunner()
GEO = SHARED_DATA / "amsterdam" / "gebiedsindeling_2015"
BBGA = SHARED_DATA / "bbga"

# PREGWERKL_P 2018 (% registered unemployment, lower is better), DX01..DX22; STAD 11.0.
PREGWERKL_2018 = [
    7.5,
    8.3,
    12.1,
    12.1,
    11.4,
    14.6,
    13.1,
    6.9,
    11.3,
    6.2,
    5.9,
    9.3,
    12.1,
    11.3,
    7.4,
    8.2,
    12.8,
    14.8,
    12.6,
    16.4,
    16.0,
    15.0,
]
# LBUURT_R 2017 (satisfaction with own buurt, 1-10, higher is better); STAD 7.5.
LBUURT_2017 = [
    7.8,
    8.0,
    7.9,
    7.1,
    7.9,
    6.4,
    6.6,
    7.5,
    6.9,
    8.3,
    7.9,
    8.0,
    7.7,
    7.7,
    7.8,
    7.3,
    7.0,
    7.3,
    7.0,
    6.8,
    7.1,
    7.3,
]
# VVEILIGH_I 2017 (veiligheidsindex, lower is safer); STAD 101.
VVEILIGH_2017 = [
    141,
    120,
    88,
    107,
    90,
    120,
    111,
    80,
    99,
    75,
    67,
    80,
    101,
    87,
    75,
    90,
    100,
    103,
    95,
    114,
    122,
    97,
]
GEBIEDEN = [f"DX{i:02d}" for i in range(1, 23)]


def invoke(url: str, *args: str) -> str:
    result = runner.invoke(
        app, list(args), env={"MONITOR_DATABASE_URL": url}, catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return result.output


def load_amsterdam(url: str) -> None:
    """The README's quick start, command by command."""
    invoke(url, "init")
    invoke(
        url,
        "import",
        "areas",
        str(GEO / "GEBIED_STADSDELEN.json"),
        "--level",
        "stadsdeel",
        "--code-field",
        "Stadsdeel_code",
        "--name-field",
        "Stadsdeel",
        "--division",
        "amsterdam-2015",
        "--gemeente",
        "Amsterdam",
    )
    invoke(
        url,
        "import",
        "areas",
        str(GEO / "gebieden.json"),
        "--level",
        "gebied",
        "--code-field",
        "Gebied_code",
        "--name-field",
        "Gebied",
        "--parent-field",
        "stadsdeel=Stadsdeel_code",
        "--division",
        "amsterdam-2015",
    )
    invoke(url, "alias", "add", "ZX99", "Dxxx", "--system", "bbga")
    invoke(
        url,
        "import",
        "bbga",
        str(BBGA / "bbga_latest_and_greatest-DX.csv"),
        "--metadata",
        str(BBGA / "metadata_latest_and_greatest_2019-01.csv"),
    )


@pytest.fixture(scope="module")
def loaded(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[[str], tuple[str, Store]]]:
    """Amsterdam loaded at most once per backend for the whole module, when first asked
    for: ``loaded(backend)`` gives its URL and store."""
    require_shared()
    stores: dict[str, tuple[str, Store]] = {}
    with contextlib.ExitStack() as stack:

        def load(backend: str) -> tuple[str, Store]:
            if backend not in stores:
                url = stack.enter_context(database(backend, tmp_path_factory.mktemp(backend)))
                load_amsterdam(url)
                store = Store(url)
                stack.callback(store.engine.dispose)
                stores[backend] = (url, store)
            return stores[backend]

        yield load


@pytest.fixture(params=BACKENDS)
def amsterdam(request: pytest.FixtureRequest, loaded) -> tuple[str, str, Store]:
    url, store = loaded(request.param)
    return request.param, url, store


def score_json(url: str, *args: str) -> list[dict]:
    return json.loads(invoke(url, "score", *args, "--format", "json"))


def test_pregwerkl_gebieden_against_stad(amsterdam) -> None:
    _, url, _ = amsterdam
    rows = score_json(url, "PREGWERKL_P", "--period", "2018", "--level", "gebied")
    by_code = {r["code"]: r for r in rows}
    assert set(GEBIEDEN) <= set(by_code)
    spread = statistics.pstdev(PREGWERKL_2018)  # 3.1646843875
    for code, value in zip(GEBIEDEN, PREGWERKL_2018, strict=True):
        row = by_code[code]
        assert row["value"] == value
        assert row["nap"] == 11.0
        assert row["nap_source"] == "stadswaarde"
        assert row["spread"] == pytest.approx(spread)
        assert row["z"] == pytest.approx((value - 11.0) / spread)
    # Hand-classified: lower is better, |z| < 0.5 is rond.
    assert by_code["DX20"]["klasse"] == "slechter"  # 16.4: z = 1.71
    assert by_code["DX19"]["klasse"] == "slechter"  # 12.6: z = 0.506, just outside
    assert by_code["DX12"]["klasse"] == "beter"  # 9.3: z = -0.537
    assert by_code["DX05"]["klasse"] == "rond"  # 11.4: z = 0.126
    assert by_code["DX11"]["klasse"] == "beter"  # 5.9: z = -1.61
    assert by_code["DX01"]["naam"] == "Centrum-West"
    # Westpoort (BBGA ZX99 = geometry Dxxx) has no published value.
    assert by_code["Dxxx"]["klasse"] == "geen_gegevens"
    assert "niet gepubliceerd" in by_code["Dxxx"]["reden"]
    assert by_code["Dxxx"]["value"] is None


def test_rapportcijfer_higher_is_better(amsterdam) -> None:
    _, url, _ = amsterdam
    by_code = {
        r["code"]: r for r in score_json(url, "LBUURT_R", "--period", "2017", "--level", "gebied")
    }
    spread = statistics.pstdev(LBUURT_2017)  # 0.50266
    assert by_code["DX06"]["spread"] == pytest.approx(spread)
    assert by_code["DX06"]["nap"] == 7.5
    assert by_code["DX06"]["z"] == pytest.approx(-2.18836567)
    assert by_code["DX06"]["klasse"] == "slechter"  # 6.4
    assert by_code["DX10"]["klasse"] == "beter"  # 8.3: z = 1.59
    assert by_code["DX08"]["klasse"] == "rond"  # 7.5 = NAP
    assert by_code["DX04"]["klasse"] == "slechter"  # 7.1: z = -0.796
    assert by_code["DX14"]["klasse"] == "rond"  # 7.7: z = 0.398


def test_index_lower_is_better(amsterdam) -> None:
    _, url, _ = amsterdam
    by_code = {
        r["code"]: r for r in score_json(url, "VVEILIGH_I", "--period", "2017", "--level", "gebied")
    }
    spread = statistics.pstdev(VVEILIGH_2017)  # 17.7896
    assert by_code["DX01"]["spread"] == pytest.approx(spread)
    assert by_code["DX01"]["z"] == pytest.approx(40 / spread)
    assert by_code["DX01"]["klasse"] == "slechter"  # 141: z = 2.25
    assert by_code["DX11"]["klasse"] == "beter"  # 67: z = -1.91
    assert by_code["DX13"]["klasse"] == "rond"  # 101 = NAP
    assert by_code["DX04"]["klasse"] == "rond"  # 107: z = 0.337
    assert by_code["DX05"]["klasse"] == "beter"  # 90: z = -0.618


def test_index_method_on_real_data(amsterdam) -> None:
    _, url, _ = amsterdam
    by_code = {
        r["code"]: r
        for r in score_json(
            url, "VVEILIGH_I", "--period", "2017", "--level", "gebied", "--method", "index"
        )
    }
    # 100·x/101: 88 → 87.1 (beter), 95 → 94.1 (rond), 111 → 109.9 (rond), 114 → 112.9.
    assert by_code["DX03"]["klasse"] == "beter"
    assert by_code["DX19"]["klasse"] == "rond"
    assert by_code["DX07"]["klasse"] == "rond"
    assert by_code["DX20"]["klasse"] == "slechter"


def test_basisjaar_reference(amsterdam) -> None:
    _, _, store = amsterdam
    frame = Scorer(store).score(
        "PREGWERKL_P", 2018, "gebied", reference="basisjaar", base_year=2015
    )
    city_2015 = frame["nap"].iloc[0]
    values = pd.read_csv(BBGA / "bbga_latest_and_greatest-DX.csv")
    published = values.query(
        "variabele == 'PREGWERKL_P' and jaar == 2015 and gebiedcode15 == 'STAD'"
    )
    assert city_2015 == published["waarde"].iloc[0]
    assert frame["nap_source"].iloc[0] == "basisjaar 2015"
    # The spread is still the one of 2018.
    assert frame["spread"].iloc[0] == pytest.approx(statistics.pstdev(PREGWERKL_2018))


def test_population_sums_to_city(amsterdam) -> None:
    """DX01–DX22 + ZX99 = STAD for BEVTOTAAL 2017 (844,760 + 192 = 844,952)."""
    _, _, store = amsterdam
    frame = store.current_values(store.division_id(), ["BEVTOTAAL"], [2017])
    gebieden = frame[frame["level"] == "gebied"]
    city = frame[frame["level"] == "gemeente"]
    assert len(gebieden) == 23
    assert gebieden["value"].sum() == 844_952
    assert gebieden.loc[gebieden["code"] == "Dxxx", "value"].iloc[0] == 192
    assert city["value"].iloc[0] == 844_952


def test_forecasts_are_never_scored(amsterdam) -> None:
    _, url, store = amsterdam
    values = store.current_values(store.division_id(), ["BEV_PROG2015", "W_PROG2018"])
    assert values.empty  # not stored as measurements
    rows = score_json(url, "BEV_PROG2015", "--period", "2020", "--level", "gebied")
    assert {r["klasse"] for r in rows} == {"geen_gegevens"}
    assert all("Prognose" in r["reden"] for r in rows)


def test_counts_are_not_coloured(amsterdam) -> None:
    _, url, _ = amsterdam
    rows = score_json(url, "BEVTOTAAL", "--period", "2017", "--level", "gebied")
    classes = {r["code"]: r["klasse"] for r in rows}
    assert classes["DX01"] == "niet_gekleurd"


def test_stadsdeel_aggregated_from_gebieden(amsterdam) -> None:
    """Without stadsdeel data loaded, stadsdeel values come from the gebieden."""
    _, _, store = amsterdam
    frame = Scorer(store).score("BEVTOTAAL", 2017, "stadsdeel")
    # Centrum = DX01 + DX02 (hand: 2017 BEVTOTAAL of both gebieden).
    values = pd.read_csv(BBGA / "bbga_latest_and_greatest-DX.csv").query(
        "variabele == 'BEVTOTAAL' and jaar == 2017"
    )
    by_code = values.set_index("gebiedcode15")["waarde"]
    centrum = frame.set_index("code").loc["A", "value"]
    assert centrum == by_code["DX01"] + by_code["DX02"]


def test_english_reasons(amsterdam) -> None:
    _, _, store = amsterdam
    frame = Scorer(store).score("PREGWERKL_P", 2018, "gebied", lang="en")
    assert "Lower is better" in frame.set_index("code").loc["DX20", "reden"]


def test_unknown_indicator_is_a_clear_error(amsterdam) -> None:
    _, url, _ = amsterdam
    result = runner.invoke(
        app,
        ["score", "NIETBESTAAND", "--period", "2018", "--level", "gebied"],
        env={"MONITOR_DATABASE_URL": url},
    )
    assert result.exit_code != 0


@pytest.mark.postgres
def test_sqlite_and_postgres_agree(loaded) -> None:
    """The same import gives identical scores on both backends."""
    (sqlite_url, sqlite_store), (pg_url, pg_store) = loaded("sqlite"), loaded("postgresql")
    for indicator, period in (
        ("PREGWERKL_P", "2018"),
        ("LBUURT_R", "2017"),
        ("VVEILIGH_I", "2017"),
        ("IHHINK_GEM", "2016"),
        ("BEVTOTAAL", "2017"),
        ("WZZWAAR10_P", "2016"),
    ):
        a = score_json(sqlite_url, indicator, "--period", period, "--level", "gebied")
        b = score_json(pg_url, indicator, "--period", period, "--level", "gebied")
        assert a == b
        assert len(a) == 23
    shapes = [
        s.current_values(s.division_id(), ["BEVTOTAAL", "LBUURT_R"]).shape
        for s in (sqlite_store, pg_store)
    ]
    assert shapes[0] == shapes[1]
    frames = [s.uploads_frame()[["kind", "row_count", "sha256"]] for s in (sqlite_store, pg_store)]
    pd.testing.assert_frame_equal(frames[0], frames[1])


def test_values_are_float_nan_free_in_json(amsterdam) -> None:
    _, url, _ = amsterdam
    text = invoke(
        url, "score", "PREGWERKL_P", "--period", "2018", "--level", "gebied", "--format", "json"
    )
    assert "NaN" not in text
    rows = json.loads(text)
    assert all(
        set(r) == {"code", "naam", "value", "nap", "nap_source", "spread", "z", "klasse", "reden"}
        for r in rows
    )
    assert not any(isinstance(r["z"], float) and math.isnan(r["z"]) for r in rows)


def test_stadsdelen_extract_skips_not_assignable_z(tmp_path: Path) -> None:
    require_shared()
    store = Store(f"sqlite:///{tmp_path / 'sd.sqlite'}")
    store.upgrade()
    result = import_bbga(
        store,
        BBGA / "bbga_latest_and_greatest-stadsdelen.csv",
        BBGA / "metadata_latest_and_greatest_2019-01.csv",
    )
    assert result.codes_skipped == ["Z"]
    assert sorted(result.areas_created) == ["A", "B", "E", "F", "K", "M", "N", "T"]
    frame = Scorer(store).score("BEVTOTAAL", 2016, "stadsdeel")
    assert len(frame) == 8
    # Stadsdelen 2016 sum to the city (834,713).
    assert frame["value"].sum() == 834_713 == frame["nap"].iloc[0]


def test_published_format_semicolons_decimal_commas_cp1252(tmp_path: Path) -> None:
    """The BBGA as published: ';', decimal commas, Windows-1252, missing markers."""
    path = tmp_path / "bbga.csv"
    text = (
        "jaar;gebiedcode15;variabele;waarde\r\n2018;STAD;X_P;11,0\r\n2018;DX01;X_P;7,5\r\n"
        "2018;DX02;X_P;.\r\n2018;DX03;X_P;14,5\r\n2018;DX04;X_P;\r\n"
    )
    path.write_bytes(text.encode("cp1252"))
    store = Store(f"sqlite:///{tmp_path / 'p.sqlite'}")
    store.upgrade()
    result = import_bbga(store, path)
    assert (result.rows, result.values, result.empty) == (5, 3, 2)
    frame = Scorer(store).score("X_P", 2018, "gebied").set_index("code")
    assert frame.loc["DX01", "value"] == 7.5
    assert frame.loc["DX01", "nap"] == 11.0
    assert frame.loc["DX02", "klasse"] == "geen_gegevens"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "jaar;gebiedcode15;variabele;waarde\n2018;DX01;X_P;zeven\n",
            "rij 2, kolom 'waarde': 'zeven' is geen getal",
        ),
        (
            "jaar;gebiedcode15;variabele;waarde\n2018;DX01;X_P;1\n2018;DX01;X_P;2\n",
            "dubbele regels voor DX01 / X_P / 2018 \\(rijen 2, 3\\)",
        ),
        (
            "jaar;gebiedcode15;variabele;waarde\ntwintig;DX01;X_P;1\n",
            "rij 2, kolom 'jaar': 'twintig' is geen jaartal",
        ),
        ("jaar;code;waarde\n2018;DX01;1\n", "geen BBGA-bestand"),
        ("jaar;gebiedcode15;variabele;waarde\n2018;Onbekend-1;X_P;1\n", "Onbekende gebiedscodes"),
        ("", "leeg"),
    ],
)
def test_bad_bbga_files_change_nothing(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    store = Store(f"sqlite:///{tmp_path / 'b.sqlite'}")
    store.upgrade()
    with pytest.raises(MonitorError, match=message):
        import_bbga(store, path)
    assert store.uploads_frame().empty
    assert store.areas_frame(store.division_id()).empty if _has_division(store) else True


def _has_division(store: Store) -> bool:
    try:
        store.division_id()
    except LookupError:
        return False
    return True
