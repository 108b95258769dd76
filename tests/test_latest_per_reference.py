"""``latest_level_values``: the latest period with values is taken per reference area
(gemeente), not over the whole store: two gemeenten may publish in different years."""

from __future__ import annotations

from pathlib import Path

from monitor.ingest.upload import check, publish
from monitor.store import Store
from monitor.store.materialised import latest_level_values
from tests.test_gemeenten import _define, _two_gemeenten


def _upload(store: Store, rows: list[tuple[str, int, float]], folder: Path) -> None:
    body = "".join(f"{code};score_p;{period};{value}\n" for code, period, value in rows)
    checked = check(store, f"gebiedcode;indicator;periode;waarde\n{body}".encode(), "t.csv")
    assert checked.report.ok, checked.report.lines()[:5]
    publish(store, checked, uploader="test", confirm_changes=True, data_dir=folder)


def test_each_gemeente_keeps_its_own_latest_period(store: Store, tmp_path: Path) -> None:
    """Aastad (G1) has 2023 and 2024; Beedorp (G2) only 2023: Beedorp's buurten keep
    their 2023 values instead of vanishing behind Aastad's 2024."""
    _two_gemeenten(store, tmp_path)
    _define(store)
    _upload(
        store,
        [
            *[("A1", 2023, 1), ("A2", 2023, 2), ("A3", 2023, 3)],
            *[("A1", 2024, 11), ("A2", 2024, 12), ("A3", 2024, 13)],
            *[("B1", 2023, 21), ("B2", 2023, 22), ("B3", 2023, 23)],
        ],
        tmp_path,
    )
    division_id = store.division_id()
    codes = store.areas_frame(division_id).set_index("id")["code"]
    found = latest_level_values(store, division_id, "buurt", ["score_p"])
    got = sorted(
        (codes[r.area_id], r.ref_code, int(r.period), float(r.value)) for r in found.itertuples()
    )
    assert got == [
        ("A1", "G1", 2024, 11.0),
        ("A2", "G1", 2024, 12.0),
        ("A3", "G1", 2024, 13.0),
        ("B1", "G2", 2023, 21.0),
        ("B2", "G2", 2023, 22.0),
        ("B3", "G2", 2023, 23.0),
    ]
    assert latest_level_values(store, division_id, "buurt", []).empty
