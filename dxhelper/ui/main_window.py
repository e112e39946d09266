"""The main window: a left navigation and one screen at a time; remembers its size and place."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QEventLoop, QObject, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from dxhelper.paths import resources_dir
from dxhelper.ui.services import Services
from dxhelper.ui.widgets import button, label

TODAY, SESSION, RESIDENTS, LESSONS, REPORTS, SETTINGS, FOLLOW_UP = range(7)


def app_icon() -> QIcon:
    return QIcon(str(resources_dir() / "icons" / "dxhelper.svg"))


class MainWindow(QMainWindow):
    """Today, Session, Residents, Lessons, Reports, Settings; Ctrl+1…6 jump between them."""

    language_changed = Signal(str)  # the app rebuilds the window in the new language
    text_scale_changed = Signal(int)
    restore_requested = Signal(str)  # the app closes the database, restores, reopens
    records_requested = Signal(str)  # "real" or "practice": the app opens those records
    # Once, just after the window first paints (or a second after it was built, if it is not
    # painted by then: started minimised): what can wait a frame is done then.
    first_painted = Signal()

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.setWindowTitle(self.tr("dxhelper — digital help sessions"))
        self.setWindowIcon(app_icon())
        self.setMinimumSize(760, 540)
        self._build()
        self._restore_geometry()
        _AfterFirstPaint(self, self._after_first_paint)

    def _after_first_paint(self) -> None:
        """Today's figures and lists are read a frame after the window is on screen (issue 19
        §8: the window paints sooner); blank or "…" until then, never a wrong figure."""
        if not self.services.library.is_open:
            return  # the records were closed under a window that is going away
        today = self._screens.get(TODAY)
        if today is not None and not today.filled:
            today.refresh()
        self.first_painted.emit()

    # -- build ---------------------------------------------------------------------------------

    def _build(self) -> None:
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setAccessibleName(self.tr("Navigation"))
        self.nav.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.stack = QStackedWidget()

        titles = [
            self.tr("Today"),
            self.tr("Session"),
            self.tr("Residents"),
            self.tr("Lessons"),
            self.tr("Reports"),
            self.tr("Settings"),
            self.tr("Follow-up"),
        ]
        for number, title in enumerate(titles, start=1):
            item = QListWidgetItem(title)
            item.setToolTip(f"Ctrl+{number}")
            item.setSizeHint(QSize(0, round(self.nav.fontMetrics().height() * 2.6)))
            self.nav.addItem(item)
            self.stack.addWidget(QWidget())  # the screen itself is built when first shown
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda index=number - 1: self.show_page(index))
        self._screens: dict[int, QWidget] = {}
        self.nav.currentRowChanged.connect(self._page_chosen)
        width = self._nav_width(titles)
        self.nav.setFixedWidth(width)
        for row in range(self.nav.count()):  # the highlight spans the whole bar
            item = self.nav.item(row)
            item.setSizeHint(QSize(width, item.sizeHint().height()))

        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.practice_band = self._practice_band()
        column.addWidget(self.practice_band)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        column.addLayout(row, 1)
        self.setCentralWidget(central)

        self.busy_label = QLabel()
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # indeterminate: "working…"
        self.busy_bar.setMaximumWidth(160)
        self.busy_bar.setAccessibleName(self.tr("Working"))
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.busy_bar)
        self.busy_bar.hide()
        self.services.tasks.busy_changed.connect(self._busy)
        self.nav.setCurrentRow(0)

    def _practice_band(self) -> QFrame:
        """Above every screen while the open records are practice (demo) data, wherever they
        live (issue 16 §6): nobody mistakes made-up residents for real ones, or the reverse."""
        band = QFrame()
        band.setObjectName("practiceBand")  # by name: the label inside is a QFrame too
        box = QHBoxLayout(band)
        text = label(
            self.tr(
                "Practice data (made up). To switch to real records: Settings → Records",
            ),
            "practice",
        )
        text.setAccessibleName(text.text())
        box.addWidget(text, 1)
        self.practice_switch = button(
            self.tr("Use real records"), lambda: self.records_requested.emit("real")
        )
        # Only practice records in their own folder have real ones to switch to (an old demo
        # database in the real folder is the real records' place).
        self.practice_switch.setVisible(self.services.paths.is_practice)
        box.addWidget(self.practice_switch, 0, Qt.AlignmentFlag.AlignVCenter)
        band.setVisible(self.services.store.installation.is_demo)
        return band

    def session_running(self) -> bool:
        """A session that is not ended is open on the Session screen."""
        session = self._screens.get(SESSION)
        current = getattr(session, "session", None)
        return getattr(session, "session_id", None) is not None and bool(
            current is not None and current.is_open
        )

    # -- screens, built on first use (a faster start; screens never reach for each other) -----
    # A screen that changes records says so through services.data_changed; the screens that
    # show records follow it themselves (widgets.follow_data_changes), and a page is refreshed
    # whenever it is shown again (_page_chosen).

    def _make(self, index: int) -> QWidget:
        s = self.services
        if index == TODAY:
            from dxhelper.ui.today import TodayScreen

            today = TodayScreen(s, fill=False)  # filled after the first paint, or when asked for
            today.start_requested.connect(self.start_session)
            today.resume_requested.connect(self.resume_session)
            today.open_requested.connect(self.resume_session)
            return today
        if index == SESSION:
            from dxhelper.ui.session import SessionScreen

            session = SessionScreen(s)
            session.discarded.connect(lambda: self.show_page(TODAY))
            session.closed.connect(lambda: self.show_page(TODAY))
            return session
        if index == RESIDENTS:
            from dxhelper.ui.residents import ResidentsScreen

            return ResidentsScreen(s)
        if index == LESSONS:
            from dxhelper.ui.lessons_screen import LessonsScreen

            lessons = LessonsScreen(s)
            present = getattr(lessons, "present_requested", None)
            if present is not None:
                present.connect(self.present_lesson)
            return lessons
        if index == REPORTS:
            from dxhelper.ui.reports_screen import ReportsScreen

            return ReportsScreen(s)
        if index == FOLLOW_UP:
            from dxhelper.ui.follow_up import FollowUpScreen

            return FollowUpScreen(s)
        from dxhelper.ui.settings_screen import SettingsScreen

        settings = SettingsScreen(s)
        settings.language_chosen.connect(self.language_changed)
        settings.text_scale_chosen.connect(self.text_scale_changed)
        settings.restore_requested.connect(self.restore_requested)
        records = getattr(settings, "records_chosen", None)
        if records is not None:
            records.connect(self.records_requested)
        return settings

    def screen(self, index: int) -> QWidget:
        built = self._screens.get(index)
        if built is None:
            built = self._screens[index] = self._make(index)
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, built)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
        return built

    @property
    def today(self):
        today = self.screen(TODAY)
        if not today.filled:  # asked for before the first paint filled it
            today.refresh()
        return today

    @property
    def session(self):
        return self.screen(SESSION)

    @property
    def residents(self):
        return self.screen(RESIDENTS)

    @property
    def lessons(self):
        return self.screen(LESSONS)

    @property
    def reports(self):
        return self.screen(REPORTS)

    @property
    def settings(self):
        return self.screen(SETTINGS)

    @property
    def follow_up(self):
        return self.screen(FOLLOW_UP)

    def running_session_id(self) -> str | None:
        session = self._screens.get(SESSION)
        return getattr(session, "session_id", None)

    def _nav_width(self, titles: list[str]) -> int:
        metrics = self.nav.fontMetrics()
        widest = max(metrics.horizontalAdvance(t) for t in titles)
        return max(170, widest + metrics.height() * 3)

    # -- navigation ----------------------------------------------------------------------------

    def show_page(self, index: int) -> None:
        self.nav.setCurrentRow(index)

    def _page_chosen(self, index: int) -> None:
        fresh = index not in self._screens
        page = self.screen(index)
        self.stack.setCurrentWidget(page)
        refresh: Callable[[], None] | None = getattr(page, "refresh", None)
        if refresh is not None and not fresh:
            refresh()

    def start_session(self) -> None:
        self.show_page(1)
        self.session.start_new()

    def resume_session(self, session_id: str) -> None:
        """Open a session on the Session screen (a running one, or an ended one to correct)."""
        self.show_page(SESSION)
        self.session.load(session_id)

    def present_lesson(self, lesson_id: str) -> None:
        from dxhelper.ui.presenter import open_presentation

        lesson = self.services.catalogue.get(lesson_id, self.services.lang)
        # With a projector the laptop also shows a small panel with the next step.
        self._presentation, self._presenter = open_presentation(
            lesson,
            self.services.lang,
            trusted_domains=self.services.settings.get("trusted_domains"),
        )

    def _refresh(self, index: int) -> None:
        refresh = getattr(self._screens.get(index), "refresh", None)
        if refresh is not None:
            refresh()

    def show_waiting(self) -> None:
        """Another dxhelper is writing to these records: this one waits (a few seconds)."""
        self.statusBar().showMessage(
            self.tr("Another dxhelper is saving to these records; waiting for it…"), 10_000
        )
        # Painted now, before this thread waits; clicks stay queued until the wait is over.
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

    def _busy(self, busy: bool, text: str) -> None:
        self.busy_label.setText(text if busy else "")
        self.busy_bar.setVisible(busy)

    # -- geometry ------------------------------------------------------------------------------

    def _qsettings(self) -> QSettings:
        path = self.services.paths.settings_dir / "window.ini"  # one for both records
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
        session = self._screens.get(SESSION)
        if session is not None:
            session.close_presentation()
        presentation = getattr(self, "_presentation", None)
        if presentation is not None:
            presentation.close()
        super().closeEvent(event)


class _AfterFirstPaint(QObject):
    """Calls `then` once from the event loop, just after `window` first paints, or a second
    after it was made if it is shown but has not painted by then (started minimised). A window
    hidden again (closed) by then waits for its next paint."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._then: Callable[[], None] | None = then
        window.installEventFilter(self)
        QTimer.singleShot(1000, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self._fire)  # after this paint has reached the screen
        return False

    def _fire(self) -> None:
        window = self.parent()
        if self._then is None or not window.isVisible():
            return
        then, self._then = self._then, None
        window.removeEventFilter(self)
        then()
