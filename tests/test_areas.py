"""Area import: hierarchy, parent completion, display geometry, file formats, errors."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
import sqlalchemy as sa

from monitor.area_geometry import area_geojson, areas_geodataframe
from monitor.areas import (
    import_areas,
    read_area_file,
    resolve_codes,
    write_areas,
)
from monitor.errors import MonitorError
from monitor.store import Store, areas, divisions

AMS = Path("amsterdam") / "gebiedsindeling_2015"


def import_amsterdam(store: Store, data: Path, wijken_before_buurten: bool = True) -> dict:
    """Import the four 2015 Amsterdam levels; returns the write result per level."""
    folder = data / AMS
    steps = {
        "stadsdeel": ("GEBIED_STADSDELEN.json", "Stadsdeel_code", "Stadsdeel", None),
        "gebied": ("gebieden.json", "Gebied_code", "Gebied", {"stadsdeel": "Stadsdeel_code"}),
        "wijk": (
            "GEBIED_BUURTCOMBINATIES.json",
            "Buurtcombinatie_code",
            "Buurtcombinatie",
            {"stadsdeel": "Stadsdeel_code"},
        ),
        "buurt": (
            "GEBIED_BUURTEN.json",
            "Buurt_code",
            "Buurt",
            {"wijk": "Buurtcombinatie_code", "stadsdeel": "Stadsdeel_code"},
        ),
    }
    order = ["stadsdeel", "gebied", "wijk", "buurt"]
    if not wijken_before_buurten:  # buurten first get no gebied: gebieden are not there yet
        order = ["stadsdeel", "buurt", "gebied", "wijk"]
    results = {}
    for level in order:
        name, code, label, parents = steps[level]
        results[level] = import_areas(
            store, folder / name, level, code, label, parents, division="gebiedcode15",
            gemeente="Amsterdam",
        )  # fmt: skip
    return results


def snapshot(store: Store) -> tuple:
    """Everything area-related in the store, to prove a failed import changed nothing."""
    with store.engine.connect() as conn:
        return (
            conn.execute(sa.select(divisions.c.id, divisions.c.name)).all(),
            conn.execute(sa.select(areas).order_by(areas.c.id)).all(),
        )


def squares(cells: dict[str, tuple[float, float, float, float]], **extra) -> gpd.GeoDataFrame:
    """Rectangles given in km offsets from a point in Amsterdam (RD New), as WGS84."""
    x0, y0 = 120_000, 485_000
    geoms = [
        shapely.box(x0 + a * 1000, y0 + b * 1000, x0 + c * 1000, y0 + d * 1000)
        for a, b, c, d in cells.values()
    ]
    frame = gpd.GeoDataFrame(
        {"code": list(cells), "name": [f"Gebied {c}" for c in cells], **extra},
        geometry=geoms,
        crs="EPSG:28992",
    )
    return frame.to_crs("EPSG:4326")


# -- real Amsterdam data ---------------------------------------------------------------


@pytest.mark.shared
def test_amsterdam_hierarchy(store: Store, shared_data: Path) -> None:
    results = import_amsterdam(store, shared_data)
    assert {lvl: r["inserted"] for lvl, r in results.items()} == {
        "stadsdeel": 8, "gebied": 23, "wijk": 99, "buurt": 481,
    }  # fmt: skip
    assert results["wijk"]["parents_by_overlay"] == 99
    assert results["buurt"]["parents_by_overlay"] == 0  # gebied came from the wijk chain
    division_id = store.division_id("gebiedcode15")
    frame = store.areas_frame(division_id)
    counts = frame["level"].value_counts().to_dict()
    assert counts == {"buurt": 481, "wijk": 99, "gebied": 23, "stadsdeel": 8, "gemeente": 1}
    assert (frame["gemeente_code"] == "STAD").all()
    assert frame.loc[frame["level"] == "gemeente", "name"].tolist() == ["Amsterdam"]

    gebieden = frame[frame["level"] == "gebied"].set_index("code")
    wijken = frame[frame["level"] == "wijk"].set_index("code")
    assert wijken["gebied_code"].isin(gebieden.index).all()
    gebied_stadsdeel = wijken["gebied_code"].map(gebieden["stadsdeel_code"])
    assert (gebied_stadsdeel == wijken["stadsdeel_code"]).all()
    assert wijken.loc["A00", "gebied_code"] == "DX01"
    assert wijken.loc["M50", "gebied_code"] == "DX16"  # overlaps its gebied by only 2%
    assert wijken.loc["B10", "gebied_code"] == "Dxxx"  # Westpoort

    buurten = frame[frame["level"] == "buurt"].set_index("code")
    parent_cols = ["wijk_code", "gebied_code", "stadsdeel_code", "gemeente_code"]
    assert buurten[parent_cols].notna().all().all()
    assert buurten.loc["A00a", parent_cols].tolist() == ["A00", "DX01", "A", "STAD"]
    assert buurten.loc["M50a", parent_cols].tolist() == ["M50", "DX16", "M", "STAD"]
    # Holendrecht lies in gebied Gaasperdam, Driemond.
    assert buurten.loc["T96a", ["wijk_code", "gebied_code"]].tolist() == ["T96", "DX22"]
    assert (buurten["wijk_code"].map(wijken["gebied_code"]) == buurten["gebied_code"]).all()


@pytest.mark.shared
def test_parents_propagate_down_when_wijken_come_last(store: Store, shared_data: Path) -> None:
    results = import_amsterdam(store, shared_data, wijken_before_buurten=False)
    assert results["wijk"]["propagated"] == 481
    buurten = store.areas_frame(store.division_id("gebiedcode15"), "buurt").set_index("code")
    assert buurten["gebied_code"].notna().all()
    assert buurten.loc["A00a", "gebied_code"] == "DX01"


@pytest.mark.shared
def test_display_geometry_keeps_neighbours_touching(store: Store, shared_data: Path) -> None:
    path = shared_data / AMS / "GEBIED_BUURTEN.json"
    result = import_areas(store, path, "buurt", "Buurt_code", "Buurt")
    assert result["warnings"] == []
    division_id = result["division_id"]
    full = areas_geodataframe(store, division_id, "buurt", display=False)
    shown = areas_geodataframe(store, division_id, "buurt", display=True)
    assert list(full["code"]) == list(shown["code"]) and len(full) == 481

    left, right = shapely.STRtree(full.geometry.values).query(
        full.geometry.values, predicate="touches"
    )
    pairs = left < right
    assert pairs.sum() > 1000
    display = shown.geometry.values
    assert shapely.intersects(display[left[pairs]], display[right[pairs]]).all()
    assert shapely.is_valid(display).all()

    n_full = shapely.get_num_coordinates(full.geometry.values).sum()
    n_shown = shapely.get_num_coordinates(display).sum()
    assert n_shown < n_full
    coords = shapely.get_coordinates(display) * 1e5
    assert np.allclose(coords, np.round(coords), atol=1e-6)

    # Area and label point come from the full geometry, in metres.
    assert full["area_m2"].sum() == pytest.approx(219.5e6, rel=0.02)
    labels = gpd.points_from_xy(full["label_lon"], full["label_lat"])
    assert shapely.contains(full.geometry.values, labels).all()

    geojson = area_geojson(store, division_id, "buurt")
    assert len(geojson["features"]) == 481
    assert set(geojson["features"][0]["properties"]) == {"code", "name"}


@pytest.mark.shared
@pytest.mark.filterwarnings("ignore:.*(truncated|laundered)")
def test_rd_new_shapefile_and_geopackage(store: Store, shared_data: Path, tmp_path: Path) -> None:
    original = gpd.read_file(shared_data / AMS / "GEBIED_STADSDELEN.json")
    rd = original.to_crs("EPSG:28992")
    rd.to_file(tmp_path / "rd.geojson", driver="GeoJSON")
    rd.to_file(tmp_path / "rd.shp")  # field names are cut to 10 characters
    rd.to_file(tmp_path / "rd.gpkg", layer="stadsdelen", driver="GPKG")
    variants = {
        "geojson": (tmp_path / "rd.geojson", "Stadsdeel_code", None),
        "shp": (tmp_path / "rd.shp", "Stadsdeel_", None),
        "gpkg": (tmp_path / "rd.gpkg", "Stadsdeel_code", "stadsdelen"),
    }
    expected = original.set_index("Stadsdeel_code").to_crs("EPSG:28992").geometry
    for name, (path, code_field, layer) in variants.items():
        result = import_areas(
            store, path, "stadsdeel", code_field, "Stadsdeel", division=name, layer=layer
        )
        assert result["inserted"] == 8
        stored = areas_geodataframe(store, result["division_id"], "stadsdeel", display=False)
        assert stored.crs.to_epsg() == 4326
        stored = stored.set_index("code").to_crs("EPSG:28992").geometry
        distances = shapely.hausdorff_distance(stored.values, expected.loc[stored.index].values)
        assert distances.max() < 1.0, name
    with pytest.raises(MonitorError, match=r"Laag 'wijken' bestaat niet.*lagen: stadsdelen"):
        read_area_file(tmp_path / "rd.gpkg", "wijk", "Stadsdeel_code", "Stadsdeel", layer="wijken")


@pytest.mark.shared
def test_reimport_updates_in_place(store: Store, shared_data: Path) -> None:
    path = shared_data / AMS / "gebieden.json"
    first = import_areas(store, path, "gebied", "Gebied_code", "Gebied")
    before = store.areas_frame(first["division_id"]).set_index("code")["id"]
    frame = read_area_file(path, "gebied", "Gebied_code", "Gebied")
    frame.loc[frame["code"] == "DX01", "name"] = "Centrum-West (nieuw)"
    second = write_areas(store, frame, "gebied")
    assert second["division_id"] == first["division_id"]  # the newest division is the default
    assert (second["inserted"], second["updated"]) == (0, 23)
    after = store.areas_frame(first["division_id"]).set_index("code")
    assert after["id"].sort_index().equals(before.sort_index())
    assert after.loc["DX01", "name"] == "Centrum-West (nieuw)"


# -- synthetic data ----------------------------------------------------------------------


def test_overlay_and_chain_without_fields(store: Store) -> None:
    write_areas(store, squares({"S1": (0, 0, 4, 2)}), "stadsdeel")
    gebieden = squares({"G1": (0, 0, 2, 2), "G2": (2, 0, 4, 2)}, stadsdeel_code=["S1", "S1"])
    write_areas(store, gebieden, "gebied")
    # W2 sticks out of G2 by a sliver: still clearly in G2.
    result = write_areas(store, squares({"W1": (0, 0, 2, 1), "W2": (2, 0, 4.05, 1)}), "wijk")
    assert result["parents_by_overlay"] == 2
    wijken = store.areas_frame(result["division_id"], "wijk").set_index("code")
    assert wijken.loc["W2", ["gebied_code", "stadsdeel_code"]].tolist() == ["G2", "S1"]
    assert result["division"] == "standaard"


def test_gemeente_boundary_replaces_placeholder(store: Store) -> None:
    first = write_areas(store, squares({"S1": (0, 0, 1, 1), "S2": (1, 0, 2, 1)}), "stadsdeel")
    placeholder = store.areas_frame(first["division_id"], "gemeente")
    assert placeholder[["code", "name"]].values.tolist() == [["STAD", "Gemeente"]]
    city = squares({"0363": (0, 0, 2, 1)}).assign(name="Amsterdam")
    result = write_areas(store, city, "gemeente", division=first["division"])
    assert (result["inserted"], result["updated"]) == (0, 1)
    frame = store.areas_frame(first["division_id"])
    gemeente = frame[frame["level"] == "gemeente"]
    assert gemeente[["id", "code", "name"]].values.tolist() == [
        [placeholder["id"].iloc[0], "0363", "Amsterdam"]
    ]
    assert (frame["gemeente_code"] == "0363").all()
    assert store.division(first["division_id"])["gemeente"] == "Amsterdam"
    shown = areas_geodataframe(store, first["division_id"], "gemeente")
    assert shown.geometry.iloc[0].area > 0


def test_ambiguous_overlay_is_refused(store: Store) -> None:
    write_areas(store, squares({"G1": (0, 0, 1, 1), "G2": (1, 0, 2, 1)}), "gebied")
    before = snapshot(store)
    split = squares({"W1": (0, 0, 0.5, 1), "W9": (0.5, 0, 1.5, 1)})
    with pytest.raises(MonitorError, match=r"W9 \(50%/50%\)") as err:
        write_areas(store, split, "wijk")
    assert "W1" not in str(err.value)
    assert snapshot(store) == before


def test_child_outside_every_parent_is_refused(store: Store) -> None:
    write_areas(store, squares({"G1": (0, 0, 1, 1)}), "gebied")
    before = snapshot(store)
    with pytest.raises(MonitorError, match="Deze wijken overlappen met geen van de gebieden: W5"):
        write_areas(store, squares({"W5": (3, 3, 4, 4)}), "wijk")
    assert snapshot(store) == before


def test_missing_field_lists_available_fields(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "wijken.geojson"
    squares({"W1": (0, 0, 1, 1)}).rename(columns={"name": "naam"}).to_file(path)
    with pytest.raises(MonitorError, match=r"'name' niet gevonden.*velden: code, naam"):
        import_areas(store, path, "wijk", "code", "name")
    assert snapshot(store) == ([], [])


def test_duplicate_codes_are_refused(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "wijken.geojson"
    frame = squares({"W1": (0, 0, 1, 1), "W2": (1, 0, 2, 1), "W3": (2, 0, 3, 1)})
    frame.loc[2, "code"] = "W1"
    frame.to_file(path)
    with pytest.raises(MonitorError, match=r"dubbele gebiedscodes: 'W1' \(rij 1, 3\)"):
        import_areas(store, path, "wijk", "code", "name")
    assert snapshot(store) == ([], [])


@pytest.mark.filterwarnings("ignore:'crs' was not provided")
def test_missing_crs(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "wijken.shp"
    squares({"W1": (0, 0, 1, 1)}).to_crs("EPSG:28992").set_crs(None, allow_override=True).to_file(
        path
    )
    with pytest.raises(MonitorError, match=r"wijken\.shp' heeft geen coördinatenstelsel"):
        import_areas(store, path, "wijk", "code", "name")
    assert snapshot(store) == ([], [])
    result = import_areas(store, path, "wijk", "code", "name", crs="EPSG:28992")
    assert result["inserted"] == 1


def test_metres_in_a_geojson_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "rd.geojson"
    squares({"W1": (0, 0, 1, 1)}).to_crs("EPSG:28992").to_file(path, RFC7946=False)
    text = path.read_text().replace('"crs"', '"_crs"')  # a GeoJSON in RD without its CRS
    path.write_text(text)
    with pytest.raises(MonitorError, match="lijken meters"):
        read_area_file(path, "wijk", "code", "name")
    assert len(read_area_file(path, "wijk", "code", "name", crs="EPSG:28992")) == 1


def test_bad_levels_and_empty_codes(tmp_path: Path) -> None:
    path = tmp_path / "w.geojson"
    frame = squares({"W1": (0, 0, 1, 1), "W2": (1, 0, 2, 1)}, parent=["G1", "G1"])
    frame.loc[1, "code"] = " "
    frame.to_file(path)
    with pytest.raises(MonitorError, match="Onbekend niveau 'straat'"):
        read_area_file(path, "straat", "code", "name")
    with pytest.raises(MonitorError, match="'buurt' is geen niveau boven 'wijk'"):
        read_area_file(path, "wijk", "code", "name", {"buurt": "parent"})
    with pytest.raises(MonitorError, match="lege gebiedscode in rij 2"):
        read_area_file(path, "wijk", "code", "name", {"gebied": "parent"})


def test_invalid_geometry_is_repaired(store: Store) -> None:
    bowtie = shapely.Polygon([(4.90, 52.37), (4.91, 52.38), (4.91, 52.37), (4.90, 52.38)])
    frame = gpd.GeoDataFrame({"code": ["B1"], "name": ["Strik"]}, geometry=[bowtie], crs=4326)
    result = write_areas(store, frame, "buurt")
    assert any("B1" in w for w in result["warnings"])
    stored = areas_geodataframe(store, result["division_id"], "buurt", display=False)
    assert stored.geometry.iloc[0].is_valid
    assert stored.geometry.iloc[0].geom_type == "MultiPolygon"


def test_resolve_codes_with_aliases(store: Store) -> None:
    result = write_areas(store, squares({"A1": (0, 0, 1, 1), "B2": (1, 0, 2, 1)}), "wijk")
    division_id = result["division_id"]
    store.add_alias(division_id, "WK036301", "A1", system="CBS")
    ids = store.areas_frame(division_id).set_index("code")["id"]
    found = resolve_codes(store, division_id, [" a1 ", "wk036301", "B2", "stad", "X9", ""])
    assert found == {
        " a1 ": ids["A1"], "wk036301": ids["A1"], "B2": ids["B2"], "stad": ids["STAD"],
    }  # fmt: skip
    assert pd.Series(found).notna().all()
