"""The volunteer's side of presentation mode: the presenter panel, and opening a presentation."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QKeyEvent, QPixmap, QResizeEvent
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

from dxhelper.core.lessons.model import Lesson
from dxhelper.ui.presentation import AudienceView, PresentationWindow
from dxhelper.ui.style import BASE_POINTS
from dxhelper.ui.widgets import button, label

PREVIEW_WIDTH = 360  # presenter's preview of the next step, at 100% text size (logical px)
PREVIEW_MAX_WIDTH = 560
PREVIEW_RENDER = QSize(1280, 720)  # the preview is a picture of a projector-sized audience view


def open_presentation(
    lesson: Lesson, lang: str, *, start: int = 0, trusted_domains: Sequence[str] = ()
) -> tuple[PresentationWindow, PresenterPanel | None]:
    """Show `lesson` full screen, on the projector when there is a second screen; then the
    laptop also gets the presenter panel. Returns both (no panel without a projector).

    Neither window has a parent: the caller keeps them, or they are gone with the last reference.
    """
    window = PresentationWindow(lesson, lang, start, trusted_domains=trusted_domains)
    panel = None
    if window.present():
        panel = PresenterPanel(window)
        panel.show()
    return window, panel


class PresenterPanel(QWidget):
    """Where the volunteer steers from in projector mode: this step, the next, and buttons."""

    def __init__(self, window: PresentationWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_ = window
        self.setWindowTitle(self.tr("Presenter: {title}").format(title=window.lesson.title))
        self.setAccessibleName(self.tr("Presenter panel"))
        self._preview_full: QPixmap | None = None
        # A hidden audience view draws the preview of the next step exactly as the room sees it.
        self._preview_view = AudienceView(
            window.lesson, window.lang, trusted_domains=window.view.trusted_domains
        )
        self._preview_view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        self._build()
        window.step_changed.connect(self.refresh)
        window.closed.connect(self._window_closed)
        self.refresh()

    def _build(self) -> None:
        self.current_label = label("", "heading")
        self.current_label.setAccessibleName(self.tr("Current step"))
        self.next_label = label("")
        self.next_label.setAccessibleName(self.tr("Next step"))
        self.preview = QLabel()
        self.preview.setAccessibleName(self.tr("Preview of the next step"))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.preview.setStyleSheet("QLabel { border: 2px solid #8a8a8a; background: white; }")
        self.preview.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

        self.previous_button = button(self.tr("Previous"), self.window_.previous_step)
        self.previous_button.setToolTip(self.tr("Go back one step (Left arrow)"))
        self.next_button = button(self.tr("Next"), self.window_.next_step, role="primary")
        self.next_button.setToolTip(self.tr("Go on to the next step (Right arrow)"))
        self.end_button = button(self.tr("End presentation"), self.window_.close, role="danger")
        self.end_button.setToolTip(self.tr("Close the presentation (Esc)"))

        # The texts and the preview may scroll at large text sizes; the buttons never do.
        self.inner = QWidget()
        content = QVBoxLayout(self.inner)
        content.addWidget(self.current_label)
        content.addWidget(self.next_label)
        content.addWidget(self.preview)
        content.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.inner)
        self.scroll = scroll
        row = QHBoxLayout()
        row.addWidget(self.previous_button)
        row.addWidget(self.next_button)
        row.addStretch(1)
        row.addWidget(self.end_button)
        box = QVBoxLayout(self)
        box.addWidget(scroll, 1)
        box.addLayout(row)
        self.setTabOrder(self.previous_button, self.next_button)
        self.setTabOrder(self.next_button, self.end_button)

    def _preferred_preview_width(self) -> int:
        factor = QApplication.font().pointSizeF() / BASE_POINTS
        return min(round(PREVIEW_WIDTH * max(1.0, factor)), PREVIEW_MAX_WIDTH)

    def sizeHint(self) -> QSize:
        # Room for the whole preview, both texts and the buttons, so nothing starts scrolled.
        outer = self.layout().contentsMargins()
        inner = self.inner.layout().contentsMargins()
        bar = self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent)
        buttons = self.layout().itemAt(1).layout()
        content_w = self._preferred_preview_width() + 4 + inner.left() + inner.right()
        width = max(content_w + bar, buttons.sizeHint().width()) + outer.left() + outer.right()
        content_h = self.inner.layout().totalHeightForWidth(content_w)
        height = (
            content_h
            + buttons.sizeHint().height()
            + self.layout().spacing()
            + outer.top()
            + outer.bottom()
        )
        return QSize(width, height)

    def showEvent(self, event: QEvent) -> None:
        # The style sheet's min-width would let a button shrink below its own text: forbid it.
        for widget in (self.previous_button, self.next_button, self.end_button):
            widget.ensurePolished()
            widget.setMinimumWidth(widget.sizeHint().width())
        super().showEvent(event)
        self._scale_preview()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._scale_preview()

    def refresh(self, _index: int | None = None) -> None:
        window = self.window_
        index, count = window.index, window.count
        step = window.view.step()
        self.current_label.setText(
            self.tr("Step {n} / {total}: {title}").format(
                n=index + 1 if step else 0, total=count, title=step.title if step else ""
            )
        )
        has_next = index + 1 < count
        if has_next:
            next_title = window.lesson.steps[index + 1].title
            self.next_label.setText(self.tr("Next: {title}").format(title=next_title))
        else:
            self.next_label.setText(self.tr("Next: this is the last step."))
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(has_next)
        self._update_preview(index + 1 if has_next else None)

    def _update_preview(self, index: int | None) -> None:
        if index is None:
            self._preview_full = None
            self.preview.clear()
            self.preview.hide()
            self.preview.setAccessibleDescription("")
            return
        view = self._preview_view
        view.resize(PREVIEW_RENDER)
        view.set_index(index)
        view.layout().activate()
        self._preview_full = view.grab()
        self.preview.setAccessibleDescription(self.window_.lesson.steps[index].title)
        self.preview.show()
        self._scale_preview()

    def _scale_preview(self) -> None:
        """Fit the preview picture to the panel's width: it shrinks rather than scrolls."""
        if self._preview_full is None:
            return
        margins = self.inner.layout().contentsMargins()
        room = self.scroll.viewport().width() - margins.left() - margins.right() - 4
        if not self.isVisible():
            room = self._preferred_preview_width()
        width = max(120, min(self._preferred_preview_width(), room))
        if self.preview.pixmap() is not None and self.preview.pixmap().width() == width:
            return
        picture = self._preview_full.scaledToWidth(
            width, Qt.TransformationMode.SmoothTransformation
        )
        self.preview.setPixmap(picture)
        self.preview.setFixedSize(picture.size() + QSize(4, 4))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # The same keys as on the projector, so the volunteer never has to find that window.
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier or not self.window_.handle_key(
            event.key()
        ):
            super().keyPressEvent(event)

    def _window_closed(self) -> None:
        for widget in (self.previous_button, self.next_button, self.end_button):
            widget.setEnabled(False)
        if self.isWindow():
            self.close()
