"""The indicator catalogue: TOML, CSV, BBGA metadata and the CLI to add indicators."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from monitor import catalog, catalog_bbga
from monitor.cli import app
from monitor.errors import MonitorError
from tests.support import require_shared

runner = CliRunner()


def test_bbga_metadata_mapping() -> None:
    shared = require_shared()
    cat = catalog_bbga.load_bbga_metadata(
        shared / "bbga" / "metadata_latest_and_greatest_2019-01.csv"
    )
    by_id = cat.by_id()
    assert len(by_id) == 757
    # Kleurenpalet 2 → lower is better; Rekeneenheid 1 → %; format F5.1 → 1 decimal.
    werkl = by_id["PREGWERKL_P"]
    assert (werkl.polarity, werkl.unit, werkl.decimals, werkl.domain) == (
        "lager-beter",
        "%",
        1,
        "werk_inkomen",
    )
    # Kleurenpalet 1, rapportcijfer, "minstens 20 respondenten" in the definition.
    lbuurt = by_id["LBUURT_R"]
    assert (lbuurt.polarity, lbuurt.unit, lbuurt.min_respondents, lbuurt.survey) == (
        "hoger-beter",
        "rapportcijfer",
        20.0,
        True,
    )
    assert lbuurt.domain == "leefbaarheid"
    assert by_id["VVEILIGH_I"].unit == "index"
    assert by_id["VVEILIGH_I"].polarity == "lager-beter"
    assert by_id["VVEILIGH_I"].domain == "veiligheid"
    # Kleurenpalet 9 → not coloured; counts sum up the hierarchy.
    assert by_id["BEVTOTAAL"].polarity == "geen"
    assert by_id["BEVTOTAAL"].aggregation == "som"
    # SD minimum Bevtotaal 500 → minimum population on BEVTOTAAL.
    assert by_id["BHWP_1000INW"].min_population == 500
    assert by_id["BHWP_1000INW"].min_population_indicator == "BEVTOTAAL"
    assert by_id["IHHINK_GEM"].unit == "€"
    assert by_id["BEV_PROG2015"].forecast
    assert sum(i.polarity == "neutraal" for i in cat.indicators) == 0  # none in this file
    newer = catalog_bbga.load_bbga_metadata(shared / "bbga" / "metadata_utf8.csv").by_id()
    assert newer["LBUURT_R"].label_en.startswith("Neighbourhood")


def test_voorbeeldstad_toml_loads() -> None:
    cat = catalog.load_toml(Path("indicators/voorbeeldstad.toml"))
    assert cat.population_indicator == "bev_totaal"
    werkl = cat.by_id()["werkloosheid_p"]
    assert werkl.min_population_indicator == "bev_totaal"
    assert werkl.label("en") == "Registered unemployment (%)"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            '[[indicator]]\nid = "a"\nlabel = "A"\ndomain = "d"\nunit = "%"\npolarity = "omhoog"',
            "polariteit 'omhoog' onbekend",
        ),
        (
            '[[indicator]]\nid = "a"\nlabel = "A"\nunit = "%"\npolarity = "geen"',
            "mist verplichte velden: domain",
        ),
        (
            '[[indicator]]\nid = "a b"\nlabel = "A"\ndomain = "d"\nunit = "%"\npolarity = "geen"',
            "Ongeldige indicator-id",
        ),
        (
            '[[indicator]]\nid = "a"\nlabel = "A"\ndomain = "d"\nunit = "%"\npolarity = "geen"\n'
            'kleur = "rood"',
            "onbekende velden kleur",
        ),
        ("[catalog]\nname = 'x'", "bevat geen"),
        ("dit is geen toml [", "geen geldige TOML"),
    ],
)
def test_bad_toml_is_refused_in_dutch(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "c.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(MonitorError, match=message):
        catalog.load_file(path)


def test_csv_catalogue(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        "id;label;domain;unit;polarity;decimals;min_population;survey\n"
        "armoede_p;Armoede (%);werk_inkomen;%;lager-beter;1;100;nee\n"
        "veilig_r;Veiligheid (1-10);veiligheid;rapportcijfer;hoger-beter;1;0;ja\n",
        encoding="utf-8",
    )
    by_id = catalog.load_file(path).by_id()
    assert by_id["armoede_p"].min_population == 100
    assert by_id["veilig_r"].survey
    path.write_text("id;label;domain;unit;polarity;decimals\nx;X;d;%;geen;veel\n", encoding="utf-8")
    with pytest.raises(MonitorError, match="rij 2"):
        catalog.load_file(path)


def test_cli_indicator_add_and_errors(tmp_path: Path) -> None:
    env = {"MONITOR_DATABASE_URL": f"sqlite:///{tmp_path / 'c.sqlite'}"}
    result = runner.invoke(app, ["indicator", "list"], env=env)
    assert result.exit_code != 0  # store not initialised yet
    assert runner.invoke(app, ["init"], env=env).exit_code == 0
    ok = runner.invoke(
        app,
        [
            "indicator",
            "add",
            "armoede_p",
            "--label",
            "Armoede",
            "--unit",
            "%",
            "--polarity",
            "lager-beter",
            "--domain",
            "werk_inkomen",
        ],
        env=env,
    )
    assert ok.exit_code == 0, ok.output
    listing = runner.invoke(app, ["indicator", "list"], env=env)
    assert "armoede_p" in listing.output
    bad = runner.invoke(
        app,
        [
            "indicator",
            "add",
            "y",
            "--label",
            "Y",
            "--unit",
            "%",
            "--polarity",
            "beter",
            "--domain",
            "d",
        ],
        env=env,
    )
    assert bad.exit_code != 0
    assert isinstance(bad.exception, MonitorError)
    assert "polariteit 'beter' onbekend" in str(bad.exception)


def test_cli_main_prints_dutch_error_and_exits_nonzero(tmp_path: Path) -> None:
    """The installed command shows a message, not a traceback."""
    import subprocess
    import sys

    env = {"MONITOR_DATABASE_URL": f"sqlite:///{tmp_path / 'e.sqlite'}", "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(
        [sys.executable, "-m", "monitor.cli", "score", "X", "--period", "2020", "--level", "buurt"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 1
    assert "Fout:" in proc.stderr and "monitor init" in proc.stderr
    assert "Traceback" not in proc.stderr
