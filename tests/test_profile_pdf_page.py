"""The buurtprofiel's "PDF van alle buurten in …" in Chromium: a visitor without a login
(public read) is told to log in; a logged-in lezer starts the job, sees its progress per
buurt reach 100% and downloads the PDF (one page per buurt and a cover); nobody else can
download it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from monitor import demo
from monitor.store import Store
from tests.support import (
    SCREENSHOTS,
    app_server,
    browser_page,
    create_user,
    http_session,
    login,
)

pytestmark = pytest.mark.browser


def test_a_lezer_makes_the_pdf_of_all_buurten_of_oost(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'page.sqlite'}"
    store = Store(url)
    store.upgrade()
    demo.install(store, data_dir=tmp_path / "data")
    store.engine.dispose()
    create_user(url, "gm-oost", "lezer")
    create_user(url, "iemand", "analist")
    env = {"MONITOR_TILE_URL": "", "MONITOR_DATA_DIR": str(tmp_path / "data")}
    with app_server(url, env) as base, browser_page() as page:
        # Public read, no login: the profile, and a line saying to log in; no button.
        page.goto(f"{base}/profiel?gebied=O")
        expect(page.locator("#profiel-pdf-all-login")).to_have_text(
            "Log in om een PDF van alle buurten in stadsdeel Oost te maken."
        )
        expect(page.locator("#profiel-pdf-all")).to_have_count(0)

        login(page, base, "gm-oost")
        # A buurt's profile offers its gebied's buurten.
        page.goto(f"{base}/profiel?gebied=O01a")
        expect(page.locator("#profiel-pdf-all")).to_have_text(
            "PDF van alle buurten in gebied Oost 1"
        )
        page.goto(f"{base}/profiel?gebied=O")
        button = page.locator("#profiel-pdf-all")
        expect(button).to_have_text("PDF van alle buurten in stadsdeel Oost")
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "profiel-pdf-knop.png"))
        button.click()
        # The progress text per buurt, until the link is there.
        seen: list[str] = []
        deadline = time.monotonic() + 120
        while not page.locator("#profiel-pdf-download").count():
            texts = page.locator("#profiel-pdf-progress-text").all_inner_texts()
            seen += [t for t in texts if t not in seen]
            assert time.monotonic() < deadline, seen
            page.wait_for_timeout(150)
        # Progress showed before the link. Reading 31 profiles can now pass between two
        # polls of the page (500 ms), so the per-buurt text is checked where it shows; the
        # job's report per area is tested apart (test_profile_pdf: every area, in order).
        assert seen, "no progress shown before the link"
        per_buurt = [text for text in seen if text.startswith("Profiel ")]
        assert all(" van 31: " in text for text in per_buurt), seen
        expect(page.locator("#profiel-pdf-progress-text")).to_have_text("Klaar (100%)")
        assert page.locator("#profiel-pdf-progress-bar").get_attribute("value") == "1.0"
        expect(button).to_be_enabled()
        link = page.locator("#profiel-pdf-download")
        expect(link).to_have_text("Download de PDF (32 pagina's)")
        page.locator("#profiel-pdf-all-section").screenshot(
            path=str(SCREENSHOTS / "profiel-pdf-alle-buurten.png")
        )
        with page.expect_download() as info:
            link.click()
        download = info.value
        assert download.suggested_filename == "profielen-buurten-O.pdf"
        reader = PdfReader(download.path())
        assert len(reader.pages) == 32
        assert "Profielen van alle buurten in stadsdeel Oost (O)" in reader.pages[0].extract_text()
        href = link.get_attribute("href")

        # On a phone the button, hint, bar and link stay inside the screen.
        page.set_viewport_size({"width": 390, "height": 844})
        section = page.locator("#profiel-pdf-all-section")
        section.scroll_into_view_if_needed()
        box = section.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
        for part in ("#profiel-pdf-all", "#profiel-pdf-download"):
            inner = page.locator(part).bounding_box()
            assert inner is not None and inner["x"] + inner["width"] <= 390, part
        section.screenshot(path=str(SCREENSHOTS / "profiel-pdf-alle-buurten-telefoon.png"))

        # Only who made it downloads it: another account gets 404, no login the login page.
        other = http_session(base, "iemand")
        assert other.get(f"{base}{href}", timeout=30).status_code == 404
        anonymous = http_session(base)
        answer = anonymous.get(f"{base}{href}", allow_redirects=False, timeout=30)
        assert answer.status_code == 302 and answer.headers["Location"].startswith("/login?")
