"""CLI commands about polarity: ``monitor indicator show``, ``monitor indicator polarity``
and ``monitor import polariteit``; registered on the apps of :mod:`monitor.cli.apps`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from monitor import polarity, polarity_users
from monitor.catalog import domain_label
from monitor.cli.apps import import_app, indicator_app
from monitor.cli.output import open_store, os_user, out
from monitor.errors import MonitorError
from monitor.messages import t


def _details(ind, lang: str) -> dict[str, object]:
    store_row = {
        "id": ind.id,
        "label": ind.label(lang),
        "domein": ind.domain,
        "thema": ind.theme,
        "eenheid": ind.unit,
        "decimalen": ind.decimals,
        "polariteit": ind.polarity,
        "polariteit_herkomst": ind.polarity_source,
        "polariteit_reden": polarity.reason_text(ind, lang),
        "polariteit_door": ind.polarity_by,
        "polariteit_metadata": ind.polarity_metadata,
        "uitleg": polarity.explain(ind, lang),
        "methode": ind.method,
        "min_inwoners": ind.min_population,
        "min_respondenten": ind.min_respondents,
        "bron": ind.source,
        "catalogus": ind.catalog,
        "definitie": ind.definition,
    }
    return store_row


@indicator_app.command("show")
def indicator_show(
    id: Annotated[str, typer.Argument(help="Indicator-id, bv. BEVNW_P.")],
    format: Annotated[str, typer.Option(help="text of json.")] = "text",
    lang: Annotated[str, typer.Option(help="nl of en.")] = "nl",
) -> None:
    """Toon een indicator: definitie, polariteit en waar die vandaan komt (met reden)."""
    store = open_store()
    ind = polarity_users.indicator(store, id)
    details = _details(ind, lang)
    overrides = polarity_users.user_overrides(store)
    own = overrides[overrides["indicator_id"] == ind.id]
    if not own.empty:
        row = own.iloc[0]
        details["eigen_polariteit_sinds"] = f"{row['created_at']:%Y-%m-%d %H:%M}"
        details["zonder_eigen_polariteit"] = row["base_polarity"]
    if format == "json":
        sys.stdout.write(json.dumps(details, ensure_ascii=False, indent=1, default=str) + "\n")
        return
    if format != "text":
        raise MonitorError(
            t("cli.unknown_format", lang, format=format, choices=t("cli.formats.text", lang))
        )
    out.print(f"[bold]{ind.id}[/] — {ind.label(lang)}", highlight=False)
    lines = [
        ("domein", f"{domain_label(ind.domain, lang)} ({ind.domain})"),
        ("thema", ind.theme),
        ("eenheid", ind.unit),
        ("decimalen", str(ind.decimals)),
        ("polariteit", ind.polarity),
        ("herkomst", ind.polarity_source or t("cli.polarity.source_unknown", lang)),
        ("door", ind.polarity_by),
        ("reden", polarity.reason_text(ind, lang)),
        ("metadata", ind.polarity_metadata),
        ("eigen_sinds", details.get("eigen_polariteit_sinds")),
        ("zonder_eigen", details.get("zonder_eigen_polariteit")),
        ("uitleg", details["uitleg"]),
        ("methode", ind.method),
        ("bron", ind.source),
        ("catalogus", ind.catalog),
        ("definitie", ind.definition),
    ]
    for key, value in lines:
        if value not in (None, ""):
            label = t(f"cli.show.{key}", lang) + ":"
            out.print(f"  {label:<13} {value}", highlight=False, soft_wrap=True)


@indicator_app.command("polarity")
def indicator_polarity(
    id: Annotated[str, typer.Argument(help="Indicator-id, bv. BEVNW_P.")],
    polariteit: Annotated[
        str | None, typer.Argument(help="hoger-beter, lager-beter, neutraal of geen.")
    ] = None,
    reden: Annotated[str | None, typer.Option(help="Waarom (één regel; verplicht).")] = None,
    verwijder: Annotated[
        bool, typer.Option(help="Verwijder de eigen polariteit: de curatie geldt weer.")
    ] = False,
) -> None:
    """Geef een indicator een eigen polariteit, met reden; blijft na elke nieuwe import."""
    store = open_store()
    if verwijder:
        if polariteit is not None:
            raise MonitorError(t("cli.polarity.remove_with_value"))
        ind = polarity_users.remove_user_polarity(store, id, os_user())
        source = ind.polarity_source or t("cli.polarity.source_unknown")
        out.print(
            t("cli.polarity.removed", id=id, polarity=ind.polarity, source=source),
            highlight=False,
        )
        return
    if polariteit is None:
        raise MonitorError(t("cli.polarity.missing"))
    if not (reden or "").strip():
        raise MonitorError(t("cli.polarity.no_reason"))
    ind = polarity_users.set_user_polarity(store, id, polariteit, reden or "", os_user())
    out.print(
        t(
            "cli.polarity.set",
            id=id,
            polarity=ind.polarity,
            by=ind.polarity_by,
            reason=ind.polarity_reason,
        ),
        highlight=False,
    )


@import_app.command("polariteit")
def import_polariteit(
    file: Annotated[
        Path, typer.Argument(help="TOML met [[override]]-blokken: id, polarity, reason.")
    ],
) -> None:
    """Importeer eigen polariteiten (met reden); ze gaan voor de curatie en blijven."""
    store = open_store()
    entries = polarity_users.load_user_file(file)
    ids = polarity_users.set_user_polarities(store, entries, os_user(), source=file.name)
    out.print(
        t("cli.polarity.imported", n=len(ids), name=file.name, ids=", ".join(ids[:10])),
        highlight=False,
    )
