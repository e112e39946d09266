"""Printed handouts (reportlab + qrcode, no Qt): lesson guides, personal sheets, session batches."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dxhelper.core.lessons.model import Lesson
from dxhelper.handouts.document import render_pdf, write_pdf
from dxhelper.handouts.fonts import FontChoice
from dxhelper.handouts.guide import HandoutOptions, guide_part
from dxhelper.handouts.sheet import LessonProgress, Sheet, group_progress, sheet_part

__all__ = [
    "HandoutOptions",
    "LessonProgress",
    "Pdf",
    "Sheet",
    "batch_pdf",
    "group_progress",
    "guide_pdf",
    "guides_pdf",
    "sheet_pdf",
]


@dataclass(frozen=True, slots=True)
class Pdf:
    data: bytes
    font: FontChoice

    def warning(self, lang: str = "ja") -> str:
        """Non-empty when no embeddable Japanese font was found (the CLI and UI show it)."""
        return self.font.warning(lang)

    def save(self, path: str | Path) -> Path:
        return write_pdf(self.data, Path(path))


def guide_pdf(lesson: Lesson, options: HandoutOptions | None = None) -> Pdf:
    return batch_pdf([lesson], [], lesson.lang, options)


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
    return Pdf(render_pdf(parts, options.layout, title, lang), font)
