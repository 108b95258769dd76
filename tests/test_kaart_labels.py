"""The map's tooltip and accessible names (assets/kaart.js) take every word from the
hideout, which takes it from monitor/messages.py: nothing in the script is Dutch or
English of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from layouts.kaart import MapChoice, hideout
from monitor import demo
from monitor.messages import t
from monitor.scoring import Scorer
from monitor.store import Store
from tests.support import browser_page

SCRIPT = Path(__file__).resolve().parents[1] / "assets" / "kaart.js"
#: What the map scripts share (buurtmonitor.areaMap); Dash loads it first.
COMMON = SCRIPT.with_name("00_common.js")


@pytest.fixture(scope="module")
def scorer(tmp_path_factory: pytest.TempPathFactory) -> Scorer:
    url = f"sqlite:///{tmp_path_factory.mktemp('labels') / 'l.sqlite'}"
    store = Store(url)
    store.upgrade()
    demo.install(store)
    return Scorer(store)


def test_the_hideout_carries_the_labels(scorer: Scorer) -> None:
    for lang in ("nl", "en"):
        data, _frame = hideout(
            scorer, MapChoice("werkloosheid_p", 2024, "buurt", None, "standaard", lang)
        )
        assert data["labels"]["nap"] == t("col.nap", lang)
        assert data["labels"]["value"] == t("col.value", lang)


#: A stand-in for a dash-leaflet layer: what kaart.js calls on it, nothing more.
FAKE_LAYER = """([code, name]) => {
    const el = document.createElement("div");
    document.body.appendChild(el);
    const layer = {
        feature: {properties: {code: code, name: name}},
        bindTooltip(fn) { this.tip = fn; },
        on() {},
        getElement() { return el; },
    };
    window.buurtmonitor.kaart.onEachFeature(layer.feature, layer);
    window.testLayer = layer;
}"""


@pytest.mark.browser
def test_tooltip_and_accessible_name_use_the_hideout_labels(scorer: Scorer) -> None:
    data, _frame = hideout(
        scorer, MapChoice("werkloosheid_p", 2024, "buurt", None, "standaard", "en")
    )
    data["labels"]["nap"] = "City average"  # any label: the script must not have its own
    with browser_page() as page:
        page.set_content("<!doctype html><html><body></body></html>")
        page.add_script_tag(content=COMMON.read_text(encoding="utf-8"))
        page.add_script_tag(content=SCRIPT.read_text(encoding="utf-8"))
        page.evaluate(FAKE_LAYER, ["O03b", "Vaarthof"])
        page.evaluate(
            """(hideout) => window.buurtmonitor.kaart.style(
                window.testLayer.feature, {hideout: hideout})""",
            data,
        )
        name = page.evaluate("() => window.testLayer.getElement().getAttribute('aria-label')")
        tip = page.evaluate(
            "() => [...window.testLayer.tip(window.testLayer).children].map(c => c.textContent)"
        )
    nap = f"City average: {data['nap']}"
    assert nap in name.split("; ") and nap in tip
    assert "NAP" not in name and not any("NAP" in line for line in tip)
    assert name.startswith("Vaarthof (O03b); Value: ")
