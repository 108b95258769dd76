"""Units, signs and uncertainty as a council member sees them, in headless Chromium:
procentpunt and "−€" in the map tooltip and the profile, "±" on the map, the profile chip,
the blokjes cell and the buurtbegroting cell with a legend line, the reason printed on
paper and in the gebiedsanalyse PDF, a method chooser in words, and the skewness hint.

Voorbeeldstad has survey indicators whose small samples make some buurten *rond door
onzekerheid* (O02b: onveilig_p 27,6% of 46 respondents against 22,0%). A skewed indicator
shaped like registered crime per 1,000 inhabitants is added to the test's own store.
"""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from monitor import catalog, demo, report
from monitor.catalog import Indicator
from monitor.scoring import Scorer
from monitor.store import Store
from tests.support import SCREENSHOTS, app_server, browser_page
from tests.test_spread import crime_values

pytestmark = pytest.mark.browser
NO_TILES = {"MONITOR_TILE_URL": ""}
TIMEOUT_MS = 60_000
UNCERTAIN = "O02b"
ROND_MARKED = "rond het gemiddelde van Voorbeeldstad ±"
LEGEND = "rond door onzekerheid (32): het 95%-interval bevat het gemiddelde"
SIZES = ((1400, 900), (390, 844))


def add_crime(store: Store) -> None:
    """misdrijven_r: crime-shaped rates for the 90 buurten of Voorbeeldstad in 2024."""
    division_id = store.division_id()
    buurten = store.areas_frame(division_id, "buurt").sort_values("code")
    city = store.areas_frame(division_id, "gemeente")
    values = crime_values()
    ind = Indicator(
        id="misdrijven_r",
        label_nl="Geregistreerde misdrijven per 1.000 inwoners",
        label_en="Registered crimes per 1,000 residents",
        domain="leefbaarheid_veiligheid",
        unit="per 1.000 inwoners",
        polarity="lager-beter",
        decimals=0,
        catalog="voorbeeldstad",
    )
    frame = pd.DataFrame(
        {
            "area_id": [*buurten["id"].astype(int), int(city["id"].iloc[0])],
            "value": [*values, float(values.mean())],
        }
    ).assign(indicator_id="misdrijven_r", period=2024)
    with store.begin() as conn:
        store.upsert_indicators([ind.row()], conn)
        store.publish(frame, kind="test", conn=conn, uploader="pytest")


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('units') / 'u.sqlite'}"
    store = Store(url)
    store.upgrade()
    demo.install(store)
    add_crime(store)
    store.engine.dispose()
    return url


def shoot(page, name: str, full_page: bool = False) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def test_kaart_marks_uncertainty_speaks_procentpunt_and_hints_at_skew(demo_url: str) -> None:
    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        page.set_default_timeout(TIMEOUT_MS)
        for width, height in SIZES:
            page.set_viewport_size({"width": width, "height": height})
            page.goto(f"{base}/?indicator=onveilig_p&jaar=2023&niveau=buurt")
            legend = page.locator("#kaart-legend")
            expect(legend.locator(".legend-uncertain")).to_have_text(f"± {LEGEND}")
            expect(page.locator("path.leaflet-interactive")).to_have_count(90)
            page.focus(f"path[data-code='{UNCERTAIN}']")
            tip = page.locator(".kaart-tip")
            expect(tip.locator(".tip-class")).to_have_text(
                "rond het gemiddelde van Voorbeeldstad ±"
            )
            expect(tip.locator(".tip-uncertain")).to_have_text("rond door onzekerheid")
            # The method chooser speaks Dutch, the indicator's own method marked.
            expect(page.locator("#kaart-method")).to_have_text(
                "afwijking van het gemiddelde (standaard)"
            )
            shoot(page, f"units-kaart-onzeker-{width}")

        # A change of a percentage is in procentpunt, with a real minus sign.
        page.set_viewport_size({"width": 1400, "height": 900})
        page.goto(f"{base}/?indicator=werkloosheid_p&jaar=2024&niveau=buurt")
        expect(page.locator("path.leaflet-interactive")).to_have_count(90)
        # The outlines may arrive before the values (they are kept per score stamp):
        # focus once the area's name says its change, as the tooltip will.
        changed = re.compile("verandering t.o.v. 2023")
        expect(page.locator("path[data-code='N01a']")).to_have_attribute("aria-label", changed)
        page.focus("path[data-code='N01a']")  # 2023: 4,9%, 2024: 3,5%
        expect(page.locator(".kaart-tip")).to_contain_text(
            "verandering t.o.v. 2023: −1,4 procentpunt"
        )
        # Money: "+€ 423", never "€ 423" or "€ -423".
        page.goto(f"{base}/?indicator=inkomen_gem&jaar=2024&niveau=buurt")
        expect(page.locator("path.leaflet-interactive")).to_have_count(90)
        money = re.compile(r"verandering t.o.v. 2023: \+€ 423")
        expect(page.locator("path[data-code='O02b']")).to_have_attribute("aria-label", money)
        page.focus("path[data-code='O02b']")
        expect(page.locator(".kaart-tip")).to_contain_text("verandering t.o.v. 2023: +€ 423")

        # Skewed crime rates: the legend says the band says little.
        for width, height in SIZES:
            page.set_viewport_size({"width": width, "height": height})
            page.goto(f"{base}/?indicator=misdrijven_r&jaar=2024&niveau=buurt")
            expect(page.locator("#kaart-legend .legend-skew")).to_have_text(
                "Deze verdeling is scheef: de meeste buurten liggen dicht bij elkaar en enkele "
                "ver erboven; de band 'rond' zegt daardoor weinig. Overweeg de robuuste spreiding."
            )
            rond = page.locator("#kaart-legend .legend-item[data-klasse='rond']")
            expect(rond).to_have_text("rond het gemiddelde van Voorbeeldstad: 85")
            expect(page.locator("#kaart-legend .legend-item[data-klasse='beter']")).to_have_count(0)
            expect(page.locator("path.leaflet-interactive")).to_have_count(90)
            page.wait_for_timeout(1500)  # the map flies to its bounds
            shoot(page, f"units-kaart-scheef-{width}")


