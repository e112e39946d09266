"""The keys a data folder keeps for sealed bundles (issue 16 §9), in `<data folder>/keys/`:

- `device.ed25519`: this device's signing key, made the first time it is needed;
- `coordinator.x25519`: a coordinator's private key (only on the coordinator's device);
- `coordinator.dxkey`: the coordinator key in use: the public file a volunteer was handed;
- `trusted-devices.json`: the devices this coordinator has agreed to import from, each pinned
  to its key the first time.

Keys belong to the folder whose records they sign: a practice folder has keys of its own.
Private keys are written 0600 (the folder 0700) and every file atomically; every file read is
size-capped and checked as hostile input.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as dt
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from dxhelper.core.errors import DxError
from dxhelper.core.files import shown
from dxhelper.exchange.envelope import Sender, fingerprint
from dxhelper.exchange.errors import BundleError
from dxhelper.exchange.validate import RowProblem, text_value, uuid_value
from dxhelper.paths import DataPaths

FOLDER = "keys"
DEVICE_KEY = "device.ed25519"
COORDINATOR_KEY = "coordinator.x25519"
RECIPIENT_KEY = "coordinator.dxkey"  # the coordinator key in use (public)
TRUSTED_DEVICES = "trusted-devices.json"
PUBLIC_SUFFIX = ".dxkey"
PUBLIC_FORMAT = "dxhelper-coordinator-key"
MAX_KEY_FILE_BYTES = 4096
MAX_TRUSTED_BYTES = 2**20
MAX_TRUSTED_DEVICES = 2000
_KEY_BYTES = 32


class KeyFileError(DxError):
    """A key file that cannot be read, written or trusted."""


@dataclass(frozen=True)
class CoordinatorKey:
    """A coordinator's public key, as handed to volunteers."""

    name: str
    public_key: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


@dataclass(frozen=True)
class PinnedDevice:
    installation_id: str
    name: str
    public_key: bytes
    pinned_at: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


class DeviceKeyChanged(BundleError):
    """A device this coordinator trusts sent a bundle signed by another key."""

    def __init__(self, sender: Sender, pinned: PinnedDevice, file: Path | None = None) -> None:
        super().__init__(
            f"「{pinned.name}」の鍵が変わっています（登録済み {pinned.fingerprint}、このファイル "
            f"{sender.fingerprint}）。端末を入れ替えたのでなければ、別人が作ったファイルの"
            f"おそれがあります。取り込みませんでした。送り主に確かめ、本当に新しい端末なら "
            f"`dxhelper keys forget {pinned.installation_id}`（または設定の「鍵」）で登録を"
            "消してから、もう一度取り込んでください。",
            f"The key of '{pinned.name}' has changed (trusted: {pinned.fingerprint}; this "
            f"file: {sender.fingerprint}). Unless that device was replaced, someone else may "
            "have made this file. It was not imported. Ask the volunteer; if they really have "
            f"a new device, remove the old entry with `dxhelper keys forget "
            f"{pinned.installation_id}` (or Settings, Keys) and import again.",
            file=file,
        )
        self.sender = sender
        self.pinned = pinned


class UntrustedDevices(BundleError):
    """Bundles from devices not yet trusted: the user must compare fingerprints first."""

    def __init__(self, senders: Iterable[Sender]) -> None:
        self.senders = tuple(senders)
        listed = "; ".join(f"{s.name} ({s.fingerprint})" for s in self.senders)
        super().__init__(
            f"初めて受け取る端末からのファイルです: {listed}。送り主に電話などで指紋（英数字の"
            "並び）が同じか確かめてから、信頼して取り込んでください"
            "（コマンドでは --trust-new）。何も取り込んでいません。",
            f"These files come from devices not seen before: {listed}. Check the fingerprint "
            "with the volunteer (by phone, in person), then trust and import them (on the "
            "command line: --trust-new). Nothing was imported.",
        )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _key_bytes(value: Any) -> bytes:
    if not isinstance(value, str) or len(value) > 64:
        raise ValueError("key")
    try:
        data = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("key") from None
    if len(data) != _KEY_BYTES:
        raise ValueError("key")
    return data


