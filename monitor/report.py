"""Gebiedsanalyse: one area's numbers and stories, agenda and budget, as a PDF.

The city's cycle starts with a gebiedsanalyse "op basis van cijfers en verhalen". This
module gathers what it needs for one area (:func:`gebiedsanalyse`): every indicator by
domain with its value, NAP and class in words (as the buurtprofiel shows them), the
verhalen, the gebiedsagenda with actions and progress, and the buurtbegroting when the
area has budget lines. The buurtprofiel page is the printable version; :func:`pdf`
writes the same content with reportlab.

Everything a user typed (area names, goals, actions, notes, owners) is escaped before it
reaches a reportlab ``Paragraph``, which parses a small HTML-like markup: a note reading
``<script>`` is printed as those characters. The font is DejaVu Sans when the system has
it, else the Bitstream Vera that ships with reportlab; both have €, ë and é.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pandas as pd

from monitor import agenda, budget
from monitor.catalog import domain_label
from monitor.messages import average_name, class_label, t
from monitor.numbers import format_number, format_value
from monitor.palette import colour
from monitor.profile import area_profile, indicator_subset
from monitor.scoring import Scorer, uncertain
from monitor.store import Snapshot, Store

FONT = "BuurtSans"
FONT_BOLD = "BuurtSans-Bold"
#: Candidate font files, best first: (regular, bold).
FONT_FILES = (
    (
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ),
)


@dataclass
class NumberRow:
    """One indicator line: texts ready to print, and the class for its colour."""

    indicator_id: str
    label: str
    period: str
    value: str
    nap: str
    klasse: str
    klasse_text: str
    #: the reason sentence, printed under the class for a value rond door onzekerheid
    note: str = ""
    scheef: bool = False


@dataclass
class Gebiedsanalyse:
    """Everything the printable profile and the PDF show for one area."""

    code: str
    name: str
    level: str
    chain: str  # "Wijk X › Stadsdeel Y"
    gemeente: str
    fictional: bool
    lang: str
    domains: list[tuple[str, list[NumberRow]]]
    subset_note: str | None
    #: lines under the introduction: what "±" means, which indicators are skewed
    legend: list[str]
    notes: list[dict[str, Any]]
    goals: list[agenda.GoalView]
    budget: pd.DataFrame | None = None
    made: date = field(default_factory=date.today)


def budget_summary(store: Store, division_id: int, code: str, lang: str) -> pd.DataFrame | None:
    """The area's buurtbegroting in a few rows (:func:`monitor.budget.area_summary`), or
    None when the area has no budget lines: then there is no budget section."""
    frame = budget.area_summary(store, division_id, code, lang)
    return None if frame is None or frame.empty else frame


def _class_text(row: Any, lang: str, gemeente: str) -> str:
    """The class in words; a neutral or curated polarity says why, as on the profile."""
    text = class_label(row.klasse, lang, gemeente)
    note = getattr(row, "polariteit_kort", None)
    return f"{text} ({note})" if isinstance(note, str) else text


def gebiedsanalyse(
    store: Store, code: str, lang: str = "nl", division_id: int | None = None
) -> Gebiedsanalyse:
    """Gather one area's gebiedsanalyse. Raises MonitorError for an unknown area."""
    division_id = division_id if division_id is not None else store.division_id()
    scorer = Scorer(Snapshot(store, division_id), division_id)
    chosen, note = indicator_subset(scorer, lang)
    profile = area_profile(scorer, code, lang, chosen)
    domains: list[tuple[str, list[NumberRow]]] = []
    if not profile.rows.empty:
        for domain, rows in profile.rows.groupby("domain", sort=False):
            domains.append(
                (
                    domain_label(domain, lang),
                    [_number_row(r, lang, scorer.gemeente) for r in rows.itertuples()],
                )
            )
    chain = " › ".join(f"{t(f'level.{lvl}', lang)} {name}" for lvl, _, name in profile.parents)
    info = store.division(division_id)
    return Gebiedsanalyse(
        code=profile.code,
        name=profile.name,
        level=profile.level,
        chain=chain,
        gemeente=scorer.gemeente,
        fictional=bool(info["fictional"]),
        lang=lang,
        domains=domains,
        subset_note=note,
        legend=_legend(profile.rows, profile.level, lang),
        notes=agenda.story_rows(store, division_id, profile.code, lang),
        goals=agenda.area_agenda(scorer, profile.code, lang),
        budget=budget_summary(store, division_id, profile.code, lang),
    )


