"""What became of a resident's procedure, per lesson, on the Residents screen: 完了 (done) or
まだ (not yet) with a reason from a fixed list, and a few words when the reason is その他."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QVBoxLayout, QWidget

from dxhelper.core.errors import DxError
from dxhelper.core.planning import Outcome, OutcomeReason, OutcomeState
from dxhelper.ui.services import Services
from dxhelper.ui.widgets import FlowLayout, InlineMessage, error_text, label

UNSET = ""


class _NoWheelUnfocused(QObject):
    """The mouse wheel never changes a choice the volunteer has not clicked into."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel and not watched.hasFocus():  # type: ignore[attr-defined]
            event.ignore()
            return True
        return super().eventFilter(watched, event)


class OutcomeRow:
    def __init__(self, lesson_id: str, state: QComboBox, reason: QComboBox, note: QLineEdit):
        self.lesson_id = lesson_id
        self.state = state
        self.reason = reason
        self.note = note


class OutcomeEditor(QWidget):
    def __init__(self, services: Services, screen: QWidget | None = None) -> None:
        super().__init__()
        self.services = services
        self.screen_source = screen  # the screen that shows it: it need not refresh itself
        self.resident_id: str | None = None
        self.rows: dict[str, OutcomeRow] = {}
        self._filling = False
        self._wheel = _NoWheelUnfocused(self)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(label(self.tr("Procedures: done, or not yet and why"), "heading"))
        self.empty = label(self.tr("No lessons yet."), "muted")
        box.addWidget(self.empty)
        self.holder = QWidget()
        box.addWidget(self.holder)
        # One lesson under another: its title, the choices side by side (wrapping when the
        # pane is narrow, at 200 %), the few words on their own line.
        self.grid = QVBoxLayout(self.holder)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.message = InlineMessage()
        box.addWidget(self.message)

    def load(self, resident_id: str | None, lessons: list[tuple[str, str]]) -> None:
        """Show the outcome of each (lesson id, title), and of any lesson with an outcome."""
        self.resident_id = resident_id
        self.message.clear_text()
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
            elif item.layout():
                _clear(item.layout())
        self.rows = {}
        outcomes: dict[str, Outcome] = {}
        if resident_id is not None:
            outcomes = {o.lesson_id: o for o in self.services.store.planning.outcomes(resident_id)}
        titles = dict(lessons)
        for lesson_id in outcomes:
            if lesson_id not in titles:
                titles[lesson_id] = self._title(lesson_id)
        self.empty.setVisible(not titles)
        lang = self.services.lang
        self._filling = True
        try:
            for lesson_id, title in titles.items():
                state = QComboBox()
                state.setAccessibleName(self.tr("{lesson}: done or not yet").format(lesson=title))
                state.addItem(self.tr("—"), UNSET)
                state.addItem(self.tr("Done"), OutcomeState.COMPLETED.value)
                state.addItem(self.tr("Not yet"), OutcomeState.NOT_YET.value)
                reason = QComboBox()
                reason.setAccessibleName(self.tr("{lesson}: why not yet").format(lesson=title))
                for choice in OutcomeReason:
                    reason.addItem(choice.label(lang), choice.value)
                note = QLineEdit()
                note.setMaxLength(60)
                note.setAccessibleName(self.tr("{lesson}: a few words").format(lesson=title))
                note.setPlaceholderText(self.tr("A few words (no numbers or PINs)"))
                for widget in (state, reason):
                    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
                    widget.installEventFilter(self._wheel)
                outcome = outcomes.get(lesson_id)
                if outcome is not None:
                    state.setCurrentIndex(state.findData(outcome.state.value))
                    reason.setCurrentIndex(reason.findData(outcome.reason.value))
                    note.setText(outcome.reason_note)
                row = OutcomeRow(lesson_id, state, reason, note)
                self.rows[lesson_id] = row
                self.grid.addWidget(label(title))
                choices = FlowLayout()
                choices.addWidget(state)
                choices.addWidget(reason)
                self.grid.addLayout(choices)
                self.grid.addWidget(note)
                state.currentIndexChanged.connect(lambda _i, r=row: self.save(r))
                reason.currentIndexChanged.connect(lambda _i, r=row: self.save(r))
                note.editingFinished.connect(lambda r=row: self.save(r))
                self._show(row)
        finally:
            self._filling = False

    def _title(self, lesson_id: str) -> str:
        catalogue = self.services.catalogue
        if lesson_id in catalogue:
            return catalogue.get(lesson_id, self.services.lang).title
        return lesson_id

    def _show(self, row: OutcomeRow) -> None:
        not_yet = row.state.currentData() == OutcomeState.NOT_YET.value
        row.reason.setVisible(not_yet)
        row.note.setVisible(not_yet and row.reason.currentData() == OutcomeReason.OTHER.value)

    def set_outcome(self, lesson_id: str, state: OutcomeState, reason=OutcomeReason.NONE) -> None:
        """As a volunteer would choose it (tests)."""
        row = self.rows[lesson_id]
        row.reason.setCurrentIndex(row.reason.findData(OutcomeReason(reason).value))
        row.state.setCurrentIndex(row.state.findData(state.value))

    def save(self, row: OutcomeRow) -> None:
        self._show(row)
        if self._filling or self.resident_id is None:
            return
        state = row.state.currentData()
        if state == UNSET:
            return
        try:
            self.services.store.planning.set_outcome(
                self.resident_id,
                row.lesson_id,
                state,
                row.reason.currentData(),
                row.note.text(),
            )
        except DxError as exc:
            self.message.show_text(error_text(exc, self.services.lang))
            return
        self.message.clear_text()
        self.services.data_changed(self.screen_source)


def _clear(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item.widget():
            item.widget().deleteLater()
