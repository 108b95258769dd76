"""``monitor export scores|gebiedsanalyse``: scores as CSV, Excel or GeoJSON, and the
gebiedsanalyse as PDF."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from monitor.cli.apps import export_app
from monitor.cli.output import Division, open_store, out, working
from monitor.cli.scores import ScoreOptions, scored
from monitor.errors import MonitorError


@export_app.command("scores")
def export_scores(
    indicator: Annotated[str, typer.Argument(help="Indicator-id.")],
    period: Annotated[int, typer.Option(help="Jaar.")],
    level: Annotated[str, typer.Option(help="buurt, wijk, gebied, stadsdeel.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Bestand om te schrijven.")],
    format: Annotated[str, typer.Option(help="csv, xlsx of geojson.")] = "csv",
    method: Annotated[str | None, ScoreOptions["method"]] = None,
    reference: Annotated[str, ScoreOptions["reference"]] = "stadswaarde",
    base_year: Annotated[int | None, typer.Option(help="Basisjaar.")] = None,
    lang: Annotated[str, typer.Option(help="nl of en.")] = "nl",
    division: Division = None,
) -> None:
    """Exporteer scores als CSV, Excel of GeoJSON (met geometrie)."""
    from monitor import export

    frame = scored(
        indicator, period, level, method, reference, base_year, None, True, lang, division
    )
    if format == "csv":
        output.write_text(export.scores_csv(frame), encoding="utf-8-sig")
    elif format == "xlsx":
        export.scores_xlsx(frame, output, lang)
    elif format == "geojson":
        store = open_store()
        output.write_text(
            json.dumps(
                export.scores_geojson(store, frame, store.division_id(division), level),
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
    else:
        raise MonitorError(f"Formaat '{format}' onbekend; kies csv, xlsx of geojson.")
    out.print(f"{len(frame)} gebieden geschreven naar {output}.")


@export_app.command("gebiedsanalyse")
def export_gebiedsanalyse(
    code: Annotated[str, typer.Argument(help="Gebiedscode, bv. O01a.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="PDF-bestand om te schrijven.")],
    lang: Annotated[str, typer.Option(help="nl of en.")] = "nl",
    division: Division = None,
) -> None:
    """Schrijf de gebiedsanalyse van een gebied als PDF: cijfers, verhalen, agenda."""
    from monitor import report

    store = open_store()
    with working(f"Gebiedsanalyse {code} maken…"):
        analysis = report.gebiedsanalyse(store, code, lang, store.division_id(division))
        output.write_bytes(report.pdf(analysis))
    out.print(
        f"Gebiedsanalyse van {analysis.name} ({analysis.code}) geschreven naar {output}.",
        markup=False,
        highlight=False,
    )
