"""``monitor import areas|bbga|meetingen|begroting|programmas|catalog``: data in, through
the same checks as the app's upload page."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from monitor import catalog, polarity
from monitor.cli.apps import import_app
from monitor.cli.output import (
    Bevestig,
    Division,
    check_level,
    err,
    open_store,
    out,
    print_report,
    steps,
    working,
)
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.numbers import format_number
from monitor.store import Store

if TYPE_CHECKING:
    from monitor.ingest.bbga import BbgaResult

DryRun = Annotated[
    bool, typer.Option("--dry-run", help="Alleen rapport en preview; niets opslaan.")
]


@import_app.command("areas")
def import_areas(
    file: Annotated[Path, typer.Argument(help="GeoJSON, GeoPackage of Shapefile.")],
    level: Annotated[str, typer.Option(help="buurt, wijk, gebied, stadsdeel of gemeente.")],
    code_field: Annotated[str, typer.Option(help="Veld met de gebiedscode.")],
    name_field: Annotated[str, typer.Option(help="Veld met de naam.")],
    parent_field: Annotated[
        list[str] | None,
        typer.Option(help="NIVEAU=VELD, bv. stadsdeel=Stadsdeel_code of gemeente=GM_CODE."),
    ] = None,
    division: Division = None,
    gemeente: Annotated[
        str | None, typer.Option(help="Naam van de gemeente (bij een nieuwe indeling).")
    ] = None,
    layer: Annotated[str | None, typer.Option(help="Laag in een GeoPackage.")] = None,
    crs: Annotated[str | None, typer.Option(help="CRS als het bestand er geen noemt.")] = None,
) -> None:
    """Importeer gebieden met geometrie, in elk CRS."""
    from monitor.areas import import_areas as run

    parents: dict[str, str] = {}
    for item in parent_field or []:
        if "=" not in item:
            raise MonitorError(t("cli.import.parent_field", item=item))
        lvl, field = item.split("=", 1)
        parents[check_level(lvl.strip())] = field.strip()
    store = open_store()
    with working(t("cli.importing", name=file.name)):
        result = run(
            store,
            file,
            check_level(level),
            code_field,
            name_field,
            parents,
            division=division,
            gemeente=gemeente,
            layer=layer,
            crs=crs,
        )
    name = division or store.get_setting("active_division")
    _activate(store, division)
    out.print(
        t(
            "cli.import.areas_done",
            name=file.name,
            inserted=result.get("inserted", 0),
            updated=result.get("updated", 0),
            level=level,
            division=name or t("cli.import.default_division"),
        )
    )
    for warning in result.get("warnings", []):
        err.print(t("cli.warning", warning=warning))


def _activate(store: Store, division: str | None) -> None:
    """Real data wins over the demo: a newly imported real division becomes active."""
    division_id = store.division_id(division)
    info = store.division(division_id)
    if not info["fictional"]:
        store.set_setting("active_division", info["name"])


def curation_summary(changes: list[polarity.Change], user_set: list[str]) -> str:
    """What ``import bbga --metadata`` did to polarities, in one or two lines."""
    name = polarity.DEFAULT_CURATION.name
    if not changes:
        text = t("cli.import.curation_none", name=name)
    else:
        rules = sum(1 for c in changes if c.source == "regel")
        targets = Counter(c.new for c in changes)
        per_target = ", ".join(f"{n} → {p}" for p, n in targets.most_common())
        text = t(
            "cli.import.curation_changed",
            name=name,
            n=len(changes),
            rules=rules,
            overrides=len(changes) - rules,
            per_target=per_target,
        )
    if user_set:
        ids = ", ".join(user_set[:10]) + (" …" if len(user_set) > 10 else "")
        text += "\n" + t("cli.import.user_polarities", n=len(user_set), ids=ids)
    return text


def print_bbga(result: BbgaResult, name: str, with_metadata: bool) -> None:
    """The report of a BBGA import (file or API)."""
    out.print(
        t(
            "cli.import.bbga_done",
            name=name,
            rows=result.rows,
            upload=result.upload_id,
            values=result.values,
            empty=result.empty,
            forecasts=result.forecasts_skipped,
        )
    )
    if result.areas_created:
        out.print(t("cli.import.areas_created", codes=", ".join(result.areas_created)))
    if result.indicators_created:
        out.print(
            t(
                "cli.import.indicators_created",
                n=len(result.indicators_created),
                ids=", ".join(result.indicators_created[:10]),
            )
        )
    if result.codes_skipped:
        out.print(t("cli.import.codes_skipped", codes=", ".join(result.codes_skipped)))
    if result.capped:
        out.print(t("cli.import.capped", n=result.capped))
    if with_metadata:
        out.print(curation_summary(result.polarity_changes, result.user_polarities))


@import_app.command("bbga")
def import_bbga(
    data: Annotated[
        Path, typer.Argument(help="BBGA-bestand (jaar;gebiedcode15;variabele;waarde).")
    ],
    metadata: Annotated[Path | None, typer.Option(help="BBGA-metadata (csv).")] = None,
    division: Division = None,
) -> None:
    """Importeer het Basisbestand Gebieden Amsterdam; STAD wordt de gemeente."""
    from monitor.ingest.bbga import import_bbga as run

    store = open_store()
    with working(t("cli.importing", name=data.name)):
        result = run(store, data, metadata, division=division)
    _activate(store, division)
    print_bbga(result, data.name, metadata is not None)


#: The steps of checking a file of meetingen, as ``monitor.ingest.upload.check`` reports
#: them; publishing is one more.
CHECK_STEPS = ("read", "validate", "preview")


@import_app.command("meetingen")
def import_meetingen(
    file: Annotated[Path, typer.Argument(help="CSV, TXT of XLSX met meetingen.")],
    dry_run: DryRun = False,
    format: Annotated[str, typer.Option(help="auto, long, wide of bbga.")] = "auto",
    skip_rows: Annotated[
        int | None, typer.Option(help="Regels boven de kopregel (standaard: zoeken).")
    ] = None,
    code_pattern: Annotated[
        str | None, typer.Option(help="Regex voor de code in de eerste kolom, bv. '^(\\S+)'.")
    ] = None,
    indicator: Annotated[
        str | None, typer.Option(help="Breed bestand met een kolom per jaar: de indicator.")
    ] = None,
    period: Annotated[
        int | None, typer.Option(help="Breed bestand met een kolom per indicator: het jaar.")
    ] = None,
    map: Annotated[
        list[str] | None, typer.Option("--map", help="Kolom hernoemen: OUD=NIEUW, bv. totaal=2018.")
    ] = None,
    sheet: Annotated[str | None, typer.Option(help="Tabblad in een Excel-bestand.")] = None,
    bevestig: Bevestig = False,
    bron: Annotated[str | None, typer.Option(help="Bron van de cijfers.")] = None,
    methode: Annotated[str | None, typer.Option(help="registratie, enquête of telling.")] = None,
    veldwerkperiode: Annotated[str | None, typer.Option(help="Veldwerkperiode.")] = None,
    respons: Annotated[str | None, typer.Option(help="Respons (bv. 42%).")] = None,
    uploader: Annotated[
        str | None, typer.Option(help="Wie uploadt (standaard: gebruiker).")
    ] = None,
) -> None:
    """Importeer meetingen: rapport, preview, en (zonder --dry-run) publiceren."""
    import getpass

    from monitor.ingest.parse import ParseOptions
    from monitor.ingest.upload import check, log_check, publish

    rename = {}
    for item in map or []:
        if "=" not in item:
            raise MonitorError(t("cli.import.map", item=item))
        old, new = item.split("=", 1)
        rename[old.strip()] = new.strip()
    options = ParseOptions(
        format=format,
        skip_rows=skip_rows,
        code_pattern=code_pattern,
        indicator=indicator,
        period=period,
        rename=rename,
        sheet=sheet,
    )
    store = open_store()
    if not file.is_file():
        raise MonitorError(t("file.missing", path=file))
    total = len(CHECK_STEPS) + (0 if dry_run else 1)
    with steps(total) as step:

        def on_step(stage: str, rows: int | None = None) -> None:
            count = format_number(rows, 0) if rows is not None else ""
            text = t(f"cli.step.{stage}", name=file.name, rows=count)
            step(text, CHECK_STEPS.index(stage))

        checked = check(store, file.read_bytes(), file.name, options, progress=on_step)
    log_check(store, checked, uploader or getpass.getuser())
    print_report(checked)
    if not checked.report.ok:
        raise MonitorError(t("cli.errors_nothing_stored", n=len(checked.report.errors)))
    if dry_run:
        out.print(t("cli.dry_run"))
        return
    meta = {
        k: v
        for k, v in {
            "bron": bron,
            "methode": methode,
            "veldwerkperiode": veldwerkperiode,
            "respons": respons,
        }.items()
        if v
    }
    with steps(total) as step:
        step(t("cli.step.publish", n=format_number(len(checked.report.frame), 0)), total - 1)
        upload_id = publish(
            store,
            checked,
            uploader=uploader or getpass.getuser(),
            confirm_changes=bevestig,
            meta=meta,
        )
    out.print(t("cli.import.published", id=upload_id, n=len(checked.report.frame)))


@import_app.command("begroting")
def import_begroting(
    file: Annotated[Path, typer.Argument(help="CSV, TXT of XLSX met begrotingsregels.")],
    dry_run: DryRun = False,
    bevestig: Annotated[
        bool, typer.Option("--bevestig", help="Wijzigen van gepubliceerde regels toestaan.")
    ] = False,
    bron: Annotated[
        str | None, typer.Option(help="Bron voor regels zonder eigen 'bron', en van de upload.")
    ] = None,
    skip_rows: Annotated[
        int | None, typer.Option(help="Regels boven de kopregel (standaard: zoeken).")
    ] = None,
    sheet: Annotated[str | None, typer.Option(help="Tabblad in een Excel-bestand.")] = None,
    uploader: Annotated[
        str | None, typer.Option(help="Wie uploadt (standaard: gebruiker).")
    ] = None,
) -> None:
    """Importeer begrotingsregels (gebiedcode, jaar, programma, omschrijving, begroot,
    gerealiseerd, bron): rapport, preview, en (zonder --dry-run) publiceren."""
    import getpass

    from monitor.ingest import budget as budget_ingest
    from monitor.ingest.parse import ParseOptions
    from monitor.ingest.upload import log_check

    store = open_store()
    if not file.is_file():
        raise MonitorError(t("file.missing", path=file))
    actor = uploader or getpass.getuser()
    options = ParseOptions(skip_rows=skip_rows, sheet=sheet)
    with working(t("cli.checking", name=file.name)):
        checked = budget_ingest.check(store, file.read_bytes(), file.name, options)
    log_check(store, checked, actor)
    print_report(checked)
    if not checked.report.ok:
        raise MonitorError(t("cli.errors_nothing_stored", n=len(checked.report.errors)))
    if dry_run:
        out.print(t("cli.dry_run"))
        return
    upload_id = budget_ingest.publish(
        store, checked, uploader=actor, confirm_changes=bevestig, source=bron
    )
    out.print(
        t("cli.import.published_budget", id=upload_id, n=len(checked.report.frame)),
        highlight=False,
    )


@import_app.command("programmas")
def import_programmas(
    file: Annotated[Path, typer.Argument(help="Programmalijst als TOML (zie indicators/).")],
    uploader: Annotated[str | None, typer.Option(help="Wie (standaard: gebruiker).")] = None,
) -> None:
    """Leg de begrotingsprogramma's vast (standaard: indicators/programmas.toml)."""
    import getpass

    from monitor import budget

    programmes = budget.load_programmes_file(file)
    budget.save_programmes(open_store(), programmes, uploader or getpass.getuser())
    out.print(
        t(
            "cli.import.programmes",
            n=len(programmes.programmes),
            name=file.name,
            names="; ".join(programmes.names),
        ),
        highlight=False,
    )


@import_app.command("catalog")
def import_catalog(
    file: Annotated[Path, typer.Argument(help="Catalogus als TOML of CSV.")],
) -> None:
    """Importeer indicatordefinities (TOML of CSV)."""
    store = open_store()
    count = catalog.save(store, catalog.load_file(file))
    out.print(t("cli.import.catalog", n=count, name=file.name))
