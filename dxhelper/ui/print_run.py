"""The print-run dialog of the Session screen: which guides, how many copies, the personal
sheets, the "next session" line, and how much paper it takes, before anything is printed.

A print run is two jobs: the chosen guides once, printed with a copy count (one for everybody
who came, named or counted), then one personal sheet per named attendee. Both PDFs are made in
the background whenever the choices change, so the page and paper counts are the real ones.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QLineEdit,
    QProgressBar,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dxhelper.core.errors import DxError
from dxhelper.core.privacy import check_free_text
from dxhelper.ui.services import Services
from dxhelper.ui.widgets import FlowLayout, InlineMessage, button, error_text, label

if TYPE_CHECKING:
    from dxhelper.core.lessons import Lesson
    from dxhelper.handouts import Pdf, Sheet
    from dxhelper.store import Store
    from dxhelper.ui.printing import PreviewDialog, PrintJob, PrintWorker

MAX_COPIES = 300
NEXT_SESSION_MAX = 80  # one short line on the handouts
BUILD_DELAY_MS = 400  # typing in the next-session line rebuilds once, after a pause


def attendee_count(store: Store, session_id: str) -> int:
    """Everybody who came: the residents named, plus those counted by age band."""
    return len(store.attendees(session_id)) + store.get_session(session_id).unnamed_total


@dataclass(frozen=True, slots=True)
class RunPdfs:
    """The run's two PDFs for one set of choices (None: that part is not printed)."""

    key: tuple[object, ...]
    guides: Pdf | None
    sheets: Pdf | None
    guide_pages: int
    sheet_pages: int


def build_run(
    lessons: Sequence[Lesson],
    sheets: Sequence[Sheet],
    lang: str,
    options: object,
    key: tuple[object, ...] = (),
) -> RunPdfs:
    """Both PDFs (in a worker: no Qt, no store)."""
    from dxhelper.handouts import batch_pdf
    from dxhelper.ui.printing import page_count

    guides = batch_pdf(lessons, [], lang, options) if lessons else None  # type: ignore[arg-type]
    sheet_pdf = batch_pdf([], sheets, lang, options) if sheets else None  # type: ignore[arg-type]
    return RunPdfs(
        key,
        guides,
        sheet_pdf,
        page_count(guides.data) if guides else 0,
        page_count(sheet_pdf.data) if sheet_pdf else 0,
    )


