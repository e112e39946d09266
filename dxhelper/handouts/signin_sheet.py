"""The blank sign-in sheet (受付票): residents write their name at the door, on paper.

For venues where a laptop at the door would make a queue. Each numbered row has a line for the
reading (ふりがな) above a line for the name, and a box to tick for consent to be recorded by
name; at the bottom, tally boxes per age band count the people who would rather not be named.
The volunteer types the sheet into the app afterwards. A4 only; rows fill the page.
"""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle

from dxhelper.core.models import AgeBand
from dxhelper.handouts.blocks import Para, plain
from dxhelper.handouts.guide import HandoutOptions
from dxhelper.handouts.styles import ACCENT, BOX_FILL, FOOTER, MUTED, Styles, layout_for
from dxhelper.handouts.texts import long_date, text
from dxhelper.pdfkit.document import Footer, Part, layout_pdf
from dxhelper.pdfkit.result import Pdf

KANA_ROW = 7 * mm  # the reading line: smaller letters, still written by hand
NAME_ROW = 12 * mm  # the name line: room for an unsteady hand
TALLY_BOX = 17 * mm  # room for a few 正 under each age band
MAX_PAGES = 20


def signin_sheet_pdf(
    lang: str = "ja",
    options: HandoutOptions | None = None,
    *,
    date: dt.date | None = None,
    venue: str = "",
    pages: int = 1,
) -> Pdf:
    """`pages` A4 sign-in sheets, rows numbered on from page to page; the date and venue are
    printed when given, else left as lines to fill in."""
    if not 1 <= pages <= MAX_PAGES:
        raise ValueError(f"pages must be 1 to {MAX_PAGES}, not {pages}")
    options = options or HandoutOptions()
    font = options.font_choice(lang)
    styles = Styles(font, lang, options.large)
    layout = layout_for("A4")
    width = layout.frame_width
    story: list[Flowable] = []
    first = 1
    for page in range(pages):
        if page:
            story.append(PageBreak())
        head = _heading(styles, width, date, venue.strip())
        tally = _tally(styles, width)
        fixed = sum(_height(f, width) for f in [*head, *tally]) + 2 * mm  # a little slack
        header = _rows_table(styles, width, first, 0)
        room = layout.frame_height - fixed - _height(header, width)
        count = max(1, int(room // (KANA_ROW + NAME_ROW)))
        story.extend(head)
        story.append(_rows_table(styles, width, first, count))
        story.extend(tally)
        first += count
    footer = Footer(text(lang, "signin_footer"), lang, styles.footer_font, styles.footer_size)
    done = layout_pdf(
        [Part(footer, story)],
        layout,
        FOOTER,
        title=text(lang, "signin_title"),
        lang=lang,
        subject=text(lang, "signin_subject"),
    )
    return Pdf(done.data, font, done.pages)


def _height(flowable: Flowable, width: float) -> float:
    height = flowable.wrap(width, 10_000)[1]
    return height + flowable.getSpaceBefore() + flowable.getSpaceAfter()


def _heading(styles: Styles, width: float, date: dt.date | None, venue: str) -> list[Flowable]:
    lang = styles.lang
    title = Para(plain(text(lang, "signin_title")), styles.title)
    if date is None:
        # Spaces that stay (a paragraph collapses ordinary ones): room to write the date in.
        when = plain(text(lang, "signin_date_blank")).replace(" ", "&nbsp;")
    else:
        when = plain(text(lang, "signin_date", date=long_date(date, lang, weekday=True)))
    where = text(lang, "signin_venue", venue=venue) if venue else text(lang, "signin_venue_blank")
    lines = Table(
        [[Para(when, styles.bold), "", Para(plain(where), styles.bold)]],
        colWidths=[width * 0.5, 6 * mm, width * 0.5 - 6 * mm],
    )
    lines.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5 * mm),
                ("LINEBELOW", (0, 0), (0, 0), 0.6, MUTED),
                ("LINEBELOW", (2, 0), (2, 0), 0.6, MUTED),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 * mm),
            ]
        )
    )
    lines.spaceAfter = 2 * mm
    explain = Para(plain(text(lang, "signin_explain")), styles.subtitle)
    explain.spaceAfter = 2 * mm  # type: ignore[attr-defined]
    return [title, lines, explain]


