"""Print a PDF through Qt's own preview and print dialogs, and save or open it.

QtPdf is not part of PySide6-Essentials, so pypdfium2 renders each page at the printer's
resolution and QPainter draws the image onto the printer's page.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2
from PySide6.QtCore import QRect, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

MAX_DPI = 300  # enough for 14 pt type and QR codes; keeps memory sane for many pages


def page_count(pdf: bytes) -> int:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def render_page(pdf: bytes, index: int, dpi: float) -> QImage:
    """One page as a QImage at `dpi` (for printing and for on-screen previews)."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        bitmap = document[index].render(scale=dpi / 72, rev_byteorder=True)
        pil = bitmap.to_pil().convert("RGBA")
    finally:
        document.close()
    data = pil.tobytes()
    image = QImage(data, pil.width, pil.height, pil.width * 4, QImage.Format.Format_RGBA8888)
    return image.copy()  # own the pixels: `data` is freed when this returns


def paint_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Draw every page of `pdf` onto `printer`, one PDF page per sheet; returns pages painted."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        sizes = [document.get_page_size(i) for i in range(len(document))]
    finally:
        document.close()
    if not sizes:
        return 0
    dpi = min(printer.resolution(), MAX_DPI)
    width_pt, _height_pt = sizes[0]
    paper = QPageSize.PageSizeId.A5 if width_pt < 500 else QPageSize.PageSizeId.A4
    printer.setPageSize(QPageSize(paper))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        for index in range(len(sizes)):
            if index:
                printer.newPage()
            image = render_page(pdf, index, dpi)
            target = printer.pageLayout().paintRectPixels(printer.resolution())
            area = QRect(0, 0, target.width(), target.height())
            scaled = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(area.topLeft(), scaled), image)
        return len(sizes)
    finally:
        painter.end()


def preview_dialog(pdf: bytes, parent: QWidget | None = None) -> QPrintPreviewDialog:
    """Qt's print preview for `pdf`; its Print button opens the system print dialog."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)  # the PDF already has its margins
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.paintRequested.connect(lambda p: paint_pdf(pdf, p))
    dialog._printer = printer  # type: ignore[attr-defined] - keep alive with the dialog
    return dialog


def print_to_file(pdf: bytes, target: Path) -> int:
    """Print through QPrinter into a PDF file (what "Print" does, without a printer)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    printer.setResolution(150)
    return paint_pdf(pdf, printer)


def open_file(path: Path) -> bool:
    """Open a saved PDF in the computer's PDF viewer."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
