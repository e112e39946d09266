"""Who came to a session: find and add residents by name, remove them, count the unnamed.

The session screen creates one AttendeePanel, hands it the session with `load`, and hears
back through `attendees_changed` (the residents, in the order they were added) and
`counts_changed` (the session with its new unnamed counts).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
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
from dxhelper.ui.new_resident import NewResidentDialog
from dxhelper.ui.services import Services
from dxhelper.ui.widgets import InlineMessage, button, error_text, label

SEARCH_HITS = 6


class AttendeePanel(QWidget):
    attendees_changed = Signal(list)  # list[Resident], in the order they were added
    counts_changed = Signal(object)  # the Session with its new unnamed counts

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.session_id: str | None = None
        self.residents: list[Resident] = []
        self._loading = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._build())

    def _build(self) -> QScrollArea:
        inner = QWidget()
        box = QVBoxLayout(inner)
        box.setContentsMargins(0, 0, 8, 0)
        box.addWidget(label(self.tr("Who came"), "heading"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Name or reading, then Enter"))
        self.search.setAccessibleName(self.tr("Find a resident"))
        self.search.setClearButtonEnabled(True)
        box.addWidget(self.search)
        self.hits = QListWidget()
        self.hits.setAccessibleName(self.tr("Matching residents"))
        self.hits.setMaximumHeight(self.fontMetrics().height() * 9)
        self.hits.hide()
        box.addWidget(self.hits)
        self.new_resident_button = button(self.tr("New resident…"), self.new_resident)
        box.addWidget(self.new_resident_button)
        self.attendees = QListWidget()
        self.attendees.setAccessibleName(self.tr("Residents here today"))
        self.attendees.setMinimumHeight(self.fontMetrics().height() * 6)
        box.addWidget(self.attendees, 1)
        self.remove_button = button(
            self.tr("Remove from today"), self._remove_attendee, role="danger"
        )
        box.addWidget(self.remove_button)
        box.addWidget(label(self.tr("Also came (not by name)"), "heading"))
        counts = QGridLayout()
        self.unnamed: dict[AgeBand, QSpinBox] = {}
        for i, band in enumerate(AgeBand):
            spin = QSpinBox()
            spin.setRange(0, 999)
            spin.setAccessibleName(
                self.tr("Unnamed attendees:") + " " + band.label(self.services.lang)
            )
            spin.valueChanged.connect(self._save_counts)
            counts.addWidget(
                label(band.label(self.services.lang), wrap=False, buddy=spin), i // 2, (i % 2) * 2
            )
            counts.addWidget(spin, i // 2, (i % 2) * 2 + 1)
            self.unnamed[band] = spin
        box.addLayout(counts)
        self.message = InlineMessage()
        box.addWidget(self.message)
        self.search.textChanged.connect(self._search)
        self.search.returnPressed.connect(self.add_top_hit)
        self.hits.itemActivated.connect(lambda item: self._add_hit(item))
        self.search.installEventFilter(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        bar = scroll.verticalScrollBar().sizeHint().width()
        scroll.setMinimumWidth(inner.minimumSizeHint().width() + bar + 4)
        return scroll

    # -- the session ---------------------------------------------------------------------------

    def load(self, session: Session | None) -> None:
        """Show this session's attendees and counts (None: nothing, no session running)."""
        self._loading = True
        try:
            self.session_id = session.id if session else None
            store = self.services.store
            self.residents = store.attendees(session.id) if session else []
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

    # -- finding and adding --------------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:
        # Down from the search box moves into the hits, so a volunteer can pick the second one.
        if (
            watched is self.search
            and event.type() == event.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
            and self.hits.count()
        ):
            self.hits.setFocus()
            self.hits.setCurrentRow(0)
            return True
        return super().eventFilter(watched, event)

    def _search(self, text: str) -> None:
        self.hits.clear()
        hits = self.services.store.search_residents(text, limit=SEARCH_HITS) if text.strip() else []
        here = {r.id for r in self.residents}
        for resident in hits:
            item = QListWidgetItem(
                self._resident_text(resident)
                + ("  " + self.tr("(here)") if resident.id in here else "")
            )
            item.setData(Qt.ItemDataRole.UserRole, resident.id)
            self.hits.addItem(item)
        self.hits.setVisible(bool(hits))
        if text.strip() and not hits:
            self.message.show_text(
                self.tr("No one found. Press “New resident…” to add them (with consent).")
            )
            self.message.setProperty("role", "muted")
        else:
            self.message.clear_text()

    def _resident_text(self, resident: Resident) -> str:
        parts = [resident.display_name]
        if resident.nickname:
            parts.append(f"（{resident.nickname}）")
        if resident.kana:
            parts.append(resident.kana)
        parts.append(resident.age_band.label(self.services.lang))
        return "  ".join(parts)

    def add_top_hit(self) -> None:
        """Enter in the search box adds the best match (the one shown first)."""
        if self.hits.count():
            self._add_hit(self.hits.item(0))

    def _add_hit(self, item: QListWidgetItem) -> None:
        self.add_attendee(item.data(Qt.ItemDataRole.UserRole))
        self.search.clear()
        self.search.setFocus()

    def add_attendee(self, resident_id: str) -> None:
        if self.session_id is None:
            return
        try:
            self.services.store.add_attendee(self.session_id, resident_id)
        except DxError as exc:
            self.message.show_text(error_text(exc, self.services.lang))
            return
        self._attendees_changed()

    def _remove_attendee(self) -> None:
        item = self.attendees.currentItem()
        if item is None or self.session_id is None:
            return
        self.services.store.remove_attendee(self.session_id, item.data(Qt.ItemDataRole.UserRole))
        self._attendees_changed()

    def _attendees_changed(self) -> None:
        assert self.session_id is not None
        self.residents = self.services.store.attendees(self.session_id)
        self._show_attendees()
        self.attendees_changed.emit(list(self.residents))

    def _show_attendees(self) -> None:
        self.attendees.clear()
        for resident in self.residents:
            item = QListWidgetItem(self._resident_text(resident))
            item.setData(Qt.ItemDataRole.UserRole, resident.id)
            self.attendees.addItem(item)
        self.remove_button.setEnabled(bool(self.residents))

    def new_resident(self) -> NewResidentDialog:
        dialog = NewResidentDialog(
            self.services.store, self.services.lang, self.search.text().strip(), self
        )
        dialog.accepted.connect(lambda: self._resident_added(dialog))
        dialog.open()
        return dialog

    def _resident_added(self, dialog: NewResidentDialog) -> None:
        if dialog.resident is not None:
            self.add_attendee(dialog.resident.id)
            self.search.clear()

    # -- unnamed attendees ---------------------------------------------------------------------

    def _save_counts(self) -> None:
        if self._loading or self.session_id is None:
            return
        counts = {band: spin.value() for band, spin in self.unnamed.items()}
        try:
            session = self.services.store.set_unnamed_counts(self.session_id, counts)
        except DxError as exc:
            self.message.show_text(error_text(exc, self.services.lang))
            return
        self.counts_changed.emit(session)
