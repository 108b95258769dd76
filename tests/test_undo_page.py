"""Undo and redo on the Uploaden page (issue 10): one click only asks, the second does it;
an undone upload can be published again; an analist is offered (and allowed) only their
own uploads, a beheerder everyone's. In Chromium, and per role through the callbacks
themselves (as ``tests/test_access.py`` calls them)."""

from __future__ import annotations

import inspect
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from monitor import demo, undo
from monitor.ingest import upload as ingest
from monitor.store import Store
from tests.support import (
    SCREENSHOTS,
    app_server,
    browser_page,
    callback_body,
    client_for,
    create_user,
    csrf_header,
    dash_app_in_process,
    login,
    server_callbacks,
)

ANNA = (
    "gebiedcode;indicator;periode;waarde\n"
    "N01a;werkloosheid_p;2024;3,3\n"
    "N01b;werkloosheid_p;2024;4,4\n"
    "N01a;bijstand_p;2030;5,0\n"
)


def _value(url: str, code: str, indicator: str, period: int) -> float | None:
    store = Store(url)
    frame = store.current_values(store.division_id(), [indicator], [period])
    store.engine.dispose()
    hit = frame.loc[frame["code"] == code, "value"]
    return None if hit.empty else float(hit.iloc[0])


def _statuses(url: str) -> dict[int, str]:
    store = Store(url)
    frame = store.uploads_frame()
    store.engine.dispose()
    return dict(zip(frame["id"].astype(int), frame["status"], strict=True))


@pytest.fixture
def anna_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Path]:
    """The demo (uploads 1 to 4: meetingen, begroting, meldingen, voorzieningen, of 'monitor demo')
    and upload 5 of analist anna."""
    data = tmp_path / "data"
    monkeypatch.setenv("MONITOR_DATA_DIR", str(data))
    url = f"sqlite:///{tmp_path / 'undo.sqlite'}"
    store = Store(url)
    store.upgrade()
    demo.install(store, data_dir=data)
    checked = ingest.check(store, ANNA.encode(), "anna.csv")
    assert ingest.publish(store, checked, uploader="anna", confirm_changes=True) == 5
    store.engine.dispose()
    create_user(url, "anna", "analist")
    create_user(url, "bea", "beheerder")
    return url, data


@pytest.mark.browser
def test_undo_asks_first_and_can_be_redone(anna_store: tuple[str, Path]) -> None:
    url, data = anna_store
    shots = SCREENSHOTS
    shots.mkdir(exist_ok=True)
    demo_value = _value(url, "N01b", "werkloosheid_p", 2023)
    with app_server(url, {"MONITOR_DATA_DIR": str(data)}) as base, browser_page() as page:
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        login(page, base, "anna")
        page.goto(f"{base}/upload")
        page.wait_for_selector("tr[data-upload='5'] button")
        # Anna is offered her own upload only; the demo's are not hers.
        assert page.locator("#upload-history-table button").count() == 1
        assert page.locator("tr[data-upload='1'] button, tr[data-upload='2'] button").count() == 0
        assert "alleen een beheerder" in page.inner_text("#upload-others")

        page.click("tr[data-upload='5'] button")  # one click: it only asks
        page.wait_for_selector("#upload-ask")
        ask = page.inner_text("#upload-ask")
        assert "Upload 5 ongedaan maken?" in ask
        assert "Actuele waarden die verdwijnen: 3 (eerdere waarde terug: 2; daarna leeg: 1)." in ask
        assert "Jaren: 2024, 2030" in ask and "Gebieden: 2" in ask
        assert _statuses(url)[5] == "published"
        assert _value(url, "N01a", "werkloosheid_p", 2024) == 3.3
        page.screenshot(path=str(shots / "undo-ask.png"), full_page=True)
        page.click(".upload-ask-no")
        page.wait_for_selector("#upload-ask", state="detached")
        assert "Niets veranderd" in page.inner_text("#upload-result")
        assert _statuses(url)[5] == "published"

        page.click("tr[data-upload='5'] button")
        page.click(".upload-ask-yes")  # the second, explicit click
        page.wait_for_selector("#upload-done")
        assert "Upload 5 is ongedaan gemaakt; 2 eerdere waarden zijn terug." in page.inner_text(
            "#upload-done"
        )
        assert _statuses(url)[5] == "undone"
        assert _value(url, "N01a", "bijstand_p", 2030) is None
        row = page.inner_text("tr[data-upload='5']")
        assert "ongedaan gemaakt door anna" in row and "Opnieuw publiceren" in row

        page.click("tr[data-upload='5'] button")  # redo: it asks too
        page.wait_for_selector("#upload-ask[data-action='redo']")
        ask = page.inner_text("#upload-ask")
        assert "Het bewaarde bestand anna.csv wordt opnieuw gelezen" in ask
        assert "Rijen: 3 (1 nieuw, 2 gewijzigd, 0 ongewijzigd)." in ask
        assert 6 not in _statuses(url)
        page.screenshot(path=str(shots / "redo-ask.png"), full_page=True)
        page.click(".upload-ask-yes")
        page.wait_for_selector("#upload-done")
        assert "Upload 5 is opnieuw gepubliceerd als upload 6: 3 meetingen." in page.inner_text(
            "#upload-done"
        )
        assert _value(url, "N01a", "bijstand_p", 2030) == 5.0
        assert "publiceert upload 5 opnieuw" in page.inner_text("tr[data-upload='6']")
        assert "opnieuw gepubliceerd als upload 6" in page.inner_text("tr[data-upload='5']")
        assert page.locator("tr[data-upload='5'] button").count() == 0  # not twice
        page.screenshot(path=str(shots / "redo-done.png"), full_page=True)

        # A beheerder is offered every upload (the demo's too).
        page.click("#logout-button")
        login(page, base, "bea")
        page.goto(f"{base}/upload")
        page.wait_for_selector("tr[data-upload='1'] button")
        assert page.locator("tr[data-upload='2'] button, tr[data-upload='6'] button").count() == 2
        assert page.locator("#upload-others").count() == 0
        page.click("tr[data-upload='1'] button")
        page.wait_for_selector("#upload-ask")
        assert "Daarna zijn er geen meetingen meer" not in page.inner_text("#upload-ask")
        page.set_viewport_size({"width": 390, "height": 844})
        page.locator("#upload-ask").scroll_into_view_if_needed()
        page.screenshot(path=str(shots / "undo-ask-narrow.png"), full_page=True)
        assert dialogs == []
    assert _value(url, "N01b", "werkloosheid_p", 2023) == demo_value
    assert _statuses(url) == {
        1: "published",
        2: "published",
        3: "published",
        4: "published",
        5: "undone",
        6: "published",
    }


