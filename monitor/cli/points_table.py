"""``monitor punten tabel``: meldingen (or voorzieningen) counted per area of a level
and per month, quarter or year, printed or written as CSV (``--csv``). The counting is
:func:`monitor.points_table.point_table`; scores stay per year."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from monitor.cli.apps import punten_app
from monitor.cli.output import Division, open_store, out
from monitor.messages import t

#: Rows printed before "…" (the CSV has them all).
SHOWN = 200


@punten_app.command("tabel")
def table(
    per: Annotated[str, typer.Option(help="maand, kwartaal of jaar.")] = "maand",
    niveau: Annotated[
        str, typer.Option(help="buurt, wijk, gebied, stadsdeel of gemeente.")
    ] = "buurt",
    categorie: Annotated[str | None, typer.Option(help="Alleen deze categorie.")] = None,
    totaal: Annotated[
        bool, typer.Option("--totaal", help="Alle categorieën samen tellen.")
    ] = False,
    soort: Annotated[str, typer.Option(help="meldingen of voorzieningen.")] = "meldingen",
    csv: Annotated[Path | None, typer.Option(help="Schrijf de hele tabel als CSV.")] = None,
    division: Division = None,
) -> None:
    """Tel de punten per gebied en per maand, kwartaal of jaar (scores blijven per jaar)."""
    from monitor.export import safe_frame
    from monitor.points_table import point_table

    store = open_store()
    found = point_table(
        store,
        store.division_id(division),
        per=per,
        niveau=niveau,
        category=categorie,
        soort=soort,
        by_category=not totaal,
    )
    if found.empty:
        out.print(t("points.table.empty", soort=soort), highlight=False)
        return
    if totaal:
        found["category"] = t("points.table.all")
    headers = {c: t(f"points.table.col.{c}") for c in found.columns}
    out.print(
        t(
            "points.table.summary",
            n=int(found["count"].sum()),
            soort=soort,
            niveau=niveau,
            per=per,
            first=found["period"].min(),
            last=found["period"].max(),
            areas=found["code"].nunique(),
        ),
        highlight=False,
    )
    if csv is not None:
        safe_frame(found.rename(columns=headers)).to_csv(
            csv, sep=";", index=False, encoding="utf-8-sig"
        )
        out.print(t("points.table.written", rows=len(found), path=csv), highlight=False)
        return
    shown = Table(show_lines=False)
    for column in found.columns:
        shown.add_column(headers[column], justify="right" if column == "count" else "left")
    for row in found.head(SHOWN).itertuples(index=False):
        shown.add_row(*(str(v) for v in row))
    out.print(shown)
    if len(found) > SHOWN:
        out.print(f"… ({len(found) - SHOWN})", highlight=False)
