"""`dxhelper export` and `dxhelper import`: bundles that carry records between devices."""

from __future__ import annotations

import click

from dxhelper.cli import Context, pass_context


@click.command("export")
@pass_context
def export_command(context: Context) -> None:
    """この端末の記録を書き出す / Export this device's records as a bundle."""
    context.say("準備中です。", "Not built yet.")


@click.command("import")
@pass_context
def import_command(context: Context) -> None:
    """ほかの端末の記録を取り込む / Import bundles from other devices."""
    context.say("準備中です。", "Not built yet.")
