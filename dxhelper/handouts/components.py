"""Pieces shared by guides and sheets: steps, QR link grid, helpline box, the PIN warning."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
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


def step_block(number: int, step: Step, styles: Styles, width: float) -> KeepTogether:
    """A numbered step kept on one page (KeepTogether splits only a step longer than a page)."""
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
                ("TOPPADDING", (0, 0), (-1, -1), 1.5 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
            ]
        )
    )
    # Indent each body flowable on its own (not one big table cell) so a step longer than a
    # page can still flow on to the next one.
    body = [
        DDIndenter(flowable, leftIndent=number_width)
        for flowable in render_blocks(step.blocks, styles, width - number_width)
    ]
    return KeepTogether([heading, Spacer(1, 2 * mm), *body, Spacer(1, styles.sizes.body * 0.8)])


def links_grid(
    links: Sequence[Link], styles: Styles, width: float, trusted: Sequence[str] = ()
) -> list[Flowable]:
    """QR codes with the label and the printed address under each, two to a row.

    Only an address that passes the QR policy gets a code; any other is printed as text alone.
    """
    if not links:
        return []
    columns = 2 if len(links) > 1 else 1
    cell_width = width / columns
    code_width = 24 * mm if styles.sizes.body < 18 else 28 * mm
    cells: list[list[Flowable]] = []
    for link in links:
        cell: list[Flowable] = []
        if link_gets_qr(link, tuple(trusted)):
            cell.append(QrCode(link.url, code_width))
            cell.append(Para(plain(link.label), styles.label))
        else:
            cell.append(Para(plain(link.label), styles.label))
            cell.append(Para(plain(text(styles.lang, "no_qr")), styles.url))
        cell.append(Para(plain(link.url), styles.url))
        cells.append(cell)
    rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    if len(rows[-1]) < columns:
        rows[-1] = [*rows[-1], []]
    grid = Table(rows, colWidths=[cell_width] * columns)
    grid.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
            ]
        )
    )
    heading = Para(plain(text(styles.lang, "links")), styles.section)
    return [KeepTogether([heading, Spacer(1, 2 * mm), grid])]


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
