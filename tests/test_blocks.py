"""Indicator blocks: the preset, block scores, the Buurtbegroting export, and both pages
(Blokjeskaart, Buurtbegroting) in headless Chromium on the demo city."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import sqlalchemy as sa

from monitor import demo
from monitor.blocks import (
    DEFAULT_PRESET,
    MAX_INDICATORS,
    Preset,
    PresetDomain,
    area_codes,
    best_preset,
    block_scores,
    custom_preset,
    load_preset,
    preset_files,
    sort_codes,
    table_csv,
    table_frame,
    table_xlsx,
    usable_preset,
    year_used,
)
from monitor.catalog import load_toml
from monitor.errors import MonitorError
from monitor.messages import class_label
from monitor.palette import colour
from monitor.scoring import Scorer, fold
from monitor.store import Store, areas
from tests.support import SCREENSHOTS, app_server, browser_page

NO_TILES = {"MONITOR_TILE_URL": ""}
#: A hostile area name: a spreadsheet formula and HTML that would run if parsed.
HOSTILE = '=HYPERLINK("http://x","<img src=x onerror=window.__xss=1>")'
HOSTILE_CODE = "O01c"
#: Scoring 18 indicators takes a few seconds on a busy machine.
TIMEOUT_MS = 90_000


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('blocks') / 'b.sqlite'}"
    store = Store(url)
    store.upgrade()
    demo.install(store)
    with store.begin() as conn:
        conn.execute(sa.update(areas).where(areas.c.code == HOSTILE_CODE).values(name=HOSTILE))
    store.engine.dispose()
    return url


@pytest.fixture(scope="module")
def scorer(demo_url: str) -> Scorer:
    return Scorer(Store(demo_url))


# -- the preset ----------------------------------------------------------------------


def test_oost_preset_has_18_indicators_in_3_domains_of_6() -> None:
    preset = load_preset()
    assert [d.key for d in preset.domains] == [
        "werk_inkomen",
        "jeugd_onderwijs",
        "leefbaarheid_veiligheid",
    ]
    assert [len(d.indicators) for d in preset.domains] == [6, 6, 6]
    assert len(set(preset.indicator_ids)) == 18
    assert preset.rows() == [list(range(0, 6)), list(range(6, 12)), list(range(12, 18))]
    assert preset.domains[0].title("nl") == "Werk en inkomen"
    assert preset.domains[2].title("en") == "Liveability and safety"
    # Every id is a demo indicator of that domain, in the catalogue's display order.
    catalog = load_toml(demo.CATALOG).by_id()
    for dom in preset.domains:
        assert all(catalog[i].domain == dom.key for i in dom.indicators)
    coloured = [i.id for i in catalog.values() if i.polarity != "geen"]
    assert preset.indicator_ids == coloured


def test_best_preset_follows_the_catalogue(tmp_path: Path) -> None:
    """Voorbeeldstad gets Oost's set; BBGA data the same 18 cells under BBGA names."""
    files = [p.name for p in preset_files()]
    assert files[0] == "oost.toml" and "amsterdam-bbga.toml" in files
    assert "voorbeeldstad.toml" not in files  # a catalogue, not a preset
    demo_catalogue = load_toml(DEFAULT_PRESET.parent / "voorbeeldstad.toml").by_id()
    assert best_preset(demo_catalogue).key == "oost"
    bbga = best_preset({"PREGWERKL_P": None, "VVEILIGH_I": None, "LBUURT_R": None})
    assert bbga.key == "amsterdam-bbga"
    assert len(bbga.indicator_ids) == 18 and [len(d.indicators) for d in bbga.domains] == [6] * 3
    assert best_preset({}).key == "oost"  # nothing known: the default


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[[domain]]\nkey = "a"\nindicators = ["x", "x"]\n', "twee keer"),
        ('[[domain]]\nkey = "a"\nindicators = []\n', "geen indicatoren"),
        ('[[domain]]\nindicators = ["x"]\n', "'key' ontbreekt"),
        ('[[domain]]\nkey = "a"\nindicators = ["x"]\nkleur = 1\n', "onbekende velden"),
        ('[[domain]]\nkey = "a"\nindicators = "x"\n', "lijst"),
        ("[preset]\n", "geen domeinen"),
        ("[preset\n", "geen geldige TOML"),
    ],
)
def test_load_preset_refuses_bad_files(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "set.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(MonitorError, match=message):
        load_preset(path)


def test_load_preset_at_most_18(tmp_path: Path) -> None:
    ids = ", ".join(f'"i{n}"' for n in range(19))
    path = tmp_path / "set.toml"
    path.write_text(f'[[domain]]\nkey = "a"\nindicators = [{ids}]\n', encoding="utf-8")
    with pytest.raises(MonitorError, match="hoogstens 18"):
        load_preset(path)


def test_custom_set_is_grouped_by_domain(scorer: Scorer) -> None:
    base = load_preset(DEFAULT_PRESET)
    inds = scorer.indicators
    chosen = ["groen_r", "werkloosheid_p", "vsv_p", "bijstand_p", "onbekend"]
    own = custom_preset(chosen, inds, base)
    assert [(d.key, d.indicators) for d in own.domains] == [
        ("werk_inkomen", ("werkloosheid_p", "bijstand_p")),
        ("jeugd_onderwijs", ("vsv_p",)),
        ("leefbaarheid_veiligheid", ("groen_r",)),
    ]
    assert own.domains[0].title("nl") == "Werk en inkomen"
    # The preset's own ids in its order give the preset back.
    assert custom_preset(base.indicator_ids, inds, base) is base
    # An indicator outside the preset goes to its catalogue domain.
    extra = custom_preset(["bev_totaal", "werkloosheid_p"], inds, base)
    assert [d.key for d in extra.domains] == ["werk_inkomen", "bevolking"]
    with pytest.raises(MonitorError, match="hoogstens"):
        custom_preset([*base.indicator_ids, "bev_totaal"], inds, base)
    with pytest.raises(MonitorError, match="minstens"):
        custom_preset(["onbekend"], inds, base)
    assert MAX_INDICATORS == 18


def test_usable_preset_for_another_catalogue(scorer: Scorer) -> None:
    base = load_preset()
    other = Preset("x", (PresetDomain("werk_inkomen", ("WERKLOOS_P", "werkloosheid_p")),))
    kept, missing = usable_preset(other, scorer.indicators)
    assert kept is not None and kept.indicator_ids == ["werkloosheid_p"]
    assert missing == ["WERKLOOS_P"]
    # None of the ids known (BBGA data with the demo preset): the catalogue's coloured
    # indicators, at most 18, grouped by domain.
    foreign = Preset("y", (PresetDomain("a", ("A_P", "B_P")),))
    fallback, missing = usable_preset(foreign, scorer.indicators)
    assert missing == ["A_P", "B_P"]
    assert fallback is not None and fallback.key == "vervangend"
    assert sorted(fallback.indicator_ids) == sorted(base.indicator_ids)
    assert [len(d.indicators) for d in fallback.domains] == [6, 6, 6]
    assert fallback.title("nl").startswith("vervangende set")
    # Only measured indicators stand in.
    few, _ = usable_preset(foreign, scorer.indicators, measured={"groen_r", "vsv_p"})
    assert few is not None and sorted(few.indicator_ids) == ["groen_r", "vsv_p"]


# -- block scores --------------------------------------------------------------------


def test_year_used() -> None:
    assert year_used([2017, 2019, 2021, 2023], 2024) == 2023
    assert year_used([2017, 2019, 2021, 2023], 2021) == 2021
    assert year_used([2017, 2019], 2016) is None


@pytest.mark.parametrize(("period", "level"), [(2024, "buurt"), (2020, "buurt"), (2022, "wijk")])
def test_block_scores_equal_scoring_each_indicator(scorer: Scorer, period: int, level: str) -> None:
    preset = load_preset()
    frame = block_scores(scorer, preset, period, level)
    n_areas = len(scorer.areas(level))
    assert len(frame) == n_areas * 18
    assert set(frame["klasse"]) <= {"beter", "rond", "slechter", "geen_gegevens", "meer", "minder"}
    # Areas by code, indicators in preset order within each area.
    assert list(frame["indicator"].iloc[:18]) == preset.indicator_ids
    assert list(frame["code"].drop_duplicates()) == sorted(scorer.areas(level)["code"])
    for ind in preset.indicator_ids:
        years = scorer.store.periods(scorer.division_id, ind)
        year = period if period in years else max(y for y in years if y < period)
        expected = scorer.score(ind, year, level).set_index("code")
        got = frame[frame["indicator"] == ind].set_index("code")
        assert (got["jaar"] == year).all()
        assert got["domain"].iloc[0] == preset.domain_of(ind)
        pd.testing.assert_series_equal(
            got["klasse"], expected["klasse"].map(fold), check_names=False
        )
        pd.testing.assert_series_equal(got["value"], expected["value"], check_names=False)
    if period == 2024:
        # Survey indicators are measured in odd years: 2024 shows their 2023 values.
        years = frame.drop_duplicates("indicator").set_index("indicator")["jaar"]
        assert years["schulden_r"] == 2023 and years["werkloosheid_p"] == 2024
    if period == 2020:
        # vsv_p has no 2020 in the demo: its latest earlier year is 2019.
        assert frame.loc[frame["indicator"] == "vsv_p", "jaar"].eq(2019).all()


def test_block_scores_fold_five_classes(scorer: Scorer) -> None:
    frame = block_scores(scorer, load_preset(), 2024, "buurt", method="z5")
    assert not frame["klasse"].isin(["veel_beter", "veel_slechter"]).any()
    direct = scorer.score("werkloosheid_p", 2024, "buurt", method="z5")
    assert direct["klasse"].isin(["veel_beter", "veel_slechter"]).any()
    got = frame[frame["indicator"] == "werkloosheid_p"]["klasse"].to_numpy()
    assert list(got) == [fold(k) for k in direct["klasse"]]


def test_block_scores_before_first_year(scorer: Scorer) -> None:
    frame = block_scores(scorer, load_preset(), 2010, "stadsdeel")
    assert (frame["klasse"] == "geen_gegevens").all()
    assert frame["jaar"].isna().all()


def test_area_codes_and_sorting(scorer: Scorer) -> None:
    buurten = scorer.areas("buurt")
    oost = area_codes(buurten, "O")
    assert len(oost) == 31 and all(c.startswith("O") for c in oost)
    assert len(area_codes(buurten, None)) == 90
    assert area_codes(scorer.areas("stadsdeel"), "O") == ["O"]
    frame = block_scores(scorer, load_preset(), 2024, "buurt")
    ordered = sort_codes(frame, "werkloosheid_p")
    values = frame[frame["indicator"] == "werkloosheid_p"].set_index("code")["value"]
    shown = values.reindex(ordered).dropna().to_list()
    assert shown == sorted(shown)
    assert values.reindex(ordered).isna().to_list()[-1]  # no value sorts last
    down = sort_codes(frame, "werkloosheid_p", descending=True)
    assert values.reindex(down).dropna().to_list() == sorted(shown, reverse=True)
    assert sort_codes(frame, "code") == sorted(values.index)


# -- export --------------------------------------------------------------------------


def test_export_has_class_text_and_neutralises_formulas(scorer: Scorer, tmp_path: Path) -> None:
    preset = load_preset()
    frame = block_scores(scorer, preset, 2024, "buurt")
    codes = area_codes(scorer.areas("buurt"), "O")
    table = table_frame(frame, preset, scorer.indicators, "nl", codes=codes)
    assert len(table) == 32  # the NAP row and 31 buurten
    assert table.columns[:2].tolist() == ["Code", "Gebied"]
    assert "Rondkomen met inkomen (1-10) (2023)" in table.columns
    assert "Geregistreerde werkloosheid (%) – klasse" in table.columns
    row = frame[(frame["code"] == "O01a") & (frame["indicator"] == "werkloosheid_p")].iloc[0]
    words = class_label(row["klasse"], "nl", "Voorbeeldstad")
    assert words.endswith("gemiddelde van Voorbeeldstad")

    text = table_csv(table)
    assert text.startswith("\ufeffCode;Gebied;")
    csv = pd.read_csv(io.StringIO(text.lstrip("\ufeff")), sep=";", decimal=",", dtype=str)
    by_code = csv.set_index("Code")
    assert by_code.loc["O01a", "Geregistreerde werkloosheid (%) – klasse"] == words
    assert by_code.loc[HOSTILE_CODE, "Gebied"] == "'" + HOSTILE
    assert not any(str(v).startswith(("=", "+", "-", "@")) for v in csv.to_numpy().ravel())
    assert by_code.loc["NAP", "Geregistreerde werkloosheid (%) (2024)"] == "6,7"

    path = tmp_path / "b.xlsx"
    path.write_bytes(table_xlsx(table))
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], {r[0]: r for r in rows[1:]}
    assert body[HOSTILE_CODE][1] == "'" + HOSTILE
    klasse_col = header.index("Geregistreerde werkloosheid (%) – klasse")
    value_col = header.index("Geregistreerde werkloosheid (%) (2024)")
    assert body["O01a"][klasse_col] == words
    assert body["O01a"][value_col] == pytest.approx(round(row["value"], 1))
    for r in rows:
        for cell in r:
            assert not (isinstance(cell, str) and cell.startswith(("=", "+", "-", "@")))


