"""The gebiedsagenda page and the buurtprofiel in headless Chromium: an analist adds a
goal, an action and a note through the forms (with Dutch validation messages), reloads,
sees them in the buurtprofiel and in the downloaded PDF; markup in a note or an area name
shows as text everywhere and no dialog ever opens; a lezer sees no forms."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from monitor import audit, demo, users
from monitor.scoring import Scorer
from monitor.store import Store, areas
from tests.support import SCREENSHOTS, app_server, browser_page

pytestmark = pytest.mark.browser

HOSTILE_NAME = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(1)</script>"
CODE = "O02a"
ANALIST = ("ana", "analist-wachtwoord-1")
LEZER = ("lees", "lezer-wachtwoord-1")
NO_TILES = {"MONITOR_TILE_URL": ""}


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    folder = tmp_path_factory.mktemp("agendapage")
    url = f"sqlite:///{folder / 'a.sqlite'}"
    store = Store(url)
    store.upgrade()
    demo.install(store)
    with store.begin() as conn:
        conn.execute(sa.update(areas).where(areas.c.code == CODE).values(name=HOSTILE_NAME))
    users.add(store, ANALIST[0], ANALIST[1], "analist", actor="pytest")
    users.add(store, LEZER[0], LEZER[1], "lezer", actor="pytest")
    store.engine.dispose()
    return url, folder


def login(page, base: str, account: tuple[str, str], target: str) -> None:
    page.goto(f"{base}/login?" + urlencode({"next": target}))
    page.fill("#username", account[0])
    page.fill("#password", account[1])
    page.click("#login-submit")
    page.wait_for_url(f"**{target.split('?')[0]}*")


def choose(page, dropdown: str, text: str) -> None:
    page.click(f"#{dropdown}")
    page.get_by_role("option", name=text).first.click()
    page.keyboard.press("Escape")


def has_text(page, selector: str, text: str) -> None:
    """Wait until ``selector`` shows ``text`` (a locator wait: the page's CSP forbids eval)."""
    page.locator(selector, has_text=text).first.wait_for()


def test_analist_adds_goal_action_and_note(demo_store: tuple[str, Path]) -> None:
    url, folder = demo_store
    SCREENSHOTS.mkdir(exist_ok=True)
    env = NO_TILES | {"MONITOR_DATA_DIR": str(folder / "data")}
    with app_server(url, env) as base, browser_page() as page:
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        login(page, base, ANALIST, f"/agenda?gebied={CODE}")
        page.wait_for_selector("#agenda-no-goals")
        assert HOSTILE_NAME in page.inner_text("#agenda-area")

        # A goal: first with mistakes, each named in Dutch; then right.
        page.fill("#agenda-goal-text", "   ")
        choose(page, "agenda-goal-indicator", "Geregistreerde werkloosheid (%) (werkloosheid_p)")
        page.fill("#agenda-goal-target", "veel")
        page.fill("#agenda-goal-year", "2019")
        page.click("#agenda-goal-save")
        page.wait_for_selector("#agenda-goal-msg .agenda-problems")
        problems = page.inner_text("#agenda-goal-msg")
        assert "Doel: is leeg; vul dit in." in problems
        assert "Streefwaarde of NAP: 'veel' is geen getal en geen NAP" in problems
        assert "Doeljaar: '2019' ligt vóór het laatste jaar met gegevens" in problems
        page.fill("#agenda-goal-text", "Meer mensen aan het werk in de <buurt>")
        page.fill("#agenda-goal-target", "6,5")
        page.fill("#agenda-goal-year", "2026")
        page.click("#agenda-goal-save")
        page.wait_for_selector("#agenda-goal-saved")
        has_text(page, "#agenda-goals", "Meer mensen aan het werk in de <buurt>")
        has_text(page, "#agenda-goals", "hoogstens 6,5% in 2026")

        # An action "niet mogelijk": refused without a reason, saved with one.
        choose(page, "agenda-action-goal", "Meer mensen aan het werk")
        page.fill("#agenda-action-text", "Banenmarkt in <b>het buurthuis</b>")
        page.fill("#agenda-action-owner", "Werkplein & partners")
        choose(page, "agenda-action-status", "niet mogelijk")
        page.click("#agenda-action-save")
        page.wait_for_selector("#agenda-action-msg .agenda-problems")
        assert "bij 'niet mogelijk' hoort een reden" in page.inner_text("#agenda-action-msg")
        page.fill("#agenda-action-reason", "Het buurthuis is in 2025 dicht.")
        page.click("#agenda-action-save")
        page.wait_for_selector("#agenda-action-saved")
        has_text(page, "#agenda-goals", "Banenmarkt in <b>het buurthuis</b>")

        # A note whose text is a script.
        page.fill("#agenda-note-text", f"{SCRIPT}\nDe bewoners willen een banenmarkt.")
        choose(page, "agenda-note-role", "bewoner")
        choose(page, "agenda-note-source", "bewonersavond")
        page.fill("#agenda-note-date", "14-03-2024")
        page.click("#agenda-note-save")
        page.wait_for_selector("#agenda-note-saved")
        has_text(page, "#agenda-notes", SCRIPT)

        # Edit the goal's target through its button; remove a second note.
        page.click(".agenda-goal .agenda-buttons >> text=Bewerken")
        has_text(page, "#agenda-goal-title", "bewerken")
        assert page.input_value("#agenda-goal-target") == "6,5"
        page.fill("#agenda-goal-target", "7")
        page.click("#agenda-goal-save")
        has_text(page, "#agenda-goals", "hoogstens 7,0% in 2026")
        # The action and the note fill their forms the same way; cancel empties them.
        page.click(".agenda-actions .agenda-buttons >> text=Bewerken")
        has_text(page, "#agenda-action-title", "bewerken")
        assert page.input_value("#agenda-action-text") == "Banenmarkt in <b>het buurthuis</b>"
        assert page.input_value("#agenda-action-reason") == "Het buurthuis is in 2025 dicht."
        page.fill("#agenda-action-owner", "Buurtteam Oost")
        page.click("#agenda-action-save")
        has_text(page, "#agenda-goals", "Buurtteam Oost")
        assert page.input_value("#agenda-action-text") == ""
        page.click(".agenda-note .agenda-buttons >> text=Bewerken")
        has_text(page, "#agenda-note-title", "bewerken")
        assert page.input_value("#agenda-note-date") == "2024-03-14"
        assert page.input_value("#agenda-note-text").startswith(SCRIPT)
        page.click("#agenda-note-cancel")
        has_text(page, "#agenda-note-title", "Verhaal toevoegen")
        assert page.input_value("#agenda-note-text") == ""
        page.fill("#agenda-note-text", "Weg ermee")
        choose(page, "agenda-note-role", "wijkagent")
        choose(page, "agenda-note-source", "schouw")
        page.click("#agenda-note-save")
        has_text(page, "#agenda-notes", "Weg ermee")
        page.locator(".agenda-note", has_text="Weg ermee").locator("text=Verwijderen").click()
        page.wait_for_selector("#agenda-removed")
        page.locator(".agenda-note", has_text="Weg ermee").wait_for(state="detached")

        # After a reload everything is still there, as text.
        page.reload()
        page.wait_for_selector(".agenda-goal")
        goals = page.inner_text("#agenda-goals")
        assert "Meer mensen aan het werk in de <buurt>" in goals
        assert "Banenmarkt in <b>het buurthuis</b>" in goals
        assert "Het buurthuis is in 2025 dicht." in goals
        assert SCRIPT in page.inner_text("#agenda-notes")
        assert "Weg ermee" not in page.inner_text("#agenda-notes")
        page.screenshot(path=str(SCREENSHOTS / "agenda.png"), full_page=True)

        # The buurtprofiel shows the verhalen and the agenda.
        page.click("#agenda-links >> text=Buurtprofiel")
        page.wait_for_selector("#profiel-verhalen")
        assert HOSTILE_NAME in page.inner_text("#profiel-title")
        assert SCRIPT in page.inner_text("#profiel-verhalen")
        agenda_text = page.inner_text("#profiel-agenda")
        assert "Meer mensen aan het werk in de <buurt>" in agenda_text
        assert "Banenmarkt in <b>het buurthuis</b>" in agenda_text
        assert "niet mogelijk" in agenda_text
        page.screenshot(path=str(SCREENSHOTS / "profiel-agenda.png"), full_page=True)

        # The PDF, downloaded from the profile's link.
        with page.expect_download() as download:
            page.click("#profiel-pdf")
        assert download.value.suggested_filename == f"gebiedsanalyse-{CODE}.pdf"
        reader = PdfReader(download.value.path())
        text = "\n".join(p.extract_text() for p in reader.pages)
        flat = " ".join(text.split())
        assert f"Gebiedsanalyse {HOSTILE_NAME}" in flat
        assert "Meer mensen aan het werk in de <buurt>" in flat
        assert "Banenmarkt in <b>het buurthuis</b>" in flat
        assert SCRIPT in text and "Weg ermee" not in flat
        store = Store(url)
        werk = Scorer(store).score("werkloosheid_p", 2024, "buurt").set_index("code").loc[CODE]
        value = f"{werk['value']:.1f}".replace(".", ",") + "%"
        assert f"Geregistreerde werkloosheid (%) 2024 {value} 6,7%" in flat
        assert dialogs == [] and errors == []

    # Who did what: every change by "ana", in the audit log.
    log = audit.entries(store)
    edits = log[log["action"].str.match(r"^(goal|action|note)\.")]
    assert set(edits["actor"]) == {"ana", demo.DEMO_ACTOR}
    mine = edits[edits["actor"] == "ana"].sort_values("id")
    assert mine["action"].tolist() == [
        "goal.add",
        "action.add",
        "note.add",
        "goal.update",
        "action.update",
        "note.add",
        "note.remove",
    ]
    store.engine.dispose()


def test_lezer_reads_without_forms(demo_store: tuple[str, Path]) -> None:
    url, folder = demo_store
    env = NO_TILES | {"MONITOR_DATA_DIR": str(folder / "data")}
    store = Store(url)
    first = sorted(
        store.areas_frame(store.division_id(), "buurt").query("stadsdeel_code == 'O'")["code"]
    )[0]
    store.engine.dispose()
    with app_server(url, env) as base, browser_page() as page:
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        login(page, base, LEZER, f"/agenda?gebied={first}")
        page.wait_for_selector(".agenda-goal")
        assert page.locator("#agenda-readonly").count() == 1
        assert page.locator("#agenda-forms").count() == 0
        assert page.locator(".agenda-buttons").count() == 0
        goals = page.inner_text("#agenda-goals")
        assert "Meer bewoners aan het werk" in goals and "Doel bereikt" in goals
        with page.expect_download() as download:
            page.click("#agenda-pdf")
        text = "\n".join(p.extract_text() for p in PdfReader(download.value.path()).pages)
        assert "Meer bewoners aan het werk" in text
        assert dialogs == []
