"""Next-session slips (次回のご案内): the date, time, venue, what to bring and a note, 4 or 8
identical slips to an A4 page, handed out at the end of a session.

The defaults come from the session (a week later, the same times and venue, what its lessons
ask people to bring). Every free text is checked for a 個人番号 or a PIN before anything is
made. The PDF is made in a worker while the dialog stays open, so a refusal from the builder
(too many words for 8 to a page) is shown here, where it can be fixed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QSize, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dxhelper.core.errors import DxError
from dxhelper.core.fields import MAX_NAME
from dxhelper.core.privacy import check_free_text
from dxhelper.ui.services import Services
from dxhelper.ui.session_header import date_edit, pydate
from dxhelper.ui.widgets import Dialog, InlineMessage, button, error_text, label

if TYPE_CHECKING:
    from dxhelper.core.lessons.model import Helpline
    from dxhelper.handouts import HandoutOptions, Pdf

MAX_TIME = 20  # "10:00〜12:00", "午前10時から"
MAX_NOTE = 100  # one or two short lines on a slip
BRING_LINES = 5  # whole lines shown; more scroll


@dataclass(frozen=True, slots=True)
class NoticeChoices:
    date: dt.date
    time: str
    venue: str
    bring: tuple[str, ...]
    note: str
    per_page: int


def session_time(start: str, end: str | None, lang: str) -> str:
    """A session's times as one short text: 10:00〜12:00 (ja), 10:00–12:00 (en)."""
    if not end:
        return start
    return f"{start}{'〜' if lang == 'ja' else '–'}{end}"


def build_notice(
    choices: NoticeChoices, lang: str, options: HandoutOptions, helpline: Helpline | None
) -> Pdf:
    """The slips' PDF (in a worker: no Qt, no store)."""
    from dxhelper.handouts import next_notice_pdf

    return next_notice_pdf(
        lang,
        options,
        date=choices.date,
        time=choices.time,
        venue=choices.venue,
        bring=choices.bring,
        note=choices.note,
        per_page=choices.per_page,
        helpline=helpline,
    )


