"""Placeholder while the screen is built."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from dxhelper.ui.services import Services
from dxhelper.ui.widgets import label


class SessionScreen(QWidget):
    session_ended = Signal()

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.session_id: str | None = None
        QVBoxLayout(self).addWidget(label("…", "title"))

    def start_new(self) -> None:
        pass

    def load(self, session_id: str) -> None:
        self.session_id = session_id

    def close_presentation(self) -> None:
        pass
