"""Open data for any gemeente, offline: the PDOK wijk- en buurtkaart and the CBS
Kerncijfers wijken en buurten from a local stand-in server (``tests/opendata_stand_in.py``)
serving recorded fixtures in the real formats (``tests/pdok/wijken-en-buurten-2024/``,
``tests/cbs/``), and from downloaded files. Two gemeenten, three buurten each; every buurt
is scored against its own gemeente (docs/method.md), computed by hand below."""

from __future__ import annotations

import json
import math
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from typer.testing import CliRunner

from monitor.cli import app as cli_app
from monitor.connectors import import_kwb, import_wijkenbuurten, start_gemeente
from monitor.connectors.kwb import _cell, gemeente_filter, load_catalogue, stable_name
from monitor.errors import MonitorError
from monitor.scoring.read import Scores
from monitor.store import Store
from tests.opendata_stand_in import opendata_stand_in

HERE = Path(__file__).resolve().parent
PDOK = HERE / "pdok" / "wijken-en-buurten-2024"
KWB_CSV = HERE / "cbs" / "85984NED-kwb-2024.csv"
AMSTERDAM = ["BU03630000", "BU03630001", "BU03630002"]
ROTTERDAM = ["BU05990110", "BU05990111", "BU05990112"]
TWO = ["GM0363", "GM0599"]


def _pdok_url(base: str) -> str:
    return f"{base}/pdok/wijken-en-buurten-2024/ogc/v1"


def _areas(store: Store) -> pd.DataFrame:
    return store.areas_frame(store.division_id("wijken-en-buurten-2024")).set_index("code")


def _load_areas(store: Store, base: str, tmp_path: Path) -> None:
    import_wijkenbuurten(store, 2024, TWO, url=_pdok_url(base), data_dir=tmp_path)


def test_pdok_api_loads_two_gemeenten_with_parents_from_the_codes(
    store: Store, tmp_path: Path
) -> None:
    with opendata_stand_in() as (base, received):
        result = import_wijkenbuurten(store, 2024, TWO, url=_pdok_url(base), data_dir=tmp_path)
    areas = _areas(store)
    assert sorted(areas.index[areas["level"] == "buurt"]) == AMSTERDAM + ROTTERDAM
    assert areas.loc[TWO, "name"].tolist() == ["Amsterdam", "Rotterdam"]
    assert areas.loc["WK036300", ["name", "gemeente_code"]].tolist() == [
        "Burgwallen-Oude Zijde",
        "GM0363",
    ]
    assert areas.loc[AMSTERDAM, "wijk_code"].eq("WK036300").all()
    assert areas.loc[AMSTERDAM, "gemeente_code"].eq("GM0363").all()
    assert areas.loc[ROTTERDAM, "wijk_code"].eq("WK059901").all()
    assert areas.loc[ROTTERDAM, "gemeente_code"].eq("GM0599").all()
    assert "BU03630099" not in areas.index  # only water
    assert result.levels["buurt"] == {"inserted": 6, "updated": 0, "water": 1}
    assert result.levels["gemeente"]["water"] == 2
    # Paging: Amsterdam's four buurten came in two pages of two, through the next link.
    pages = [r for r in received if "/collections/buurten/" in r and "GM0363" in r]
    assert len(pages) == 2 and "cursor=2" in pages[1], pages
    # Downloads are cached with their URL and date.
    metas = [json.loads(p.read_text()) for p in (tmp_path / "downloads").glob("*.meta.json")]
    assert any("/collections/buurten/items" in m["url"] for m in metas)
    assert all(m["opgehaald"][:4] >= "2024" for m in metas)


def test_a_second_gemeente_keeps_the_first(store: Store, tmp_path: Path) -> None:
    with opendata_stand_in() as (base, _):
        import_wijkenbuurten(store, 2024, ["GM0599"], url=_pdok_url(base), data_dir=tmp_path)
        import_wijkenbuurten(store, 2024, ["0363"], url=_pdok_url(base), data_dir=tmp_path)
    areas = _areas(store)
    assert sorted(areas.index[areas["level"] == "gemeente"]) == TWO
    assert areas.loc[ROTTERDAM, "gemeente_code"].eq("GM0599").all()
    assert areas.loc[AMSTERDAM, "gemeente_code"].eq("GM0363").all()


def _frames() -> dict[str, gpd.GeoDataFrame]:
    return {
        name: gpd.read_file(PDOK / f"{name}.json").to_crs("EPSG:28992")
        for name in ("gemeenten", "wijken", "buurten")
    }


