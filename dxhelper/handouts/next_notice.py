"""The next-session notice (次回のご案内): 4 or 8 identical slips on one A4, with cut lines.

Each slip says when and where the next session is, what to bring and an optional note, and at
its foot one line with the PIN reminder and the helpline. 4 slips are a quarter page each
(2 × 2), 8 an eighth (2 × 4). The words never go below the body size (only the reminder line
shrinks a little to stay one line), so words too many for an eighth of a page are an error
that says to print 4 to a page or shorten the list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer

from dxhelper.core.errors import DxError
from dxhelper.core.lessons.model import Helpline
from dxhelper.handouts.blocks import Para, plain
from dxhelper.handouts.guide import HandoutOptions
from dxhelper.handouts.styles import (
    ACCENT,
    FOOTER,
    MUTED,
    SPACING,
    WARN_EDGE,
    Styles,
    layout_for,
)
from dxhelper.handouts.texts import long_date, text
from dxhelper.pdfkit.document import Footer, Layout, Part, layout_pdf
from dxhelper.pdfkit.result import Pdf

PER_PAGE = (4, 8)
PADDING = 4 * mm  # inside each slip, from the cut line to the words
MARGIN = 8 * mm  # slips go nearer the edge than a guide: most printers print to 5 mm
MIN_REMINDER = 11.0  # the one-line reminder may shrink this far to stay on one line


def next_notice_pdf(
    lang: str = "ja",
    options: HandoutOptions | None = None,
    *,
    date: dt.date,
    time: str,
    venue: str,
    bring: Sequence[str] = (),
    note: str = "",
    per_page: int = 4,
    helpline: Helpline | None = None,
) -> Pdf:
    """One A4 of `per_page` identical slips (4 or 8). Raises DxError when the words do not fit
    an eighth of the page."""
    if per_page not in PER_PAGE:
        raise ValueError(f"per_page must be 4 or 8, not {per_page}")
    options = options or HandoutOptions()
    font = options.font_choice(lang)
    a4 = layout_for("A4")
    layout = Layout(a4.paper, a4.width, a4.height, MARGIN, MARGIN + 10 * mm)
    rows = per_page // 2
    slip_width = layout.frame_width / 2
    # A hair under the frame: the grid is one flowable and must fit it exactly.
    slip_height = (layout.frame_height - 1) / rows
    inner_width = slip_width - 2 * PADDING
    inner_height = slip_height - 2 * PADDING
    content: list[Flowable] = []
    for tightness in range(
        len(SPACING)
    ):  # roomier lines first; tighter when an eighth of a page is small
        styles = Styles(font, lang, options.large, tightness)
        content = _slip(styles, inner_width, date, time, venue, bring, note, helpline, per_page)
        if _height(content, inner_width) <= inner_height:
            break
    else:
        raise DxError(
            "次回のご案内の文字が多く、1枚に8つ入りません。4つにするか、持ち物やメモを短くして"
            "ください。",
            "The next-session notice has too many words for 8 slips on a page: print 4 to a "
            "page, or shorten what to bring or the note.",
        )
    grid = SlipGrid(content, 2, rows, slip_width, slip_height)
    footer = Footer(text(lang, "notice_footer"), lang, styles.footer_font, styles.footer_size)
    done = layout_pdf(
        [Part(footer, [grid])],
        layout,
        FOOTER,
        title=text(lang, "notice_title"),
        lang=lang,
        subject=text(lang, "notice_subject"),
    )
    return Pdf(done.data, font, done.pages)


def _slip(
    styles: Styles,
    width: float,
    date: dt.date,
    time: str,
    venue: str,
    bring: Sequence[str],
    note: str,
    helpline: Helpline | None,
    per_page: int,
) -> list[Flowable]:
    lang = styles.lang
    sizes = styles.sizes
    title_size = sizes.title if per_page == 4 else sizes.step
    title = styles.style("notice_title", title_size, bold=True, textColor=ACCENT)
    strong = styles.style("notice_strong", sizes.body, bold=True, spaceAfter=sizes.body * 0.15)
    body = styles.style("notice_body", sizes.body, spaceAfter=sizes.body * 0.15)
    shown_time = time.strip().replace("-", "〜" if lang == "ja" else "–")
    day = long_date(date, lang, weekday=True)
    story: list[Flowable] = [Para(plain(text(lang, "notice_title")), title)]
    story.append(Spacer(1, sizes.body * 0.3))
    story.append(Para(plain(text(lang, "notice_date", date=day)), strong))
    story.append(Para(plain(text(lang, "notice_time", time=shown_time)), strong))
    if venue.strip():
        story.append(Para(plain(text(lang, "notice_venue", venue=venue.strip())), strong))
    items = [item.strip() for item in bring if item.strip()]
    if items:
        heading = text(lang, "notice_bring")
        if per_page == 8:  # an eighth of a page: the list runs on after its heading
            joined = ("、" if lang == "ja" else ", ").join(items)
            story.append(
                Para(f"<b>{plain(heading)}</b>{' ' * (lang == 'en')}{plain(joined)}", body)
            )
            items = []
        else:
            story.append(Para(plain(heading), strong))
        bullet = styles.style(
            "notice_item",
            sizes.body,
            leftIndent=sizes.body * 1.1,
            firstLineIndent=-sizes.body * 1.1,
        )
        story.extend(Para(f"・{plain(item)}", bullet) for item in items)
    if note.strip():
        story.append(Spacer(1, sizes.body * 0.2))
        story.append(Para(plain(note.strip()), body))
    story.append(Spacer(1, sizes.body * 0.3))
    story.append(_reminder(styles, width, helpline))
    return story


def _reminder(styles: Styles, width: float, helpline: Helpline | None) -> Para:
    """The PIN reminder and the helpline on one line, as large as one line allows (down to
    MIN_REMINDER): with the helpline's name if that fits, else 困ったら and the number, else
    the number alone; wrapped only as a last resort."""
    lang = styles.lang
    pin = text(lang, "notice_pin")
    joiner = "・" if lang == "ja" else " · "
    choices = [pin]
    if helpline is not None:
        named = text(lang, "notice_help_label", label=helpline.label, number=helpline.number)
        help_ = text(lang, "notice_help", number=helpline.number)
        choices = [f"{pin}{joiner}{words}" for words in (named, help_, f"☎ {helpline.number}")]
    font = styles.font.bold
    size = styles.sizes.body
    words = choices[-1]
    found = False
    while not found and size >= MIN_REMINDER:
        for choice in choices:
            if stringWidth(choice, font, size) <= width:
                words, found = choice, True
                break
        else:
            size -= 0.5
    size = max(size, MIN_REMINDER)
    style = styles.style("notice_reminder", size, bold=True, textColor=WARN_EDGE)
    return Para(plain(words), style)


def _height(flowables: Sequence[Flowable], width: float) -> float:
    total = 0.0
    for flowable in flowables:
        total += flowable.wrap(width, 10_000)[1]
        total += flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


class SlipGrid(Flowable):
    """The whole page of slips: the same words in every cell, dashed cut lines between."""

    def __init__(
        self,
        content: Sequence[Flowable],
        columns: int,
        rows: int,
        slip_width: float,
        slip_height: float,
    ) -> None:
        super().__init__()
        self.content = list(content)
        self.columns, self.rows = columns, rows
        self.slip_width, self.slip_height = slip_width, slip_height
        self.width = columns * slip_width
        self.height = rows * slip_height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        inner = self.slip_width - 2 * PADDING
        for flowable in self.content:
            flowable.wrap(inner, 10_000)
        canvas.saveState()
        canvas.setStrokeColor(MUTED)
        canvas.setLineWidth(0.6)
        canvas.setDash(4, 3)
        for column in range(self.columns + 1):
            x = column * self.slip_width
            canvas.line(x, 0, x, self.height)
        for row in range(self.rows + 1):
            y = row * self.slip_height
            canvas.line(0, y, self.width, y)
        canvas.restoreState()
        for row in range(self.rows):
            for column in range(self.columns):
                x = column * self.slip_width + PADDING
                y = self.height - row * self.slip_height - PADDING
                for flowable in self.content[:-1]:
                    y -= flowable.getSpaceBefore()
                    height = flowable.wrap(inner, 10_000)[1]
                    y -= height
                    flowable.drawOn(canvas, x, y)
                    y -= flowable.getSpaceAfter()
                # The reminder sits at the foot of the slip, where every slip has it.
                bottom = (self.rows - 1 - row) * self.slip_height + PADDING
                self.content[-1].drawOn(canvas, x, bottom)
