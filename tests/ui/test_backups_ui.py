"""Backups in the window: back up now, list, restore (through the app), save a copy, check."""

from __future__ import annotations

import sqlite3

from dxhelper.ui.app import Controller


def test_back_up_now_lists_it_and_restore_brings_the_records_back(qtbot, qapp, make_services):
    services = make_services("en")
    controller = Controller(qapp, services)
    window = controller.show()  # the controller replaces and deletes its windows itself
    window.show_page(5)
    backups = window.settings.backups
    with qtbot.waitSignal(backups.backed_up, timeout=60_000):
        backups.take_backup_now()
    assert backups.list.count() == 1 and "residents" in backups.list.item(0).text()
    before = services.store.count_residents()

    # A change after the backup; restoring takes it away again.
    import datetime as dt

    services.store.add_resident("後で 追加", consent_date=dt.date.today(), consent_version="2026-1")
    assert services.store.count_residents() == before + 1
    backups.list.setCurrentRow(0)
    box = backups.restore_selected()
    box.accept()  # "Yes"
    qtbot.waitUntil(lambda: controller.window is not window, timeout=60_000)
    assert services.store.count_residents() == before
    assert controller.window.nav.currentRow() == 5
    # What was there just before the restore was itself backed up first.
    reasons = [info.reason for info in services.library.list_backups()]
    assert "restore" in reasons
    controller.window.close()
    controller.window.deleteLater()


def test_save_a_copy_and_check_the_database(qtbot, make_services, tmp_path):
    services = make_services("ja")
    from dxhelper.ui.settings_screen import SettingsScreen

    settings = SettingsScreen(services)
    qtbot.addWidget(settings)
    settings.show()
    screen = settings.backups
    target = tmp_path / "usb" / "copy.sqlite3"
    target.parent.mkdir()
    screen.save_copy_to(target)
    assert str(target) in screen.result.text()
    copy = sqlite3.connect(target)
    assert copy.execute("SELECT count(*) FROM residents").fetchone()[0] == (
        services.store.count_residents()
    )
    copy.close()
    screen.check_database()
    qtbot.waitUntil(lambda: services.tasks.running == 0, timeout=30_000)
    assert screen.result.text() == "データベースに問題はありません。"
    assert not screen.message.isVisible()
    assert screen.restore_selected() is None and screen.message.isVisible()


def test_erasing_in_the_window_also_erases_from_every_backup(qtbot, make_services):
    from dxhelper.ui.residents import ResidentsScreen

    services = make_services("ja")
    everyone = services.store.list_residents()
    names = [r.display_name for r in everyone]
    resident = next(r for r in everyone if names.count(r.display_name) == 1)
    services.library.backup("manual", force=True)
    name = resident.display_name.encode("utf-8")
    backups = list(services.paths.backups.iterdir())
    assert any(name in path.read_bytes() for path in backups)

    screen = ResidentsScreen(services)
    qtbot.addWidget(screen)
    screen.show()
    screen.select_resident(resident.id)
    screen.erase_button.click()
    dialog = screen.erase_dialog
    dialog.confirm.setText(resident.display_name)
    dialog.erase_button.click()
    qtbot.waitUntil(lambda: services.tasks.running == 0, timeout=60_000)
    for path in services.paths.backups.iterdir():
        assert name not in path.read_bytes(), path.name
