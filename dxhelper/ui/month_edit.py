"""A month field ("2026-04") that takes one click and typing.

A plain QDateEdit types into whichever part the click landed in, and its calendar shows days.
Here a click (or Tab) selects the year, so typing "2026-04" replaces the whole month; "2026/4"
and "2026.4" are read the same way; the arrows and the arrow keys step whole months (a year
rolls over by itself); there is no calendar. The wheel turns it only once it has the focus.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit

SEPARATORS = {"/", ".", "年", "／", "．", "－", "ー"}  # typed as the "-" between year and month


class MonthEdit(QDateEdit):
    def __init__(self, start: QDate, accessible: str) -> None:
        super().__init__(start)
        self.setDisplayFormat("yyyy-MM")
        self.setCalendarPopup(False)
        self.setAccessibleName(accessible)
        self.setCurrentSection(QDateEdit.Section.MonthSection)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel never gives it focus
        metrics = self.fontMetrics()
        # Arrows wide enough to hit, as the spin boxes' (the style sheet sizes only those).
        arrows = round(metrics.height() * 1.4)
        self.setStyleSheet(f"QDateEdit::up-button, QDateEdit::down-button {{ width: {arrows}px; }}")
        self.setMinimumWidth(metrics.horizontalAdvance("0000-00") + arrows + metrics.height())

    def month(self) -> QDate:
        day = self.date()
        return QDate(day.year(), day.month(), 1)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        # After Qt has placed the cursor where the click landed: the whole month, selected.
        QTimer.singleShot(0, self._select_month)

    def _focused(self) -> bool:
        return self.hasFocus() or self.window().focusWidget() is self

    def _select_month(self) -> None:
        if self._focused():
            self.setSelectedSection(QDateEdit.Section.YearSection)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.text() in SEPARATORS:
            event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Minus, event.modifiers(), "-")
        super().keyPressEvent(event)

    def stepBy(self, steps: int) -> None:
        """The arrows step whole months, whichever part the cursor is in."""
        self.setDate(self.date().addMonths(steps))

    def wheelEvent(self, event) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()  # the page scrolls instead
