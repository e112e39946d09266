"""`dxhelper export` and `dxhelper import`: bundles that carry records between devices."""

from __future__ import annotations

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
@pass_context
def export_command(context: Context, output: Path, since_last_to: str | None) -> None:
    """この端末の記録を書き出す / Export this device's records as a bundle."""
    from dxhelper.exchange import export_bundle

    with context.open_library(create=False) as library:
        store = library.store
        summary = export_bundle(store, output, since_last_to=since_last_to)
    click.echo(summary.describe(context.lang))


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@pass_context
def import_command(context: Context, files: tuple[Path, ...]) -> None:
    """ほかの端末の記録を取り込む / Import bundles from other devices.

    すべてのファイルを確認してから、バックアップを取り、まとめて取り込みます。
    Every file is checked first; then a backup is taken and all are merged at once.
    """
    from dxhelper.exchange import import_bundles

    with context.open_library() as library:
        result = import_bundles(library, files)
    click.echo(result.describe(context.lang))
