"""Every row of a bundle against the schema, before anything is written.

Each column has one checker: the type, the shape (UUID, UTC stamp, date, HH:MM, lesson or step
id), the allowed values, the length, and for free text the same cleaning and privacy guard the
Store applies when a volunteer types it. Every id column has a shape: the writer emits UUIDs
(store.new_id) and the lesson and step ids of lesson files (parser.ID_PATTERN), and an id that
holds a 個人番号 or a PIN is refused like free text (issue 16). A resident's row is also checked
as a whole, for a 個人番号 split across its fields. A checker returns the value to store or
raises RowProblem, which never repeats the offending text (it may be a 個人番号).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

from dxhelper.core.errors import ValidationError
from dxhelper.core.fields import MAX_COUNT, max_length
from dxhelper.core.lessons.parser import ID_PATTERN
from dxhelper.core.models import AgeBand, HandoverItem, SessionKind, StepState, VolunteerRole
from dxhelper.core.planning import (
    MAX_CAPACITY,
    Attended,
    Every,
    OutcomeReason,
    OutcomeState,
    PlanStatus,
    SignupStatus,
    check_phone,
)
from dxhelper.core.privacy import check_free_text, check_record_texts, may_hold_secret
from dxhelper.core.text import require_text
from dxhelper.store import BUNDLE_COLUMNS, NATURAL_KEYS, REMOVABLE, TOPICS, UNNAMED_COLUMNS


class RowProblem(Exception):
    def __init__(self, column: str, ja: str, en: str) -> None:
        super().__init__(en)
        self.column = column
        self.ja = ja
        self.en = en


Checker = Callable[[str, Any], Any]

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
# stamp() in the store: fixed width, UTC, microseconds, so text order is time order.
_STAMP = re.compile(
    r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{6}Z$"
)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_MAX_ID = 64  # a lesson or step id (the Store's limit for them)


def _shape(column: str, ja: str, en: str) -> RowProblem:
    return RowProblem(
        column, f"{column} の値が正しくありません（{ja}）。", f"{column} is not {en}."
    )


def _is_lesson_id(value: str) -> bool:
    """A lesson or step id as a lesson file may spell it (parser.ID_PATTERN: lower-case words
    of a-z and 0-9 joined by single hyphens), at most 64 characters, and nothing the privacy
    guard would refuse ("1234-5678-9018" fits the pattern; it is a 個人番号)."""
    if len(value) > _MAX_ID or not ID_PATTERN.match(value):
        return False
    try:
        check_free_text("note", value)
    except ValidationError:
        return False
    return True


def removal_key_value(column: str, value: Any) -> str:
    """A removed row's identity: a UUID, then maybe a UUID or a lesson id, space-joined."""
    parts = value.split(" ") if isinstance(value, str) else []
    if (
        not 1 <= len(parts) <= 2
        or not _UUID.match(parts[0])
        or not all(_UUID.match(part) or _is_lesson_id(part) for part in parts[1:])
    ):
        raise _shape(column, "取り消した行のIDではありません", "a removed row's identity")
    return value


def uuid_value(column: str, value: Any) -> str:
    if not isinstance(value, str) or not _UUID.match(value):
        raise _shape(column, "UUIDではありません", "a UUID")
    return value


def stamp_value(column: str, value: Any) -> str:
    if not isinstance(value, str) or not _STAMP.match(value):
        raise _shape(
            column, "UTCの日時ではありません", "a UTC time like 2026-04-01T01:30:00.000000Z"
        )
    return value


def date_value(column: str, value: Any) -> str:
    try:
        if isinstance(value, str) and _DATE.match(value):
            dt.date.fromisoformat(value)
            return value
    except ValueError:
        pass
    raise _shape(column, "日付ではありません", "a date like 2026-04-01")


def hhmm_value(column: str, value: Any) -> str:
    if not isinstance(value, str) or not _HHMM.match(value):
        raise _shape(column, "「09:30」の形の時刻ではありません", "a time like 09:30")
    return value


