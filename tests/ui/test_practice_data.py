"""Practice data in the window (issue 16 §6): the band over every screen while made-up records
are open, Settings → Records switching between the two, and a running session kept."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from dxhelper.core.settings import Settings
from dxhelper.store import Library
from dxhelper.ui.app import Controller
from dxhelper.ui.main_window import SETTINGS


def _controller(qtbot, qapp, services) -> Controller:
    controller = Controller(qapp, services)
    qtbot.addWidget(controller.show())
    return controller


def _switched(qtbot, controller: Controller, before) -> None:
    qtbot.waitUntil(lambda: controller.window is not before, timeout=20_000)
    qtbot.addWidget(controller.window)


def test_the_band_shows_on_every_screen_of_a_demo_database(qtbot, make_services):
    """Also a demo database in the real folder (a copy, or one made before practice data had a
    folder of its own): the band says so; there are no other records to switch to there."""
    from dxhelper.ui.main_window import MainWindow

    services = make_services("ja", demo=True)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    band = window.practice_band
    for page in range(window.nav.count()):
        window.show_page(page)
        assert band.isVisible() and band.geometry().bottom() < window.stack.geometry().top()
    text = band.findChild(type(window.busy_label))
    assert "練習用データです（架空の記録）" in text.text()
    assert text.accessibleName() == text.text()
    assert not window.practice_switch.isVisible()


def test_no_band_on_real_records(qtbot, make_services):
    from dxhelper.ui.main_window import MainWindow

    window = MainWindow(make_services("en", demo=False))
    qtbot.addWidget(window)
    window.show()
    assert not window.practice_band.isVisible()


def test_settings_switch_to_practice_builds_it_and_back_to_real(qtbot, qapp, make_services):
    services = make_services("en", demo=False)
    real = services.paths
    controller = _controller(qtbot, qapp, services)
    window = controller.window
    settings_screen = window.settings
    assert settings_screen.records_buttons["real"].isChecked()
    qtbot.waitUntil(lambda: settings_screen.keys.state is not None, timeout=10_000)
    real_device = settings_screen.keys.state["device"]

    settings_screen.records_buttons["practice"].click()  # the app builds it, off the GUI thread
    _switched(qtbot, controller, window)
    practice = controller.window
    assert services.paths == real.practice and services.store.installation.is_demo
    assert services.store.count_residents() == 60
    assert practice.practice_band.isVisible() and practice.practice_switch.isVisible()
    assert Settings.load(real.root).get("records") == "practice"
    assert services.paths.database == real.root / "practice" / "dxhelper.sqlite3"
    practice.show_page(SETTINGS)
    assert practice.settings.records_buttons["practice"].isChecked()
    # The keys shown are the practice records' own (their own device key).
    keys = practice.settings.keys
    qtbot.waitUntil(lambda: keys.state is not None, timeout=10_000)
    assert keys.state["device"] != real_device

    practice.practice_switch.click()  # the band's own button
    _switched(qtbot, controller, practice)
    assert services.paths == real and not services.store.installation.is_demo
    assert not controller.window.practice_band.isVisible()
    assert Settings.load(real.root).get("records") == "real"
    with Library.opened(real.practice, create=False) as kept:  # still there for next time
        assert kept.store.count_residents() == 60


def test_switching_is_refused_while_a_session_runs(qtbot, qapp, make_services, monkeypatch):
    services = make_services("en", demo=False)
    controller = _controller(qtbot, qapp, services)
    window = controller.window
    window.start_session()
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))
    window.settings.records_buttons["practice"].click()
    assert told and "session is running" in told[0]
    assert controller.window is window and services.paths.is_practice is False
    assert not services.paths.practice.database.exists()
    assert window.settings.records_buttons["real"].isChecked()  # the choice goes back


def test_an_ended_session_on_screen_does_not_follow_into_the_other_records(
    qtbot, qapp, make_services
):
    services = make_services("en", demo=False)
    controller = _controller(qtbot, qapp, services)
    window = controller.window
    window.start_session()
    session_id = window.session.session_id
    services.store.end_session(session_id)
    window.session.load(session_id)  # ended: shown read-only, not running
    controller.switch_records("practice")
    _switched(qtbot, controller, window)
    assert controller.window.running_session_id() is None
