"""The buurtprofiel printed to PDF by Chromium (the ``@media print`` rules in
assets/style.css): A4, the area and its hierarchy, the date and the sources on paper,
no navigation or controls."""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from monitor.profile import area_profile
from monitor.scoring import Scorer
from monitor.store import Store
from tests.support import SCREENSHOTS, app_server, browser_page, demo_database

pytestmark = pytest.mark.browser
NO_TILES = {"MONITOR_TILE_URL": ""}
#: A4 in PostScript points (210 × 297 mm); Chromium rounds to whole CSS pixels.
A4 = (595.28, 841.89)
CODE = "O02d"


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return demo_database(tmp_path_factory.mktemp("print"))


def test_profile_prints_to_a4_pdf(demo_url: str) -> None:
    profile = area_profile(Scorer(Store(demo_url)), CODE, "nl")
    chain = " › ".join(f"{level.capitalize()} {name}" for level, _, name in profile.parents)
    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        page.goto(f"{base}/profiel?gebied={CODE}")
        page.wait_for_selector("#profiel-title")
        # Every indicator row has drawn its sparkline before printing.
        expect(page.locator(".sparkline .scatterlayer")).to_have_count(len(profile.rows))
        headings = set(page.locator(".profiel-page h2, .profiel-page h3").all_inner_texts())
        # The links a reader clicks: navigation, language, login, the profile's own links.
        links = page.locator(
            ".header nav a, #language-switch, #login-link, .profiel-links a"
        ).all_inner_texts()
        pdf = page.pdf(format="A4")
        SCREENSHOTS.mkdir(exist_ok=True)
        (SCREENSHOTS / "profiel-print.pdf").write_bytes(pdf)

    reader = PdfReader(io.BytesIO(pdf))
    pages = reader.pages
    # Two pages for the demo's 18 indicators (see the report); a broken print style (the
    # screen layout, or one row per page) would give many more.
    assert 1 <= len(pages) <= 3
    for pdf_page in pages:
        assert float(pdf_page.mediabox.width) == pytest.approx(A4[0], abs=1.5)
        assert float(pdf_page.mediabox.height) == pytest.approx(A4[1], abs=1.5)
    # Table cells wrap their text over lines; compare with single spaces.
    text = " ".join(" ".join(p.extract_text() for p in pages).split())

    assert f"{profile.name} ({CODE})" in text
    assert chain == "Wijk Westerstad › Gebied Oost 1 › Stadsdeel Oost › Gemeente Voorbeeldstad"
    assert f"Buurt · {chain}" in text
    assert f"Afgedrukt op {date.today().isoformat()}" in text
    assert "Bron: Buurtmonitor" in text
    assert "Herkomst" in text
    # The file name wraps after its hyphen in the narrow column.
    unwrapped = text.replace("voorbeeldstad- meetingen", "voorbeeldstad-meetingen")
    assert unwrapped.count("upload 1: voorbeeldstad-meetingen.csv") == len(profile.rows)
    for domain in ("Werk en inkomen", "Jeugd en onderwijs", "Leefbaarheid en veiligheid"):
        assert domain in text

    # No navigation or controls on paper (a nav label that is also a section heading on
    # the page, like Buurtbegroting, may of course appear as that heading).
    assert {"Kaart", "Tabel", "English", "Inloggen"} <= set(links)
    for link in links:
        if link.strip() and link not in headings:
            assert link not in text, f"link {link!r} printed"


def test_printed_profile_keeps_amounts_and_classes_on_one_line(demo_url: str) -> None:
    """On paper every value, NAP and difference stays on one line ("€ 47.957", never "€"
    above "47.957"), the class is a short word on the same line (the long label wrapped
    over four lines in the narrow column), and the demo says it is fictional."""
    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        page.goto(f"{base}/profiel?gebied={CODE}")
        page.wait_for_selector("#profiel-title")
        rows = page.locator("tr[data-indicator]")
        expect(page.locator(".sparkline .scatterlayer")).to_have_count(rows.count())
        # What the page says in the value, NAP and difference cells, and the short class.
        cells = page.eval_on_selector_all(
            "tr[data-indicator]",
            """rows => rows.map(r => [
                ...[...r.cells].slice(2, 5).map(c => c.innerText.trim()),
                r.querySelector('.chip').dataset.short])""",
        )
        pdf = page.pdf(format="A4")
        SCREENSHOTS.mkdir(exist_ok=True)
        (SCREENSHOTS / "profiel-print-lines.pdf").write_bytes(pdf)

    reader = PdfReader(io.BytesIO(pdf))
    # The PDF's lines as laid out on paper ("fi" ligatures back to two letters).
    lines = [
        unicodedata.normalize("NFKC", line)
        for p in reader.pages
        for line in p.extract_text(extraction_mode="layout").splitlines()
    ]
    assert len(cells) == 18
    assert {c[3] for c in cells} <= {"beter", "gemiddeld", "minder", "geen gegevens"}
    for value, nap, diff, short in cells:
        # value, NAP, difference and class side by side on one printed line.
        pattern = r"\s+".join(re.escape(x) for x in (value, nap, diff, short)) + r"(\s|$)"
        assert any(re.search(pattern, line) for line in lines), (value, nap, diff, short)
    assert any("€ 47.957" in line for line in lines)
    text = " ".join(" ".join(lines).split())
    assert "Voorbeeldstad is een verzonnen stad: alle gebieden en cijfers zijn fictief." in text
    assert "Klasse: de waarde vergeleken met het gemiddelde van Voorbeeldstad (NAP)." in text
    # The long label is the screen's; paper has the short word only.
    assert "beter dan het gemiddelde" not in text
