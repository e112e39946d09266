"""Asking for a bundle's passphrase (issue 16 §9): twice when a file is being protected with
it, once when one is being opened. Nothing is checked against the file here: opening runs
in a worker and a wrong passphrase comes back as its message."""

from __future__ import annotations

import unicodedata

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from dxhelper.exchange.envelope import MIN_PASSPHRASE
from dxhelper.ui.widgets import Dialog, InlineMessage, button, label, stacked_form


class PassphraseDialog(Dialog):
    def __init__(self, *, confirm: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.confirming = confirm
        self.setMinimumWidth(560)
        box = QVBoxLayout(self)
        if confirm:
            self.setWindowTitle(self.tr("Protect the file with a passphrase"))
            box.addWidget(label(self.tr("Protect the file with a passphrase"), "title"))
            box.addWidget(
                label(
                    self.tr(
                        "No coordinator key is loaded, so this file is locked with a "
                        "passphrase instead: use it to move your own records, for example to "
                        "a new laptop, where you type the same passphrase. To send records to "
                        "your coordinator, load their key file in Settings, Keys."
                    ),
                    "muted",
                )
            )
        else:
            self.setWindowTitle(self.tr("Passphrase"))
            box.addWidget(label(self.tr("This file is locked with a passphrase"), "title"))
            box.addWidget(
                label(self.tr("Type the passphrase that was chosen when it was exported."), "muted")
            )
        form = stacked_form()
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setAccessibleName(self.tr("Passphrase"))
        form.addRow(label(self.tr("Passphrase"), buddy=self.first), self.first)
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setAccessibleName(self.tr("Passphrase again"))
        if confirm:
            form.addRow(label(self.tr("Passphrase again"), buddy=self.second), self.second)
            self.first.setPlaceholderText(
                self.tr("At least {count} characters").format(count=MIN_PASSPHRASE)
            )
        else:
            self.second.hide()
        box.addLayout(form)
        self.message = InlineMessage()
        box.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel = button(self.tr("Cancel"), self.reject)
        self.ok = button(
            self.tr("Export") if confirm else self.tr("Open"), self.check_and_accept, role="primary"
        )
        self.ok.setDefault(True)
        row.addWidget(self.cancel)
        row.addWidget(self.ok)
        box.addLayout(row)
        self.first.setFocus()

    def passphrase(self) -> str:
        return self.first.text()

    def check_and_accept(self) -> None:
        text = self.first.text()
        if self.confirming:
            if len(unicodedata.normalize("NFKC", text).strip()) < MIN_PASSPHRASE:
                self._refuse(
                    self.tr("Use at least {count} characters.").format(count=MIN_PASSPHRASE)
                )
                return
            if text != self.second.text():
                self._refuse(self.tr("The two passphrases differ. Type them again."))
                return
        elif not text:
            self._refuse(self.tr("Type the passphrase."))
            return
        self.accept()

    def _refuse(self, text: str) -> None:
        self.message.show_text(text)
        self.fit_height()
