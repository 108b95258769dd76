"""Names in charts are text: plotly.js renders a little HTML (``<b>``, ``<a href>``) in tick
labels, legends and hover text, so every name from an upload goes through
``monitor.export.plot_text``. A hostile area name must show literally, in Chromium."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from monitor import demo
from monitor.compare import ranking
from monitor.export import plot_text
from monitor.scoring import Scorer
from monitor.store import Store, areas
from tests.support import app_server, browser_page

HOSTILE = '<b>vet</b><a href="https://x">link</a>'
NO_TILES = {"MONITOR_TILE_URL": ""}


def test_plot_text_escapes_markup_and_templates() -> None:
    assert plot_text(HOSTILE) == ('&lt;b&gt;vet&lt;/b&gt;&lt;a href="https://x"&gt;link&lt;/a&gt;')
    assert plot_text("R&D %{x} <br>") == "R&amp;D %&#123;x&#125; &lt;br&gt;"
    assert plot_text("Oost") == "Oost" and plot_text(7) == "7"


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo city with a buurt and its stadsdeel named like an attack."""
    url = f"sqlite:///{tmp_path_factory.mktemp('plottext') / 'p.sqlite'}"
    store = Store(url)
    store.upgrade()
    demo.install(store)
    with store.begin() as conn:
        conn.execute(sa.update(areas).where(areas.c.code == "O03b").values(name=HOSTILE))
        conn.execute(sa.update(areas).where(areas.c.code == "O").values(name="S" + HOSTILE))
    store.engine.dispose()
    return url


def _no_markup(page, graph: str) -> None:
    """Plotly made no link and no bold text out of the name."""
    assert page.locator(f"#{graph} svg a").count() == 0
    bold = page.evaluate(
        f"""() => [...document.querySelectorAll('#{graph} tspan')]
            .filter(t => (t.getAttribute('style') || '').includes('bold'))
            .map(t => t.textContent)"""
    )
    assert "vet" not in bold


@pytest.mark.browser
def test_hostile_names_show_as_text(hostile_url: str) -> None:
    scorer = Scorer(Store(hostile_url))
    frame = ranking(scorer, "werkloosheid_p", 2024, "buurt")
    index = frame["code"].tolist().index("O03b")
    with app_server(hostile_url, NO_TILES) as base, browser_page() as page:
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{base}/vergelijking?indicator=werkloosheid_p&jaar=2024&niveau=buurt")
        page.wait_for_selector("#vergelijking-bars .main-svg")
        page.wait_for_selector("#vergelijking-stadsdelen .xtick")
        ticks = page.locator("#vergelijking-bars .ytick text").all_text_contents()
        assert f"{HOSTILE} (O03b)" in ticks
        columns = page.locator("#vergelijking-stadsdelen .xtick text").all_text_contents()
        assert "S" + HOSTILE in columns
        # The hover box of the bar: the name as its first line, literally.
        page.locator("#vergelijking-bars g.point").nth(index).scroll_into_view_if_needed()
        box = page.locator("#vergelijking-bars g.point").nth(index).bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_selector("#vergelijking-bars .hovertext")
        hover = page.locator("#vergelijking-bars .hovertext").text_content()
        assert hover.startswith(f"{HOSTILE} (O03b)")
        for graph in ("vergelijking-bars", "vergelijking-stadsdelen"):
            _no_markup(page, graph)

        page.goto(f"{base}/trends?indicator=vsv_p&niveau=buurt&gebieden=O03b")
        page.wait_for_selector("#trends-graph .legend")
        legend = page.locator("#trends-graph .legend .legendtext").all_text_contents()
        assert HOSTILE in legend and f"Stadsdeel S{HOSTILE}" in legend
        _no_markup(page, "trends-graph")
        assert errors == []
