"""First run: choose the language, then say who you are and where you help; offer practice
data (made up, in a folder of its own)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from dxhelper.core.errors import DxError
from dxhelper.core.fields import MAX_NAME
from dxhelper.core.privacy import check_free_text
from dxhelper.ui.widgets import Dialog, InlineMessage, button, error_text, label


@dataclass(frozen=True)
class FirstRunChoices:
    language: str
    volunteer: str
    municipality: str
    venue: str
    demo: bool


class FirstRunDialog(Dialog):
    """Two pages: the language (shown in both languages), then name, municipality and venue."""

    language_chosen = Signal(str)  # the app installs the translators, then the page is built

    def __init__(self, *, demo_possible: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("dxhelper")
        self.setMinimumWidth(640)
        self.demo_possible = demo_possible
        self.language = ""
        self.choices: FirstRunChoices | None = None
        self.pages = QStackedWidget()
        outer = QVBoxLayout(self)
        outer.addWidget(self.pages)
        self.pages.addWidget(self._language_page())

    def _language_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.addWidget(label("ようこそ / Welcome", "title"))
        box.addWidget(label("使う言語を選んでください。/ Choose the language of the app."))
        row = QHBoxLayout()
        self.japanese = button("日本語", lambda: self.choose_language("ja"), role="primary")
        self.english = button("English", lambda: self.choose_language("en"))
        for widget in (self.japanese, self.english):
            widget.setMinimumHeight(64)
            row.addWidget(widget)
        box.addLayout(row)
        box.addStretch(1)
        return page

    def choose_language(self, lang: str) -> None:
        self.language = lang
        self.language_chosen.emit(lang)  # translators are in place before the page is built
        self.pages.addWidget(self._details_page())
        self.pages.setCurrentIndex(1)
        self.volunteer.setFocus()

    def _details_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.addWidget(label(self.tr("Let's get ready"), "title"))
        box.addWidget(
            label(
                self.tr(
                    "These appear on handouts and reports. You can change them later in Settings."
                )
            )
        )
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.volunteer = QLineEdit()
        self.volunteer.setAccessibleName(self.tr("Your name (volunteer)"))
        self.volunteer.setMaxLength(MAX_NAME)
        self.municipality = QLineEdit()
        self.municipality.setAccessibleName(self.tr("Municipality"))
        self.municipality.setMaxLength(MAX_NAME)
        self.venue = QLineEdit()
        self.venue.setAccessibleName(self.tr("Usual venue"))
        self.venue.setMaxLength(MAX_NAME)
        self.venue.setPlaceholderText(self.tr("e.g. Chuo Community Centre"))
        form.addRow(label(self.tr("Your name (volunteer)"), buddy=self.volunteer), self.volunteer)
        form.addRow(label(self.tr("Municipality"), buddy=self.municipality), self.municipality)
        form.addRow(label(self.tr("Usual venue"), buddy=self.venue), self.venue)
        box.addLayout(form)
        self.demo = QCheckBox(self.tr("Try it first with practice data (made-up residents)"))
        self.demo.setAccessibleName(self.demo.text())
        self.demo.setEnabled(self.demo_possible)
        self.demo.setChecked(False)
        box.addWidget(self.demo)
        # What happens to the answers above, and how to get to real use (issue 16 §6).
        box.addWidget(
            label(
                self.tr(
                    "Practice data is kept apart from the real records. Your name and "
                    "municipality go into the real records either way; switch in "
                    "Settings → Records when you are ready."
                ),
                "muted",
            )
        )
        if not self.demo_possible:
            box.addWidget(
                label(self.tr("A database is already here; it is kept as it is."), "muted")
            )
        self.message = InlineMessage()
        box.addWidget(self.message)
        box.addStretch(1)
        self.start = button(self.tr("Start"), self.finish, role="primary")
        self.start.setDefault(True)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.start)
        box.addLayout(row)
        return page

    def finish(self) -> None:
        volunteer = self.volunteer.text().strip()
        if not volunteer:
            self.message.show_text(self.tr("Please enter your name."))
            self.volunteer.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        fields = {
            "volunteer": volunteer,
            "municipality": self.municipality.text().strip(),
            "venue": self.venue.text().strip(),
        }
        try:
            for name, value in fields.items():
                check_free_text(name, value)
        except DxError as exc:
            self.message.show_text(error_text(exc, self.language))
            return
        self.choices = FirstRunChoices(language=self.language, demo=self.demo.isChecked(), **fields)
        self.accept()
