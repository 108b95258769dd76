"""The key of a point without an id: the sha256 of what the row says, written exactly as
earlier imports wrote it (a later extract must find the points stored before), with
identical rows numbered. The expected keys are the hashes of texts written out here."""

from __future__ import annotations

import hashlib
from pathlib import Path

from monitor.ingest.points import read_points


def _key(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:40]


def test_keys_hash_the_row_as_written_and_number_identical_rows(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text(
        "datum;categorie;subcategorie;lat;lon\n"
        "2024-01-05;afval;grofvuil;52.3731;4.8926\n"
        "2024-01-05;afval;;52.3731;4.8926\n"
        "2024-01-05;afval;;52.3731;4.8926\n"
        "05-02-2024;verkeer;;52,37;4,9\n"
        "2024-01-05;afval;;52.3731;4.8926\n",
        encoding="utf-8",
    )
    keys = read_points(path, "meldingen").frame["point_key"].tolist()
    assert keys == [
        _key("meldingen|2024-01-05|afval|4.8926|52.3731|grofvuil||0"),
        _key("meldingen|2024-01-05|afval|4.8926|52.3731|||0"),
        _key("meldingen|2024-01-05|afval|4.8926|52.3731|||1"),
        _key("meldingen|2024-02-05|verkeer|4.9|52.37|||0"),
        _key("meldingen|2024-01-05|afval|4.8926|52.3731|||2"),
    ]
    # The same melding in a later extract, among other rows: the same key.
    later = tmp_path / "later.csv"
    later.write_text(
        "datum;categorie;lat;lon\n2024-03-01;overlast;52.1;5.1\n2024-02-05;verkeer;52.37;4.9\n",
        encoding="utf-8",
    )
    assert read_points(later, "meldingen").frame["point_key"].tolist()[1] == keys[3]


def test_voorzieningen_keys_include_the_name(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_text(
        "categorie;naam;lat;lon\nbibliotheek;Bieb;52.1234567;4.5\nbibliotheek;;52.1234567;4.5\n",
        encoding="utf-8",
    )
    keys = read_points(path, "voorzieningen").frame["point_key"].tolist()
    assert keys == [
        _key("voorzieningen||bibliotheek|4.5|52.123457||Bieb|0"),
        _key("voorzieningen||bibliotheek|4.5|52.123457|||0"),
    ]


def test_rows_that_read_alike_through_a_pipe_are_numbered(tmp_path: Path) -> None:
    """A subcategory "s|" and no name, or "s" and the name "|": the same text; the second is
    numbered, so both points stay."""
    path = tmp_path / "pipe.csv"
    path.write_text(
        'categorie;subcategorie;naam;lat;lon\nbank;"s|";;52.1;4.5\nbank;s;"|";52.1;4.5\n',
        encoding="utf-8",
    )
    keys = read_points(path, "voorzieningen").frame["point_key"].tolist()
    assert keys == [
        _key("voorzieningen||bank|4.5|52.1|s|||0"),
        _key("voorzieningen||bank|4.5|52.1|s|||1"),
    ]
