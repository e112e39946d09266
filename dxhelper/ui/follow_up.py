"""Follow-up: who still needs help between sessions. Residents with a procedure not done yet,
grouped by reason and lesson, and those who missed their last sign-ups; each can be invited to
a planned session in one step; the call list prints the ones with a consented phone number."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QMenu, QVBoxLayout, QWidget

from dxhelper.core.errors import DxError
from dxhelper.core.planning import Plan, PlanStatus, SignupStatus
from dxhelper.ui.pdf_actions import PdfActions
from dxhelper.ui.plan_words import plan_title, plan_when
from dxhelper.ui.services import Services
from dxhelper.ui.widgets import (
    FlowLayout,
    InlineMessage,
    button,
    error_text,
    follow_data_changes,
    label,
    scrolling_page,
)

INVITE_CHOICES = 8


class FollowUpScreen(QWidget):
    invite_menu_shown = Signal(object)  # the QMenu of planned sessions (tests)

    def __init__(self, services: Services, today: dt.date | None = None) -> None:
        super().__init__()
        self.services = services
        self._today = today
        self.pdf = PdfActions(services, self)
        self.items = []  # the FollowUp rows shown
        self.invite_buttons: dict[tuple[str, str], QWidget] = {}
        self.group_titles: list[str] = []
        self._build()
        self.refresh()
        follow_data_changes(self, services)

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def _build(self) -> None:
        box = scrolling_page(self, spacing=12)
        heading = QHBoxLayout()
        heading.addWidget(label(self.tr("Follow-up"), "title", wrap=False))
        heading.addStretch(1)
        self.call_button = button(self.tr("Print the call list…"), self.print_call_list)
        heading.addWidget(self.call_button)
        box.addLayout(heading)
        box.addWidget(
            label(
                self.tr(
                    "Residents whose procedure is not done yet, by reason and lesson, and "
                    "those who missed their last sign-ups. Invite them to a planned session."
                ),
                "muted",
            )
        )
        self.message = InlineMessage("ok")
        box.addWidget(self.message)
        self.empty = label(self.tr("No one to follow up at the moment."), "muted")
        box.addWidget(self.empty)
        self.groups = QVBoxLayout()
        self.groups.setSpacing(12)
        box.addLayout(self.groups)
        box.addStretch(1)

    def refresh(self) -> None:
        while self.groups.count():
            item = self.groups.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.invite_buttons = {}
        self.group_titles = []
        self.items = self.services.store.planning.follow_up(self.today())
        lang = self.services.lang
        outcomes = [f for f in self.items if not f.missed]
        missed = [f for f in self.items if f.missed]
        for (reason, lesson_id), rows in groupby(outcomes, key=lambda f: (f.reason, f.lesson_id)):
            title = f"{reason.label(lang)} — {self._lesson_title(lesson_id)}"
            self._group(title, list(rows))
        if missed:
            self._group(self.tr("Missed their last sign-ups"), missed)
        self.empty.setVisible(not self.items)
        self.call_button.setEnabled(any(f.phone for f in self.items))

    def _lesson_title(self, lesson_id: str) -> str:
        catalogue = self.services.catalogue
        if lesson_id in catalogue:
            return catalogue.get(lesson_id, self.services.lang).title
        return lesson_id

    def _group(self, title: str, rows: list) -> None:
        self.group_titles.append(title)
        frame = QFrame()
        frame.setProperty("role", "card")
        box = QVBoxLayout(frame)
        box.addWidget(label(title, "heading"))
        for item in rows:
            line = QHBoxLayout()
            text = f"{item.display_name}  {item.kana}".strip()
            if item.missed:
                text += "  " + self.tr("missed %n in a row", "", item.missed)
            elif item.reason_note:
                text += f"  （{item.reason_note}）"
            words = label(text)
            words.setAccessibleName(f"{title}: {text}")
            line.addWidget(words, 1)
            invite = button(
                self.tr("Invite to…"),
                None,
                accessible=self.tr("Invite {name} to a planned session").format(
                    name=item.display_name
                ),
            )
            invite.clicked.connect(
                lambda _c=False, rid=item.resident_id, b=invite: self.show_invite_menu(rid, b)
            )
            self.invite_buttons[(item.resident_id, item.lesson_id)] = invite
            buttons = FlowLayout()
            buttons.addWidget(invite)
            line.addLayout(buttons)
            box.addLayout(line)
        self.groups.addWidget(frame)

    # -- inviting ---------------------------------------------------------------------------------

    def plans_to_invite(self) -> list[Plan]:
        plans = self.services.store.planning.upcoming(self.today(), INVITE_CHOICES * 2)
        return [p for p in plans if p.status is PlanStatus.PLANNED][:INVITE_CHOICES]

    def show_invite_menu(self, resident_id: str, anchor: QWidget) -> QMenu:
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        lang = self.services.lang
        plans = self.plans_to_invite()
        if not plans:
            action = menu.addAction(self.tr("Nothing planned yet: plan a session on Today"))
            action.setEnabled(False)
        for plan in plans:
            free = plan.capacity - plan.booked
            places = (
                self.tr("%n places free", "", free) if free > 0 else self.tr("full: waiting list")
            )
            text = f"{plan_when(plan, lang)}  {plan_title(plan, lang)}  ({places})"
            action = menu.addAction(text)
            action.triggered.connect(lambda _c=False, pid=plan.id: self.invite(resident_id, pid))
        menu.popup(anchor.mapToGlobal(QPoint(0, anchor.height())))
        self.invite_menu_shown.emit(menu)
        return menu

    def invite(self, resident_id: str, plan_id: str) -> None:
        """Sign the resident up for the planned session (booked, or on its waiting list)."""
        planning = self.services.store.planning
        try:
            result = planning.sign_up(plan_id, resident_id)
        except DxError as exc:
            self.message.show_text(error_text(exc, self.services.lang))
            return
        plan = planning.get_plan(plan_id)
        name = self.services.store.get_resident(resident_id).display_name
        when = plan_when(plan, self.services.lang)
        signup = result.signup
        if signup is not None and signup.status is SignupStatus.WAITING:
            text = self.tr("{name} is on the waiting list for {when} (number {n}).").format(
                name=name, when=when, n=signup.position
            )
        else:
            text = self.tr("{name} is booked for {when}.").format(name=name, when=when)
        self.message.show_text(text)
        self.services.data_changed(self)

    # -- the call list ----------------------------------------------------------------------------

    def print_call_list(self) -> None:
        from dxhelper.handouts.planned_lists import CallList, CallRow, call_list_pdf

        lang = self.services.lang
        rows = []
        for item in self.items:
            if not item.phone:
                continue  # only residents who consented to a phone number
            if item.missed:
                about = self.tr("Missed %n sign-ups in a row", "", item.missed)
            else:
                about = f"{self._lesson_title(item.lesson_id)}: {item.reason.label(lang)}"
            rows.append(CallRow(item.display_name, item.kana, item.phone, about))
        calls = CallList(self.tr("Follow-up"), tuple(rows))
        options = self.services.handout_options()
        self.pdf.preview(lambda: call_list_pdf(calls, lang, options), self.tr("Call list"))
