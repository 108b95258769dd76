"""Buurtprofiel: an area's indicators by domain with value, NAP, class and a sparkline,
its verhalen and its gebiedsagenda; printable, and as a PDF (the gebiedsanalyse).

The PDF is served by a plain Flask view, ``/gebiedsanalyse/<code>.pdf``, built by
``monitor.report``; like every view it carries an access mark (``@reads``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
from dash import ALL, Input, Output, State, callback_context, dcc, html, no_update

from layouts import profiel_pdf, profiel_pieces, reference_choice
from layouts.agenda import agenda_href, may_edit, pdf_href
from layouts.common import empty_page, store_banner
from layouts.kept import kept
from layouts.profiel_voorzieningen import section as voorzieningen_section
from layouts.similar_list import compare_link
from layouts.similar_list import section as similar_section
from layouts.sparklines import Points, mini_sparkline, series_points, sparkline
from monitor import messages, report
from monitor.blocks import key_set
from monitor.catalog import domain_label
from monitor.errors import MonitorError
from monitor.messages import LANGUAGES, class_label, t
from monitor.numbers import format_difference, format_value
from monitor.palette import colour
from monitor.period_kinds import is_sub_year
from monitor.profile import cached_profile
from monitor.profile_reference import with_reference
from monitor.scoring import Scorer, uncertain
from monitor.store import Store
from monitor.store.stamps import indicator_stamp_keys, subject_key
from web import reads

#: For a visual marker whose meaning a screen reader hears in words instead.
ARIA_HIDDEN = {"aria-hidden": "true"}


def layout(store: Store, lang: str, query: dict[str, str]) -> html.Div:
    code = query.get("gebied", "")
    empty = empty_page(store, lang)
    if empty is not None:
        return empty
    if not code:
        return html.Div(
            html.P(t("empty.pick_area", lang)),
            id="empty-state",
            className="empty-state",
            role="status",
            **{"data-reason": "pick_area"},
        )
    try:
        # One query for the whole catalogue: the area's materialised scores (kept per
        # score stamp: opening a folded domain or filtering reads them from there).
        scorer = Scorer(store)
        profile = cached_profile(scorer, code, lang)
        preset = key_set(scorer)
    except (MonitorError, LookupError) as exc:
        return html.Div(html.P(str(exc), className="fout", id="profiel-error"))
    chain = " › ".join(f"{t(f'level.{lvl}', lang)} {name}" for lvl, _, name in profile.parents)
    # Another reference ("Vergelijk met"): the open rows read again against it.
    referentie, base_year = reference_choice.chosen(query)
    shown = preset is None or profile.rows.empty
    opened = profile.rows if shown else profile.rows[profile.rows["indicator_id"].isin(
        preset.indicator_ids
    )]  # fmt: skip
    if not opened.empty:
        again = with_reference(
            scorer, opened, profile.code, profile.level, referentie, base_year, lang
        )
        profile.rows = pd.concat([again, profile.rows.drop(index=opened.index)]).loc[
            profile.rows.index
        ]
    keys = TableKeys(scorer, profile.code, lang, (referentie, base_year))
    sections = profile_sections(profile, preset, lang, scorer.gemeente, keys)
    return html.Div(
        [
            _banner(store, scorer.division_id, lang),
            html.H2(f"{profile.name} ({profile.code})", id="profiel-title"),
            html.P(f"{t(f'level.{profile.level}', lang)} · {chain}", id="profiel-chain"),
            reference_choice.profile_control(
                store, query, lang, profile.level, profile.series["period"].tolist()
            ),
            reference_choice.profile_line(profile.rows, lang),
            # On paper the class is one short word (data-short above; a long label wraps
            # over four lines in a narrow column); this line says against what.
            html.P(
                t(
                    "profiel.class_note",
                    lang,
                    gemiddelde=messages.average_name(scorer.gemeente, lang),
                ),
                className="print-only",
                id="profiel-class-note",
            ),
            html.P(
                [
                    html.A(
                        t("agenda.pdf_link", lang),
                        href=pdf_href(profile.code, lang),
                        id="profiel-pdf",
                    ),
                    " · ",
                    dcc.Link(
                        t("agenda.agenda_link" if may_edit() else "nav.agenda", lang),
                        href=agenda_href(profile.code, lang),
                        id="profiel-agenda-link",
                    ),
                    " · ",
                    compare_link(profile.code, profile.name, lang),
                ],
                className="profiel-links",
            ),
            profiel_pdf.section(profile, lang),
            *profile_notes(profile.rows, profile.level, lang),
            dcc.Store(id="profiel-code", data=profile.code),
            filter_box(len(profile.rows), lang) if preset is not None else None,
            html.Div(id="profiel-filter-results"),
            html.Div(sections, id="profiel-sections"),
            similar_section(scorer, profile.code, lang),
            voorzieningen_section(store, scorer.division_id, profile.code, profile.level, lang),
            profiel_pieces.verhalen(scorer, profile.code, lang),
            profiel_pieces.goals(scorer, profile.code, lang),
            profiel_pieces.budget(scorer, profile.code, lang),
            html.P(
                t("profiel.printed", lang, date=date.today().isoformat()), className="print-only"
            ),
        ],
        className="profiel-page",
    )


HEADERS = ("indicator", "year", "value", "nap", "diff", "class", "trend", "herkomst")


class TableKeys:
    """What an open table of an area's profile is kept under (:mod:`layouts.kept`): the
    area, language, reference choice, catalogue, areas and national values, and the score
    stamps of the table's own indicators — what :func:`monitor.profile.cached_profile`
    and the reference read them by. A publish of werkloosheid renders only its table."""

    def __init__(self, scorer: Scorer, code: str, lang: str, reference: tuple) -> None:
        store, division = scorer.store, scorer.division_id
        subjects = (subject_key(store, division, s) for s in ("catalogue", "areas", "national"))
        self.scorer = scorer
        self.basis = (store.url, division, code, lang, scorer.gemeente, reference, *subjects)

    def __call__(self, rows: pd.DataFrame) -> tuple:
        ids = rows["indicator_id"].tolist()
        stamps = indicator_stamp_keys(self.scorer.store, self.scorer.division_id, ids)
        return (*self.basis, tuple((i, stamps[i]) for i in ids))


def profile_sections(
    profile: Any, preset: Any, lang: str, gemeente: str, keys: TableKeys | None = None
) -> list[Any]:
    """The indicator tables: with a block set (a large catalogue such as BBGA's) its
    indicators first, open, then every other domain folded (html.Details); a small
    catalogue shows every domain open, as before. With ``keys`` each open table is kept
    rendered (:class:`TableKeys`): a publish renders only the tables it changed."""
    rows = profile.rows
    if rows.empty:
        return []

    def section(title: str, part: pd.DataFrame, key: str | None = None) -> Any:
        def build() -> html.Section:
            return _section(title, part, profile.series, lang, gemeente, rich=True, key=key)

        if keys is None:
            return build()
        return kept("profiel-table", (*keys(part), title, key), build)

    if preset is None:
        return [
            section(domain_label(domain, lang), part)
            for domain, part in rows.groupby("domain", sort=False)
        ]
    in_set = rows["indicator_id"].isin(preset.indicator_ids)
    first = rows[in_set]
    order = {i: n for n, i in enumerate(preset.indicator_ids)}
    first = first.iloc[first["indicator_id"].map(order).argsort()]
    out = []
    if not first.empty:
        title = t("profiel.set_title", lang, name=preset.title(lang), count=len(first))
        out.append(section(title, first, key="set"))
    for domain, part in rows[~in_set].groupby("domain", sort=False):
        title = f"{domain_label(domain, lang)} ({len(part)})"
        out.append(folded(str(domain), title))
    return out


def folded(domain: str, title: str) -> html.Details:
    """A folded domain: its rows are sent when it is first opened (:func:`group_body`);
    hundreds of rows at once take the browser seconds to build."""
    return html.Details(
        [
            html.Summary(html.H3(title, className="inline")),
            html.Div(id={"type": "profiel-group-body", "key": domain}),
        ],
        id={"type": "profiel-group", "key": domain},
        className="profiel-group",
        **{"data-group": domain},
    )


def group_body(store: Store, code: str, domain: str, lang: str) -> html.Table | None:
    """The table of one folded domain of an area's profile: its coloured indicators
    outside the block set, by theme and label, from the profile the page read (kept per
    score stamp, :func:`monitor.profile.cached_profile`): opening a domain reads nothing."""
    scorer = Scorer(store)
    preset = key_set(scorer)
    skip = set(preset.indicator_ids) if preset is not None else set()
    ids = [
        i.id
        for i in scorer.indicators.values()
        if i.domain == domain
        and i.id not in skip
        and i.polarity != "geen"
        and not i.forecast
        and not is_sub_year(i.id)
    ]
    if not ids:
        return None
    profile = cached_profile(scorer, code, lang)
    rows = profile.rows[profile.rows["indicator_id"].isin(ids)]
    if rows.empty:
        return None
    rows = rows.sort_values(["theme", "label"])
    series = profile.series[profile.series["indicator_id"].isin(ids)]
    return _table(rows, series_points(series), lang, scorer.gemeente, rich=False)


def filtered(store: Store, code: str, text: str | None, lang: str) -> tuple[Any, Any, str]:
    """Rows whose name or id holds ``text`` (every domain, the block set included), the
    sections' style (hidden while filtering) and how many matched."""
    query = (text or "").strip().casefold()
    if not query:
        return None, {}, ""
    scorer = Scorer(store)
    profile = cached_profile(scorer, code, lang)
    rows = profile.rows
    if rows.empty:
        return None, {"display": "none"}, "0"
    search = (rows["indicator_id"] + " " + rows["label"]).str.casefold()
    hits = rows[search.str.contains(query, regex=False)]
    series = series_points(profile.series)
    table = _table(hits, series, lang, scorer.gemeente, rich=False) if len(hits) else None
    return table, {"display": "none"}, str(len(hits))


def _section(
    title: str,
    rows: pd.DataFrame,
    series: pd.DataFrame,
    lang: str,
    gemeente: str,
    *,
    rich: bool,
    key: str | None = None,
) -> html.Section:
    """One open group: a heading and its table (``series``: the profile's, of which this
    table's indicators are drawn)."""
    extra = {"data-group": key} if key else {}
    own = series[series["indicator_id"].isin(rows["indicator_id"])] if len(series) else series
    table = _table(rows, series_points(own), lang, gemeente, rich=rich)
    return html.Section([html.H3(title), table], **extra)


def _table(
    rows: Any, series: dict[str, Points], lang: str, gemeente: str, *, rich: bool
) -> html.Table:
    """One group's table; ``rich`` rows get a plotly sparkline, the others a small SVG
    picture (hundreds of plotly graphs would take seconds to draw)."""
    body = []
    for r in rows.itertuples():
        points = series.get(r.indicator_id)
        diff = (r.value - r.nap) if r.value == r.value and r.nap == r.nap else None
        trend = sparkline(points, r.unit) if rich else mini_sparkline(points)
        body.append(
            html.Tr(
                [
                    html.Td(r.label),
                    html.Td(str(r.period)),
                    html.Td(format_value(r.value, r.unit, r.decimals, lang)),
                    html.Td(format_value(r.nap, r.unit, r.decimals, lang)),
                    html.Td(format_difference(diff, r.unit, r.decimals, lang)),
                    html.Td(
                        class_cell(r, lang, gemeente),
                        title=f"{r.reden}\n{r.polariteit}",
                        **{"data-klasse": r.klasse, "data-polariteit": r.polariteit},
                    ),
                    html.Td(trend),
                    html.Td(r.herkomst, className="herkomst"),
                ],
                **{"data-indicator": r.indicator_id},
            )
        )
    return html.Table(
        [html.Tr([html.Th(_header(c, rows, lang)) for c in HEADERS]), *body],
        className="data profiel",
    )


def _header(column: str, rows: Any, lang: str) -> str:
    """A column head; the NAP column says "Vergeleken met" against another reference."""
    if column == "nap" and "vergeleken_met" in rows and rows["vergeleken_met"].notna().any():
        return t("ref.value_label", lang)
    return t(f"profiel.{column}", lang)


def filter_box(count: int, lang: str) -> html.Div:
    """A text filter on indicator name or id over the whole catalogue (:func:`filtered`);
    while it holds text the matches replace the groups."""
    return html.Div(
        [
            html.Label(t("profiel.filter", lang, count=count), htmlFor="profiel-filter"),
            dcc.Input(id="profiel-filter", type="search", debounce=0.4, value=""),
            html.Span(id="profiel-filter-count", role="status", className="hint"),
        ],
        className="profiel-filter",
    )


def _banner(store: Store, division_id: int, lang: str) -> html.P | None:
    """The fictional-data banner (as :func:`layouts.common.fictional_banner`), from the
    division alone: the profile needs no indicator list or levels."""
    return store_banner(store, lang, division_id)


def class_cell(row: Any, lang: str, gemeente: str) -> list[Any]:
    """The class chip; "±" on it when only survey uncertainty made the value *rond* (the
    reason sentence is printed under it on paper); a tag when the level is skewed."""
    unsure = bool(uncertain(row.reden_code))
    named = getattr(row, "vergeleken_met", None)  # another reference, named per row
    chip = [class_label(row.klasse, lang, gemeente, gemiddelde=named if named else None)]
    if unsure:
        chip += [
            " ",
            html.Span(t("uncertain.marker", lang), className="marker-onzeker", **ARIA_HIDDEN),
            html.Span(f", {t('uncertain.words', lang)}", className="sr-only"),
        ]
    cell: list[Any] = [
        html.Span(
            chip,
            className="chip" + (" onzeker" if unsure else ""),
            # on paper the class is one short word (the long label would wrap)
            **{"data-short": t(f"class_short.{row.klasse}", lang)},
            style={"background": colour(row.klasse)},
        )
    ]
    # Neutral or changed polarities say why, in words.
    if isinstance(getattr(row, "polariteit_kort", None), str):
        cell.append(html.Small(row.polariteit_kort, className="polariteit"))
    if row.scheef:
        cell.append(html.Span(t("skew.tag", lang), className="tag-scheef"))
    if unsure:
        cell.append(html.Div(row.reden, className="print-only reden-print"))
    return cell


def profile_notes(rows: Any, level: str, lang: str) -> list[Any]:
    """Above the tables: what "±" means, and which indicators are too skewed for the band."""
    if rows.empty:
        return []
    notes = []
    if uncertain(rows["reden_code"]).any():
        notes.append(html.P(t("uncertain.legend", lang), id="profiel-uncertain", className="hint"))
    skewed = rows.loc[rows["scheef"].astype(bool), "label"].tolist()
    if skewed:
        hint = t("skew.hint", lang, areas=t(f"skew.areas.{level}", lang))
        text = t("skew.profile", lang, indicators=", ".join(skewed))
        notes.append(html.P(f"{text} {hint}", id="profiel-skew", className="hint"))
    return notes


def register(app: Any, get_store: Any) -> None:
    """The profile renders once per area; a folded domain is filled when first opened,
    the filter searches the whole catalogue; the PDF is a Flask view (and the PDF of all
    buurten in an area a background job: ``layouts.profiel_pdf``)."""
    from flask import Response, request

    profiel_pdf.register(app, get_store)
    reference_choice.register_profile(app)

    @app.callback(
        Output({"type": "profiel-group-body", "key": ALL}, "children"),
        Input({"type": "profiel-group", "key": ALL}, "n_clicks"),
        State({"type": "profiel-group", "key": ALL}, "id"),
        State("profiel-code", "data"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @reads
    def open_group(clicks: list[int | None], groups: list[dict], code: str, lang: str | None):
        """A folded domain's rows, sent on its first opening (the others stay as they are)."""
        opened = callback_context.triggered_id if clicks else None
        return [
            group_body(get_store(), code, str(group["key"]), lang or "nl")
            if group == opened and count == 1 and code
            else no_update
            for count, group in zip(clicks or [], groups or [], strict=False)
        ]

    @app.callback(
        Output("profiel-filter-results", "children"),
        Output("profiel-sections", "style"),
        Output("profiel-filter-count", "children"),
        Input("profiel-filter", "value"),
        State("profiel-code", "data"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    @reads
    def filter_rows(text: str | None, code: str, lang: str | None):
        return filtered(get_store(), code, text, lang or "nl")

    @app.server.route("/gebiedsanalyse/<code>.pdf")
    @reads
    def gebiedsanalyse_pdf(code: str) -> Response:
        """One area's gebiedsanalyse as a PDF download."""
        lang = request.args.get("lang", "nl")
        lang = lang if lang in LANGUAGES else "nl"
        try:
            analysis = report.gebiedsanalyse(get_store(), code, lang)
        except (MonitorError, LookupError):
            return Response(
                t("report.not_found", lang, code=code),
                status=404,
                mimetype="text/plain",
                headers={"X-Content-Type-Options": "nosniff"},
            )
        name = report.pdf_filename(analysis.code)
        return Response(
            report.pdf(analysis),
            mimetype="application/pdf",
            headers={
                "Content-Disposition": f'attachment; filename="{name}"',
                "Cache-Control": "no-store",
                "X-Content-Type-Options": "nosniff",
            },
        )
