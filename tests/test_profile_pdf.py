"""The PDF of many areas' profiles (``monitor.pdf``): one page per area plus a cover, read
back with pypdf and checked against the Scorer's frame; Dutch text with diacritics and
markup-like names; ``monitor pdf``; the background job ``profiles.pdf`` (threads, and RQ
on Redis) with progress per area; and pruning of the files it leaves."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from pypdf import PdfReader
from typer.testing import CliRunner

from monitor import demo, jobs, pdf, prune
from monitor.cli import app as cli
from monitor.errors import MonitorError
from monitor.jobs import running as runner_module
from monitor.jobs.profiles_pdf import stored
from monitor.jobs.status import FileStatuses, RedisStatuses
from monitor.messages import t
from monitor.numbers import format_value
from monitor.pdf.render import text_colour
from monitor.scoring import Scorer
from monitor.store import Store
from monitor.store.schema import areas as areas_table
from tests.support import require_redis

DAY = 24 * 3600


def _demo(folder: Path) -> Store:
    store = Store(f"sqlite:///{folder / 'pdf.sqlite'}")
    store.upgrade()
    demo.install(store, data_dir=folder / "data")
    return store


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return _demo(tmp_path_factory.mktemp("pdf"))


def _texts(data: bytes) -> list[str]:
    """Each page's text with single spaces (table cells wrap over lines)."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def test_the_buurten_of_stadsdeel_oost_one_page_each_after_a_cover(
    demo_store: Store, tmp_path: Path
) -> None:
    output = tmp_path / "oost.pdf"
    book = pdf.write(demo_store, output, "buurt", "O")
    pages = _texts(output.read_bytes())
    scorer = Scorer(demo_store)
    buurten = scorer.areas("buurt")
    oost = buurten[buurten["stadsdeel_code"] == "O"].sort_values("code")
    assert len(oost) == 31  # as the README says: 31 of Voorbeeldstad's 90 buurten
    assert len(pages) == 1 + 31 and len(book.pages) == 31

    cover = pages[0]
    assert "Profielen van alle buurten in stadsdeel Oost (O)" in cover
    for fact in ("Gemeente Voorbeeldstad", "Gemaakt op", "het gemiddelde van Voorbeeldstad (NAP)"):
        assert fact in cover
    generation = (
        demo_store.engine.connect()
        .execute(sa.text("SELECT generation FROM score_state"))
        .scalar_one()
    )
    assert f"scores van generatie {generation}, berekend op" in cover
    assert "Buurtbegroting Oost (18 indicatoren)" in cover
    assert "31 buurten, elk op een eigen pagina" in cover
    assert "fictief" in cover  # Voorbeeldstad says it is made up, on paper too

    # Page n + 1 is the n-th buurt in code order, with its parents; the unemployment line
    # holds the Scorer's value, NAP and class word for that buurt.
    # Per buurt the latest year with a value (Veerwijk was not measured in 2024), else 2024.
    years = range(2024, 2016, -1)
    frames = {y: scorer.score("werkloosheid_p", y, "buurt").set_index("code") for y in years}
    label = scorer.indicator("werkloosheid_p").label("nl")
    buurten = oost[["code", "name"]].itertuples(index=False)
    for number, (text, (code, name)) in enumerate(zip(pages[1:], buurten, strict=True), 2):
        # the footer comes first in the text: the title, the date, the page number
        assert f"pagina {number} {name} ({code}) Buurt · Wijk " in text, text[:120]
        assert "› Stadsdeel Oost › Gemeente Voorbeeldstad" in text
        year = next(
            (y for y in years if frames[y].loc[code, "value"] == frames[y].loc[code, "value"]), 2024
        )
        row = frames[year].loc[code]
        expected = " ".join(
            [
                label,
                str(year),
                format_value(row["value"], "%", 1),
                format_value(row["nap"], "%", 1),
                t(f"class_short.{row['klasse']}"),
            ]
        )
        assert expected in text, (code, expected)
        assert row["reden"].split(";")[0] in text  # "z = 0,97", the reason from the scores
        trend = (
            "Gestegen van",
            "Gedaald van",
            "Gelijk gebleven",
            "Alleen gemeten",
            "Geen meetreeks",
        )
        assert any(words in text for words in trend)  # a small buurt's values are hidden
    # The first buurt by hand: Parelbuurt, 9,4% unemployed against 6,7%: slechter.
    assert "Geregistreerde werkloosheid (%) 2024 9,4% 6,7% slechter z = 0,97" in pages[1]
    assert "Gestegen van 8,4% (2017) naar 9,4% (2024); verder van het gemiddelde." in pages[1]
    # Every page has the three domains of the block set.
    for text in pages[1:]:
        for domain in ("Werk en inkomen", "Jeugd en onderwijs", "Leefbaarheid en veiligheid"):
            assert domain in text


