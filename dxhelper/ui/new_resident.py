"""Add a resident by name: only with their consent, and only what helps them next time.

What was typed in the search box comes along: kana (hiragana or katakana, half-width too) as
the reading, anything else (kanji, Latin letters, romaji as typed) as the name.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout, QWidget

from dxhelper.core.errors import DxError
from dxhelper.core.models import CONSENT_VERSION, Resident
from dxhelper.core.planning import check_phone
from dxhelper.store import Store
from dxhelper.ui.phone_fields import PhoneFields
from dxhelper.ui.resident_form import ResidentForm
from dxhelper.ui.widgets import Dialog, InlineMessage, button, error_text, label


class NewResidentDialog(Dialog):
    """The resident form (no note yet), the consent tick, and what is kept and why."""

    def __init__(self, store: Store, lang: str, typed: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.lang = lang
        self.resident: Resident | None = None
        self.setWindowTitle(self.tr("New resident"))
        # As wide as the edit dialog, in characters, so larger text sizes get room too.
        self.setMinimumWidth(max(560, self.fontMetrics().horizontalAdvance("n" * 52)))
        box = QVBoxLayout(self)
        box.addWidget(label(self.tr("New resident"), "title"))
        typed = typed.strip()
        reading = kana_only(typed)
        self.form = ResidentForm(lang, name="" if reading else typed, kana=reading, with_note=False)
        self.name, self.kana = self.form.display_name, self.form.kana
        self.consent = QCheckBox(self.tr("The resident agrees to be recorded by name"))
        self.consent.setAccessibleName(self.consent.text())
        # What is kept and the consent first, above the fields: asked before anything is
        # typed, and in view at 200 % text on a 768-pixel screen, where the fields below them
        # scroll (issue 19 §2).
        box.addWidget(
            label(
                self.tr(
                    "We keep only their name, its reading, their age band, their district if "
                    "they wish, and the lesson steps they finish, so the next volunteer can pick "
                    "up where they left off. No address, birth date, card number or PIN is ever "
                    "kept. They can ask for their record to be erased at any time. Without "
                    "consent, count them as an unnamed attendee instead."
                ),
                "muted",
            )
        )
        box.addWidget(self.consent)
        box.addWidget(self.form)
        QWidget.setTabOrder(self.form.district, self.consent)  # after the fields, as before
        # A phone number only with its own consent, folded away until wanted; it is kept for
        # the call list and shown nowhere else.
        self.phone_fields = PhoneFields()
        self.phone_fields.opened.connect(self.fit_height)
        self.phone, self.phone_consent = self.phone_fields.phone, self.phone_fields.consent
        box.addWidget(self.phone_fields)
        self.message = InlineMessage()
        box.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel = button(self.tr("Cancel"), self.reject)
        self.add = button(self.tr("Add resident"), self.save, role="primary")
        self.add.setDefault(True)
        row.addWidget(self.cancel)
        row.addWidget(self.add)
        box.addLayout(row)
        self.consent.toggled.connect(self._update)
        self.name.textChanged.connect(self._update)
        self._update()
        (self.kana if self.name.text() else self.name).setFocus()  # the first field to fill

    def _update(self) -> None:
        self.add.setEnabled(self.consent.isChecked() and bool(self.name.text().strip()))

    def save(self) -> None:
        if not self.consent.isChecked():
            self.message.show_text(self.tr("No consent, no named record."))
            return
        phone = self.phone.text().strip()
        if phone and not self.phone_consent.isChecked():
            self.message.show_text(
                self.tr("A phone number is kept only when the resident agrees to it: tick the box.")
            )
            self.fit_height()
            return
        try:
            if phone:
                check_phone(phone)  # refused before anyone is added
            self.resident = self.store.add_resident(
                **self.form.values(),
                consent_date=dt.date.today(),
                consent_version=CONSENT_VERSION,
            )
            if phone:
                self.store.planning.set_phone(self.resident.id, phone, consent_date=dt.date.today())
        except DxError as exc:
            self.message.show_text(error_text(exc, self.lang))
            self.fit_height()
            return
        self.accept()


def kana_only(text: str) -> str:
    """`text` as a reading when it is all kana (half-width katakana made full-width), else ""."""
    folded = unicodedata.normalize("NFKC", text).strip()
    if not folded:
        return ""
    for ch in folded:
        if ch.isspace() or ch in "ー・゛゜":
            continue
        if not ("\u3041" <= ch <= "\u309f" or "\u30a0" <= ch <= "\u30ff"):
            return ""
    return folded
