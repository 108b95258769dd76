"""Files as Dutch offices write them: short Windows-1252 files with euro signs, Dutch
amounts and accented names, through ``monitor import begroting``, ``monitor import
meetingen`` and the app's Uploaden page (Chromium), read to the cent and letter.

Charset detection alone reads a small Windows-1252 file as cp775 (``€`` becomes ``Ć``
and the amount is refused); Windows-1252 is therefore tried before any detection.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from monitor import demo
from monitor.cli import app as cli_app
from monitor.ingest.text import decode, decode_with_encoding
from monitor.store import Store, areas, measurements
from tests.support import SCREENSHOTS, app_server, browser_page, create_user, login

#: Budget files as a stadsdeel's finance office saves them from Excel ("CSV (;)"), no BOM.
#: Detection alone reads the first as cp775 (``Ć 3.250,50``: the amount is refused) and
#: the second as cp1250 (``Crčche``).
BUDGETS = {
    "een-regel": (
        "gebiedcode;jaar;programma;omschrijving;begroot;gerealiseerd\n"
        "O01a;2025;Welzijn en zorg;Café De Zwaan, ‘t Hoekje;€ 3.250,50;\n"
    ),
    "twee-regels": (
        "gebiedcode;jaar;programma;omschrijving;begroot;gerealiseerd;bron\n"
        "O01a;2025;Welzijn en zorg;Café De Zwaan;€ 3.250,50;;Financiën Oost\n"
        "O01b;2025;Onderwijs en jeugd;Crèche De Vlinder;€ 12.500;€ 1.250,05;Financiën Oost\n"
    ),
}
#: Per file: code → (programme, description, planned, realised in cents, source).
BUDGET_EXPECTED = {
    "een-regel": {"O01a": ("Welzijn en zorg", "Café De Zwaan, ‘t Hoekje", 325050, None, None)},
    "twee-regels": {
        "O01a": ("Welzijn en zorg", "Café De Zwaan", 325050, None, "Financiën Oost"),
        "O01b": ("Onderwijs en jeugd", "Crèche De Vlinder", 1250000, 125005, "Financiën Oost"),
    },
}
#: Meetingen with the same habits: average income in euros, names in the text columns
#: (detection: cp775 for the first, cp1250 for the second).
MEETINGEN = {
    "een-regel": (
        "gebiedcode;indicator;periode;waarde;opmerking\n"
        "O01a;inkomen_gem;2030;€ 32.250,50;‘t Hoekje\n"
    ),
    "twee-regels": (
        "gebiedcode;indicator;periode;waarde;bron;opmerking\n"
        "O01a;inkomen_gem;2030;€ 32.250,50;Café De Zwaan;‘t Hoekje\n"
        "O01b;inkomen_gem;2030;€ 28.999,99;OIS;Crèche De Vlinder, Poëzieavond\n"
    ),
}
#: Per file: code → (value in cents, bron, opmerking).
MEETINGEN_EXPECTED = {
    "een-regel": {"O01a": (3225050, None, "‘t Hoekje")},
    "twee-regels": {
        "O01a": (3225050, "Café De Zwaan", "‘t Hoekje"),
        "O01b": (2899999, "OIS", "Crèche De Vlinder, Poëzieavond"),
    },
}
BUDGET = BUDGETS["twee-regels"]


def cp1252(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_bytes(text.encode("cp1252"))  # as Excel writes it: no BOM, CRLF not needed
    assert b"\x80" in path.read_bytes()  # the euro sign is the single byte 0x80
    return path


def cents(value: float | None) -> int | None:
    return None if value is None or value != value else round(value * 100)


def demo_url(tmp: Path) -> str:
    url = f"sqlite:///{tmp / 'office.sqlite'}"
    store = Store(url)
    store.upgrade()
    demo.install(store, data_dir=tmp / "data")
    store.engine.dispose()
    return url


def budget_lines(url: str) -> dict[str, tuple]:
    """The 2025 lines of O01a and O01b, as they are in the store."""
    store = Store(url)
    frame = store.budget_frame(store.division_id(), [2025])
    store.engine.dispose()
    frame = frame[frame["code"].isin(["O01a", "O01b"]) & (frame["upload_id"] > 2)]
    return {
        r.code: (r.programme, r.description, cents(r.planned), cents(r.realised), r.source)
        for r in frame.itertuples()
    }


def income(url: str) -> dict[str, tuple]:
    """The 2030 income values (in cents) with their bron and opmerking."""
    store = Store(url)
    m, a = measurements, areas
    query = (
        sa.select(a.c.code, m.c.value, m.c.source, m.c.note)
        .join(a, a.c.id == m.c.area_id)
        .where(m.c.period == 2030, m.c.indicator_id == "inkomen_gem", m.c.is_current.is_(True))
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    store.engine.dispose()
    return {code: (cents(value), source, note) for code, value, source, note in rows}


# -- decoding ------------------------------------------------------------------------


def test_windows_1252_comes_before_detection() -> None:
    raw = BUDGET.encode("cp1252")
    text, encoding = decode_with_encoding(raw)
    assert (text, encoding) == (BUDGET, "cp1252")


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (BUDGET.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + BUDGET.encode("utf-8"), "utf-8"),  # BOM stripped
        (BUDGET.encode("utf-16"), "utf-16"),  # Excel's "Unicode-tekst", with its BOM
        (BUDGET.encode("cp1252"), "cp1252"),
    ],
)
def test_encodings_in_order(raw: bytes, encoding: str) -> None:
    assert decode_with_encoding(raw) == (BUDGET, encoding)


def test_detection_only_when_windows_1252_cannot_be_right() -> None:
    # 0x81 is undefined in Windows-1252 and 0x1b a control character: not an office file
    # in Windows-1252, so detection decides.
    for raw in (b"code;naam\nA00a;Caf\x81 \x82\n", b"code;naam\nA00a;\x1b[1mvet\n"):
        _text, encoding = decode_with_encoding(raw)
        assert encoding != "cp1252"
    assert decode(b"a;b\n1;2\n") == "a;b\n1;2\n"


# -- the command line ----------------------------------------------------------------


@pytest.mark.parametrize("which", list(BUDGETS))
def test_cli_imports_a_windows_1252_budget_to_the_cent(tmp_path: Path, which: str) -> None:
    url = demo_url(tmp_path)
    env = {"MONITOR_DATABASE_URL": url, "MONITOR_DATA_DIR": str(tmp_path / "data")}
    path = cp1252(tmp_path, "begroting-oost-2025.csv", BUDGETS[which])
    result = CliRunner().invoke(cli_app, ["import", "begroting", str(path)], env=env)
    assert result.exit_code == 0, (result.output, result.exception)
    assert "0 fouten" in result.output
    assert budget_lines(url) == BUDGET_EXPECTED[which]


@pytest.mark.parametrize("which", list(MEETINGEN))
def test_cli_imports_windows_1252_meetingen_exactly(tmp_path: Path, which: str) -> None:
    url = demo_url(tmp_path)
    env = {"MONITOR_DATABASE_URL": url, "MONITOR_DATA_DIR": str(tmp_path / "data")}
    path = cp1252(tmp_path, "inkomen.csv", MEETINGEN[which])
    result = CliRunner().invoke(cli_app, ["import", "meetingen", str(path)], env=env)
    assert result.exit_code == 0, (result.output, result.exception)
    assert income(url) == MEETINGEN_EXPECTED[which]


# -- the Uploaden page ---------------------------------------------------------------


@pytest.mark.browser
def test_upload_page_reads_windows_1252_files(tmp_path: Path) -> None:
    """The one-line files, which detection alone reads as cp775, through the page."""
    url = demo_url(tmp_path)
    create_user(url, "anna", "analist")
    budget_file = cp1252(tmp_path, "begroting-oost-2025.csv", BUDGETS["een-regel"])
    meetingen_file = cp1252(tmp_path, "inkomen.csv", MEETINGEN["een-regel"])
    env = {"MONITOR_DATA_DIR": str(tmp_path / "data"), "MONITOR_TILE_URL": ""}
    with app_server(url, env) as base, browser_page() as page:
        login(page, base, "anna")
        page.goto(f"{base}/upload")
        files = ((budget_file, "1 begrotingsregels"), (meetingen_file, "1 meetingen"))
        for path, published in files:
            page.set_input_files("#upload-file input[type=file]", str(path))
            page.locator("#upload-summary", has_text=path.name).wait_for()
            page.wait_for_selector("#upload-preview")
            assert "0 fouten" in page.inner_text("#upload-summary")
            assert page.is_enabled("#upload-publish")
            page.click("#upload-publish")
            page.locator("#upload-published", has_text=published).wait_for()
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "upload-cp1252.png"), full_page=True)
    assert budget_lines(url) == BUDGET_EXPECTED["een-regel"]
    assert income(url) == MEETINGEN_EXPECTED["een-regel"]
