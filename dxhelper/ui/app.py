"""Start the window: one instance per data folder, settings, translations, style, first run."""

from __future__ import annotations

import datetime as dt
import logging
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from dxhelper.core.errors import DxError
from dxhelper.core.settings import Settings
from dxhelper.paths import DataPaths, builtin_lessons_dir
from dxhelper.store import Library, Store
from dxhelper.ui.i18n import install_translators
from dxhelper.ui.main_window import MainWindow, app_icon
from dxhelper.ui.services import Services
from dxhelper.ui.style import FUSION_FROM_START, apply_style
from dxhelper.ui.tasks import TaskRunner
from dxhelper.ui.widgets import error_text, show_error

log = logging.getLogger("dxhelper")

if TYPE_CHECKING:  # loaded when needed: the window paints sooner
    from dxhelper.core.lessons import Catalogue
    from dxhelper.ui.first_run import FirstRunChoices


def application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        # Made with the Fusion style (what apply_style sets): setting it afterwards returns the
        # style to Python, and wrapping that builds the Python enums of QStyle (15 ms of each
        # start).
        app = QApplication([*(argv or sys.argv[:1]), "-style", "Fusion"])
        app.setProperty(FUSION_FROM_START, True)
    app.setApplicationName("dxhelper")
    app.setOrganizationName("dxhelper")
    app.setApplicationDisplayName("dxhelper")
    app.setWindowIcon(app_icon())
    return app  # type: ignore[return-value]


def apply_first_run(choices: FirstRunChoices, library: Library, settings: Settings) -> Store:
    """Record the first run's answers; returns the store of the records to open.

    The answers (name, municipality, venue) always go into the real records and the settings,
    so a volunteer who practises first finds them there when they switch to real use. With
    "try with practice data" the practice records are built in their own folder (issue 16
    §6) and opened instead; `library` is then left pointing at them."""
    real = library.paths.real
    if library.paths != real:  # started with --practice: the answers still go to real records
        library.close()
        library.end_run()
        library.paths = real
        library.begin_run()
    store = library.open()
    known = [v for v in store.list_volunteers() if v.display_name == choices.volunteer]
    volunteer = known[0] if known else store.add_volunteer(choices.volunteer)
    values: dict[str, object] = {
        "language": choices.language,
        "volunteer_id": volunteer.id,
        "municipality": choices.municipality,
        "records": "practice" if choices.demo else "real",
    }
    if choices.municipality:
        store.update_installation(municipality=choices.municipality)
    if choices.venue:
        existing = [v for v in store.list_venues() if v.name == choices.venue]
        venue = existing[0] if existing else store.add_venue(choices.venue, choices.municipality)
        values["default_venue_id"] = venue.id
    if choices.demo:
        library.close()
        library.end_run()  # the real records closed cleanly
        library.paths = real.practice
        ensure_practice(library)
        library.begin_run()
        store = library.open()
    settings.update(**values)
    settings.set("first_run_done", True)
    return store


def ensure_practice(library: Library) -> None:
    """Build the practice records if their folder has none (about a second: 60 made-up
    residents, 80 sessions). Existing ones are kept as they are."""
    if not library.paths.database.exists():
        from dxhelper.demo import DemoSpec, build_practice  # only when building: fast start

        today = dt.date.today()
        build_practice(library, DemoSpec(end_month=today.replace(day=1)))


