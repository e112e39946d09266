"""QR codes as vector drawings: crisp on any printer, and tiny in the PDF."""

from __future__ import annotations

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.lib.units import mm

QUIET_ZONE = 4  # modules of white around the code, as the standard asks
MIN_CODE_WIDTH = 22 * mm  # the dark area itself, without the quiet zone


def qr_matrix(data: str) -> list[list[bool]]:
    """The module matrix including the quiet zone (True = dark)."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(data)
    code.make(fit=True)
    return code.get_matrix()


def qr_drawing(data: str, code_width: float = 26 * mm) -> Drawing:
    """A square Drawing whose dark area is at least `code_width` (never under 22 mm) wide.

    Each horizontal run of dark modules is one rectangle, which keeps the PDF small and leaves
    no hairline gaps between neighbouring modules.
    """
    matrix = qr_matrix(data)
    count = len(matrix)
    inner = count - 2 * QUIET_ZONE
    module = max(code_width, MIN_CODE_WIDTH) / inner
    size = module * count
    drawing = Drawing(size, size)
    drawing.add(Rect(0, 0, size, size, fillColor=colors.white, strokeColor=None))
    for row_index, row in enumerate(matrix):
        y = size - (row_index + 1) * module
        col = 0
        while col < count:
            if not row[col]:
                col += 1
                continue
            start = col
            while col < count and row[col]:
                col += 1
            drawing.add(
                Rect(
                    start * module,
                    y,
                    (col - start) * module,
                    module,
                    fillColor=colors.black,
                    strokeColor=None,
                    strokeWidth=0,
                )
            )
    return drawing
