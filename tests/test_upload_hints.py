"""What the validation report suggests, per reader: a buurt *name* in the code column
gets its code, indicator ids match the catalogue without regard to case (and the report
says so), and the upload page never tells a browser user to run a command, while the
CLI names its options and commands. On the demo city."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor import demo
from monitor.channel import channel
from monitor.errors import MonitorError
from monitor.ingest.parse import ParseOptions
from monitor.ingest.upload import check, publish
from monitor.store import Store
from tests.support import SCREENSHOTS, app_server, browser_page, create_user, login

#: Five mistakes an analyst makes, one per row (period 2030: nothing published changes).
MISTAKES = (
    "gebiedcode;indicator;periode;waarde\n"
    "Parelbuurt;werkloosheid_p;2030;5,5\n"  # the name of O01a
    "tuïneiland;werkloosheid_p;2030;5,6\n"  # O01b's name, lower case, with a stray accent
    "Korenwyk;werkloosheid_p;2030;5,7\n"  # O01c's name, mistyped
    "O01d Westerveld;werkloosheid_p;2030;5,8\n"  # code and name in one cell
    "QQ99;werkloosheid_p;2030;5,9\n"  # a code from another system
    "O01e;zzz_onbekend;2030;6,0\n"  # an indicator not in the catalogue
)
CASE_ONLY = (
    "gebiedcode;indicator;periode;waarde\n"
    "O01a;WERKLOOSHEID_P;2030;5,5\n"
    "O01b;Werkloosheid_P;2030;5,6\n"
    "O01c;WERKLOOSHEID_P;2030;5,7\n"
)


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("hints")
    store = Store(f"sqlite:///{folder / 'h.sqlite'}")
    store.upgrade()
    demo.install(store, data_dir=folder / "data")
    yield store
    store.engine.dispose()


def hints(store: Store, text: str, where: str, options: ParseOptions | None = None):
    with channel(where):
        checked = check(store, text.encode(), "fouten.csv", options)
    return {p.row: p.text() for p in checked.report.problems}, checked


def test_names_in_the_code_column_get_their_code(demo_store: Store) -> None:
    lines, _ = hints(demo_store, MISTAKES, "cli")
    assert lines[2].endswith("Bedoelt u O01a (Parelbuurt)? In deze kolom hoort de gebiedscode.")
    assert "Bedoelt u O01b (Tuineiland)?" in lines[3]
    assert "Bedoelt u O01c (Korenwijk)?" in lines[4]


def test_the_cli_names_options_and_commands(demo_store: Store) -> None:
    lines, _ = hints(demo_store, MISTAKES, "cli")
    assert "Gebruik --code-pattern om de code eruit te halen." in lines[5]
    assert "Voeg de code toe met 'monitor alias add'" in lines[6]
    assert "Definieer hem eerst met 'monitor indicator add'" in lines[7]


def test_the_page_names_its_controls_never_a_command(demo_store: Store) -> None:
    lines, _ = hints(demo_store, MISTAKES, "web")
    text = "\n".join(lines.values())
    assert "monitor " not in text and "--" not in text, text
    assert "Vul onder 'Opties voor afwijkende bestanden' een codepatroon in" in lines[5]
    assert "Laat hem dan eerst koppelen aan een gebied" in lines[6]
    assert "laat hem eerst toevoegen door wie de catalogus beheert" in lines[7]
    assert "Bedoelt u O01a (Parelbuurt)?" in lines[2]  # the same for both readers
    # A wide file's skipped columns and an unconfirmed change, as the page says them.
    wide = "gebiedcode;2029;2030;mannen\nO01a;5,1;5,2;3\n"
    _, checked = hints(demo_store, wide, "web", ParseOptions(indicator="werkloosheid_p"))
    assert any("'Kolommen hernoemen'" in s for s in checked.report.skipped)
    assert not any("--" in s for s in checked.report.skipped)
    changed = "gebiedcode;indicator;periode;waarde\nO01a;werkloosheid_p;2024;99\n"
    _, checked = hints(demo_store, changed, "web")
    with channel("web"), pytest.raises(MonitorError) as refused:
        publish(demo_store, checked, uploader="anna")
    assert "vink 'Ik wil gepubliceerde waarden wijzigen' aan" in str(refused.value)
    assert "--bevestig" not in str(refused.value)


def test_indicator_ids_match_without_regard_to_case(demo_store: Store) -> None:
    _, checked = hints(demo_store, CASE_ONLY, "cli")
    assert checked.report.ok
    assert set(checked.report.frame["indicator_id"]) == {"werkloosheid_p"}
    said = " ".join(p.text() for p in checked.report.warnings)
    assert "'WERKLOOSHEID_P' gelezen als indicator 'werkloosheid_p'" in said
    assert "'Werkloosheid_P' gelezen als indicator 'werkloosheid_p'" in said
    assert len(checked.report.warnings) == 2  # one line per spelling, not per row


@pytest.mark.browser
def test_upload_page_hints_and_publish_button(demo_store: Store, tmp_path: Path) -> None:
    url = demo_store.url
    create_user(url, "ana-hints", "analist")
    bad = tmp_path / "fouten.csv"
    bad.write_text(MISTAKES, encoding="utf-8")
    env = {"MONITOR_DATA_DIR": str(tmp_path / "data"), "MONITOR_TILE_URL": ""}
    with app_server(url, env) as base, browser_page() as page:
        login(page, base, "ana-hints")
        page.goto(f"{base}/upload")
        assert page.is_disabled("#upload-publish")  # nothing checked yet
        page.set_input_files("#upload-file input[type=file]", str(bad))
        page.wait_for_selector("#upload-problems")
        problems = page.inner_text("#upload-problems")
        assert "Bedoelt u O01a (Parelbuurt)?" in problems
        assert "monitor " not in problems and "--" not in problems
        assert page.is_disabled("#upload-publish")
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "upload-hints.png"), full_page=True)
