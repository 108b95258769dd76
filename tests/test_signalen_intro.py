"""The "Meldingen per periode" section points to the meldingen indicators only where the
catalogue has them: the demo loads its meldingen for the signals only, so there it says how
to get them (an upload of meldingen); after that upload it sends the reader to the Kaart."""

from __future__ import annotations

from pathlib import Path

from dash import html

from layouts import signalen_periods
from monitor import demo
from monitor.demo.city import DIVISION, FILES_ROOT
from monitor.demo.meldingen import MELDINGEN_FILE
from monitor.points import check_points, publish_points
from monitor.store import Store


def intro(store: Store) -> str:
    section = signalen_periods.section(store, store.division_id(), "nl")
    hints = [c.children for c in section.children if isinstance(c, html.P)]
    return hints[0]


def test_the_intro_follows_the_catalogue(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'd.sqlite'}")
    store.upgrade()
    demo.install(store)
    before = intro(store)
    assert "Als indicatoren met scores (op de Kaart en bij Trends) zijn ze er nog niet" in before
    assert "kies ze op de Kaart" not in before

    checked = check_points(store, FILES_ROOT / MELDINGEN_FILE, "meldingen", DIVISION)
    publish_points(store, checked, uploader="analist", source="test", data_dir=tmp_path)
    after = intro(store)
    assert "ook indicatoren met scores: kies ze op de Kaart of bij Trends" in after
