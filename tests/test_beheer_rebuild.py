"""Beheer's "Scores opnieuw berekenen" in headless Chromium: a beheerder starts the
rebuild as a background job, sees its progress bar (the Uploaden page's) and what was
rebuilt; an analist and an anonymous visitor get no button, and the server refuses the
callback itself to them, and to a request without the CSRF token."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from monitor import audit, demo
from monitor.store import Store
from monitor.store.materialised import score_stamp
from tests.support import SCREENSHOTS, app_server, browser_page, create_user, login

pytestmark = pytest.mark.browser

#: Calls the button's callback from the page, as a crafted request would: with the CSRF
#: header (or without it, ``csrf`` false). Returns the HTTP status.
CALL_REBUILD = """async (csrf) => {
  const deps = await (await fetch('/_dash-dependencies')).json();
  const dep = deps.find(d => d.inputs.some(i => i.id === 'beheer-rebuild'));
  const cookie = document.cookie.split('; ').find(c => c.startsWith('_csrf_token='));
  const headers = {'Content-Type': 'application/json'};
  if (csrf) headers['X-CSRFToken'] = cookie.split('=')[1];
  const body = {output: dep.output, outputs: [],
    inputs: [{id: 'beheer-rebuild', property: 'n_clicks', value: 1}],
    state: [{id: 'lang', property: 'data', value: 'nl'}],
    changedPropIds: ['beheer-rebuild.n_clicks']};
  const answer = await fetch('/_dash-update-component',
    {method: 'POST', headers, body: JSON.stringify(body)});
  return answer.status;
}"""

#: Keeps every text the progress bar shows (it can come and go between two polls).
WATCH_PROGRESS = """() => {
  window.progressSeen = [];
  new MutationObserver(() => {
    const bar = document.querySelector('#beheer-progress-text');
    if (bar) window.progressSeen.push(bar.textContent);
  }).observe(document.body, {childList: true, subtree: true, characterData: true});
}"""


@pytest.fixture
def demo_store(tmp_path: Path) -> tuple[str, Path]:
    url = f"sqlite:///{tmp_path / 'beheer.sqlite'}"
    store = Store(url)
    store.upgrade()
    demo.install(store)
    store.engine.dispose()
    create_user(url, "bob", "beheerder")
    create_user(url, "anna", "analist")
    return url, tmp_path


def generation(url: str) -> int:
    store = Store(url)
    found = int(score_stamp(store, store.division_id())[0])
    store.engine.dispose()
    return found


def rebuilds(url: str) -> list[str]:
    store = Store(url)
    entries = audit.entries(store)
    store.engine.dispose()
    return entries.loc[entries["action"] == "scores.rebuild", "actor"].tolist()


def test_a_beheerder_recomputes_the_scores_with_a_progress_bar(
    demo_store: tuple[str, Path],
) -> None:
    url, tmp = demo_store
    SCREENSHOTS.mkdir(exist_ok=True)
    before = generation(url)
    env = {"MONITOR_DATA_DIR": str(tmp / "data")}
    with app_server(url, env) as base, browser_page() as page:
        login(page, base, "bob")
        page.goto(f"{base}/beheer")
        button = page.locator("#beheer-rebuild")
        assert button.inner_text() == "Scores opnieuw berekenen"
        page.evaluate(WATCH_PROGRESS)
        button.click()
        page.wait_for_selector("#beheer-rebuild-done")
        seen = page.evaluate("window.progressSeen")
        assert seen and seen[0] == "In de wachtrij… (0%)", seen
        text = page.inner_text("#beheer-rebuild-done")
        assert "Scores opnieuw berekend:" in text
        assert f"Indeling voorbeeldstad: generatie {before + 1}," in text
        # Counts as the project writes numbers: thousands with a point ("15.744 scores").
        counted = re.search(r"(\S+) groepen, (\S+) scores", text)
        assert counted, text
        assert re.fullmatch(r"[1-9]\d{0,2}(\.\d{3})+", counted[2]), counted[2]
        assert page.locator("#beheer-progress-bar").count() == 0  # gone when done
        assert button.is_enabled()  # may be pressed again
        # The audit log on the page has the line already.
        page.wait_for_function(
            "() => document.querySelector('#beheer-audit-table')"
            "?.textContent.includes('scores opnieuw berekenen gestart')"
        )
        page.screenshot(path=str(SCREENSHOTS / "beheer-rebuild.png"), full_page=True)
        # Pressed again: the bar, then the next generation.
        button.click()
        page.wait_for_function(
            "() => (document.querySelector('#beheer-rebuild-done') || {}).textContent"
            f"?.includes('generatie {before + 2},')"
        )
        # Without the CSRF header the server refuses, and starts nothing.
        assert page.evaluate(CALL_REBUILD, False) == 400
    assert generation(url) == before + 2
    assert rebuilds(url) == ["bob", "bob"]


def test_the_rebuild_is_refused_to_an_analist_and_to_anonymous(
    demo_store: tuple[str, Path],
) -> None:
    url, tmp = demo_store
    before = generation(url)
    env = {"MONITOR_DATA_DIR": str(tmp / "data")}
    with app_server(url, env) as base, browser_page() as page:
        page.goto(f"{base}/beheer")  # public read: the page opens, without the controls
        page.wait_for_selector("#beheer-denied")
        assert page.locator("#beheer-rebuild").count() == 0
        assert page.evaluate(CALL_REBUILD, True) == 401
        login(page, base, "anna")
        page.goto(f"{base}/beheer")
        page.wait_for_selector("#beheer-denied")
        assert page.locator("#beheer-rebuild").count() == 0
        assert page.evaluate(CALL_REBUILD, True) == 403
    assert generation(url) == before and rebuilds(url) == []
