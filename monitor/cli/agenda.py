"""``monitor import agenda|verhalen``: the gebiedsagenda and verhalen from a file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from monitor.cli.apps import import_app
from monitor.cli.output import Division, err, open_store, out
from monitor.errors import MonitorError
from monitor.messages import t

DryRun = Annotated[bool, typer.Option("--dry-run", help="Alleen controleren; niets opslaan.")]
Uploader = Annotated[str | None, typer.Option(help="Wie importeert (standaard: gebruiker).")]


def _agenda_import(
    kind: str, file: Path, dry_run: bool, uploader: str | None, division: str | None
) -> None:
    """Shared by ``import agenda`` and ``import verhalen``: read, check all, store or not."""
    import getpass

    from monitor import agenda

    store = open_store()
    if not file.is_file():
        raise MonitorError(t("file.missing", path=file))
    importer = agenda.import_agenda if kind == "agenda" else agenda.import_notes
    try:
        result = importer(
            store,
            file.read_bytes(),
            file.name,
            actor=uploader or getpass.getuser(),
            division_id=store.division_id(division),
            dry_run=dry_run,
        )
    except agenda.AgendaError as exc:
        # Every problem on its own line, as text (a cell may hold anything, also "[b]").
        summary, *lines = str(exc).splitlines()
        for line in lines:
            err.print(f"  {line}", markup=False, highlight=False)
        raise MonitorError(summary) from None
    out.print(result.summary(kind, "nl"), markup=False, highlight=False)
    if dry_run:
        out.print(t("cli.dry_run"))


@import_app.command("agenda")
def import_agenda_file(
    file: Annotated[Path, typer.Argument(help="CSV of XLSX: een rij per actie (zie README).")],
    dry_run: DryRun = False,
    uploader: Uploader = None,
    division: Division = None,
) -> None:
    """Importeer de gebiedsagenda: doelen en acties (kolommen gebiedcode, doel, indicator,
    streefwaarde, doeljaar, actie, eigenaar, status, reden). Bij een fout: niets opgeslagen."""
    _agenda_import("agenda", file, dry_run, uploader, division)


@import_app.command("verhalen")
def import_verhalen_file(
    file: Annotated[Path, typer.Argument(help="CSV of XLSX: een verhaal per rij (zie README).")],
    dry_run: DryRun = False,
    uploader: Uploader = None,
    division: Division = None,
) -> None:
    """Importeer verhalen (kolommen gebiedcode, datum, periode, rol, bron, tekst). Een
    verhaal dat er al staat wordt overgeslagen. Bij een fout: niets opgeslagen."""
    _agenda_import("notes", file, dry_run, uploader, division)
