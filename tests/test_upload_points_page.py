"""Points on the Uploaden page in headless Chromium: an analist chooses "meldingen
(punten)", uploads a plain ``datum;categorie;lat;lon`` file, reads the report (points
outside every buurt with row and coordinates, the points per category), publishes it as a
background job and finds it in the history, where undo takes it away again; a file with
a bad latitude is refused with row, column and value in Dutch and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor import demo
from monitor.store import Store
from tests.support import SCREENSHOTS, app_server, browser_page, choose_option, create_user, login

pytestmark = pytest.mark.browser

# Inside buurt N01a and N01b of Voorbeeldstad, and Amsterdam (in no buurt of the demo).
N01A = "52.689478;3.936258"
N01B = "52.689626;3.956812"
AMSTERDAM = "52.3731;4.8926"


@pytest.fixture
def demo_store(tmp_path: Path) -> tuple[str, Path]:
    url = f"sqlite:///{tmp_path / 'points.sqlite'}"
    store = Store(url)
    store.upgrade()
    demo.install(store)
    store.engine.dispose()
    return url, tmp_path


def _state(url: str) -> tuple[int, int, dict[str, float]]:
    """Uploads, current meldingen, and the meldingen counted per buurt in 2031."""
    store = Store(url)
    uploads = len(store.uploads_frame())
    points = int(store.point_month_totals(store.division_id(), "meldingen")["count"].sum())
    frame = store.current_values(store.division_id(), ["meldingen_aantal"], [2031])
    counts = dict(zip(frame["code"], frame["value"], strict=True))
    store.engine.dispose()
    return uploads, points, {c: v for c, v in counts.items() if v}


def test_points_upload_report_publish_history_undo(demo_store: tuple[str, Path]) -> None:
    url, tmp = demo_store
    SCREENSHOTS.mkdir(exist_ok=True)
    bad = tmp / "meldingen-fout.csv"
    bad.write_text(
        f"datum;categorie;lat;lon\n2031-01-10;afval;{N01A}\n2031-01-11;afval;5x,68;3.936258\n",
        encoding="utf-8",
    )
    good = tmp / "meldingen-januari.csv"
    good.write_text(
        "datum;categorie;lat;lon\n"
        f"2031-01-10;afval;{N01A}\n"
        f"2031-01-11;afval;{N01A}\n"
        f"12-01-2031;graffiti;{N01B}\n"
        f"2031-01-13;afval;{AMSTERDAM}\n",
        encoding="utf-8",
    )
    before = _state(url)
    create_user(url, "anna", "analist")
    env = {"MONITOR_DATA_DIR": str(tmp / "data")}
    with app_server(url, env) as base, browser_page() as page:
        login(page, base, "anna")
        page.goto(f"{base}/upload")
        kind = page.locator("#upload-kind")
        assert "meldingen (punten)" in kind.inner_text()
        assert "voorzieningen (punten)" in kind.inner_text()
        page.check("#upload-kind input[value='meldingen']")
        # Points replace points by key: the meetingen's confirmation is not asked.
        page.wait_for_selector("#upload-confirm", state="hidden")

        page.set_input_files("#upload-file input[type=file]", str(bad))
        page.wait_for_selector("#upload-problems")
        problems = page.inner_text("#upload-problems")
        assert "Fout: rij 3, kolom 'lat': '5x,68' is geen getal." in problems
        assert "1 fout(en), niets opgeslagen" in page.inner_text("#upload-summary")
        assert page.is_disabled("#upload-publish")
        page.screenshot(path=str(SCREENSHOTS / "upload-points-error.png"), full_page=True)
        assert _state(url) == before  # nothing stored

        page.set_input_files("#upload-file input[type=file]", str(good))
        page.wait_for_selector("#upload-outside")
        summary = page.inner_text("#upload-summary")
        assert "4 rijen gelezen (meldingen), 3 punten liggen in een buurt, 1 in geen" in summary
        outside = page.inner_text("#upload-outside")
        assert "5\t52,373100\t4,892600\tafval" in outside  # row 5, lat, lon, category
        preview = page.inner_text("#upload-preview")
        assert "afval\t2" in preview and "graffiti\t1" in preview
        assert page.is_enabled("#upload-publish")
        page.screenshot(path=str(SCREENSHOTS / "upload-points-report.png"), full_page=True)
        assert _state(url) == before  # checking stores nothing

        page.click("#upload-publish")
        page.wait_for_selector("#upload-published")
        assert "3 punten opgeslagen" in page.inner_text("#upload-published")
        uploads, points, counts = _state(url)
        assert (uploads, points) == (before[0] + 1, before[1] + 3)
        assert counts == {"N01a": 2.0, "N01b": 1.0}  # buurten, 2031: counted by hand
        newest = page.locator("#upload-history-table tr").nth(1).inner_text()
        assert "meldingen-januari.csv" in newest and "punten" in newest
        assert "gepubliceerd" in newest and "anna" in newest
        page.screenshot(path=str(SCREENSHOTS / "upload-points-published.png"), full_page=True)

        page.click("#upload-history-table button >> nth=0")  # undo the newest: it asks
        page.wait_for_selector("#upload-ask")
        assert _state(url)[1] == before[1] + 3  # one click: nothing yet
        page.click(".upload-ask-yes")
        page.wait_for_selector("text=is ongedaan gemaakt")
        assert _state(url)[1:] == before[1:]


def test_signalen_table_per_quarter_and_month_with_csv(demo_store: tuple[str, Path]) -> None:
    """The Signalen page's meldingen per period: per wijk and quarter by default, per
    buurt and month on request, one category, and the whole table as CSV."""
    from monitor.points_table import point_table

    url, tmp = demo_store
    store = Store(url)
    quarters = point_table(store, store.division_id(), per="kwartaal", niveau="wijk")
    quarters = quarters.groupby(["code", "period"])["count"].sum()
    months = point_table(store, store.division_id(), per="maand", category="afval")
    store.engine.dispose()
    env = {"MONITOR_DATA_DIR": str(tmp / "data")}
    with app_server(url, env) as base, browser_page() as page:
        page.goto(f"{base}/signalen")
        page.wait_for_selector("#punten-tabel")
        head = page.locator("#punten-tabel tr").first.inner_text().split("\t")
        assert head[:2] == ["code", "naam"] and head[-1] == "2024 K4" and len(head) == 2 + 8
        n01 = page.locator("#punten-tabel tr", has_text="N01").first.inner_text().split("\t")
        assert n01[0] == "N01" and int(n01[-1]) == quarters[("N01", "2024-K4")]
        page.screenshot(path=str(SCREENSHOTS / "signalen-periods.png"), full_page=True)

        page.check("#punten-per input[value='maand']")
        choose_option(page, "punten-niveau", "buurt", search=True)
        choose_option(page, "punten-categorie", "afval", search=True)
        page.wait_for_selector("#punten-tabel >> text=december 2024")
        # The heads are labels ("december 2024"); the CSV below keeps the raw keys.
        assert "2024-12" not in page.inner_text("#punten-tabel")
        page.wait_for_selector("#punten-tabel >> text=N01a")
        row = page.locator("#punten-tabel tr", has_text="N01a").first.inner_text().split("\t")
        expected = months[(months["code"] == "N01a") & (months["period"] == "2024-12")]
        assert int(row[-1]) == int(expected["count"].iloc[0])
        with page.expect_download() as download:
            page.click("#punten-csv")
        saved = tmp / "download.csv"
        download.value.save_as(saved)
    text = saved.read_text(encoding="utf-8-sig").splitlines()
    assert text[0] == "code;naam;categorie;periode;aantal"
    assert len(text) == 1 + len(months)
    n01a = next(line for line in text if line.startswith("N01a;") and ";2024-12;" in line)
    assert n01a.endswith(f";afval;2024-12;{int(expected['count'].iloc[0])}")
