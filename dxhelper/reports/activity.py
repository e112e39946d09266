"""A volunteer's own activity record: one page they can hand to their municipality.

Sessions they worked at (in any role, as the report's volunteer filter counts them), by month:
how many, of which kind, in which role, hours and participants (延べ and distinct). The figures
come from one SQL query (dxhelper.store.activity_query); the page uses the report's PDF kit,
so fonts, table look and footer are the report's.

The Reports screen calls `write_activity_pdf` (off the GUI thread, like every export).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import dxhelper.reports.texts as texts
from dxhelper.core.lessons import Catalogue
from dxhelper.reports.model import ReportFilter, Table, hours
from dxhelper.store import Store, activity_query, report_scope, run_queries

_TEXTS: dict[str, tuple[str, str]] = {
    "title": ("デジタル推進委員 活動記録", "Digital promotion volunteer: activity record"),
    "name": ("氏名", "Name"),
    "table": ("月別の活動", "Activity by month"),
    "sessions": (
        "活動回数 {n}回（講師 {lead}回・アシスタント {assistant}回・受付 {reception}回）",
        "{n} sessions ({lead} as instructor, {assistant} as assistant, {reception} at reception)",
    ),
    "kinds": (
        "うち講習会 {classes}回・個別相談 {consultations}回・出張 {outreach}回",
        "of which {classes} classes, {consultations} one-to-one, {outreach} outreach",
    ),
    "hours": ("活動時間 {h}時間", "{h} hours"),
    "no_end": (
        "（終了時刻のない{n}回は含めず）",
        " (not counting {n} sessions without an end time)",
    ),
    "people": (
        "受講者 延べ {attendances}人・実人数 {residents}人",
        "{attendances} attendances, {residents} distinct residents",
    ),
    "note": (
        "記録した推進委員が担当したすべての回（講師・アシスタント・受付）を数えています。時間数は"
        "開始から終了までの合計です。人数だけ記録した受講者は延べ人数にだけ含まれ、実人数は名前を"
        "記録した住民の数です。",
        "Every session this volunteer worked at (instructor, assistant or reception). Hours are "
        "start to end. People counted without a name are in the attendances only; distinct "
        "residents are named residents.",
    ),
    "confirm": (
        "上記のとおり活動したことを報告します。",
        "I report the activity above.",
    ),
    # Blanks to fill in by hand (a paragraph collapses spaces, so the blanks are drawn).
    "sign": (
        "報告日 ＿＿＿＿年＿＿月＿＿日　　氏名 ＿＿＿＿＿＿＿＿＿＿",
        "Date ____________________    Signature ______________________________",
    ),
}

COLUMNS: tuple[tuple[str, str], ...] = (
    ("月", "Month"),
    ("活動回数", "Sessions"),
    ("講習会", "Classes"),
    ("個別相談", "One-to-one"),
    ("出張", "Outreach"),
    ("講師", "Instructor"),
    ("アシスタント", "Assistant"),
    ("受付", "Reception"),
    ("時間数", "Hours"),
    ("延べ受講者数", "Attendances"),
    ("実人数", "Residents (distinct)"),
)
KINDS = ("month", "int", "int", "int", "int", "int", "int", "int", "num", "int", "int")


def _text(key: str, lang: str) -> str:
    return texts.pick(_TEXTS[key], lang)


@dataclass(frozen=True)
class ActivityRecord:
    """One volunteer's figures for a period, ready to print."""

    lang: str
    title: str
    name: str
    lines: tuple[str, ...]  # municipality, period, created
    figures: dict[str, int | float]
    table: Table