def test_method_chooser_in_words_follows_the_indicator(demo_url: str) -> None:
    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        page.set_default_timeout(TIMEOUT_MS)
        page.set_viewport_size({"width": 1400, "height": 900})
        # inkomen_gem has the relative method of its own.
        page.goto(f"{base}/?indicator=inkomen_gem&jaar=2024&niveau=buurt")
        method = page.locator("#kaart-method")
        expect(method).to_have_text("relatief verschil (±10%) (standaard)")
        method.click()
        expect(page.get_by_role("option", name="vijf klassen")).to_be_visible()
        # The open list (the palette's radio buttons are options too: they come after it).
        texts = [x.strip() for x in page.get_by_role("option").all_inner_texts()]
        assert texts[:5] == [
            "afwijking van het gemiddelde",
            "vijf klassen",
            "relatief verschil (±10%) (standaard)",
            "absoluut verschil",
            "index t.o.v. NAP (90–110)",
        ]
        assert not {"z", "z5", "relatief", "absoluut", "index"} & set(texts)
        shoot(page, "units-methode-open")
        page.keyboard.press("Escape")
        # Another indicator: the mark and the choice move to its own method.
        page.goto(f"{base}/?indicator=werkloosheid_p&jaar=2024&niveau=buurt&methode=index")
        expect(method).to_have_text("index t.o.v. NAP (90–110)")
        page.goto(f"{base}/?indicator=inkomen_gem&jaar=2024&niveau=buurt")
        expect(method).to_have_text("relatief verschil (±10%) (standaard)")
        page.locator("#kaart-indicator").click()
        name = "Werk en inkomen · Geregistreerde werkloosheid (%)"
        page.get_by_role("option", name=name, exact=True).click()
        expect(page.locator("#kaart-indicator")).to_contain_text("Geregistreerde werkloosheid")
        expect(method).to_have_text("afwijking van het gemiddelde (standaard)")
        expect(page).to_have_url(re.compile(r"[?&]methode=z(&|$)"))
        # The other pages with a method chooser, in English too.
        for path, box, expected in (
            ("/trends?indicator=inkomen_gem&lang=en", "#trends-method", "relative difference"),
            ("/vergelijking?indicator=inkomen_gem&lang=en", "#vergelijking-method", "relative"),
            ("/tabel?lang=en", "#method", "deviation from the average"),
        ):
            page.goto(base + path)
            expect(page.locator(box)).to_contain_text(expected)
            expect(page.locator(box)).to_contain_text("(default)")
        expect(page.locator("#score-table table tr")).not_to_have_count(0)
        shoot(page, "units-methode-tabel-en")


def test_profile_marks_prints_and_hints(demo_url: str) -> None:
    scorer = Scorer(Store(demo_url))
    scored = scorer.score("onveilig_p", 2023, "buurt").set_index("code")
    reason = scored.loc[UNCERTAIN, "reden"]
    assert reason == (
        "Verschil met NAP niet significant: 95%-betrouwbaarheidsinterval 14,7% – 40,5% "
        "(n = 46) bevat het NAP."
    )
    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        page.set_default_timeout(TIMEOUT_MS)
        for width, height in SIZES:
            page.set_viewport_size({"width": width, "height": height})
            page.goto(f"{base}/profiel?gebied={UNCERTAIN}")
            row = page.locator("tr[data-indicator='onveilig_p']")
            expect(row.locator(".chip.onzeker")).to_contain_text(
                "rond het gemiddelde van Voorbeeldstad ±"
            )
            expect(row.locator("td").nth(4)).to_have_text("+5,6 procentpunt")
            expect(page.locator("#profiel-uncertain")).to_have_text(
                "± rond door onzekerheid: het 95%-interval bevat het gemiddelde"
            )
            # On screen the reason is a tooltip; on paper it is printed.
            expect(row.locator(".reden-print")).to_be_hidden()
            money = page.locator("tr[data-indicator='inkomen_gem'] td").nth(4)
            expect(money).to_have_text("−€ 5.675")
            skew = page.locator("#profiel-skew")
            expect(skew).to_contain_text(
                "Scheve verdeling bij: Geregistreerde misdrijven per 1.000 inwoners."
            )
            expect(skew).to_contain_text("Overweeg de robuuste spreiding.")
            tag = page.locator("tr[data-indicator='misdrijven_r'] .tag-scheef")
            expect(tag).to_have_text("scheve verdeling")
            shoot(page, f"units-profiel-{width}", full_page=True)
        page.emulate_media(media="print")
        expect(row.locator(".reden-print")).to_be_visible()
        expect(row.locator(".reden-print")).to_have_text(reason)
        shoot(page, "units-profiel-print", full_page=True)


