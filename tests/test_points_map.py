"""Voorzieningen and points on the map: "binnen 500 m" computed by hand on a square, the
demo's voorzieningen loaded and counted, the map's records filtered and kept as plain
text, the buurtprofiel's list, and the Kaart's clustered layers in Chromium (a category
toggled on and off changes the cluster markers; a hostile name stays text)."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from pyproj import Transformer
from typer.testing import CliRunner

from monitor import demo
from monitor.cli import app as cli_app
from monitor.config import PROJECT_ROOT
from monitor.demo.voorzieningen import VOORZIENINGEN_FILE
from monitor.points import check_points, publish_points
from monitor.points_indicators import reach_id
from monitor.points_map import (
    feature_collection,
    point_records,
    select,
    tooltip_labels,
    voorzieningen_near,
)
from monitor.points_reach import reach_shares
from monitor.scoring import Scorer
from monitor.store import Store
from tests.support import SCREENSHOTS, app_server, browser_page

TO_WGS84 = Transformer.from_crs(28992, 4326, always_xy=True)
HOSTILE = '<img src=x onerror="window.__pwned=1">'


def _wgs84(points: list[tuple[str, float, float]]) -> pd.DataFrame:
    """Voorzieningen given in RD New (category, x, y) as the store holds them (lon, lat)."""
    rows = []
    for category, x, y in points:
        lon, lat = TO_WGS84.transform(x, y)
        rows.append({"category": category, "lon": lon, "lat": lat})
    return pd.DataFrame(rows)


def test_reach_on_a_square_by_hand() -> None:
    """A buurt of 1 km × 1 km (1,000,000 m²) in RD New. A huisarts on its south-west
    corner covers a quarter circle: π·500²/4 = 196,350 m² = 19.63%. A school 300 m east of
    its east edge (in the next buurt) covers the circular segment beyond a chord 300 m from
    the centre: 500²·acos(300/500) − 300·√(500² − 300²) = 231,824 − 120,000 = 111,824 m² =
    11.18%. A library 2 km away covers nothing (0%). The buffers are polygons with 64
    sides, so the shares are a little smaller than the exact circle's (the quarter by
    0.16%, the thin segment, mostly arc, by 0.33%)."""
    square = shapely.box(100_000, 450_000, 101_000, 451_000)
    far = shapely.box(105_000, 450_000, 106_000, 451_000)
    buurten = gpd.GeoDataFrame({"id": [1, 2]}, geometry=[square, far], crs=28992)
    voorzieningen = _wgs84(
        [
            ("huisarts", 100_000, 450_000),
            ("basisschool", 101_300, 450_500),
            ("bibliotheek", 103_000, 453_000),
        ]
    )
    found = reach_shares(buurten, voorzieningen).set_index(["area_id", "category"])["share"]
    quarter = math.pi * 500**2 / 4 / 1_000_000 * 100
    segment = (500**2 * math.acos(0.6) - 300 * 400) / 1_000_000 * 100
    assert quarter == pytest.approx(19.635, abs=1e-3)
    assert segment == pytest.approx(11.182, abs=1e-3)
    assert found[(1, "huisarts")] == pytest.approx(quarter, rel=2e-3)
    assert found[(1, "huisarts")] <= quarter
    assert found[(1, "basisschool")] == pytest.approx(segment, rel=5e-3)
    assert found[(1, "basisschool")] <= segment
    assert found[(1, "bibliotheek")] == 0
    assert found[(2, "huisarts")] == found[(2, "basisschool")] == 0
    # The library 2 km north-west of the far square's corner: √(2000² + 2000²) > 500.
    assert found[(2, "bibliotheek")] == 0
    # Two voorzieningen of one category at the same place: the union, not the sum.
    both = _wgs84([("speeltuin", 100_500, 450_500), ("speeltuin", 100_500, 450_500)])
    one = reach_shares(buurten.iloc[:1], both)["share"].iloc[0]
    assert one == pytest.approx(math.pi * 0.25 * 100, rel=2e-3)  # 78.54%, not twice


def test_frame_select_and_plain_text() -> None:
    frame = pd.DataFrame(
        [
            {
                "lon": 4.0,
                "lat": 52.6,
                "category": "afval",
                "datum": "2024-12-03",
                "month": "2024-12",
                "subcategory": None,
                "status": "afgehandeld",
                "handling_days": 4.0,
                "name": None,
                "address": None,
                "buurt": "N01a",
                "buurt_name": "Pareldorp",
            },
            {
                "lon": 4.1,
                "lat": 52.7,
                "category": "verkeer",
                "datum": "2023-01-09",
                "month": "2023-01",
                "subcategory": None,
                "status": None,
                "handling_days": float("nan"),
                "name": HOSTILE,
                "address": "<b>Straat</b> 1",
                "buurt": "N01b",
                "buurt_name": "Beukendorp",
            },
        ]
    )
    assert select(frame, ["afval"]).index.tolist() == [0]
    assert select(frame, None, "2024-01", "2024-12").index.tolist() == [0]
    assert select(frame, ["afval", "verkeer"], "2023-01", "2023-01").index.tolist() == [1]
    assert select(frame, []).empty
    collection, buurten = feature_collection(frame, ["afval", "verkeer"])
    assert buurten == ["Pareldorp (N01a)", "Beukendorp (N01b)"]
    first, second = collection["features"]
    assert first["properties"] == {
        "c": 0,
        "b": 0,
        "d": "2024-12-03",
        "s": "afgehandeld",
        "h": 4.0,
    }
    assert second["geometry"] == {"type": "Point", "coordinates": [4.1, 52.7]}
    # Plain text, as the file said it: the browser puts it in the DOM as text.
    assert second["properties"] == {
        "c": 1,
        "b": 1,
        "d": "2023-01-09",
        "n": HOSTILE,
        "a": "<b>Straat</b> 1",
    }
    assert tooltip_labels("meldingen")["days"] == "afgehandeld in {days} dagen"


@pytest.fixture(scope="module")
def demo_env(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    folder = tmp_path_factory.mktemp("pointsmap")
    url = f"sqlite:///{folder / 'pm.sqlite'}"
    store = Store(url)
    store.upgrade()
    demo.install(store, data_dir=folder / "data")
    store.engine.dispose()
    return url, folder


def _demo_file() -> list[dict[str, str]]:
    with (PROJECT_ROOT / VOORZIENINGEN_FILE).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file, delimiter=";"))


def test_the_demo_loads_voorzieningen_as_upload_4(demo_env) -> None:
    url, _ = demo_env
    store = Store(url)
    uploads = store.uploads_frame().set_index("id")
    assert list(uploads.index) == [1, 2, 3, 4]
    assert uploads.loc[3, "filename"] == "voorbeeldstad-meldingen.csv"
    assert uploads.loc[4, "filename"] == "voorbeeldstad-voorzieningen.csv"
    assert uploads.loc[4, "kind"] == "punten"
    rows = _demo_file()
    found = point_records(store, store.division_id(), "voorzieningen")
    assert len(found["records"]) == len(rows) == 87
    by_category = pd.Series([r["category"] for r in found["records"]]).value_counts().to_dict()
    assert by_category == pd.Series([r["categorie"] for r in rows]).value_counts().to_dict()
    assert by_category == {
        "speeltuin": 30,
        "basisschool": 24,
        "huisarts": 18,
        "sportveld": 10,
        "bibliotheek": 5,
    }
    names = {r["name"] for r in found["records"]}
    assert names == {r["naam"] for r in rows}
    # Points only: the catalogue keeps the demo's 18 indicators.
    assert not any(i.startswith("voorzieningen_") for i in store.indicators_frame()["id"])
    store.engine.dispose()


def test_importing_voorzieningen_scores_reach_and_count(demo_env) -> None:
    """``monitor import punten`` on the demo file: the count per area sums to 87, and the
    reach of one buurt equals the share computed from its own polygon and the points."""
    url, folder = demo_env
    env = {"MONITOR_DATABASE_URL": url, "MONITOR_DATA_DIR": str(folder / "data")}
    path = str(PROJECT_ROOT / VOORZIENINGEN_FILE)
    result = CliRunner().invoke(
        cli_app, ["import", "punten", path, "--soort", "voorzieningen"], env=env
    )
    assert result.exit_code == 0, result.output
    assert "Upload 5: 87 punten opgeslagen" in result.output
    store = Store(url)
    scorer = Scorer(store)
    year = pd.Timestamp.today().year
    counts = scorer.score("voorzieningen_aantal", year, "buurt")
    assert counts["value"].sum() == 87
    assert scorer.score("voorzieningen_aantal", year, "stadsdeel")["value"].sum() == 87
    ind = scorer.indicator(reach_id("huisarts"))
    assert ind.polarity == "hoger-beter" and ind.polarity_source == "catalogus"
    assert "RD New (EPSG:28992)" in ind.definition and "oppervlakte" in ind.definition
    reach = scorer.score(reach_id("huisarts"), year, "buurt").set_index("code")
    assert len(reach) == 90 and reach["value"].between(0, 100).all()
    assert set(reach["klasse"]) <= {"beter", "rond", "slechter", "geen_gegevens"}
    # One buurt by its own geometry: the union of 500 m circles around every huisarts.
    from monitor.area_geometry import areas_geodataframe

    buurten = areas_geodataframe(store, store.division_id(), "buurt", display=False)
    rows = [r for r in _demo_file() if r["categorie"] == "huisarts"]
    located = gpd.GeoSeries(
        shapely.points([float(r["lon"]) for r in rows], [float(r["lat"]) for r in rows]),
        crs=4326,
    ).to_crs(28992)
    near = shapely.union_all(located.buffer(500, quad_segs=16).to_numpy())
    code = reach["value"].idxmax()
    shape = buurten.set_index("code").to_crs(28992).geometry[code]
    expected = shape.intersection(near).area / shape.area * 100
    assert reach.loc[code, "value"] == pytest.approx(expected, abs=0.05)
    assert reach.loc[code, "value"] > 0
    store.engine.dispose()


def test_voorzieningen_near_a_buurt(demo_env) -> None:
    url, _ = demo_env
    store = Store(url)
    division = store.division_id()
    near = voorzieningen_near(store, division, "O05c", "buurt")
    assert len(near) >= 1
    assert near["distance"].is_monotonic_increasing and (near["distance"] <= 500).all()
    inside = near[near["inside"]]
    assert (inside["buurt"] == "O05c").all() and (inside["distance"] == 0).all()
    store.engine.dispose()


@pytest.mark.browser
def test_kaart_toggles_categories_and_clusters_change(demo_env) -> None:
    url, folder = demo_env
    # A voorziening whose name is markup: the tooltip shows it as text, runs nothing.
    hostile = folder / "vijandig.csv"
    hostile.write_text(
        f"categorie;naam;adres;lat;lon\nwijkcentrum;{HOSTILE};Straat 1;52.68948;3.93626\n"
    )
    store = Store(url)
    checked = check_points(store, hostile, "voorzieningen", demo.DIVISION)
    publish_points(store, checked, uploader="test", data_dir=folder / "data", indicators=False)
    meldingen = pd.read_csv(PROJECT_ROOT / demo.MELDINGEN_FILE, sep=";")
    afval = int((meldingen["categorie"] == "afval").sum())
    verkeer = int((meldingen["categorie"] == "verkeer").sum())
    december = int(
        ((meldingen["categorie"] == "verkeer") & meldingen["datum"].str.startswith("2024-12")).sum()
    )
    store.engine.dispose()

    SCREENSHOTS.mkdir(exist_ok=True)
    total = """() => {
        const clusters = [...document.querySelectorAll('.punten-cluster-meldingen')]
            .reduce((n, el) => n + parseInt(el.getAttribute('title'), 10), 0);
        return clusters + document.querySelectorAll('path.punt-meldingen').length;
    }"""
    with app_server(url, {"MONITOR_TILE_URL": ""}) as base, browser_page() as page:
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.set_viewport_size({"width": 1400, "height": 900})
        page.goto(f"{base}/?indicator=werkloosheid_p&jaar=2024&niveau=buurt")
        page.wait_for_selector("#kaart-legend .legend-item")
        page.wait_for_function("document.querySelectorAll('path.leaflet-interactive').length == 90")
        page.wait_for_timeout(1500)  # flyToBounds: all of the city in view
        assert page.locator(".punten-cluster").count() == 0  # the map opens on the colours
        assert "0 meldingen en 0 voorzieningen" in page.inner_text("#kaart-punten-shown")

        page.check("#kaart-punten-meldingen-categories input[value=afval]")
        page.wait_for_function(f"({total})() == {afval}")
        assert page.locator(".punten-cluster-meldingen").count() > 5
        assert f"{afval} meldingen" in page.inner_text("#kaart-punten-shown")

        page.check("#kaart-punten-meldingen-categories input[value=verkeer]")
        page.wait_for_function(f"({total})() == {afval + verkeer}")
        page.uncheck("#kaart-punten-meldingen-categories input[value=afval]")
        page.wait_for_function(f"({total})() == {verkeer}")

        page.locator("#kaart-punten-van").click()
        page.get_by_role("option", name="2024-12", exact=True).click()
        page.locator("#kaart-punten-tot").click()
        page.get_by_role("option", name="2024-12", exact=True).click()
        page.wait_for_function(f"({total})() == {december}")

        page.check("#kaart-punten-voorzieningen-categories input[value=huisarts]")
        page.wait_for_selector(".punten-cluster-voorzieningen, path.punt-voorzieningen")
        page.screenshot(path=str(SCREENSHOTS / "kaart-punten.png"))
        # The hostile voorziening is the only one of its category: alone at any zoom.
        page.uncheck("#kaart-punten-voorzieningen-categories input[value=huisarts]")
        page.check("#kaart-punten-voorzieningen-categories input[value=wijkcentrum]")
        page.wait_for_function(
            "document.querySelectorAll('path.punt-voorzieningen').length == 1"
            " && !document.querySelector('.punten-cluster-voorzieningen')"
        )
        marker = page.locator("path.punt-voorzieningen")
        assert HOSTILE in marker.get_attribute("aria-label")
        marker.hover(force=True)
        tooltip = page.locator(".leaflet-tooltip .punt-tooltip")
        tooltip.wait_for()
        assert HOSTILE in tooltip.inner_text() and "Straat 1" in tooltip.inner_text()
        assert tooltip.locator("img").count() == 0
        page.screenshot(path=str(SCREENSHOTS / "kaart-punten-tooltip.png"))
        assert page.evaluate("window.__pwned") is None

        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(f"{base}/?indicator=werkloosheid_p&jaar=2024&niveau=buurt")
        page.wait_for_selector("#kaart-legend .legend-item")
        page.check("#kaart-punten-voorzieningen-categories input[value=speeltuin]")
        page.wait_for_selector(".punten-cluster-voorzieningen, path.punt-voorzieningen")
        page.wait_for_timeout(1500)
        page.screenshot(path=str(SCREENSHOTS / "kaart-punten-phone.png"), full_page=True)

        page.set_viewport_size({"width": 1400, "height": 900})
        page.goto(f"{base}/profiel?gebied=O05c")
        page.wait_for_selector("#profiel-voorzieningen li")
        assert "in de buurt" in page.inner_text("#profiel-voorzieningen")
        page.locator("#profiel-voorzieningen").screenshot(
            path=str(SCREENSHOTS / "profiel-voorzieningen.png")
        )
        assert errors == []
