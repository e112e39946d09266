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

from dxhelper.core.lessons.model import Lesson, Link
from dxhelper.core.models import Progress, StepState
from dxhelper.core.progress import LessonProgress
from dxhelper.core.progress import group_progress as grouped
from dxhelper.handouts.blocks import Para, plain
from dxhelper.handouts.components import closing_boxes, links_grid, venue_lines
from dxhelper.handouts.guide import HandoutOptions
from dxhelper.handouts.styles import MUTED, Styles
from dxhelper.handouts.texts import MARKS, text
from dxhelper.pdfkit.document import Footer, Part
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
    styles = Styles(font, lang, options.large)
    width = options.layout.frame_width
    story: list[Flowable] = [
        Para(
            plain(text(lang, "sheet_title", name=sheet_name_with_honorific(name, lang))),
            styles.title,
        ),
        Para(plain(text(lang, "made_on", date=_date(today, lang))), styles.subtitle),
    ]
    story.extend(venue_lines(options.venue, options.next_session, styles))
    story.append(Spacer(1, styles.sizes.body * 0.4))
    story.append(Para(plain(text(lang, "legend")), styles.bold))
    if not entries:
        story.append(Para(plain(text(lang, "no_progress")), styles.body))
    for entry in entries:
        story.append(_lesson_table(entry, styles, width))
    links: list[Link] = []
    for entry in entries:
        links.extend(link for link in entry.lesson.links if link.url not in {x.url for x in links})
    story.extend(links_grid(links, styles, width, options.trusted_domains))
    helpline = next((e.lesson.helpline for e in entries if e.lesson.helpline), None)
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
    rows = []
    for number, step in enumerate(entry.lesson.steps, start=1):
        rows.append(
            [
                Mark(MARKS[entry.state(step.id)], styles.mark.fontName, styles.sizes.step),
                Para(f"{number}.", styles.body),
                Para(plain(step.title), styles.body),
            ]
        )
    table = Table(rows, colWidths=[mark_width, number_width, width - mark_width - number_width])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, MUTED),
                ("LEFTPADDING", (0, 0), (-1, -1), 1 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 1 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 * mm),
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
            canvas.setLineWidth(self.size * 0.07)
            canvas.setLineJoin(1)
            text.setTextRenderMode(2)  # fill and stroke: a heavier tick
        text.textOut(self.mark)
        canvas.drawText(text)
        canvas.restoreState()


def _date(day: dt.date, lang: str) -> str:
    if lang == "en":
        return f"{day.day} {day:%B} {day.year}"
    return f"{day.year}年{day.month}月{day.day}日"