def test_export_headers_are_neutralised(scorer: Scorer) -> None:
    preset = load_preset()
    frame = block_scores(scorer, preset, 2024, "gebied")
    table = table_frame(frame, preset, scorer.indicators, "en")
    table = table.rename(columns={"Code": "=cmd|' /C calc'!A0"})
    assert table_csv(table).lstrip("\ufeff").startswith("'=cmd")
    assert "Area" in table.columns and len(table) == 9


# -- the pages in headless Chromium --------------------------------------------------


def rgb(hex_colour: str) -> str:
    h = hex_colour.lstrip("#")
    return f"rgb({int(h[0:2], 16)}, {int(h[2:4], 16)}, {int(h[4:6], 16)})"


@pytest.mark.browser
def test_blokjeskaart(demo_url: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    scorer = Scorer(Store(demo_url))
    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        page.set_default_timeout(TIMEOUT_MS)
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{base}/blokjes?niveau=buurt&gebied=O&jaar=2024")
        page.wait_for_function("document.querySelectorAll('.blok').length == 31")
        page.wait_for_timeout(800)  # the fly-to-bounds transition
        blocks = page.locator(".blok")
        assert all(blocks.nth(i).locator(".blok-cel").count() == 18 for i in range(31))
        codes = {blocks.nth(i).get_attribute("data-code") for i in range(31)}
        assert len(codes) == 31 and all(c.startswith("O") for c in codes)
        legend = page.inner_text("#blokjes-legend")
        for k in ("beter", "rond", "slechter"):
            assert class_label(k, "nl", "Voorbeeldstad") in legend
        assert "geen gegevens bekend" in legend
        for title in ("Werk en inkomen", "Jeugd en onderwijs", "Leefbaarheid en veiligheid"):
            assert title in legend
        assert "meting 2023" in legend
        page.screenshot(path=str(SCREENSHOTS / "blokjes-oost.png"), full_page=True)

        # The cell colours of a sampled area are its scores, folded, in preset order.
        frame = block_scores(scorer, load_preset(), 2024, "buurt")
        sample = frame[frame["code"] == "O02d"]
        cells = page.locator(".blok[data-code='O02d'] .blok-cel")
        for i, row in enumerate(sample.itertuples()):
            cell = cells.nth(i)
            assert cell.get_attribute("data-indicator") == row.indicator
            assert cell.get_attribute("data-klasse") == row.klasse
            background = cell.evaluate("e => getComputedStyle(e).backgroundColor")
            assert background == rgb(colour(row.klasse))

        # Hovering a cell shows indicator, value and NAP as text.
        cells.nth(0).hover()
        page.wait_for_selector(".blokjes-tip .tip-indicator")
        tip = page.inner_text(".blokjes-tip")
        first = sample.iloc[0]
        assert "Geregistreerde werkloosheid (%)" in tip
        assert "NAP: 6,7%" in tip
        assert f"Waarde: {first['value']:.1f}%".replace(".", ",") in tip
        assert class_label(first["klasse"], "nl", "Voorbeeldstad") in tip
        page.screenshot(path=str(SCREENSHOTS / "blokjes-hover.png"))

        # A hostile area name is shown as text, never run.
        hostile = page.locator(f".blok[data-code='{HOSTILE_CODE}'] .blok-cel").nth(3)
        hostile.hover()
        page.wait_for_function(
            "document.querySelector('.blokjes-tip').innerText.includes('onerror')"
        )
        assert page.evaluate("window.__xss") is None
        assert page.locator(".blokjes-tip img").count() == 0

        # Switching the year sends classes and values, no geometry.
        responses: list[bytes] = []
        page.on(
            "response",
            lambda r: responses.append(r.body()) if "_dash-update-component" in r.url else None,
        )
        page.click("#blokjes-period")
        page.get_by_role("option", name="2022", exact=True).click()
        page.wait_for_function("window.location.search.includes('jaar=2022')")
        page.wait_for_function("document.querySelector('#blokjes-info').innerText.includes('2022')")
        assert responses and all(b"coordinates" not in body for body in responses)
        assert max(len(body) for body in responses) < 30_000

        # The whole city at wijk level: 20 blocks; the URL restores the view.
        page.goto(f"{base}/blokjes?niveau=wijk&jaar=2022&palet=klassiek&lang=en")
        page.wait_for_function("document.querySelectorAll('.blok').length == 20")
        assert "average of Voorbeeldstad" in page.inner_text("#blokjes-legend")
        page.wait_for_timeout(2000)
        page.screenshot(path=str(SCREENSHOTS / "blokjes-wijk-en.png"), full_page=True)
        assert errors == []


@pytest.mark.browser
def test_blokjeskaart_own_set(demo_url: str) -> None:
    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(f"{base}/blokjes?niveau=gebied&set=groen_r,werkloosheid_p,vsv_p")
        page.wait_for_function("document.querySelectorAll('.blok').length == 8")
        assert page.locator(".blok").first.locator(".blok-cel").count() == 3
        assert page.locator(".blok").first.locator(".blok-rij").count() == 3
        first = page.locator(".blok").first.locator(".blok-cel")
        order = [first.nth(i).get_attribute("data-indicator") for i in range(3)]
        assert order == ["werkloosheid_p", "vsv_p", "groen_r"]
        assert "eigen set" in page.inner_text("#blokjes-info")


#: Every block on the map that is shown: code, its rectangle and its area's point.
BLOCK_BOXES = """() => [...document.querySelectorAll('#blokjes-map .blok')]
  .filter(b => b.offsetParent !== null)
  .map(b => { const r = b.getBoundingClientRect();
              const p = b.parentElement.getBoundingClientRect();
              return [b.dataset.code, r.left, r.top, r.right, r.bottom, p.left, p.top]; })"""


def settled_boxes(page) -> list[list]:
    """The blocks' rectangles once the map stopped moving (flyToBounds, zoom animation)."""
    boxes = page.evaluate(BLOCK_BOXES)
    for _ in range(40):
        page.wait_for_timeout(300)
        again = page.evaluate(BLOCK_BOXES)
        if again == boxes:
            return boxes
        boxes = again
    raise AssertionError("the blocks kept moving")


def overlaps(boxes: list[list]) -> list[tuple[str, str]]:
    return [
        (a[0], b[0])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]
    ]