def _number_row(r: Any, lang: str, gemeente: str) -> NumberRow:
    """One indicator line; "±" and the reason sentence when uncertainty made it *rond*."""
    unsure = bool(uncertain(r.reden_code))
    words = _class_text(r, lang, gemeente)
    return NumberRow(
        r.indicator_id,
        r.label,
        str(r.period),
        format_value(r.value, r.unit, r.decimals, lang),
        format_value(r.nap, r.unit, r.decimals, lang),
        r.klasse,
        f"{words} {t('uncertain.marker', lang)}" if unsure else words,
        note=str(r.reden) if unsure else "",
        scheef=bool(r.scheef),
    )


def _legend(rows: pd.DataFrame, level: str, lang: str) -> list[str]:
    if rows.empty:
        return []
    lines = []
    if uncertain(rows["reden_code"]).any():
        lines.append(t("uncertain.legend", lang) + ".")
    skewed = rows.loc[rows["scheef"].astype(bool), "label"].tolist()
    if skewed:
        hint = t("skew.hint", lang, areas=t(f"skew.areas.{level}", lang))
        lines.append(f"{t('skew.profile', lang, indicators=', '.join(skewed))} {hint}")
    return lines


# -- PDF -------------------------------------------------------------------------------


def _register_fonts() -> None:
    """Register the Unicode font once per process (reportlab keeps a global registry)."""
    from reportlab import rl_config
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    vera = Path(rl_config.__file__).parent / "fonts"
    candidates = [*FONT_FILES, (vera / "Vera.ttf", vera / "VeraBd.ttf")]
    regular, bold = next((r, b) for r, b in candidates if r.is_file() and b.is_file())
    pdfmetrics.registerFont(TTFont(FONT, str(regular)))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(bold)))
    for italic in (0, 1):
        addMapping(FONT, 0, italic, FONT)
        addMapping(FONT, 1, italic, FONT_BOLD)


def plain(text: Any) -> str:
    """User text as reportlab paragraph text: markup escaped, line breaks kept."""
    return escape("" if text is None else str(text)).replace("\n", "<br/>")


