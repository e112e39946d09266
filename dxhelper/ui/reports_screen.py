"""Reports: counts for a period, the same chart as the PDF, exports, and bundles in and out.

The figures come from `dxhelper.reports.build_report`; the screen shows that Report and every
export writes that same Report, so the numbers on screen and in the files cannot differ.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QFont
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dxhelper.core.errors import DxError
from dxhelper.core.models import SessionKind
from dxhelper.reports.model import PERIOD_LABELS, PERIODS, period_range
from dxhelper.ui.month_edit import MonthEdit
from dxhelper.ui.services import Services
from dxhelper.ui.style import ACCENT, ACCENT_DARK, SOFT, scale_factor
from dxhelper.ui.widgets import (
    Dialog,
    FlowLayout,
    InlineMessage,
    button,
    error_text,
    follow_data_changes,
    label,
    show_error,
)

EXPORT_FILTERS = {
    ".csv": "CSV (*.csv)",
    ".zip": "CSV (*.zip)",
    ".xlsx": "Excel (*.xlsx)",
    ".pdf": "PDF (*.pdf)",
}
CUSTOM = "custom"  # the months typed or stepped in the two month fields
DEFAULT_PERIOD = "this-fiscal-year"
MONTH_DELAY_MS = 600  # a month being typed is counted a moment after the last keystroke
TOTAL_WORDS = ("合計", "Total")


def _number(value) -> str:
    """1,234 and 12.5 (hours): thousands separated, no trailing zeros."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


class ReportTableModel(QAbstractTableModel):
    """One report table, read-only; numbers right-aligned with thousands separators."""

    def __init__(self, table) -> None:
        super().__init__()
        self.table = table
        rows = len(table.rows)
        totals = getattr(table, "totals", 0)  # the last rows are totals (issue 17 §4)
        self.first_total = rows - totals if totals else rows
        # Older reports mark a total only by its first cell.
        while self.first_total > 0 and self._says_total(self.first_total - 1):
            self.first_total -= 1

    def _says_total(self, row: int) -> bool:
        cells = self.table.rows[row]
        return bool(cells) and str(cells[0]).strip() in TOTAL_WORDS

    def is_total(self, row: int) -> bool:
        return row >= self.first_total

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.table.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.table.columns)

    def value(self, row: int, column: int):
        return self.table.rows[row][column]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        value = self.value(index.row(), index.column())
        kind = self.table.kinds[index.column()]
        numeric = kind in ("int", "num")
        if role == Qt.ItemDataRole.DisplayRole:
            if numeric and isinstance(value, int | float):
                return _number(value)
            if isinstance(value, dt.date):
                return value.isoformat()
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and numeric:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if self.is_total(index.row()):
            # A total row stands apart: bold on a pale band, a line above it.
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(SOFT))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.table.columns[section]
        return None


