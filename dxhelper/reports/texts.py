"""The report's words in Japanese and English: titles, column heads, summary lines."""

from __future__ import annotations

import datetime as dt

_TEXTS: dict[str, tuple[str, str]] = {
    "title": ("デジタル推進委員 活動集計", "Digital promotion volunteers: activity report"),
    "period": ("期間", "Period"),
    "venue": ("会場", "Venue"),
    "volunteer": ("推進委員", "Volunteer"),
    "kind": ("種類", "Kind"),
    "municipality": ("市区町村", "Municipality"),
    "all": ("すべて", "all"),
    "created": ("作成日", "Created"),
    "total": ("合計", "Total"),
    "no_lesson": ("講座の記録なし", "No lesson recorded"),
    "no_topic": ("記録なし", "Not recorded"),
    "chart_title": (
        "月別の延べ受講者数（講座の分類別）",
        "Attendances per month by lesson category",
    ),
    "chart_note": (
        "分類別の表と同じ数え方です。1回で複数の分類の講座を行った回の受講者は、それぞれの分類に"
        "数えるため、棒の高さはその月の延べ受講者数より大きくなることがあります。",
        "Counted as in the category table: the attendances of a session with lessons of "
        "several categories count under each, so a bar can be taller than the month's total.",
    ),
    "no_data": ("この期間の記録はありません。", "No records in this period."),
    "about_sheet": ("条件", "Conditions"),
    "needs_help_more": ("（上位{n}件）", " (top {n})"),
    "staffing_short": (
        "{learners}人に講師・アシスタント{helpers}人（目安{needed}人）",
        "{learners} learners, {helpers} helpers (guideline {needed})",
    ),
    "staffing_no_lead": ("講師なし", "no instructor"),
    "staffing_pdf": ("{have}人（目安{need}人）", "{have} of {need}"),
    "hours_unit": ("時間", "h"),
}

TABLE_TITLES: dict[str, tuple[str, str]] = {
    "summary": ("概要", "Summary"),
    "sessions": ("開催一覧", "Sessions held"),
    "by_volunteer": ("推進委員別", "By volunteer"),
    "by_month": ("月別・種類別", "By month and kind"),
    "by_month_age": ("月別・年代別", "By month and age band"),
    "by_age_band": ("年代別", "By age band"),
    "by_course": ("講座の種類別", "By course type"),
    "by_course_category": ("講座の種類・分類別", "By course type and category"),
    "by_lesson": ("講座別", "By lesson"),
    "by_venue": ("会場別", "By venue"),
    "needs_help": ("手伝いが必要だった手順", "Steps where residents needed help"),
    "topics": ("個別相談の内容", "One-to-one help: topics"),
    "outcomes": ("手続きの結果", "Procedures: done or not yet"),
}

_HOURS = ("時間数", "Hours")
_SESSIONS = ("開催回数", "Sessions")
_ATTENDANCES = ("延べ受講者数", "Attendances")
_NAMED = ("うち名前あり", "Named")
_UNNAMED = ("うち人数のみ", "Counted only")
_RESIDENTS = ("実人数", "Residents (distinct)")
_KINDS3 = (("講習会", "Classes"), ("個別相談", "One-to-one"), ("出張", "Outreach"))

COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "summary": (("項目", "Item"), ("数", "Count")),
    "sessions": (
        ("開催日", "Date"),
        ("時間", "Time"),
        _HOURS,
        ("会場", "Venue"),
        ("種類", "Kind"),
        ("講座の種類", "Course type"),
        ("講座", "Lessons"),
        ("推進委員（役割）", "Volunteers (role)"),
        ("講師", "Instructors"),
        ("アシスタント", "Assistants"),
        ("受付", "Reception"),
        ("名前あり", "Named"),
        ("人数のみ", "Counted only"),
        ("受講者計", "Learners"),
        ("1:4の目安", "1:4 guideline"),
    ),
    "by_volunteer": (
        ("推進委員", "Volunteer"),
        ("活動回数", "Sessions"),
        ("講師", "As instructor"),
        ("アシスタント", "As assistant"),
        ("受付", "At reception"),
        _HOURS,
        _ATTENDANCES,
        _NAMED,
        _UNNAMED,
        _RESIDENTS,
    ),
    "by_month": (
        ("月", "Month"),
        _SESSIONS,
        *_KINDS3,
        _HOURS,
        _ATTENDANCES,
        _NAMED,
        _UNNAMED,
        _RESIDENTS,
        ("完了した手順", "Steps done"),
    ),
    # the age band columns are the AgeBand labels, added by build.py
    "by_month_age": (("月", "Month"),),
    "by_age_band": (
        ("年代", "Age band"),
        _ATTENDANCES,
        _NAMED,
        _UNNAMED,
        _RESIDENTS,
    ),
    "by_course": (
        ("講座の種類", "Course type"),
        _SESSIONS,
        *_KINDS3,
        _HOURS,
        _ATTENDANCES,
        _NAMED,
        _UNNAMED,
        _RESIDENTS,
    ),
    "by_course_category": (
        ("講座の種類", "Course type"),
        ("分類", "Category"),
        _SESSIONS,
        _HOURS,
        _ATTENDANCES,
        _NAMED,
        _UNNAMED,
        _RESIDENTS,
    ),
    "by_lesson": (
        ("講座", "Lesson"),
        ("講座の種類", "Course type"),
        ("分類", "Category"),
        _SESSIONS,
        _ATTENDANCES,
        ("完了した手順", "Steps done"),
        ("手伝いが必要", "Needs help"),
    ),
    "by_venue": (
        ("会場", "Venue"),
        ("市区町村", "Municipality"),
        _SESSIONS,
        _HOURS,
        _ATTENDANCES,
        _NAMED,
        _UNNAMED,
        _RESIDENTS,
        ("最初の開催日", "First session"),
        ("最後の開催日", "Last session"),
    ),
    "needs_help": (
        ("講座", "Lesson"),
        ("手順", "Step"),
        ("手伝いが必要な住民", "Residents needing help"),
    ),
    "outcomes": (
        ("講座", "Lesson"),
        ("完了", "Done"),
        ("まだ", "Not yet"),
        *(
            (f"まだ: {ja}", f"Not yet: {en}")
            for ja, en in (
                ("暗証番号を忘れた", "forgot the PIN"),
                ("カードが届いていない", "card not arrived"),
                ("スマホが対応していない", "phone not supported"),
                ("書類が足りない", "documents missing"),
                ("本人の希望で中止", "stopped at their wish"),
                ("その他", "other"),
                ("理由なし", "no reason given"),
            )
        ),
    ),
    "topics": (
        ("相談の内容", "Topic"),
        ("相談件数", "Sessions"),
        ("延べ相談者数", "Attendances"),
        _NAMED,
        _UNNAMED,
        _RESIDENTS,
        ("「その他」の内容", "'Other' in their words"),
    ),
}

KINDS: dict[str, tuple[str, ...]] = {
    "summary": ("text", "num"),
    "sessions": (
        "date",
        "text",
        "num",
        "text",
        "text",
        "text",
        "text",
        "text",
        "int",
        "int",
        "int",
        "int",
        "int",
        "int",
        "text",
    ),
    "by_volunteer": ("text", "int", "int", "int", "int", "num", "int", "int", "int", "int"),
    "by_month": ("month", "int", "int", "int", "int", "num", "int", "int", "int", "int", "int"),
    "by_month_age": ("month",),
    "by_age_band": ("text", "int", "int", "int", "int"),
    "by_course": ("text", "int", "int", "int", "int", "num", "int", "int", "int", "int"),
    "by_course_category": ("text", "text", "int", "num", "int", "int", "int", "int"),
    "by_lesson": ("text", "text", "text", "int", "int", "int", "int"),
    "by_venue": ("text", "text", "int", "num", "int", "int", "int", "int", "date", "date"),
    "needs_help": ("text", "text", "int"),
    "topics": ("text", "int", "int", "int", "int", "int", "text"),
    "outcomes": ("text", *("int",) * 9),
}

