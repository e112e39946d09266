"""The sealed bundle: a bundle's zip encrypted to a coordinator's key (or a passphrase) and
signed by the sending device (issue 16 §9).

Whoever finds the file learns only that it is a dxhelper file and its size: the residents'
names, and even who sent it, are inside the ciphertext. Whoever edits it (even recomputing the
zip's checksums) breaks the AEAD tag or the Ed25519 signature, and the import refuses it.

Layout (docs/bundle-format.md has the details):

    MAGIC (8 bytes) | header length (4 bytes, big-endian) | header (JSON, UTF-8) | ciphertext

The whole prefix up to the ciphertext is the AEAD's associated data. The plaintext is

    identity length (4 bytes) | identity (JSON) | Ed25519 signature (64 bytes) | zip

and the signature covers the prefix, the recipient, the identity and the zip's SHA-256, so it
cannot be moved to another file or another recipient.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import struct
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from dxhelper.exchange.bundle import MAX_FILE_BYTES
from dxhelper.exchange.errors import BundleError
from dxhelper.exchange.validate import RowProblem, text_value, uuid_value

MAGIC = b"DXHSEAL1"
FORMAT = "dxhelper-sealed"
VERSION = 1
MODES = ("coordinator", "passphrase")
_LENGTH = struct.Struct(">I")
PREFIX_BYTES = len(MAGIC) + _LENGTH.size
MAX_HEADER_BYTES = 4096
MAX_IDENTITY_BYTES = 4096
SIGNATURE_BYTES = 64
TAG_BYTES = 16
NONCE_BYTES = 12
KEY_BYTES = 32
SALT_BYTES = 16
# A sealed file is its zip plus at most this much: the header, identity, signature and tag.
MAX_SEALED_BYTES = MAX_FILE_BYTES + PREFIX_BYTES + MAX_HEADER_BYTES + 2 * MAX_IDENTITY_BYTES

# scrypt: 128 MiB and about half a second on a laptop per try. A file may name other costs
# (a later version may raise them) but only within these bounds: a hostile header must not
# make the import spend gigabytes or minutes.
SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1
SCRYPT_MAX_MEMORY = 2**30  # 128 · r · n bytes
MIN_PASSPHRASE = 8
MAX_PASSPHRASE = 1024

_KEY_INFO = b"dxhelper sealed bundle v1: key"
_SIGNED = b"dxhelper sealed bundle v1: signature"


def fingerprint(public_key: bytes) -> str:
    """A public key's short form people compare aloud: the first 16 bytes of its SHA-256 in
    groups of four hex digits ("AB12-CD34-…")."""
    digits = hashlib.sha256(public_key).digest()[:16].hex().upper()
    return "-".join(digits[i : i + 4] for i in range(0, len(digits), 4))


@dataclass(frozen=True)
class Sender:
    """Who signed a sealed bundle: the device's Ed25519 public key, its name and id."""

    installation_id: str
    name: str
    public_key: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


@dataclass(frozen=True)
class Header:
    mode: str  # "coordinator" | "passphrase"
    recipient: str | None  # the coordinator key's fingerprint (coordinator mode)
    fields: dict[str, Any]
    prefix: bytes  # magic, length and header: the AEAD's associated data


