"""`dxhelper backup`, `dxhelper restore` and `dxhelper check`: the Settings screen's backup
buttons and database check, without it."""

from __future__ import annotations

from pathlib import Path

import click

from dxhelper.cli.context import EXIT_PROBLEM, Context, pass_context


def _counts_text(counts: dict[str, int], lang: str) -> str:
    r, s = counts.get("residents", 0), counts.get("sessions", 0)
    a, p = counts.get("attendance", 0), counts.get("progress", 0)
    if lang == "en":
        return f"{r} residents, {s} sessions, {a} attendances, {p} progress"
    return f"住民 {r} 人、セッション {s} 回、参加 {a} 件、進み具合 {p} 件"


_REASONS = {
    "start": ("起動時", "at start"),
    "close": ("終了時", "at close"),
    "manual": ("手動", "by hand"),
    "migration": ("更新前", "before an update"),
    "import": ("取り込み前", "before an import"),
    "restore": ("復元前", "before a restore"),
    "demo": ("練習用データの作り直し前", "before rebuilding practice data"),
}


@click.command("backup")
@click.option(
    "--list", "list_only", is_flag=True, help="一覧を表示 / List the backups, newest first."
)
@pass_context
def backup_command(context: Context, list_only: bool) -> None:
    """今すぐバックアップする（確認つき）/ Back up the records now (checked), or list backups."""
    lang = context.lang
    if list_only:
        infos = context.library().list_backups(include_problems=True)
        for info in infos:
            when = info.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
            reason = _REASONS.get(info.reason, (info.reason, info.reason))[lang == "en"]
            size = f"{max(1, info.size // 1024):,} KB"
            what = (
                _counts_text(info.counts, lang)
                if info.ok
                else ("読めません: " if lang == "ja" else "unreadable: ") + info.problem
            )
            click.echo(f"{when}  {size:>10}  {reason:<10}  {what}  {info.path.name}")
        context.say(
            f"バックアップ {len(infos)} 件（{context.paths.backups}）。",
            f"{len(infos)} backups in {context.paths.backups}.",
        )
        return
    with context.open_library(create=False) as library:
        info = library.backup("manual", force=True)
    assert info is not None  # force=True always writes one
    context.say(
        f"バックアップを取り、確認しました: {info.path}\n{_counts_text(info.counts, 'ja')}。",
        f"Backed up and checked: {info.path}\n{_counts_text(info.counts, 'en')}.",
    )


@click.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_context
def restore_command(context: Context, file: Path) -> None:
    """バックアップから復元する / Restore the records from a backup file.

    今の記録を先にバックアップし、ファイルを確認してから置き換えます。
    The records as they are now are backed up first; the file is checked before it is used.
    A backup's name alone (see `dxhelper backup --list`) is looked up in the backups folder.
    """
    if not file.exists() and file.name == str(file):
        in_backups = context.paths.backups / file.name
        if in_backups.is_file():
            file = in_backups
    result = context.library().restore(file)  # under the write lock (issue 16 §1)
    click.echo(result.describe(context.lang))


@click.command()
@pass_context
def check(context: Context) -> None:
    """データベースを点検する / Check the database (integrity, references, schema)."""
    from dxhelper.store import Library

    # Read-only where it must be (a schema dxhelper did not make is never opened for writing,
    # and a folder that cannot be written can still be checked).
    with Library(context.paths) as library:
        library.open_for_use(create=False)
        store = library.store
        report = store.check()
        differences = library.schema_differences()
        orphans = _orphaned_progress(context, store.progress_steps())
        clock = library.clock_warning(context.lang)
    for line in report.integrity:
        context.say(f"整合性の問題: {line}", f"Integrity problem: {line}")
    for line in report.foreign_keys:
        context.say(f"参照の問題: {line}", f"Broken reference: {line}")
    for name in report.pending_migrations:
        context.say(f"未適用のスキーマ変更: {name}", f"Schema step not applied: {name}")
    for name in report.unknown_migrations:
        context.say(f"不明なスキーマ変更: {name}", f"Unknown schema step: {name}")
    for difference in differences:
        context.say(f"構造の違い: {difference.ja}", f"Schema difference: {difference.en}")
    if differences:
        context.say(
            "データベースの構造が dxhelper の作ったものと違うため、書き込みません。"
            "バックアップから復元してください（dxhelper backup --list、dxhelper restore）。",
            "The database's structure is not the one dxhelper made, so nothing is written to "
            "it. Please restore a backup (dxhelper backup --list, dxhelper restore).",
        )
    for lesson_id, step_id, count in orphans:
        context.say(
            f"注意: 講座「{lesson_id}」にない手順「{step_id}」の記録が {count} 件あります"
            "（手順のIDが変わったか、講座が削除されました）。記録は消さずに残しています。",
            f"Note: {count} progress records point at step '{step_id}', which lesson "
            f"'{lesson_id}' no longer has (its id changed or the lesson was removed). "
            "They are kept.",
        )
    from dxhelper.store import location_warning

    where = location_warning(context.paths.root, context.lang)
    if where:
        click.echo(where, err=True)
    if clock:
        click.echo(clock, err=True)
    if not report.ok or differences:
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
