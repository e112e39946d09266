"""Small building blocks every screen shares: titles, big buttons, inline messages, cards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QLabel,
    QLayout,
    QLayoutItem,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dxhelper.core.errors import DxError

if TYPE_CHECKING:
    from dxhelper.ui.services import Services

ID_ROLE = Qt.ItemDataRole.UserRole  # where a list row keeps the id of what it shows


def label(text: str, role: str = "", *, wrap: bool = True, buddy: QWidget | None = None) -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(wrap)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if role:
        widget.setProperty("role", role)
    if buddy is not None:
        # A field's caption stays on one line: a wrapping caption makes form layouts
        # misjudge their height and rows overlap at large text sizes.
        widget.setWordWrap(False)
        widget.setBuddy(buddy)
        buddy.ensurePolished()  # the style sheet's min-height is known only after polishing
        widget.setMinimumHeight(buddy.sizeHint().height())  # centred beside its field
        widget.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return widget


class SteadyLabel(QWidget):
    """A label whose text changes often (a count, a total) without laying the screen out
    again: a QLabel lays out every widget above it at each new text, which on the Session
    screen cost most of a tick. This holds the label and passes the change up only when the
    room it needs changed: its height at the width it has, or a word wider than it."""

    def __init__(self, text: str = "", role: str = "", *, wrap: bool = True) -> None:
        super().__init__()
        self.label = label(text, role, wrap=wrap)
        self.label.setParent(self)
        self.setSizePolicy(self.label.sizePolicy())
        self._room = self._needed()

    def text(self) -> str:
        return self.label.text()

    def setText(self, text: str) -> None:
        self.label.setText(text)

    def clear(self) -> None:
        self.label.clear()

    def setFont(self, font: QFont) -> None:
        self.label.setFont(font)
        self.updateGeometry()

    def setAccessibleName(self, name: str) -> None:
        self.label.setAccessibleName(name)

    def accessibleName(self) -> str:
        return self.label.accessibleName()

    def sizeHint(self) -> QSize:
        return self.label.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.label.minimumSizeHint()

    def hasHeightForWidth(self) -> bool:
        return self.label.hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:
        return self.label.heightForWidth(width)

    def _needed(self) -> tuple[int, int]:
        height = (
            self.label.heightForWidth(self.width())
            if self.label.hasHeightForWidth() and self.width() > 0
            else self.label.sizeHint().height()
        )
        return height, self.label.minimumSizeHint().width()

    def resizeEvent(self, event) -> None:
        self.label.setGeometry(self.rect())
        self._room = self._needed()
        super().resizeEvent(event)

    def showEvent(self, event) -> None:
        self._room = self._needed()  # the text may have changed while hidden
        super().showEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # the label's text or font changed
            needed = self._needed()
            height, narrowest = needed
            # Another height, or a word wider than the label: the layout must know. A new
            # narrowest width that still fits does not matter (a count's digits are not all
            # equally wide: "11" and "10" would lay the screen out again).
            if height != self._room[0] or narrowest > self.width():
                self.updateGeometry()
            self._room = needed
            self.label.setGeometry(self.rect())
            return True
        return super().event(event)


def button(
    text: str,
    on_click: Callable[[], None] | None = None,
    *,
    role: str = "",
    accessible: str = "",
    tip: str = "",
) -> QPushButton:
    widget = QPushButton(text)
    widget.setAccessibleName(accessible or text.replace("&", ""))
    if role:
        widget.setProperty("role", role)
    if tip:
        widget.setToolTip(tip)
    if on_click is not None:
        widget.clicked.connect(lambda _checked=False: on_click())
    widget.setAutoDefault(False)
    return widget


def card(*children: QWidget) -> QFrame:
    frame = QFrame()
    frame.setProperty("role", "card")
    layout = QVBoxLayout(frame)
    for child in children:
        layout.addWidget(child)
    return frame


def list_box(accessible: str, rows: int = 5) -> QListWidget:
    """A list with room for a few rows at any text size; it scrolls beyond that."""
    widget = QListWidget()
    widget.setAccessibleName(accessible)
    widget.setMinimumHeight(round(widget.fontMetrics().height() * (rows * 1.5 + 0.5)))
    return widget


def fill_list(widget: QListWidget, rows: list[tuple[str, str, bool]], select: str = "") -> None:
    """Replace the rows (id, text, marked in bold); keep the selected id unless told which to
    select. Refilling is not the user choosing a row: no selection signals."""
    current = widget.currentItem()
    keep = select or (current.data(ID_ROLE) if current is not None and current.isSelected() else "")
    widget.blockSignals(True)
    widget.clear()
    for ident, text, marked in rows:
        item = QListWidgetItem(text)
        item.setData(ID_ROLE, ident)
        if marked:
            font = QFont(widget.font())
            font.setBold(True)
            item.setFont(font)
        widget.addItem(item)
        if ident == keep:
            widget.setCurrentItem(item)
    widget.blockSignals(False)


def stacked_form() -> QFormLayout:
    """A form with each label above its field: nothing to line up, and room for long words
    at 200 %."""
    form = QFormLayout()
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
    return form


def button_row(*buttons: QWidget) -> QLayout:
    """Buttons side by side, wrapping when the window is narrow."""
    row = FlowLayout()
    for widget in buttons:
        row.addWidget(widget)
    return row


def date_text(day: dt.date, lang: str) -> str:
    """A date as people write it: 2026年11月9日（月） / Mon 09 Nov 2026."""
    if lang == "en":
        return day.strftime("%a %d %b %Y")
    weekday = "月火水木金土日"[day.weekday()]
    return f"{day.year}年{day.month}月{day.day}日（{weekday}）"


class InlineMessage(QLabel):
    """A message shown in place (a refusal beside the field that caused it), hidden when empty."""

    def __init__(self, role: str = "error") -> None:
        super().__init__()
        self.setProperty("role", role)
        self.setWordWrap(True)
        self.setAccessibleName("message")
        self.hide()

    def show_text(self, text: str) -> None:
        self.setText(text)
        # A screen reader says the message itself, not the word "message" (issue 19 §6).
        self.setAccessibleName(text or "message")
        self.setVisible(bool(text))

    def clear_text(self) -> None:
        self.show_text("")


def error_text(exc: Exception, lang: str) -> str:
    if isinstance(exc, DxError):
        return exc.message(lang)
    return str(exc) or exc.__class__.__name__


def scrolling_page(page: QWidget, *, spacing: int) -> QVBoxLayout:
    """A screen whose content scrolls as one (at 200 % text it may not fit): the layout to
    fill, inside a frameless scroll area that fills `page`."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    inner = QWidget()
    scroll.setWidget(inner)
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)
    box = QVBoxLayout(inner)
    box.setContentsMargins(24, 20, 24, 20)
    box.setSpacing(spacing)
    return box


