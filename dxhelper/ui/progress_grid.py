"""The progress grid: attendees × the chosen lessons' steps; one click or Space ticks a step.

A click cycles open → done ✓ → needs help △ → open. Each change is written at once through the
Store API and goes on an undo stack (Ctrl+Z / Ctrl+Y). Steps done in earlier sessions show in a
paler colour, so the volunteer sees where each resident left off.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QPainter, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QStyleOptionHeader, QTableView

from dxhelper.core.errors import DxError
from dxhelper.core.lessons.model import Lesson
from dxhelper.core.models import Progress, Resident, StepState
from dxhelper.store import Store

NEXT_STATE = {
    StepState.OPEN: StepState.DONE,
    StepState.DONE: StepState.NEEDS_HELP,
    StepState.NEEDS_HELP: StepState.OPEN,
}
MARKS = {StepState.OPEN: "", StepState.DONE: "✓", StepState.NEEDS_HELP: "△"}
COLOURS = {  # (this session, an earlier session)
    StepState.DONE: (QColor("#c8e6c9"), QColor("#eef6ee")),
    StepState.NEEDS_HELP: (QColor("#ffe0a3"), QColor("#fff4dc")),
}


@dataclass(frozen=True, slots=True)
class Column:
    lesson: Lesson
    step_index: int  # 0-based within the lesson

    @property
    def step(self):
        return self.lesson.steps[self.step_index]


@dataclass(frozen=True, slots=True)
class Cell:
    state: StepState
    session_id: str | None
    volunteer_id: str | None


OPEN_CELL = Cell(StepState.OPEN, None, None)


class ProgressModel(QAbstractTableModel):
    """Rows are named attendees, columns the steps; cells come from the Store's progress rows."""

    def __init__(self, store: Store, lang: str) -> None:
        super().__init__()
        self.store = store
        self.lang = lang
        self.session_id: str | None = None
        self.volunteer_id: str | None = None
        self.residents: list[Resident] = []
        self.columns: list[Column] = []
        self.cells: dict[tuple[str, str, str], Cell] = {}

    def load(
        self,
        session_id: str | None,
        volunteer_id: str | None,
        residents: list[Resident],
        lessons: list[Lesson],
    ) -> None:
        self.beginResetModel()
        self.session_id = session_id
        self.volunteer_id = volunteer_id
        self.residents = list(residents)
        self.columns = [Column(lesson, i) for lesson in lessons for i in range(len(lesson.steps))]
        wanted = {lesson.id for lesson in lessons}
        self.cells = {}
        for resident in self.residents:
            for p in self.store.progress_for(resident.id):
                if p.lesson_id in wanted:
                    self._remember(p)
        self.endResetModel()

    def _remember(self, p: Progress) -> None:
        self.cells[(p.resident_id, p.lesson_id, p.step_id)] = Cell(
            p.state, p.session_id, p.volunteer_id
        )

    # -- Qt model ------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.residents)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def key(self, index: QModelIndex) -> tuple[str, str, str]:
        column = self.columns[index.column()]
        return (self.residents[index.row()].id, column.lesson.id, column.step.id)

    def cell(self, index: QModelIndex) -> Cell:
        return self.cells.get(self.key(index), OPEN_CELL)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        cell = self.cell(index)
        earlier = cell.state is not StepState.OPEN and cell.session_id != self.session_id
        if role == Qt.ItemDataRole.DisplayRole:
            return MARKS[cell.state]
        if role == Qt.ItemDataRole.BackgroundRole and cell.state in COLOURS:
            return QBrush(COLOURS[cell.state][1 if earlier else 0])
        if role == Qt.ItemDataRole.ForegroundRole and earlier:
            return QBrush(QColor("#5f6b5f"))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            column = self.columns[index.column()]
            resident = self.residents[index.row()]
            state = {
                StepState.OPEN: self.tr("not yet"),
                StepState.DONE: self.tr("done"),
                StepState.NEEDS_HELP: self.tr("needs help"),
            }[cell.state]
            when = self.tr(" (earlier session)") if earlier else ""
            return (
                f"{resident.display_name} — {column.lesson.title} "
                f"{column.step_index + 1}. {column.step.title}: {state}{when}"
            )
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole:
                resident = self.residents[section]
                return resident.nickname or resident.display_name
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(column.step_index + 1)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{column.lesson.title}\n{column.step_index + 1}. {column.step.title}"
        return None

    # -- changes -------------------------------------------------------------------------------

    def write(self, key: tuple[str, str, str], cell: Cell) -> None:
        """Save one cell through the Store, then repaint only that cell."""
        resident_id, lesson_id, step_id = key
        saved = self.store.set_step_state(
            resident_id,
            lesson_id,
            step_id,
            cell.state,
            session_id=cell.session_id,
            volunteer_id=cell.volunteer_id,
        )
        self._remember(saved)
        row = next(i for i, r in enumerate(self.residents) if r.id == resident_id)
        column = next(
            i
            for i, c in enumerate(self.columns)
            if c.lesson.id == lesson_id and c.step.id == step_id
        )
        index = self.index(row, column)
        self.dataChanged.emit(index, index)