def test_a_downloaded_geopackage_gives_the_same_areas(store: Store, tmp_path: Path) -> None:
    package = tmp_path / "wijkenbuurten_2024_v1.gpkg"
    for name, frame in _frames().items():
        frame.to_file(package, layer=name, driver="GPKG")
    import_wijkenbuurten(store, 2024, bestand=[package])
    areas = _areas(store)
    assert sorted(areas.index[areas["level"] == "buurt"]) == AMSTERDAM + ROTTERDAM
    assert areas.loc[ROTTERDAM, "wijk_code"].eq("WK059901").all()
    assert areas.loc[AMSTERDAM, "gemeente_code"].eq("GM0363").all()


def test_a_buurten_file_alone_makes_its_wijken_and_gemeenten(store: Store, tmp_path: Path) -> None:
    buurten = tmp_path / "buurten.geojson"
    _frames()["buurten"].to_file(buurten, driver="GeoJSON")
    import_wijkenbuurten(store, 2024, ["GM0599"], bestand=[buurten])
    areas = _areas(store)
    assert sorted(areas.index) == [*ROTTERDAM, "GM0599", "WK059901"]
    assert areas.loc["GM0599", "name"] == "Rotterdam"
    assert areas.loc["WK059901", "gemeente_code"] == "GM0599"


def _scores(store: Store, indicator: str, level: str = "buurt") -> pd.DataFrame:
    return Scores(store).frame(indicator, 2024, level).set_index("code")


def _check_low_income(store: Store) -> None:
    """Persons in poverty (``PersonenInArmoede``, lager-beter), scored per gemeente.

    Amsterdam: stadswaarde 10.0; buurten 6.0, 10.5, 16.0; sd (ddof 0) = √(50.1667/3).
    z = −0.98 (beter), 0.12 (rond), 1.47 (slechter).
    Rotterdam: stadswaarde 15.0; buurten 14.0, 22.0 and one secret ('x'); sd of 14 and
    22 = 4; z = −0.25 (rond), 1.75 (slechter); the secret one has no colour."""
    frame = _scores(store, "kwb_armoede_p")
    sd_a = math.sqrt(((6 - 65 / 6) ** 2 + (10.5 - 65 / 6) ** 2 + (16 - 65 / 6) ** 2) / 3)
    assert frame.loc[AMSTERDAM, "nap"].tolist() == pytest.approx([10.0] * 3)
    assert frame.loc[AMSTERDAM, "spread"].tolist() == pytest.approx([sd_a] * 3)
    assert frame.loc[AMSTERDAM, "z"].tolist() == pytest.approx([-4 / sd_a, 0.5 / sd_a, 6 / sd_a])
    assert frame.loc[AMSTERDAM, "klasse"].tolist() == ["beter", "rond", "slechter"]
    assert frame.loc[ROTTERDAM[:2], "nap"].tolist() == pytest.approx([15.0, 15.0])
    assert frame.loc[ROTTERDAM[:2], "spread"].tolist() == pytest.approx([4.0, 4.0])
    assert frame.loc[ROTTERDAM[:2], "z"].tolist() == pytest.approx([-0.25, 1.75])
    assert frame.loc[ROTTERDAM, "klasse"].tolist() == ["rond", "slechter", "geen_gegevens"]
    assert frame.loc[AMSTERDAM, "referentie"].eq("Amsterdam").all()
    assert frame.loc[ROTTERDAM, "referentie"].eq("Rotterdam").all()


def test_kwb_api_loads_two_gemeenten_each_buurt_against_its_own(
    store: Store, tmp_path: Path
) -> None:
    with opendata_stand_in() as (base, received):
        _load_areas(store, base, tmp_path)
        result = import_kwb(store, 2024, TWO, url=f"{base}/cbs/ODataApi/odata", data_dir=tmp_path)
    _check_low_income(store)
    odata = [r for r in received if "/TypedDataSet" in r]
    assert "startswith(WijkenEnBuurten,'BU0599')" in odata[0]
    assert any("%24skip=4" in r or "$skip=4" in r for r in odata[1:]), odata  # next link
    assert result.gemeenten == TWO
    assert result.unknown_codes == ["BU03630099"]  # water only: no area, skipped
    assert "85984NED" in result.source and "TypedDataSet" in result.source
    income = _scores(store, "kwb_inkomen_inwoner")
    assert income.loc["BU03630000", "value"] == 30000  # x 1 000 euro → euro
    history = store.measurement_history(
        int(_areas(store).loc["BU03630000", "id"]), "kwb_armoede_p", 2024
    )
    assert "85984NED" in str(history.iloc[0].to_dict())


def test_kwb_v4_next_links_are_followed(store: Store, tmp_path: Path) -> None:
    with opendata_stand_in() as (base, received):
        _load_areas(store, base, tmp_path)
        result = import_kwb(
            store, 2024, TWO, url=f"{base}/cbs-v4/ODataApi/odata", data_dir=tmp_path
        )
    assert len([r for r in received if "/cbs-v4/" in r]) == 3  # 11 rows, 4 a page
    assert result.gemeenten == TWO
    _check_low_income(store)


