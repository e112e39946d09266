"""`dxhelper signin-sheet`, `dxhelper next-notice` and `dxhelper certificates`: the paper a
session needs around it (issue 15 §4), as A4 PDFs."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import click

from dxhelper.cli.context import Context, doc_lang_option, pass_context
from dxhelper.cli.handouts import _check_free_text, _handout_options, _output_option, _save_pdf
from dxhelper.core.errors import DxError

_large_option = click.option(
    "--large",
    is_flag=True,
    help="大きな文字（18pt、設定でも可）/ Large print (18 pt; also a setting).",
)
_session_option = click.option(
    "--session", "session_id", metavar="ID", help="セッション / Session."
)
_TIME = re.compile(r"^\s*\d{1,2}:\d{2}(\s*[-〜~–]\s*\d{1,2}:\d{2})?\s*$")


def _options(context: Context, large: bool):  # -> HandoutOptions
    return _handout_options(context, "A4", large, "", "")


@click.command("signin-sheet")
@_session_option
@click.option(
    "--pages",
    type=click.IntRange(1, 20),
    default=1,
    show_default=True,
    help="枚数 / Number of pages.",
)
@doc_lang_option
@_large_option
@_output_option
@pass_context
def signin_sheet(
    context: Context,
    session_id: str | None,
    pages: int,
    doc_lang: str | None,
    large: bool,
    output: Path | None,
) -> None:
    """手書きの受付票をPDFにする / Print a blank sign-in sheet (A4) to fill in by hand."""
    from dxhelper.handouts import signin_sheet_pdf

    lang = doc_lang or context.lang
    date: dt.date | None = None
    venue = ""
    if session_id:
        from dxhelper.handouts.records import session_facts

        with context.open_library(create=False) as library:
            facts = session_facts(library.store, session_id)
        date, venue = facts.date, facts.venue
    pdf = signin_sheet_pdf(lang, _options(context, large), date=date, venue=venue, pages=pages)
    _save_pdf(context, pdf, output or Path(f"signin-sheet-{lang}.pdf"))


@click.command("next-notice")
@click.option(
    "--date",
    "day",
    required=True,
    metavar="YYYY-MM-DD",
    help="次回の日付 / Date of the next session.",
)
@click.option("--time", "time", metavar="HH:MM[-HH:MM]", help="時間 / Time (e.g. 13:30-15:00).")
@click.option("--venue", default="", help="会場 / Venue.")
@click.option(
    "--bring",
    multiple=True,
    help="持ち物（くり返し可）/ What to bring (repeat for each item).",
)
@click.option("--note", default="", help="ひとことメモ / A note line.")
@click.option(
    "--per-page",
    type=click.Choice(["4", "8"]),
    default="4",
    show_default=True,
    help="1枚に何枚 / Slips per A4.",
)
@_session_option
@doc_lang_option
@_large_option
@_output_option
@pass_context
def next_notice(
    context: Context,
    day: str,
    time: str | None,
    venue: str,
    bring: tuple[str, ...],
    note: str,
    per_page: str,
    session_id: str | None,
    doc_lang: str | None,
    large: bool,
    output: Path | None,
) -> None:
    """次回のご案内（切り取り式）をPDFにする / Print next-session notice slips (4 or 8 per A4).

    --session のときは、会場と持ち物をそのセッションから取ります（--venue・--bring で上書き）。
    With --session, the venue and what to bring come from that session (--venue and --bring
    override them).
    """
    from dxhelper.handouts import next_notice_pdf

    lang = doc_lang or context.lang
    for field, value in (("venue", venue), ("note", note), *(("note", b) for b in bring)):
        _check_free_text(field, value)
    date = _parse_date(day)
    helpline = None
    items = [item.strip() for item in bring if item.strip()]
    if session_id:
        from dxhelper.handouts.records import (
            bring_list,
            first_helpline,
            session_facts,
            session_lessons,
        )

        catalogue = context.catalogue()
        with context.open_library(create=False) as library:
            facts = session_facts(library.store, session_id)
            lessons = session_lessons(library.store, catalogue, session_id, lang)
        venue = venue.strip() or facts.venue
        items = items or bring_list(lessons)
        helpline = first_helpline(lessons)
        if not time:
            time = f"{facts.start_time}-{facts.end_time}" if facts.end_time else facts.start_time
    if not time or not _TIME.match(time):
        raise DxError(
            "時間を 13:30 か 13:30-15:00 の形で指定してください（--time）。",
            "Give the time as 13:30 or 13:30-15:00 (--time).",
        )
    if not venue.strip():
        raise DxError(
            "会場を指定してください（--venue、または --session）。",
            "Name the venue (--venue, or --session).",
        )
    pdf = next_notice_pdf(
        lang,
        _options(context, large),
        date=date,
        time=time.strip(),
        venue=venue.strip(),
        bring=items,
        note=note.strip(),
        per_page=int(per_page),
        helpline=helpline,
    )
    _save_pdf(context, pdf, output or Path(f"next-notice-{date.isoformat()}.pdf"))


def _parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise DxError(
            f"日付は 2026-12-05 の形で指定してください（--date {value}）。",
            f"Give the date as 2026-12-05 (--date {value}).",
        ) from None


@click.command()
@click.option("--session", "session_id", required=True, metavar="ID", help="セッション / Session.")
@click.option(
    "--issued",
    metavar="YYYY-MM-DD",
    default=None,
    help="発行日（既定: 今日）/ Issue date (default: today).",
)
@doc_lang_option
@_large_option
@_output_option
@pass_context
def certificates(
    context: Context,
    session_id: str,
    issued: str | None,
    doc_lang: str | None,
    large: bool,
    output: Path | None,
) -> None:
    """受講証明書をPDFにする（名前のある参加者ごとに1枚）/ Print certificates of attendance
    (one page per named attendee)."""
    from dxhelper.core.settings import Settings
    from dxhelper.handouts import certificates_pdf
    from dxhelper.handouts.records import session_certificates

    lang = doc_lang or context.lang
    day = _parse_date(issued) if issued else None
    municipality = Settings.load(context.paths.settings_dir).get("municipality")
    catalogue = context.catalogue()
    with context.open_library(create=False) as library:
        found = session_certificates(library.store, catalogue, session_id, lang, municipality)
    if not found:
        raise DxError(
            "このセッションには名前のある参加者がいないため、受講証明書は作れません。",
            "This session has no named attendees: there is no certificate to print.",
        )
    pdf = certificates_pdf(found, lang, _options(context, large), issued=day)
    _save_pdf(context, pdf, output or Path(f"certificates-{session_id[:8]}.pdf"))
    context.say(f"受講証明書：{len(found)}枚", f"Certificates: {len(found)}")