def build_activity(
    store: Store, catalogue: Catalogue, filt: ReportFilter, volunteer_id: str, lang: str = "ja"
) -> ActivityRecord:
    """Count `volunteer_id`'s sessions in `filt`'s period (and venue and kind, if set).

    `catalogue` is not needed for the figures today; it is taken so the screen calls this the
    way it calls build_report (lessons may be listed here later)."""
    del catalogue
    lang = "en" if lang == "en" else "ja"
    name = store.get_volunteer(volunteer_id).display_name  # NotFoundError for a wrong id
    scope = report_scope(
        store,
        filt.first,
        filt.last,
        venue_id=filt.venue_id,
        volunteer_id=volunteer_id,
        kind=filt.kind.value if filt.kind else None,
    )
    rows = run_queries(store, {"activity": activity_query(scope)})["activity"]
    *months, total = rows
    keys = (
        "sessions",
        "classes",
        "consultations",
        "outreach",
        "lead",
        "assistant",
        "reception",
        "minutes",
        "no_end",
        "attendances",
        "named",
        "unnamed",
        "residents",
    )
    figures: dict[str, int | float] = dict(zip(keys, total[1:], strict=True))
    figures["hours"] = hours(int(figures["minutes"]))

    def shown(row: tuple, first: str) -> tuple:
        return (first, *row[1:8], hours(row[8]), row[10], row[13])

    total_label = texts.text("total", lang)
    table = Table(
        key="activity",
        title=_text("table", lang),
        columns=tuple(texts.pick(c, lang) for c in COLUMNS),
        kinds=KINDS,
        rows=(*(shown(row, row[0]) for row in months), shown(total, total_label)),
        note=_text("note", lang),
        totals=1,
    )
    lines = [texts.period_line(filt.first, filt.last, filt.months, lang)]
    municipality = store.installation.municipality or ""
    if municipality:
        lines.insert(0, texts.labelled("municipality", municipality, lang))
    created = store.now().astimezone().date()
    lines.append(texts.labelled("created", texts.date_text(created, lang), lang))
    title = _text("title", lang)
    return ActivityRecord(
        lang=lang,
        title=f"{municipality}　{title}" if municipality else title,
        name=name,
        lines=tuple(lines),
        figures=figures,
        table=table,
    )


def activity_pdf(record: ActivityRecord, *, font: str | None = None):
    """The record as a PDF (dxhelper.pdfkit's Pdf): A4 portrait, one page for up to about
    three years of months."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    from dxhelper.pdfkit.document import Footer, Part, render_pdf
    from dxhelper.pdfkit.fonts import find_font
    from dxhelper.pdfkit.result import Pdf
    from dxhelper.reports.pdf import FOOTER, FOOTER_SIZE, LAYOUT, Styles, table_flowables

    lang = record.lang
    choice = find_font(font, lang=lang)
    styles = Styles(choice, lang)
    f = record.figures
    summary = [
        _text("sessions", lang).format(
            n=f["sessions"], lead=f["lead"], assistant=f["assistant"], reception=f["reception"]
        ),
        _text("kinds", lang).format(
            classes=f["classes"], consultations=f["consultations"], outreach=f["outreach"]
        ),
        _text("hours", lang).format(h=f["hours"])
        + (_text("no_end", lang).format(n=f["no_end"]) if f["no_end"] else ""),
        _text("people", lang).format(attendances=f["attendances"], residents=f["residents"]),
    ]
    joiner = "　" if lang == "ja" else "  ·  "
    story = [
        Paragraph(escape(record.title), styles.title),
        Paragraph(escape(joiner.join(record.lines)), styles.line),
        Spacer(1, 3 * mm),
        Paragraph(escape(f"{_text('name', lang)}: {record.name}"), styles.heading),
        Spacer(1, 2 * mm),
        *(Paragraph(escape(line), styles.figure) for line in summary),
        Spacer(1, 2 * mm),
        *table_flowables(record.table, styles, LAYOUT.frame_width),
        Spacer(1, 10 * mm),
        Paragraph(escape(_text("confirm", lang)), styles.figure),
        Spacer(1, 6 * mm),
        Paragraph(escape(_text("sign", lang)), styles.figure),
    ]
    footer = Footer(f"{record.title} — {record.name}", lang, choice.family, FOOTER_SIZE)
    data = render_pdf(
        [Part(footer, story)], LAYOUT, FOOTER, title=record.title, lang=lang, subject=record.name
    )
    return Pdf(data, choice)


def write_activity_pdf(
    store: Store,
    catalogue: Catalogue,
    filt: ReportFilter,
    volunteer_id: str,
    path: Path,
    lang: str = "ja",
    *,
    font: str | None = None,
) -> Path:
    """Count and write `volunteer_id`'s activity record for `filt`'s period as a PDF at
    `path`, atomically; returns the path. DxError when it cannot be saved."""
    from dxhelper.reports.exports import write_atomic

    record = build_activity(store, catalogue, filt, volunteer_id, lang)
    return write_atomic(activity_pdf(record, font=font).data, Path(path))
