"""A :class:`~monitor.pdf.book.ProfileBook` as an A4 PDF (reportlab, pure Python): a cover
page, then exactly one page per area.

Each area's content is put in a frame that shrinks it when a long reason would push it
over the page (``KeepInFrame``), so page *n + 1* is always the *n*-th area. The class is a
chip: the class colour as background *and* the class word in it (never colour alone);
the word's colour is chosen for contrast with the chip. Every text passes through
:func:`monitor.report.plain` (reportlab's paragraphs parse markup; a name reading
``<b>`` is printed as those characters). The font is the report's DejaVu Sans (€, ë, é).
"""

from __future__ import annotations

import io
from typing import Any

from monitor.messages import t
from monitor.palette import colour
from monitor.pdf.book import AreaPage, ProfileBook, average_words
from monitor.report import FONT, FONT_BOLD, _canvas, _register_fonts, plain

#: Column widths as shares of the text width: indicator, year, value, NAP, class,
#: reason, trend.
COLUMNS = (0.19, 0.055, 0.085, 0.085, 0.145, 0.25, 0.19)
#: The order of the class legend on the cover.
LEGEND = ("beter", "rond", "slechter", "meer", "minder", "geen_gegevens")


def legend_classes(book: ProfileBook) -> list[str]:
    """The classes the cover explains: the usual ones, and any other the pages use
    (*veel beter* with the five-class method, *niet gekleurd*), in palette order."""
    used = {r.klasse for page in book.pages for _, rows in page.groups for r in rows}
    order = [
        "veel_beter", "beter", "rond", "slechter", "veel_slechter", "meer", "minder",
        "niet_gekleurd", "geen_gegevens",
    ]  # fmt: skip
    return [k for k in order if k in LEGEND or k in used]


def text_colour(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (WCAG relative luminance)."""
    channels = [int(background.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    # contrast with black (L + 0.05) / 0.05 against white 1.05 / (L + 0.05)
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#ffffff"


class _Styles:
    def __init__(self) -> None:
        from reportlab.lib.styles import ParagraphStyle

        base = ParagraphStyle("pdf-base", fontName=FONT, fontSize=9, leading=12)
        self.base = base
        self.small = ParagraphStyle("pdf-small", parent=base, fontSize=7.5, leading=9.5)
        self.note = ParagraphStyle(
            "pdf-note", parent=base, fontSize=7, leading=9, textColor="#444444"
        )
        self.cell = ParagraphStyle("pdf-cell", parent=base, fontSize=7, leading=8.6)
        self.head = ParagraphStyle("pdf-head", parent=self.cell, fontName=FONT_BOLD)
        self.chip = ParagraphStyle("pdf-chip", parent=self.cell, fontName=FONT_BOLD)
        self.h1 = ParagraphStyle(
            "pdf-h1", parent=base, fontName=FONT_BOLD, fontSize=17, leading=21, spaceAfter=4
        )
        self.h2 = ParagraphStyle(
            "pdf-h2", parent=base, fontName=FONT_BOLD, fontSize=10, leading=13, spaceBefore=6
        )
        self.banner = ParagraphStyle(
            "pdf-banner", parent=self.small, backColor="#fff3cd", borderPadding=3, spaceAfter=6
        )


def chip(klasse: str, word: str, styles: _Styles) -> Any:
    """The class as a small coloured box with its word in it."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table, TableStyle

    background = colour(klasse)
    style = ParagraphStyle(
        f"pdf-chip-{klasse}", parent=styles.chip, textColor=text_colour(background)
    )
    box = Table([[Paragraph(plain(word), style)]], hAlign="LEFT")
    box.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(background)),
                ("BOX", (0, 0), (-1, -1), 0.5, colors.HexColor("#888888")),
                ("ROUNDEDCORNERS", [2, 2, 2, 2]),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return box


