"""The Uploaden page's jobs for a points file (``monitor.jobs.point_uploads``, reached
through ``monitor.jobs.uploads``): the report payload, a refused file, an unreadable
file that is not kept, and the publish with voorzieningen, on Voorbeeldstad."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from monitor import demo
from monitor.errors import MonitorError
from monitor.ingest.upload import store_original
from monitor.jobs.uploads import run_check, run_publish
from monitor.store import Store

N01A = "52.689478;3.936258"
N01B = "52.689626;3.956812"


@pytest.fixture
def demo_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setenv("MONITOR_DATA_DIR", str(tmp_path / "data"))
    store = Store(f"sqlite:///{tmp_path / 'jobs.sqlite'}")
    store.upgrade()
    demo.install(store)
    return store


def _args(raw: bytes, name: str, kind: str) -> dict:
    sha = store_original(raw, hashlib.sha256(raw).hexdigest()).name
    return {"staged": {"sha256": sha, "name": name, "kind": kind}, "actor": "anna"}


def _progress(*_args, **_kwargs) -> None:
    return None


def test_voorzieningen_checked_and_published(demo_store: Store) -> None:
    raw = (
        "categorie;naam;adres;lat;lon\n"
        f"school;De Duin;Duinweg 1;{N01A}\n"
        f"sportveld;Veld Noord;;{N01B}\n"
        "school;Ver weg;Damrak 1;52.3731;4.8926\n"
    ).encode()
    args = _args(raw, "voorzieningen.csv", "voorzieningen")
    checked = run_check(demo_store, args, _progress)
    report = checked["report"]
    assert report["points"] and report["ok"] and report["kind"] == "voorzieningen"
    assert (report["rows"], report["inside"], report["outside"]) == (3, 2, 1)
    assert report["outside_rows"] == [[4, 52.3731, 4.8926, "school"]]
    assert sorted(report["categories"]) == [["school", 1], ["sportveld", 1]]
    before = len(demo_store.uploads_frame())
    published = run_publish(demo_store, {**args, "staged": checked["staged"]}, _progress)
    assert published["rows"] == 2 and published["kind"] == "voorzieningen"
    uploads = demo_store.uploads_frame().set_index("id")
    assert len(uploads) == before + 1
    assert uploads.loc[published["upload_id"], "kind"] == "punten"
    assert uploads.loc[published["upload_id"], "uploader"] == "anna"


def test_a_refused_file_is_a_report_and_an_unreadable_one_is_not_kept(
    demo_store: Store, tmp_path: Path
) -> None:
    bad = f"datum;categorie;lat;lon\n2031-01-10;afval;{N01A}\n2031-01-11;;{N01B}\n".encode()
    report = run_check(demo_store, _args(bad, "m.csv", "meldingen"), _progress)["report"]
    assert not report["ok"] and report["errors"] == 1 and report["rows"] is None
    assert report["lines"] == ["Fout: rij 3, kolom 'categorie': categorie is leeg."]
    broken = b"{ not json"
    args = _args(broken, "punten.geojson", "meldingen")
    kept = tmp_path / "data" / "uploads" / args["staged"]["sha256"]
    assert kept.is_file()
    with pytest.raises(MonitorError, match="geen leesbare GeoJSON"):
        run_check(demo_store, args, _progress)
    assert not kept.exists()


def test_herken_aan_de_kopregel_reads_a_points_file_as_points(demo_store: Store) -> None:
    """QA F8: with the default kind "auto", a plain ``datum;categorie;lat;lon`` file is
    meldingen (not meetingen refused for lacking area codes); RD x/y without a date is
    voorzieningen; a file with area codes stays meetingen."""
    raw = f"datum;categorie;lat;lon\n2024-12-03;afval;{N01A}\n2024-12-04;groen;{N01B}\n".encode()
    checked = run_check(demo_store, _args(raw, "meldingen-jan.csv", "auto"), _progress)
    report = checked["report"]
    assert report["points"] and report["ok"] and report["kind"] == "meldingen"
    assert (report["rows"], report["inside"], report["outside"]) == (2, 2, 0)
    assert checked["staged"]["kind"] == "meldingen"  # so Publiceren stores points
    published = run_publish(demo_store, {"staged": checked["staged"], "actor": "anna"}, _progress)
    assert published["rows"] == 2 and published["kind"] == "meldingen"

    from monitor.ingest.points import sniff_points

    assert sniff_points(b"naam;x;y\nDe Duin;120000;480000\n", "v.csv") == "voorzieningen"
    assert sniff_points(b'\xef\xbb\xbf"Datum","Lat","Lon"\n', "m.txt") == "meldingen"
    assert sniff_points(b"gebiedcode;jaar;lat;lon\nN01a;2024;1;2\n", "m.csv") is None
    assert sniff_points(b"gebiedcode;jaar;werkloosheid_p\n", "m.csv") is None
    assert sniff_points(b"datum;categorie;lat;lon\n", "m.xlsx") is None
    meet = b"gebiedcode;indicator;jaar;waarde\nN01a;werkloosheid_p;2024;5,0\n"
    report = run_check(demo_store, _args(meet, "w.csv", "auto"), _progress)["report"]
    assert not report.get("points")