def test_all_gebieden_and_refusals(demo_store: Store, tmp_path: Path) -> None:
    book = pdf.write(demo_store, tmp_path / "g.pdf", "gebied")
    assert [p.code for p in book.pages] == [f"G0{i}" for i in range(1, 9)]
    assert len(PdfReader(tmp_path / "g.pdf").pages) == 9
    assert book.title() == "Profielen van alle gebieden van Voorbeeldstad"
    with pytest.raises(MonitorError, match="O01a is een buurt; kies een gebied dat wijken bevat"):
        pdf.write(demo_store, tmp_path / "x.pdf", "wijk", "o01a")
    with pytest.raises(MonitorError, match="Gebied 'XYZ' bestaat niet"):
        pdf.write(demo_store, tmp_path / "x.pdf", "buurt", "XYZ")
    assert not (tmp_path / "x.pdf").exists()


def test_dutch_text_with_diacritics_and_markup_like_names(tmp_path: Path) -> None:
    store = _demo(tmp_path)
    with store.begin() as conn:
        for code, name in (
            ("G01", "Oud-Zuid één"),
            ("N01b", "Café Ëlandsgracht & <b>Zoë</b>"),
        ):
            conn.execute(sa.update(areas_table).where(areas_table.c.code == code).values(name=name))
    book = pdf.write(store, tmp_path / "noord.pdf", "buurt", "G01")
    data = (tmp_path / "noord.pdf").read_bytes()
    pages = _texts(data)
    assert len(pages) == 1 + len(book.pages)
    assert "Profielen van alle buurten in gebied Oud-Zuid één (G01)" in pages[0]
    assert "Pareldorp (N01a)" in pages[1] and "Gebied Oud-Zuid één" in pages[1]
    assert "pagina 3 Café Ëlandsgracht & <b>Zoë</b> (N01b)" in pages[2]  # printed, not parsed
    # Only the embedded Unicode font: no standard font without €, ë or é.
    fonts = {
        str(font["/BaseFont"])
        for page in PdfReader(io.BytesIO(data)).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("Helvetica" not in f and "Times" not in f for f in fonts), fonts


def test_the_chip_word_reads_on_its_colour() -> None:
    assert text_colour("#08519c") == "#ffffff"  # veel beter: dark blue
    assert text_colour("#d9d9d9") == "#000000"  # rond
    assert text_colour("#fdae6b") == "#000000"  # slechter
    assert text_colour("#ffffff") == "#000000"  # geen gegevens


def test_monitor_pdf_on_the_command_line(demo_store: Store, tmp_path: Path) -> None:
    env = {"MONITOR_DATABASE_URL": demo_store.url, "MONITOR_DATA_DIR": str(tmp_path)}
    output = tmp_path / "oost-1.pdf"
    done = CliRunner().invoke(
        cli, ["pdf", "--niveau", "buurt", "--binnen", "G03", "--uit", str(output)], env=env
    )
    assert done.exit_code == 0, (done.output, done.exception)
    buurten = Scorer(demo_store).areas("buurt")
    count = int((buurten["gebied_code"] == "G03").sum())
    assert " ".join(done.output.split()) == (
        f"{count + 1} pagina's ({count} buurten en een voorblad) geschreven naar {output}."
    )
    assert len(PdfReader(output).pages) == count + 1


def _recorded(monkeypatch: pytest.MonkeyPatch, cls: type) -> list[tuple[str, float, str, dict]]:
    seen: list[tuple[str, float, str, dict]] = []
    put = cls.put

    def spy(self, status):
        seen.append((status.state, status.fraction, status.stage, dict(status.params)))
        return put(self, status)

    monkeypatch.setattr(cls, "put", spy)
    return seen


def _check_progress(seen: list, count: int) -> None:
    areas = [params for _, _, stage, params in seen if stage == "pdf.stage.area"]
    assert [p["number"] for p in areas] == list(range(1, count + 1))
    assert {p["total"] for p in areas} == {count}
    fractions = [fraction for state, fraction, _, _ in seen if state != "wachtend"]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    stages = [stage for _, _, stage, _ in seen]
    assert stages[-2:] == ["pdf.stage.render", "job.stage.done"]


@pytest.fixture
def job_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setenv("MONITOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("MONITOR_REDIS_URL", raising=False)
    store = _demo(tmp_path)
    monkeypatch.setenv("MONITOR_DATABASE_URL", store.url)
    return store


def test_the_job_in_a_thread_reports_each_area_and_its_file_is_pruned_after_a_day(
    job_env: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _recorded(monkeypatch, FileStatuses)
    job_id = jobs.enqueue(
        "profiles.pdf", {"level": "buurt", "within": "G03", "channel": "web"}, job_env, "anna"
    )
    runner = jobs.runner()
    assert isinstance(runner, runner_module.ThreadRunner)
    runner.drain()
    done = jobs.status(job_id, "anna")
    assert done is not None and done.state == "klaar", done and done.error
    assert done.fraction == 1.0 and done.stage_text() == "Klaar"
    assert jobs.status(job_id, "bert") is None  # nobody reads another's job
    count = done.result["areas"]
    _check_progress(seen, count)
    text = t("pdf.stage.area", number=1, total=count, name="Parelbuurt")
    assert text == f"Profiel 1 van {count}: Parelbuurt…"
    path = stored(done.result["file"])
    assert path is not None and path.parent == tmp_path / "data" / "pdf"
    assert len(PdfReader(path).pages) == count + 1 == done.result["pages"]
    assert done.result["download"] == "profielen-buurten-G03.pdf"
    assert stored("../pdf.sqlite") is None and stored(None) is None

    # Pruned after a day (MONITOR_PRUNE_PDF_DAYS), not before; other files stay.
    other = path.parent / "notes.txt"
    other.write_text("kept")
    kwargs = {"staged_days": 7, "attempts_days": 30, "quiet": True}
    assert prune.prune(job_env, tmp_path / "data", **kwargs).pdfs == []
    os.utime(path, (time.time() - 2 * DAY,) * 2)
    pruned = prune.prune(job_env, tmp_path / "data", **kwargs)
    assert pruned.pdfs == [path.name] and not path.exists() and other.exists()
    assert stored(done.result["file"]) is None


def test_a_failing_job_says_why_in_dutch(job_env: Store) -> None:
    job_id = jobs.enqueue("profiles.pdf", {"level": "buurt", "within": "N01a"}, job_env, "anna")
    jobs.runner().drain()
    failed = jobs.status(job_id, "anna")
    assert failed.state == "fout" and failed.stage_text() == "Mislukt"
    assert (
        failed.error == "N01a is een buurt; kies een gebied dat buurten bevat (een hoger niveau)."
    )


@pytest.mark.redis
def test_the_job_on_rq_reports_each_area(
    job_env: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rq import SimpleWorker
    from rq.serializers import JSONSerializer

    monkeypatch.setenv("MONITOR_REDIS_URL", require_redis())
    runner = jobs.runner()
    assert isinstance(runner, runner_module.RqRunner)
    queue = runner.queue()
    queue.empty()
    seen = _recorded(monkeypatch, RedisStatuses)
    job_id = jobs.enqueue("profiles.pdf", {"level": "buurt", "within": "G03"}, job_env, "anna")
    assert jobs.status(job_id, "anna").state == "wachtend"
    SimpleWorker([queue], connection=queue.connection, serializer=JSONSerializer).work(burst=True)
    done = jobs.status(job_id, "anna")
    assert done.state == "klaar", done.error
    _check_progress(seen, done.result["areas"])
    path = stored(done.result["file"])
    assert path is not None and len(PdfReader(path).pages) == done.result["pages"]
    queue.empty()


def test_the_trend_in_words(demo_store: Store) -> None:
    """By hand: first and last year with a value, up or down, and against the average."""
    import pandas as pd

    from monitor.pdf.book import _up_to, trend_text

    ind = Scorer(demo_store).indicator("werkloosheid_p")  # %, one decimal, lager-beter

    def series(*rows: tuple[int, float, float]) -> pd.DataFrame:
        return pd.DataFrame(rows, columns=["period", "value", "nap"])

    nan = float("nan")
    assert trend_text(series((2017, 8.9, 7.5), (2020, 7.9, 7.2), (2023, 5.2, 6.9)), ind, "nl") == (
        "Gedaald van 8,9% (2017) naar 5,2% (2023); nu onder het gemiddelde, eerst niet."
    )
    assert trend_text(series((2017, 8.4, 7.5), (2024, 9.4, 6.7), (2025, nan, 6.5)), ind, "nl") == (
        "Gestegen van 8,4% (2017) naar 9,4% (2024); verder van het gemiddelde."
    )
    assert trend_text(series((2017, 9.0, 7.0), (2024, 8.0, 7.0)), ind, "nl") == (
        "Gedaald van 9,0% (2017) naar 8,0% (2024); dichter bij het gemiddelde."
    )
    assert trend_text(series((2017, 6.0, 7.0), (2024, 6.0, 6.0)), ind, "nl") == (
        "Gelijk gebleven: 6,0% in 2017 en 2024; nu gelijk aan het gemiddelde."
    )
    assert trend_text(series((2023, 5.0, 6.0)), ind, "nl") == "Alleen gemeten in 2023."
    assert trend_text(series((2023, nan, 6.0)), ind, "nl") == "Geen meetreeks."
    assert trend_text(series((2017, 8.4, 7.5), (2024, 9.4, 6.7)), ind, "en") == (
        "Up from 8.4% (2017) to 9.4% (2024); further from the average."
    )
    # A row that shows 2024 (2025 measured in too few areas to colour) ends its trend
    # in 2024 too, not in the later year it does not show.
    later = series((2017, 8.4, 7.5), (2024, 9.4, 6.7), (2025, 6.3, nan))
    assert trend_text(_up_to(later, "2024"), ind, "nl").endswith(
        "naar 9,4% (2024); verder van het gemiddelde."
    )


def test_pages_are_read_again_when_the_scores_change_meanwhile(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An upload that rescores while the pages are read: they are read again, so every
    page and the cover's generation agree."""
    from monitor.pdf import book as book_module

    stamps = iter([(5, "2026-12-05T10:00:00"), (6, "2026-12-05T10:01:00")])
    last = (6, "2026-12-05T10:01:00")
    monkeypatch.setattr(book_module, "score_stamp", lambda *_: next(stamps, last))
    done: list[int] = []
    book = pdf.gather(demo_store, "gebied", step=lambda number, total, name: done.append(number))
    assert done == [*range(1, 9), *range(1, 9)]  # twice the 8 gebieden
    assert book.generation == 6 and len(book.pages) == 8


def test_a_page_too_long_for_a4_is_shrunk_onto_one_page() -> None:
    """Eighty indicators with long reasons still make one page per area."""
    from monitor.pdf.book import AreaPage, PdfRow, ProfileBook
    from monitor.pdf.render import pdf as render

    row = PdfRow(
        "x", "Een lange indicatornaam " * 3, "2024", "9,4%", "6,7%", "slechter", "slechter",
        "slechter dan het gemiddelde", "Een lange reden. " * 12, "Gestegen van 1 naar 2.",
    )  # fmt: skip
    pages = [
        AreaPage(f"A0{i}", f"Gebied {i}", "buurt", "Wijk W", [("Werk", [row] * 80)])
        for i in range(2)
    ]
    book = ProfileBook(
        "buurt", None, "Voorbeeldstad", "Voorbeeldstad", True, "nl", "Set", 80, 1, "", pages
    )
    texts = _texts(render(book))
    assert len(texts) == 3
    assert "Gebied 0 (A00)" in texts[1] and "Gebied 1 (A01)" in texts[2]
