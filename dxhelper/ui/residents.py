"""Residents: find a person, see their progress and history, print their sheet, edit or erase."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dxhelper.core.errors import DxError, NotFoundError, ValidationError
from dxhelper.core.fields import MAX_KANA, MAX_NAME
from dxhelper.core.lessons import Catalogue
from dxhelper.core.models import AgeBand, Progress, Resident, Session, StepState
from dxhelper.handouts import Pdf, sheet_pdf
from dxhelper.handouts.records import resident_sheet
from dxhelper.ui.pdf_actions import PdfActions
from dxhelper.ui.services import Services
from dxhelper.ui.style import scale_factor
from dxhelper.ui.widgets import (
    Dialog,
    InlineMessage,
    button,
    date_text,
    error_text,
    label,
    show_error,
)

SEARCH_LIMIT = 200  # a prefix search never needs more; the full list comes without a query
ID_ROLE = Qt.ItemDataRole.UserRole


# -- plain helpers (no widgets) ------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class LessonCounts:
    """One lesson's line in the detail: how many of its steps are done or need help."""

    lesson_id: str
    title: str
    total: int  # the lesson's step count; 0 when the lesson is no longer in the catalogue
    done: int
    help: int


def lesson_counts(
    progress: Iterable[Progress], catalogue: Catalogue, lang: str
) -> list[LessonCounts]:
    """Per lesson the resident has progress in, in catalogue order; unknown lessons last.

    Only steps the lesson still has are counted, so a step removed from a lesson file never
    makes a bar read more than full.
    """
    states: dict[str, dict[str, StepState]] = {}
    for row in progress:
        states.setdefault(row.lesson_id, {})[row.step_id] = row.state
    order = {lesson_id: i for i, lesson_id in enumerate(catalogue.ids())}
    result: list[LessonCounts] = []
    for lesson_id in sorted(states, key=lambda i: (order.get(i, len(order)), i)):
        by_step = states[lesson_id]
        if lesson_id in catalogue:
            lesson = catalogue.get(lesson_id, lang)
            known = set(lesson.step_ids)
            title, total = lesson.title, len(lesson.steps)
        else:
            known, title, total = set(by_step), lesson_id, 0
        done = sum(1 for s, st in by_step.items() if s in known and st is StepState.DONE)
        help_ = sum(1 for s, st in by_step.items() if s in known and st is StepState.NEEDS_HELP)
        result.append(LessonCounts(lesson_id, title, total, done, help_))
    return result


def same_name(typed: str, name: str) -> bool:
    """The erase confirmation: the name exactly, but a full-width space from the IME or a
    doubled space counts the same (NFKC and single spaces), as the store cleans names so."""

    def fold(text: str) -> str:
        return " ".join(unicodedata.normalize("NFKC", text).split())

    return bool(name.strip()) and fold(typed) == fold(name)


def pdf_file_name(name: str, day: dt.date) -> str:
    safe = re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("._") or "sheet"
    return f"{safe}_{day.isoformat()}.pdf"


def _new_holder(layout: QVBoxLayout, old: QWidget | None) -> tuple[QWidget, QVBoxLayout]:
    """Swap the widget in `layout` for a fresh empty one (detail sections are rebuilt whole)."""
    if old is not None:
        layout.removeWidget(old)
        old.hide()
        old.deleteLater()  # keeps its parent till then: it must die on the GUI thread
    holder = QWidget()
    box = QVBoxLayout(holder)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(8)
    layout.addWidget(holder)
    return holder, box


def _line_edit(text: str, max_len: int, accessible: str) -> QLineEdit:
    edit = QLineEdit(text)
    edit.setMaxLength(max_len)
    edit.setAccessibleName(accessible)
    return edit


# -- the screen ----------------------------------------------------------------------------------