@dataclass(frozen=True)
class Opened:
    zip_bytes: bytes
    sender: Sender
    header: Header


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: Any, size: int) -> bytes:
    if not isinstance(value, str) or len(value) > 4 * ((size + 2) // 3):
        raise ValueError("not base64")
    try:
        data = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("not base64") from None
    if len(data) != size:
        raise ValueError("wrong length")
    return data


def normalize_passphrase(passphrase: str) -> bytes:
    # The same words typed on another keyboard (full-width, composed kana) give the same key.
    return unicodedata.normalize("NFKC", passphrase).encode("utf-8")


def check_passphrase(passphrase: str) -> None:
    """Refuse a passphrase too short to protect a file that may be lost."""
    size = len(unicodedata.normalize("NFKC", passphrase).strip())
    if size < MIN_PASSPHRASE:
        raise BundleError(
            f"パスフレーズが短すぎます（{MIN_PASSPHRASE}文字以上にしてください）。",
            f"The passphrase is too short (use at least {MIN_PASSPHRASE} characters).",
        )
    if len(passphrase) > MAX_PASSPHRASE:
        raise BundleError(
            f"パスフレーズが長すぎます（{MAX_PASSPHRASE}文字まで）。",
            f"The passphrase is too long (at most {MAX_PASSPHRASE} characters).",
        )


def _hkdf(secret: bytes, salt: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=_KEY_INFO).derive(
        secret
    )


def _scrypt(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    raw = Scrypt(salt=salt, length=KEY_BYTES, n=n, r=r, p=p).derive(
        normalize_passphrase(passphrase)
    )
    return _hkdf(raw, salt)


def _signed_message(prefix: bytes, recipient: bytes, identity: bytes, zip_bytes: bytes) -> bytes:
    parts = [_SIGNED, prefix, recipient, identity]
    framed = b"".join(_LENGTH.pack(len(part)) + part for part in parts)
    return framed + hashlib.sha256(zip_bytes).digest()


def _prefix(header: dict[str, Any]) -> bytes:
    data = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return MAGIC + _LENGTH.pack(len(data)) + data


def seal(
    zip_bytes: bytes,
    *,
    signer: Ed25519PrivateKey,
    installation_id: str,
    device_name: str,
    recipient: bytes | None = None,
    passphrase: str | None = None,
) -> bytes:
    """Encrypt a bundle's zip to a coordinator's X25519 public key (`recipient`) or, without
    one, to a passphrase, and sign it with this device's key. Returns the file's bytes."""
    if len(zip_bytes) > MAX_FILE_BYTES:
        raise BundleError(
            f"書き出す記録が多すぎます（上限 {MAX_FILE_BYTES // 2**20} MB）。",
            f"The records are too large for one bundle (at most {MAX_FILE_BYTES // 2**20} MB).",
        )
    nonce = os.urandom(NONCE_BYTES)
    if recipient is not None:
        ephemeral = X25519PrivateKey.generate()
        ephemeral_public = ephemeral.public_key().public_bytes_raw()
        header = {
            "format": FORMAT,
            "version": VERSION,
            "mode": "coordinator",
            "recipient": fingerprint(recipient),
            "ephemeral": _b64(ephemeral_public),
            "nonce": _b64(nonce),
        }
        shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient))
        key = _hkdf(shared, ephemeral_public + recipient)
        bound_to = recipient
    elif passphrase is not None:
        check_passphrase(passphrase)
        salt = os.urandom(SALT_BYTES)
        header = {
            "format": FORMAT,
            "version": VERSION,
            "mode": "passphrase",
            "salt": _b64(salt),
            "n": SCRYPT_N,
            "r": SCRYPT_R,
            "p": SCRYPT_P,
            "nonce": _b64(nonce),
        }
        key = _scrypt(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
        bound_to = b"passphrase:" + salt
    else:
        raise ValueError("seal() needs a recipient key or a passphrase")
    prefix = _prefix(header)
    identity = json.dumps(
        {
            "installation_id": installation_id,
            "name": device_name,
            "device_key": _b64(signer.public_key().public_bytes_raw()),
        },
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    ).encode("utf-8")
    signature = signer.sign(_signed_message(prefix, bound_to, identity, zip_bytes))
    plaintext = _LENGTH.pack(len(identity)) + identity + signature + zip_bytes
    return prefix + ChaCha20Poly1305(key).encrypt(nonce, plaintext, prefix)


# -- reading -------------------------------------------------------------------------------------


def _bad(file: Path | None, ja: str, en: str) -> BundleError:
    return BundleError(ja, en, file=file)


def is_sealed(head: bytes) -> bool:
    return head.startswith(MAGIC)


def read_header(data: bytes, file: Path | None = None) -> Header:
    """The header of a sealed file (its first bytes are enough), checked as hostile input."""
    if not data.startswith(MAGIC):
        raise _bad(
            file, "封印された書き出しファイルではありません。", "This is not a sealed bundle."
        )
    if len(data) < PREFIX_BYTES:
        raise _bad(file, "ファイルが途中で切れています。", "The file is truncated.")
    (size,) = _LENGTH.unpack_from(data, len(MAGIC))
    if size > MAX_HEADER_BYTES:
        raise _bad(file, "ヘッダーが大きすぎます。", "The header is too large.")
    if len(data) < PREFIX_BYTES + size:
        raise _bad(file, "ファイルが途中で切れています。", "The file is truncated.")
    raw = data[PREFIX_BYTES : PREFIX_BYTES + size]
    try:
        fields = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _bad(file, "ヘッダーが壊れています。", "The header is damaged.") from None
    if not isinstance(fields, dict) or fields.get("format") != FORMAT:
        raise _bad(file, "ヘッダーが壊れています。", "The header is damaged.")
    version = fields.get("version")
    if type(version) is not int or version < 1:
        raise _bad(file, "ヘッダーが壊れています。", "The header is damaged.")
    if version > VERSION:
        raise _bad(
            file,
            f"新しい版の dxhelper で封印されたファイルです（封印形式 {version}）。"
            "dxhelper を更新してから取り込んでください。",
            f"This file was sealed by a newer dxhelper (sealed format {version}). "
            "Please update dxhelper, then import it again.",
        )
    mode = fields.get("mode")
    expected = {
        "coordinator": {"format", "version", "mode", "recipient", "ephemeral", "nonce"},
        "passphrase": {"format", "version", "mode", "salt", "n", "r", "p", "nonce"},
    }.get(mode if isinstance(mode, str) else "")
    if expected is None or set(fields) != expected:
        raise _bad(file, "ヘッダーが壊れています。", "The header is damaged.")
    try:
        _unb64(fields["nonce"], NONCE_BYTES)
        if mode == "coordinator":
            _unb64(fields["ephemeral"], KEY_BYTES)
            recipient = fields["recipient"]
            if not isinstance(recipient, str) or len(recipient) != 39:
                raise ValueError("recipient")
        else:
            recipient = None
            _unb64(fields["salt"], SALT_BYTES)
            n, r, p = fields["n"], fields["r"], fields["p"]
            if not all(type(v) is int for v in (n, r, p)):
                raise ValueError("scrypt")
            if not (2**14 <= n <= 2**20 and n & (n - 1) == 0 and 1 <= r <= 16 and 1 <= p <= 4):
                raise ValueError("scrypt")
            if 128 * r * n > SCRYPT_MAX_MEMORY:
                raise ValueError("scrypt")
    except ValueError:
        raise _bad(file, "ヘッダーが壊れています。", "The header is damaged.") from None
    return Header(mode, recipient, fields, data[: PREFIX_BYTES + size])


def read_sealed_file(path: Path) -> bytes:
    """A sealed file's bytes, refused beyond MAX_SEALED_BYTES on the bytes actually read."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_SEALED_BYTES + 1)
    except OSError as exc:
        raise _bad(
            path,
            f"ファイルを読めません（{exc.strerror or exc}）。",
            f"Cannot read the file ({exc.strerror or exc}).",
        ) from None
    if len(data) > MAX_SEALED_BYTES:
        raise _bad(
            path,
            f"ファイルが大きすぎます（上限 {MAX_FILE_BYTES // 2**20} MB）。",
            f"The file is too large (at most {MAX_FILE_BYTES // 2**20} MB).",
        )
    return data


def open_sealed(
    data: bytes,
    *,
    file: Path | None = None,
    coordinator: X25519PrivateKey | None = None,
    passphrase: str | None = None,
) -> Opened:
    """Decrypt and verify a sealed file: the zip's bytes and who signed them. Raises
    BundleError when the key or passphrase is wrong or missing, or the file was altered."""
    if len(data) > MAX_SEALED_BYTES:
        raise _bad(
            file,
            f"ファイルが大きすぎます（上限 {MAX_FILE_BYTES // 2**20} MB）。",
            f"The file is too large (at most {MAX_FILE_BYTES // 2**20} MB).",
        )
    header = read_header(data, file)
    fields = header.fields
    nonce = _unb64(fields["nonce"], NONCE_BYTES)
    if header.mode == "coordinator":
        if coordinator is None:
            raise _bad(
                file,
                "コーディネーターの鍵で封印されたファイルです。この端末にはコーディネーターの"
                "鍵がないので開けません（受け取るのはコーディネーターの端末です）。",
                "This file is sealed to a coordinator's key, and this device holds no "
                "coordinator key, so it cannot open it (it is meant for the coordinator's device).",
            )
        own = coordinator.public_key().public_bytes_raw()
        if header.recipient != fingerprint(own):
            raise _bad(
                file,
                f"別のコーディネーターの鍵（{header.recipient}）あてに封印されています。この端末の"
                f"鍵は {fingerprint(own)} です。送り主に、正しい鍵ファイルを使ったか確かめて"
                "もらってください。",
                f"It is sealed to another coordinator key ({header.recipient}); this device's "
                f"key is {fingerprint(own)}. Ask the sender to check which coordinator key "
                "file they use.",
            )
        ephemeral = _unb64(fields["ephemeral"], KEY_BYTES)
        try:
            shared = coordinator.exchange(X25519PublicKey.from_public_bytes(ephemeral))
        except ValueError:
            raise _bad(file, "ヘッダーが壊れています。", "The header is damaged.") from None
        key = _hkdf(shared, ephemeral + own)
        bound_to = own
        wrong = (
            "開けません：ファイルが書き換えられたか壊れています。何も取り込んでいません。",
            "Cannot open it: the file was altered or is damaged. Nothing was imported.",
        )
    else:
        if passphrase is None:
            raise PassphraseNeeded(file)
        salt = _unb64(fields["salt"], SALT_BYTES)
        key = _scrypt(passphrase, salt, fields["n"], fields["r"], fields["p"])
        bound_to = b"passphrase:" + salt
        wrong = (
            "開けません：パスフレーズが違うか、ファイルが書き換えられています。"
            "何も取り込んでいません。",
            "Cannot open it: the passphrase is wrong, or the file was altered. "
            "Nothing was imported.",
        )
    try:
        plaintext = ChaCha20Poly1305(key).decrypt(nonce, data[len(header.prefix) :], header.prefix)
    except (InvalidTag, ValueError, OverflowError):
        raise _bad(file, *wrong) from None
    return Opened(*_verify(plaintext, header.prefix, bound_to, file), header)


class PassphraseNeeded(BundleError):
    """A passphrase-sealed file was given without a passphrase (the caller may ask for one)."""

    def __init__(self, file: Path | None = None) -> None:
        super().__init__(
            "パスフレーズで封印されたファイルです。パスフレーズを入れてください。",
            "This file is sealed with a passphrase: enter the passphrase.",
            file=file,
        )


def _verify(
    plaintext: bytes, prefix: bytes, bound_to: bytes, file: Path | None
) -> tuple[bytes, Sender]:
    damaged = ("中身が壊れています。", "Its contents are damaged.")
    if len(plaintext) < _LENGTH.size:
        raise _bad(file, *damaged)
    (size,) = _LENGTH.unpack_from(plaintext)
    start = _LENGTH.size
    if size > MAX_IDENTITY_BYTES or len(plaintext) < start + size + SIGNATURE_BYTES:
        raise _bad(file, *damaged)
    identity = plaintext[start : start + size]
    signature = plaintext[start + size : start + size + SIGNATURE_BYTES]
    zip_bytes = plaintext[start + size + SIGNATURE_BYTES :]
    try:
        fields = json.loads(identity.decode("utf-8"))
        if not isinstance(fields, dict) or set(fields) != {"installation_id", "name", "device_key"}:
            raise ValueError("identity")
        public_key = _unb64(fields["device_key"], KEY_BYTES)
        installation_id = uuid_value("installation_id", fields["installation_id"])
        name = text_value("installation_name")("name", fields["name"])
        verifier = Ed25519PublicKey.from_public_bytes(public_key)
    except (UnicodeDecodeError, ValueError, RecursionError, RowProblem):
        raise _bad(file, *damaged) from None
    try:
        verifier.verify(signature, _signed_message(prefix, bound_to, identity, zip_bytes))
    except InvalidSignature:
        raise _bad(
            file,
            "署名が合いません：ファイルが書き換えられたか、名乗っている端末が作ったものでは"
            "ありません。何も取り込んでいません。",
            "The signature does not match: the file was altered, or it was not made by the "
            "device it names. Nothing was imported.",
        ) from None
    return zip_bytes, Sender(installation_id, name, public_key)
