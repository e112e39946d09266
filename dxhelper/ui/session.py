"""The Session screen: who came, which lessons, the progress grid, notes, printing, handover.

Everything is saved the moment it changes, so an unplugged laptop loses nothing; the Today
screen offers to resume a session that was never ended.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QDate, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from dxhelper.core.errors import DxError
from dxhelper.core.models import Resident, Session, SessionKind, StepState
from dxhelper.core.privacy import check_free_text
from dxhelper.ui.attendee_panel import AttendeePanel
from dxhelper.ui.handover import HandoverChecklist
from dxhelper.ui.lesson_picker import LessonPicker
from dxhelper.ui.pdf_actions import PdfActions
from dxhelper.ui.progress_grid import ProgressGrid
from dxhelper.ui.services import Services
from dxhelper.ui.widgets import (
    FlowLayout,
    InlineMessage,
    button,
    error_text,
    follow_data_changes,
    label,
    show_error,
)

NOTE_SAVE_DELAY_MS = 600


class SessionScreen(QWidget):
    session_ended = Signal()  # other screens learn of it through services.data_changed
    summary_ready = Signal(str)

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.session_id: str | None = None
        self.session: Session | None = None
        self.attendee_list: list[Resident] = []
        self.lesson_ids: list[str] = []
        self.presentation = None
        self.pdf = PdfActions(services, self)
        self._loading = False
        self._build()
        self._show_idle()
        follow_data_changes(self, services)

    # -- build ---------------------------------------------------------------------------------

    def _build(self) -> None:
        self.pages = QStackedWidget()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)
        self.pages.addWidget(self._idle_page())
        # At large text sizes the page scrolls rather than squeezing words until they are cut.
        self.page_scroll = QScrollArea()
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.page_scroll.setWidget(self._session_page())
        self.pages.addWidget(self.page_scroll)

    def _idle_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(24, 20, 24, 20)
        box.addWidget(label(self.tr("No session is running"), "title"))
        self.summary = label("", "ok")
        box.addWidget(self.summary)
        self.start_button = button(self.tr("Start a session"), self.start_new, role="primary")
        self.start_button.setMinimumHeight(72)
        box.addWidget(self.start_button)
        box.addStretch(1)
        return page

    def _session_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(12, 10, 12, 10)
        box.addLayout(self._header())
        self.header_message = InlineMessage()
        box.addWidget(self.header_message)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setChildrenCollapsible(False)
        self.attendee_panel = AttendeePanel(self.services)
        self.attendee_panel.attendees_changed.connect(self._attendees_changed)
        self.attendee_panel.counts_changed.connect(self._counts_changed)
        self.unnamed = self.attendee_panel.unnamed  # the counts by age band
        self.work_panel = self._work_panel()
        self.split.addWidget(self.attendee_panel)
        self.split.addWidget(self.work_panel)
        self.split.setStretchFactor(1, 1)
        box.addWidget(self.split, 1)
        return page

    def resizeEvent(self, event) -> None:
        self._arrange(event.size().width())
        super().resizeEvent(event)

    def showEvent(self, event) -> None:
        self._arrange(self.width())
        super().showEvent(event)

    def _arrange(self, width: int) -> None:
        """Side by side when the grid keeps room for its words; otherwise one above the other."""
        needed = (
            self.attendee_panel.minimumSizeHint().width()
            + self.fontMetrics().averageCharWidth() * 48
        )
        wide = width >= needed
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.split.orientation() != orientation:
            self.split.setOrientation(orientation)
            self.attendee_panel.setMinimumHeight(0 if wide else self.fontMetrics().height() * 14)

    def _header(self) -> FlowLayout:
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setAccessibleName(self.tr("Date"))
        self.start_time = QTimeEdit()
        self.start_time.setDisplayFormat("HH:mm")
        self.start_time.setAccessibleName(self.tr("Start time"))
        digits = self.fontMetrics().horizontalAdvance("0000-00-00")
        self.date.setMinimumWidth(digits + self.fontMetrics().height() * 3)
        self.start_time.setMinimumWidth(digits)
        self.venue = QComboBox()
        self.venue.setAccessibleName(self.tr("Venue"))
        self.venue.setMinimumContentsLength(12)
        self.venue.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.new_venue = QLineEdit()
        self.new_venue.setPlaceholderText(self.tr("New venue name"))
        self.new_venue.setAccessibleName(self.tr("New venue name"))
        self.new_venue.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 12)
        self.new_venue.hide()
        self.add_venue_button = button(
            self.tr("Add venue"), self._add_venue, accessible=self.tr("Add a venue")
        )
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Kind of session"))
        for kind in SessionKind:
            self.kind.addItem(kind.label(self.services.lang), kind)
        # Each caption stays beside its field; the pairs wrap onto a second line when narrow.
        row = FlowLayout(gap=self.fontMetrics().height() // 2)
        for caption, widgets in (
            (self.tr("Date"), [self.date]),
            (self.tr("Start"), [self.start_time]),
            (self.tr("Venue"), [self.venue, self.new_venue, self.add_venue_button]),
            (self.tr("Kind"), [self.kind]),
        ):
            pair = QWidget()
            line = QHBoxLayout(pair)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(label(caption, wrap=False, buddy=widgets[0]))
            for widget in widgets:
                line.addWidget(widget)
            row.addWidget(pair)
        self.date.dateChanged.connect(self._save_header)
        self.start_time.timeChanged.connect(self._save_header)
        self.venue.currentIndexChanged.connect(self._save_header)
        self.kind.currentIndexChanged.connect(self._save_header)
        self.new_venue.returnPressed.connect(self._add_venue)
        return row

    def _work_panel(self) -> QWidget:
        panel = QWidget()
        box = QVBoxLayout(panel)
        box.setContentsMargins(8, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(label(self.tr("Lessons"), "heading", wrap=False))
        row.addStretch(1)
        self.choose_lessons_button = button(self.tr("Choose lessons…"), self.choose_lessons)
        self.present_button = button(self.tr("Present"), self.present)
        row.addWidget(self.choose_lessons_button)
        row.addWidget(self.present_button)
        box.addLayout(row)
        self.lesson_titles = label("", "muted")
        box.addWidget(self.lesson_titles)
        self.grid = ProgressGrid(self.services.store, self.services.lang)
        self.grid.setAccessibleName(self.tr("Progress: residents and lesson steps"))
        self.grid.setMinimumHeight(self.fontMetrics().height() * 9)  # header and three rows
        self.grid.failed.connect(
            lambda exc: self.grid_message.show_text(error_text(exc, self.services.lang))
        )
        self.grid.changed.connect(lambda: self.grid_message.clear_text())
        box.addWidget(self.grid, 3)
        self.grid_message = InlineMessage()
        box.addWidget(self.grid_message)
        box.addWidget(
            label(
                self.tr(
                    "Click or Space: ✓ done → △ needs help → empty. Ctrl+Z undoes. Pale: earlier."
                ),
                "muted",
            )
        )
        box.addWidget(label(self.tr("Notes"), "heading"))
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName(self.tr("Session notes"))
        self.notes.setPlaceholderText(self.tr("Never write a card number, PIN or password here."))
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(self.fontMetrics().height() * 3 + 16)
        box.addWidget(self.notes)
        self.note_message = InlineMessage()
        box.addWidget(self.note_message)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_SAVE_DELAY_MS)
        self._note_timer.timeout.connect(self.save_note)
        self.notes.textChanged.connect(self._note_changed)

        actions = QHBoxLayout()
        self.print_button = button(self.tr("Print handouts…"), self.print_handouts)
        self.print_button.setToolTip(
            self.tr("The lesson guides and a progress sheet for each resident named today")
        )
        # Less common print jobs sit in one menu, so the grid keeps its height on small screens.
        self.more_button = button(self.tr("More printing"))
        more = QMenu(self.more_button)
        self.save_pdf_action = more.addAction(self.tr("Save PDF…"), self.save_pdf)
        self.open_pdf_action = more.addAction(self.tr("Open PDF"), self.open_pdf)
        self.sheet_action = more.addAction(
            self.tr("Sheet for the selected resident"), self.print_selected_sheet
        )
        self.more_button.setMenu(more)
        self.end_button = button(self.tr("End session…"), self.end_session, role="primary")
        actions.addWidget(self.print_button)
        actions.addWidget(self.more_button)
        actions.addStretch(1)
        actions.addWidget(self.end_button)
        box.addLayout(actions)
        for keys, action in (
            (QKeySequence.StandardKey.Undo, self.grid.undo_stack.undo),
            (QKeySequence.StandardKey.Redo, self.grid.undo_stack.redo),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(action)
        return panel

    # -- session lifecycle ---------------------------------------------------------------------

    def _show_idle(self) -> None:
        self.pages.setCurrentIndex(0)

    def refresh(self) -> None:
        if self.session_id is None:
            open_sessions = self.services.store.open_sessions()
            if open_sessions and not self.summary.text():
                self.summary.setText(self.tr("A session was not ended: resume it from Today."))

    def start_new(self) -> None:
        store = self.services.store
        if self.session_id is not None:
            return  # already running: the screen just shows it
        venue_id = self._default_venue_id()
        try:
            session = store.start_session(
                venue_id=venue_id, volunteer_id=self.services.volunteer_id()
            )
        except DxError as exc:
            show_error(self, self.tr("Could not start the session"), exc, self.services.lang)
            return
        self.load(session.id)
        self.attendee_panel.focus_search()

    def _default_venue_id(self) -> str:
        store = self.services.store
        venues = store.list_venues()
        chosen = self.services.settings.get("default_venue_id")
        if any(v.id == chosen for v in venues):
            return chosen
        if venues:
            return venues[0].id
        municipality = self.services.settings.get("municipality")
        return store.add_venue(self.tr("Community centre"), municipality).id

    def load(self, session_id: str) -> None:
        store = self.services.store
        self._loading = True
        try:
            self.session = store.get_session(session_id)
            self.session_id = session_id
            self.attendee_list = store.attendees(session_id)
            self.lesson_ids = [
                i for i in store.session_lessons(session_id) if i in self.services.catalogue
            ]
            self._fill_header()
            self.attendee_panel.load(self.session)
            self.notes.setPlainText(self.session.note)
            self._reload_grid()
            for message in (
                self.header_message,
                self.grid_message,
                self.note_message,
            ):
                message.clear_text()
        finally:
            self._loading = False
        self.pages.setCurrentIndex(1)

    def _fill_header(self) -> None:
        session = self.session
        assert session is not None
        self.date.setDate(QDate(session.date.year, session.date.month, session.date.day))
        hours, minutes = map(int, session.start_time.split(":"))
        self.start_time.setTime(QTime(hours, minutes))
        self.venue.clear()
        for venue in self.services.store.list_venues():
            self.venue.addItem(venue.name, venue.id)
        self.venue.setCurrentIndex(self.venue.findData(session.venue_id))
        self.kind.setCurrentIndex(self.kind.findData(session.kind))

    def _save_header(self) -> None:
        if self._loading or self.session is None:
            return
        date = self.date.date()
        changed = dataclasses.replace(
            self.session,
            date=dt.date(date.year(), date.month(), date.day()),
            start_time=self.start_time.time().toString("HH:mm"),
            venue_id=self.venue.currentData() or self.session.venue_id,
            kind=self.kind.currentData(),
            note=self.session.note,
        )
        try:
            self.session = self.services.store.update_session(changed)
            self.header_message.clear_text()
        except DxError as exc:
            self.header_message.show_text(error_text(exc, self.services.lang))

    def _add_venue(self) -> None:
        if not self.new_venue.isVisible():
            self.new_venue.show()
            self.new_venue.setFocus()
            return
        name = self.new_venue.text().strip()
        if not name:
            self.new_venue.hide()
            return
        try:
            venue = self.services.store.add_venue(name, self.services.settings.get("municipality"))
        except DxError as exc:
            self.header_message.show_text(error_text(exc, self.services.lang))
            return
        self.new_venue.clear()
        self.new_venue.hide()
        self.venue.addItem(venue.name, venue.id)
        self.venue.setCurrentIndex(self.venue.count() - 1)
        self.services.data_changed(self)

    # -- attendees (the panel adds and removes them) -------------------------------------------

    def add_attendee(self, resident_id: str) -> None:
        self.attendee_panel.add_attendee(resident_id)

    def new_resident(self):
        return self.attendee_panel.new_resident()

    def _attendees_changed(self, residents: list[Resident]) -> None:
        self.attendee_list = residents
        self._reload_grid()

    def _counts_changed(self, session: Session) -> None:
        self.session = session

    # -- lessons and grid ----------------------------------------------------------------------

    def choose_lessons(self) -> LessonPicker:
        picker = LessonPicker(self.services.catalogue, self.services.lang, self.lesson_ids, self)
        picker.accepted.connect(lambda: self.set_lessons(picker.chosen()))
        picker.open()
        return picker

    def set_lessons(self, lesson_ids: list[str]) -> None:
        if self.session_id is None:
            return
        try:
            self.services.store.set_session_lessons(self.session_id, lesson_ids)
        except DxError as exc:
            self.grid_message.show_text(error_text(exc, self.services.lang))
            return
        self.lesson_ids = list(lesson_ids)
        self._reload_grid()

    def _lessons(self):
        return [self.services.catalogue.get(i, self.services.lang) for i in self.lesson_ids]

    def _reload_grid(self) -> None:
        lessons = self._lessons()
        self.lesson_titles.setText(
            " / ".join(lesson.title for lesson in lessons) or self.tr("none chosen yet")
        )
        volunteer = self.session.volunteer_id if self.session else None
        self.grid.load(self.session_id, volunteer, self.attendee_list, lessons)
        self.present_button.setEnabled(bool(lessons))

    # -- notes ---------------------------------------------------------------------------------

    def _note_changed(self) -> None:
        if self._loading:
            return
        try:
            check_free_text("note", self.notes.toPlainText())
        except DxError as exc:
            # Refused as typed: say why here, and do not save any of it.
            self._note_timer.stop()
            self.note_message.show_text(error_text(exc, self.services.lang))
            return
        self.note_message.clear_text()
        self._note_timer.start()

    def save_note(self) -> bool:
        self._note_timer.stop()
        if self.session is None:
            return True
        text = self.notes.toPlainText()
        if text == self.session.note:
            return True
        try:
            self.session = self.services.store.update_session(
                dataclasses.replace(self.session, note=text)
            )
        except DxError as exc:
            self.note_message.show_text(error_text(exc, self.services.lang))
            return False
        return True

    # -- printing ------------------------------------------------------------------------------

    def _print_run(self):
        """Gathered on the GUI thread (it reads the store); the PDF is built in the worker."""
        from dxhelper.handouts import batch_pdf
        from dxhelper.handouts.records import session_print_run

        assert self.session_id is not None
        lang = self.services.lang
        lessons, sheets = session_print_run(
            self.services.store, self.services.catalogue, self.session_id, lang
        )
        venue = self.venue.currentText()
        options = self.services.handout_options(venue=venue)
        return lambda: batch_pdf(lessons, sheets, lang, options)

    def _file_name(self) -> str:
        day = self.session.date.isoformat() if self.session else dt.date.today().isoformat()
        return f"dxhelper-{day}.pdf"

    def print_handouts(self) -> None:
        if self.session_id is not None:
            self.pdf.preview(self._print_run())

    def save_pdf(self, target=None) -> None:
        if self.session_id is not None:
            self.pdf.save(self._print_run(), self._file_name(), target)

    def open_pdf(self) -> None:
        if self.session_id is not None:
            self.pdf.open(self._print_run(), self._file_name())

    def print_selected_sheet(self) -> None:
        index = self.grid.currentIndex()
        row = index.row() if index.isValid() else self.attendee_panel.current_row()
        if row < 0 or row >= len(self.attendee_list):
            self.grid_message.show_text(self.tr("Choose a resident in the grid first."))
            return
        from dxhelper.handouts import sheet_pdf
        from dxhelper.handouts.records import resident_sheet

        lang = self.services.lang
        sheet = resident_sheet(
            self.services.store, self.services.catalogue, self.attendee_list[row].id, lang
        )
        options = self.services.handout_options(venue=self.venue.currentText())
        self.pdf.preview(lambda: sheet_pdf(sheet, lang, options))

    # -- presentation --------------------------------------------------------------------------

    def present(self, index: int = 0):
        from dxhelper.ui.presenter import open_presentation

        lessons = self._lessons()
        if not lessons:
            return None
        lesson = lessons[min(index, len(lessons) - 1)]
        self.close_presentation()
        # With a projector the laptop keeps the grid and gets a small next-step panel.
        window, self.presenter = open_presentation(
            lesson,
            self.services.lang,
            trusted_domains=self.services.settings.get("trusted_domains"),
        )
        window.closed.connect(self.close_presentation)
        self.presentation = window
        return window

    def close_presentation(self) -> None:
        window, self.presentation = self.presentation, None
        presenter = getattr(self, "presenter", None)
        self.presenter = None
        if presenter is not None:
            presenter.close()
        if window is not None and window.isVisible():
            window.close()

    # -- ending --------------------------------------------------------------------------------

    def end_session(self) -> HandoverChecklist:
        self.save_note()
        checklist = HandoverChecklist(self.services.lang, self)
        checklist.accepted.connect(lambda: self._finish(checklist))
        checklist.open()
        return checklist

    def _finish(self, checklist: HandoverChecklist) -> None:
        assert self.session_id is not None
        store = self.services.store
        try:
            ended = store.end_session(self.session_id, handover=checklist.checks)
        except DxError as exc:
            show_error(self, self.tr("Could not end the session"), exc, self.services.lang)
            return
        done = sum(
            1
            for cell in self.grid.progress.cells.values()
            if cell.session_id == self.session_id and cell.state is StepState.DONE
        )
        help_needed = sum(
            1
            for cell in self.grid.progress.cells.values()
            if cell.session_id == self.session_id and cell.state is StepState.NEEDS_HELP
        )
        text = self.tr(
            "Session ended {start}–{end}. {named} by name, {unnamed} counted, "
            "{done} steps done, {help} need help next time."
        ).format(
            start=ended.start_time,
            end=ended.end_time,
            named=len(self.attendee_list),
            unnamed=ended.unnamed_total,
            done=done,
            help=help_needed,
        )
        self.close_presentation()
        self.session_id = None
        self.session = None
        self.attendee_list = []
        self.lesson_ids = []
        self.attendee_panel.load(None)
        self.grid.load(None, None, [], [])
        self.summary.setText(text)
        self._show_idle()
        self.summary_ready.emit(text)
        self.services.data_changed(self)  # Today's figures, the residents' progress, reports
        self.session_ended.emit()
