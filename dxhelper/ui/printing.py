"""Print PDFs without freezing the window: pages rendered by pypdfium2 in a worker thread.

QtPdf is not part of PySide6-Essentials, so pypdfium2 renders each page and QPainter draws the
image onto the printer's page. PDFium is not thread-safe, so every call into it holds one lock.

- `PrintJob`: one PDF and how many copies of it (a print run: the guides × N, the sheets × 1).
- `PrintWorker`: paints jobs onto a QPrinter in its own thread, with progress and cancel; a PDF
  file printer writes a temporary file that becomes the target only when every page is done.
- `PreviewDialog`: a preview that renders only the pages in view, in its own thread, so the
  first page shows at once however long the run; its Print button starts a `PrintWorker`.

`preview_dialog` (Qt's own QPrintPreviewDialog) and `print_to_file` are the simple blocking
forms, kept for small documents and tests.
"""

from __future__ import annotations

import contextlib
import math
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
from PySide6.QtCore import QRect, QSize, Qt, QThread, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPixmap,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QLabel,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

MAX_DPI = 300  # enough for 14 pt type and QR codes; keeps memory sane for many pages
PREVIEW_CACHE = 24  # rendered preview pages kept; the others are rendered again when in view

_PDFIUM = threading.Lock()  # PDFium must never be entered from two threads at once


@dataclass(frozen=True, slots=True)
class PrintJob:
    """One PDF printed `copies` times (the printer collates them when it can)."""

    data: bytes
    copies: int = 1
    title: str = ""


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """Each page's width and height in points."""
    with _PDFIUM:
        document = pypdfium2.PdfDocument(pdf)
        try:
            return [document.get_page_size(i) for i in range(len(document))]
        finally:
            document.close()


def page_count(pdf: bytes) -> int:
    return len(page_sizes(pdf))


def sheets_of_paper(jobs: Sequence[tuple[int, int]], duplex: bool = False) -> int:
    """Sheets used by jobs of (pages, copies): one page a sheet, or two when printing duplex."""
    per_copy = (lambda pages: math.ceil(pages / 2)) if duplex else (lambda pages: pages)
    return sum(per_copy(pages) * copies for pages, copies in jobs)


def _image(document: pypdfium2.PdfDocument, index: int, dpi: float) -> QImage:
    """Page `index` as a QImage; the caller holds the PDFium lock."""
    page = document[index]
    try:
        bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
        try:
            pil = bitmap.to_pil().convert("RGB")
        finally:
            bitmap.close()
    finally:
        page.close()
    data = pil.tobytes()
    image = QImage(data, pil.width, pil.height, pil.width * 3, QImage.Format.Format_RGB888)
    return image.copy()  # own the pixels: `data` is freed when this returns


def render_page(pdf: bytes, index: int, dpi: float) -> QImage:
    """One page as a QImage at `dpi` (for printing and for on-screen previews)."""
    with _PDFIUM:
        document = pypdfium2.PdfDocument(pdf)
        try:
            return _image(document, index, dpi)
        finally:
            document.close()


class Cancelled(Exception):
    """The print run was cancelled: the printer job was aborted, no file was left."""


def _fit_paper(printer: QPrinter, size: tuple[float, float]) -> None:
    paper = QPageSize.PageSizeId.A5 if size[0] < 500 else QPageSize.PageSizeId.A4
    printer.setPageSize(QPageSize(paper))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)


def _draw(painter: QPainter, printer: QPrinter, image: QImage) -> None:
    target = printer.pageLayout().paintRectPixels(printer.resolution())
    area = QRect(0, 0, target.width(), target.height())
    scaled = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    painter.drawImage(QRect(area.topLeft(), scaled), image)


