"""A request reads the score stamp, the data stamp and the division once
(:mod:`monitor.store.request_memo`), and a write inside it is seen by what it reads next."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

from monitor import demo
from monitor.ingest.upload import check, publish
from monitor.store import Store
from monitor.store.materialised import score_stamp
from monitor.store.request_memo import request_scope
from tests.support import callback_body, client_for, csrf_header, dash_app_in_process


@contextmanager
def statements(engine: sa.Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def log(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        seen.append(statement)

    sa.event.listen(engine, "before_cursor_execute", log)
    try:
        yield seen
    finally:
        sa.event.remove(engine, "before_cursor_execute", log)


def test_a_scope_reads_once_and_forgets_after_a_write(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'm.sqlite'}")
    store.upgrade()
    demo.install(store, data_dir=tmp_path / "data")
    division_id = store.division_id()
    raw = b"gebiedcode;indicator;periode;waarde\nO01a;werkloosheid_p;2024;12,3\n"
    with request_scope():
        with statements(store.engine) as seen:
            first = score_stamp(store, division_id)
            stamp = store.data_stamp(division_id)
            assert score_stamp(store, division_id) == first
            assert store.data_stamp(division_id) == stamp
            assert store.division_id() == division_id
            assert store.division_id() == division_id
        # The request's state (monitor.store.request_state), once: the divisions, and
        # settings, change stamps, score stamps and uploads in one union.
        assert len(seen) == 2
        publish(store, check(store, raw, "w.csv"), uploader="t", confirm_changes=True)
        # The write forgot the kept reads: the request sees its own publish.
        assert score_stamp(store, division_id)[0] > first[0]
        assert store.data_stamp(division_id)[2:] != stamp[2:]
    # Outside a scope every call reads.
    with statements(store.engine) as seen:
        score_stamp(store, division_id)
        score_stamp(store, division_id)
    assert len(seen) == 2


STAMP_TABLES = {"indicator_stamps": 1, "change_stamps": 1, "score_state": 1, "settings": 1}


def test_a_map_switch_reads_the_stamp_once(tmp_path: Path) -> None:
    with dash_app_in_process(tmp_path, public_read=True) as dash_app:
        client = client_for(dash_app, None)
        values = {
            "kaart-indicator.value": "werkloosheid_p",
            "kaart-period.value": 2024,
            "kaart-level.value": "buurt",
            "kaart-palette.value": "standaard",
            "lang.data": "nl",
        }
        body = callback_body(dash_app, "kaart-geojson.hideout", values)
        import app as app_module

        engine = app_module.get_store().engine
        for _ in range(2):  # and the next request reads again (a publish must be seen)
            with statements(engine) as seen:
                answer = client.post(
                    "/_dash-update-component", json=body, headers=csrf_header(client)
                )
            assert answer.status_code == 200
            areas = answer.get_json()["response"]["kaart-geojson"]["hideout"]["areas"]
            assert len(areas) >= 80
            # The indicator's stamp and, in the request's state, the stamps of areas,
            # catalogue and national values (monitor.store.stamps), the score stamps and
            # the settings: each read once.
            reads = {t: [s for s in seen if f"FROM {t}" in s] for t in STAMP_TABLES}
            assert {t: len(found) for t, found in reads.items()} == STAMP_TABLES, reads