def _rows_table(styles: Styles, width: float, first: int, count: int) -> Table:
    """Two header rows, then two rows per person: the reading over the name, the number and
    the consent box spanning both. `count` 0 gives the header alone (to measure it)."""
    lang = styles.lang
    size = styles.sizes.body
    number_width = max(
        14 * mm,
        stringWidth("000", styles.font.bold, styles.sizes.step) + 4 * mm,
        stringWidth(text(lang, "signin_number"), styles.font.bold, size) + 4 * mm + 1,
    )
    consent_width = max(
        stringWidth(text(lang, "signin_consent_head"), styles.font.bold, styles.sizes.body),
        stringWidth(text(lang, "signin_consent"), styles.font.family, styles.sizes.body)
        + styles.sizes.body * 2.2,
    )
    consent_width += 6 * mm
    write_width = width - number_width - consent_width
    centred = styles.style("signin_centred", styles.sizes.body, bold=True, alignment=1)
    rows: list[list[object]] = [
        [
            Para(plain(text(lang, "signin_number")), centred),
            Para(plain(text(lang, "signin_kana")), styles.subtitle),
            Para(plain(text(lang, "signin_consent_head")), centred),
        ],
        ["", Para(plain(text(lang, "signin_name")), styles.bold), ""],
    ]
    heights: list[float | None] = [None, None]
    number = styles.style("signin_number", styles.sizes.step, bold=True, alignment=1)
    commands: list[tuple] = [
        ("SPAN", (0, 0), (0, 1)),
        ("SPAN", (2, 0), (2, 1)),
        ("BACKGROUND", (0, 0), (-1, 1), BOX_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BOX", (0, 0), (-1, -1), 1.2, ACCENT),
        ("LINEAFTER", (0, 0), (1, -1), 0.6, MUTED),
        ("LINEBELOW", (0, 1), (-1, 1), 1.2, ACCENT),
        ("LEFTPADDING", (0, 0), (-1, -1), 2 * mm),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2 * mm),
        ("TOPPADDING", (0, 0), (-1, 1), 0.5 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, 1), 1 * mm),
        ("TOPPADDING", (0, 2), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 2), (-1, -1), 0),
    ]
    for index in range(count):
        top = 2 + 2 * index
        rows.append(
            [Para(str(first + index), number), "", ConsentBox(text(lang, "signin_consent"), styles)]
        )
        rows.append(["", "", ""])
        heights += [KANA_ROW, NAME_ROW]
        commands += [
            ("SPAN", (0, top), (0, top + 1)),
            ("SPAN", (2, top), (2, top + 1)),
            ("LINEBELOW", (1, top), (1, top), 0.5, MUTED, None, (1.5, 2)),  # dotted: same person
            ("LINEBELOW", (0, top + 1), (-1, top + 1), 0.9, MUTED),
        ]
    table = Table(
        rows,
        colWidths=[number_width, write_width, consent_width],
        rowHeights=heights,
        repeatRows=0,
    )
    table.setStyle(TableStyle(commands))
    return table


def _tally(styles: Styles, width: float) -> list[Flowable]:
    lang = styles.lang
    bands = list(AgeBand)
    label = styles.style("signin_band", styles.sizes.body, bold=True, alignment=1)
    # Every column as wide as its longest word (a word is never broken), the rest shared out.
    padding = 2 * mm
    least = [
        max(stringWidth(word, label.fontName, label.fontSize) for word in band.label(lang).split())
        + padding
        + 1
        for band in bands
    ]
    share = max(0.0, (width - sum(least)) / len(bands))
    even = width / len(bands)
    columns = [max(even, need) for need in least]
    if sum(columns) > width:
        columns = [need + share for need in least]
    table = Table(
        [[Para(plain(band.label(lang)), label) for band in bands], [""] * len(bands)],
        colWidths=columns,
        rowHeights=[None, TALLY_BOX],
    )
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), BOX_FILL),
                ("GRID", (0, 0), (-1, -1), 0.9, MUTED),
                ("BOX", (0, 0), (-1, -1), 1.2, ACCENT),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 1 * mm),
                ("RIGHTPADDING", (0, 0), (-1, -1), 1 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 1 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 * mm),
            ]
        )
    )
    heading = Para(plain(text(lang, "signin_tally")), styles.bold)
    return [Spacer(1, 3 * mm), heading, Spacer(1, 1 * mm), table]


class ConsentBox(Flowable):
    """An empty square to tick and its word ("同意する") beside it, in one table cell."""

    def __init__(self, word: str, styles: Styles) -> None:
        super().__init__()
        self.word = word
        self.font = styles.font.family
        self.size = styles.sizes.body

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = self.size * 1.6
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        side = self.size * 1.5
        canvas.saveState()
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(1.4)
        canvas.rect(0, (self.height - side) / 2, side, side, stroke=1, fill=0)
        canvas.setFillColor(MUTED)
        canvas.setFont(self.font, self.size)
        canvas.drawString(side + self.size * 0.5, (self.height - self.size) / 2 + 2, self.word)
        canvas.restoreState()
