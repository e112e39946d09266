"""Between sessions (issue 18): planned sessions and series, sign-ups and waiting lists, and
what became of each resident's procedure (an outcome, with a reason when it is not done yet).

Plain data and the date rules; the store keeps them (dxhelper/store/planning.py).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from dxhelper.core.errors import ValidationError
from dxhelper.core.models import SessionKind
from dxhelper.core.privacy import check_free_text

MAX_CAPACITY = 500
MAX_TITLE = 40  # a short public title: 「はじめてのスマホ教室」
MAX_OCCURRENCES = 120  # ten years of a monthly class, two of a weekly one


class Every(StrEnum):
    """How often a series meets."""

    WEEK = "week"
    TWO_WEEKS = "2weeks"
    MONTH = "month"  # the same weekday of the month: 第2火曜日

    def label(self, lang: str = "ja") -> str:
        return _EVERY_LABELS[self][1 if lang == "en" else 0]


_EVERY_LABELS = {
    Every.WEEK: ("毎週", "every week"),
    Every.TWO_WEEKS: ("隔週", "every other week"),
    Every.MONTH: ("毎月（同じ週の同じ曜日）", "every month (same week and weekday)"),
}


class PlanStatus(StrEnum):
    PLANNED = "planned"
    CANCELLED = "cancelled"  # a holiday, the venue closed: the date stays, marked


class SignupStatus(StrEnum):
    BOOKED = "booked"
    WAITING = "waiting"  # over capacity, in the order they asked
    CANCELLED = "cancelled"


class Attended(StrEnum):
    UNKNOWN = ""  # the session has not been held yet
    YES = "yes"
    NO = "no"  # signed up, did not come: kept on the list, counted in follow-up


class OutcomeState(StrEnum):
    COMPLETED = "completed"  # the procedure is done (card collected, registration done…)
    NOT_YET = "not_yet"


class OutcomeReason(StrEnum):
    """Why a procedure is not done yet: a fixed list, so follow-up can group and reports count."""

    NONE = ""
    FORGOT_PIN = "forgot_pin"
    CARD_NOT_ARRIVED = "card_not_arrived"
    PHONE_UNSUPPORTED = "phone_unsupported"
    MISSING_DOCUMENTS = "missing_documents"
    RESIDENT_STOPPED = "resident_stopped"
    OTHER = "other"

    def label(self, lang: str = "ja") -> str:
        return _REASON_LABELS[self][1 if lang == "en" else 0]


_REASON_LABELS = {
    OutcomeReason.NONE: ("理由なし", "no reason given"),
    OutcomeReason.FORGOT_PIN: ("暗証番号を忘れた", "forgot the PIN"),
    OutcomeReason.CARD_NOT_ARRIVED: ("カードがまだ届いていない", "the card has not arrived"),
    OutcomeReason.PHONE_UNSUPPORTED: ("スマホが対応していない", "the phone is not supported"),
    OutcomeReason.MISSING_DOCUMENTS: ("書類が足りない", "documents missing"),
    OutcomeReason.RESIDENT_STOPPED: ("本人の希望で中止", "stopped at the resident's wish"),
    OutcomeReason.OTHER: ("その他", "other"),
}


@dataclass(frozen=True, slots=True)
class Series:
    id: str
    title: str
    kind: SessionKind
    venue_id: str
    start_time: str
    end_time: str
    capacity: int
    every: Every
    first_date: dt.date
    until: dt.date
    lesson_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Plan:
    """A session planned ahead (one date of a series, or on its own)."""

    id: str
    date: dt.date
    start_time: str
    end_time: str
    venue_id: str
    kind: SessionKind
    title: str
    capacity: int
    lesson_ids: tuple[str, ...] = ()
    series_id: str | None = None
    status: PlanStatus = PlanStatus.PLANNED
    session_id: str | None = None  # the session it became once started
    booked: int = 0
    waiting: int = 0


@dataclass(frozen=True, slots=True)
class Signup:
    id: str
    plan_id: str
    resident_id: str
    status: SignupStatus
    attended: Attended = Attended.UNKNOWN
    display_name: str = ""
    kana: str = ""
    position: int = 0  # 1, 2, … on the waiting list (0 when booked or cancelled)


@dataclass(frozen=True, slots=True)
class SignupResult:
    """What a sign-up or a cancellation did: who is now booked or waiting, and who moved up
    from the waiting list (to be called)."""

    signup: Signup | None
    moved_up: tuple[Signup, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Outcome:
    resident_id: str
    lesson_id: str
    state: OutcomeState
    reason: OutcomeReason = OutcomeReason.NONE
    reason_note: str = ""
    updated_at: str = ""


def nth_weekday(day: dt.date) -> int:
    """Which of its weekday the day is in its month: 1 for the first Tuesday, 2 for the second."""
    return (day.day - 1) // 7 + 1


def series_dates(
    first: dt.date, until: dt.date, every: Every | str, skip: Iterable[dt.date] = ()
) -> list[dt.date]:
    """The dates of a series from `first` to `until` (both included), without `skip`.

    Weekly and every other week step by 7 and 14 days. Monthly keeps the week and the weekday
    (the 2nd Tuesday of each month); a month without it (a 5th Tuesday) is left out."""
    every = Every(every)
    skipped = set(skip)
    dates: list[dt.date] = []
    if every is Every.MONTH:
        nth, weekday = nth_weekday(first), first.weekday()
        year, month = first.year, first.month
        while True:
            day = _nth_weekday_of(year, month, weekday, nth)
            if day is not None and day > until:
                break
            if day is not None and day >= first and day not in skipped:
                dates.append(day)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            if dt.date(year, month, 1) > until or len(dates) >= MAX_OCCURRENCES:
                break
    else:
        step = dt.timedelta(days=7 if every is Every.WEEK else 14)
        day = first
        while day <= until and len(dates) < MAX_OCCURRENCES:
            if day not in skipped:
                dates.append(day)
            day += step
    return dates


def _nth_weekday_of(year: int, month: int, weekday: int, nth: int) -> dt.date | None:
    first_weekday, days = calendar.monthrange(year, month)
    day = 1 + (weekday - first_weekday) % 7 + 7 * (nth - 1)
    return dt.date(year, month, day) if day <= days else None


# Every dash a Japanese keyboard or IME gives (ー, −, ‐, –, —…) is a hyphen in a phone number.
_DASHES = str.maketrans({c: "-" for c in "ー－−‐‑‒–—―ｰ"})
_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{4,22}[0-9]$")


def check_phone(value: object) -> str:
    """A contact phone number as kept: full-width digits made plain, only digits, spaces,
    hyphens, brackets and a leading +, 6 to 15 digits; never a 個人番号 (the privacy guard)."""
    if not isinstance(value, str):
        raise ValidationError("phone", "電話番号が正しくありません。", "Not a phone number.")
    text = " ".join(unicodedata.normalize("NFKC", value).translate(_DASHES).split())
    digits = sum(ch.isdigit() for ch in text)
    if not _PHONE.match(text) or not 6 <= digits <= 15:
        raise ValidationError(
            "phone",
            "電話番号は数字とハイフンで書いてください（例: 0120-95-0178）。",
            "Write the phone number with digits and hyphens (e.g. 0120-95-0178).",
        )
    check_free_text("phone", text)
    return text
