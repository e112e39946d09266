"""The progress grid: attendees × the chosen lessons' steps; one click or Space ticks a step.

A cell's cycle starts from what it shows: empty or pale → ✓ done today → △ needs help today →
back exactly as it was before this session (see progress_model). Each change is written at once
through the Store API and goes on an undo stack (Ctrl+Z / Ctrl+Y) that restores each step
exactly, its moment included. A change the Store refuses is reported through `failed` and
leaves the cell and the undo stack as they were.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView

from dxhelper.core.errors import DxError
from dxhelper.store import Store
from dxhelper.ui.progress_model import OPEN_CELL, Cell, Column, Key, ProgressModel
from dxhelper.ui.progress_view import COLUMN_CHARS, LessonHeader, NameHeader, StepDelegate

__all__ = ["OPEN_CELL", "Cell", "Column", "ProgressGrid", "ProgressModel"]

ROWS_HINT = 12  # rows the grid asks room for (30 attendees at a class: most in sight)
ROWS_MINIMUM = 4
NAME_CHARS = 16  # the row headers grow to this many full-width characters, then end in "…"
NAME_SHARE = 0.35  # …or to this share of the grid's width, whichever is less


class StepChange(QUndoCommand):
    """One saved change of one cell. The stack writes before it moves (see StepUndoStack), so a
    refused write leaves the stack where it was; `skip` tells redo()/undo() it is written."""

    def __init__(self, grid: ProgressGrid, key: Key, old: Cell, new: Cell) -> None:
        super().__init__()
        self.grid, self.key, self.old, self.new = grid, key, old, new
        self.skip = True  # push() calls redo(): the change is saved already

    def redo(self) -> None:
        if self.skip:
            self.skip = False
            return
        self.grid.write(self.key, self.new)

    def undo(self) -> None:
        if self.skip:
            self.skip = False
            return
        self.grid.write(self.key, self.old)


class StepUndoStack(QUndoStack):
    """Undo and redo write first and move only once the Store has taken the change."""

    def undo(self) -> None:
        command = self.command(self.index() - 1) if self.canUndo() else None
        if isinstance(command, StepChange) and command.grid.write(command.key, command.old):
            command.skip = True
            super().undo()

    def redo(self) -> None:
        command = self.command(self.index()) if self.canRedo() else None
        if isinstance(command, StepChange) and command.grid.write(command.key, command.new):
            command.skip = True
            super().redo()


class ProgressGrid(QTableView):
    """The table the volunteer ticks. `changed` fires after each saved change (for summaries)."""

    changed = Signal()
    failed = Signal(object)  # a save the Store refused (e.g. a full disk): shown by the screen

    def __init__(self, store: Store, lang: str) -> None:
        super().__init__()
        self.setObjectName("progressGrid")
        self.progress = ProgressModel(store, lang)
        self.setModel(self.progress)
        self.undo_stack = StepUndoStack(self)
        header = LessonHeader(self.progress)
        self.setHorizontalHeader(header)
        self.setVerticalHeader(NameHeader())
        self.setItemDelegate(StepDelegate(self, self.progress))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the grid; arrows move inside it
        self.setCornerButtonEnabled(False)  # "select all" means nothing here
        header.setAccessibleName(self.tr("Lesson steps"))
        self.verticalHeader().setAccessibleName(self.tr("Residents"))
        self.verticalHeader().setSectionsClickable(False)
        self.verticalHeader().setHighlightSections(False)
        self.verticalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setWordWrap(False)
        self.clicked.connect(self.cycle)
        self._size_sections()

    # -- sizes ---------------------------------------------------------------------------------

    def row_height(self) -> int:
        """Compact rows (most of a class in sight) that are still easy to hit."""
        return max(26, round(self.fontMetrics().height() * 1.75))

    def column_width(self) -> int:
        side = self.fontMetrics().horizontalAdvance("あ") * COLUMN_CHARS
        return max(self.row_height() * 2, side + self.fontMetrics().height() // 2)

    def _size_sections(self) -> None:
        rows, columns = self.verticalHeader(), self.horizontalHeader()
        for header, size in ((rows, self.row_height()), (columns, self.column_width())):
            header.setMinimumSectionSize(size)
            header.setDefaultSectionSize(size)
            header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._cap_names()

    def _cap_names(self) -> None:
        """Names take what they need up to NAME_CHARS, and never most of the grid's width."""
        char = self.fontMetrics().horizontalAdvance("あ")
        share = round(self.width() * NAME_SHARE)
        self.verticalHeader().setMaximumWidth(max(char * 8, min(char * NAME_CHARS, share)))

    def resizeEvent(self, event) -> None:
        self._cap_names()
        super().resizeEvent(event)

    def _extra(self) -> tuple[int, int]:
        """Width and height the grid needs around its cells: headers, frame, scroll bars."""
        frame = self.frameWidth() * 2
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        rows = self.verticalHeader()
        names = max(rows.sizeHint().width(), self.fontMetrics().horizontalAdvance("あ") * 6)
        width = min(names, rows.maximumWidth()) + frame + bar
        return width, self.horizontalHeader().sizeHint().height() + frame + bar

    def sizeHint(self) -> QSize:
        width, height = self._extra()
        columns = max(1, min(self.progress.columnCount(), 12))
        return QSize(width + columns * self.column_width(), height + ROWS_HINT * self.row_height())

    def minimumSizeHint(self) -> QSize:
        width, height = self._extra()
        return QSize(width + 2 * self.column_width(), height + ROWS_MINIMUM * self.row_height())

    # -- loading and ticking -------------------------------------------------------------------

    def load(self, session_id, volunteer_id, residents, lessons) -> None:
        progress = self.progress
        # An arrival or a departure: only that row changes (a tick stays well under a frame).
        same = progress.can_sync(session_id, lessons) and progress.volunteer_id == volunteer_id
        if same and progress.sync_residents(residents):
            if residents and lessons and not self.currentIndex().isValid():
                self.setCurrentIndex(progress.index(0, 0))
            return
        self.progress.load(session_id, volunteer_id, residents, lessons)
        self.undo_stack.clear()
        self._size_sections()
        self.horizontalHeader().updateGeometry()
        self.horizontalHeader().viewport().update()
        self.updateGeometries()
        self.updateGeometry()
        if residents and lessons:
            self.setCurrentIndex(self.progress.index(0, 0))

    def cycle(self, index: QModelIndex) -> None:
        """✓ today → △ today → as before this session; saved at once and undoable."""
        if not index.isValid() or self.progress.session_id is None:
            return
        key = self.progress.key(index)
        old = self.progress.cell(index)
        saved = self.write(key, self.progress.next_cell(key))
        if saved is not None:
            self.undo_stack.push(StepChange(self, key, old, saved))

    def write(self, key: Key, cell: Cell) -> Cell | None:
        """The saved cell, or None when the Store refused (said through `failed`)."""
        try:
            saved = self.progress.write(key, cell)
        except DxError as exc:
            self.failed.emit(exc)
            return None
        self.changed.emit()
        return saved

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.cycle(self.currentIndex())
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.viewport().update()  # the frame round the selected cell thickens

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.viewport().update()