def test_a_kwb_csv_as_downloaded_imports_without_editing(store: Store, tmp_path: Path) -> None:
    """Quoted, ';', right-padded codes and names, numbered field names, '.' and 'x'."""
    assert '"GM0363    "' in KWB_CSV.read_text() and "AantalInwoners_5" in KWB_CSV.read_text()
    with opendata_stand_in() as (base, _):
        _load_areas(store, base, tmp_path)
    result = import_kwb(store, 2024, bestand=KWB_CSV, data_dir=tmp_path)
    assert result.skipped_land == 1  # Nederland
    assert result.secret == 1
    assert result.gemeenten == TWO
    _check_low_income(store)
    frame = _scores(store, "kwb_armoede_p")
    assert pd.isna(frame.loc["BU05990112", "value"])
    koop = _scores(store, "kwb_koopwoningen_p")  # neutral: meer / rond / minder
    assert set(koop["klasse"]) <= {"meer", "rond", "minder"}


def test_kwb_without_boundaries_says_what_to_do(store: Store, tmp_path: Path) -> None:
    from monitor.areas import import_areas

    other = tmp_path / "other.geojson"
    other.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"code": "A1", "naam": "A"},
                        "geometry": {
                            "type": "Polygon",
                            "coordinates": [[[4, 52], [4.01, 52], [4.01, 52.01], [4, 52]]],
                        },
                    }
                ],
            }
        )
    )
    import_areas(store, other, "buurt", "code", "naam", gemeente="Elders")
    with pytest.raises(MonitorError, match="monitor import pdok-wijkenbuurten"):
        import_kwb(store, 2024, bestand=KWB_CSV, data_dir=tmp_path)


def test_the_kwb_quirks_are_read_as_cbs_means_them() -> None:
    assert stable_name("AantalInwoners_5") == "AantalInwoners"
    assert stable_name("k_65JaarOfOuder_12") == "k_65JaarOfOuder"
    assert stable_name("ID") == "ID"
    assert [_cell(v, 1) for v in ("    12.5", "       .", "x", None, 7)] == [
        "12.5",
        "",
        "x",
        "",
        "7",
    ]
    assert _cell("   35.0", 1000) == "35000"
    assert gemeente_filter(["GM0363"]) == (
        "startswith(WijkenEnBuurten,'GM0363') or startswith(WijkenEnBuurten,'WK0363') "
        "or startswith(WijkenEnBuurten,'BU0363') or startswith(WijkenEnBuurten,'NL')"
    )


def test_the_kwb_catalogue_is_fair() -> None:
    """Make-up (age, households, housing stock) is neutral, counts are not coloured, only
    income outcomes have a direction."""
    kwb = load_catalogue()
    polarity = {i.id: i.polarity for i in kwb.catalog.indicators}
    assert 10 <= len(polarity) <= 17
    assert polarity["kwb_koopwoningen_p"] == "neutraal"
    assert polarity["kwb_huishoudensgrootte"] == "neutraal"
    assert polarity["kwb_laag_inkomen_p"] == "lager-beter"
    assert polarity["kwb_armoede_p"] == "lager-beter"
    assert polarity["kwb_inkomen_inwoner"] == "hoger-beter"
    counts = [i for i in kwb.catalog.indicators if i.unit == "aantal"]
    assert counts and all(i.polarity == "geen" for i in counts)
    assert {f.indicator for f in kwb.fields} == set(polarity)


def test_start_gemeente_from_the_command_line(tmp_path: Path) -> None:
    env = {
        "MONITOR_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite'}",
        "MONITOR_DATA_DIR": str(tmp_path / "data"),
    }
    runner = CliRunner()
    assert runner.invoke(cli_app, ["init"], env=env).exit_code == 0
    with opendata_stand_in() as (base, _):
        answer = runner.invoke(
            cli_app,
            [
                "start-gemeente",
                "GM0599",
                "--url-pdok",
                _pdok_url(base),
                "--url-cbs",
                f"{base}/cbs/ODataApi/odata",
            ],
            env=env,
        )
    assert answer.exit_code == 0, (answer.output, answer.exception)
    assert "GM0599" in answer.output and "wijken-en-buurten-2024" in answer.output
    store = Store(env["MONITOR_DATABASE_URL"])
    try:
        assert store.get_setting("active_division") == "wijken-en-buurten-2024"
        frame = Scores(store).frame("kwb_armoede_p", 2024, "buurt").set_index("code")
        assert frame.loc[ROTTERDAM, "klasse"].tolist() == ["rond", "slechter", "geen_gegevens"]
        assert list(frame.index) == ROTTERDAM
    finally:
        store.engine.dispose()


