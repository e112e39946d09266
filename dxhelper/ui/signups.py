"""A planned session's sign-ups: who is booked and who waits (in order), adding a resident by
search (or a new one, with consent), taking a sign-up back (and saying who moved up, to be
called), signing up for every date of a series, and the door list and call list to print."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dxhelper.core.errors import DxError
from dxhelper.core.planning import Plan, Signup, SignupResult, SignupStatus
from dxhelper.ui.attendee_hits import HitList
from dxhelper.ui.new_resident import NewResidentDialog
from dxhelper.ui.pdf_actions import PdfActions
from dxhelper.ui.plan_words import plan_title, plan_when
from dxhelper.ui.services import Services
from dxhelper.ui.widgets import (
    ID_ROLE,
    Dialog,
    InlineMessage,
    button,
    button_row,
    error_text,
    label,
)

HIT_LIMIT = 12


class SignupsDialog(Dialog):
    changed = Signal()  # a sign-up was added or taken back

    def __init__(
        self, services: Services, plan_id: str, today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.plan_id = plan_id
        self.today = today
        self.plan: Plan = services.store.planning.get_plan(plan_id)
        self.pdf = PdfActions(services, self)
        self.setWindowTitle(self.tr("Sign-ups"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        metrics = self.fontMetrics()
        self.setMinimumWidth(min(metrics.horizontalAdvance("n" * 96), 1300))
        self._build()
        self.refresh()
        self.search.setFocus()
        screen = self.screen()
        if screen is not None:  # a 768 px laptop at 200 %: the lists shrink, never overlap
            self.setMaximumHeight(screen.availableGeometry().height() - 40)

    def _build(self) -> None:
        lang = self.services.lang
        box = QVBoxLayout(self)
        venues = {v.id: v.name for v in self.services.store.list_venues()}
        self.heading = label(
            f"{plan_title(self.plan, lang)}  {plan_when(self.plan, lang)}  "
            f"{venues.get(self.plan.venue_id, '')}",
            "heading",
        )
        box.addWidget(self.heading)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        box.addLayout(columns, 1)

        find = QVBoxLayout()
        find.addWidget(label(self.tr("Sign someone up"), "heading"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Name or reading, then Enter"))
        self.search.setAccessibleName(self.tr("Find a resident to sign up"))
        self.search.setClearButtonEnabled(True)
        self.new_button = button(self.tr("New resident…"), self.new_resident)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.new_button)
        find.addLayout(search_row)
        self.hits = HitList(lang)
        self.hits.setAccessibleName(self.tr("Matching residents"))
        self.hits.setMinimumHeight(metrics_height(self) * 3)
        find.addWidget(self.hits, 1)
        self.whole_series = QCheckBox(self.tr("Sign up for every date of this series"))
        self.whole_series.setAccessibleName(self.whole_series.text())
        self.whole_series.setVisible(self.plan.series_id is not None)
        find.addWidget(self.whole_series)
        columns.addLayout(find, 1)

        lists = QVBoxLayout()
        self.booked_heading = label("", "heading")
        lists.addWidget(self.booked_heading)
        self.booked = QListWidget()
        self.booked.setAccessibleName(self.tr("Booked"))
        self.booked.setMinimumHeight(metrics_height(self) * 3)
        lists.addWidget(self.booked, 2)
        self.waiting_heading = label("", "heading")
        lists.addWidget(self.waiting_heading)
        self.waiting = QListWidget()
        self.waiting.setAccessibleName(self.tr("Waiting list"))
        self.waiting.setMinimumHeight(metrics_height(self) * 2)
        lists.addWidget(self.waiting, 1)
        self.cancel_button = button(
            self.tr("Take back the chosen sign-up"), self.cancel_current, role="danger"
        )
        columns.addLayout(lists, 1)

        self.message = InlineMessage("ok")
        box.addWidget(self.message)
        self.roster_button = button(self.tr("Print the door list…"), self.print_roster)
        self.call_button = button(self.tr("Print the call list…"), self.print_call_list)
        self.close_button = button(self.tr("Close"), self.accept, role="primary")
        row = QHBoxLayout()
        row.addLayout(button_row(self.cancel_button, self.roster_button, self.call_button), 1)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignBottom)
        box.addLayout(row)

        self.search.textChanged.connect(self._search)
        self.search.returnPressed.connect(self.enter)
        self.search.installEventFilter(self)
        self.hits.itemClicked.connect(lambda item: self._take(self.hits.row(item)))
        for widget in (self.booked, self.waiting):
            widget.itemClicked.connect(self._chosen)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.hits.count():
                self.hits.move_highlight(1 if key == Qt.Key.Key_Down else -1)
                return True
        return super().eventFilter(watched, event)

    # -- the lists --------------------------------------------------------------------------------

    def refresh(self) -> None:
        planning = self.services.store.planning
        self.plan = planning.get_plan(self.plan_id)
        booked = planning.signups(self.plan_id, SignupStatus.BOOKED)
        waiting = planning.signups(self.plan_id, SignupStatus.WAITING)
        free = max(0, self.plan.capacity - len(booked))
        self.booked_heading.setText(
            self.tr("Booked: {booked} of {capacity}").format(
                booked=len(booked), capacity=self.plan.capacity
            )
            + "  "
            + self.tr("%n places free.", "", free)
        )
        self.waiting_heading.setText(self.tr("Waiting list: %n", "", len(waiting)))
        _fill(self.booked, [(s, f"{n}.  {_who(s)}") for n, s in enumerate(booked, start=1)])
        _fill(
            self.waiting,
            [(s, self.tr("Waiting {n}.").format(n=s.position) + "  " + _who(s)) for s in waiting],
        )
        self.cancel_button.setEnabled(False)

    def _chosen(self, item: QListWidgetItem) -> None:
        other = self.waiting if item.listWidget() is self.booked else self.booked
        other.clearSelection()
        other.setCurrentRow(-1)
        self.cancel_button.setEnabled(True)

    def names(self, status: SignupStatus) -> list[str]:
        return [s.display_name for s in self.services.store.planning.signups(self.plan_id, status)]

    # -- signing up -------------------------------------------------------------------------------

    def _search(self, text: str) -> None:
        query = text.strip()
        store = self.services.store
        hits = store.search_attendees(query, self.plan.session_id or "", HIT_LIMIT) if query else []
        signed = {
            s.resident_id
            for s in store.planning.signups(self.plan_id)
            if s.status is not SignupStatus.CANCELLED
        }
        # "already here" means already signed up for this date
        self.hits.show_hits(
            [dataclasses.replace(h, present=h.resident.id in signed) for h in hits], self.today
        )
        if query and not hits:
            self._say(self.tr("No one found. Press “New resident…” to add them (with consent)."))
        else:
            self.message.clear_text()

    def enter(self) -> None:
        if not self.hits.count():
            return
        row = self.hits.highlighted()
        if row >= 0:
            self._take(row)
        elif self.hits.count() == 1:
            self._take(0)
        else:
            self.hits.highlight(0)
            self._say(self.tr("%n people match: choose with ↑↓, then Enter", "", self.hits.count()))

    def _take(self, row: int) -> None:
        if 0 <= row < len(self.hits.hits):
            self.sign_up(self.hits.hits[row].resident.id)

    def sign_up(self, resident_id: str) -> SignupResult | None:
        """Book (or put on the waiting list) this date, or every date of the series."""
        planning = self.services.store.planning
        try:
            if self.whole_series.isChecked() and self.plan.series_id:
                results = planning.sign_up_series(self.plan.series_id, resident_id, self.plan.date)
                result = next(
                    (r for r in results if r.signup and r.signup.plan_id == self.plan_id), None
                )
                dates = len(results)
            else:
                result, dates = planning.sign_up(self.plan_id, resident_id), 1
        except DxError as exc:
            self._say(error_text(exc, self.services.lang), "error")
            return None
        self.search.clear()
        self.search.setFocus()
        self.refresh()
        signup = result.signup if result else None
        name = self.services.store.get_resident(resident_id).display_name
        if signup is not None and signup.status is SignupStatus.WAITING:
            text = self.tr("{name} is on the waiting list (number {n}).").format(
                name=name, n=signup.position
            )
        else:
            text = self.tr("{name} is booked.").format(name=name)
        if dates > 1:
            text += " " + self.tr("Signed up for %n dates of the series.", "", dates)
        self._say(text)
        self.changed.emit()
        self.services.data_changed(None)
        return result

    def new_resident(self) -> NewResidentDialog:
        dialog = NewResidentDialog(
            self.services.store, self.services.lang, self.search.text().strip(), self
        )
        dialog.accepted.connect(
            lambda: dialog.resident is not None and self.sign_up(dialog.resident.id)
        )
        dialog.open()
        return dialog

    # -- taking back -------------------------------------------------------------------------------

    def current_signup(self) -> Signup | None:
        for widget in (self.booked, self.waiting):
            item = widget.currentItem()
            if item is not None and item.isSelected():
                return item.data(ID_ROLE)
        return None

    def cancel_current(self) -> SignupResult | None:
        signup = self.current_signup()
        if signup is None:
            return None
        return self.cancel(signup.resident_id)

    def cancel(self, resident_id: str) -> SignupResult | None:
        planning = self.services.store.planning
        try:
            result = planning.cancel_signup(self.plan_id, resident_id)
        except DxError as exc:
            self._say(error_text(exc, self.services.lang), "error")
            return None
        self.refresh()
        name = self.services.store.get_resident(resident_id).display_name
        text = self.tr("{name}'s sign-up was taken back.").format(name=name)
        for moved in result.moved_up:
            phone = planning.phone(moved.resident_id)
            if phone:
                text += " " + self.tr(
                    "{name} moved up from the waiting list and is now booked: "
                    "please call them on {phone}."
                ).format(name=moved.display_name, phone=phone)
            else:
                text += " " + self.tr(
                    "{name} moved up from the waiting list and is now booked: "
                    "please let them know (no phone number kept)."
                ).format(name=moved.display_name)
        self._say(text)
        self.fit_height()
        self.changed.emit()
        self.services.data_changed(None)
        return result

    def _say(self, text: str, role: str = "ok") -> None:
        if self.message.property("role") != role:
            self.message.setProperty("role", role)
            self.message.style().unpolish(self.message)
            self.message.style().polish(self.message)
        self.message.show_text(text)

    # -- printing ---------------------------------------------------------------------------------

    def print_roster(self) -> None:
        from dxhelper.handouts.planned_lists import door_list_pdf, plan_door_list

        lang = self.services.lang
        door = plan_door_list(self.services.store, self.plan_id, lang)
        options = self.services.handout_options()
        self.pdf.preview(lambda: door_list_pdf(door, lang, options), self.tr("Door list"))

    def print_call_list(self) -> None:
        from dxhelper.handouts.planned_lists import call_list_pdf, plan_call_list

        lang = self.services.lang
        calls = plan_call_list(self.services.store, self.plan_id, lang)
        options = self.services.handout_options()
        self.pdf.preview(lambda: call_list_pdf(calls, lang, options), self.tr("Call list"))


def metrics_height(widget: QWidget) -> int:
    return round(widget.fontMetrics().height() * 1.5)


def _who(signup: Signup) -> str:
    return f"{signup.display_name}  {signup.kana}".strip()


def _fill(widget: QListWidget, rows: list[tuple[Signup, str]]) -> None:
    widget.clear()
    for signup, text in rows:
        item = QListWidgetItem(text)
        item.setData(ID_ROLE, signup)
        item.setToolTip(text)
        widget.addItem(item)
