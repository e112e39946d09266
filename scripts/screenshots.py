"""Render every screen to PNG with grab(): `python scripts/screenshots.py OUTDIR`.

Each screen is drawn in Japanese and English at 100 % and 150 % text size (--scale 200 too)
on a fresh demo database (in a temporary folder), on an offscreen screen of 1366×768, with a
session in progress so the grid has something in it, and a planned class started from its
sign-up list.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QWidget

from dxhelper.core.lessons import Catalogue
from dxhelper.core.settings import Settings
from dxhelper.demo import DemoSpec, build_demo
from dxhelper.paths import DataPaths, builtin_lessons_dir
from dxhelper.store import Library
from dxhelper.ui.app import application
from dxhelper.ui.i18n import install_translators
from dxhelper.ui.main_window import MainWindow
from dxhelper.ui.services import Services
from dxhelper.ui.style import apply_style
from dxhelper.ui.tasks import TaskRunner

WINDOW = (1366, 768)  # the common old-laptop screen
PRESENTATION = (1280, 720)


def _settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def _idle(app: QApplication, services: Services) -> None:
    """Wait for background work (a report being counted) so the picture shows its result."""
    import time

    deadline = time.monotonic() + 60
    while services.tasks.running and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)


def _save(widget: QWidget, app: QApplication, target: Path) -> Path:
    _settle(app)
    widget.grab().save(str(target))
    return target


def _services(root: Path, lang: str, scale: int) -> Services:
    paths = DataPaths(root)
    if not paths.database.exists():
        root.mkdir(parents=True, exist_ok=True)
        build_demo(paths.database, DemoSpec(end_month=dt.date.today().replace(day=1)))
    library = Library.opened(paths)
    store = library.store
    settings = Settings.load(root)
    settings.update(language=lang, text_scale=scale, first_run_done=True)
    settings.set("volunteer_id", store.list_volunteers()[0].id)
    catalogue = Catalogue.load(builtin_lessons_dir(), paths.user_lessons)
    return Services(library, catalogue, settings, TaskRunner())


def _running_session(window: MainWindow) -> None:
    """A session with three residents, a lesson and a few ticks, as in a real class."""
    screen = window.session
    store = window.services.store
    if screen.session_id is None:
        open_sessions = store.open_sessions()
        if open_sessions:
            screen.load(open_sessions[0].id)
        else:
            screen.start_new()
            for resident in store.list_residents()[:4]:
                screen.add_attendee(resident.id)
            screen.set_lessons(["mynumber-apply", "myna-hokensho"])
            grid = screen.grid
            for row, column in ((0, 0), (0, 1), (1, 0), (1, 1), (1, 1), (2, 0), (3, 2)):
                grid.cycle(grid.model().index(row, column))
            from dxhelper.core.models import AgeBand

            screen.unnamed[AgeBand.SEVENTIES].setValue(3)
            screen.unnamed[AgeBand.EIGHTY_PLUS].setValue(2)
    screen.notes.setPlainText(
        "次回はマイナポータルの続きから"
        if window.services.lang == "ja"
        else "Next time: Myna Portal"
    )


def _planned_session(app: QApplication, window: MainWindow, target: Path) -> Path:
    """A class planned for today with ten signed up, started, three arrivals ticked: the
    Session screen with its tick-list (issue 18). The running session is loaded back after."""
    store = window.services.store
    running = window.session.session_id
    venue = store.list_venues()[0]
    now = dt.datetime.now()  # the plan is for today
    plan = store.planning.add_plan(
        date=now.date(),
        start_time="10:00",
        end_time="11:30",
        venue_id=venue.id,
        title="はじめてのスマホ教室" if window.services.lang == "ja" else "Smartphone class",
        capacity=12,
        lesson_ids=["smartphone-basics"],
    )
    people = store.list_residents()[10:20]
    for person in people:
        store.planning.sign_up(plan.id, person.id)
    session = store.planning.start(plan.id, window.services.volunteer_id())
    for person in people[:3]:
        store.add_attendee(session.id, person.id)
    window.show_page(1)
    window.session.load(session.id)
    _idle(app, window.services)
    saved = _save(window, app, target)
    store.end_session(session.id, end_time="23:59")
    if running:
        window.session.load(running)
    return saved


def render_all(outdir: Path, langs=("ja", "en"), scales=(100, 150)) -> list[Path]:
    app = application()
    outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as temp:
        for lang in langs:
            for scale in scales:
                services = _services(Path(temp) / "data", lang, scale)
                install_translators(app, lang)
                apply_style(app, scale)
                written += _render_set(app, services, outdir, f"{lang}-{scale}")
                services.tasks.pool.waitForDone(30_000)
                services.store.close()
    return written


def _render_set(app: QApplication, services: Services, outdir: Path, tag: str) -> list[Path]:
    written: list[Path] = []
    window = MainWindow(services)
    window.resize(*WINDOW)
    window.show()
    pages = ["today", "session", "residents", "lessons", "reports", "settings", "follow-up"]
    _running_session(window)
    for index, name in enumerate(pages):
        window.show_page(index)
        if name == "residents":
            residents = window.residents
            select = getattr(residents, "select_resident", None)
            attendees = services.store.attendees(window.session.session_id or "")
            if select is not None and attendees:
                select(attendees[0].id)
        if name == "lessons":
            select = getattr(window.lessons, "select_lesson", None)
            if select is not None:
                select("mynumber-apply")
        _idle(app, services)
        written.append(_save(window, app, outdir / f"{name}-{tag}.png"))

    written.append(_planned_session(app, window, outdir / f"session-planned-{tag}.png"))
    dialogs: dict[str, Callable[[], QWidget]] = {
        "new-resident": window.session.new_resident,
        "choose-lessons": window.session.choose_lessons,
        "handover": window.session.end_session,
        "print-run": window.session.print_handouts,
        "next-notice": window.session.next_notice,
    }
    window.show_page(1)
    for name, opener in dialogs.items():
        dialog = opener()
        _idle(app, services)  # the print run counts its pages in the background
        written.append(_save(dialog, app, outdir / f"{name}-{tag}.png"))
        dialog.reject()

    try:
        from dxhelper.ui.presentation import PresentationWindow
    except ImportError:
        PresentationWindow = None
    if PresentationWindow is not None:
        lesson = services.catalogue.get("mynumber-apply", services.lang)
        present = PresentationWindow(lesson, services.lang, start=1)
        present.resize(*PRESENTATION)
        present.show()
        written.append(_save(present, app, outdir / f"presentation-{tag}.png"))
        present.close()

    from dxhelper.ui.first_run import FirstRunDialog

    first = FirstRunDialog(demo_possible=True)
    first.show()
    written.append(_save(first, app, outdir / f"first-run-language-{tag}.png"))
    first.choose_language(services.lang)
    written.append(_save(first, app, outdir / f"first-run-details-{tag}.png"))
    first.close()
    window.close()
    # Delete every window now, in Qt's order, rather than leave it to Python's collector.
    for widget in QApplication.topLevelWidgets():
        widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    _settle(app)
    return written


def _laptop_screen() -> None:
    """An offscreen screen of the common old laptop's size (read when the QApplication is
    made), so dialogs are capped as they would be there."""
    screen = Path(tempfile.gettempdir()) / "dxhelper-screen-1366x768.json"
    screen.write_text(
        '{"screens":[{"name":"laptop","x":0,"y":0,"width":1366,"height":768,'
        '"logicalDpi":96,"logicalBaseDpi":96,"dpr":1}]}',
        encoding="utf-8",
    )
    os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={screen}")


def main(argv: list[str] | None = None) -> int:
    _laptop_screen()
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--lang", choices=["ja", "en"], action="append")
    parser.add_argument("--scale", type=int, choices=[100, 125, 150, 200], action="append")
    args = parser.parse_args(argv)
    written = render_all(
        args.outdir, tuple(args.lang or ("ja", "en")), tuple(args.scale or (100, 150))
    )
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
