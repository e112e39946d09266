"""Sealed bundles (issue 16 §9): encrypted to the coordinator's key or a passphrase, signed by
the sending device, and refused when edited, wrongly signed, opened with the wrong key, sent
by a known device with a new key, or plain without the developer option."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from bundletools import digest, import_into
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

import dxhelper.exchange.envelope as envelope
from dxhelper.exchange import BundleError, export_bundle, inspect_bundle
from dxhelper.exchange.bundle import MANIFEST
from dxhelper.exchange.keys import DeviceKeyChanged, Keyring, UntrustedDevices, public_key_file
from dxhelper.exchange.sealing import ALLOW_PLAIN_ENV, Sealing, Unsealing, peek
from dxhelper.paths import DataPaths

PASSPHRASE = "みどり市の講習会 2026"


@pytest.fixture(autouse=True)
def _sealed_only(monkeypatch):
    # These tests are about the sealed path: no developer option unless a test says so.
    monkeypatch.delenv(ALLOW_PLAIN_ENV, raising=False)
    # scrypt at its lowest accepted cost: the same code, a fast suite.
    monkeypatch.setattr(envelope, "SCRYPT_N", 2**14)


@pytest.fixture
def coordinator_keys(coordinator) -> Keyring:
    keys = Keyring(DataPaths(coordinator.path.parent))
    keys.create_coordinator("みどり市 事務局")
    return keys


def _volunteer_keys(store, coordinator_keys: Keyring, tmp_path: Path) -> Keyring:
    key_file = tmp_path / "coordinator.dxkey"
    key_file.write_bytes(public_key_file(coordinator_keys.own_coordinator_key("みどり市 事務局")))
    keys = Keyring(DataPaths(store.path.parent))
    keys.use_coordinator(key_file)
    return keys


def _sealed_export(small_device, coordinator_keys, tmp_path, name="a") -> tuple[Path, Keyring]:
    device = small_device(name)
    try:
        keys = _volunteer_keys(device, coordinator_keys, tmp_path)
        path = export_bundle(device, tmp_path / f"{name}.dxhelper", sealing=Sealing(keys)).path
    finally:
        device.close()
    return path, keys


def _import(coordinator, backups, files, keys, **options):
    return import_into(
        coordinator, files, backups_dir=backups, unsealing=Unsealing(keys, **options)
    )


def _aead_key(keys: Keyring, header: envelope.Header) -> bytes:
    """What only the coordinator can compute: the file's AEAD key."""
    private = keys.coordinator_private()
    own = private.public_key().public_bytes_raw()
    ephemeral = envelope._unb64(header.fields["ephemeral"], 32)
    shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral))
    return envelope._hkdf(shared, ephemeral + own)


# -- the round trip -----------------------------------------------------------------------------


def test_a_sealed_bundle_travels_and_a_finder_learns_nothing(
    small_device, coordinator, backups, coordinator_keys, tmp_path
):
    path, _ = _sealed_export(small_device, coordinator_keys, tmp_path)
    data = path.read_bytes()
    assert data.startswith(b"DXHSEAL1")
    for secret in ("山田 花子", "佐藤 茂", "端末 a", "中央公民館", "manifest.json"):
        assert secret.encode("utf-8") not in data
    assert b"PK\x03\x04" not in data  # not even the zip's structure shows
    header = peek(path)
    assert header is not None and header.mode == "coordinator"
    assert header.recipient == coordinator_keys.own_coordinator_key().fingerprint

    result = _import(coordinator, backups, [path], coordinator_keys, trust=True)
    assert result.per_table["residents"].added == 2
    assert coordinator.count_residents() == 2


