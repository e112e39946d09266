"""Finding a resident: the search box and the list of matches (the Residents screen's left side)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from dxhelper.core.models import Resident
from dxhelper.ui.services import Services
from dxhelper.ui.style import scale_factor
from dxhelper.ui.widgets import ID_ROLE, label

SEARCH_LIMIT = 200  # a prefix search never needs more; the full list comes without a query


class ResidentFinder(QWidget):
    """Type a name or reading, pick from the list. The chosen resident stays chosen while the
    search changes, until another row is picked."""

    chosen = Signal(str)  # the resident id of the row the user moved to
    opened = Signal()  # Enter in the search or on a row: on to the detail

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self._chosen: str | None = None
        box = QVBoxLayout(self)
        box.setContentsMargins(24, 20, 12, 20)
        box.setSpacing(10)
        self.title = label(self.tr("Residents"), "title")
        box.addWidget(self.title)

        self.search = QLineEdit()
        self.search.setAccessibleName(self.tr("Search residents by name or reading"))
        self.search.setPlaceholderText(self.tr("e.g. やまだ"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self.refresh(self._chosen))
        self.search.returnPressed.connect(self.open_current)
        box.addWidget(label(self.tr("&Search by name or reading (kana)"), buddy=self.search))
        box.addWidget(self.search)

        self.count = label("", "muted")
        box.addWidget(self.count)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Residents"))
        # Long names wrap inside the list instead of hiding behind a sideways scroll bar.
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)  # wrap, never "…"
        self.list.setMinimumHeight(self.list.fontMetrics().height() * 6)
        # Wide enough for a typical reading on one line; longer lines wrap (see _fit_items).
        sample = "ヤマモト キョウコ"
        self.list.setMinimumWidth(self.list.fontMetrics().horizontalAdvance(sample) + 48)
        self.list.currentRowChanged.connect(self._row_changed)
        self.list.itemActivated.connect(lambda _item: self.open_current())
        box.addWidget(self.list, 1)
        self.empty = label("", "muted")
        self.empty.hide()
        box.addWidget(self.empty)

        self.search.installEventFilter(self)  # Up/Down move in the list while typing
        self.list.viewport().installEventFilter(self)  # re-wrap the names on a new width
        QWidget.setTabOrder(self.search, self.list)

    # -- public --------------------------------------------------------------------------------

    def refresh(self, chosen: str | None) -> None:
        """Fill the list for the search; `chosen` stays highlighted if it is listed.

        Filling never reports a choice: the detail stays until the user picks another row.
        """
        self._chosen = chosen
        store = self.services.store
        query = self.search.text().strip()
        if query:
            residents = store.search_residents(query, limit=SEARCH_LIMIT)
        else:
            residents = store.list_residents()
        lang = self.services.lang
        self.list.blockSignals(True)
        self.list.clear()
        for resident in residents:
            item = QListWidgetItem(self._item_text(resident, lang))
            item.setData(ID_ROLE, resident.id)
            self.list.addItem(item)
        self._fit_items()
        self.list.setCurrentRow(self._row_of(chosen) if chosen else -1)
        self.list.blockSignals(False)

        count = len(residents)
        if query:
            self.count.setText(self.tr("%n found", "", count))
        else:
            self.count.setText(self.tr("%n residents", "", count))
        if query and not residents:
            self.empty.setText(self.tr("No resident matches “{query}”.").format(query=query))
        elif not residents:
            self.empty.setText(
                self.tr("No residents yet. They are added during a session, with their consent.")
            )
        elif query and count >= SEARCH_LIMIT:
            self.empty.setText(self.tr("Only the first matches are shown: type more of the name."))
        else:
            self.empty.setText("")
        self.empty.setVisible(bool(self.empty.text()))

    def select(self, resident_id: str) -> None:
        """Highlight one resident (reported through `chosen`); clears a search that hides them."""
        if self._row_of(resident_id) < 0 and self.search.text():
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self.refresh(self._chosen)
        row = self._row_of(resident_id)
        if row >= 0:
            self.list.setCurrentRow(row)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def open_current(self) -> None:
        """Enter: choose the highlighted resident (the first one if none), then `opened`."""
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self.opened.emit()

    def set_wide(self, wide: bool) -> None:
        """Beside the detail (wide) or above it: above, the list gets fewer rows and no title."""
        lines = 6 if wide else 4
        self.list.setMinimumHeight(self.list.fontMetrics().height() * lines)
        self.title.setVisible(wide)  # on a short, narrow window the rows matter more

    # -- inside --------------------------------------------------------------------------------

    def _item_text(self, resident: Resident, lang: str) -> str:
        name = resident.display_name
        if resident.nickname:
            name += f"（{resident.nickname}）" if lang == "ja" else f" ({resident.nickname})"
        second = "  ·  ".join(p for p in (resident.kana, resident.age_band.label(lang)) if p)
        return f"{name}\n{second}"

    def _fit_items(self) -> None:
        """Give each row the height its wrapped text needs at the list's current width.

        Qt's own estimate ignores the style sheet's item padding, so at 200% a line that
        barely fits would be cut off with "…"; measuring here, with the padding, avoids that.
        """
        factor = scale_factor(self.services.settings.get("text_scale"))
        metrics = self.list.fontMetrics()
        side_pad = 2 * round(4 * factor) + metrics.averageCharWidth()  # padding, plus slack
        width = max(40, self.list.viewport().width() - side_pad)
        extra = 2 * round(6 * factor) + 4
        flags = Qt.TextFlag.TextWordWrap
        for row in range(self.list.count()):
            item = self.list.item(row)
            text_height = metrics.boundingRect(QRect(0, 0, width, 1 << 20), flags, item.text())
            item.setSizeHint(QSize(width, text_height.height() + extra))

    def _row_of(self, resident_id: str | None) -> int:
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == resident_id:
                return row
        return -1

    def _row_changed(self, row: int) -> None:
        if row >= 0:
            self._chosen = self.list.item(row).data(ID_ROLE)
            self.chosen.emit(self._chosen)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.list.viewport():
            self._fit_items()
            return False
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            page = max(1, self.list.height() // max(1, self.list.sizeHintForRow(0) or 1))
            steps = {
                Qt.Key.Key_Up: -1,
                Qt.Key.Key_Down: 1,
                Qt.Key.Key_PageUp: -page,
                Qt.Key.Key_PageDown: page,
            }
            if key in steps and self.list.count():
                row = self.list.currentRow()
                start = row if row >= 0 else -1
                self.list.setCurrentRow(max(0, min(self.list.count() - 1, start + steps[key])))
                return True
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
        return super().eventFilter(watched, event)
