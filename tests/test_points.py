"""Points: a plain meldingen file imported into Voorbeeldstad, assigned to buurten,
counted into indicators (by hand), refused with row, column and value, undone; and the
signals of the demo's meldingen in ``monitor signalen`` and on the Signalen page."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from monitor import demo
from monitor.cli import app as cli_app
from monitor.errors import MonitorError
from monitor.points import check_points, publish_points, report_lines
from monitor.problems import ProblemsError
from monitor.store import Store

# Inside buurt N01a and N01b of Voorbeeldstad (representative points), and Amsterdam:
# in the Netherlands but in no buurt of the fictional city.
N01A = (52.689478, 3.936258)
N01B = (52.689626, 3.956812)
AMSTERDAM = (52.3731, 4.8926)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, Path]:
    folder = tmp_path_factory.mktemp("points")
    store = Store(f"sqlite:///{folder / 'p.sqlite'}")
    store.upgrade()
    demo.install(store, data_dir=folder / "data")
    return store, folder


def _write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def test_a_plain_file_is_assigned_counted_and_undone(env) -> None:
    store, folder = env
    rows = [
        f"2022-03-01;afval;{N01A[0]};{N01A[1]}",
        f"2022-03-02;afval;{N01A[0]};{N01A[1]}",
        f"2022-04-09;graffiti;{N01A[0]};{N01A[1]}",
        f"14-05-2022;afval;{N01B[0]};{N01B[1]}",
        f"2022-06-01;afval;{AMSTERDAM[0]};{AMSTERDAM[1]}",
    ]
    path = _write(folder, "meldingen.csv", "datum;categorie;lat;lon\n" + "\n".join(rows) + "\n")
    checked = check_points(store, path, "meldingen")
    assert len(checked.frame) == 4
    assert dict(zip(checked.frame["row"], checked.frame["code"], strict=True)) == {
        2: "N01a",
        3: "N01a",
        4: "N01a",
        5: "N01b",
    }
    report = "\n".join(report_lines(checked))
    assert "5 meldingen gelezen, 4 liggen in een buurt" in report
    assert "1 punten liggen in geen enkele buurt" in report
    assert "rij 6: 52.373100, 4.892600 (afval)" in report

    division = store.division_id("voorbeeldstad")
    before = store.current_values(division, None)
    upload_id = publish_points(store, checked, uploader="test", data_dir=folder / "data")
    values = store.current_values(division, None, [2022], level="buurt").set_index(
        ["code", "indicator_id"]
    )["value"]
    # N01a: 3 meldingen (2 afval, 1 graffiti), N01b: 1; every other buurt 0.
    assert values[("N01a", "meldingen_aantal")] == 3
    assert values[("N01b", "meldingen_aantal")] == 1
    assert values[("N02a", "meldingen_aantal")] == 0
    assert values[("N01a", "meldingen_aandeel_afval")] == pytest.approx(200 / 3)
    assert values[("N01a", "meldingen_aandeel_graffiti")] == pytest.approx(100 / 3)
    assert ("N02a", "meldingen_aandeel_afval") not in values.index  # no meldingen: no share
    # (2022: the demo's own meldingen start in 2023.)
    people = store.current_values(division, ["bev_totaal"], [2022], level="buurt")
    n01a = people.set_index("code")["value"]["N01a"]
    assert values[("N01a", "meldingen_per_1000")] == pytest.approx(3 / n01a * 1000)
    # The counts are scored like any indicator, and add up to the wijk.
    assert store.uploads_frame().set_index("id").loc[upload_id, "kind"] == "punten"
    counts = store.point_month_counts(division)
    assert len(counts) > 0

    from monitor import undo

    lines = undo.summary(store, upload_id).lines()
    assert lines[1] == "Actuele punten die verdwijnen: 4 (eerdere versie terug: 0; daarna weg: 4)."
    assert lines[2].startswith("De indicatoren die uit deze punten geteld zijn gaan mee")
    store.undo_upload(upload_id, by="test")
    after = store.current_values(division, None)
    assert len(after) == len(before)
    assert not any(after["indicator_id"].str.startswith("meldingen_"))


def test_rd_coordinates_and_a_geojson_are_read(env) -> None:
    store, folder = env
    path = _write(
        folder,
        "rd.csv",
        "Meldingnummer,Datum,Categorie,X,Y\nM1,2024-01-05,afval,56901.66,523434.87\n",
    )
    checked = check_points(store, path, "meldingen")
    assert checked.frame["code"].tolist() == ["N01a"]
    assert checked.frame["point_key"].tolist() == ["id:M1"]
    geojson = (
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
        '{"categorie": "speeltuin", "naam": "Speeltuin De Wip"}, "geometry": {"type": '
        f'"Point", "coordinates": [{N01B[1]}, {N01B[0]}]}}}}]}}'
    )
    checked = check_points(store, _write(folder, "v.geojson", geojson), "voorzieningen")
    assert checked.frame[["code", "name"]].values.tolist() == [["N01b", "Speeltuin De Wip"]]
    # A GeoPackage in RD New: reprojected before the point-in-buurt test.
    import geopandas as gpd
    import shapely

    gpkg = folder / "v.gpkg"
    gpd.GeoDataFrame(
        {"categorie": ["bibliotheek"], "naam": ["Bieb"], "adres": ["Dorpsstraat 1"]},
        geometry=[shapely.Point(56901.66, 523434.87)],
        crs="EPSG:28992",
    ).to_file(gpkg, driver="GPKG")
    checked = check_points(store, gpkg, "voorzieningen")
    assert checked.frame[["code", "address"]].values.tolist() == [["N01a", "Dorpsstraat 1"]]


def test_problems_name_row_column_and_value(env) -> None:
    store, folder = env
    text = (
        "datum;categorie;lat;lon\n"
        f"2024-01-05;afval;{N01A[0]};{N01A[1]}\n"
        f"2024-01-05;afval;abc;{N01A[1]}\n"
        f"31-02-2024;afval;{N01A[0]};{N01A[1]}\n"
        f"2024-01-07;;{N01A[0]};{N01A[1]}\n"
    )
    with pytest.raises(ProblemsError) as caught:
        check_points(store, _write(folder, "bad.csv", text), "meldingen")
    message = str(caught.value)
    assert "bad.csv: 3 fout(en), niets opgeslagen." in message
    assert "rij 3, kolom 'lat': 'abc' is geen getal" in message
    assert "rij 4, kolom 'datum': '31-02-2024' is geen datum" in message
    assert "rij 5, kolom 'categorie': categorie is leeg" in message


def test_swapped_columns_and_missing_columns_are_named(env) -> None:
    store, folder = env
    swapped = f"datum;categorie;lat;lon\n2024-01-05;afval;{N01A[1]};{N01A[0]}\n"
    with pytest.raises(ProblemsError, match="de kolommen lijken verwisseld"):
        check_points(store, _write(folder, "swap.csv", swapped), "meldingen")
    with pytest.raises(ProblemsError, match="geen coördinaten gevonden"):
        check_points(
            store, _write(folder, "nocoord.csv", "datum;categorie\n2024-01-05;afval\n"), "meldingen"
        )
    with pytest.raises(MonitorError, match="Onbekende soort"):
        check_points(store, _write(folder, "x.csv", "a\n1\n"), "bomen")


def test_the_demo_pattern_in_monitor_signalen_and_on_the_page(env) -> None:
    store, folder = env
    code, category, month = demo.meldingen_planted(demo.build().levels["buurt"])
    environment = {
        "MONITOR_DATABASE_URL": str(store.engine.url),
        "MONITOR_DATA_DIR": str(folder / "data"),
        "COLUMNS": "160",
    }
    result = CliRunner().invoke(cli_app, ["signalen"], env=environment)
    assert result.exit_code == 0, result.output
    header = next(line for line in result.output.splitlines() if "waargenomen" in line)
    for word in ("code", "naam", "categorie", "periode", "verwacht", "waargenomen"):
        assert word in header
    line = next(line for line in result.output.splitlines() if code in line)
    assert category in line and month in line
    assert "1 signaal in 2024-12 (360 buurten × categorieën getoetst)" in result.output

    from layouts import signalen

    page = str(signalen.layout(store, "nl", {}))
    assert "Zandbuurt" in page and "verwacht" in page and "signal-chart" in page
    assert pd.notna(code)


def test_points_publish_and_undo_on_both_backends(backend: Store, tmp_path: Path) -> None:
    from monitor.areas import import_areas
    from monitor.config import PROJECT_ROOT

    buurten = PROJECT_ROOT / "geometries" / "voorbeeldstad-buurten.geojson"
    import_areas(backend, buurten, "buurt", "code", "naam", division="voorbeeldstad")
    text = (
        "id;datum;categorie;status;afhandeltermijn;lat;lon\n"
        f"A1;2024-01-05;afval;afgehandeld;3,5;{N01A[0]};{N01A[1]}\n"
        f"A2;2024-02-05;afval;open;;{N01B[0]};{N01B[1]}\n"
    )
    checked = check_points(backend, _write(tmp_path, "m.csv", text), "meldingen")
    first = publish_points(backend, checked, uploader="test", data_dir=tmp_path)
    again = publish_points(backend, checked, uploader="test", data_dir=tmp_path)
    division = backend.division_id("voorbeeldstad")
    counts = backend.point_month_counts(division)
    handling = backend.current_values(division, ["meldingen_afhandeltermijn"], [2024])
    assert handling.set_index("code")["value"].to_dict() == {"N01a": 3.5}  # A2 has none
    # The same ids again replace the points: still one melding per buurt and month.
    assert counts.sort_values("area")["count"].tolist() == [1, 1]
    values = backend.current_values(division, ["meldingen_aantal"], [2024], level="buurt")
    assert values.set_index("code")["value"][["N01a", "N01b", "N02a"]].tolist() == [1, 1, 0]
    backend.undo_upload(again, by="test")
    assert len(backend.point_month_counts(division)) == 2  # the first upload's points return
    backend.undo_upload(first, by="test")
    assert backend.point_month_counts(division).empty
    assert backend.current_values(division, ["meldingen_aantal"]).empty