def test_blokjes_and_buurtbegroting_mark_uncertain_cells(demo_url: str) -> None:
    with app_server(demo_url, NO_TILES) as base, browser_page() as page:
        page.set_default_timeout(TIMEOUT_MS)
        page.set_viewport_size({"width": 1400, "height": 900})
        page.goto(f"{base}/blokjes?niveau=buurt&gebied=O&jaar=2024")
        expect(page.locator(".blok")).to_have_count(31)
        # While the map flies to Oost, blocks that do not fit yet are hidden: wait for all.
        expect(page.locator(".blok:visible")).to_have_count(31)
        cell = page.locator(
            f".blok[data-code='{UNCERTAIN}'] .blok-cel[data-indicator='onveilig_p']"
        )
        expect(cell).to_have_attribute("data-onzeker", "1")
        assert "radial-gradient" in cell.evaluate("e => getComputedStyle(e).backgroundImage")
        cell.focus()
        tip = page.locator(".blokjes-tip")
        expect(tip.locator(".tip-class")).to_have_text(ROND_MARKED)
        expect(page.locator("#blokjes-legend .legend-uncertain")).to_have_text(
            "± rond door onzekerheid: het 95%-interval bevat het gemiddelde"
        )
        shoot(page, "units-blokjes")

        page.goto(f"{base}/begroting?niveau=buurt&gebied=O&jaar=2024")
        cell = page.locator(f"tr[data-code='{UNCERTAIN}'] td[data-indicator='onveilig_p']")
        expect(cell).to_have_class("klasse-cell onzeker")
        expect(cell).to_contain_text("27,6% ±")
        assert "rond door onzekerheid" in cell.get_attribute("title")
        expect(page.locator("#begroting-info")).to_contain_text(
            "± rond door onzekerheid: het 95%-interval bevat het gemiddelde."
        )
        # A cell decided by a clear difference has no marker.
        plain = page.locator(f"tr[data-code='{UNCERTAIN}'] td[data-indicator='werkloosheid_p']")
        expect(plain).not_to_contain_text("±")
        shoot(page, "units-begroting")


def test_gebiedsanalyse_pdf_prints_the_reason(demo_url: str) -> None:
    store = Store(demo_url)
    analysis = report.gebiedsanalyse(store, UNCERTAIN, "nl")
    rows = {r.indicator_id: r for _, domain in analysis.domains for r in domain}
    unsafe = rows["onveilig_p"]
    assert unsafe.klasse_text == "rond het gemiddelde van Voorbeeldstad ±"
    assert unsafe.note.startswith("Verschil met NAP niet significant")
    assert rows["werkloosheid_p"].note == ""
    assert analysis.legend[0] == "± rond door onzekerheid: het 95%-interval bevat het gemiddelde."
    text = " ".join(
        " ".join(
            p.extract_text() for p in PdfReader(io.BytesIO(report.pdf(analysis))).pages
        ).split()
    )
    assert "± rond door onzekerheid: het 95%-interval bevat het gemiddelde." in text
    # A long word may be split over two lines of its table cell: compare without spaces.
    squeezed = "".join(text.split())
    assert "95%-betrouwbaarheidsinterval14,7%–40,5%(n=46)bevathetNAP." in squeezed
    assert "Scheve verdeling bij: Geregistreerde misdrijven per 1.000 inwoners." in text
    english = report.gebiedsanalyse(store, UNCERTAIN, "en")
    assert english.legend == [
        "± around because of uncertainty: the 95% interval contains the average.",
        "Skewed: Registered crimes per 1,000 residents. This distribution is skewed: most "
        "neighbourhoods lie close together and a few far above; the band 'around' therefore "
        "says little. Consider the robust spread.",
    ]


def test_catalogue_preset_keeps_the_city_method() -> None:
    """Every indicator of the shipped catalogues keeps the city's sd unless it says so."""
    for path in ("indicators/voorbeeldstad.toml",):
        assert {i.spread for i in catalog.load_toml(path).indicators} == {"sd"}