def paint_jobs(
    jobs: Sequence[PrintJob],
    printer: QPrinter,
    *,
    cancelled: Callable[[], bool] = lambda: False,
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> int:
    """Paint `jobs` onto `printer`, one PDF page per sheet; returns the pages painted.

    A real printer gets one print job per PrintJob with its copy count (Qt repeats the pages
    itself where the printer cannot); a PDF file gets every copy, one after another. Raises
    Cancelled when `cancelled()` turns true between pages (the printer job is aborted).
    """
    to_file = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
    documents: list[tuple[PrintJob, pypdfium2.PdfDocument, list[tuple[float, float]]]] = []
    with _PDFIUM:
        for job in jobs:
            document = pypdfium2.PdfDocument(job.data)
            sizes = [document.get_page_size(i) for i in range(len(document))]
            if sizes and job.copies > 0:
                documents.append((job, document, sizes))
            else:
                document.close()
    dpi = min(printer.resolution(), MAX_DPI)
    native = not to_file and printer.supportsMultipleCopies()
    repeats = [1 if native else job.copies for job, _, _ in documents]
    total = sum(len(sizes) * n for (_, _, sizes), n in zip(documents, repeats, strict=True))
    done = 0
    painter = QPainter()
    try:
        for number, ((job, document, sizes), repeat) in enumerate(
            zip(documents, repeats, strict=True)
        ):
            if not to_file or number == 0:
                _fit_paper(printer, sizes[0])
                if not to_file:
                    printer.setCopyCount(job.copies if native else 1)
                    printer.setCollateCopies(True)
                if not painter.begin(printer):
                    raise OSError("the printer could not be opened")
            elif to_file:
                _fit_paper(printer, sizes[0])
                printer.newPage()
            for copy in range(repeat):
                for index in range(len(sizes)):
                    if cancelled():
                        printer.abort()
                        raise Cancelled
                    if copy or index:
                        printer.newPage()
                    with _PDFIUM:
                        image = _image(document, index, dpi)
                    _draw(painter, printer, image)
                    done += 1
                    progress(done, total)
            if not to_file:
                painter.end()
        return done
    finally:
        if painter.isActive():
            painter.end()
        with _PDFIUM:
            for _, document, _ in documents:
                document.close()


def paint_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Draw every page of `pdf` onto `printer` (on this thread); returns pages painted."""
    return paint_jobs([PrintJob(pdf)], printer)


def file_printer(target: Path, resolution: int = 150) -> QPrinter:
    """A QPrinter that prints into the PDF file `target` (what "Print" does, without a printer)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    printer.setResolution(resolution)
    return printer


def print_to_file(pdf: bytes, target: Path) -> int:
    """Print through QPrinter into a PDF file, on this thread."""
    return paint_pdf(pdf, file_printer(target))


def print_jobs(
    jobs: Sequence[PrintJob],
    printer: QPrinter,
    *,
    cancelled: Callable[[], bool] = lambda: False,
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> int:
    """`paint_jobs`, but a PDF file is written beside its target and renamed when complete:
    a cancelled or failed run leaves no half-written file."""
    if printer.outputFormat() != QPrinter.OutputFormat.PdfFormat:
        return paint_jobs(jobs, printer, cancelled=cancelled, progress=progress)
    target = Path(printer.outputFileName())
    handle, partial = tempfile.mkstemp(".pdf.part", f".{target.stem}-", target.parent)
    os.close(handle)
    try:
        printer.setOutputFileName(partial)
        pages = paint_jobs(jobs, printer, cancelled=cancelled, progress=progress)
        os.replace(partial, target)
        return pages
    finally:
        printer.setOutputFileName(str(target))
        with contextlib.suppress(FileNotFoundError):
            os.unlink(partial)


class PrintWorker(QThread):
    """Print jobs in this thread; `progress(done, total)`, then `printed`, `cancelled` or
    `failed(message)` (all delivered on the GUI thread)."""

    progress = Signal(int, int)
    printed = Signal(int)
    cancelled = Signal()
    failed = Signal(str)

    def __init__(self, jobs: Sequence[PrintJob], printer: QPrinter, parent=None) -> None:
        super().__init__(parent)
        self.jobs = list(jobs)
        self.printer = printer
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    def run(self) -> None:
        try:
            pages = print_jobs(
                self.jobs,
                self.printer,
                cancelled=self._stop.is_set,
                progress=self.progress.emit,
            )
        except Cancelled:
            self.cancelled.emit()
        except Exception as exc:  # shown by the dialog that started the run
            self.failed.emit(str(exc) or type(exc).__name__)
        else:
            self.printed.emit(pages)


class PageRenderer(QThread):
    """Renders preview pages on request, nearest the reader first; `rendered(page, image)`.

    Pages are numbered across all the jobs' PDFs, in order. `request()` replaces the wish list
    (the pages now in view); `render_all` keeps going through the rest once those are done.
    """

    rendered = Signal(int, QImage)

    def __init__(
        self, pdfs: Sequence[bytes], dpi: float, render_all: bool = False, parent=None
    ) -> None:
        super().__init__(parent)
        self.pdfs = list(pdfs)
        self.dpi = dpi
        self.render_all = render_all
        self.pages: list[tuple[int, int]] = []  # (pdf, page in that pdf) per page number
        for number, pdf in enumerate(self.pdfs):
            self.pages += [(number, i) for i in range(page_count(pdf))]
        self._wanted: list[int] = []
        self._done: set[int] = set()
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()

    def request(self, pages: Sequence[int], again: bool = False) -> None:
        """Render these pages next (in this order); `again` renders ones already sent."""
        with self._lock:
            if again:
                self._done.difference_update(pages)
            self._wanted = [p for p in pages if p not in self._done]
        self._wake.set()

    def cancel(self) -> None:
        self._stop.set()
        self._wake.set()

    def _next(self) -> int | None:
        with self._lock:
            while self._wanted:
                page = self._wanted.pop(0)
                if page not in self._done:
                    return page
            if self.render_all:
                return next((p for p in range(len(self.pages)) if p not in self._done), None)
            return None

    def run(self) -> None:
        with _PDFIUM:
            documents = [pypdfium2.PdfDocument(pdf) for pdf in self.pdfs]
        try:
            while not self._stop.is_set():
                page = self._next()
                if page is None:
                    if self.render_all:
                        return
                    self._wake.wait(0.5)
                    self._wake.clear()
                    continue
                number, index = self.pages[page]
                with _PDFIUM:
                    image = _image(documents[number], index, self.dpi)
                with self._lock:
                    self._done.add(page)
                if not self._stop.is_set():
                    self.rendered.emit(page, image)
        finally:
            with _PDFIUM:
                for document in documents:
                    document.close()


class _Page(QLabel):
    """One page in the preview: a white sheet of the right shape until its image arrives."""

    def __init__(self, size: QSize) -> None:
        super().__init__()
        self.setFixedSize(size)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet("background: white; color: #777; border: 1px solid #999;")
        self.has_image = False

    def show_image(self, image: QImage) -> None:
        self.setPixmap(QPixmap.fromImage(image))
        self.has_image = True

    def forget(self) -> None:
        self.clear()
        self.has_image = False


class PreviewDialog(QDialog):
    """A print preview that never waits for the whole run: pages render in a worker as they
    come into view. Print… asks for a printer, then prints in a worker with progress and
    Cancel. `first_page_shown` fires when page 1 is on screen; `finished_printing(pages)`."""

    first_page_shown = Signal()
    finished_printing = Signal(int)

    def __init__(self, jobs: Sequence[PrintJob], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from dxhelper.ui.widgets import FlowLayout, InlineMessage, button

        self.setWindowTitle(self.tr("Print preview"))
        self.jobs = [job for job in jobs if job.copies > 0]
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.printer.setFullPage(True)  # the PDFs already have their margins
        self.worker: PrintWorker | None = None
        sizes = [page_sizes(job.data) for job in self.jobs]
        self.captions: list[str] = []
        for job, job_sizes in zip(self.jobs, sizes, strict=True):
            for index in range(len(job_sizes)):
                page = self.tr("page %1 of %2").replace("%1", str(index + 1))
                page = page.replace("%2", str(len(job_sizes)))
                caption = f"{job.title} — {page}" if job.title else page
                if job.copies > 1:
                    copies = self.tr("× %1 copies").replace("%1", str(job.copies))
                    caption = f"{caption} ({copies})"
                self.captions.append(caption)
        flat = [size for job_sizes in sizes for size in job_sizes]

        self.print_button = button(self.tr("Print…"), self.start_print, role="primary")
        self.close_button = button(self.tr("Close"), self.reject)
        total = sum(len(s) * job.copies for s, job in zip(sizes, self.jobs, strict=True))
        self.summary = QLabel(
            self.tr("%n page(s) to print", "", total) if total else self.tr("Nothing to print")
        )
        self.summary.setWordWrap(True)
        self.print_button.setEnabled(total > 0)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.cancel_button = button(self.tr("Cancel printing"), self.cancel_print)
        self.progress.hide()
        self.cancel_button.hide()
        self.message = InlineMessage()
        bar = FlowLayout(gap=self.fontMetrics().height() // 2)
        for widget in (self.print_button, self.close_button, self.progress, self.cancel_button):
            bar.addWidget(widget)

        # The pages: 72 % of the screen's height tall at most, as wide as fits.
        screen = QGuiApplication.primaryScreen().availableGeometry()
        self.page_width = max(300, min(800, int(screen.width() * 0.55)))
        column = QWidget()
        pages_box = QVBoxLayout(column)
        pages_box.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.pages: list[_Page] = []
        for number, (width, height) in enumerate(flat):
            caption = QLabel(self.captions[number])
            pages_box.addWidget(caption)
            page = _Page(QSize(self.page_width, round(self.page_width * height / width)))
            page.setAccessibleName(self.captions[number])
            pages_box.addWidget(page)
            self.pages.append(page)
        self.scroll = QScrollArea()
        self.scroll.setWidget(column)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setStyleSheet("QScrollArea > QWidget > QWidget { background: #d8d8d8; }")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addWidget(self.scroll, 1)

        dpi = 72 * self.page_width / (flat[0][0] if flat else 595)
        self.renderer = PageRenderer([job.data for job in self.jobs], dpi, parent=self)
        self.renderer.rendered.connect(self._rendered)
        self._cached: OrderedDict[int, None] = OrderedDict()
        self._soon = QTimer(self, singleShot=True, interval=60)
        self._soon.timeout.connect(self._request_visible)
        self.scroll.verticalScrollBar().valueChanged.connect(lambda _v: self._soon.start())
        width = min(self.page_width + 120, screen.width() - 40)
        self.resize(max(width, self.sizeHint().width()), screen.height() - 60)
        self.renderer.request(range(min(2, len(self.pages))))  # page 1 at once
        self.renderer.start()

    # -- preview ---------------------------------------------------------------------------

    def visible_pages(self) -> list[int]:
        viewport = self.scroll.viewport()
        top = self.scroll.verticalScrollBar().value()
        bottom = top + viewport.height()
        shown = [
            n
            for n, page in enumerate(self.pages)
            if page.y() < bottom and page.y() + page.height() > top
        ]
        if not shown:
            return [0] if self.pages else []
        return [*shown, shown[-1] + 1] if shown[-1] + 1 < len(self.pages) else shown

    def _request_visible(self) -> None:
        wanted = [n for n in self.visible_pages() if not self.pages[n].has_image]
        self.renderer.request(wanted, again=True)

    def _rendered(self, number: int, image: QImage) -> None:
        self.pages[number].show_image(image)
        self._cached[number] = None
        self._cached.move_to_end(number)
        keep = set(self.visible_pages())
        while len(self._cached) > PREVIEW_CACHE:
            oldest = next((n for n in self._cached if n not in keep), None)
            if oldest is None:
                break
            del self._cached[oldest]
            self.pages[oldest].forget()
        if number == 0:
            self.first_page_shown.emit()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._soon.start()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._soon.start()

    # -- printing --------------------------------------------------------------------------

    def start_print(self, printer: QPrinter | None = None) -> PrintWorker | None:
        """Ask for a printer (unless given one), then print in a worker."""
        if printer is None:
            chooser = QPrintDialog(self.printer, self)
            chooser.setWindowTitle(self.tr("Print"))
            if chooser.exec() != QDialog.DialogCode.Accepted:
                return None
            printer = self.printer
        self.worker = start_printing(self.jobs, printer, self)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.print_button.setEnabled(False)
        self.message.clear_text()
        self.worker.progress.connect(self._printing)
        self.worker.printed.connect(self._printed)
        self.worker.cancelled.connect(lambda: self._stopped(self.tr("Printing cancelled.")))
        self.worker.failed.connect(
            lambda text: self._stopped(self.tr("Could not print: %1").replace("%1", text))
        )
        return self.worker

    def _printing(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setFormat(
            self.tr("Printing page %1 of %2").replace("%1", str(done)).replace("%2", str(total))
        )

    def _printed(self, pages: int) -> None:
        self._stopped("")
        self.finished_printing.emit(pages)
        self.accept()

    def _stopped(self, text: str) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.print_button.setEnabled(True)
        if text:
            self.message.show_text(text)

    def cancel_print(self) -> None:
        if self.worker is not None:
            self.worker.cancel()

    def done(self, result: int) -> None:
        self.cancel_print()
        self.wait_for_threads()  # a page or two at most: both stop between pages
        super().done(result)

    def wait_for_threads(self, ms: int = 30_000) -> None:
        self.renderer.cancel()
        self.renderer.wait(ms)
        if self.worker is not None:
            self.worker.wait(ms)


def start_printing(jobs: Sequence[PrintJob], printer: QPrinter, parent) -> PrintWorker:
    """Start a PrintWorker (kept alive by `parent`) and return it."""
    worker = PrintWorker(jobs, printer, parent)
    worker.start()
    return worker


def preview_dialog(pdf: bytes, parent: QWidget | None = None) -> QPrintPreviewDialog:
    """Qt's print preview for `pdf`, painted on the GUI thread (for short documents)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)  # the PDF already has its margins
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.paintRequested.connect(lambda p: paint_pdf(pdf, p))
    dialog._printer = printer  # type: ignore[attr-defined] - keep alive with the dialog
    return dialog


def open_file(path: Path) -> bool:
    """Open a saved PDF in the computer's PDF viewer."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