def cell_size(page) -> int:
    return int(page.eval_on_selector(".blok-cel", "c => c.getBoundingClientRect().width"))


@pytest.mark.browser
def test_blocks_never_overlap(demo_url: str) -> None:
    """The whole city at buurt level (90 blocks): no two blocks overlap at the first view
    (they did at city zoom), each still covers its area's point, and zooming in makes them
    larger, still apart. On a phone the blocks that do not fit are left out and the map
    says how many."""
    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        page.set_default_timeout(TIMEOUT_MS)
        page.set_viewport_size({"width": 1400, "height": 900})
        page.goto(f"{base}/blokjes?niveau=buurt&jaar=2024")
        page.wait_for_function("document.querySelectorAll('.blok').length == 90")
        boxes = settled_boxes(page)
        assert len(boxes) == 90
        assert overlaps(boxes) == []
        for code, left, top, right, bottom, x, y in boxes:
            assert left <= x <= right and top <= y <= bottom, code
        assert page.locator("#blokjes-fit").is_hidden()
        first = cell_size(page)
        assert first >= 3
        page.locator("#blokjes-map").screenshot(path=str(SCREENSHOTS / "blokjes-city.png"))

        page.click(".leaflet-control-zoom-in")
        boxes = settled_boxes(page)
        assert overlaps(boxes) == []
        assert cell_size(page) > first

        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(f"{base}/blokjes?niveau=buurt&jaar=2024")
        page.wait_for_function("document.querySelectorAll('.blok').length == 90")
        boxes = settled_boxes(page)
        assert overlaps(boxes) == []
        shown = len(boxes)
        assert 0 < shown < 90
        note = page.inner_text("#blokjes-fit")
        assert f"passen {shown} van de 90 blokjes zonder overlap" in note
        page.locator("#blokjes-map").screenshot(path=str(SCREENSHOTS / "blokjes-city-phone.png"))


