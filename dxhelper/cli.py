"""The `dxhelper` command. Alone it opens the window; subcommands do the same jobs without one.

Every failure is one clear line on stderr and a non-zero exit, never a traceback: the details
of an unexpected error go to the log file in the data folder.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
import traceback
from pathlib import Path

import click

from dxhelper import __version__
from dxhelper.core.errors import DxError
from dxhelper.paths import DataPaths

LANG_ENV = "DXHELPER_LANG"
EXIT_PROBLEM = 1  # the command ran and found or hit a problem
EXIT_USAGE = 2  # click's own code for a wrong command line

log = logging.getLogger("dxhelper")


class Context:
    """What every subcommand needs: where the data lives and which language to speak."""

    def __init__(self, paths: DataPaths, lang: str) -> None:
        self.paths = paths
        self.lang = lang
        self.lang_given = False

    def say(self, ja: str, en: str) -> None:
        click.echo(en if self.lang == "en" else ja)

    def catalogue(self):  # -> Catalogue
        from dxhelper.core.lessons import Catalogue
        from dxhelper.paths import builtin_lessons_dir

        return Catalogue.load(builtin_lessons_dir(), self.paths.user_lessons)

    def open_store(self, *, create: bool = True):  # -> Store (imported lazily: fast --version)
        from dxhelper.store import Store

        return Store.open(self.paths.database, create=create)


pass_context = click.make_pass_decorator(Context)


def _default_lang() -> str:
    value = os.environ.get(LANG_ENV, "").strip().lower()
    return "en" if value.startswith("en") else "ja"


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
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
    "--self-test",
    is_flag=True,
    help="動作確認（一時フォルダーで）/ Check this copy works (in a temporary folder).",
)
@click.pass_context
def cli(ctx: click.Context, data_dir: Path | None, lang: str | None, self_test: bool) -> None:
    """dxhelper: デジタル推進委員のための記録・講座・配布資料ツール
    (records, lessons and handouts for digital promotion volunteers).

    コマンドなしで起動すると画面が開きます。/ Without a command, the window opens.
    """
    ctx.obj = Context(DataPaths.resolve(data_dir), lang or _default_lang())
    ctx.obj.lang_given = lang is not None or bool(os.environ.get(LANG_ENV, "").strip())
    if self_test:
        from dxhelper.selftest import run

        sys.exit(run(click.echo))
    if ctx.invoked_subcommand is None:
        _open_window(ctx.obj)


def _open_window(context: Context) -> None:
    from dxhelper.ui.app import run  # Qt loads only when the window is wanted

    # --lang or $DXHELPER_LANG overrides the language saved in the settings.
    code = run(context.paths, context.lang if context.lang_given else None)
    if code:
        sys.exit(code)


@cli.command()
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

    if if_missing and context.paths.database.exists():
        context.say(
            f"データベースがあるので、そのまま使います: {context.paths.database}",
            f"Using the existing database: {context.paths.database}",
        )
        return

    end = _parse_month(end_month) if end_month else dt.date.today().replace(day=1)
    spec = DemoSpec(residents=residents, sessions=sessions, seed=seed, end_month=end)
    summary = build_demo(context.paths.database, spec)
    context.say(
        f"デモ用データベースを作りました: {context.paths.database}\n"
        f"住民 {summary.residents} 人、セッション {summary.sessions} 回、"
        f"進み具合 {summary.progress} 件。",
        f"Demo database written: {context.paths.database}\n"
        f"{summary.residents} residents, {summary.sessions} sessions, "
        f"{summary.progress} progress records.",
    )


@cli.command()
@pass_context
def check(context: Context) -> None:
    """データベースを点検する / Check the database (integrity, references, schema)."""
    with context.open_store(create=False) as store:
        report = store.check()
        orphans = _orphaned_progress(context, store.progress_steps())
    for line in report.integrity:
        context.say(f"整合性の問題: {line}", f"Integrity problem: {line}")
    for line in report.foreign_keys:
        context.say(f"参照の問題: {line}", f"Broken reference: {line}")
    for name in report.pending_migrations:
        context.say(f"未適用のスキーマ変更: {name}", f"Schema step not applied: {name}")
    for name in report.unknown_migrations:
        context.say(f"不明なスキーマ変更: {name}", f"Unknown schema step: {name}")
    for lesson_id, step_id, count in orphans:
        context.say(
            f"注意: 講座「{lesson_id}」にない手順「{step_id}」の記録が {count} 件あります"
            "（手順のIDが変わったか、講座が削除されました）。記録は消さずに残しています。",
            f"Note: {count} progress records point at step '{step_id}', which lesson "
            f"'{lesson_id}' no longer has (its id changed or the lesson was removed). "
            "They are kept.",
        )
    from dxhelper.store.location import location_warning

    where = location_warning(context.paths.root, context.lang)
    if where:
        click.echo(where, err=True)
    if not report.ok:
        raise SystemExit(EXIT_PROBLEM)
    context.say(
        f"データベースに問題はありません（{context.paths.database}、"
        f"スキーマ {report.applied_migrations[-1]}）。",
        f"The database is healthy ({context.paths.database}; "
        f"schema {report.applied_migrations[-1]}).",
    )


def _orphaned_progress(
    context: Context, steps: list[tuple[str, str, int]]
) -> list[tuple[str, str, int]]:
    catalogue = context.catalogue()
    return [
        (lesson, step, n) for lesson, step, n in steps if step not in catalogue.step_ids(lesson)
    ]


@cli.group()
def lessons() -> None:
    """講座ファイルの確認・一覧・作成 / Check, list and create lessons."""


@lessons.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--trust", multiple=True, metavar="DOMAIN", help="信頼するドメイン / Trusted domain.")
@pass_context
def lessons_check(context: Context, paths: tuple[Path, ...], trust: tuple[str, ...]) -> None:
    """講座ファイルを検査する / Validate lesson files (default: built-in and your own)."""
    from dxhelper.core.lessons.check import check_paths
    from dxhelper.paths import builtin_lessons_dir

    builtin = builtin_lessons_dir()
    targets = list(paths) or [builtin, context.paths.user_lessons]
    if not paths and not context.paths.user_lessons.exists():
        targets = [builtin]
    problems = check_paths(targets, builtin_root=builtin, trusted_domains=trust)
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


_PAPER = click.Choice(["A4", "A5"], case_sensitive=False)


def _handout_options(
    context: Context, paper: str | None, large: bool, venue: str, next_session: str
):  # -> HandoutOptions
    """The command line's choices over the app's settings (paper, large print, font, domains)."""
    from dxhelper.core.settings import Settings
    from dxhelper.handouts import HandoutOptions

    settings = Settings.load(context.paths.root)
    return HandoutOptions(
        paper=(paper or settings.get("paper")).upper(),
        large=large or settings.get("large_print"),
        venue=venue.strip(),
        next_session=next_session.strip(),
        font=settings.get("font") or None,
        trusted_domains=tuple(settings.get("trusted_domains")),
    )


def _save_pdf(context: Context, pdf, output: Path) -> None:  # pdf: dxhelper.handouts.Pdf
    warning = pdf.warning(context.lang)
    if warning:
        click.echo(warning, err=True)
    saved = pdf.save(output)
    context.say(f"保存しました: {saved}", f"Saved: {saved}")


def _check_free_text(field: str, value: str) -> None:
    from dxhelper.core.privacy import check_free_text

    check_free_text(field, value)


@cli.command()
@click.argument("lesson_ids", nargs=-1)
@click.option(
    "--all", "all_lessons", is_flag=True, help="全講座を1つのPDFに / Every lesson in one PDF."
)
@click.option(
    "--session", "session_id", metavar="ID", help="セッションの一式 / A session's print run."
)
@click.option("--lang", "doc_lang", type=click.Choice(["ja", "en"]), help="言語 / Language.")
@click.option(
    "--paper",
    type=_PAPER,
    default=None,
    help="用紙（既定: 設定、なければA4）/ Paper (default: settings, else A4).",
)
@click.option(
    "--large",
    is_flag=True,
    help="大きな文字（18pt、設定でも可）/ Large print (18 pt; also a setting).",
)
@click.option("--venue", default="", help="会場 / Venue line.")
@click.option("--next", "next_session", default="", help="次回の予定 / Next session line.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="出力するPDF / Output PDF.")
@pass_context
def handout(
    context: Context,
    lesson_ids: tuple[str, ...],
    all_lessons: bool,
    session_id: str | None,
    doc_lang: str | None,
    paper: str | None,
    large: bool,
    venue: str,
    next_session: str,
    output: Path | None,
) -> None:
    """講座の手引きをPDFにする / Print lesson guides (or a session's print run) as PDF."""
    from dxhelper.handouts import batch_pdf, guides_pdf

    lang = doc_lang or context.lang
    _check_free_text("venue", venue)
    _check_free_text("note", next_session)
    options = _handout_options(context, paper, large, venue, next_session)
    catalogue = context.catalogue()
    for problem in catalogue.problems:
        click.echo(problem.format(context.lang), err=True)
    if session_id:
        from dxhelper.handouts.records import session_print_run

        with context.open_store(create=False) as store:
            lessons, sheets = session_print_run(store, catalogue, session_id, lang)
        if not lessons and not sheets:
            raise DxError(
                "このセッションには講座も名前のある参加者もないため、印刷するものがありません。",
                "This session has no lessons and no named attendees: nothing to print.",
            )
        pdf = batch_pdf(lessons, sheets, lang, options)
        _save_pdf(context, pdf, output or Path(f"session-{session_id[:8]}.pdf"))
        return
    if all_lessons:
        lessons = catalogue.lessons(lang)
    elif lesson_ids:
        lessons = [catalogue.get(lesson_id, lang) for lesson_id in lesson_ids]
    else:
        raise DxError(
            "講座のIDを指定してください（一覧は dxhelper lessons list）。",
            "Name a lesson id (see dxhelper lessons list), or use --all.",
        )
    default = f"{lessons[0].id}-{lang}.pdf" if len(lessons) == 1 else f"lessons-{lang}.pdf"
    _save_pdf(context, guides_pdf(lessons, options), output or Path(default))


@cli.command()
@click.argument("resident")
@click.option("--lang", "doc_lang", type=click.Choice(["ja", "en"]), help="言語 / Language.")
@click.option(
    "--paper",
    type=_PAPER,
    default=None,
    help="用紙（既定: 設定、なければA4）/ Paper (default: settings, else A4).",
)
@click.option(
    "--large",
    is_flag=True,
    help="大きな文字（18pt、設定でも可）/ Large print (18 pt; also a setting).",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="出力するPDF / Output PDF.")
@pass_context
def sheet(
    context: Context,
    resident: str,
    doc_lang: str | None,
    paper: str | None,
    large: bool,
    output: Path | None,
) -> None:
    """個人の学習記録をPDFにする / Print one resident's progress sheet (id or name)."""
    from dxhelper.handouts import sheet_pdf
    from dxhelper.handouts.records import find_resident, resident_sheet

    lang = doc_lang or context.lang
    catalogue = context.catalogue()
    with context.open_store(create=False) as store:
        person = find_resident(store, resident)
        personal = resident_sheet(store, catalogue, person.id, lang)
    pdf = sheet_pdf(personal, lang, _handout_options(context, paper, large, "", ""))
    _save_pdf(context, pdf, output or Path(f"sheet-{person.id[:8]}.pdf"))


def _parse_month(text: str) -> dt.date:
    try:
        return dt.datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        raise DxError(
            f"月は「2026-04」の形で指定してください: {text}",
            f"Give the month as YYYY-MM, e.g. 2026-04: {text}",
        ) from None


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


def _add_commands() -> None:
    # Coordinators' commands live beside their code; they import this module's Context.
    from dxhelper.exchange.cli import export_command, import_command
    from dxhelper.reports.cli import report
    from dxhelper.store_cli import backup_command, restore_command

    for command in (report, export_command, import_command, backup_command, restore_command):
        cli.add_command(command)


_add_commands()


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the command and turn every failure into one line and an exit code."""
    lang = _default_lang()
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


def _data_dir_from(args: list[str]) -> str | None:
    for i, arg in enumerate(args):
        if arg == "--data-dir" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--data-dir="):
            return arg.split("=", 1)[1]
    return None
