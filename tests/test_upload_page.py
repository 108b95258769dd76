"""The upload page in headless Chromium: report, preview, publish, undo, hostile names; an
analist may, a lezer or anonymous visitor may not (refused by the server)."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor import audit, demo
from monitor.store import Store
from tests.support import SCREENSHOTS, app_server, browser_page, create_user, login

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_store(tmp_path: Path) -> tuple[str, Path]:
    url = f"sqlite:///{tmp_path / 'up.sqlite'}"
    store = Store(url)
    store.upgrade()
    demo.install(store)
    store.engine.dispose()
    return url, tmp_path


def _current(url: str, code: str, indicator: str, period: int) -> float:
    store = Store(url)
    frame = store.current_values(store.division_id(), [indicator], [period])
    value = frame.loc[frame["code"] == code, "value"].iloc[0]
    store.engine.dispose()
    return float(value)


def test_upload_report_preview_publish_undo(demo_store: tuple[str, Path]) -> None:
    url, tmp = demo_store
    SCREENSHOTS.mkdir(exist_ok=True)
    before = _current(url, "N01a", "werkloosheid_p", 2024)
    bad = tmp / "fouten.csv"
    bad.write_text(
        "gebiedcode;indicator;periode;waarde\nN01a;werkloosheid_p;2024;130\n"
        "QQ99;werkloosheid_p;2024;5\n",
        encoding="utf-8",
    )
    good = tmp / "<img src=x onerror=alert(1)>.csv"
    good.write_text(
        "gebiedcode;indicator;periode;waarde;bron\n"
        "N01a;werkloosheid_p;2024;3,3;<script>alert(1)</script>\n"
        "BU09990002;werkloosheid_p;2030;4,4;OIS\n",
        encoding="utf-8",
    )
    create_user(url, "anna", "analist")
    env = {"MONITOR_DATA_DIR": str(tmp / "data")}
    with app_server(url, env) as base, browser_page() as page:
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        login(page, base, "anna")
        page.goto(f"{base}/upload")
        page.set_input_files("#upload-file input[type=file]", str(bad))
        page.wait_for_selector("#upload-problems")
        problems = page.inner_text("#upload-problems")
        assert "rij 2, kolom 'waarde': '130' valt buiten 0–100 (percentage)" in problems
        assert "rij 3, kolom 'gebiedcode': 'QQ99' onbekende gebiedscode" in problems
        page.screenshot(path=str(SCREENSHOTS / "upload-errors.png"), full_page=True)
        assert page.is_disabled("#upload-publish")  # nothing to publish while errors are listed
        assert _current(url, "N01a", "werkloosheid_p", 2024) == before

        page.set_input_files("#upload-file input[type=file]", str(good))
        page.wait_for_selector("#upload-preview")
        assert "<img src=x onerror=alert(1)>.csv" in page.inner_text("#upload-summary")
        preview = page.inner_text("#upload-preview")
        assert "2024\t0\t1\t0" in preview and "2030\t1\t0\t0" in preview
        assert "N01a" in page.inner_text("#upload-changes")
        assert page.is_enabled("#upload-publish")
        page.click("#upload-publish")  # without confirmation: refused
        page.wait_for_selector("#upload-error")
        refused = page.inner_text("#upload-error")
        assert "vink 'Ik wil gepubliceerde waarden wijzigen' aan" in refused
        page.check("#upload-confirm input[type=checkbox]")
        page.click("#upload-publish")
        page.wait_for_selector("#upload-published")
        assert _current(url, "N01a", "werkloosheid_p", 2024) == 3.3
        history = page.inner_text("#upload-history-table")
        assert "<img src=x onerror=alert(1)>.csv" in history
        assert "anna" in history  # the uploader is the logged-in user
        # The status in words, in Dutch (the stored code is 'published').
        assert "gepubliceerd" in history and "published" not in history
        page.screenshot(path=str(SCREENSHOTS / "upload-published.png"), full_page=True)
        # Where does this number come from: the profile names the new upload and file.
        page.goto(f"{base}/profiel?gebied=N01a")
        row = page.locator("tr[data-indicator='werkloosheid_p']")
        row.wait_for()
        newest = int(Store(url).uploads_frame()["id"].max())
        assert f"upload {newest}: <img src=x onerror=alert(1)>.csv" in row.inner_text()
        page.goto(f"{base}/upload")
        page.wait_for_selector("#upload-history-table")
        page.click("#upload-history-table button >> nth=0")  # undo the newest upload: it asks
        page.wait_for_selector("#upload-ask")
        assert _current(url, "N01a", "werkloosheid_p", 2024) == 3.3  # one click: nothing yet
        page.click(".upload-ask-yes")
        page.wait_for_selector("text=is ongedaan gemaakt")
        assert _current(url, "N01a", "werkloosheid_p", 2024) == before
        newest_row = page.locator("#upload-history-table tr").nth(1).inner_text()
        assert "ongedaan gemaakt" in newest_row and "undone" not in newest_row
        assert dialogs == []
    stored = list((tmp / "data" / "uploads").iterdir())
    assert all(len(p.name) == 64 for p in stored)  # by sha256, never by the user's name
    store = Store(url)
    log = audit.entries(store).sort_values("id")
    ours = log[log["actor"] == "anna"]
    assert ours["action"].tolist() == [
        "login.success",
        "upload.check",
        "upload.check",
        "upload.publish",
        "upload.undo",
    ]
    published = int(store.uploads_frame()["id"].max())
    assert ours["target"].tolist()[-2:] == [
        f"upload {published}: <img src=x onerror=alert(1)>.csv",
        f"upload {published}",
    ]
    assert store.uploads_frame().set_index("id").loc[published, "undone_by"] == "anna"


#: Finds the upload page's state-changing callbacks in /_dash-dependencies and calls them
#: from the page itself, with the CSRF header, as a crafted request would.
CALL_UPLOAD_CALLBACKS = """async () => {
  const deps = await (await fetch('/_dash-dependencies')).json();
  const token = document.cookie.split('; ').find(c => c.startsWith('_csrf_token='))
    .split('=')[1];
  const empty = (item) => item.id.startsWith('{') ? [] :
    {id: item.id, property: item.property, value: null};
  const statuses = {};
  for (const dep of deps) {
    if (!dep.output.includes('upload-report') && !dep.output.includes('upload-result.children'))
      continue;
    const body = {output: dep.output, outputs: [], inputs: dep.inputs.map(empty),
                  state: dep.state.map(empty), changedPropIds: []};
    const answer = await fetch('/_dash-update-component', {method: 'POST',
      headers: {'Content-Type': 'application/json', 'X-CSRFToken': token},
      body: JSON.stringify(body)});
    statuses[dep.output] = answer.status;
  }
  return statuses;
}"""


def test_upload_is_refused_to_a_lezer_and_to_anonymous(demo_store: tuple[str, Path]) -> None:
    """No controls, and the server refuses the callbacks themselves (not only the button)."""
    url, tmp = demo_store
    create_user(url, "lea", "lezer")
    uploads_before = len(Store(url).uploads_frame())
    env = {"MONITOR_DATA_DIR": str(tmp / "data")}
    with app_server(url, env) as base, browser_page(enforce_csp=True) as page:
        page.goto(f"{base}/upload")  # public read: anonymous sees the page and the history
        page.wait_for_selector("#upload-history-table")
        # The page uploads every kind of file, and its title and intro say so.
        assert page.inner_text("#page h2 >> nth=0") == "Gegevens uploaden"
        intro = page.inner_text("#upload-intro")
        assert all(kind in intro for kind in ("meetingen", "begrotingsregels", "meldingen"))
        assert "Log in" in page.inner_text("#upload-denied")
        assert page.locator("#upload-file, #upload-publish").count() == 0
        assert set(page.evaluate(CALL_UPLOAD_CALLBACKS).values()) == {401}
        login(page, base, "lea")
        page.goto(f"{base}/upload")
        page.wait_for_selector("#upload-history-table")
        assert "u bent ingelogd als lezer" in page.inner_text("#upload-denied")
        assert (
            page.locator("#upload-file, #upload-publish, #upload-history-table button").count() == 0
        )
        statuses = page.evaluate(CALL_UPLOAD_CALLBACKS)
        # check, publish, the job's progress, undo's ask and yes
        assert len(statuses) == 5 and set(statuses.values()) == {403}
        page.screenshot(path=str(SCREENSHOTS / "upload-lezer.png"), full_page=True)
    assert len(Store(url).uploads_frame()) == uploads_before
    assert not (tmp / "data" / "uploads").exists()


@pytest.mark.redis
def test_upload_through_redis_and_a_worker(demo_store: tuple[str, Path]) -> None:
    """With Redis the page's check and publish run in ``monitor worker``, not in the app."""
    import os
    import subprocess
    import sys

    from tests.support import require_redis

    url, tmp = demo_store
    good = tmp / "nieuw.csv"
    good.write_text("gebiedcode;indicator;periode;waarde\nN01a;werkloosheid_p;2031;4,4\n")
    create_user(url, "anna", "analist")
    env = {
        "MONITOR_DATA_DIR": str(tmp / "data"),
        "MONITOR_REDIS_URL": require_redis(),
        "MONITOR_DATABASE_URL": url,
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "monitor.cli", "worker"],
        env=dict(os.environ, **env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with app_server(url, env) as base, browser_page() as page:
            login(page, base, "anna")
            page.goto(f"{base}/upload")
            page.set_input_files("#upload-file input[type=file]", str(good))
            page.wait_for_selector("#upload-preview")
            assert "2031\t1\t0\t0" in page.inner_text("#upload-preview")
            page.click("#upload-publish")
            page.wait_for_selector("#upload-published")
            assert page.is_disabled("#upload-publish")  # no second publish of the same file
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    assert _current(url, "N01a", "werkloosheid_p", 2031) == 4.4
    assert not (tmp / "data" / "jobs").exists()  # statuses in Redis, not in files
