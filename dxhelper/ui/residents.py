"""Residents: find a person, see their progress and history, print their sheet, edit or erase."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dxhelper.core.errors import DxError, NotFoundError
from dxhelper.core.models import Resident, Session
from dxhelper.core.progress import LessonProgress, group_progress
from dxhelper.handouts import Pdf, sheet_pdf
from dxhelper.handouts.records import resident_sheet
from dxhelper.ui.edit_resident import EditResidentDialog
from dxhelper.ui.erase_resident import EraseResidentDialog
from dxhelper.ui.outcome_editor import OutcomeEditor
from dxhelper.ui.pdf_actions import PdfActions
from dxhelper.ui.resident_list import ResidentFinder
from dxhelper.ui.services import Services
from dxhelper.ui.widgets import (
    InlineMessage,
    button,
    date_text,
    follow_data_changes,
    label,
    show_error,
)

# -- plain helpers (no widgets) ------------------------------------------------------------------


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


# -- the screen ----------------------------------------------------------------------------------


class ResidentsScreen(QWidget):
    """A searchable list on the left, the chosen resident's detail on the right.

    After an edit or an erasure it tells the other screens through `services.data_changed`;
    it refreshes itself when another screen changed records (widgets.follow_data_changes).
    """

    # Also emitted after an edit or an erasure, for the main window that still connects to it.

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
        follow_data_changes(self, services)  # e.g. a session ticked steps, an import

    # -- build ---------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        outer.addWidget(self.splitter)
        self.finder = ResidentFinder(self.services)
        self.finder.chosen.connect(self._chosen)
        self.finder.opened.connect(self._opened)
        # The finder's search box and list under the names tests and the window use.
        self.search, self.list = self.finder.search, self.finder.list
        self.splitter.addWidget(self.finder)
        self.splitter.addWidget(self._build_detail_side())
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.detail.installEventFilter(self)  # re-arrange the buttons when the width changes

        # Tab goes search → list → detail → its buttons, the order they are read in.
        QWidget.setTabOrder(self.list, self.detail_scroll)
        QWidget.setTabOrder(self.detail_scroll, self.print_button)
        QWidget.setTabOrder(self.print_button, self.save_button)
        QWidget.setTabOrder(self.save_button, self.edit_button)
        QWidget.setTabOrder(self.edit_button, self.erase_button)

        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.focus_search)

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
        self.district = label("")
        self.consent = label("")
        self.note = label("")
        rows = (
            (self.tr("Nickname"), self.nickname),
            (self.tr("Reading (kana)"), self.kana),
            (self.tr("Age band"), self.age_band),
            (self.tr("District"), self.district),
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
        self.outcomes = OutcomeEditor(self.services, self)  # 完了 / まだ and why, per lesson
        detail.addWidget(self.outcomes)

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
        needed = self.finder.minimumSizeHint().width() + widest + 80  # margins, scroll bar
        wide = self.width() >= needed
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() != orientation:
            self.splitter.setOrientation(orientation)
            self.finder.set_wide(wide)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.detail and event.type() == QEvent.Type.Resize:
            self._arrange_actions()
        return super().eventFilter(watched, event)

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
        self.finder.refresh(self.current_id)
        self._show(self.current_id)

    def select_resident(self, resident_id: str) -> None:
        """Show one resident; clears the search when it hides them."""
        self.finder.select(resident_id)  # shows the detail through `chosen`
        if self.current_id != resident_id:
            self._show(resident_id)

    def focus_search(self) -> None:
        self.finder.focus_search()

    def _chosen(self, resident_id: str) -> None:
        self.notice.clear_text()
        self._show(resident_id)

    def _opened(self) -> None:
        """Enter in the search or the list: on to the detail of the resident shown."""
        if self._resident is not None:
            self.detail_scroll.setFocus(Qt.FocusReason.OtherFocusReason)

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
            self.outcomes.load(None, [])
            return

        lang = self.services.lang
        self.name.setText(resident.display_name)
        self.detail_scroll.setAccessibleName(
            self.tr("Details of {name}").format(name=resident.display_name)
        )
        self.nickname.setText(resident.nickname or "—")
        self.kana.setText(resident.kana or "—")
        self.age_band.setText(resident.age_band.label(lang))
        self.district.setText(resident.district or "—")
        self.consent.setText(date_text(resident.consent_date, lang))
        self.note.setText(resident.note or "—")
        store = self.services.store
        lessons = {lesson.id: lesson for lesson in self.services.catalogue.lessons(lang)}
        entries = group_progress(store.progress_for(resident.id), lessons)
        self._fill_progress(entries)
        self.outcomes.load(resident.id, [(e.lesson_id, e.title) for e in entries])
        self._fill_history(store.resident_sessions(resident.id))

    def _fill_progress(self, entries: list[LessonProgress]) -> None:
        self._progress_holder, box = _new_holder(self._progress_box, self._progress_holder)
        self.progress_bars = {}
        self.progress_marks = {}
        if not entries:
            box.addWidget(label(self.tr("No steps recorded yet."), "muted"))
            return
        for entry in entries:
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
            marks = label(
                self.tr("✓ {done}  △ {help}").format(done=entry.done, help=entry.needs_help)
            )
            marks.setWordWrap(False)
            marks.setAccessibleName(
                self.tr("{done} done, {help} need help").format(
                    done=entry.done, help=entry.needs_help
                )
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
        self._tell_others()

    def _erased(self, _resident_id: str) -> None:
        self._resident = None
        self.refresh()
        self.notice.show_text(self.tr("The resident's record was erased."))
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self._tell_others()

    def _tell_others(self) -> None:
        self.services.data_changed(self)
