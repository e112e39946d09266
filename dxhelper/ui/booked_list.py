"""The planned session's booked residents as a tick-list on the Session screen: one click (or
Space) per arrival puts them on today's list, a second one takes them off. Walk-ins are still
found by search."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from dxhelper.core.planning import Signup

ID_ROLE = Qt.ItemDataRole.UserRole
VISIBLE_ROWS = 6


class BookedTickList(QListWidget):
    """Rows are the booked sign-ups; a row is ticked when that resident is here."""

    toggled = Signal(str, bool)  # resident id, now here

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSpacing(2)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.itemClicked.connect(self._clicked)

    def show_signups(self, signups: list[Signup], here: set[str]) -> None:
        current = self.currentRow()
        self.blockSignals(True)
        self.clear()
        for signup in signups:
            text = f"{signup.display_name}  {signup.kana}".strip()
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, signup.resident_id)
            # Not user-checkable: the whole row is the target, not the small box alone.
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            item.setToolTip(text)
            self.addItem(item)
        self.blockSignals(False)
        self.mark(here)
        # Six rows in sight (fewer when fewer are booked) at any text size: whole rows, the
        # names readable without scrolling this list for a small class.
        rows = min(len(signups), VISIBLE_ROWS)
        if rows:
            height = sum(self.sizeHintForRow(r) + 2 * self.spacing() for r in range(rows))
            self.setMinimumHeight(height + 2 * self.frameWidth())
        if 0 <= current < self.count():
            self.setCurrentRow(current)

    def mark(self, here: set[str]) -> None:
        for row in range(self.count()):
            item = self.item(row)
            ticked = item.data(ID_ROLE) in here
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def ticked(self) -> list[str]:
        return [
            self.item(row).data(ID_ROLE)
            for row in range(self.count())
            if self.item(row).checkState() == Qt.CheckState.Checked
        ]

    def toggle_row(self, row: int) -> None:
        item = self.item(row)
        if item is None:
            return
        here = item.checkState() != Qt.CheckState.Checked
        self.toggled.emit(item.data(ID_ROLE), here)

    def _clicked(self, item: QListWidgetItem) -> None:
        self.toggle_row(self.row(item))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.toggle_row(self.currentRow())
            event.accept()
            return
        super().keyPressEvent(event)
