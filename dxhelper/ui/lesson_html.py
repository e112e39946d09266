"""Lesson text as Qt rich text, shared by the lesson preview and presentation mode."""

from __future__ import annotations

import html
from collections.abc import Sequence

from dxhelper.core.lessons.model import Span


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
