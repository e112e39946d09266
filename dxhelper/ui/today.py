"""Today: one big button to start, this month's figures, recent sessions, and "resume"."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dxhelper.core.models import Session
from dxhelper.ui.services import Services
from dxhelper.ui.widgets import button, card, date_text, follow_data_changes, label


class TodayScreen(QWidget):
    start_requested = Signal()
    resume_requested = Signal(str)

    def __init__(self, services: Services, today: dt.date | None = None) -> None:
        super().__init__()
        self.services = services
        self._today = today
        self._build()
        self.refresh()
        follow_data_changes(self, services)

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def _build(self) -> None:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        inner = QWidget()
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        box = QVBoxLayout(inner)
        box.setContentsMargins(24, 20, 24, 20)
        box.setSpacing(16)

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
        for column, (key, caption) in enumerate(names.items()):
            value = label("0", "figure")
            value.setAccessibleName(caption)
            figures.addWidget(card(value, label(caption, "muted")), 0, column)
            self.figures[key] = value
        box.addLayout(figures)

        box.addWidget(label(self.tr("Recent sessions"), "heading"))
        self.recent = QListWidget()
        self.recent.setAccessibleName(self.tr("Recent sessions"))
        self.recent.setMinimumHeight(220)
        self.recent.setSpacing(3)  # rows a finger (or an unsteady mouse) can tell apart
        box.addWidget(self.recent, 1)

    def refresh(self) -> None:
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
            self.figures[key].setText(f"{value:,}")

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

        self.recent.clear()
        for session in store.recent_sessions(8):
            self.recent.addItem(self.describe(session))

    def describe(self, session: Session) -> str:
        store = self.services.store
        lang = self.services.lang
        try:
            venue = store.get_venue(session.venue_id).name
        except Exception:  # a venue row from an old import may be missing; show the rest
            venue = "?"
        people = len(store.attendees(session.id)) + session.unnamed_total
        when = date_text(session.date, self.services.lang)
        times = session.start_time + (f"–{session.end_time}" if session.end_time else "")
        return f"{when} {times}  {venue}  {session.kind.label(lang)}  " + self.tr(
            "%n people", "", people
        )

    def _month_text(self, day: dt.date) -> str:
        return day.strftime("%B %Y") if self.services.lang == "en" else f"{day.year}年{day.month}月"


def _clear(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item.widget():
            item.widget().deleteLater()
