"""The request's state (monitor/store/request_state.py) answers what the separate reads
answer outside a request scope: settings, divisions, change stamps, score stamps, data
stamp and uploads keys, on both backends, before and after a publish and an undo."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from monitor import undo
from monitor.ingest.upload import check, publish
from monitor.store import Store
from monitor.store.materialised import score_stamp
from monitor.store.request_memo import request_scope
from monitor.store.stamps import indicator_stamp_keys, subject_stamps, uploads_key
from tests.support import BACKENDS, demo_store

#: Two indicators with stamps, one the catalogue does not know (the score stamp instead).
IDS = ["werkloosheid_p", "bijstand_p", "bestaat_niet"]


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    with demo_store(request.param, tmp_path) as found:
        yield found


def answers(store: Store) -> dict[str, Any]:
    division = store.division_id()
    name = store.division(division)["name"]
    return {
        "division_id": division,
        "by_name": store.division_id(name),
        "division": store.division(division),
        "settings": {k: store.get_setting(k) for k in ("population_indicator", "nope")},
        "default": store.get_setting("nope", "standaard"),
        "subjects": subject_stamps(store),
        "score_stamp": score_stamp(store, division),
        "other_division": score_stamp(store, division + 99),
        "data_stamp": store.data_stamp(division),
        "uploads": [uploads_key(store, k) for k in ("meetingen", "begroting", "punten", "x")],
        "indicators": indicator_stamp_keys(store, division, IDS),
    }


def same_in_a_scope(store: Store) -> dict[str, Any]:
    outside = answers(store)
    with request_scope():
        inside = answers(store)
        with pytest.raises(LookupError):
            store.division_id("Geen bestaande indeling")
    with pytest.raises(LookupError):
        store.division_id("Geen bestaande indeling")
    assert inside == outside
    return inside


def test_the_request_state_answers_as_the_separate_reads(store: Store) -> None:
    before = same_in_a_scope(store)
    assert before["settings"]["population_indicator"] == "bev_totaal"
    assert before["default"] == "standaard"
    assert before["score_stamp"][0] > 0 and before["other_division"] == (0, "")
    assert before["uploads"][3] == ("x", None, 0, 0, "", "")
    stamps = before["indicators"]
    assert stamps["werkloosheid_p"][0] == "indicator" and stamps["bestaat_niet"][0] == "scores"
    raw = b"gebiedcode;indicator;periode;waarde\nO01a;werkloosheid_p;2024;12,3\n"
    upload_id = publish(store, check(store, raw, "w.csv"), uploader="t", confirm_changes=True)
    published = same_in_a_scope(store)
    assert published["score_stamp"] > before["score_stamp"]
    assert published["uploads"][0][1] == upload_id
    assert published["indicators"]["werkloosheid_p"] != stamps["werkloosheid_p"]
    assert published["indicators"]["bijstand_p"] == stamps["bijstand_p"]
    undo.undo(store, upload_id, by="t", role="analist")
    undone = same_in_a_scope(store)
    assert undone["uploads"][0][3] == published["uploads"][0][3] + 1
    assert undone["data_stamp"] != published["data_stamp"]
