"""Starting the app: one instance per data folder, switching language and size, resuming."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QMessageBox

from dxhelper.core.settings import Settings
from dxhelper.ui import app as app_module
from dxhelper.ui.app import Controller


def test_a_second_launch_says_the_app_is_already_open(qapp, make_services, monkeypatch):
    services = make_services("ja")
    held = QLockFile(str(services.paths.root / "dxhelper.lock"))
    assert held.tryLock(100)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))
    try:
        assert app_module.run(services.paths) == 1
    finally:
        held.unlock()
    assert told and "すでに開いています" in told[0]


def test_switching_language_rebuilds_the_window_in_english_and_keeps_the_session(
    qtbot, qapp, make_services
):
    services = make_services("ja")
    controller = Controller(qapp, services)
    window = controller.show()
    qtbot.addWidget(window)
    assert window.nav.item(0).text() == "今日"
    window.start_session()
    session_id = window.session.session_id
    window.show_page(5)
    window.settings.language_chosen.emit("en")
    qtbot.waitUntil(lambda: controller.window is not window)
    qtbot.addWidget(controller.window)
    english = controller.window
    assert [english.nav.item(i).text() for i in range(6)] == [
        "Today",
        "Session",
        "Residents",
        "Lessons",
        "Reports",
        "Settings",
    ]
    assert english.running_session_id() == session_id
    assert english.nav.currentRow() == 5
    assert Settings.load(services.paths.root).language == "en"


def test_text_size_change_scales_the_font_and_is_saved(qtbot, qapp, make_services):
    services = make_services("en")
    controller = Controller(qapp, services)
    window = controller.show()
    qtbot.addWidget(window)
    before = qapp.font().pointSizeF()
    window.settings.text_scale_chosen.emit(200)
    qtbot.waitUntil(lambda: controller.window is not window)
    qtbot.addWidget(controller.window)
    assert qapp.font().pointSizeF() == 2 * before
    assert Settings.load(services.paths.root).get("text_scale") == 200


def test_today_offers_to_resume_a_session_that_was_never_ended(qtbot, make_services):
    services = make_services("en")
    store = services.store
    venue = store.list_venues()[0]
    left_open = store.start_session(
        venue_id=venue.id, volunteer_id=services.volunteer_id(), date=dt.date.today()
    )
    from dxhelper.ui.main_window import MainWindow

    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    resume = [
        b for b in window.today.findChildren(type(window.today.start)) if b.text() == "Resume"
    ]
    assert resume
    resume[0].click()
    assert window.stack.currentWidget() is window.session
    assert window.session.session_id == left_open.id
