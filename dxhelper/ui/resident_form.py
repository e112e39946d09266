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
        # screen would make one pair a line taller than the screen and two pairs still fit
        # its width (issue 19 §2).
        form = self.rows = QGridLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(max(6, self.fontMetrics().height() // 4))
        screen = QGuiApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        short = room is not None and room.height() < self.fontMetrics().height() * 30

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
        self.note: QPlainTextEdit | None = None
        if with_note:
            self.note = QPlainTextEdit(resident.note if resident else "")
            self.note.setAccessibleName(self.tr("Note"))
            self.note.setTabChangesFocus(True)  # Tab leaves the note instead of typing a tab
            self.note.setMinimumHeight(self.note.fontMetrics().lineSpacing() * 4)
        pairs: list[tuple[QWidget, QWidget]] = [
            (label(self.tr("&Name"), buddy=self.display_name), self.display_name),
            (label(self.tr("&Reading (kana)"), buddy=self.kana), self.kana),
            (label(self.tr("Nic&kname (optional)"), buddy=self.nickname), self.nickname),
            (label(self.tr("&Age band"), buddy=self.age_band), self.age_band),
            (label(self.tr("&District (optional)"), buddy=self.district), self.district),
        ]
        for _caption, field in pairs:
            field.ensurePolished()  # a field is never squeezed below its style's height
            field.setMinimumHeight(field.sizeHint().height())
            if isinstance(field, QLineEdit) and field.placeholderText():
                metrics = field.fontMetrics()  # and its example is never cut
                needed = metrics.horizontalAdvance(field.placeholderText()) + metrics.height() * 2
                field.setMinimumWidth(needed)
        note_pair = (label(self.tr("N&ote"), buddy=self.note), self.note) if self.note else None
        two = short and room is not None and self._two_fit(pairs, room.width())
        if not two:
            for row, (caption, field) in enumerate(pairs):
                form.addWidget(caption, row, 0)
                form.addWidget(field, row, 1)
            form.addWidget(district_hint, len(pairs), 0, 1, 2)  # one line at 100 %
            if note_pair is not None:
                form.addWidget(note_pair[0], len(pairs) + 1, 0)
                form.addWidget(note_pair[1], len(pairs) + 1, 1)
            form.setColumnStretch(1, 1)
            return
        if note_pair is not None:  # beside the district, a line shorter
            assert self.note is not None
            self.note.setMinimumHeight(self.note.fontMetrics().lineSpacing() * 3)
            pairs.append(note_pair)
        for index, (caption, field) in enumerate(pairs):
            row, column = divmod(index, 2)
            form.addWidget(caption, row, column * 2)
            form.addWidget(field, row, column * 2 + 1)
        form.addWidget(district_hint, (len(pairs) + 1) // 2, 0, 1, 4)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)

    def _two_fit(self, pairs: list[tuple[QWidget, QWidget]], width: int) -> bool:
        """Whether two pairs to a line fit a dialog as wide as the screen."""
        columns = [0, 0, 0, 0]
        for index, (caption, field) in enumerate(pairs):
            column = index % 2 * 2
            columns[column] = max(columns[column], caption.sizeHint().width())
            columns[column + 1] = max(columns[column + 1], field.minimumWidth())
        gaps = self.fontMetrics().height() * 4  # the spacing and the dialog's margins
        return sum(columns) + gaps <= width - 40

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
