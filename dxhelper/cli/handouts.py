"""`dxhelper handout` and `dxhelper sheet`: lesson guides and progress sheets as PDF."""

from __future__ import annotations

from pathlib import Path

import click

from dxhelper.cli.context import Context, doc_lang_option, pass_context
from dxhelper.core.errors import DxError

_PAPER = click.Choice(["A4", "A5"], case_sensitive=False)

_paper_option = click.option(
    "--paper",
    type=_PAPER,
    default=None,
    help="用紙（既定: 設定、なければA4）/ Paper (default: settings, else A4).",
)
_large_option = click.option(
    "--large",
    is_flag=True,
    help="大きな文字（18pt、設定でも可）/ Large print (18 pt; also a setting).",
)
_output_option = click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="出力するPDF / Output PDF."
)


def _print_options(command):
    """--lang, --paper and --large, in that order: how a handout or a sheet is printed."""
    for option in reversed((doc_lang_option, _paper_option, _large_option)):
        command = option(command)
    return command


def _handout_options(
    context: Context, paper: str | None, large: bool, venue: str, next_session: str
):  # -> HandoutOptions
    """The command line's choices over the app's settings (paper, large print, font, domains)."""
    from dxhelper.core.settings import Settings
    from dxhelper.handouts import HandoutOptions

    settings = Settings.load(context.paths.settings_dir)
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


@click.command()
@click.argument("lesson_ids", nargs=-1)
@click.option(
    "--all", "all_lessons", is_flag=True, help="全講座を1つのPDFに / Every lesson in one PDF."
)
@click.option(
    "--session", "session_id", metavar="ID", help="セッションの一式 / A session's print run."
)
@_print_options
@click.option("--venue", default="", help="会場 / Venue line.")
@click.option("--next", "next_session", default="", help="次回の予定 / Next session line.")
@_output_option
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

        with context.open_library(create=False) as library:
            store = library.store
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


@click.command()
@click.argument("resident")
@_print_options
@_output_option
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
    from dxhelper.cli.residents import find_resident
    from dxhelper.handouts import sheet_pdf
    from dxhelper.handouts.records import resident_sheet

    lang = doc_lang or context.lang
    catalogue = context.catalogue()
    with context.open_library(create=False) as library:
        store = library.store
        person = find_resident(store, resident, context.lang)
        personal = resident_sheet(store, catalogue, person.id, lang)
    pdf = sheet_pdf(personal, lang, _handout_options(context, paper, large, "", ""))
    _save_pdf(context, pdf, output or Path(f"sheet-{person.id[:8]}.pdf"))