def lesson_id_value(column: str, value: Any) -> str:
    """A lesson's or a step's id (never shown back: it may be what the guard refused)."""
    if not isinstance(value, str) or not _is_lesson_id(value):
        raise _shape(
            column,
            "講座・手順のID（英小文字・数字・ハイフン）ではありません",
            "a lesson or step id of a-z, 0-9 and single hyphens",
        )
    return value


def nullable(check: Checker) -> Checker:
    def checked(column: str, value: Any) -> Any:
        return None if value is None else check(column, value)

    return checked


def enum_value(values: list[str]) -> Checker:
    allowed = frozenset(values)
    listed = ", ".join(values)

    def checked(column: str, value: Any) -> str:
        if not isinstance(value, str) or value not in allowed:
            raise RowProblem(
                column,
                f"{column} の値は次のどれかです: {listed}。",
                f"{column} must be one of: {listed}.",
            )
        return value

    return checked


def int_value(low: int, high: int) -> Checker:
    def checked(column: str, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise RowProblem(
                column,
                f"{column} は{low}〜{high}の整数です。",
                f"{column} must be a whole number from {low} to {high}.",
            )
        return value

    return checked


# privacy.may_hold_secret: False when the guard cannot possibly object (no digit of any script
# or width, fewer than four kanji digits). Most names and notes have none, and skipping the
# guard's character-by-character work on them takes about a fifth off checking a demo bundle
# of 5,000 residents.


def safe_to_show(text: str, limit: int = 80) -> str:
    """A name taken from a bundle (a member, a column), fit to repeat in a message: cut short,
    and withheld entirely if the privacy guard would object to it."""
    try:
        if may_hold_secret(text):
            check_free_text("note", text)
    except ValidationError:
        return "(…)"
    return text[:limit] + ("…" if len(text) > limit else "")


def text_value(field: str, *, allow_empty: bool = False) -> Checker:
    """Free text, cleaned as the Store cleans it and refused if it holds a 個人番号 or a PIN."""
    max_len = max_length(field)

    def checked(column: str, value: Any) -> str:
        try:
            cleaned = require_text(field, value, max_len=max_len, allow_empty=allow_empty)
            if may_hold_secret(cleaned):
                check_free_text(field, cleaned)
        except ValidationError as exc:
            raise RowProblem(column, f"{column}: {exc.ja}", f"{column}: {exc.en}") from None
        return cleaned

    return checked


def lesson_list_value(column: str, value: Any) -> str:
    """Lesson ids joined by spaces (a plan's lessons), each following the lesson-id rules."""
    if not isinstance(value, str) or len(value) > 2000:
        raise RowProblem(
            column, f"{column}: 講座の一覧が正しくありません。", f"{column}: not a lesson list."
        )
    for part in value.split():
        lesson_id_value(column, part)
    return " ".join(value.split())


def team_value(column: str, value: Any) -> str:
    """A plan's volunteers: "volunteer-id:role" joined by spaces."""
    if not isinstance(value, str) or len(value) > 2000:
        raise RowProblem(
            column, f"{column}: 推進委員の一覧が正しくありません。", f"{column}: not a team."
        )
    roles = {r.value for r in VolunteerRole}
    for part in value.split():
        volunteer, _, role = part.partition(":")
        uuid_value(column, volunteer)
        if role not in roles:
            raise RowProblem(
                column, f"{column}: 役割が正しくありません。", f"{column}: unknown role."
            )
    return " ".join(value.split())


def phone_value(column: str, value: Any) -> str:
    """A phone number as the Store keeps it (digits and separators), never a 個人番号."""
    try:
        return check_phone(value)
    except ValidationError as exc:
        raise RowProblem(column, f"{column}: {exc.ja}", f"{column}: {exc.en}") from None


_SHARED_CHECKS: dict[str, Checker] = {
    "created_at": stamp_value,
    "updated_at": stamp_value,
    "origin": uuid_value,
}

COLUMN_CHECKS: dict[str, dict[str, Checker]] = {
    "volunteers": {
        "id": uuid_value,
        "display_name": text_value("volunteer_name"),
        **_SHARED_CHECKS,
    },
    "venues": {
        "id": uuid_value,
        "name": text_value("venue_name"),
        "municipality": text_value("municipality", allow_empty=True),
        **_SHARED_CHECKS,
    },
    "residents": {
        "id": uuid_value,
        "display_name": text_value("display_name"),
        "kana": text_value("kana", allow_empty=True),
        "nickname": text_value("nickname", allow_empty=True),
        "age_band": enum_value([b.value for b in AgeBand]),
        "consent_date": date_value,
        "consent_version": text_value("consent_version"),
        "note": text_value("note", allow_empty=True),
        "district": text_value("district", allow_empty=True),
        **_SHARED_CHECKS,
    },
    "sessions": {
        "id": uuid_value,
        "date": date_value,
        "start_time": hhmm_value,
        "end_time": nullable(hhmm_value),
        "venue_id": uuid_value,
        "volunteer_id": uuid_value,
        "kind": enum_value([k.value for k in SessionKind]),
        **{column: int_value(0, MAX_COUNT) for column in UNNAMED_COLUMNS.values()},
        "note": text_value("note", allow_empty=True),
        "topic": enum_value(["", *TOPICS]),
        "topic_note": text_value("topic_note", allow_empty=True),
        **_SHARED_CHECKS,
    },
    "session_volunteers": {
        "id": uuid_value,
        "session_id": uuid_value,
        "volunteer_id": uuid_value,
        "role": enum_value([r.value for r in VolunteerRole]),
        "removed": int_value(0, 1),
        **_SHARED_CHECKS,
    },
    "attendance": {
        "id": uuid_value,
        "session_id": uuid_value,
        "resident_id": uuid_value,
        **_SHARED_CHECKS,
    },
    "session_lessons": {
        "id": uuid_value,
        "session_id": uuid_value,
        "lesson_id": lesson_id_value,
        "position": int_value(0, MAX_COUNT),
        **_SHARED_CHECKS,
    },
    "progress": {
        "id": uuid_value,
        "resident_id": uuid_value,
        "lesson_id": lesson_id_value,
        "step_id": lesson_id_value,
        "state": enum_value([s.value for s in StepState]),
        "session_id": nullable(uuid_value),
        "volunteer_id": nullable(uuid_value),
        "at": stamp_value,
        **_SHARED_CHECKS,
    },
    "handover": {
        "id": uuid_value,
        "session_id": uuid_value,
        "item": enum_value([i.value for i in HandoverItem]),
        "done": int_value(0, 1),
        "reason": text_value("reason", allow_empty=True),
        **_SHARED_CHECKS,
    },
    "series": {
        "id": uuid_value,
        "title": text_value("plan_title"),
        "kind": enum_value([k.value for k in SessionKind]),
        "venue_id": uuid_value,
        "start_time": hhmm_value,
        "end_time": hhmm_value,
        "capacity": int_value(0, MAX_CAPACITY),
        "every": enum_value([e.value for e in Every]),
        "first_date": date_value,
        "until_date": date_value,
        "lessons": lesson_list_value,
        "team": team_value,
        **_SHARED_CHECKS,
    },
    "plans": {
        "id": uuid_value,
        "series_id": nullable(uuid_value),
        "date": date_value,
        "start_time": hhmm_value,
        "end_time": hhmm_value,
        "venue_id": uuid_value,
        "kind": enum_value([k.value for k in SessionKind]),
        "title": text_value("plan_title"),
        "capacity": int_value(0, MAX_CAPACITY),
        "lessons": lesson_list_value,
        "team": team_value,
        "status": enum_value([s.value for s in PlanStatus]),
        "session_id": nullable(uuid_value),
        **_SHARED_CHECKS,
    },
    "signups": {
        "id": uuid_value,
        "plan_id": uuid_value,
        "resident_id": uuid_value,
        "status": enum_value([s.value for s in SignupStatus]),
        "attended": enum_value([a.value for a in Attended]),
        "signed_up_at": stamp_value,
        **_SHARED_CHECKS,
    },
    "outcomes": {
        "id": uuid_value,
        "resident_id": uuid_value,
        "lesson_id": lesson_id_value,
        "state": enum_value([s.value for s in OutcomeState]),
        "reason": enum_value([r.value for r in OutcomeReason]),
        "reason_note": text_value("reason_note", allow_empty=True),
        **_SHARED_CHECKS,
    },
    "resident_phones": {
        "id": uuid_value,
        "phone": phone_value,
        "consent_date": date_value,
        **_SHARED_CHECKS,
    },
    "tombstones": {
        "id": uuid_value,
        "table_name": enum_value(["residents"]),
        "erased_at": stamp_value,
        "origin": uuid_value,
    },
    "removals": {
        "id": uuid_value,
        "table_name": enum_value(list(REMOVABLE)),
        "key": removal_key_value,
        "removed_at": stamp_value,
        "origin": uuid_value,
    },
}

# Columns a bundle of an earlier format did not have, and the value they then mean.
ADDED_COLUMNS: dict[int, dict[str, dict[str, Any]]] = {
    2: {"residents": {"district": ""}},
    3: {"sessions": {"topic": "", "topic_note": ""}},
}

# (column, the table it refers to); where a null is allowed, the column's checker says so.
REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "sessions": (("venue_id", "venues"), ("volunteer_id", "volunteers")),
    "session_volunteers": (("session_id", "sessions"), ("volunteer_id", "volunteers")),
    "attendance": (("session_id", "sessions"), ("resident_id", "residents")),
    "session_lessons": (("session_id", "sessions"),),
    "progress": (
        ("resident_id", "residents"),
        ("session_id", "sessions"),
        ("volunteer_id", "volunteers"),
    ),
    "handover": (("session_id", "sessions"),),
    "series": (("venue_id", "venues"),),
    "plans": (("series_id", "series"), ("venue_id", "venues"), ("session_id", "sessions")),
    "signups": (("plan_id", "plans"), ("resident_id", "residents")),
    "outcomes": (("resident_id", "residents"),),
    "resident_phones": (("id", "residents"),),
}

