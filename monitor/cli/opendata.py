"""``monitor import pdok-wijkenbuurten|cbs-kwb`` and ``monitor start-gemeente``: any Dutch
gemeente from open data (``monitor.connectors``)."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated

import typer

from monitor.cli.apps import app, import_app
from monitor.cli.output import Bevestig, err, open_store, out, working
from monitor.connectors.kwb import KwbResult
from monitor.connectors.pdok import PdokResult
from monitor.messages import t

Jaar = Annotated[int, typer.Option("--jaar", help="Jaar van de wijk- en buurtindeling.")]
Gemeenten = Annotated[
    list[str] | None,
    typer.Option("--gemeente", help="CBS-gemeentecode (GM0363 of 0363); herhaal voor meer."),
]
DivisionOption = Annotated[
    str | None,
    typer.Option(
        "--gebiedsindeling", "--division", help="Naam (standaard: wijken-en-buurten-JAAR)."
    ),
]
Vernieuw = Annotated[
    bool, typer.Option("--vernieuw", help="Opnieuw downloaden, ook als het in de cache staat.")
]


def _print_areas(result: PdokResult) -> None:
    for level, counts in result.levels.items():
        out.print(t("cli.opendata.pdok_level", level=level, **counts), highlight=False)
    out.print(
        t(
            "cli.opendata.pdok_done",
            division=result.division,
            gemeenten=", ".join(result.gemeenten),
        ),
        highlight=False,
    )
    for source in result.sources[:6]:
        out.print(t("cli.opendata.source", source=source), highlight=False)
    for warning in result.warnings:
        err.print(t("cli.warning", warning=warning))


def _print_kwb(result: KwbResult) -> None:
    out.print(
        t(
            "cli.opendata.kwb_done",
            table=result.table,
            upload=result.upload_id,
            rows=result.rows,
            values=result.values,
            missing=result.missing,
            secret=result.secret,
            gemeenten=", ".join(result.gemeenten),
        ),
        highlight=False,
    )
    out.print(t("cli.opendata.source", source=result.source), highlight=False)
    if result.unknown_codes:
        codes = ", ".join(result.unknown_codes[:10]) + (
            " …" if len(result.unknown_codes) > 10 else ""
        )
        out.print(
            t("cli.opendata.kwb_unknown", n=len(result.unknown_codes), codes=codes),
            highlight=False,
        )
    if result.fields_missing:
        names = ", ".join(result.fields_missing)
        out.print(t("cli.opendata.kwb_fields_missing", names=names), highlight=False)
    if result.national:
        out.print(t("cli.opendata.kwb_national", n=result.national), highlight=False)


@import_app.command("pdok-wijkenbuurten")
def import_pdok(
    jaar: Jaar = 2024,
    gemeente: Gemeenten = None,
    url: Annotated[
        str | None,
        typer.Option(help="Basis-URL van de OGC API (standaard: die van PDOK voor het jaar)."),
    ] = None,
    bestand: Annotated[
        list[Path] | None,
        typer.Option(help="Gedownloade GeoPackage of GeoJSON in plaats van de API; herhaalbaar."),
    ] = None,
    division: DivisionOption = None,
    vernieuw: Vernieuw = False,
) -> None:
    """Importeer gemeente-, wijk- en buurtgrenzen uit de CBS/PDOK wijk- en buurtkaart."""
    from monitor.connectors.pdok import import_wijkenbuurten

    store = open_store()
    with working(t("cli.importing", name=f"wijken-en-buurten-{jaar}")):
        result = import_wijkenbuurten(
            store, jaar, gemeente, url=url, bestand=bestand, division=division, refresh=vernieuw
        )
    store.set_setting("active_division", result.division)
    _print_areas(result)


@import_app.command("cbs-kwb")
def import_cbs_kwb(
    jaar: Jaar = 2024,
    gemeente: Gemeenten = None,
    url: Annotated[
        str | None,
        typer.Option(help="Basis-URL van de OData-API (standaard: die van het CBS)."),
    ] = None,
    bestand: Annotated[
        Path | None, typer.Option(help="Gedownloade CSV (';') of JSON in plaats van de API.")
    ] = None,
    tabel: Annotated[
        str | None, typer.Option(help="CBS-tabel (standaard: die van het jaar, bv. 85984NED).")
    ] = None,
    division: DivisionOption = None,
    bevestig: Bevestig = False,
    uploader: Annotated[str | None, typer.Option(help="Wie (standaard: gebruiker).")] = None,
    vernieuw: Vernieuw = False,
) -> None:
    """Importeer CBS Kerncijfers wijken en buurten als meetingen (met scores)."""
    from monitor.connectors.kwb import import_kwb

    store = open_store()
    with working(t("cli.importing", name=f"Kerncijfers wijken en buurten {jaar}")):
        result = import_kwb(
            store,
            jaar,
            gemeente,
            url=url,
            bestand=bestand,
            table=tabel,
            division=division,
            uploader=uploader or getpass.getuser(),
            confirm_changes=bevestig,
            refresh=vernieuw,
        )
    _print_kwb(result)


@app.command("start-gemeente")
def start_gemeente(
    gemeente: Annotated[str, typer.Argument(help="CBS-gemeentecode, bv. GM0599 (Rotterdam).")],
    jaar: Jaar = 2024,
    url_pdok: Annotated[
        str | None, typer.Option("--url-pdok", help="Basis-URL van de PDOK OGC API.")
    ] = None,
    url_cbs: Annotated[
        str | None, typer.Option("--url-cbs", help="Basis-URL van de CBS OData-API.")
    ] = None,
    bestand_pdok: Annotated[
        list[Path] | None,
        typer.Option("--bestand-pdok", help="Gedownloade GeoPackage of GeoJSON (offline)."),
    ] = None,
    bestand_cbs: Annotated[
        Path | None, typer.Option("--bestand-cbs", help="Gedownloade KWB-CSV of -JSON (offline).")
    ] = None,
    division: DivisionOption = None,
    vernieuw: Vernieuw = False,
) -> None:
    """Eén gemeente klaarzetten: grenzen en Kerncijfers laden, scores berekenen."""
    from monitor.connectors.gemeente import start_gemeente as run

    store = open_store()
    with working(t("cli.importing", name=gemeente)):
        result = run(
            store,
            gemeente,
            jaar,
            url_pdok=url_pdok,
            url_cbs=url_cbs,
            bestand_pdok=bestand_pdok,
            bestand_cbs=bestand_cbs,
            division=division,
            uploader=getpass.getuser(),
            refresh=vernieuw,
        )
    _print_areas(result.areas)
    _print_kwb(result.kwb)
    out.print(
        t("cli.opendata.start_done", gemeente=result.gemeente, division=result.division),
        highlight=False,
    )
    if result.others:
        out.print(
            t(
                "cli.opendata.start_others",
                others=", ".join(result.others),
                gemeente=result.gemeente,
            ),
            highlight=False,
        )
