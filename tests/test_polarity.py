"""Fair polarity on the real BBGA: population make-up is meer/minder, never beter/slechter;
every polarity says where it came from; a user's own polarity survives a re-import; the
app opens on a policy indicator.

The README's quick start runs on the shared data (``tests/test_bbga.load_amsterdam``);
expected classes are hand-computed from the published values.
"""

from __future__ import annotations

import json
import re
import sqlite3
import statistics
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from layouts.common import context
from monitor import audit, catalog, catalog_bbga, demo, polarity, polarity_users
from monitor.cli import app
from monitor.errors import MonitorError
from monitor.ingest.bbga import import_bbga
from monitor.scoring import Scorer
from monitor.store import Store
from tests.support import (
    SCREENSHOTS,
    app_server,
    browser_page,
    postgres_database,
    require_shared,
)
from tests.test_bbga import BBGA, GEBIEDEN, load_amsterdam

runner = CliRunner()
NEUTRAL_CLASSES = {"meer", "rond", "minder", "geen_gegevens"}
METADATA = ("metadata_latest_and_greatest_2019-01.csv", "metadata_utf8.csv")
#: The issue's examples: origin, age, household type.
NAMED = ("BEVNW_P", "BEVSUR_P", "BEVMAROK_P", "BEV0_17_P", "BEV65PLUS_P", "BEVEENOUDERHH_P")
#: BEVNW_P 2018 (% niet-westerse migratieachtergrond), DX01..DX22; STAD 35,4; ZX99
#: (Westpoort) 17,2 also counts in the spread.
BEVNW_2018 = [14.5, 17.4, 25.9, 45.8, 25.8, 62.9, 55.7, 36.1, 47.5, 14.1, 25.6]
BEVNW_2018 += [19.7, 35.5, 36.6, 20.1, 34.4, 36.1, 32.1, 46.4, 70.7, 68.1, 53.9]
BEVNW_WESTPOORT = 17.2


def cli(url: str, *args: str, ok: bool = True) -> str:
    result = runner.invoke(app, list(args), env={"MONITOR_DATABASE_URL": url})
    if ok:
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code != 0, result.output
    return result.output + (str(result.exception) if result.exception else "")


