"""QR codes as sharp Qt images for the screen, with exactly the standard quiet zone round them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from dxhelper.handouts.qr import QUIET_ZONE, qr_matrix


def qr_image(url: str, size: int) -> QImage:
    """The QR code for `url` at most `size` px square: black modules, 4 modules of white round.

    Whole pixels per module keep every edge sharp, so a camera reads it even off a projector.
    Built from bytes and scaled once rather than painted module by module: far fewer calls
    into Qt for the hundreds of modules of a code.
    """
    matrix = _with_quiet_zone(qr_matrix(url))
    modules = len(matrix)
    stride = (modules + 3) // 4 * 4  # QImage rows start on 4-byte boundaries
    pixels = b"".join(
        bytes(0 if dark else 255 for dark in row) + bytes(stride - modules) for row in matrix
    )
    small = QImage(pixels, modules, modules, stride, QImage.Format.Format_Grayscale8)
    side = modules * max(1, size // modules)
    return small.scaled(
        side,
        side,
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.FastTransformation,
    )


def _with_quiet_zone(
    matrix: tuple[tuple[bool, ...], ...],
) -> tuple[tuple[bool, ...], ...]:
    """Exactly QUIET_ZONE white modules round the code, whatever border the matrix came with."""
    rows = [r for r in matrix if any(r)]
    if not rows:
        return matrix
    first = min(r.index(True) for r in rows)
    last = max(len(r) - 1 - r[::-1].index(True) for r in rows)
    core = [r[first : last + 1] for r in rows]
    width = len(core[0]) + 2 * QUIET_ZONE
    blank = (False,) * width
    pad = (False,) * QUIET_ZONE
    return (blank,) * QUIET_ZONE + tuple(pad + r + pad for r in core) + (blank,) * QUIET_ZONE