class PrintRunDialog(QDialog):
    """Choose and print a session's handouts; every long step runs in a worker."""

    built = Signal(object)  # RunPdfs for the current choices
    previewing = Signal(object)  # the PreviewDialog, once open
    saved = Signal(str)
    printed = Signal(int)  # pages painted

    def __init__(
        self,
        services: Services,
        lessons: Sequence[Lesson],
        sheets: Sequence[Sheet],
        attendees: int,
        venue: str = "",
        parent: QWidget | None = None,
        file_name: str = "dxhelper.pdf",
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.lessons = list(lessons)
        self.sheets = list(sheets)
        self.venue = venue
        self.file_name = file_name
        self.lang = services.lang
        self.run: RunPdfs | None = None
        self.worker: PrintWorker | None = None
        self.preview_dialog: PreviewDialog | None = None
        self._building: tuple[object, ...] | None = None
        self._then: list[Callable[[RunPdfs], None]] = []
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.printer.setFullPage(True)  # the PDFs already have their margins
        self.setWindowTitle(self.tr("Print handouts"))

        # The choices scroll when the text is large; the count and the buttons always show.
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(label(self.tr("Lesson guides"), role="heading"))
        self.guide_boxes: dict[str, QCheckBox] = {}
        for lesson in self.lessons:
            box = QCheckBox(lesson.title)
            box.setChecked(True)
            box.toggled.connect(self._changed)
            self.guide_boxes[lesson.id] = box
            layout.addWidget(box)
        if not self.lessons:
            layout.addWidget(label(self.tr("No lessons chosen for this session.")))
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.copies = QSpinBox()
        self.copies.setRange(1, MAX_COPIES)
        self.copies.setValue(max(1, min(attendees, MAX_COPIES)))
        self.copies.setAccessibleName(self.tr("Copies of each guide"))
        self.copies.setToolTip(
            self.tr("One for everybody who came: %n named or counted", "", attendees)
        )
        self.copies.valueChanged.connect(lambda _v: self._show_count())
        self.copies.setEnabled(bool(self.lessons))
        form.addRow(self.tr("Copies of each guide"), self.copies)
        layout.addLayout(form)

        layout.addWidget(label(self.tr("Personal sheets"), role="heading"))
        self.sheets_box = QCheckBox(
            self.tr("A progress sheet for each resident named today (%n)", "", len(self.sheets))
        )
        self.sheets_box.setChecked(bool(self.sheets))
        self.sheets_box.setEnabled(bool(self.sheets))
        self.sheets_box.toggled.connect(self._changed)
        layout.addWidget(self.sheets_box)

        next_label = label(self.tr("Next session (date, time, place)"))
        self.next_session = QLineEdit()
        self.next_session.setMaxLength(NEXT_SESSION_MAX)
        self.next_session.setPlaceholderText(self.tr("e.g. Wed 10 Dec, 10:00, Chuo Hall"))
        self.next_session.setAccessibleName(next_label.text())
        next_label.setBuddy(self.next_session)
        self.next_session.textChanged.connect(self._changed)
        layout.addWidget(next_label)
        layout.addWidget(self.next_session)
        self.message = InlineMessage()
        layout.addWidget(self.message)

        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        self.count = label("")
        self.count.setWordWrap(True)
        self.count.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.count)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.stop_button = button(self.tr("Cancel printing"), self.cancel_print)
        self.stop_button.hide()
        progress_row = FlowLayout(gap=self.fontMetrics().height() // 2)
        progress_row.addWidget(self.progress)
        progress_row.addWidget(self.stop_button)
        layout.addLayout(progress_row)

        self.preview_button = button(self.tr("Preview…"), self.preview)
        self.print_button = button(self.tr("Print…"), self.print_run, role="primary")
        self.save_button = button(self.tr("Save PDF…"), self.save_pdf)
        self.save_button.setToolTip(self.tr("The chosen guides once, then the personal sheets"))
        self.cancel_button = button(self.tr("Cancel"), self.reject)
        buttons = FlowLayout(gap=self.fontMetrics().height() // 2)
        for widget in (self.preview_button, self.print_button, self.save_button):
            buttons.addWidget(widget)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        screen = self.screen().availableGeometry()
        wanted = body.sizeHint() + QSize(40, 4 * self.fontMetrics().height() + 120)
        self.resize(
            min(wanted.width(), screen.width() - 40), min(wanted.height(), screen.height() - 60)
        )

        self._timer = QTimer(self, singleShot=True, interval=BUILD_DELAY_MS)
        self._timer.timeout.connect(self._build)
        self._build()

    # -- choices -----------------------------------------------------------------------------

    def chosen_lessons(self) -> list[Lesson]:
        return [lesson for lesson in self.lessons if self.guide_boxes[lesson.id].isChecked()]

    def chosen_sheets(self) -> list[Sheet]:
        return self.sheets if self.sheets_box.isChecked() else []

    def next_line(self) -> str:
        return " ".join(self.next_session.text().split())

    def key(self) -> tuple[object, ...]:
        ids = tuple(lesson.id for lesson in self.chosen_lessons())
        return (ids, self.sheets_box.isChecked(), self.next_line())

    def _valid(self) -> bool:
        try:
            check_free_text("note", self.next_line())
        except DxError as exc:
            self.message.show_text(error_text(exc, self.lang))
            return False
        self.message.clear_text()
        return True

    def _changed(self, *_args: object) -> None:
        self.copies.setEnabled(bool(self.chosen_lessons()))
        if self._valid():
            self._timer.start()
        self._show_count()

    def jobs(self, run: RunPdfs) -> list[PrintJob]:
        from dxhelper.ui.printing import PrintJob

        jobs = []
        if run.guides is not None:
            jobs.append(PrintJob(run.guides.data, self.copies.value(), self.tr("Lesson guides")))
        if run.sheets is not None:
            jobs.append(PrintJob(run.sheets.data, 1, self.tr("Personal sheets")))
        return jobs

    # -- the paper count -----------------------------------------------------------------------

    def pages_and_paper(self) -> tuple[int, int]:
        from dxhelper.ui.printing import sheets_of_paper

        run = self.run
        if run is None:
            return 0, 0
        jobs = [(run.guide_pages, self.copies.value()), (run.sheet_pages, 1)]
        duplex = self.printer.duplex() != QPrinter.DuplexMode.DuplexNone
        return sum(p * c for p, c in jobs), sheets_of_paper(jobs, duplex)

    def _show_count(self) -> None:
        valid = self.message.isHidden()
        ready = self.run is not None and self.run.key == self.key()
        if not valid:
            self.count.setText("")
        elif not ready:
            self.count.setText(self.tr("Counting the pages…"))
        else:
            pages, paper = self.pages_and_paper()
            duplex = self.printer.duplex() != QPrinter.DuplexMode.DuplexNone
            sides = self.tr("double-sided") if duplex else self.tr("single-sided")
            text = self.tr("%n page(s)", "", pages) + " → "
            text += self.tr("%n sheet(s) of paper", "", paper) + f" ({sides})"
            self.count.setText(text)
        something = bool(self.chosen_lessons() or self.chosen_sheets())
        printing = self.worker is not None
        for widget in (self.preview_button, self.print_button, self.save_button):
            widget.setEnabled(valid and something and not printing)
        self.progress.setVisible(printing or (valid and not ready and something))

    # -- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        if not self._valid():
            return
        key = self.key()
        if self._building == key or (self.run is not None and self.run.key == key):
            self._show_count()
            return
        self._building = key
        lessons, sheets, lang = self.chosen_lessons(), self.chosen_sheets(), self.lang
        options = self.services.handout_options(venue=self.venue, next_session=self.next_line())
        self.progress.setRange(0, 0)
        self._show_count()
        self.services.tasks.run(
            lambda: build_run(lessons, sheets, lang, options, key),
            self._built,
            self._failed,
            self.tr("Making the PDF…"),
        )

    def _built(self, run: RunPdfs) -> None:
        if self._building == run.key:
            self._building = None
        if run.key != self.key():  # the choices changed meanwhile: that build is on its way
            self._build()
            return
        self.run = run
        self._show_count()
        for pdf in (run.guides, run.sheets):
            warning = pdf.warning(self.lang) if pdf else ""
            if warning:
                self.count.setText(f"{self.count.text()}\n{warning}")
                break
        self.built.emit(run)
        then, self._then = self._then, []
        for action in then:
            action(run)

    def _failed(self, exc: Exception) -> None:
        self._building = None
        self._then = []
        self.message.show_text(error_text(exc, self.lang))
        self._show_count()

    def when_built(self, action: Callable[[RunPdfs], None]) -> None:
        """Run `action` with the PDFs for the current choices, once they are made."""
        if not self._valid():
            return
        if self.run is not None and self.run.key == self.key():
            action(self.run)
            return
        self._then.append(action)
        self._timer.stop()
        self._build()

    # -- actions -------------------------------------------------------------------------------

    def preview(self) -> None:
        def show(run: RunPdfs) -> None:
            from dxhelper.ui.printing import PreviewDialog

            dialog = PreviewDialog(self.jobs(run), self)
            dialog.printer = self.printer
            dialog.finished_printing.connect(self._printed)
            self.preview_dialog = dialog
            self.previewing.emit(dialog)
            dialog.open()

        self.when_built(show)

    def print_run(self, printer: QPrinter | None = None) -> None:
        """Ask for a printer (unless given one), then print both jobs in a worker."""

        def start(run: RunPdfs) -> None:
            from dxhelper.ui.printing import start_printing

            chosen = printer
            if chosen is None:
                chooser = QPrintDialog(self.printer, self)
                chooser.setWindowTitle(self.tr("Print"))
                if chooser.exec() != QDialog.DialogCode.Accepted:
                    self._show_count()
                    return
                chosen = self.printer
            self.worker = start_printing(self.jobs(run), chosen, self)
            self.worker.progress.connect(self._printing)
            self.worker.printed.connect(self._printed)
            self.worker.cancelled.connect(lambda: self._stopped(self.tr("Printing cancelled.")))
            self.worker.failed.connect(
                lambda text: self._stopped(self.tr("Could not print: %1").replace("%1", text))
            )
            self.progress.setRange(0, 0)
            self.stop_button.show()
            self._show_count()

        self.when_built(start)

    def _printing(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.count.setText(
            self.tr("Printing page %1 of %2…").replace("%1", str(done)).replace("%2", str(total))
        )

    def _printed(self, pages: int) -> None:
        self._finish_worker()
        self.printed.emit(pages)
        self.accept()

    def _stopped(self, text: str) -> None:
        self._finish_worker()
        self._show_count()
        self.message.show_text(text)

    def _finish_worker(self) -> None:
        if self.worker is not None:
            self.worker.wait(30_000)
        self.worker = None
        self.stop_button.hide()

    def cancel_print(self) -> None:
        if self.worker is not None:
            self.worker.cancel()

    def save_pdf(self, target: Path | None = None) -> None:
        """The chosen guides once and the sheets, as one PDF (written atomically)."""
        if target is None:
            start = str(Path.home() / "Documents" / self.file_name)
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save PDF"), start, self.tr("PDF files (*.pdf)")
            )
            if not chosen:
                return
            target = Path(chosen)
        lessons, sheets, lang = self.chosen_lessons(), self.chosen_sheets(), self.lang
        options = self.services.handout_options(venue=self.venue, next_session=self.next_line())

        def build_and_save() -> str:
            from dxhelper.handouts import batch_pdf

            return str(batch_pdf(lessons, sheets, lang, options).save(target))

        self.services.tasks.run(
            build_and_save, self.saved.emit, self._failed, self.tr("Making the PDF…")
        )

    def done(self, result: int) -> None:
        self.cancel_print()
        self._finish_worker()
        super().done(result)
