"""The main window: five screens behind a left navigation, reachable by keyboard too."""

from __future__ import annotations

from PySide6.QtCore import Qt

from dxhelper.ui.main_window import MainWindow


def test_navigation_shows_each_screen_and_keyboard_shortcuts_jump(qtbot, make_services):
    window = MainWindow(make_services("en"))
    qtbot.addWidget(window)
    window.show()
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == ["Today", "Session", "Residents", "Lessons", "Reports", "Settings"]
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
