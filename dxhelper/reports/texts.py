"""The report's words in Japanese and English: titles, column heads, summary lines."""

from __future__ import annotations

import datetime as dt

_TEXTS: dict[str, tuple[str, str]] = {
    "title": ("デジタル推進委員 活動集計", "Digital promotion volunteers: activity report"),
    "period": ("期間", "Period"),
    "venue": ("会場", "Venue"),
    "volunteer": ("推進委員", "Volunteer"),
    "kind": ("種類", "Kind"),
    "all": ("すべて", "all"),
    "created": ("作成日", "Created"),
    "no_lesson": ("講座の記録なし", "No lesson recorded"),
    "chart_title": (
        "月別の参加のべ人数（講座の分類別）",
        "Attendances per month by lesson category",
    ),
    "chart_note": (
        "各セッションの参加者は、そのセッションの最初の講座の分類で数えています"
        "（棒の高さは月の参加のべ人数の合計）。",
        "Each session's attendances are counted under the category of its first lesson "
        "(each bar is the month's total).",
    ),
    "no_data": ("この期間の記録はありません。", "No records in this period."),
    "about_sheet": ("条件", "Conditions"),
    "needs_help_more": ("（上位{n}件）", " (top {n})"),
}

TABLE_TITLES: dict[str, tuple[str, str]] = {
    "summary": ("概要", "Summary"),
    "by_month": ("月別", "By month"),
    "by_age_band": ("年代別", "By age band"),
    "by_category": ("講座の分類別", "By lesson category"),
    "by_lesson": ("講座別", "By lesson"),
    "by_venue": ("会場別", "By venue"),
    "needs_help": ("手伝いが必要だった手順", "Steps where residents needed help"),
}

COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "summary": (("項目", "Item"), ("数", "Count")),
    "by_month": (
        ("月", "Month"),
        ("セッション数", "Sessions"),
        ("参加のべ人数", "Attendances"),
        ("うち名前あり", "Named"),
        ("うち人数のみ", "Unnamed"),
        ("住民の実人数", "Residents"),
        ("完了した手順", "Steps done"),
    ),
    "by_age_band": (
        ("年代", "Age band"),
        ("参加のべ人数", "Attendances"),
        ("うち名前あり", "Named"),
        ("うち人数のみ", "Unnamed"),
        ("住民の実人数", "Residents"),
    ),
    "by_category": (
        ("分類", "Category"),
        ("セッション数", "Sessions"),
        ("参加のべ人数", "Attendances"),
        ("完了した手順", "Steps done"),
    ),
    "by_lesson": (
        ("講座", "Lesson"),
        ("分類", "Category"),
        ("セッション数", "Sessions"),
        ("参加のべ人数", "Attendances"),
        ("完了した手順", "Steps done"),
        ("手伝いが必要", "Needs help"),
    ),
    "by_venue": (
        ("会場", "Venue"),
        ("市区町村", "Municipality"),
        ("セッション数", "Sessions"),
        ("参加のべ人数", "Attendances"),
        ("住民の実人数", "Residents"),
        ("最初の開催日", "First session"),
        ("最後の開催日", "Last session"),
    ),
    "needs_help": (
        ("講座", "Lesson"),
        ("手順", "Step"),
        ("手伝いが必要な住民", "Residents needing help"),
    ),
}

KINDS: dict[str, tuple[str, ...]] = {
    "summary": ("text", "int"),
    "by_month": ("month", "int", "int", "int", "int", "int", "int"),
    "by_age_band": ("text", "int", "int", "int", "int"),
    "by_category": ("text", "int", "int", "int"),
    "by_lesson": ("text", "text", "int", "int", "int", "int"),
    "by_venue": ("text", "text", "int", "int", "int", "date", "date"),
    "needs_help": ("text", "text", "int"),
}

# The summary's lines, in the order of the summary query's columns.
SUMMARY_KEYS = (
    "sessions",
    "classes",
    "consultations",
    "outreach",
    "attendances",
    "named",
    "unnamed",
    "residents",
    "new_residents",
    "steps_done",
    "needs_help",
)
SUMMARY_LABELS: dict[str, tuple[str, str]] = {
    "sessions": ("セッション数", "Sessions"),
    "classes": ("うち講習会", "of which classes"),
    "consultations": ("うち個別相談", "of which one-to-one"),
    "outreach": ("うち出張", "of which outreach"),
    "attendances": ("参加のべ人数", "Attendances"),
    "named": ("うち名前を記録した参加", "of which named residents"),
    "unnamed": ("うち人数だけ記録した参加", "of which counted without a name"),
    "residents": ("参加した住民の実人数（名前あり）", "Named residents who came (distinct)"),
    "new_residents": ("新たに記録した住民", "New residents (consented in the period)"),
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
