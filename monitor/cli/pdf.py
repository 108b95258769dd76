"""``monitor pdf``: one PDF of the profiles of many areas (``monitor.pdf``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from monitor.cli.apps import app
from monitor.cli.output import Division, check_level, open_store, out, working
from monitor.messages import t


@app.command("pdf")
def profiles_pdf(
    uit: Annotated[Path, typer.Option("--uit", "-o", help="PDF-bestand om te schrijven.")],
    niveau: Annotated[
        str, typer.Option("--niveau", help="buurt, wijk, gebied of stadsdeel (standaard: buurt).")
    ] = "buurt",
    binnen: Annotated[
        str | None,
        typer.Option(
            "--binnen",
            help="Alleen de gebieden binnen dit gebied (een code van een hoger niveau, "
            "bv. O voor stadsdeel Oost); zonder: alle.",
        ),
    ] = None,
    lang: Annotated[str, typer.Option(help="nl of en.")] = "nl",
    division: Division = None,
) -> None:
    """Schrijf één PDF met de profielen van veel gebieden: een voorblad en per gebied een
    pagina met de indicatoren van de blokjesset (waarde, NAP, klasse, reden, trend).

    Alle buurten van stadsdeel Oost: monitor pdf --niveau buurt --binnen O --uit oost.pdf

    De app maakt dezelfde PDF op de achtergrond (knop op het buurtprofiel)."""
    from monitor import pdf

    store = open_store()
    level = check_level(niveau)
    division_id = store.division_id(division)
    levels = t(f"pdf.levels.{level}", lang)
    with working(t("cli.pdf.working", lang, title=f"{levels} {binnen or ''}".strip())):
        book = pdf.write(store, uit, level, binnen, lang, division_id)
    out.print(
        t(
            "cli.pdf.written",
            lang,
            pages=len(book.pages) + 1,
            areas=len(book.pages),
            levels=levels,
            output=uit,
        ),
        markup=False,
        highlight=False,
    )
