"""Gebiedsanalyse (monitor/report.py): the PDF holds numbers, stories, agenda and budget,
user text printed literally (never parsed as markup), in a font with €, ë and é."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from pypdf import PdfReader
from typer.testing import CliRunner

from monitor import agenda, demo, report
from monitor.cli import app as cli
from monitor.errors import MonitorError
from monitor.scoring import Scorer
from monitor.store import Store, areas, budget_lines

runner = CliRunner()
HOSTILE_NAME = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Voorbeeldstad with one Oost buurt renamed to markup, and hostile agenda text."""
    folder = tmp_path_factory.mktemp("report")
    url = f"sqlite:///{folder / 'r.sqlite'}"
    store = Store(url)
    store.upgrade()
    demo.install(store)
    division_id = store.division_id()
    with store.begin() as conn:
        conn.execute(sa.update(areas).where(areas.c.code == "O02a").values(name=HOSTILE_NAME))
    goal = agenda.add_goal(
        store,
        division_id,
        code="O02a",
        text="Café <b>open</b> & één plek voor € 0",
        indicator="werkloosheid_p",
        target="6,5",
        year=2026,
        actor="ana",
    )
    agenda.add_action(
        store,
        goal,
        text="Huur <i>verlagen</i>",
        owner="Corporatie & Co",
        status="niet mogelijk",
        reason="Geen <budget>",
        actor="ana",
    )
    agenda.add_note(
        store,
        division_id,
        code="O02a",
        text=f"{SCRIPT}\nTweede regel: ë é €",
        author_role="bewoner",
        source_type="schouw",
        date="2024-03-14",
        actor="ana",
    )
    store.engine.dispose()
    return url


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_pdf_prints_user_text_literally(demo_url: str) -> None:
    store = Store(demo_url)
    analysis = report.gebiedsanalyse(store, "O02a")
    data = report.pdf(analysis)
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    flat = " ".join(text.split())
    assert f"Gebiedsanalyse {HOSTILE_NAME}" in flat
    assert SCRIPT in text and "Tweede regel: ë é €" in text
    assert "Café <b>open</b> & één plek voor € 0" in flat
    assert "Huur <i>verlagen</i>" in flat and "Corporatie & Co" in flat
    assert "Geen <budget>" in flat and "niet mogelijk" in flat
    assert "Voorbeeldstad is een verzonnen stad" in flat
    # A number from the profile, as the buurtprofiel formats it, with NAP and class.
    scorer = Scorer(store)
    werk = scorer.score("werkloosheid_p", 2024, "buurt").set_index("code").loc["O02a"]
    value = f"{werk['value']:.1f}".replace(".", ",") + "%"
    assert f"Geregistreerde werkloosheid (%) 2024 {value} 6,7%" in flat
    assert "hoogstens 6,5% in 2026" in flat
    assert f"Laatste waarde (2024): {value}; NAP 6,7%" in flat
    # One embedded TrueType font with €, ë and é, not a standard font without them.
    fonts = {
        str(f["/BaseFont"])
        for page in PdfReader(io.BytesIO(data)).pages
        for f in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("DejaVu" in f or "Vera" in f for f in fonts), fonts


def test_pdf_of_the_demo_shows_its_agenda_and_budget(demo_url: str) -> None:
    store = Store(demo_url)
    oost = sorted(
        store.areas_frame(store.division_id(), "buurt").query("stadsdeel_code == 'O'")["code"]
    )
    flat = " ".join(pdf_text(report.pdf(report.gebiedsanalyse(store, oost[4]))).split())
    assert "Minder jongeren verlaten school zonder diploma" in flat
    assert "Jongerenwerk op vrijdagavond" in flat and "niet mogelijk" in flat
    assert "Geen ruimte: het buurthuis is tot eind 2025 dicht voor verbouwing." in flat
    assert "Jongeren missen een plek voor de avond." in flat
    # The buurtbegroting of the latest budget year, summed here from the stored lines
    # (for the demo's O01e in 2024: planned € 360.700, realised € 127.627,54 → € 127.628;
    # Onderwijs en jeugd € 132.200 and € 68.408,95 → € 68.409).
    with store.engine.connect() as conn:
        lines = pd.DataFrame(
            conn.execute(
                sa.select(
                    budget_lines.c.year,
                    budget_lines.c.programme,
                    budget_lines.c.planned,
                    budget_lines.c.realised,
                )
                .join(areas, areas.c.id == budget_lines.c.area_id)
                .where(areas.c.code == oost[4], budget_lines.c.is_current)
            ).all()
        )
    year = int(lines["year"].max())
    latest = lines[lines["year"] == year]
    jeugd = latest[latest["programme"] == "Onderwijs en jeugd"]
    assert not jeugd.empty and latest["realised"].isna().any()  # a line not yet realised

    def euros(amount: float) -> str:
        return "€ " + f"{int(amount + 0.5):,}".replace(",", ".")

    assert "Buurtbegroting" in flat
    total = f"Alle programma's {euros(latest['planned'].sum())} {euros(latest['realised'].sum())}"
    assert total in flat
    row = f"Onderwijs en jeugd {euros(jeugd['planned'].sum())} {euros(jeugd['realised'].sum())}"
    assert row in flat


def test_pdf_in_english_and_for_an_unknown_area(demo_url: str) -> None:
    store = Store(demo_url)
    flat = " ".join(pdf_text(report.pdf(report.gebiedsanalyse(store, "O02a", "en"))).split())
    assert f"Area analysis {HOSTILE_NAME}" in flat and "Stories" in flat
    assert "at most 6.5% by 2026" in flat
    with pytest.raises(MonitorError):
        report.gebiedsanalyse(store, "QQ99")


def test_pdf_filename_is_safe() -> None:
    assert report.pdf_filename("O02a") == "gebiedsanalyse-O02a.pdf"
    assert report.pdf_filename('../"x y"') == "gebiedsanalyse-____x_y_.pdf"


def test_cli_export(demo_url: str, tmp_path: Path) -> None:
    env = {"MONITOR_DATABASE_URL": demo_url, "MONITOR_DATA_DIR": str(tmp_path / "data")}
    target = tmp_path / "o02a.pdf"
    result = runner.invoke(cli, ["export", "gebiedsanalyse", "O02a", "-o", str(target)], env=env)
    assert result.exit_code == 0, (result.output, result.exception)
    assert "O02a" in result.output
    assert SCRIPT in pdf_text(target.read_bytes())
    result = runner.invoke(cli, ["export", "gebiedsanalyse", "QQ99", "-o", str(target)], env=env)
    assert result.exit_code != 0 and "QQ99" in str(result.exception)
