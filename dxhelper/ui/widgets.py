"""Small building blocks every screen shares: titles, big buttons, inline messages, cards."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dxhelper.core.errors import DxError


def label(text: str, role: str = "", *, wrap: bool = True, buddy: QWidget | None = None) -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(wrap)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if role:
        widget.setProperty("role", role)
    if buddy is not None:
        widget.setBuddy(buddy)
        widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return widget


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
        self.setVisible(bool(text))

    def clear_text(self) -> None:
        self.show_text("")


def error_text(exc: Exception, lang: str) -> str:
    if isinstance(exc, DxError):
        return exc.message(lang)
    return str(exc) or exc.__class__.__name__


def show_error(parent: QWidget | None, title: str, exc: Exception | str, lang: str) -> QMessageBox:
    """A window-modal message that does not block the caller (tests and workers stay live)."""
    text = exc if isinstance(exc, str) else error_text(exc, lang)
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()
    return box
