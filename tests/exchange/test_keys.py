"""The data folder's key files (issue 16 §9): made once, kept private, written atomically,
read as hostile input; trusted devices pinned, refused when changed, forgotten on purpose."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from dxhelper.exchange.envelope import Sender
from dxhelper.exchange.keys import (
    DeviceKeyChanged,
    KeyFileError,
    Keyring,
    _private_file,
    _write,
    public_key_file,
    read_public_key_file,
)
from dxhelper.paths import DataPaths

A_ID = "0b6c1f1e-5d0a-4b52-9a55-8c7e4f1d2a3b"
B_ID = "8f14e45f-ceea-467f-a0e6-5a0b1f3c9d21"


def _sender(installation_id: str, name: str, key: bytes) -> Sender:
    return Sender(installation_id, name, key)


def test_the_device_key_is_made_once_and_kept_private(tmp_path):
    keys = Keyring(DataPaths(tmp_path))
    assert keys.device_fingerprint() is None
    first = keys.device_key().public_key().public_bytes_raw()
    assert keys.device_key().public_key().public_bytes_raw() == first
    assert Keyring(DataPaths(tmp_path)).device_fingerprint() == keys.device_fingerprint()
    path = tmp_path / "keys" / "device.ed25519"
    assert path.is_file()
    if sys.platform != "win32":
        assert path.stat().st_mode & 0o777 == 0o600
        assert path.parent.stat().st_mode & 0o777 == 0o700
    # No temporary files are left beside it.
    assert sorted(p.name for p in path.parent.iterdir()) == ["device.ed25519"]


def test_two_dxhelpers_making_the_device_key_at_once_keep_the_first(tmp_path):
    path = tmp_path / "keys" / "device.ed25519"
    first = _private_file("dxhelper-device-key", b"\x01" * 32)
    assert _write(path, first, private=True, replace=False)
    assert not _write(path, _private_file("dxhelper-device-key", b"\x02" * 32), private=True,
                      replace=False)  # fmt: skip
    assert path.read_bytes() == first


def test_keys_belong_to_the_folder_they_were_given(tmp_path):
    real = Keyring(DataPaths(tmp_path / "real"))
    practice = Keyring(DataPaths(tmp_path / "real" / "practice"))
    assert real.device_key().public_key().public_bytes_raw() != (
        practice.device_key().public_key().public_bytes_raw()
    )
    real.create_coordinator("本番")
    assert practice.coordinator_private() is None


def test_a_coordinator_key_is_not_replaced_by_accident(tmp_path):
    keys = Keyring(DataPaths(tmp_path))
    key = keys.create_coordinator("みどり市")
    with pytest.raises(KeyFileError) as refused:
        keys.create_coordinator("みどり市")
    assert key.fingerprint in refused.value.en
    newer = keys.create_coordinator("みどり市", replace=True)
    assert newer.fingerprint != key.fingerprint
    kept = [p.name for p in (tmp_path / "keys").iterdir() if ".replaced-" in p.name]
    assert len(kept) == 1  # the old key is set aside, not deleted


def test_the_public_key_file_round_trips_and_a_volunteer_uses_it(tmp_path):
    coordinator = Keyring(DataPaths(tmp_path / "coordinator"))
    key = coordinator.create_coordinator("みどり市 事務局")
    handed = tmp_path / "coordinator.dxkey"
    handed.write_bytes(public_key_file(key))
    assert b"private" not in handed.read_bytes()
    volunteer = Keyring(DataPaths(tmp_path / "volunteer"))
    assert volunteer.recipient() is None
    used = volunteer.use_coordinator(handed)
    assert (used.name, used.fingerprint) == ("みどり市 事務局", key.fingerprint)
    assert volunteer.recipient() == used
    handed.unlink()  # the volunteer keeps a copy of their own
    assert volunteer.recipient() == used
    volunteer.stop_using_coordinator()
    assert volunteer.recipient() is None


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\xff\xfe",
        b"[]",
        b"{" * 100_000,
        b"x" * 10_000,
        json.dumps({"format": "dxhelper-coordinator-key", "version": 1}).encode(),
        json.dumps(
            {
                "format": "dxhelper-coordinator-key",
                "version": 1,
                "name": "x",
                "key": "not base64!",
                "fingerprint": "",
            }
        ).encode(),
        json.dumps(
            {
                "format": "dxhelper-coordinator-key",
                "version": 1,
                "name": "x",
                "key": "AAAA",
                "fingerprint": "",
            }
        ).encode(),
    ],
)
def test_a_bad_coordinator_key_file_is_refused(tmp_path, content):
    path = tmp_path / "bad.dxkey"
    path.write_bytes(content)
    with pytest.raises(KeyFileError):
        read_public_key_file(path)
    with pytest.raises(KeyFileError):
        Keyring(DataPaths(tmp_path / "v")).use_coordinator(path)
    assert not (tmp_path / "v" / "keys" / "coordinator.dxkey").exists()


def test_a_typed_copy_with_a_wrong_fingerprint_is_refused(tmp_path):
    key = Keyring(DataPaths(tmp_path)).create_coordinator("x")
    fields = json.loads(public_key_file(key))
    fields["fingerprint"] = "0000-0000-0000-0000-0000-0000-0000-0000"
    path = tmp_path / "typed.dxkey"
    path.write_text(json.dumps(fields))
    with pytest.raises(KeyFileError):
        read_public_key_file(path)
    path.write_text(json.dumps(dict(fields, version=2, fingerprint=key.fingerprint)))
    with pytest.raises(KeyFileError) as newer:
        read_public_key_file(path)
    assert "newer dxhelper" in newer.value.en


def test_pinning_refusing_a_changed_key_and_forgetting(tmp_path):
    keys = Keyring(DataPaths(tmp_path))
    a = _sender(A_ID, "端末 青木", b"\x0a" * 32)
    b = _sender(B_ID, "端末 佐藤", b"\x0b" * 32)
    assert not keys.check_sender(a)
    assert [d.installation_id for d in keys.pin([a, b])] == [A_ID, B_ID]
    assert keys.pin([a]) == []  # already trusted
    assert keys.check_sender(a) and keys.check_sender(b)
    impostor = _sender(A_ID, "端末 青木", b"\x0c" * 32)
    with pytest.raises(DeviceKeyChanged) as changed:
        keys.check_sender(impostor)
    assert a.fingerprint in changed.value.en and impostor.fingerprint in changed.value.en
    with pytest.raises(DeviceKeyChanged):
        keys.pin([impostor])
    # Forget by fingerprint (with or without dashes), by id, or by name.
    assert keys.forget(b.fingerprint.replace("-", "").lower()[:12]).installation_id == B_ID
    assert keys.forget("端末 青木").installation_id == A_ID
    assert keys.pinned() == []
    with pytest.raises(KeyFileError):
        keys.forget(A_ID)


def test_forgetting_an_ambiguous_name_asks_for_the_id(tmp_path):
    keys = Keyring(DataPaths(tmp_path))
    keys.pin([_sender(A_ID, "ノートPC", b"\x0a" * 32), _sender(B_ID, "ノートPC", b"\x0b" * 32)])
    with pytest.raises(KeyFileError) as refused:
        keys.forget("ノートPC")
    assert A_ID in refused.value.en and B_ID in refused.value.en
    assert keys.forget(B_ID).installation_id == B_ID


@pytest.mark.parametrize(
    "content",
    [
        b"not json",
        b'{"format": "dxhelper-trusted-devices", "version": 1, "devices": {}}',
        b'{"format": "dxhelper-trusted-devices", "version": 1, "devices": [{"x": 1}]}',
        b"[" * 50_000,
        b" " * (2**20 + 10),
    ],
)
def test_a_damaged_trusted_list_stops_imports(tmp_path, content):
    keys = Keyring(DataPaths(tmp_path))
    (tmp_path / "keys").mkdir()
    (tmp_path / "keys" / "trusted-devices.json").write_bytes(content)
    with pytest.raises(KeyFileError):
        keys.check_sender(_sender(A_ID, "x", b"\x0a" * 32))


def test_a_damaged_device_key_is_not_silently_replaced(tmp_path):
    keys = Keyring(DataPaths(tmp_path))
    keys.device_key()
    path = tmp_path / "keys" / "device.ed25519"
    path.write_text("garbage")
    with pytest.raises(KeyFileError):
        keys.device_key()
    assert path.read_text() == "garbage"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_an_unreadable_key_file_is_a_clear_error(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads everything")
    keys = Keyring(DataPaths(tmp_path))
    keys.device_key()
    path = Path(tmp_path / "keys" / "device.ed25519")
    path.chmod(0)
    try:
        with pytest.raises(KeyFileError):
            keys.device_key()
    finally:
        path.chmod(0o600)
