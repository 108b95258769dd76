"""``monitor indicator add|list`` and ``monitor alias add``: the catalogue and area codes
from other code systems."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.table import Column, Table

from monitor import catalog
from monitor.cli.apps import alias_app, indicator_app
from monitor.cli.output import Division, open_store, out
from monitor.errors import MonitorError
from monitor.messages import t


@alias_app.command("add")
def alias_add(
    code: Annotated[str, typer.Argument(help="De code uit het andere stelsel, bv. ZX99.")],
    target: Annotated[str, typer.Argument(help="De eigen gebiedscode, bv. Dxxx.")],
    system: Annotated[str | None, typer.Option(help="Codestelsel, bv. cbs of bbga.")] = None,
    division: Division = None,
) -> None:
    """Koppel een code uit een ander stelsel aan een gebied."""
    store = open_store()
    store.add_alias(store.division_id(division), code, target, system)
    out.print(t("cli.alias.added", code=code, target=target))


@indicator_app.command("add")
def indicator_add(
    id: Annotated[str, typer.Argument(help="Indicator-id, bv. werkloosheid_p.")],
    label: Annotated[str | None, typer.Option(help="Naam in het Nederlands.")] = None,
    unit: Annotated[
        str | None, typer.Option(help="%, rapportcijfer, index, aantal, € of vrije tekst.")
    ] = None,
    polarity: Annotated[
        str | None, typer.Option(help="hoger-beter, lager-beter, neutraal of geen.")
    ] = None,
    domain: Annotated[str | None, typer.Option(help="Domein, bv. werk_inkomen.")] = None,
    label_en: Annotated[str | None, typer.Option(help="Naam in het Engels.")] = None,
    definition: Annotated[str | None, typer.Option(help="Definitie.")] = None,
    decimals: Annotated[int | None, typer.Option(help="Aantal decimalen (standaard 1).")] = None,
    source: Annotated[str | None, typer.Option(help="Bron.")] = None,
    min_population: Annotated[float | None, typer.Option(help="Minimum aantal inwoners.")] = None,
    min_respondents: Annotated[
        float | None, typer.Option(help="Minimum aantal respondenten.")
    ] = None,
    aggregation: Annotated[
        str | None, typer.Option(help="som, gewogen-gemiddelde of geen (standaard).")
    ] = None,
    weight: Annotated[str | None, typer.Option(help="Gewicht-indicator, bv. BEVTOTAAL.")] = None,
    method: Annotated[
        str | None, typer.Option(help="z (standaard), z5, relatief, absoluut of index.")
    ] = None,
    spread: Annotated[
        str | None,
        typer.Option(help="Spreiding voor z: sd (zoals de stad, standaard), mad of log (robuust)."),
    ] = None,
    band: Annotated[float | None, typer.Option(help="Breedte van de band 'rond'.")] = None,
    base_year: Annotated[int | None, typer.Option(help="Basisjaar (nulmeting).")] = None,
    survey: Annotated[
        bool | None, typer.Option("--survey/--no-survey", help="Enquête-indicator (met n).")
    ] = None,
) -> None:
    """Voeg een indicator toe, of werk een bestaande bij: dan veranderen alleen de
    opgegeven opties en blijven de meetingen staan."""
    given = {
        "label_nl": label,
        "unit": unit,
        "polarity": polarity,
        "domain": domain,
        "label_en": label_en,
        "definition": definition,
        "decimals": decimals,
        "source": source,
        "min_population": min_population,
        "min_respondents": min_respondents,
        "aggregation": aggregation,
        "weight_indicator": weight,
        "method": method,
        "spread": spread,
        "band": band,
        "base_year": base_year,
        "survey": survey,
    }
    store = open_store()
    ind, changed = catalog.define(store, id, {k: v for k, v in given.items() if v is not None})
    if polarity is not None:  # a polarity given here is the catalogue's own choice
        ind.polarity_source, ind.polarity_metadata = "catalogus", polarity
    with store.begin() as conn:
        store.upsert_indicators([ind.row()], conn)
    if changed is None:
        out.print(t("cli.indicator.added", id=ind.id, polarity=ind.polarity, unit=ind.unit))
    elif changed:
        out.print(t("cli.indicator.updated", id=ind.id, changes="; ".join(changed)), markup=False)
    else:
        out.print(t("cli.indicator.unchanged", id=ind.id))


@indicator_app.command("list")
def indicator_list(
    format: Annotated[str, typer.Option(help="table, csv of json.")] = "table",
) -> None:
    """Toon de indicatoren in de catalogus (ids altijd volledig)."""
    frame = open_store().indicators_frame()
    columns = {
        "id": "id",
        "label_nl": "label",
        "domain": "domein",
        "unit": "eenheid",
        "polarity": "polariteit",
        "polarity_source": "herkomst",
        "method": "methode",
    }
    shown = frame[list(columns)].rename(columns=columns)
    if format == "json":
        records = shown.astype(object).where(shown.notna(), None).to_dict("records")
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
    elif format == "csv":
        sys.stdout.write(shown.to_csv(index=False))
    elif format == "table":
        # The id is what people copy into files and commands: never cut; the other
        # columns wrap first.
        table = Table(
            Column("id", no_wrap=True, overflow="fold"),
            *[Column(name, overflow="fold") for name in list(columns.values())[1:]],
        )
        for row in shown.itertuples(index=False):
            table.add_row(*["" if v is None or v != v else str(v) for v in row])
        out.print(table)
    else:
        raise MonitorError(t("cli.unknown_format", format=format, choices=t("cli.formats.table")))