_NATURAL_KEY_AT: dict[str, tuple[int, ...]] = {
    table: tuple(BUNDLE_COLUMNS[table].index(c) for c in key) for table, key in NATURAL_KEYS.items()
}


def check_row(table: str, row: Mapping[str, Any], version: int | None = None) -> tuple[Any, ...]:
    """The row's values in BUNDLE_COLUMNS order, each checked; RowProblem names the column.
    A row of an earlier bundle format (`version`) gets the columns added since as defaults."""
    checks = COLUMN_CHECKS[table]
    if version is not None:
        for added_in, tables in ADDED_COLUMNS.items():
            if version < added_in:
                row = {**tables.get(table, {}), **row}
    if len(row) != len(checks) or row.keys() != checks.keys():
        unknown = [c for c in row if c not in checks]
        if unknown:
            name = safe_to_show(str(unknown[0]), 40)
            raise RowProblem(name, f"知らない列「{name}」があります。", f"unknown column '{name}'.")
        missing = next(c for c in checks if c not in row)
        raise RowProblem(
            missing, f"列「{missing}」がありません。", f"column '{missing}' is missing."
        )
    values = tuple(check(column, row[column]) for column, check in checks.items())
    if table == "residents":
        _check_resident_as_a_whole(dict(zip(checks, values, strict=True)))
    return values


# The resident's free-text columns checked together, as Store._resident_values does: a number
# split across them. Each column is also the Store's field name.
_RESIDENT_TEXT = ("display_name", "kana", "nickname", "district", "note")


def _check_resident_as_a_whole(row: Mapping[str, Any]) -> None:
    texts = {column: row[column] for column in _RESIDENT_TEXT}
    if not any(may_hold_secret(text) for text in texts.values() if text):
        return
    try:
        check_record_texts(texts)
    except ValidationError as exc:
        raise RowProblem(exc.field, f"{exc.field}: {exc.ja}", f"{exc.field}: {exc.en}") from None


def natural_key(table: str, row: tuple[Any, ...]) -> tuple[Any, ...] | None:
    at = _NATURAL_KEY_AT.get(table)
    return tuple(row[i] for i in at) if at else None
