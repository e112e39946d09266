"""`dxhelper report`: session counts for a period as CSV, XLSX or a PDF summary."""

from __future__ import annotations

import click

from dxhelper.cli import Context, pass_context


@click.command()
@pass_context
def report(context: Context) -> None:
    """集計表を書き出す / Export session counts (CSV, XLSX, PDF)."""
    context.say("準備中です。", "Not built yet.")
