"""Who came to a session: find and add residents by name, remove them, count the unnamed.

Enter adds someone only when it is plain who is meant: the one match not here yet, or the row
the volunteer highlighted with ↑/↓. With several matches Enter highlights the first and says
how many there are; a second Enter adds that one. While something is typed the matches take
the place of the attendee list; once someone is added the search box is empty again and the
list shows them chosen.

The session screen creates one AttendeePanel, hands it the session with `load`, and hears
back through `attendees_changed` (the residents, in the order they were added) and
`counts_changed` (the session with its new unnamed counts).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dxhelper.core.errors import DxError
from dxhelper.core.models import AgeBand, Resident, Session
from dxhelper.core.planning import SignupStatus
from dxhelper.ui.attendee_hits import NUMBERED_ROWS, HitList, resident_words
from dxhelper.ui.booked_list import BookedTickList
from dxhelper.ui.last_attendees import LastAttendeesDialog
from dxhelper.ui.new_resident import NewResidentDialog
from dxhelper.ui.services import Services
from dxhelper.ui.widgets import ID_ROLE, InlineMessage, button, button_row, error_text, label

HIT_LIMIT = 20  # the list scrolls; more than this and typing one more letter is quicker
# A row's number typed after the name adds that row, as an IME's candidates are chosen; the
# digit may come half- or full-width.
ROW_DIGITS = {**{str(n): n for n in range(1, 10)}, **{chr(0xFF10 + n): n for n in range(1, 10)}}


class AttendeePanel(QWidget):
    attendees_changed = Signal(list)  # list[Resident], in the order they were added
    counts_changed = Signal(object)  # the Session with its new unnamed counts

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.session_id: str | None = None
        self.residents: list[Resident] = []
        self.removed: list[str] = []  # resident ids taken off this session, last one last
        self.more_than_shown = False  # the search found more people than the list shows
        self._query = ""  # what the hits shown were found for
        self._loading = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._build())
        self._set_searching(False)

    def _build(self) -> QScrollArea:
        lang = self.services.lang
        inner = QWidget()
        box = QVBoxLayout(inner)
        box.setContentsMargins(0, 0, 8, 0)
        self.heading = label(self.tr("Who came"), "heading")
        box.addWidget(self.heading)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Name or reading, then Enter"))
        self.search.setAccessibleName(self.tr("Find a resident"))
        self.search.setClearButtonEnabled(True)
        box.addWidget(self.search)
        self.message = InlineMessage()
        box.addWidget(self.message)
        # A planned session: its booked residents, one click (or Space) per arrival.
        self.booked_section = QWidget()
        booked = QVBoxLayout(self.booked_section)
        booked.setContentsMargins(0, 0, 0, 0)
        self.booked_heading = label(self.tr("Signed up: click or press Space as each arrives"))
        booked.addWidget(self.booked_heading)
        # The count has a fixed size: a tick changes its text without laying out the screen.
        self.booked_count = label("", "heading", wrap=False)
        self.booked_count.setFixedSize(
            self.booked_count.sizeHint().expandedTo(
                self.booked_count.fontMetrics()
                .boundingRect(self.tr("{arrived} of {booked} here").format(arrived=888, booked=888))
                .size()
                .grownBy(self.booked_count.contentsMargins())
            )
        )
        booked.addWidget(self.booked_count)
        self.booked = BookedTickList()
        self.booked.setAccessibleName(self.tr("Signed up: click or press Space as each arrives"))
        self.booked.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        self.booked.toggled.connect(self._booked_toggled)
        booked.addWidget(self.booked, 2)
        self.booked_section.hide()
        box.addWidget(self.booked_section, 2)
        self.signups: list = []  # the plan's booked sign-ups (none: not a planned session)
        self.hits = HitList(lang)
        self.hits.setAccessibleName(self.tr("Matching residents"))
        self.hits.setMinimumHeight(self.fontMetrics().lineSpacing() * 7)
        box.addWidget(self.hits, 1)

        self.new_resident_button = button(self.tr("New resident…"), self.new_resident)
        self.last_time_button = button(
            self.tr("Last time's people…"),
            self.bring_back,
            tip=self.tr("Who came to the last sessions of this kind here: tick and add them"),
        )
        box.addLayout(button_row(self.new_resident_button, self.last_time_button))

        self.list_section = QWidget()
        section = QVBoxLayout(self.list_section)
        section.setContentsMargins(0, 0, 0, 0)
        self.attendees = QListWidget()
        self.attendees.setAccessibleName(self.tr("Residents here today"))
        self.attendees.setMinimumHeight(self.fontMetrics().height() * 6)
        self.attendees.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.attendees.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.attendees.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        section.addWidget(self.attendees, 1)
        self.remove_button = button(
            self.tr("Remove from today"), self.remove_current, role="danger"
        )
        self.undo_button = button(
            self.tr("Undo removal"),
            self.undo_removal,
            tip=self.tr("Put the person just removed back on today's list (Ctrl+Z)"),
        )
        section.addLayout(button_row(self.remove_button, self.undo_button))
        section.addWidget(label(self.tr("Also came (not by name)"), "heading"))
        counts = QGridLayout()
        self.unnamed: dict[AgeBand, QSpinBox] = {}
        for i, band in enumerate(AgeBand):
            spin = QSpinBox()
            spin.setRange(0, 999)
            spin.setAccessibleName(self.tr("Unnamed attendees:") + " " + band.label(lang))
            spin.valueChanged.connect(self._save_counts)
            counts.addWidget(label(band.label(lang), wrap=False, buddy=spin), i // 2, (i % 2) * 2)
            counts.addWidget(spin, i // 2, (i % 2) * 2 + 1)
            self.unnamed[band] = spin
        section.addLayout(counts)
        box.addWidget(self.list_section, 1)
        box.addStretch(0)  # takes the room when neither list is shown (no one found)

        self.search.textChanged.connect(self._search)
        self.search.returnPressed.connect(self.enter)
        self.hits.itemActivated.connect(lambda item: self._take(self.hits.row(item)))
        self.search.installEventFilter(self)
        self.attendees.installEventFilter(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        bar = scroll.verticalScrollBar().sizeHint().width()
        scroll.setMinimumWidth(inner.minimumSizeHint().width() + bar + 4)
        self.scroll = scroll
        return scroll

    def full_height(self) -> int:
        """The height at which the panel's own scroll area has nothing to scroll."""
        inner = self.scroll.widget()
        inner.layout().activate()
        width = self.scroll.viewport().width() or inner.width()
        needed = max(inner.minimumSizeHint().height(), inner.heightForWidth(width))
        return needed + 2 * self.scroll.frameWidth()

    # -- the session ---------------------------------------------------------------------------

    def load(self, session: Session | None) -> None:
        """Show this session's attendees and counts (None: nothing, no session running)."""
        self._loading = True
        try:
            self.session_id = session.id if session else None
            store = self.services.store
            self.residents = store.attendees(session.id) if session else []
            self.removed = []
            plan = store.planning.plan_of_session(session.id) if session else None
            self.signups = store.planning.signups(plan.id, SignupStatus.BOOKED) if plan else []
            self.booked.clear()
            for band, spin in self.unnamed.items():
                spin.setValue(session.unnamed.get(band, 0) if session else 0)
            self.search.clear()
            self._show_attendees()
            self.message.clear_text()
        finally:
            self._loading = False

    def focus_search(self) -> None:
        self.search.setFocus()

    def current_row(self) -> int:
        """The row chosen in the attendee list (-1: none)."""
        return self.attendees.currentRow()

    # -- keys ----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.search and kind == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.hits.count():
                self.hits.move_highlight(1 if key == Qt.Key.Key_Down else -1)
                return True
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
        if watched is self.attendees and kind in (
            QEvent.Type.ShortcutOverride,
            QEvent.Type.KeyPress,
        ):
            # Ctrl+Z here puts back the last person removed (not a tick in the grid).
            if event.matches(QKeySequence.StandardKey.Undo):  # type: ignore[attr-defined]
                if kind == QEvent.Type.KeyPress:
                    self.undo_removal()
                event.accept()
                return kind == QEvent.Type.KeyPress
            if kind == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Delete:  # type: ignore[attr-defined]
                self.remove_current()
                return True
        return super().eventFilter(watched, event)

    # -- finding -------------------------------------------------------------------------------

    def _set_searching(self, searching: bool) -> None:
        """The matches while something is typed, the attendee list otherwise."""
        self.hits.setVisible(searching and bool(self.hits.count()))
        self.booked_section.setVisible(bool(self.signups) and not searching)
        self.list_section.setVisible(not searching)
        self.last_time_button.setVisible(not searching)

    def _search(self, text: str) -> None:
        number = ROW_DIGITS.get(text[-1:])
        if number is not None and self.hits.count() and text[:-1].strip() == self._query:
            self.search.blockSignals(True)  # the digit chose a row; it is not part of a name
            self.search.setText(text[:-1])
            self.search.blockSignals(False)
            if number <= min(self.hits.count(), NUMBERED_ROWS):
                self._take(number - 1)
            return
        query = text.strip()
        self._query = query
        hits = (
            self.services.store.search_attendees(query, self.session_id, limit=HIT_LIMIT + 1)
            if query and self.session_id is not None
            else []
        )
        self.more_than_shown = len(hits) > HIT_LIMIT
        self.hits.show_hits(hits[:HIT_LIMIT])
        self._set_searching(bool(query))
        if query and not hits:
            self._say(
                self.tr("No one found. Press “New resident…” to add them (with consent)."),
                "muted",
            )
        else:
            self.message.clear_text()

    def _say(self, text: str, role: str = "error") -> None:
        if self.message.property("role") != role:
            self.message.setProperty("role", role)
            self.message.style().unpolish(self.message)
            self.message.style().polish(self.message)
        self.message.show_text(text)

    def enter(self) -> None:
        """Enter in the search box: add the highlighted row, or the one match not here yet;
        with several, highlight the first and say how many match."""
        if not self.search.text().strip() or not self.hits.count():
            return
        row = self.hits.highlighted()
        if row >= 0:
            self._take(row)
            return
        waiting = [i for i, hit in enumerate(self.hits.hits) if not hit.present]
        if len(waiting) == 1:
            self._take(waiting[0])
        elif not waiting and self.hits.count() == 1:
            self._take(0)  # says they are here already
        elif not waiting:
            self.hits.highlight(0)
            self._say(self.tr("Everyone who matches is already on today's list."), "muted")
        else:
            self.hits.highlight(waiting[0])
            if self.more_than_shown:
                text = self.tr(
                    "More than %n people match: type more, or choose with ↑↓ and Enter",
                    "",
                    HIT_LIMIT,
                )
            else:
                text = self.tr(
                    "%n people match: type the row's number, or choose with ↑↓, then Enter",
                    "",
                    len(waiting),
                )
            self._say(text, "muted")

    def _take(self, row: int) -> None:
        if 0 <= row < len(self.hits.hits):
            self.add_attendee(self.hits.hits[row].resident.id)
            self.search.setFocus()  # the next name can be typed at once

    # -- adding and removing -------------------------------------------------------------------

    def add_attendee(self, resident_id: str) -> bool:
        """Add one resident; the search box empties and keeps the focus, the list shows them.
        Someone already here is not added again: the list shows them and says so."""
        if self.session_id is None:
            return False
        here = next((r for r in self.residents if r.id == resident_id), None)
        if here is not None:
            self.search.clear()
            self._select(resident_id)
            self._say(
                self.tr("{name} is already on today's list.").format(name=here.display_name),
                "muted",
            )
            return False
        try:
            self.services.store.add_attendee(self.session_id, resident_id)
        except DxError as exc:
            self._say(error_text(exc, self.services.lang))
            return False
        self.search.clear()
        self._attendees_changed()
        self._select(resident_id)
        name = self.services.store.get_resident(resident_id).display_name
        self._say(self.tr("{name} is on today's list.").format(name=name), "ok")
        return True

    def add_many(self, resident_ids: list[str]) -> int:
        """Add several at once (last time's people); returns how many were added."""
        if self.session_id is None or not resident_ids:
            return 0
        here = {r.id for r in self.residents}
        added, failed = 0, None
        for resident_id in resident_ids:
            if resident_id in here:
                continue
            try:
                self.services.store.add_attendee(self.session_id, resident_id)
                added += 1
            except DxError as exc:
                failed = failed or exc
        self.search.clear()
        self._attendees_changed()
        if failed is not None:
            self._say(error_text(failed, self.services.lang))
        else:
            self._say(self.tr("%n added to today's list.", "", added), "ok")
        return added

    def remove_current(self) -> None:
        item = self.attendees.currentItem()
        if item is None or self.session_id is None:
            return
        resident_id = item.data(ID_ROLE)
        name = next((r.display_name for r in self.residents if r.id == resident_id), "")
        try:
            self.services.store.remove_attendee(self.session_id, resident_id)
        except DxError as exc:
            self._say(error_text(exc, self.services.lang))
            return
        self.removed.append(resident_id)
        self._attendees_changed()
        self.attendees.setCurrentRow(-1)  # a second press removes no one by mistake
        self._say(
            self.tr("{name} was removed. “Undo removal” puts them back.").format(name=name), "muted"
        )

    def undo_removal(self) -> None:
        """Put back the last person removed (the same resident, added again)."""
        here = {r.id for r in self.residents}
        while self.removed and self.removed[-1] in here:
            self.removed.pop()  # added again by hand meanwhile
        if not self.removed:
            self._show_attendees()
            return
        resident_id = self.removed.pop()
        self.add_attendee(resident_id)

    def _attendees_changed(self) -> None:
        assert self.session_id is not None
        self.residents = self.services.store.attendees(self.session_id)
        self._show_attendees()
        self.attendees_changed.emit(list(self.residents))

    def _show_attendees(self) -> None:
        self.attendees.clear()
        for resident in self.residents:
            text = "  ".join(resident_words(resident, self.services.lang))
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, resident.id)
            item.setToolTip(text)
            self.attendees.addItem(item)
        self.remove_button.setEnabled(bool(self.residents))
        here = {r.id for r in self.residents}
        self.undo_button.setVisible(any(i not in here for i in self.removed))
        self._show_booked(here)

    # -- the plan's booked residents -----------------------------------------------------------

    def _show_booked(self, here: set[str]) -> None:
        if not self.signups:
            self.booked.clear()
            self.booked_section.hide()
            return
        if self.booked.count() != len(self.signups):
            self.booked.show_signups(self.signups, here)
        else:
            self.booked.mark(here)
        arrived = sum(1 for s in self.signups if s.resident_id in here)
        count = self.tr("{arrived} of {booked} here").format(
            arrived=arrived, booked=len(self.signups)
        )
        self.booked_count.setText(count)
        self.booked_count.setAccessibleName(count)
        self.booked_section.setVisible(not self.search.text().strip())

    def _booked_toggled(self, resident_id: str, here: bool) -> None:
        """One arrival ticked (added to today's list) or unticked (taken off)."""
        if self.session_id is None:
            return
        store = self.services.store
        try:
            if here:
                store.add_attendee(self.session_id, resident_id)
            else:
                store.remove_attendee(self.session_id, resident_id)
        except DxError as exc:
            self._say(error_text(exc, self.services.lang))
            return
        # The tick and the count say it; a message would lay the screen out again each time.
        if self.message.isVisible():
            self.message.clear_text()
        self._attendees_changed()

    def _select(self, resident_id: str) -> None:
        for row in range(self.attendees.count()):
            item = self.attendees.item(row)
            if item.data(ID_ROLE) == resident_id:
                self.attendees.setCurrentItem(item)
                self.attendees.scrollToItem(item)
                return

    # -- new residents and last time's people --------------------------------------------------

    def new_resident(self) -> NewResidentDialog:
        """The new-resident form, with what was typed in the name or the reading field."""
        dialog = NewResidentDialog(
            self.services.store, self.services.lang, self.search.text().strip(), self
        )
        dialog.accepted.connect(lambda: self._resident_added(dialog))
        dialog.open()
        return dialog

    def _resident_added(self, dialog: NewResidentDialog) -> None:
        if dialog.resident is not None:
            self.add_attendee(dialog.resident.id)
            self.search.setFocus()

    def bring_back(self) -> LastAttendeesDialog | None:
        """Tick who came back of the people at the last sessions of this kind here."""
        if self.session_id is None:
            return None
        store = self.services.store
        session = store.get_session(self.session_id)
        people = store.last_attendees(session.venue_id, session.kind, but=session.id)
        if not people:
            self._say(
                self.tr("No one came by name to the last sessions of this kind here."), "muted"
            )
            return None
        here = {r.id for r in self.residents}
        dialog = LastAttendeesDialog(people, here, self.services.lang, self)
        dialog.accepted.connect(lambda: self.add_many(dialog.chosen()))
        dialog.open()
        return dialog

    # -- unnamed attendees ---------------------------------------------------------------------

    def _save_counts(self) -> None:
        if self._loading or self.session_id is None:
            return
        counts = {band: spin.value() for band, spin in self.unnamed.items()}
        try:
            session = self.services.store.set_unnamed_counts(self.session_id, counts)
        except DxError as exc:
            self._say(error_text(exc, self.services.lang))
            return
        self.counts_changed.emit(session)
