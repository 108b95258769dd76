"""The gebiedsagenda and verhalen of Voorbeeldstad: goals, actions (every status; one
"niet mogelijk" with its reason) and stories in three Oost buurten, and the agenda and
verhalen CSVs they are imported from."""

from __future__ import annotations

import csv
import io

import geopandas as gpd

#: Goals per Oost buurt (by position among Oost's buurten in code order): text, indicator,
#: target (a number or "NAP"), year, and actions (text, owner, status, reason).
DEMO_GOALS: dict[int, list[tuple[str, str | None, str | None, int | None, list[tuple]]]] = {
    0: [
        (
            "Meer bewoners aan het werk",
            "werkloosheid_p",
            "6,5",
            2026,
            [
                (
                    "Banenmarkt in het buurthuis",
                    "Werkgeversservicepunt (fictief)",
                    "toegezegd",
                    None,
                ),
                (
                    "Taalcursus voor werkzoekenden",
                    "Bibliotheek Oost (fictief)",
                    "in uitvoering",
                    None,
                ),
            ],
        ),
        (
            "De buurt voelt veiliger",
            "onveilig_p",
            "NAP",
            2026,
            [
                (
                    "Extra straatverlichting langs de kade",
                    "Stadsdeel Oost, openbare ruimte",
                    "gerealiseerd",
                    None,
                ),
                (
                    "Buurtpreventieteam met bewoners",
                    "Politie, basisteam Oost (fictief)",
                    "in uitvoering",
                    None,
                ),
            ],
        ),
    ],
    4: [
        (
            "Minder jongeren verlaten school zonder diploma",
            "vsv_p",
            "NAP",
            2027,
            [
                (
                    "Huiswerkbegeleiding na schooltijd",
                    "Stichting Huiswerkklas (fictief)",
                    "toegezegd",
                    None,
                ),
                (
                    "Jongerenwerk op vrijdagavond",
                    "Jongerenwerk Oost (fictief)",
                    "niet mogelijk",
                    "Geen ruimte: het buurthuis is tot eind 2025 dicht voor verbouwing.",
                ),
            ],
        ),
    ],
    9: [
        (
            "Schonere straten",
            "schoon_r",
            "6,5",
            2026,
            [("Extra veegronde op zaterdag", "Stadsreiniging (fictief)", "gerealiseerd", None)],
        ),
        (
            "Een ontmoetingsplek voor ouderen",
            None,
            None,
            None,
            [("Zoeken naar een ruimte in de plint", "Welzijn Oost (fictief)", "toegezegd", None)],
        ),
    ],
}
#: Verhalen per Oost buurt: date, role, source, text (all made up).
DEMO_NOTES: dict[int, list[tuple[str, str, str, str]]] = {
    0: [
        (
            "2024-03-14",
            "bewoner",
            "bewonersavond",
            "Veel bewoners zeggen dat ze 's avonds om de kade heen lopen: het is er donker en er "
            "wordt gedeald. Ze willen meer licht en vaker een wijkagent.",
        ),
        (
            "2024-05-22",
            "wijkagent",
            "schouw",
            "Bij de schouw vielen drie kapotte lantaarns en een donkere onderdoorgang op. "
            "Gemeld bij de openbare ruimte.",
        ),
    ],
    4: [
        (
            "2023-11-08",
            "jongerenwerker",
            "interview",
            "Jongeren missen een plek voor de avond. Sinds het buurthuis dicht is, hangen ze "
            "rond bij het winkelcentrum; ondernemers klagen.",
        ),
        (
            "2024-02-01",
            "bewoner",
            "enquête",
            "Ouders zijn tevreden over de school, maar vinden het schooladvies vaak te laag "
            "voor hun kinderen.",
        ),
    ],
    9: [
        (
            "2024-04-10",
            "ondernemer",
            "spreekuur",
            "Op zaterdag ligt er na de markt veel afval; sinds de extra veegronde is het beter.",
        ),
        (
            "2024-06-19",
            "opbouwwerker",
            "buurtgesprek",
            "Oudere bewoners willen een vaste plek om elkaar te ontmoeten, dichtbij en "
            "gelijkvloers.",
        ),
    ],
}


def _oost(buurten: gpd.GeoDataFrame) -> list[str]:
    return sorted(buurten.loc[buurten["stadsdeel_code"] == "O", "code"])


def _csv(header: list[str], rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def agenda_csv(buurten: gpd.GeoDataFrame) -> bytes:
    """The goals and actions as an agenda file for ``monitor import agenda``: one row per
    action, the goal repeated on each of its rows."""
    oost, rows = _oost(buurten), []
    for position, items in DEMO_GOALS.items():
        for text, indicator, target, year, acts in items:
            for act_text, owner, status, reason in acts:
                goal = [oost[position], text, indicator or "", target or "", year or ""]
                rows.append([*goal, act_text, owner, status, reason or ""])
    header = ["gebiedcode", "doel", "indicator", "streefwaarde", "doeljaar"]
    return _csv([*header, "actie", "eigenaar", "status", "reden"], rows)


def notes_csv(buurten: gpd.GeoDataFrame) -> bytes:
    """The verhalen as a file for ``monitor import verhalen``: one story per row."""
    oost = _oost(buurten)
    rows = [
        [oost[position], when, role, source, text]
        for position, items in DEMO_NOTES.items()
        for when, role, source, text in items
    ]
    return _csv(["gebiedcode", "datum", "rol", "bron", "tekst"], rows)
