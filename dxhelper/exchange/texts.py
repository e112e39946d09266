"""Words for the summaries the screens and the CLI show, in Japanese and English."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

TABLE_LABELS: dict[str, tuple[str, str]] = {
    "volunteers": ("推進委員", "volunteers"),
    "venues": ("会場", "venues"),
    "residents": ("住民", "residents"),
    "sessions": ("セッション", "sessions"),
    "session_volunteers": ("セッションの推進委員", "session volunteers"),
    "attendance": ("出席", "attendance"),
    "session_lessons": ("セッションの講座", "session lessons"),
    "progress": ("進み具合", "progress"),
    "handover": ("終了時の確認", "handover checks"),
    "series": ("教室のシリーズ", "class series"),
    "plans": ("予定のセッション", "planned sessions"),
    "signups": ("申し込み", "sign-ups"),
    "outcomes": ("手続きの結果", "outcomes"),
    "resident_phones": ("電話番号", "phone numbers"),
    "tombstones": ("消去の記録", "erasures"),
    "removals": ("取り消しの記録", "removals"),
}


def table_label(table: str, lang: str) -> str:
    ja, en = TABLE_LABELS.get(table, (table, table))
    return en if lang == "en" else ja


def names(items: Sequence[str], lang: str, *, most: int = 3, unit_ja: str = "件") -> str:
    """ "A, B and 2 more" / "A、B ほか2件": short enough for one line of a preview."""
    shown = list(items[:most])
    rest = len(items) - len(shown)
    if lang == "en":
        text = ", ".join(shown)
        return f"{text} and {rest} more" if rest else text
    text = "、".join(shown)
    return f"{text} ほか{rest}{unit_ja}" if rest else text


def local_time(stamp: str) -> str:
    """A stored UTC stamp as the user's local date and time, to the minute."""
    moment = dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")