# -- per role, through the callbacks ------------------------------------------------------


@pytest.fixture
def web(tmp_path: Path) -> Iterator[Any]:
    """The app in this process on a fresh demo store, an account per role."""
    with dash_app_in_process(tmp_path) as dash_app:
        yield dash_app


def _callback(web: Any, name: str) -> tuple[str, dict[str, Any]]:
    return next(
        (output, entry)
        for output, entry in server_callbacks(web).items()
        if inspect.unwrap(entry["callback"]).__name__ == name and "upload" in output
    )


def _click(web: Any, client: Any, name: str, button: dict[str, Any]) -> Any:
    """Call callback ``name`` as dash-renderer does after a click on ``button``."""
    output, entry = _callback(web, name)
    body = callback_body(web, output)
    clicked = {"id": button, "property": "n_clicks", "value": 1}
    body["inputs"] = [
        [clicked] if item["id"].startswith("{") and button["type"] in item["id"] else []
        for item in entry["inputs"]
    ]
    body["state"] = [{"id": "lang", "property": "data", "value": "nl"}]
    key = json.dumps(button, sort_keys=True, separators=(",", ":"))
    body["changedPropIds"] = [f"{key}.n_clicks"]
    return client.post("/_dash-update-component", json=body, headers=csrf_header(client))


def _status(upload_id: int) -> str:
    import app as app_module

    frame = app_module.get_store().uploads_frame().set_index("id")
    return str(frame.loc[upload_id, "status"])


@pytest.mark.parametrize(
    ("role", "code", "allowed"),
    [(None, 401, False), ("lezer", 403, False), ("analist", 200, False), ("beheerder", 200, True)],
)
def test_the_undo_callbacks_respect_roles_and_ownership(
    web: Any, role: str | None, code: int, allowed: bool
) -> None:
    """Upload 1 (the whole demo base data, of 'monitor demo'): only a beheerder may undo it.
    An analist's crafted click is refused by the callback (the button is not offered)."""
    client = client_for(web, role)
    yes = {"type": "upload-ask-yes", "action": "undo", "index": 1}
    asked = _click(web, client, "ask", {"type": "undo-upload", "index": 1})
    assert asked.status_code == code
    assert _status(1) == "published"  # asking never changes anything
    answer = _click(web, client, "confirmed", yes)
    assert answer.status_code == code
    if code != 200:
        assert _status(1) == "published"
        return
    asked_text = json.dumps(asked.get_json(), ensure_ascii=False)
    text = json.dumps(answer.get_json(), ensure_ascii=False)
    if allowed:
        assert "Upload 1 ongedaan maken?" in asked_text
        assert "Upload 1 is ongedaan gemaakt" in text and _status(1) == "undone"
        redo_asked = _click(web, client, "ask", {"type": "redo-upload", "index": 1})
        assert "Upload 1 opnieuw publiceren?" in json.dumps(redo_asked.get_json())
        again = _click(web, client, "confirmed", {**yes, "action": "redo"})
        assert "opnieuw gepubliceerd als upload 5" in json.dumps(again.get_json())
        assert _status(5) == "published"
    else:
        assert "Vraag een beheerder" in asked_text and "Vraag een beheerder" in text
        assert _status(1) == "published"
        redo = _click(web, client, "confirmed", {**yes, "action": "redo"})
        assert "Vraag een beheerder" in json.dumps(redo.get_json(), ensure_ascii=False)


def test_an_analist_may_undo_and_redo_own_uploads_through_the_callbacks(web: Any) -> None:
    import app as app_module

    store = app_module.get_store()
    checked = ingest.check(store, ANNA.encode(), "anna.csv")
    upload_id = ingest.publish(store, checked, uploader="analist-user", confirm_changes=True)
    client = client_for(web, "analist")
    yes = {"type": "upload-ask-yes", "action": "undo", "index": upload_id}
    answer = _click(web, client, "confirmed", yes)
    assert f"Upload {upload_id} is ongedaan gemaakt" in json.dumps(answer.get_json())
    answer = _click(web, client, "confirmed", {**yes, "action": "redo"})
    assert f"Upload {upload_id} is opnieuw gepubliceerd" in json.dumps(answer.get_json())
    assert undo.republished(store.uploads_frame()) == {upload_id: upload_id + 1}
