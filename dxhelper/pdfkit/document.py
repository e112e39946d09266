"""One PDF made of parts (a guide, a sheet, a report), each with its own footer and "page x / y".

Every page has one frame inside the margins. The page count of a part is known only after
layout, so the canvas keeps each page's state and draws the footers when the document is saved
(reportlab's two-pass numbered-canvas pattern). Handouts and the report differ only in their
Layout and FooterLook.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate


@dataclass(frozen=True, slots=True)
class Layout:
    """The page and its margins; the body frame fills what is left."""

    paper: str
    width: float
    height: float
    margin: float  # left, right and top
    bottom: float  # bottom margin: the footer sits in it

    @property
    def frame_width(self) -> float:
        return self.width - 2 * self.margin

    @property
    def frame_height(self) -> float:
        return self.height - self.margin - self.bottom


@dataclass(frozen=True, slots=True)
class FooterLook:
    """Where the footer's rule and text sit in the bottom margin, and their colours."""

    rule_drop: float  # from the bottom of the frame down to the rule
    text_gap: float  # from the rule down to the top of the text (the baseline is a size lower)
    ink: Color
    rule_ink: Color


@dataclass(frozen=True, slots=True)
class Footer:
    """A part's footer: its own text on the left, "page x / y" on the right."""

    left: str
    lang: str
    font: str
    size: float


@dataclass(frozen=True, slots=True)
class Part:
    footer: Footer
    flowables: Sequence[Flowable]


def page_label(lang: str, page: int, total: int) -> str:
    return f"{page} / {total} ページ" if lang != "en" else f"page {page} of {total}"


class _PartMarker(Flowable):
    """Zero-size flowable: from here on, pages belong to `part`."""

    def __init__(self, index: int, footer: Footer) -> None:
        super().__init__()
        self.index = index
        self.footer = footer
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._dx_part = (self.index, self.footer)  # type: ignore[attr-defined]


class NumberedCanvas(pdfcanvas.Canvas):
    """Numbers each part's pages on their own (render_pdf subclasses it with a layout and look)."""

    layout: Layout
    look: FooterLook

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._saved_pages: list[dict] = []

    def showPage(self) -> None:
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        totals: dict[int, int] = {}
        for state in self._saved_pages:
            index = state.get("_dx_part", (0, None))[0]
            totals[index] = totals.get(index, 0) + 1
        seen: dict[int, int] = {}
        for state in self._saved_pages:
            self.__dict__.update(state)
            index, footer = state.get("_dx_part", (0, None))
            seen[index] = seen.get(index, 0) + 1
            if footer is not None:
                self._draw_footer(footer, seen[index], totals[index])
            super().showPage()
        super().save()

    def _draw_footer(self, footer: Footer, page: int, total: int) -> None:
        layout, look = self.layout, self.look
        rule = layout.bottom - look.rule_drop
        right = page_label(footer.lang, page, total)
        self.saveState()
        self.setFillColor(look.ink)
        self.setStrokeColor(look.rule_ink)
        self.setLineWidth(0.4)
        self.line(layout.margin, rule, layout.width - layout.margin, rule)
        self.setFont(footer.font, footer.size)
        baseline = rule - look.text_gap - footer.size
        for line_text, x, y, align in footer_lines(footer, right, layout, baseline):
            if align == "right":
                self.drawRightString(x, y, line_text)
            else:
                self.drawString(x, y, line_text)
        self.restoreState()


def footer_lines(
    footer: Footer, right: str, layout: Layout, y: float
) -> list[tuple[str, float, float, str]]:
    """Where the footer's two texts go (y is the baseline): one line when they fit side by side,
    else two lines (a narrow A5 page in large print), so they never overlap."""
    left_width = stringWidth(footer.left, footer.font, footer.size)
    right_width = stringWidth(right, footer.font, footer.size)
    right_x = layout.width - layout.margin
    if left_width + right_width + 4 * mm <= layout.frame_width:
        return [(footer.left, layout.margin, y, "left"), (right, right_x, y, "right")]
    below = y - footer.size * 1.3
    return [(footer.left, layout.margin, y, "left"), (right, right_x, below, "right")]


def render_pdf(
    parts: Sequence[Part],
    layout: Layout,
    look: FooterLook,
    *,
    title: str,
    lang: str,
    subject: str | None = None,
) -> bytes:
    """Lay out every part, each starting on a new page, and return the PDF bytes."""
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(layout.width, layout.height),
        leftMargin=layout.margin,
        rightMargin=layout.margin,
        topMargin=layout.margin,
        bottomMargin=layout.bottom,
        title=title,
        author="dxhelper",
        creator="dxhelper",
        subject=subject,
        lang="ja-JP" if lang == "ja" else "en",
    )
    frame = Frame(
        layout.margin,
        layout.bottom,
        layout.frame_width,
        layout.frame_height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    story: list[Flowable] = []
    for index, part in enumerate(parts):
        if index:
            story.append(PageBreak())
        story.append(_PartMarker(index, part.footer))
        story.extend(part.flowables)
    maker = type("_Canvas", (NumberedCanvas,), {"layout": layout, "look": look})
    doc.build(story, canvasmaker=maker)
    return buffer.getvalue()
