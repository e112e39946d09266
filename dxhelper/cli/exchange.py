"""`dxhelper export` and `dxhelper import`: bundles that carry records between devices."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import click

from dxhelper.cli.context import Context, pass_context


@click.command("export")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="書き出すファイル（例: aoki.dxhelper）/ The bundle to write (e.g. aoki.dxhelper).",
)
@click.option(
    "--since-last-to",
    "since_last_to",
    metavar="NAME",
    default=None,
    help="この相手に前回書き出してから変わった分だけ / Only what changed since the last "
    "export to NAME (the first time: everything).",
)
@click.option(
    "--passphrase-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="パスフレーズを書いたファイル（コーディネーターの鍵がないとき）/ A file holding the "
    "passphrase (when no coordinator key is in use).",
)
@click.option(
    "--plain",
    is_flag=True,
    help="開発用: 封印しない zip を書く（誰でも読めて書き換えられます）/ Developer option: "
    "write a plain, unsealed zip (anyone can read and alter it).",
)
@pass_context
def export_command(
    context: Context,
    output: Path,
    since_last_to: str | None,
    passphrase_file: Path | None,
    plain: bool,
) -> None:
    """この端末の記録を書き出す / Export this device's records as a bundle.

    コーディネーターの鍵（`dxhelper keys use-coordinator`）を読み込んであればその鍵あてに、
    なければパスフレーズで暗号化し、この端末の署名を付けます。
    Encrypted to the coordinator key in use (`dxhelper keys use-coordinator`), else with a
    passphrase, and signed by this device.
    """
    from dxhelper.cli.keys import read_passphrase
    from dxhelper.core.settings import Settings
    from dxhelper.exchange import export_bundle
    from dxhelper.exchange.keys import Keyring
    from dxhelper.exchange.sealing import NoSealingKey, Sealing, plain_allowed

    sealing = None
    if not plain:
        keyring = Keyring(context.paths)
        passphrase = None
        if keyring.recipient() is None:
            passphrase = read_passphrase(context, passphrase_file, confirm=True)
            if passphrase is None and not plain_allowed():
                raise NoSealingKey()
        if keyring.recipient() is not None or passphrase is not None:
            sealing = Sealing(keyring, passphrase)
    with context.open_library(create=False) as library:
        store = library.store
        if since_last_to and library.read_only and library.read_only_reason is not None:
            # "Since the last export" must log this one: a write (issue 19 §2).
            raise library.read_only_reason
        summary = export_bundle(
            store,
            output,
            since_last_to=since_last_to,
            sealing=sealing,
            plain=plain,
            phones=Settings.load(context.paths.settings_dir).get("bundle_phones"),
        )
    click.echo(summary.describe(context.lang))


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--allow-demo",
    is_flag=True,
    hidden=True,  # for tests: a practice bundle is otherwise refused by real records
    help="練習用データのファイルも取り込む（試験用）/ Import practice bundles too (for tests).",
)
@click.option(
    "--passphrase-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="パスフレーズを書いたファイル（パスフレーズで封印されたファイルのとき）/ A file "
    "holding the passphrase (for files sealed with one).",
)
@click.option(
    "--trust-new",
    is_flag=True,
    help="初めての端末を信頼して取り込む（指紋を送り主と確かめてから）/ Trust devices not "
    "seen before (compare their fingerprints with the senders first).",
)
@click.option(
    "--allow-plain",
    is_flag=True,
    help="開発用: 封印されていない zip も取り込む / Developer option: accept plain, unsealed "
    "zips (no way to tell whether they were altered).",
)
@pass_context
def import_command(
    context: Context,
    files: tuple[Path, ...],
    allow_demo: bool,
    passphrase_file: Path | None,
    trust_new: bool,
    allow_plain: bool,
) -> None:
    """ほかの端末の記録を取り込む / Import bundles from other devices.

    すべてのファイルを確認してから、バックアップを取り、まとめて取り込みます。
    Every file is checked first; then a backup is taken and all are merged at once.

    封印されたファイルは署名を確かめ、初めての端末は名前と指紋を表示して確認します。
    Sealed files are verified; a device not seen before is shown (name, fingerprint) first.
    """
    from dxhelper.exchange import import_bundles
    from dxhelper.exchange.keys import Keyring, UntrustedDevices
    from dxhelper.exchange.sealing import Unsealing

    keyring = Keyring(context.paths)
    unsealing = Unsealing(
        keyring,
        _import_passphrase(context, files, passphrase_file),
        trust=trust_new,
        allow_plain=allow_plain,
    )
    before = {device.installation_id for device in keyring.pinned()}
    with context.open_library() as library:
        try:
            result = import_bundles(library, files, unsealing=unsealing, allow_demo=allow_demo)
        except UntrustedDevices as exc:
            if not _agree(context, exc.senders):
                raise
            agreed = frozenset(sender.fingerprint for sender in exc.senders)
            unsealing = dataclasses.replace(unsealing, trust=agreed)
            result = import_bundles(library, files, unsealing=unsealing, allow_demo=allow_demo)
    click.echo(result.describe(context.lang))
    for device in keyring.pinned():
        if device.installation_id not in before:
            context.say(
                f"これから信頼する端末: {device.name}（{device.fingerprint}）",
                f"Trusted from now on: {device.name} ({device.fingerprint})",
            )


def _import_passphrase(
    context: Context, files: tuple[Path, ...], source: Path | None
) -> str | None:
    """Asked for only when a file is sealed with a passphrase."""
    from dxhelper.cli.keys import read_passphrase
    from dxhelper.exchange.errors import BundleError
    from dxhelper.exchange.sealing import peek

    if not any(
        (header := peek(path)) is not None and header.mode == "passphrase" for path in files
    ):
        return None
    passphrase = read_passphrase(context, source, confirm=False)
    if passphrase is None:  # no keyboard to ask at
        raise BundleError(
            "パスフレーズで封印されたファイルです。--passphrase-file でパスフレーズを"
            "書いたファイルを指定してください。",
            "A file is sealed with a passphrase: give it with --passphrase-file FILE.",
        )
    return passphrase


def _agree(context: Context, senders) -> bool:
    """At the keyboard: show each new device and ask; otherwise no (--trust-new says yes)."""
    if not sys.stdin.isatty():
        return False
    for sender in senders:
        context.say(
            f"初めての端末: {sender.name}\n  指紋: {sender.fingerprint}\n  ID: "
            f"{sender.installation_id}",
            f"A device not seen before: {sender.name}\n  Fingerprint: {sender.fingerprint}\n"
            f"  Id: {sender.installation_id}",
        )
    return click.confirm(
        "送り主と指紋を確かめましたか？信頼して取り込みますか"
        if context.lang != "en"
        else "Have you compared the fingerprints with the senders? Trust and import",
        default=False,
    )
