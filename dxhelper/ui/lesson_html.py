"""Lesson blocks as Qt rich text (and plain text) for the lesson preview and presentation mode.

One renderer for both screens; a `Look` holds what differs between them. The preview lets Qt
lay out paragraphs and lists with its own margins and shows pictures; the projector sets every
gap in pixels to suit its large text, draws lists as tables and names a picture instead.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImageReader

from dxhelper.core.lessons.model import Block, Image, ListBlock, Note, Paragraph, Span

NOTE_FILL = "#fff4e0"


@dataclass(frozen=True, slots=True)
class Look:
    """How the blocks are laid out; every size in px."""

    gap: int | None = None  # space below each block; None: Qt's own paragraph and list margins
    marker: int | None = None  # width of a list's number column; None: Qt's own <ol> and <ul>
    note_padding: int = 10  # space inside the tinted note box
    note_above: int = 6
    note_below: int = 10
    line_height: int | None = None  # per cent of the font's line; None: the document's own
    picture_width: int | None = None  # widest picture; None: a picture shows as its description

    @classmethod
    def room(cls, gap: int, marker: int) -> Look:
        """Presentation mode: every gap set, so the spacing grows with the projector's text.

        Lists are two-column tables: Qt's own list indent is fixed in pixels, so at projector
        sizes the numbers would be cut at the left edge; a table cell always fits its number.
        """
        return cls(
            gap=gap,
            marker=marker,
            note_padding=gap,
            note_above=gap // 2,
            note_below=gap,
            line_height=115,  # a little air between lines helps older eyes keep the line
        )

    def in_note(self) -> Look:
        """Blocks inside a note: on the projector none has a gap (the note's padding gives air)."""
        if self.gap is None:
            return self
        return replace(self, gap=0, note_padding=0, note_above=0, note_below=0)


PREVIEW_LOOK = Look(picture_width=480)  # the Lessons screen


def blocks_html(blocks: Sequence[Block], look: Look) -> str:
    """The blocks as Qt rich text; every piece of lesson text is escaped."""
    return "".join(_block_html(block, look) for block in blocks)


def _block_html(block: Block, look: Look) -> str:
    if isinstance(block, Paragraph):
        return f"<p{_paragraph_style(look)}>{spans_html(block.spans)}</p>"
    if isinstance(block, ListBlock):
        return _list_html(block, look)
    if isinstance(block, Note):
        # Qt rich text has no borders on divs; a one-cell table gives the tinted call-out box.
        return (
            f"<table width='100%' cellpadding='{look.note_padding}' cellspacing='0' "
            f"bgcolor='{NOTE_FILL}' "
            f"style='margin-top:{look.note_above}px; margin-bottom:{look.note_below}px'>"
            f"<tr><td>{blocks_html(block.blocks, look.in_note())}</td></tr></table>"
        )
    if isinstance(block, Image):
        return _image_html(block, look)
    return ""


def _paragraph_style(look: Look, *, text: bool = True) -> str:
    """A paragraph's style attribute, empty where the look leaves margins to Qt. A picture's
    paragraph keeps Qt's top margin and the document's line height."""
    rules = []
    if look.gap is not None and text:
        rules.append("margin-top:0")
    if look.gap is not None:
        rules.append(f"margin-bottom:{look.gap}px")
    if look.line_height is not None and text:
        rules.append(f"line-height:{look.line_height}%")
    return f" style='{'; '.join(rules)}'" if rules else ""


def _list_html(block: ListBlock, look: Look) -> str:
    numbers = enumerate(block.items, start=block.start)
    if look.marker is None:
        tag = "ol" if block.ordered else "ul"
        start = f" start='{block.start}'" if block.ordered else ""
        items = "".join(f"<li>{_item_html(item, look)}</li>" for _, item in numbers)
        return f"<{tag}{start}>{items}</{tag}>"
    gap = look.gap or 0
    rows = []
    for number, item in numbers:
        bullet = f"{number}." if block.ordered else "・"
        rows.append(
            f"<tr><td width='{look.marker}' style='padding-bottom:{gap // 2}px'>"
            f"{bullet}</td><td style='padding-bottom:{gap // 2}px'>"
            f"{_item_html(item, look)}</td></tr>"
        )
    return (
        f"<table width='100%' cellspacing='0' cellpadding='0' style='margin-bottom:{gap}px'>"
        f"{''.join(rows)}</table>"
    )


def _item_html(blocks: Sequence[Block], look: Look) -> str:
    """A list item of one paragraph is written without paragraph margins."""
    if len(blocks) == 1 and isinstance(blocks[0], Paragraph):
        spans = spans_html(blocks[0].spans)
        if look.gap is None:
            return spans
        line = f"; line-height:{look.line_height}%" if look.line_height is not None else ""
        return f"<p style='margin:0{line}'>{spans}</p>"
    return blocks_html(blocks, look)


def _image_html(block: Image, look: Look) -> str:
    alt = html.escape(block.alt)
    style = _paragraph_style(look, text=False)
    if look.picture_width is not None:
        size = QImageReader(str(block.path)).size()
        if size.isValid():  # a picture gone missing still leaves its description
            width = min(size.width(), look.picture_width)
            src = html.escape(QUrl.fromLocalFile(str(block.path)).toString())
            return f"<p{style}><img src='{src}' width='{width}' alt='{alt}'><br><i>{alt}</i></p>"
    return f"<p{style}><i>[{alt}]</i></p>"


def spans_html(spans: Sequence[Span]) -> str:
    """Escaped spans with their emphasis; a link's address follows its text, as on paper."""
    parts = []
    for span in spans:
        piece = html.escape(span.text).replace("\n", "<br>")
        if span.code:
            piece = f"<code>{piece}</code>"
        if span.bold:
            piece = f"<b>{piece}</b>"
        if span.italic:
            piece = f"<i>{piece}</i>"
        if span.href and span.href != span.text:
            piece += f" ({html.escape(span.href)})"  # the address as text, as on the handout
        parts.append(piece)
    return "".join(parts)


# -- the same as plain text, for screen readers ------------------------------------------------


def blocks_plain(blocks: Sequence[Block], indent: str = "") -> str:
    """The blocks as plain text, one line per paragraph or list item (screen readers)."""
    lines = []
    for block in blocks:
        if isinstance(block, Paragraph):
            lines.append(indent + _spans_plain(block.spans))
        elif isinstance(block, ListBlock):
            for number, item in enumerate(block.items, start=block.start):
                marker = f"{number}. " if block.ordered else "・"
                text = blocks_plain(item, indent + "   ").lstrip()
                lines.append(f"{indent}{marker}{text}")
        elif isinstance(block, Note):
            lines.append(blocks_plain(block.blocks, indent))
        elif isinstance(block, Image):
            lines.append(f"{indent}[{block.alt}]")
    return "\n".join(lines)


def _spans_plain(spans: Sequence[Span]) -> str:
    parts = []
    for span in spans:
        parts.append(span.text)
        if span.href and span.href != span.text:
            parts.append(f" ({span.href})")
    return "".join(parts)
