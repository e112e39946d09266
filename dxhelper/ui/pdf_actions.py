"""Build a PDF off the GUI thread, then preview and print it, save it, or open it."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from dxhelper.ui.services import Services
from dxhelper.ui.widgets import show_error

if TYPE_CHECKING:
    from dxhelper.handouts import Pdf


class PdfActions(QObject):
    """One object per screen; `saved` tells tests and the status bar where a file went."""

    saved = Signal(str)
    previewing = Signal(object)  # the printing.PreviewDialog, once it is open
    warned = Signal(str)  # no embeddable Japanese font: the PDF is made, but say so

    def __init__(self, services: Services, parent: QWidget) -> None:
        super().__init__(parent)
        self.services = services
        self.widget = parent

    def _build(self, build: Callable[[], Pdf], then: Callable[[Pdf], None]) -> None:
        def done(pdf: Pdf) -> None:
            warning = pdf.warning(self.services.lang)
            if warning:
                self.warned.emit(warning)
                status_bar = getattr(self.widget.window(), "statusBar", None)
                if status_bar is not None:
                    status_bar().showMessage(warning, 15_000)
            then(pdf)

        self.services.tasks.run(
            build,
            done,
            lambda exc: show_error(
                self.widget, self.tr("Could not make the PDF"), exc, self.services.lang
            ),
            self.tr("Making the PDF…"),
        )

    def preview(self, build: Callable[[], Pdf], title: str = "") -> None:
        """Make the PDF in a worker, then open the preview; `title` names its pages."""

        def show(pdf: Pdf) -> None:
            from dxhelper.ui import printing  # pypdfium2 loads on first use

            # Pages render in a worker as they come into view, and print in one too.
            dialog = printing.PreviewDialog([printing.PrintJob(pdf.data, 1, title)], self.widget)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.previewing.emit(dialog)
            dialog.open()

        self._build(build, show)

    def save(self, build: Callable[[], Pdf], suggested: str, target: Path | None = None) -> None:
        if target is None:
            start = str(Path.home() / "Documents" / suggested)
            chosen, _ = QFileDialog.getSaveFileName(
                self.widget, self.tr("Save PDF"), start, self.tr("PDF files (*.pdf)")
            )
            if not chosen:
                return
            target = Path(chosen)

        def write(pdf: Pdf) -> None:
            try:
                saved = pdf.save(target)
            except Exception as exc:
                show_error(self.widget, self.tr("Could not save the PDF"), exc, self.services.lang)
                return
            self.saved.emit(str(saved))

        self._build(build, write)

    def open(self, build: Callable[[], Pdf], name: str) -> None:
        """Write to a temporary folder and open it in the computer's PDF viewer."""
        folder = Path(tempfile.gettempdir()) / "dxhelper"

        def write_and_open(pdf: Pdf) -> None:
            try:
                folder.mkdir(exist_ok=True)
                saved = pdf.save(folder / name)
            except Exception as exc:
                show_error(self.widget, self.tr("Could not open the PDF"), exc, self.services.lang)
                return
            self.saved.emit(str(saved))
            from dxhelper.ui.printing import open_file

            open_file(saved)

        self._build(build, write_and_open)