@pytest.mark.browser
def test_buurtbegroting(demo_url: str, tmp_path: Path) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    scorer = Scorer(Store(demo_url))
    frame = block_scores(scorer, load_preset(), 2024, "buurt")
    values = frame[frame["indicator"] == "werkloosheid_p"].set_index("code")["value"]
    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        page.set_default_timeout(TIMEOUT_MS)
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{base}/begroting?niveau=buurt&gebied=O&jaar=2024")
        page.wait_for_function("document.querySelectorAll('tr[data-code]').length == 31")
        rows = page.locator("tr[data-code]")
        codes = [rows.nth(i).get_attribute("data-code") for i in range(31)]
        assert codes == sorted(c for c in values.index if c.startswith("O"))
        headers = page.locator("th.domain-head")
        assert headers.nth(0).inner_text() == "Werk en inkomen"
        assert headers.nth(0).get_attribute("colspan") == "6"
        assert "Begroting 2024" in page.inner_text("th.budget-head >> nth=0")
        cell = page.locator("tr[data-code='O01a'] td[data-indicator='werkloosheid_p']")
        row = frame[(frame["code"] == "O01a") & (frame["indicator"] == "werkloosheid_p")].iloc[0]
        words = class_label(row["klasse"], "nl", "Voorbeeldstad")
        assert cell.get_attribute("data-klasse") == row["klasse"]
        assert cell.get_attribute("title").startswith(words)
        assert words in cell.inner_text() or words in cell.text_content()
        # The hostile name is text in the table, not markup.
        assert HOSTILE in page.inner_text(f"tr[data-code='{HOSTILE_CODE}']")
        assert page.evaluate("window.__xss") is None
        page.screenshot(path=str(SCREENSHOTS / "begroting-oost.png"), full_page=True)

        # Sorting: by unemployment, ascending, then descending (no value last).
        sort = page.locator("th[data-indicator='werkloosheid_p'] button")
        sort.click()
        page.wait_for_selector("th[data-indicator='werkloosheid_p'][aria-sort='ascending']")
        shown = [rows.nth(i).get_attribute("data-code") for i in range(rows.count())]
        oost = values[values.index.str.startswith("O")]
        assert values.reindex(shown).dropna().to_list() == sorted(oost.dropna())
        assert values.reindex(shown).isna().to_list()[-1]
        sort.click()
        page.wait_for_selector("th[data-indicator='werkloosheid_p'][aria-sort='descending']")
        shown = [rows.nth(i).get_attribute("data-code") for i in range(rows.count())]
        assert values.reindex(shown).dropna().to_list() == sorted(oost.dropna(), reverse=True)

        # CSV download: the rows as shown, the class as text, formulas neutralised.
        with page.expect_download() as info:
            page.click("#begroting-csv")
        download = info.value
        assert download.suggested_filename == "buurtbegroting-2024-buurt-O.csv"
        target = tmp_path / download.suggested_filename
        download.save_as(target)
        csv = pd.read_csv(target, sep=";", decimal=",", dtype=str, encoding="utf-8-sig")
        # The areas as shown, then the budget's not-split and total rows (said per row).
        areas_rows = csv[csv["Soort regel"].isin(["NAP", "buurt"])]
        assert list(areas_rows["Code"]) == ["NAP", *shown]
        assert set(csv["Soort regel"]) - {"NAP", "buurt"} <= {"niet verdeeld", "totaal"}
        csv = areas_rows
        klasse = csv.set_index("Code")["Geregistreerde werkloosheid (%) – klasse"]
        assert klasse["O01a"] == words
        assert csv.set_index("Code").loc[HOSTILE_CODE, "Gebied"] == "'" + HOSTILE

        # Excel download.
        with page.expect_download() as info:
            page.click("#begroting-xlsx")
        target = tmp_path / info.value.suggested_filename
        info.value.save_as(target)
        assert target.suffix == ".xlsx"
        sheet = openpyxl.load_workbook(target).active
        # The areas' sheet: a row-type column, then code; NAP and the 31 buurten of Oost.
        assert [sheet.cell(1, c).value for c in (1, 2)] == ["Soort regel", "Code"]
        assert sheet.max_row == 33

        # The column chooser: one indicator less, in the URL; back restores the preset.
        page.click("#begroting-indicators")
        page.get_by_role("option", name="Werk en inkomen · Bijstand (%)").click()
        page.keyboard.press("Escape")
        page.wait_for_function("document.querySelectorAll('th.ind-head').length == 17")
        assert "set=werkloosheid_p,inkomen_gem," in page.url and "bijstand_p" not in page.url
        assert page.locator("th.domain-head").nth(0).get_attribute("colspan") == "5"
        page.go_back()
        page.wait_for_function("document.querySelectorAll('th.ind-head').length == 18")
        assert "set=" not in page.url

        # A permalink with two columns.
        page.goto(f"{base}/begroting?niveau=buurt&gebied=O&jaar=2024&set=groen_r,werkloosheid_p")
        page.wait_for_function("document.querySelectorAll('th.ind-head').length == 2")
        heads = page.locator("th.ind-head")
        assert heads.nth(0).get_attribute("data-indicator") == "werkloosheid_p"
        assert page.locator("tr[data-code]").count() == 31
        assert errors == []
