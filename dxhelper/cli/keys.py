"""`dxhelper keys`: the keys that make bundles safe to send (issue 16 §9).

A coordinator makes a key pair (`create-coordinator`) and hands out the public file; each
volunteer loads it (`use-coordinator`), and from then on their exports are sealed to it.
`show` lists this device's fingerprint, the keys in use and the trusted devices; `forget`
removes a trusted device (when a volunteer really has a new computer).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dxhelper.cli.context import Context, pass_context

MAX_PASSPHRASE_FILE_BYTES = 4096


def _keyring(context: Context):  # -> Keyring (imported lazily: fast start)
    from dxhelper.exchange.keys import Keyring

    return Keyring(context.paths)


def read_passphrase(context: Context, source: Path | None, *, confirm: bool) -> str | None:
    """The passphrase from `--passphrase-file` (its first line), else asked for when a person
    is at the keyboard (hidden, twice when making a file); None when neither."""
    from dxhelper.exchange.errors import BundleError

    if source is not None:
        try:
            with source.open("rb") as fh:
                data = fh.read(MAX_PASSPHRASE_FILE_BYTES + 1)
        except OSError as exc:
            raise BundleError(
                f"パスフレーズのファイルを読めません（{exc.strerror or exc}）。",
                f"Cannot read the passphrase file ({exc.strerror or exc}).",
            ) from None
        if len(data) > MAX_PASSPHRASE_FILE_BYTES:
            raise BundleError(
                "パスフレーズのファイルが大きすぎます。", "The passphrase file is too large."
            )
        try:
            lines = data.decode("utf-8-sig").splitlines()
        except UnicodeDecodeError:
            raise BundleError(
                "パスフレーズのファイルが UTF-8 の文字ではありません。",
                "The passphrase file is not UTF-8 text.",
            ) from None
        return lines[0] if lines else ""
    if not sys.stdin.isatty():
        return None
    ja = context.lang != "en"
    return click.prompt(
        "パスフレーズ" if ja else "Passphrase",
        hide_input=True,
        confirmation_prompt=("パスフレーズ（確認）" if ja else "Repeat the passphrase")
        if confirm
        else False,
    )


@click.group("keys")
def keys() -> None:
    """送る記録を守る鍵 / The keys that protect bundles on the way.

    コーディネーターは鍵を作り、公開鍵ファイル（.dxkey）を推進委員に渡します。推進委員が
    それを読み込むと、書き出すファイルはコーディネーターだけが開けるように暗号化され、
    この端末の署名が付きます。

    A coordinator makes a key pair and hands the public key file (.dxkey) to volunteers;
    once a volunteer loads it, every export is encrypted so only the coordinator can open
    it, and signed by this device.
    """


@keys.command("create-coordinator")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("coordinator.dxkey"),
    show_default=True,
    help="推進委員に渡す公開鍵ファイル / The public key file to hand to volunteers.",
)
@click.option(
    "--name",
    default=None,
    help="鍵に付ける名前（既定: この端末の名前）/ A name for the key (default: this device's).",
)
@click.option(
    "--replace",
    is_flag=True,
    help="今の鍵を作り直す（古い鍵あてのファイルは開けなくなります）/ Replace the current "
    "key (files sealed to the old one can no longer be opened).",
)
@pass_context
def create_coordinator(context: Context, output: Path, name: str | None, replace: bool) -> None:
    """コーディネーターの鍵を作る / Make this device a coordinator: a new key pair."""
    from dxhelper.core.files import write_atomically
    from dxhelper.exchange.keys import CoordinatorKey, KeyFileError, public_key_file

    keyring = _keyring(context)
    if name is None:
        name = _device_name(context)
    key = keyring.create_coordinator(name, replace=replace)

    def unwritable(target: Path, exc: OSError) -> KeyFileError:
        return KeyFileError(
            f"公開鍵ファイルを書けません（{target}: {exc.strerror or exc}）。鍵は作りました: "
            "`dxhelper keys create-coordinator` ではなく設定の「鍵」から保存し直せます。",
            f"Cannot write the public key file {target} ({exc.strerror or exc}). The key "
            "was made; save the public file again from Settings, Keys.",
        )

    write_atomically(public_key_file(CoordinatorKey(name, key.public_key)), output, unwritable)
    context.say(
        f"コーディネーターの鍵を作りました（{name}）。\n"
        f"指紋: {key.fingerprint}\n"
        f"公開鍵ファイル: {output}\n"
        "このファイルを推進委員に渡してください（USBメモリやメールで。秘密ではありません）。"
        "受け取った人が表示する指紋がこの指紋と同じか、電話などで確かめてください。",
        f"Made the coordinator key ({name}).\n"
        f"Fingerprint: {key.fingerprint}\n"
        f"Public key file: {output}\n"
        "Hand this file to the volunteers (USB stick or e-mail: it is not secret). Check, by "
        "phone or in person, that the fingerprint they see matches this one.",
    )


def _device_name(context: Context) -> str:
    from dxhelper.core.errors import DxError

    try:
        with context.open_library(create=False, writing=False) as library:
            return library.store.installation.name
    except DxError:
        return "dxhelper"


@keys.command("use-coordinator")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_context
def use_coordinator(context: Context, file: Path) -> None:
    """コーディネーターの公開鍵ファイルを読み込む / Seal every export to this coordinator key."""
    key = _keyring(context).use_coordinator(file)
    context.say(
        f"これから書き出すファイルは「{key.name}」の鍵あてに封印します。\n"
        f"指紋: {key.fingerprint}\n"
        "この指紋がコーディネーターの指紋と同じか、電話などで確かめてください。",
        f"From now on, exports are sealed to the key of '{key.name}'.\n"
        f"Fingerprint: {key.fingerprint}\n"
        "Check with the coordinator (by phone, in person) that this fingerprint matches theirs.",
    )


@keys.command("show")
@pass_context
def show(context: Context) -> None:
    """この端末の指紋、使っている鍵、信頼する端末 / This device's keys and trusted devices."""
    keyring = _keyring(context)
    ja = context.lang != "en"
    from dxhelper.exchange.envelope import fingerprint

    device = fingerprint(keyring.device_key().public_key().public_bytes_raw())
    click.echo(f"この端末の指紋: {device}" if ja else f"This device's fingerprint: {device}")
    recipient = keyring.recipient()
    if recipient is None:
        click.echo(
            "書き出し: コーディネーターの鍵なし（パスフレーズで封印）"
            if ja
            else "Exports: no coordinator key (sealed with a passphrase)"
        )
    else:
        click.echo(
            f"書き出し先の鍵: {recipient.name} {recipient.fingerprint}"
            if ja
            else f"Exports sealed to: {recipient.name} {recipient.fingerprint}"
        )
    own = keyring.own_coordinator_key()
    if own is not None:
        click.echo(
            f"この端末のコーディネーター鍵: {own.fingerprint}"
            if ja
            else f"This device's coordinator key: {own.fingerprint}"
        )
    pinned = keyring.pinned()
    click.echo(f"信頼する端末: {len(pinned)}台" if ja else f"Trusted devices: {len(pinned)}")
    for device in pinned:
        click.echo(f"  {device.name}  {device.fingerprint}  {device.installation_id}")


@keys.command("forget")
@click.argument("device")
@pass_context
def forget(context: Context, device: str) -> None:
    """信頼する端末から外す（ID・指紋・名前で）/ Stop trusting a device (id, fingerprint or name).

    外した端末のファイルは、次に取り込むとき初めての端末として確認されます。
    That device's next file is then checked as a device not seen before.
    """
    with context.library().writing():  # imports pin devices too: one writer at a time
        gone = _keyring(context).forget(device)
    context.say(
        f"信頼する端末から外しました: {gone.name}（{gone.fingerprint}）",
        f"No longer trusted: {gone.name} ({gone.fingerprint})",
    )
