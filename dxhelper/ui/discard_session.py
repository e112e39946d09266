"""Discard a session started by mistake, after typing a word that cannot be typed by accident.

The word is 削除 (さくじょ also counts, for a volunteer who has not converted it) or, in
English, "discard". The dialog says what happens: the session leaves the month's counts, the
reports and the lists, here and on every device that imports it.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from dxhelper.core.errors import DxError
from dxhelper.core.models import Session
from dxhelper.ui.services import Services
from dxhelper.ui.sessions_list import session_line
from dxhelper.ui.widgets import Dialog, InlineMessage, button, error_text, label

CONFIRM_WORDS = ("削除", "さくじょ", "サクジョ", "discard")


def confirmed(text: str) -> bool:
    """The typed word, ignoring spaces, full-width letters and case."""
    typed = unicodedata.normalize("NFKC", text).strip().casefold().replace(" ", "")
    return typed in CONFIRM_WORDS


class DiscardSessionDialog(Dialog):
    """Accepted once the session is discarded in the store."""

    def __init__(self, services: Services, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.session = session
        lang = services.lang
        self.setWindowTitle(self.tr("Discard this session"))
        self.setMinimumWidth(min(self.fontMetrics().height() * 44, 1100))
        box = QVBoxLayout(self)
        box.addWidget(label(self.tr("Discard this session?"), "title"))
        box.addWidget(
            label(
                session_line(services.store, session, lang, lambda n: self.tr("%n people", "", n)),
                "heading",
            )
        )
        box.addWidget(
            label(
                self.tr(
                    "Only for a session started by mistake. It disappears from the counts, "
                    "the reports and the lists, on this laptop and on every device that "
                    "imports it. This cannot be undone."
                )
            )
        )
        box.addWidget(
            label(
                self.tr(
                    "The residents stay on record, and the steps they completed stay in "
                    "their progress."
                ),
                "muted",
            )
        )
        box.addWidget(label(self.tr("To discard it, type the word “discard” below.")))
        self.word = QLineEdit()
        self.word.setAccessibleName(self.tr("Type “discard” to confirm"))
        self.word.textChanged.connect(self._update)
        self.word.returnPressed.connect(self.discard)
        box.addWidget(self.word)
        self.message = InlineMessage()
        box.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        self.keep = button(self.tr("Keep the session"), self.reject)
        self.discard_button = button(self.tr("Discard"), self.discard, role="danger")
        row.addWidget(self.keep)
        row.addWidget(self.discard_button)
        box.addLayout(row)
        self._update()
        self.word.setFocus()

    def _update(self) -> None:
        self.discard_button.setEnabled(confirmed(self.word.text()))

    def discard(self) -> None:
        if not confirmed(self.word.text()):
            self.message.show_text(self.tr("Type “discard” to discard it, or keep the session."))
            self.fit_height()
            return
        try:
            self.services.store.discard_session(self.session.id)
        except DxError as exc:
            self.message.show_text(error_text(exc, self.services.lang))
            self.fit_height()
            return
        self.accept()
