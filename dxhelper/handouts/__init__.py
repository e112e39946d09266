"""Printed handouts (reportlab + qrcode, no Qt): lesson guides, personal sheets, session batches.

The PDF plumbing (fonts, the numbered pages, the Pdf result) is dxhelper.pdfkit's, shared with
the report; Pdf is re-exported here for the app and the CLI.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from dxhelper.core.lessons.model import Lesson
from dxhelper.handouts.attendance_certificate import certificates_pdf
from dxhelper.handouts.guide import HandoutOptions, fitted_guide, guide_part
from dxhelper.handouts.next_notice import next_notice_pdf
from dxhelper.handouts.records import Certificate
from dxhelper.handouts.sheet import (
    LessonProgress,
    Sheet,
    group_progress,
    sheet_name_with_honorific,
    sheet_part,
)
from dxhelper.handouts.signin_sheet import signin_sheet_pdf
from dxhelper.handouts.styles import FOOTER
from dxhelper.handouts.texts import text
from dxhelper.pdfkit.document import layout_pdf
from dxhelper.pdfkit.result import Pdf

__all__ = [
    "Certificate",
    "HandoutOptions",
    "LessonProgress",
    "Pdf",
    "Sheet",
    "batch_pdf",
    "certificates_pdf",
    "group_progress",
    "guide_pdf",
    "guides_pdf",
    "next_notice_pdf",
    "sheet_pdf",
    "signin_sheet_pdf",
]


def guide_pdf(lesson: Lesson, options: HandoutOptions | None = None) -> Pdf:
    """One guide, in the loosest spacing that keeps it to its fewest pages."""
    options = options or HandoutOptions()
    font = options.font_choice(lesson.lang)
    done = fitted_guide(lesson, options, font)[1]  # its last trial layout is the PDF itself
    return Pdf(done.data, font, done.pages)


def guides_pdf(lessons: Sequence[Lesson], options: HandoutOptions | None = None) -> Pdf:
    return batch_pdf(lessons, [], lessons[0].lang if lessons else "ja", options)


def sheet_pdf(
    sheet: Sheet,
    lang: str = "ja",
    options: HandoutOptions | None = None,
    today: dt.date | None = None,
) -> Pdf:
    return batch_pdf([], [sheet], lang, options, today)


def batch_pdf(
    lessons: Sequence[Lesson],
    sheets: Sequence[Sheet],
    lang: str = "ja",
    options: HandoutOptions | None = None,
    today: dt.date | None = None,
) -> Pdf:
    """Lesson guides, then one progress sheet per resident, as one PDF (a session's print run).

    Every part starts on a new page and numbers its own pages.
    """
    options = options or HandoutOptions()
    font = options.font_choice(lang)
    day = today or dt.date.today()
    parts = [guide_part(lesson, options, font) for lesson in lessons]
    parts += [sheet_part(s.name, s.entries, options, font, lang, day) for s in sheets]
    titles = [lesson.title for lesson in lessons] + [s.name for s in sheets]
    title = titles[0] if len(titles) == 1 else "dxhelper"
    if len(lessons) == 1 and not sheets:
        subject = text(lang, "guide_subject", title=lessons[0].title)
    else:
        subject = text(lang, "batch_subject" if lessons else "sheet_subject")
    if sheets and not lessons and len(sheets) == 1:
        title = text(lang, "sheet_title", name=sheet_name_with_honorific(sheets[0].name, lang))
    done = layout_pdf(parts, options.layout, FOOTER, title=title, lang=lang, subject=subject)
    return Pdf(done.data, font, done.pages)
