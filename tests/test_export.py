"""Exports through the CLI: CSV (Dutch Excel), xlsx and GeoJSON, formula-safe."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from monitor import demo
from monitor.cli import app
from monitor.export import safe_text
from monitor.store import Store, areas

runner = CliRunner()


@pytest.fixture(scope="module")
def demo_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('export') / 'e.sqlite'}"
    store = Store(url)
    store.upgrade()
    demo.install(store)
    # A hostile area name, as an upload could bring one.
    with store.begin() as conn:
        conn.execute(
            sa.update(areas)
            .where(areas.c.code == "O01a")
            .values(name='=HYPERLINK("http://x","klik")')
        )
    store.engine.dispose()
    return {"MONITOR_DATABASE_URL": url}


def export(env: dict[str, str], path: Path, fmt: str) -> None:
    result = runner.invoke(
        app,
        [
            "export",
            "scores",
            "werkloosheid_p",
            "--period",
            "2024",
            "--level",
            "buurt",
            "--format",
            fmt,
            "-o",
            str(path),
        ],
        env=env,
    )
    assert result.exit_code == 0, result.output


def test_safe_text() -> None:
    assert safe_text("=1+1") == "'=1+1"
    assert safe_text("-5 buurt") == "'-5 buurt"
    assert safe_text("@SUM(A1)") == "'@SUM(A1)"
    assert safe_text("\tx") == "'\tx"
    assert safe_text("Oost") == "Oost"
    assert safe_text(-5.0) == -5.0


def test_csv_export(demo_env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    export(demo_env, path, "csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    frame = pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig")
    assert len(frame) == 90
    assert {"code", "naam", "value", "nap", "klasse", "klasse_tekst", "reden"} <= set(frame.columns)
    assert frame.loc[frame["code"] == "O01a", "naam"].iloc[0].startswith("'=HYPERLINK")
    assert frame["nap"].dtype == float
    assert "beter dan het gemiddelde van Voorbeeldstad" in set(frame["klasse_tekst"])


def test_xlsx_export(demo_env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "s.xlsx"
    export(demo_env, path, "xlsx")
    sheet = openpyxl.load_workbook(path).active
    header = [c.value for c in sheet[1]]
    rows = {r[header.index("code")]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    name = rows["O01a"][header.index("naam")]
    assert name.startswith("'=")  # text, not a formula
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert isinstance(rows["N01a"][header.index("nap")], float)


def test_geojson_export(demo_env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "s.geojson"
    export(demo_env, path, "geojson")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 90
    feature = data["features"][0]
    assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert {"code", "klasse", "nap", "reden"} <= set(feature["properties"])
    lon, lat = feature["geometry"]["coordinates"][0][0][:2]
    assert 2 < lon < 5 and 51 < lat < 54  # WGS84, off the Dutch coast


def test_safe_frame_neutralises_headers_and_text_cells_only() -> None:
    """The one spreadsheet guard every CSV and Excel export shares (scores, block of 18,
    buurtbegroting): headers and text cells, never numbers; the input stays as it was."""
    from monitor.export import safe_frame

    frame = pd.DataFrame({"=kolom": ["+1", "Oost", None], "waarde": [-1.5, 2.0, None]})
    out = safe_frame(frame)
    assert list(out.columns) == ["'=kolom", "waarde"]
    assert out["'=kolom"].tolist()[:2] == ["'+1", "Oost"]
    assert out["waarde"].tolist()[:2] == [-1.5, 2.0]
    assert list(frame.columns) == ["=kolom", "waarde"] and frame["=kolom"][0] == "+1"