class Controller:
    """Owns the window; rebuilds it when the language or text size changes."""

    def __init__(self, app: QApplication, services: Services) -> None:
        self.app = app
        self.services = services
        self.window: MainWindow | None = None

    def show(self, *, keep_session: bool = True) -> MainWindow:
        """Build the window (again); the new one shows the page and session the old one did
        (not after switching records: that session is in the other records)."""
        old = self.window
        session_id = old.running_session_id() if old is not None and keep_session else None
        window = MainWindow(self.services)
        window.language_changed.connect(self.change_language)
        window.text_scale_changed.connect(self.change_text_scale)
        window.restore_requested.connect(self.restore)
        window.records_requested.connect(self.switch_records)
        if old is not None:
            window.restoreGeometry(old.saveGeometry())
            window.show_page(old.nav.currentRow())
            if session_id:
                window.session.load(session_id)
            old.hide()
            old.deleteLater()
        self.window = window
        window.show()
        return window

    def change_language(self, lang: str) -> None:
        self.services.settings.set("language", lang)
        install_translators(self.app, lang)
        QTimer.singleShot(0, self.show)  # after the signal that asked has returned

    def restore(self, backup: str) -> None:
        """Close the database, put the chosen backup in its place (after backing up what is
        there now), reopen, and rebuild the window on the restored records."""
        services = self.services
        services.tasks.pool.waitForDone(30_000)
        try:
            services.library.restore(Path(backup))  # reopened on what is there afterwards
        except DxError as exc:  # refused: the records are untouched
            if self.window is not None:
                show_error(self.window, "dxhelper", exc, services.lang)
            return
        QTimer.singleShot(0, self.show)

    def switch_records(self, records: str) -> None:
        """Close the open records and open the other ones (real or practice), then rebuild
        the window on them. Refused while a session is running: it belongs to these records.
        Practice records that do not exist yet are built first, off the GUI thread."""
        services, window = self.services, self.window
        real = services.paths.real
        target = real.practice if records == "practice" else real
        if target == services.paths:
            services.settings.set("records", records)
            return
        if window is not None and window.session_running():
            QMessageBox.information(
                window,
                "dxhelper",
                self.app.translate(
                    "App",
                    "A session is running. End it on the Session screen first, then switch "
                    "the records.",
                ),
            )
            return
        if target.database.exists():
            self._open_records(target, records)
            return

        def build() -> None:
            ensure_practice(Library(target))

        services.tasks.run(
            build,
            lambda _none: self._open_records(target, records),
            lambda exc: show_error(self.window, "dxhelper", exc, services.lang),
            self.app.translate("App", "Making the practice data…"),
        )

    def _open_records(self, target: DataPaths, records: str) -> None:
        services = self.services
        services.tasks.pool.waitForDone(30_000)
        old = services.library
        _backup_quietly(services, "close")
        new = Library(target, on_wait=old.on_wait)
        try:
            new.begin_run()
            new.open_for_use()
        except DxError as exc:  # the records as they were stay open
            new.close()
            show_error(self.window, "dxhelper", exc, services.lang)
            return
        old.close()
        old.end_run()
        services.library = new
        services.settings.set("records", records)
        QTimer.singleShot(0, lambda: self.show(keep_session=False))

    def show_waiting(self) -> None:
        """Another dxhelper holds the write lock: say so in the status bar (for up to five
        seconds this window waits for it, then says it could not save)."""
        if self.window is not None:
            self.window.show_waiting()

    def change_text_scale(self, scale: int) -> None:
        self.services.settings.set("text_scale", scale)
        apply_style(self.app, scale)
        QTimer.singleShot(0, self.show)


def run(paths: DataPaths, lang_override: str | None = None, *, practice: bool | None = None) -> int:
    """Start the window on the real records of `paths`, or on their practice records when
    Settings → Records says so (or `practice`: `dxhelper --practice`). One window per real
    data folder, whichever records it shows."""
    paths = paths.real
    app = application()
    paths.root.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(paths.root / "dxhelper.lock"))
    settings = Settings.load(paths.settings_dir)
    lang = lang_override or settings.get("language") or "ja"
    install_translators(app, lang)
    apply_style(app, settings.get("text_scale"))
    locked = lock.tryLock(200)
    if not locked and lock.error() == QLockFile.LockError.LockFailedError:
        QMessageBox.information(
            None,
            "dxhelper",
            app.translate(
                "App",
                "dxhelper is already open on this computer. Look for its window on the taskbar.",
            ),
        )
        return 1
    if practice is None:
        practice = settings.get("records") == "practice" and settings.get("first_run_done")
    notice = WaitNotice()
    library = Library(paths.practice if practice else paths, on_wait=notice)
    services: Services | None = None
    began = False
    try:
        startup = library.begin_run()
        began = True
        if startup.damaged is not None and not _offer_restore(app, library, startup, settings):
            return 1
        if not _open_library(app, library, settings):
            return 1

        def catalogue() -> Catalogue:
            from dxhelper.core.lessons import Catalogue

            return Catalogue.load(builtin_lessons_dir(), paths.user_lessons)

        services = Services(library, catalogue, settings, TaskRunner())
        controller = Controller(app, services)
        notice.waiting.connect(controller.show_waiting)
        window = controller.show()
        if library.read_only:
            window.setWindowTitle(window.windowTitle() + app.translate("App", " (read-only)"))
            show_error(window, "dxhelper", library.read_only_reason, settings.language)
        # Once the window is on screen (issue 19 §8: it paints sooner), what the volunteer should
        # know is said once, in one message, without blocking; then the daily backup starts.
        window.first_painted.connect(lambda: _after_start(window, services))
        ending = OrderlyEnd(services)
        # The session ending (Windows' WM_ENDSESSION emits aboutToQuit, then the process is
        # killed; an X session manager asks for commitData first) ends as the close button.
        app.aboutToQuit.connect(ending.finish)
        app.commitDataRequest.connect(ending.save)
        keep_alive = quit_on_terminate(app)  # noqa: F841 - the timer must live while exec runs
        code = app.exec()
        ending.finish()
        return code
    finally:
        if services is not None:  # Settings → Records may have opened the other records
            library = services.library
        library.close()
        if began:  # every way out of here is a clean stop; only a crash or power cut is not
            library.end_run()
        if locked:  # a read-only folder has no lock file; it is opened for reading only
            lock.unlock()


