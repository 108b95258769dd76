"""Texts of points in the app and per month or quarter, merged into
``monitor.messages.MESSAGES``: the points choice on the Uploaden page and its report,
and ``monitor punten tabel`` (meldingen per area and month, quarter or year). Same
shape as the catalogue: key → {nl, en}.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- Uploaden: points files ------------------------------------------------------------
    "upload.kind_meldingen": {"nl": "meldingen (punten)", "en": "meldingen (points)"},
    "upload.kind_voorzieningen": {
        "nl": "voorzieningen (punten)",
        "en": "voorzieningen (points)",
    },
    "upload.summary_points": {
        "nl": "{name}: {rows} rijen gelezen ({soort}), {inside} punten liggen in een buurt, "
        "{outside} in geen enkele buurt; {errors} fout(en).",
        "en": "{name}: {rows} rows read ({soort}), {inside} points lie in a buurt, "
        "{outside} in no buurt; {errors} error(s).",
    },
    "upload.points_outside_title": {
        "nl": "Punten buiten elke buurt (worden niet opgeslagen)",
        "en": "Points outside every buurt (not stored)",
    },
    "upload.points_outside_more": {
        "nl": "en nog {n} punten buiten elke buurt.",
        "en": "and {n} more points outside every buurt.",
    },
    "upload.points_preview_note": {
        "nl": "Bij publiceren worden de punten in een buurt opgeslagen en de indicatoren "
        "per buurt en jaar opnieuw geteld; ongedaan maken neemt beide weg.",
        "en": "Publishing stores the points that lie in a buurt and counts the indicators "
        "per buurt and year again; undo takes both away.",
    },
    "upload.published_points": {
        "nl": "Upload {id}: {rows} punten opgeslagen; de indicatoren per buurt en jaar zijn "
        "opnieuw geteld.",
        "en": "Upload {id}: {rows} points stored; the indicators per buurt and year were "
        "counted again.",
    },
    "col.row": {"nl": "rij", "en": "row"},
    "col.lat": {"nl": "breedtegraad (lat)", "en": "latitude (lat)"},
    "col.lon": {"nl": "lengtegraad (lon)", "en": "longitude (lon)"},
    "col.category": {"nl": "categorie", "en": "category"},
    "col.points": {"nl": "punten", "en": "points"},
    # -- monitor punten tabel ----------------------------------------------------------------
    "points.table.bad_per": {
        "nl": "Onbekende periode '{per}'; kies uit: {choices}.",
        "en": "Unknown period '{per}'; choose from: {choices}.",
    },
    "points.table.bad_niveau": {
        "nl": "Onbekend niveau '{niveau}'; kies uit: {choices}.",
        "en": "Unknown level '{niveau}'; choose from: {choices}.",
    },
    "points.table.empty": {
        "nl": "Er zijn geen {soort} met een datum: importeer ze met "
        "'monitor import punten BESTAND --soort {soort}'.",
        "en": "There are no {soort} with a date: import them with "
        "'monitor import punten FILE --soort {soort}'.",
    },
    "points.table.col.code": {"nl": "code", "en": "code"},
    "points.table.col.name": {"nl": "naam", "en": "name"},
    "points.table.col.category": {"nl": "categorie", "en": "category"},
    "points.table.col.period": {"nl": "periode", "en": "period"},
    "points.table.col.count": {"nl": "aantal", "en": "count"},
    "points.table.all": {"nl": "alle categorieën", "en": "all categories"},
    "points.table.summary": {
        "nl": "{n} {soort} per {niveau} en {per}, {first} t/m {last} ({areas} gebieden). "
        "De laatste periode kan onvolledig zijn. Jaarscores blijven per jaar; maanden en "
        "kwartalen worden alleen geteld, niet gescoord.",
        "en": "{n} {soort} per {niveau} and {per}, {first} to {last} ({areas} areas). "
        "The last period can be incomplete. Scores stay per year; months and quarters are "
        "only counted, not scored.",
    },
    "points.table.written": {
        "nl": "{rows} rijen geschreven naar {path}.",
        "en": "{rows} rows written to {path}.",
    },
    # -- Signalen page: meldingen per period ----------------------------------------------
    "points.page.title": {"nl": "Meldingen per periode", "en": "Meldingen per period"},
    "points.page.intro": {
        "nl": "Het aantal meldingen per gebied en per maand, kwartaal of jaar, geteld uit "
        "de punten. Per jaar, kwartaal en maand zijn de meldingen ook indicatoren met "
        "scores: kies ze op de Kaart of bij Trends.",
        "en": "The number of meldingen per area and per month, quarter or year, counted from "
        "the points. Per year, quarter and month the meldingen are also indicators with "
        "scores: choose them on the Kaart or in Trends.",
    },
    "points.page.intro_uncounted": {
        "nl": "Het aantal meldingen per gebied en per maand, kwartaal of jaar, geteld uit "
        "de punten. Als indicatoren met scores (op de Kaart en bij Trends) zijn ze er nog "
        "niet: die telt een upload van meldingen (Uploaden, of monitor import punten).",
        "en": "The number of meldingen per area and per month, quarter or year, counted from "
        "the points. They are not indicators with scores yet (on the Kaart and in Trends): "
        "an upload of meldingen counts those (Uploaden, or monitor import punten).",
    },
    "points.page.per": {"nl": "Per", "en": "Per"},
    "points.page.niveau": {"nl": "Niveau", "en": "Level"},
    "points.page.category": {"nl": "Categorie", "en": "Category"},
    "points.page.csv": {"nl": "Download CSV", "en": "Download CSV"},
    "points.page.empty": {
        "nl": "Er zijn nog geen meldingen met een datum.",
        "en": "There are no meldingen with a date yet.",
    },
    "points.page.note": {
        "nl": "De laatste periode kan onvolledig zijn. De CSV bevat alle perioden.",
        "en": "The last period can be incomplete. The CSV holds every period.",
    },
    "points.per.maand": {"nl": "maand", "en": "month"},
    "points.per.kwartaal": {"nl": "kwartaal", "en": "quarter"},
    "points.per.jaar": {"nl": "jaar", "en": "year"},
}
