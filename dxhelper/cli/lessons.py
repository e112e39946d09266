"""`dxhelper lessons check|list|new`: validate, list and start lesson files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from dxhelper.cli.context import EXIT_PROBLEM, Context, pass_context
from dxhelper.core.errors import DxError


@click.group()
def lessons() -> None:
    """講座ファイルの確認・一覧・作成 / Check, list and create lessons."""


@lessons.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--trust", multiple=True, metavar="DOMAIN", help="信頼するドメイン / Trusted domain.")
@click.option(
    "--stats",
    is_flag=True,
    help="読みやすさの数値を講座ごとに表示 / Print readability figures per lesson.",
)
@pass_context
def lessons_check(
    context: Context, paths: tuple[Path, ...], trust: tuple[str, ...], stats: bool
) -> None:
    """講座ファイルを検査する / Validate lesson files (default: built-in and your own)."""
    from dxhelper.core.lessons.check import check_lessons
    from dxhelper.core.lessons.readability import stats_table
    from dxhelper.paths import builtin_lessons_dir

    builtin = builtin_lessons_dir()
    targets = list(paths) or [builtin, context.paths.user_lessons]
    if not paths and not context.paths.user_lessons.exists():
        targets = [builtin]
    report = check_lessons(targets, builtin_root=builtin, trusted_domains=trust)
    problems = report.problems
    if stats and report.stats:
        click.echo(stats_table(report.stats, context.lang, Path.cwd()))
        click.echo()
    for problem in problems:
        click.echo(problem.format(context.lang))
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    context.say(
        f"エラー {errors} 件、警告 {warnings} 件。", f"{errors} errors, {warnings} warnings."
    )
    if errors:
        raise SystemExit(EXIT_PROBLEM)


@lessons.command("list")
@pass_context
def lessons_list(context: Context) -> None:
    """講座の一覧 / List lessons."""
    catalogue = context.catalogue()
    for problem in catalogue.problems:
        click.echo(problem.format(context.lang), err=True)
    for lesson_id in catalogue.ids():
        lesson = catalogue.get(lesson_id, context.lang)
        mark = " *" if lesson.overrides_builtin else (" +" if lesson.is_user else "")
        click.echo(
            f"{lesson_id:<32} {','.join(catalogue.languages(lesson_id)):<6} "
            f"{lesson.category.label(context.lang):<20} "
            f"{len(lesson.steps):>2} steps  v{lesson.version}{mark}"
        )
    context.say(
        f"{len(catalogue)} 講座（+ は独自の講座、* は組み込みを置き換えた講座）。",
        f"{len(catalogue)} lessons (+ your own, * replaces a built-in lesson).",
    )


@lessons.command("new")
@click.argument("lesson_id")
@click.option("--lang", "lesson_lang", type=click.Choice(["ja", "en"]), default="ja")
@pass_context
def lessons_new(context: Context, lesson_id: str, lesson_lang: str) -> None:
    """講座のひな形を作る / Write a commented template for a new lesson."""
    from dxhelper.core.lessons.check import new_lesson_text
    from dxhelper.core.lessons.parser import ID_PATTERN

    if not ID_PATTERN.match(lesson_id):
        raise DxError(
            f"IDは半角の英小文字・数字・ハイフンで書いてください（例: bus-app）: {lesson_id}",
            f"Ids use lower-case letters, digits and hyphens (e.g. bus-app): {lesson_id}",
        )
    target = context.paths.user_lessons / lesson_lang / f"{lesson_id}.md"
    if target.exists():
        raise DxError(f"すでにあります: {target}", f"Already exists: {target}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8", newline="\n") as fh:
            fh.write(new_lesson_text(lesson_id, lesson_lang, dt.date.today().isoformat()))
    except OSError as exc:
        raise DxError(
            f"書き込めません: {target}（{exc.strerror}）",
            f"Cannot write: {target} ({exc.strerror})",
        ) from exc
    context.say(f"ひな形を作りました: {target}", f"Template written: {target}")
