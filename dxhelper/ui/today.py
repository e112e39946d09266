"""Today: one big button to start, this month's figures, recent sessions (a click opens one),
the list of all sessions, and "resume"."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dxhelper.core.models import Session
from dxhelper.ui.planned_list import PlannedList
from dxhelper.ui.services import Services
from dxhelper.ui.widgets import (
    ID_ROLE,
    button,
    card,
    date_text,
    follow_data_changes,
    label,
    scrolling_page,
)

if TYPE_CHECKING:  # the sessions list is loaded when Today is first filled, after the paint
    from dxhelper.ui.sessions_list import SessionsDialog


class TodayScreen(QWidget):
    start_requested = Signal()
    resume_requested = Signal(str)
    open_requested = Signal(str)  # a session chosen from the recent ones or the Sessions list

    def __init__(
        self, services: Services, today: dt.date | None = None, *, fill: bool = True
    ) -> None:
        """With `fill` False the figures and lists are read by the first `refresh()` (the main
        window calls it just after its first paint); until then they are blank or "…"."""
        super().__init__()
        self.services = services
        self._today = today
        self.filled = False  # refresh() has run: what is shown is the records'
        self._build()
        if fill:
            self.refresh()
        follow_data_changes(self, services)

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def _build(self) -> None:
        box = scrolling_page(self, spacing=16)

        self.greeting = label("", "title")
        box.addWidget(self.greeting)
        self.start = button(self.tr("Start a session"), self.start_requested.emit, role="primary")
        self.start.setMinimumHeight(80)
        font = self.start.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        self.start.setFont(font)
        box.addWidget(self.start)

        self.resume_box = QVBoxLayout()
        box.addLayout(self.resume_box)
        self.planned = PlannedList(self.services, self.today)
        self.planned.session_opened.connect(self.resume_requested)
        box.addWidget(self.planned)

        self.month_title = label("", "heading")
        box.addWidget(self.month_title)
        figures = QGridLayout()
        self.figures: dict[str, QLabel] = {}
        names = {
            "sessions": self.tr("Sessions"),
            "named": self.tr("Residents by name"),
            "unnamed": self.tr("Residents counted"),
            "steps": self.tr("Steps completed"),
        }
        self._captions = names
        for column, (key, caption) in enumerate(names.items()):
            value = label("…", "figure")  # until refresh() reads the month
            value.setAccessibleName(f"{caption} …")
            figures.addWidget(card(value, label(caption, "muted")), 0, column)
            self.figures[key] = value
        box.addLayout(figures)

        heading = QHBoxLayout()
        heading.addWidget(label(self.tr("Recent sessions"), "heading", wrap=False))
        heading.addStretch(1)
        self.all_sessions = button(self.tr("All sessions…"), self.show_sessions)
        heading.addWidget(self.all_sessions)
        box.addLayout(heading)
        box.addWidget(label(self.tr("Click a session (or press Enter) to open it."), "muted"))
        self.recent = QListWidget()
        self.recent.setAccessibleName(self.tr("Recent sessions"))
        self.recent.setMinimumHeight(220)
        self.recent.setSpacing(3)  # rows a finger (or an unsteady mouse) can tell apart
        self.recent.setCursor(Qt.CursorShape.PointingHandCursor)
        # One click opens (Enter too); where the style already opens on one click, once only.
        self.recent.itemActivated.connect(self._open_item)
        self.recent.itemClicked.connect(self._clicked)
        box.addWidget(self.recent, 1)

    def refresh(self) -> None:
        self.filled = True
        store = self.services.store
        day = self.today()
        self.greeting.setText(date_text(day, self.services.lang))
        counts = store.month_counts(day.year, day.month)
        self.month_title.setText(self.tr("This month") + f" ({self._month_text(day)})")
        values = {
            "sessions": counts.sessions,
            "named": counts.named_attendances,
            "unnamed": counts.unnamed_attendances,
            "steps": counts.steps_done,
        }
        for key, value in values.items():
            figure = self.figures[key]
            figure.setText(f"{value:,}")
            # A screen reader says the figure with what it counts ("できた手順 12"), not "12".
            figure.setAccessibleName(f"{self._captions[key]} {value:,}")

        while self.resume_box.count():
            item = self.resume_box.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
            elif item.layout():
                _clear(item.layout())
        for session in store.open_sessions()[:3]:
            row = QHBoxLayout()
            text = self.tr("Not ended yet:") + " " + self.describe(session)
            row.addWidget(label(text), 1)
            resume = button(
                self.tr("Resume"), lambda sid=session.id: self.resume_requested.emit(sid)
            )
            resume.setAccessibleName(self.tr("Resume") + " " + self.describe(session))
            row.addWidget(resume)
            holder = QWidget()
            holder.setLayout(row)
            self.resume_box.addWidget(holder)

        self.planned.refresh()
        self.recent.clear()
        for session in store.recent_sessions(8):
            item = QListWidgetItem(self.describe(session))
            item.setData(ID_ROLE, session.id)
            item.setToolTip(self.tr("Open this session"))
            self.recent.addItem(item)

    def describe(self, session: Session) -> str:
        from dxhelper.ui.sessions_list import session_line

        return session_line(
            self.services.store,
            session,
            self.services.lang,
            lambda people: self.tr("%n people", "", people),
        )

    def _open_item(self, item: QListWidgetItem) -> None:
        self.open_requested.emit(item.data(ID_ROLE))

    def _clicked(self, item: QListWidgetItem) -> None:
        # Asked at the click, not while building: QStyle's Python enums are built when it is
        # first named, 15 ms of the window's start.
        from PySide6.QtWidgets import QStyle

        single = QStyle.StyleHint.SH_ItemView_ActivateItemOnSingleClick
        if not self.recent.style().styleHint(single, None, self.recent):
            self._open_item(item)  # else itemActivated has opened it

    def show_sessions(self) -> SessionsDialog:
        """Every session, by month, venue and kind; the chosen one opens."""
        from dxhelper.ui.sessions_list import SessionsDialog

        dialog = SessionsDialog(self.services, self)
        dialog.open_requested.connect(self.open_requested)
        dialog.open()
        return dialog

    def _month_text(self, day: dt.date) -> str:
        from dxhelper.ui.sessions_list import month_text

        return month_text(day, self.services.lang)


def _clear(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item.widget():
            item.widget().deleteLater()
