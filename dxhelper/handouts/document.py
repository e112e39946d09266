"""One PDF made of parts (a guide, a sheet, …), each with its own footer and "page x / y".

The page count of a part is known only after layout, so the canvas keeps each page's state and
draws the footers when the document is saved (reportlab's two-pass numbered-canvas pattern).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from dxhelper.core.errors import DxError
from dxhelper.core.files import write_atomically
from dxhelper.handouts.styles import MUTED, Layout
from dxhelper.handouts.texts import text


@dataclass(frozen=True, slots=True)
class Footer:
    left: str
    lang: str
    font: str
    size: float


@dataclass(frozen=True, slots=True)
class Part:
    footer: Footer
    flowables: Sequence[Flowable]


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


class _NumberedCanvas(pdfcanvas.Canvas):
    layout: Layout

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
        layout = self.layout
        rule = layout.bottom - 5 * mm
        right = text(footer.lang, "page", page=page, total=total)
        self.saveState()
        self.setFillColor(MUTED)
        self.setStrokeColor(MUTED)
        self.setLineWidth(0.4)
        self.line(layout.margin, rule, layout.width - layout.margin, rule)
        self.setFont(footer.font, footer.size)
        for line_text, x, y, align in footer_lines(footer, right, layout, rule):
            if align == "right":
                self.drawRightString(x, y, line_text)
            else:
                self.drawString(x, y, line_text)
        self.restoreState()


def footer_lines(
    footer: Footer, right: str, layout: Layout, rule: float
) -> list[tuple[str, float, float, str]]:
    """Where the footer's two texts go: one line when they fit side by side, else two lines
    (a narrow A5 page in large print), so they never overlap."""
    y = rule - 2 * mm - footer.size
    left_width = stringWidth(footer.left, footer.font, footer.size)
    right_width = stringWidth(right, footer.font, footer.size)
    right_x = layout.width - layout.margin
    if left_width + right_width + 4 * mm <= layout.frame_width:
        return [(footer.left, layout.margin, y, "left"), (right, right_x, y, "right")]
    below = y - footer.size * 1.3
    return [(footer.left, layout.margin, y, "left"), (right, right_x, below, "right")]


def render_pdf(parts: Sequence[Part], layout: Layout, title: str, lang: str) -> bytes:
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
    maker = type("_Canvas", (_NumberedCanvas,), {"layout": layout})
    doc.build(story, canvasmaker=maker)
    return buffer.getvalue()


def write_pdf(data: bytes, target: Path) -> Path:
    """Write atomically: a full disk or a locked file never leaves half a PDF behind."""
    return write_atomically(data, target, _unwritable)


def _unwritable(target: Path, exc: OSError) -> DxError:
    return DxError(
        f"PDFを保存できません（{target}）：保存先のフォルダーがあるか、書き込めるか、空き容量が"
        f"あるかを確かめてください。（{exc.strerror or exc}）",
        f"Cannot save the PDF ({target}): check that the folder exists, is writable and has "
        f"free space. ({exc.strerror or exc})",
    )
