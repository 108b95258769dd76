"""``monitor import punten`` (meldingen and voorzieningen as points) and ``monitor
signalen`` (buurten whose meldingen break their own pattern)."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from monitor.cli.apps import app, import_app
from monitor.cli.output import Division, err, open_store, out, working
from monitor.messages import t
from monitor.numbers import format_number


@import_app.command("punten")
def import_points(
    file: Annotated[Path, typer.Argument(help="CSV (lat/lon of RD x/y), GeoJSON of GeoPackage.")],
    soort: Annotated[str, typer.Option(help="meldingen of voorzieningen.")] = "meldingen",
    bron: Annotated[str | None, typer.Option(help="Bron van de punten.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Alleen controleren.")] = False,
    division: Division = None,
) -> None:
    """Importeer punten, wijs ze toe aan de buurt waarin ze liggen en tel ze als indicatoren."""
    from monitor.points import check_points, publish_points, report_lines

    store = open_store()
    with working(t("cli.importing", name=file.name)):
        checked = check_points(store, file, soort, division)
    for line in report_lines(checked):
        out.print(line, markup=False, highlight=False)
    if dry_run:
        err.print(t("points.dry_run"))
        return
    with working(t("cli.importing", name=file.name)):
        upload_id = publish_points(store, checked, uploader=getpass.getuser(), source=bron)
    out.print(t("points.published", upload=upload_id, n=len(checked.frame)))


@app.command("signalen")
def show_signals(
    division: Division = None,
    lang: Annotated[str, typer.Option(help="nl of en.")] = "nl",
) -> None:
    """Buurten waar de meldingen van de laatste maand afwijken van hun eigen patroon."""
    from monitor.signal_list import current
    from monitor.signals import MIN_HISTORY

    store = open_store()
    listed = current(store, store.division_id(division))
    if listed.counts.empty:
        out.print(t("signals.no_data", lang))
        return
    if listed.period is None:
        out.print(t("signals.short_history", lang, months=MIN_HISTORY))
        return
    out.print(t("signals.rule", lang), highlight=False)
    if listed.found.empty:
        out.print(t("signals.none", lang, period=listed.period))
        return
    table = Table(show_lines=False)
    for key in ("code", "name", "category", "period", "expected", "observed"):
        justify = "right" if key in ("expected", "observed") else "left"
        table.add_column(t(f"signals.col.{key}", lang), justify=justify)
    for row in listed.found.itertuples():
        table.add_row(
            row.code,
            row.name,
            row.category,
            row.period,
            format_number(row.expected, 1),
            str(row.observed),
        )
    out.print(table)
    out.print(
        t(
            "signals.count_one" if len(listed.found) == 1 else "signals.count",
            lang,
            n=len(listed.found),
            period=listed.period,
            tested=listed.tested,
        )
    )
