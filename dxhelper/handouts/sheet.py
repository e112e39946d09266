"""The personal progress sheet: one resident's lessons, ticked, with where to start next time.

Only the name the resident chose to be called by is printed: no reading, age band, note or id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from dxhelper.core.lessons.model import Helpline, Lesson, Link
from dxhelper.core.models import Progress, StepState
from dxhelper.core.progress import LessonProgress
from dxhelper.core.progress import group_progress as grouped
from dxhelper.handouts.blocks import Para, boxed, plain
from dxhelper.handouts.components import closing_boxes, links_grid, venue_lines
from dxhelper.handouts.guide import HandoutOptions
from dxhelper.handouts.styles import FOOTER, MUTED, SPACING, WARN_EDGE, WARN_FILL, Styles
from dxhelper.handouts.texts import MARKS, text
from dxhelper.pdfkit.document import Footer, Part, layout_pdf
from dxhelper.pdfkit.fonts import FontChoice


@dataclass(frozen=True, slots=True)
class Sheet:
    """One resident's sheet: the name they go by and their progress grouped by lesson."""

    name: str
    entries: Sequence[LessonProgress]


def group_progress(
    progress: Iterable[Progress], lessons: Mapping[str, Lesson]
) -> list[LessonProgress]:
    """The resident's progress rows per lesson, in catalogue order, skipping unknown lessons."""
    return [entry for entry in grouped(progress, lessons) if entry.lesson is not None]


def sheet_part(
    name: str,
    entries: Sequence[LessonProgress],
    options: HandoutOptions,
    font: FontChoice,
    lang: str,
    today: dt.date,
) -> Part:
    """The sheet on one page when it can be: with the QR codes of its lessons if they still
    fit, else with a line saying that each lesson's guide has them."""
    tries = [(True, 0), (True, TIGHTEST), (False, 0), (False, TIGHTEST)]
    if not any(e.lesson.links for e in entries if e.lesson is not None):
        tries = [(True, 0), (True, TIGHTEST)]
    for links, tightness in tries:
        trial = _sheet_part(name, entries, options, font, lang, today, links, tightness)
        if len(layout_pdf([trial], options.layout, FOOTER, title=name, lang=lang).pages) == 1:
            break
    # Afresh: reportlab's flowables keep state from the layout they were in.
    return _sheet_part(name, entries, options, font, lang, today, links, tightness)


TIGHTEST = len(SPACING) - 1


# Said where the QR codes would not fit on the sheet's one page.
LINKS_ON_GUIDES = {
    "ja": "公式ページのQRコードは、それぞれの講座の手引きにのっています。",
    "en": "The QR codes for the official pages are on each lesson's guide.",
}


def _sheet_part(
    name: str,
    entries: Sequence[LessonProgress],
    options: HandoutOptions,
    font: FontChoice,
    lang: str,
    today: dt.date,
    links: bool,
    tightness: int,
) -> Part:
    styles = Styles(font, lang, options.large, tightness)
    width = options.layout.frame_width
    story: list[Flowable] = [
        Para(
            plain(text(lang, "sheet_title", name=sheet_name_with_honorific(name, lang))),
            styles.title,
        ),
    ]
    made_on = plain(text(lang, "made_on", date=_date(today, lang)))
    legend = plain(text(lang, "legend"))
    if tightness == TIGHTEST:  # one line for both, to keep a full sheet on its page
        story.append(Para(f"{made_on}　　<b>{legend}</b>", styles.subtitle))
        story.extend(venue_lines(options.venue, options.next_session, styles))
    else:
        story.append(Para(made_on, styles.subtitle))
        story.extend(venue_lines(options.venue, options.next_session, styles))
        story.append(Spacer(1, styles.sizes.body * 0.4))
        story.append(Para(legend, styles.bold))
    if not entries:
        story.append(Para(plain(text(lang, "no_progress")), styles.body))
    for entry in entries:
        story.append(_lesson_table(entry, styles, width))
    addresses: list[Link] = []
    for entry in entries:
        addresses.extend(
            link for link in entry.lesson.links if link.url not in {x.url for x in addresses}
        )
    if links:
        story.extend(links_grid(addresses, styles, width, options.trusted_domains))
    elif addresses:
        story.append(Spacer(1, styles.sizes.body * 0.4))
        story.append(Para(plain(LINKS_ON_GUIDES[lang]), styles.body))
    helpline = next((e.lesson.helpline for e in entries if e.lesson.helpline), None)
    if tightness == TIGHTEST and helpline is not None:
        story.append(_compact_closing(helpline, styles, width))
    else:
        story.append(closing_boxes(helpline, styles, width))
    footer = Footer(
        text(lang, "sheet_footer", date=today.isoformat()),
        lang,
        styles.footer_font,
        styles.footer_size,
    )
    return Part(footer, story)