def test_first_import_shows_the_device_and_pins_it(
    small_device, coordinator, backups, coordinator_keys, tmp_path
):
    path, keys = _sealed_export(small_device, coordinator_keys, tmp_path)
    before = digest(coordinator)
    with pytest.raises(UntrustedDevices) as refused:
        _import(coordinator, backups, [path], coordinator_keys)
    (sender,) = refused.value.senders
    assert sender.name == "端末 a"
    device_fingerprint = envelope.fingerprint(keys.device_key().public_key().public_bytes_raw())
    assert sender.fingerprint == device_fingerprint
    assert device_fingerprint in refused.value.en and "--trust-new" in refused.value.en
    assert digest(coordinator) == before  # nothing written
    assert coordinator_keys.pinned() == []

    preview = inspect_bundle(path, unsealing=Unsealing(coordinator_keys))
    assert preview.sender == sender and not preview.sender_known

    # Trusting exactly the fingerprint the user compared imports and pins it.
    _import(coordinator, backups, [path], coordinator_keys, trust={device_fingerprint})
    (pinned,) = coordinator_keys.pinned()
    assert (pinned.installation_id, pinned.name) == (sender.installation_id, "端末 a")
    assert pinned.fingerprint == device_fingerprint
    # From now on the device is known: no question asked.
    again = _import(coordinator, backups, [path], coordinator_keys)
    assert not again.changed
    assert inspect_bundle(path, unsealing=Unsealing(coordinator_keys)).sender_known


def test_trusting_another_fingerprint_does_not_let_a_new_device_in(
    small_device, coordinator, backups, coordinator_keys, tmp_path
):
    path, _ = _sealed_export(small_device, coordinator_keys, tmp_path)
    with pytest.raises(UntrustedDevices):
        _import(coordinator, backups, [path], coordinator_keys, trust={"0000-0000"})


def test_a_changed_device_key_is_refused_with_what_to_do(
    small_device, coordinator, backups, coordinator_keys, tmp_path
):
    path, keys = _sealed_export(small_device, coordinator_keys, tmp_path)
    _import(coordinator, backups, [path], coordinator_keys, trust=True)
    # Someone makes a bundle in the device's name with another key (here: the device key
    # file replaced, as a copied or reinstalled data folder would).
    (keys.folder / "device.ed25519").unlink()
    again = Keyring(DataPaths(keys.folder.parent))  # makes a new device key
    first_id = coordinator_keys.pinned()[0].installation_id
    zip_buffer = io.BytesIO()
    _same_zip(path, coordinator_keys, first_id, zip_buffer)
    forged = envelope.seal(
        zip_buffer.getvalue(),
        signer=again.device_key(),
        installation_id=first_id,
        device_name="端末 a",
        recipient=coordinator_keys.own_coordinator_key().public_key,
    )
    changed = tmp_path / "changed.dxhelper"
    changed.write_bytes(forged)
    before = digest(coordinator)
    with pytest.raises(DeviceKeyChanged) as refused:
        _import(coordinator, backups, [changed], coordinator_keys, trust=True)
    assert "keys forget" in refused.value.en and "keys forget" in refused.value.ja
    assert first_id in refused.value.en
    assert digest(coordinator) == before
    with pytest.raises(DeviceKeyChanged):
        inspect_bundle(changed, unsealing=Unsealing(coordinator_keys))
    # Once the pin is removed on purpose, the new key is a new device to confirm.
    coordinator_keys.forget(first_id)
    with pytest.raises(UntrustedDevices):
        _import(coordinator, backups, [changed], coordinator_keys)


def _same_zip(path: Path, keys: Keyring, installation_id: str, out) -> None:
    """The zip inside a sealed file (opened with the coordinator's key), unchanged."""
    opened = envelope.open_sealed(path.read_bytes(), coordinator=keys.coordinator_private())
    out.write(opened.zip_bytes)
    assert opened.sender.installation_id == installation_id


# -- tampering ----------------------------------------------------------------------------------


