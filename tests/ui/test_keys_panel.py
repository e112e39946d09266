"""The keys part of Settings (issue 16 §9): a coordinator makes a key and saves its file, a
volunteer loads it, the device's fingerprint shows, a trusted device can be forgotten."""

from __future__ import annotations

from dxhelper.exchange.envelope import Sender
from dxhelper.exchange.keys import Keyring
from dxhelper.ui.keys_panel import KeysPanel

A_ID = "0b6c1f1e-5d0a-4b52-9a55-8c7e4f1d2a3b"


def _panel(qtbot, services) -> KeysPanel:
    panel = KeysPanel(services)
    qtbot.addWidget(panel)
    panel.resize(900, 800)
    panel.show()
    qtbot.waitUntil(lambda: panel.state is not None, timeout=10_000)
    return panel


def _wait_changed(qtbot, panel, action) -> None:
    with qtbot.waitSignal(panel.changed, timeout=10_000):
        action()
    qtbot.waitUntil(lambda: services_idle(panel), timeout=10_000)


def services_idle(panel) -> bool:
    return panel.services.tasks.running == 0


def test_a_coordinator_key_made_here_and_loaded_by_a_volunteer(qtbot, make_services, tmp_path):
    coordinator = make_services("en", demo=False)
    panel = _panel(qtbot, coordinator)
    device = Keyring(coordinator.paths).device_fingerprint()
    assert device and device in panel.device_label.text()
    assert panel.create_button.isVisible() and not panel.save_public_button.isVisible()
    assert not panel.stop_button.isEnabled()

    key_file = tmp_path / "coordinator.dxkey"
    _wait_changed(qtbot, panel, lambda: panel.create_key(key_file))
    own = Keyring(coordinator.paths).own_coordinator_key()
    assert key_file.is_file() and own.fingerprint in panel.result.text()
    assert own.fingerprint in panel.own_label.text()
    assert not panel.create_button.isVisible() and panel.save_public_button.isVisible()
    again = tmp_path / "again.dxkey"
    _wait_changed(qtbot, panel, lambda: panel.save_key_file(again))
    assert again.read_bytes() == key_file.read_bytes()

    volunteer = make_services("en", demo=False)
    other = _panel(qtbot, volunteer)
    _wait_changed(qtbot, other, lambda: other.load_key_file(key_file))
    assert (
        own.fingerprint in other.result.text() and own.fingerprint in other.recipient_label.text()
    )
    assert other.stop_button.isEnabled()
    _wait_changed(qtbot, other, other.stop_using_key)
    assert Keyring(volunteer.paths).recipient() is None and not other.stop_button.isEnabled()


def test_a_bad_key_file_is_refused_in_place(qtbot, make_services, tmp_path):
    services = make_services("en", demo=False)
    panel = _panel(qtbot, services)
    bad = tmp_path / "bad.dxkey"
    bad.write_text("{}", encoding="utf-8")
    panel.load_key_file(bad)
    qtbot.waitUntil(panel.message.isVisible, timeout=10_000)
    assert "not a coordinator key file" in panel.message.text()
    assert Keyring(services.paths).recipient() is None


def test_forgetting_a_trusted_device_asks_first(qtbot, make_services):
    services = make_services("en", demo=False)
    Keyring(services.paths).pin([Sender(A_ID, "青木のノートPC", b"\x0a" * 32)])
    panel = _panel(qtbot, services)
    assert panel.devices.count() == 1 and "青木のノートPC" in panel.devices.item(0).text()
    panel.devices.setCurrentRow(0)
    box = panel.forget_selected()
    assert box is not None and "青木のノートPC" in box.text()
    assert Keyring(services.paths).pinned()  # nothing happens before the yes
    _wait_changed(qtbot, panel, box.accept)
    assert Keyring(services.paths).pinned() == [] and panel.devices.count() == 0
    assert not panel.forget_button.isEnabled()


def test_the_panel_and_dialogs_in_japanese(qtbot, make_services, tmp_path):
    """Rendered at 100 % in Japanese (the pictures are looked at by hand: tmp_path)."""
    from dxhelper.ui.passphrase_dialog import PassphraseDialog

    services = make_services("ja", demo=False)
    keyring = Keyring(services.paths)
    keyring.create_coordinator("みどり市")
    keyring.pin([Sender(A_ID, "青木のノートPC", b"\x0a" * 32)])
    panel = _panel(qtbot, services)
    assert "この端末の指紋" in panel.device_label.text()
    panel.grab().save(str(tmp_path / "keys-panel-ja.png"))
    for confirm in (True, False):
        dialog = PassphraseDialog(confirm=confirm)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.windowTitle() in ("パスフレーズで守る", "パスフレーズ")
        dialog.grab().save(str(tmp_path / f"passphrase-{confirm}-ja.png"))
