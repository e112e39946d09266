"""Pieces shared by guides and sheets: steps, QR link grid, helpline box, the PIN warning."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    DDIndenter,
    Flowable,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)

from dxhelper.core.lessons.model import Helpline, Link, Step
from dxhelper.core.qr_policy import link_gets_qr
from dxhelper.handouts.blocks import Para, boxed, plain, render_blocks
from dxhelper.handouts.qr import QrCode
from dxhelper.handouts.styles import (
    ACCENT,
    BOX_FILL,
    WARN_EDGE,
    WARN_FILL,
    Styles,
)
from dxhelper.handouts.texts import text


def step_block(number: int, step: Step, styles: Styles, width: float) -> list[Flowable]:
    """A numbered step: its heading, kept with the step's first block, then the rest, which
    flows on to the next page where it must (a step is not kept whole: that left pages half
    empty)."""
    size = styles.sizes.step
    number_width = size * 2.0
    heading = Table(
        [
            [
                Para(str(number), styles.step_number),
                Para(plain(step.title), styles.step_title),
            ]
        ],
        colWidths=[number_width, width - number_width],
    )
    heading.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (0, 0), ACCENT),
                ("ALIGN", (0, 0), (0, 0), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (1, 0), (1, 0), 1.2, ACCENT),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), 0),
                ("LEFTPADDING", (1, 0), (1, 0), 3 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 1 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.3 * mm),
            ]
        )
    )
    heading.spaceBefore = styles.step_gap
    heading.spaceAfter = 1.5 * mm
    heading.keepWithNext = True
    # Indent each body flowable on its own (not one big table cell) so a step longer than a
    # page can still flow on to the next one.
    body = [
        DDIndenter(flowable, leftIndent=number_width)
        for flowable in render_blocks(step.blocks, styles, width - number_width)
    ]
    return [heading, *body]


def links_grid(
    links: Sequence[Link], styles: Styles, width: float, trusted: Sequence[str] = ()
) -> list[Flowable]:
    """QR codes with the label and the printed address beside each, two to a row.

    Only an address that passes the QR policy gets a code; any other is printed as text alone.
    """
    if not links:
        return []
    code_width = 24 * mm if styles.sizes.body < 18 else 28 * mm
    # The drawn code is wider than its dark area by the quiet zone; the words start after that.
    drawn = max(QrCode(link.url, code_width).width for link in links) + 2 * mm
    # Two to a row with the words beside each code when they still get a fair width; else one
    # to a row beside (shorter than two with the words under); else under (A5 large print).
    columns = 2 if len(links) > 1 else 1
    if width / columns - drawn - 4 * mm < styles.sizes.body * 8:
        columns = 1
    cell_width = width / columns
    beside = cell_width - drawn - 4 * mm >= styles.sizes.body * 8
    words_width = cell_width - drawn - 4 * mm if beside else cell_width - 4 * mm
    cells: list[list[Flowable]] = []
    for link in links:
        words: list[Flowable] = [Para(plain(link.label), styles.label)]
        code = link_gets_qr(link, tuple(trusted))
        if not code:
            words.append(Para(plain(text(styles.lang, "no_qr")), styles.url))
        # A point of slack: the paragraph's own measure rounds differently and would break a
        # line that fits exactly.
        style = url_style(link.url, styles, words_width - 1)
        lines = url_lines(link.url, style.fontName, style.fontSize, words_width - 1)
        words.append(Para("<br/>".join(plain(line) for line in lines), style))
        if not code:
            cells.append(words)
        elif beside:
            qr = QrCode(link.url, code_width)
            pair = Table([[qr, words]], colWidths=[drawn, words_width])
            pair.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), *_NO_PADDING]))
            cells.append([pair])
        else:
            cells.append([QrCode(link.url, code_width), *words])
    rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    if len(rows[-1]) < columns:
        rows[-1] = [*rows[-1], []]
    # One table per row: a page may break between rows, and the guide can keep just the last
    # row (not the whole grid) with the closing boxes.
    tables = []
    for row in rows:
        table = Table([row], colWidths=[cell_width] * columns)
        table.setStyle(TableStyle(_GRID_STYLE))
        tables.append(table)
    heading = Para(plain(text(styles.lang, "links")), styles.section)
    return [KeepTogether([heading, Spacer(1, 1.5 * mm), tables[0]]), *tables[1:]]


_GRID_STYLE = [
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
]


def url_lines_fit(url: str, font: str, size: float, width: float) -> bool:
    return all(stringWidth(piece, font, size) <= width for piece in _URL_PIECES.findall(url))


def url_style(url: str, styles: Styles, width: float) -> ParagraphStyle:
    """The address style, a little smaller when one piece between "/" and "." would not fit
    the width at full size (it would otherwise be broken mid-word)."""
    style = styles.url
    size = style.fontSize
    while size > MIN_URL_SIZE and not url_lines_fit(url, style.fontName, size, width):
        size -= 0.5
    if size == style.fontSize:
        return style
    leading = style.leading * size / style.fontSize
    return ParagraphStyle(f"url{size}", parent=style, fontSize=size, leading=leading)


MIN_URL_SIZE = 8.5
_URL_PIECES = re.compile(r"[^/.]*[/.]|[^/.]+$")


def url_lines(url: str, font: str, size: float, width: float) -> list[str]:
    """An address in lines no wider than `width`, broken only after a "/" or a "." (a piece
    with neither that is still too wide stays whole rather than being cut mid-word)."""
    pieces = _URL_PIECES.findall(url)
    lines: list[str] = []
    line = ""
    for piece in pieces:
        if line and stringWidth(line + piece, font, size) > width:
            lines.append(line)
            line = piece
        else:
            line += piece
    if line:
        lines.append(line)
    return lines


def closing_boxes(helpline: Helpline | None, styles: Styles, width: float) -> Flowable:
    """The helpline and the PIN warning: side by side when both fit the width, else stacked."""
    gap = 3 * mm
    side = (width - gap) / 2
    if helpline is not None and side >= styles.sizes.body * 15:
        left = helpline_box(helpline, styles, side)[0]
        right = never_pin_box(styles, side)
        for box in (left, right):
            box.spaceBefore = box.spaceAfter = 0
        pair = Table([[left, [], right]], colWidths=[side, gap, side])
        pair.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), *_NO_PADDING]))
        pair.spaceBefore = 2 * mm
        pair.dx_tail = True  # type: ignore[attr-defined]
        return pair
    boxes: list[Flowable] = [*helpline_box(helpline, styles, width), never_pin_box(styles, width)]
    for box in boxes:
        box.dx_tail = True  # type: ignore[attr-defined]
    return KeepTogether(boxes)


_NO_PADDING = [
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
]


def helpline_box(helpline: Helpline | None, styles: Styles, width: float) -> list[Flowable]:
    if helpline is None:
        return []
    content: list[Flowable] = [
        Para(plain(helpline.label), styles.bold),
        Para(f"☎ {plain(helpline.number)}", styles.step_title),
    ]
    if helpline.hours:
        content.append(
            Para(plain(text(styles.lang, "helpline_hours", hours=helpline.hours)), styles.body)
        )
    return [boxed(content, width, BOX_FILL, ACCENT, 1)]


def never_pin_box(styles: Styles, width: float) -> Table:
    content = [
        Para(plain(text(styles.lang, "never_pin")), styles.warning),
        Para(plain(text(styles.lang, "never_pin_more")), styles.body),
    ]
    return boxed(content, width, WARN_FILL, WARN_EDGE, 2)


def venue_lines(venue: str, next_session: str, styles: Styles) -> list[Flowable]:
    lines = []
    if venue:
        lines.append(Para(plain(text(styles.lang, "venue", venue=venue)), styles.bold))
    if next_session:
        lines.append(Para(plain(text(styles.lang, "next", next=next_session)), styles.bold))
    return lines