class StepChange(QUndoCommand):
    """A change already written once; redo/undo write it again or write the old cell back."""

    def __init__(self, grid: ProgressGrid, key: tuple[str, str, str], old: Cell, new: Cell):
        super().__init__()
        self.grid, self.key, self.old, self.new = grid, key, old, new
        self._written = True  # push() calls redo(): the change is saved already

    def redo(self) -> None:
        if self._written:
            self._written = False
            return
        self.grid.write(self.key, self.new)

    def undo(self) -> None:
        self.grid.write(self.key, self.old)


class LessonHeader(QHeaderView):
    """Two rows: the lesson's title across its steps on top, the step numbers below."""

    def __init__(self, model: ProgressModel) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.progress = model
        self.setSectionsClickable(False)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignHCenter)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self.fontMetrics().height() * 2 + 16)

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:
        lower = QRect(
            rect.left(), rect.top() + rect.height() // 2, rect.width(), rect.height() // 2
        )
        option = QStyleOptionHeader()
        self.initStyleOptionForIndex(option, logical)
        option.rect = lower
        option.text = str(self.progress.columns[logical].step_index + 1)
        option.textAlignment = Qt.AlignmentFlag.AlignCenter
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        half = self.height() // 2
        columns = self.progress.columns
        start = 0
        while start < len(columns):
            lesson = columns[start].lesson
            end = start
            while end + 1 < len(columns) and columns[end + 1].lesson is lesson:
                end += 1
            left = self.sectionViewportPosition(start)
            right = self.sectionViewportPosition(end) + self.sectionSize(end)
            band = QRect(left, 0, right - left, half)
            painter.fillRect(band, QColor("#23364d"))
            painter.setPen(QColor("white"))
            text = self.fontMetrics().elidedText(
                lesson.title, Qt.TextElideMode.ElideRight, max(0, band.width() - 12)
            )
            painter.drawText(band.adjusted(6, 0, -6, 0), Qt.AlignmentFlag.AlignVCenter, text)
            painter.setPen(QColor("white"))
            painter.drawLine(right - 1, 0, right - 1, half)
            start = end + 1
        painter.end()


class ProgressGrid(QTableView):
    """The table the volunteer ticks. `changed` fires after each saved change (for summaries)."""

    changed = Signal()
    failed = Signal(object)  # a save the Store refused (e.g. a full disk): shown by the screen

    def __init__(self, store: Store, lang: str) -> None:
        super().__init__()
        self.progress = ProgressModel(store, lang)
        self.setModel(self.progress)
        self.undo_stack = QUndoStack(self)
        header = LessonHeader(self.progress)
        self.setHorizontalHeader(header)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the grid; arrows move inside it
        self.setCornerButtonEnabled(False)  # "select all" means nothing here
        header.setAccessibleName(self.tr("Lesson steps"))
        self.verticalHeader().setAccessibleName(self.tr("Residents"))
        self.setWordWrap(False)
        self.clicked.connect(self.cycle)
        self._size_sections()

    def _size_sections(self) -> None:
        side = max(44, round(self.fontMetrics().height() * 1.9))
        self.horizontalHeader().setDefaultSectionSize(side)
        self.horizontalHeader().setMinimumSectionSize(side)
        self.verticalHeader().setDefaultSectionSize(side)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

    def load(self, session_id, volunteer_id, residents, lessons) -> None:
        self.progress.load(session_id, volunteer_id, residents, lessons)
        self.undo_stack.clear()
        self._size_sections()
        self.horizontalHeader().updateGeometry()
        self.horizontalHeader().viewport().update()
        if residents and lessons:
            self.setCurrentIndex(self.progress.index(0, 0))

    def cycle(self, index: QModelIndex) -> None:
        """open → done → needs help → open, saved at once; undoable."""
        if not index.isValid():
            return
        model = self.progress
        old = model.cell(index)
        new = Cell(NEXT_STATE[old.state], model.session_id, model.volunteer_id)
        key = model.key(index)
        if self.write(key, new):
            self.undo_stack.push(StepChange(self, key, old, new))

    def write(self, key: tuple[str, str, str], cell: Cell) -> bool:
        try:
            self.progress.write(key, cell)
        except DxError as exc:
            self.failed.emit(exc)
            return False
        self.changed.emit()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.cycle(self.currentIndex())
            return
        super().keyPressEvent(event)
