"""The PDF report to hand in: title (with the municipality), period and filters, the chart
and every table.

Page 1 carries what a coordinator reports upward: the chart, the summary beside the age bands,
and the course types. The 開催一覧 (every session held) and the per-volunteer table follow from
page 2, then the other tables. A long period simply flows on, the head row repeating on every
page; every page has "x / y" in its footer. Total rows are bold under a rule; each table's note
is printed under it. The fonts, the numbered pages and the Pdf
result are dxhelper.pdfkit's, as for handouts, so the Japanese font is found and embedded the
same way.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer
from reportlab.platypus import Table as PdfTable
from reportlab.platypus.tables import TableStyle

import dxhelper.reports.texts as texts
from dxhelper.core.models import LEARNERS_PER_HELPER
from dxhelper.pdfkit.document import Footer, FooterLook, Layout, Part, render_pdf
from dxhelper.pdfkit.fonts import FontChoice, find_font
from dxhelper.pdfkit.result import Pdf
from dxhelper.pdfkit.styles import INK, BaseStyles
from dxhelper.reports.chart import chart_drawing
from dxhelper.reports.model import Report, Table

MUTED = colors.HexColor("#444444")
HEAD_FILL = colors.HexColor("#E8EEF7")
ZEBRA = colors.HexColor("#F5F7FA")
RULE = colors.HexColor("#9AA5B5")
CELL_SIZE = 7.5
LONG_TABLE = 40  # rows: longer tables are not kept on one page
PAD = 3  # points of padding left and right of a cell
NUMBER_HEAD_MAX = 46  # a long numeric column head wraps rather than widening the column
TEXT_MIN = 48  # a text column is never squeezed below this
COLUMN_GAP = 6 * mm
MARGIN = 12 * mm
FOOTER_ROOM = 7 * mm
LAYOUT = Layout("A4", *A4, MARGIN, MARGIN + FOOTER_ROOM)
# The footer's words 1 mm below the page margin, in 7 pt, under a rule 9 pt above their baseline.
FOOTER = FooterLook(rule_drop=FOOTER_ROOM + 1 * mm - 9, text_gap=2, ink=MUTED, rule_ink=RULE)
FOOTER_SIZE = 7
CHART_HEIGHT = 56 * mm
# Which tables sit side by side on page 1, and which start page 2.
SIDE_BY_SIDE = (("summary",), ("by_age_band",))
FIRST_PAGE = ("by_course",)
DETAIL = ("sessions", "by_volunteer")


class Styles(BaseStyles):
    def __init__(self, font: FontChoice, lang: str) -> None:
        super().__init__(font, lang, leading=1.25, digits=2)  # compact: many rows to a page
        style = self.style
        self.title = style("title", 16, bold=True, spaceAfter=3)
        self.line = style("line", 8.5, textColor=MUTED, spaceAfter=1)
        self.note = style("note", 7, textColor=MUTED, spaceBefore=1, spaceAfter=4)
        self.table_title = style("table_title", 9, bold=True, spaceBefore=5, spaceAfter=2)
        # Japanese breaks between any characters; English between words, and a word longer
        # than its cell is split (reportlab's splitLongWords), so a long title still wraps.
        wrap = "CJK" if lang == "ja" else None
        self.cell = style("cell", CELL_SIZE, wordWrap=wrap, splitLongWords=1)
        self.head = style("head", CELL_SIZE, bold=True)
        self.head_right = style("head_right", CELL_SIZE, bold=True, alignment=TA_RIGHT)
        self.cell_bold = style("cell_bold", CELL_SIZE, bold=True, wordWrap=wrap, splitLongWords=1)
        # for the activity record's name and figures
        self.heading = style("heading", 12, bold=True, spaceAfter=2)
        self.figure = style("figure", 10, spaceAfter=2)


def _cell_string(value: object, kind: str) -> str:
    if value is None:
        return ""
    if kind in ("int", "num") and isinstance(value, int | float):
        return f"{value:,}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def column_widths(
    table: Table, strings: list[list[str]], font: FontChoice, available: float
) -> list[float]:
    """Each column as wide as its content; when that is too wide, text columns give way
    (their cells wrap) in proportion to their natural widths."""
    widths: list[float] = []
    for col, (head, kind) in enumerate(zip(table.columns, table.kinds, strict=True)):
        data = max((stringWidth(row[col], font.family, CELL_SIZE) for row in strings), default=0)
        head_width = stringWidth(head, font.bold, CELL_SIZE)
        if kind != "text":
            # A long head wraps: between words in English, between any characters otherwise.
            words = head.split()
            longest = max((stringWidth(w, font.bold, CELL_SIZE) for w in words), default=0)
            head_width = max(min(head_width, NUMBER_HEAD_MAX), longest if head.isascii() else 0)
        widths.append(max(data, head_width) + 2 * PAD + 1)
    text_cols = [i for i, kind in enumerate(table.kinds) if kind == "text"]
    if sum(widths) <= available or not text_cols:
        return widths
    fixed = sum(w for i, w in enumerate(widths) if i not in text_cols)
    room = max(available - fixed, TEXT_MIN * len(text_cols))
    # Cap the widest text columns first, so a short column (a category) keeps its width
    # and only the long titles wrap.
    cap = max(widths[i] for i in text_cols)
    low, high = TEXT_MIN, cap
    for _ in range(40):
        cap = (low + high) / 2
        if sum(min(widths[i], cap) for i in text_cols) > room:
            high = cap
        else:
            low = cap
    for i in text_cols:
        widths[i] = max(min(widths[i], low), TEXT_MIN)
    return widths


def table_flowables(
    table: Table, styles: Styles, available: float, *, keep: bool = True
) -> list[Flowable]:
    """The table's title and grid; the head row repeats when the grid splits across pages.

    With `keep`, the two are kept on one page when they fit (KeepTogether cannot be measured
    outside a document, so blocks laid out by hand ask for the plain pair).
    """
    strings = [
        [_cell_string(v, k) for v, k in zip(row, table.kinds, strict=True)] for row in table.rows
    ]
    widths = column_widths(table, strings, styles.font, available)
    numeric = [i for i, kind in enumerate(table.kinds) if kind in ("int", "num")]
    first_total = len(strings) - table.totals  # index of the first total row in `strings`
    head = [
        Paragraph(escape(title), styles.head_right if i in numeric else styles.head)
        for i, title in enumerate(table.columns)
    ]
    body = [
        [
            Paragraph(escape(text), styles.cell_bold if r >= first_total else styles.cell)
            if kind == "text"
            else text
            for text, kind in zip(row, table.kinds, strict=True)
        ]
        for r, row in enumerate(strings)
    ]
    grid = PdfTable([head, *body], colWidths=widths, repeatRows=1, hAlign="LEFT")
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), styles.font.family, CELL_SIZE, CELL_SIZE * 1.25),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
        ("LINEBELOW", (0, -1), (-1, -1), 0.6, RULE),
    ]
    commands += [("ALIGN", (i, 1), (i, -1), "RIGHT") for i in numeric]
    commands += [("BACKGROUND", (0, r), (-1, r), ZEBRA) for r in range(2, len(body) + 1, 2)]
    if table.totals:
        first = len(body) - table.totals + 1
        commands += [
            ("LINEABOVE", (0, first), (-1, first), 0.6, RULE),
            ("BACKGROUND", (0, first), (-1, -1), colors.white),
            ("FONT", (0, first), (-1, -1), styles.font.bold, CELL_SIZE, CELL_SIZE * 1.25),
        ]
    grid.setStyle(TableStyle(commands))
    title = Paragraph(escape(table.title), styles.table_title)
    parts: list[Flowable] = [title, grid]
    if not table.body:
        parts.append(Paragraph(escape(texts.text("no_data", styles.lang)), styles.cell))
    if table.note:
        parts.append(Paragraph(escape(table.note), styles.note))
    if keep and len(table.rows) > LONG_TABLE:
        return parts  # a long table flows over pages (its head row repeats)
    return [KeepTogether(parts)] if keep else parts


def _side_by_side(columns: list[list[Flowable]], width: float) -> PdfTable:
    column = (width - COLUMN_GAP) / len(columns)
    widths = []
    for i in range(len(columns)):
        widths += [column] if i == 0 else [COLUMN_GAP, column]
    cells: list[object] = []
    for i, flowables in enumerate(columns):
        cells += [flowables] if i == 0 else ["", flowables]
    block = PdfTable([cells], colWidths=widths, hAlign="LEFT")
    block.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return block


def _height(flowables: list[Flowable], width: float) -> float:
    total = 0.0
    for flowable in flowables:
        _w, h = flowable.wrap(width, 100_000)
        total += h + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def pdf_view(table: Table, lang: str) -> Table:
    """The table as the PDF prints it. The 開催一覧 is narrowed to fit A4 portrait: kind and
    course type share a cell, the role counts are left out (the volunteers' cell names each
    role) and so are the hours (the time is there)."""
    if table.key != "sessions":
        return table

    def narrow(values: tuple, kind_course: object, warning: object = None) -> tuple:
        last = values[14] if warning is None else warning
        return (*values[0:2], values[3], kind_course, *values[6:8], *values[11:14], last)

    def short_warning(row: tuple) -> str:
        # The full sentence is in the spreadsheets; here the helpers against the guideline.
        if not row[14] or not isinstance(row[8], int) or not isinstance(row[13], int):
            return row[14]
        if not row[8]:
            return texts.text("staffing_no_lead", lang)
        needed = -(-row[13] // LEARNERS_PER_HELPER)
        return texts.text("staffing_pdf", lang).format(have=row[8] + row[9], need=needed)

    def joined(values: tuple) -> str:
        return ("／" if lang == "ja" else " / ").join(str(v) for v in values[4:6] if v)

    # The time is never wrapped (a plain string column keeps its width).
    kinds = narrow(table.kinds, "text")
    kinds = (kinds[0], "month", *kinds[2:])
    return dataclasses.replace(
        table,
        columns=narrow(table.columns, joined(table.columns)),
        kinds=kinds,
        rows=tuple(
            narrow(row, joined(row), short_warning(row) if i < len(table.body) else None)
            for i, row in enumerate(table.rows)
        ),
    )


def report_pdf(report: Report, *, font: str | None = None) -> Pdf:
    lang = report.lang
    choice = find_font(font, lang=lang)
    styles = Styles(choice, lang)
    inner = LAYOUT.frame_width
    frame_height = LAYOUT.frame_height
    lines = list(report.filter_lines)
    if report.created:
        lines.append(texts.labelled("created", texts.date_text(report.created, lang), lang))
    joiner = "　" if lang == "ja" else "  ·  "
    head: list[Flowable] = [
        Paragraph(escape(report.full_title), styles.title),
        Paragraph(escape(joiner.join(lines)), styles.line),
        Spacer(1, 2 * mm),
        chart_drawing(report, choice, inner, CHART_HEIGHT),
        Paragraph(escape(report.chart_note), styles.note),
    ]
    tables = {t.key: pdf_view(t, lang) for t in report.tables}
    story: list[Flowable] = list(head)
    # Small tables side by side; if the block could not fit on a page (a very long period),
    # the same tables go one below the other instead, free to split.
    column = (inner - COLUMN_GAP) / len(SIDE_BY_SIDE)
    columns = [
        [
            f
            for key in keys
            if key in tables
            for f in table_flowables(tables[key], styles, column, keep=False)
        ]
        for keys in SIDE_BY_SIDE
    ]
    block = _side_by_side(columns, inner)
    if _height([*head, block], inner) <= frame_height:
        story.append(block)
    else:
        story += [
            f
            for keys in SIDE_BY_SIDE
            for key in keys
            if key in tables
            for f in table_flowables(tables[key], styles, inner)
        ]
    for key in FIRST_PAGE:
        if key in tables:
            story += table_flowables(tables[key], styles, inner)
    detail = [
        f for key in DETAIL if key in tables for f in table_flowables(tables[key], styles, inner)
    ]
    if detail:
        story += [PageBreak(), *detail]
    placed = {*FIRST_PAGE, *DETAIL, *(key for keys in SIDE_BY_SIDE for key in keys)}
    for table in report.tables:
        if table.key not in placed:
            story += table_flowables(tables[table.key], styles, inner)

    span = report.filter_lines[0] if report.filter_lines else ""
    footer = Footer(f"{report.full_title} — {span}", lang, choice.family, FOOTER_SIZE)
    data = render_pdf(
        [Part(footer, story)], LAYOUT, FOOTER, title=report.full_title, lang=lang, subject=span
    )
    return Pdf(data, choice)
