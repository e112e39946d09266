"""What the progress grid shows and how one click changes a cell.

A cell's cycle starts from what it shows: empty or pale (a step from an earlier session) →
✓ done today → △ needs help today → back exactly as it was before this session (the earlier
row with its session, volunteer and moment, or empty) → ✓ today again, and so on. One click on
a pale ✓ therefore confirms it today; it never marks △.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from dxhelper.core.lessons.model import Lesson
from dxhelper.core.models import Progress, Resident, StepState
from dxhelper.store import Store

MARKS = {StepState.OPEN: "", StepState.DONE: "✓", StepState.NEEDS_HELP: "△"}
COLOURS = {  # (this session, an earlier session)
    StepState.DONE: (QColor("#c8e6c9"), QColor("#eef6ee")),
    StepState.NEEDS_HELP: (QColor("#ffe0a3"), QColor("#fff4dc")),
}
EARLIER_INK = QColor("#5f6b5f")
ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
    }
)
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

Key = tuple[str, str, str]  # resident id, lesson id, step id


@dataclass(frozen=True, slots=True)
class Column:
    lesson: Lesson
    step_index: int  # 0-based within the lesson

    @property
    def step(self):
        return self.lesson.steps[self.step_index]

    @property
    def first_of_lesson(self) -> bool:
        return self.step_index == 0


@dataclass(frozen=True, slots=True)
class Cell:
    """One progress row as the grid knows it; `at` is None until it has been written."""

    state: StepState
    session_id: str | None
    volunteer_id: str | None
    at: str | None = None

    @classmethod
    def of(cls, p: Progress) -> Cell:
        return cls(p.state, p.session_id, p.volunteer_id, p.at)


OPEN_CELL = Cell(StepState.OPEN, None, None)


def _looks(text: str) -> str:
    """How a label looks to a reader: width, spacing and case do not tell two names apart."""
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def _clashes(labels: list[str]) -> list[list[int]]:
    groups: dict[str, list[int]] = {}
    for i, text in enumerate(labels):
        groups.setdefault(_looks(text), []).append(i)
    return [rows for rows in groups.values() if len(rows) > 1]


def name_label(resident: Resident) -> str:
    """The full name with the nickname, as the volunteer calls them: 山田 花子（はなちゃん）."""
    nickname = resident.nickname.strip()
    return f"{resident.display_name}（{nickname}）" if nickname else resident.display_name


def row_labels(residents: list[Resident], lang: str) -> list[str]:
    """One label per row, made different where two rows would otherwise look the same: the age
    band first, then the district (when the store has one), then ①②…"""
    labels = [name_label(r) for r in residents]
    marks = (
        lambda r: r.age_band.label(lang),
        lambda r: str(getattr(r, "district", "") or "").strip(),
    )
    for mark in marks:
        for rows in _clashes(labels):
            if len({_looks(mark(residents[i])) for i in rows}) > 1:
                for i in rows:
                    if mark(residents[i]):
                        labels[i] = f"{labels[i]} · {mark(residents[i])}"
    for rows in _clashes(labels):
        for n, i in enumerate(rows):
            labels[i] = f"{labels[i]} {CIRCLED[n] if n < len(CIRCLED) else f'({n + 1})'}"
    return labels


class ProgressModel(QAbstractTableModel):
    """Rows are named attendees, columns the steps; cells come from the Store's progress rows.

    `before` holds, per cell, how it stood before this session: the cycle's way back.
    """

    def __init__(self, store: Store, lang: str) -> None:
        super().__init__()
        self.store = store
        self.lang = lang
        self.session_id: str | None = None
        self.volunteer_id: str | None = None
        self.residents: list[Resident] = []
        self.labels: list[str] = []
        self.columns: list[Column] = []
        self.cells: dict[Key, Cell] = {}
        self.before: dict[Key, Cell] = {}

    def load(
        self,
        session_id: str | None,
        volunteer_id: str | None,
        residents: list[Resident],
        lessons: list[Lesson],
    ) -> None:
        self.beginResetModel()
        # Reloading the same session (an attendee added, lessons changed) keeps what each cell
        # was before it: the store's row already holds today's tick, the earlier one is here.
        remembered = self.before if session_id is not None and session_id == self.session_id else {}
        self.session_id = session_id
        self.volunteer_id = volunteer_id
        self.residents = list(residents)
        self.labels = row_labels(self.residents, self.lang)
        self.columns = [Column(lesson, i) for lesson in lessons for i in range(len(lesson.steps))]
        wanted = {lesson.id for lesson in lessons}
        self.cells = {}
        self.before = {}
        for resident in self.residents:
            for p in self.store.progress_for(resident.id):
                if p.lesson_id not in wanted:
                    continue
                key = (p.resident_id, p.lesson_id, p.step_id)
                cell = Cell.of(p)
                self.cells[key] = cell
                if session_id is not None and cell.session_id == session_id:
                    # Recorded in this session already: the earlier row was overwritten.
                    self.before[key] = remembered.get(key, OPEN_CELL)
                else:
                    self.before[key] = cell
        self.endResetModel()

    def can_sync(self, session_id: str | None, lessons: list[Lesson]) -> bool:
        """Same session and steps as loaded: only who is in the rows can have changed."""
        steps = [(c.lesson.id, c.step.id) for c in self.columns]
        wanted = [(lesson.id, step.id) for lesson in lessons for step in lesson.steps]
        return session_id is not None and session_id == self.session_id and steps == wanted

    def sync_residents(self, residents: list[Resident]) -> bool:
        """Rows added or taken away (an arrival ticked, a walk-in found, someone taken off):
        only their rows change and only their progress is read, instead of every attendee's.
        False (nothing changed) when the order of the others changed: load instead."""
        new_ids = [r.id for r in residents]
        keep, present = set(new_ids), {r.id for r in self.residents}
        if [r.id for r in self.residents if r.id in keep] != [i for i in new_ids if i in present]:
            return False
        for row in reversed(range(len(self.residents))):
            if self.residents[row].id not in keep:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.residents[row]
                self.endRemoveRows()
        wanted = {c.lesson.id for c in self.columns}
        for row, resident in enumerate(residents):
            if row < len(self.residents) and self.residents[row].id == resident.id:
                continue
            self.beginInsertRows(QModelIndex(), row, row)
            self.residents.insert(row, resident)
            for p in self.store.progress_for(resident.id):
                if p.lesson_id in wanted:
                    key = (p.resident_id, p.lesson_id, p.step_id)
                    cell = Cell.of(p)
                    self.cells[key] = cell
                    today = cell.session_id == self.session_id
                    self.before[key] = self.before.get(key, OPEN_CELL) if today else cell
            self.endInsertRows()
        self.residents = list(residents)  # the same people; the newest copies of them
        labels = row_labels(self.residents, self.lang)
        if labels != self.labels:
            self.labels = labels
            if self.residents:
                self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self.residents) - 1)
        return True

    # -- the cycle -----------------------------------------------------------------------------

    def is_today(self, cell: Cell) -> bool:
        return (
            self.session_id is not None
            and cell.session_id == self.session_id
            and cell.state is not StepState.OPEN
        )

    def is_earlier(self, cell: Cell) -> bool:
        return cell.state is not StepState.OPEN and cell.session_id != self.session_id

    def next_cell(self, key: Key) -> Cell:
        """What one click makes of a cell: ✓ today, then △ today, then back as before."""
        cell = self.cells.get(key, OPEN_CELL)
        if self.is_today(cell) and cell.state is StepState.DONE:
            return Cell(StepState.NEEDS_HELP, self.session_id, self.volunteer_id)
        if self.is_today(cell):
            return self.before.get(key, OPEN_CELL)
        return Cell(StepState.DONE, self.session_id, self.volunteer_id)

    # -- Qt model ------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.residents)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def key(self, index: QModelIndex) -> Key:
        column = self.columns[index.column()]
        return (self.residents[index.row()].id, column.lesson.id, column.step.id)

    def cell(self, index: QModelIndex) -> Cell:
        return self.cells.get(self.key(index), OPEN_CELL)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in ROLES:
            return None  # asked of every role; only these say something
        cell = self.cell(index)
        earlier = self.is_earlier(cell)
        if role == Qt.ItemDataRole.DisplayRole:
            return MARKS[cell.state]
        if role == Qt.ItemDataRole.BackgroundRole and cell.state in COLOURS:
            return QBrush(COLOURS[cell.state][1 if earlier else 0])
        if role == Qt.ItemDataRole.ForegroundRole and earlier:
            return QBrush(EARLIER_INK)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._describe(index, cell, earlier)
        return None

    def _describe(self, index: QModelIndex, cell: Cell, earlier: bool) -> str:
        column = self.columns[index.column()]
        state = {
            StepState.OPEN: self.tr("not yet"),
            StepState.DONE: self.tr("done"),
            StepState.NEEDS_HELP: self.tr("needs help"),
        }[cell.state]
        when = self.tr(" (earlier session)") if earlier else ""
        coming = self.next_cell(self.key(index))
        if self.is_today(coming):
            click = {
                StepState.DONE: self.tr("Click: ✓ done today"),
                StepState.NEEDS_HELP: self.tr("Click: △ needs help today"),
            }[coming.state]
        elif coming.state is StepState.OPEN:
            click = self.tr("Click: empty again")
        else:
            click = self.tr("Click: back as it was before today")
        return (
            f"{self.labels[index.row()]} — {column.lesson.title} "
            f"{column.step_index + 1}. {column.step.title}: {state}{when}\n{click}"
        )

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if orientation == Qt.Orientation.Vertical:
            if section >= len(self.residents):
                return None
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return self.labels[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                resident = self.residents[section]
                district = str(getattr(resident, "district", "") or "").strip()
                details = [resident.kana, resident.age_band.label(self.lang), district]
                return "\n".join([name_label(resident), *[d for d in details if d]])
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            return None
        if section >= len(self.columns):
            return None
        column = self.columns[section]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{column.step_index + 1}. {column.step.title}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{column.lesson.title}\n{column.step_index + 1}. {column.step.title}"
        return None

    # -- changes -------------------------------------------------------------------------------

    def write(self, key: Key, cell: Cell) -> Cell:
        """Save one cell through the Store (its own moment when it has one), then repaint it.

        A refusal (DxError) propagates before anything here changes.
        """
        resident_id, lesson_id, step_id = key
        saved = Cell.of(
            self.store.set_step_state(
                resident_id,
                lesson_id,
                step_id,
                cell.state,
                session_id=cell.session_id,
                volunteer_id=cell.volunteer_id,
                at=cell.at,
            )
        )
        self.cells[key] = saved
        index = self.index_of(key)
        if index.isValid():
            self.dataChanged.emit(index, index)
        return saved

    def index_of(self, key: Key) -> QModelIndex:
        resident_id, lesson_id, step_id = key
        row = next((i for i, r in enumerate(self.residents) if r.id == resident_id), None)
        column = next(
            (
                i
                for i, c in enumerate(self.columns)
                if c.lesson.id == lesson_id and c.step.id == step_id
            ),
            None,
        )
        if row is None or column is None:
            return QModelIndex()
        return self.index(row, column)
