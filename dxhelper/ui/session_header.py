"""The Session screen's header: date, start and end time, venue (or a new one), kind and, for a
個別相談, what it was about (a lesson category, or その他 with a few words).

Each change is saved through Store.update_session: a choice from a list at once, a date or
time a moment after the last keystroke (and at once when the field is left), so typing
"13:30" does not store 01:30 on the way. A refusal (an end before the start) is said under
the fields. The end time shows once the session has ended; until then it has none.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from dxhelper.core.categories import Category
from dxhelper.core.errors import DxError
from dxhelper.core.fields import max_length
from dxhelper.core.models import Session, SessionKind
from dxhelper.ui.services import Services
from dxhelper.ui.widgets import FlowLayout, InlineMessage, button, error_text, label

SAVE_DELAY_MS = 800


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def qtime(hhmm: str) -> QTime:
    hours, minutes = map(int, hhmm.split(":"))
    return QTime(hours, minutes)


def date_edit(accessible: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setAccessibleName(accessible)
    metrics = edit.fontMetrics()
    edit.setMinimumWidth(metrics.horizontalAdvance("0000-00-00") + round(metrics.height() * 2.5))
    return edit


def time_edit(accessible: str) -> QTimeEdit:
    """HH:MM, as narrow as its digits and arrows allow (the header keeps to one line)."""
    edit = QTimeEdit()
    edit.setDisplayFormat("HH:mm")
    edit.setAccessibleName(accessible)
    metrics = edit.fontMetrics()
    edit.setFixedWidth(metrics.horizontalAdvance("00:00") + round(metrics.height() * 2.6))
    return edit


def captioned(caption: str, *widgets: QWidget) -> QWidget:
    """A caption beside its field(s), kept together when the header wraps."""
    pair = QWidget()
    line = QHBoxLayout(pair)
    line.setContentsMargins(0, 0, 0, 0)
    line.addWidget(label(caption, wrap=False, buddy=widgets[0]))
    for widget in widgets:
        line.addWidget(widget)
    return pair


class SessionHeader(QWidget):
    """`current()` gives the session as last stored (counts and note included), so a header
    change never writes back stale counts; `saved` carries the session as stored after it."""

    saved = Signal(object)  # Session
    list_requested = Signal()  # "All sessions…"
    venue_added = Signal()  # other screens list venues too

    def __init__(self, services: Services, current: Callable[[], Session | None]) -> None:
        super().__init__()
        self.services = services
        self._current = current
        self._filling = False
        self._build()

    def _build(self) -> None:
        self.date = date_edit(self.tr("Date"))
        self.start_time = time_edit(self.tr("Start time"))
        self.end_time = time_edit(self.tr("End time"))
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
            self.tr("Add venue"), self.add_venue, accessible=self.tr("Add a venue")
        )
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Kind of session"))
        for kind in SessionKind:
            self.kind.addItem(kind.label(self.services.lang), kind)
        # A consultation's topic (issue 17): shown only for 個別相談.
        self.topic = QComboBox()
        self.topic.setAccessibleName(self.tr("Topic of the consultation"))
        self.topic.addItem(self.tr("(not said)"), "")
        for category in Category:  # その他 comes last, with a few words beside it
            self.topic.addItem(category.label(self.services.lang), category.value)
        self.topic.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.topic_note = QLineEdit()
        self.topic_note.setAccessibleName(self.tr("Topic in a few words"))
        self.topic_note.setPlaceholderText(self.tr("In a few words"))
        self.topic_note.setMaxLength(max_length("topic_note"))
        self.topic_note.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 10)
        self.topic_note.hide()
        self.list_button = button(
            self.tr("All sessions…"),
            self.list_requested.emit,
            tip=self.tr("Find a session by month, venue or kind, and open it"),
        )

        # Each caption stays beside its field; the pairs wrap onto a second line when narrow.
        row = FlowLayout(gap=self.fontMetrics().height() // 2)
        # One pair for the times: "Start 13:30" while running, "Time 13:30 – 15:00" once ended.
        self.dash = label("–", wrap=False)
        times = captioned(self.tr("Start"), self.start_time, self.dash, self.end_time)
        self.times_caption = times.layout().itemAt(0).widget()
        for pair in (
            captioned(self.tr("Date"), self.date),
            times,
            captioned(self.tr("Venue"), self.venue, self.new_venue, self.add_venue_button),
            captioned(self.tr("Kind"), self.kind),
            self._topic_pair(),
            self.list_button,
        ):
            row.addWidget(pair)
        self.message = InlineMessage()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(row)
        box.addWidget(self.message)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save)
        for edit in (self.date, self.start_time, self.end_time):
            signal = edit.dateChanged if edit is self.date else edit.timeChanged
            signal.connect(self._typed)
            edit.editingFinished.connect(self.save)
        self.venue.currentIndexChanged.connect(self._chosen)
        self.kind.currentIndexChanged.connect(self._chosen)
        self.topic.currentIndexChanged.connect(self._topic_chosen)
        self.topic_note.textEdited.connect(self._typed)
        self.topic_note.editingFinished.connect(self.save)
        self.new_venue.returnPressed.connect(self.add_venue)

    def _topic_pair(self) -> QWidget:
        self.topic_box = captioned(self.tr("Topic"), self.topic, self.topic_note)
        self.topic_box.hide()
        return self.topic_box

    def _show_topic(self) -> None:
        """The topic only for a consultation; the words only for その他."""
        consultation = self.kind.currentData() == SessionKind.CONSULTATION
        self.topic_box.setVisible(consultation)
        self.topic_note.setVisible(self.topic.currentData() == Category.OTHER.value)
        self.updateGeometry()

    # -- showing -------------------------------------------------------------------------------

    def show_session(self, session: Session) -> None:
        """Fill the fields from the stored session (nothing is saved)."""
        self._timer.stop()
        self._filling = True
        try:
            self.date.setDate(qdate(session.date))
            self.start_time.setTime(qtime(session.start_time))
            if session.end_time:
                self.end_time.setTime(qtime(session.end_time))
            ended = not session.is_open
            self.dash.setVisible(ended)
            self.end_time.setVisible(ended)
            self.times_caption.setText(self.tr("Time") if ended else self.tr("Start"))
            self.venue.clear()
            for venue in self.services.store.list_venues():
                self.venue.addItem(venue.name, venue.id)
            self.venue.setCurrentIndex(self.venue.findData(session.venue_id))
            self.kind.setCurrentIndex(self.kind.findData(session.kind))
            self.topic.setCurrentIndex(max(0, self.topic.findData(session.topic)))
            self.topic_note.setText(session.topic_note)
            self._show_topic()
            self.new_venue.clear()
            self.new_venue.hide()
            self.message.clear_text()
        finally:
            self._filling = False

    def set_locked(self, locked: bool) -> None:
        """Read-only (an ended session not yet opened for correction) or editable."""
        for widget in (
            self.date,
            self.start_time,
            self.end_time,
            self.venue,
            self.new_venue,
            self.add_venue_button,
            self.kind,
            self.topic,
            self.topic_note,
        ):
            widget.setEnabled(not locked)

    # -- saving --------------------------------------------------------------------------------

    def _typed(self) -> None:
        if not self._filling:
            self._timer.start()

    def _chosen(self) -> None:
        self._show_topic()  # a consultation shows its topic
        if not self._filling:
            self.save()

    def _topic_chosen(self) -> None:
        self._show_topic()
        if self._filling:
            return
        if self.topic.currentData() == Category.OTHER.value:
            self.topic_note.setFocus()  # a few words, saved as they are typed
        self.save()

    def pending(self) -> bool:
        return self._timer.isActive()

    def forget(self) -> None:
        """Drop a change still waiting to be saved (the session is being let go)."""
        self._timer.stop()

    def edited(self, session: Session) -> Session:
        """`session` with what the fields show."""
        return dataclasses.replace(
            session,
            date=pydate(self.date.date()),
            start_time=self.start_time.time().toString("HH:mm"),
            end_time=None if session.is_open else self.end_time.time().toString("HH:mm"),
            venue_id=self.venue.currentData() or session.venue_id,
            kind=self.kind.currentData(),
            topic=self.topic.currentData() or "",
            topic_note=(
                self.topic_note.text().strip()
                if self.topic.currentData() == Category.OTHER.value
                else ""
            ),
        )

    def save(self) -> bool:
        """Store what the fields show, if it differs; False when refused (said in place)."""
        self._timer.stop()
        session = self._current()
        if self._filling or session is None:
            return True
        changed = self.edited(session)
        if changed == session:
            self.message.clear_text()
            return True
        try:
            stored = self.services.store.update_session(changed)
        except DxError as exc:
            self.message.show_text(error_text(exc, self.services.lang))
            return False
        self.message.clear_text()
        self.saved.emit(stored)
        return True

    def add_venue(self) -> None:
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
            self.message.show_text(error_text(exc, self.services.lang))
            return
        self.new_venue.clear()
        self.new_venue.hide()
        self.venue.addItem(venue.name, venue.id)
        self.venue.setCurrentIndex(self.venue.count() - 1)  # saved as a choice
        self.venue_added.emit()
