"""A finished PDF: its bytes and the font it was set in, saved atomically.

Every maker of a PDF (handouts, the report) returns this one type, so callers show the same
missing-font warning and save the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dxhelper.core.errors import DxError
from dxhelper.core.files import shown, write_atomically
from dxhelper.pdfkit.document import PageFill
from dxhelper.pdfkit.fonts import FontChoice


@dataclass(frozen=True, slots=True)
class Pdf:
    data: bytes
    font: FontChoice
    pages: tuple[PageFill, ...] = field(default=(), compare=False)  # as laid out, when known

    def warning(self, lang: str = "ja") -> str:
        """Non-empty when no embeddable Japanese font was found (the CLI and UI show it)."""
        return self.font.warning(lang)

    def save(self, path: str | Path) -> Path:
        """Save atomically; a name that cannot be written is refused (DxError) before any
        file is made."""
        return write_pdf(self.data, Path(path))


def write_pdf(data: bytes, target: Path) -> Path:
    """Write atomically: a full disk or a locked file never leaves half a PDF behind."""
    return write_atomically(data, target, _unwritable)


def _unwritable(target: Path, exc: OSError) -> DxError:
    return DxError(
        f"PDFを保存できません（{shown(target)}）：保存先のフォルダーがあるか、書き込めるか、空き容量が"
        f"あるかを確かめてください。（{exc.strerror or exc}）",
        f"Cannot save the PDF ({shown(target)}): check that the folder exists, is writable and has "
        f"free space. ({exc.strerror or exc})",
    )
