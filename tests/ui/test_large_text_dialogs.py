"""Issue 19 §2: at 200 % text on a 1366×768 laptop, in both languages, each dialog fits the
screen's available geometry and no label, button or check box has its text cut; the Session
screen shows at least six rows of its grid without scrolling the page.

Qt's offscreen platform takes its screen from a config file, so the check runs in a
subprocess with a 1366×768 screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

SCREEN = {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768}
SCREEN.update(logicalDpi=96, logicalBaseDpi=96, dpr=1)

CHECK = textwrap.dedent(
    """
    import datetime as dt, json, os, sys
    from PySide6.QtCore import Qt
    from pathlib import Path
    from PySide6.QtWidgets import (
        QCheckBox, QLabel, QPushButton, QRadioButton, QTreeWidget, QTreeWidgetItemIterator
    )
    from dxhelper.core.lessons import Catalogue
    from dxhelper.core.settings import Settings
    from dxhelper.demo import DemoSpec, build_demo
    from dxhelper.paths import DataPaths, builtin_lessons_dir
    from dxhelper.store import Library
    from dxhelper.ui.app import application
    from dxhelper.ui.edit_resident import EditResidentDialog
    from dxhelper.ui.i18n import install_translators
    from dxhelper.ui.main_window import MainWindow
    from dxhelper.ui.services import Services
    from dxhelper.ui.style import apply_style
    from dxhelper.ui.tasks import TaskRunner

    lang, root = sys.argv[1], Path(sys.argv[2])
    app = application()
    paths = DataPaths(root)
    root.mkdir(parents=True, exist_ok=True)
    build_demo(paths.database, DemoSpec(residents=20, sessions=5, seed=3,
                                        end_month=dt.date.today().replace(day=1)))
    library = Library.opened(paths)
    settings = Settings.load(root)
    settings.update(language=lang, text_scale=200, first_run_done=True)
    settings.set("volunteer_id", library.store.list_volunteers()[0].id)
    catalogue = Catalogue.load(builtin_lessons_dir(), paths.user_lessons)
    services = Services(library, catalogue, settings, TaskRunner())
    install_translators(app, lang)
    apply_style(app, 200)
    window = MainWindow(services)
    window.resize(1366, 768)
    window.show()
    window.show_page(1)
    screen = window.session
    screen.start_new()
    residents = services.store.list_residents()
    for resident in residents[:10]:
        screen.add_attendee(resident.id)
    screen.set_lessons(["mynumber-apply", "myna-hokensho"])

    def settle():
        for _ in range(5):
            app.processEvents()

    def problems(name, dialog):
        settle()
        found = []
        room = dialog.screen().availableGeometry()
        frame = dialog.frameGeometry()
        if not room.contains(frame):
            found.append(f"{name}: {frame.width()}x{frame.height()} at "
                         f"({frame.x()},{frame.y()}) leaves the screen")
        if dialog.height() > room.height() - dialog.TITLE_BAR:
            found.append(f"{name} is {dialog.height()} high: no room for a title bar")
        least = dialog.layout().totalMinimumSize().width()
        if least > dialog.width():
            found.append(f"{name}: its content needs {least} px, the dialog is {dialog.width()}")
        for kind in (QLabel, QPushButton, QCheckBox, QRadioButton):
            for widget in dialog.findChildren(kind):
                if not widget.isVisible() or not widget.text():
                    continue
                if isinstance(widget, QLabel) and "<" in widget.text():
                    continue  # rich text measures differently
                text = widget.text().replace("&", "")
                metrics = widget.fontMetrics()
                if isinstance(widget, QLabel) and widget.wordWrap():
                    # Wrapped: the longest word (a Japanese line breaks anywhere) must fit,
                    # and the wrapped lines must fit the label's height.
                    words = text.split() if lang == "en" else list(text)
                    needed = max(metrics.horizontalAdvance(w) for w in words)
                    tall = widget.heightForWidth(widget.width())
                    if tall > widget.height() + 2:
                        found.append(f"{name}: '{text}' is {widget.height()} high, needs {tall}")
                else:
                    needed = metrics.horizontalAdvance(text)
                    if isinstance(widget, (QCheckBox, QRadioButton)):
                        needed += metrics.height()  # the box and the gap before the text
                if widget.width() < needed - 1:
                    found.append(f"{name}: '{text}' is {widget.width()} wide, needs {needed}")
        for tree in dialog.findChildren(QTreeWidget):  # the lesson picker's names
            items = QTreeWidgetItemIterator(tree)
            while items.value():
                item = items.value()
                rect = tree.visualItemRect(item)
                text = tree.fontMetrics().elidedText(item.text(0), Qt.ElideRight, 100000)
                shown = tree.viewport().width() - rect.x() - tree.fontMetrics().height() * 2
                needed = tree.fontMetrics().horizontalAdvance(text)
                lines = max(1, rect.height() // tree.fontMetrics().lineSpacing())
                if tree.wordWrap():  # a long name wraps onto the lines its row has
                    needed = -(-needed // lines)
                if item.childCount() == 0 and needed > shown:
                    found.append(f"{name}: '{text}' has {shown} px, needs {needed}")
                items += 1
        return found

    def grid_rows_in_view():
        # The grid's rows wholly in view with the page at its top.
        screen.page_scroll.verticalScrollBar().setValue(0)
        settle()
        grid, view = screen.grid, screen.page_scroll.viewport()
        rows = 0
        for row in range(grid.model().rowCount()):
            rect = grid.visualRect(grid.model().index(row, 0))
            top = grid.viewport().mapTo(view, rect.topLeft()).y()
            bottom = grid.viewport().mapTo(view, rect.bottomLeft()).y()
            inside = rect.top() >= 0 and rect.bottom() <= grid.viewport().height()
            rows += inside and top >= 0 and bottom < view.height()
        return rows

    settle()
    rows = grid_rows_in_view()
    found = {}
    dialogs = {
        "handover": screen.end_session,
        "new-resident": screen.new_resident,
        "choose-lessons": screen.choose_lessons,
        "edit-resident": lambda: EditResidentDialog(services, residents[0], window),
    }
    for name, opener in dialogs.items():
        dialog = opener()
        dialog.show()
        found[name] = problems(name, dialog)
        dialog.reject()
    print(json.dumps({"rows": rows, "dialogs": found}))
    services.tasks.pool.waitForDone(30_000)
    os._exit(0)
    """
)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_dialogs_fit_a_1366x768_screen_at_200_percent_with_nothing_cut(tmp_path, lang):
    """And the Session screen shows six rows of the grid or more without scrolling."""
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [SCREEN]}))
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=f"offscreen:configfile={config}",
        USER_LESSONS=str(tmp_path / "lessons"),
    )
    done = subprocess.run(
        [sys.executable, "-c", CHECK, lang, str(tmp_path / "data")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    # The Session screen with 10 attendees and two lessons: the grid in view, page unscrolled.
    assert shown["rows"] >= 6
    found = shown["dialogs"]
    assert set(found) == {"handover", "new-resident", "choose-lessons", "edit-resident"}
    problems = [problem for name in found for problem in found[name]]
    assert problems == [], "\n".join(problems)