def _read_capped(path: Path, cap: int) -> bytes | None:
    """The file's bytes, None when it does not exist; refused beyond `cap` bytes read."""
    try:
        with path.open("rb") as fh:
            data = fh.read(cap + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise KeyFileError(
            f"鍵のファイルを読めません（{shown(path)}: {exc.strerror or exc}）。",
            f"Cannot read the key file {shown(path)} ({exc.strerror or exc}).",
        ) from None
    if len(data) > cap:
        raise _damaged(path)
    return data


def _damaged(path: Path) -> KeyFileError:
    return KeyFileError(
        f"鍵のファイルが壊れているか、dxhelper のものではありません（{shown(path)}）。",
        f"The key file {shown(path)} is damaged or not a dxhelper key file.",
    )


def _json(path: Path, data: bytes) -> dict[str, Any]:
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _damaged(path) from None
    if not isinstance(value, dict):
        raise _damaged(path)
    return value


def _write(path: Path, data: bytes, *, private: bool, replace: bool = True) -> bool:
    """Write beside the target and move it into place. A private file is 0600 from the start.
    With `replace=False` an existing file is kept (two dxhelpers making the device key at once
    both end up with the same one); returns whether this call's data is in place."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    handle, temp = tempfile.mkstemp(prefix=".key-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if not private:
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(temp, 0o666 & ~mask)
        if replace:
            os.replace(temp, path)
            return True
        try:
            os.link(temp, path)  # fails when the file exists: the first writer wins
        except FileExistsError:
            return False
        except OSError:  # no hard links on this file system
            if path.exists():
                return False
            os.replace(temp, path)
        return True
    except OSError as exc:
        raise KeyFileError(
            f"鍵のファイルを書けません（{shown(path)}: {exc.strerror or exc}）。",
            f"Cannot write the key file {shown(path)} ({exc.strerror or exc}).",
        ) from exc
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)


def _private_file(kind: str, key: bytes) -> bytes:
    return (json.dumps({"format": kind, "version": 1, "key": _b64(key)}) + "\n").encode()


def _read_private(path: Path, kind: str) -> bytes | None:
    data = _read_capped(path, MAX_KEY_FILE_BYTES)
    if data is None:
        return None
    fields = _json(path, data)
    if (
        fields.get("format") != kind
        or fields.get("version") != 1
        or set(fields)
        != {
            "format",
            "version",
            "key",
        }
    ):
        raise _damaged(path)
    try:
        return _key_bytes(fields["key"])
    except ValueError:
        raise _damaged(path) from None


def public_key_file(key: CoordinatorKey) -> bytes:
    """The coordinator key file to hand out (it holds no secret)."""
    text = json.dumps(
        {
            "format": PUBLIC_FORMAT,
            "version": 1,
            "name": key.name,
            "key": _b64(key.public_key),
            "fingerprint": key.fingerprint,
        },
        ensure_ascii=False,
        indent=2,
    )
    return (text + "\n").encode("utf-8")


def read_public_key_file(path: Path) -> CoordinatorKey:
    """A coordinator key file someone was handed, checked as hostile input."""
    data = _read_capped(Path(path), MAX_KEY_FILE_BYTES)
    if data is None:
        raise KeyFileError(
            f"ファイルがありません（{shown(path)}）。", f"There is no file {shown(path)}."
        )
    fields = _json(path, data)
    not_ours = KeyFileError(
        f"コーディネーターの鍵ファイルではありません（{shown(path)}）。"
        "コーディネーターから受け取った .dxkey ファイルを選んでください。",
        f"{shown(path)} is not a coordinator key file: choose the .dxkey file the "
        "coordinator gave you.",
    )
    if fields.get("format") != PUBLIC_FORMAT or set(fields) != {
        "format",
        "version",
        "name",
        "key",
        "fingerprint",
    }:
        raise not_ours
    if fields["version"] != 1:
        raise KeyFileError(
            "新しい版の dxhelper で作られた鍵ファイルです。dxhelper を更新してください。",
            "This key file was made by a newer dxhelper: please update dxhelper.",
        )
    try:
        public_key = _key_bytes(fields["key"])
        name = text_value("installation_name")("name", fields["name"])
    except (ValueError, RowProblem):
        raise not_ours from None
    key = CoordinatorKey(name, public_key)
    if fields["fingerprint"] != key.fingerprint:  # a typed or damaged copy
        raise _damaged(Path(path))
    return key


class Keyring:
    """The key files of one data folder (the DataPaths given: practice data has its own)."""

    def __init__(self, paths: DataPaths) -> None:
        self.folder = paths.root / FOLDER

    # -- this device ---------------------------------------------------------------------------

    def device_key(self) -> Ed25519PrivateKey:
        """This device's signing key, made and kept the first time it is needed."""
        path = self.folder / DEVICE_KEY
        raw = _read_private(path, "dxhelper-device-key")
        if raw is None:
            fresh = Ed25519PrivateKey.generate()
            _write(
                path,
                _private_file("dxhelper-device-key", fresh.private_bytes_raw()),
                private=True,
                replace=False,
            )
            raw = _read_private(path, "dxhelper-device-key")
            assert raw is not None
        return Ed25519PrivateKey.from_private_bytes(raw)

    def device_fingerprint(self) -> str | None:
        raw = _read_private(self.folder / DEVICE_KEY, "dxhelper-device-key")
        if raw is None:
            return None
        return fingerprint(
            Ed25519PrivateKey.from_private_bytes(raw).public_key().public_bytes_raw()
        )

    # -- a coordinator's own key pair ----------------------------------------------------------

    def coordinator_private(self) -> X25519PrivateKey | None:
        raw = _read_private(self.folder / COORDINATOR_KEY, "dxhelper-coordinator-private-key")
        return None if raw is None else X25519PrivateKey.from_private_bytes(raw)

    def own_coordinator_key(self, name: str = "") -> CoordinatorKey | None:
        private = self.coordinator_private()
        if private is None:
            return None
        return CoordinatorKey(name, private.public_key().public_bytes_raw())

    def create_coordinator(self, name: str, *, replace: bool = False) -> CoordinatorKey:
        """Make this device a coordinator: a new X25519 key pair, the private half kept here.
        An existing one is kept unless `replace` (then it is renamed, not deleted: bundles
        sealed to it can still be opened by hand)."""
        path = self.folder / COORDINATOR_KEY
        existing = self.coordinator_private()
        if existing is not None and not replace:
            key = CoordinatorKey(name, existing.public_key().public_bytes_raw())
            raise KeyFileError(
                f"この端末にはもうコーディネーターの鍵があります（{key.fingerprint}）。"
                "作り直すと、古い鍵あてのファイルは開けなくなります。",
                f"This device already has a coordinator key ({key.fingerprint}). Making a "
                "new one means files sealed to the old one can no longer be opened.",
            )
        if existing is not None:
            stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
            try:
                os.replace(path, path.with_name(f"{COORDINATOR_KEY}.replaced-{stamp}"))
            except OSError as exc:
                raise KeyFileError(
                    f"古い鍵を残せません（{exc.strerror or exc}）。",
                    f"Cannot keep the old key aside ({exc.strerror or exc}).",
                ) from exc
        private = X25519PrivateKey.generate()
        _write(
            path,
            _private_file("dxhelper-coordinator-private-key", private.private_bytes_raw()),
            private=True,
        )
        return CoordinatorKey(name, private.public_key().public_bytes_raw())

    # -- the coordinator key in use (a volunteer's) --------------------------------------------

    def recipient_loaded(self) -> bool:
        """Whether exports are sealed to a coordinator key (a cheap look, nothing parsed)."""
        return (self.folder / RECIPIENT_KEY).is_file()

    def recipient(self) -> CoordinatorKey | None:
        path = self.folder / RECIPIENT_KEY
        if not path.exists():
            return None
        return read_public_key_file(path)

    def use_coordinator(self, source: Path) -> CoordinatorKey:
        """Seal every export from now on to the coordinator key in `source`."""
        key = read_public_key_file(source)
        _write(self.folder / RECIPIENT_KEY, public_key_file(key), private=False)
        return key

    def stop_using_coordinator(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            (self.folder / RECIPIENT_KEY).unlink()

    # -- trusted devices (a coordinator's) -----------------------------------------------------

    def pinned(self) -> list[PinnedDevice]:
        path = self.folder / TRUSTED_DEVICES
        data = _read_capped(path, MAX_TRUSTED_BYTES)
        if data is None:
            return []
        damaged = KeyFileError(
            f"信頼する端末の一覧が壊れています（{shown(path)}）。安全のため取り込みを止めました。"
            "バックアップから戻すか、このファイルを消して端末を登録し直してください。",
            f"The list of trusted devices is damaged ({shown(path)}). Imports stop until it is "
            "restored from a backup, or deleted and the devices trusted again.",
        )
        fields = _json(path, data)
        devices = fields.get("devices")
        if (
            fields.get("format") != "dxhelper-trusted-devices"
            or fields.get("version") != 1
            or not isinstance(devices, list)
            or len(devices) > MAX_TRUSTED_DEVICES
        ):
            raise damaged
        out = []
        for item in devices:
            try:
                if not isinstance(item, dict) or set(item) != {
                    "installation_id",
                    "name",
                    "key",
                    "pinned_at",
                }:
                    raise ValueError("entry")
                pinned_at = item["pinned_at"]
                if not isinstance(pinned_at, str) or len(pinned_at) > 40:
                    raise ValueError("pinned_at")
                out.append(
                    PinnedDevice(
                        uuid_value("installation_id", item["installation_id"]),
                        text_value("installation_name")("name", item["name"]),
                        _key_bytes(item["key"]),
                        pinned_at,
                    )
                )
            except (ValueError, RowProblem):
                raise damaged from None
        return out

    def _save_pins(self, devices: list[PinnedDevice]) -> None:
        body = {
            "format": "dxhelper-trusted-devices",
            "version": 1,
            "devices": [
                {
                    "installation_id": d.installation_id,
                    "name": d.name,
                    "key": _b64(d.public_key),
                    "pinned_at": d.pinned_at,
                }
                for d in devices
            ],
        }
        data = (json.dumps(body, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        _write(self.folder / TRUSTED_DEVICES, data, private=True)

    def check_sender(self, sender: Sender, file: Path | None = None) -> bool:
        """True when the sender is trusted with this very key; False when never seen. A
        trusted device with another key raises DeviceKeyChanged."""
        for pinned in self.pinned():
            if pinned.installation_id == sender.installation_id:
                if pinned.public_key != sender.public_key:
                    raise DeviceKeyChanged(sender, pinned, file)
                return True
        return False

    def pin(self, senders: Iterable[Sender]) -> list[PinnedDevice]:
        """Trust these devices with these keys from now on; returns the ones added."""
        devices = self.pinned()
        known = {d.installation_id: d for d in devices}
        added = []
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        for sender in senders:
            pinned = known.get(sender.installation_id)
            if pinned is not None:
                if pinned.public_key != sender.public_key:
                    raise DeviceKeyChanged(sender, pinned)
                continue
            pinned = PinnedDevice(sender.installation_id, sender.name, sender.public_key, now)
            known[sender.installation_id] = pinned
            devices.append(pinned)
            added.append(pinned)
        if added:
            if len(devices) > MAX_TRUSTED_DEVICES:
                raise KeyFileError(
                    f"信頼する端末は {MAX_TRUSTED_DEVICES} 台までです。",
                    f"At most {MAX_TRUSTED_DEVICES} devices can be trusted.",
                )
            self._save_pins(devices)
        return added

    def forget(self, device: str) -> PinnedDevice:
        """Stop trusting a device, named by its id, its fingerprint or its name."""
        wanted = device.strip()
        compact = wanted.replace("-", "").upper()
        devices = self.pinned()
        matches = [
            d
            for d in devices
            if d.installation_id == wanted.lower()
            or (len(compact) >= 8 and d.fingerprint.replace("-", "").startswith(compact))
        ] or [d for d in devices if d.name == wanted]
        if not matches:
            raise KeyFileError(
                f"信頼する端末に「{device}」はありません（`dxhelper keys show` で一覧）。",
                f"No trusted device matches '{device}' (see `dxhelper keys show`).",
            )
        if len(matches) > 1:
            ids = ", ".join(d.installation_id for d in matches)
            raise KeyFileError(
                f"「{device}」に当たる端末が複数あります。IDで指定してください: {ids}",
                f"Several trusted devices match '{device}'; give the id: {ids}",
            )
        gone = matches[0]
        self._save_pins([d for d in devices if d is not gone])
        return gone
