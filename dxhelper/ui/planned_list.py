"""Today's and the next planned sessions, on the Today screen: when, what, where, how many
are booked and waiting (a cancelled date marked); "Start" for today's, "Sign-ups…" for each,
and "Plan a session…"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from dxhelper.core.errors import DxError
from dxhelper.core.planning import Plan, PlanStatus
from dxhelper.ui.plan_words import plan_title, plan_when
from dxhelper.ui.services import Services
from dxhelper.ui.widgets import button, label, show_error

SHOWN = 4  # today's and the next few; the sign-ups dialog reaches the rest of a series


class PlannedList(QWidget):
    session_opened = Signal(str)  # a plan started (or resumed): show its session
    signups_opened = Signal(object)  # the SignupsDialog, once open (tests)

    def __init__(self, services: Services, today: Callable[[], dt.date]) -> None:
        super().__init__()
        self.services = services
        self.today = today
        self.plans: list[Plan] = []
        self.rows: dict[str, QWidget] = {}
        self.start_buttons: dict[str, QWidget] = {}
        self.signup_buttons: dict[str, QWidget] = {}
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(label(self.tr("Planned sessions"), "heading", wrap=False))
        heading.addStretch(1)
        self.plan_button = button(self.tr("Plan a session…"), self.plan_session)
        heading.addWidget(self.plan_button)
        box.addLayout(heading)
        self.empty = label(self.tr("Nothing planned yet."), "muted")
        box.addWidget(self.empty)
        self.list_box = QVBoxLayout()
        self.list_box.setSpacing(6)
        box.addLayout(self.list_box)

    def refresh(self) -> None:
        while self.list_box.count():
            item = self.list_box.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.rows, self.start_buttons, self.signup_buttons = {}, {}, {}
        self.plans = self.services.store.planning.upcoming(self.today(), SHOWN)
        venues = {v.id: v.name for v in self.services.store.list_venues()}
        for plan in self.plans:
            row = self._row(plan, venues.get(plan.venue_id, ""))
            self.rows[plan.id] = row
            self.list_box.addWidget(row)
        self.empty.setVisible(not self.plans)

    def describe(self, plan: Plan, venue: str) -> str:
        lang = self.services.lang
        words = [plan_when(plan, lang), plan_title(plan, lang), venue]
        if plan.status is PlanStatus.CANCELLED:
            words.append(self.tr("(cancelled: no class this day)"))
        else:
            words.append(
                self.tr("booked {booked}/{capacity}").format(
                    booked=plan.booked, capacity=plan.capacity
                )
            )
            if plan.waiting:
                words.append(self.tr("%n waiting", "", plan.waiting))
        return "  ".join(w for w in words if w)

    def _row(self, plan: Plan, venue: str) -> QWidget:
        frame = QFrame()
        frame.setProperty("role", "card")
        line = QHBoxLayout(frame)
        line.setContentsMargins(10, 4, 10, 4)
        text = self.describe(plan, venue)
        words = label(text, "muted" if plan.status is PlanStatus.CANCELLED else "")
        words.setAccessibleName(text)
        line.addWidget(words, 1)
        buttons = QHBoxLayout()
        if plan.date == self.today() and plan.status is PlanStatus.PLANNED:
            start = button(
                self.tr("Start"),
                lambda pid=plan.id: self.start(pid),
                role="primary",
                accessible=self.tr("Start") + " " + text,
            )
            buttons.addWidget(start)
            self.start_buttons[plan.id] = start
        if plan.status is PlanStatus.PLANNED:
            signups = button(
                self.tr("Sign-ups…"),
                lambda pid=plan.id: self.open_signups(pid),
                accessible=self.tr("Sign-ups") + " " + text,
            )
            buttons.addWidget(signups)
            self.signup_buttons[plan.id] = signups
        line.addLayout(buttons)
        return frame

    # -- actions -----------------------------------------------------------------------------------

    def start(self, plan_id: str) -> None:
        """Start the planned session (its lessons and team filled in) and open it."""
        try:
            session = self.services.store.planning.start(plan_id, self.services.volunteer_id())
        except DxError as exc:
            show_error(self, self.tr("Could not start the session"), exc, self.services.lang)
            return
        self.services.data_changed(None)
        self.session_opened.emit(session.id)

    def open_signups(self, plan_id: str):
        from dxhelper.ui.signups import SignupsDialog

        dialog = SignupsDialog(self.services, plan_id, self.today(), self)
        dialog.finished.connect(lambda _result: self.refresh())
        dialog.open()
        self.signups_opened.emit(dialog)
        return dialog

    def plan_session(self):
        from dxhelper.ui.plan_dialog import PlanDialog

        dialog = PlanDialog(self.services, self.today(), self)
        dialog.accepted.connect(self.refresh)
        dialog.open()
        return dialog
