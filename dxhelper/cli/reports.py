"""`dxhelper report`: session counts for a period as CSV (zipped, one file per table), XLSX or
a PDF report; with --activity, a volunteer's own one-page activity record."""

from __future__ import annotations

from pathlib import Path

import click

from dxhelper.cli.context import Context, doc_lang_option, pass_context
from dxhelper.core.errors import DxError

_FORMATS = ("csv", "xlsx", "pdf")
_KINDS = ("class", "consultation", "outreach")


_PERIODS = ("this-month", "last-month", "this-fiscal-year", "last-fiscal-year")


@click.command()
@click.option("--from", "first", default=None, metavar="YYYY-MM", help="最初の月 / First month.")
@click.option(
    "--to", "last", default=None, metavar="YYYY-MM", help="最後の月 / Last month (default: --from)."
)
@click.option(
    "--period",
    type=click.Choice(_PERIODS),
    default=None,
    help="今月・先月・今年度（4月〜今月）・前年度 / A quick period instead of --from/--to.",
)
@click.option("--venue", default=None, metavar="NAME_OR_ID", help="会場 / Only this venue.")
@click.option(
    "--volunteer", default=None, metavar="NAME_OR_ID", help="推進委員 / Only this volunteer."
)
@click.option("--kind", type=click.Choice(_KINDS), default=None, help="種類 / Only this kind.")
@click.option(
    "--activity",
    is_flag=True,
    help="--volunteer の活動記録（1ページのPDF） / The volunteer's one-page activity record.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(_FORMATS, case_sensitive=False),
    default=None,
    help="形式（既定: -o の拡張子、なければ xlsx）/ Format (default: from -o, else xlsx).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="出力するファイル（CSVは .zip か既存のフォルダー） / Output file (CSV: a .zip of one "
    "file per table, or an existing folder).",
)
@doc_lang_option
@pass_context
def report(
    context: Context,
    first: str | None,
    last: str | None,
    period: str | None,
    venue: str | None,
    volunteer: str | None,
    kind: str | None,
    activity: bool,
    fmt: str | None,
    output: Path | None,
    doc_lang: str | None,
) -> None:
    """集計表を書き出す / Export session counts (CSV, XLSX, PDF).

    例 / e.g.: dxhelper report --from 2026-04 --to 2027-03 -o 2026年度.xlsx
               dxhelper report --period last-fiscal-year -o 前年度.zip
               dxhelper report --period this-fiscal-year --volunteer 青木 --activity
    """
    from dxhelper.core.settings import Settings
    from dxhelper.reports import ReportFilter, build_report, default_filename, write_report

    start, end = _period(first, last, period)
    if activity:
        _activity(context, start, end, venue, volunteer, kind, fmt, output, doc_lang)
        return
    fmt = _choose_format(fmt, output)
    lang = doc_lang or context.lang
    catalogue = context.catalogue()
    with context.open_library(create=False) as library:
        store = library.store
        filt = ReportFilter(
            start,
            end,
            venue_id=_venue_id(store, venue) if venue else None,
            volunteer_id=_volunteer_id(store, volunteer) if volunteer else None,
            kind=kind,
        )
        counted = build_report(store, catalogue, filt, lang)
    target = output or Path(default_filename(counted, fmt))
    font = Settings.load(context.paths.settings_dir).get("font") or None
    if fmt == "pdf":
        from dxhelper.pdfkit.fonts import find_font

        warning = find_font(font, lang=lang).warning(context.lang)
        if warning:
            click.echo(warning, err=True)
    saved = write_report(counted, target, fmt, font=font)
    sessions, attendances = counted.figure("sessions"), counted.figure("attendances")
    context.say(
        f"保存しました: {saved}（セッション {sessions:,} 回、参加のべ {attendances:,} 人）",
        f"Saved: {saved} ({sessions:,} sessions, {attendances:,} attendances)",
    )


def _period(first: str | None, last: str | None, period: str | None):
    import datetime as dt

    from dxhelper.reports import month_range
    from dxhelper.reports.model import period_range

    if period and (first or last):
        raise DxError(
            "--period と --from/--to は一緒に使えません。どちらか一方にしてください。",
            "Give either --period or --from/--to, not both.",
        )
    if period:
        return period_range(period, dt.date.today())
    if not first:
        raise DxError(
            "期間を --from 2026-04（--to 2027-03）か --period last-fiscal-year などで"
            "指定してください。",
            "Give the period: --from 2026-04 (--to 2027-03), or --period, e.g. "
            "--period last-fiscal-year.",
        )
    return month_range(first, last or first)


def _activity(
    context: Context,
    start,
    end,
    venue: str | None,
    volunteer: str | None,
    kind: str | None,
    fmt: str | None,
    output: Path | None,
    doc_lang: str | None,
) -> None:
    """`--activity`: the volunteer's own record, always a PDF."""
    from dxhelper.core.settings import Settings
    from dxhelper.reports import ReportFilter
    from dxhelper.reports.activity import write_activity_pdf

    if not volunteer:
        raise DxError(
            "--activity には --volunteer で推進委員を指定してください。",
            "--activity needs the volunteer: give --volunteer NAME.",
        )
    if (fmt and fmt.lower() != "pdf") or (output and output.suffix.lower() != ".pdf"):
        raise DxError(
            "活動記録はPDFだけです（-o のファイル名は .pdf にしてください）。",
            "The activity record is a PDF only (name the -o file .pdf).",
        )
    lang = doc_lang or context.lang
    font = Settings.load(context.paths.settings_dir).get("font") or None
    with context.open_library(create=False) as library:
        store = library.store
        volunteer_id = _volunteer_id(store, volunteer)
        filt = ReportFilter(
            start, end, venue_id=_venue_id(store, venue) if venue else None, kind=kind
        )
        span = f"{start:%Y-%m}" if start == end else f"{start:%Y-%m}_{end:%Y-%m}"
        target = output or Path(f"activity-{span}.pdf")
        saved = write_activity_pdf(
            store, context.catalogue(), filt, volunteer_id, target, lang, font=font
        )
    context.say(f"保存しました: {saved}", f"Saved: {saved}")


def _choose_format(fmt: str | None, output: Path | None) -> str:
    from dxhelper.reports import guess_format

    if fmt:
        return fmt.lower()
    if output is None:
        return "xlsx"
    guessed = guess_format(output)
    if guessed is None:
        raise DxError(
            f"ファイルの種類が分かりません（{output.name}）。--format csv|xlsx|pdf で指定するか、"
            "拡張子を .zip（CSV）・.xlsx・.pdf にしてください。",
            f"Cannot tell the format from {output.name}: give --format csv|xlsx|pdf or use a "
            ".zip (CSV), .xlsx or .pdf file name.",
        )
    return guessed


def _venue_id(store, text: str) -> str:
    """The venue named (or with the id) `text`. Rows that share a name and municipality are one
    place (each device made its own), so any of their ids will do."""
    from dxhelper.store import venue_ids_named

    wanted = text.strip()
    hits = venue_ids_named(store, wanted)
    places = {(name, town) for _id, name, town in hits}
    if len(places) == 1:
        return hits[0][0]
    if not hits:
        known = "、".join(sorted({v.name for v in store.list_venues()})) or "（なし）"
        known_en = ", ".join(sorted({v.name for v in store.list_venues()})) or "(none)"
        raise DxError(
            f"会場「{wanted}」が見つかりません。登録されている会場: {known}",
            f"No venue named '{wanted}'. Known venues: {known_en}",
        )
    listed = "、".join(f"{name}（{town}）" for name, town in sorted(places))
    raise DxError(
        f"「{wanted}」という会場が複数の市区町村にあります（{listed}）。IDで指定してください。",
        f"More than one venue is named '{wanted}' ({listed}): give the venue's id.",
    )


def _volunteer_id(store, text: str) -> str:
    from dxhelper.store import volunteer_ids_named

    wanted = text.strip()
    hits = volunteer_ids_named(store, wanted)
    if hits:
        return hits[0][0]  # rows with one display name are one person (see ReportFilter)
    known = "、".join(sorted({v.display_name for v in store.list_volunteers()})) or "（なし）"
    known_en = ", ".join(sorted({v.display_name for v in store.list_volunteers()})) or "(none)"
    raise DxError(
        f"推進委員「{wanted}」が見つかりません。登録されている推進委員: {known}",
        f"No volunteer named '{wanted}'. Known volunteers: {known_en}",
    )