def _lesson_table(entry: LessonProgress, styles: Styles, width: float) -> KeepTogether:
    mark_width = styles.sizes.step * 1.8
    number_width = styles.sizes.body * 2.0
    cells = [
        [
            Mark(MARKS[entry.state(step.id)], styles.mark.fontName, styles.sizes.step),
            Para(f"{number}.", styles.body),
            Para(plain(step.title), styles.body),
        ]
        for number, step in enumerate(entry.lesson.steps, start=1)
    ]
    # Two columns (read down the left, then the right) when every step title fits half the
    # width on one line: three lessons then share one page.
    half = width / 2
    # The number column holds "10." on one line: its text plus the cell's paddings.
    narrow_mark = styles.sizes.step * 1.5
    narrow_number = stringWidth("10.", styles.body.fontName, styles.body.fontSize) + 1 * mm + 8
    title_width = half - narrow_mark - narrow_number - 3 * mm
    font, size = styles.body.fontName, styles.body.fontSize
    two = len(cells) > 3 and all(
        stringWidth(step.title, font, size) <= title_width * 1.9 for step in entry.lesson.steps
    )
    if two:
        down = (len(cells) + 1) // 2
        rows = [
            cells[i] + (cells[i + down] if i + down < len(cells) else ["", "", ""])
            for i in range(down)
        ]
        column = [narrow_mark, narrow_number, half - narrow_mark - narrow_number]
        table = Table(rows, colWidths=column * 2)
    else:
        rows = cells
        table = Table(rows, colWidths=[mark_width, number_width, width - mark_width - number_width])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, MUTED),
                ("LEFTPADDING", (0, 0), (-1, -1), 1 * mm),
                # Tighter rows at tighter spacing: three long lessons still share a page.
                ("TOPPADDING", (0, 0), (-1, -1), (1 - 0.15 * styles.tightness) * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), (1.5 - 0.25 * styles.tightness) * mm),
            ]
        )
    )
    lang = styles.lang
    next_step = entry.next_step
    if next_step is None:
        closing = Para(plain(text(lang, "all_done")), styles.bold)
    else:
        closing = Para(plain(text(lang, "next_time", step=next_step.title)), styles.bold)
    heading = Para(plain(entry.lesson.title), styles.section)
    return KeepTogether([heading, Spacer(1, 1.5 * mm), table, Spacer(1, 1.5 * mm), closing])


def _compact_closing(helpline: Helpline, styles: Styles, width: float) -> Flowable:
    """The helpline and the PIN warning in one box of three lines, for a full sheet."""
    content: list[Flowable] = [
        Para(f"{plain(helpline.label)}　☎ {plain(helpline.number)}", styles.bold),
    ]
    if helpline.hours:
        content.append(
            Para(plain(text(styles.lang, "helpline_hours", hours=helpline.hours)), styles.body)
        )
    content.append(Para(plain(text(styles.lang, "never_pin")), styles.warning))
    return boxed(content, width, WARN_FILL, WARN_EDGE, 2)


HONORIFICS = ("さん", "ちゃん", "くん", "様", "さま", "先生")


def sheet_name_with_honorific(name: str, lang: str = "ja") -> str:
    """The name as the sheet addresses the resident: "山田 花子 さん", but a name that already
    ends in an honorific (カズさん, 先生, ミヨちゃん) gets no second one."""
    name = name.strip()
    if lang == "en" or name.endswith(HONORIFICS):
        return name
    return f"{name} さん"


class Mark(Flowable):
    """A row's mark (✓ △ □) as text, centred in its cell; ✓ is drawn with an outline stroke too
    so "done" is never printed lighter than the empty box beside it."""

    def __init__(self, mark: str, font: str, size: float) -> None:
        super().__init__()
        self.mark, self.font, self.size = mark, font, size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = self.size * 1.2
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        text = canvas.beginText()
        text.setFont(self.font, self.size)
        x = (self.width - stringWidth(self.mark, self.font, self.size)) / 2
        text.setTextOrigin(x, self.size * 0.22)
        if self.mark == MARKS[StepState.DONE]:
            canvas.setLineWidth(self.size * 0.18)
            canvas.setLineJoin(1)
            text.setTextRenderMode(2)  # fill and stroke: a heavier tick
        text.textOut(self.mark)
        canvas.drawText(text)
        canvas.restoreState()


def _date(day: dt.date, lang: str) -> str:
    if lang == "en":
        return f"{day.day} {day:%B} {day.year}"
    return f"{day.year}年{day.month}月{day.day}日"
