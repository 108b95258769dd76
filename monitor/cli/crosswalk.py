"""``monitor omrekenen``: series across a change of division (``monitor.crosswalk``), and
``monitor import bbga-api``: Amsterdam's BBGA through the city's API."""

from __future__ import annotations

import getpass
from typing import Annotated

import typer

from monitor.cli.apps import app, import_app
from monitor.cli.imports import print_bbga
from monitor.cli.output import Division, err, open_store, out, working
from monitor.messages import t

Indicators = Annotated[
    list[str] | None,
    typer.Option("--indicator", help="Indicator-id; herhaal voor meer (standaard: alle)."),
]


def _years(periods: list[int]) -> str:
    return ", ".join(str(p) for p in periods)


@app.command("omrekenen")
def omrekenen(
    van: Annotated[str, typer.Option("--van", help="Oude gebiedsindeling.")],
    naar: Annotated[str, typer.Option("--naar", help="Nieuwe gebiedsindeling.")],
    indicator: Indicators = None,
    gewicht: Annotated[
        str | None,
        typer.Option(
            "--gewicht", help="Indicator met inwoners (of adressen) per oud gebied als gewicht."
        ),
    ] = None,
    niveau: Annotated[str, typer.Option("--niveau", help="Niveau (standaard: buurt).")] = "buurt",
    bevestig: Annotated[
        bool, typer.Option("--bevestig", help="Eerder omgerekende waarden vervangen.")
    ] = False,
) -> None:
    """Reken reeksen om naar een nieuwe gebiedsindeling (oppervlakte, of een gewicht)."""
    from monitor.crosswalk import convert

    store = open_store()
    with working(t("cli.importing", name=f"{van} → {naar}")):
        result = convert(
            store,
            van,
            naar,
            indicators=indicator,
            gewicht=gewicht,
            level=niveau,
            uploader=getpass.getuser(),
            confirm_changes=bevestig,
        )
    out.print(
        t(
            "cli.crosswalk.done",
            van=van,
            naar=naar,
            values=result.values,
            upload=result.upload_id,
            pieces=result.pieces,
        ),
        highlight=False,
    )
    for ind, periods in result.recomputed.items():
        out.print(
            t(
                "cli.crosswalk.indicator",
                indicator=ind,
                periods=_years(periods),
                method=result.methods[ind],
            ),
            highlight=False,
        )
    for ind, periods in result.measured.items():
        text = t("cli.crosswalk.measured", indicator=ind, naar=naar, periods=_years(periods))
        out.print(text, highlight=False)
    for ind, by_period in result.incomplete.items():
        for period, left in by_period.items():
            codes = ", ".join(left[:10]) + (" …" if len(left) > 10 else "")
            text = t("cli.crosswalk.incomplete", indicator=ind, period=period, codes=codes)
            err.print(text, highlight=False)
    if result.uncovered:
        codes = ", ".join(result.uncovered[:10]) + (" …" if len(result.uncovered) > 10 else "")
        err.print(t("cli.crosswalk.uncovered", n=len(result.uncovered), naar=naar, codes=codes))


@import_app.command("bbga-api")
def import_bbga_api(
    url: Annotated[
        str | None,
        typer.Option(help="Basis-URL van de BBGA-API (standaard: api.data.amsterdam.nl/v1/bbga)."),
    ] = None,
    indicator: Indicators = None,
    zonder_metadata: Annotated[
        bool, typer.Option("--zonder-metadata", help="Alleen waarden, geen definities.")
    ] = False,
    division: Division = None,
    vernieuw: Annotated[
        bool, typer.Option("--vernieuw", help="Opnieuw downloaden, ook als het in de cache staat.")
    ] = False,
) -> None:
    """Importeer het BBGA uit de API van de gemeente Amsterdam (met de metadata)."""
    from monitor.connectors.bbga_api import import_bbga_api as run

    store = open_store()
    with working(t("cli.importing", name="BBGA-API")):
        result = run(
            store,
            indicator,
            url=url,
            metadata=not zonder_metadata,
            division=division,
            refresh=vernieuw,
        )
    if division:
        store.set_setting("active_division", division)
    print_bbga(result, "BBGA-API", not zonder_metadata)
