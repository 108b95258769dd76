"""``monitor export scores|gebiedsanalyse``: scores as CSV, Excel or GeoJSON, and the
gebiedsanalyse as PDF."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from monitor import export
from monitor.cli.apps import export_app
from monitor.cli.output import Division, check_level, open_store, out, working
from monitor.cli.scores import ScoreOptions, scored
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.period_kinds import parse as parse_period
from monitor.scoring.table import score_table


@export_app.command("scores")
def export_scores(
    level: Annotated[str, typer.Option(help="buurt, wijk, gebied, stadsdeel.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Bestand om te schrijven.")],
    indicator: Annotated[
        str | None, typer.Argument(help="Indicator-id (zonder: alle indicatoren).")
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(help="Jaar, kwartaal (2024-K1) of maand (2024-03); zonder: alle."),
    ] = None,
    format: Annotated[str, typer.Option(help="csv, xlsx, parquet of geojson.")] = "csv",
    method: Annotated[str | None, ScoreOptions["method"]] = None,
    reference: Annotated[str, ScoreOptions["reference"]] = "stadswaarde",
    base_year: Annotated[int | None, typer.Option(help="Basisjaar.")] = None,
    referentie: Annotated[str | None, ScoreOptions["referentie"]] = None,
    lang: Annotated[str, typer.Option(help="nl of en.")] = "nl",
    division: Division = None,
) -> None:
    """Exporteer scores als CSV, Excel, Parquet of GeoJSON (met geometrie).

    Met een indicator en --period: één kaart, met alle velden (ook andere methoden en
    het basisjaar). Zonder indicator of zonder --period: alle opgeslagen scores van het
    niveau (indicator, periode, code, naam, waarde, nap, klasse, reden)."""
    period = None if period is None else parse_period(period)
    if indicator is None or period is None:
        other = reference != "stadswaarde" or referentie not in (None, "gemeente")
        if method is not None or other or format == "geojson":
            raise MonitorError(t("export.table_only_default", lang))
        _export_table(level, output, indicator, period, format, lang, division)
        return
    frame = scored(
        indicator,
        period,
        level,
        method,
        reference,
        base_year,
        None,
        True,
        lang,
        division,
        referentie,
    )
    if format == "csv":
        output.write_text(export.scores_csv(frame), encoding="utf-8-sig")
    elif format == "xlsx":
        export.scores_xlsx(frame, output, lang)
    elif format == "parquet":
        export.export_frame(frame, lang, safe=False).to_parquet(output, index=False)
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
        raise MonitorError(
            t("export.unknown_format", lang, format=format, choices="csv, xlsx, parquet, geojson")
        )
    out.print(t("cli.export.written", lang, n=len(frame), output=output))


def _export_table(
    level: str,
    output: Path,
    indicator: str | None,
    period: int | None,
    fmt: str,
    lang: str,
    division: str | None,
) -> None:
    """Every materialised score of a level (filtered by indicator and/or period)."""
    store = open_store()
    division_id = store.division_id(division)
    if fmt not in export.TABLE_FORMATS:
        raise MonitorError(
            t("export.unknown_format", lang, format=fmt, choices=", ".join(export.TABLE_FORMATS))
        )
    with working(t("export.working", lang)):
        frame = score_table(
            store,
            division_id,
            check_level(level),
            indicator_ids=[indicator] if indicator else None,
            periods=[period] if period is not None else None,
            lang=lang,
        )
        if frame.empty:
            raise MonitorError(t("export.nothing", lang, level=level))
        export.write_score_table(frame, output, fmt)
    out.print(
        t(
            "export.table_written",
            lang,
            rows=len(frame),
            indicators=frame["indicator"].nunique(),
            periods=frame["periode"].nunique(),
            areas=frame["code"].nunique(),
            level=level,
            path=output,
        ),
        markup=False,
        highlight=False,
    )


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
    with working(t("cli.export.analysis_working", lang, code=code)):
        analysis = report.gebiedsanalyse(store, code, lang, store.division_id(division))
        output.write_bytes(report.pdf(analysis))
    out.print(
        t(
            "cli.export.analysis_written",
            lang,
            name=analysis.name,
            code=analysis.code,
            output=output,
        ),
        markup=False,
        highlight=False,
    )
