"""The main window: a left navigation and one screen at a time; remembers its size and place."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
    QWidget,
)

from dxhelper.paths import resources_dir
from dxhelper.ui.services import Services


def app_icon() -> QIcon:
    return QIcon(str(resources_dir() / "icons" / "dxhelper.svg"))


class MainWindow(QMainWindow):
    """Today, Session, Residents, Lessons, Settings; Ctrl+1…5 jump between them."""

    language_changed = Signal(str)  # the app rebuilds the window in the new language
    text_scale_changed = Signal(int)

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.setWindowTitle(self.tr("dxhelper — digital help sessions"))
        self.setWindowIcon(app_icon())
        self.setMinimumSize(760, 540)
        self._build()
        self._restore_geometry()

    # -- build ---------------------------------------------------------------------------------

    def _build(self) -> None:
        from dxhelper.ui.lessons_screen import LessonsScreen
        from dxhelper.ui.residents import ResidentsScreen
        from dxhelper.ui.session import SessionScreen
        from dxhelper.ui.settings_screen import SettingsScreen
        from dxhelper.ui.today import TodayScreen

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setAccessibleName(self.tr("Navigation"))
        self.nav.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.stack = QStackedWidget()

        s = self.services
        self.today = TodayScreen(s)
        self.session = SessionScreen(s)
        self.residents = ResidentsScreen(s)
        self.lessons = LessonsScreen(s)
        self.settings = SettingsScreen(s)
        pages: list[tuple[str, QWidget]] = [
            (self.tr("Today"), self.today),
            (self.tr("Session"), self.session),
            (self.tr("Residents"), self.residents),
            (self.tr("Lessons"), self.lessons),
            (self.tr("Settings"), self.settings),
        ]
        for number, (title, page) in enumerate(pages, start=1):
            item = QListWidgetItem(title)
            item.setToolTip(f"Ctrl+{number}")
            item.setSizeHint(QSize(0, round(self.nav.fontMetrics().height() * 2.6)))
            self.nav.addItem(item)
            self.stack.addWidget(page)
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda index=number - 1: self.show_page(index))
        self.nav.currentRowChanged.connect(self._page_chosen)
        self.nav.setFixedWidth(self._nav_width([t for t, _ in pages]))

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.busy_label = QLabel()
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # indeterminate: "working…"
        self.busy_bar.setMaximumWidth(160)
        self.busy_bar.setAccessibleName(self.tr("Working"))
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.busy_bar)
        self.busy_bar.hide()
        s.tasks.busy_changed.connect(self._busy)

        # Screens ask for each other through signals, never through a global window.
        self.today.start_requested.connect(self.start_session)
        self.today.resume_requested.connect(self.resume_session)
        self.session.session_ended.connect(self._session_ended)
        self.settings.language_chosen.connect(self.language_changed)
        self.settings.text_scale_chosen.connect(self.text_scale_changed)
        self.settings.data_changed.connect(self.refresh_all)
        self.residents.data_changed.connect(self.today.refresh)
        self.nav.setCurrentRow(0)

    def _nav_width(self, titles: list[str]) -> int:
        metrics = self.nav.fontMetrics()
        widest = max(metrics.horizontalAdvance(t) for t in titles)
        return max(170, widest + metrics.height() * 3)

    # -- navigation ----------------------------------------------------------------------------

    def show_page(self, index: int) -> None:
        self.nav.setCurrentRow(index)

    def _page_chosen(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        page = self.stack.currentWidget()
        refresh: Callable[[], None] | None = getattr(page, "refresh", None)
        if refresh is not None:
            refresh()

    def start_session(self) -> None:
        self.show_page(1)
        self.session.start_new()

    def resume_session(self, session_id: str) -> None:
        self.show_page(1)
        self.session.load(session_id)

    def _session_ended(self) -> None:
        self.today.refresh()
        self.residents.refresh()

    def refresh_all(self) -> None:
        for index in range(self.stack.count()):
            refresh = getattr(self.stack.widget(index), "refresh", None)
            if refresh is not None:
                refresh()

    def _busy(self, busy: bool, text: str) -> None:
        self.busy_label.setText(text if busy else "")
        self.busy_bar.setVisible(busy)

    # -- geometry ------------------------------------------------------------------------------

    def _qsettings(self) -> QSettings:
        path = self.services.paths.root / "window.ini"
        return QSettings(str(path), QSettings.Format.IniFormat)

    def _restore_geometry(self) -> None:
        geometry = self._qsettings().value("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 800)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.services.tasks.running:
            self.services.tasks.pool.waitForDone(30_000)  # a PDF being written finishes first
        settings = self._qsettings()
        settings.setValue("geometry", self.saveGeometry())
        settings.sync()
        self.session.close_presentation()
        super().closeEvent(event)