class ResidentsScreen(QWidget):
    """A searchable list on the left, the chosen resident's detail on the right."""

    data_changed = Signal()

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.pdf = PdfActions(services, self)
        self._resident: Resident | None = None
        self.progress_bars: dict[str, QProgressBar] = {}
        self.progress_marks: dict[str, QLabel] = {}
        self.history_rows: list[str] = []
        self.edit_dialog: EditResidentDialog | None = None
        self.erase_dialog: EraseResidentDialog | None = None
        self._progress_holder: QWidget | None = None
        self._history_holder: QWidget | None = None
        self._split_done = False
        self._build()
        self.refresh()

    # -- build ---------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        outer.addWidget(self.splitter)
        self.splitter.addWidget(self._build_list_side())
        self.splitter.addWidget(self._build_detail_side())
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.search.installEventFilter(self)  # Up/Down move in the list while typing
        self.detail.installEventFilter(self)  # re-arrange the buttons when the width changes
        self.list.viewport().installEventFilter(self)  # re-wrap the names on a new width

        # Tab goes search → list → detail → its buttons, the order they are read in.
        QWidget.setTabOrder(self.search, self.list)
        QWidget.setTabOrder(self.list, self.detail_scroll)
        QWidget.setTabOrder(self.detail_scroll, self.print_button)
        QWidget.setTabOrder(self.print_button, self.save_button)
        QWidget.setTabOrder(self.save_button, self.edit_button)
        QWidget.setTabOrder(self.edit_button, self.erase_button)

        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.focus_search)

    def _build_list_side(self) -> QWidget:
        side = self.list_side = QWidget()
        box = QVBoxLayout(side)
        box.setContentsMargins(24, 20, 12, 20)
        box.setSpacing(10)
        self.title = label(self.tr("Residents"), "title")
        box.addWidget(self.title)

        self.search = QLineEdit()
        self.search.setAccessibleName(self.tr("Search residents by name or reading"))
        self.search.setPlaceholderText(self.tr("e.g. やまだ"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
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
        return side

    def _build_detail_side(self) -> QWidget:
        self.detail_scroll = QScrollArea()
        self.detail_scroll.setWidgetResizable(True)
        # Focusable so Enter in the search lands here and arrow keys scroll a long history.
        self.detail_scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.detail_scroll.setAccessibleName(self.tr("Resident details"))
        inner = QWidget()
        self.detail_scroll.setWidget(inner)
        box = QVBoxLayout(inner)
        box.setContentsMargins(12, 20, 24, 20)
        box.setSpacing(14)

        self.notice = InlineMessage("ok")
        box.addWidget(self.notice)
        self.placeholder = label(
            self.tr("Choose a resident from the list to see their progress and history."),
            "muted",
        )
        box.addWidget(self.placeholder)

        self.detail = QWidget()
        detail = QVBoxLayout(self.detail)
        detail.setContentsMargins(0, 0, 0, 0)
        detail.setSpacing(14)
        box.addWidget(self.detail)
        box.addStretch(1)

        self.name = label("", "title")
        detail.addWidget(self.name)
        # A grid, not a QFormLayout: the form gave a wrapped note too little height at 200%.
        facts = QGridLayout()
        facts.setHorizontalSpacing(16)
        facts.setColumnStretch(1, 1)
        self.nickname = label("")
        self.kana = label("")
        self.age_band = label("")
        self.consent = label("")
        self.note = label("")
        rows = (
            (self.tr("Nickname"), self.nickname),
            (self.tr("Reading (kana)"), self.kana),
            (self.tr("Age band"), self.age_band),
            (self.tr("Consent date"), self.consent),
            (self.tr("Note"), self.note),
        )
        for row, (caption, value) in enumerate(rows):
            facts.addWidget(label(caption, "muted"), row, 0, Qt.AlignmentFlag.AlignTop)
            facts.addWidget(value, row, 1, Qt.AlignmentFlag.AlignTop)
        detail.addLayout(facts)

        # Two by two when they fit, else one under another, so no button's words are cut.
        actions = QGridLayout()
        actions.setSpacing(10)
        self.print_button = button(
            self.tr("&Print personal sheet…"), self.print_sheet, role="primary"
        )
        self.save_button = button(self.tr("Save sheet as P&DF…"), self.save_sheet)
        self.edit_button = button(self.tr("&Edit…"), self.edit)
        self.erase_button = button(self.tr("E&rase…"), self.erase, role="danger")
        self.print_button.setToolTip(self.tr("Preview and print the resident's progress sheet"))
        self.erase_button.setToolTip(
            self.tr("Remove this person's name, attendance and progress for good")
        )
        self.actions = actions
        self._action_columns = 0
        self._arrange_actions()
        detail.addLayout(actions)

        detail.addWidget(label(self.tr("Progress by lesson"), "heading"))
        detail.addWidget(label(self.tr("✓ done   △ needs help"), "muted"))
        self._progress_box = QVBoxLayout()
        detail.addLayout(self._progress_box)

        detail.addWidget(label(self.tr("Sessions attended"), "heading"))
        self._history_box = QVBoxLayout()
        detail.addLayout(self._history_box)
        return self.detail_scroll

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._split_done:  # two fifths for the list, once; the user may drag after
            self._split_done = True
            total = max(self.width(), 1)
            self.splitter.setSizes([total * 2 // 5, total - total * 2 // 5])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange_panes()

    def _arrange_panes(self) -> None:
        """Side by side when both fit (the usual case); list above detail on a narrow window."""
        widest = max(widget.sizeHint().width() for widget in self._action_buttons())
        needed = self.list_side.minimumSizeHint().width() + widest + 80  # margins, scroll bar
        wide = self.width() >= needed
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() != orientation:
            self.splitter.setOrientation(orientation)
            lines = 6 if wide else 4
            self.list.setMinimumHeight(self.list.fontMetrics().height() * lines)
            self.title.setVisible(wide)  # on a short, narrow window the rows matter more

    def _action_buttons(self) -> list[QPushButton]:
        return [self.print_button, self.save_button, self.edit_button, self.erase_button]

    def _arrange_actions(self) -> None:
        buttons = self._action_buttons()
        for widget in buttons:
            widget.ensurePolished()
            # The style sheet's min-width would let a layout squeeze the words; the text wins.
            widget.setMinimumWidth(widget.sizeHint().width())
        widest = max(widget.sizeHint().width() for widget in buttons)
        fits = self.detail.width() >= 2 * widest + self.actions.horizontalSpacing()
        columns = 2 if fits else 1
        if columns == self._action_columns:
            return
        self._action_columns = columns
        for widget in buttons:
            self.actions.removeWidget(widget)
        for index, widget in enumerate(buttons):
            self.actions.addWidget(widget, index // columns, index % columns)
        self.actions.setColumnStretch(0, 1)
        self.actions.setColumnStretch(1, 1 if columns == 2 else 0)

    # -- public --------------------------------------------------------------------------------

    @property
    def current_id(self) -> str | None:
        return self._resident.id if self._resident is not None else None

    @property
    def current_resident(self) -> Resident | None:
        return self._resident

    def refresh(self) -> None:
        """Reload the list and the detail (a session may have added progress meanwhile)."""
        self._fill_list()
        self._show(self.current_id)

    def select_resident(self, resident_id: str) -> None:
        """Show one resident; clears the search when it hides them."""
        if self._row_of(resident_id) < 0 and self.search.text():
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self._fill_list()
        row = self._row_of(resident_id)
        if row >= 0:
            self.list.setCurrentRow(row)  # shows the detail through currentRowChanged
        if self.current_id != resident_id:
            self._show(resident_id)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def open_current(self) -> None:
        """Enter: show the highlighted resident (the first one if none) and move to the detail."""
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        if self._resident is not None:
            self.detail_scroll.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- list ----------------------------------------------------------------------------------

    def _search_changed(self, _text: str) -> None:
        self._fill_list()

    def _fill_list(self) -> None:
        store = self.services.store
        query = self.search.text().strip()
        if query:
            residents = store.search_residents(query, limit=SEARCH_LIMIT)
        else:
            residents = store.list_residents()
        lang = self.services.lang
        # Filling must not change the detail: the chosen resident stays until another is chosen.
        self.list.blockSignals(True)
        self.list.clear()
        for resident in residents:
            item = QListWidgetItem(self._item_text(resident, lang))
            item.setData(ID_ROLE, resident.id)
            self.list.addItem(item)
        self._fit_items()
        current = self._row_of(self.current_id) if self.current_id else -1
        self.list.setCurrentRow(current)
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
            self.notice.clear_text()
            self._show(self.list.item(row).data(ID_ROLE))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            if watched is self.detail:
                self._arrange_actions()
            elif watched is self.list.viewport():
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

    # -- detail --------------------------------------------------------------------------------

    def _show(self, resident_id: str | None) -> None:
        resident: Resident | None = None
        if resident_id is not None:
            try:
                resident = self.services.store.get_resident(resident_id)
            except NotFoundError:
                resident = None  # erased elsewhere (an import): back to the placeholder
        self._resident = resident
        has = resident is not None
        self.placeholder.setVisible(not has)
        self.detail.setVisible(has)
        for widget in (self.print_button, self.save_button, self.edit_button, self.erase_button):
            widget.setEnabled(has)
        if resident is None:
            self.detail_scroll.setAccessibleName(self.tr("Resident details"))
            self._fill_progress([])
            self._fill_history([])
            return

        lang = self.services.lang
        self.name.setText(resident.display_name)
        self.detail_scroll.setAccessibleName(
            self.tr("Details of {name}").format(name=resident.display_name)
        )
        self.nickname.setText(resident.nickname or "—")
        self.kana.setText(resident.kana or "—")
        self.age_band.setText(resident.age_band.label(lang))
        self.consent.setText(date_text(resident.consent_date, lang))
        self.note.setText(resident.note or "—")
        store = self.services.store
        self._fill_progress(
            lesson_counts(store.progress_for(resident.id), self.services.catalogue, lang)
        )
        self._fill_history(store.resident_sessions(resident.id))

    def _fill_progress(self, counts: list[LessonCounts]) -> None:
        self._progress_holder, box = _new_holder(self._progress_box, self._progress_holder)
        self.progress_bars = {}
        self.progress_marks = {}
        if not counts:
            box.addWidget(label(self.tr("No steps recorded yet."), "muted"))
            return
        for entry in counts:
            if entry.total:
                title = self.tr("{lesson} ({done} of {total} steps)").format(
                    lesson=entry.title, done=entry.done, total=entry.total
                )
            else:
                title = self.tr("{lesson} (no longer in the lessons)").format(lesson=entry.title)
            box.addWidget(label(title))
            row = QHBoxLayout()
            row.setSpacing(12)
            if entry.total:
                bar = QProgressBar()
                bar.setRange(0, entry.total)
                bar.setValue(min(entry.done, entry.total))
                # The count is in the title line: text drawn over the green would be hard to read.
                bar.setTextVisible(False)
                bar.setAccessibleName(
                    self.tr("{lesson}: {done} of {total} steps done").format(
                        lesson=entry.title, done=entry.done, total=entry.total
                    )
                )
                row.addWidget(bar, 1)
                self.progress_bars[entry.lesson_id] = bar
            marks = label(self.tr("✓ {done}  △ {help}").format(done=entry.done, help=entry.help))
            marks.setWordWrap(False)
            marks.setAccessibleName(
                self.tr("{done} done, {help} need help").format(done=entry.done, help=entry.help)
            )
            row.addWidget(marks)
            if not entry.total:
                row.addStretch(1)
            self.progress_marks[entry.lesson_id] = marks
            box.addLayout(row)
            box.addSpacing(6)

    def _fill_history(self, sessions: list[Session]) -> None:
        self._history_holder, box = _new_holder(self._history_box, self._history_holder)
        self.history_rows = []
        if not sessions:
            if self._resident is not None:
                box.addWidget(label(self.tr("No sessions yet."), "muted"))
            return
        lang = self.services.lang
        # One wrapping entry per session, not a table: a table's columns cannot narrow at 200%.
        venues: dict[str, str] = {}
        for session in sessions:
            if session.venue_id not in venues:
                try:
                    venues[session.venue_id] = self.services.store.get_venue(session.venue_id).name
                except NotFoundError:  # a venue row from an old import may be missing
                    venues[session.venue_id] = self.tr("(unknown venue)")
            times = session.start_time + (f"–{session.end_time}" if session.end_time else "")
            when = f"{date_text(session.date, lang)}  {times}"
            where = f"{venues[session.venue_id]}  ·  {session.kind.label(lang)}"
            box.addWidget(label(f"{when}\n{where}"))
            self.history_rows.append(f"{when}  {where}")

    # -- actions -------------------------------------------------------------------------------

    def _sheet_build(self) -> tuple[Callable[[], Pdf], str] | None:
        """Gather the sheet on the GUI thread (the store is not thread-safe); build it off it."""
        if self._resident is None:
            return None
        lang = self.services.lang
        store, catalogue = self.services.store, self.services.catalogue
        try:
            sheet = resident_sheet(store, catalogue, self._resident.id, lang)
        except DxError as exc:
            show_error(self, self.tr("Could not make the sheet"), exc, lang)
            return None
        options = self.services.handout_options()
        return (lambda: sheet_pdf(sheet, lang, options)), pdf_file_name(sheet.name, dt.date.today())

    def print_sheet(self) -> None:
        made = self._sheet_build()
        if made is not None:
            self.pdf.preview(made[0])

    def save_sheet(self, target: Path | None = None) -> None:
        """Save the sheet as a PDF; without `target` the user picks where."""
        made = self._sheet_build()
        if made is not None:
            self.pdf.save(made[0], made[1], target)

    def edit(self) -> None:
        if self._resident is None:
            return
        if self.edit_dialog is not None:
            self.edit_dialog.deleteLater()
        self.edit_dialog = EditResidentDialog(self.services, self._resident, self)
        self.edit_dialog.saved.connect(self._edited)
        self.edit_dialog.open()

    def erase(self) -> None:
        if self._resident is None:
            return
        if self.erase_dialog is not None:
            self.erase_dialog.deleteLater()
        self.erase_dialog = EraseResidentDialog(self.services, self._resident, self)
        self.erase_dialog.erased.connect(self._erased)
        self.erase_dialog.open()

    def _edited(self, resident: Resident) -> None:
        self._resident = resident
        self.refresh()
        self.notice.show_text(self.tr("Saved."))
        self.data_changed.emit()

    def _erased(self, _resident_id: str) -> None:
        self._resident = None
        self.refresh()
        self.notice.show_text(self.tr("The resident's record was erased."))
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self.data_changed.emit()


# -- dialogs -------------------------------------------------------------------------------------


def _dialog_width(dialog: QDialog, chars: int) -> None:
    # In characters, not pixels, so the dialog grows with the text size.
    dialog.setMinimumWidth(dialog.fontMetrics().horizontalAdvance("n" * chars))


class EditResidentDialog(Dialog):
    """Name, nickname, reading, age band and note; refusals (a My Number…) shown in place."""

    saved = Signal(object)  # the updated Resident

    def __init__(
        self, services: Services, resident: Resident, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.resident = resident
        self.setWindowTitle(self.tr("Edit resident"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        _dialog_width(self, 52)
        lang = services.lang

        box = QVBoxLayout(self)
        box.setSpacing(10)
        box.addWidget(label(self.tr("Edit {name}").format(name=resident.display_name), "heading"))
        form = QFormLayout()
        self.display_name = _line_edit(resident.display_name, MAX_NAME, self.tr("Name"))
        self.nickname = _line_edit(resident.nickname, MAX_NAME, self.tr("Nickname"))
        self.kana = _line_edit(resident.kana, MAX_KANA, self.tr("Reading (kana)"))
        self.kana.setPlaceholderText(self.tr("e.g. やまだ はなこ (used for search)"))
        self.age_band = QComboBox()
        self.age_band.setAccessibleName(self.tr("Age band"))
        for band in AgeBand:
            self.age_band.addItem(band.label(lang), band.value)
        self.age_band.setCurrentIndex(self.age_band.findData(resident.age_band.value))
        self.note = QPlainTextEdit(resident.note)
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setTabChangesFocus(True)  # Tab leaves the note instead of typing a tab
        lines = self.note.fontMetrics().lineSpacing()
        self.note.setMinimumHeight(lines * 4)
        form.addRow(label(self.tr("&Name"), buddy=self.display_name), self.display_name)
        form.addRow(label(self.tr("Nic&kname"), buddy=self.nickname), self.nickname)
        form.addRow(label(self.tr("&Reading (kana)"), buddy=self.kana), self.kana)
        form.addRow(label(self.tr("&Age band"), buddy=self.age_band), self.age_band)
        form.addRow(label(self.tr("N&ote"), buddy=self.note), self.note)
        box.addLayout(form)
        box.addWidget(
            label(self.tr("Never write a My Number, a PIN or a password in the note."), "muted")
        )
        self.message = InlineMessage()
        box.addWidget(self.message)

        self.cancel_button = button(self.tr("Cancel"), self.reject)
        self.save_button = button(self.tr("Save"), self.save, role="primary")
        self.save_button.setDefault(True)  # Enter in a field saves
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.save_button)
        box.addLayout(row)
        self._fields: dict[str, QWidget] = {
            "display_name": self.display_name,
            "nickname": self.nickname,
            "kana": self.kana,
            "age_band": self.age_band,
            "note": self.note,
        }
        self.display_name.setFocus()

    def save(self) -> None:
        changed = dataclasses.replace(
            self.resident,
            display_name=self.display_name.text(),
            nickname=self.nickname.text(),
            kana=self.kana.text(),
            age_band=AgeBand(self.age_band.currentData()),
            note=self.note.toPlainText(),
        )
        try:
            updated = self.services.store.update_resident(changed)
        except DxError as exc:
            self.message.show_text(error_text(exc, self.services.lang))
            self.fit_height()
            field = self._fields.get(exc.field) if isinstance(exc, ValidationError) else None
            if field is not None:
                field.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.resident = updated
        self.saved.emit(updated)
        self.accept()


class EraseResidentDialog(Dialog):
    """Erasure for good: the user types the person's name to unlock the Erase button."""

    erased = Signal(str)  # the erased resident's id

    def __init__(
        self, services: Services, resident: Resident, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.resident = resident
        self.setWindowTitle(self.tr("Erase resident"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        _dialog_width(self, 52)

        box = QVBoxLayout(self)
        box.setSpacing(12)
        box.addWidget(label(self.tr("Erase this resident for good?"), "heading"))
        box.addWidget(
            label(
                self.tr(
                    "Erasing removes this person's name, their attendance at sessions and their "
                    "progress in lessons for good. It cannot be undone."
                )
            )
        )
        box.addWidget(label(self.tr("The sessions themselves are kept, without this person.")))
        self.confirm = QLineEdit()
        self.confirm.setAccessibleName(self.tr("Type the name to confirm"))
        self.confirm.setMaxLength(MAX_KANA)
        box.addWidget(
            label(self.tr("To confirm, &type the name exactly as shown:"), buddy=self.confirm)
        )
        self.expected = label(resident.display_name, "heading")
        self.expected.setAccessibleName(resident.display_name)
        box.addWidget(self.expected)
        box.addWidget(self.confirm)
        self.message = InlineMessage()
        box.addWidget(self.message)

        self.cancel_button = button(self.tr("Cancel"), self.reject)
        self.erase_button = button(self.tr("Erase for good"), self.erase, role="danger")
        self.erase_button.setEnabled(False)
        self.confirm.textChanged.connect(self._typed)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.erase_button)
        box.addLayout(row)
        self.confirm.setFocus()

    def matches(self) -> bool:
        return same_name(self.confirm.text(), self.resident.display_name)

    def _typed(self, _text: str) -> None:
        self.message.clear_text()
        self.erase_button.setEnabled(self.matches())

    def erase(self) -> None:
        if not self.matches():  # the button is disabled; this guards a direct call too
            return
        try:
            erasure = self.services.library.erase_resident(self.resident.id)
        except DxError as exc:
            self.message.show_text(error_text(exc, self.services.lang))
            self.fit_height()
            return
        # Out of every backup too, in a worker: an erased person stays erased, and the window
        # stays usable while each backup is rewritten and checked.
        lang, window = self.services.lang, self.parentWidget()
        self.services.tasks.run(
            erasure.in_backups,
            lambda _result: None,
            lambda exc: show_error(window, self.tr("Erase resident"), exc, lang),
            self.tr("Erasing from the backups…"),
        )
        self.erased.emit(self.resident.id)
        self.accept()
