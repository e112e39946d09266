"""The end-of-session handover checklist: the end time, and every item ticked or skipped with a
reason.

The end time starts at now for a session held today; for a session entered afterwards from a
paper record (an earlier date) it starts at the start time and must be set before ending, so no
session ends "15:54–15:54" by accident.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from dxhelper.core.errors import DxError
from dxhelper.core.fields import MAX_REASON
from dxhelper.core.models import HandoverCheck, HandoverItem
from dxhelper.core.privacy import check_free_text
from dxhelper.ui.session_header import qtime
from dxhelper.ui.widgets import Dialog, InlineMessage, button, error_text, label


class HandoverChecklist(Dialog):
    """`checks` and `end_time` hold the answers once accepted; the screen stores them.

    `day` and `start` are the session's date and start time ("HH:MM"); `now` is for tests.
    """

    def __init__(
        self,
        lang: str,
        parent: QWidget | None = None,
        *,
        day: dt.date | None = None,
        start: str = "00:00",
        now: dt.datetime | None = None,
    ) -> None:
        super().__init__(parent)
        self.lang = lang
        self.checks: list[HandoverCheck] = []
        now = now or dt.datetime.now()
        self.start = qtime(start)
        self.past = day is not None and day < now.date()
        self.setWindowTitle(self.tr("End the session"))
        self.setMinimumWidth(640)
        box = QVBoxLayout(self)
        box.addWidget(label(self.tr("Before everyone leaves"), "title"))
        self.end = QTimeEdit()
        self.end.setDisplayFormat("HH:mm")
        self.end.setAccessibleName(self.tr("End time"))
        self.end.setMinimumWidth(self.fontMetrics().horizontalAdvance("00:00") * 3)
        current = QTime(now.hour, now.minute)
        self.end.setTime(self.start if self.past or current < self.start else current)
        ends = QHBoxLayout()
        ends.addWidget(label(self.tr("Ended at"), wrap=False, buddy=self.end))
        ends.addWidget(self.end)
        if self.past:
            ends.addWidget(label(self.tr("Set the end time from the paper record."), "muted"), 1)
        else:
            ends.addStretch(1)
        box.addLayout(ends)
        self.end.timeChanged.connect(self._update)
        box.addWidget(
            label(self.tr("Tick each item, or say why it does not apply (e.g. no card today)."))
        )
        # Each item with its reason beside it when the screen is wide enough, else under it
        # (issue 19 §2); the items scroll when even that is taller than the screen.
        items = QWidget()
        grid = QGridLayout(items)
        grid.setContentsMargins(0, 0, 0, 0)
        metrics = self.fontMetrics()
        self.ticks: dict[HandoverItem, QCheckBox] = {}
        self.reasons: dict[HandoverItem, QLineEdit] = {}
        for item in HandoverItem:
            tick = QCheckBox(item.label(lang))
            tick.setAccessibleName(item.label(lang))
            # The style sheet's large box and gap are not in a check box's own size hint.
            tick.setMinimumWidth(metrics.horizontalAdvance(item.label(lang)) + metrics.height() * 3)
            reason = QLineEdit()
            reason.setMaxLength(MAX_REASON)
            reason.setPlaceholderText(self.tr("…or the reason it was skipped"))
            reason.setAccessibleName(self.tr("Reason for skipping:") + " " + item.label(lang))
            reason.setMinimumWidth(
                metrics.horizontalAdvance(reason.placeholderText()) + metrics.height() * 2
            )
            tick.toggled.connect(lambda on, r=reason: r.setEnabled(not on))
            reason.textChanged.connect(self._update)
            tick.toggled.connect(self._update)
            self.ticks[item] = tick
            self.reasons[item] = reason
        self.side_by_side = self._room_for_side_by_side()
        for row, item in enumerate(HandoverItem):
            if self.side_by_side:
                grid.addWidget(self.ticks[item], row, 0)
                grid.addWidget(self.reasons[item], row, 1)
            else:
                grid.addWidget(self.ticks[item], row * 2, 0, 1, 2)
                grid.addWidget(self.reasons[item], row * 2 + 1, 1)
        if self.side_by_side:
            grid.setColumnStretch(1, 1)
        else:
            grid.setColumnMinimumWidth(0, 32)  # the reason sits under its item, indented
            grid.setColumnStretch(1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(items)
        scroll.viewport().setAutoFillBackground(False)  # the dialog's paper, not grey
        items.setAutoFillBackground(False)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        widest = max(tick.minimumWidth() for tick in self.ticks.values())
        reason = max(edit.minimumWidth() for edit in self.reasons.values())
        bar = scroll.verticalScrollBar().sizeHint().width()
        scroll.setMinimumWidth(widest + (reason if self.side_by_side else 0) + bar + 16)
        box.addWidget(scroll, 1)
        self.message = InlineMessage()
        self._shown_problem = ""
        box.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel = button(self.tr("Back to the session"), self.reject)
        self.finish = button(self.tr("End session"), self.accept_checks, role="primary")
        row.addWidget(self.cancel)
        row.addWidget(self.finish)
        box.addLayout(row)
        self._update()

    def _room_for_side_by_side(self) -> bool:
        screen = self.screen()
        if screen is None:
            return False
        widest = max(tick.minimumWidth() for tick in self.ticks.values())
        reason = max(edit.minimumWidth() for edit in self.reasons.values())
        room = screen.availableGeometry().width() - self.SCREEN_MARGIN - 48
        return widest + reason <= room

    @property
    def end_time(self) -> str:
        return self.end.time().toString("HH:mm")

    def _time_problem(self) -> str:
        end = self.end.time()
        if end < self.start:
            return self.tr("The end time is before the start ({start}).").format(
                start=self.start.toString("HH:mm")
            )
        if self.past and end == self.start:
            return self.tr("Set the end time from the paper record.")
        return ""

    def _complete(self) -> bool:
        return not self._time_problem() and all(
            self.ticks[item].isChecked() or self.reasons[item].text().strip()
            for item in HandoverItem
        )

    def _update(self) -> None:
        # Only a real mistake is said in red; an unset end time is said beside the field.
        problem = self._time_problem() if self.end.time() < self.start else ""
        if problem:
            self.message.show_text(problem)
        elif self.message.text() == self._shown_problem:
            self.message.clear_text()
        self._shown_problem = problem
        self.finish.setEnabled(self._complete())

    def accept_checks(self) -> None:
        checks = []
        try:
            for item in HandoverItem:
                done = self.ticks[item].isChecked()
                reason = "" if done else self.reasons[item].text().strip()
                check_free_text("reason", reason)
                checks.append(HandoverCheck(item, done, reason))
        except DxError as exc:
            self.message.show_text(error_text(exc, self.lang))
            return
        if self._time_problem():
            self.message.show_text(self._time_problem())
            return
        if not self._complete():
            self.message.show_text(self.tr("Tick each item or give a reason."))
            return
        self.checks = checks
        self.accept()
