"""Who did the work (issue 17 §1): the session's volunteers, each with a role, on one line.

Each volunteer is a chip: the name, a role picker (講師 / アシスタント / 受付) and "Remove".
"Add a volunteer" opens a short list of the volunteers on record (one click adds that
person) and "New name…", which shows a name field in place. Whoever started the session is
its 講師 already; someone added later helps (アシスタント), unless nobody teaches yet.

For a class (講習会) the programme's guideline — one 講師 or アシスタント for every four
learners — is checked as the team and the attendees change, and said as a calm notice under
the line while it is not met. Every change is saved at once through the Store; a refusal (the
last volunteer, a name the privacy guard stops) is said in place.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from dxhelper.core.errors import DxError
from dxhelper.core.fields import max_length
from dxhelper.core.models import SessionKind, SessionVolunteer, VolunteerRole, staffing_warning
from dxhelper.ui.services import Services
from dxhelper.ui.style import HELP, LINE
from dxhelper.ui.widgets import (
    FlowLayout,
    InlineMessage,
    SteadyLabel,
    button,
    error_text,
    label,
)

NOTICE_STYLE = (
    "QLabel#staffingNotice {{ color: #4d2f00; background: #fff4d6; border: 2px solid {help};"
    " border-radius: 4px; padding: {pad}px; }}"
)
CHIP_STYLE = (
    "QFrame#teamChip {{ background: white; border: 2px solid {line}; border-radius: {radius}px; }}"
)


class _WheelGuard(QObject):
    """A role changes only on purpose: the wheel turns a picker only once it has the focus."""

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Wheel and not watched.hasFocus():
            event.ignore()
            return True
        return False


class TeamChip(QFrame):
    """One volunteer of the session: name, role picker, Remove."""

    def __init__(self, member: SessionVolunteer, lang: str, guard: QObject) -> None:
        super().__init__()
        self.member = member
        self.setObjectName("teamChip")
        metrics = self.fontMetrics()
        self.setStyleSheet(CHIP_STYLE.format(line=LINE, radius=max(4, metrics.height() // 3)))
        row = QHBoxLayout(self)
        gap = max(3, metrics.height() // 5)
        row.setContentsMargins(gap * 2, 2, 2, 2)  # compact: the grid needs the height
        row.setSpacing(gap)
        self.name = label(member.display_name, wrap=False)
        self.role = QComboBox()
        for role in VolunteerRole:
            self.role.addItem(role.label(lang), role)
        self.role.setCurrentIndex(self.role.findData(member.role))
        self.role.setAccessibleName(self.tr("Role of {name}").format(name=member.display_name))
        self.role.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.role.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.role.installEventFilter(guard)
        self.remove = button(
            self.tr("Remove"),
            accessible=self.tr("Remove {name} from this session").format(name=member.display_name),
        )
        row.addWidget(self.name)
        row.addWidget(self.role)
        row.addWidget(self.remove)

    def text(self) -> str:
        """As said aloud and in tests: 青木（講師）."""
        return f"{self.member.display_name}（{self.role.currentText()}）"


class SessionTeam(QWidget):
    """The team line under the session's header, with the staffing notice for classes."""

    changed = Signal()  # the team changed (reports count volunteers by role)

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.session_id: str | None = None
        self.team: list[SessionVolunteer] = []
        self.chips: list[TeamChip] = []
        self.kind: SessionKind | None = None
        self.learners = 0
        self.locked = False
        self._guard = _WheelGuard(self)
        self._build()

    # -- build ---------------------------------------------------------------------------------

    def _build(self) -> None:
        metrics = self.fontMetrics()
        self.caption = label(self.tr("Volunteers:"), wrap=False)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.add_button = button(
            "＋ " + self.tr("Add a volunteer"),
            self.show_add_menu,
            accessible=self.tr("Add a volunteer"),
            tip=self.tr("Someone who helped at this session: an assistant or at reception"),
        )
        self.add_menu = QMenu(self)
        self.add_menu.setAccessibleName(self.tr("Volunteers to add"))
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(self.tr("Name of the volunteer"))
        self.new_name.setAccessibleName(self.tr("Name of the volunteer to add"))
        self.new_name.setMaxLength(max_length("volunteer_name"))
        self.new_name.setMinimumWidth(metrics.horizontalAdvance("M") * 10)
        self.new_name.returnPressed.connect(self.add_new_name)
        self.new_name_button = button(
            self.tr("Add"), self.add_new_name, accessible=self.tr("Add this name")
        )
        for widget in (self.new_name, self.new_name_button):
            widget.hide()

        self.row = FlowLayout(gap=metrics.height() // 2)
        self.message = InlineMessage()
        self.notice = SteadyLabel("")  # its figures change at each arrival
        self.notice.label.setObjectName("staffingNotice")
        self.notice.label.setStyleSheet(
            NOTICE_STYLE.format(help=HELP, pad=max(4, metrics.height() // 4))
        )
        self.notice.setAccessibleName(self.tr("Staffing guideline"))
        self.notice.hide()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(max(4, metrics.height() // 4))
        box.addLayout(self.row)
        box.addWidget(self.message)
        box.addWidget(self.notice)
        self._fill_row()

    def _fill_row(self) -> None:
        """The caption, one chip per volunteer, then the way to add someone."""
        while self.row.count():
            item = self.row.takeAt(0)
            widget = item.widget()
            if isinstance(widget, TeamChip):
                widget.hide()
                widget.deleteLater()
        self.chips = []
        self.row.addWidget(self.caption)
        for member in self.team:
            chip = TeamChip(member, self.services.lang, self._guard)
            chip.setParent(self)
            chip.role.currentIndexChanged.connect(
                lambda _i, c=chip: self.set_role(c.member.volunteer_id, c.role.currentData())
            )
            chip.remove.clicked.connect(
                lambda _checked=False, c=chip: self.remove(c.member.volunteer_id)
            )
            chip.setEnabled(not self.locked)
            chip.show()
            self.chips.append(chip)
            self.row.addWidget(chip)
        # The caption sits level with the chips (or the button when nobody is shown).
        beside = self.chips[0] if self.chips else self.add_button
        self.caption.setMinimumHeight(beside.sizeHint().height())
        for widget in (self.add_button, self.new_name, self.new_name_button):
            self.row.addWidget(widget)
        self.row.invalidate()
        self.updateGeometry()

    # -- showing -------------------------------------------------------------------------------

    def load(self, session_id: str | None) -> None:
        self.session_id = session_id
        self.team = self.services.store.session_team(session_id) if session_id else []
        self.new_name.clear()
        self.new_name.hide()
        self.new_name_button.hide()
        self.message.clear_text()
        self._fill_row()
        self._show_notice()

    def refresh(self) -> None:
        """Records changed elsewhere (a volunteer renamed, an import): show the team as stored."""
        if self.session_id is None:
            return
        team = self.services.store.session_team(self.session_id)
        if team != self.team:
            self.team = team
            self._fill_row()
            self._show_notice()

    def set_locked(self, locked: bool) -> None:
        """An ended session not yet opened for correction: shown, not changed."""
        self.locked = locked
        for chip in self.chips:
            chip.setEnabled(not locked)
        for widget in (self.add_button, self.new_name, self.new_name_button):
            widget.setEnabled(not locked)

    def show_staffing(self, kind: SessionKind | None, learners: int) -> None:
        """The session's kind and how many learners came (named and counted)."""
        self.kind, self.learners = kind, learners
        self._show_notice()

    def _show_notice(self) -> None:
        warning = None
        if self.session_id and self.kind is SessionKind.CLASS:
            warning = staffing_warning(self.learners, [m.role for m in self.team])
        if warning is None:
            self.notice.clear()
            self.notice.hide()
        else:
            self.notice.setText(warning[1 if self.services.lang == "en" else 0])
            self.notice.show()

    def chip_texts(self) -> list[str]:
        return [chip.text() for chip in self.chips]

    def chip(self, volunteer_id: str) -> TeamChip | None:
        return next((c for c in self.chips if c.member.volunteer_id == volunteer_id), None)

    # -- changing ------------------------------------------------------------------------------

    def _changed_to(self, team: list[SessionVolunteer], focus: str | None = None) -> None:
        self.team = team
        self.message.clear_text()
        self._fill_row()
        self._show_notice()
        chip = self.chip(focus) if focus else None
        if chip is not None:
            chip.role.setFocus()
        self.changed.emit()

    def set_role(self, volunteer_id: str, role: VolunteerRole) -> None:
        if self.session_id is None:
            return
        current = next((m for m in self.team if m.volunteer_id == volunteer_id), None)
        if current is None or current.role == role:
            return
        try:
            team = self.services.store.set_session_volunteer(self.session_id, volunteer_id, role)
        except DxError as exc:
            self.message.show_text(error_text(exc, self.services.lang))
            chip = self.chip(volunteer_id)
            if chip is not None:  # back to what is stored
                chip.role.blockSignals(True)
                chip.role.setCurrentIndex(chip.role.findData(current.role))
                chip.role.blockSignals(False)
            return
        self._changed_to(team, focus=volunteer_id)

    def remove(self, volunteer_id: str) -> None:
        if self.session_id is None:
            return
        try:
            team = self.services.store.remove_session_volunteer(self.session_id, volunteer_id)
        except DxError as exc:  # the last one stays: said here, nothing changes
            self.message.show_text(error_text(exc, self.services.lang))
            return
        self._changed_to(team)
        self.add_button.setFocus()

    def _role_for_newcomer(self) -> VolunteerRole:
        if any(m.role is VolunteerRole.LEAD for m in self.team):
            return VolunteerRole.ASSISTANT
        return VolunteerRole.LEAD

    def add(self, volunteer_id: str, role: VolunteerRole | None = None) -> None:
        """Put a volunteer on the team (an assistant, or 講師 when nobody teaches yet)."""
        if self.session_id is None:
            return
        try:
            team = self.services.store.set_session_volunteer(
                self.session_id, volunteer_id, role or self._role_for_newcomer()
            )
        except DxError as exc:
            self.message.show_text(error_text(exc, self.services.lang))
            return
        self.new_name.clear()
        self.new_name.hide()
        self.new_name_button.hide()
        self._changed_to(team, focus=volunteer_id)

    def candidates(self) -> list[tuple[str, str]]:
        """(id, name) of the volunteers on record not on the team, one per name."""
        on_team = {m.volunteer_id for m in self.team} | {m.display_name for m in self.team}
        seen: set[str] = set()
        found = []
        for volunteer in self.services.store.list_volunteers():
            name = volunteer.display_name
            if volunteer.id in on_team or name in on_team or name in seen:
                continue
            seen.add(name)
            found.append((volunteer.id, name))
        return found

    def show_add_menu(self) -> QMenu:
        """The volunteers on record (one click adds), then "New name…". Not blocking."""
        menu = self.add_menu
        menu.clear()
        for volunteer_id, name in self.candidates():
            action = menu.addAction(name)
            action.triggered.connect(lambda _checked=False, v=volunteer_id: self.add(v))
        if menu.actions():
            menu.addSeparator()
        self.new_name_action = menu.addAction(self.tr("New name…"), self.ask_new_name)
        menu.popup(self.add_button.mapToGlobal(QPoint(0, self.add_button.height())))
        return menu

    def ask_new_name(self) -> None:
        self.new_name.show()
        self.new_name_button.show()
        self.row.invalidate()
        self.new_name.setFocus()

    def add_new_name(self) -> None:
        """A name typed in: someone already on record is added as they are; a new name is
        written to the volunteers first (the Store's privacy guard checks it)."""
        name = " ".join(self.new_name.text().split())
        if not name:
            self.new_name.setFocus()
            return
        store = self.services.store
        known = next((v for v in store.list_volunteers() if v.display_name == name), None)
        if known is None:
            try:
                known = store.add_volunteer(name)
            except DxError as exc:
                self.message.show_text(error_text(exc, self.services.lang))
                self.new_name.setFocus()
                return
        self.add(known.id)
