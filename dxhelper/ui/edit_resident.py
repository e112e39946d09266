"""Edit a resident: the resident form with their record in it, saved through the store."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from dxhelper.core.errors import DxError, ValidationError
from dxhelper.core.models import Resident
from dxhelper.core.planning import check_phone
from dxhelper.ui.phone_fields import PhoneFields
from dxhelper.ui.resident_form import ResidentDialog, ResidentForm
from dxhelper.ui.services import Services
from dxhelper.ui.widgets import InlineMessage, button, error_text, label


class EditResidentDialog(ResidentDialog):
    """Name, reading, nickname, age band, district and note; refusals (a My Number…) shown
    in place."""

    saved = Signal(object)  # the updated Resident

    def __init__(
        self, services: Services, resident: Resident, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, resident, parent)
        self.setWindowTitle(self.tr("Edit resident"))

        box = QVBoxLayout(self)
        box.setSpacing(10)
        box.addWidget(label(self.tr("Edit {name}").format(name=resident.display_name), "heading"))
        self.form = ResidentForm(services.lang, resident)
        self.form.rows.setSpacing(10)  # as the rest of the dialog
        box.addWidget(self.form)
        box.addWidget(
            label(self.tr("Never write a My Number, a PIN or a password in the note."), "muted")
        )
        # A phone number only with its own consent, folded away until wanted.
        self.phone_fields = PhoneFields(bool(services.store.planning.phone(resident.id)))
        self.phone_fields.opened.connect(self.fit_height)
        self.phone, self.phone_consent = self.phone_fields.phone, self.phone_fields.consent
        self.forget_phone = self.phone_fields.forget
        box.addWidget(self.phone_fields)
        self.message = InlineMessage()
        box.addWidget(self.message)

        self.cancel_button = button(self.tr("Cancel"), self.reject)
        self.save_button = button(self.tr("Save"), self.save, role="primary")
        self.save_button.setDefault(True)  # Enter in a field saves
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.save_button)
        box.addLayout(row)
        self.form.display_name.setFocus()

    def save(self) -> None:
        changed = dataclasses.replace(self.resident, **self.form.values())
        planning = self.services.store.planning
        forget = self.forget_phone.isChecked()
        phone = self.phone_fields.number()
        if phone and not self.phone_consent.isChecked():
            self.message.show_text(
                self.tr("A phone number is kept only when the resident agrees to it: tick the box.")
            )
            self.fit_height()
            return
        try:
            if phone:
                check_phone(phone)  # refused before anything is saved
            updated = self.services.store.update_resident(changed)
            if forget:
                planning.forget_phone(self.resident.id)
            elif phone:
                planning.set_phone(self.resident.id, phone, consent_date=dt.date.today())
        except DxError as exc:
            self.message.show_text(error_text(exc, self.services.lang))
            self.fit_height()
            if isinstance(exc, ValidationError):
                self.form.focus_field(exc.field)
            return
        self.resident = updated
        self.saved.emit(updated)
        self.accept()
