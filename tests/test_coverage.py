"""Coverage before an average is called the city's (monitor/scoring/coverage.py): the rule on
hand-computed cases, the rule inside scoring on the demo city, the upload preview's
warning (core and CLI), the year pages open on, and comparison sentences that say how
many indicators had no data."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from monitor import catalog, demo
from monitor.cli import app as cli
from monitor.compare import coloured_indicators, worse_counts, worse_sentence
from monitor.ingest.upload import check, publish
from monitor.periods import default_period, default_set_period
from monitor.scoring import Scorer
from monitor.scoring.coverage import (
    Coverage,
    covered_ids,
    incomplete,
    nap_coverage,
    nap_line,
    summary,
    upload_warning,
)
from monitor.scoring.coverage import reason as coverage_reason
from monitor.store import Store

# -- the rule, by hand ----------------------------------------------------------------


def rows(ids: list[int], flag: str | None = None) -> pd.DataFrame:
    """Measurement rows for ``ids`` with a value (or, with ``flag``, none and that flag)."""
    value = float("nan") if flag else 5.0
    return pd.DataFrame({"area_id": ids, "value": value, "flag": flag})


def cover(covered: list[int], total: int = 90, population=None) -> Coverage:
    return nap_coverage(
        range(1, total + 1),
        rows(covered),
        population,
        indicator="werkloosheid_p",
        period=2025,
        level="buurt",
    )


def test_31_of_90_buurten_is_not_enough() -> None:
    cov = cover(list(range(1, 32)))
    assert (cov.covered, cov.total, cov.by_population) == (31, 90, False)
    assert not cov.adequate
    assert summary(cov) == "onvolledig: 31 van 90 buurten; geen stadswaarde"
    assert summary(cov, "en") == "incomplete: 31 of 90 neighbourhoods; no city value"


def test_72_of_90_is_exactly_enough_and_71_is_not() -> None:
    assert cover(list(range(1, 73))).adequate  # 72 / 90 = 80%
    assert not cover(list(range(1, 72))).adequate  # 71 / 90 = 78.9%
    assert cover(list(range(1, 73))).needed == 72
    assert cover(list(range(1, 91))).adequate


def test_population_share_decides_when_every_area_has_a_population() -> None:
    # Four areas: A 100, B 100, C 0 (a park), D 3800 inhabitants; 4000 in all.
    population = pd.Series({1: 100.0, 2: 100.0, 3: 0.0, 4: 3800.0})
    big = cover([4], total=4, population=population)
    assert big.by_population and big.share == pytest.approx(0.95)  # 1 of 4 areas, 95%
    assert big.adequate
    small = cover([1, 2, 3], total=4, population=population)
    assert small.share == pytest.approx(0.05)  # 3 of 4 areas, 5% of the residents
    assert not small.adequate
    assert summary(small) == ("onvolledig: 3 van 4 buurten (5% van de inwoners); geen stadswaarde")
    # A population for only three of the four areas: the count decides (3 of 4 = 75%).
    partial = cover([1, 2, 3], total=4, population=population.drop(4))
    assert not partial.by_population and partial.share == 0.75 and not partial.adequate


def test_a_flagged_value_counts_an_empty_cell_does_not() -> None:
    frame = pd.concat(
        [rows([1, 2]), rows([3], "onderdrukt"), rows([4], "afgetopt"), rows([5], "leeg")]
    )
    assert covered_ids(frame) == {1, 2, 3, 4}
    # Rows of areas that are not of the level are not counted.
    cov = nap_coverage([1, 2, 3], frame, None, indicator="x", period=2025, level="wijk")
    assert (cov.covered, cov.total) == (3, 3)


def test_texts_name_the_numbers() -> None:
    cov = cover(list(range(1, 32)))
    assert upload_warning(cov) == (
        "werkloosheid_p, 2025: 31 van 90 buurten; zonder stadswaarde krijgt dit jaar geen "
        "kleuren (daarvoor zijn metingen voor minstens 72 buurten nodig, 80%)."
    )
    assert coverage_reason(cov) == (
        "Geen kleur in 2025, onvolledig: 31 van 90 buurten; geen stadswaarde. Zonder "
        "stadswaarde wordt het NAP berekend uit de buurten, en daarvoor zijn metingen nodig "
        "voor minstens 80% van de buurten."
    )
    assert nap_line(cov, "en").startswith(
        "NAP 2025: not determined, incomplete: 31 of 90 neighbourhoods; no city value."
    )


# -- the rule in scoring, on the demo city --------------------------------------------


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("coverage") / "demo.sqlite"
    store = Store(f"sqlite:///{path}")
    store.upgrade()
    demo.install(store)
    store.engine.dispose()
    return path


@pytest.fixture
def store(template: Path, tmp_path: Path):
    """A fresh copy of the demo store for one test."""
    path = tmp_path / "demo.sqlite"
    shutil.copy(template, path)
    fresh = Store(f"sqlite:///{path}")
    yield fresh
    fresh.engine.dispose()


def buurten(store: Store, stadsdeel: str | None = None) -> list[str]:
    frame = store.areas_frame(store.division_id(), "buurt").sort_values("code")
    if stadsdeel:
        frame = frame[frame["stadsdeel_code"] == stadsdeel]
    return frame["code"].tolist()


def csv(lines: list[tuple[str, str, int, str]]) -> bytes:
    body = "\n".join(f"{c};{i};{p};{v}" for c, i, p, v in lines)
    return ("gebiedcode;indicator;periode;waarde\n" + body + "\n").encode()


def values_for(codes: list[str], indicator: str = "werkloosheid_p", period: int = 2025):
    """A value per code, different per area: 3,0 + 0,1 per position."""
    return [
        (c, indicator, period, f"{3 + k / 10:.1f}".replace(".", ",")) for k, c in enumerate(codes)
    ]


def publish_lines(store: Store, lines, tmp_path: Path):
    checked = check(store, csv(lines), "test.csv")
    assert checked.report.ok, checked.report.lines()[:5]
    publish(store, checked, uploader="test", confirm_changes=True, data_dir=tmp_path)
    return checked


def test_partial_year_without_city_value_colours_nothing_and_says_why(
    store: Store, tmp_path: Path
) -> None:
    oost = buurten(store, "O")
    assert len(oost) == 31
    publish_lines(store, values_for(oost), tmp_path)
    frame = Scorer(store).score("werkloosheid_p", 2025, "buurt")
    assert (frame["klasse"] == "geen_gegevens").all()
    assert frame["nap"].isna().all() and (frame["nap_source"] == "onvolledig").all()
    measured = frame[frame["code"].isin(oost)]
    assert measured["value"].notna().all()  # the values are shown, not coloured
    assert (measured["reden_code"] == "onvolledig").all()
    assert (
        measured["reden"]
        .str.contains("onvolledig: 31 van 90 buurten; geen stadswaarde", regex=False)
        .all()
    )
    others = frame[~frame["code"].isin(oost)]
    assert (others["reden_code"] == "geen_meting").all()
    cov = incomplete(frame)
    assert cov is not None and (cov.covered, cov.total) == (31, 90)
    english = Scorer(store).score("werkloosheid_p", 2025, "buurt", lang="en")
    assert (
        english.loc[english["code"] == oost[0], "reden"]
        .iloc[0]
        .startswith("No colour in 2025, incomplete: 31 of 90 neighbourhoods; no city value.")
    )
    # A wijk map aggregates Oost's buurten: Oost's wijken only, so no colours there either.
    wijken = Scorer(store).score("werkloosheid_p", 2025, "wijk")
    oost_wijken = store.areas_frame(store.division_id(), "wijk")["stadsdeel_code"].eq("O").sum()
    assert (wijken["klasse"] == "geen_gegevens").all()
    assert summary(incomplete(wijken)) == (
        f"onvolledig: {oost_wijken} van 20 wijken; geen stadswaarde"
    )


def test_72_of_90_buurten_colour_with_their_mean(store: Store, tmp_path: Path) -> None:
    chosen = buurten(store)[:72]
    lines = values_for(chosen)
    publish_lines(store, lines, tmp_path)
    frame = Scorer(store).score("werkloosheid_p", 2025, "buurt")
    # No population and no weights for 2025: the plain mean of the usable values.
    expected = sum(3 + k / 10 for k in range(72)) / 72
    assert frame["nap"].iloc[0] == pytest.approx(expected)
    assert frame["nap_source"].iloc[0] == "gemiddelde"
    assert set(frame.loc[frame["code"].isin(chosen), "klasse"]) == {"beter", "rond", "slechter"}
    assert incomplete(frame) is None


def test_a_city_value_always_colours(store: Store, tmp_path: Path) -> None:
    oost = buurten(store, "O")
    publish_lines(store, [*values_for(oost), ("STAD", "werkloosheid_p", 2025, "6,1")], tmp_path)
    frame = Scorer(store).score("werkloosheid_p", 2025, "buurt")
    assert (frame["nap"] == 6.1).all() and (frame["nap_source"] == "stadswaarde").all()
    coloured = frame.loc[frame["code"].isin(oost), "klasse"]
    assert set(coloured) <= {"beter", "rond", "slechter"} and len(coloured) == 31
    assert frame.attrs["coverage"] is None


def test_population_share_on_the_demo(store: Store, tmp_path: Path) -> None:
    oost = buurten(store, "O")
    rest = [c for c in buurten(store) if c not in oost]
    # Oost's 31 buurten hold 31 × 5000 of 31 × 5000 + 59 × 100 residents: 96%.
    population = [(c, "bev_totaal", 2025, "5000") for c in oost]
    population += [(c, "bev_totaal", 2025, "100") for c in rest]
    publish_lines(store, [*values_for(oost), *population], tmp_path)
    frame = Scorer(store).score("werkloosheid_p", 2025, "buurt")
    assert frame.attrs["coverage"].by_population
    assert frame.attrs["coverage"].share == pytest.approx(155_000 / 160_900)
    assert set(frame.loc[frame["code"].isin(oost), "klasse"]) <= {"beter", "rond", "slechter"}
    # Weighted by population (all 5000): the plain mean of Oost's values.
    assert frame["nap"].iloc[0] == pytest.approx(sum(3 + k / 10 for k in range(31)) / 31)


def test_many_buurten_with_few_residents_are_not_enough(store: Store, tmp_path: Path) -> None:
    everyone = buurten(store)
    chosen, left = everyone[:72], everyone[72:]
    population = [(c, "bev_totaal", 2025, "100") for c in chosen]
    population += [(c, "bev_totaal", 2025, "5000") for c in left]
    publish_lines(store, [*values_for(chosen), *population], tmp_path)
    frame = Scorer(store).score("werkloosheid_p", 2025, "buurt")
    assert (frame["klasse"] == "geen_gegevens").all()
    assert summary(incomplete(frame)) == (
        "onvolledig: 72 van 90 buurten (7% van de inwoners); geen stadswaarde"
    )  # 7 200 of 97 200


def test_a_buurt_below_the_minimum_population_still_counts_as_measured(
    store: Store, tmp_path: Path
) -> None:
    everyone = buurten(store)
    chosen = everyone[:72]
    # A population for 89 of the 90 buurten (so the count decides); two measured buurten
    # have fewer than werkloosheid_p's minimum of 100 residents.
    population = [(c, "bev_totaal", 2025, "50" if c in chosen[:2] else "1000") for c in everyone]
    publish_lines(store, [*values_for(chosen), *population[:-1]], tmp_path)
    frame = Scorer(store).score("werkloosheid_p", 2025, "buurt").set_index("code")
    assert not frame.attrs["coverage"].by_population
    assert frame.attrs["coverage"].covered == 72  # not 70: they were measured
    assert (frame.loc[chosen[:2], "reden_code"] == "te_weinig_inwoners").all()
    assert set(frame.loc[chosen[2:], "klasse"]) <= {"beter", "rond", "slechter"}


def test_an_empty_cell_is_no_measurement_a_suppressed_one_is(store: Store, tmp_path: Path) -> None:
    chosen = buurten(store)[:72]
    lines = values_for(chosen)
    lines[0] = (chosen[0], "werkloosheid_p", 2025, "x")  # suppressed: measured
    lines[1] = (chosen[1], "werkloosheid_p", 2025, "")  # empty: not measured → 71
    publish_lines(store, lines, tmp_path)
    frame = Scorer(store).score("werkloosheid_p", 2025, "buurt")
    assert frame.attrs["coverage"].covered == 71
    assert (frame["klasse"] == "geen_gegevens").all()


def test_scores_elsewhere_follow_the_rule(store: Store, tmp_path: Path) -> None:
    """Exports and the CLI read the same scorer: JSON says onvolledig too."""
    publish_lines(store, values_for(buurten(store, "O")), tmp_path)
    result = CliRunner().invoke(
        cli,
        ["score", "werkloosheid_p", "--period", "2025", "--level", "buurt", "--format", "json"],
        env={"MONITOR_DATABASE_URL": store.url},
    )
    assert result.exit_code == 0, result.output
    assert '"nap_source": "onvolledig"' in result.output
    assert "onvolledig: 31 van 90 buurten; geen stadswaarde" in result.output
    assert '"klasse": "beter"' not in result.output and '"klasse": "slechter"' not in result.output


# -- the upload preview ---------------------------------------------------------------


def test_preview_warns_about_a_year_that_will_get_no_colours(store: Store, tmp_path: Path) -> None:
    oost = buurten(store, "O")
    checked = check(store, csv(values_for(oost)), "oost-2025.csv")
    assert [
        (c.indicator, c.period, c.level, c.covered, c.total) for c in checked.preview.incomplete
    ] == [("werkloosheid_p", 2025, "buurt", 31, 90)]
    assert "2025: 31 van 90 buurten; zonder stadswaarde krijgt dit jaar geen kleuren" in (
        upload_warning(checked.preview.incomplete[0])
    )
    # A warning, not an error: publishing is allowed.
    assert checked.report.ok
    publish(store, checked, uploader="test", data_dir=tmp_path)
    # With a city value in the file, or already in the store, there is nothing to warn.
    stad = [*values_for(oost), ("STAD", "werkloosheid_p", 2025, "6,1")]
    assert check(store, csv(stad), "met-stad.csv").preview.incomplete == []
    assert check(store, csv(values_for(oost, period=2024)), "2024.csv").preview.incomplete == []
    # The rest of the city in a second file completes the year: no warning.
    rest = [c for c in buurten(store) if c not in oost]
    assert check(store, csv(values_for(rest)), "rest.csv").preview.incomplete == []
    # A population in the same file counts: Oost's buurten then hold 96% of the residents.
    pop = [(c, "bev_totaal", 2026, "5000" if c in oost else "100") for c in buurten(store)]
    lines = [*values_for(oost, period=2026), *pop]
    assert check(store, csv(lines), "met-bevolking.csv").preview.incomplete == []
    # Counts are never coloured: no warning for bev_totaal alone.
    assert check(store, csv(pop[:5]), "bevolking.csv").preview.incomplete == []


def test_cli_import_shows_the_warning_and_publishes(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "werkloosheid-2025-oost.csv"
    path.write_bytes(csv(values_for(buurten(store, "O"))))
    env = {"MONITOR_DATABASE_URL": store.url, "MONITOR_DATA_DIR": str(tmp_path), "COLUMNS": "200"}
    result = CliRunner().invoke(cli, ["import", "meetingen", str(path), "--dry-run"], env=env)
    assert result.exit_code == 0, result.output
    assert "Let op: onvolledige jaren" in result.output
    assert "een rij met gebiedcode STAD" in result.output
    assert (
        "werkloosheid_p, 2025: 31 van 90 buurten; zonder stadswaarde krijgt dit jaar geen "
        "kleuren" in result.output
    )
    result = CliRunner().invoke(cli, ["import", "meetingen", str(path)], env=env)
    assert result.exit_code == 0, result.output
    assert "Gepubliceerd als upload" in result.output


# -- the year a page opens on ---------------------------------------------------------


def test_pages_open_on_the_latest_year_with_colours(store: Store, tmp_path: Path) -> None:
    assert default_period(store, "werkloosheid_p", "buurt") == 2024
    publish_lines(store, values_for(buurten(store, "O")), tmp_path)
    assert store.periods(store.division_id(), "werkloosheid_p")[-1] == 2025
    assert default_period(store, "werkloosheid_p", "buurt") == 2024
    assert default_period(store, "werkloosheid_p", "wijk") == 2024
    oost_set = ["werkloosheid_p", "bijstand_p", "vsv_p"]
    assert default_set_period(store, oost_set, "buurt") == 2024
    # A city value makes 2025 usable.
    publish_lines(store, [("STAD", "werkloosheid_p", 2025, "6,1")], tmp_path)
    assert default_period(store, "werkloosheid_p", "buurt") == 2025
    assert default_set_period(store, oost_set, "buurt") == 2025


# -- comparison sentences -------------------------------------------------------------


def test_worse_sentence_counts_only_indicators_with_data_and_says_so() -> None:
    assert worse_sentence("Dijkpark", 4, 4, "Voorbeeldstad", missing=14) == (
        "Dijkpark scoort op 4 van de 4 indicatoren met gegevens slechter dan het gemiddelde "
        "van Voorbeeldstad (14 zonder gegevens)."
    )
    assert worse_sentence("Dijkpark", 4, 4, "Amsterdam", "en", missing=14) == (
        "Dijkpark scores worse than the city average on 4 of the 4 indicators with data "
        "(14 without data)."
    )
    assert worse_sentence("Dijkpark", 0, 0, "Voorbeeldstad", missing=18) == (
        "Voor Dijkpark is bij geen enkele indicator een klasse bekend (18 zonder gegevens)."
    )


def test_worse_counts_add_up_to_every_indicator(store: Store, tmp_path: Path) -> None:
    total = len(coloured_indicators(Scorer(store)))
    publish_lines(store, values_for(buurten(store, "O")), tmp_path)
    counts = worse_counts(Scorer(store), 2025, "buurt")
    frame = counts.frame
    assert counts.years["werkloosheid_p"] == 2025
    assert (
        frame["slechter"] + frame["rond"] + frame["beter"] + frame["geen_gegevens"] == total
    ).all()
    # werkloosheid_p 2025 colours nothing: every buurt has at least that one without data.
    assert (frame["geen_gegevens"] >= 1).all()
    # Before any measurement every indicator is without data, and the sentence says so.
    before = worse_counts(Scorer(store), 2016, "buurt")
    assert (before.frame["geen_gegevens"] == total).all()
    r = before.frame.iloc[0]
    assert worse_sentence(
        r["naam"], r["slechter"], r["gescoord"], "Voorbeeldstad", missing=r["geen_gegevens"]
    ).endswith(f"({total} zonder gegevens).")


def test_the_profile_shows_the_latest_year_with_colours(store: Store, tmp_path: Path) -> None:
    from monitor.profile import area_profile

    publish_lines(store, values_for(buurten(store, "O")), tmp_path)
    profile = area_profile(Scorer(store), "O01a")
    row = profile.rows.set_index("indicator_id").loc["werkloosheid_p"]
    assert row["period"] == 2024 and row["klasse"] != "geen_gegevens"
    # The series still has the 2025 value (without a NAP).
    series = profile.series[profile.series["indicator_id"] == "werkloosheid_p"]
    assert series.set_index("period").loc[2025, "value"] == 3.0


def _one_group_at_a_time(store: Store, rows: pd.DataFrame) -> list[tuple]:
    """The preview's warning computed the plain way: per indicator, period and level,
    the store as it will be, asked to :func:`nap_coverage` (the reference for the
    vectorised ``incomplete_years``)."""
    division_id = store.division_id()
    areas = store.areas_frame(division_id)[["id", "level"]]
    levels = areas.set_index("id")["level"]
    catalogue = catalog.load_from_store(store)
    coloured = {i for i, d in catalogue.items() if d.polarity != "geen" and not d.forecast}
    population_id = store.get_setting("population_indicator")
    current = store.current_values(division_id, None)
    key = ["area_id", "indicator_id", "period"]
    kept = current.merge(rows[key], on=key, how="left", indicator=True)
    kept = kept[kept["_merge"] == "left_only"]
    after = pd.concat([kept, rows.assign(level=rows["area_id"].map(levels))], ignore_index=True)
    ok = after["value"].notna() & after["flag"].isna()
    found = []
    mine = rows.assign(level=rows["area_id"].map(levels))
    mine = mine[mine["indicator_id"].isin(coloured) & (mine["level"] != "gemeente")]
    for (indicator, period, level), _ in mine.groupby(["indicator_id", "period", "level"]):
        here = after[(after["period"] == period) & (after["level"] == level)]
        city = ok & (after["level"] == "gemeente") & (after["indicator_id"] == indicator)
        if (city & (after["period"] == period)).any():
            continue
        pop = here[(here["indicator_id"] == population_id) & ok.loc[here.index]]
        cov = nap_coverage(
            areas.loc[areas["level"] == level, "id"],
            here[here["indicator_id"] == indicator],
            pop.set_index("area_id")["value"],
            indicator=indicator,
            period=int(period),
            level=level,
        )
        if not cov.adequate:
            found.append((indicator, int(period), level, cov.covered, cov.total))
    return sorted(found)


def test_preview_warning_equals_the_rule_asked_one_group_at_a_time(
    store: Store, tmp_path: Path
) -> None:
    codes = store.areas_frame(store.division_id())["code"].tolist()
    values = {"bev_totaal": ["2500", "100", ""]}
    indicators = ["bev_totaal", "werkloosheid_p", "bijstand_p", "inkomen_gem", "groen_r"]
    rng = random.Random(12)
    warned = 0
    for round_ in range(8):
        lines = {}
        for _ in range(rng.randint(50, 1500)):
            key = (rng.choice(codes), rng.choice(indicators), rng.choice([2023, 2024, 2025]))
            lines[key] = rng.choice(values.get(key[1], ["5", "", "x", "3,5", "7"]))
        checked = check(store, csv([(*k, v) for k, v in lines.items()]), f"r{round_}.csv")
        assert checked.report.ok, checked.report.lines()[:3]
        found = [
            (c.indicator, c.period, c.level, c.covered, c.total) for c in checked.preview.incomplete
        ]
        assert sorted(found) == _one_group_at_a_time(store, checked.report.frame)
        warned += bool(found)
        if round_ % 2 == 0:
            publish(store, checked, uploader="test", confirm_changes=True, data_dir=tmp_path)
    assert warned >= 3