def show_error(parent: QWidget | None, title: str, exc: Exception | str, lang: str) -> QMessageBox:
    """A window-modal message that does not block the caller (tests and workers stay live)."""
    text = exc if isinstance(exc, str) else error_text(exc, lang)
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()
    return box


class FlowLayout(QLayout):
    """Widgets side by side, wrapping onto the next line when the window is narrow.

    Each widget keeps its full width, so at 150 % and 200 % text a row of buttons wraps instead
    of being squeezed until its words are cut.
    """

    def __init__(self, gap: int = 8) -> None:
        super().__init__()
        self.setContentsMargins(0, 0, 0, 0)
        self._gap = gap
        self._items: list[QLayoutItem] = []

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        gap = self._gap
        hints = [item.sizeHint() for item in self._items]
        width = sum(h.width() for h in hints) + gap * max(0, len(hints) - 1)
        return QSize(width, max((h.height() for h in hints), default=0))

    def minimumSize(self) -> QSize:
        # The widest button whole, never less.
        hints = [item.sizeHint() for item in self._items]
        return QSize(
            max((h.width() for h in hints), default=0), max((h.height() for h in hints), default=0)
        )

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        gap = self._gap
        x, y, line_height = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x > rect.x() and x + hint.width() > rect.right() + 1:
                x, y, line_height = rect.x(), y + line_height + gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + gap
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y()


