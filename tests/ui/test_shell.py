"""The main window: five screens behind a left navigation, reachable by keyboard too."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import SIGNAL, QCoreApplication, QEvent, Qt

from dxhelper.ui.main_window import MainWindow
from dxhelper.ui.widgets import ID_ROLE


def test_navigation_shows_each_screen_and_keyboard_shortcuts_jump(qtbot, make_services):
    window = MainWindow(make_services("en"))
    qtbot.addWidget(window)
    window.show()
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == [
        "Today",
        "Session",
        "Residents",
        "Lessons",
        "Reports",
        "Settings",
        "Follow-up",
    ]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.show_page(2)
    assert window.stack.currentWidget() is window.residents
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.lessons
    assert window.nav.accessibleName()


def test_window_geometry_is_remembered(qtbot, make_services):
    services = make_services("en")
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.resize(780, 560)
    qtbot.waitUntil(lambda: window.width() == 780)
    window.close()
    again = MainWindow(services)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (780, 560)


def _listeners(services) -> int:
    return services.events.receivers(SIGNAL("changed(PyObject)"))


def _rename_a_recent_venue(settings, services, new_name: str) -> None:
    """Rename, in Settings, the venue of the newest session (Today lists it by venue name)."""
    venue_id = services.store.recent_sessions(1)[0].venue_id
    editor = settings.venues
    editor.list.setCurrentRow(
        next(i for i in range(editor.list.count()) if editor.list.item(i).data(ID_ROLE) == venue_id)
    )
    editor.edits["venue_name"].setText(new_name)
    editor.rename()


def test_a_change_on_one_screen_refreshes_the_screen_on_view(qtbot, make_services):
    """One notification (services.data_changed) instead of screens wired to each other."""
    services = make_services("en")
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    settings = window.settings  # built, then hidden behind Today
    window.show_page(0)
    today = window.today
    assert not any("Hall Renamed" in today.recent.item(i).text() for i in range(3))
    with qtbot.waitSignal(services.events.changed) as said:
        _rename_a_recent_venue(settings, services, "Hall Renamed")
    assert said.args == [settings]
    assert "Hall Renamed" in today.recent.item(0).text()


def test_a_rebuilt_window_leaves_no_old_screen_listening(qtbot, qapp, make_services):
    """A language change builds a new window on the same services and deletes the old one:
    its screens must stop listening (no call into a deleted screen), the new ones listen."""
    from dxhelper.ui.app import Controller

    services = make_services("ja")
    controller = Controller(qapp, services)
    old = controller.show()
    for page in (0, 1, 2, 3, 4, 5):  # every screen built, so each one that listens does
        old.show_page(page)
    listening = _listeners(services)
    assert listening >= 4  # Today, Session, Reports, Settings (and Residents)
    # (A report still being counted would call back into its deleted screen: a separate matter.)
    qtbot.waitUntil(lambda: services.tasks.running == 0, timeout=30_000)
    old.settings.language_chosen.emit("en")
    qtbot.waitUntil(lambda: controller.window is not old)
    new = controller.window
    qtbot.addWidget(new)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    assert not shiboken6.isValid(old)
    for page in (0, 1, 2, 3, 4, 5):
        new.show_page(page)
    assert _listeners(services) == listening  # the new screens only, not old ones as well

    new.show_page(0)
    with qtbot.waitSignal(services.events.changed):
        _rename_a_recent_venue(new.settings, services, "Hall Renamed")
    assert "Hall Renamed" in new.today.recent.item(0).text()
    services.data_changed(None)  # e.g. a worker's import: every screen on view refreshes
