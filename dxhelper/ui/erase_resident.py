"""Erase a resident for good: from the records at once, then from every backup in a worker."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QMessageBox, QVBoxLayout, QWidget

from dxhelper.core.errors import DxError
from dxhelper.core.fields import MAX_KANA
from dxhelper.core.models import Resident
from dxhelper.ui.resident_form import ResidentDialog
from dxhelper.ui.services import Services
from dxhelper.ui.widgets import InlineMessage, button, error_text, label, show_error


def same_name(typed: str, name: str) -> bool:
    """The erase confirmation: the name exactly, but a full-width space from the IME or a
    doubled space counts the same (NFKC and single spaces), as the store cleans names so."""

    def fold(text: str) -> str:
        return " ".join(unicodedata.normalize("NFKC", text).split())

    return bool(name.strip()) and fold(typed) == fold(name)


class EraseResidentDialog(ResidentDialog):
    """Erasure for good: the user types the person's name to unlock the Erase button."""

    erased = Signal(str)  # the erased resident's id

    def __init__(
        self, services: Services, resident: Resident, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, resident, parent)
        self.setWindowTitle(self.tr("Erase resident"))

        box = QVBoxLayout(self)
        box.setSpacing(12)
        box.addWidget(label(self.tr("Erase this resident for good?"), "heading"))
        box.addWidget(
            label(
                self.tr(
                    "Erasing removes this person's name, their attendance at sessions and their "
                    "progress in lessons for good. It cannot be undone."
                )
            )
        )
        box.addWidget(label(self.tr("The sessions themselves are kept, without this person.")))
        self.confirm = QLineEdit()
        self.confirm.setAccessibleName(self.tr("Type the name to confirm"))
        # Room for a name typed with stray spaces (same_name folds them away).
        self.confirm.setMaxLength(MAX_KANA)
        box.addWidget(
            label(self.tr("To confirm, &type the name exactly as shown:"), buddy=self.confirm)
        )
        self.expected = label(resident.display_name, "heading")
        self.expected.setAccessibleName(resident.display_name)
        box.addWidget(self.expected)
        box.addWidget(self.confirm)
        self.message = InlineMessage()
        box.addWidget(self.message)

        self.cancel_button = button(self.tr("Cancel"), self.reject)
        self.erase_button = button(self.tr("Erase for good"), self.erase, role="danger")
        self.erase_button.setEnabled(False)
        self.confirm.textChanged.connect(self._typed)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.erase_button)
        box.addLayout(row)
        self.confirm.setFocus()

    def matches(self) -> bool:
        return same_name(self.confirm.text(), self.resident.display_name)

    def _typed(self, _text: str) -> None:
        self.message.clear_text()
        self.erase_button.setEnabled(self.matches())

    def erase(self) -> None:
        if not self.matches():  # the button is disabled; this guards a direct call too
            return
        try:
            erasure = self.services.library.erase_resident(self.resident.id)
        except DxError as exc:
            self.message.show_text(error_text(exc, self.services.lang))
            self.fit_height()
            return
        # Out of every backup too, in a worker: an erased person stays erased, and the window
        # stays usable while each backup is rewritten and checked.
        lang, window = self.services.lang, self.parentWidget()
        if erasure.file_pending:
            # Another program holds a read open: the journal finishes it at the next open.
            QMessageBox.information(
                window,
                self.tr("Erase resident"),
                self.tr(
                    "Erased from the records. Another program is reading the database file, "
                    "so the last traces will be wiped from it the next time dxhelper starts."
                ),
            )
        self.services.tasks.run(
            erasure.in_backups,
            lambda _result: None,
            lambda exc: show_error(window, self.tr("Erase resident"), exc, lang),
            self.tr("Erasing from the backups…"),
        )
        self.erased.emit(self.resident.id)
        self.accept()
