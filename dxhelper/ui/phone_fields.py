"""A phone number for reminders, folded away behind one button until wanted: the number, its
own consent tick and (when one is kept) a tick to forget it. The number kept is never shown:
it appears only on the call list."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QLineEdit, QVBoxLayout, QWidget

from dxhelper.ui.widgets import button, label


class PhoneFields(QWidget):
    opened = Signal()  # the dialog grows to fit

    def __init__(self, kept: bool | None = None, parent: QWidget | None = None) -> None:
        """`kept`: None on a new resident; else whether a number is kept already."""
        super().__init__(parent)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.toggle = button("▸ " + self.tr("Phone number for reminders (optional)"), self.open)
        box.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        self.body = QWidget()
        inner = QVBoxLayout(self.body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(label(self.tr("Phone number for reminders (optional)"), "heading"))
        if kept is not None:
            state = (
                self.tr("A phone number is kept, with consent (shown only on the call list).")
                if kept
                else self.tr("No phone number is kept.")
            )
            inner.addWidget(label(state, "muted"))
        self.phone = QLineEdit()
        self.phone.setMaxLength(24)
        self.phone.setAccessibleName(self.tr("Phone number (optional)"))
        self.phone.setPlaceholderText(self.tr("e.g. 090-1234-5678"))
        inner.addWidget(self.phone)
        self.consent = QCheckBox(
            self.tr("The resident agrees to be called on this number about sessions")
        )
        self.consent.setAccessibleName(self.consent.text())
        inner.addWidget(self.consent)
        self.forget = QCheckBox(self.tr("Forget the phone number (consent withdrawn)"))
        self.forget.setAccessibleName(self.forget.text())
        self.forget.setVisible(bool(kept))
        inner.addWidget(self.forget)
        self.body.hide()
        box.addWidget(self.body)

    def open(self) -> None:
        self.toggle.hide()
        self.body.show()
        self.phone.setFocus()
        self.opened.emit()

    def number(self) -> str:
        """What was typed ("" when the number is to be forgotten)."""
        return "" if self.forget.isChecked() else self.phone.text().strip()
