"""Amsterdam's BBGA through the city's API (``monitor.connectors.bbga_api``), offline:
a local stand-in serves recorded-format DSO answers (``tests/bbga_api/``) in pages of
four, the connector follows ``_links.next.href``, and values and metadata go through the
BBGA importer with the polarity curation."""

from __future__ import annotations

import math
from pathlib import Path

import sqlalchemy as sa
from typer.testing import CliRunner

from monitor.cli import app as cli_app
from monitor.connectors.bbga_api import import_bbga_api
from monitor.store import Store, uploads
from tests.opendata_stand_in import opendata_stand_in

THREE = ["BEVTOTAAL", "PREGWERKL_P", "BEVMAROK_P"]


def _api(base: str) -> str:
    return f"{base}/bbga/v1/bbga"


def test_values_and_metadata_through_the_paged_api(store: Store, tmp_path: Path) -> None:
    with opendata_stand_in() as (base, received):
        result = import_bbga_api(store, THREE, url=_api(base), data_dir=tmp_path)
    # 8 BEVTOTAAL records in pages of 4: two pages; PREGWERKL_P (10 records) three.
    pages = [r for r in received if "kerncijfers" in r and "PREGWERKL_P" in r]
    assert len(pages) == 3 and "page=3" in pages[2], pages
    assert all("_pageSize=" in r for r in received)
    assert any("indicatoren_definities" in r for r in received)
    assert (result.rows, result.values, result.empty) == (26, 24, 2)
    assert result.areas_created == ["DX01", "DX02", "DX03", "ZX99"]

    frame = store.current_values(store.division_id(), THREE)
    got = {
        (r.code, r.indicator_id, int(r.period)): (
            r.value,
            r.flag if isinstance(r.flag, str) else None,
        )
        for r in frame.itertuples()
    }
    assert got[("DX01", "BEVTOTAAL", 2017)] == (43228.0, None)
    assert got[("DX03", "PREGWERKL_P", 2018)] == (12.1, None)
    value, flag = got[("ZX99", "PREGWERKL_P", 2017)]
    assert math.isnan(value) and flag == "leeg"
    # STAD is the gemeente.
    levels = dict(zip(frame["code"], frame["level"], strict=True))
    assert (levels["DX01"], levels["STAD"]) == ("gebied", "gemeente")
    assert got[("STAD", "BEVTOTAAL", 2018)] == (854316.0, None)

    # The metadata through the curation: Kleurenpalet 1 for a share of residents of
    # Moroccan origin becomes neutraal by rule; unemployment keeps lager-beter.
    indicators = store.indicators_frame(THREE).set_index("id")
    assert indicators.loc["BEVMAROK_P", ["polarity", "polarity_metadata"]].tolist() == [
        "neutraal",
        "hoger-beter",
    ]
    assert indicators.loc["BEVMAROK_P", "polarity_source"] == "regel"
    assert indicators.loc["PREGWERKL_P", ["polarity", "unit"]].tolist() == ["lager-beter", "%"]
    assert indicators.loc["BEVTOTAAL", "unit"] == "aantal"
    assert [c.id for c in result.polarity_changes] == ["BEVMAROK_P"]

    # Provenance: the API's URL and the date of the download.
    with store.engine.connect() as conn:
        source = conn.scalar(sa.select(uploads.c.source).where(uploads.c.id == result.upload_id))
    assert source.startswith(f"BBGA (OIS Amsterdam), API {_api(base)}/kerncijfers/?_pageSize=")
    assert source.endswith(")") and "(20" in source


def test_a_second_run_reads_the_cache_offline(store: Store, tmp_path: Path) -> None:
    with opendata_stand_in() as (base, received):
        import_bbga_api(store, ["BEVTOTAAL"], url=_api(base), data_dir=tmp_path)
        first = len(received)
        import_bbga_api(store, ["BEVTOTAAL"], url=_api(base), data_dir=tmp_path)
        assert len(received) == first


def test_cli_import_bbga_api(tmp_path: Path) -> None:
    env = {
        "MONITOR_DATABASE_URL": f"sqlite:///{tmp_path / 'store.sqlite'}",
        "MONITOR_DATA_DIR": str(tmp_path / "data"),
        "COLUMNS": "300",
    }
    runner = CliRunner()
    assert runner.invoke(cli_app, ["init"], env=env).exit_code == 0
    with opendata_stand_in() as (base, _):
        args = ["import", "bbga-api", "--url", _api(base), "--indicator", "BEVMAROK_P"]
        result = runner.invoke(cli_app, args, env=env)
    assert result.exit_code == 0, (result.output, result.exception)
    assert "BBGA-API: 8 meetingen opgeslagen in upload 1 (8 waarden, 0 leeg)" in result.output
    assert "bbga-polariteit.toml" in result.output
