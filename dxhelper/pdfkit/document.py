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
from reportlab.pdfbase.pdfmetrics import standardFonts, stringWidth
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate, Spacer


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


_STANDARD_FONTS = frozenset(standardFonts)


class NumberedCanvas(pdfcanvas.Canvas):
    """Numbers each part's pages on their own (render_pdf subclasses it with a layout and look)."""

    layout: Layout
    look: FooterLook

    initial_font: str | None = None  # the embedded font; None keeps reportlab's Helvetica

    def __init__(self, *args: object, **kwargs: object) -> None:
        if self.initial_font:
            # reportlab names its default font (Helvetica, never embedded) on every page unless
            # the canvas starts in another one.
            # (the doc template passes initialFontName=None itself)
            kwargs["initialFontName"] = kwargs.get("initialFontName") or self.initial_font
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._saved_pages: list[dict] = []

    def setFont(self, psfontname: str, size: float, leading: float | None = None) -> None:
        # reportlab's tables select Helvetica (their default cell font) before drawing even a
        # flowable cell: that alone writes a non-embedded font into the PDF. Nothing of ours is
        # set in a standard font, so use the embedded one instead.
        if self.initial_font and psfontname in _STANDARD_FONTS:
            psfontname = self.initial_font
        super().setFont(psfontname, size, leading)

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
    left = fit_text(footer.left, footer.font, footer.size, layout.frame_width)
    left_width = stringWidth(left, footer.font, footer.size)
    right_width = stringWidth(right, footer.font, footer.size)
    right_x = layout.width - layout.margin
    if left_width + right_width + 4 * mm <= layout.frame_width:
        return [(left, layout.margin, y, "left"), (right, right_x, y, "right")]
    below = y - footer.size * 1.3
    return [(left, layout.margin, y, "left"), (right, right_x, below, "right")]


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """`text`, shortened with "…" when it would be wider than `width`."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


@dataclass(frozen=True, slots=True)
class PageFill:
    """One page as laid out: its part, how much of the frame's height is used (0–1), and
    whether anything but `tail` flowables (a helpline, the PIN box) was drawn on it."""

    part: int
    fill: float
    body: bool


@dataclass(frozen=True, slots=True)
class Rendered:
    data: bytes
    pages: tuple[PageFill, ...]


class _MeasuringDoc(BaseDocTemplate):
    """Records, per page, the frame's used height and whether a non-tail flowable sits on it."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fills: list[PageFill] = []
        self._part = 0
        self._body = False

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, _PartMarker):
            self._part = flowable.index
        elif not getattr(flowable, "dx_tail", False) and not isinstance(flowable, Spacer):
            self._body = True

    def afterPage(self) -> None:
        frame = self.frame
        used = (frame._y2 - frame._y) / max(frame._y2 - frame._y1, 1)  # type: ignore[attr-defined]
        self.fills.append(PageFill(self._part, round(min(max(used, 0.0), 1.0), 4), self._body))
        self._body = False


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
    return layout_pdf(parts, layout, look, title=title, lang=lang, subject=subject).data


def layout_pdf(
    parts: Sequence[Part],
    layout: Layout,
    look: FooterLook,
    *,
    title: str,
    lang: str,
    subject: str | None = None,
) -> Rendered:
    """render_pdf, keeping how full each page is (for tests, the bench and layout choices)."""
    buffer = io.BytesIO()
    doc = _MeasuringDoc(
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
    initial = parts[0].footer.font if parts else None
    maker = type(
        "_Canvas", (NumberedCanvas,), {"layout": layout, "look": look, "initial_font": initial}
    )
    doc.build(story, canvasmaker=maker)
    return Rendered(buffer.getvalue(), tuple(doc.fills))
