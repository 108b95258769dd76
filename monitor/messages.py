"""The message catalogue: every text a user reads, in Dutch with an English switch.

Keys are English identifiers; values are format strings. Code elsewhere never holds
user-facing Dutch sentences for views or score explanations, it asks :func:`t`.
"""

from __future__ import annotations

from typing import Any

LANGUAGES = ("nl", "en")

MESSAGES: dict[str, dict[str, str]] = {
    # -- app chrome ------------------------------------------------------------------
    "app.title": {"nl": "Buurtmonitor", "en": "Neighbourhood monitor"},
    "app.fictional": {
        "nl": "Voorbeeldstad is een verzonnen stad: alle gebieden en cijfers zijn fictief.",
        "en": "Voorbeeldstad is a made-up city: all areas and figures are fictional.",
    },
    "app.empty": {
        "nl": "De database is nog leeg. Start met 'monitor demo' of importeer gegevens.",
        "en": "The store is empty. Run 'monitor demo' or import data.",
    },
    "app.indicator": {"nl": "Indicator", "en": "Indicator"},
    "app.period": {"nl": "Jaar", "en": "Year"},
    "app.level": {"nl": "Niveau", "en": "Level"},
    "app.method": {"nl": "Methode", "en": "Method"},
    "app.reference": {"nl": "Referentie", "en": "Reference"},
    "app.language": {"nl": "English", "en": "Nederlands"},
    "app.nap_line": {
        "nl": "NAP ({source}): {nap} · spreiding {spread}",
        "en": "NAP ({source}): {nap} · spread {spread}",
    },
    "app.counts": {"nl": "Aantal per klasse", "en": "Count per class"},
    "nav.kaart": {"nl": "Kaart", "en": "Map"},
    "nav.overview": {"nl": "Tabel", "en": "Table"},
    "nav.profiel": {"nl": "Buurtprofiel", "en": "Area profile"},
    "profiel.indicator": {"nl": "Indicator", "en": "Indicator"},
    "profiel.year": {"nl": "Jaar", "en": "Year"},
    "profiel.value": {"nl": "Waarde", "en": "Value"},
    "profiel.nap": {"nl": "NAP", "en": "NAP"},
    "profiel.diff": {"nl": "Verschil", "en": "Difference"},
    "profiel.class": {"nl": "Klasse", "en": "Class"},
    "profiel.trend": {"nl": "Verloop (stippellijn: NAP)", "en": "Trend (dashed: NAP)"},
    "profiel.printed": {
        "nl": "Afgedrukt op {date}. Bron: Buurtmonitor; herkomst per cijfer via "
        "'monitor herkomst'.",
        "en": "Printed on {date}. Source: Buurtmonitor; provenance per number via "
        "'monitor herkomst'.",
    },
    "kaart.palette": {"nl": "Kleuren", "en": "Colours"},
    "palette.standaard": {"nl": "kleurenblind-veilig", "en": "colour-blind safe"},
    "palette.klassiek": {"nl": "klassiek (rood/grijs/groen)", "en": "classic (red/grey/green)"},
    "kaart.zoom": {"nl": "Inzoomen op", "en": "Zoom to"},
    "kaart.zoom_all": {"nl": "hele stad", "en": "whole city"},
    "kaart.change": {"nl": "verandering t.o.v. {period}", "en": "change since {period}"},
    "kaart.nap": {
        "nl": "NAP {period} ({source}): {nap}. Klik op een gebied voor het buurtprofiel.",
        "en": "NAP {period} ({source}): {nap}. Click an area for its profile.",
    },
    "nav.upload": {"nl": "Uploaden", "en": "Upload"},
    # -- upload page -----------------------------------------------------------------
    "upload.title": {"nl": "Meetingen uploaden", "en": "Upload measurements"},
    "upload.drop": {
        "nl": "Sleep een CSV- of Excel-bestand hierheen, of klik om te kiezen",
        "en": "Drop a CSV or Excel file here, or click to choose",
    },
    "upload.options": {"nl": "Opties voor afwijkende bestanden", "en": "Options for unusual files"},
    "upload.format": {"nl": "Formaat", "en": "Format"},
    "upload.code_pattern": {
        "nl": "Codepatroon (regex, bv. ^(\\S+) voor 'A00a Kop Zeedijk')",
        "en": "Code pattern (regex, e.g. ^(\\S+) for 'A00a Kop Zeedijk')",
    },
    "upload.indicator": {
        "nl": "Indicator (breed bestand met een kolom per jaar)",
        "en": "Indicator (wide file with a column per year)",
    },
    "upload.period": {
        "nl": "Jaar (breed bestand met een kolom per indicator)",
        "en": "Year (wide file with a column per indicator)",
    },
    "upload.map": {"nl": "Kolommen hernoemen (oud=nieuw, …)", "en": "Rename columns (old=new, …)"},
    "upload.checking": {"nl": "Bestand wordt gecontroleerd…", "en": "Checking the file…"},
    "upload.summary": {
        "nl": "{name}: formaat {format}, {rows} waarden gelezen, {errors} fouten, "
        "{warnings} waarschuwingen.",
        "en": "{name}: format {format}, {rows} values read, {errors} errors, {warnings} warnings.",
    },
    "upload.report": {"nl": "Validatierapport", "en": "Validation report"},
    "upload.no_problems": {"nl": "Geen problemen gevonden.", "en": "No problems found."},
    "upload.skipped": {"nl": "Overgeslagen", "en": "Skipped"},
    "upload.preview": {"nl": "Preview: wat verandert er", "en": "Preview: what changes"},
    "upload.changed_values": {"nl": "Gewijzigde waarden", "en": "Changed values"},
    "upload.confirm": {
        "nl": "Ik wil gepubliceerde waarden wijzigen",
        "en": "I want to change published values",
    },
    "upload.publish": {"nl": "Publiceren", "en": "Publish"},
    "upload.publish_disabled": {
        "nl": "Publiceren vanuit de app staat uit (MONITOR_UI_PUBLISH); "
        "gebruik 'monitor import meetingen'.",
        "en": "Publishing from the app is switched off (MONITOR_UI_PUBLISH); "
        "use 'monitor import meetingen'.",
    },
    "upload.published": {
        "nl": "Gepubliceerd als upload {id}: {rows} meetingen. Scores zijn direct bijgewerkt.",
        "en": "Published as upload {id}: {rows} measurements. Scores are updated at once.",
    },
    "upload.has_errors": {
        "nl": "Los eerst de fouten op; er is niets opgeslagen.",
        "en": "Fix the errors first; nothing was stored.",
    },
    "upload.history": {"nl": "Eerdere uploads", "en": "Earlier uploads"},
    "upload.undo": {"nl": "Ongedaan maken", "en": "Undo"},
    "upload.undone": {
        "nl": "Upload {id} is ongedaan gemaakt; {restored} eerdere waarden zijn terug.",
        "en": "Upload {id} was undone; {restored} earlier values are back.",
    },
    "col.id": {"nl": "Id", "en": "Id"},
    "col.kind": {"nl": "Soort", "en": "Kind"},
    "col.file": {"nl": "Bestand", "en": "File"},
    "col.uploader": {"nl": "Door", "en": "By"},
    "col.time": {"nl": "Tijd", "en": "Time"},
    "col.rows": {"nl": "Rijen", "en": "Rows"},
    "col.status": {"nl": "Status", "en": "Status"},
    "col.indicator": {"nl": "Indicator", "en": "Indicator"},
    "col.period": {"nl": "Periode", "en": "Period"},
    "col.nieuw": {"nl": "Nieuw", "en": "New"},
    "col.gewijzigd": {"nl": "Gewijzigd", "en": "Changed"},
    "col.ongewijzigd": {"nl": "Ongewijzigd", "en": "Unchanged"},
    "col.oud": {"nl": "Oud", "en": "Old"},
    # -- trends and NAP-vergelijking (layouts/trends.py, layouts/vergelijking.py) ----
    # -- blokjeskaart and buurtbegroting (layouts/blokjes.py, layouts/begroting.py) ----
    # -- table columns ---------------------------------------------------------------
    "col.code": {"nl": "Code", "en": "Code"},
    "col.naam": {"nl": "Gebied", "en": "Area"},
    "col.value": {"nl": "Waarde", "en": "Value"},
    "col.nap": {"nl": "NAP", "en": "NAP"},
    "col.z": {"nl": "z", "en": "z"},
    "col.klasse": {"nl": "Klasse", "en": "Class"},
    "col.reden": {"nl": "Toelichting", "en": "Explanation"},
    # -- levels ----------------------------------------------------------------------
    "level.buurt": {"nl": "Buurt", "en": "Neighbourhood (buurt)"},
    "level.wijk": {"nl": "Wijk", "en": "District (wijk)"},
    "level.gebied": {"nl": "Gebied", "en": "Area (gebied)"},
    "level.stadsdeel": {"nl": "Stadsdeel", "en": "Borough (stadsdeel)"},
    "level.gemeente": {"nl": "Gemeente", "en": "Municipality"},
    # -- classes (PRODUCT.md §1, §5) ------------------------------------------------
    "class.beter": {
        "nl": "beter dan het {gemiddelde}",
        "en": "better than the {gemiddelde}",
    },
    "class.veel_beter": {
        "nl": "veel beter dan het {gemiddelde}",
        "en": "much better than the {gemiddelde}",
    },
    "class.rond": {"nl": "rond het {gemiddelde}", "en": "around the {gemiddelde}"},
    "class.slechter": {
        "nl": "slechter dan het {gemiddelde}",
        "en": "worse than the {gemiddelde}",
    },
    "class.veel_slechter": {
        "nl": "veel slechter dan het {gemiddelde}",
        "en": "much worse than the {gemiddelde}",
    },
    "class.meer": {"nl": "meer dan het {gemiddelde}", "en": "more than the {gemiddelde}"},
    "class.minder": {
        "nl": "minder dan het {gemiddelde}",
        "en": "less than the {gemiddelde}",
    },
    "class.geen_gegevens": {"nl": "geen gegevens bekend", "en": "no data available"},
    "class.niet_gekleurd": {"nl": "niet gekleurd (aantal)", "en": "not coloured (count)"},
    "average.amsterdam": {"nl": "Amsterdams gemiddelde", "en": "city average"},
    "average.city": {"nl": "gemiddelde van {gemeente}", "en": "average of {gemeente}"},
    # -- NAP sources -----------------------------------------------------------------
    "nap.stadswaarde": {"nl": "stadswaarde", "en": "city value"},
    "nap.gewogen gemiddelde": {"nl": "gewogen gemiddelde", "en": "weighted mean"},
    "nap.gemiddelde": {"nl": "gemiddelde", "en": "mean"},
    "nap.basisjaar": {"nl": "basisjaar {year}", "en": "base year {year}"},
    # -- reasons: why a value has its class ---------------------------------------
    "reason.geen_meting": {
        "nl": "Geen meting voor dit gebied in {period}.",
        "en": "No measurement for this area in {period}.",
    },
    "reason.leeg": {
        "nl": "Waarde niet gepubliceerd door de bron.",
        "en": "Value not published by the source.",
    },
    "reason.onderdrukt": {
        "nl": "Waarde onderdrukt door de bron (te kleine aantallen).",
        "en": "Value suppressed by the source (small numbers).",
    },
    "reason.afgetopt": {
        "nl": "Waarde afgetopt op 90% (publicatieregel BBGA); de werkelijke waarde is onbekend.",
        "en": "Value capped at 90% (BBGA publication rule); the true value is unknown.",
    },
    "reason.te_weinig_inwoners": {
        "nl": "Minder dan {minimum} {base} ({population}); de waarde wordt niet getoond.",
        "en": "Fewer than {minimum} {base} ({population}); the value is not shown.",
    },
    "reason.te_weinig_respondenten": {
        "nl": "Minder dan {minimum} respondenten (n = {n}); de waarde wordt niet getoond.",
        "en": "Fewer than {minimum} respondents (n = {n}); the value is not shown.",
    },
    "reason.prognose": {
        "nl": "Prognose, geen meting: prognoses worden niet gescoord.",
        "en": "Forecast, not a measurement: forecasts are not scored.",
    },
    "reason.geen_nap": {
        "nl": "Geen Amsterdams Peil te bepalen voor {period}.",
        "en": "No city reference (NAP) available for {period}.",
    },
    "reason.geen_spreiding": {
        "nl": "Spreiding niet te bepalen: te weinig gebieden met een waarde.",
        "en": "Spread cannot be determined: too few areas with a value.",
    },
    "reason.nap_nul": {
        "nl": "NAP is 0 of negatief; een relatieve vergelijking is niet mogelijk.",
        "en": "NAP is zero or negative; a relative comparison is impossible.",
    },
    "reason.niet_significant": {
        "nl": "Verschil met NAP niet significant: 95%-betrouwbaarheidsinterval "
        "{low} – {high} (n = {n}) bevat het NAP.",
        "en": "Difference with NAP not significant: 95% confidence interval "
        "{low} – {high} (n = {n}) contains the NAP.",
    },
    "reason.niet_gekleurd": {
        "nl": "Absolute aantallen krijgen geen kleur.",
        "en": "Absolute numbers are not coloured.",
    },
    "reason.z": {
        "nl": "z = {z}; rond betekent |z| < {band}. {direction}",
        "en": "z = {z}; around means |z| < {band}. {direction}",
    },
    "reason.relatief": {
        "nl": "{pct} ten opzichte van NAP; rond betekent binnen ±{band}. {direction}",
        "en": "{pct} relative to NAP; around means within ±{band}. {direction}",
    },
    "reason.absoluut": {
        "nl": "Verschil met NAP {diff}; rond betekent binnen ±{band}. {direction}",
        "en": "Difference with NAP {diff}; around means within ±{band}. {direction}",
    },
    "reason.index": {
        "nl": "Index {index} (NAP = 100); rond betekent {low}–{high}. {direction}",
        "en": "Index {index} (NAP = 100); around means {low}–{high}. {direction}",
    },
    "direction.hoger-beter": {"nl": "Hoger is beter.", "en": "Higher is better."},
    "direction.lager-beter": {"nl": "Lager is beter.", "en": "Lower is better."},
    "direction.neutraal": {
        "nl": "Neutraal: meer of minder, niet beter of slechter.",
        "en": "Neutral: more or less, not better or worse.",
    },
    "direction.geen": {"nl": "", "en": ""},
}


def class_label(klasse: str, lang: str = "nl", gemeente: str | None = None) -> str:
    """A class in words. Amsterdam keeps the buurtbegroting's "Amsterdams gemiddelde";
    any other municipality is compared with its own average, by name."""
    if gemeente in (None, "Amsterdam"):
        average = t("average.amsterdam", lang)
    else:
        average = t("average.city", lang, gemeente=gemeente)
    return t(f"class.{klasse}", lang, gemiddelde=average)


def t(key: str, lang: str = "nl", **params: Any) -> str:
    """The text for ``key`` in ``lang`` (Dutch fallback), formatted with ``params``."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry["nl"]
    return text.format(**params) if params else text
