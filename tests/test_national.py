"""The national view: gemeenten scored against *Nederland* (issue 15).

The KWB fixtures (``tests/cbs/``) hold Amsterdam (GM0363), Rotterdam (GM0599) and the
row for Nederland (NL00). Persons in poverty (``PersonenInArmoede``, ``kwb_armoede_p``,
lager-beter), by hand:

- Nederland 7.9 (its own row: ``landelijke waarde``); gemeenten 10.0 and 15.0;
  spread (sd, ddof 0) of the two gemeenten = 2.5;
  z Amsterdam = (10 − 7.9) / 2.5 = 0.84, Rotterdam = (15 − 7.9) / 2.5 = 2.84: both
  *slechter* (|z| ≥ 0.5).
- Without the Nederland row: NAP = the mean of the gemeenten, 12.5; z = −1 (*beter*)
  and +1 (*slechter*).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from monitor.cli import app as cli_app
from monitor.connectors import import_kwb, import_wijkenbuurten
from monitor.messages import class_label
from monitor.scoring import national, reference
from monitor.scoring.read import Scores
from monitor.store import Store
from monitor.store import national as national_store
from tests.opendata_stand_in import opendata_stand_in

HERE = Path(__file__).resolve().parent
KWB_CSV = HERE / "cbs" / "85984NED-kwb-2024.csv"
TWO = ["GM0363", "GM0599"]


def _load(store: Store, tmp_path: Path, *, bestand: Path | None = None) -> None:
    with opendata_stand_in() as (base, received):
        url = f"{base}/pdok/wijken-en-buurten-2024/ogc/v1"
        import_wijkenbuurten(store, 2024, TWO, url=url, data_dir=tmp_path)
        if bestand is None:
            import_kwb(store, 2024, TWO, url=f"{base}/cbs/ODataApi/odata", data_dir=tmp_path)
            odata = [r for r in received if "/TypedDataSet" in r]
            assert "startswith(WijkenEnBuurten,'NL')" in odata[0]  # the country asked too
        else:
            import_kwb(store, 2024, bestand=bestand, data_dir=tmp_path)


def _gemeenten(store: Store, indicator: str = "kwb_armoede_p") -> pd.DataFrame:
    frame = Scores(store).frame(indicator, 2024, "gemeente", options=national.options())
    return frame.set_index("code")


def test_gemeenten_against_the_nederland_row(store: Store, tmp_path: Path) -> None:
    _load(store, tmp_path)
    with store.engine.connect() as conn:
        kept = national_store.read(conn).set_index("indicator_id")
    assert kept.loc["kwb_armoede_p", "value"] == pytest.approx(7.9)
    assert kept.loc["kwb_inkomen_inwoner", "value"] == pytest.approx(33800)  # x 1 000 euro
    frame = _gemeenten(store)
    assert frame.loc[TWO, "nap"].tolist() == pytest.approx([7.9, 7.9])
    assert frame.loc[TWO, "nap_source"].tolist() == ["landelijke waarde"] * 2
    assert frame.loc[TWO, "spread"].tolist() == pytest.approx([2.5, 2.5])
    assert frame.loc[TWO, "z"].tolist() == pytest.approx([0.84, 2.84])
    assert frame.loc[TWO, "klasse"].tolist() == ["slechter", "slechter"]
    assert frame.loc[TWO, "referentie"].eq("Nederland").all()
    assert frame.attrs["gemeente"] == "Nederland"
    assert class_label("slechter", "nl", "Nederland") == "slechter dan het Nederlandse gemiddelde"
    # Koopwoningen (neutraal): Nederland 57; 31 and 34, sd 1.5: both *minder*.
    koop = _gemeenten(store, "kwb_koopwoningen_p")
    assert koop.loc[TWO, "z"].tolist() == pytest.approx([-26 / 1.5, -23 / 1.5])
    assert koop.loc[TWO, "klasse"].tolist() == ["minder", "minder"]
    # The default view is unchanged: a gemeente is its own reference, buurten their own.
    own = Scores(store).frame("kwb_armoede_p", 2024, "gemeente").set_index("code")
    assert own.loc[TWO, "nap"].tolist() == pytest.approx([10.0, 15.0])
    buurten = Scores(store).frame("kwb_armoede_p", 2024, "buurt").set_index("code")
    assert buurten.loc["BU03630000", "nap"] == pytest.approx(10.0)


def test_without_a_nederland_row_the_mean_of_the_gemeenten(store: Store, tmp_path: Path) -> None:
    lines = KWB_CSV.read_text(encoding="utf-8").splitlines(keepends=True)
    without = tmp_path / "zonder-nederland.csv"
    without.write_text("".join(x for x in lines if '"NL00' not in x), encoding="utf-8")
    _load(store, tmp_path, bestand=without)
    frame = _gemeenten(store)
    assert frame.loc[TWO, "nap"].tolist() == pytest.approx([12.5, 12.5])
    assert frame.loc[TWO, "nap_source"].tolist() == ["gemiddelde"] * 2
    assert frame.loc[TWO, "z"].tolist() == pytest.approx([-1.0, 1.0])
    assert frame.loc[TWO, "klasse"].tolist() == ["beter", "slechter"]


def test_the_command_line_names_nederland(tmp_path: Path) -> None:
    env = {
        "MONITOR_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite'}",
        "MONITOR_DATA_DIR": str(tmp_path / "data"),
    }
    runner = CliRunner()
    assert runner.invoke(cli_app, ["init"], env=env).exit_code == 0
    store = Store(env["MONITOR_DATABASE_URL"])
    try:
        _load(store, tmp_path)
    finally:
        store.engine.dispose()
    args = ["score", "kwb_armoede_p", "--period", "2024", "--level", "gemeente"]
    answer = runner.invoke(cli_app, [*args, "--reference", "nederland", "--format", "csv"], env=env)
    assert answer.exit_code == 0, (answer.output, answer.exception)
    assert "slechter dan het Nederlandse gemiddelde" in answer.output
    assert "7,9" in answer.output or "7.9" in answer.output
    table = runner.invoke(cli_app, [*args, "--reference", "nederland"], env=env)
    assert table.exit_code == 0, (table.output, table.exception)
    assert "landelijke waarde" in table.output
    assert "Nederlandse" in table.output  # the table wraps "… gemiddelde"
    # The reference choice of the pages' "Vergelijk met" understands the country too.
    chosen = runner.invoke(
        cli_app, [*args, "--referentie", "nederland", "--format", "csv"], env=env
    )
    assert chosen.exit_code == 0, (chosen.output, chosen.exception)
    assert chosen.output == answer.output


def test_the_kaart_offers_nederland_at_gemeente_level(store: Store, tmp_path: Path) -> None:
    """The Kaart's "Vergelijk met" offers the country only where it means something: at
    gemeente level in a store of several gemeenten; the map's legend then names it."""
    from layouts import kaart, reference_choice
    from monitor.store import LEVELS

    _load(store, tmp_path)
    at = {lvl: [o["value"] for o in reference_choice.options(store, lvl, "nl")] for lvl in LEVELS}
    assert at["gemeente"][-1] == "nederland" and "nederland" not in at["buurt"]
    assert reference.available({"buurt", "wijk", "gemeente"}, "gemeente") == [
        "gemeente", "vergelijkbaar", "basisjaar"
    ]  # one gemeente: no country  # fmt: skip
    data, legend, line = kaart.restyle(
        store, "kwb_armoede_p", 2024, "gemeente", None, None, "nl", "nederland"
    )
    assert "Nederlandse gemiddelde" in str(legend) + str(line)
    classes = {code: area[0] for code, area in data["areas"].items()}
    expected = {c: kaart.CLASS_INDEX[k] for c, k in _gemeenten(store)["klasse"].items()}
    assert {c: classes[c] for c in expected} == expected