def pdf(analysis: Gebiedsanalyse) -> bytes:
    """The gebiedsanalyse as an A4 PDF."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    _register_fonts()
    lang, a = analysis.lang, analysis
    base = ParagraphStyle("base", fontName=FONT, fontSize=9, leading=12, alignment=TA_LEFT)
    small = ParagraphStyle("small", parent=base, fontSize=8, leading=10, textColor="#444444")
    cell = ParagraphStyle("cell", parent=base, fontSize=8, leading=10)
    bold = ParagraphStyle("bold", parent=base, fontName=FONT_BOLD)
    h1 = ParagraphStyle("h1", parent=base, fontName=FONT_BOLD, fontSize=16, leading=20)
    h2 = ParagraphStyle(
        "h2", parent=base, fontName=FONT_BOLD, fontSize=12, leading=16, spaceBefore=10
    )
    h3 = ParagraphStyle(
        "h3", parent=base, fontName=FONT_BOLD, fontSize=10, leading=13, spaceBefore=6
    )
    banner = ParagraphStyle(
        "banner", parent=small, backColor="#fff3cd", borderPadding=3, spaceAfter=4
    )

    def p(text: Any, style: ParagraphStyle = base) -> Paragraph:
        return Paragraph(plain(text), style)

    grid = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#bbbbbb")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f0f0f0")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    width = A4[0] - 36 * mm
    story: list[Any] = [
        p(t("report.title", lang, name=a.name), h1),
        p(
            t(
                "report.subtitle",
                lang,
                level=t(f"level.{a.level}", lang),
                code=a.code,
                chain=f" · {a.chain}" if a.chain else "",
            ),
            small,
        ),
        Spacer(1, 4),
    ]
    if a.fictional:
        story.append(p(t("app.fictional", lang), banner))

    # Numbers per domain: value, NAP and the class in words (colour as a swatch only).
    story.append(p(t("report.numbers", lang), h2))
    story.append(
        p(t("report.numbers_intro", lang, gemiddelde=average_name(a.gemeente, lang)), small)
    )
    if a.subset_note:
        story.append(p(a.subset_note, small))
    for line in a.legend:
        story.append(p(line, small))
    if not a.domains:
        story.append(p(t("report.no_numbers", lang)))
    headers = [t(f"profiel.{c}", lang) for c in ("indicator", "year", "value", "nap", "class")]
    for domain, rows in a.domains:
        data = [["", *[p(h, cell) for h in headers]]]
        style = list(grid)
        for i, r in enumerate(rows, start=1):
            data.append(
                [
                    "",
                    p(r.label, cell),
                    p(r.period, cell),
                    p(r.value, cell),
                    p(r.nap, cell),
                    [p(r.klasse_text, cell), *([p(r.note, small)] if r.note else [])],
                ]
            )
            style.append(("BACKGROUND", (0, i), (0, i), colors.HexColor(colour(r.klasse))))
        table = Table(
            data,
            colWidths=[4 * mm, width * 0.34, width * 0.07, width * 0.12, width * 0.12, None],
            repeatRows=1,
        )
        table.setStyle(TableStyle(style))
        story += [p(domain, h3), table]

    # Verhalen.
    story.append(p(t("agenda.notes", lang), h2))
    if not a.notes:
        story.append(p(t("agenda.no_notes", lang)))
    for note in a.notes:
        meta = f"{note['date']} · {note['role']} · {note['source']}"
        if not note["own"]:
            meta += " · " + t("agenda.note.within", lang, area=f"{note['area']} ({note['code']})")
        story.append(KeepTogether([p(meta, small), p(note["text"]), Spacer(1, 4)]))

    # Gebiedsagenda: goals, target and progress, actions.
    story.append(p(t("agenda.goals", lang), h2))
    if not a.goals:
        story.append(p(t("agenda.no_goals", lang)))
    action_headers = [
        t("agenda.field.actie", lang),
        t("agenda.col.eigenaar", lang),
        t("agenda.field.status", lang),
        t("agenda.col.reden", lang),
    ]
    for view in a.goals:
        block: list[Any] = [
            p(view.goal["text"], bold),
            p(agenda.target_text(view, lang, a.gemeente), small),
        ]
        progress = agenda.progress_text(view, lang, a.gemeente)
        if progress:
            block.append(p(f"{t('agenda.progress', lang)}: {progress}", small))
        if view.actions:
            data = [[p(h, cell) for h in action_headers]]
            for act in view.actions:
                data.append(
                    [
                        p(act["text"], cell),
                        p(act["owner"], cell),
                        p(agenda.status_label(act["status"], lang), cell),
                        p(act["reason"] or "", cell),
                    ]
                )
            table = Table(data, colWidths=[width * 0.38, width * 0.2, width * 0.14, None])
            table.setStyle(TableStyle(grid))
            block += [Spacer(1, 2), table]
        else:
            block.append(p(t("agenda.no_actions", lang), small))
        story.append(KeepTogether([*block, Spacer(1, 6)]))

    # Buurtbegroting, when the area has budget lines.
    if a.budget is not None:
        story.append(p(t("report.budget", lang), h2))
        columns = list(a.budget.columns)
        formats = a.budget.attrs.get("formats")
        data = [[p(c, cell) for c in columns]]
        for row in a.budget.itertuples(index=False):
            data.append(
                [
                    p(budget_cell(c, v, lang, formats), cell)
                    for c, v in zip(columns, row, strict=True)
                ]
            )
        table = Table(data, repeatRows=1)
        table.setStyle(TableStyle(grid))
        story.append(table)

    made = t("report.generated", lang, date=a.made.isoformat())

    def footer(canvas: Any, doc: Any) -> None:
        # drawString takes plain text: nothing here is parsed as markup.
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(18 * mm, 10 * mm, f"{a.name} ({a.code}) · {made}")
        canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, t("report.page", lang, page=doc.page))
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=t("report.title", lang, name=a.name),
        author="Buurtmonitor",
        subject=a.code,
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer, canvasmaker=_canvas)
    return buffer.getvalue()


def _canvas(*args: Any, **kwargs: Any) -> Any:
    """A canvas that starts in our font, so no text can fall back to Helvetica (no €-less
    standard font ends up in the file)."""
    from reportlab.pdfgen.canvas import Canvas

    return Canvas(*args, **(kwargs | {"initialFontName": FONT}))


def budget_cell(
    column: str, value: Any, lang: str, formats: Mapping[str, tuple[str, int]] | None = None
) -> str:
    """One cell of the budget summary, printed as the summary declares its column:
    ``formats`` (``frame.attrs["formats"]`` of ``monitor.budget.area_summary``) maps a
    column to its unit and decimals, so € 7,69 per inhabitant stays € 7,69. Numbers in
    other columns print plainly, anything else as text."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value != value:  # NaN
            return "–"
        spec = (formats or {}).get(column)
        if spec is not None:
            unit, decimals = spec
            return format_value(float(value), unit, decimals, lang)
        return format_number(float(value), 0 if float(value).is_integer() else 1, lang)
    return "" if value is None else str(value)


def pdf_filename(code: str) -> str:
    """A safe download name: only letters, digits, '-' and '_' from the code."""
    safe = "".join(c if (c.isalnum() and c.isascii()) or c in "-_" else "_" for c in code)
    return f"gebiedsanalyse-{safe or 'gebied'}.pdf"
