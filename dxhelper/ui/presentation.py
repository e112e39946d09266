"""Presentation mode: one lesson shown to a room one step at a time, very large, with its QR code.

The audience window goes full screen on a projector when one is connected; the volunteer then
steers from a small presenter panel on the laptop that always shows what comes next (that panel,
and opening a presentation with it, are in presenter.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QPixmap,
    QResizeEvent,
    QScreen,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from dxhelper.core.lessons.model import Lesson, Step
from dxhelper.core.qr_policy import qr_target
from dxhelper.ui.lesson_html import Look, blocks_html, blocks_plain
from dxhelper.ui.qr_image import qr_image
from dxhelper.ui.style import ACCENT_DARK, INK
from dxhelper.ui.widgets import label

TITLE_FACTOR = 2.2  # step title, times the app font
TEXT_FACTOR = 1.6  # step text, times the app font
ADDRESS_FACTOR = 1.1  # the address under the QR code
LESSON_FACTOR = 1.0  # the lesson title at the top stays small
FIT_STEP = 0.92  # shrink by this much at a time until a long step fits the screen
# A room needs bigger letters than a laptop: at least this size per 720 px of screen height
# (16 pt ≈ 21 px), so the step text is ~34 px on a 720p projector and ~51 px on 1080p.
ROOM_POINTS_PER_720PX = 16.0

NEXT_KEYS = {Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Space}
PREVIOUS_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace}


# -- helpers -----------------------------------------------------------------------------------


def breakable(url: str) -> str:
    """The address with zero-width spaces after / . - so a long one wraps instead of being cut."""
    out = []
    for index, char in enumerate(url):
        out.append(char)
        if char in "/.-_?&=" and index + 1 < len(url) and url[index + 1] != "/":
            out.append("\u200b")
    return "".join(out)


def _scaled(font: QFont, factor: float) -> QFont:
    scaled = QFont(font)
    scaled.setPointSizeF(max(1.0, font.pointSizeF() * factor))
    return scaled


# -- the audience's view -----------------------------------------------------------------------


class AudienceView(QWidget):
    """One step, as large as the screen allows without cutting anything off.

    Sizes are factors of a base font: the app font (so the text-size setting counts) or, when
    larger, a size that grows with the screen height so a room can read it. A long step
    shrinks bit by bit until it fits; only if it is still too long at the app's own text size
    does a scroll bar appear.
    """

    def __init__(
        self,
        lesson: Lesson,
        lang: str,
        index: int = 0,
        *,
        trusted_domains: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.lesson = lesson
        self.lang = lang
        self.trusted_domains = tuple(trusted_domains)
        self._index = 0
        self._fit = 1.0
        self._qr_url: str | None = None
        self._base = QFont(QApplication.font())
        self._build()
        self.set_index(index)

    def _build(self) -> None:
        self.setObjectName("audience")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(
            "#audience { background: white; }"
            f" QLabel#stepTitle {{ color: {ACCENT_DARK}; font-weight: bold; }}"
            " QLabel#lessonTitle, QLabel#position { color: #4a4a4a; }"
            f" QLabel#qrLabel {{ color: {INK}; font-weight: bold; }}"
        )
        self.setAccessibleName(self.tr("Presentation"))
        outer = QVBoxLayout(self)
        self._outer = outer

        top = QHBoxLayout()
        self.lesson_label = self._label("lessonTitle", self.tr("Lesson title"))
        self.lesson_label.setText(self.lesson.title)
        self.position_label = self._label("position", self.tr("Step number"))
        self.position_label.setWordWrap(False)
        self.position_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.lesson_label, 1)
        top.addWidget(self.position_label, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(top)
        self._top = top

        body = QHBoxLayout()
        self._body = body
        self.title_label = self._label("stepTitle", self.tr("Step title"))
        self.text_label = self._label("stepText", self.tr("Step text"))
        self.text_label.setTextFormat(Qt.TextFormat.RichText)
        column = QWidget()
        column.setObjectName("textColumn")
        column.setAutoFillBackground(False)
        text_box = QVBoxLayout(column)
        text_box.setContentsMargins(0, 0, 0, 0)
        text_box.addWidget(self.title_label)
        text_box.addWidget(self.text_label)
        text_box.addStretch(1)
        self._text_box = text_box
        # Only a step too long for the screen even at the smallest size ever scrolls.
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setAccessibleName(self.tr("Step"))
        self.scroll.setStyleSheet("QScrollArea, #textColumn { background: transparent; }")
        self.scroll.viewport().setAutoFillBackground(False)
        self.scroll.setWidget(column)
        body.addWidget(self.scroll, 1)

        self.qr_box = QWidget()
        qr_column = QVBoxLayout(self.qr_box)
        qr_column.setContentsMargins(0, 0, 0, 0)
        self.qr_picture = QLabel()
        self.qr_picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_picture.setAccessibleName(self.tr("QR code"))
        self.qr_picture.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.qr_caption = self._label("qrLabel", self.tr("What the QR code opens"))
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.address_label = self._label("address", self.tr("Web address"))
        self.address_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        qr_column.addWidget(self.qr_picture)
        qr_column.addWidget(self.qr_caption)
        qr_column.addWidget(self.address_label)
        qr_column.addStretch(1)
        self._qr_column = qr_column
        body.addWidget(self.qr_box, 0)
        outer.addLayout(body, 1)

    def _label(self, name: str, accessible: str) -> QLabel:
        widget = label("")
        widget.setObjectName(name)
        widget.setAccessibleName(accessible)
        # Nothing here takes focus: every key belongs to the presentation's navigation.
        widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return widget

    # -- state ---------------------------------------------------------------------------------

    @property
    def index(self) -> int:
        return self._index

    @property
    def count(self) -> int:
        return len(self.lesson.steps)

    def step(self) -> Step | None:
        return self.lesson.steps[self._index] if self.lesson.steps else None

    def set_index(self, index: int) -> None:
        self._index = max(0, min(index, self.count - 1)) if self.count else 0
        step = self.step()
        self.position_label.setText(
            self.tr("{n} / {total}").format(n=self._index + 1 if step else 0, total=self.count)
        )
        self.position_label.setAccessibleDescription(
            self.tr("Step {n} of {total}").format(n=self._index + 1, total=self.count)
        )
        self.title_label.setText(step.title if step else "")
        self.title_label.setAccessibleDescription(step.title if step else "")
        self.text_label.setAccessibleDescription(self.step_text())
        target = qr_target(step, self.lesson, self.trusted_domains)
        self._qr_url = target[1] if target else None
        self.qr_box.setVisible(target is not None)
        if target is not None:
            label_text, url = target
            self.qr_caption.setText(label_text)
            self.qr_caption.setVisible(bool(label_text))
            self.address_label.setText(breakable(url))
            self.address_label.setAccessibleDescription(url)
            self.qr_picture.setAccessibleDescription(
                self.tr("Scan it to open {url}").format(url=url)
            )
        self.scroll.verticalScrollBar().setValue(0)
        self._relayout()

    def step_text(self) -> str:
        step = self.step()
        return blocks_plain(step.blocks) if step else ""

    @property
    def qr_url(self) -> str | None:
        return self._qr_url

    def qr_pixmap(self) -> QPixmap | None:
        return self.qr_picture.pixmap() if self._qr_url else None

    # -- sizes ---------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._base = QFont(self.font())
            self._relayout()

    def _relayout(self) -> None:
        """Choose font sizes and the QR size for the current size; the layouts do the rest.

        Done here from our own arithmetic, not after the layout ran, so a grab() right after
        resize() already shows the final picture.
        """
        width, height = self.width(), self.height()
        if width < 100 or height < 100:
            return
        app_points = self._base.pointSizeF()
        room = QFont(self._base)
        room.setPointSizeF(max(app_points, height / 720 * ROOM_POINTS_PER_720PX))
        unit = QFontMetrics(room).height()
        margin = round(unit * 0.9)
        gap = round(unit * 0.6)
        self._outer.setContentsMargins(margin, round(margin * 0.6), margin, margin)
        self._outer.setSpacing(gap)
        self._body.setSpacing(round(unit * 1.4))
        self._text_box.setSpacing(gap)
        self._qr_column.setSpacing(round(gap * 0.5))

        self.lesson_label.setFont(_scaled(room, LESSON_FACTOR))
        position_font = _scaled(room, 1.3)
        position_font.setBold(True)
        self.position_label.setFont(position_font)
        inner_w = width - 2 * margin
        top_h = max(
            self.lesson_label.heightForWidth(
                inner_w - self.position_label.sizeHint().width() - self._top.spacing()
            ),
            self.position_label.sizeHint().height(),
        )
        avail_h = height - round(margin * 1.6) - top_h - gap

        # The QR code: big, but the address under it must fit as well.
        text_w = inner_w
        if self._qr_url:
            qr = int(min(height * 0.45, width * 0.35))
            caption_font = _scaled(room, ADDRESS_FACTOR)
            caption_font.setBold(True)
            self.qr_caption.setFont(caption_font)
            self.address_label.setFont(_scaled(room, ADDRESS_FACTOR))
            captions = self.address_label.heightForWidth(qr) + self._qr_column.spacing()
            if self.qr_caption.isVisibleTo(self):
                captions += self.qr_caption.heightForWidth(qr) + self._qr_column.spacing()
            qr = max(min(qr, avail_h - captions), unit * 4)
            pixmap = QPixmap.fromImage(qr_image(self._qr_url, qr))
            self.qr_picture.setPixmap(pixmap)
            self.qr_picture.setFixedHeight(pixmap.height())
            self.qr_box.setFixedWidth(qr)
            text_w = inner_w - qr - self._body.spacing()

        # The largest text that fits; never below the app's own text size.
        smallest = app_points / (TEXT_FACTOR * room.pointSizeF())
        fit = 1.0
        while True:
            self._apply_text_fonts(room, fit)
            need = (
                self.title_label.heightForWidth(text_w)
                + self._text_box.spacing()
                + self.text_label.heightForWidth(text_w)
            )
            if need <= avail_h or fit * FIT_STEP < smallest:
                break
            fit *= FIT_STEP
        self._fit = fit
        # Apply the new margins and sizes now rather than at the next event loop turn, so no
        # frame (or screenshot) ever shows the layout of the previous size.
        self._outer.activate()

    def _apply_text_fonts(self, room: QFont, fit: float) -> None:
        title = _scaled(room, TITLE_FACTOR * fit)
        title.setBold(True)
        self.title_label.setFont(title)
        text_font = _scaled(room, TEXT_FACTOR * fit)
        self.text_label.setFont(text_font)
        step = self.step()
        metrics = QFontMetrics(text_font)
        gap = round(metrics.height() * 0.45)
        marker = metrics.horizontalAdvance("10.") + gap
        self.text_label.setText(blocks_html(step.blocks, Look.room(gap, marker)) if step else "")

    @property
    def fit(self) -> float:
        """The size factor in use (1.0 = the design sizes); smaller when a step is long."""
        return self._fit


# -- the window on the projector ---------------------------------------------------------------


class PresentationWindow(QWidget):
    """A full-screen window for the room; arrow keys, Page keys and Space step through."""

    step_changed = Signal(int)
    closed = Signal()

    def __init__(
        self,
        lesson: Lesson,
        lang: str,
        start: int = 0,
        *,
        trusted_domains: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.lesson = lesson
        self.lang = lang
        self.setWindowTitle(self.tr("Presentation: {title}").format(title=lesson.title))
        self.setAccessibleName(self.tr("Presentation"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.view = AudienceView(lesson, lang, start, trusted_domains=trusted_domains)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.resize(1280, 720)
        self._closed_sent = False
        self.projector = False

    @property
    def index(self) -> int:
        return self.view.index

    @property
    def count(self) -> int:
        return self.view.count

    def go_to(self, index: int) -> None:
        before = self.view.index
        self.view.set_index(index)
        if self.view.index != before:
            self.step_changed.emit(self.view.index)

    def next_step(self) -> None:
        self.go_to(self.index + 1)

    def previous_step(self) -> None:
        self.go_to(self.index - 1)

    def first_step(self) -> None:
        self.go_to(0)

    def last_step(self) -> None:
        self.go_to(self.count - 1)

    def handle_key(self, key: int) -> bool:
        """Navigation shared with the presenter panel; True if the key meant something."""
        if key in NEXT_KEYS:
            self.next_step()
        elif key in PREVIOUS_KEYS:
            self.previous_step()
        elif key == Qt.Key.Key_Home:
            self.first_step()
        elif key == Qt.Key.Key_End:
            self.last_step()
        elif key == Qt.Key.Key_Escape:
            self.close()
        else:
            return False
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier or not self.handle_key(
            event.key()
        ):
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        if event.isAccepted() and not self._closed_sent:
            self._closed_sent = True
            self.closed.emit()

    def showEvent(self, event: QEvent) -> None:
        super().showEvent(event)
        self._closed_sent = False

    def present(self, screen: QScreen | None = None) -> bool:
        """Show full screen; True when that is a second screen (a projector), False otherwise.

        With a projector the laptop keeps its own screen for the presenter panel.
        """
        screens = QGuiApplication.screens()
        primary = QGuiApplication.primaryScreen()
        if screen is None and len(screens) > 1:
            screen = next((s for s in screens if s is not primary), screens[1])
        self.projector = screen is not None and screen is not primary
        if screen is not None:
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.raise_()
        if not self.projector:
            self.activateWindow()  # keys go here when there is no presenter panel
        return self.projector
