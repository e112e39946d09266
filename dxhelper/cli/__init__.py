"""The `dxhelper` command line: `main` is the entry point, `cli` the root click group.

context.py holds what the commands share; root.py the group, global options and error
handling; every other module one command group, registered by root.py. Heavy modules (the
store, handouts, reports, exchange) load only inside the command that needs them.
"""

from dxhelper.cli.root import cli, main

__all__ = ["cli", "main"]
