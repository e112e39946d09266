"""Checks of single values the store's modules share (the Store and planning): a cleaned
free text through the privacy guard, a time, a date, a session kind, a lesson or step id."""

from __future__ import annotations

import datetime as dt
import re

from dxhelper.core.errors import ValidationError
from dxhelper.core.fields import max_length
from dxhelper.core.models import SessionKind
from dxhelper.core.privacy import check_free_text
from dxhelper.core.text import require_text

_ID_PART = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def checked(field: str, value: str, *, allow_empty: bool = False) -> str:
    cleaned = require_text(field, value, max_len=max_length(field), allow_empty=allow_empty)
    check_free_text(field, cleaned)
    return cleaned


def end_after_start(start: str, end: str | None) -> None:
    if end is not None and end < start:
        raise ValidationError(
            "end_time",
            f"終了時刻（{end}）が開始時刻（{start}）より前になっています。",
            f"The end time ({end}) is before the start time ({start}).",
        )


def kind(kind: SessionKind | str) -> SessionKind:
    try:
        return SessionKind(kind)
    except ValueError:
        raise ValidationError(
            "kind", f"セッションの種類が正しくありません: {kind}", f"Unknown session kind: {kind}"
        ) from None


def session_date(value: dt.date) -> str:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ValidationError("date", "日付が正しくありません。", "The date is not valid.")
    return value.isoformat()


def hhmm(field: str, value: str | None) -> str:
    if not isinstance(value, str) or not _HHMM.match(value):
        raise ValidationError(
            field,
            f"時刻は「09:30」の形で入力してください（{value}）。",
            f"Times are written like 09:30 (got {value}).",
        )
    return value


def id_part(field: str, value: str) -> str:
    if not isinstance(value, str) or not _ID_PART.match(value):
        raise ValidationError(
            field,
            f"IDは半角英小文字・数字・ハイフンで書いてください: {value!r}",
            f"Ids use lower-case letters, digits and hyphens: {value!r}",
        )
    return value
