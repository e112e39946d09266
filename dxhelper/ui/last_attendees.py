"""「前回の参加者」: tick who came back of those at the last sessions here, add them at once."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from dxhelper.core.models import Resident
from dxhelper.ui.attendee_hits import resident_words
from dxhelper.ui.widgets import ID_ROLE, Dialog, button, label


class LastAttendeesDialog(Dialog):
    """A tick-list of last time's people; those already here are ticked and cannot be unticked.
    `chosen()` gives the ids ticked that are not here yet."""

    def __init__(
        self,
        residents: list[Resident],
        present: set[str],
        lang: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Last time's people"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        metrics = self.fontMetrics()
        self.setMinimumWidth(metrics.horizontalAdvance("n" * 52))
        box = QVBoxLayout(self)
        box.addWidget(label(self.tr("Last time's people"), "heading"))
        box.addWidget(
            label(self.tr("Tick who came today. Those already here are ticked."), "muted")
        )
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("People at the last sessions here"))
        row_height = max(40, round(metrics.height() * 2))  # a 40 px target
        for resident in residents:
            here = resident.id in present
            text = "  ".join(resident_words(resident, lang))
            if here:
                text += "  " + self.tr("(already here)")
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, resident.id)
            item.setToolTip(text)  # the whole row when a large text size cuts it
            item.setSizeHint(QSize(0, row_height))
            item.setCheckState(Qt.CheckState.Checked if here else Qt.CheckState.Unchecked)
            flags = Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
            item.setFlags(flags if here else flags | Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
        self.list.setMinimumHeight(row_height * min(8, max(3, len(residents))) + 6)
        self.list.itemActivated.connect(self._toggle)
        box.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(button(self.tr("Tick everyone"), self.tick_all))
        row.addStretch(1)
        row.addWidget(button(self.tr("Cancel"), self.reject))
        self.add_button = button(self.tr("Add the ticked people"), self.accept, role="primary")
        self.add_button.setDefault(True)
        row.addWidget(self.add_button)
        box.addLayout(row)
        self.list.itemChanged.connect(self._update)
        self._update()

    def _items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())]

    def _toggle(self, item: QListWidgetItem) -> None:
        if item.flags() & Qt.ItemFlag.ItemIsEnabled:
            checked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def _update(self) -> None:
        self.add_button.setEnabled(bool(self.chosen()))

    def set_checked(self, resident_id: str, checked: bool = True) -> None:
        for item in self._items():
            if item.data(ID_ROLE) == resident_id and item.flags() & Qt.ItemFlag.ItemIsEnabled:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def tick_all(self) -> None:
        for item in self._items():
            if item.flags() & Qt.ItemFlag.ItemIsEnabled:
                item.setCheckState(Qt.CheckState.Checked)

    def chosen(self) -> list[str]:
        """Ticked and not here yet, in the list's order (reading order)."""
        return [
            item.data(ID_ROLE)
            for item in self._items()
            if item.flags() & Qt.ItemFlag.ItemIsEnabled
            and item.checkState() == Qt.CheckState.Checked
        ]