def test_a_flipped_byte_anywhere_is_refused(
    small_device, coordinator, backups, coordinator_keys, tmp_path
):
    path, _ = _sealed_export(small_device, coordinator_keys, tmp_path)
    data = path.read_bytes()
    header = envelope.read_header(data)
    before = digest(coordinator)
    for at in (len(header.prefix) - 3, len(header.prefix) + 10, len(data) // 2, len(data) - 1):
        bad = bytearray(data)
        bad[at] ^= 0x01
        target = tmp_path / "tampered.dxhelper"
        target.write_bytes(bytes(bad))
        with pytest.raises(BundleError) as refused:
            _import(coordinator, backups, [target], coordinator_keys, trust=True)
        assert "Nothing was imported" in refused.value.en or "damaged" in refused.value.en
    assert digest(coordinator) == before


def test_an_edited_bundle_with_recomputed_checksums_is_refused(
    small_device, coordinator, backups, coordinator_keys, tmp_path
):
    """Even the coordinator, who can decrypt, cannot change a name and keep the signature:
    the manifest's checksums are recomputed, the file re-encrypted under the same key."""
    path, _ = _sealed_export(small_device, coordinator_keys, tmp_path)
    data = path.read_bytes()
    header = envelope.read_header(data)
    key = _aead_key(coordinator_keys, header)
    nonce = envelope._unb64(header.fields["nonce"], 12)
    plaintext = ChaCha20Poly1305(key).decrypt(nonce, data[len(header.prefix) :], header.prefix)
    (size,) = envelope._LENGTH.unpack_from(plaintext)
    keep = plaintext[: 4 + size + 64]  # identity and signature, as they were
    edited = _edit_zip(plaintext[4 + size + 64 :], "山田 花子", "山田 太郎")
    forged = header.prefix + ChaCha20Poly1305(key).encrypt(nonce, keep + edited, header.prefix)
    target = tmp_path / "edited.dxhelper"
    target.write_bytes(forged)
    before = digest(coordinator)
    with pytest.raises(BundleError) as refused:
        _import(coordinator, backups, [target], coordinator_keys, trust=True)
    assert "signature does not match" in refused.value.en
    assert digest(coordinator) == before


def _edit_zip(zip_bytes: bytes, old: str, new: str) -> bytes:
    import hashlib

    members = {}
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as zf:
        for name in zf.namelist():
            members[name] = zf.read(name)
    members["residents.jsonl"] = members["residents.jsonl"].replace(
        old.encode("utf-8"), new.encode("utf-8")
    )
    manifest = json.loads(members[MANIFEST])
    manifest["sha256"]["residents.jsonl"] = hashlib.sha256(members["residents.jsonl"]).hexdigest()
    members[MANIFEST] = json.dumps(manifest, ensure_ascii=False).encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


def _forge(zip_bytes: bytes, recipient: bytes, *, claimed: Ed25519PrivateKey, signer, ident):
    """A file whose identity names `claimed`'s key but whose signature is `signer`'s."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    nonce = b"\x01" * 12
    header = {
        "format": envelope.FORMAT,
        "version": 1,
        "mode": "coordinator",
        "recipient": envelope.fingerprint(recipient),
        "ephemeral": envelope._b64(ephemeral_public),
        "nonce": envelope._b64(nonce),
    }
    prefix = envelope._prefix(header)
    identity = json.dumps(
        {
            "installation_id": ident[0],
            "name": ident[1],
            "device_key": envelope._b64(claimed.public_key().public_bytes_raw()),
        },
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    ).encode("utf-8")
    signature = signer.sign(envelope._signed_message(prefix, recipient, identity, zip_bytes))
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient))
    key = envelope._hkdf(shared, ephemeral_public + recipient)
    plaintext = envelope._LENGTH.pack(len(identity)) + identity + signature + zip_bytes
    return prefix + ChaCha20Poly1305(key).encrypt(nonce, plaintext, prefix)


def test_a_wrongly_signed_bundle_is_refused(
    small_device, coordinator, backups, coordinator_keys, tmp_path
):
    path, keys = _sealed_export(small_device, coordinator_keys, tmp_path)
    opened = envelope.open_sealed(
        path.read_bytes(), coordinator=coordinator_keys.coordinator_private()
    )
    sender = opened.sender
    recipient = coordinator_keys.own_coordinator_key().public_key
    ident = (sender.installation_id, sender.name)
    target = tmp_path / "wrong.dxhelper"
    target.write_bytes(
        _forge(
            opened.zip_bytes,
            recipient,
            claimed=keys.device_key(),  # names the real device's key…
            signer=Ed25519PrivateKey.generate(),  # …signed by another
            ident=ident,
        )
    )
    with pytest.raises(BundleError) as refused:
        _import(coordinator, backups, [target], coordinator_keys, trust=True)
    assert "signature does not match" in refused.value.en

    # Correctly signed, but for another recipient: the signature is bound to the recipient.
    other = X25519PrivateKey.generate().public_key().public_bytes_raw()
    message = envelope._signed_message(b"x", other, b"y", opened.zip_bytes)
    assert message != envelope._signed_message(b"x", recipient, b"y", opened.zip_bytes)


def test_a_signer_that_is_not_the_records_device_is_refused(
    small_device, coordinator, backups, coordinator_keys, tmp_path
):
    path, _ = _sealed_export(small_device, coordinator_keys, tmp_path)
    opened = envelope.open_sealed(
        path.read_bytes(), coordinator=coordinator_keys.coordinator_private()
    )
    impostor = Ed25519PrivateKey.generate()
    target = tmp_path / "relabelled.dxhelper"
    target.write_bytes(
        envelope.seal(
            opened.zip_bytes,
            signer=impostor,
            installation_id="8f14e45f-ceea-467f-a0e6-5a0b1f3c9d21",  # not the manifest's
            device_name="端末 a",
            recipient=coordinator_keys.own_coordinator_key().public_key,
        )
    )
    with pytest.raises(BundleError) as refused:
        _import(coordinator, backups, [target], coordinator_keys, trust=True)
    assert "not the device its records come from" in refused.value.en


# -- wrong keys and passphrases -----------------------------------------------------------------


def test_another_coordinators_key_cannot_open_it(small_device, coordinator_keys, tmp_path):
    path, _ = _sealed_export(small_device, coordinator_keys, tmp_path)
    other = Keyring(DataPaths(tmp_path / "other-coordinator"))
    other.create_coordinator("別の市")
    with pytest.raises(BundleError) as refused:
        inspect_bundle(path, unsealing=Unsealing(other))
    assert "another coordinator key" in refused.value.en
    assert coordinator_keys.own_coordinator_key().fingerprint in refused.value.en
    # A header edited to name the other key does not help: the key derived is still wrong.
    data = path.read_bytes()
    header = envelope.read_header(data)
    fields = dict(header.fields, recipient=other.own_coordinator_key().fingerprint)
    target = tmp_path / "relabelled.dxhelper"
    target.write_bytes(envelope._prefix(fields) + data[len(header.prefix) :])
    with pytest.raises(BundleError) as refused:
        inspect_bundle(target, unsealing=Unsealing(other))
    assert "altered" in refused.value.en
    # A device with no coordinator key says so.
    with pytest.raises(BundleError) as refused:
        inspect_bundle(path, unsealing=Unsealing(Keyring(DataPaths(tmp_path / "nobody"))))
    assert "holds no coordinator key" in refused.value.en


def test_a_passphrase_bundle_moves_records_and_a_wrong_passphrase_is_refused(
    small_device, tmp_path
):
    device = small_device("laptop")
    try:
        keys = Keyring(DataPaths(device.path.parent))
        with pytest.raises(BundleError) as no_key:
            export_bundle(device, tmp_path / "x.dxhelper", sealing=Sealing(keys))
        assert "passphrase" in no_key.value.en and "use-coordinator" in no_key.value.en
        with pytest.raises(BundleError):
            export_bundle(device, tmp_path / "x.dxhelper", sealing=Sealing(keys, "short"))
        assert not (tmp_path / "x.dxhelper").exists()
        path = export_bundle(
            device, tmp_path / "move.dxhelper", sealing=Sealing(keys, PASSPHRASE)
        ).path
    finally:
        device.close()
    assert peek(path).mode == "passphrase"
    assert "山田".encode() not in path.read_bytes()
    new_laptop = Keyring(DataPaths(tmp_path / "new-laptop"))
    with pytest.raises(envelope.PassphraseNeeded):
        inspect_bundle(path, unsealing=Unsealing(new_laptop))
    with pytest.raises(BundleError) as wrong:
        inspect_bundle(path, unsealing=Unsealing(new_laptop, "みどり市の講習会 2025"))
    assert "passphrase is wrong" in wrong.value.en
    # Full-width digits typed on another keyboard are the same passphrase.
    preview = inspect_bundle(path, unsealing=Unsealing(new_laptop, "みどり市の講習会 ２０２６"))
    assert preview.counts["residents"] == 2 and preview.sender.name == "端末 laptop"


def test_hostile_headers_are_refused_before_any_work(tmp_path):
    cases = {
        "truncated": b"DXHSEAL1\x00\x00",
        "huge header": b"DXHSEAL1\xff\xff\xff\xff" + b"{}",
        "short header": b"DXHSEAL1\x00\x00\x01\x00{}",
        "not json": b"DXHSEAL1\x00\x00\x00\x03abc",
        "newer": envelope._prefix({"format": envelope.FORMAT, "version": 9, "mode": "x"}),
        "unknown mode": envelope._prefix({"format": envelope.FORMAT, "version": 1, "mode": "x"}),
        "scrypt bomb": envelope._prefix(
            {
                "format": envelope.FORMAT,
                "version": 1,
                "mode": "passphrase",
                "salt": envelope._b64(b"s" * 16),
                "n": 2**30,
                "r": 8,
                "p": 1,
                "nonce": envelope._b64(b"n" * 12),
            }
        ),
    }
    for label, data in cases.items():
        path = tmp_path / f"{label}.dxhelper"
        path.write_bytes(data + b"\x00" * 32)
        with pytest.raises(BundleError) as refused:
            inspect_bundle(path, unsealing=Unsealing(None, PASSPHRASE))
        assert refused.value.file == path.name, label
        if label == "newer":
            assert "newer dxhelper" in refused.value.en


# -- plain zips: the developer option only -----------------------------------------------------


def test_a_plain_zip_is_refused_without_the_developer_option(
    small_device, coordinator, backups, coordinator_keys, tmp_path, monkeypatch
):
    device = small_device("a")
    try:
        with pytest.raises(BundleError):  # no sealing, no developer option
            export_bundle(device, tmp_path / "none.dxhelper")
        assert not (tmp_path / "none.dxhelper").exists()
        plain = export_bundle(device, tmp_path / "plain.dxhelper", plain=True).path
    finally:
        device.close()
    assert zipfile.is_zipfile(plain)
    before = digest(coordinator)
    with pytest.raises(BundleError) as refused:
        _import(coordinator, backups, [plain], coordinator_keys)
    assert "not sealed" in refused.value.en and "封印されていない" in refused.value.ja
    with pytest.raises(BundleError):
        inspect_bundle(plain)
    assert digest(coordinator) == before
    # The developer option, given explicitly or by the environment, lets it in.
    result = _import(coordinator, backups, [plain], coordinator_keys, allow_plain=True)
    assert result.per_table["residents"].added == 2
    monkeypatch.setenv(ALLOW_PLAIN_ENV, "1")
    assert inspect_bundle(plain).sender is None


def test_the_zip_inside_a_sealed_file_is_still_read_as_hostile(coordinator_keys, tmp_path):
    """Sealing proves who sent it, not that the sender is honest: a signed, well-sealed file
    with an escaping member name is refused by the same zip checks as a plain one."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("manifest.json", b"{}")
        zf.writestr("../../escape.txt", b"x")
    path = tmp_path / "evil.dxhelper"
    path.write_bytes(
        envelope.seal(
            out.getvalue(),
            signer=Ed25519PrivateKey.generate(),
            installation_id="8f14e45f-ceea-467f-a0e6-5a0b1f3c9d21",
            device_name="悪意のある端末",
            recipient=coordinator_keys.own_coordinator_key().public_key,
        )
    )
    with pytest.raises(BundleError) as refused:
        inspect_bundle(path, unsealing=Unsealing(coordinator_keys, trust=True))
    assert "../../escape.txt" in refused.value.en and refused.value.file == "evil.dxhelper"
    assert coordinator_keys.pinned() == []
