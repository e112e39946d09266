"""The resident form: name, reading, nickname, age band, district and (when editing) a note.

One form for adding and for editing a resident, each field as long as the store allows
(dxhelper.core.fields), so a dialog never takes text the store would refuse.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QGridLayout, QLineEdit, QPlainTextEdit, QWidget

from dxhelper.core.fields import MAX_DISTRICT, MAX_KANA, MAX_NAME
from dxhelper.core.models import AgeBand, Resident
from dxhelper.ui.services import Services
from dxhelper.ui.widgets import Dialog, label

NEW_RESIDENT_AGE_BAND = AgeBand.SEVENTIES  # most people at a session; one change for the rest


class ResidentDialog(Dialog):
    """A window-modal dialog about one resident (editing, erasing), 52 characters wide: in
    characters, not pixels, so it grows with the text size. Subclasses set the title."""

    def __init__(
        self, services: Services, resident: Resident, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.resident = resident
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("n" * 52))


class ResidentForm(QWidget):
    """The fields of a resident. `values()` gives them by Resident field name."""

    def __init__(
        self,
        lang: str,
        resident: Resident | None = None,
        *,
        name: str = "",
        kana: str = "",
        with_note: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # Caption and field side by side; two pairs to a line when large text on a short
        # screen would make one pair a line taller than the screen (issue 19 §2).
        form = self.rows = QGridLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(max(6, self.fontMetrics().height() // 4))
        screen = QGuiApplication.primaryScreen()
        short = screen is not None and (
            screen.availableGeometry().height() < self.fontMetrics().height() * 30
        )
        pairs = 2 if short else 1
        placed = [0]

        def add_row(caption: QWidget, field: QWidget | None = None) -> None:
            index = placed[0]
            if field is None:  # a line of its own
                row = (index + pairs - 1) // pairs
                form.addWidget(caption, row, 0, 1, 2 * pairs)
                placed[0] = (row + 1) * pairs
                return
            row, column = divmod(index, pairs)
            field.ensurePolished()  # a field is never squeezed below its style's height
            field.setMinimumHeight(field.sizeHint().height())
            form.addWidget(caption, row, column * 2)
            form.addWidget(field, row, column * 2 + 1)
            form.setColumnStretch(column * 2 + 1, 1)
            placed[0] = index + 1

        self.display_name = _line_edit(
            resident.display_name if resident else name, MAX_NAME, self.tr("Name")
        )
        self.kana = _line_edit(
            resident.kana if resident else kana, MAX_KANA, self.tr("Reading (kana)")
        )
        self.kana.setPlaceholderText(self.tr("e.g. やまだ はなこ (used for search)"))
        self.nickname = _line_edit(
            resident.nickname if resident else "", MAX_NAME, self.tr("Nickname (optional)")
        )
        self.age_band = QComboBox()
        self.age_band.setAccessibleName(self.tr("Age band"))
        for band in AgeBand:
            self.age_band.addItem(band.label(lang), band.value)
        band = resident.age_band if resident else NEW_RESIDENT_AGE_BAND
        self.age_band.setCurrentIndex(self.age_band.findData(band.value))
        add_row(label(self.tr("&Name"), buddy=self.display_name), self.display_name)
        add_row(label(self.tr("&Reading (kana)"), buddy=self.kana), self.kana)
        add_row(label(self.tr("Nic&kname (optional)"), buddy=self.nickname), self.nickname)
        add_row(label(self.tr("&Age band"), buddy=self.age_band), self.age_band)
        # Only to tell two people of one name apart: a 地区 or 町内会, never an address.
        self.district = _line_edit(
            resident.district if resident else "", MAX_DISTRICT, self.tr("District (optional)")
        )
        self.district.setPlaceholderText(self.tr("e.g. Higashimachi"))
        self.district.setToolTip(
            self.tr("Only to tell people of the same name apart. Never an address.")
        )
        district_hint = label(
            self.tr("Only to tell people of the same name apart. Never an address."), "muted"
        )
        add_row(label(self.tr("&District (optional)"), buddy=self.district), self.district)
        add_row(district_hint)  # the whole width: one line at 100 %

        self.note: QPlainTextEdit | None = None
        if with_note:
            self.note = QPlainTextEdit(resident.note if resident else "")
            self.note.setAccessibleName(self.tr("Note"))
            self.note.setTabChangesFocus(True)  # Tab leaves the note instead of typing a tab
            self.note.setMinimumHeight(self.note.fontMetrics().lineSpacing() * 4)
            add_row(label(self.tr("N&ote"), buddy=self.note), self.note)

    def values(self) -> dict[str, str | AgeBand]:
        """What was typed, by Resident field name (the note only when the form has one)."""
        values: dict[str, str | AgeBand] = {
            "display_name": self.display_name.text(),
            "kana": self.kana.text(),
            "nickname": self.nickname.text(),
            "age_band": AgeBand(self.age_band.currentData()),
            "district": self.district.text(),
        }
        if self.note is not None:
            values["note"] = self.note.toPlainText()
        return values

    def focus_field(self, field: str | None) -> None:
        """Put the cursor in the field a refusal names (a ValidationError's `field`)."""
        widgets: dict[str, QWidget | None] = {
            "display_name": self.display_name,
            "kana": self.kana,
            "nickname": self.nickname,
            "age_band": self.age_band,
            "district": self.district,
            "note": self.note,
        }
        widget = widgets.get(field or "")
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)


def _line_edit(text: str, max_len: int, accessible: str) -> QLineEdit:
    edit = QLineEdit(text)
    edit.setMaxLength(max_len)
    edit.setAccessibleName(accessible)
    return edit
