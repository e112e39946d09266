"""The end-of-session handover checklist: every item ticked, or skipped with a reason."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from dxhelper.core.errors import DxError
from dxhelper.core.fields import MAX_REASON
from dxhelper.core.models import HandoverCheck, HandoverItem
from dxhelper.core.privacy import check_free_text
from dxhelper.ui.widgets import Dialog, InlineMessage, button, error_text, label


class HandoverChecklist(Dialog):
    """`checks` holds the answers once accepted; the screen stores them with the end time."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.checks: list[HandoverCheck] = []
        self.setWindowTitle(self.tr("End the session"))
        self.setMinimumWidth(640)
        box = QVBoxLayout(self)
        box.addWidget(label(self.tr("Before everyone leaves"), "title"))
        box.addWidget(
            label(self.tr("Tick each item, or say why it does not apply (e.g. no card today)."))
        )
        grid = QGridLayout()
        grid.setColumnMinimumWidth(0, 32)  # the reason sits under its item, indented
        grid.setColumnStretch(1, 1)
        self.ticks: dict[HandoverItem, QCheckBox] = {}
        self.reasons: dict[HandoverItem, QLineEdit] = {}
        for row, item in enumerate(HandoverItem):
            tick = QCheckBox(item.label(lang))
            tick.setAccessibleName(item.label(lang))
            reason = QLineEdit()
            reason.setMaxLength(MAX_REASON)
            reason.setPlaceholderText(self.tr("…or the reason it was skipped"))
            reason.setAccessibleName(self.tr("Reason for skipping:") + " " + item.label(lang))
            tick.toggled.connect(lambda on, r=reason: r.setEnabled(not on))
            reason.textChanged.connect(self._update)
            tick.toggled.connect(self._update)
            grid.addWidget(tick, row * 2, 0, 1, 2)
            grid.addWidget(reason, row * 2 + 1, 1)
            self.ticks[item] = tick
            self.reasons[item] = reason
        box.addLayout(grid)
        self.message = InlineMessage()
        box.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel = button(self.tr("Back to the session"), self.reject)
        self.finish = button(self.tr("End session"), self.accept_checks, role="primary")
        row.addWidget(self.cancel)
        row.addWidget(self.finish)
        box.addLayout(row)
        self._update()

    def _complete(self) -> bool:
        return all(
            self.ticks[item].isChecked() or self.reasons[item].text().strip()
            for item in HandoverItem
        )

    def _update(self) -> None:
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
        if not self._complete():
            self.message.show_text(self.tr("Tick each item or give a reason."))
            return
        self.checks = checks
        self.accept()
