"""Between the bundle and the envelope: how an export is sealed and how an import opens,
verifies and pins what it reads (issue 16 §9).

A plain (unsealed) zip is written or read only with the developer option (`plain=True`,
`allow_plain=True`, or DXHELPER_ALLOW_PLAIN=1 in the environment, which the test suite sets).
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from dxhelper.exchange.bundle import ParsedBundle, parse_bundle
from dxhelper.exchange.envelope import (
    MAGIC,
    PREFIX_BYTES,
    Header,
    Sender,
    check_passphrase,
    open_sealed,
    read_header,
    read_sealed_file,
    seal,
)
from dxhelper.exchange.errors import BundleError
from dxhelper.exchange.keys import CoordinatorKey, Keyring

ALLOW_PLAIN_ENV = "DXHELPER_ALLOW_PLAIN"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


def plain_allowed(allow_plain: bool = False) -> bool:
    """The developer option: plain zips written and read."""
    return allow_plain or os.environ.get(ALLOW_PLAIN_ENV, "").strip() == "1"


class NoSealingKey(BundleError):
    """An export with neither a coordinator key in use nor a passphrase."""

    def __init__(self) -> None:
        super().__init__(
            "書き出すファイルを守る鍵がありません。コーディネーターから鍵ファイル（.dxkey）を"
            "受け取って読み込むか（設定の「鍵」、または `dxhelper keys use-coordinator "
            "ファイル`）、自分用ならパスフレーズを付けて書き出してください。何も書き出していません。",
            "There is no key to protect the file with. Load the coordinator key file (.dxkey) "
            "your coordinator gave you (Settings, Keys, or `dxhelper keys use-coordinator "
            "FILE`), or, to move your own records, export with a passphrase. Nothing was "
            "written.",
        )


@dataclass(frozen=True)
class Sealing:
    """How an export is sealed: to the coordinator key in use, else with the passphrase."""

    keyring: Keyring
    passphrase: str | None = None

    def ready(self) -> CoordinatorKey | None:
        """The coordinator key exports are sealed to (None: the passphrase); raises when
        there is neither, or the passphrase is too short."""
        recipient = self.keyring.recipient()
        if recipient is None:
            if self.passphrase is None:
                raise NoSealingKey()
            check_passphrase(self.passphrase)
        return recipient

    def seal(self, zip_bytes: bytes, installation_id: str, device_name: str) -> bytes:
        recipient = self.ready()
        return seal(
            zip_bytes,
            signer=self.keyring.device_key(),
            installation_id=installation_id,
            device_name=device_name,
            recipient=recipient.public_key if recipient is not None else None,
            passphrase=self.passphrase if recipient is None else None,
        )


@dataclass(frozen=True)
class Unsealing:
    """How an import opens files: this folder's coordinator key, a passphrase for files
    sealed with one, and which new devices the user agreed to trust (True: any)."""

    keyring: Keyring | None = None
    passphrase: str | None = None
    trust: bool | Collection[str] = False  # fingerprints the user compared, or True
    allow_plain: bool = False

    def trusts(self, sender: Sender) -> bool:
        return self.trust is True or (
            not isinstance(self.trust, bool) and sender.fingerprint in self.trust
        )


@dataclass(frozen=True)
class OpenedBundle:
    bundle: ParsedBundle
    sender: Sender | None  # None: a plain zip, read with the developer option
    known: bool  # the sender is trusted with this key already


def peek(path: Path) -> Header | None:
    """A sealed file's header (which key or whether a passphrase is needed), None when the
    file is not sealed; reads only the first few kilobytes."""
    try:
        with Path(path).open("rb") as fh:
            head = fh.read(PREFIX_BYTES + 4096)
    except OSError:
        return None  # reading it again reports the problem in full
    if not head.startswith(MAGIC):
        return None
    return read_header(head, Path(path))


def needs_passphrase(paths: Iterable[Path]) -> bool:
    """Whether any of these files is sealed with a passphrase (its header says so)."""
    for path in paths:
        try:
            header = peek(path)
        except BundleError:
            continue  # opening it reports the damage
        if header is not None and header.mode == "passphrase":
            return True
    return False


def _plain_refused(path: Path) -> BundleError:
    return BundleError(
        "封印されていない（暗号化も署名もない）古い形式のファイルです。途中で書き換えられて"
        "いないことを確かめられないので取り込みません。送り主に、新しい dxhelper で"
        "コーディネーターの鍵を使って書き出し直してもらってください。",
        "This file is not sealed (neither encrypted nor signed), so there is no way to tell "
        "whether it was altered on the way; it was not imported. Ask the sender to export "
        "again with a current dxhelper and the coordinator key.",
        file=path,
    )


def read_bundle(path: Path, unsealing: Unsealing) -> OpenedBundle:
    """Open, verify and check one file completely, writing nothing. A device trusted with
    another key is refused (DeviceKeyChanged); a new one comes back with `known=False`."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(len(MAGIC))
    except OSError:
        head = b""  # parse_bundle says what is wrong with it
    if not head.startswith(MAGIC):
        if plain_allowed(unsealing.allow_plain):
            return OpenedBundle(parse_bundle(path), None, False)
        if head.startswith(_ZIP_MAGIC):
            raise _plain_refused(path)
        parse_bundle(path)  # its own message: missing, unreadable, not a bundle
        raise _plain_refused(path)  # (a zip after all)
    keyring = unsealing.keyring
    opened = open_sealed(
        read_sealed_file(path),
        file=path,
        coordinator=keyring.coordinator_private() if keyring is not None else None,
        passphrase=unsealing.passphrase,
    )
    bundle = parse_bundle(path, data=opened.zip_bytes)
    sender = opened.sender
    if sender.installation_id != bundle.manifest.installation_id:
        raise BundleError(
            "署名した端末と記録の端末が違います。取り込みません。",
            "The device that signed the file is not the device its records come from; "
            "it was not imported.",
            file=path,
        )
    known = keyring.check_sender(sender, path) if keyring is not None else False
    return OpenedBundle(bundle, sender, known)


def untrusted(opened: list[OpenedBundle], unsealing: Unsealing) -> list[Sender]:
    """The new senders among these files that the user has not agreed to trust, once each;
    two files naming one device with two keys are refused."""
    seen: dict[str, Sender] = {}
    for item in opened:
        sender = item.sender
        if sender is None or item.known:
            continue
        other = seen.get(sender.installation_id)
        if other is not None and other.public_key != sender.public_key:
            raise BundleError(
                f"同じ端末「{sender.name}」を名乗る、鍵の違うファイルがあります。取り込みません。",
                f"Two files name the same device '{sender.name}' with different keys; "
                "nothing was imported.",
                file=item.bundle.path,
            )
        seen[sender.installation_id] = sender
    return [s for s in seen.values() if not unsealing.trusts(s)]
