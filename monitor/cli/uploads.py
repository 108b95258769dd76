"""``monitor uploads list|show|undo|redo`` and ``monitor herkomst``: what was uploaded,
undoing and redoing it, and where a number comes from."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.table import Column, Table

from monitor.cli.apps import app, uploads_app
from monitor.cli.output import (
    Bevestig,
    cell,
    open_store,
    out,
    print_report,
    status_column,
    time_column,
    working,
)
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.times import format_time


@uploads_app.command("list")
def uploads_list() -> None:
    """Alle uploads, nieuwste eerst."""
    from monitor.ingest.upload import status_label

    frame = open_store().uploads_frame().sort_values("id", ascending=False)
    table = Table(
        "id",
        Column(t("cli.col.kind"), no_wrap=True),
        Column(t("cli.col.file"), overflow="fold"),
        Column(t("cli.col.by"), overflow="fold"),
        time_column(t("cli.col.time")),
        t("cli.col.rows"),
        status_column(),
    )
    for row in frame.itertuples():
        table.add_row(
            str(row.id),
            cell(row.kind),
            cell(row.filename),
            cell(row.uploader),
            format_time(row.created_at),
            cell(row.row_count),
            status_label(row.status),
        )
    out.print(table)


@uploads_app.command("show")
def uploads_show(upload_id: Annotated[int, typer.Argument(help="Upload-id.")]) -> None:
    """Details van een upload: bestand, sha256, metadata, wat erin zat."""
    frame = open_store().uploads_frame().set_index("id")
    if upload_id not in frame.index:
        raise MonitorError(t("undo.unknown", id=upload_id))
    for key, value in frame.loc[upload_id].items():
        out.print(f"{key}: {'' if value is None else value}", markup=False, highlight=False)


#: Who the CLI acts as for undo and redo: the name that imports record as the uploader
#: (``--uploader``, default the OS user), as an analist; ``--beheerder`` for uploads of
#: others. Whoever runs the CLI can reach the database anyway: this guards against
#: mistakes (and the audit log records the role used), the app's roles are the lock.
CliActor = Annotated[
    str | None,
    typer.Option("--uploader", help="Wie u bent (standaard: uw OS-gebruiker), als bij import."),
]
AsBeheerder = Annotated[
    bool,
    typer.Option("--beheerder", help="Als beheerder handelen: ook uploads van anderen."),
]


def _cli_actor(uploader: str | None, beheerder: bool) -> tuple[str, str]:
    """(actor, role) of an undo or redo from the command line (see ``CliActor``)."""
    import getpass

    return uploader or getpass.getuser(), "beheerder" if beheerder else "analist"


def _interactive() -> bool:
    """Whether a person can answer a question (stdin is a terminal)."""
    return sys.stdin.isatty()


@uploads_app.command("undo")
def uploads_undo(
    upload_id: Annotated[int, typer.Argument(help="Upload-id.")],
    bevestig: Annotated[
        bool, typer.Option("--bevestig", help="Zonder te vragen ongedaan maken.")
    ] = False,
    uploader: CliActor = None,
    beheerder: AsBeheerder = False,
) -> None:
    """Toon wat een upload ongedaan maken wegneemt en maak hem (na bevestiging) ongedaan;
    de waarden of begrotingsregels die hij verving komen terug."""
    from monitor import undo

    store = open_store()
    actor, role = _cli_actor(uploader, beheerder)
    summary = undo.summary(store, upload_id)
    undo.check_may_change(upload_id, summary.uploader, actor, role)
    out.print(t("undo.title", id=upload_id), style="bold", markup=False, highlight=False)
    for line in summary.lines():
        out.print(f"  {line}", markup=False, highlight=False)
    if not bevestig:
        if not _interactive():
            raise MonitorError(t("undo.need_confirm"))
        answer = typer.prompt(f"{t('undo.ask')} [j/N]", default="", show_default=False)
        if answer.strip().lower() not in ("j", "ja", "y", "yes"):
            out.print(t("undo.cancelled", id=upload_id), highlight=False)
            return
    restored = undo.undo(store, upload_id, by=actor, role=role)
    out.print(undo.undone_message(store, upload_id, restored), highlight=False)


@uploads_app.command("redo")
def uploads_redo(
    upload_id: Annotated[int, typer.Argument(help="Id van de ongedaan gemaakte upload.")],
    bevestig: Bevestig = False,
    uploader: CliActor = None,
    beheerder: AsBeheerder = False,
) -> None:
    """Publiceer een ongedaan gemaakte upload opnieuw uit het bewaarde bestand: dezelfde
    opties, controles en preview; het wordt een nieuwe upload."""
    from monitor import undo

    store = open_store()
    actor, role = _cli_actor(uploader, beheerder)
    with working(t("cli.uploads.checking_again", id=upload_id)):
        prepared = undo.prepare_redo(store, upload_id, by=actor, role=role)
    out.print(t("redo.title", id=upload_id), style="bold", markup=False, highlight=False)
    for line in prepared.lines():
        out.print(f"  {line}", markup=False, highlight=False)
    print_report(prepared.checked)
    with working(t("cli.publishing")):
        new_id = undo.redo(store, upload_id, by=actor, role=role, confirm_changes=bevestig)
    out.print(undo.redone_message(store, upload_id, new_id), highlight=False)


@app.command()
def herkomst(
    code: Annotated[str, typer.Argument(help="Gebiedscode.")],
    indicator: Annotated[str, typer.Argument(help="Indicator-id.")],
    period: Annotated[int, typer.Argument(help="Jaar.")],
) -> None:
    """Waar komt dit getal vandaan: elke opgeslagen waarde met zijn upload."""
    from monitor.ingest.upload import provenance, status_label

    frame = provenance(open_store(), code, indicator, period)
    if frame.empty:
        out.print(t("cli.uploads.no_measurement", code=code, indicator=indicator, period=period))
        return
    table = Table(
        t("cli.col.value"),
        "n",
        t("cli.col.current"),
        t("cli.col.upload"),
        t("cli.col.file"),
        "sha256",
        t("cli.col.by"),
        time_column(t("cli.col.time")),
        status_column(),
    )
    for row in frame.itertuples():
        table.add_row(
            "" if row.value is None else f"{row.value:g}",
            "" if row.n is None else f"{row.n:g}",
            t("cli.yes") if row.is_current else t("cli.no"),
            str(row.upload),
            cell(row.filename),
            cell(row.sha256)[:12],
            cell(row.uploader),
            format_time(row.created_at),
            status_label(row.status),
        )
    out.print(table)
