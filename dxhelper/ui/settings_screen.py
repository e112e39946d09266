"""Placeholder while the screen is built."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from dxhelper.ui.services import Services
from dxhelper.ui.widgets import label


class SettingsScreen(QWidget):
    language_chosen = Signal(str)
    text_scale_chosen = Signal(int)
    data_changed = Signal()

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        QVBoxLayout(self).addWidget(label("…", "title"))

    def refresh(self) -> None:
        pass