class ReportsScreen(QWidget):
    exported = Signal(str)  # a file was written (report or bundle)
    imported = Signal(object)  # the ImportResult
    report_shown = Signal()  # the tables and the chart show the current filters

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.report = None
        self._loading = False
        self._generation = 0
        self._build()
        self.refresh()
        follow_data_changes(self, services)

    # -- build ---------------------------------------------------------------------------------

    def _build(self) -> None:
        inner = QWidget()
        box = QVBoxLayout(inner)
        box.setContentsMargins(24, 16, 24, 16)
        box.addWidget(label(self.tr("Reports"), "title"))

        self._periods(box)
        filters = FlowLayout(gap=self.fontMetrics().height() // 2)
        self.first = MonthEdit(QDate.currentDate(), self.tr("From month"))
        self.last = MonthEdit(QDate.currentDate(), self.tr("To month"))
        self.venue = QComboBox()
        self.venue.setAccessibleName(self.tr("Venue"))
        self.volunteer = QComboBox()
        self.volunteer.setAccessibleName(self.tr("Volunteer"))
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Kind of session"))
        self.kind.addItem(self.tr("All kinds"), None)
        for kind in SessionKind:
            self.kind.addItem(kind.label(self.services.lang), kind)
        for caption, widget in (
            (self.tr("From"), self.first),
            (self.tr("To"), self.last),
            (self.tr("Venue"), self.venue),
            (self.tr("Volunteer"), self.volunteer),
            (self.tr("Kind"), self.kind),
        ):
            pair = QWidget()
            line = QHBoxLayout(pair)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(label(caption, buddy=widget))
            line.addWidget(widget)
            filters.addWidget(pair)
        box.addLayout(filters)
        self._month_timer = QTimer(self)
        self._month_timer.setSingleShot(True)
        self._month_timer.setInterval(MONTH_DELAY_MS)
        self._month_timer.timeout.connect(self.show_report)
        for widget in (self.first, self.last):
            widget.dateChanged.connect(self._month_typed)
            widget.editingFinished.connect(self._month_finished)
        for combo in (self.venue, self.volunteer, self.kind):
            combo.currentIndexChanged.connect(self.refresh)
        self.choose_period(DEFAULT_PERIOD, show=False)
        self.message = InlineMessage()
        box.addWidget(self.message)
        self.summary = label("", "heading")
        box.addWidget(self.summary)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Report tables"))
        self.tabs.setMinimumHeight(self.fontMetrics().height() * 20)
        # Many tables: the tab bar scrolls with its arrows, which the shared style's 40 px
        # buttons would squeeze to empty boxes.
        arrow = self.fontMetrics().height() + 8
        self.tabs.setStyleSheet(
            f"QTabBar QToolButton {{ min-height: 0px; padding: 0px; width: {arrow}px;"
            " border: 1px solid #8a8a8a; background: white; }"
        )
        box.addWidget(self.tabs, 1)

        box.addWidget(label(self.tr("Attendances per month by lesson category"), "heading"))
        self.chart = QSvgWidget()
        self.chart.setAccessibleName(self.tr("Chart of attendances per month"))
        self.chart.setMinimumHeight(self.fontMetrics().height() * 18)
        box.addWidget(self.chart)

        exports = FlowLayout(gap=self.fontMetrics().height() // 2)
        self.csv_button = button(self.tr("Save CSV…"), lambda: self.export_report("csv"))
        self.xlsx_button = button(self.tr("Save Excel…"), lambda: self.export_report("xlsx"))
        self.pdf_button = button(self.tr("Save PDF summary…"), lambda: self.export_report("pdf"))
        # One volunteer's own record for the period, to hand to the municipality.
        self.activity_button = button(
            self.tr("Activity record (PDF)…"),
            self.export_activity,
            tip=self.tr("The volunteer chosen above: their sessions in this period, on one page"),
        )
        self.activity_button.setVisible(activity_available())
        self.open_folder_button = button(self.tr("Open folder"), self.open_last_folder)
        self.open_folder_button.setEnabled(False)
        for widget in (
            self.csv_button,
            self.xlsx_button,
            self.pdf_button,
            self.activity_button,
            self.open_folder_button,
        ):
            exports.addWidget(widget)
        box.addLayout(exports)
        self.saved_label = label("", "ok")
        box.addWidget(self.saved_label)

        box.addWidget(label(self.tr("Records from other devices"), "heading"))
        box.addWidget(
            label(
                self.tr(
                    "Volunteers export their records as one .dxhelper file; a coordinator "
                    "imports them all here. Nothing is written until every file has been "
                    "checked, and a backup is taken first."
                ),
                "muted",
            )
        )
        bundles = FlowLayout(gap=self.fontMetrics().height() // 2)
        self.export_bundle_button = button(
            self.tr("Export this device's records…"), self.export_bundle
        )
        self.import_button = button(self.tr("Import files…"), self.choose_imports)
        bundles.addWidget(self.export_bundle_button)
        bundles.addWidget(self.import_button)
        box.addLayout(bundles)
        self.bundle_message = InlineMessage()
        box.addWidget(self.bundle_message)
        self.bundle_result = label("", "ok")
        box.addWidget(self.bundle_result)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._last_folder: Path | None = None

    def _periods(self, box: QVBoxLayout) -> None:
        """今月 / 先月 / 今年度 / 前年度 / 期間を指定: one click chooses the months."""
        lang = 1 if self.services.lang == "en" else 0
        factor = scale_factor(self.services.settings.get("text_scale"))
        row = FlowLayout(gap=self.fontMetrics().height() // 2)
        caption = label(self.tr("Period"), wrap=False)
        caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(caption)
        self.period_group = QButtonGroup(self)
        self.period_buttons: dict[str, QPushButton] = {}
        texts = {p: PERIOD_LABELS[p][lang] for p in PERIODS}
        texts[CUSTOM] = self.tr("Choose months")
        for period, text in texts.items():
            choice = button(text)
            choice.setCheckable(True)
            choice.setProperty("period", period)
            choice.setStyleSheet(
                "QPushButton:checked {"
                f" background: {ACCENT}; color: white; border-color: {ACCENT_DARK};"
                f" font-weight: bold; }}"
                f"QPushButton:checked:focus {{ border: {max(3, round(3 * factor))}px solid"
                f" {ACCENT_DARK}; }}"
            )
            self.period_group.addButton(choice)
            self.period_buttons[period] = choice
            row.addWidget(choice)
        self.period_buttons[CUSTOM].setToolTip(
            self.tr("Type the first and last months, e.g. 2026-04, or step them with the arrows")
        )
        self.period_group.buttonClicked.connect(
            lambda choice: self.choose_period(choice.property("period"))
        )
        caption.setMinimumHeight(self.period_buttons[CUSTOM].sizeHint().height())
        box.addLayout(row)

    def today(self) -> dt.date:
        """The day the quick periods are counted from (tests give their own)."""
        return dt.date.today()

    def choose_period(self, period: str, *, show: bool = True) -> None:
        """A quick period fills both months and counts at once; "Choose months" leaves them
        as they are and puts the cursor in the first."""
        self.period_buttons[period].setChecked(True)
        self.period = period
        if period == CUSTOM:
            self.first.setFocus()
            return
        first, last = period_range(period, self.today())
        for edit, day in ((self.first, first), (self.last, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, 1))
            edit.blockSignals(False)
        self._month_timer.stop()
        if show:
            self.show_report()

    def _month_typed(self) -> None:
        """A month typed or stepped: the period is the months shown, counted in a moment."""
        self.period_buttons[CUSTOM].setChecked(True)
        self.period = CUSTOM
        self._month_timer.start()

    def _month_finished(self) -> None:
        if self._month_timer.isActive():
            self._month_timer.stop()
            self.show_report()

    # -- the report ----------------------------------------------------------------------------

    def _fill_choices(self) -> None:
        from dxhelper.reports import venue_choices, volunteer_choices

        store = self.services.store
        # One entry per place and per person, even when several devices' records are merged.
        for combo, everyone, items in (
            (self.venue, self.tr("All venues"), venue_choices(store)),
            (self.volunteer, self.tr("All volunteers"), volunteer_choices(store)),
        ):
            chosen = combo.currentData()
            combo.clear()
            combo.addItem(everyone, None)
            for ident, text in items:
                combo.addItem(text, ident)
            index = combo.findData(chosen)
            combo.setCurrentIndex(max(0, index))

    def current_filter(self):
        from dxhelper.reports import ReportFilter

        first, last = self.first.month(), self.last.month()
        return ReportFilter(
            first=dt.date(first.year(), first.month(), 1),
            last=dt.date(last.year(), last.month(), 1),
            venue_id=self.venue.currentData(),
            volunteer_id=self.volunteer.currentData(),
            kind=self.kind.currentData(),
        )

    def refresh(self) -> None:
        if self._loading:
            return
        self._loading = True
        try:
            self._fill_choices()
        finally:
            self._loading = False
        self.show_report()

    def show_report(self) -> None:
        """Build the report off the GUI thread (seconds on a coordinator's merged data)."""
        from dxhelper.reports import build_report, chart_svg

        try:
            filt = self.current_filter()
        except DxError as exc:
            self.message.show_text(error_text(exc, self.services.lang))
            return
        self._generation += 1
        generation = self._generation
        services, catalogue, lang = self.services, self.services.catalogue, self.services.lang

        def work():
            with services.worker() as library:
                report = build_report(library.store, catalogue, filt, lang)
            return report, chart_svg(report)

        self.services.tasks.run(
            work,
            lambda result: self._show(generation, *result),
            lambda exc: self.message.show_text(error_text(exc, self.services.lang)),
            self.tr("Counting…"),
        )

    def _show(self, generation: int, report, svg: bytes) -> None:
        if generation != self._generation:
            return  # the filters changed while this was being counted; a newer one follows
        self.message.clear_text()
        self.report = report
        self.summary.setText("  ".join(report.filter_lines))
        current = self.tabs.currentIndex()
        self.tabs.clear()
        self.views: dict[str, QTableView] = {}
        self.notes: dict[str, QWidget] = {}
        for table in report.tables:
            view = QTableView()
            view.setModel(ReportTableModel(table))
            view.setAccessibleName(table.title)
            view.setAlternatingRowColors(True)
            view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
            view.setWordWrap(False)
            view.verticalHeader().hide()
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            view.horizontalHeader().setStretchLastSection(True)
            page = QWidget()
            column = QVBoxLayout(page)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(view, 1)
            note = getattr(table, "note", "")  # how the table counts (issue 17 §4)
            if note:
                self.notes[table.key] = text = label(note, "muted")
                text.setAccessibleName(self.tr("Note: {note}").format(note=note))
                column.addWidget(text)
            self.tabs.addTab(page, table.title)
            self.tabs.setTabToolTip(self.tabs.count() - 1, table.title)
            self.views[table.key] = view
        self.tabs.setCurrentIndex(max(0, current))
        self.chart.load(svg)
        self.report_shown.emit()

    def model(self, key: str) -> ReportTableModel:
        return self.views[key].model()  # type: ignore[return-value]

    # -- exports -------------------------------------------------------------------------------

    def _target(self, title: str, suggested: str, filters: str) -> Path | None:
        start = str(Path.home() / "Documents" / suggested)
        chosen, _ = QFileDialog.getSaveFileName(self, title, start, filters)
        return Path(chosen) if chosen else None

    def export_report(self, fmt: str, target: Path | None = None) -> None:
        from dxhelper.reports import write_report

        if self.report is None:
            return
        report = self.report
        if target is None:
            name = f"dxhelper-{export_name(report, fmt)}"
            filters = EXPORT_FILTERS.get(Path(name).suffix, EXPORT_FILTERS[f".{fmt}"])
            target = self._target(self.tr("Save the report"), name, filters)
            if target is None:
                return
        self.services.tasks.run(
            lambda: write_report(report, target, fmt),
            self._saved,
            lambda exc: show_error(self, self.tr("Could not save"), exc, self.services.lang),
            self.tr("Writing the report…"),
        )

    def export_activity(self, target: Path | None = None) -> None:
        """The activity record of the volunteer chosen in the filter, as a PDF."""
        from dxhelper.reports.activity import write_activity_pdf

        volunteer_id = self.volunteer.currentData()
        if volunteer_id is None:
            self.message.show_text(
                self.tr("Choose a volunteer under Volunteer first: the record is theirs.")
            )
            self.volunteer.setFocus()
            return
        try:
            filt = self.current_filter()
        except DxError as exc:
            self.message.show_text(error_text(exc, self.services.lang))
            return
        self.message.clear_text()
        if target is None:
            first, last = filt.month_labels()[0], filt.month_labels()[-1]
            span = first if first == last else f"{first}_{last}"
            target = self._target(
                self.tr("Save the activity record"),
                f"dxhelper-activity-{span}.pdf",
                EXPORT_FILTERS[".pdf"],
            )
            if target is None:
                return
        services, catalogue, lang = self.services, self.services.catalogue, self.services.lang

        def work():
            with services.worker() as library:
                return write_activity_pdf(
                    library.store, catalogue, filt, volunteer_id, target, lang
                )

        self.services.tasks.run(
            work,
            self._saved,
            lambda exc: show_error(self, self.tr("Could not save"), exc, self.services.lang),
            self.tr("Writing the activity record…"),
        )

    def _saved(self, path) -> None:
        path = Path(path)
        self._last_folder = path.parent
        self.open_folder_button.setEnabled(True)
        self.saved_label.setText(self.tr("Saved: {path}").format(path=path))
        self.exported.emit(str(path))

    def open_last_folder(self) -> None:
        if self._last_folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._last_folder)))

    # -- bundles -------------------------------------------------------------------------------

    def export_bundle(self, target: Path | None = None, passphrase: str | None = None) -> None:
        """Sealed (issue 16 §9): to the coordinator key loaded in Settings, else with a
        passphrase asked for here."""
        from dxhelper.exchange import export_bundle
        from dxhelper.exchange.keys import Keyring
        from dxhelper.exchange.sealing import Sealing

        if target is None:
            day = dt.date.today().isoformat()
            target = self._target(
                self.tr("Export this device's records"),
                f"dxhelper-{day}.dxhelper",
                self.tr("dxhelper records (*.dxhelper)"),
            )
            if target is None:
                return
        services = self.services
        keyring = Keyring(services.paths)
        if passphrase is None and not keyring.recipient_loaded():
            self.ask_passphrase(
                confirm=True, then=lambda chosen: self.export_bundle(target, chosen)
            )
            return

        def work():
            sealing = Sealing(keyring, passphrase)
            with services.worker() as library:
                return export_bundle(library.store, target, sealing=sealing).path

        self.services.tasks.run(
            work,
            self._saved,
            lambda exc: self.bundle_message.show_text(error_text(exc, self.services.lang)),
            self.tr("Exporting…"),
        )

    def choose_imports(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Import records"),
            str(Path.home()),
            self.tr("dxhelper records (*.dxhelper)"),
        )
        if chosen:
            self.preview_imports([Path(p) for p in chosen])

    def ask_passphrase(self, *, confirm: bool, then) -> None:
        """The passphrase dialog, window-modal and not blocking; `then(passphrase)` on OK."""
        from dxhelper.ui.passphrase_dialog import PassphraseDialog

        dialog = PassphraseDialog(confirm=confirm, parent=self)
        dialog.accepted.connect(lambda: then(dialog.passphrase()))
        self.passphrase_dialog = dialog
        dialog.open()

    def preview_imports(self, paths: list[Path], passphrase: str | None = None) -> None:
        """Open and check every file off the GUI thread (sealed files: signature verified,
        sender checked against the trusted devices), then show what each would add and ask.
        A file locked with a passphrase asks for it first."""
        from dxhelper.exchange import inspect_bundle
        from dxhelper.exchange.keys import Keyring
        from dxhelper.exchange.sealing import Unsealing, needs_passphrase

        self.bundle_message.clear_text()
        if passphrase is None and needs_passphrase(paths):
            self.ask_passphrase(
                confirm=False, then=lambda chosen: self.preview_imports(paths, chosen)
            )
            return
        unsealing = Unsealing(Keyring(self.services.paths), passphrase)
        self.services.tasks.run(
            lambda: [inspect_bundle(path, unsealing=unsealing) for path in paths],
            lambda previews: self._confirm(paths, previews, passphrase),
            lambda exc: self.bundle_message.show_text(error_text(exc, self.services.lang)),
            self.tr("Checking the files…"),
        )

    def _confirm(self, paths: list[Path], previews, passphrase: str | None = None) -> None:
        dialog = ImportPreview(previews, self.services.lang, self)
        # Exactly the devices shown are trusted: the fingerprints the user was asked to compare.
        trust = frozenset(
            p.sender.fingerprint for p in previews if p.sender is not None and not p.sender_known
        )
        dialog.accepted.connect(lambda: self.run_import(paths, passphrase, trust))
        self.preview_dialog = dialog
        dialog.open()

    def run_import(
        self, paths: list[Path], passphrase: str | None = None, trust: frozenset[str] = frozenset()
    ) -> None:
        from dxhelper.exchange import import_bundles
        from dxhelper.exchange.keys import Keyring
        from dxhelper.exchange.sealing import Unsealing

        services = self.services
        unsealing = Unsealing(Keyring(services.paths), passphrase, trust=trust)

        def work():
            # One writer at a time (issue 16 §1): no restore, backup or erasure of another
            # dxhelper runs between opening the records and the end of the merge.
            with services.library.writing(), services.worker() as library:
                return import_bundles(library, paths, unsealing=unsealing)

        self.services.tasks.run(
            work,
            self._imported,
            lambda exc: self.bundle_message.show_text(error_text(exc, self.services.lang)),
            self.tr("Importing…"),
        )

    def _imported(self, result) -> None:
        self.bundle_result.setText(result.describe(self.services.lang))
        self.imported.emit(result)
        self.services.data_changed(self)  # other screens show the imported records too
        self.refresh()


def activity_available() -> bool:
    """Whether the reports can write a volunteer's activity record (issue 17)."""
    import importlib.util

    return importlib.util.find_spec("dxhelper.reports.activity") is not None


def export_name(report, fmt: str) -> str:
    """The reports' own file name (CSV: one file per table in a .zip, where the reports
    write them so)."""
    from dxhelper.reports import default_filename

    return default_filename(report, fmt)


class ImportPreview(Dialog):
    """What each file would bring in, before anything is written."""

    def __init__(self, previews, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import records"))
        self.setMinimumWidth(640)
        box = QVBoxLayout(self)
        box.addWidget(label(self.tr("These files are ready to import"), "title"))
        self.files = QListWidget()
        self.files.setAccessibleName(self.tr("Files to import"))
        self.files.setWordWrap(True)
        for preview in previews:
            self.files.addItem(f"{preview.path.name}\n{preview.describe(lang)}")
        box.addWidget(self.files, 1)
        # Devices never imported from: their name and fingerprint, to be compared with the
        # volunteer before they are trusted (issue 16 §9).
        new = {}
        for preview in previews:
            if preview.sender is not None and not preview.sender_known:
                new[preview.sender.fingerprint] = preview.sender
        self.new_devices = None
        if new:
            box.addWidget(label(self.tr("New devices"), "heading"))
            box.addWidget(
                label(
                    self.tr(
                        "These files come from devices not seen before. Ask each volunteer "
                        "(by phone or in person) to read you their device's fingerprint from "
                        "Settings, Keys; import only if it is the same."
                    ),
                    "muted",
                )
            )
            self.new_devices = QListWidget()
            self.new_devices.setAccessibleName(self.tr("New devices and their fingerprints"))
            self.new_devices.setWordWrap(True)
            self.new_devices.setMaximumHeight(self.fontMetrics().height() * (2 * len(new) + 2))
            for sender in new.values():
                self.new_devices.addItem(
                    self.tr("{name}\nFingerprint: {fingerprint}").format(
                        name=sender.name, fingerprint=sender.fingerprint
                    )
                )
            box.addWidget(self.new_devices)
        box.addWidget(
            label(
                self.tr("A backup of your records is taken first. Import now?"),
                "muted",
            )
        )
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel = button(self.tr("Cancel"), self.reject)
        self.confirm = button(
            self.tr("Trust and import") if new else self.tr("Import"), self.accept, role="primary"
        )
        self.confirm.setDefault(True)
        row.addWidget(self.cancel)
        row.addWidget(self.confirm)
        box.addLayout(row)