class NextNoticeDialog(Dialog):
    """Accepted once the slips' PDF is made; `built` carries it (the session previews it)."""

    built = Signal(object)  # Pdf

    def __init__(
        self,
        services: Services,
        *,
        date: dt.date,
        time: str,
        venue: str,
        bring: Sequence[str] = (),
        helpline: Helpline | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.lang = services.lang
        self.helpline = helpline
        self.setWindowTitle(self.tr("Next-session slips"))
        self.setMinimumWidth(min(self.fontMetrics().height() * 30, 1000))
        body = QWidget()
        box = QVBoxLayout(body)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(label(self.tr("Next-session slips"), "title"))
        box.addWidget(
            label(
                self.tr("Identical slips to cut apart and hand to everybody who came."),
                "muted",
            )
        )
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.date = date_edit(self.tr("Date of the next session"))
        self.date.setDate(QDate(date.year, date.month, date.day))
        form.addRow(self._caption(self.tr("Date"), self.date), self.date)
        self.time = QLineEdit(time)
        self.time.setMaxLength(MAX_TIME)
        self.time.setAccessibleName(self.tr("Time"))
        metrics = self.time.fontMetrics()
        self.time.setMaximumWidth(metrics.horizontalAdvance("00:00〜00:00") + metrics.height() * 3)
        form.addRow(self._caption(self.tr("Time"), self.time), self.time)
        self.venue = QLineEdit(venue)
        self.venue.setMaxLength(MAX_NAME)
        self.venue.setAccessibleName(self.tr("Venue"))
        form.addRow(self._caption(self.tr("Venue"), self.venue), self.venue)
        box.addLayout(form)

        bring_label = label(self.tr("What to bring (one per line)"))
        self.bring = QPlainTextEdit("\n".join(bring))
        self.bring.setAccessibleName(self.tr("What to bring"))
        self.bring.setTabChangesFocus(True)
        self.bring.ensurePolished()  # the style sheet's font size is known only after polishing
        frame = 2 * (self.bring.frameWidth() + round(self.bring.document().documentMargin()))
        self.bring.setFixedHeight(self.bring.fontMetrics().lineSpacing() * BRING_LINES + frame)
        bring_label.setBuddy(self.bring)
        box.addWidget(bring_label)
        box.addWidget(self.bring)
        note_label = label(self.tr("Note (optional)"))
        self.note = QLineEdit()
        self.note.setMaxLength(MAX_NOTE)
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setPlaceholderText(self.tr("e.g. Charge your phone before you come"))
        note_label.setBuddy(self.note)
        box.addWidget(note_label)
        box.addWidget(self.note)

        per_page_row = QHBoxLayout()
        per_page_row.addWidget(label(self.tr("Slips per page:"), wrap=False))
        self.per_page_group = QButtonGroup(self)
        self.per_page_buttons: dict[int, QRadioButton] = {}
        for count, text in ((4, self.tr("4 (larger)")), (8, self.tr("8 (smaller)"))):
            radio = QRadioButton(text)
            self.per_page_group.addButton(radio, count)
            self.per_page_buttons[count] = radio
            per_page_row.addWidget(radio)
        per_page_row.addStretch(1)
        self.per_page_buttons[4].setChecked(True)
        box.addLayout(per_page_row)
        box.addStretch(1)

        # The fields scroll when the screen is short (200 % text on a 768 px laptop); the
        # message and the buttons always stay in view.
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        box = QVBoxLayout(self)
        box.addWidget(scroll, 1)
        self.message = InlineMessage()
        box.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = button(self.tr("Cancel"), self.reject)
        self.preview_button = button(self.tr("Preview…"), self.preview, role="primary")
        self.preview_button.setDefault(True)
        row.addWidget(self.cancel_button)
        row.addWidget(self.preview_button)
        box.addLayout(row)
        screen = self.screen().availableGeometry()
        wanted = body.sizeHint() + QSize(40, 3 * self.fontMetrics().height() + 60)
        self.resize(
            min(wanted.width(), screen.width() - 40), min(wanted.height(), screen.height() - 60)
        )
        self.building = False
        self.cancelled = False

    def _caption(self, text: str, field: QWidget) -> QLabel:
        return label(text, wrap=False, buddy=field)

    # -- choices -----------------------------------------------------------------------------

    def bring_items(self) -> tuple[str, ...]:
        lines = (" ".join(line.split()) for line in self.bring.toPlainText().splitlines())
        return tuple(line for line in lines if line)

    def choices(self) -> NoticeChoices | None:
        """The choices, or None after saying inline what is wrong (and focusing it)."""
        time = " ".join(self.time.text().split())
        venue = " ".join(self.venue.text().split())
        note = " ".join(self.note.text().split())
        bring = self.bring_items()
        if not time or not venue:
            self._refuse(
                self.tr("Give the time and the venue."), self.time if not time else self.venue
            )
            return None
        checks: list[tuple[str, str, QWidget]] = [
            ("note", time, self.time),
            ("venue", venue, self.venue),
            *(("note", item, self.bring) for item in bring),
            ("note", note, self.note),
        ]
        for field, value, widget in checks:
            try:
                check_free_text(field, value)
            except DxError as exc:
                self._refuse(error_text(exc, self.lang), widget)
                return None
        per_page = self.per_page_group.checkedId()
        return NoticeChoices(
            pydate(self.date.date()), time, venue, bring, note, per_page if per_page > 0 else 4
        )

    def _refuse(self, text: str, widget: QWidget) -> None:
        self.message.show_text(text)
        self.fit_height()
        widget.setFocus()

    # -- making the PDF ------------------------------------------------------------------------

    def preview(self) -> None:
        if self.building:
            return
        choices = self.choices()
        if choices is None:
            return
        self.message.clear_text()
        lang, helpline = self.lang, self.helpline
        options = self.services.handout_options(venue=choices.venue)
        self._set_building(True)
        self.services.tasks.run(
            lambda: build_notice(choices, lang, options, helpline),
            self._built,
            self._failed,
            self.tr("Making the PDF…"),
        )

    def reject(self) -> None:
        self.cancelled = True  # a PDF still being made is dropped when it arrives
        super().reject()

    def _set_building(self, building: bool) -> None:
        self.building = building
        self.preview_button.setEnabled(not building)

    def _built(self, pdf: Pdf) -> None:
        self._set_building(False)
        if self.cancelled:
            return
        self.built.emit(pdf)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self._set_building(False)
        if self.cancelled:
            return
        self._refuse(error_text(exc, self.lang), self.bring)
