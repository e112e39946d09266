"""The Session screen: who came, which lessons, the progress grid, notes, printing, handover.

Everything is saved the moment it changes, so an unplugged laptop loses nothing; the Today
screen offers to resume a session that was never ended, and opens any session (recent ones,
or through the Sessions list).

An ended session opens read-only under a banner ("This session has ended. Correct it?"), so
nothing is ticked by accident; after "Correct it" everything can be changed, each change
through the Store as usual. A session started by mistake can be discarded (a typed word
confirms it). A session held earlier is entered from its paper record with its real date and
times: choose them before starting (the idle page) or after (the header), and set the end time
when ending.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QFrame,
    QHBoxLayout,
    QMenu,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from dxhelper.core.errors import DxError, NotFoundError
from dxhelper.core.models import Resident, Session, StepState
from dxhelper.core.privacy import check_free_text
from dxhelper.ui.attendee_panel import AttendeePanel
from dxhelper.ui.discard_session import DiscardSessionDialog
from dxhelper.ui.handover import HandoverChecklist
from dxhelper.ui.lesson_picker import LessonPicker
from dxhelper.ui.pdf_actions import PdfActions
from dxhelper.ui.progress_grid import ProgressGrid
from dxhelper.ui.services import Services
from dxhelper.ui.session_header import SessionHeader, captioned, date_edit, pydate, time_edit
from dxhelper.ui.session_team import SessionTeam
from dxhelper.ui.sessions_list import SessionsDialog
from dxhelper.ui.style import HELP
from dxhelper.ui.widgets import (
    FlowLayout,
    InlineMessage,
    SteadyLabel,
    button,
    error_text,
    follow_data_changes,
    label,
    show_error,
)

if TYPE_CHECKING:
    from dxhelper.ui.next_notice_dialog import NextNoticeDialog

NOTE_SAVE_DELAY_MS = 600
PAST_SESSION_START = QTime(10, 0)  # the idle page's start time for a paper record
TICK_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)
MOUSE_TICKS = (
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
)


class WheelGuard(QObject):
    """A count changes only on purpose: the wheel turns a spin box only once it has the focus
    (a click or Tab); otherwise the wheel passes on and the panel around it scrolls."""

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Wheel and not watched.hasFocus():
            event.ignore()  # ignored and filtered: Qt hands the wheel to the parent
            return True
        return False

    def guard(self, spin: QAbstractSpinBox) -> None:
        spin.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel never gives it focus
        spin.installEventFilter(self)


class TickGuard(QObject):
    """While an ended session is read-only, clicks and Space/Enter on the grid tick nothing
    (the grid still scrolls and its cells can be read); `refused` is told instead."""

    def __init__(self, grid: ProgressGrid, locked, refused) -> None:
        super().__init__(grid)
        self._locked = locked
        self._refused = refused
        grid.installEventFilter(self)
        grid.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if not self._locked():
            return False
        kind = event.type()
        if kind in MOUSE_TICKS or (kind == QEvent.Type.KeyPress and event.key() in TICK_KEYS):
            if kind == QEvent.Type.MouseButtonRelease or kind == QEvent.Type.KeyPress:
                self._refused()
            return True
        return False


class SessionScreen(QWidget):
    session_ended = Signal()  # other screens learn of it through services.data_changed
    summary_ready = Signal(str)
    discarded = Signal()  # the main window shows Today again
    closed = Signal()  # an ended session closed after correcting: back to Today

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
        self.locked = False  # an ended session, not yet opened for correction
        self.wide = True
        self.attendees_open = True  # the attendee section, when it sits above the grid
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
        inner = QWidget()
        box = QVBoxLayout(inner)
        box.setContentsMargins(24, 20, 24, 20)
        box.setSpacing(12)
        box.addWidget(label(self.tr("No session is running"), "title"))
        self.summary = label("", "ok")
        box.addWidget(self.summary)
        self.start_button = button(self.tr("Start a session"), self.start_new, role="primary")
        self.start_button.setMinimumHeight(72)
        box.addWidget(self.start_button)
        self.idle_list_button = button(self.tr("All sessions…"), self.show_sessions)
        box.addLayout(_left(self.idle_list_button))

        box.addSpacing(self.fontMetrics().height())
        box.addWidget(label(self.tr("From a paper record"), "heading"))
        box.addWidget(
            label(
                self.tr(
                    "For a session held earlier: choose its date and start time, then enter "
                    "it. You set the end time when you end it."
                ),
                "muted",
            )
        )
        self.past_date = date_edit(self.tr("Date of the session held earlier"))
        self.past_date.setDate(dt.date.today())
        self.past_date.setMaximumDate(dt.date.today())
        self.past_start = time_edit(self.tr("Start time of the session held earlier"))
        self.past_start.setTime(PAST_SESSION_START)
        self.past_button = button(self.tr("Enter a past session"), self.start_past)
        row = FlowLayout(gap=self.fontMetrics().height() // 2)
        row.addWidget(captioned(self.tr("Date"), self.past_date))
        row.addWidget(captioned(self.tr("Start"), self.past_start))
        row.addWidget(self.past_button)
        box.addLayout(row)
        box.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        return scroll

    def _session_page(self) -> QWidget:
        page = _Column()
        box = QVBoxLayout(page)
        box.setContentsMargins(12, 10, 12, 10)
        self.header = SessionHeader(self.services, lambda: self.session)
        self.header.saved.connect(self._header_saved)
        self.header.list_requested.connect(self.show_sessions)
        self.header.venue_added.connect(lambda: self.services.data_changed(self))
        # The fields by their old names (tests, screenshots, printing read them).
        self.date, self.start_time, self.end_time = (
            self.header.date,
            self.header.start_time,
            self.header.end_time,
        )
        self.venue, self.kind = self.header.venue, self.header.kind
        self.header_message = self.header.message
        box.addWidget(self.header)
        box.addWidget(self._banner())
        # Who did the work (issue 17): the volunteers and their roles, on one line.
        self.team = SessionTeam(self.services)
        self.team.changed.connect(lambda: self.services.data_changed(self))
        box.addWidget(self.team)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setChildrenCollapsible(False)
        self.attendee_side = self._attendee_side()
        self.work_panel = self._work_panel()
        self.split.addWidget(self.attendee_side)
        self.split.addWidget(self.work_panel)
        self.split.setStretchFactor(0, 0)
        self.split.setStretchFactor(1, 1)
        box.addWidget(self.split, 1)
        return page

    def _banner(self) -> QFrame:
        """Said above everything while an ended session is open: read-only until confirmed."""
        self.banner = QFrame()
        self.banner.setObjectName("endedBanner")
        self.banner.setStyleSheet(
            f"QFrame#endedBanner {{ background: #fff4d6; border: 2px solid {HELP};"
            " border-radius: 6px; }"
        )
        row = QHBoxLayout(self.banner)
        margin = max(4, self.fontMetrics().height() // 4)
        row.setContentsMargins(margin * 2, 2, 2, 2)
        self.banner_text = label("")
        font = QFont(self.banner_text.font())
        font.setBold(True)
        self.banner_text.setFont(font)
        self.correct_button = button(self.tr("Correct it"), self.unlock, role="primary")
        self.done_button = button(self.tr("Done"), self.close_session, role="primary")
        self.done_button.setAccessibleName(self.tr("Done correcting: close this session"))
        row.addWidget(self.banner_text, 1)
        row.addWidget(self.correct_button)
        row.addWidget(self.done_button)
        self.banner.hide()
        return self.banner

    def _attendee_side(self) -> QWidget:
        """The attendee panel, the day's total under it; above the grid (narrow windows, large
        text) it folds away behind one button so the grid gets the room."""
        side = QWidget()
        box = QVBoxLayout(side)
        box.setContentsMargins(0, 0, 0, 0)
        # Above the grid only: the fold button (with the day's total) and the Sessions list,
        # which then leaves the header so the header keeps to two lines at 200 %.
        self.fold_row = QWidget()
        row = FlowLayout(gap=self.fontMetrics().height() // 2)
        self.fold_row.setLayout(row)
        self.attendee_toggle = button("", self.toggle_attendees)
        self.side_list_button = button(self.tr("All sessions…"), self.show_sessions)
        row.addWidget(self.attendee_toggle)
        row.addWidget(self.side_list_button)
        self.fold_row.hide()
        box.addWidget(self.fold_row)
        self.attendee_panel = AttendeePanel(self.services)
        self.attendee_panel.attendees_changed.connect(self._attendees_changed)
        self.attendee_panel.counts_changed.connect(self._counts_changed)
        self.unnamed = self.attendee_panel.unnamed  # the counts by age band
        self.wheel_guard = WheelGuard(self)
        for spin in self.unnamed.values():
            self.wheel_guard.guard(spin)
        box.addWidget(self.attendee_panel, 1)
        self.total = SteadyLabel("")  # it changes at each arrival: no new layout for that
        self.total.setAccessibleName(self.tr("Everyone who came today"))
        font = QFont(self.total.font())
        font.setBold(True)
        self.total.setFont(font)
        box.addWidget(self.total)
        return side

    def resizeEvent(self, event) -> None:
        self._arrange(event.size().width())
        super().resizeEvent(event)

    def showEvent(self, event) -> None:
        self._arrange(self.width())
        super().showEvent(event)

    def _arrange(self, width: int) -> None:
        """Side by side when the grid keeps room for its words. Otherwise (a narrow window, or
        150–200 % text) the attendee section sits above the grid and folds away behind one
        button, and the grid gets a screenful of its own: scrolling the page down shows it
        whole, with notes and buttons below."""
        needed = (
            self.attendee_panel.minimumSizeHint().width()
            + self.fontMetrics().averageCharWidth() * 48
        )
        wide = width >= needed
        if wide != self.wide:
            self.wide = wide
            orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
            self.split.setOrientation(orientation)
            self.fold_row.setVisible(not wide)
            self.header.list_button.setVisible(wide)
        self._fold()
        if wide:
            self.grid.setMinimumHeight(0)  # the grid's own minimum (its header and four rows)
        else:
            QTimer.singleShot(0, self._fit_grid)

    def _fold(self) -> None:
        """Show or fold the attendee section (folding only happens above the grid). Folded,
        the session's header and team fold away with it, like a drawer: at 200 % text on a
        1366×768 laptop the lessons line and the grid then fill the view without scrolling
        the page (issue 19 §2)."""
        shown = self.wide or self.attendees_open
        self.attendee_panel.setVisible(shown)
        # Above the grid the drawer's button names the section: its heading would repeat it.
        self.attendee_panel.heading.setVisible(self.wide)
        self.total.setVisible(shown)
        self.header.setVisible(shown)
        self.team.setVisible(shown)
        self._place_lesson_buttons(compact=not shown)
        self.fold_row.layout().invalidate()
        # Above the grid the section is as tall as its parts need: the page scrolls, not a
        # second scroll area inside it (issue 19 §2).
        self.attendee_panel.setMinimumHeight(0 if self.wide else self.attendee_panel.full_height())
        side = self.attendee_side
        self._show_toggle()
        side.layout().invalidate()  # the toggle's text and the buttons on its line changed
        folded = max(side.minimumSizeHint().height(), side.heightForWidth(side.width()))
        if shown:
            side.setMinimumHeight(0)
            side.setMaximumHeight(16_777_215)
        else:  # the drawer's line, wrapped if its buttons need two
            side.setFixedHeight(folded)
        if not self.wide:
            top = side.sizeHint().height() if shown else folded
            self.split.setSizes([top, max(1, self.split.height() - top)])

    def _place_lesson_buttons(self, compact: bool) -> None:
        """Folded, the lessons' buttons join the drawer's line and the lessons line goes,
        a line more for the grid; unfolded, they are back on the lessons line."""
        home = self.fold_row if compact else self.work_panel
        if self.choose_lessons_button.parentWidget() is not home:
            target = self.fold_row.layout() if compact else self.lessons_row
            target.addWidget(self.choose_lessons_button)
            target.addWidget(self.present_button)
        self.lessons_heading.setVisible(not compact)
        self.side_list_button.setVisible(not compact)  # in the drawer, with who came
        self.no_lessons.setVisible(not compact and not self.lesson_ids)

    def _fit_grid(self) -> None:
        if self.wide:
            return
        view = self.page_scroll.viewport().height()
        page = self.page_scroll.widget()
        page.layout().activate()  # where the grid is now, after a fold
        self.work_panel.layout().activate()
        above = self.grid.y() or (  # the lessons line and the gap under it
            self.choose_lessons_button.sizeHint().height() + self.fontMetrics().height()
        )
        if not self.attendees_open:  # the folded drawer's line stays in view above
            # The grid reaches the view's foot: the line under it starts below, not cut.
            above = self.grid.mapTo(page, QPoint()).y()
        self.grid.setMinimumHeight(max(self.grid.minimumSizeHint().height(), view - above))

    def _scroll_page_to(self, widget: QWidget | None) -> None:
        """The page scrolled so `widget` is at its top (None: the page's top)."""
        page = self.page_scroll.widget()
        page.layout().activate()
        y = widget.mapTo(page, QPoint()).y() if widget is not None else 0
        self.page_scroll.verticalScrollBar().setValue(y)

    def scroll_to_grid(self) -> None:
        """Scroll the page so the lessons line and the grid fill the view (with the folded
        drawer's line above them, when the drawer is folded)."""
        page = self.page_scroll.widget()
        target = self.attendee_side if not self.attendees_open else self.work_panel
        self.page_scroll.verticalScrollBar().setValue(target.mapTo(page, QPoint()).y())

    def toggle_attendees(self) -> None:
        self.attendees_open = not self.attendees_open
        self._fold()
        QTimer.singleShot(0, self._fit_grid)

    def _show_toggle(self) -> None:
        full = self.tr("Who came:") + " " + self.total.text()
        self.attendee_toggle.setToolTip("" if self.attendees_open else full)
        if self.attendees_open:
            self.attendee_toggle.setText("▾ " + self.tr("Hide who came"))
            self.attendee_toggle.setAccessibleName(self.attendee_toggle.text())
        else:
            # The count alone on the drawer's line, so the lessons' buttons fit beside it at
            # 200 %; the whole total is heard, and shown on pointing at it.
            count = len(self.attendee_list) + (self.session.unnamed_total if self.session else 0)
            self.attendee_toggle.setText("▸ " + self.tr("Who came:") + f" {count}")
            self.attendee_toggle.setAccessibleName(full)

    def _work_panel(self) -> QWidget:
        panel = _Column()
        box = QVBoxLayout(panel)
        box.setContentsMargins(8, 0, 0, 0)
        row = self.lessons_row = QHBoxLayout()
        self.lessons_heading = label(self.tr("Lessons"), "heading", wrap=False)
        row.addWidget(self.lessons_heading)
        # The grid's header names the lessons; this says only that none is chosen yet.
        self.no_lessons = label(self.tr("none chosen yet"), "muted", wrap=False)
        row.addWidget(self.no_lessons)
        row.addStretch(1)
        self.choose_lessons_button = button(self.tr("Choose lessons…"), self.choose_lessons)
        self.present_button = button(self.tr("Present"), self.present)
        row.addWidget(self.choose_lessons_button)
        row.addWidget(self.present_button)
        box.addLayout(row)
        self.grid = ProgressGrid(self.services.store, self.services.lang)
        self.grid.setAccessibleName(self.tr("Progress: residents and lesson steps"))
        self.grid.failed.connect(
            lambda exc: self.grid_message.show_text(error_text(exc, self.services.lang))
        )
        self.grid.changed.connect(lambda: self.grid_message.clear_text())
        self.tick_guard = TickGuard(self.grid, lambda: self.locked, self._refused_while_locked)
        box.addWidget(self.grid, 3)
        self.grid_message = InlineMessage()
        box.addWidget(self.grid_message)
        box.addWidget(
            label(
                self.tr(
                    "Click or Space: ✓ today → △ needs help → as before. Ctrl+Z undoes. "
                    "Pale: earlier."
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
        more.addSeparator()
        self.signin_action = more.addAction(
            self.tr("Blank sign-in sheet…"), self.print_signin_sheet
        )
        self.next_notice_action = more.addAction(self.tr("Next-session slips…"), self.next_notice)
        self.certificates_action = more.addAction(
            self.tr("Certificates of attendance…"), self.print_certificates
        )
        self.more_button.setMenu(more)
        self.discard_button = button(
            self.tr("Discard this session…"),
            self.discard,
            role="danger",
            tip=self.tr("For a session started by mistake: it leaves every count and report"),
        )
        self.end_button = button(self.tr("End session…"), self.end_session, role="primary")
        # Printing on the left, discard and end on the right; each side wraps when narrow.
        gap = self.fontMetrics().height() // 2
        left, right = FlowLayout(gap=gap), FlowLayout(gap=gap)
        left.addWidget(self.print_button)
        left.addWidget(self.more_button)
        right.addWidget(self.discard_button)
        right.addWidget(self.end_button)
        actions = QHBoxLayout()
        actions.addLayout(left)
        actions.addStretch(1)
        actions.addLayout(right)
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
            return
        try:
            self.services.store.get_session(self.session_id)
        except NotFoundError:  # discarded on another device and imported here
            self._clear()
            self.summary.setText(self.tr("This session was discarded."))
            self._show_idle()
            return
        self.team.refresh()

    def start_new(self, date: dt.date | None = None, start_time: str | None = None) -> None:
        """Start a session now, or (from a paper record) on `date` at `start_time`."""
        store = self.services.store
        if self.session is not None and self.session.is_open:
            return  # already running: the screen just shows it
        if self.session is not None and not self.save_pending():
            return  # a correction was refused: it stays in sight with its reason
        venue_id = self._default_venue_id()
        try:
            session = store.start_session(
                venue_id=venue_id,
                volunteer_id=self.services.volunteer_id(),
                date=date,
                start_time=start_time,
            )
        except DxError as exc:
            show_error(self, self.tr("Could not start the session"), exc, self.services.lang)
            return
        self.load(session.id)
        self.attendee_panel.focus_search()

    def start_past(self) -> None:
        """A session held earlier, from its paper record: its real date and start time."""
        self.start_new(
            date=pydate(self.past_date.date()),
            start_time=self.past_start.time().toString("HH:mm"),
        )

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
        """Show a session: a running one ready to use, an ended one read-only under the banner."""
        if self.session_id is not None and self.session_id != session_id:
            self.save_pending()
        store = self.services.store
        self._loading = True
        try:
            self.session = store.get_session(session_id)
            self.session_id = session_id
            self.attendee_list = store.attendees(session_id)
            self.lesson_ids = [
                i for i in store.session_lessons(session_id) if i in self.services.catalogue
            ]
            self.header.show_session(self.session)
            self.team.load(session_id)
            self.attendee_panel.load(self.session)
            self.notes.setPlainText(self.session.note)
            self._reload_grid()
            for message in (self.grid_message, self.note_message):
                message.clear_text()
        finally:
            self._loading = False
        # Above the grid the attendee section stays open until people and lessons are in, and
        # for a planned class while booked residents are still to arrive and no step is ticked
        # yet: ticking arrivals is the first job, and the tick-list is in that section.
        here = {r.id for r in self.attendee_list}
        teaching = any(c.session_id == session_id for c in self.grid.progress.cells.values())
        awaited = (
            self.session.is_open
            and not teaching
            and any(s.resident_id not in here for s in self.attendee_panel.signups)
        )
        self.attendees_open = awaited or not (self.attendee_list and self.lesson_ids)
        self._set_locked(not self.session.is_open)
        self._show_total()
        self._fold()
        self.pages.setCurrentIndex(1)
        # A planned class starts with its arrivals: above the grid, the page opens at the
        # drawer's line (the plan filled in the date, venue and team above it).
        top = self.fold_row if awaited and not self.wide else None
        QTimer.singleShot(0, lambda: self._scroll_page_to(top))

    def _header_saved(self, session: Session) -> None:
        self.session = session
        self._show_staffing()  # the kind may have changed: the guideline is for classes

    def save_pending(self) -> bool:
        """Save what is still waiting (a time being typed, a note); False if refused."""
        return self.header.save() and self.save_note()

    # -- ended sessions: read-only until "Correct it" ------------------------------------------

    def _set_locked(self, locked: bool) -> None:
        self.locked = locked
        ended = self.session is not None and not self.session.is_open
        self.header.set_locked(locked)
        self.team.set_locked(locked)
        self.attendee_panel.setEnabled(not locked)
        self.choose_lessons_button.setEnabled(not locked)
        self.notes.setReadOnly(locked)
        self.banner.setVisible(ended)
        self.correct_button.setVisible(locked)
        self.done_button.setVisible(ended and not locked)
        self.banner_text.setText(
            self.tr("This session has ended. Correct it?")
            if locked
            else self.tr("Correcting an ended session: each change is saved at once.")
        )
        self.end_button.setVisible(not ended)

    def unlock(self) -> None:
        """'Correct it': everything can be changed from now on."""
        self._set_locked(False)
        self.date.setFocus()

    def _refused_while_locked(self) -> None:
        self.correct_button.setFocus()  # the way to change it, in plain sight

    def close_session(self) -> None:
        """Done correcting: the screen lets go of the ended session and Today shows again."""
        if not self.save_pending():
            return
        self._clear()
        self.summary.setText(self.tr("The corrections are saved."))
        self._show_idle()
        self.services.data_changed(self)
        self.closed.emit()

    def _clear(self) -> None:
        self.close_presentation()
        self.header.forget()  # nothing still waiting is kept for a session let go
        self._note_timer.stop()
        self.session_id = None
        self.session = None
        self.attendee_list = []
        self.lesson_ids = []
        self.locked = False
        self.banner.hide()
        self.attendee_panel.load(None)
        self.team.load(None)
        self.grid.load(None, None, [], [])

    # -- the Sessions list ---------------------------------------------------------------------

    def show_sessions(self) -> SessionsDialog:
        dialog = SessionsDialog(self.services, self)
        dialog.open_requested.connect(self.load)
        dialog.open()
        return dialog

    # -- discarding ----------------------------------------------------------------------------

    def discard(self) -> DiscardSessionDialog | None:
        if self.session is None:
            return None
        self.save_pending()
        dialog = DiscardSessionDialog(self.services, self.session, self)
        dialog.accepted.connect(self._discarded)
        dialog.open()
        return dialog

    def _discarded(self) -> None:
        self._clear()
        self.summary.setText(self.tr("The session was discarded."))
        self._show_idle()
        self.services.data_changed(self)  # Today's counts, reports, residents' histories
        self.discarded.emit()

    # -- attendees (the panel adds and removes them) -------------------------------------------

    def add_attendee(self, resident_id: str) -> None:
        self.attendee_panel.add_attendee(resident_id)

    def new_resident(self):
        return self.attendee_panel.new_resident()

    def _attendees_changed(self, residents: list[Resident]) -> None:
        self.attendee_list = residents
        self._reload_grid()
        self._show_total()

    def _counts_changed(self, session: Session) -> None:
        self.session = session
        self._show_total()

    def _show_total(self) -> None:
        """The day's total: named attendees and those only counted."""
        named = len(self.attendee_list)
        counted = self.session.unnamed_total if self.session else 0
        self.total.setText(
            self.tr("Total {total} ({named} by name, {counted} counted)").format(
                total=named + counted, named=named, counted=counted
            )
        )
        # Heard with its figures, not the caption alone (issue 19 §6).
        self.total.setAccessibleName(self.tr("Everyone who came today") + ": " + self.total.text())
        self._show_toggle()
        self._show_staffing()

    def _show_staffing(self) -> None:
        """The 1:4 guideline for classes, for everyone who came: named and counted."""
        session = self.session
        learners = len(self.attendee_list) + (session.unnamed_total if session else 0)
        self.team.show_staffing(session.kind if session else None, learners)

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
        if self.attendee_list and lesson_ids:
            # On to ticking: above the grid (now, or once the window is narrowed) the grid
            # gets the room.
            self.attendees_open = False
            if not self.wide:
                self._fold()
                self.grid.setFocus()
                QTimer.singleShot(0, self.scroll_to_grid)

    def _lessons(self):
        return [self.services.catalogue.get(i, self.services.lang) for i in self.lesson_ids]

    def _reload_grid(self) -> None:
        lessons = self._lessons()
        self.no_lessons.setVisible(not lessons)
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

    def print_handouts(self):
        """The print-run dialog: which guides, how many copies, sheets, the next session."""
        if self.session_id is None:
            return None
        from dxhelper.handouts.records import session_print_run
        from dxhelper.ui.print_run import PrintRunDialog, attendee_count

        store = self.services.store
        lessons, sheets = session_print_run(
            store, self.services.catalogue, self.session_id, self.services.lang
        )
        dialog = PrintRunDialog(
            self.services,
            lessons,
            sheets,
            attendee_count(store, self.session_id),
            venue=self.venue.currentText(),
            parent=self,
            file_name=self._file_name(),
        )
        dialog.saved.connect(self.pdf.saved)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.print_run_dialog = dialog
        dialog.open()
        return dialog

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

    def print_signin_sheet(self) -> None:
        """A blank 受付票 with the venue printed and the date left to write in."""
        if self.session_id is None:
            return
        from dxhelper.handouts import signin_sheet_pdf

        lang = self.services.lang
        venue = self.venue.currentText()
        options = self.services.handout_options(venue=venue)
        self.pdf.preview(lambda: signin_sheet_pdf(lang, options, date=None, venue=venue, pages=1))

    def next_notice(self) -> NextNoticeDialog | None:
        """The next-session slips' dialog, filled in from this session; OK previews the slips."""
        if self.session_id is None or self.session is None:
            return None
        from dxhelper.handouts.records import bring_list, first_helpline, session_lessons
        from dxhelper.ui.next_notice_dialog import NextNoticeDialog, session_time

        lang = self.services.lang
        session = self.header.edited(self.session)  # what the header shows, saved or not
        lessons = session_lessons(
            self.services.store, self.services.catalogue, self.session_id, lang
        )
        previous = getattr(self, "next_notice_dialog", None)
        if previous is not None and not previous.building:
            previous.deleteLater()
        dialog = NextNoticeDialog(
            self.services,
            date=session.date + dt.timedelta(days=7),
            time=session_time(session.start_time, session.end_time, lang),
            venue=self.venue.currentText(),
            bring=bring_list(lessons),
            helpline=first_helpline(lessons),
            parent=self,
        )
        dialog.built.connect(lambda pdf: self.pdf.preview(lambda: pdf))
        self.next_notice_dialog = dialog
        dialog.open()
        return dialog

    def print_certificates(self) -> None:
        """A 受講証明 for each named attendee; none named: said under the grid."""
        if self.session_id is None:
            return
        from dxhelper.handouts import certificates_pdf
        from dxhelper.handouts.records import session_certificates

        lang = self.services.lang
        certificates = session_certificates(
            self.services.store,
            self.services.catalogue,
            self.session_id,
            lang,
            municipality=self.services.settings.get("municipality"),
        )
        if not certificates:
            self.grid_message.show_text(
                self.tr("Nobody is named in this session: there is no certificate to print.")
            )
            return
        options = self.services.handout_options(venue=self.venue.currentText())
        self.pdf.preview(lambda: certificates_pdf(certificates, lang, options))

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

    def end_session(self) -> HandoverChecklist | None:
        """The handover checklist, with the end time (now, or from a paper record)."""
        if self.session is None or not self.save_pending():
            return None  # a refused date or time is said under the header
        checklist = HandoverChecklist(
            self.services.lang, self, day=self.session.date, start=self.session.start_time
        )
        checklist.accepted.connect(lambda: self._finish(checklist))
        checklist.open()
        return checklist

    def _finish(self, checklist: HandoverChecklist) -> None:
        assert self.session_id is not None
        store = self.services.store
        try:
            ended = store.end_session(
                self.session_id, end_time=checklist.end_time, handover=checklist.checks
            )
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
        self._clear()
        self.summary.setText(text)
        self._show_idle()
        self.summary_ready.emit(text)
        self.services.data_changed(self)  # Today's figures, the residents' progress, reports
        self.session_ended.emit()


class _Column(QWidget):
    """A column that counts its wrapped text at the width it has: its minimum height (asked by
    the splitter) and its height for a width (asked by the page's scroll area) are what its
    parts need at least, wrapped lines included. So the page scrolls only when the grid would
    drop below its minimum, and nothing under the grid is overlapped at 200 %."""

    def min_height_for(self, width: int) -> int:
        layout = self.layout()
        margins = layout.contentsMargins()
        inner = width - margins.left() - margins.right()
        heights = []
        for index in range(layout.count()):
            item = layout.itemAt(index)
            if item.isEmpty():  # hidden, or a stretch
                continue
            if item.hasHeightForWidth():
                heights.append(item.heightForWidth(inner))
            else:
                heights.append(item.minimumSize().height())
        spacing = max(0, layout.spacing()) * max(0, len(heights) - 1)
        return margins.top() + margins.bottom() + sum(heights) + spacing

    def heightForWidth(self, width: int) -> int:
        return self.min_height_for(width)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(hint.width(), max(hint.height(), self.min_height_for(self.width())))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()  # wrapped lines change with the width


def _left(widget: QWidget) -> QHBoxLayout:
    """A widget at its natural width, on the left of its own line."""
    row = QHBoxLayout()
    row.addWidget(widget)
    row.addStretch(1)
    return row
