"""The Sessions list: every session on record, filtered by month, venue and kind; Enter (or a
double click, or "Open") opens the chosen one on the Session screen.

Opened from Today ("All sessions…") and from the Session screen; `open_requested` carries the
chosen session's id and the dialog closes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QListWidgetItem, QVBoxLayout, QWidget

from dxhelper.core.errors import DxError
from dxhelper.core.models import Session, SessionKind
from dxhelper.store import Store
from dxhelper.ui.services import Services
from dxhelper.ui.widgets import (
    ID_ROLE,
    Dialog,
    FlowLayout,
    button,
    date_text,
    label,
    list_box,
)

ALL_SESSIONS = 10_000  # enough to find every month that has a session


def session_line(store: Store, session: Session, lang: str, people: Callable[[int], str]) -> str:
    """One session as a line: date, times, venue, kind and how many came (`people(n)`)."""
    try:
        venue = store.get_venue(session.venue_id).name
    except DxError:  # a venue row from an old import may be missing; show the rest
        venue = "?"
    count = len(store.attendees(session.id)) + session.unnamed_total
    times = session.start_time + (f"–{session.end_time}" if session.end_time else "")
    return (
        f"{date_text(session.date, lang)} {times}  {venue}  {session.kind.label(lang)}  "
        + people(count)
    )


def month_text(day: dt.date, lang: str) -> str:
    return day.strftime("%B %Y") if lang == "en" else f"{day.year}年{day.month}月"


class SessionsDialog(Dialog):
    """Find a session and open it. The list shows the newest first."""

    open_requested = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("Sessions"))
        height = self.fontMetrics().height()
        self.setMinimumWidth(min(height * 54, 1240))  # a whole line of a session in sight
        box = QVBoxLayout(self)
        box.addWidget(label(self.tr("All sessions"), "title"))

        self.month = QComboBox()
        self.month.setAccessibleName(self.tr("Month"))
        self.venue = QComboBox()
        self.venue.setAccessibleName(self.tr("Venue"))
        self.venue.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Kind of session"))
        filters = FlowLayout(gap=height // 2)
        for caption, combo in (
            (self.tr("Month"), self.month),
            (self.tr("Venue"), self.venue),
            (self.tr("Kind"), self.kind),
        ):
            pair = QWidget()
            line = QHBoxLayout(pair)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(label(caption, wrap=False, buddy=combo))
            line.addWidget(combo)
            filters.addWidget(pair)
        box.addLayout(filters)

        self.count = label("", "muted")
        box.addWidget(self.count)
        self.list = list_box(self.tr("Sessions found"), rows=8)
        self.list.setSpacing(2)
        box.addWidget(self.list, 1)
        box.addWidget(label(self.tr("Enter or a double click opens the chosen session."), "muted"))

        row = QHBoxLayout()
        row.addStretch(1)
        self.close_button = button(self.tr("Close"), self.reject)
        self.open_button = button(self.tr("Open"), self.open_chosen, role="primary")
        row.addWidget(self.close_button)
        row.addWidget(self.open_button)
        box.addLayout(row)

        self._fill_filters()
        for combo in (self.month, self.venue, self.kind):
            combo.currentIndexChanged.connect(self.refresh)
        self.list.itemActivated.connect(lambda _item: self.open_chosen())
        self.list.currentRowChanged.connect(lambda _row: self._update())
        self.refresh()
        self.list.setFocus()

    def _fill_filters(self) -> None:
        store = self.services.store
        lang = self.services.lang
        self.month.addItem(self.tr("All months"), None)
        months = sorted({s.date.replace(day=1) for s in store.list_sessions(limit=ALL_SESSIONS)})
        for month in reversed(months):
            self.month.addItem(month_text(month, lang), month.isoformat())  # a str finds itself
        self.venue.addItem(self.tr("All venues"), None)
        for venue in store.list_venues():
            self.venue.addItem(venue.name, venue.id)
        self.kind.addItem(self.tr("All kinds"), None)
        for kind in SessionKind:
            self.kind.addItem(kind.label(lang), kind)

    def choose(self, *, month: dt.date | None = None, venue_id=None, kind=None) -> None:
        """Set the filters (by value) as a user would pick them."""
        for combo, value in (
            (self.month, month.replace(day=1).isoformat() if month else None),
            (self.venue, venue_id),
            (self.kind, kind),
        ):
            index = combo.findData(value)
            combo.setCurrentIndex(max(0, index))

    def refresh(self) -> None:
        store = self.services.store
        month = self.month.currentData()
        sessions = store.list_sessions(
            month=dt.date.fromisoformat(month) if month else None,
            venue_id=self.venue.currentData(),
            kind=self.kind.currentData(),
        )
        self.list.clear()
        for session in sessions:
            text = session_line(store, session, self.services.lang, self._people)
            if session.is_open:
                text += "  " + self.tr("(not ended)")
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, session.id)
            self.list.addItem(item)
        if sessions:
            self.list.setCurrentRow(0)
        self.count.setText(
            self.tr("%n session(s)", "", len(sessions))
            if sessions
            else self.tr("No session matches. Choose another month, venue or kind.")
        )
        self._update()

    def _people(self, count: int) -> str:
        return self.tr("%n people", "", count)

    def session_ids(self) -> list[str]:
        return [self.list.item(i).data(ID_ROLE) for i in range(self.list.count())]

    def _update(self) -> None:
        self.open_button.setEnabled(self.list.currentItem() is not None)

    def open_chosen(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        session_id = item.data(ID_ROLE)
        self.accept()
        self.open_requested.emit(session_id)

    def keyPressEvent(self, event) -> None:
        # Enter anywhere in the dialog opens the chosen session (not only in the list).
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.list.currentItem():
            self.open_chosen()
            return
        super().keyPressEvent(event)