# Notes shown under a table (screen, PDF) and under it in its XLSX sheet.
NOTES: dict[str, tuple[str, str]] = {
    "summary": (
        "時間数（コマ）は終了時刻のある回の「終了−開始」の合計です。"
        "人数だけ記録した受講者は回ごとに数えるため延べ人数にだけ含まれ、実人数は名前を記録した"
        "住民の数です。",
        "Hours are the sum of end − start of the sessions with an end time. People counted "
        "without a name are counted per session, so they are in the attendances only; "
        "distinct residents are named residents.",
    ),
    "no_end": (
        "終了時刻のない回が{n}回あり、時間数に含めていません。",
        "{n} sessions have no end time and are not counted in the hours.",
    ),
    "sessions": (
        "講習会で受講者4人に講師・アシスタント1人の目安を満たさない回に「1:4の目安」を示します"
        "（{n}回）。講座の種類は行った講座によります。",
        "The 1:4 column marks classes with more than four learners per instructor or "
        "assistant ({n} sessions). The course type follows the lessons held.",
    ),
    "by_volunteer": (
        "合計の行の活動回数・役割・時間数は推進委員ごとの延べ（2人で担当した回は2回）、"
        "受講者数と実人数は回の重複を除いた数です。",
        "In the total row, sessions, roles and hours add up each volunteer's (a session two "
        "volunteers worked counts twice); attendances and residents count each session once.",
    ),
    "by_month": (
        "合計の行の実人数は期間を通じた実人数です（月ごとの実人数の和ではありません）。",
        "The total row's residents are distinct over the whole period (not the sum of months).",
    ),
    "by_month_age": (
        "延べ人数です（名前ありは住民の年代、人数のみは記録した年代）。",
        "Attendances (named residents by their age band, unnamed by the band recorded).",
    ),
    "by_course": (
        "1回で基本講座と応用講座の両方を行った回は両方に数えるため、行の和は合計より大きく"
        "なることがあります。合計は重複を除いた数です。",
        "A session with both basic and applied lessons counts under each, so the rows can add "
        "up to more than the total; the total counts each session once.",
    ),
    "by_course_category": (
        "1回の講座を行った各分類に数えるため、分類の行の和は合計より大きくなることがあります。"
        "合計は重複を除いた数です。",
        "A session counts under each category among its lessons, so the rows can add up to "
        "more than the total; the total counts each session once.",
    ),
    "by_lesson": (
        "1回で複数の講座を行った回はそれぞれの講座に数えます（合計は講座ごとの延べ）。",
        "A session with several lessons counts under each (the total adds up the lessons).",
    ),
    "outcomes": (
        "期間中に記録した手続きの結果を、住民1人・講座1つにつき1件として数えます（名前は載せません）。"
        "会場・推進委員・種類を選ぶと、その回に来た住民の分だけを数えます。",
        "Each resident's latest outcome per lesson recorded in the period, counted once (no "
        "names). With a venue, volunteer or kind chosen, only residents who came to such a "
        "session.",
    ),
    "topics": (
        "個別相談だけを数えます。合計の実人数は重複を除いた数です。",
        "One-to-one sessions only. The total's residents count each person once.",
    ),
}

# The summary's lines, in the order of the summary query's columns.
SUMMARY_KEYS = (
    "sessions",
    "classes",
    "consultations",
    "outreach",
    "basic",
    "applied",
    "no_lesson",
    "hours",
    "no_end",
    "attendances",
    "named",
    "unnamed",
    "residents",
    "new_residents",
    "volunteers",
    "understaffed",
    "steps_done",
    "needs_help",
)
SUMMARY_LABELS: dict[str, tuple[str, str]] = {
    "sessions": ("開催回数", "Sessions"),
    "classes": ("うち講習会", "of which classes"),
    "consultations": ("うち個別相談", "of which one-to-one"),
    "outreach": ("うち出張", "of which outreach"),
    "basic": ("基本講座を行った回", "Sessions with basic-course lessons"),
    "applied": ("応用講座を行った回", "Sessions with applied-course lessons"),
    "no_lesson": ("講座の記録のない回", "Sessions with no lesson recorded"),
    "hours": ("時間数（コマ）", "Hours"),
    "no_end": ("終了時刻のない回（時間数に含めず）", "Sessions without an end time (no hours)"),
    "attendances": ("延べ受講者数", "Attendances"),
    "named": ("うち名前を記録した受講者", "of which named residents"),
    "unnamed": ("うち人数だけ記録した受講者（延べのみ）", "of which counted without a name"),
    "residents": ("受講者の実人数（名前あり）", "Named residents who came (distinct)"),
    "new_residents": ("新たに記録した住民", "New residents (consented in the period)"),
    "volunteers": ("活動した推進委員（実人数）", "Volunteers who worked (distinct)"),
    "understaffed": (
        "1:4の目安を満たさない講習会",
        "Classes over four learners per helper",
    ),
    "steps_done": ("完了した手順", "Steps completed"),
    "needs_help": ("「手伝いが必要」の手順", "Steps marked 'needs help'"),
}


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def text(key: str, lang: str) -> str:
    return pick(_TEXTS[key], lang)


_EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def month_name(day: dt.date, lang: str) -> str:
    if lang == "en":
        return f"{_EN_MONTHS[day.month - 1]} {day.year}"
    return f"{day.year}年{day.month}月"


def date_text(day: dt.date, lang: str) -> str:
    if lang == "en":
        return f"{day.day} {_EN_MONTHS[day.month - 1]} {day.year}"
    return f"{day.year}年{day.month}月{day.day}日"


def period_line(first: dt.date, last: dt.date, months: int, lang: str) -> str:
    if lang == "en":
        span = (
            f"{month_name(first, lang)} – {month_name(last, lang)}"
            if months > 1
            else (month_name(first, lang))
        )
        unit = "month" if months == 1 else "months"
        return f"{text('period', lang)}: {span} ({months} {unit})"
    span = (
        f"{month_name(first, lang)}〜{month_name(last, lang)}"
        if months > 1
        else (month_name(first, lang))
    )
    return f"{text('period', lang)}: {span}（{months}か月）"


def labelled(key: str, value: str, lang: str) -> str:
    return f"{text(key, lang)}: {value}"
