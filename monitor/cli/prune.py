"""``monitor prune``: remove staged files never published and old login attempts."""

from __future__ import annotations

from typing import Annotated

import typer

from monitor.cli.apps import app
from monitor.cli.output import open_store, out
from monitor.config import get_settings
from monitor.messages import t
from monitor.prune import prune as run_prune


def _days(value: float) -> str:
    return f"{value:g}".replace(".", ",")


@app.command()
def prune(
    bestanden_dagen: Annotated[
        float | None,
        typer.Option(
            "--bestanden-dagen",
            min=0,
            help="Gecontroleerde bestanden die nooit zijn gepubliceerd, ouder dan zoveel "
            "dagen (standaard MONITOR_PRUNE_STAGED_DAYS, anders 7).",
        ),
    ] = None,
    pogingen_dagen: Annotated[
        float | None,
        typer.Option(
            "--pogingen-dagen",
            min=0,
            help="Inlogpogingen ouder dan zoveel dagen (standaard "
            "MONITOR_PRUNE_ATTEMPTS_DAYS, anders 30).",
        ),
    ] = None,
    pdf_dagen: Annotated[
        float | None,
        typer.Option(
            "--pdf-dagen",
            min=0,
            help="PDF's van profielen die de app op de achtergrond maakte (data/pdf), ouder "
            "dan zoveel dagen (standaard MONITOR_PRUNE_PDF_DAYS, anders 1).",
        ),
    ] = None,
) -> None:
    """Ruim op: nooit gepubliceerde bestanden in data/uploads, oude inlogpogingen en
    PDF's van profielen in data/pdf.

    Bestanden van uploads (gepubliceerd of ongedaan gemaakt) blijven altijd staan. De app
    doet dit zelf bij de start en daarna eens per dag; wat is opgeruimd staat in het
    auditlog."""
    settings = get_settings()
    staged = settings.prune_staged_days if bestanden_dagen is None else bestanden_dagen
    days = settings.prune_attempts_days if pogingen_dagen is None else pogingen_dagen
    pdf_days = settings.prune_pdf_days if pdf_dagen is None else pdf_dagen
    pruned = run_prune(
        open_store(),
        settings.data_dir,
        staged_days=staged,
        attempts_days=days,
        pdf_days=pdf_days,
    )
    out.print(
        t(
            "cli.prune.done",
            files=len(pruned.files),
            staged=_days(staged),
            attempts=pruned.attempts,
            days=_days(days),
        )
    )
    if pruned.pdfs:
        out.print(t("cli.prune.pdfs", files=len(pruned.pdfs), days=_days(pdf_days)))
