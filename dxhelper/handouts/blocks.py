"""The lesson intermediate form (core.lessons.model) as reportlab flowables."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, ListFlowable, ListItem, Paragraph, Table, TableStyle
from reportlab.platypus import Image as PdfImage

from dxhelper.core.lessons.model import Block, Image, ListBlock, Note, Span
from dxhelper.core.lessons.model import Paragraph as LessonParagraph
from dxhelper.handouts.styles import NOTE_EDGE, NOTE_FILL, Styles


class Para(Paragraph):
    """A Paragraph that remembers its line breaks for the width it was last wrapped to.

    KeepTogether and table cells wrap the same paragraph two or three times at one width;
    Japanese line breaking is the costliest part of a handout, so do it once.
    """

    _wrapped_width: float | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        # split() may drop blPara (no room to split here): then break the lines again.
        if available_width == self._wrapped_width and hasattr(self, "blPara"):
            return self.width, self.height
        size = super().wrap(available_width, available_height)
        self._wrapped_width = available_width
        return size


def markup(spans: Sequence[Span]) -> str:
    """reportlab's mini-HTML for a run of spans; text is escaped so `<` in a lesson is text."""
    parts = []
    for span in spans:
        piece = escape(span.text).replace("\n", "<br/>")
        if span.bold:
            piece = f"<b>{piece}</b>"
        if span.italic:
            piece = f"<i>{piece}</i>"
        if span.href:
            piece = f"<u>{piece}</u>"
        parts.append(piece)
    return "".join(parts)


def plain(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


def render_blocks(blocks: Sequence[Block], styles: Styles, width: float) -> list[Flowable]:
    flowables: list[Flowable] = []
    for block in blocks:
        flowables.extend(render_block(block, styles, width))
    return flowables


def render_block(block: Block, styles: Styles, width: float) -> list[Flowable]:
    if isinstance(block, LessonParagraph):
        return [Para(markup(block.spans), styles.body)]
    if isinstance(block, ListBlock):
        return [_list(block, styles, width)]
    if isinstance(block, Note):
        return [note_box(render_blocks(block.blocks, styles, width - 6 * mm), width)]
    if isinstance(block, Image):
        return [_image(block, styles, width)]
    raise TypeError(f"unknown block {block!r}")


def _list(block: ListBlock, styles: Styles, width: float) -> ListFlowable:
    size = styles.sizes.body
    indent = size * (2.2 if block.ordered else 1.4)
    items = [
        ListItem(render_blocks(item, styles, width - indent) or [Para("", styles.body)])
        for item in block.items
    ]
    options: dict[str, object] = {
        "bulletFontName": styles.font.bold if block.ordered else styles.font.family,
        "bulletFontSize": size,
        "leftIndent": indent,
        "bulletDedent": indent * 0.9,
        "spaceAfter": styles.body.spaceAfter * 0.6,
    }
    if block.ordered:
        return ListFlowable(items, bulletType="1", start=block.start, bulletFormat="%s.", **options)
    return ListFlowable(items, bulletType="bullet", start="・", **options)


def boxed(
    content: list[Flowable], width: float, fill: object, edge: object, line: float, rule: float = 0
) -> Table:
    """Content in a tinted, outlined box; `rule` adds a strong left edge. Splits if it must."""
    commands = [
        ("BACKGROUND", (0, 0), (-1, -1), fill),
        ("BOX", (0, 0), (-1, -1), line, edge),
        ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
        # Room for a closing mark or ー that Japanese line breaking hangs past the line end.
        ("RIGHTPADDING", (0, 0), (-1, -1), 5.5 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 1.8 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2 * mm),
    ]
    if rule:
        commands.append(("LINEBEFORE", (0, 0), (0, -1), rule, edge))
    # A short box moves whole to the next page (splitting it left an empty box behind); only
    # a long one may split inside.
    table = Table([[content]], colWidths=[width], splitInRow=1 if len(content) > 4 else 0)
    table.setStyle(TableStyle(commands))
    table.spaceBefore = 1.5 * mm
    table.spaceAfter = 2 * mm
    return table


def note_box(content: list[Flowable], width: float) -> Table:
    """A call-out: tinted box with a strong left edge, so residents spot 'what if' at a glance."""
    return boxed(content, width, NOTE_FILL, NOTE_EDGE, 0.6, rule=3)


def _image(block: Image, styles: Styles, width: float) -> Flowable:
    try:
        reader = ImageReader(str(block.path))
        pixel_w, pixel_h = reader.getSize()
    except (OSError, ValueError):
        # A lesson image that went missing after validation still leaves its description.
        return Para(f"<i>[{plain(block.alt)}]</i>", styles.body)
    draw_w = min(width * 0.7, pixel_w * 0.75)
    draw_h = draw_w * pixel_h / pixel_w
    if draw_h > 90 * mm:
        draw_w, draw_h = draw_w * 90 * mm / draw_h, 90 * mm
    image = PdfImage(str(block.path), width=draw_w, height=draw_h)
    image.hAlign = "LEFT"
    return image
