"""``monitor wijktypen``: every area of a level with its type (:mod:`monitor.wijktypen`)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.table import Table

from monitor.cli.apps import app
from monitor.cli.output import Division, check_level, open_store, out
from monitor.errors import MonitorError
from monitor.messages import t


@app.command("wijktypen")
def wijktypen_command(
    niveau: Annotated[str, typer.Option(help="buurt, wijk, gebied of stadsdeel.")] = "buurt",
    k: Annotated[
        int | None, typer.Option("--k", help="Aantal typen (standaard: gekozen op silhouet).")
    ] = None,
    format: Annotated[str, typer.Option(help="table of csv.")] = "table",
    lang: Annotated[str, typer.Option(help="nl of en.")] = "nl",
    division: Division = None,
) -> None:
    """Deel de gebieden van een niveau in typen in (clustering op samenstelling) en
    druk per gebied code, naam, type en beschrijving af."""
    from monitor.blocks import table_csv
    from monitor.scoring import Scorer
    from monitor.wijktypen import choice_text, export_frame, wijktypen

    if format not in ("table", "csv"):
        raise MonitorError(t("cli.unknown_format", lang, format=format, choices="table, csv"))
    store = open_store()
    scorer = Scorer(store, store.division_id(division))
    found = wijktypen(scorer, check_level(niveau), k=k)
    frame = export_frame(found, scorer.indicators, lang)
    if format == "csv":
        # As the page's download (";", guarded cells), without the byte order mark.
        sys.stdout.write(table_csv(frame).lstrip("\ufeff"))
        return
    title = t("cli.wijktypen.title", lang, level=t(f"level.{niveau}", lang))
    out.print(title, markup=False, highlight=False)
    out.print(choice_text(found, lang), markup=False, highlight=False)
    table = Table(*frame.columns)
    for row in frame.itertuples(index=False):
        table.add_row(*map(str, row))
    out.print(table)