def test_start_gemeente_offline_from_downloaded_files(store: Store, tmp_path: Path) -> None:
    package = tmp_path / "wijkenbuurten_2024_v1.gpkg"
    for name, frame in _frames().items():
        frame.to_file(package, layer=name, driver="GPKG")
    result = start_gemeente(
        store, "GM0363", bestand_pdok=[package], bestand_cbs=KWB_CSV, data_dir=tmp_path
    )
    assert result.others == []
    frame = _scores(store, "kwb_armoede_p")
    assert frame.loc[AMSTERDAM, "klasse"].tolist() == ["beter", "rond", "slechter"]


def test_a_server_without_the_gemeente_filter_is_asked_for_everything(
    store: Store, tmp_path: Path
) -> None:
    with opendata_stand_in() as (base, received):
        url = f"{base}/pdok-strict/wijken-en-buurten-2024/ogc/v1"
        import_wijkenbuurten(store, 2024, ["GM0599"], url=url, data_dir=tmp_path)
    areas = _areas(store)
    assert sorted(areas.index) == [*ROTTERDAM, "GM0599", "WK059901"]
    assert any("gemeentecode" not in r and "/buurten/" in r for r in received)


def _renumbered(name: str) -> str:
    """``AantalInwoners_5`` → ``AantalInwoners_7``: as another year's table numbers it."""
    stem, _, number = name.rpartition("_")
    return f"{stem}_{int(number) + 2}" if stem and number.isdigit() else name


def test_a_saved_json_answer_and_other_years_numbers_read_the_same(
    store: Store, tmp_path: Path
) -> None:
    """Another year numbers its fields differently (``AantalInwoners_7``): the same import."""
    answer = json.loads((HERE / "cbs" / "85984NED-TypedDataSet.json").read_text())
    renumbered = [{_renumbered(k): v for k, v in row.items()} for row in answer["value"]]
    assert "AantalInwoners_7" in renumbered[0] and "AantalInwoners_5" not in renumbered[0]
    saved = tmp_path / "85984NED.json"
    saved.write_text(json.dumps({"value": renumbered}))
    with opendata_stand_in() as (base, _):
        _load_areas(store, base, tmp_path)
    result = import_kwb(store, 2024, ["GM0363"], bestand=saved, data_dir=tmp_path)
    assert result.gemeenten == ["GM0363"]
    # The 2024 table has PersonenInArmoede instead of these two (tests/cbs/README.md).
    missing = ["HuishoudensMetEenLaagInkomen", "HuishOnderOfRondSociaalMinimum"]
    assert result.fields_missing == missing
    frame = _scores(store, "kwb_armoede_p")
    assert frame.loc[AMSTERDAM, "klasse"].tolist() == ["beter", "rond", "slechter"]
    assert frame.loc[ROTTERDAM, "value"].isna().all()  # not asked for


def test_without_next_links_full_pages_are_followed_by_skip(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CBS answers at most 10,000 rows a query: a full page asks the next $skip."""
    from monitor.connectors import kwb

    monkeypatch.setattr(kwb, "PAGE_ROWS", 4)
    with opendata_stand_in() as (base, received):
        _load_areas(store, base, tmp_path)
        result = import_kwb(store, 2024, url=f"{base}/cbs-top/ODataApi/odata", data_dir=tmp_path)
    asked = [r for r in received if "/cbs-top/" in r]
    # 12 rows: three full pages, then an empty one ends it.
    assert [a.rsplit("skip=", 1)[-1] if "skip=" in a else "0" for a in asked] == [
        "0",
        "4",
        "8",
        "12",
    ], asked
    assert result.skipped_land == 1 and result.gemeenten == TWO
    _check_low_income(store)


def test_a_kaart_of_an_older_year_with_its_field_names(store: Store, tmp_path: Path) -> None:
    """Before 2021 the kaart wrote BU_CODE, BU_NAAM, WK_CODE, GM_CODE, GM_NAAM, WATER."""
    old = _frames()["buurten"].rename(
        columns={
            "buurtcode": "BU_CODE",
            "buurtnaam": "BU_NAAM",
            "wijkcode": "WK_CODE",
            "gemeentecode": "GM_CODE",
            "gemeentenaam": "GM_NAAM",
            "water": "WATER",
        }
    )
    path = tmp_path / "buurt_2019.gpkg"
    old.to_file(path, layer="buurt_2019", driver="GPKG")
    result = import_wijkenbuurten(store, 2019, bestand=[path])
    areas = store.areas_frame(store.division_id("wijken-en-buurten-2019")).set_index("code")
    assert sorted(areas.index[areas["level"] == "buurt"]) == AMSTERDAM + ROTTERDAM
    assert areas.loc["GM0599", "name"] == "Rotterdam"
    assert areas.loc["BU03630000", "name"] == "Kop Zeedijk"
    assert result.levels["buurt"]["water"] == 1