@pytest.fixture(scope="module")
def amsterdam(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require_shared()
    url = f"sqlite:///{tmp_path_factory.mktemp('pol') / 'ams.sqlite'}"
    load_amsterdam(url)
    yield url


@pytest.fixture
def own_copy(amsterdam: str, tmp_path: Path) -> str:
    """A copy of the loaded store for a test that changes it."""
    target = tmp_path / "copy.sqlite"
    with sqlite3.connect(amsterdam.split("///", 1)[1]) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return f"sqlite:///{target}"


# -- the curation file against the real metadata --------------------------------------


def test_curation_file_has_a_dutch_and_english_reason_for_everything() -> None:
    cur = polarity.load_curation()
    entries = [*cur.rules, *cur.overrides.values()]
    assert len(cur.rules) >= 8 and len(cur.overrides) >= 20
    for entry in entries:
        assert entry.reason["nl"].strip() and entry.reason.get("en", "").strip(), entry
        assert "\n" not in entry.reason["nl"]
    require_shared()
    known = set()
    for name in METADATA:
        known |= set(catalog_bbga.load_bbga_metadata(BBGA / name).by_id())
    assert set(cur.overrides) <= known  # no override for a variable that does not exist


@pytest.mark.parametrize("name", METADATA)
def test_no_population_make_up_is_better_or_worse(name: str) -> None:
    """Both metadata files: after curation no THEMA Bevolking… variable, no origin, age,
    household, religion, parents' education or students variable says beter/slechter."""
    require_shared()
    inds = catalog_bbga.load_bbga_metadata(BBGA / name).indicators
    before = {i.id: i.polarity for i in inds}
    assert {before[i] for i in NAMED} == {"hoger-beter"}  # the metadata's Kleurenpalet 1
    changes = polarity.curate(inds, polarity.load_curation())
    by_id = {i.id: i for i in inds}
    demographic = [
        i
        for i in inds
        if (i.theme or "").startswith("Bevolking")
        or i.id.startswith(("BEV", "O_OPL", "OSTUD"))
        or i.id in ("PRELIGIE_P", "PGODSHUIS_P")
    ]
    assert len(demographic) > 100
    assert [i.id for i in demographic if i.polarity in polarity.COLOURED] == []
    for ident in NAMED:
        assert by_id[ident].polarity == "neutraal"
        assert by_id[ident].polarity_source == "regel"
        assert by_id[ident].polarity_metadata == "hoger-beter"
        assert by_id[ident].polarity_reason == (
            "Bevolkingssamenstelling is geen oordeel over een gebied."
        )
    # Housing stock, income distribution: meer/minder. What the metadata got wrong: fixed.
    assert by_id["WKOOP_P"].polarity == by_id["WCORHUUR_P"].polarity == "neutraal"
    assert by_id["IINKQ1_P"].polarity == "neutraal"
    assert by_id["WHUURQUOTE"].polarity == "lager-beter"
    assert by_id["WHUURQUOTE"].polarity_source == "override"
    assert by_id["IMINHH120"].polarity == "geen"  # a count
    # Policy indicators keep the metadata's direction.
    for ident, direction in {
        "PREGWERKL_P": "lager-beter",
        "IWWB_P": "lager-beter",
        "IMINHH120_P": "lager-beter",
        "VVEILIGH_I": "lager-beter",
        "LBUURT_R": "hoger-beter",
        "OLLGEW_P": "lager-beter",
        "OHVWO_P": "hoger-beter",
        "WZZWAAR10_P": "lager-beter",
    }.items():
        assert by_id[ident].polarity == direction == before[ident]
        assert by_id[ident].polarity_source == "metadata"
    # Every change is counted, and a rule never colours an uncoloured count.
    assert {c.id for c in changes} == {i for i in before if before[i] != by_id[i].polarity}
    assert not [c for c in changes if c.source == "regel" and c.old not in polarity.COLOURED]


def test_bad_curation_files_are_refused_with_place_and_value(tmp_path: Path) -> None:
    cases = {
        '[[rule]]\nname = "x"\ntheme = "^Bev"\npolarity = "neutral"\nreason = "r"\n': (
            "regel 1 (x), veld 'polarity': 'neutral' onbekend"
        ),
        '[[rule]]\nname = "x"\npolarity = "neutraal"\nreason = "r"\n': (
            "regel 1 (x): geef minstens één van 'theme', 'variable' of 'label'"
        ),
        '[[rule]]\nname = "x"\nvariable = "^(BEV"\npolarity = "neutraal"\nreason = "r"\n': (
            "regel 1 (x), veld 'variable': '^(BEV' is geen geldig patroon"
        ),
        '[[override]]\nid = "BEVNW_P"\npolarity = "neutraal"\n': (
            "override 1 (BEVNW_P), veld 'reason': ontbreekt"
        ),
    }
    for i, (text, message) in enumerate(cases.items()):
        path = tmp_path / f"c{i}.toml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(MonitorError, match=re.escape(message)):
            polarity.load_curation(path)


# -- the real import, scoring and the CLI -------------------------------------------------


def test_bevnw_scores_only_more_or_less(amsterdam: str) -> None:
    """`monitor score BEVNW_P --period 2018 --level gebied --format json`: meer/rond/minder."""
    rows = json.loads(
        cli(
            amsterdam,
            "score",
            "BEVNW_P",
            "--period",
            "2018",
            "--level",
            "gebied",
            "--format",
            "json",
        )
    )
    by_code = {r["code"]: r for r in rows}
    assert set(GEBIEDEN) <= set(by_code)
    spread = statistics.pstdev([*BEVNW_2018, BEVNW_WESTPOORT])  # 16.7939
    expected = {}
    for code, value in zip(GEBIEDEN, BEVNW_2018, strict=True):
        assert by_code[code]["value"] == value and by_code[code]["nap"] == 35.4
        z = (value - 35.4) / spread
        expected[code] = "rond" if abs(z) < 0.5 else ("meer" if z > 0 else "minder")
    assert {c: by_code[c]["klasse"] for c in GEBIEDEN} == expected
    assert by_code["DX01"]["spread"] == pytest.approx(spread)
    # By hand: DX01 14,5 (z = −1,24) is minder, not "slechter"; DX04 45,8 (z = 0,62) meer;
    # DX18 32,1 (z = −0,20) rond. Westpoort 17,2 is minder: 8 meer, 9 minder, 6 rond.
    assert (expected["DX01"], expected["DX04"], expected["DX18"]) == ("minder", "meer", "rond")
    counts = {k: sum(1 for r in rows if r["klasse"] == k) for k in ("meer", "minder", "rond")}
    assert counts == {"meer": 8, "minder": 9, "rond": 6}
    assert {r["klasse"] for r in rows} <= NEUTRAL_CLASSES
    assert "Neutraal: meer of minder, niet beter of slechter." in by_code["DX01"]["reden"]


def test_every_curated_variable_scores_without_better_or_worse(amsterdam: str) -> None:
    store = Store(amsterdam)
    frame = store.indicators_frame()
    neutral = frame[frame["polarity_source"].isin(["regel", "override"])]
    neutral = neutral[neutral["polarity"] == "neutraal"]
    scorer = Scorer(store)
    scored = 0
    for ident in neutral["id"]:
        periods = store.periods(store.division_id(), ident)
        if not periods:
            continue
        classes = set(scorer.score(ident, periods[-1], "gebied")["klasse"])
        assert classes <= NEUTRAL_CLASSES, (ident, classes)
        scored += 1
    assert scored > 100
    for ident in NAMED:
        rows = json.loads(
            cli(
                amsterdam,
                "score",
                ident,
                "--period",
                "2018",
                "--level",
                "gebied",
                "--format",
                "json",
            )
        )
        assert {r["klasse"] for r in rows} <= NEUTRAL_CLASSES, ident
    # Nothing of THEMA Bevolking… is coloured better/worse in the store.
    bevolking = frame[frame["theme"].fillna("").str.startswith("Bevolking")]
    assert not bevolking["polarity"].isin(polarity.COLOURED).any()


def test_indicator_show_says_where_the_polarity_came_from(amsterdam: str) -> None:
    text = cli(amsterdam, "indicator", "show", "BEVNW_P")
    assert "polariteit:   neutraal" in text
    assert "herkomst:     regel" in text
    assert "bbga-polariteit: bevolkingssamenstelling" in text
    assert "Bevolkingssamenstelling is geen oordeel over een gebied." in text
    assert "metadata:     hoger-beter" in text
    shown = json.loads(cli(amsterdam, "indicator", "show", "PREGWERKL_P", "--format", "json"))
    assert shown["polariteit"] == "lager-beter"
    assert shown["polariteit_herkomst"] == "metadata"
    assert shown["polariteit_reden"] == "BBGA-metadata (OIS), Kleurenpalet 2"
    assert shown["uitleg"] == "Lager is beter. Bron: BBGA-metadata (OIS), Kleurenpalet 2."
    quote = json.loads(
        cli(amsterdam, "indicator", "show", "WHUURQUOTE", "--format", "json", "--lang", "en")
    )
    assert quote["polariteit_herkomst"] == "override"
    assert quote["uitleg"].startswith("Lower is better. Changed in the curation: The rent-to")
    assert quote["uitleg"].endswith("The metadata said: higher is better.")
    assert "Onbekende indicator 'BEVNW_Q' (bedoelt u 'BEVNW_P'?)." in cli(
        amsterdam, "indicator", "show", "BEVNW_Q", ok=False
    )


def test_reimport_reports_the_curation_and_keeps_a_users_polarity(own_copy: str) -> None:
    url = own_copy
    out = cli(
        url, "indicator", "polarity", "BEVOPLLAAG_P", "lager-beter", "--reden", "Besluit raad"
    )
    assert "'BEVOPLLAAG_P' is nu lager-beter" in out
    store = Store(url)
    assert set(Scorer(store).score("BEVOPLLAAG_P", 2016, "gebied")["klasse"]) & {
        "beter",
        "slechter",
    }
    # Re-import of data and metadata (the newer file): measurements stay, the curation is
    # applied again and reported, the user's own polarity wins again.
    out = cli(
        url,
        "import",
        "bbga",
        str(BBGA / "bbga_latest_and_greatest-DX.csv"),
        "--metadata",
        str(BBGA / "metadata_utf8.csv"),
    )
    assert "veranderde 171 polariteiten" in " ".join(out.split())
    assert "Eigen polariteit van gebruikers opnieuw toegepast (1): BEVOPLLAAG_P" in out
    shown = json.loads(cli(url, "indicator", "show", "BEVOPLLAAG_P", "--format", "json"))
    assert shown["polariteit"] == "lager-beter"
    assert shown["polariteit_herkomst"] == "gebruiker"
    assert shown["polariteit_reden"] == "Besluit raad"
    assert shown["zonder_eigen_polariteit"] == "neutraal"
    assert "Aangepast door" in shown["uitleg"] and "Besluit raad." in shown["uitleg"]
    # Removing it brings the curated polarity back, with its rule.
    out = cli(url, "indicator", "polarity", "BEVOPLLAAG_P", "--verwijder")
    assert "nu neutraal (regel)" in out
    shown = json.loads(cli(url, "indicator", "show", "BEVOPLLAAG_P", "--format", "json"))
    assert shown["polariteit_herkomst"] == "regel"
    assert shown["polariteit_door"] == "bbga-polariteit: bevolkingssamenstelling"
    actions = list(audit.entries(store)["action"])
    assert actions[:2] == ["indicator.polarity_removed", "indicator.polarity"]
    # Without a reason, or with a typo, nothing changes.
    cli(url, "indicator", "polarity", "BEVNW_P", "hoger-beter", ok=False)
    assert "bedoelt u 'BEVNW_P'" in cli(
        url, "indicator", "polarity", "BEVNWP", "neutraal", "--reden", "x", ok=False
    )
    assert polarity_users.indicator(store, "BEVNW_P").polarity == "neutraal"


def test_users_own_polarity_file(own_copy: str, tmp_path: Path) -> None:
    url = own_copy
    good = tmp_path / "mijn-polariteit.toml"
    good.write_text(
        '[[override]]\nid = "BHZZP_P"\npolarity = "hoger-beter"\n'
        'reason = "Economisch beleid: meer zelfstandigen"\n\n'
        '[[override]]\nid = "ORGROEN_P"\npolarity = "neutraal"\nreason = "Parken tellen mee"\n',
        encoding="utf-8",
    )
    bad = tmp_path / "fout.toml"
    bad.write_text(
        good.read_text(encoding="utf-8")
        + '\n[[override]]\nid = "ORGROENP"\npolarity = "neutraal"\nreason = "x"\n',
        encoding="utf-8",
    )
    out = cli(url, "import", "polariteit", str(bad), ok=False)
    assert "fout.toml: onbekende indicator 'ORGROENP' (bedoelt u 'ORGROEN_P'?)" in out
    store = Store(url)
    assert polarity_users.indicator(store, "BHZZP_P").polarity == "neutraal"  # nothing changed
    out = cli(url, "import", "polariteit", str(good))
    assert "2 eigen polariteiten opgeslagen uit mijn-polariteit.toml" in out
    ind = polarity_users.indicator(store, "ORGROEN_P")
    assert (ind.polarity, ind.polarity_source) == ("neutraal", "gebruiker")
    assert polarity.short_note(ind, "nl").startswith("neutraal: Aangepast door ")


@pytest.mark.postgres
def test_reimport_with_a_users_polarity_on_postgresql(tmp_path: Path) -> None:
    """PostgreSQL checks foreign keys at once: a re-import updates definitions in place."""
    require_shared()
    data = tmp_path / "bbga.csv"
    data.write_text(
        "jaar,gebiedcode15,variabele,waarde\n2018,STAD,BEVNW_P,35.4\n2018,DX01,BEVNW_P,14.5\n",
        encoding="utf-8",
    )
    meta = BBGA / METADATA[0]
    with postgres_database() as url:
        store = Store(url)
        store.upgrade()
        first = import_bbga(store, data, meta)
        assert len(first.polarity_changes) == 171 and first.user_polarities == []
        polarity_users.set_user_polarity(store, "BEVNW_P", "geen", "Alleen tonen", "ana")
        again = import_bbga(store, data, meta)
        assert again.user_polarities == ["BEVNW_P"]
        ind = polarity_users.indicator(store, "BEVNW_P")
        assert (ind.polarity, ind.polarity_source, ind.polarity_by) == ("geen", "gebruiker", "ana")
        assert len(store.current_values(store.division_id(), ["BEVNW_P"])) == 2
        ind = polarity_users.remove_user_polarity(store, "BEVNW_P", "ana")
        assert (ind.polarity, ind.polarity_source) == ("neutraal", "regel")
        store.engine.dispose()


# -- the indicator the app opens on -------------------------------------------------------


def test_app_opens_on_a_policy_indicator(amsterdam: str, tmp_path: Path) -> None:
    """BBGA: werkloosheid (was BEV0_17_P, an age group); demo: werkloosheid_p (was
    eenouder_p, a neutral household share whose green meant 'minder')."""
    store = Store(amsterdam)
    ctx = context(store, "nl")
    assert ctx.default_indicator == "PREGWERKL_P"
    demo_store = Store(f"sqlite:///{tmp_path / 'demo.sqlite'}")
    demo_store.upgrade()
    demo.install(demo_store)
    ctx = context(demo_store, "nl")
    assert ctx.default_indicator == "werkloosheid_p"
    assert polarity_users.indicator(demo_store, "werkloosheid_p").polarity == "lager-beter"


def test_gebiedsanalyse_says_why_a_class_is_neutral(tmp_path: Path) -> None:
    """The PDF twin of the profile prints the note beside the class."""
    from monitor import report

    store = Store(f"sqlite:///{tmp_path / 'demo.sqlite'}")
    store.upgrade()
    demo.install(store)
    analysis = report.gebiedsanalyse(store, "O01a")
    rows = {r.indicator_id: r for _, rows in analysis.domains for r in rows}
    assert rows["eenouder_p"].klasse_text.endswith(
        "(neutraal: huishoudenssamenstelling is geen oordeel over een buurt.)"
    )
    assert "(" not in rows["werkloosheid_p"].klasse_text


def test_opening_indicator_skips_neutral_and_empty_ones() -> None:
    def ind(ident: str, pol: str, label: str = "x", domain: str = "bevolking"):
        return catalog.Indicator(id=ident, label_nl=label, domain=domain, unit="%", polarity=pol)

    inds = {
        "a_p": ind("a_p", "neutraal"),
        "b_p": ind("b_p", "hoger-beter", "Sportdeelname", "welzijn_zorg"),
        "c_p": ind("c_p", "lager-beter", "Bijstand (%)", "werk_inkomen"),
        "d_p": ind("d_p", "lager-beter", "Werkloosheid (%)", "werk_inkomen"),
    }
    assert polarity.opening_indicator(inds, lambda i: True) == "d_p"
    assert polarity.opening_indicator(inds, lambda i: i != "d_p") == "c_p"
    assert polarity.opening_indicator(inds, lambda i: i in ("a_p", "b_p")) == "b_p"
    assert polarity.opening_indicator(inds, lambda i: i == "a_p") is None


def test_bevnw_values_are_the_published_ones() -> None:
    """Guard for the hand computation above: the values are read from the shared file."""
    require_shared()
    import pandas as pd

    values = pd.read_csv(BBGA / "bbga_latest_and_greatest-DX.csv").query(
        "variabele == 'BEVNW_P' and jaar == 2018"
    )
    by_code = values.set_index("gebiedcode15")["waarde"]
    assert [by_code[c] for c in GEBIEDEN] == BEVNW_2018
    assert (by_code["STAD"], by_code["ZX99"]) == (35.4, BEVNW_WESTPOORT)


# -- the pages, in Chromium ----------------------------------------------------------------

SHOTS = SCREENSHOTS / "polariteit"
NO_TILES = {"MONITOR_TILE_URL": ""}


def _legend_classes(page) -> dict[str, str]:
    items = page.locator("#kaart-legend .legend-item")
    return {
        items.nth(i).get_attribute("data-klasse"): items.nth(i).inner_text()
        for i in range(items.count())
    }


@pytest.mark.browser
def test_pages_on_bbga_open_on_werkloosheid_and_explain_neutral(amsterdam: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    with app_server(amsterdam, NO_TILES) as base, browser_page() as page:
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{base}/")
        page.wait_for_selector("#kaart-polariteit")
        page.wait_for_function("window.location.search.includes('indicator=PREGWERKL_P')")
        assert "Geregistreerde werkloosheid" in page.inner_text("#kaart-indicator")
        assert page.inner_text("#kaart-polariteit") == (
            "Zo lees je de kleuren: Lager is beter. Bron: BBGA-metadata (OIS), Kleurenpalet 2."
        )

        page.goto(f"{base}/?indicator=BEVNW_P&niveau=gebied&jaar=2018")
        page.wait_for_selector("#kaart-polariteit")
        page.wait_for_function("document.querySelector('#kaart-nap').innerText.includes('35,4%')")
        classes = _legend_classes(page)
        assert set(classes) == {"meer", "rond", "minder"}
        assert classes["meer"].endswith(": 8") and classes["minder"].endswith(": 9")
        note = page.inner_text("#kaart-polariteit")
        assert "Neutraal: meer of minder, niet beter of slechter." in note
        assert "Aangepast door een regel van de curatie: Bevolkingssamenstelling is geen " in note
        assert note.endswith("De metadata zei: hoger is beter.")
        for width, height in ((1400, 900), (390, 844)):
            page.set_viewport_size({"width": width, "height": height})
            page.screenshot(path=str(SHOTS / f"kaart-bevnw-{width}.png"))

        page.goto(f"{base}/?indicator=BEVNW_P&niveau=gebied&jaar=2018&lang=en")
        page.wait_for_selector("#kaart-polariteit")
        assert "Changed by a curation rule: Population make-up is no judgement of an area." in (
            page.inner_text("#kaart-polariteit")
        )

        page.set_viewport_size({"width": 1400, "height": 900})
        page.goto(f"{base}/profiel?gebied=DX20")
        page.wait_for_selector("#profiel-title")
        cell = page.locator("tr[data-indicator='PREGWERKL_P'] td[data-klasse]")
        assert cell.get_attribute("data-polariteit") == (
            "Lager is beter. Bron: BBGA-metadata (OIS), Kleurenpalet 2."
        )
        assert "Lager is beter. Bron: BBGA-metadata" in cell.get_attribute("title")
        assert errors == []


@pytest.mark.browser
def test_demo_opens_on_werkloosheid_and_profile_says_why_neutral(tmp_path: Path) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    store = Store(url)
    store.upgrade()
    demo.install(store)
    with app_server(url, NO_TILES) as base, browser_page() as page:
        page.goto(f"{base}/")
        page.wait_for_selector("#kaart-polariteit")
        page.wait_for_function("window.location.search.includes('indicator=werkloosheid_p')")
        assert "Lager is beter." in page.inner_text("#kaart-polariteit")
        assert "slechter" in " ".join(_legend_classes(page).values())

        for lang, text in (
            ("nl", "neutraal: huishoudenssamenstelling is geen oordeel over een buurt."),
            ("en", "neutral: household make-up is no judgement of a neighbourhood."),
        ):
            page.goto(f"{base}/profiel?gebied=O01a&lang={lang}")
            row = page.locator("tr[data-indicator='eenouder_p']")
            row.wait_for()
            assert row.locator("small.polariteit").inner_text() == text
            assert row.locator("td[data-klasse]").get_attribute("data-klasse") in NEUTRAL_CLASSES
            # Policy indicators carry their source on hover only: no note in the cell.
            werk = page.locator("tr[data-indicator='werkloosheid_p']")
            assert werk.locator("small.polariteit").count() == 0
            assert "catalogus 'voorbeeldstad'" in werk.locator("td[data-klasse]").get_attribute(
                "title"
            ) or "catalogue 'voorbeeldstad'" in werk.locator("td[data-klasse]").get_attribute(
                "title"
            )
        for width, height in ((1400, 900), (390, 844)):
            page.set_viewport_size({"width": width, "height": height})
            page.goto(f"{base}/profiel?gebied=O01a")
            page.wait_for_selector("tr[data-indicator='eenouder_p'] small.polariteit")
            page.screenshot(path=str(SHOTS / f"profiel-demo-{width}.png"), full_page=True)