class Dialog(QDialog):
    """A dialog that is always big enough for its wrapped text, and never bigger than the screen.

    Qt sizes a new dialog from its size hint, which for wrapping labels is computed at a
    narrower width than the dialog gets; at 150 % text the rows then overlap. On showing,
    and whenever a message appears in it (`fit_height`), the dialog is made as wide as its
    unwrappable parts need and, while its wrapped text would make it taller than the screen,
    wider still (wrapped lines get fewer), up to the screen's available width; then as tall as
    the layout needs at that width, up to the screen's available height (issue 19 §2: 200 %
    text on a 1366×768 laptop). A label too long for the screen on one line wraps.
    """

    SCREEN_MARGIN = 40  # the window frame and a little room on each side
    TITLE_BAR = 60  # the window's title bar and the taskbar's share
    _scroll: QScrollArea | None = None

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.fit_height()

    def _needed_height(self, layout, width: int) -> int:
        layout.activate()
        if layout.hasHeightForWidth():
            return layout.totalHeightForWidth(width)
        return layout.totalSizeHint().height()

    def fit_height(self) -> None:
        """Grow to fit the content (a shown window does not grow by itself)."""
        layout = self.layout()
        if layout is None:
            return
        screen = self.screen()
        if screen is None:
            layout.activate()
            needed = self._needed_height(layout, self.width())
            if needed > self.height():
                self.resize(self.width(), needed)
            return
        room = screen.availableGeometry()
        max_width = room.width() - self.SCREEN_MARGIN
        max_height = room.height() - self.TITLE_BAR
        self._wrap_long_labels(max_width)
        layout.activate()
        if layout.totalMinimumSize().height() > max_height and self._scroll is None:
            layout = self._scroll_content(layout)
            layout.activate()
        least = layout.totalMinimumSize().width()
        if self._scroll is not None:  # (a new layout's minimum is known only once shown)
            margins = layout.contentsMargins()
            least = max(least, self._scroll.minimumWidth() + margins.left() + margins.right())
        width = min(max(self.width(), least), max_width)
        needed = self._needed_height(layout, width)
        step = max(40, self.fontMetrics().averageCharWidth() * 6)
        while needed > max_height and width < max_width:
            wider = min(width + step, max_width)
            taller = self._needed_height(layout, wider)
            if taller >= needed:  # nothing left to unwrap: no wider than it helps
                break
            width, needed = wider, taller
        height = min(max(needed, self.height()), max_height)
        if (width, height) != (self.width(), self.height()):
            self.setMaximumSize(max(self.maximumWidth(), width), max(self.maximumHeight(), height))
            self.resize(width, height)
        self._keep_on_screen(room)

    def _scroll_content(self, layout: QLayout) -> QLayout:
        """Content that cannot be squeezed under the screen's height scrolls, the buttons
        at the bottom (the layout's last line) staying in view under it."""
        buttons = None
        last = layout.itemAt(layout.count() - 1) if layout.count() else None
        if isinstance(layout, QVBoxLayout) and last is not None and last.layout() is not None:
            buttons = last.layout()
            layout.takeAt(layout.count() - 1)
        inner = QWidget()
        inner.setLayout(layout)  # takes the layout, and its widgets, from the dialog
        inner.setAutoFillBackground(False)
        scroll = self._scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        scroll.viewport().setAutoFillBackground(False)  # the dialog's paper, not grey
        scroll.viewport().setObjectName("dialogScroll")
        inner.setObjectName("dialogScroll")
        scroll.setStyleSheet("QWidget#dialogScroll { background: transparent; }")
        bar = scroll.verticalScrollBar().sizeHint().width()
        scroll.setMinimumWidth(inner.minimumSizeHint().width() + bar)
        outer = QVBoxLayout(self)
        margins = layout.contentsMargins()
        outer.setContentsMargins(0, 0, margins.right(), margins.bottom())
        outer.addWidget(scroll, 1)
        if buttons is not None:
            outer.addLayout(buttons)
        return outer

    def _wrap_long_labels(self, max_width: int) -> None:
        for widget in self.findChildren(QLabel):
            if widget.wordWrap() or (widget.pixmap() is not None and not widget.pixmap().isNull()):
                continue
            if widget.fontMetrics().horizontalAdvance(widget.text()) > max_width - 60:
                widget.setWordWrap(True)

    def _keep_on_screen(self, room) -> None:
        if not self.isVisible():
            return
        frame = self.frameGeometry()
        x = min(max(frame.x(), room.x()), max(room.x(), room.right() - frame.width()))
        y = min(max(frame.y(), room.y()), max(room.y(), room.bottom() - frame.height()))
        if (x, y) != (frame.x(), frame.y()):
            self.move(x, y)


class _ChangeFollower(QObject):
    """Lives as a child of its screen, so Qt drops the connection when the screen is deleted
    (an old window after a language change never hears of later changes)."""

    def __init__(self, screen: QWidget, services: Services) -> None:
        super().__init__(screen)
        self._screen = screen
        services.events.changed.connect(self._changed)

    @Slot(object)
    def _changed(self, source: object) -> None:
        screen = self._screen
        if source is screen or not screen.isVisible():
            return
        screen.refresh()  # type: ignore[attr-defined]


def follow_data_changes(screen: QWidget, services: Services) -> None:
    """Call `screen.refresh()` when another screen says records changed
    (`services.data_changed`). Call it at the end of the screen's constructor.

    Only a screen on view refreshes at once: the main window refreshes every screen it shows
    again, so a hidden one catches up then, without work nobody sees (a report rebuilt after
    each edit of a resident).
    """
    _ChangeFollower(screen, services)
