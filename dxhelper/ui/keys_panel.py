"""The keys part of Settings (issue 16 §9): this device's fingerprint, the coordinator key
exports are sealed to (load a .dxkey file), a coordinator's own key pair (make it, save the
public file to hand out) and the devices a coordinator trusts (forget one).

The keys belong to the data folder the services show (practice records have their own).
Making a key and reading key files is quick, but it is crypto and file work: it runs in a
worker like every other job, and the panel only shows what comes back.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QVBoxLayout, QWidget

from dxhelper.ui.services import Services
from dxhelper.ui.widgets import (
    ID_ROLE,
    InlineMessage,
    button,
    button_row,
    error_text,
    fill_list,
    label,
    list_box,
)

KEY_FILE_FILTER = "dxhelper key (*.dxkey)"


def _bold(text: str) -> QLabel:
    widget = label(text)
    font = widget.font()
    font.setBold(True)
    widget.setFont(font)
    return widget


def _keyring(services: Services):  # -> Keyring (cryptography loads when first needed)
    from dxhelper.exchange.keys import Keyring

    return Keyring(services.paths)


def _state(services: Services) -> dict:
    """Everything the panel shows, read in a worker."""
    from dxhelper.exchange.envelope import fingerprint

    keyring = _keyring(services)
    device = fingerprint(keyring.device_key().public_key().public_bytes_raw())
    return {
        "device": device,
        "recipient": keyring.recipient(),
        "own": keyring.own_coordinator_key(),
        "pinned": keyring.pinned(),
    }


class KeysPanel(QWidget):
    changed = Signal()  # a key was made, loaded or forgotten (the panel shows it already)

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.confirm_forget: QMessageBox | None = None
        self.state: dict | None = None
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(12)
        box.addWidget(label(self.tr("Keys"), "heading"))
        box.addWidget(
            label(
                self.tr(
                    "Records sent to a coordinator are locked so that only the coordinator "
                    "can open them, and signed by this device so that a changed file is "
                    "refused. The coordinator makes a key and hands its key file to the "
                    "volunteers; it holds no secret and may go by USB stick or e-mail."
                ),
                "muted",
            )
        )
        self.device_label = label("")
        self.device_label.setAccessibleName(self.tr("This device's fingerprint"))
        box.addWidget(self.device_label)

        box.addWidget(_bold(self.tr("Sending records")))
        self.recipient_label = label("")
        box.addWidget(self.recipient_label)
        self.load_button = button(self.tr("Load coordinator key file…"), self.load_key_file)
        self.stop_button = button(self.tr("Stop using this key"), self.stop_using_key)
        box.addLayout(button_row(self.load_button, self.stop_button))

        box.addWidget(_bold(self.tr("Receiving records (coordinators)")))
        self.own_label = label("")
        box.addWidget(self.own_label)
        self.create_button = button(self.tr("Create coordinator key…"), self.create_key)
        self.save_public_button = button(self.tr("Save key file to hand out…"), self.save_key_file)
        box.addLayout(button_row(self.create_button, self.save_public_button))
        self.devices = list_box(self.tr("Trusted devices"), rows=4)
        box.addWidget(_bold(self.tr("Trusted devices")))
        box.addWidget(self.devices)
        self.forget_button = button(self.tr("Forget selected device…"), self.forget_selected)
        box.addLayout(button_row(self.forget_button))

        self.message = InlineMessage()
        box.addWidget(self.message)
        self.result = label("", "ok")
        box.addWidget(self.result)
        self.refresh()

    # -- showing ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        services = self.services
        self.services.tasks.run(
            lambda: _state(services), self._show, self._failed, self.tr("Reading keys…")
        )

    def _show(self, state: dict) -> None:
        self.state = state
        self.device_label.setText(
            self.tr("This device's fingerprint: {fingerprint}").format(fingerprint=state["device"])
        )
        self.device_label.setAccessibleName(self.device_label.text())  # heard with its value
        recipient = state["recipient"]
        if recipient is None:
            self.recipient_label.setText(
                self.tr(
                    "No coordinator key loaded: exports are locked with a passphrase you "
                    "choose (for moving your own records)."
                )
            )
        else:
            self.recipient_label.setText(
                self.tr("Exports are locked for {name}, key {fingerprint}").format(
                    name=recipient.name, fingerprint=recipient.fingerprint
                )
            )
        self.stop_button.setEnabled(recipient is not None)
        own = state["own"]
        if own is None:
            self.own_label.setText(self.tr("This device has no coordinator key."))
        else:
            self.own_label.setText(
                self.tr("This device's coordinator key: {fingerprint}").format(
                    fingerprint=own.fingerprint
                )
            )
        self.create_button.setVisible(own is None)
        self.save_public_button.setVisible(own is not None)
        rows = [
            (
                device.installation_id,
                self.tr("{name}  ·  {fingerprint}  ·  since {day}").format(
                    name=device.name, fingerprint=device.fingerprint, day=device.pinned_at[:10]
                ),
                False,
            )
            for device in state["pinned"]
        ]
        fill_list(self.devices, rows)
        self.forget_button.setEnabled(bool(rows))

    def _failed(self, exc: Exception) -> None:
        self.result.setText("")
        self.message.show_text(error_text(exc, self.services.lang))

    def _done(self, text: str) -> None:
        self.message.clear_text()
        self.result.setText(text)
        self.changed.emit()
        self.refresh()

    def _device_name(self) -> str:
        try:
            return self.services.store.installation.name
        except Exception:  # the records are not open (a failed start): any name will do
            return "dxhelper"

    # -- a volunteer: the coordinator key in use -------------------------------------------------

    def load_key_file(self, source: Path | None = None) -> None:
        if source is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self, self.tr("Load coordinator key file"), str(Path.home()), KEY_FILE_FILTER
            )
            if not chosen:
                return
            source = Path(chosen)
        services = self.services
        self.services.tasks.run(
            lambda: _keyring(services).use_coordinator(source),
            lambda key: self._done(
                self.tr(
                    "Exports are now locked for {name}. Check with the coordinator that the "
                    "fingerprint is {fingerprint}."
                ).format(name=key.name, fingerprint=key.fingerprint)
            ),
            self._failed,
            self.tr("Reading the key file…"),
        )

    def stop_using_key(self) -> None:
        services = self.services
        self.services.tasks.run(
            lambda: _keyring(services).stop_using_coordinator(),
            lambda _none: self._done(self.tr("Exports are locked with a passphrase again.")),
            self._failed,
        )

    # -- a coordinator: the key pair and trusted devices -----------------------------------------

    def _ask_target(self) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the key file to hand out"),
            str(Path.home() / "coordinator.dxkey"),
            KEY_FILE_FILTER,
        )
        return Path(chosen) if chosen else None

    def create_key(self, target: Path | None = None) -> None:
        """Make the key pair and save the public file where the user says."""
        if target is None:
            target = self._ask_target()
            if target is None:
                return
        services, name = self.services, self._device_name()

        def work():
            keyring = _keyring(services)
            key = keyring.create_coordinator(name)
            _save_public(key, target)
            return key

        self.services.tasks.run(
            work,
            lambda key: self._done(
                self.tr(
                    "Coordinator key made; its file is {path}. Hand it to the volunteers and "
                    "read them the fingerprint {fingerprint}."
                ).format(path=target, fingerprint=key.fingerprint)
            ),
            self._failed,
            self.tr("Making the key…"),
        )

    def save_key_file(self, target: Path | None = None) -> None:
        if target is None:
            target = self._ask_target()
            if target is None:
                return
        services, name = self.services, self._device_name()

        def work():
            key = _keyring(services).own_coordinator_key(name)
            if key is None:
                from dxhelper.exchange.keys import KeyFileError

                raise KeyFileError(
                    "この端末にはコーディネーターの鍵がありません。",
                    "This device has no coordinator key.",
                )
            _save_public(key, target)
            return key

        self.services.tasks.run(
            work,
            lambda key: self._done(
                self.tr("Saved {path} (fingerprint {fingerprint}).").format(
                    path=target, fingerprint=key.fingerprint
                )
            ),
            self._failed,
        )

    def forget_selected(self) -> QMessageBox | None:
        item = self.devices.currentItem()
        if item is None:
            self.message.show_text(self.tr("Choose a device in the list first."))
            return None
        ident = item.data(ID_ROLE)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Forget a device"),
            self.tr(
                "Stop trusting this device?\n{device}\n\nIts next file will be shown as "
                "coming from a new device, to be checked again. Do this when a volunteer "
                "really has a new computer."
            ).format(device=item.text()),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.accepted.connect(lambda: self.forget(ident))
        self.confirm_forget = box
        box.open()
        return box

    def forget(self, ident: str) -> None:
        services = self.services

        def work():
            with services.library.writing():  # imports pin devices too: one writer
                return _keyring(services).forget(ident)

        self.services.tasks.run(
            work,
            lambda gone: self._done(self.tr("No longer trusted: {name}").format(name=gone.name)),
            self._failed,
        )


def _save_public(key, target: Path) -> None:
    from dxhelper.core.files import write_atomically
    from dxhelper.exchange.keys import CoordinatorKey, KeyFileError, public_key_file

    def unwritable(path: Path, exc: OSError) -> KeyFileError:
        return KeyFileError(
            f"鍵ファイルを保存できません（{path}: {exc.strerror or exc}）。",
            f"Cannot save the key file {path} ({exc.strerror or exc}).",
        )

    write_atomically(public_key_file(CoordinatorKey(key.name, key.public_key)), target, unwritable)
