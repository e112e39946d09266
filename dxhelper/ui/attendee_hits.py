"""The hit list under the attendee search: two lines a person, enough to tell namesakes apart.

Line one: name （nickname）, age band, and （出席済み） for someone already in the session;
line two: the reading, the district if any, and when and where they last came. People already
present come last (the store's order) and are drawn in grey. The highlighted row is the one
Enter adds; it is drawn in the accent colour whether or not the list has the focus, because
the focus stays in the search box.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from dxhelper.core.models import AttendeeHit, Resident
from dxhelper.ui.style import ACCENT, INK

LINE_ROLE = Qt.ItemDataRole.UserRole + 1  # (first line, second line)
PRESENT_ROLE = Qt.ItemDataRole.UserRole + 2
ID_ROLE = Qt.ItemDataRole.UserRole
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
GREY = "#6b6b6b"  # 5.3:1 on white: readable, yet plainly "not this one"
RULE = "#d5d9de"
NUMBERED_ROWS = 9  # rows 1–9 carry their number: typing it adds that row


def resident_words(resident: Resident, lang: str) -> list[str]:
    """Name （nickname）, reading, age band, district: what tells one person from another."""
    name = resident.display_name
    if resident.nickname:
        name += f"（{resident.nickname}）"
    words = [name]
    if resident.kana:
        words.append(resident.kana)
    words.append(resident.age_band.label(lang))
    if resident.district:
        words.append(resident.district)
    return words


def short_date(day: dt.date, lang: str, today: dt.date) -> str:
    """11/20 or 2025/11/20; 20 Nov or 20 Nov 2025 (the year only when it is not this one)."""
    if lang == "en":
        text = f"{day.day} {MONTHS[day.month - 1]}"
        return text if day.year == today.year else f"{text} {day.year}"
    text = f"{day.month}/{day.day}"
    return text if day.year == today.year else f"{day.year}/{text}"


class HitDelegate(QStyledItemDelegate):
    """Paints a hit's two lines; the second in a quieter grey."""

    def _padding(self, option: QStyleOptionViewItem) -> int:
        return max(4, option.fontMetrics.height() // 3)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        metrics = option.fontMetrics
        return QSize(0, metrics.lineSpacing() * 2 + self._padding(option) * 2 + 1)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        first, second = index.data(LINE_ROLE) or ("", "")
        present = bool(index.data(PRESENT_ROLE))
        selected = bool(option.state & option.state.State_Selected)
        rect = option.rect
        pad = self._padding(option)
        painter.save()
        painter.fillRect(rect, QColor(ACCENT) if selected else QColor("white"))
        painter.setPen(QPen(QColor(RULE), 1))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        metrics = option.fontMetrics
        width = rect.width() - 2 * pad
        top = QRect(rect.left() + pad, rect.top() + pad, width, metrics.lineSpacing())
        bottom = top.translated(0, metrics.lineSpacing())
        ink = QColor("white") if selected else QColor(GREY if present else INK)
        quiet = QColor("white") if selected else QColor(GREY)
        font = QFont(option.font)
        font.setBold(not present)
        painter.setFont(font)
        painter.setPen(ink)
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        elide = Qt.TextElideMode.ElideRight
        painter.drawText(top, align, painter.fontMetrics().elidedText(first, elide, width))
        painter.setFont(option.font)
        painter.setPen(quiet)
        painter.drawText(bottom, align, metrics.elidedText(second, elide, width))
        painter.restore()


class HitList(QListWidget):
    """The residents found for what was typed, best first, present people last."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.hits: list[AttendeeHit] = []
        self.setItemDelegate(HitDelegate(self))
        self.setUniformItemSizes(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # The search box keeps the focus: typing goes on while ↑/↓ move the highlight.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def row_height(self) -> int:
        return self.sizeHintForRow(0) if self.count() else self.fontMetrics().lineSpacing() * 3

    def show_hits(self, hits: list[AttendeeHit], today: dt.date | None = None) -> None:
        """Replace the rows; nothing is highlighted afterwards."""
        today = today or dt.date.today()
        self.hits = list(hits)
        self.blockSignals(True)
        self.clear()
        for number, hit in enumerate(hits, start=1):
            first, second = self.lines(hit, today)
            if number <= NUMBERED_ROWS:  # typing the number adds the row
                first = f"{number}  {first}"
            item = QListWidgetItem(f"{first}\n{second}")
            item.setData(ID_ROLE, hit.resident.id)
            item.setData(LINE_ROLE, (first, second))
            item.setData(PRESENT_ROLE, hit.present)
            item.setToolTip(f"{first}\n{second}")
            self.addItem(item)
        self.setCurrentRow(-1)
        self.clearSelection()
        self.blockSignals(False)

    def lines(self, hit: AttendeeHit, today: dt.date) -> tuple[str, str]:
        resident = hit.resident
        words = resident_words(resident, self.lang)
        name, age = words[0], resident.age_band.label(self.lang)
        first = f"{name}  {age}"
        if hit.present:
            first += "  " + self.tr("(already here)")
        second = [resident.kana] if resident.kana else []
        if resident.district:
            second.append(resident.district)
        if hit.last_date == today:
            second.append(self.tr("today, {venue}").format(venue=hit.last_venue))
        elif hit.last_date is not None:
            second.append(
                self.tr("last {date}, {venue}").format(
                    date=short_date(hit.last_date, self.lang, today), venue=hit.last_venue
                )
            )
        else:
            second.append(self.tr("not come yet"))
        return first, "  ".join(second)

    # -- the highlight -------------------------------------------------------------------------

    def highlighted(self) -> int:
        """The highlighted row, or -1 when the volunteer has not chosen one."""
        item = self.currentItem()
        return self.row(item) if item is not None and item.isSelected() else -1

    def highlight(self, row: int) -> None:
        if 0 <= row < self.count():
            self.setCurrentRow(row)
            self.scrollToItem(self.item(row))
        else:
            self.setCurrentRow(-1)
            self.clearSelection()

    def move_highlight(self, step: int) -> None:
        """↓ from nothing highlights the first row; ↑ from the first row highlights none."""
        row = self.highlighted()
        if row < 0:
            self.highlight(0 if step > 0 else -1)
        else:
            self.highlight(min(row + step, self.count() - 1))

    def rows_in_sight(self) -> int:
        """Rows wholly on screen: inside this list and every scrolled page around it, and
        inside the window (what a volunteer can read without scrolling)."""
        if not self.count() or not self.isVisible():
            return 0
        window = self.window()
        view = self.viewport()
        clip = QRect(view.mapTo(window, QPoint(0, 0)), view.size()) & window.rect()
        parent = self.parentWidget()
        while parent is not None and parent is not window:
            if isinstance(parent, QAbstractScrollArea):
                port = parent.viewport()
                clip &= QRect(port.mapTo(window, QPoint(0, 0)), port.size())
            parent = parent.parentWidget()
        shown = 0
        for row in range(self.count()):
            rect = self.visualItemRect(self.item(row))
            if clip.contains(QRect(view.mapTo(window, rect.topLeft()), rect.size())):
                shown += 1
        return shown
