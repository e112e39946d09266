"""QR codes as vector drawings: crisp on any printer, and tiny in the PDF."""

from __future__ import annotations

import functools

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

QUIET_ZONE = 4  # modules of white around the code, as the standard asks
MIN_CODE_WIDTH = 22 * mm  # the dark area itself, without the quiet zone


@functools.lru_cache(maxsize=256)
def qr_matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    """The module matrix including the quiet zone (True = dark).

    Cached: choosing the mask pattern is the slow part, and the same few official addresses
    are printed again and again.
    """
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(data)
    code.make(fit=True)
    return tuple(tuple(row) for row in code.get_matrix())


@functools.lru_cache(maxsize=256)
def dark_runs(data: str) -> tuple[tuple[int, int, int], ...]:
    """(row, first column, length) of each horizontal run of dark modules."""
    runs = []
    for row_index, row in enumerate(qr_matrix(data)):
        col, count = 0, len(row)
        while col < count:
            if not row[col]:
                col += 1
                continue
            start = col
            while col < count and row[col]:
                col += 1
            runs.append((row_index, start, col - start))
    return tuple(runs)


@functools.lru_cache(maxsize=256)
def path_operators(data: str) -> str:
    """The dark runs as PDF path operators in module units (y up), ready to fill.

    Written once per address as whole numbers: formatting thousands of coordinates through
    the canvas API each time would cost more than laying out the rest of the page.
    """
    size = len(qr_matrix(data))
    rects = " ".join(
        f"{start} {size - row - 1} {length} 1 re" for row, start, length in dark_runs(data)
    )
    return f"{rects} f"


class QrCode(Flowable):
    """A QR code drawn as one filled vector path, on white, quiet zone included.

    One rectangle per horizontal run of dark modules: neighbours share edges exactly, so no
    hairline gaps appear, and the whole code is a single fill operation in the PDF.
    """

    def __init__(self, data: str, code_width: float = 26 * mm) -> None:
        super().__init__()
        self.data = data
        self.modules = len(qr_matrix(data))
        inner = self.modules - 2 * QUIET_ZONE
        self.module = max(code_width, MIN_CODE_WIDTH) / inner
        self.width = self.height = self.module * self.modules
        self.hAlign = "LEFT"

    @property
    def code_width(self) -> float:
        """Width of the dark area, without the quiet zone."""
        return self.module * (self.modules - 2 * QUIET_ZONE)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        m = self.module
        canvas.saveState()
        canvas.setFillColorRGB(1, 1, 1)
        canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        canvas.setFillColorRGB(0, 0, 0)
        canvas.scale(m, m)
        canvas.addLiteral(path_operators(self.data))
        canvas.restoreState()
