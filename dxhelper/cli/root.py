"""The root `dxhelper` group and `main`, the entry point. Alone it opens the window;
subcommands (one module each beside this one) do the same jobs without one.

Every failure is one clear line on stderr and a non-zero exit, never a traceback: the details
of an unexpected error go to the log file in the data folder.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from pathlib import Path

import click

from dxhelper import __version__
from dxhelper.cli.context import EXIT_PROBLEM, LANG_ENV, Context, default_lang
from dxhelper.core.errors import DxError
from dxhelper.paths import DataPaths

# Every subcommand: its name, and where it lives ("module:attribute" under dxhelper.cli). A
# module is imported only when its command runs (or --help lists them), so `dxhelper` alone
# opens the window without loading any of them (issue 19 §7).
COMMANDS: dict[str, str] = {
    "demo": "demo:demo",
    "check": "backup:check",
    "lessons": "lessons:lessons",
    "handout": "handouts:handout",
    "sheet": "handouts:sheet",
    "residents": "residents:residents",
    "signin-sheet": "printables:signin_sheet",
    "next-notice": "printables:next_notice",
    "certificates": "printables:certificates",
    "report": "reports:report",
    "export": "exchange:export_command",
    "import": "exchange:import_command",
    "keys": "keys:keys",
    "backup": "backup:backup_command",
    "restore": "backup:restore_command",
}


class LazyGroup(click.Group):
    """A click group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            import importlib

            module, attribute = COMMANDS[cmd_name].split(":")
            command = getattr(importlib.import_module(f"dxhelper.cli.{module}"), attribute)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, "--version", "-V", prog_name="dxhelper")
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="データの保存先 / Data folder (default: $DXHELPER_HOME, else the user data folder).",
)
@click.option(
    "--lang",
    type=click.Choice(["ja", "en"]),
    default=None,
    help="表示言語 / Language of messages (default: $DXHELPER_LANG, else ja).",
)
@click.option(
    "--practice",
    is_flag=True,
    help="練習用データを使う（既定は実際の記録）/ Use the practice (made-up) records "
    "(default: the real records, whatever the window last used).",
)
@click.option(
    "--self-test",
    is_flag=True,
    help="動作確認（一時フォルダーで）/ Check this copy works (in a temporary folder).",
)
@click.pass_context
def cli(
    ctx: click.Context, data_dir: Path | None, lang: str | None, practice: bool, self_test: bool
) -> None:
    """dxhelper: デジタル推進委員のための記録・講座・配布資料ツール
    (records, lessons and handouts for digital promotion volunteers).

    コマンドなしで起動すると画面が開きます。/ Without a command, the window opens.
    """
    paths = DataPaths.resolve(data_dir)
    ctx.obj = Context(paths.practice if practice else paths, lang or default_lang())
    ctx.obj.lang_given = lang is not None or bool(os.environ.get(LANG_ENV, "").strip())
    if self_test:
        from dxhelper.selftest import run

        sys.exit(run(click.echo))
    if ctx.invoked_subcommand is None:
        _open_window(ctx.obj)


def _open_window(context: Context) -> None:
    from dxhelper.ui.app import run  # Qt loads only when the window is wanted

    # --lang or $DXHELPER_LANG overrides the language saved in the settings.
    # The window follows Settings → Records; --practice opens the practice records.
    code = run(
        context.paths.real,
        context.lang if context.lang_given else None,
        practice=context.paths.is_practice or None,
    )
    if code:
        sys.exit(code)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the command and turn every failure into one line and an exit code."""
    lang = default_lang()
    args = sys.argv[1:] if argv is None else argv
    if "--lang" in args[:-1]:
        lang = args[args.index("--lang") + 1]
    try:
        cli.main(args=args, prog_name="dxhelper", standalone_mode=False)
    except DxError as exc:
        click.echo(exc.message(lang), err=True)
        sys.exit(EXIT_PROBLEM)
    except click.exceptions.Abort:
        click.echo("中止しました。" if lang == "ja" else "Aborted.", err=True)
        sys.exit(EXIT_PROBLEM)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except SystemExit:
        raise
    except Exception as exc:  # the last line of defence: one line here, details in the log
        paths = DataPaths.resolve(_data_dir_from(args))
        log_file = _log_crash(paths)
        where = f"（詳細: {log_file}）" if log_file else ""
        where_en = f" (details: {log_file})" if log_file else ""
        click.echo(
            f"予期しないエラーが起きました: {type(exc).__name__}: {exc}{where}"
            if lang == "ja"
            else f"Unexpected error: {type(exc).__name__}: {exc}{where_en}",
            err=True,
        )
        sys.exit(EXIT_PROBLEM)
    sys.exit(0)


def _log_crash(paths: DataPaths) -> Path | None:
    try:
        paths.logs.mkdir(parents=True, exist_ok=True)
        log_file = paths.logs / "dxhelper-error.log"
        with log_file.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {dt.datetime.now().isoformat()} dxhelper {__version__}\n")
            fh.write(traceback.format_exc())
        return log_file
    except OSError:
        return None


def _data_dir_from(args: list[str]) -> str | None:
    for i, arg in enumerate(args):
        if arg == "--data-dir" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--data-dir="):
            return arg.split("=", 1)[1]
    return None