def _grid() -> list[Any]:
    from reportlab.lib import colors

    return [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#cccccc")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f0f0f0")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]


def cover(book: ProfileBook, styles: _Styles, width: float) -> list[Any]:
    """The cover: title, the facts (gemeente, date, reference, data generation, set,
    areas), how to read the classes, and the contents when they fit."""
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    lang = book.lang

    def p(text: Any, style: Any = styles.base) -> Paragraph:
        return Paragraph(plain(text), style)

    levels = t(f"pdf.levels.{book.level}", lang)
    facts = [
        ("pdf.cover.gemeente", book.gemeenten),
        ("pdf.cover.date", book.made.isoformat()),
        (
            "pdf.cover.reference",
            t("pdf.cover.reference_text", lang, gemiddelde=average_words(book), levels=levels),
        ),
        (
            "pdf.cover.generation",
            t(
                "pdf.cover.generation_text",
                lang,
                generation=book.generation,
                built=book.built_at or "–",
            ),
        ),
        (
            "pdf.cover.indicators",
            book.set_name
            if str(book.indicator_count) in book.set_name
            else t(
                "pdf.cover.indicators_text", lang, name=book.set_name, count=book.indicator_count
            ),
        ),
        ("pdf.cover.areas", t("pdf.cover.areas_text", lang, n=len(book.pages), levels=levels)),
    ]
    story: list[Any] = [p(book.title(), styles.h1)]
    if book.fictional:
        story.append(p(t("app.fictional", lang), styles.banner))
    table = Table(
        [[p(t(key, lang), styles.head), p(value, styles.small)] for key, value in facts],
        colWidths=[width * 0.22, width * 0.78],
        hAlign="LEFT",
    )
    table.setStyle(TableStyle([*_grid()[:1], *_grid()[3:]]))
    story += [table, Spacer(1, 8), p(t("pdf.cover.classes", lang), styles.h2)]
    story.append(
        p(t("pdf.cover.classes_intro", lang, gemiddelde=average_words(book)), styles.small)
    )
    from monitor.messages import class_label

    legend = Table(
        [
            [
                chip(k, t(f"class_short.{k}", lang), styles),
                p(class_label(k, lang, book.gemeente), styles.small),
            ]
            for k in legend_classes(book)
        ],
        colWidths=[width * 0.18, width * 0.82],
        hAlign="LEFT",
    )
    legend.setStyle(
        TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
    )
    story += [Spacer(1, 3), legend]
    # The contents, when they fit on the cover (two columns): page n + 1 is the n-th area.
    if len(book.pages) <= 60:
        story.append(p(t("pdf.cover.contents", lang), styles.h2))
        entries = [
            p(f"{number}. {page.name} ({page.code})", styles.note)
            for number, page in enumerate(book.pages, start=2)
        ]
        half = (len(entries) + 1) // 2
        rows = [
            [entries[i], entries[i + half] if i + half < len(entries) else p("", styles.note)]
            for i in range(half)
        ]
        contents = Table(rows, colWidths=[width / 2, width / 2], hAlign="LEFT")
        contents.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), FONT),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        story.append(contents)
    return story


def area_story(page: AreaPage, book: ProfileBook, styles: _Styles, width: float) -> list[Any]:
    """One area: name and code, its parents, and per block domain a table of indicators."""
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    lang = book.lang

    def p(text: Any, style: Any = styles.cell) -> Paragraph:
        return Paragraph(plain(text), style)

    level = t(f"level.{page.level}", lang)
    story: list[Any] = [
        p(f"{page.name} ({page.code})", styles.h1),
        p(f"{level} · {page.chain}" if page.chain else level, styles.small),
        p(t("pdf.page_note", lang, gemiddelde=average_words(book)), styles.note),
    ]
    if not page.groups:
        story += [Spacer(1, 6), p(t("pdf.no_numbers", lang), styles.base)]
    headers = [
        p(t(f"pdf.col.{c}", lang), styles.head)
        for c in ("indicator", "year", "value", "nap", "class", "reason", "trend")
    ]
    widths = [width * share for share in COLUMNS]
    for title, rows in page.groups:
        data = [headers]
        for r in rows:
            data.append(
                [
                    p(r.label),
                    p(r.period),
                    p(r.value),
                    p(r.nap),
                    chip(r.klasse, r.word, styles),
                    p(r.reason),
                    p(r.trend),
                ]
            )
        table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle(_grid()))
        story += [p(title, styles.h2), table]
    return story


def pdf(book: ProfileBook) -> bytes:
    """The book as an A4 PDF: the cover, then one page per area."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepInFrame, PageBreak, SimpleDocTemplate

    _register_fonts()
    styles = _Styles()
    left, right, top, bottom = 15 * mm, 15 * mm, 14 * mm, 16 * mm
    width = A4[0] - left - right
    height = A4[1] - top - bottom
    title = book.title()

    def fit(flowables: list[Any]) -> KeepInFrame:
        # A little under the frame's height: the frame's own padding takes 12 points.
        return KeepInFrame(width, height - 14, flowables, mode="shrink")

    story: list[Any] = [fit(cover(book, styles, width))]
    for page in book.pages:
        story += [PageBreak(), fit(area_story(page, book, styles, width))]

    footer_text = t("pdf.footer", book.lang, title=title, date=book.made.isoformat())

    def footer(canvas: Any, doc: Any) -> None:
        # drawString takes plain text: nothing here is parsed as markup.
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(left, 9 * mm, footer_text[:150])
        canvas.drawRightString(A4[0] - right, 9 * mm, t("pdf.page", book.lang, page=doc.page))
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=title,
        author="Buurtmonitor",
        subject=title,
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer, canvasmaker=_canvas)
    return buffer.getvalue()
