"""Empty states (issue 10): a page with nothing to show says why and what to do, in Dutch,
never an empty map, an empty chart without a word, or an error. Every page in Chromium on
a store whose only uploads were undone (areas and catalogue present, no current values),
on an empty store, and for an indicator, year or level without values."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import sqlalchemy as sa

from monitor import demo, users
from monitor.emptiness import contents
from monitor.store import Store, areas, indicators
from monitor.undo import undo
from tests.support import SCREENSHOTS, TEST_PASSWORD, app_server, browser_page, login

pytestmark = pytest.mark.browser

#: Every page of the app, as the navigation (and the profile of one buurt).
PAGES = (
    "/",
    "/blokjes",
    "/begroting",
    "/profiel?gebied=N01a",
    "/trends",
    "/vergelijking",
    "/vergelijken?gebieden=N01a,N01b",
    "/tabel",
    "/upload",
    "/agenda",
    "/beheer",
)
NO_MEASUREMENTS = (
    "Er zijn geen meetingen. Upload een bestand op de pagina Uploaden of maak een ongedaan "
    "gemaakte upload opnieuw actief."
)


def _store(url: str, data: Path, *, install: bool = True) -> Store:
    store = Store(url)
    store.upgrade()
    if install:
        demo.install(store, data_dir=data)
    users.add(store, "beheer", TEST_PASSWORD, "beheerder", actor="test")
    return store


@contextmanager
def _visit(url: str, data: Path) -> Iterator[tuple[str, Any, list[str]]]:
    """The app on ``url`` without the demo fallback, Chromium logged in as a beheerder,
    and a list that collects console errors, page errors and failed requests."""
    env = {"MONITOR_DATA_DIR": str(data), "MONITOR_DEMO_IF_EMPTY": "0", "MONITOR_TILE_URL": ""}
    with app_server(url, env) as base, browser_page() as page:
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on(
            "response",
            lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None,
        )
        login(page, base, "beheer")
        yield base, page, problems


def _empty_state(page: Any, base: str, path: str) -> str:
    page.goto(f"{base}{path}")
    page.wait_for_selector("#empty-state")
    page.wait_for_load_state("networkidle")
    return " ".join(page.inner_text("#empty-state").split())


def test_every_page_says_why_after_the_only_uploads_were_undone(tmp_path: Path) -> None:
    url, data = f"sqlite:///{tmp_path / 'b.sqlite'}", tmp_path / "data"
    store = _store(url, data)
    for upload_id in (1, 2):
        undo(store, upload_id, by="beheer", role="beheerder")
    found = contents(store)
    assert found.division and not found.measurements and not found.budget
    store.engine.dispose()
    SCREENSHOTS.mkdir(exist_ok=True)
    with _visit(url, data) as (base, page, problems):
        page.set_viewport_size({"width": 1400, "height": 900})
        for path in PAGES:
            text = _empty_state(page, base, path)
            assert NO_MEASUREMENTS in text, (path, text)
            # What to do: publish the undone upload again (the page where that is done).
            assert "Ongedaan gemaakte uploads met meetingen: 1." in text, (path, text)
            if path != "/upload":
                assert page.locator("#empty-state a[href='/upload?lang=nl']").count() == 1
            # No map, no charts and no table of nothing on a page about measurements.
            if path not in ("/upload", "/agenda", "/beheer"):
                assert page.locator(".leaflet-container, .js-plotly-plot, #scores").count() == 0
            name = path.strip("/").split("?")[0] or "kaart"
            page.screenshot(path=str(SCREENSHOTS / f"leeg-{name}.png"), full_page=True)
        text = _empty_state(page, base, "/begroting")
        assert "Er zijn geen begrotingsregels." in text
        assert "Ongedaan gemaakte uploads met begrotingsregels: 1." in text
        page.set_viewport_size({"width": 390, "height": 844})
        _empty_state(page, base, "/")
        page.screenshot(path=str(SCREENSHOTS / "leeg-kaart-smal.png"), full_page=True)
        # The Uploaden page offers the way back.
        page.goto(f"{base}/upload")
        page.wait_for_selector("tr[data-upload='1'] button")
        assert "Opnieuw publiceren" in page.inner_text("tr[data-upload='1']")
    assert problems == []


def test_every_page_says_why_on_an_empty_store(tmp_path: Path) -> None:
    url, data = f"sqlite:///{tmp_path / 'a.sqlite'}", tmp_path / "data"
    _store(url, data, install=False).engine.dispose()
    with _visit(url, data) as (base, page, problems):
        for path in PAGES:
            text = _empty_state(page, base, path)
            assert text.startswith("Er zijn nog geen gebieden"), (path, text)
            assert "monitor import areas" in text
        page.goto(f"{base}/upload")
        page.wait_for_selector("#upload-none")
        assert page.inner_text("#upload-none") == "Er zijn nog geen uploads."
    assert problems == []


def test_an_indicator_year_or_level_without_values_says_so(tmp_path: Path) -> None:
    """An indicator in the catalogue without any value, and one with only a city value
    (nothing at buurt level): the map, table, trends and comparison say so."""
    url, data = f"sqlite:///{tmp_path / 'c.sqlite'}", tmp_path / "data"
    store = _store(url, data)
    definition = store.indicators_frame(["werkloosheid_p"]).iloc[0].to_dict()
    rows = [
        definition | {"id": "leeg_p", "label_nl": "Zonder waarden"},
        definition | {"id": "stad_p", "label_nl": "Alleen de stad"},
    ]
    city = store.areas_frame(store.division_id(), "gemeente")
    values = pd.DataFrame(
        {"area_id": city["id"], "indicator_id": "stad_p", "period": 2024, "value": 7.5}
    )
    with store.begin() as conn:
        store.upsert_indicators(rows, conn)
        store.publish(values, kind="meetingen", conn=conn, filename="stad.csv", uploader="t")
        # A division without wijken (the demo's wijken hold no values of their own).
        conn.execute(sa.delete(areas).where(areas.c.level == "wijk"))
    store.engine.dispose()
    none = "Voor Zonder waarden zijn er geen waarden. Kies een andere indicator"
    city_only = (
        "Voor Alleen de stad zijn er in 2024 geen waarden op niveau buurt. Kies een ander jaar, "
        "niveau of indicator."
    )
    no_wijken = "Er zijn geen gebieden op niveau wijk. Kies een ander niveau."
    with _visit(url, data) as (base, page, problems):
        for path, expected in (
            ("/?indicator=leeg_p", none),
            ("/?indicator=stad_p&niveau=buurt", city_only),
            ("/tabel?indicator=leeg_p", none),
            ("/tabel?indicator=stad_p", city_only),
            ("/trends?indicator=leeg_p", none),
            ("/vergelijking?indicator=leeg_p", none),
            ("/vergelijking?indicator=stad_p&niveau=buurt", city_only),
            ("/?indicator=werkloosheid_p&niveau=wijk", no_wijken),
            ("/vergelijking?indicator=werkloosheid_p&niveau=wijk", no_wijken),
            ("/trends?indicator=werkloosheid_p&niveau=wijk", no_wijken),
            ("/blokjes?niveau=wijk", no_wijken),
        ):
            page.goto(f"{base}{path}")
            page.wait_for_selector("#empty-values")
            assert expected in page.inner_text("#empty-values"), path
            if path.startswith("/?"):
                name = path.split("=")[1].split("&")[0]
                page.screenshot(path=str(SCREENSHOTS / f"leeg-kaart-{name}.png"), full_page=True)
        # The profile without an area says how to choose one (it said "Gebied '' bestaat
        # niet.").
        assert _empty_state(page, base, "/profiel").startswith("Kies eerst een gebied")
        # Back to an indicator with values: the message goes, the map is coloured.
        page.goto(f"{base}/?indicator=werkloosheid_p")
        page.wait_for_selector("#kaart-legend .legend-item")
        assert page.locator("#empty-values").count() == 0
    assert problems == []


def test_a_catalogue_without_indicators_to_colour_says_so(tmp_path: Path) -> None:
    """Values, but every indicator has polarity 'geen' (a BBGA import without metadata):
    the pages that colour one indicator say what is missing instead of an empty map."""
    url, data = f"sqlite:///{tmp_path / 'g.sqlite'}", tmp_path / "data"
    store = _store(url, data)
    with store.begin() as conn:
        conn.execute(sa.update(indicators).values(polarity="geen"))
    store.engine.dispose()
    with _visit(url, data) as (base, page, problems):
        for path in ("/", "/tabel", "/trends", "/vergelijking"):
            text = _empty_state(page, base, path)
            assert text.startswith("De catalogus heeft geen indicatoren om te kleuren."), path
            assert page.locator(".leaflet-container, .js-plotly-plot").count() == 0
    assert problems == []
