"""Plan a session ahead: date, times, venue, kind, title, places, lessons, and whether it repeats
(every week, every other week, every month until a date, with dates to skip)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dxhelper.core.errors import DxError, ValidationError
from dxhelper.core.models import SessionKind
from dxhelper.core.planning import MAX_CAPACITY, MAX_TITLE, Every, Plan, series_dates
from dxhelper.ui.lesson_picker import LessonPicker
from dxhelper.ui.services import Services
from dxhelper.ui.session_header import date_edit, pydate, qdate, time_edit
from dxhelper.ui.widgets import Dialog, InlineMessage, button, date_text, error_text, label

NO_REPEAT = ""


class PlanDialog(Dialog):
    """`plans` holds what was planned once saved (one plan, or every date of a series)."""

    def __init__(self, services: Services, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.today = today
        self.plans: list[Plan] = []
        self.lesson_ids: list[str] = []
        self.setWindowTitle(self.tr("Plan a session"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("n" * 56))
        self._build()
        self._repeat_chosen()

    def _build(self) -> None:
        lang = self.services.lang
        outer = QVBoxLayout(self)
        outer.addWidget(label(self.tr("Plan a session"), "title"))
        # The fields scroll inside at 200 % on a 768 px screen; the buttons stay in sight.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget()
        scroll.setWidget(inner)
        outer.addWidget(scroll, 1)
        box = QVBoxLayout(inner)
        box.setContentsMargins(0, 0, 8, 0)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.date = date_edit(self.tr("Date"))
        self.date.setDate(qdate(self.today + dt.timedelta(days=7)))
        self.start = time_edit(self.tr("Start time"))
        self.start.setTime(QTime(10, 0))
        self.end = time_edit(self.tr("End time"))
        self.end.setTime(QTime(12, 0))
        times = QHBoxLayout()
        times.addWidget(self.start)
        times.addWidget(label("–", wrap=False))
        times.addWidget(self.end)
        times.addStretch(1)
        self.venue = QComboBox()
        self.venue.setAccessibleName(self.tr("Venue"))
        for venue in self.services.store.list_venues():
            self.venue.addItem(venue.name, venue.id)
        chosen = self.venue.findData(self.services.settings.get("default_venue_id"))
        self.venue.setCurrentIndex(max(chosen, 0))
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Kind of session"))
        for kind in SessionKind:
            self.kind.addItem(kind.label(lang), kind.value)
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(MAX_TITLE)
        self.title_edit.setAccessibleName(self.tr("Title"))
        self.title_edit.setPlaceholderText(self.tr("e.g. Smartphone class for beginners"))
        self.capacity = QSpinBox()
        self.capacity.setRange(1, MAX_CAPACITY)
        self.capacity.setValue(20)
        self.capacity.setAccessibleName(self.tr("Places"))
        self.capacity.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel needs the focus
        self.lessons_text = label(self.tr("No lessons chosen yet."), "muted")
        self.lessons_button = button(self.tr("Choose lessons…"), self.choose_lessons)
        lessons = QVBoxLayout()
        lessons.addWidget(self.lessons_text)
        lessons.addWidget(self.lessons_button, 0, Qt.AlignmentFlag.AlignLeft)
        form.addRow(label(self.tr("&Date"), buddy=self.date), self.date)
        form.addRow(label(self.tr("&Time"), buddy=self.start), times)
        form.addRow(label(self.tr("&Venue"), buddy=self.venue), self.venue)
        form.addRow(label(self.tr("&Kind"), buddy=self.kind), self.kind)
        form.addRow(label(self.tr("T&itle"), buddy=self.title_edit), self.title_edit)
        form.addRow(label(self.tr("&Places"), buddy=self.capacity), self.capacity)
        form.addRow(label(self.tr("Lessons"), buddy=self.lessons_button), lessons)

        self.repeat = QComboBox()
        self.repeat.setAccessibleName(self.tr("Repeat"))
        self.repeat.addItem(self.tr("Only this date"), NO_REPEAT)
        for every in Every:
            self.repeat.addItem(every.label(lang), every.value)
        form.addRow(label(self.tr("&Repeat"), buddy=self.repeat), self.repeat)
        self.until = date_edit(self.tr("Until"))
        self.until.setDate(qdate(self.today + dt.timedelta(days=90)))
        self.until_label = label(self.tr("&Until"), buddy=self.until)
        form.addRow(self.until_label, self.until)
        box.addLayout(form)

        self.skip_section = QWidget()
        skip = QVBoxLayout(self.skip_section)
        skip.setContentsMargins(0, 0, 0, 0)
        skip.addWidget(label(self.tr("Untick the dates with no class (holidays):"), "muted"))
        self.dates = QListWidget()
        self.dates.setAccessibleName(self.tr("Dates of the series"))
        self.dates.setMinimumHeight(self.fontMetrics().height() * 6)
        skip.addWidget(self.dates)
        box.addWidget(self.skip_section, 1)

        self.message = InlineMessage()
        outer.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button(self.tr("Cancel"), self.reject))
        self.save_button = button(self.tr("Plan it"), self.save, role="primary")
        self.save_button.setDefault(True)
        row.addWidget(self.save_button)
        outer.addLayout(row)
        screen = self.screen()
        if screen is not None:
            self.setMaximumHeight(screen.availableGeometry().height() - 40)
        scroll.setMinimumHeight(min(inner.sizeHint().height(), self.fontMetrics().height() * 12))

        self.repeat.currentIndexChanged.connect(self._repeat_chosen)
        self.date.dateChanged.connect(self._fill_dates)
        self.until.dateChanged.connect(self._fill_dates)

    # -- the series' dates -------------------------------------------------------------------------

    def _repeat_chosen(self) -> None:
        repeats = self.repeat.currentData() != NO_REPEAT
        for widget in (self.until, self.until_label, self.skip_section):
            widget.setVisible(repeats)
        self._fill_dates()
        if self.isVisible():
            self.fit_height()

    def _fill_dates(self) -> None:
        self.dates.clear()
        every = self.repeat.currentData()
        if every == NO_REPEAT:
            return
        first, until = pydate(self.date.date()), pydate(self.until.date())
        for day in series_dates(first, until, every) if until >= first else []:
            item = QListWidgetItem(date_text(day, self.services.lang))
            item.setData(Qt.ItemDataRole.UserRole, day.isoformat())
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.dates.addItem(item)

    def skip_date(self, day: dt.date) -> None:
        """Untick a date (a holiday): it is planned as cancelled."""
        for row in range(self.dates.count()):
            item = self.dates.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == day.isoformat():
                item.setCheckState(Qt.CheckState.Unchecked)

    def skipped(self) -> list[dt.date]:
        return [
            dt.date.fromisoformat(self.dates.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.dates.count())
            if self.dates.item(row).checkState() != Qt.CheckState.Checked
        ]

    # -- lessons ---------------------------------------------------------------------------------

    def choose_lessons(self) -> LessonPicker:
        picker = LessonPicker(self.services.catalogue, self.services.lang, self.lesson_ids, self)
        picker.accepted.connect(lambda: self.set_lessons(picker.chosen()))
        picker.open()
        return picker

    def set_lessons(self, lesson_ids: list[str]) -> None:
        self.lesson_ids = [i for i in lesson_ids if i in self.services.catalogue]
        titles = [self.services.catalogue.get(i, self.services.lang).title for i in self.lesson_ids]
        self.lessons_text.setText(
            "、".join(titles) if titles else self.tr("No lessons chosen yet.")
        )

    # -- saving ----------------------------------------------------------------------------------

    def save(self) -> None:
        planning = self.services.store.planning
        common = {
            "start_time": self.start.time().toString("HH:mm"),
            "end_time": self.end.time().toString("HH:mm"),
            "venue_id": self.venue.currentData() or "",
            "kind": SessionKind(self.kind.currentData()),
            "capacity": self.capacity.value(),
            "lesson_ids": self.lesson_ids,
        }
        title = self.title_edit.text().strip()
        first = pydate(self.date.date())
        try:
            if first < self.today:
                raise ValidationError(
                    "date", "過去の日付は予定できません。", "A plan cannot be in the past."
                )
            every = self.repeat.currentData()
            if every == NO_REPEAT:
                self.plans = [planning.add_plan(date=first, title=title, **common)]
            else:
                _series, self.plans = planning.add_series(
                    title=title,
                    first_date=first,
                    until=pydate(self.until.date()),
                    every=every,
                    skip=self.skipped(),
                    **common,
                )
        except DxError as exc:
            self.message.show_text(error_text(exc, self.services.lang))
            self.fit_height()
            return
        self.services.data_changed(None)
        self.accept()


def set_date(edit, day: dt.date) -> None:
    edit.setDate(QDate(day.year, day.month, day.day))
