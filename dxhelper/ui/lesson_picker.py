"""Choose a session's lessons from the catalogue, grouped by category, with checkboxes."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from dxhelper.core.lessons import Catalogue
from dxhelper.ui.widgets import Dialog, button, label


class LessonPicker(Dialog):
    def __init__(self, catalogue: Catalogue, lang: str, chosen: list[str], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Choose lessons"))
        self.setMinimumSize(620, 520)
        box = QVBoxLayout(self)
        box.addWidget(label(self.tr("Which lessons does this session cover?"), "heading"))
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(self.tr("Lessons by category"))
        self.items: dict[str, QTreeWidgetItem] = {}
        row_height = max(40, round(self.tree.fontMetrics().height() * 2))  # a 40 px target
        for category, lessons in catalogue.by_category(lang).items():
            parent_item = QTreeWidgetItem([category.label(lang)])
            parent_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(parent_item)
            for lesson in lessons:
                steps = self.tr("%n steps", "", len(lesson.steps))
                item = QTreeWidgetItem([f"{lesson.title}  ({steps})"])
                item.setData(0, Qt.ItemDataRole.UserRole, lesson.id)
                item.setSizeHint(0, QSize(0, row_height))
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsUserCheckable
                    | Qt.ItemFlag.ItemIsSelectable
                )
                item.setCheckState(
                    0, Qt.CheckState.Checked if lesson.id in chosen else Qt.CheckState.Unchecked
                )
                parent_item.addChild(item)
                self.items[lesson.id] = item
        self.tree.expandAll()
        # Every lesson's name whole (issue 19 §2): as wide as the longest, indented, after its
        # check box, up to the screen's width, where a longer name wraps onto more lines; as
        # tall as the list up to the screen (the dialog caps it).
        metrics = self.tree.fontMetrics()
        widest = max(
            (metrics.horizontalAdvance(item.text(0)) for item in self.items.values()),
            default=0,
        )
        before = self.tree.indentation() * 2 + metrics.height() * 3  # indent, check box, gaps
        bar = self.tree.verticalScrollBar().sizeHint().width()
        screen = self.screen()
        room = screen.availableGeometry().width() - self.SCREEN_MARGIN - 48 if screen else 0
        width = widest + before + bar
        if screen is not None and width > room:
            width = room
            self.tree.setWordWrap(True)
            text_room = room - before - bar
            for item in self.items.values():
                lines = -(-metrics.horizontalAdvance(item.text(0)) // text_room)
                if lines > 1:
                    item.setSizeHint(0, QSize(0, row_height + metrics.lineSpacing() * (lines - 1)))
        self.tree.setMinimumWidth(width)
        self._list_height = (
            sum(
                self.tree.visualItemRect(item).height() or row_height
                for item in self.items.values()
            )
            + (self.tree.topLevelItemCount() + 1) * metrics.height()
        )
        box.addWidget(self.tree, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button(self.tr("Cancel"), self.reject))
        ok = button(self.tr("Use these lessons"), self.accept, role="primary")
        ok.setDefault(True)
        row.addWidget(ok)
        box.addLayout(row)
        self.resize(self.width(), self.sizeHint().height() + self._list_height)
        self._order = list(chosen)
        self.tree.itemChanged.connect(self._changed)
        self.tree.itemActivated.connect(self._toggle)

    def _toggle(self, item: QTreeWidgetItem) -> None:
        if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            checked = item.checkState(0) == Qt.CheckState.Checked
            item.setCheckState(0, Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def _changed(self, item: QTreeWidgetItem) -> None:
        lesson_id = item.data(0, Qt.ItemDataRole.UserRole)
        if not lesson_id:
            return
        if item.checkState(0) == Qt.CheckState.Checked and lesson_id not in self._order:
            self._order.append(lesson_id)  # in the order the volunteer ticked them
        elif item.checkState(0) != Qt.CheckState.Checked and lesson_id in self._order:
            self._order.remove(lesson_id)

    def set_checked(self, lesson_id: str, checked: bool = True) -> None:
        self.items[lesson_id].setCheckState(
            0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        )

    def chosen(self) -> list[str]:
        return list(self._order)
