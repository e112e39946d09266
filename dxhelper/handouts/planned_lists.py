"""Printables for planned sessions (issue 18): the door list (受付名簿) with the signed-up
residents, their readings and a box to tick as each arrives, blank rows for walk-ins; and the
reminder call list (name, phone, session, 「電話した / 出ない / 取り消し」), only residents who
consented to a phone number being kept. A4, no Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table, TableStyle

from dxhelper.core.planning import SignupStatus
from dxhelper.handouts.blocks import Para, plain
from dxhelper.handouts.guide import HandoutOptions
from dxhelper.handouts.signin_sheet import ConsentBox
from dxhelper.handouts.styles import ACCENT, BOX_FILL, FOOTER, MUTED, Styles, layout_for
from dxhelper.handouts.texts import long_date
from dxhelper.pdfkit.document import Footer, Part, layout_pdf
from dxhelper.pdfkit.result import Pdf

if TYPE_CHECKING:
    from dxhelper.store import Store

WALK_IN_ROWS = 6
ROW = 13 * mm  # room for a reading over a name
MAX_ROWS = 500

_WORDS = {
    "ja": {
        "door_title": "受付名簿",
        "door_subject": "受付名簿（予約した方）",
        "door_footer": "受付名簿・個人の情報です。終わったら推進委員が保管・処分します",
        "number": "番号",
        "who": "ふりがな／お名前",
        "came": "来た",
        "came_head": "受付",
        "waiting": "キャンセル待ち {n}番",
        "walk_ins": "当日参加の方（名前を記録してよい方のみ）",
        "call_title": "連絡用の電話リスト",
        "call_subject": "電話リスト（電話番号の記録に同意した方のみ）",
        "call_footer": "電話リスト・個人の情報です。電話が済んだら推進委員が処分します",
        "call_explain": "電話番号の記録に同意した方だけが載っています。"
        "同意していない方には、会場で次回の案内をお渡しください。",
        "phone": "電話番号",
        "about": "用件",
        "called": "電話した",
        "no_answer": "出ない",
        "withdrawn": "取り消し",
        "result": "結果",
        "none": "電話番号を記録している方はいません。",
        "when": "{date} {start}〜{end}",
    },
    "en": {
        "door_title": "Door list",
        "door_subject": "Door list (residents signed up)",
        "door_footer": "Door list · personal information: kept and disposed of by the volunteer",
        "number": "No.",
        "who": "Reading / name",
        "came": "Came",
        "came_head": "Arrived",
        "waiting": "Waiting list {n}",
        "walk_ins": "Walk-ins (only those who agree to be recorded by name)",
        "call_title": "Call list",
        "call_subject": "Call list (only residents who agreed to their phone number being kept)",
        "call_footer": "Call list · personal information: destroyed once the calls are made",
        "call_explain": "Only residents who agreed to their phone number being kept are listed. "
        "Give the others the next session's notice at the venue.",
        "phone": "Phone",
        "about": "About",
        "called": "Called",
        "no_answer": "No answer",
        "withdrawn": "Cancelled",
        "result": "Result",
        "none": "No resident on this list has a phone number kept.",
        "when": "{date} {start}–{end}",
    },
}


def word(lang: str, key: str, **values: object) -> str:
    return _WORDS["en" if lang == "en" else "ja"][key].format(**values)


@dataclass(frozen=True)
class DoorRow:
    name: str
    kana: str
    waiting: int = 0  # position on the waiting list (0: booked)


@dataclass(frozen=True)
class DoorList:
    title: str
    when: str
    venue: str
    rows: tuple[DoorRow, ...] = ()


@dataclass(frozen=True)
class CallRow:
    name: str
    kana: str
    phone: str
    about: str


@dataclass(frozen=True)
class CallList:
    title: str
    rows: tuple[CallRow, ...] = field(default=())


# -- from the records --------------------------------------------------------------------------


def plan_heading(store: Store, plan_id: str, lang: str) -> tuple[str, str, str]:
    plan = store.planning.get_plan(plan_id)
    venue = next((v.name for v in store.list_venues() if v.id == plan.venue_id), "")
    when = word(
        lang,
        "when",
        date=long_date(plan.date, lang, weekday=True),
        start=plan.start_time,
        end=plan.end_time,
    )
    return plan.title or plan.kind.label(lang), when, venue


def plan_door_list(store: Store, plan_id: str, lang: str) -> DoorList:
    """The booked residents in the order they signed up, then the waiting list."""
    title, when, venue = plan_heading(store, plan_id, lang)
    rows = tuple(
        DoorRow(s.display_name, s.kana, s.position)
        for s in store.planning.signups(plan_id)
        if s.status is not SignupStatus.CANCELLED
    )
    return DoorList(title, when, venue, rows)


def plan_call_list(store: Store, plan_id: str, lang: str) -> CallList:
    """Who to remind of a planned session: only residents with a consented phone number."""
    title, when, venue = plan_heading(store, plan_id, lang)
    about = f"{title}\n{when} {venue}".strip()
    rows = tuple(
        CallRow(s.display_name, s.kana, phone, about)
        for s, phone in store.planning.call_list(plan_id)
    )
    return CallList(f"{title}  {when}", rows)


# -- the PDFs ---------------------------------------------------------------------------------


def door_list_pdf(
    door: DoorList,
    lang: str = "ja",
    options: HandoutOptions | None = None,
    walk_ins: int = WALK_IN_ROWS,
) -> Pdf:
    options = options or HandoutOptions()
    font = options.font_choice(lang)
    styles = Styles(font, lang, options.large)
    layout = layout_for("A4")
    width = layout.frame_width
    story: list[Flowable] = [
        Para(plain(f"{word(lang, 'door_title')}  {door.title}"), styles.title),
        Para(plain(f"{door.when}  {door.venue}".strip()), styles.bold),
    ]
    rows = list(door.rows[:MAX_ROWS])
    story.append(_door_table(styles, width, rows, 0))
    heading = Para(plain(word(lang, "walk_ins")), styles.bold)
    heading.spaceBefore = 4 * mm  # type: ignore[attr-defined]
    story.append(heading)
    story.append(_door_table(styles, width, [None] * walk_ins, len(rows)))
    footer = Footer(word(lang, "door_footer"), lang, styles.footer_font, styles.footer_size)
    done = layout_pdf(
        [Part(footer, story)],
        layout,
        FOOTER,
        title=word(lang, "door_title"),
        lang=lang,
        subject=word(lang, "door_subject"),
    )
    return Pdf(done.data, font, done.pages)


def _door_table(styles: Styles, width: float, rows: Sequence[DoorRow | None], first: int) -> Table:
    lang = styles.lang
    size = styles.sizes.body
    number_width = max(14 * mm, stringWidth(word(lang, "number"), styles.font.bold, size) + 5 * mm)
    box_width = (
        max(
            stringWidth(word(lang, "came_head"), styles.font.bold, size),
            stringWidth(word(lang, "came"), styles.font.family, size) + size * 2.2,
        )
        + 6 * mm
    )
    who_width = width - number_width - box_width
    centred = styles.style("door_centred", size, bold=True, alignment=1)
    number = styles.style("door_number", styles.sizes.step, bold=True, alignment=1)
    name = styles.style("door_name", styles.sizes.step, bold=True)
    data: list[list[object]] = [
        [
            Para(plain(word(lang, "number")), centred),
            Para(plain(word(lang, "who")), styles.bold),
            Para(plain(word(lang, "came_head")), centred),
        ]
    ]
    heights: list[float | None] = [None]
    for index, row in enumerate(rows, start=first + 1):
        if row is None:
            who: object = ""
        else:
            lines = [Para(plain(row.kana), styles.subtitle)] if row.kana else []
            lines.append(Para(plain(row.name), name))
            if row.waiting:
                lines.append(Para(plain(word(lang, "waiting", n=row.waiting)), styles.subtitle))
            who = lines
        data.append([Para(str(index), number), who, ConsentBox(word(lang, "came"), styles)])
        heights.append(None if row is not None else ROW)
    table = Table(
        data, colWidths=[number_width, who_width, box_width], rowHeights=heights, repeatRows=1
    )
    table.setStyle(_ruled(last_ruled_column=1, padding=1 * mm))
    return table


def _ruled(*, last_ruled_column: int, padding: float) -> TableStyle:
    """Both lists' look: a shaded heading row, a frame, a rule under every row and between
    the columns up to `last_ruled_column` (the tick boxes carry their own)."""
    return TableStyle(
        [
            ("BACKGROUND", (0, 0), (-1, 0), BOX_FILL),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BOX", (0, 0), (-1, -1), 1.2, ACCENT),
            ("LINEBELOW", (0, 0), (-1, 0), 1.2, ACCENT),
            ("LINEBELOW", (0, 1), (-1, -1), 0.9, MUTED),
            ("LINEAFTER", (0, 0), (last_ruled_column, -1), 0.6, MUTED),
            ("LEFTPADDING", (0, 0), (-1, -1), 2 * mm),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), padding),
            ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
        ]
    )


def call_list_pdf(calls: CallList, lang: str = "ja", options: HandoutOptions | None = None) -> Pdf:
    options = options or HandoutOptions()
    font = options.font_choice(lang)
    styles = Styles(font, lang, options.large)
    layout = layout_for("A4")
    width = layout.frame_width
    story: list[Flowable] = [
        Para(plain(word(lang, "call_title")), styles.title),
        Para(plain(calls.title), styles.bold),
        Para(plain(word(lang, "call_explain")), styles.subtitle),
    ]
    if not calls.rows:
        story.append(Para(plain(word(lang, "none")), styles.body))
    else:
        story.append(_call_table(styles, width, calls.rows))
    footer = Footer(word(lang, "call_footer"), lang, styles.footer_font, styles.footer_size)
    done = layout_pdf(
        [Part(footer, story)],
        layout,
        FOOTER,
        title=word(lang, "call_title"),
        lang=lang,
        subject=word(lang, "call_subject"),
    )
    return Pdf(done.data, font, done.pages)


def _call_table(styles: Styles, width: float, rows: Sequence[CallRow]) -> Table:
    lang = styles.lang
    size = styles.sizes.body
    boxes = [word(lang, key) for key in ("called", "no_answer", "withdrawn")]
    box_width = max(stringWidth(b, styles.font.family, size) for b in boxes) + size * 2.4 + 6 * mm
    phone_width = stringWidth("000-0000-0000", styles.font.bold, styles.sizes.step) + 5 * mm
    rest = width - phone_width - box_width
    who_width, about_width = rest * 0.5, rest * 0.5
    name = styles.style("call_name", styles.sizes.step, bold=True)
    phone = styles.style("call_phone", styles.sizes.step, bold=True)
    data: list[list[object]] = [
        [
            Para(plain(word(lang, "who")), styles.bold),
            Para(plain(word(lang, "phone")), styles.bold),
            Para(plain(word(lang, "about")), styles.bold),
            Para(plain(word(lang, "result")), styles.bold),
        ]
    ]
    for row in rows:
        who = [Para(plain(row.kana), styles.subtitle)] if row.kana else []
        who.append(Para(plain(row.name), name))
        data.append(
            [
                who,
                Para(plain(row.phone), phone),
                Para(plain(row.about), styles.body),
                [ConsentBox(b, styles) for b in boxes],
            ]
        )
    table = Table(data, colWidths=[who_width, phone_width, about_width, box_width], repeatRows=1)
    table.setStyle(_ruled(last_ruled_column=2, padding=1.5 * mm))
    return table
