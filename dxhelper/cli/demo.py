"""`dxhelper demo`: build the practice database (issue 16 §6) of invented residents and
sessions, in the practice folder beside (inside) the real records."""

from __future__ import annotations

import datetime as dt

import click

from dxhelper.cli.context import Context, pass_context
from dxhelper.core.errors import DxError


@click.command()
@click.option("--residents", type=click.IntRange(0, 100_000), default=60, show_default=True)
@click.option("--sessions", type=click.IntRange(0, 20_000), default=80, show_default=True)
@click.option("--seed", type=int, default=2026, show_default=True)
@click.option(
    "--end-month",
    default=None,
    metavar="YYYY-MM",
    help="12か月分の最後の月 / Last of the 12 months of sessions (default: this month).",
)
@click.option(
    "--if-missing",
    is_flag=True,
    help="練習用データベースがないときだけ作る / Only when there is no practice database yet.",
)
@click.option(
    "--discard-changes",
    is_flag=True,
    help="練習用データに誰かが入力した記録も消して作り直す（バックアップの後）/ Rebuild even "
    "when someone entered records in the practice data (they are backed up, then gone).",
)
@pass_context
def demo(
    context: Context,
    residents: int,
    sessions: int,
    seed: int,
    end_month: str | None,
    if_missing: bool,
    discard_changes: bool,
) -> None:
    """練習用データ（架空の記録）を作る / Build the practice data (made-up records).

    いつも練習用フォルダーに作ります。実際の記録には触れません。使うときは
    dxhelper --practice …、または画面の 設定 → 記録。
    Always built in the practice folder, never in the real records. Use it with
    `dxhelper --practice …`, or in the window: Settings → Records.

    練習用データに、デモが作ったのではない記録（誰かの入力）があるときは、バックアップを取って
    から止まります（--discard-changes で作り直し）。
    If the practice data holds records the demo did not write, they are backed up and the
    command stops (--discard-changes rebuilds anyway).
    """
    from dxhelper.demo import DemoSpec, build_practice
    from dxhelper.store import Library

    end = _parse_month(end_month) if end_month else dt.date.today().replace(day=1)
    spec = DemoSpec(residents=residents, sessions=sessions, seed=seed, end_month=end)
    practice = context.paths.practice  # also with --practice; never the real records
    library = Library(practice, on_wait=context.say_waiting)
    # Building replaces the database file: one writer at a time (issue 16 §1).
    with library.writing():
        if if_missing and practice.database.exists():
            context.say(
                f"練習用データベースがあるので、そのまま使います: {practice.database}",
                f"Using the existing practice database: {practice.database}",
            )
            return
        summary = build_practice(library, spec, discard_changes=discard_changes)
    context.say(
        f"練習用データベースを作りました: {practice.database}\n"
        f"住民 {summary.residents} 人、セッション {summary.sessions} 回、"
        f"進み具合 {summary.progress} 件（すべて架空）。\n"
        "使うとき: dxhelper --practice（コマンドも同じ）、または画面の 設定 → 記録。",
        f"Practice database written: {practice.database}\n"
        f"{summary.residents} residents, {summary.sessions} sessions, "
        f"{summary.progress} progress records (all made up).\n"
        "To use it: dxhelper --practice (before any command), or Settings → Records in the "
        "window.",
    )


def _parse_month(text: str) -> dt.date:
    try:
        return dt.datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        raise DxError(
            f"月は「2026-04」の形で指定してください: {text}",
            f"Give the month as YYYY-MM, e.g. 2026-04: {text}",
        ) from None
