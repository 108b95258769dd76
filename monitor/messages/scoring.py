"""Classes, NAP sources, coverage, reasons, uncertainty and the method chooser."""

MESSAGES: dict[str, dict[str, str]] = {
    # -- classes (docs/method.md) ------------------------------------------------------
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
    "class.geen_klasse": {
        "nl": "waarde bekend, geen klasse (zie de uitleg per gebied)",
        "en": "value known, no class (see the explanation per area)",
    },
    "class.niet_gekleurd": {"nl": "niet gekleurd (aantal)", "en": "not coloured (count)"},
    "average.amsterdam": {"nl": "Amsterdams gemiddelde", "en": "city average"},
    "average.city": {"nl": "gemiddelde van {gemeente}", "en": "average of {gemeente}"},
    "average.nederland": {"nl": "Nederlandse gemiddelde", "en": "Dutch average"},
    "average.own": {
        "nl": "gemiddelde van de eigen gemeente",
        "en": "average of its own municipality",
    },
    # -- NAP sources -----------------------------------------------------------------
    "nap.stadswaarde": {"nl": "stadswaarde", "en": "city value"},
    "nap.gewogen gemiddelde": {"nl": "gewogen gemiddelde", "en": "weighted mean"},
    "nap.gemiddelde": {"nl": "gemiddelde", "en": "mean"},
    "nap.basisjaar": {"nl": "basisjaar {year}", "en": "base year {year}"},
    "nap.onvolledig": {"nl": "onvolledig", "en": "incomplete"},
    "nap.landelijke waarde": {"nl": "landelijke waarde (CBS)", "en": "national value (CBS)"},
    # -- coverage: may the measured areas stand for the city (monitor/scoring/coverage.py) ------
    "coverage.areas.buurt": {"nl": "buurten", "en": "neighbourhoods"},
    "coverage.areas.wijk": {"nl": "wijken", "en": "districts"},
    "coverage.areas.gebied": {"nl": "gebieden", "en": "areas"},
    "coverage.areas.stadsdeel": {"nl": "stadsdelen", "en": "boroughs"},
    "coverage.areas.gemeente": {"nl": "gemeenten", "en": "municipalities"},
    "coverage.basis.inwoners": {"nl": "inwoners", "en": "residents"},
    "coverage.summary": {
        "nl": "onvolledig: {covered} van {total} {areas}; geen stadswaarde",
        "en": "incomplete: {covered} of {total} {areas}; no city value",
    },
    "coverage.summary_population": {
        "nl": "onvolledig: {covered} van {total} {areas} ({share} van de inwoners); "
        "geen stadswaarde",
        "en": "incomplete: {covered} of {total} {areas} ({share} of the residents); no city value",
    },
    "coverage.nap": {
        "nl": "NAP {period}: niet bepaald, {summary}. Daarom krijgen de {areas} dit jaar "
        "geen kleur; kies een eerder jaar.",
        "en": "NAP {period}: not determined, {summary}. So the {areas} get no colour this "
        "year; choose an earlier year.",
    },
    "coverage.upload": {
        "nl": "{indicator}, {period}: {covered} van {total} {areas}; zonder stadswaarde "
        "krijgt dit jaar geen kleuren (daarvoor zijn metingen voor minstens {needed} "
        "{areas} nodig, {minimum}).",
        "en": "{indicator}, {period}: {covered} of {total} {areas}; without a city value "
        "this year gets no colours (that needs measurements for at least {needed} "
        "{areas}, {minimum}).",
    },
    "coverage.upload_population": {
        "nl": "{indicator}, {period}: {covered} van {total} {areas}, {share} van de inwoners; "
        "zonder stadswaarde krijgt dit jaar geen kleuren (daarvoor zijn metingen nodig "
        "voor minstens {minimum} van de inwoners).",
        "en": "{indicator}, {period}: {covered} of {total} {areas}, {share} of the "
        "residents; without a city value this year gets no colours (that needs "
        "measurements for at least {minimum} of the residents).",
    },
    "coverage.upload_title": {
        "nl": "Let op: onvolledige jaren",
        "en": "Note: incomplete years",
    },
    "coverage.upload_note": {
        "nl": "U kunt toch publiceren; de kaart en de andere pagina's openen dan op het "
        "laatste jaar dat wel kleuren heeft. Met een stadswaarde (een rij met gebiedcode "
        "{code}) krijgt het jaar wel kleuren.",
        "en": "You can still publish; the map and the other pages then open on the latest "
        "year that does have colours. With a city value (a row with area code {code}) the "
        "year does get colours.",
    },
    "reason.onvolledig": {
        "nl": "Geen kleur in {period}, {summary}. Zonder stadswaarde wordt het NAP berekend "
        "uit de {areas}, en daarvoor zijn metingen nodig voor minstens {minimum} van de "
        "{basis}.",
        "en": "No colour in {period}, {summary}. Without a city value NAP is computed from "
        "the {areas}, which needs measurements for at least {minimum} of the {basis}.",
    },
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
    # -- uncertainty, skewed distributions and the method chooser (issue 10) ---------
    "uncertain.marker": {"nl": "±", "en": "±"},
    "uncertain.legend": {
        "nl": "± rond door onzekerheid: het 95%-interval bevat het gemiddelde",
        "en": "± around because of uncertainty: the 95% interval contains the average",
    },
    "uncertain.legend_count": {
        "nl": "± rond door onzekerheid ({count}): het 95%-interval bevat het gemiddelde",
        "en": "± around because of uncertainty ({count}): the 95% interval contains the average",
    },
    "uncertain.words": {"nl": "rond door onzekerheid", "en": "around because of uncertainty"},
    "skew.hint": {
        "nl": "Deze verdeling is scheef: de meeste {areas} liggen dicht bij elkaar en enkele "
        "ver erboven; de band 'rond' zegt daardoor weinig. Overweeg de robuuste spreiding.",
        "en": "This distribution is skewed: most {areas} lie close together and a few far "
        "above; the band 'around' therefore says little. Consider the robust spread.",
    },
    "skew.tag": {"nl": "scheve verdeling", "en": "skewed distribution"},
    "skew.profile": {"nl": "Scheve verdeling bij: {indicators}.", "en": "Skewed: {indicators}."},
    "skew.areas.buurt": {"nl": "buurten", "en": "neighbourhoods"},
    "skew.areas.wijk": {"nl": "wijken", "en": "districts"},
    "skew.areas.gebied": {"nl": "gebieden", "en": "areas"},
    "skew.areas.stadsdeel": {"nl": "stadsdelen", "en": "boroughs"},
    "spread.unknown": {
        "nl": "Spreiding '{kind}' onbekend; kies uit {kinds}.",
        "en": "Spread '{kind}' is unknown; choose from {kinds}.",
    },
    "spread.log_not_positive": {
        "nl": "Spreiding 'log' (z op logaritmische waarden) kan alleen bij waarden boven 0: "
        "{area} heeft {value} ({count} gebied(en) met 0 of minder). Kies spread = 'mad' "
        "voor deze indicator.",
        "en": "Spread 'log' (z on log values) needs values above 0: {area} has {value} "
        "({count} area(s) at 0 or below). Choose spread = 'mad' for this indicator.",
    },
    "trends.note.spread": {
        "nl": "De spreiding is hier {kind}.",
        "en": "The spread here is {kind}.",
    },
    "spread.kind.sd": {"nl": "standaarddeviatie", "en": "standard deviation"},
    "spread.kind.mad": {"nl": "robuust (MAD)", "en": "robust (MAD)"},
    "spread.kind.log": {"nl": "op log-schaal", "en": "on a log scale"},
    "method.z": {"nl": "afwijking van het gemiddelde", "en": "deviation from the average"},
    "method.z5": {"nl": "vijf klassen", "en": "five classes"},
    "method.relatief": {"nl": "relatief verschil (±10%)", "en": "relative difference (±10%)"},
    "method.absoluut": {"nl": "absoluut verschil", "en": "absolute difference"},
    "method.index": {"nl": "index t.o.v. NAP (90–110)", "en": "index against NAP (90–110)"},
    "method.default": {"nl": "{label} (standaard)", "en": "{label} (default)"},
    "agenda.state.bereikt_marge.nap": {
        "nl": "Doel bereikt, binnen de foutmarge: het 95%-interval {low} – {high} bevat het "
        "gemiddelde",
        "en": "Goal reached, within the margin of error: the 95% interval {low} – {high} "
        "contains the average",
    },
    "agenda.state.bereikt_marge.waarde": {
        "nl": "Doel bereikt, binnen de foutmarge: het 95%-interval {low} – {high} bevat de "
        "streefwaarde",
        "en": "Goal reached, within the margin of error: the 95% interval {low} – {high} "
        "contains the target",
    },
    # -- errors of the scorer
    "scoring.err.unknown_indicator": {
        "nl": "Indicator '{id}' staat niet in de catalogus.",
        "en": "Indicator '{id}' is not in the catalogue.",
    },
    "scoring.err.unknown_level": {
        "nl": "Niveau '{level}' bestaat niet; kies uit {choices}.",
        "en": "Level '{level}' does not exist; choose from {choices}.",
    },
    "scoring.err.unknown_reference": {
        "nl": "Referentie '{reference}' onbekend; kies stadswaarde of basisjaar.",
        "en": "Reference '{reference}' unknown; choose stadswaarde or basisjaar.",
    },
    "scoring.err.unknown_method": {
        "nl": "Onbekende methode '{name}'.",
        "en": "Unknown method '{name}'.",
    },
    "scoring.err.absolute_band": {
        "nl": "Methode 'absoluut' heeft een bandbreedte nodig voor eenheid '{unit}'; "
        "stel 'band' in voor deze indicator of geef --band op.",
        "en": "Method 'absoluut' needs a band width for unit '{unit}'; "
        "set 'band' for this indicator or pass --band.",
    },
    # -- exports and rebuilds of all scores
    "export.too_many_rows": {
        "nl": "{rows} rijen passen niet in Excel (hoogstens {limit}); kies csv of parquet, "
        "of beperk met --indicator of --period.",
        "en": "{rows} rows do not fit in Excel (at most {limit}); choose csv or parquet, "
        "or narrow with --indicator or --period.",
    },
    "export.unknown_format": {
        "nl": "Formaat '{format}' onbekend; kies {choices}.",
        "en": "Format '{format}' unknown; choose {choices}.",
    },
    "export.table_written": {
        "nl": "{rows} scores ({indicators} indicatoren × {periods} perioden, {areas} {level}) "
        "geschreven naar {path}.",
        "en": "{rows} scores ({indicators} indicators × {periods} periods, {areas} {level}) "
        "written to {path}.",
    },
    "export.nothing": {
        "nl": "Geen scores op niveau {level} voor deze keuze; niets geschreven.",
        "en": "No scores at level {level} for this choice; nothing written.",
    },
    "rebuild.stage.compute": {"nl": "scores berekenen", "en": "computing scores"},
    "rebuild.stage.write": {"nl": "scores opslaan", "en": "storing scores"},
    "rebuild.stage.load": {"nl": "metingen lezen", "en": "reading metingen"},
    "rebuild.done": {
        "nl": "Indeling {division}: generatie {generation}, {groups} groepen, {rows} scores.",
        "en": "Division {division}: generation {generation}, {groups} groups, {rows} scores.",
    },
    "rebuild.level": {
        "nl": "  {level}: {groups} indicator-perioden, {rows} scores",
        "en": "  {level}: {groups} indicator-periods, {rows} scores",
    },
    "export.table_only_default": {
        "nl": "Alle scores tegelijk zijn er met de standaardmethode en de stadswaarde, als "
        "csv, xlsx of parquet; geef een indicator en --period voor een andere methode, "
        "het basisjaar of geojson.",
        "en": "All scores at once come with the default method and the city value, as csv, "
        "xlsx or parquet; give an indicator and --period for another method, the base "
        "year or geojson.",
    },
    "export.working": {"nl": "Scores verzamelen…", "en": "Collecting scores…"},
    "scoring.err.base_year": {
        "nl": "Referentie 'basisjaar' vraagt een basisjaar (--base-year) voor '{id}'.",
        "en": "Reference 'basisjaar' needs a base year (--base-year) for '{id}'.",
    },
    "scoring.err.reference": {
        "nl": "Referentie '{reference}' onbekend; kies stadswaarde of basisjaar.",
        "en": "Reference '{reference}' unknown; choose stadswaarde or basisjaar.",
    },
}
