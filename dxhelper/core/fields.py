"""The free-text fields: their names as a user sees them, and how long each may be.

The limits are declared here once; the store, bundle validation and every dialog's input
field use them, so a dialog never accepts text the store would refuse.
"""

from __future__ import annotations

MAX_NAME = 40  # a person's, a volunteer's, a venue's or a device's name; a municipality
MAX_KANA = 2 * MAX_NAME  # a reading in kana is longer than the name it reads
MAX_NOTE = 2000
MAX_REASON = 5 * MAX_NAME  # why a handover item was skipped
MAX_CONSENT_VERSION = 20
MAX_DOMAIN = 200  # a trusted QR domain typed in Settings
MAX_COUNT = 999  # people counted in one age band, lessons in one session
MAX_TOPIC = 30  # a consultation's topic when it is "other" (a few words, not a story)
MAX_DISTRICT = 20  # a 地区 or 町内会 name, to tell two people of one name apart (no addresses)

# Field name (as used in messages and validation) -> the longest text it takes.
LIMITS: dict[str, int] = {
    "display_name": MAX_NAME,
    "nickname": MAX_NAME,
    "kana": MAX_KANA,
    "note": MAX_NOTE,
    "venue_name": MAX_NAME,
    "municipality": MAX_NAME,
    "volunteer_name": MAX_NAME,
    "installation_name": MAX_NAME,
    "consent_version": MAX_CONSENT_VERSION,
    "reason": MAX_REASON,
    "recipient": MAX_NAME,
    "volunteer": MAX_NAME,
    "venue": MAX_NAME,
    "domain": MAX_DOMAIN,
    "district": MAX_DISTRICT,
    "topic_note": MAX_TOPIC,
    "plan_title": MAX_NAME,
    "reason_note": MAX_TOPIC,
}

_LABELS: dict[str, tuple[str, str]] = {
    "topic_note": ("相談の内容", "consultation topic"),
    "plan_title": ("教室の名前", "class title"),
    "reason_note": ("理由", "reason"),
    "phone": ("電話番号", "phone number"),
    "display_name": ("名前", "name"),
    "nickname": ("呼び名", "nickname"),
    "kana": ("ふりがな", "kana reading"),
    "note": ("メモ", "note"),
    "venue_name": ("会場名", "venue name"),
    "municipality": ("市区町村", "municipality"),
    "volunteer_name": ("推進委員の名前", "volunteer name"),
    "installation_name": ("この端末の名前", "device name"),
    "consent_version": ("同意文の版", "consent text version"),
    "reason": ("理由", "reason"),
    "recipient": ("送り先", "recipient"),
    "file_name": ("ファイル名", "file name"),
    "volunteer": ("お名前", "your name"),
    "venue": ("会場名", "venue name"),
    "district": ("地区", "district"),
}


def field_label(field: str, lang: str = "ja") -> str:
    ja, en = _LABELS.get(field, (field, field))
    return en if lang == "en" else ja


def max_length(field: str) -> int:
    """The longest text `field` takes (a KeyError for a field that has no declared limit)."""
    return LIMITS[field]
