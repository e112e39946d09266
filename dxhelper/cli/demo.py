"""`dxhelper demo`: build a demo database of invented residents and sessions."""

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
    help="データベースがないときだけ作る / Only when there is no database yet.",
)
@pass_context
def demo(
    context: Context,
    residents: int,
    sessions: int,
    seed: int,
    end_month: str | None,
    if_missing: bool,
) -> None:
    """デモ用データベースを作る / Build a demo database.

    実際の記録があるデータベースは上書きしません。
    A database with real records is never overwritten.
    """
    from dxhelper.demo import DemoSpec, build_demo

    end = _parse_month(end_month) if end_month else dt.date.today().replace(day=1)
    spec = DemoSpec(residents=residents, sessions=sessions, seed=seed, end_month=end)
    # Building replaces the database file: one writer at a time (issue 16 §1).
    with context.library().writing():
        if if_missing and context.paths.database.exists():
            context.say(
                f"データベースがあるので、そのまま使います: {context.paths.database}",
                f"Using the existing database: {context.paths.database}",
            )
            return
        summary = build_demo(context.paths.database, spec)
    context.say(
        f"デモ用データベースを作りました: {context.paths.database}\n"
        f"住民 {summary.residents} 人、セッション {summary.sessions} 回、"
        f"進み具合 {summary.progress} 件。",
        f"Demo database written: {context.paths.database}\n"
        f"{summary.residents} residents, {summary.sessions} sessions, "
        f"{summary.progress} progress records.",
    )


def _parse_month(text: str) -> dt.date:
    try:
        return dt.datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        raise DxError(
            f"月は「2026-04」の形で指定してください: {text}",
            f"Give the month as YYYY-MM, e.g. 2026-04: {text}",
        ) from None
