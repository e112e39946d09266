"""What every PDF's paragraph styles share: the ink, one font and language, the way lines wrap.

Handouts and the report each build their own set of styles (sizes, colours, spacing) on
BaseStyles; only the style factory and the line-wrapping rule live here.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle

from dxhelper.pdfkit.fonts import FontChoice

INK = colors.HexColor("#111111")


class BaseStyles:
    """One font and one language; `style()` makes a paragraph style in them.

    `leading` is the line height as a multiple of the type size, rounded to `digits` places.
    """

    def __init__(self, font: FontChoice, lang: str, *, leading: float, digits: int) -> None:
        self.font = font
        self.lang = lang
        self._leading = leading
        self._digits = digits
        # Japanese wraps between characters (with kinsoku rules); English wraps between words.
        self._wrap = "CJK" if lang == "ja" else None

    def style(self, name: str, size: float, bold: bool = False, **extra: object) -> ParagraphStyle:
        values: dict[str, object] = {"textColor": INK, "wordWrap": self._wrap}
        values.update(extra)
        return ParagraphStyle(
            name,
            fontName=self.font.bold if bold else self.font.family,
            fontSize=size,
            leading=round(size * self._leading, self._digits),
            **values,
        )