class OrderlyEnd:
    """What closing does after the window is gone, once however dxhelper is asked to stop:
    the close button, SIGTERM or Ctrl+C, or the session ending (issue 19 §4)."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.done = False

    def save(self, *_: object) -> None:
        """Before the session ends (it may still be cancelled): the records are backed up."""
        self.services.tasks.pool.waitForDone(30_000)
        _backup_quietly(self.services, "close")

    def finish(self) -> None:
        if self.done:
            return
        self.done = True
        self.services.tasks.pool.waitForDone(60_000)
        _backup_quietly(self.services, "close")  # the window is gone: this blocks no one
        # Where the process is killed right after aboutToQuit (Windows' session end), the
        # records are closed and the running mark goes here; run()'s own ending repeats it
        # harmlessly.
        library = self.services.library
        library.close()
        library.end_run()


def quit_on_terminate(app: QApplication) -> QTimer:
    """SIGTERM (and SIGINT, Ctrl+C in a terminal) quit through the event loop as the close
    button does. Python runs its signal handlers only between bytecodes, so a timer gives it
    control four times a second while Qt's loop waits; keep the returned timer."""

    def request_quit(_signum: int, _frame: object) -> None:
        QTimer.singleShot(0, app.quit)  # quit() closes the windows first (closeEvent runs)

    for name in ("SIGTERM", "SIGINT"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), request_quit)
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(250)
    return timer


class WaitNotice(QObject):
    """The Library's `on_wait`, from any thread: a signal, so the status bar is updated on the
    GUI thread (queued from a worker, at once from the GUI thread itself)."""

    waiting = Signal()

    def __call__(self) -> None:
        self.waiting.emit()


def _after_start(window: MainWindow, services: Services) -> None:
    warnings = start_warnings(services.library, services.settings)
    if warnings:
        show_error(window, "dxhelper", "\n\n".join(warnings), services.settings.language)
    if not services.store.read_only:
        _daily_backup(services)


def start_warnings(library: Library, settings: Settings) -> list[str]:
    """What the volunteer should know before recording, in their language: the data folder
    on a network drive or in a synced folder, a clock that cannot be right, a settings file
    that could not be used (defaults in force)."""
    lang = settings.language
    found = [
        library.location_warning(lang),
        library.clock_warning(lang),
        settings.warning(lang),
    ]
    return [text for text in found if text]


def _open_library(app: QApplication, library: Library, settings: Settings) -> bool:
    """Open the records (read-only where the folder cannot be written; the window then says
    that nothing can be saved), or ask the first-run questions. False: do not start."""
    try:
        if settings.get("first_run_done"):
            if library.paths.is_practice:
                ensure_practice(library)  # Settings → Records said practice: make it if gone
            library.open_for_use()
            return True
        from dxhelper.ui.first_run import FirstRunDialog

        # Practice data has a folder of its own: it can be tried whatever is in the real one.
        dialog = FirstRunDialog(demo_possible=True)
        dialog.language_chosen.connect(lambda lang: install_translators(app, lang))
        if dialog.exec() != FirstRunDialog.DialogCode.Accepted or dialog.choices is None:
            return False
        apply_first_run(dialog.choices, library, settings)
        return True
    except DxError as exc:
        QMessageBox.critical(None, "dxhelper", error_text(exc, settings.language))
        return False


def _daily_backup(services: Services) -> None:
    """At start, if the newest backup is over a day old: taken in a worker on its own
    connection, so the window is usable at once."""
    library = services.library
    if not library.backup_due():
        return

    def work():
        with library.worker() as own:
            return own.backup("start")

    services.tasks.run(work, lambda _info: None, lambda exc: log.warning("backup: %s", exc))


def _backup_quietly(services: Services, reason: str) -> None:
    if services.library.read_only:
        return
    try:
        services.library.backup(reason)
    except DxError as exc:  # a failed backup never replaces a good one; say so in the log
        log.warning("backup at %s failed: %s", reason, exc.message("en"))


def _offer_restore(app: QApplication, library: Library, startup, settings: Settings) -> bool:
    """The last run did not close and the database is damaged (kept as *.damaged): offer the
    newest good backup. Returns False if the user would rather stop."""
    lang = settings.language
    newest = startup.newest_backup
    if newest is None:
        QMessageBox.warning(
            None,
            "dxhelper",
            app.translate(
                "App",
                "The records were damaged when dxhelper last stopped, and there is no backup. "
                "The damaged file is kept as {file}. dxhelper starts with empty records.",
            ).format(file=startup.damaged),
        )
        return True
    answer = QMessageBox.question(
        None,
        "dxhelper",
        app.translate(
            "App",
            "The records were damaged when dxhelper last stopped. The damaged file is kept as "
            "{file}.\n\nRestore the newest good backup, from {when}?",
        ).format(
            file=startup.damaged, when=newest.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
        ),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        library.restore(newest.path)
    except DxError as exc:
        QMessageBox.critical(None, "dxhelper", error_text(exc, lang))
        return False
    return True
